// SPDX-License-Identifier: GPL-3.0-or-later
// Running the tracker over a simulated scenario: Reports from every sensor's real wire bytes, the picture sampled
// every second of data time, and the truth at the same instants.

import { PictureSampler } from '../../src/fusion/sampler.ts';
import { metricTrack } from '../../src/fusion/score.ts';
import type { MetricTrack } from '../../src/fusion/metrics/types.ts';
import type { Track, TrackEvent } from '../../src/fusion/track.ts';
import { Tracker, type TrackerOptions } from '../../src/fusion/tracker/index.ts';
import { SimulatedWorld } from '../../src/surveillance/ingest.ts';
import type { Report } from '../../src/surveillance/report.ts';
import type { Scenario } from '../../src/sim/scenario.ts';
import type { TruthState } from '../../src/sim/truth.ts';

export interface TrackedRun {
  truth: TruthState[];
  reports: Report[];
  /** Every sample of every track. */
  samples: Track[];
  events: TrackEvent[];
  tracker: Tracker;
  startMs: number;
}

/** Simulates `scenario` for `seconds` and tracks it, sampling the picture every second at the truth's ticks. */
export function trackScenario(scenario: string | Scenario, seconds: number, options: Partial<TrackerOptions> = {}): TrackedRun {
  const world = new SimulatedWorld(scenario, { seconds });
  const events: TrackEvent[] = [];
  const tracker = new Tracker({ ...options, registry: world.registry }, (e) => events.push(e));
  const samples: Track[] = [];
  const sampler = new PictureSampler(tracker, world.startMs, 1000, tracker.reorderWindowMs, (_t, tracks) => {
    for (const t of tracks) samples.push(t);
  });
  const truth: TruthState[] = [];
  const reports: Report[] = [];
  let last = world.startMs;
  for (const tick of world) {
    for (const r of tick.reports) {
      reports.push(r);
      sampler.add(r);
    }
    for (const s of tick.truth) truth.push({ ...s });
    last = tick.timeMs;
  }
  sampler.finish(last);
  return { truth, reports, samples, events, tracker, startMs: world.startMs };
}

export const metricTracks = (samples: readonly Track[]): MetricTrack[] => samples.map(metricTrack);

/** Samples grouped by time. */
export function samplesByTime(samples: readonly Track[]): Map<number, Track[]> {
  const out = new Map<number, Track[]>();
  for (const t of samples) {
    let list = out.get(t.timeMs);
    if (list === undefined) {
      list = [];
      out.set(t.timeMs, list);
    }
    list.push(t);
  }
  return out;
}
