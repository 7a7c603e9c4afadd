// SPDX-License-Identifier: GPL-3.0-or-later
// Random and damaged input: nothing throws, the framers terminate, the result does not depend on how the
// input was cut into chunks, and every byte or line is accounted for by a frame or a counted reason.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AvrFramer } from '../../src/feeds/avr.ts';
import { BeastFramer } from '../../src/feeds/beast.ts';
import type { Framer } from '../../src/feeds/framing.ts';
import { HexLineFramer } from '../../src/feeds/hexlines.ts';
import { SbsFramer, type SbsSink } from '../../src/feeds/sbs.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { feedChunked, feedWhole, fixture, randInt, summary } from './collect.ts';

function randomBytes(rand: () => number, n: number, bias: number[] = []): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = bias.length > 0 && rand() < 0.3 ? bias[randInt(rand, 0, bias.length - 1)] : randInt(rand, 0, 255);
  return out;
}

/** Damages a copy of data: flipped bits, deleted runs, inserted bytes, duplicated runs. */
function damage(data: Uint8Array, rand: () => number, edits: number, insert: number[]): Uint8Array {
  let out = Array.from(data);
  for (let e = 0; e < edits; e++) {
    const at = randInt(rand, 0, Math.max(0, out.length - 1));
    const what = rand();
    if (what < 0.4) out[at] ^= 1 << randInt(rand, 0, 7);
    else if (what < 0.6) out.splice(at, randInt(rand, 1, 30));
    else if (what < 0.85) out.splice(at, 0, insert[randInt(rand, 0, insert.length - 1)]);
    else out = out.slice(0, at).concat(out.slice(Math.max(0, at - 20), at), out.slice(at));
  }
  return Uint8Array.from(out);
}

/** Beast accounting: the wire bytes of frames plus the dropped bytes are exactly the input. */
function checkBeastAccounting(data: Uint8Array, rand: () => number): void {
  const framer = new BeastFramer();
  const whole = feedWhole(framer, data);
  assert.equal(framer.pendingBytes, 0);
  assert.equal(framer.bytesIn, data.length);
  assert.equal(framer.framedBytes + whole.counters.rejectedBytes, data.length);
  assert.equal(whole.counters.frames, whole.frames.length);
  assert.equal(whole.counters.rejected, whole.errors.length);
  const chunked = feedChunked(new BeastFramer(), data, rand, randInt(rand, 1, 100));
  assert.deepEqual(summary(chunked), summary(whole));
}

test('Beast fuzz: random bytes (with many 0x1a and type bytes)', () => {
  const rand = mulberry32(5005);
  for (let i = 0; i < 200; i++) {
    checkBeastAccounting(randomBytes(rand, randInt(rand, 0, 3000), [0x1a, 0x31, 0x32, 0x33]), rand);
  }
  checkBeastAccounting(randomBytes(rand, 200_000), rand);
  checkBeastAccounting(new Uint8Array(10_000).fill(0x1a), rand);
  checkBeastAccounting(new Uint8Array(10_001).fill(0x1a), rand);
});

test('Beast fuzz: damaged fixture (flipped bits, truncated frames, broken escapes); intact frames survive', () => {
  const base = fixture('toulouse_2020.beast');
  const intact = new Set(feedWhole(new BeastFramer(), base).frames.map((f) => f.hex));
  const rand = mulberry32(30005);
  for (let i = 0; i < 100; i++) {
    const data = damage(base, rand, randInt(rand, 1, 40), [0x1a, 0x31, 0x32, 0x33, 0x34, 0x00]);
    checkBeastAccounting(data, rand);
    const got = feedWhole(new BeastFramer(), data);
    // Most frames are untouched by a few edits.
    const kept = got.frames.filter((f) => intact.has(f.hex)).length;
    assert.ok(kept > 239 - 3 * 40, `kept ${kept}`);
  }
});

/** Lines the way the line framers see them: split at '\n', final unterminated line included. */
function lineStats(data: Uint8Array, max: number, isBlank: (line: string) => boolean): { nonBlank: number; all: number } {
  const text = Buffer.from(data).toString('latin1');
  let lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines = lines.slice(0, -1);
  let nonBlank = 0;
  for (const [i, raw] of lines.entries()) {
    if (raw.length > max) {
      nonBlank++;
      continue;
    }
    let l = raw;
    if (i === 0 && l.startsWith('\xef\xbb\xbf')) l = l.slice(3);
    if (l.endsWith('\r')) l = l.slice(0, -1);
    if (!isBlank(l)) nonBlank++;
  }
  return { nonBlank, all: lines.length };
}

