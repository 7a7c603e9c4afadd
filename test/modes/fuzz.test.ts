// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzing the decoders: random frames, flipped bits, truncated and overlong frames. Nothing may throw,
// every result is a message or a rejection with a known reason, and a rejection never loses the rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hexToBytes } from '../../src/modes/bits.ts';
import { crcResidual } from '../../src/modes/crc.ts';
import { decodeModeS } from '../../src/modes/decode.ts';
import { type DecodeResult, isReject, type RejectReason } from '../../src/modes/message.ts';
import { ModeSStreamDecoder } from '../../src/modes/stream.ts';
import { mulberry32, randBytes } from '../helpers/prng.ts';

const REASONS: readonly RejectReason[] = ['bad-length', 'unknown-df', 'crc', 'ap-unknown-address', 'cpr-implausible'];

function checkResult(r: DecodeResult): void {
  if (isReject(r)) {
    assert.ok(REASONS.includes(r.reject), `unknown reason ${r.reject}`);
    return;
  }
  assert.match(r.icao, /^[0-9a-f]{6}$/);
  assert.ok(['ok', 'corrected', 'ap', 'bad'].includes(r.crc));
  // Whatever the bits, decoded values are finite numbers and JSON-serialisable.
  for (const [k, v] of Object.entries(r)) {
    if (typeof v === 'number') assert.ok(Number.isFinite(v), `${k} = ${v}`);
  }
  JSON.stringify(r);
}

/** A random frame whose parity is made right, so it reaches the payload decoders. */
function validRandomFrame(rand: () => number, df: number): Uint8Array {
  const len = df < 16 ? 7 : 14;
  const f = randBytes(rand, len);
  f[0] = (df << 3) | (f[0] & 7);
  const r = crcResidual(f, len);
  f[len - 3] ^= r >> 16;
  f[len - 2] ^= (r >> 8) & 0xff;
  f[len - 1] ^= r & 0xff;
  return f;
}

test('random bytes of every length 0..20 never throw', () => {
  const rand = mulberry32(2026);
  for (let i = 0; i < 50_000; i++) {
    const len = Math.floor(rand() * 21);
    const f = randBytes(rand, len);
    checkResult(decodeModeS(f, 0, len, i, { raw: true, keepBad: rand() < 0.5, meteo: rand() < 0.5 }));
  }
});

test('random payloads with valid parity in every DF reach every decoder without throwing', () => {
  const rand = mulberry32(17);
  const stream = new ModeSStreamDecoder({ receiver: { lat: 54.5, lon: 18.5 } });
  for (let i = 0; i < 60_000; i++) {
    const df = [0, 4, 5, 11, 16, 17, 18, 19, 20, 21, 24][i % 11];
    const f = validRandomFrame(rand, df === 24 ? 27 : df);
    const r = decodeModeS(f, 0, f.length, i * 10, { meteo: true });
    checkResult(r);
    if (df === 17) assert.ok(!isReject(r) && r.crc === 'ok');
    checkResult(stream.decode(f, 0, f.length, i * 10));
  }
});

test('flipped bits in real frames: decoded, corrected or rejected, never thrown', () => {
  const rand = mulberry32(99);
  const frames = ['8D4840D6202CC371C32CE0576098', 'A0001838CA380031440000F24177', '5D484FDEA248F5', '8D40621D58C382D690C8AC2863A7', '8C4841753A9A153237AEF0F275BE'];
  for (let i = 0; i < 20_000; i++) {
    const f = hexToBytes(frames[i % frames.length])!;
    const flips = 1 + Math.floor(rand() * 4);
    for (let k = 0; k < flips; k++) {
      const b = Math.floor(rand() * f.length * 8);
      f[b >> 3] ^= 0x80 >> (b & 7);
    }
    checkResult(decodeModeS(f, 0, f.length, 0));
  }
});

test('a stream fed garbage between good frames still decodes the good ones', () => {
  const rand = mulberry32(5);
  const stream = new ModeSStreamDecoder();
  const good = hexToBytes('8D4840D6202CC371C32CE0576098')!;
  let decodedGood = 0;
  for (let i = 0; i < 5000; i++) {
    const junk = randBytes(rand, rand() < 0.5 ? 7 : 14);
    checkResult(stream.decode(junk, 0, junk.length, i));
    const r = stream.decode(good, 0, 14, i + 0.5);
    if (!isReject(r) && r.callsign === 'KLM1023') decodedGood++;
  }
  assert.equal(decodedGood, 5000);
  const rejected = [...stream.rejected.values()].reduce((a, b) => a + b, 0);
  assert.equal(stream.decoded + rejected, 10_000, 'every frame is decoded or counted as rejected');
});
