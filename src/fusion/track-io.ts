// SPDX-License-Identifier: GPL-3.0-or-later
// Tracks and truth as NDJSON files: one TrackEvent (or one truth state) per line, in time order
// ({"type":"update","track":{...Track}} or {"type":"delete","trackId":N,"timeMs":T,"reason":"timeout"}).
// A bad line gives a message naming what is wrong (file, line, key), never an exception.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../core/config.ts';
import type { TruthState } from '../sim/truth.ts';
import type { TrackEvent } from './track.ts';

const finite = z.number().finite();
const category = z.enum(['civil', 'military', 'state', 'unknown']);

const TrackSchema = z.object({
  trackId: z.number().int().min(0),
  timeMs: finite,
  lastUpdateMs: finite,
  status: z.enum(['tentative', 'confirmed', 'coasting']),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  altM: finite.optional(),
  altSource: z.enum(['baro', 'gnss']).optional(),
  velEastMps: finite,
  velNorthMps: finite,
  vrMps: finite,
  gsMps: finite,
  trackDeg: finite,
  posCovM2: z.tuple([finite, finite, finite]),
  icao: z
    .string()
    .regex(/^[0-9a-f]{6}$/, '6 lowercase hex digits')
    .optional(),
  callsign: z.string().optional(),
  squawk: z
    .string()
    .regex(/^[0-7]{4}$/, '4 octal digits')
    .optional(),
  emergency: z.string().optional(),
  onGround: z.boolean().optional(),
  category,
  transponder: z.enum(['on', 'off', 'never']),
  sensors: z.array(z.string()),
  parties: z.array(z.string()),
  updates: z.number().int().min(0),
  quality: z.number().min(0).max(1),
});

const EventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('update'), track: TrackSchema }),
  z.object({
    type: z.literal('delete'),
    trackId: z.number().int().min(0),
    timeMs: finite,
    reason: z.enum(['timeout', 'merged', 'implausible']),
  }),
]);

export type ParsedLine = { ok: true; event: TrackEvent } | { ok: false; error: string };

/** One line of tracks NDJSON: the event, or why it is not one (`key: problem`). */
export function parseTrackEventLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const r = EventSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    const at = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return { ok: false, error: `${at}: ${issue.message}` };
  }
  return { ok: true, event: r.data as TrackEvent };
}

/** The time of an event, ms. */
export function eventTimeMs(ev: TrackEvent): number {
  return ev.type === 'update' ? ev.track.timeMs : ev.timeMs;
}


/** Each non-empty line of an NDJSON file, parsed; a line that is not JSON is an error naming file and line. */
export function readNdjson(path: string): { value: unknown; line: number }[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${path}: cannot read: ${(err as Error).message}`);
  }
  const out: { value: unknown; line: number }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i].trim();
    if (s === '') continue;
    try {
      out.push({ value: JSON.parse(s), line: i + 1 });
    } catch {
      throw new ConfigError(`${path}:${i + 1}: not JSON`);
    }
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A tracks file: one TrackEvent per line; the first bad line is an error naming file, line and key. */
export function readTrackEvents(path: string): TrackEvent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${path}: cannot read: ${(err as Error).message}`);
  }
  const out: TrackEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const r = parseTrackEventLine(lines[i]);
    if (!r.ok) throw new ConfigError(`${path}:${i + 1}: ${r.error}`);
    out.push(r.event);
  }
  return out;
}

/** A truth file as `jointsky sim --out` writes it: one TruthState per line. */
export function readTruth(path: string): TruthState[] {
  return readNdjson(path).map(({ value, line }) => {
    if (!isObject(value) || typeof value.id !== 'string' || !isNumber(value.timeMs) || !isNumber(value.lat) || !isNumber(value.lon)) {
      throw new ConfigError(`${path}:${line}: a truth state needs id (string), timeMs, lat and lon (numbers)`);
    }
    return value as unknown as TruthState;
  });
}

/** One NDJSON line for a track event. */
export function trackEventLine(e: TrackEvent): string {
  return `${JSON.stringify(e)}\n`;
}
