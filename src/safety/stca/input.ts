// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a snapshot of aircraft states from JSON: BlueSky-style columns (lat, lon, trk, gs, alt, vs) or tracks as
// the API gives them ({tracks: Track[]} or Track[]). Bad input gives an Error naming the file and the problem.

import { z } from 'zod';
import type { Track } from '../../fusion/track.ts';
import { snapshotFromColumns, snapshotFromTracks, type StcaSnapshot, type TrafficColumns } from './snapshot.ts';

const COLUMN_NAMES = ['lat', 'lon', 'trk', 'gs', 'alt', 'vs'] as const;

const finite = z.number().refine(Number.isFinite, 'a finite number');

/** The fields the STCA reads; other fields of an API track are allowed and ignored. */
const TrackInputSchema = z.looseObject({
  trackId: z.number().int().nonnegative(),
  timeMs: z.number().optional(),
  status: z.enum(['tentative', 'confirmed', 'coasting']).optional(),
  lat: finite.min(-90).max(90),
  lon: finite.min(-180).max(180),
  altM: finite.optional(),
  velEastMps: finite,
  velNorthMps: finite,
  vrMps: finite.optional(),
  onGround: z.boolean().optional(),
  category: z.enum(['civil', 'military', 'state', 'unknown']).default('unknown'),
  transponder: z.enum(['on', 'off', 'never']).default('on'),
  icao: z.string().optional(),
  callsign: z.string().optional(),
});

export interface ParsedSnapshot {
  kind: 'columns' | 'tracks';
  snapshot: StcaSnapshot;
  /** For 'tracks': the tracks, index-aligned with `snapshot.source`. */
  tracks?: Track[];
}

/** Interprets parsed JSON as a snapshot; throws an Error naming `file` and what is wrong. */
export function parseSnapshot(value: unknown, file: string): ParsedSnapshot {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'lat' in value) {
    return { kind: 'columns', snapshot: snapshotFromColumns(parseColumns(value as Record<string, unknown>, file)) };
  }
  const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' && 'tracks' in value ? (value as { tracks: unknown }).tracks : undefined;
  if (!Array.isArray(list)) {
    throw new Error(`${file}: expected columns {lat, lon, trk, gs, alt, vs}, {tracks: [...]} or a list of tracks`);
  }
  const tracks: Track[] = [];
  const seen = new Set<number>();
  for (let k = 0; k < list.length; k++) {
    const r = TrackInputSchema.safeParse(list[k]);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new Error(`${file}: tracks[${k}]${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`);
    }
    if (seen.has(r.data.trackId)) throw new Error(`${file}: tracks[${k}].trackId: ${r.data.trackId} appears twice`);
    seen.add(r.data.trackId);
    const d = r.data;
    tracks.push({
      ...d,
      timeMs: d.timeMs ?? 0,
      lastUpdateMs: d.timeMs ?? 0,
      status: d.status ?? 'confirmed',
      vrMps: d.vrMps ?? 0,
      gsMps: Math.hypot(d.velEastMps, d.velNorthMps),
      trackDeg: 0,
      posCovM2: [0, 0, 0],
      sensors: [],
      parties: [],
      updates: 1,
      quality: 1,
    } as Track);
  }
  // Tracks of different times are predicted to the latest of them (linear motion), so the states are simultaneous.
  const times = new Set(tracks.map((t) => t.timeMs));
  const timeMs = times.size > 1 ? Math.max(...times) : undefined;
  const snapshot = snapshotFromTracks(tracks, timeMs === undefined ? {} : { timeMs });
  return { kind: 'tracks', snapshot, tracks };
}

function parseColumns(o: Record<string, unknown>, file: string): TrafficColumns {
  const cols: Partial<Record<(typeof COLUMN_NAMES)[number], number[]>> = {};
  let n = -1;
  for (const name of COLUMN_NAMES) {
    const c = o[name];
    if (!Array.isArray(c)) throw new Error(`${file}: column '${name}' is missing or not an array`);
    if (n >= 0 && c.length !== n) throw new Error(`${file}: column '${name}' has ${c.length} values, '${COLUMN_NAMES[0]}' has ${n}`);
    n = c.length;
    for (let i = 0; i < c.length; i++) {
      if (typeof c[i] !== 'number' || !Number.isFinite(c[i])) throw new Error(`${file}: ${name}[${i}] is not a finite number`);
    }
    if (name === 'lat' && c.some((x: number) => Math.abs(x) > 90)) throw new Error(`${file}: lat values must lie within ±90°`);
    cols[name] = c as number[];
  }
  return cols as TrafficColumns;
}
