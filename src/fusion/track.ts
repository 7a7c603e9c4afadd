// SPDX-License-Identifier: GPL-3.0-or-later
// The system Track: what fusion emits and every later stage (safety, notify, server) reads.
// Units: metres, m/s and degrees (DESIGN.md). A Track is a plain, serializable value (NDJSON, API, store).

import type { Emergency } from '../modes/message.ts';

/** Who flies it, as far as identity tells: ICAO address ranges, callsign patterns and configuration. */
export type TrackCategory = 'civil' | 'military' | 'state' | 'unknown';

/**
 * The transponder as the picture sees it:
 * on: cooperative reports (ADS-B, Mode S, SSR) keep arriving;
 * off: the track had a transponder and now continues on primary plots only;
 * never: the track was born primary-only and has never been cooperative.
 */
export type TransponderState = 'on' | 'off' | 'never';

/** tentative: not yet confirmed (not shown as a system track); confirmed: live; coasting: predicted, no recent update. */
export type TrackStatus = 'tentative' | 'confirmed' | 'coasting';

export interface Track {
  /** Stable system track number, unique for the run. */
  trackId: number;
  /** Time of this state, ms since the Unix epoch (from the data). */
  timeMs: number;
  /** Time of the last measurement update, ms. */
  lastUpdateMs: number;
  status: TrackStatus;
  /** WGS84 position, degrees. */
  lat: number;
  lon: number;
  /** Altitude, m: barometric (from flight level) unless altSource says gnss; absent for a primary-only track. */
  altM?: number;
  altSource?: 'baro' | 'gnss';
  /** Horizontal velocity: east and north components, m/s. */
  velEastMps: number;
  velNorthMps: number;
  /** Vertical rate, m/s, positive up (0 when unknown). */
  vrMps: number;
  /** The same velocity as ground speed (m/s) and track over ground (degrees true). */
  gsMps: number;
  trackDeg: number;
  /** Horizontal position covariance in the local east/north plane, m²: [ee, en, nn]. */
  posCovM2: [number, number, number];
  icao?: string;
  callsign?: string;
  squawk?: string;
  emergency?: Emergency;
  onGround?: boolean;
  category: TrackCategory;
  transponder: TransponderState;
  /** Sensor ids that contributed within the recent window, sorted. */
  sensors: string[];
  /** Parties whose sensors contributed within the recent window, sorted. */
  parties: string[];
  /** Number of measurement updates so far. */
  updates: number;
  /** Track quality, 0..1: 1 = updated on time by several sensors with a small covariance. */
  quality: number;
}

/** What the tracker emits: a state (new or updated track) or the end of a track. */
export type TrackEvent =
  | { type: 'update'; track: Track }
  | { type: 'delete'; trackId: number; timeMs: number; reason: 'timeout' | 'merged' | 'implausible' };
