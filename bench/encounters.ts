// SPDX-License-Identifier: GPL-3.0-or-later
// Encounter detection: the streaming detector (lat/lon bucket grid) over ten minutes of baltic-day through the
// ideal tracker (about 400 aircraft at 1 s updates), in track updates per CPU-second, against an exhaustive
// reference that checks every update against every live track (O(N) per update), measured in the same run.

import type { Track, TrackEvent } from '../src/fusion/track.ts';
import { EncounterDetector } from '../src/safety/encounters/detector.ts';
import { idealTrackEvents } from '../src/sim/truth-tracks.ts';
import { type BenchResult, measureRate } from './harness.ts';

const RUNS = 5;
const FROM_S = 1200;
const SECONDS = 600;

/** The exhaustive anchor: every update against every live track, counting pairs inside 5 NM / 1000 ft. */
function exhaustive(events: readonly TrackEvent[]): number {
  const live = new Map<number, Track>();
  let inside = 0;
  for (const ev of events) {
    if (ev.type === 'delete') {
      live.delete(ev.trackId);
      continue;
    }
    const t = ev.track;
    live.set(t.trackId, t);
    const cos = Math.cos((t.lat * Math.PI) / 180);
    for (const o of live.values()) {
      if (o === t) continue;
      const dn = (o.lat - t.lat) * 111_195;
      const de = (o.lon - t.lon) * 111_195 * cos;
      if (dn * dn + de * de < 9260 * 9260 && (t.altM === undefined || o.altM === undefined || Math.abs(t.altM - o.altM) < 304.8)) inside++;
    }
  }
  return inside;
}

export async function benchEncounters(): Promise<BenchResult[]> {
  const all = [...idealTrackEvents('baltic-day', FROM_S + SECONDS)];
  const startMs = (all[0].type === 'update' ? all[0].track.timeMs : all[0].timeMs) + FROM_S * 1000;
  const events = all.filter((ev) => (ev.type === 'update' ? ev.track.timeMs : ev.timeMs) >= startMs);
  const updates = events.filter((ev) => ev.type === 'update').length;
  const grid = measureRate(events.length, RUNS, () => {
    const det = new EncounterDetector();
    let n = 0;
    for (const ev of events) n += det.push(ev).length;
    return n + det.flush().length;
  });
  const ref = measureRate(events.length, RUNS, () => exhaustive(events));
  const aircraft = Math.round(updates / SECONDS);
  return [
    {
      name: `encounter detection, baltic-day (${aircraft} aircraft, 1 s updates)`,
      value: grid.perSecond,
      unit: 'track events/s',
      n: events.length,
      runs: RUNS,
      note: `${(grid.perSecond / aircraft).toFixed(0)}× real time; exhaustive O(N) per update: ${Math.round(ref.perSecond).toLocaleString('en-US')} events/s, ratio ${(grid.perSecond / ref.perSecond).toFixed(1)}`,
    },
  ];
}
