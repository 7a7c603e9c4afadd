// SPDX-License-Identifier: GPL-3.0-or-later
// Scoring a run of tracks against truth: SIAP measures, OSPA and GOSPA (α = 2), and completeness inside
// coverage. Both are sampled at the same instants: the truth's ticks within the span of the track samples.

import { gospaRun, MetricPlane, ospaRun, type SiapResult, siap } from './metrics/index.ts';
import type { MetricTrack, MetricTruth } from './metrics/types.ts';
import type { Track } from './track.ts';

export interface ScoreParams {
  /** SIAP association gate, m (default 1 km). */
  gateM?: number;
  /** OSPA/GOSPA cut-off c, m (default 2 km), order p (default 2). */
  cutoffM?: number;
  order?: number;
  /** Per truth state, whether it was inside coverage (see metrics/coverage.ts). */
  covered?: Uint8Array;
}

/** The SIAP measures of the run, OSPA and GOSPA, and completeness inside coverage. */
export interface Score
  extends Omit<SiapResult, 'totals' | 'perTime'> {
  scans: number;
  truthStates: number;
  trackStates: number;
  /** Completeness over the truth states inside coverage (NaN without a coverage mask). */
  completenessInCoverage: number;
  ospaMeanM: number;
  gospaMeanM: number;
  gospaMissedMean: number;
  gospaFalseMean: number;
}

/** A Track as the metrics read it. */
export function metricTrack(t: Track): MetricTrack {
  const m: MetricTrack = { timeMs: t.timeMs, trackId: t.trackId, lat: t.lat, lon: t.lon, velEastMps: t.velEastMps, velNorthMps: t.velNorthMps };
  if (t.altM !== undefined) m.altM = t.altM;
  if (t.icao !== undefined) m.icao = t.icao;
  if (t.callsign !== undefined) m.callsign = t.callsign;
  return m;
}

/** Scores tracks against truth at the truth's ticks that fall within the tracks' sampled span. */
export function score(truths: readonly MetricTruth[], tracks: readonly MetricTrack[], params: ScoreParams = {}): Score {
  const gateM = params.gateM ?? 1_000;
  const cutoff = { cutoffM: params.cutoffM ?? 2_000, order: params.order ?? 2 };
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const t of tracks) {
    if (t.timeMs < firstMs) firstMs = t.timeMs;
    if (t.timeMs > lastMs) lastMs = t.timeMs;
  }
  const inSpan = (t: MetricTruth): boolean => t.timeMs >= firstMs && t.timeMs <= lastMs;
  const truthTimes = new Set<number>();
  const sampled: MetricTruth[] = [];
  const sampledCovered: MetricTruth[] = [];
  truths.forEach((t, i) => {
    if (!inSpan(t)) return;
    truthTimes.add(t.timeMs);
    sampled.push(t);
    if (params.covered?.[i] === 1) sampledCovered.push(t);
  });
  const trackSamples = tracks.filter((t) => truthTimes.has(t.timeMs));
  const plane = MetricPlane.forRun(sampled, trackSamples);
  const s = siap(sampled, trackSamples, { gateM, plane });
  const inCoverage = params.covered ? siap(sampledCovered, trackSamples, { gateM, plane }).completeness : Number.NaN;
  const o = ospaRun(sampled, trackSamples, cutoff, plane);
  const g = gospaRun(sampled, trackSamples, cutoff, plane);
  const { totals: _totals, perTime: _perTime, ...measures } = s;
  return {
    ...measures,
    scans: truthTimes.size,
    truthStates: sampled.length,
    trackStates: trackSamples.length,
    completenessInCoverage: inCoverage,
    ospaMeanM: o.mean,
    gospaMeanM: g.mean.distance,
    gospaMissedMean: g.mean.missed,
    gospaFalseMean: g.mean.false,
  };
}
