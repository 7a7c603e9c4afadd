// SPDX-License-Identifier: GPL-3.0-or-later
// Tracks NDJSON, the recording format `jointsky analyze` reads: one TrackEvent as JSON per line
// ({"type":"update","track":{...Track}} or {"type":"delete","trackId":N,"timeMs":T,"reason":"timeout"}), in time order.
// A bad line gives a message naming what is wrong, never an exception.

import { z } from 'zod';
import type { TrackEvent } from '../../fusion/track.ts';

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
