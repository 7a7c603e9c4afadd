// SPDX-License-Identifier: GPL-3.0-or-later
// Tracks and truth as NDJSON files: one TrackEvent (or one truth state) per line. Reading names the file and
// the line of anything that is not what it should be.

import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/config.ts';
import type { TruthState } from '../sim/truth.ts';
import type { TrackEvent } from './track.ts';

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

/** A tracks file: one TrackEvent per line ({"type":"update","track":{...}} or {"type":"delete",...}). */
export function readTrackEvents(path: string): TrackEvent[] {
  return readNdjson(path).map(({ value, line }) => {
    const at = `${path}:${line}`;
    if (!isObject(value)) throw new ConfigError(`${at}: a track event must be a JSON object`);
    if (value.type === 'update') {
      const t = value.track;
      if (!isObject(t) || !isNumber(t.trackId) || !isNumber(t.timeMs) || !isNumber(t.lat) || !isNumber(t.lon)) {
        throw new ConfigError(`${at}: an update needs track.trackId, track.timeMs, track.lat and track.lon (numbers)`);
      }
      return value as unknown as TrackEvent;
    }
    if (value.type === 'delete') {
      if (!isNumber(value.trackId) || !isNumber(value.timeMs)) throw new ConfigError(`${at}: a delete needs trackId and timeMs (numbers)`);
      return value as unknown as TrackEvent;
    }
    throw new ConfigError(`${at}: type must be 'update' or 'delete', got ${JSON.stringify(value.type)}`);
  });
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
