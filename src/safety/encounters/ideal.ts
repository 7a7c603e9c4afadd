// SPDX-License-Identifier: GPL-3.0-or-later
// TrackEvents from a list of Tracks per tick, as a tracker would emit them: an update per track per tick and a
// delete when a track stops appearing. Lets the monitors run on the ideal tracker (truth as Tracks) with the
// same stream shape as fusion gives.

import type { Track, TrackEvent } from '../../fusion/track.ts';

export class TickEventStream {
  private live = new Set<number>();

  /** The events for one tick: updates in the given order, then deletes (in trackId order) for tracks gone. */
  tick(timeMs: number, tracks: readonly Track[]): TrackEvent[] {
    const out: TrackEvent[] = [];
    const now = new Set<number>();
    for (const track of tracks) {
      now.add(track.trackId);
      out.push({ type: 'update', track });
    }
    const gone = [...this.live].filter((id) => !now.has(id)).sort((a, b) => a - b);
    for (const trackId of gone) out.push({ type: 'delete', trackId, timeMs, reason: 'timeout' });
    this.live = now;
    return out;
  }

  /** Deletes for every live track (end of the run). */
  end(timeMs: number): TrackEvent[] {
    const out: TrackEvent[] = [...this.live].sort((a, b) => a - b).map((trackId) => ({ type: 'delete', trackId, timeMs, reason: 'timeout' }) as const);
    this.live.clear();
    return out;
  }
}
