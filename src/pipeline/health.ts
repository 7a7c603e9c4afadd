// SPDX-License-Identifier: GPL-3.0-or-later
// Feed health as the API shows it: each feed's counters (units in, rejections by reason) and its rate since the
// previous health report.

import type { FeedHealth } from '../server/picture.ts';
import type { FeedDecoder } from '../surveillance/feed.ts';

export class FeedHealthMeter {
  private lastMs = Number.NaN;
  private readonly lastUnits: number[];

  constructor(private readonly feeds: readonly FeedDecoder[]) {
    this.lastUnits = feeds.map(() => 0);
  }

  /** Time of the last report, ms (NaN before the first). */
  get lastReportMs(): number {
    return this.lastMs;
  }

  /** Each feed's health at timeMs; `connected(i)` says whether feed i is connected. */
  report(timeMs: number, connected: (i: number) => boolean): FeedHealth[] {
    const spanS = (timeMs - this.lastMs) / 1000;
    this.lastMs = timeMs;
    return this.feeds.map((f, i) => {
      const units = f.counters.units;
      const rate = spanS > 0 ? (units - this.lastUnits[i]) / spanS : 0;
      this.lastUnits[i] = units;
      return {
        id: f.sensor.id,
        party: f.sensor.party,
        format: f.format === 'hex' ? 'avr' : f.format,
        connected: connected(i),
        messages: units,
        ratePerS: Math.round(rate * 10) / 10,
        rejected: f.counters.rejectedObject(),
      };
    });
  }
}
