// SPDX-License-Identifier: GPL-3.0-or-later
// Encoder checks: published frames of the Riddle re-encoded byte for byte, and randomised (seeded) round
// trips encode → parity → decode that give back the state within the quantisation of each field.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeExtendedSquitter, MOVEMENT_KT } from '../../src/modes/adsb/index.ts';
import { decodeAc13 } from '../../src/modes/altitude.ts';
import { bits, hexToBytes, icaoHex, toHex } from '../../src/modes/bits.ts';
import { cprAirborneGlobal, cprNL, cprSurfaceGlobal, type LatLon } from '../../src/modes/cpr.ts';
import { crcResidual } from '../../src/modes/crc.ts';
import {
  encodeAirbornePosition,
  encodeAirspeedVelocity,
  encodeAllCall,
  encodeGroundVelocity,
  encodeIdentification,
  encodeSurfacePosition,
  encodeSurveillance,
} from '../../src/modes/encode.ts';
import { decodeSquawk } from '../../src/modes/identity.ts';
import type { ModeSMessage } from '../../src/modes/message.ts';
import { mulberry32, uniform } from '../helpers/prng.ts';

const riddle = JSON.parse(readFileSync(new URL('../fixtures/modes/riddle_vectors.json', import.meta.url), 'utf8'));

function decode(f: Uint8Array): ModeSMessage {
  assert.equal(f.length, 14);
  assert.equal(crcResidual(f, 14), 0, 'DF17 parity');
  const msg: ModeSMessage = { timeMs: 0, df: f[0] >> 3, icao: icaoHex(bits(f, 9, 24)), crc: 'ok' };
  decodeExtendedSquitter(f, msg);
  return msg;
}

const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('published frames re-encoded byte for byte', () => {
  it('DF17 identification (Riddle)', () => {
    const v = riddle.identification[0];
    const f = encodeIdentification({ icao: v.icao, tc: v.tc, category: v.category, callsign: v.callsign });
    assert.equal(toHex(f), v.msg);
  });

  it('DF17 airborne velocity subtype 1 and 3 (Riddle)', () => {
    const [v1, v3] = riddle.velocity;
    const f1 = hexToBytes(v1.msg)!;
    const m1 = decode(f1);
    const e1 = encodeGroundVelocity({
      icao: m1.icao,
      gsKt: m1.gsKt!,
      trackDeg: m1.trackDeg!,
      vrFpm: v1.vrFpm,
      vrSource: v1.vrSource,
      geoMinusBaroFt: v1.geoMinusBaroFt,
      ifrCapability: m1.ifrCapability,
      nacV: m1.nacV,
    });
    assert.equal(toHex(e1), v1.msg);
    const f3 = hexToBytes(v3.msg)!;
    const m3 = decode(f3);
    const e3 = encodeAirspeedVelocity({
      icao: m3.icao,
      airspeedKt: v3.tasKt,
      airspeedType: 'tas',
      headingDeg: m3.headingDeg,
      vrFpm: v3.vrFpm,
      vrSource: m3.vrSource,
      nacV: m3.nacV,
      ifrCapability: m3.ifrCapability,
      intentChange: m3.intentChange,
      geoMinusBaroFt: m3.geoMinusBaroFt,
    });
    // Bits 47..56 of that ME are reserved/unused in the book's frame: compare the fields we write.
    assert.equal(toHex(e3).slice(0, 18), v3.msg.slice(0, 18));
  });

  it('DF4, DF5, DF20 with address/parity and DF11 (Riddle)', () => {
    for (const v of riddle.surveillance) {
      const f = hexToBytes(v.msg)!;
      const df = f[0] >> 3;
      const addr = df === 11 ? bits(f, 9, 24) : crcResidual(f, f.length);
      if (v.icao) assert.equal(icaoHex(addr), v.icao);
      let e: Uint8Array;
      if (df === 11) e = encodeAllCall(addr, bits(f, 6, 3), crcResidual(f, 7) & 0x7f);
      else {
        e = encodeSurveillance(df as 4 | 5 | 20 | 21, {
          icao: addr,
          flightStatus: bits(f, 6, 3),
          dr: bits(f, 9, 5),
          um: bits(f, 14, 6),
          altFt: v.altFt ?? decodeAc13(bits(f, 20, 13)),
          squawk: v.squawk,
          mb: f.subarray(4, 11),
        });
      }
      if (df === 5) {
        // The book's DF5 frame has the X bit (bit 26) set, which the standard leaves 0 and no decoder reads:
        // everything else must match, and the address must come back from the parity.
        assert.equal(bits(e, 1, 25), bits(f, 1, 25));
        assert.equal(bits(e, 27, 6), bits(f, 27, 6));
        assert.equal(crcResidual(e, 7), addr);
        assert.equal(decodeSquawk(bits(e, 20, 13)), v.squawk);
      } else assert.equal(toHex(e), v.msg, `DF${df}`);
    }
  });
});

