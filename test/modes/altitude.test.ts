// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeAc12, decodeAc13, encodeAc12, encodeAc13, gillhamToFt } from '../../src/modes/altitude.ts';
import { bits, hexToBytes } from '../../src/modes/bits.ts';
import { decodeSquawk, encodeSquawk } from '../../src/modes/identity.ts';

// Independent reference: build the Mode C pulse pattern from the altitude the way the standard defines it
// (ICAO Annex 10 Vol IV, 3.1.1.7.12.2.3): 500 ft bands in reflected binary (Gray) code over
// D1 D2 D4 A1 A2 A4 B1 B2 B4, and 100 ft steps in the 5-state cycle C1 C2 C4 = 001 011 010 110 100,
// run backwards in odd 500 ft bands.
function modeCPattern(altFt: number): number {
  const steps = (altFt + 1200) / 100; // -1200 ft is band 0, step 0
  const band = Math.floor(steps / 5);
  let step = steps % 5;
  if (band & 1) step = 4 - step;
  const c = [0b001, 0b011, 0b010, 0b110, 0b100][step];
  const gray = band ^ (band >> 1);
  const bitOf = (v: number, n: number, width: number) => (v >> (width - 1 - n)) & 1;
  // gray over D1 D2 D4 A1 A2 A4 B1 B2 B4 (9 bits, D1 first)
  const [, d2, d4, a1, a2, a4, b1, b2, b4] = Array.from({ length: 9 }, (_, i) => bitOf(gray, i, 9));
  const [c1, c2, c4] = [bitOf(c, 0, 3), bitOf(c, 1, 3), bitOf(c, 2, 3)];
  // AC13 layout: C1 A1 C2 A2 C4 A4 M B1 Q B2 D2 B4 D4
  const layout = [c1, a1, c2, a2, c4, a4, 0, b1, 0, b2, d2, b4, d4];
  return layout.reduce((acc, b) => (acc << 1) | b, 0);
}

test('Gillham decoding agrees with the standard definition at every 100 ft step from -1000 to 126,700 ft', () => {
  // D1 is never transmitted in Mode S, so bands beyond 2^8 are out of reach; -1000 ft upwards is the usable range.
  for (let alt = -1000; alt <= 126_700; alt += 100) {
    assert.equal(gillhamToFt(modeCPattern(alt)), alt, `altitude ${alt}`);
    assert.equal(decodeAc13(modeCPattern(alt)), alt, `AC13 ${alt}`);
  }
});

test('illegal Gillham 100 ft codes (C = 000, 101, 111) are rejected', () => {
  for (const c of [0b000, 0b101, 0b111]) {
    const code = ((c >> 2) << 12) | (((c >> 1) & 1) << 10) | ((c & 1) << 8) | 0b0000000100000; // B1 set so the field is not 0
    assert.ok(Number.isNaN(gillhamToFt(code)), `C=${c.toString(2)}`);
  }
});

test('Q-bit altitudes: 25 ft steps from -1000 ft, round trip through AC13 and AC12', () => {
  for (let alt = -1000; alt <= 50_175; alt += 25) {
    assert.equal(decodeAc13(encodeAc13(alt)), alt);
    assert.equal(decodeAc12(encodeAc12(alt)), alt);
    assert.equal((encodeAc13(alt) >> 4) & 1, 1, 'Q bit set');
    assert.equal((encodeAc13(alt) >> 6) & 1, 0, 'M bit clear');
  }
  // The 1090 MHz Riddle: DF4 2000171806A983 → 36000 ft; AC13 is bits 20..32.
  assert.equal(decodeAc13(bits(hexToBytes('2000171806A983')!, 20, 13)), 36_000);
});

test('altitudes above the Q-bit range fall back to Gillham 100 ft steps', () => {
  for (const alt of [50_200, 60_000, 99_900, 126_700]) {
    const code = encodeAc13(alt);
    assert.equal((code >> 4) & 1, 0, 'Q bit clear');
    assert.equal(decodeAc13(code), alt);
  }
});

test('no altitude: a zero field decodes to NaN', () => {
  assert.ok(Number.isNaN(decodeAc13(0)));
  assert.ok(Number.isNaN(decodeAc12(0)));
});

test('squawk encode/decode round trip over all 4096 codes', () => {
  for (let code = 0; code < 4096; code++) {
    const squawk = code.toString(8).padStart(4, '0');
    const field = encodeSquawk(squawk);
    assert.equal((field >> 6) & 1, 0, 'X bit clear');
    assert.equal(decodeSquawk(field), squawk);
  }
  // The 1090 MHz Riddle: DF5 2A00516D492B80 → squawk 0356; ID is bits 20..32.
  assert.equal(decodeSquawk(bits(hexToBytes('2A00516D492B80')!, 20, 13)), '0356');
});
