// SPDX-License-Identifier: GPL-3.0-or-later
// The API's shapes as the UI reads them (docs/api.md); the domain types come from the pipeline's own sources.

import type { Track, TrackCategory, TransponderState } from '../../src/fusion/track.ts';
import type { Alert, AlertEvent, ComplianceEvent, Encounter } from '../../src/safety/types.ts';
import type { FlightNotification } from '../../src/server/picture.ts';
import type { HistoryPoint } from '../../src/store/picture.ts';

export type { Alert, AlertEvent, ComplianceEvent, Encounter, HistoryPoint, Track, TrackCategory, TransponderState };

export const CATEGORIES: readonly TrackCategory[] = ['civil', 'military', 'state', 'unknown'];
export const TRANSPONDER_STATES: readonly TransponderState[] = ['on', 'off', 'never'];

export interface DemoParty {
  party: string;
  name: string;
  token: string;
}

export interface Sensor {
  id: string;
  party: string;
  kind: string;
  lat: number;
  lon: number;
  maxRangeNm: number;
}

export interface AlertAck {
  party: string;
  timeMs: number;
  entryIndex: number;
}

/** An alert as GET /alerts lists it. */
export type ListedAlert = Alert & { ended: boolean; endMs?: number; acks: AlertAck[] };

export interface AckResult {
  entryIndex: number;
  party: string;
  leafHash: string;
}

export interface ReplayTrack {
  trackId: number;
  callsign?: string;
  category: TrackCategory;
  points: HistoryPoint[];
}

export interface Replay {
  encounter: Encounter;
  fromMs: number;
  toMs: number;
  tracks: ReplayTrack[];
}

export interface PartyCompliance {
  party: string;
  flightHours: number;
  transponderOnShare: number;
  darkHours: number;
  darkEncounters: number;
  notifiedShare: number;
  flownAsNotifiedShare: number;
}

export interface ComplianceResponse {
  parties: PartyCompliance[];
  flights: unknown[];
  events: ComplianceEvent[];
}

/** A flight notification of the shared log and how it stands against what flies (docs/api.md). */
export type Notification = FlightNotification;

export interface LedgerEntry {
  index: number;
  kind: string;
  party: string;
  timeMs: number;
  payload: unknown;
  signature: string;
  leafHash: string;
}

export interface Checkpoint {
  size: number;
  rootHash: string;
  cosignatures: { party: string; signature: string }[];
}

export interface VerifyResult {
  ok: boolean;
  size: number;
  rootHash: string;
  problems: string[];
}

export interface Health {
  timeMs: number;
  feeds: { id: string; party: string; format: string; connected: boolean; messages: number; ratePerS: number; rejected: Record<string, number> }[];
  tracks: number;
  alerts: number;
}

/** Messages of the live stream. */
export type StreamMessage =
  | { type: 'tracks'; timeMs: number; tracks: Track[] }
  | { type: 'alert'; event: AlertEvent }
  | { type: 'encounter'; encounter: Encounter }
  | { type: 'ledger'; size: number };
