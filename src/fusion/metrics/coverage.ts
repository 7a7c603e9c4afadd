// SPDX-License-Identifier: GPL-3.0-or-later
// Which truth states were inside sensor coverage: a tracker can only be asked to hold what some sensor saw.
// A truth state is covered when at least `minReports` Reports attributable to that aircraft arrived in the
// `windowMs` before it. Attribution is independent of any tracker: a cooperative report by its ICAO address; a
// report without one (primary plot, Mode 3/A) to the nearest truth state of the same tick within `psrGateM`.

import { sphericalDistanceM } from '../../core/geo.ts';
import type { Report } from '../../surveillance/report.ts';
import type { MetricTruth } from './types.ts';

export interface CoverageParams {
  /** Look-back window, ms (default 12 s: three scans of a 4 s radar). */
  windowMs?: number;
  /** Reports needed in the window (default 2). */
  minReports?: number;
  /** Gate for attributing reports without an address, m (default 3 km). */
  psrGateM?: number;
}

/**
 * For each truth state (same order as `truths`), whether it was in coverage. Truth must be sampled on ticks
 * (states of one tick share a timeMs); reports in time order.
 */
export function coverageMask(truths: readonly MetricTruth[], reports: readonly Report[], params: CoverageParams = {}): Uint8Array {
  const windowMs = params.windowMs ?? 12_000;
  const minReports = params.minReports ?? 2;
  const gateM = params.psrGateM ?? 3_000;

  // ticks: truth indices grouped by time
  const ticks = new Map<number, number[]>();
  truths.forEach((t, i) => {
    let list = ticks.get(t.timeMs);
    if (list === undefined) {
      list = [];
      ticks.set(t.timeMs, list);
    }
    list.push(i);
  });
  const tickTimes = [...ticks.keys()].sort((a, b) => a - b);

  // attribute each report to a truth id, at the tick at or just before it
  const hits = new Map<string, number[]>(); // truth id → report times
  const idByIcao = new Map<string, string>();
  for (const t of truths) idByIcao.set(t.icao, t.id);
  let k = 0;
  for (const r of reports) {
    while (k + 1 < tickTimes.length && tickTimes[k + 1] <= r.timeMs) k++;
    let id: string | undefined;
    if (r.icao !== undefined) id = idByIcao.get(r.icao);
    else if (tickTimes.length > 0) {
      let best = gateM;
      for (const i of ticks.get(tickTimes[k])!) {
        const d = sphericalDistanceM(r.lat, r.lon, truths[i].lat, truths[i].lon);
        if (d < best) {
          best = d;
          id = truths[i].id;
        }
      }
    }
    if (id === undefined) continue;
    let list = hits.get(id);
    if (list === undefined) {
      list = [];
      hits.set(id, list);
    }
    list.push(r.timeMs);
  }

  const mask = new Uint8Array(truths.length);
  truths.forEach((t, i) => {
    const times = hits.get(t.id);
    if (times === undefined) return;
    // reports in (t − window, t]: binary search for the first after t
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] <= t.timeMs) lo = mid + 1;
      else hi = mid;
    }
    let n = 0;
    for (let j = lo - 1; j >= 0 && times[j] > t.timeMs - windowMs && n < minReports; j--) n++;
    if (n >= minReports) mask[i] = 1;
  });
  return mask;
}
