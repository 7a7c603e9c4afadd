// SPDX-License-Identifier: GPL-3.0-or-later
// Ground truth: what each simulated aircraft really is and does at a moment. The motion model produces it,
// sensor models observe it (and emit wire bytes), and scoring compares tracks against it.

export type AircraftCategory = 'civil' | 'military' | 'state' | 'unknown';

/** Performance class, which bounds speed, climb and turn (see motion). */
export type AircraftClass = 'airliner' | 'bizjet' | 'turboprop' | 'fighter' | 'large-military' | 'tanker' | 'helicopter';

export interface TruthState {
  /** Simulation time, ms since the Unix epoch (the scenario's start time plus elapsed time). */
  timeMs: number;
  /** Stable id of the simulated aircraft within the scenario. */
  id: string;
  /** True identity, known to the simulator even when nothing is transmitted. */
  icao: string;
  callsign: string;
  squawk: string;
  category: AircraftCategory;
  aircraftClass: AircraftClass;
  /** ICAO type designator, e.g. 'A320', 'IL20'. */
  typeDesignator: string;
  /** WGS84 position, degrees; geometric height above the ellipsoid, m. */
  lat: number;
  lon: number;
  heightM: number;
  /** Pressure altitude, ft (what Mode C / ADS-B baro altitude report). */
  pressureAltFt: number;
  /** Ground speed (m/s), track over ground (deg true), vertical rate (m/s, positive up). */
  gsMps: number;
  trackDeg: number;
  vrMps: number;
  /** Transponder on (replies, squitters) or off (primary radar only). */
  transponder: 'on' | 'off';
  onGround: boolean;
}
