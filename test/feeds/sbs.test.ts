// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSbs, parseSbsLine, parseSbsTime, SbsFramer, type SbsRecord, type SbsSink } from '../../src/feeds/sbs.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { randInt } from './collect.ts';

function parseRecord(line: string): SbsRecord {
  const r = parseSbsLine(line);
  assert.equal(r.kind, 'msg', JSON.stringify(r));
  return (r as { record: SbsRecord }).record;
}

const T_2008_11_28 = Date.UTC(2008, 10, 28);

test('SBS: real-world MSG lines give the expected fields', () => {
  assert.deepEqual(parseRecord('MSG,3,496,211,4CA2D6,10057,2008/11/28,14:53:50.594,2008/11/28,14:58:51.153,,37000,,,51.45735,-1.02826,,,0,0,0,0'), {
    transmissionType: 3,
    icao: '4ca2d6',
    timeMs: T_2008_11_28 + ((14 * 60 + 53) * 60 + 50) * 1000 + 594,
    altFt: 37000,
    lat: 51.45735,
    lon: -1.02826,
    alert: false,
    emergency: false,
    spi: false,
    onGround: false,
  });
  assert.deepEqual(parseRecord('MSG,4,496,469,4CA767,27854,2010/02/19,17:58:13.039,2010/02/19,17:58:13.368,,,288.6,103.2,,,-832,,,,,'), {
    transmissionType: 4,
    icao: '4ca767',
    timeMs: Date.UTC(2010, 1, 19, 17, 58, 13) + 39,
    gsKt: 288.6,
    trackDeg: 103.2,
    vrFpm: -832,
  });
  assert.deepEqual(parseRecord('MSG,1,145,256,7404F2,11267,2008/11/28,23:48:18.611,2008/11/28,23:53:19.161,RJA1118,,,,,,,,,,,'), {
    transmissionType: 1,
    icao: '7404f2',
    timeMs: T_2008_11_28 + ((23 * 60 + 48) * 60 + 18) * 1000 + 611,
    callsign: 'RJA1118',
  });
  const sq = parseRecord('MSG,6,496,237,4CA215,27864,2010/02/19,17:58:12.846,2010/02/19,17:58:13.368,,33325,,,,,,0271,0,0,0,0');
  assert.equal(sq.squawk, '0271');
  assert.equal(sq.altFt, 33325);
  // dump1090-fa style: -1 for true, padded callsign, ground flag.
  const g = parseRecord('MSG,2,1,1,~3C6586,1,2024/05/01,08:00:00.000,2024/05/01,08:00:00.001,DLH4AB  ,0,12,271,50.03,8.57,,,,,,-1');
  assert.equal(g.callsign, 'DLH4AB');
  assert.equal(g.nonIcao, true);
  assert.equal(g.icao, '3c6586');
  assert.equal(g.onGround, true);
  assert.equal(g.timeMs, Date.UTC(2024, 4, 1, 8));
});

test('SBS: other message types are tolerated and counted; bad lines are typed errors', () => {
  assert.deepEqual(parseSbsLine('AIR,,496,5906,400F01,27931,2010/02/19,18:06:07.128,2010/02/19,18:06:07.128'), {
    kind: 'other',
    messageType: 'AIR',
  });
  const bad: [string, string][] = [
    ['FOO,1,2', 'sbs-bad-line'],
    ['MSG,3,1', 'sbs-bad-line'],
    ['MSG,9,1,1,4CA2D6,1,2008/11/28,14:53:50.594,,,,,,,,,,,,,,', 'sbs-bad-field'],
    ['MSG,3,1,1,4CA2D,1,2008/11/28,14:53:50.594,,,,,,,,,,,,,,', 'sbs-bad-field'],
    ['MSG,3,1,1,4CA2D6,1,2008/13/28,14:53:50.594,,,,,,,,,,,,,,', 'sbs-bad-field'],
    ['MSG,3,1,1,4CA2D6,1,2008/11/28,14:53:50.594,,,,FL370,,,,,,,,,,', 'sbs-bad-field'],
    ['MSG,3,1,1,4CA2D6,1,2008/11/28,14:53:50.594,,,,,,,95.0,1.0,,,,,,', 'sbs-bad-field'],
    ['MSG,6,1,1,4CA2D6,1,2008/11/28,14:53:50.594,,,,,,,,,,7800,,,,', 'sbs-bad-field'],
    ['MSG,8,1,1,4CA2D6,1,2008/11/28,14:53:50.594,,,,,,,,,,,,,,yes', 'sbs-bad-field'],
  ];
  for (const [line, reason] of bad) {
    const r = parseSbsLine(line);
    assert.equal(r.kind, 'error', line);
    assert.equal((r as { reason: string }).reason, reason, line);
  }
});

