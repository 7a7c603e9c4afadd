// SPDX-License-Identifier: GPL-3.0-or-later
// Every fixture, fed in random pieces (seeded), gives the same frames and error reports as fed whole,
// through the framer that --format auto picks for it.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { createFramer, detectFormat } from '../../src/feeds/detect.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { FIXTURES, feedChunked, feedWhole, fixture, summary } from './collect.ts';

const EXPECTED_FORMAT: Record<string, string> = {
  'toulouse_2020.beast': 'beast',
  'toulouse_2020.avr': 'avr',
  'modes1.avr': 'avr',
  'hist_2015_data.txt': 'hex',
  'hist_2016_ehs.csv': 'hex',
  'sample_data_adsb.csv': 'hex',
  'sample_data_commb_df20.csv': 'hex',
  'sample_data_commb_df21.csv': 'hex',
  'opensky_java_adsb_messages.txt': 'hex',
};

for (const file of readdirSync(FIXTURES).sort()) {
  const format = EXPECTED_FORMAT[file];
  if (format === undefined) continue;
  test(`chunking invariance: ${file} (${format})`, () => {
    const data = fixture(file);
    assert.equal(detectFormat(data.subarray(0, 512)), format);
    if (format === 'sbs') return;
    const make = () => createFramer(format as 'beast' | 'avr' | 'hex');
    const whole = feedWhole(make(), data);
    assert.ok(whole.frames.length > 200);
    const rand = mulberry32(file.length * 7919);
    for (const maxPiece of [700, 70_000]) {
      assert.deepEqual(summary(feedChunked(make(), data, rand, maxPiece)), summary(whole), `${file}, pieces up to ${maxPiece} bytes`);
    }
    // Tiny pieces on a prefix (cut mid-line / mid-frame on purpose), to keep the test quick on big files.
    const head = data.subarray(0, 20_011);
    const headWhole = summary(feedWhole(make(), head));
    for (const maxPiece of [1, 13]) {
      assert.deepEqual(summary(feedChunked(make(), head, rand, maxPiece)), headWhole, `${file} head, pieces up to ${maxPiece} bytes`);
    }
  });
}
