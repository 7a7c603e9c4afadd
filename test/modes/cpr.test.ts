// SPDX-License-Identifier: GPL-3.0-or-later
// CPR property checks: the NL table against the standard's closed form and published transition
// latitudes, and encode → decode round trips (global pairs and local) over a seeded grid of positions
// worldwide, including poles, the antimeridian and NL zone boundaries.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CPR_NL_TRANSITIONS,
  type CprCode,
  cprAirborneGlobal,
  cprAirborneLocal,
  cprEncode,
  cprNL,
  cprNLClosedForm,
  cprSurfaceGlobal,
  cprSurfaceLocal,
  type LatLon,
} from '../../src/modes/cpr.ts';
import { mulberry32, uniform } from '../helpers/prng.ts';

const CPR_MAX = 131072;

/** Difference of two longitudes, wrapped into [-180, 180). */
function dLon(a: number, b: number): number {
  return ((((a - b + 180) % 360) + 360) % 360) - 180;
}

/** Test positions: seeded random worldwide, plus poles, antimeridian, equator and zone boundaries. */
function positions(n: number, seed: number): [number, number][] {
  const rand = mulberry32(seed);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) out.push([uniform(rand, -89.99, 89.99), uniform(rand, -180, 180)]);
  for (const lat of [0, 1e-9, -1e-9, 89.9, -89.9, 89.999, -89.999, 87, -87, 86.99999, 87.00001, 45, -45]) {
    for (const lon of [0, 179.99999, -179.99999, -180, 90, -90, 1e-9, -1e-9]) out.push([lat, lon]);
  }
  for (const t of CPR_NL_TRANSITIONS) {
    for (const d of [-1e-3, -1e-6, 1e-6, 1e-3]) {
      out.push([t + d, uniform(rand, -180, 180)]);
      out.push([-(t + d), uniform(rand, -180, 180)]);
    }
  }
  return out;
}

/** True when two latitudes within the CPR resolution straddle an NL transition. */
function nearTransition(lat: number, tol: number): boolean {
  const a = Math.abs(lat);
  for (const t of CPR_NL_TRANSITIONS) if (Math.abs(a - t) <= tol) return true;
  return false;
}

describe('NL', () => {
  it('the table matches the closed form on both sides of every transition latitude', () => {
    assert.equal(CPR_NL_TRANSITIONS.length, 58);
    for (let k = 0; k < 58; k++) {
      const t = CPR_NL_TRANSITIONS[k];
      for (const sign of [1, -1]) {
        assert.equal(cprNL(sign * (t - 1e-9)), cprNLClosedForm(sign * (t - 1e-9)), `below ${t}`);
        assert.equal(cprNL(sign * (t + 1e-9)), cprNLClosedForm(sign * (t + 1e-9)), `above ${t}`);
        assert.equal(cprNL(sign * (t - 1e-9)) - cprNL(sign * (t + 1e-9)), 1);
      }
      assert.equal(cprNL(t - 1e-9), 59 - k);
    }
    assert.equal(cprNL(0), 59);
    assert.equal(cprNL(87), 2);
    assert.equal(cprNL(-87), 2);
    assert.equal(cprNL(87.000001), 1);
    assert.equal(cprNL(90), 1);
    assert.equal(cprNLClosedForm(87), 2);
  });

  it('transition latitudes match the table published in DO-260B A.1.7.2', () => {
    // NL = 59 below 10.47047130, 58 below 14.82817437, ... (the first and last entries of the table)
    const published: [number, number][] = [
      [59, 10.4704713],
      [58, 14.82817437],
      [57, 18.18626357],
      [56, 21.02939493],
      [55, 23.54504487],
      [54, 25.82924707],
      [53, 27.9389871],
      [52, 29.91135686],
      [5, 84.89166191],
      [4, 85.75541621],
      [3, 86.53536998],
      [2, 87.0],
    ];
    for (const [nl, lat] of published) {
      assert.ok(Math.abs(CPR_NL_TRANSITIONS[59 - nl] - lat) < 5e-8, `NL ${nl}: ${CPR_NL_TRANSITIONS[59 - nl]}`);
    }
  });

  it('the table matches the closed form over a dense sweep of latitudes', () => {
    for (let lat = -89.995; lat < 90; lat += 0.01) {
      if (nearTransition(lat, 1e-9)) continue;
      assert.equal(cprNL(lat), cprNLClosedForm(lat), `lat ${lat}`);
    }
  });
});

