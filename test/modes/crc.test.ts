// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hexToBytes } from '../../src/modes/bits.ts';
import { crcResidual, flipBit, singleBitErrorAt } from '../../src/modes/crc.ts';
import { mulberry32, randBytes } from '../helpers/prng.ts';

/** Reference: long division by the generator polynomial 1 1111 1111 1111 0100 0000 1001, bit by bit. */
function referenceRemainder(frame: Uint8Array): number {
  const nBits = frame.length * 8;
  const bitsArr: number[] = [];
  for (let i = 0; i < nBits; i++) bitsArr.push((frame[i >> 3] >> (7 - (i & 7))) & 1);
  const gen = '1111111111111010000001001'.split('').map(Number);
  for (let i = 0; i < nBits - 24; i++) {
    if (bitsArr[i]) for (let j = 0; j < 25; j++) bitsArr[i + j] ^= gen[j];
  }
  return bitsArr.slice(nBits - 24).reduce((acc, b) => acc * 2 + b, 0);
}

test('CRC residual equals polynomial long division on random short and long frames', () => {
  const rand = mulberry32(1090);
  for (let i = 0; i < 2000; i++) {
    const frame = randBytes(rand, i % 2 ? 14 : 7);
    assert.equal(crcResidual(frame, frame.length), referenceRemainder(frame));
  }
});

test('published frames: intact DF17 has residual 0, the corrupted Riddle frame does not', () => {
  assert.equal(crcResidual(hexToBytes('8D4840D6202CC371C32CE0576098')!, 14), 0);
  assert.equal(crcResidual(hexToBytes('8D406B902015A678D4D220AA4BDA')!, 14), 0);
  assert.notEqual(crcResidual(hexToBytes('8D4CA251204994B1C36E60A5343D')!, 14), 0);
  // DF20 with address/parity: the residual is the aircraft address (Riddle: 3c6dd0).
  assert.equal(crcResidual(hexToBytes('A0001838CA380031440000F24177')!, 14), 0x3c6dd0);
});

test('every single-bit error after the DF field is located by its syndrome', () => {
  for (const len of [7, 14]) {
    const frame = hexToBytes(len === 14 ? '8D4840D6202CC371C32CE0576098' : '5D484FDEA248F5')!;
    const base = crcResidual(frame, len);
    for (let bitIndex = 5; bitIndex < len * 8; bitIndex++) {
      const copy = frame.slice();
      flipBit(copy, bitIndex);
      // CRC is linear: the residual changes by the syndrome of that bit alone.
      assert.equal(singleBitErrorAt(crcResidual(copy, len) ^ base, len), bitIndex);
    }
  }
});
