// SPDX-License-Identifier: GPL-3.0-or-later
// OSPA and GOSPA (α = 2): hand-computed cases, the decomposition, and metric properties on random sets
// (with GOSPA also checked against an exhaustive search over partial assignments, independent of the solver).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { distanceMatrix, gospa, gospaRun, ospa, ospaRun } from '../../../src/fusion/metrics/ospa.ts';
import { mulberry32, randInt } from '../../helpers/prng.ts';
import { plane, track, truth } from './helpers.ts';

const close = (a: number, b: number, tol = 1e-9, msg = ''): void =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg} ${a} vs ${b}`);

describe('OSPA and GOSPA by hand (c = 10)', () => {
  const c10p2 = { cutoffM: 10, order: 2 };
  const c10p1 = { cutoffM: 10, order: 1 };

  it('two empty sets: 0', () => {
    assert.equal(ospa([], [], c10p2).distance, 0);
    const g = gospa([], [], c10p2);
    assert.equal(g.distance, 0);
    assert.equal(g.localisation + g.missed + g.false, 0);
  });

  it('one truth and no track: OSPA = c; GOSPA = (c^p/2)^(1/p), all of it missed', () => {
    const o = ospa([[0, 0]], [], c10p2);
    assert.equal(o.distance, 10); // ((1/1)·10²·1)^(1/2)
    const g = gospa([[0, 0]], [], c10p2);
    close(g.distance, Math.sqrt(50)); // 10²/2 = 50
    assert.deepEqual([g.localisation, g.missed, g.false, g.missedCount, g.falseCount], [0, 50, 0, 1, 0]);
    close(gospa([[0, 0]], [], c10p1).distance, 5); // p = 1: c/2
  });

  it('no truth and one track: OSPA = c; GOSPA all false', () => {
    assert.equal(ospa([], [[3, 4]], c10p2).distance, 10);
    const g = gospa([], [[3, 4]], c10p2);
    close(g.distance, Math.sqrt(50));
    assert.deepEqual([g.localisation, g.missed, g.false, g.missedCount, g.falseCount], [0, 0, 50, 0, 1]);
  });

  it('one missed: truths (0,0), (100,0); track (3,4)', () => {
    // The track pairs with (0,0) at d = 5 (the other truth is 97.1 m away, beyond c).
    // OSPA: n = 2; (5² + 10²·1) / 2 = 62.5 → √62.5.  GOSPA: 5² + 10²/2 = 75 → √75.
    const o = ospa([[0, 0], [100, 0]], [[3, 4]], c10p2);
    close(o.distance, Math.sqrt(62.5));
    close(o.localisation, Math.sqrt(25 / 2));
    close(o.cardinality, Math.sqrt(100 / 2));
    assert.deepEqual([...o.truthToTrack], [0, -1]);
    const g = gospa([[0, 0], [100, 0]], [[3, 4]], c10p2);
    close(g.distance, Math.sqrt(75));
    assert.deepEqual([g.localisation, g.missed, g.false], [25, 50, 0]);
    assert.deepEqual([g.assignedCount, g.missedCount, g.falseCount], [1, 1, 0]);
    assert.deepEqual([...g.truthToTrack], [0, -1]);
  });

  it('a mix where the cut-off applies: truths (0,0), (20,0); tracks (0,6), (20,30)', () => {
    // d(x1,y1) = 6, d(x1,y2) = √1300 ≈ 36.1, d(x2,y1) = √436 ≈ 20.9, d(x2,y2) = 30.
    // Truncated squares: 36, 100, 100, 100 → best 36 + 100 = 136 (x1–y1, x2–y2).
    // OSPA p=2: √(136/2) = √68.  GOSPA p=2: x2–y2 is beyond c, so it is a missed truth plus a false track:
    // 36 + 50 + 50 = 136 → √136.  With p = 1: OSPA (6 + 10)/2 = 8, GOSPA 6 + 5 + 5 = 16.
    const X = [[0, 0], [20, 0]];
    const Y = [[0, 6], [20, 30]];
    close(ospa(X, Y, c10p2).distance, Math.sqrt(68));
    const g = gospa(X, Y, c10p2);
    close(g.distance, Math.sqrt(136));
    close(g.localisation, 36);
    assert.deepEqual([g.missed, g.false, g.assignedCount, g.missedCount, g.falseCount], [50, 50, 1, 1, 1]);
    assert.deepEqual([...g.truthToTrack], [0, -1]);
    close(ospa(X, Y, c10p1).distance, 8);
    close(gospa(X, Y, c10p1).distance, 16);
  });

  it('the optimal pairing, not the greedy one: truths (0,0), (3,0); tracks (2,0), (5,0)', () => {
    // Nearest-first pairs (3,0)–(2,0) at 1 and then (0,0)–(5,0) at 5; the optimum is 2 and 2.
    // OSPA p=2: √((4 + 4)/2) = 2.  GOSPA p=2: √8.  p=1: OSPA (2+2)/2 = 2, GOSPA 4.
    const X = [[0, 0], [3, 0]];
    const Y = [[2, 0], [5, 0]];
    close(ospa(X, Y, c10p2).distance, 2);
    close(gospa(X, Y, c10p2).distance, Math.sqrt(8));
    close(ospa(X, Y, c10p1).distance, 2);
    close(gospa(X, Y, c10p1).distance, 4);
    assert.deepEqual([...gospa(X, Y, c10p2).truthToTrack], [0, 1]);
  });

  it('rejects a non-positive cut-off and an order below 1', () => {
    assert.throws(() => ospa([[0]], [[1]], { cutoffM: 0, order: 2 }), RangeError);
    assert.throws(() => gospa([[0]], [[1]], { cutoffM: 10, order: 0.5 }), RangeError);
  });
});

/** GOSPA^p by exhaustive search over partial assignments (any pair may be used; unused items cost c^p/2). */
function bruteGospaP(X: number[][], Y: number[][], c: number, p: number): number {
  const d = distanceMatrix(X, Y);
  const n = Y.length;
  const used = new Uint8Array(n);
  let best = Number.POSITIVE_INFINITY;
  const rec = (i: number, sum: number, pairs: number): void => {
    if (i === X.length) {
      best = Math.min(best, sum + (c ** p / 2) * (X.length + n - 2 * pairs));
      return;
    }
    rec(i + 1, sum, pairs); // truth i unassigned
    for (let j = 0; j < n; j++) {
      if (used[j]) continue;
      used[j] = 1;
      rec(i + 1, sum + d[i * n + j] ** p, pairs + 1);
      used[j] = 0;
    }
  };
  rec(0, 0, 0);
  return best;
}

describe('OSPA and GOSPA properties on seeded random sets', () => {
  const rand = mulberry32(1601);
  const randomSet = (): number[][] => {
    const k = randInt(rand, 0, 5);
    return Array.from({ length: k }, () => [rand() * 30, rand() * 30]);
  };
  const cases = Array.from({ length: 400 }, (_, k) => ({
    X: randomSet(),
    Y: randomSet(),
    Z: randomSet(),
    params: { cutoffM: [5, 10, 20][k % 3], order: [1, 2, 3][Math.floor(k / 3) % 3] },
  }));

  it('OSPA in [0, c], symmetric, zero on identical sets', () => {
    for (const { X, Y, params } of cases) {
      const o = ospa(X, Y, params).distance;
      assert.ok(o >= 0 && o <= params.cutoffM + 1e-12);
      close(ospa(Y, X, params).distance, o, 1e-12, 'symmetry');
      assert.equal(ospa(X, X, params).distance, 0);
    }
  });

  it('GOSPA equals the exhaustive search, its parts add up, and it is symmetric', () => {
    for (const { X, Y, params } of cases) {
      const { cutoffM: c, order: p } = params;
      const g = gospa(X, Y, params);
      close(g.distance ** p, bruteGospaP(X, Y, c, p), 1e-9, 'exhaustive');
      close(g.distance ** p, g.localisation + g.missed + g.false, 1e-12, 'decomposition');
      assert.equal(g.missedCount, X.length - g.assignedCount);
      assert.equal(g.falseCount, Y.length - g.assignedCount);
      close(g.missed, (c ** p / 2) * g.missedCount, 1e-12);
      close(g.false, (c ** p / 2) * g.falseCount, 1e-12);
      const d = distanceMatrix(X, Y);
      g.truthToTrack.forEach((j, i) => {
        if (j >= 0) assert.ok(d[i * Y.length + j] < c, 'assigned pairs lie inside the cut-off');
      });
      close(gospa(Y, X, params).distance, g.distance, 1e-12, 'symmetry');
    }
  });

  it('GOSPA^p = max(m,n)·OSPA^p − (c^p/2)|m−n|, and (c^p/2)|m−n| ≤ GOSPA^p ≤ (c^p/2)(m+n)', () => {
    for (const { X, Y, params } of cases) {
      const { cutoffM: c, order: p } = params;
      const gp = gospa(X, Y, params).distance ** p;
      const op = ospa(X, Y, params).distance ** p;
      const m = X.length;
      const n = Y.length;
      close(gp, Math.max(m, n) * op - (c ** p / 2) * Math.abs(m - n), 1e-9, 'OSPA relation');
      assert.ok(gp >= (c ** p / 2) * Math.abs(m - n) - 1e-9);
      assert.ok(gp <= (c ** p / 2) * (m + n) + 1e-9);
    }
  });

  it('triangle inequality for OSPA and GOSPA', () => {
    for (const { X, Y, Z, params } of cases) {
      for (const f of [ospa, gospa]) {
        const xz = f(X, Z, params).distance;
        const xy = f(X, Y, params).distance;
        const yz = f(Y, Z, params).distance;
        assert.ok(xz <= xy + yz + 1e-9, `${f.name}: ${xz} > ${xy} + ${yz}`);
      }
    }
  });
});

describe('OSPA and GOSPA over a run (lat/lon in the metric plane)', () => {
  it('per-scan values and means, c = 100 m, p = 2', () => {
    // Scan 0: truth A at (0,0), track 7 at (30,40): d = 50 → OSPA 50, GOSPA 50 (localisation 2500).
    // Scan 1: truth A, no track → OSPA 100, GOSPA √(100²/2) = √5000 (missed 5000).
    // Means: OSPA 75; GOSPA (50 + √5000)/2; localisation 1250; missed 2500; false 0.
    const truths = [truth('A', 0, 0, 0), truth('A', 1000, 0, 0)];
    const tracks = [track(7, 0, 30, 40)];
    const params = { cutoffM: 100, order: 2 };
    const o = ospaRun(truths, tracks, params, plane);
    assert.deepEqual(o.timesMs, [0, 1000]);
    close(o.distance[0], 50, 1e-8);
    close(o.distance[1], 100);
    close(o.mean, 75, 1e-8);
    const g = gospaRun(truths, tracks, params, plane);
    close(g.distance[0], 50, 1e-8);
    close(g.distance[1], Math.sqrt(5000));
    close(g.mean.distance, (50 + Math.sqrt(5000)) / 2, 1e-8);
    close(g.mean.localisation, 1250, 1e-8);
    close(g.mean.missed, 2500);
    assert.equal(g.mean.false, 0);
    assert.deepEqual([...g.missedCount], [0, 1]);
    assert.deepEqual([...g.falseCount], [0, 0]);
  });

  it('an empty run has no scans and a NaN mean', () => {
    const o = ospaRun([], [], { cutoffM: 100, order: 2 });
    assert.equal(o.timesMs.length, 0);
    assert.ok(Number.isNaN(o.mean));
  });
});
