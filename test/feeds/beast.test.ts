// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AvrFramer } from '../../src/feeds/avr.ts';
import { BeastFramer, encodeBeast } from '../../src/feeds/beast.ts';
import type { FrameKind } from '../../src/feeds/framing.ts';
import { readUint48 } from '../../src/feeds/framing.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { feedChunked, feedWhole, fixture, randInt, summary } from './collect.ts';

test('toulouse_2020.beast and toulouse_2020.avr give the same 239 frames in the same order', () => {
  const beast = feedWhole(new BeastFramer(), fixture('toulouse_2020.beast'));
  const avr = feedWhole(new AvrFramer(), fixture('toulouse_2020.avr'));
  assert.equal(beast.errors.length, 0, JSON.stringify(beast.errors));
  assert.equal(avr.errors.length, 0, JSON.stringify(avr.errors));
  assert.equal(beast.frames.length, 239);
  assert.equal(avr.frames.length, 239);
  assert.deepEqual(
    beast.frames.map((f) => f.hex),
    avr.frames.map((f) => f.hex),
  );
  assert.ok(beast.frames.every((f) => f.kind === 'modes' && (f.hex.length === 14 || f.hex.length === 28)));
  assert.equal(beast.counters.frames, 239);
});

test('Beast timestamps are non-decreasing and span about 24 s at 12 MHz; signal is (byte/255)^2', () => {
  const { frames } = feedWhole(new BeastFramer(), fixture('toulouse_2020.beast'));
  for (let i = 1; i < frames.length; i++) assert.ok(frames[i].mlat12MHz >= frames[i - 1].mlat12MHz, `frame ${i}`);
  const spanS = (frames[frames.length - 1].mlat12MHz - frames[0].mlat12MHz) / 12e6;
  assert.ok(spanS > 23 && spanS < 25, `span ${spanS} s`);
  // First frame on the wire: 1a 32 | 00 00 15 a8 87 7e | 0d | 20 00 0c a8 f7 0a a7
  assert.equal(frames[0].mlat12MHz, 0x15a8877e);
  assert.equal(frames[0].signal, (13 * 13) / 65025);
  assert.equal(frames[0].hex, '20000ca8f70aa7');
  assert.ok(Number.isNaN(frames[0].timeMs), 'Beast carries no absolute time');
  // Second frame has an escaped 0x1a in its timestamp: 1a 32 | 00 00 15 be 1a 1a 0c | 0f | 02 e1 ...
  assert.equal(frames[1].mlat12MHz, 0x15be1a0c);
  assert.equal(frames[1].signal, (15 * 15) / 65025);
});

test('fallback time is used for Beast frames when the caller supplies a receive time', () => {
  const framer = new BeastFramer();
  const times: number[] = [];
  framer.push(fixture('toulouse_2020.beast').subarray(0, 200), { frame: (_k, _b, _o, _l, t) => times.push(t), error() {} }, 1234);
  assert.ok(times.length > 3);
  assert.ok(times.every((t) => t === 1234));
});

test('readUint48 reads 48-bit counters exactly', () => {
  const b = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0, 0, 0, 0, 1]);
  assert.equal(readUint48(b, 0), 2 ** 48 - 1);
  assert.equal(readUint48(b, 6), 0x800000000001);
});

interface Random {
  kind: FrameKind;
  frame: Uint8Array;
  mlat: number;
  signalByte: number;
}

