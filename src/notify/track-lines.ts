// SPDX-License-Identifier: GPL-3.0-or-later
// Reading recorded tracks: one TrackEvent (src/fusion/track.ts) per NDJSON line, checked for the fields the
// notification monitor reads. A bad line gives a reason, never an exception.

import type { Track, TrackEvent } from '../fusion/track.ts';

const CATEGORIES = ['civil', 'military', 'state', 'unknown'];
const TRANSPONDER = ['on', 'off', 'never'];
const STATUS = ['tentative', 'confirmed', 'coasting'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function trackProblem(t: Record<string, unknown>): string | undefined {
  if (!(num(t.trackId) && Number.isInteger(t.trackId))) return 'track.trackId must be a whole number';
  if (!num(t.timeMs)) return 'track.timeMs must be a number (ms since 1970)';
  if (!num(t.lat) || Math.abs(t.lat) > 90) return 'track.lat must be a latitude in degrees';
  if (!num(t.lon) || Math.abs(t.lon) > 180) return 'track.lon must be a longitude in degrees';
  if (t.altM !== undefined && !num(t.altM)) return 'track.altM must be a number (m) when given';
  if (t.altSource !== undefined && t.altSource !== 'baro' && t.altSource !== 'gnss') return "track.altSource must be 'baro' or 'gnss'";
  if (!CATEGORIES.includes(t.category as string)) return `track.category must be one of ${CATEGORIES.join(', ')}`;
  if (!TRANSPONDER.includes(t.transponder as string)) return `track.transponder must be one of ${TRANSPONDER.join(', ')}`;
  if (t.status !== undefined && !STATUS.includes(t.status as string)) return `track.status must be one of ${STATUS.join(', ')}`;
  for (const k of ['icao', 'callsign', 'squawk']) if (t[k] !== undefined && typeof t[k] !== 'string') return `track.${k} must be a string when given`;
  if (t.onGround !== undefined && typeof t.onGround !== 'boolean') return 'track.onGround must be true or false when given';
  return undefined;
}

/** Parses one NDJSON line as a TrackEvent. */
export function parseTrackEventLine(line: string): { ok: true; event: TrackEvent } | { ok: false; reason: string } {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `not JSON (${(err as Error).message})` };
  }
  if (!isRecord(v)) return { ok: false, reason: 'not a JSON object' };
  if (v.type === 'update') {
    if (!isRecord(v.track)) return { ok: false, reason: 'an update needs "track": {...}' };
    const problem = trackProblem(v.track);
    if (problem) return { ok: false, reason: problem };
    const t = v.track as unknown as Track;
    return { ok: true, event: { type: 'update', track: { ...t, status: t.status ?? 'confirmed' } } };
  }
  if (v.type === 'delete') {
    if (!(num(v.trackId) && Number.isInteger(v.trackId)) || !num(v.timeMs)) return { ok: false, reason: 'a delete needs trackId and timeMs' };
    return { ok: true, event: { type: 'delete', trackId: v.trackId, timeMs: v.timeMs, reason: (v.reason as 'timeout') ?? 'timeout' } };
  }
  return { ok: false, reason: `"type" must be "update" or "delete"` };
}