describe('randomised round trips (seeded)', () => {
  const rand = mulberry32(20240611);
  const icao = () => Math.floor(rand() * 0xffffff) + 1;

  it('identification', () => {
    for (let n = 0; n < 2000; n++) {
      const len = 1 + Math.floor(rand() * 8);
      let cs = '';
      for (let i = 0; i < len; i++) cs += i > 0 && i < len - 1 && rand() < 0.1 ? ' ' : CHARS[Math.floor(rand() * CHARS.length)];
      const letter = 'ABCD'[Math.floor(rand() * 4)];
      const code = letter + Math.floor(rand() * 8);
      const a = icao();
      const m = decode(encodeIdentification({ icao: a, categoryCode: code, callsign: cs }));
      assert.equal(m.icao, icaoHex(a));
      assert.equal(m.callsign, cs.trim());
      assert.equal(m.categoryCode, code);
      assert.equal(m.tc, 4 - 'ABCD'.indexOf(letter));
    }
  });

  it('airborne position, baro and GNSS, even/odd pairs', () => {
    const out: LatLon = { lat: 0, lon: 0 };
    const baroTcByNic = [18, 17, 16, 16, 15, 14, 13, 12, 11, 11, 10, 9];
    for (let n = 0; n < 3000; n++) {
      const lat = uniform(rand, -85, 85);
      const lon = uniform(rand, -180, 180);
      const gnss = rand() < 0.3;
      const altFt = gnss ? uniform(rand, 0, 4000 / 0.3048) : rand() < 0.9 ? uniform(rand, -1000, 50175) : uniform(rand, 50200, 120000);
      const nic = Math.floor(rand() * 12);
      const a = icao();
      const state = { icao: a, lat, lon, altFt, altSource: gnss ? ('gnss' as const) : ('baro' as const), nic };
      const e = decode(encodeAirbornePosition({ ...state, odd: false }));
      const o = decode(encodeAirbornePosition({ ...state, odd: true, timeSync: true, surveillanceStatus: 2 }));
      assert.equal(e.cprFormat, 0);
      assert.equal(o.cprFormat, 1);
      assert.equal(o.timeSync, true);
      assert.equal(o.surveillanceStatus, 2);
      assert.equal(e.altSource, state.altSource);
      const tol = gnss ? 0.5 / 0.3048 + 0.5 : altFt > 50175 ? 50 : 12.5;
      assert.ok(Math.abs(e.altFt! - altFt) <= tol, `alt ${altFt} → ${e.altFt}`);
      assert.equal(e.tc, gnss ? (nic === 11 ? 20 : nic === 10 ? 21 : 22) : baroTcByNic[nic]);
      if (!cprAirborneGlobal(e.cprLat!, e.cprLon!, o.cprLat!, o.cprLon!, true, out)) continue; // zone boundary
      assert.ok(Math.abs(out.lat - lat) <= 360 / 59 / 131072 / 2 + 1e-9);
      const lonRes = 360 / Math.max(cprNL(out.lat) - 1, 1) / 131072;
      assert.ok(Math.abs(((out.lon - lon + 540) % 360) - 180) <= lonRes / 2 + 1e-9);
    }
  });

  it('airborne position from NUCp (version 0 type codes)', () => {
    for (let nuc = 0; nuc <= 9; nuc++) {
      assert.equal(decode(encodeAirbornePosition({ icao: 1, lat: 1, lon: 1, altFt: 1000, odd: false, nucP: nuc })).tc, 18 - nuc);
    }
  });

  it('surface position', () => {
    const out: LatLon = { lat: 0, lon: 0 };
    for (let n = 0; n < 3000; n++) {
      const lat = uniform(rand, -85, 85);
      const lon = uniform(rand, -180, 180);
      const gsKt = rand() < 0.1 ? 0 : uniform(rand, 0, 200);
      const trackDeg = uniform(rand, 0, 360);
      const s = { icao: icao(), lat, lon, gsKt, trackDeg };
      const e = decode(encodeSurfacePosition({ ...s, odd: false }));
      const o = decode(encodeSurfacePosition({ ...s, odd: true }));
      assert.equal(e.onGround, true);
      assert.ok(e.tc! >= 5 && e.tc! <= 8);
      // The decoded speed is the lower bound of the band that holds the true speed.
      const m = e.movement!;
      assert.ok(e.gsKt! <= gsKt + 1e-9, `gs ${gsKt} → ${e.gsKt}`);
      if (m < 124) assert.ok(gsKt < MOVEMENT_KT[m + 1], `gs ${gsKt} code ${m}`);
      const dTrk = Math.abs(((e.trackDeg! - trackDeg + 540) % 360) - 180);
      assert.ok(dTrk <= 360 / 256 + 1e-9, `track ${trackDeg} → ${e.trackDeg}`);
      if (!cprSurfaceGlobal(e.cprLat!, e.cprLon!, o.cprLat!, o.cprLon!, false, lat + 0.3, lon - 0.3, out)) continue;
      assert.ok(Math.abs(out.lat - lat) * 111320 < 0.65);
      const lonRes = 90 / Math.max(cprNL(out.lat), 1) / 131072;
      assert.ok(Math.abs(((out.lon - lon + 540) % 360) - 180) <= lonRes / 2 + 1e-9);
    }
  });

  it('airborne velocity subtypes 1 and 2', () => {
    for (let n = 0; n < 3000; n++) {
      const supersonic = rand() < 0.1;
      const gsKt = supersonic ? uniform(rand, 1500, 2500) : uniform(rand, 50, 600);
      const trackDeg = uniform(rand, 0, 360);
      const vrFpm = Math.round(uniform(rand, -6000, 6000));
      const geoMinusBaroFt = Math.round(uniform(rand, -2000, 2000));
      const vrSource = rand() < 0.5 ? ('baro' as const) : ('gnss' as const);
      const m = decode(encodeGroundVelocity({ icao: icao(), gsKt, trackDeg, vrFpm, vrSource, geoMinusBaroFt, nacV: 2 }));
      const q = supersonic ? 4 : 1; // component quantum, kt
      assert.equal(m.velSubtype, supersonic ? 2 : 1);
      assert.ok(Math.abs(m.gsKt! - gsKt) <= q * Math.SQRT1_2 + 1e-9, `gs ${gsKt} → ${m.gsKt}`);
      const dTrk = Math.abs(((m.trackDeg! - trackDeg + 540) % 360) - 180);
      assert.ok(dTrk <= (Math.asin((q * Math.SQRT1_2) / gsKt) * 180) / Math.PI + 1e-9, `trk ${trackDeg} → ${m.trackDeg}`);
      assert.ok(Math.abs(m.vrFpm! - vrFpm) <= 32);
      assert.equal(m.vrSource, vrSource);
      assert.ok(Math.abs(m.geoMinusBaroFt! - geoMinusBaroFt) <= 12.5);
      assert.equal(m.nacV, 2);
    }
  });

  it('airborne velocity subtypes 3 and 4', () => {
    for (let n = 0; n < 2000; n++) {
      const supersonic = rand() < 0.1;
      const airspeedKt = supersonic ? uniform(rand, 1100, 2000) : uniform(rand, 60, 600);
      const headingDeg = uniform(rand, 0, 360);
      const ias = rand() < 0.5;
      const m = decode(encodeAirspeedVelocity({ icao: icao(), airspeedKt, airspeedType: ias ? 'ias' : 'tas', headingDeg, vrFpm: -640 }));
      assert.equal(m.velSubtype, supersonic ? 4 : 3);
      const got = ias ? m.iasKt : m.tasKt;
      assert.ok(got !== undefined && Math.abs(got - airspeedKt) <= (supersonic ? 2 : 0.5));
      const dHdg = Math.abs(((m.headingDeg! - headingDeg + 540) % 360) - 180);
      assert.ok(dHdg <= 360 / 2048 + 1e-9);
      assert.equal(m.vrFpm, -640);
    }
  });

  it('DF4/5/20/21 replies: address/parity, altitude, squawk, MB; DF11 with interrogator code', () => {
    for (let n = 0; n < 2000; n++) {
      const a = icao();
      const df = ([4, 5, 20, 21] as const)[n % 4];
      const altFt = Math.round(uniform(rand, -1000, 50000) / 25) * 25;
      const squawk = [0, 1, 2, 3].map(() => Math.floor(rand() * 8)).join('');
      const mb = new Uint8Array(7).map(() => Math.floor(rand() * 256));
      const fs = Math.floor(rand() * 8);
      const f = encodeSurveillance(df, { icao: a, flightStatus: fs, altFt, squawk, mb, dr: 1, um: 5 });
      assert.equal(f.length, df >= 20 ? 14 : 7);
      assert.equal(f[0] >> 3, df);
      assert.equal(crcResidual(f, f.length), a, 'the address comes back from the parity');
      assert.equal(bits(f, 6, 3), fs);
      assert.equal(bits(f, 9, 5), 1);
      assert.equal(bits(f, 14, 6), 5);
      if (df === 4 || df === 20) assert.equal(decodeAc13(bits(f, 20, 13)), altFt);
      else assert.equal(decodeSquawk(bits(f, 20, 13)), squawk);
      if (df >= 20) assert.deepEqual([...f.subarray(4, 11)], [...mb]);
      const ii = Math.floor(rand() * 16);
      const g = encodeAllCall(a, 5, ii);
      assert.equal(bits(g, 9, 24), a);
      assert.equal(crcResidual(g, 7), ii);
    }
  });
});
