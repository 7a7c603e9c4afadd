// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers for framers: collect frames and errors, feed whole or in random pieces.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FrameKind, type FrameSink, type Framer, FramingCounters, type FramingError } from '../../src/feeds/framing.ts';

/** A random integer in [lo, hi] (kept here: test/helpers/prng.ts is shared and only promises mulberry32). */
export function randInt(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'modes');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export interface Frame {
  kind: FrameKind;
  hex: string;
  timeMs: number;
  mlat12MHz: number;
  signal: number;
}

export interface Collected {
  frames: Frame[];
  errors: { reason: FramingError; detail: string; bytes: number }[];
  counters: FramingCounters;
}

export function hexOf(buf: Uint8Array, off = 0, len = buf.length): string {
  return Buffer.from(buf.buffer, buf.byteOffset + off, len).toString('hex');
}

export function collector(): { sink: FrameSink; result: Collected } {
  const counters = new FramingCounters();
  const result: Collected = { frames: [], errors: [], counters };
  const sink = counters.tee({
    frame(kind, buf, off, len, timeMs, mlat12MHz, signal) {
      result.frames.push({ kind, hex: hexOf(buf, off, len), timeMs, mlat12MHz, signal });
    },
    error(reason, detail, bytes) {
      result.errors.push({ reason, detail, bytes });
    },
  });
  return { sink, result };
}

/** Feeds `data` in one push, then ends. */
export function feedWhole(framer: Framer, data: Uint8Array): Collected {
  const { sink, result } = collector();
  framer.push(data, sink);
  framer.end(sink);
  return result;
}

/** Feeds `data` in random pieces of 0..maxPiece bytes (views and copies mixed), then ends. */
export function feedChunked(framer: Framer, data: Uint8Array, rand: () => number, maxPiece = 64): Collected {
  const { sink, result } = collector();
  let i = 0;
  while (i < data.length) {
    const n = Math.min(data.length - i, randInt(rand, 0, maxPiece));
    // Sometimes a copy, so that nothing relies on the chunk being a view of one big buffer.
    const piece = rand() < 0.5 ? data.subarray(i, i + n) : Uint8Array.from(data.subarray(i, i + n));
    framer.push(piece, sink);
    i += n;
  }
  framer.end(sink);
  return result;
}

/** Frames and error reports (reason, bytes) in a comparable form. */
export function summary(c: Collected): { frames: Frame[]; errors: string[] } {
  return { frames: c.frames, errors: c.errors.map((e) => `${e.reason}:${e.bytes}`) };
}
