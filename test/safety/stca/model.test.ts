// SPDX-License-Identifier: GPL-3.0-or-later
// The pair model against geometry worked by hand and against brute-force sampling of the predicted trajectories.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EARTH_RADIUS_M, evaluateStcaPair, FT_M, NM_M, PairResult } from '../../../src/safety/stca/model.ts';
import { StcaSnapshot } from '../../../src/safety/stca/snapshot.ts';
import { mulberry32, uniform } from '../../helpers/prng.ts';

const DEG = Math.PI / 180;

interface Ac {
  lat: number;
  lon: number;
  altM: number;
  ve: number;
  vn: number;
  vr: number;
}

function snap(a: Ac, b: Ac): StcaSnapshot {
  const s = new StcaSnapshot();
  s.resize(2);
  [a, b].forEach((x, i) => {
    s.trackId[i] = i + 1;
    s.lat[i] = x.lat;
    s.lon[i] = x.lon;
    s.altM[i] = x.altM;
    s.velEastMps[i] = x.ve;
    s.velNorthMps[i] = x.vn;
    s.vrMps[i] = x.vr;
  });
  return s;
}

/** A point `northM`, `eastM` from (lat0, lon0) on the model's flat earth. */
function offset(lat0: number, lon0: number, northM: number, eastM: number): { lat: number; lon: number } {
  const lat = lat0 + northM / EARTH_RADIUS_M / DEG;
  return { lat, lon: lon0 + eastM / (EARTH_RADIUS_M * Math.cos(((lat0 + lat) / 2) * DEG)) / DEG };
}

test('head-on at the same level: tcpa, dcpa and the time separation is lost', () => {
  // 20 NM apart on a meridian, closing at 2 × 250 m/s: CPA after 37040/500 = 74.08 s at 0 m; 5 NM are reached
  // after (37040 − 9260)/500 = 55.56 s.
  const p = offset(58, 20, 20 * NM_M, 0);
  const s = snap({ lat: 58, lon: 20, altM: 10000, ve: 0, vn: 250, vr: 0 }, { lat: p.lat, lon: 20, altM: 10000, ve: 0, vn: -250, vr: 0 });
  const r = new PairResult();
  assert.equal(evaluateStcaPair(s, 0, 1, 5 * NM_M, 1000 * FT_M, 120, r), true);
  assert.ok(Math.abs(r.tcpaS - 74.08) < 1e-6, `tcpa ${r.tcpaS}`);
  assert.ok(r.dcpaM < 1e-3, `dcpa ${r.dcpaM}`);
  assert.ok(Math.abs(r.tInS - 55.56) < 1e-6, `tIn ${r.tInS}`);
  assert.ok(Math.abs(r.tOutS - 92.6) < 1e-6, `tOut ${r.tOutS}`);
  assert.equal(r.losNow, false);
  // With a 50 s look-ahead the loss (from 55.56 s) is beyond the horizon.
  assert.equal(evaluateStcaPair(s, 0, 1, 5 * NM_M, 1000 * FT_M, 50, r), false);
});

test('2000 ft apart and level: no conflict; climbing through the other level: conflict from the vertical window', () => {
  const p = offset(58, 20, 10 * NM_M, 0);
  const a = { lat: 58, lon: 20, altM: 3048, ve: 0, vn: 200, vr: 0 };
  const b = { lat: p.lat, lon: 20, altM: 3048 + 2000 * FT_M, ve: 0, vn: -200, vr: 0 };
  const r = new PairResult();
  assert.equal(evaluateStcaPair(snap(a, b), 0, 1, 5 * NM_M, 1000 * FT_M, 120, r), false);
  // b descends at 10 m/s: |dalt| = 609.6 − 10 t < 304.8 from t = 30.48 s; horizontally inside from (18520 − 9260)/400 = 23.15 s.
  assert.equal(evaluateStcaPair(snap(a, { ...b, vr: -10 }), 0, 1, 5 * NM_M, 1000 * FT_M, 120, r), true);
  assert.ok(Math.abs(r.tInS - 30.48) < 1e-6, `tIn ${r.tInS}`);
});

test('current proximity: inside the volume now is a conflict even when diverging; unknown altitude counts as close', () => {
  const p = offset(60, 25, 2 * NM_M, 0);
  const a = { lat: 60, lon: 25, altM: 5000, ve: 0, vn: -200, vr: 0 };
  const b = { lat: p.lat, lon: 25, altM: 5100, ve: 0, vn: 200, vr: 0 };
  const r = new PairResult();
  assert.equal(evaluateStcaPair(snap(a, b), 0, 1, 5 * NM_M, 1000 * FT_M, 120, r), true);
  assert.equal(r.losNow, true);
  assert.ok(r.tcpaS < 0);
  assert.equal(evaluateStcaPair(snap(a, { ...b, altM: Number.NaN }), 0, 1, 5 * NM_M, 1000 * FT_M, 120, r), true);
  assert.ok(Number.isNaN(r.dAltM));
  assert.equal(evaluateStcaPair(snap(a, { ...b, altM: 5000 + 3000 }), 0, 1, 5 * NM_M, 1000 * FT_M, 120, r), false);
});

test('random pairs: the verdict agrees with sampling the straight-line trajectories every 0.05 s', () => {
  const rand = mulberry32(2024);
  const rpz = 5 * NM_M;
  const hpz = 1000 * FT_M;
  const T = 120;
  const r = new PairResult();
  let agreedConflicts = 0;
  let borderline = 0;
  for (let k = 0; k < 2000; k++) {
    const lat0 = uniform(rand, 53, 66);
    const lon0 = uniform(rand, 10, 30);
    const a: Ac = { lat: lat0, lon: lon0, altM: uniform(rand, 3000, 4000), ve: uniform(rand, -250, 250), vn: uniform(rand, -250, 250), vr: rand() < 0.5 ? 0 : uniform(rand, -20, 20) };
    const p = offset(lat0, lon0, uniform(rand, -40e3, 40e3), uniform(rand, -40e3, 40e3));
    const b: Ac = { lat: p.lat, lon: p.lon, altM: uniform(rand, 3000, 4000), ve: uniform(rand, -250, 250), vn: uniform(rand, -250, 250), vr: rand() < 0.5 ? 0 : uniform(rand, -20, 20) };
    const s = snap(a, b);
    const verdict = evaluateStcaPair(s, 0, 1, rpz, hpz, T, r);
    // Sample the relative motion on the pair's flat earth (as the model defines it).
    const c = Math.cos(((a.lat + b.lat) / 2) * DEG);
    const dx0 = EARTH_RADIUS_M * (b.lon - a.lon) * DEG * c;
    const dy0 = EARTH_RADIUS_M * (b.lat - a.lat) * DEG;
    let minMargin = Infinity; // < 0: inside the volume at some sampled time
    for (let t = 0; t <= T; t += 0.05) {
      const h = Math.hypot(dx0 + (b.ve - a.ve) * t, dy0 + (b.vn - a.vn) * t);
      const v = Math.abs(b.altM - a.altM + (b.vr - a.vr) * t);
      minMargin = Math.min(minMargin, Math.max(h / rpz, v / hpz) - 1);
    }
    if (Math.abs(minMargin) < 0.01) {
      borderline++;
      continue; // grazing the volume: the sampling step decides, not the model
    }
    assert.equal(verdict, minMargin < 0, `pair ${k}: model ${verdict}, sampled margin ${minMargin}`);
    if (verdict) agreedConflicts++;
  }
  assert.ok(agreedConflicts > 50, `conflicts ${agreedConflicts}`);
  assert.ok(borderline < 100, `borderline ${borderline}`);
});
