// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HexLineFramer } from '../../src/feeds/hexlines.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { feedChunked, feedWhole, fixture, summary } from './collect.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** Lines holding a field of exactly 14 or 28 hex digits, counted with a regex independent of the framer. */
function countMessageLines(text: string): number {
  return text.split('\n').filter((l) => /(^|[^0-9A-Fa-f])([0-9A-Fa-f]{28}|[0-9A-Fa-f]{14})([^0-9A-Fa-f]|$)/.test(l)).length;
}

/** Hand-computed: days from 1970-01-01 to the date, times 86 400 s, plus the time of day. */
const CASES: { file: string; lines: number; first: { hex: string; timeMs: number }; lastTimeMs?: number }[] = [
  {
    // 2015-03-03: 45 years incl. 11 leap days = 16436 days to 2015-01-01, + 31 + 28 + 2 = 16497 days.
    file: 'hist_2015_data.txt',
    lines: 4516,
    first: { hex: '5d4840d6f87407', timeMs: (16497 * 86400 + 16 * 3600 + 12 * 60 + 24) * 1000 + 846.557 },
  },
  {
    // 2016-03-10: 16801 days to 2016-01-01, + 31 + 29 + 9 = 16870 days; 13:44:52.197 (read as UTC).
    file: 'hist_2016_ehs.csv',
    lines: 2000,
    first: { hex: 'a0281838cae9e12fa037ff5db1e5', timeMs: (16870 * 86400 + 13 * 3600 + 44 * 60 + 52) * 1000 + 197 },
  },
  { file: 'sample_data_adsb.csv', lines: 2000, first: { hex: '8d406b909945de10000405999be4', timeMs: 1457996400000 } },
  { file: 'sample_data_commb_df20.csv', lines: 5000, first: { hex: 'a00015b7c26e1370aa00005dd34a', timeMs: 1495353600000 } },
  { file: 'sample_data_commb_df21.csv', lines: 5000, first: { hex: 'a8000d9fa55a032dbffc000d8123', timeMs: 1495353600000 } },
  { file: 'opensky_java_adsb_messages.txt', lines: 15000, first: { hex: '8daca25158bf0422183e6b000000', timeMs: Number.NaN } },
];

for (const c of CASES) {
  test(`hex lines: ${c.file} gives one message per line, with its timestamp`, () => {
    const data = fixture(c.file);
    const expected = countMessageLines(data.toString('utf8'));
    assert.equal(expected, c.lines);
    const got = feedWhole(new HexLineFramer(), data);
    assert.deepEqual(got.errors, []);
    assert.equal(got.frames.length, expected);
    assert.equal(got.frames[0].hex, c.first.hex);
    if (Number.isNaN(c.first.timeMs)) assert.ok(got.frames.every((f) => Number.isNaN(f.timeMs)));
    else {
      assert.ok(Math.abs(got.frames[0].timeMs - c.first.timeMs) < 1e-3, `${got.frames[0].timeMs} vs ${c.first.timeMs}`);
      assert.ok(got.frames.every((f) => Number.isFinite(f.timeMs)));
      for (let i = 1; i < got.frames.length; i++) assert.ok(got.frames[i].timeMs >= got.frames[i - 1].timeMs, `${c.file} line ${i + 1}`);
    }
    assert.ok(got.frames.every((f) => f.kind === 'modes' && (f.hex.length === 14 || f.hex.length === 28)));
  });
}

test('hex lines: the hex of each line is the one in the file (sample_data_adsb.csv)', () => {
  const data = fixture('sample_data_adsb.csv');
  const hexes = data
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(',')[1].replaceAll('"', '').toLowerCase());
  assert.deepEqual(
    feedWhole(new HexLineFramer(), data).frames.map((f) => f.hex),
    hexes,
  );
});

test('hex lines: timestamp forms and separators', () => {
  const got = feedWhole(
    new HexLineFramer(),
    enc(
      [
        '\uFEFF1457996400.25,"8D406B909945DE10000405999BE4","406B90",19',
        '2015-03-03 16:12:24.5\t5D4840D6F87407',
        '2015-03-03T16:12:24Z 5D4840D6F87407',
        '"2016/03/10";"13:44:52.197";"A0281838CAE9E12FA037FF5DB1E5"',
        '1457996400123 *8D406B909945DE10000405999BE4;',
        '406B90,8D406B909945DE10000405999BE4',
        '8D406B909945DE10000405999BE4 1457996401',
      ].join('\r\n'),
    ),
  );
  assert.deepEqual(got.errors, []);
  const day2015 = 16497 * 86400000 + (16 * 3600 + 12 * 60 + 24) * 1000;
  assert.deepEqual(
    got.frames.map((f) => f.timeMs),
    [1457996400250, day2015 + 500, day2015, 16870 * 86400000 + (13 * 3600 + 44 * 60 + 52) * 1000 + 197, 1457996400123, Number.NaN, 1457996401000],
  );
});

test('hex lines: lines without a 14/28-digit field are counted; 6-digit ICAO and 10-digit epochs are not messages', () => {
  const framer = new HexLineFramer();
  const got = feedWhole(framer, enc('ts,icao,msg\n1457996400,406B90\n\n8D406B909945DE10000405999BE\nxyz 8D406B909945DE10000405999BE4\n'));
  assert.deepEqual(
    got.errors.map((e) => e.reason),
    ['hex-no-message', 'hex-no-message', 'hex-no-message'],
  );
  assert.equal(got.frames.length, 1);
});

test('hex lines: chunking invariance on every fixture', () => {
  for (const file of ['hist_2015_data.txt', 'hist_2016_ehs.csv', 'sample_data_commb_df20.csv']) {
    const data = fixture(file).subarray(0, 20000);
    const whole = feedWhole(new HexLineFramer(), data);
    for (let seed = 0; seed < 3; seed++) {
      assert.deepEqual(summary(feedChunked(new HexLineFramer(), data, mulberry32(seed), 80)), summary(whole));
    }
  }
});
