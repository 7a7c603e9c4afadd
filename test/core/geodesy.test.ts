// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ecefToGeodetic, ecefToLatLon, EnuFrame, type Enu, geodeticToEcef, radarPolarToEnu, WGS84_A_M } from '../../src/core/geodesy.ts';
import { mulberry32 } from '../helpers/prng.ts';

test('ECEF of reference points on the WGS84 ellipsoid (NIMA TR8350.2 constants)', () => {
  const eq = geodeticToEcef(0, 0, 0);
  assert.ok(Math.abs(eq.x - WGS84_A_M) < 1e-6 && Math.abs(eq.y) < 1e-6 && Math.abs(eq.z) < 1e-6);
  const pole = geodeticToEcef(90, 0, 0);
  assert.ok(Math.abs(pole.z - 6356752.314245) < 1e-3, `polar radius ${pole.z}`);
  const east = geodeticToEcef(0, 90, 1000);
  assert.ok(Math.abs(east.y - (WGS84_A_M + 1000)) < 1e-6);
});

test('geodetic → ECEF → geodetic round trip is sub-millimetre worldwide from -500 m to 30 km', () => {
  const rand = mulberry32(84);
  for (let i = 0; i < 20_000; i++) {
    const lat = rand() * 180 - 90;
    const lon = rand() * 360 - 180;
    const h = -500 + rand() * 30_500;
    const p = geodeticToEcef(lat, lon, h);
    const g = ecefToGeodetic(p.x, p.y, p.z);
    assert.ok(Math.abs(g.latDeg - lat) < 1e-8, `lat ${lat}`); // 1e-8° ≈ 1 mm
    if (Math.abs(lat) < 89.999) assert.ok(Math.abs(((g.lonDeg - lon + 540) % 360) - 180) < 1e-8, `lon ${lon}`);
    assert.ok(Math.abs(g.hM - h) < 1e-3, `h ${h}: ${g.hM}`);
  }
});

test('ECEF → latitude and longitude alone is the round trip too, worldwide and on the polar axis', () => {
  const rand = mulberry32(85);
  const out = new Float64Array(2);
  for (let i = 0; i < 20_000; i++) {
    const lat = rand() * 180 - 90;
    const lon = rand() * 360 - 180;
    const p = geodeticToEcef(lat, lon, -500 + rand() * 30_500);
    ecefToLatLon(p.x, p.y, p.z, out);
    assert.ok(Math.abs(out[0] - lat) < 1e-8, `lat ${lat}`);
    if (Math.abs(lat) < 89.999) assert.ok(Math.abs(((out[1] - lon + 540) % 360) - 180) < 1e-8, `lon ${lon}`);
  }
  ecefToLatLon(0, 0, -6356752, out);
  assert.deepEqual([...out], [-90, 0]);
});

test('ENU frame: round trip, and local axes point east, north and up', () => {
  const frame = new EnuFrame(55.5, 14.8, 50);
  const rand = mulberry32(3);
  for (let i = 0; i < 5000; i++) {
    const e = (rand() - 0.5) * 600_000;
    const n = (rand() - 0.5) * 600_000;
    const u = rand() * 15_000;
    const g = frame.toGeodetic(e, n, u);
    const back = frame.toEnu(g.latDeg, g.lonDeg, g.hM);
    assert.ok(Math.abs(back.eastM - e) < 1e-4 && Math.abs(back.northM - n) < 1e-4 && Math.abs(back.upM - u) < 1e-4);
  }
  const north = frame.toEnu(55.6, 14.8, 50);
  assert.ok(north.northM > 11_000 && Math.abs(north.eastM) < 1e-6);
  const east = frame.toEnu(55.5, 14.9, 50);
  assert.ok(east.eastM > 6_000 && Math.abs(east.northM) < 10);
});

test('radar polar measurements locate targets to within 10 m out to 250 NM', () => {
  // Truth: targets at known positions; the radar measures the exact slant range and azimuth in its own
  // horizontal plane; converting back with the target's height must find the target again.
  const radar = { latDeg: 54.9, lonDeg: 18.2, hM: 120 };
  const frame = new EnuFrame(radar.latDeg, radar.lonDeg, radar.hM);
  const rand = mulberry32(48);
  const out: Enu = { eastM: 0, northM: 0, upM: 0 };
  let worst = 0;
  for (let i = 0; i < 5000; i++) {
    const lat = radar.latDeg + (rand() - 0.5) * 8;
    const lon = radar.lonDeg + (rand() - 0.5) * 14;
    const h = rand() * 14_000;
    const enu = frame.toEnu(lat, lon, h);
    const slant = Math.hypot(enu.eastM, enu.northM, enu.upM);
    if (slant > 250 * 1852 || enu.upM < -1000) continue;
    const az = (Math.atan2(enu.eastM, enu.northM) * 180) / Math.PI;
    assert.ok(radarPolarToEnu(slant, az, radar, h, out));
    const g = frame.toGeodetic(out.eastM, out.northM, out.upM);
    const back = frame.toEnu(g.latDeg, g.lonDeg, g.hM);
    const errM = Math.hypot(back.eastM - enu.eastM, back.northM - enu.northM);
    worst = Math.max(worst, errM);
  }
  assert.ok(worst < 10, `worst horizontal error ${worst.toFixed(2)} m`);
});
