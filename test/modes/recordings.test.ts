// SPDX-License-Identifier: GPL-3.0-or-later
// Every real recording decodes without a crash, every frame is accounted for, and positions obey physics.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sphericalDistanceM } from '../../src/core/geo.ts';
import { isReject, type ModeSMessage } from '../../src/modes/message.ts';
import { decodeFile, fixturePath, MODES_RECORDINGS } from '../helpers/decode-file.ts';


/** Message lines in a text recording, counted independently of the framer: every 14 or 28 hex digit token. */
function countHexMessages(name: string): number {
  const text = readFileSync(fixturePath(name), 'latin1');
  return (text.match(/(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{28}|[0-9A-Fa-f]{14})(?![0-9A-Fa-f])/g) ?? []).length;
}

for (const name of MODES_RECORDINGS) {
  test(`${name}: every frame is decoded or rejected with a reason, statelessly and as a stream`, () => {
    for (const stateless of [true, false]) {
      const { results, counters, stream } = decodeFile(name, { stateless });
      assert.equal(counters.rejected, 0, `no framing errors in ${name}: ${JSON.stringify(counters.toJSON())}`);
      assert.equal(results.length, counters.modesFrames);
      if (!name.endsWith('.beast')) assert.equal(results.length, countHexMessages(name));
      const rejected = results.filter(isReject);
      for (const r of rejected) assert.ok(['crc', 'ap-unknown-address', 'bad-length', 'unknown-df'].includes(r.reject));
      if (stream) {
        const counted = [...stream.rejected.values()].reduce((a, b) => a + b, 0);
        assert.equal(counted, rejected.length, 'stream counters agree with the results');
        assert.equal(stream.decoded + counted, results.length);
      }
    }
  });
}

/** Positions per aircraft in time order must never imply more than `maxKt`. */
function assertPlausibleTracks(messages: ModeSMessage[], maxKt: number, slackM: number): number {
  const last = new Map<string, ModeSMessage>();
  let fixes = 0;
  for (const m of messages) {
    if (m.lat === undefined || m.lon === undefined) continue;
    fixes++;
    assert.ok(Math.abs(m.lat) <= 90 && Math.abs(m.lon) <= 180);
    const prev = last.get(m.icao);
    if (prev) {
      const dtS = Math.abs(m.timeMs - prev.timeMs) / 1000;
      const distM = sphericalDistanceM(prev.lat!, prev.lon!, m.lat, m.lon);
      assert.ok(distM <= (maxKt * 1852 * dtS) / 3600 + slackM, `${m.icao} jumped ${distM.toFixed(0)} m in ${dtS} s`);
    }
    last.set(m.icao, m);
  }
  return fixes;
}

test('toulouse_2020: positions lie within receiver range and no aircraft moves faster than it can fly', () => {
  const receiver = { lat: 43.629, lon: 1.364 };
  const { results } = decodeFile('toulouse_2020.beast', { receiver });
  const messages = results.filter((r): r is ModeSMessage => !isReject(r));
  for (const m of messages) {
    if (m.lat !== undefined) assert.ok(sphericalDistanceM(receiver.lat, receiver.lon, m.lat, m.lon!) < 400 * 1852);
  }
  // The recording holds 4 airborne position squitters (2 even, 2 odd) of 48520a: 3 fixes once paired.
  assert.equal(assertPlausibleTracks(messages, 700, 200), 3, 'positions were found');
});

test('hist_2015_data and sample_data_adsb: CPR positions form physically possible tracks', () => {
  for (const name of ['hist_2015_data.txt', 'sample_data_adsb.csv']) {
    const { results } = decodeFile(name);
    const messages = results.filter((r): r is ModeSMessage => !isReject(r));
    // Whole-second timestamps in sample_data_adsb, with messages out of order within a second: allow two
    // seconds of timing error at 700 kt.
    assert.ok(assertPlausibleTracks(messages, 700, (2 * 700 * 1852) / 3600) > 50, `${name}: positions were found`);
  }
});

test('toulouse_2020.beast and toulouse_2020.avr give the same messages', () => {
  const strip = (m: ModeSMessage) => {
    const { timeMs: _t, mlat12MHz: _m, signal: _s, ...rest } = m;
    return rest;
  };
  const beast = decodeFile('toulouse_2020.beast', { stateless: true }).results;
  const avr = decodeFile('toulouse_2020.avr', { stateless: true }).results;
  assert.equal(beast.length, 239);
  assert.equal(avr.length, beast.length);
  for (let i = 0; i < beast.length; i++) {
    const b = beast[i];
    const a = avr[i];
    if (isReject(b) || isReject(a)) assert.deepEqual({ ...a, timeMs: 0 }, { ...b, timeMs: 0 });
    else assert.deepEqual(strip(a), strip(b));
  }
});

test('the address filter keeps address/parity replies only for aircraft confirmed by DF11/17/18', () => {
  const { results } = decodeFile('hist_2015_data.txt');
  const confirmed = new Set<string>();
  for (const r of results) {
    if (isReject(r)) continue;
    if (r.df === 11 || r.df === 17 || r.df === 18) confirmed.add(r.icao);
    if (r.crc === 'ap') assert.ok(confirmed.has(r.icao), `${r.icao} was never confirmed before its DF${r.df}`);
  }
});
