// SPDX-License-Identifier: GPL-3.0-or-later
// Format sniffing for `--format auto`, from the first bytes of a stream, and a factory for the framers.

import { AvrFramer } from './avr.ts';
import { BeastFramer } from './beast.ts';
import type { Framer } from './framing.ts';
import { HexLineFramer } from './hexlines.ts';

export type FeedFormat = 'beast' | 'avr' | 'sbs' | 'hex';
export const FEED_FORMATS: readonly FeedFormat[] = ['beast', 'avr', 'sbs', 'hex'];

/** How many leading bytes detectFormat looks at. */
export const DETECT_BYTES = 512;

const SBS_TYPES = ['MSG,', 'SEL,', 'ID,', 'AIR,', 'STA,', 'CLK,'];

/**
 * Guesses the format from the first bytes (DETECT_BYTES are enough):
 * Beast if 0x1A is followed by '1', '2' or '3' (text formats never contain 0x1A); AVR if the first
 * non-blank line starts with '*', '@' or '<'; SBS if it starts with MSG, SEL, ID, AIR, STA or CLK and a
 * comma; hex lines otherwise (also for an empty head).
 */
export function detectFormat(head: Uint8Array): FeedFormat {
  const n = Math.min(head.length, DETECT_BYTES);
  for (let i = 0; i + 1 < n; i++) {
    if (head[i] === 0x1a && head[i + 1] >= 0x31 && head[i + 1] <= 0x33) return 'beast';
  }
  let i = 0;
  if (n >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  // First non-blank character.
  while (i < n && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0d || head[i] === 0x0a)) i++;
  if (i >= n) return 'hex';
  const c = head[i];
  if (c === 0x2a || c === 0x40 || c === 0x3c) return 'avr';
  let word = '';
  for (let k = i; k < n && k < i + 4; k++) word += String.fromCharCode(head[k]);
  if (SBS_TYPES.some((t) => word.startsWith(t))) return 'sbs';
  return 'hex';
}

/** A new framer for a Mode S frame format (SBS carries decoded records: use SbsFramer). */
export function createFramer(format: Exclude<FeedFormat, 'sbs'>): Framer {
  switch (format) {
    case 'beast':
      return new BeastFramer();
    case 'avr':
      return new AvrFramer();
    case 'hex':
      return new HexLineFramer();
  }
}

/**
 * Reads from `chunks` until DETECT_BYTES bytes (or the end) have arrived, detects the format, and returns it
 * with an iterable that yields every chunk from the start, the ones already read included.
 */
export async function peekFormat(
  chunks: AsyncIterable<Uint8Array>,
): Promise<{ format: FeedFormat; chunks: AsyncIterable<Uint8Array> }> {
  const it = chunks[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let have = 0;
  let done = false;
  while (have < DETECT_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    seen.push(r.value);
    have += r.value.length;
  }
  const head = new Uint8Array(Math.min(have, DETECT_BYTES));
  let off = 0;
  for (const c of seen) {
    if (off >= head.length) break;
    const take = Math.min(c.length, head.length - off);
    head.set(c.subarray(0, take), off);
    off += take;
  }
  const format = detectFormat(head);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* seen;
      while (!done) {
        const r = await it.next();
        if (r.done) {
          done = true;
          return;
        }
        yield r.value;
      }
    } finally {
      // The consumer stopped early: let the underlying source close (sockets, files).
      if (!done) await it.return?.();
    }
  }
  return { format, chunks: replay() };
}
