// SPDX-License-Identifier: GPL-3.0-or-later
// The whole pipeline over a simulated scenario, with the truth kept per tick to judge what it finds.

import { sphericalDistanceM } from '../../src/core/geo.ts';
import type { MonitorOptions } from '../../src/pipeline/monitors.ts';
import { PicturePipeline } from '../../src/pipeline/picture.ts';
import type { Alert, Encounter } from '../../src/safety/types.ts';
import type { PictureEvent } from '../../src/server/picture.ts';
import type { TruthState } from '../../src/sim/truth.ts';
import { SimulatedWorld } from '../../src/surveillance/ingest.ts';

export interface Run {
  events: PictureEvent[];
  /** Truth by tick time. */
  truth: Map<number, TruthState[]>;
  alerts: Alert[];
  encounters: Encounter[];
}

/** The whole pipeline over the first `seconds` of a scenario; `options` adds monitors (e.g. notifications). */
export function runPipeline(scenario: string, seconds: number, options: MonitorOptions = {}): Run {
  const world = new SimulatedWorld(scenario, { seconds });
  const events: PictureEvent[] = [];
  const pipeline = new PicturePipeline({ ...options, registry: world.registry, startMs: world.startMs }, (e) => events.push(e));
  const truth = new Map<number, TruthState[]>();
  let last = world.startMs;
  for (const tick of world) {
    for (const r of tick.reports) pipeline.add(r);
    pipeline.advanceTo(tick.timeMs);
    truth.set(
      tick.timeMs,
      tick.truth.map((s) => ({ ...s })),
    );
    last = tick.timeMs;
  }
  pipeline.finish(last);
  const alerts = events.flatMap((e) => (e.type === 'alert' && e.event.type === 'new' ? [e.event.alert] : []));
  const encounters = events.flatMap((e) => (e.type === 'encounter' ? [e.encounter] : []));
  return { events, truth, alerts, encounters };
}

/** The truth aircraft nearest a position at a tick. */
export function nearestTruth(run: Run, timeMs: number, lat: number, lon: number): { state: TruthState; distM: number } {
  const tick = run.truth.get(Math.floor(timeMs / 1000) * 1000) ?? [];
  let best = tick[0];
  let bestD = Number.POSITIVE_INFINITY;
  for (const s of tick) {
    const d = sphericalDistanceM(lat, lon, s.lat, s.lon);
    if (d < bestD) {
      bestD = d;
      best = s;
    }
  }
  return { state: best, distM: bestD };
}

