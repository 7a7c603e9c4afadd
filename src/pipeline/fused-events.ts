// SPDX-License-Identifier: GPL-3.0-or-later
// Recordings through fusion as a stream of TrackEvents, the shape every monitor reads: the picture sampled once a
// second of data time (an update per track) and a delete when a track ends. `analyze` and `notify check` take
// recordings this way, so that they judge what the sensors showed, not the truth.

import { PictureSampler } from '../fusion/sampler.ts';
import type { TrackEvent } from '../fusion/track.ts';
import { Tracker, type TrackerOptions } from '../fusion/tracker/index.ts';
import { recordingsReports } from '../surveillance/recording.ts';

/** The fused picture of one or more recordings (directories written by `jointsky sim --out`), as TrackEvents. */
export function* fusedTrackEvents(paths: readonly string[], intervalMs = 1000, tracker: Omit<TrackerOptions, 'registry'> = {}): Generator<TrackEvent> {
  const { reports, registry, startMs } = recordingsReports(paths);
  const options: TrackerOptions = { ...tracker, registry };
  const pending: TrackEvent[] = [];
  const fusion = new Tracker(options, (e) => {
    if (e.type === 'delete') pending.push(e);
  });
  const sampler = new PictureSampler(fusion, startMs, intervalMs, fusion.reorderWindowMs, (_t, tracks) => {
    for (const track of tracks) pending.push({ type: 'update', track });
  });
  for (const r of reports) {
    sampler.add(r);
    if (pending.length > 0) yield* pending.splice(0);
  }
  sampler.finish(reports.length > 0 ? reports[reports.length - 1].timeMs : startMs);
  yield* pending.splice(0);
}
