// SPDX-License-Identifier: GPL-3.0-or-later
// OSPA (Schuhmacher, Vo & Vo 2008) and GOSPA with α = 2 (Rahmathullah, García-Fernández & Svensson 2017)
// between a set of truth positions X (|X| = m) and a set of track positions Y (|Y| = n) at one time.
//
// With the cut-off base distance d_c(x, y) = min(d(x, y), c), order p ≥ 1, and m ≤ n (swap otherwise):
//
//   OSPA:   d̄(X, Y) = ( (1/n) · ( min_π Σ_{i≤m} d_c(x_i, y_π(i))^p  +  c^p · (n − m) ) )^(1/p)
//   GOSPA:  d(X, Y)  = (          min_π Σ_{i≤m} d_c(x_i, y_π(i))^p  +  (c^p / 2) · (n − m)   )^(1/p)
//
// where π ranges over injections of X into Y. OSPA is 0 for two empty sets and c when exactly one is empty.
// Both minimisations are the same linear assignment on the cost matrix min(d, c)^p, so one solver call
// serves both (and GOSPA^p = n · OSPA^p − (c^p / 2)(n − m), which the tests check).
//
// For α = 2 GOSPA splits into parts that add up to GOSPA^p (paper, Proposition 1): an assigned pair counts
// as localisation error d^p only if d < c; a pair at or beyond the cut-off costs c^p either way, which is
// read as one missed target plus one false track at c^p / 2 each. So
//   GOSPA^p = localisation + missed + false,  localisation = Σ_{assigned, d<c} d^p,
//   missed = (c^p / 2) · (truths not assigned),  false = (c^p / 2) · (tracks not assigned).
//
// Positions are vectors of any dimension with the Euclidean distance; the run-level functions use horizontal
// east/north metres in one tangent plane (see plane.ts).

import { AssignmentSolver } from './assignment.ts';
import { MetricPlane, type Scan, scans } from './plane.ts';
import type { MetricTrack, MetricTruth, OspaParams } from './types.ts';

export interface OspaResult {
  /** The OSPA distance, m; in [0, c]. */
  distance: number;
  /** The localisation part ((1/n) Σ d_c^p)^(1/p) and the cardinality part ((1/n) c^p |n − m|)^(1/p). */
  localisation: number;
  cardinality: number;
  /** For each truth, the index of the track it was paired with in the optimal assignment, or -1. */
  truthToTrack: Int32Array;
}

export interface GospaResult {
  /** The GOSPA distance, m. distance^p = localisation + missed + false. */
  distance: number;
  /** Σ d^p over assigned pairs (d < c), m^p. */
  localisation: number;
  /** (c^p / 2) · missedCount, m^p. */
  missed: number;
  /** (c^p / 2) · falseCount, m^p. */
  false: number;
  assignedCount: number;
  missedCount: number;
  falseCount: number;
  /** For each truth, the index of its assigned track (d < c), or -1 when it is missed. */
  truthToTrack: Int32Array;
}

function checkParams({ cutoffM, order }: OspaParams): void {
  if (!(cutoffM > 0) || !Number.isFinite(cutoffM)) throw new RangeError(`OSPA/GOSPA: cut-off must be > 0, got ${cutoffM}`);
  if (!(order >= 1) || !Number.isFinite(order)) throw new RangeError(`OSPA/GOSPA: order must be ≥ 1, got ${order}`);
}

/**
 * Work shared by OSPA and GOSPA: the truncated cost matrix min(d, c)^p and its optimal assignment.
 * Reuses its buffers across calls.
 */
class SubpatternAssigner {
  private readonly solver = new AssignmentSolver();
  private cost = new Float64Array(0);

  /** `dist` is m×n row-major (truth rows, track columns). Returns Σ over assigned pairs of min(d, c)^p. */
  assign(dist: ArrayLike<number>, m: number, n: number, params: OspaParams, truthToTrack: Int32Array): number {
    if (dist.length < m * n) throw new RangeError(`OSPA/GOSPA: distance matrix has ${dist.length} entries, need ${m * n}`);
    if (this.cost.length < m * n) this.cost = new Float64Array(m * n);
    const cost = this.cost;
    const c = params.cutoffM;
    const p = params.order;
    for (let q = 0; q < m * n; q++) {
      const d = dist[q];
      if (!(d >= 0)) throw new RangeError(`OSPA/GOSPA: distance ${d} at ${q} is not ≥ 0`);
      cost[q] = Math.min(d, c) ** p;
    }
    return this.solver.solve(cost, m, n, truthToTrack);
  }
}

const shared = new SubpatternAssigner();

/** OSPA from an m×n row-major matrix of distances (truth i, track j at `dist[i * n + j]`). */
export function ospaFromDistances(dist: ArrayLike<number>, m: number, n: number, params: OspaParams): OspaResult {
  checkParams(params);
  const truthToTrack = new Int32Array(m);
  const big = Math.max(m, n);
  if (big === 0) return { distance: 0, localisation: 0, cardinality: 0, truthToTrack };
  const assigned = shared.assign(dist, m, n, params, truthToTrack);
  const cardinal = params.cutoffM ** params.order * Math.abs(n - m);
  const inv = 1 / params.order;
  return {
    distance: ((assigned + cardinal) / big) ** inv,
    localisation: (assigned / big) ** inv,
    cardinality: (cardinal / big) ** inv,
    truthToTrack,
  };
}

