// SPDX-License-Identifier: GPL-3.0-or-later
// Reports in, the picture out at a fixed rate of data time: every `intervalMs` the tracks as they stand at that
// instant, once every report up to it has been processed. Downstream stages (scoring, safety, the server's
// 1 Hz stream) all read the picture at these instants, so they agree on what was known when.

import type { Report } from '../surveillance/report.ts';
import type { Track } from './track.ts';

/** The part of the tracker the sampler drives. */
export interface SampledTracker {
  add(report: Report): void;
  advanceTo(timeMs: number): void;
  flush(): void;
  snapshot(timeMs: number): Track[];
}

export class PictureSampler {
  private nextMs: number;

  /**
   * @param firstMs the first sampling instant (then every intervalMs)
   * @param reorderWindowMs the tracker's re-ordering window: a sample waits until reports this much later have arrived
   * @param emit receives each picture, in time order
   */
  constructor(
    private readonly tracker: SampledTracker,
    firstMs: number,
    private readonly intervalMs: number,
    private readonly reorderWindowMs: number,
    private readonly emit: (timeMs: number, tracks: Track[]) => void,
  ) {
    if (!(intervalMs > 0)) throw new RangeError(`sampling interval must be positive, got ${intervalMs}`);
    this.nextMs = firstMs;
  }

  /** The next sampling instant. */
  get nextSampleMs(): number {
    return this.nextMs;
  }

  add(report: Report): void {
    this.advanceTo(report.timeMs);
    this.tracker.add(report);
  }

  /** Data time has reached timeMs: every sample that no later report can change any more is taken. */
  advanceTo(timeMs: number): void {
    while (timeMs > this.nextMs + this.reorderWindowMs) {
      this.tracker.advanceTo(this.nextMs + this.reorderWindowMs);
      this.emit(this.nextMs, this.tracker.snapshot(this.nextMs));
      this.nextMs += this.intervalMs;
    }
  }

  /** End of input: processes everything and samples up to and including endMs. */
  finish(endMs: number): void {
    this.tracker.flush();
    while (this.nextMs <= endMs) {
      this.tracker.advanceTo(this.nextMs);
      this.emit(this.nextMs, this.tracker.snapshot(this.nextMs));
      this.nextMs += this.intervalMs;
    }
  }
}
