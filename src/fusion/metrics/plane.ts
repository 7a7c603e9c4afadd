// SPDX-License-Identifier: GPL-3.0-or-later
// Where the metrics measure: a local east-north tangent plane, and the grouping of states into scan times.
//
// Distances are horizontal and measured in one ENU frame for the whole run (src/core/geodesy.ts): both truth
// and track positions are projected at height 0, so that truth heights and track altitudes (which may be
// barometric) do not tilt the horizontal picture far from the origin. Within 300 km of the origin the plane
// distance differs from the geodesic by well under 0.1 %, far below any tracking error scored here. The frame
// defaults to the first truth state of the run (or the first track state when there is no truth).

import { type Enu, EnuFrame } from '../../core/geodesy.ts';
import type { MetricTrack, MetricTruth } from './types.ts';

const RAD = Math.PI / 180;

/** Projects lat/lon (degrees) into the plane. */
export class MetricPlane {
  readonly frame: EnuFrame;
  private readonly scratch: Enu = { eastM: 0, northM: 0, upM: 0 };

  constructor(latDeg: number, lonDeg: number) {
    this.frame = new EnuFrame(latDeg, lonDeg, 0);
  }

  /** A plane at the first truth state, else the first track state, else (0, 0). */
  static forRun(truths: readonly MetricTruth[], tracks: readonly MetricTrack[]): MetricPlane {
    const s = truths[0] ?? tracks[0];
    return s ? new MetricPlane(s.lat, s.lon) : new MetricPlane(0, 0);
  }

  /** East and north (m) of a position, written into `out[offset]`, `out[offset + 1]`. */
  project(latDeg: number, lonDeg: number, out: Float64Array, offset: number): void {
    const e = this.frame.toEnu(latDeg, lonDeg, 0, this.scratch);
    out[offset] = e.eastM;
    out[offset + 1] = e.northM;
  }
}

/** A truth's horizontal velocity (east, north m/s) into `out[offset..offset+1]`. */
export function truthVelocity(t: MetricTruth, out: Float64Array, offset: number): void {
  out[offset] = t.gsMps * Math.sin(t.trackDeg * RAD);
  out[offset + 1] = t.gsMps * Math.cos(t.trackDeg * RAD);
}

/** A track's horizontal velocity into `out[offset..offset+1]`; false (and NaNs) when the track has none. */
export function trackVelocity(t: MetricTrack, out: Float64Array, offset: number): boolean {
  if (t.velEastMps !== undefined && t.velNorthMps !== undefined) {
    out[offset] = t.velEastMps;
    out[offset + 1] = t.velNorthMps;
    return true;
  }
  if (t.gsMps !== undefined && t.trackDeg !== undefined) {
    out[offset] = t.gsMps * Math.sin(t.trackDeg * RAD);
    out[offset + 1] = t.gsMps * Math.cos(t.trackDeg * RAD);
    return true;
  }
  out[offset] = Number.NaN;
  out[offset + 1] = Number.NaN;
  return false;
}

/** The truths and tracks present at one scan time, truths sorted by id and tracks by trackId. */
export interface Scan {
  timeMs: number;
  truths: MetricTruth[];
  tracks: MetricTrack[];
}

const byKey = (a: string | number, b: string | number): number => {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === 'number' ? -1 : 1; // numbers before strings, so that mixed ids still order totally
};

/**
 * Groups states by exact `timeMs` into scans, in increasing time; a time at which only truths or only tracks
 * exist is a scan too. Throws on a duplicate (the same truth id or track id twice at one time).
 */
export function scans(truths: readonly MetricTruth[], tracks: readonly MetricTrack[]): Scan[] {
  const byTime = new Map<number, Scan>();
  const at = (timeMs: number): Scan => {
    let s = byTime.get(timeMs);
    if (!s) {
      s = { timeMs, truths: [], tracks: [] };
      byTime.set(timeMs, s);
    }
    return s;
  };
  for (const t of truths) at(t.timeMs).truths.push(t);
  for (const t of tracks) at(t.timeMs).tracks.push(t);
  const out = [...byTime.values()].sort((a, b) => a.timeMs - b.timeMs);
  for (const s of out) {
    s.truths.sort((a, b) => byKey(a.id, b.id));
    s.tracks.sort((a, b) => byKey(a.trackId, b.trackId));
    for (let i = 1; i < s.truths.length; i++) {
      if (s.truths[i].id === s.truths[i - 1].id) throw new Error(`metrics: truth ${s.truths[i].id} twice at ${s.timeMs}`);
    }
    for (let i = 1; i < s.tracks.length; i++) {
      if (s.tracks[i].trackId === s.tracks[i - 1].trackId) {
        throw new Error(`metrics: track ${s.tracks[i].trackId} twice at ${s.timeMs}`);
      }
    }
  }
  return out;
}
