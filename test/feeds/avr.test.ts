// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AvrFramer, formatAvr } from '../../src/feeds/avr.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { feedChunked, feedWhole, fixture, summary } from './collect.ts';

const enc = (s: string) => new TextEncoder().encode(s);

test('modes1.avr: every line is a frame', () => {
  const text = fixture('modes1.avr').toString('latin1');
  const expected = text.split('\n').filter((l) => /^\*[0-9a-fA-F]+;\s*$/.test(l)).length;
  const got = feedWhole(new AvrFramer(), fixture('modes1.avr'));
  assert.equal(got.errors.length, 0);
  assert.equal(got.frames.length, expected);
  assert.equal(got.frames.length, 319);
  assert.equal(got.frames[0].hex, '8f4d2023587f345e35837e2218b2');
  assert.ok(Number.isNaN(got.frames[0].mlat12MHz) && Number.isNaN(got.frames[0].signal));
});

test("AVR '@' and '<' timestamps, Mode A/C, \\r\\n, blank lines and trailing fields", () => {
  const got = feedWhole(
    new AvrFramer(),
    enc(
      '@0000000929E28e3ff6e6990c4684000011548194;\r\n' +
        '\n' +
        '*2000;\n' +
        '<FFFFFFFFFFFF805D4840D6F87407;\n' +
        '  *8DA07CD89915908778A01E4B4C86;D03D33F9;0A;8437;  \r\n' +
        '@00000000001A7700;',
    ),
  );
  assert.deepEqual(got.errors, []);
  assert.deepEqual(
    got.frames.map((f) => [f.kind, f.hex, f.mlat12MHz]),
    [
      ['modes', '8e3ff6e6990c4684000011548194', 0x929e2],
      ['modeac', '2000', Number.NaN],
      ['modes', '5d4840d6f87407', 2 ** 48 - 1],
      ['modes', '8da07cd89915908778a01e4b4c86', Number.NaN],
      ['modeac', '7700', 0x1a],
    ],
  );
  assert.equal(got.frames[2].signal, (0x80 * 0x80) / 65025);
  assert.ok(Number.isNaN(got.frames[0].signal));
});

test('AVR errors are typed, counted once per line, and the framer goes on', () => {
  const lines = [
    '*8D4840D6202CC371C32CE0576098;', // ok
    'hello', // bad start
    '*8D4840D6202CC371C32CE057609G;', // bad hex
    '*8D4840D6202CC371C32CE0576098', // no terminator
    '*8D4840D6202CC3;', // 14: ok
    '*8D4840D6202CC371;', // bad length
    '@0000;', // shorter than the counter
    '*' + 'A'.repeat(2000) + ';', // too long
    '*5D4840D6F87407;', // ok
  ];
  const framer = new AvrFramer();
  const got = feedWhole(framer, enc(lines.join('\n')));
  assert.equal(got.frames.length, 3);
  assert.deepEqual(
    got.errors.map((e) => e.reason),
    ['avr-bad-start', 'avr-bad-hex', 'avr-no-terminator', 'avr-bad-length', 'avr-bad-length', 'line-too-long'],
  );
  assert.equal(framer.lines, lines.length);
  assert.match(got.errors[1].detail, /'G'/);
});

test('AVR lines arriving in pieces give the same result as whole', () => {
  const data = fixture('toulouse_2020.avr');
  const whole = feedWhole(new AvrFramer(), data);
  for (let seed = 0; seed < 10; seed++) {
    assert.deepEqual(summary(feedChunked(new AvrFramer(), data, mulberry32(seed), 40)), summary(whole));
  }
});

test('formatAvr round trip', () => {
  const frame = Uint8Array.from([0x8d, 0x48, 0x40, 0xd6, 0x20, 0x2c, 0xc3, 0x71, 0xc3, 0x2c, 0xe0, 0x57, 0x60, 0x98]);
  assert.equal(formatAvr(frame), '*8D4840D6202CC371C32CE0576098;');
  assert.equal(formatAvr(frame, 0, 7, 0x1234), '@0000000012348D4840D6202CC3;');
  const got = feedWhole(new AvrFramer(), enc(`${formatAvr(frame, 0, 14, 2 ** 48 - 2)}\n${formatAvr(frame.subarray(0, 2))}\n`));
  assert.deepEqual(
    got.frames.map((f) => [f.kind, f.hex, f.mlat12MHz]),
    [
      ['modes', '8d4840d6202cc371c32ce0576098', 2 ** 48 - 2],
      ['modeac', '8d48', Number.NaN],
    ],
  );
});