test('SBS framer: lines in pieces, \\r\\n, counts', () => {
  const text =
    'MSG,8,496,194,405F4E,27884,2010/02/19,17:58:13.244,2010/02/19,17:58:13.368,,,,,,,,,,,,0\r\n' +
    'STA,,5,179,400AE7,10103,2008/11/28,14:58:51.153,2008/11/28,14:58:51.153,RM\r\n' +
    'garbage\r\n' +
    'MSG,5,496,329,394A65,27868,2010/02/19,17:58:12.644,2010/02/19,17:58:13.368,,10000,,,,,,,0,,0,0';
  const data = new TextEncoder().encode(text);
  const run = (pieces: number) => {
    const framer = new SbsFramer();
    const records: SbsRecord[] = [];
    const errors: string[] = [];
    const sink: SbsSink = { record: (r) => records.push(r), error: (reason) => errors.push(reason) };
    const step = Math.ceil(data.length / pieces);
    for (let i = 0; i < data.length; i += step) framer.push(data.subarray(i, i + step), sink);
    framer.end(sink);
    return { records, errors, other: Object.fromEntries(framer.otherCounts) };
  };
  const whole = run(1);
  assert.equal(whole.records.length, 2);
  assert.deepEqual(whole.errors, ['sbs-bad-line']);
  assert.deepEqual(whole.other, { STA: 1 });
  assert.equal(whole.records[1].altFt, 10000);
  for (const pieces of [2, 7, 50, data.length]) assert.deepEqual(run(pieces), whole);
});

function randomRecord(rand: () => number): SbsRecord {
  const r: SbsRecord = {
    transmissionType: randInt(rand, 1, 8),
    icao: randInt(rand, 0, 0xffffff).toString(16).padStart(6, '0'),
    timeMs: rand() < 0.1 ? Number.NaN : Date.UTC(2000, 0, 1) + randInt(rand, 0, 30 * 365 * 86400) * 1000 + randInt(rand, 0, 999),
  };
  const maybe = () => rand() < 0.6;
  if (rand() < 0.05) r.nonIcao = true;
  if (maybe()) {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    let cs = '';
    for (let i = randInt(rand, 1, 8); i > 0; i--) cs += chars[randInt(rand, 0, chars.length - 1)];
    r.callsign = cs;
  }
  if (maybe()) r.altFt = randInt(rand, -1000, 50000);
  if (maybe()) r.gsKt = randInt(rand, 0, 6000) / 10;
  if (maybe()) r.trackDeg = randInt(rand, 0, 3599) / 10;
  if (maybe()) {
    r.lat = randInt(rand, -9000000, 9000000) / 1e5;
    r.lon = randInt(rand, -18000000, 18000000) / 1e5;
  }
  if (maybe()) r.vrFpm = randInt(rand, -6000, 6000);
  if (maybe()) r.squawk = randInt(rand, 0, 4095).toString(8).padStart(4, '0');
  for (const k of ['alert', 'emergency', 'spi', 'onGround'] as const) if (maybe()) r[k] = rand() < 0.5;
  return r;
}

test('SBS: write -> parse round trip of random records', () => {
  const rand = mulberry32(30003);
  for (let i = 0; i < 3000; i++) {
    const rec = randomRecord(rand);
    const line = formatSbs(rec);
    assert.equal(line.split(',').length, 22, line);
    assert.deepEqual(parseRecord(line), rec, line);
  }
});

test('SBS: times are read as UTC with fractions; the writer gives milliseconds', () => {
  assert.equal(parseSbsTime('2016/03/10', '13:44:52.1974'), Date.UTC(2016, 2, 10, 13, 44, 52) + 197.4);
  assert.equal(parseSbsTime('2016-03-10', '13:44:52'), Date.UTC(2016, 2, 10, 13, 44, 52));
  assert.ok(Number.isNaN(parseSbsTime('10/03/2016', '13:44:52')));
  assert.match(formatSbs({ transmissionType: 3, icao: '4ca2d6', timeMs: Date.UTC(2016, 2, 10, 13, 44, 52, 7) }), /,2016\/03\/10,13:44:52\.007,/);
});
