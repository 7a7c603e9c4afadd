// SPDX-License-Identifier: GPL-3.0-or-later
// The stream decoder's state: CPR pairing windows, plausibility, the address filter, NIC by version,
// Comm-B settled by known state, bounded memory.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hexToBytes } from '../../src/modes/bits.ts';
import { decodeBds50 } from '../../src/modes/commb/bds50.ts';
import { decodeModeS } from '../../src/modes/decode.ts';
import {
  encodeAirbornePosition,
  encodeAirspeedVelocity,
  encodeAllCall,
  encodeExtendedSquitter,
  encodeGroundVelocity,
  encodeSurveillance,
  setBits,
} from '../../src/modes/encode.ts';
import { type DecodeResult, isReject, type ModeSMessage } from '../../src/modes/message.ts';
import { ModeSStreamDecoder } from '../../src/modes/stream.ts';

const riddle = JSON.parse(readFileSync(new URL('../fixtures/modes/riddle_vectors.json', import.meta.url), 'utf8'));

function feed(d: ModeSStreamDecoder, f: Uint8Array, timeMs: number): DecodeResult {
  return d.decode(f, 0, f.length, timeMs);
}
function msg(r: DecodeResult): ModeSMessage {
  assert.ok(!isReject(r), JSON.stringify(r));
  return r;
}

const ICAO = 0x4ca123;
const pos = (lat: number, lon: number, odd: boolean, extra = {}) =>
  encodeAirbornePosition({ icao: ICAO, lat, lon, altFt: 35_000, altSource: 'baro', odd, ...extra });

test('the Riddle pair decodes globally only within the 10 s window', () => {
  const { even, odd, expected } = riddle.airborne_position_global;
  const d = new ModeSStreamDecoder();
  msg(feed(d, hexToBytes(odd.msg)!, odd.t * 1000));
  const r = msg(feed(d, hexToBytes(even.msg)!, even.t * 1000));
  assert.ok(Math.abs(r.lat! - expected.lat) < 1e-9 && Math.abs(r.lon! - expected.lon) < 1e-9);

  const late = new ModeSStreamDecoder();
  msg(feed(late, hexToBytes(odd.msg)!, 0));
  assert.equal(msg(feed(late, hexToBytes(even.msg)!, 10_001)).lat, undefined, 'frames 10.001 s apart do not pair');
});

test('after a global fix, single frames decode locally and agree with the truth', () => {
  const d = new ModeSStreamDecoder();
  msg(feed(d, pos(55.0, 15.0, false), 0));
  msg(feed(d, pos(55.0, 15.0, true), 500));
  // 15 s later (beyond the pair window) the aircraft has moved 0.05° east: local decoding finds it.
  const r = msg(feed(d, pos(55.0, 15.05, false), 15_500));
  assert.ok(Math.abs(r.lat! - 55.0) < 1e-4 && Math.abs(r.lon! - 15.05) < 1e-4);
});

test('a position that would need an impossible speed is dropped, counted, and does not stick', () => {
  const d = new ModeSStreamDecoder();
  msg(feed(d, pos(55.0, 15.0, false), 0));
  msg(feed(d, pos(55.0, 15.0, true), 500));
  // One second later, 1° of latitude away (111 km: 216,000 kt).
  msg(feed(d, pos(56.0, 15.0, false), 1000));
  const r = msg(feed(d, pos(56.0, 15.0, true), 1500));
  assert.equal(r.lat, undefined);
  assert.ok((d.positionRejected.get('cpr-speed') ?? 0) >= 1);
  // The contradiction made the decoder forget the old fix: consistent new pairs re-establish the track.
  msg(feed(d, pos(56.0, 15.0, false), 2000));
  const again = msg(feed(d, pos(56.0, 15.0, true), 2500));
  assert.ok(Math.abs(again.lat! - 56.0) < 1e-4);
});

test('positions beyond the receiver range are dropped', () => {
  const d = new ModeSStreamDecoder({ receiver: { lat: 54.0, lon: 18.0 }, maxRangeNm: 250 });
  msg(feed(d, pos(60.0, 25.0, false), 0));
  assert.equal(msg(feed(d, pos(60.0, 25.0, true), 500)).lat, undefined);
  assert.equal(d.positionRejected.get('cpr-range'), 1);
});