describe('airborne CPR round trips', () => {
  const code: CprCode = { cprLat: 0, cprLon: 0 };
  const out: LatLon = { lat: 0, lon: 0 };

  it('global decoding of an even/odd pair returns the position within the resolution', () => {
    let failures = 0;
    let n = 0;
    for (const [lat, lon] of positions(20000, 0x5eed)) {
      assert.ok(cprEncode(lat, lon, false, false, code));
      const e = { ...code };
      assert.ok(cprEncode(lat, lon, true, false, code));
      const o = { ...code };
      for (const oddLatest of [false, true]) {
        n++;
        const ok = cprAirborneGlobal(e.cprLat, e.cprLon, o.cprLat, o.cprLon, oddLatest, out);
        if (!ok) {
          // Allowed only where even and odd latitudes fall in different NL zones.
          failures++;
          assert.ok(nearTransition(lat, 1e-4) || Math.abs(lat) > 89.99, `failed at ${lat},${lon}`);
          continue;
        }
        const i = oddLatest ? 1 : 0;
        const latRes = 360 / (60 - i) / CPR_MAX;
        const lonRes = 360 / Math.max(cprNL(out.lat) - i, 1) / CPR_MAX;
        assert.ok(Math.abs(out.lat - lat) <= latRes / 2 + 1e-9, `lat ${lat} → ${out.lat}`);
        assert.ok(Math.abs(dLon(out.lon, lon)) <= lonRes / 2 + 1e-9, `lon ${lat},${lon} → ${out.lon}`);
        assert.ok(out.lon >= -180 && out.lon < 180);
        assert.ok(Math.abs(out.lat - lat) * 111320 < 2.6, 'half of ~5.1 m');
      }
    }
    assert.ok(failures < n / 100, `failures ${failures} of ${n}`);
  });

  it('local decoding against a nearby reference returns the position within the resolution', () => {
    const rand = mulberry32(77);
    for (const [lat, lon] of positions(20000, 0xbeef)) {
      for (const odd of [false, true]) {
        assert.ok(cprEncode(lat, lon, odd, false, code));
        const i = odd ? 1 : 0;
        const refLat = Math.max(-90, Math.min(90, lat + uniform(rand, -1.5, 1.5)));
        const nl = Math.min(cprNL(lat), cprNL(refLat));
        const refLon = lon + uniform(rand, -1, 1) * Math.min(1.5, (0.4 * 360) / Math.max(nl - i, 1));
        assert.ok(cprAirborneLocal(code.cprLat, code.cprLon, odd, refLat, refLon, out));
        const latRes = 360 / (60 - i) / CPR_MAX;
        const lonRes = 360 / Math.max(cprNL(out.lat) - i, 1) / CPR_MAX;
        assert.ok(Math.abs(out.lat - lat) <= latRes / 2 + 1e-9, `lat ${lat} → ${out.lat}`);
        assert.ok(Math.abs(dLon(out.lon, lon)) <= lonRes / 2 + 1e-9, `lon ${lat},${lon} → ${out.lon} ref ${refLat},${refLon}`);
      }
    }
  });
});