/** GOSPA (α = 2) from an m×n row-major matrix of distances (truth i, track j at `dist[i * n + j]`). */
export function gospaFromDistances(dist: ArrayLike<number>, m: number, n: number, params: OspaParams): GospaResult {
  checkParams(params);
  const truthToTrack = new Int32Array(m);
  shared.assign(dist, m, n, params, truthToTrack);
  const c = params.cutoffM;
  const p = params.order;
  let localisation = 0;
  let assignedCount = 0;
  for (let i = 0; i < m; i++) {
    const j = truthToTrack[i];
    if (j < 0) continue;
    const d = dist[i * n + j];
    if (d < c) {
      localisation += d ** p;
      assignedCount++;
    } else {
      truthToTrack[i] = -1; // at or beyond the cut-off: a missed target and a false track
    }
  }
  const half = c ** p / 2;
  const missedCount = m - assignedCount;
  const falseCount = n - assignedCount;
  const missed = half * missedCount;
  const falseCost = half * falseCount;
  return {
    distance: (localisation + missed + falseCost) ** (1 / p),
    localisation,
    missed,
    false: falseCost,
    assignedCount,
    missedCount,
    falseCount,
    truthToTrack,
  };
}

/** Euclidean distance matrix between two point sets (each point a vector; dimensions must agree). */
export function distanceMatrix(xs: readonly ArrayLike<number>[], ys: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(xs.length * ys.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    for (let j = 0; j < ys.length; j++) {
      const y = ys[j];
      if (x.length !== y.length) throw new RangeError(`OSPA/GOSPA: point dimensions differ (${x.length} vs ${y.length})`);
      let s = 0;
      for (let k = 0; k < x.length; k++) s += (x[k] - y[k]) ** 2;
      out[i * ys.length + j] = Math.sqrt(s);
    }
  }
  return out;
}

/** OSPA between truth points and track points (Euclidean). */
export function ospa(truths: readonly ArrayLike<number>[], tracks: readonly ArrayLike<number>[], params: OspaParams): OspaResult {
  return ospaFromDistances(distanceMatrix(truths, tracks), truths.length, tracks.length, params);
}

/** GOSPA (α = 2) between truth points and track points (Euclidean). */
export function gospa(truths: readonly ArrayLike<number>[], tracks: readonly ArrayLike<number>[], params: OspaParams): GospaResult {
  return gospaFromDistances(distanceMatrix(truths, tracks), truths.length, tracks.length, params);
}

/** Horizontal distances (m) in the plane between a scan's truths (rows) and tracks (columns). */
export function scanDistances(scan: Scan, plane: MetricPlane): Float64Array {
  const m = scan.truths.length;
  const n = scan.tracks.length;
  const a = new Float64Array(2 * m);
  const b = new Float64Array(2 * n);
  for (let i = 0; i < m; i++) plane.project(scan.truths[i].lat, scan.truths[i].lon, a, 2 * i);
  for (let j = 0; j < n; j++) plane.project(scan.tracks[j].lat, scan.tracks[j].lon, b, 2 * j);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = Math.hypot(a[2 * i] - b[2 * j], a[2 * i + 1] - b[2 * j + 1]);
  }
  return out;
}

export interface OspaRun {
  /** Scan times (every distinct timeMs among truths and tracks), increasing. */
  timesMs: number[];
  /** OSPA per scan, m. */
  distance: Float64Array;
  /** Mean of the per-scan values (NaN for a run with no scans). */
  mean: number;
}

export interface GospaRun {
  timesMs: number[];
  /** GOSPA per scan, m, and its α = 2 parts (m^p) and counts. */
  distance: Float64Array;
  localisation: Float64Array;
  missed: Float64Array;
  false: Float64Array;
  missedCount: Int32Array;
  falseCount: Int32Array;
  /** Means over scans of the distance and of each part. */
  mean: { distance: number; localisation: number; missed: number; false: number };
}

const meanOf = (a: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length === 0 ? Number.NaN : s / a.length;
};

/** OSPA at every scan time of a run (truths and tracks sampled at the same instants) and its mean. */
export function ospaRun(
  truths: readonly MetricTruth[],
  tracks: readonly MetricTrack[],
  params: OspaParams,
  plane: MetricPlane = MetricPlane.forRun(truths, tracks),
): OspaRun {
  checkParams(params);
  const list = scans(truths, tracks);
  const distance = new Float64Array(list.length);
  list.forEach((s, k) => {
    distance[k] = ospaFromDistances(scanDistances(s, plane), s.truths.length, s.tracks.length, params).distance;
  });
  return { timesMs: list.map((s) => s.timeMs), distance, mean: meanOf(distance) };
}

/** GOSPA (α = 2) with its decomposition at every scan time of a run, and the means. */
export function gospaRun(
  truths: readonly MetricTruth[],
  tracks: readonly MetricTrack[],
  params: OspaParams,
  plane: MetricPlane = MetricPlane.forRun(truths, tracks),
): GospaRun {
  checkParams(params);
  const list = scans(truths, tracks);
  const k = list.length;
  const run: GospaRun = {
    timesMs: list.map((s) => s.timeMs),
    distance: new Float64Array(k),
    localisation: new Float64Array(k),
    missed: new Float64Array(k),
    false: new Float64Array(k),
    missedCount: new Int32Array(k),
    falseCount: new Int32Array(k),
    mean: { distance: 0, localisation: 0, missed: 0, false: 0 },
  };
  list.forEach((s, q) => {
    const g = gospaFromDistances(scanDistances(s, plane), s.truths.length, s.tracks.length, params);
    run.distance[q] = g.distance;
    run.localisation[q] = g.localisation;
    run.missed[q] = g.missed;
    run.false[q] = g.false;
    run.missedCount[q] = g.missedCount;
    run.falseCount[q] = g.falseCount;
  });
  run.mean = {
    distance: meanOf(run.distance),
    localisation: meanOf(run.localisation),
    missed: meanOf(run.missed),
    false: meanOf(run.false),
  };
  return run;
}