test('address/parity replies are kept only within 60 s of a parity-checked DF11/17/18 from that address', () => {
  const d = new ModeSStreamDecoder();
  const df4 = encodeSurveillance(4, { icao: ICAO, flightStatus: 0, dr: 0, um: 0, altFt: 35_000 });
  const r0 = feed(d, df4, 0);
  assert.ok(isReject(r0) && r0.reject === 'ap-unknown-address');
  msg(feed(d, encodeAllCall(ICAO, 5, 0), 1000));
  assert.equal(msg(feed(d, df4, 2000)).altFt, 35_000);
  assert.equal(msg(feed(d, df4, 61_000)).altFt, 35_000);
  const late = feed(d, df4, 61_001);
  assert.ok(isReject(late) && late.reject === 'ap-unknown-address');
});

test('NIC is read with the aircraft version and supplements from its operational status', () => {
  // TC11 means NIC 8 (Rc 0.1 NM) unless version 2 with NIC supplements A and B both set: NIC 9, Rc 75 m
  // (DO-260B Table 2-14).
  const d = new ModeSStreamDecoder();
  const tc11 = pos(55, 15, false, { tc: 11, nicB: 1 });
  const before = msg(feed(d, tc11, 0));
  assert.equal(before.adsbVersion, 0);
  // Operational status (TC31, airborne subtype 0): version 2 at ME bits 41-43, NIC supplement A at ME bit 44.
  const me = new Uint8Array(7);
  setBits(me, 1, 5, 31);
  setBits(me, 41, 3, 2);
  setBits(me, 44, 1, 1);
  const status = msg(feed(d, encodeExtendedSquitter(me, { icao: ICAO }), 100));
  assert.equal(status.version, 2);
  const after = msg(feed(d, tc11, 200));
  assert.equal(after.adsbVersion, 2);
  assert.equal(after.nic, 9);
  assert.equal(after.rcM, 75);
});

test('ambiguous Comm-B replies are settled with the state the stream learned from ADS-B', () => {
  // Real DF21 replies that fit both 5,0 and 6,0 (no altitude in DF21 to judge by): decoded alone they stay
  // ambiguous; once the stream has heard the aircraft's ADS-B ground speed, track and airspeed that agree
  // with the 5,0 reading, the reply is read as 5,0.
  const lines = readFileSync(new URL('../fixtures/modes/sample_data_commb_df21.csv', import.meta.url), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  let settled = 0;
  for (const line of lines) {
    const reply = hexToBytes(line.trim().split(',')[2])!;
    const alone = msg(decodeModeS(reply, 0, 14, 0));
    if (!alone.bdsCandidates?.includes('5,0') || !alone.bdsCandidates.includes('6,0')) continue;
    const as50: ModeSMessage = { timeMs: 0, df: 21, icao: alone.icao, crc: 'ap' };
    decodeBds50(reply, as50);
    if (as50.gsKt === undefined || as50.trackDeg === undefined || as50.tasKt === undefined) continue;
    const d = new ModeSStreamDecoder();
    msg(feed(d, encodeAllCall(alone.icao, 5, 0), 0));
    msg(feed(d, encodeGroundVelocity({ icao: alone.icao, gsKt: as50.gsKt, trackDeg: as50.trackDeg }), 100));
    msg(feed(d, encodeAirspeedVelocity({ icao: alone.icao, airspeedKt: as50.tasKt, airspeedType: 'tas', headingDeg: as50.trackDeg }), 200));
    assert.equal(msg(feed(d, reply, 300)).bds, '5,0', line);
    settled++;
  }
  assert.ok(settled >= 5, `only ${settled} ambiguous replies found`);
});

test('memory stays bounded: aircraft not heard for twice the expiry are forgotten', () => {
  const d = new ModeSStreamDecoder({ aircraftExpiryMs: 10_000 });
  for (let i = 0; i < 100_000; i++) {
    // A new aircraft every 10 ms: 1000 per 10 s.
    feed(d, encodeAllCall(0x100000 + i, 5, 0), i * 10);
    assert.ok(d.aircraftCount <= 2001);
  }
});