const AVR_BLANK = (l: string) => /^[ \t]*$/.test(l);
/** The hex framer sees a line of only separators (say ",,") as blank. */
const HEX_BLANK = (l: string) => /^[ \t,;"'*]*$/.test(l);
/** SBS trims with String.prototype.trim. */
const SBS_BLANK = (l: string) => l.trim() === '';

function checkLines(
  make: () => Framer & { lines: number; maxLineBytes: number },
  data: Uint8Array,
  rand: () => number,
  isBlank: (line: string) => boolean,
) {
  const framer = make();
  const whole = feedWhole(framer, data);
  const stats = lineStats(data, framer.maxLineBytes, isBlank);
  assert.equal(framer.lines, stats.all);
  assert.equal(whole.frames.length + whole.errors.length, stats.nonBlank);
  assert.equal(whole.counters.rejected, whole.errors.length);
  const chunked = feedChunked(make(), data, rand, randInt(rand, 1, 300));
  assert.deepEqual(summary(chunked), summary(whole));
}

test('AVR fuzz: broken lines, random text, very long lines', () => {
  const base = fixture('modes1.avr');
  const rand = mulberry32(30002);
  const noise = [0x2a, 0x40, 0x3c, 0x3b, 0x0a, 0x0d, 0x20, 0x41, 0x30, 0x47, 0xff];
  for (let i = 0; i < 100; i++) {
    checkLines(() => new AvrFramer(), damage(base, rand, randInt(rand, 1, 60), noise), rand, AVR_BLANK);
    checkLines(() => new AvrFramer(), randomBytes(rand, randInt(rand, 0, 3000), noise), rand, AVR_BLANK);
  }
  const long = new Uint8Array(100_000).fill(0x41);
  long[0] = 0x2a;
  checkLines(() => new AvrFramer(), long, rand, AVR_BLANK);
  const got = feedWhole(new AvrFramer(), long);
  assert.deepEqual(
    got.errors.map((e) => [e.reason, e.bytes]),
    [['line-too-long', 100_000]],
  );
});

test('hex-line fuzz: damaged CSV and random bytes', () => {
  const base = fixture('sample_data_commb_df20.csv').subarray(0, 30_000);
  const rand = mulberry32(1400);
  const noise = [0x2c, 0x22, 0x0a, 0x0d, 0x20, 0x09, 0x41, 0x30, 0x2d, 0x3a, 0x2e, 0x54, 0xef];
  for (let i = 0; i < 40; i++) {
    checkLines(() => new HexLineFramer(), damage(base, rand, randInt(rand, 1, 60), noise), rand, HEX_BLANK);
    checkLines(() => new HexLineFramer(), randomBytes(rand, randInt(rand, 0, 3000), noise), rand, HEX_BLANK);
  }
});

test('SBS fuzz: random and damaged lines never throw; lines are accounted for', () => {
  const line = 'MSG,3,496,211,4CA2D6,10057,2008/11/28,14:53:50.594,2008/11/28,14:58:51.153,,37000,,,51.45735,-1.02826,,,0,0,0,0\r\n';
  const base = new TextEncoder().encode(line.repeat(50) + 'AIR,,496,5906,400F01,27931,2010/02/19,18:06:07.128,2010/02/19,18:06:07.128\n');
  const rand = mulberry32(30003);
  const noise = [0x2c, 0x0a, 0x2d, 0x31, 0x2e, 0x3a, 0x2f, 0x7e, 0x20];
  for (let i = 0; i < 100; i++) {
    const data = i % 2 === 0 ? damage(base, rand, randInt(rand, 1, 40), noise) : randomBytes(rand, randInt(rand, 0, 2000), noise);
    const framer = new SbsFramer();
    let records = 0;
    let errors = 0;
    let others = 0;
    const sink: SbsSink = { record: () => records++, error: () => errors++, other: () => others++ };
    for (let k = 0; k < data.length; k += 37) framer.push(data.subarray(k, k + 37), sink);
    framer.end(sink);
    const stats = lineStats(data, framer.maxLineBytes, SBS_BLANK);
    assert.equal(framer.lines, stats.all);
    assert.equal(records + errors + others, stats.nonBlank);
    assert.equal(records, framer.records);
  }
});