describe('surface CPR round trips', () => {
  const code: CprCode = { cprLat: 0, cprLon: 0 };
  const out: LatLon = { lat: 0, lon: 0 };

  it('global decoding with a reference returns the position within ~1.3 m', () => {
    const rand = mulberry32(99);
    let failures = 0;
    let n = 0;
    for (const [lat, lon] of positions(20000, 0xface)) {
      assert.ok(cprEncode(lat, lon, false, true, code));
      const e = { ...code };
      assert.ok(cprEncode(lat, lon, true, true, code));
      const o = { ...code };
      const refLat = Math.max(-90, Math.min(90, lat + uniform(rand, -2, 2)));
      const refLon = lon + uniform(rand, -2, 2);
      for (const oddLatest of [false, true]) {
        n++;
        if (!cprSurfaceGlobal(e.cprLat, e.cprLon, o.cprLat, o.cprLon, oddLatest, refLat, refLon, out)) {
          failures++;
          assert.ok(nearTransition(lat, 1e-4) || Math.abs(lat) > 89.99, `failed at ${lat},${lon}`);
          continue;
        }
        const i = oddLatest ? 1 : 0;
        const latRes = 90 / (60 - i) / CPR_MAX;
        const lonRes = 90 / Math.max(cprNL(out.lat) - i, 1) / CPR_MAX;
        assert.ok(Math.abs(out.lat - lat) <= latRes / 2 + 1e-9, `lat ${lat} → ${out.lat}`);
        assert.ok(Math.abs(dLon(out.lon, lon)) <= lonRes / 2 + 1e-9, `lon ${lat},${lon} → ${out.lon}`);
        assert.ok(Math.abs(out.lat - lat) * 111320 < 0.65, 'half of ~1.3 m');
      }
    }
    assert.ok(failures < n / 100, `failures ${failures} of ${n}`);
  });

  it('local decoding against a nearby reference', () => {
    const rand = mulberry32(5);
    for (const [lat, lon] of positions(20000, 0xcafe)) {
      for (const odd of [false, true]) {
        assert.ok(cprEncode(lat, lon, odd, true, code));
        const i = odd ? 1 : 0;
        const refLat = Math.max(-90, Math.min(90, lat + uniform(rand, -0.4, 0.4)));
        const nl = Math.min(cprNL(lat), cprNL(refLat));
        const refLon = lon + uniform(rand, -1, 1) * Math.min(0.4, (0.4 * 90) / Math.max(nl - i, 1));
        assert.ok(cprSurfaceLocal(code.cprLat, code.cprLon, odd, refLat, refLon, out));
        const latRes = 90 / (60 - i) / CPR_MAX;
        const lonRes = 90 / Math.max(cprNL(out.lat) - i, 1) / CPR_MAX;
        assert.ok(Math.abs(out.lat - lat) <= latRes / 2 + 1e-9, `lat ${lat} → ${out.lat}`);
        assert.ok(Math.abs(dLon(out.lon, lon)) <= lonRes / 2 + 1e-9, `lon ${lat},${lon} → ${out.lon}`);
      }
    }
  });

  it('the worked examples of the Riddle', () => {
    // Even/odd surface pair and single odd message with reference (51.990, 4.375); raw CPR fields from the messages
    assert.ok(cprSurfaceGlobal(115609, 116941, 39199, 110269, true, 51.99, 4.375, out));
    assert.ok(Math.abs(out.lat - 52.320607072215964) < 1e-9);
    assert.ok(Math.abs(out.lon - 4.73473467145647) < 1e-9);
    assert.ok(cprSurfaceLocal(39195, 110320, true, 51.99, 4.375, out));
    assert.ok(Math.abs(out.lat - 52.32056051997815) < 1e-9);
    assert.ok(Math.abs(out.lon - 4.735735212053571) < 1e-9);
    assert.ok(cprAirborneGlobal(93000, 51372, 74158, 50194, false, out));
    assert.ok(Math.abs(out.lat - 52.2572021484375) < 1e-9);
    assert.ok(Math.abs(out.lon - 3.91937255859375) < 1e-9);
    assert.ok(cprAirborneLocal(93000, 51372, false, 52.258, 3.918, out));
    assert.ok(Math.abs(out.lat - 52.2572021484375) < 1e-9);
  });

  it('rejects a pair whose latitudes lie in different NL zones', () => {
    // Even encoded just below a transition, odd just above it, well apart: NL differs.
    const t = CPR_NL_TRANSITIONS[10];
    assert.ok(cprEncode(t - 0.01, 10, false, false, code));
    const e = { ...code };
    assert.ok(cprEncode(t + 0.01, 10, true, false, code));
    assert.equal(cprAirborneGlobal(e.cprLat, e.cprLon, code.cprLat, code.cprLon, true, out), false);
  });
});
