// SPDX-License-Identifier: GPL-3.0-or-later
// The inputs of the track-quality metrics: truth states (from the simulator) and track states (from the
// tracker, or any system whose output is to be scored), each one a sample at one time.

import type { TruthState } from '../../sim/truth.ts';

/** The part of the simulator's `TruthState` that the metrics read; a full `TruthState` satisfies it. */
export type MetricTruth = Pick<TruthState, 'timeMs' | 'id' | 'icao' | 'callsign' | 'lat' | 'lon' | 'heightM' | 'gsMps' | 'trackDeg'>;

/**
 * One track's state at one time, as the metrics need it. The tracker adapts its `Track` to this.
 * Velocity is given either as east/north components or as ground speed and track angle (components win
 * when both are present); a track with neither is scored without velocity accuracy.
 */
export interface MetricTrack {
  /** ms since the Unix epoch. Compared for equality with truth times: sample both at the same instants. */
  timeMs: number;
  /** Stable track number. */
  trackId: string | number;
  /** WGS84 degrees. */
  lat: number;
  lon: number;
  /** Altitude, m (unused by the horizontal metrics; kept for future 3-D scoring). */
  altM?: number;
  velEastMps?: number;
  velNorthMps?: number;
  gsMps?: number;
  /** Track over ground, degrees true. */
  trackDeg?: number;
  /** Identity as the track states it, when it does. */
  icao?: string;
  callsign?: string;
}

/** Parameters of OSPA and GOSPA: cut-off distance c (m) and order p (≥ 1). */
export interface OspaParams {
  cutoffM: number;
  order: number;
}
