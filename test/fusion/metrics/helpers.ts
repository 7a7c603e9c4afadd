// SPDX-License-Identifier: GPL-3.0-or-later
// Builds truth and track states at chosen east/north metres of a metric plane, so that hand-computed
// distances hold to well under a millimetre.

import { MetricPlane } from '../../../src/fusion/metrics/plane.ts';
import type { MetricTrack, MetricTruth } from '../../../src/fusion/metrics/types.ts';

export const plane = new MetricPlane(55.5, 14.8);

/** lat/lon whose projection (at height 0) is (eastM, northM): a few fixed-point steps on the frame's inverse. */
export function at(eastM: number, northM: number): { lat: number; lon: number } {
  const out = new Float64Array(2);
  let e = eastM;
  let n = northM;
  let g = plane.frame.toGeodetic(e, n, 0);
  for (let k = 0; k < 4; k++) {
    plane.project(g.latDeg, g.lonDeg, out, 0);
    e += eastM - out[0];
    n += northM - out[1];
    g = plane.frame.toGeodetic(e, n, 0);
  }
  return { lat: g.latDeg, lon: g.lonDeg };
}

export function truth(
  id: string,
  timeMs: number,
  eastM: number,
  northM: number,
  extra: Partial<MetricTruth> = {},
): MetricTruth {
  return { timeMs, id, icao: '', callsign: '', heightM: 10_000, gsMps: 0, trackDeg: 0, ...at(eastM, northM), ...extra };
}

export function track(
  trackId: string | number,
  timeMs: number,
  eastM: number,
  northM: number,
  extra: Partial<MetricTrack> = {},
): MetricTrack {
  return { timeMs, trackId, ...at(eastM, northM), ...extra };
}