function randomFrames(seed: number, count: number, escProbability: number): Random[] {
  const rand = mulberry32(seed);
  const byte = () => (rand() < escProbability ? 0x1a : randInt(rand, 0, 255));
  const out: Random[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    const kind: FrameKind = r < 0.1 ? 'modeac' : 'modes';
    const len = kind === 'modeac' ? 2 : r < 0.5 ? 7 : 14;
    const frame = new Uint8Array(len);
    for (let k = 0; k < len; k++) frame[k] = byte();
    let mlat = 0;
    for (let k = 0; k < 6; k++) mlat = mlat * 256 + byte();
    out.push({ kind, frame, mlat, signalByte: byte() });
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

test('encodeBeast -> framer round trip over random frames full of 0x1a, whole and in random pieces', () => {
  for (const seed of [1, 2, 3]) {
    const frames = randomFrames(seed, 2000, 0.3);
    const wire = concat(frames.map((f) => encodeBeast(f.kind, f.frame, f.mlat, (f.signalByte / 255) ** 2)));
    const escapes = wire.reduce((n, b) => n + (b === 0x1a ? 1 : 0), 0);
    assert.ok(escapes > 8000, `only ${escapes} 0x1a bytes`);
    const framer = new BeastFramer();
    const whole = feedWhole(framer, wire);
    assert.deepEqual(whole.errors, []);
    assert.equal(framer.framedBytes, wire.length);
    assert.equal(whole.frames.length, frames.length);
    for (let i = 0; i < frames.length; i++) {
      const got = whole.frames[i];
      assert.equal(got.kind, frames[i].kind);
      assert.equal(got.hex, Buffer.from(frames[i].frame).toString('hex'));
      assert.equal(got.mlat12MHz, frames[i].mlat);
      assert.equal(got.signal, (frames[i].signalByte * frames[i].signalByte) / 65025);
    }
    const chunked = feedChunked(new BeastFramer(), wire, mulberry32(seed + 100), 50);
    assert.deepEqual(summary(chunked), summary(whole));
  }
});

test('encodeBeast escapes 0x1a and rejects impossible lengths', () => {
  const out = encodeBeast('modes', Uint8Array.from([0x1a, 1, 2, 3, 4, 5, 0x1a]), 0x1a, 1);
  assert.deepEqual(
    [...out],
    [0x1a, 0x32, 0, 0, 0, 0, 0, 0x1a, 0x1a, 0xff, 0x1a, 0x1a, 1, 2, 3, 4, 5, 0x1a, 0x1a],
  );
  assert.throws(() => encodeBeast('modes', new Uint8Array(8), 0, 0), RangeError);
  assert.throws(() => encodeBeast('modeac', new Uint8Array(7), 0, 0), RangeError);
});

test('Beast resynchronises after garbage, bad types, truncated frames and broken escapes', () => {
  const good = encodeBeast('modes', Uint8Array.from([0x5d, 0x48, 0x40, 0xd6, 0xf8, 0x74, 0x07]), 12345, 0.25);
  const long = encodeBeast('modes', new Uint8Array(14).fill(0x8d), 99, 0.5);
  const stream = concat([
    Uint8Array.from([0x00, 0x41, 0x42]), // garbage
    good,
    Uint8Array.from([0x1a, 0x34, 0x1a, 0x1a]), // unknown type '4', then an escaped byte outside a frame
    long.subarray(0, 10), // cut short by the next frame
    good,
    long.subarray(0, 12),
    Uint8Array.from([0x1a, 0x99]), // broken escape inside a frame
    good,
    long.subarray(0, 5), // cut off by the end of the stream
  ]);
  const framer = new BeastFramer();
  const got = feedWhole(framer, stream);
  assert.equal(got.frames.length, 3);
  assert.ok(got.frames.every((f) => f.hex === '5d4840d6f87407' && f.mlat12MHz === 12345));
  assert.deepEqual(
    got.errors.map((e) => `${e.reason}:${e.bytes}`),
    [
      'beast-resync:3',
      'beast-bad-type:2',
      'beast-resync:2',
      'beast-truncated:10',
      'beast-bad-escape:12',
      'beast-bad-type:2',
      'beast-truncated:5',
    ],
  );
  assert.equal(framer.framedBytes + got.counters.rejectedBytes, stream.length);
  assert.equal(framer.pendingBytes, 0);
  for (let seed = 0; seed < 20; seed++) {
    assert.deepEqual(summary(feedChunked(new BeastFramer(), stream, mulberry32(seed), 7)), summary(got));
  }
});
