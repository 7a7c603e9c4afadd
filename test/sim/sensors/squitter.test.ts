// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeAirbornePosition, encodeGroundVelocity, encodeSurfacePosition } from '../../../src/modes/encode.ts';
import { SquitterEncoder } from '../../../src/sim/sensors/squitter.ts';
import { encodeOperationalStatus } from '../../../src/sim/sensors/transponders.ts';
import { decodeModeS } from '../../../src/modes/decode.ts';
import { isReject } from '../../../src/modes/message.ts';
import { mulberry32, uniform } from '../../helpers/prng.ts';

describe('SquitterEncoder', () => {
  const rand = mulberry32(20140303);
  const enc = new SquitterEncoder();

  it('gives the bytes of modes/encode.ts for airborne positions', () => {
    for (let i = 0; i < 3000; i++) {
      const icao = Math.floor(rand() * 0xffffff);
      const lat = i === 0 ? 91 : uniform(rand, -90, 90);
      const lon = uniform(rand, -180, 180);
      const altFt = i % 97 === 0 ? Number.NaN : uniform(rand, -1000, 60_000);
      const odd = rand() < 0.5;
      const nic = Math.floor(rand() * 12);
      assert.deepEqual(enc.airbornePosition(icao, lat, lon, altFt, odd, nic), encodeAirbornePosition({ icao, lat, lon, altFt, odd, nic }));
    }
  });

  it('gives the bytes of modes/encode.ts for surface positions', () => {
    for (let i = 0; i < 3000; i++) {
      const icao = Math.floor(rand() * 0xffffff);
      const lat = uniform(rand, -90, 90);
      const lon = uniform(rand, -180, 180);
      const gsKt = i % 50 === 0 ? Number.NaN : uniform(rand, 0, 200);
      const trackDeg = i % 41 === 0 ? Number.NaN : uniform(rand, -360, 720);
      const odd = rand() < 0.5;
      assert.deepEqual(enc.surfacePosition(icao, lat, lon, odd, gsKt, trackDeg, 9), encodeSurfacePosition({ icao, lat, lon, odd, gsKt, trackDeg, nic: 9 }));
    }
  });

  it('gives the bytes of modes/encode.ts for airborne velocities, supersonic included', () => {
    for (let i = 0; i < 3000; i++) {
      const icao = Math.floor(rand() * 0xffffff);
      const gsKt = uniform(rand, 0, i % 10 === 0 ? 4000 : 700);
      const trackDeg = uniform(rand, 0, 360);
      const vrFpm = i % 33 === 0 ? Number.NaN : uniform(rand, -40_000, 40_000);
      const geoMinusBaroFt = i % 29 === 0 ? Number.NaN : uniform(rand, -4000, 4000);
      const nacV = Math.floor(rand() * 5);
      assert.deepEqual(
        enc.groundVelocity(icao, gsKt, trackDeg, vrFpm, geoMinusBaroFt, nacV),
        encodeGroundVelocity({ icao, gsKt, trackDeg, vrFpm, vrSource: 'gnss', geoMinusBaroFt, nacV }),
      );
    }
  });

  it('operational status decodes as DO-260B (version 2) for airborne and surface aircraft', () => {
    for (const surface of [false, true]) {
      const m = decodeModeS(encodeOperationalStatus(0x4ca123, surface, 9, 3), 0, 14, 0);
      assert.ok(!isReject(m));
      assert.equal(m.tc, 31);
      assert.equal(m.subtype, surface ? 1 : 0);
      assert.equal(m.version, 2);
      assert.equal(m.nacP, 9);
      assert.equal(m.sil, 3);
      assert.equal(m.crc, 'ok');
    }
  });
});
