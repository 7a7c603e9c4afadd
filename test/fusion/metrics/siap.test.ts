// SPDX-License-Identifier: GPL-3.0-or-later
// SIAP measures on small hand-made runs; every expected value is worked out in the comments.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanDistances } from '../../../src/fusion/metrics/ospa.ts';
import { scans } from '../../../src/fusion/metrics/plane.ts';
import { SiapAssociator, siap } from '../../../src/fusion/metrics/siap.ts';
import type { MetricTrack, MetricTruth } from '../../../src/fusion/metrics/types.ts';
import { plane, track, truth } from './helpers.ts';

const close = (a: number, b: number, tol = 1e-6, msg = ''): void =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${msg} ${a} vs ${b}`);

const MIN15 = 15 * 60_000;

describe('SIAP on a hand-made run', () => {
  // Two aircraft sampled every 15 min for an hour (scans t0..t4), gate 100 m.
  //   A: icao abc123, SAS681, at (0,0), 100 m/s due east.   B: icao 4b1234, NATO01, at (10000,0), 200 m/s north.
  // Tracks:
  //   1: on A at t0..t2, 30 m north of it, velocity (103, 4) → velocity error |(3, 4)| = 5; icao 'ABC123' (right).
  //   2: on A at t3..t4 (track 1 was dropped), 40 m south; no velocity, no identity.
  //   3: on B at t0..t3, 50 m east; 210 m/s north → velocity error 10; callsign NATO02 (wrong).
  //   4: near B at t1 only, 60 m west: a second track on B; no velocity; callsign ' nato01 ' (right).
  //   5: at (5000, 0) at t2: 5 km from A and B, far outside the gate: spurious.
  const truths: MetricTruth[] = [];
  const tracks: MetricTrack[] = [];
  for (let k = 0; k <= 4; k++) {
    const t = k * MIN15;
    truths.push(truth('A', t, 0, 0, { icao: 'abc123', callsign: 'SAS681', gsMps: 100, trackDeg: 90 }));
    truths.push(truth('B', t, 10_000, 0, { icao: '4b1234', callsign: 'NATO01', gsMps: 200, trackDeg: 0 }));
    if (k <= 2) tracks.push(track(1, t, 0, 30, { velEastMps: 103, velNorthMps: 4, icao: 'ABC123' }));
    if (k >= 3) tracks.push(track(2, t, 0, -40));
    if (k <= 3) tracks.push(track(3, t, 10_050, 0, { gsMps: 210, trackDeg: 0, callsign: 'NATO02' }));
    if (k === 1) tracks.push(track(4, t, 9_940, 0, { callsign: ' nato01 ' }));
    if (k === 2) tracks.push(track(5, t, 5_000, 0));
  }
  const r = siap(truths, tracks, { gateM: 100, plane });

  it('per-scan counts J, JT, N, NA', () => {
    // t0: tracks 1, 3         → J 2, JT 2, N 2, NA 2
    // t1: tracks 1, 3, 4      → J 2, JT 2, N 3, NA 3 (ambiguity 3/2 at t1)
    // t2: tracks 1, 3, 5      → J 2, JT 2, N 3, NA 2 (spuriousness 1/3 at t2)
    // t3: tracks 2, 3         → J 2, JT 2, N 2, NA 2
    // t4: track 2             → J 2, JT 1, N 1, NA 1 (completeness 1/2 at t4)
    const rows = r.perTime.map((s) => [s.truths, s.associatedTruths, s.tracks, s.associatedTracks]);
    assert.deepEqual(rows, [
      [2, 2, 2, 2],
      [2, 2, 3, 3],
      [2, 2, 3, 2],
      [2, 2, 2, 2],
      [2, 1, 1, 1],
    ]);
    assert.deepEqual(
      r.perTime.map((s) => s.timeMs),
      [0, 1, 2, 3, 4].map((k) => k * MIN15),
    );
    close(r.perTime[1].ambiguity, 1.5);
    close(r.perTime[2].spuriousness, 1 / 3);
    close(r.perTime[4].completeness, 0.5);
    // t1 pairs: track 1 at 30, track 3 at 50, track 4 at 60 → mean 140/3; velocities: 5 and 10 → 7.5.
    close(r.perTime[1].positionErrorM, 140 / 3);
    close(r.perTime[1].velocityErrorMps, 7.5);
    // t4: only track 2, without velocity → velocity error undefined.
    assert.ok(Number.isNaN(r.perTime[4].velocityErrorMps));
  });

  it('completeness, ambiguity, spuriousness', () => {
    // ΣJ = 10, ΣJT = 9, ΣN = 11, ΣNA = 10.
    assert.deepEqual(
      [r.totals.truths, r.totals.associatedTruths, r.totals.tracks, r.totals.associatedTracks],
      [10, 9, 11, 10],
    );
    close(r.completeness, 9 / 10);
    close(r.ambiguity, 10 / 9);
    close(r.spuriousness, 1 / 11);
  });

  it('position and velocity accuracy', () => {
    // Pairs: track 1 ×3 at 30 m, track 2 ×2 at 40 m, track 3 ×4 at 50 m, track 4 ×1 at 60 m.
    // Mean = (90 + 80 + 200 + 60) / 10 = 43 m.  RMS = √((2700 + 3200 + 10000 + 3600) / 10) = √1950.
    close(r.positionErrorMeanM, 43);
    close(r.positionErrorRmsM, Math.sqrt(1950));
    // Velocity only where the track has one: track 1 ×3 at 5 m/s, track 3 ×4 at 10 m/s (7 pairs).
    // Mean = (15 + 40) / 7 = 55/7.  RMS = √((75 + 400) / 7).
    assert.equal(r.totals.velocityPairs, 7);
    close(r.velocityErrorMeanMps, 55 / 7);
    close(r.velocityErrorRmsMps, Math.sqrt(475 / 7));
  });

  it('track-number changes', () => {
    // A: primary track 1 from t0; at t3 track 1 is gone and track 2 takes A → 1 change.
    // B: track 3 from t0 to t3; track 4 at t1 is a second track on B, but track 3 stays primary because it is
    //    still associated; at t4 B has no track, which is no change → 0.
    // Truth time: A and B each span t0..t4 = 1 h → 2 aircraft-hours; 1 change → 50 per 100 aircraft-hours.
    assert.equal(r.trackNumberChanges, 1);
    assert.deepEqual(
      r.perTime.map((s) => s.trackNumberChanges),
      [0, 0, 0, 1, 0],
    );
    close(r.truthHours, 2);
    close(r.trackNumberChangesPer100h, 50);
  });

  it('ID correctness', () => {
    // Of the 10 associated pairs: track 1 ×3 right (icao case-insensitive), track 4 ×1 right (callsign trimmed,
    // case-insensitive) → 4 right; track 3 ×4 wrong callsign → 4 wrong; track 2 ×2 states nothing → 2 unknown.
    close(r.idCorrect, 0.4);
    close(r.idIncorrect, 0.4);
    close(r.idUnknown, 0.2);
  });
});

describe('SIAP association rule', () => {
  it('holds an assignment while it stays within the gate, then moves to the nearest truth', () => {
    // Gate 100 m. Truths A at (0,0) and B at (150,0) throughout.
    // t0: track X at (40,0): A at 40 (B at 110, outside) → A.
    // t1: X at (90,0): B is nearer (60) but A (90) is still within the gate → held on A.
    //     New track Y at (90,0): nearest within the gate → B.
    // t2: X at (120,0): A at 120 is outside → X goes to the nearest, B (30). Y is absent.
    //     B's primary was Y, which is not associated now → X becomes B's primary: 1 change.
    //     A has no track at t2: no change (its primary, X, is remembered).
    const truths = [0, 1, 2].flatMap((k) => [truth('A', k, 0, 0), truth('B', k, 150, 0)]);
    const tracks = [track('X', 0, 40, 0), track('X', 1, 90, 0), track('Y', 1, 90, 0), track('X', 2, 120, 0)];
    const assoc = new SiapAssociator(100);
    const out = scans(truths, tracks).map((s) => assoc.step(s, scanDistances(s, plane)));
    // Scan order: truths [A, B], tracks sorted by id: [X] / [X, Y] / [X].
    assert.deepEqual([...out[0].trackToTruth], [0]);
    assert.deepEqual([...out[1].trackToTruth], [0, 1]);
    assert.deepEqual([...out[2].trackToTruth], [1]);
    assert.deepEqual(
      out.map((o) => [...o.primary]),
      [
        [0, -1],
        [0, 1],
        [-1, 0],
      ],
    );
    assert.deepEqual(
      out.map((o) => o.changes),
      [0, 0, 1],
    );
  });

  it('associates a track that states the address of an aircraft with that aircraft only (a close formation)', () => {
    // Gate 100 m. Truths P (icao aaaaa1) at (0,0) and Q (icao aaaaa2) at (60,0), a pair 60 m apart.
    // t0: track 1 (aaaaa1) at (50,0) is nearer Q (10 m) than P (50 m), track 2 (aaaaa2) at (10,0) nearer P:
    //     by position each would go to the other aircraft; by address, 1 → P and 2 → Q.
    // t1: track 1 at (10,0), track 2 at (50,0): 1 → P, 2 → Q.
    // t2: track 1 at (120,0): outside P's gate (120 m) though inside Q's (60 m): it is P's track, so it goes to
    //     no truth (by position it would go to Q). Track 2 at (60,0) → Q. P has no track: no change.
    // t3: track 1 at (0,0) again: P's primary is still track 1: no change.
    const truths = [0, 1, 2, 3].flatMap((k) => [truth('P', k, 0, 0, { icao: 'aaaaa1' }), truth('Q', k, 60, 0, { icao: 'aaaaa2' })]);
    const a1 = { icao: 'AAAAA1' };
    const a2 = { icao: 'aaaaa2' };
    const tracks = [
      track(1, 0, 50, 0, a1),
      track(2, 0, 10, 0, a2),
      track(1, 1, 10, 0, a1),
      track(2, 1, 50, 0, a2),
      track(1, 2, 120, 0, a1),
      track(2, 2, 60, 0, a2),
      track(1, 3, 0, 0, a1),
      track(2, 3, 60, 0, a2),
    ];
    const assoc = new SiapAssociator(100);
    const out = scans(truths, tracks).map((s) => assoc.step(s, scanDistances(s, plane)));
    assert.deepEqual(
      out.map((o) => [...o.trackToTruth]),
      [
        [0, 1],
        [0, 1],
        [-1, 1],
        [0, 1],
      ],
    );
    assert.deepEqual(
      out.map((o) => o.changes),
      [0, 0, 0, 0],
    );
  });

  it('a truth lost and picked up again by the same track has no change; by another track, one', () => {
    // Truth C at (0,0) at t0..t4. Track 1 at t0, nothing at t1, track 1 again at t2 (no change),
    // track 2 at t3 (change), track 1 at t4 (change back: the primary was track 2).
    const truths = [0, 1, 2, 3, 4].map((k) => truth('C', k * 1000, 0, 0));
    const tracks = [track(1, 0, 10, 0), track(1, 2000, 10, 0), track(2, 3000, 0, 10), track(1, 4000, 10, 0)];
    const r = siap(truths, tracks, { gateM: 50, plane });
    assert.deepEqual(
      r.perTime.map((s) => s.trackNumberChanges),
      [0, 0, 0, 1, 1],
    );
    // 2 changes over 4 s of truth time: 2 / (4/3600 h) · 100 = 180000 per 100 aircraft-hours.
    close(r.trackNumberChangesPer100h, 180_000);
    close(r.completeness, 4 / 5);
  });

  it('no tracks: completeness 0, and the ratios without a denominator are NaN', () => {
    const r = siap([truth('A', 0, 0, 0)], [], { gateM: 100, plane });
    assert.equal(r.completeness, 0);
    assert.ok(Number.isNaN(r.ambiguity));
    assert.ok(Number.isNaN(r.spuriousness));
    assert.ok(Number.isNaN(r.positionErrorMeanM));
    assert.ok(Number.isNaN(r.idCorrect));
    assert.equal(r.trackNumberChanges, 0);
  });

  it('rejects a duplicate track at one time and a non-positive gate', () => {
    assert.throws(() => siap([], [track(1, 0, 0, 0), track(1, 0, 5, 0)], { gateM: 100, plane }), /twice/);
    assert.throws(() => new SiapAssociator(0), RangeError);
  });
});
