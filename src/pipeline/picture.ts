// SPDX-License-Identifier: GPL-3.0-or-later
// The processing pipeline after decoding: Reports → fusion → the picture sampled once a second of data time →
// STCA, encounter analysis and transponder compliance. Everything it emits is a PictureEvent, in data-time order,
// so that a recording, a simulation and live feeds all give the server (and the CLI) the same stream.

import { PictureSampler } from '../fusion/sampler.ts';
import type { Track } from '../fusion/track.ts';
import { Tracker, type TrackerOptions } from '../fusion/tracker/index.ts';
import type { PictureSink } from '../server/picture.ts';
import type { Report } from '../surveillance/report.ts';
import type { SensorRegistry } from '../surveillance/sensors.ts';
import { type MonitorOptions, PictureMonitors } from './monitors.ts';

export interface PipelineOptions extends MonitorOptions {
  registry: SensorRegistry;
  /** First sampling instant, ms (then every intervalMs). */
  startMs: number;
  /** Sampling interval of data time, ms (default 1000: the STCA cycle and the live stream's rate). */
  intervalMs?: number;
  tracker?: Omit<TrackerOptions, 'registry'>;
}

/** Reports in; PictureEvents out through `sink`. */
export class PicturePipeline {
  readonly tracker: Tracker;
  readonly monitors: PictureMonitors;
  private readonly sampler: PictureSampler;
  private lastTracks: readonly Track[] = [];

  constructor(options: PipelineOptions, sink: PictureSink) {
    const trackerOptions: TrackerOptions = { ...options.tracker, registry: options.registry };
    this.monitors = new PictureMonitors(options, sink);
    this.tracker = new Tracker(trackerOptions, (e) => {
      if (e.type === 'delete') this.monitors.trackEvent(e);
    });
    this.sampler = new PictureSampler(this.tracker, options.startMs, options.intervalMs ?? 1000, this.tracker.reorderWindowMs, (t, tracks) => {
      this.lastTracks = tracks;
      this.monitors.sample(t, tracks);
    });
  }

  /** The picture at the last sampling instant. */
  get tracks(): readonly Track[] {
    return this.lastTracks;
  }

  add(report: Report): void {
    this.sampler.add(report);
  }

  /** Data time has reached timeMs (a live feed may be quiet): samples that no later report can change are taken. */
  advanceTo(timeMs: number): void {
    this.sampler.advanceTo(timeMs);
  }

  /** End of input: everything processed and sampled up to endMs. */
  finish(endMs: number): void {
    this.sampler.finish(endMs);
  }
}
