// SPDX-License-Identifier: GPL-3.0-or-later
// What the safety monitors emit: STCA alerts, encounters (airprox) and transponder-compliance events.
// Plain serializable values (NDJSON, API, store, ledger payloads). Units: metres, seconds, degrees.

import type { TrackCategory, TransponderState } from '../fusion/track.ts';

/** One aircraft of a pair, as it was when the event was raised. */
export interface PairMember {
  trackId: number;
  icao?: string;
  callsign?: string;
  category: TrackCategory;
  transponder: TransponderState;
}

/** STCA alert severity: high when separation is already lost or will be within half the look-ahead. */
export type AlertSeverity = 'high' | 'low';

export interface Alert {
  /** Stable id for the run: `stca-<first track>-<second track>-<start time ms>`. */
  alertId: string;
  /** The pair, lower trackId first. */
  members: [PairMember, PairMember];
  severity: AlertSeverity;
  /** Time of the cycle that produced this state, ms. */
  timeMs: number;
  /** When the alert was first confirmed, ms. */
  startMs: number;
  /** Time to closest approach from timeMs, s (0 when diverging or already at the closest point). */
  tcpaS: number;
  /** Predicted horizontal miss distance at closest approach, m. */
  dcpaM: number;
  /** Predicted vertical separation at closest approach, m (absent when either altitude is unknown). */
  vertCpaM?: number;
  /** Current horizontal and vertical separation, m. */
  horizNowM: number;
  vertNowM?: number;
  /** Predicted position of the midpoint of the pair at closest approach, WGS84 degrees. */
  cpaLat: number;
  cpaLon: number;
  /** True when the protected volume is already infringed. */
  losNow: boolean;
}

/** The alert lifecycle, as the STCA emits it. */
export type AlertEvent =
  | { type: 'new'; alert: Alert }
  | { type: 'update'; alert: Alert }
  | { type: 'end'; alertId: string; timeMs: number };

/** ICAO airprox risk classes: A risk of collision, B safety not assured, C no risk, D not determined, E normal procedures. */
export type RiskClass = 'A' | 'B' | 'C' | 'D' | 'E';

export type EncounterGeometry = 'head-on' | 'crossing' | 'overtaking';

export interface Encounter {
  /** Stable id for the run: `enc-<first track>-<second track>-<cpa time ms>`. */
  encounterId: string;
  members: [PairMember, PairMember];
  /** Closest point of approach: time, horizontal, vertical and slant distance. */
  cpaMs: number;
  horizM: number;
  vertM?: number;
  slantM: number;
  /** Position of the pair's midpoint at the closest point, WGS84 degrees. */
  cpaLat: number;
  cpaLon: number;
  /** The pair's relative horizontal speed at the closest point, m/s (the range rate itself is zero there). */
  closureMps: number;
  geometry: EncounterGeometry;
  riskClass: RiskClass;
  /** Why this class: the rule that decided it, in words. */
  riskReason: string;
  /** Track ids that were dark (transponder off or never) at the closest point. */
  darkTrackIds: number[];
  /** Whether each aircraft's ACAS could have seen the other (needs the other's transponder on). */
  acasVisible: boolean;
  /** Sensors that saw either aircraft around the closest point. */
  sensors: string[];
  /** When the encounter window opened and closed (below the thresholds), ms. */
  startMs: number;
  endMs: number;
}

export type ComplianceEventType = 'dark-appeared' | 'transponder-off' | 'transponder-on' | 'unnotified-flight' | 'deviation' | 'no-show';

export interface ComplianceEvent {
  type: ComplianceEventType;
  timeMs: number;
  trackId?: number;
  icao?: string;
  callsign?: string;
  category?: TrackCategory;
  /** The party the aircraft is attributed to (by address range or notification), when known. */
  party?: string;
  lat?: number;
  lon?: number;
  /** For notification events: the notification's id. */
  notificationId?: string;
  detail?: string;
}
