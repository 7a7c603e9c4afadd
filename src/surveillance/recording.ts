// SPDX-License-Identifier: GPL-3.0-or-later
// A recording: each sensor's wire stream in a file, and a manifest (recording.json) that says which sensor wrote
// which file in which format, where the sensor stands and when the recording started (the reference for
// receiver counters and ASTERIX times of day). `jointsky sim --out` writes one; `jointsky track` reads it.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { readSource } from '../asterix/io/source.ts';
import { ConfigError, parseConfig } from '../core/config.ts';
import { createFeedDecoder, type FeedDecoder, WIRE_FORMATS, type WireFormat } from './feed.ts';
import type { Report } from './report.ts';
import { type SensorConfig, SensorConfigSchema, SensorRegistry } from './sensors.ts';

export const RECORDING_FORMAT = 'jointsky-recording/1';
export const MANIFEST_NAME = 'recording.json';

export const RecordingSchema = z
  .object({
    format: z.literal(RECORDING_FORMAT),
    /** Where it came from (a scenario name, a site), for people. */
    name: z.string().default(''),
    /** Start of the recording, ms since the epoch: zero of the receivers' 12 MHz counters, and the date of ASTERIX times of day. */
    startMs: z.number().int(),
    feeds: z
      .array(
        z
          .object({
            /** Path of the stream, relative to the manifest. */
            file: z.string().min(1),
            format: z.enum(WIRE_FORMATS as [WireFormat, ...WireFormat[]]),
            sensor: SensorConfigSchema,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type Recording = z.output<typeof RecordingSchema>;

/** Reads and validates a manifest (a recording.json, or a directory holding one). */
export function readRecording(path: string): { recording: Recording; dir: string; registry: SensorRegistry } {
  let file = path;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EISDIR') throw new ConfigError(`${path}: cannot read: ${(err as Error).message}`);
    file = join(path, MANIFEST_NAME);
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(`${path}: a directory without ${MANIFEST_NAME} (write recordings with jointsky sim --out DIR)`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: not JSON: ${(err as Error).message}`);
  }
  const recording = parseConfig(RecordingSchema, json, file);
  const registry = SensorRegistry.fromConfig(
    recording.feeds.map((f) => f.sensor),
    `${file} (feeds[].sensor)`,
  );
  return { recording, dir: dirname(file), registry };
}

/**
 * Decodes every feed of a recording: its Reports in time order (ties keep feed order) and each feed's decoder with
 * its counters. A shared registry (holding the sensors of several recordings) may replace the recording's own.
 */
export function recordingReports(
  path: string,
  shared?: SensorRegistry,
): { reports: Report[]; feeds: FeedDecoder[]; recording: Recording; registry: SensorRegistry } {
  const read = readRecording(path);
  const { recording, dir } = read;
  const registry = shared ?? read.registry;
  const feeds: FeedDecoder[] = [];
  const perFeed: Report[][] = [];
  for (const f of recording.feeds) {
    const sensor = registry.get(f.sensor.id);
    if (sensor === undefined) throw new ConfigError(`${path}: sensor '${f.sensor.id}' is not in the registry`);
    const feed = createFeedDecoder(f.format, sensor, registry, { counterEpochMs: recording.startMs });
    const bytes = readFileSync(join(dir, f.file));
    const out: Report[] = [];
    if (f.format === 'asterix') {
      const source = readSource(bytes);
      if (source.error !== undefined) feed.counters.reject('capture-error');
      // a raw block file has no times: each datagram dates itself from the last report before it
      let referenceMs = recording.startMs;
      for (const d of source.datagrams) {
        feed.push(d.payload, d.timeMs ?? referenceMs, out);
        if (out.length > 0) referenceMs = out[out.length - 1].timeMs;
      }
    } else feed.push(bytes, Number.NaN, out);
    feed.end(out);
    out.sort((a, b) => a.timeMs - b.timeMs);
    feeds.push(feed);
    perFeed.push(out);
  }
  return { reports: mergeByTime(perFeed), feeds, recording, registry };
}

/** k-way merge of time-ordered lists; equal times keep list order. */
export function mergeByTime(lists: readonly Report[][]): Report[] {
  const out: Report[] = [];
  const pos = lists.map(() => 0);
  for (;;) {
    let best = -1;
    let bestT = Number.POSITIVE_INFINITY;
    for (let i = 0; i < lists.length; i++) {
      const r = lists[i][pos[i]];
      if (r !== undefined && r.timeMs < bestT) {
        best = i;
        bestT = r.timeMs;
      }
    }
    if (best < 0) return out;
    out.push(lists[best][pos[best]++]);
  }
}

/**
 * Several recordings decoded together: one registry for all their sensors (a sensor id used twice is an error),
 * every Report in time order, the earliest start.
 */
export function recordingsReports(paths: readonly string[]): { reports: Report[]; feeds: FeedDecoder[]; registry: SensorRegistry; startMs: number } {
  const configs: SensorConfig[] = [];
  const where = new Map<string, string>();
  for (const p of paths) {
    for (const f of readRecording(p).recording.feeds) {
      const other = where.get(f.sensor.id);
      if (other !== undefined) throw new ConfigError(`sensor '${f.sensor.id}' is in both ${other} and ${p}`);
      where.set(f.sensor.id, p);
      configs.push(f.sensor);
    }
  }
  const registry = SensorRegistry.fromConfig(configs, 'recordings');
  const runs = paths.map((p) => recordingReports(p, registry));
  return {
    reports: mergeByTime(runs.map((x) => x.reports)),
    feeds: runs.flatMap((x) => x.feeds),
    registry,
    startMs: Math.min(...runs.map((x) => x.recording.startMs)),
  };
}

/** Whether a path names a recording (a directory with recording.json, or the manifest itself). */
export function isRecording(path: string): boolean {
  if (path.endsWith(MANIFEST_NAME)) return existsSync(path);
  return existsSync(join(path, MANIFEST_NAME));
}
