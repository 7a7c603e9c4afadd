// SPDX-License-Identifier: GPL-3.0-or-later
// The tracker's estimator against physical invariants and statistics: convergence to a noise-free straight
// path, covariance consistency (NEES inside its chi-square bounds over a seeded Monte Carlo), and the IMM's
// advantage over constant velocity alone in a coordinated turn.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Tracker } from '../../../src/fusion/tracker/index.ts';
import type { Track } from '../../../src/fusion/track.ts';
import { adsb, enuOf, gaussian, registry, scene, T0 } from './helpers.ts';

/** Runs one aircraft's ADS-B positions through a tracker; returns the snapshot at each report time (after it). */
function run(reports: { t: number; e: number; n: number }[], options: Record<string, unknown> = {}): Track[] {
  const tr = new Tracker({ registry: registry(), reorderWindowMs: 0, ...options });
  const out: Track[] = [];
  for (const r of reports) {
    tr.add(adsb(r.t, 'abc123', r.e, r.n, { posSigmaM: 30, altM: undefined }));
    tr.advanceTo(r.t);
    const s = tr.snapshot(r.t);
    if (s.length > 0) out.push(s[0]);
  }
  return out;
}

describe('tracker: estimation', () => {
  it('converges to a noise-free straight path (position under 0.5 m, speed to 5 cm/s, track angle to 0.01°)', () => {
    const reports = [];
    for (let k = 0; k < 200; k++) reports.push({ t: T0 + k * 1000, e: -10_000 + 150 * k, n: 5000 - 80 * k });
    const tracks = run(reports);
    const last = tracks[tracks.length - 1];
    const [e, n] = enuOf(last);
    const k = 199;
    assert.ok(Math.hypot(e - (-10_000 + 150 * k), n - (5000 - 80 * k)) < 0.5, `position error ${Math.hypot(e - (-10_000 + 150 * k), n - (5000 - 80 * k))}`);
    assert.ok(Math.abs(last.gsMps - Math.hypot(150, 80)) < 0.05, `speed ${last.gsMps}`);
    // The track angle is from true north at the track's position: the scene's bearing plus the meridian
    // convergence between the scene's origin and the track (Δλ·sin φ, 0.26° here).
    const convergenceDeg = (last.lon - scene.origin.lonDeg) * Math.sin((scene.origin.latDeg * Math.PI) / 180);
    const trueTrack = (Math.atan2(150, -80) * 180) / Math.PI + convergenceDeg;
    assert.ok(Math.abs(last.trackDeg - trueTrack) < 0.01, `track ${last.trackDeg} vs ${trueTrack}`);
  });

  it('is consistent: mean NEES of a constant-velocity filter on white-acceleration truth lies in its 95 % chi-square interval', () => {
    // Truth from the filter's own model: white acceleration of density q, sampled exactly per 1 s step.
    const q = 0.5;
    const runs = 40;
    const steps = 120;
    const neesSum = new Float64Array(steps);
    for (let m = 0; m < runs; m++) {
      const g = gaussian(1000 + m);
      let e = 0;
      let n = 0;
      let ve = 120;
      let vn = 60;
      const reports = [];
      // Discrete white-noise-acceleration increments: [pos, vel] ~ N(0, q [[1/3, 1/2], [1/2, 1]]) per second.
      for (let k = 0; k < steps; k++) {
        reports.push({ t: T0 + k * 1000, e: e + 30 * g(), n: n + 30 * g(), te: e, tn: n });
        for (const axis of [0, 1]) {
          const a = g();
          const b = g();
          const dv = Math.sqrt(q) * a;
          const dp = Math.sqrt(q) * (a / 2 + b / Math.sqrt(12));
          if (axis === 0) {
            e += ve + dp;
            ve += dv;
          } else {
            n += vn + dp;
            vn += dv;
          }
        }
      }
      const tracks = run(reports, { imm: false, qCv: q });
      // Snapshots start once the track is confirmed; align from the end.
      const off = reports.length - tracks.length;
      for (let k = 0; k < tracks.length; k++) {
        const r = reports[k + off];
        const [te, tn] = enuOf(tracks[k]);
        const de = te - r.te;
        const dn = tn - r.tn;
        const [pee, pen, pnn] = tracks[k].posCovM2;
        const det = pee * pnn - pen * pen;
        neesSum[k + off] += (pnn * de * de - 2 * pen * de * dn + pee * dn * dn) / det;
      }
    }
    // Average over the steady state (after 20 s) and runs: runs·mean ~ chi2(2·runs) per step; over 100 steps
    // the average is tighter still, so the single-step 95 % interval [chi2_0.025(80), chi2_0.975(80)]/40 is generous.
    let sum = 0;
    let count = 0;
    for (let k = 20; k < steps; k++) {
      sum += neesSum[k] / runs;
      count++;
    }
    const mean = sum / count;
    assert.ok(mean > 57.15 / 40 && mean < 106.63 / 40, `mean NEES ${mean.toFixed(3)} outside [1.43, 2.67]`);
  });

  it('tracks a coordinated turn with a lower error as an IMM than constant velocity alone', () => {
    let immSq = 0;
    let cvSq = 0;
    let count = 0;
    for (let m = 0; m < 8; m++) {
      const g = gaussian(77 + m);
      const reports = [];
      const truth = [];
      // 60 s straight east at 200 m/s, a 3°/s left turn for 60 s (180°), then 60 s straight west.
      let e = 0;
      let n = 0;
      let hdg = Math.PI / 2; // track angle from north, rad
      const speed = 200;
      for (let k = 0; k < 180; k++) {
        truth.push([e, n]);
        reports.push({ t: T0 + k * 1000, e: e + 25 * g(), n: n + 25 * g() });
        const turning = k >= 60 && k < 120;
        const w = turning ? (-3 * Math.PI) / 180 : 0; // left turn: track angle decreases
        for (let s = 0; s < 10; s++) {
          e += speed * 0.1 * Math.sin(hdg);
          n += speed * 0.1 * Math.cos(hdg);
          hdg += w * 0.1;
        }
      }
      const imm = run(reports, { imm: true });
      const cv = run(reports, { imm: false });
      assert.equal(imm.length, cv.length);
      const off = reports.length - imm.length;
      // Score the turn and the minute after it, where the models differ.
      for (let k = 60; k < 150; k++) {
        const [ie, in_] = enuOf(imm[k - off]);
        const [ce, cn] = enuOf(cv[k - off]);
        immSq += (ie - truth[k][0]) ** 2 + (in_ - truth[k][1]) ** 2;
        cvSq += (ce - truth[k][0]) ** 2 + (cn - truth[k][1]) ** 2;
        count++;
      }
    }
    const immRms = Math.sqrt(immSq / count);
    const cvRms = Math.sqrt(cvSq / count);
    assert.ok(immRms < 0.8 * cvRms, `IMM rms ${immRms.toFixed(1)} m, CV rms ${cvRms.toFixed(1)} m`);
  });
});
