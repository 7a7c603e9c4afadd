// SPDX-License-Identifier: GPL-3.0-or-later
// Pair geometry against independent references: relative positions against geographiclib's WGS84 geodesic,
// the interpolated closest point against a brute-force scan of the segment, and the geometry classes against
// the angles of ICAO Annex 2 (overtaking within 70° of the tail).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import geographiclib from 'geographiclib-geodesic';
import { classifyGeometry, extrapolate, relativeEnM, segmentClosestU } from '../../../src/safety/encounters/geometry.ts';
import { mulberry32 } from '../../helpers/prng.ts';

const geod = geographiclib.Geodesic.WGS84;

test('relative position agrees with the WGS84 geodesic to 0.05% (and 1 m) up to 40 km', () => {
  const rand = mulberry32(6);
  for (let i = 0; i < 2000; i++) {
    const lat = 53 + rand() * 13;
    const lon = 9 + rand() * 22;
    const az = rand() * 360;
    const s = rand() * 40_000;
    const d = geod.Direct(lat, lon, az, s);
    const rel = relativeEnM(lat, lon, d.lat2!, d.lon2!, { e: 0, n: 0 });
    const dist = Math.hypot(rel.e, rel.n);
    assert.ok(Math.abs(dist - s) <= Math.max(1, s * 5e-4), `${s.toFixed(1)} m geodesic vs ${dist.toFixed(1)} m`);
  }
});

test('extrapolation moves by the velocity times the time (geodesic distance and azimuth)', () => {
  const p = extrapolate(55.2, 13.1, 150, -80, 10);
  const inv = geod.Inverse(55.2, 13.1, p.lat, p.lon);
  assert.ok(Math.abs(inv.s12! - Math.hypot(1500, 800)) < 1);
  const az = (Math.atan2(150, -80) * 180) / Math.PI;
  assert.ok(Math.abs(inv.azi1! - az) < 0.05, `${inv.azi1} vs ${az}`);
});

test('closest point of a segment equals a fine brute-force scan, with and without the vertical', () => {
  const rand = mulberry32(61);
  for (let i = 0; i < 500; i++) {
    const p0 = [rand() * 4000 - 2000, rand() * 4000 - 2000, rand() * 600 - 300];
    const p1 = [rand() * 4000 - 2000, rand() * 4000 - 2000, rand() * 600 - 300];
    for (const vertical of [true, false]) {
      const u = segmentClosestU(p0[0], p0[1], vertical ? p0[2] : Number.NaN, p1[0], p1[1], vertical ? p1[2] : Number.NaN);
      const dAt = (f: number) => Math.hypot(p0[0] + f * (p1[0] - p0[0]), p0[1] + f * (p1[1] - p0[1]), vertical ? p0[2] + f * (p1[2] - p0[2]) : 0);
      let best = Number.POSITIVE_INFINITY;
      for (let k = 0; k <= 10_000; k++) best = Math.min(best, dAt(k / 10_000));
      assert.ok(dAt(u) <= best + 1e-6, `u=${u}`);
      assert.ok(dAt(u) >= best - 1, 'not below the scanned minimum by more than the scan step');
    }
  }
});

test('geometry: head-on from 135°, overtaking under 70° from behind, crossing between', () => {
  assert.equal(classifyGeometry(90, 270), 'head-on');
  assert.equal(classifyGeometry(10, 200), 'head-on');
  assert.equal(classifyGeometry(0, 100), 'crossing');
  assert.equal(classifyGeometry(160, 265), 'crossing');
  assert.equal(classifyGeometry(0, 30, 10), 'overtaking');
  // Converging tracks side by side (neither behind the other) are crossing.
  assert.equal(classifyGeometry(0, 30, 90), 'crossing');
});
