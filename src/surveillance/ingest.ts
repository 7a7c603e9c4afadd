// SPDX-License-Identifier: GPL-3.0-or-later
// Reports from a simulated world: the scenario's sensors emit their real wire bytes (Beast, AVR, SBS, ASTERIX),
// and every sensor's feed decodes them exactly as it would decode a live feed. The simulator stands in for the
// world here; nothing downstream knows the difference. Tick by tick, or all at once for tests and scoring.

import { loadScenario, type Scenario } from '../sim/scenario.ts';
import { sensorFormat } from '../sim/sensors/config.ts';
import { SensorSuite } from '../sim/sensors/suite.ts';
import { createSimulation, type Simulation } from '../sim/simulation.ts';
import type { TruthState } from '../sim/truth.ts';
import { createFeedDecoder, type FeedDecoder } from './feed.ts';
import type { Report } from './report.ts';
import type { SensorRegistry } from './sensors.ts';

export interface SimulatedOptions {
  /** Run only the first S seconds. */
  seconds?: number;
  /** Replace the scenario's seed. */
  seed?: number;
}

/** One tick of the world: the truth at timeMs and the Reports every sensor produced since the previous tick. */
export interface SimulatedTick {
  timeMs: number;
  /** The simulation's own state objects: valid until the next tick (copy what you keep). */
  truth: readonly TruthState[];
  /** In time order (ties keep sensor order). */
  reports: Report[];
}

/** A scenario wired to its sensors and their feed decoders. */
export class SimulatedWorld {
  readonly scenario: Scenario;
  readonly sim: Simulation;
  readonly suite: SensorSuite;
  readonly registry: SensorRegistry;
  readonly feeds: FeedDecoder[];
  readonly endMs: number;

  constructor(scenario: string | Scenario, options: SimulatedOptions = {}) {
    const base = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
    this.scenario = options.seed === undefined ? base : { ...base, seed: options.seed };
    this.sim = createSimulation(this.scenario);
    this.suite = new SensorSuite(this.sim.sensors, { seed: this.scenario.seed, startMs: this.sim.startMs });
    this.registry = this.suite.registry();
    this.feeds = this.sim.sensors.map((s) =>
      createFeedDecoder(sensorFormat(s), this.registry.get(s.id)!, this.registry, { counterEpochMs: this.sim.startMs }),
    );
    this.endMs = options.seconds === undefined ? this.sim.endMs : Math.min(this.sim.endMs, this.sim.startMs + options.seconds * 1000);
  }

  get startMs(): number {
    return this.sim.startMs;
  }

  /** The next tick, or undefined at the end. */
  next(): SimulatedTick | undefined {
    const states = this.sim.stepShared();
    if (states === undefined) return undefined;
    const timeMs = states.length > 0 ? states[0].timeMs : this.sim.nextTimeMs - this.sim.tickMs;
    if (timeMs > this.endMs) return undefined;
    this.suite.observe(states, timeMs);
    const reports: Report[] = [];
    for (let i = 0; i < this.feeds.length; i++) {
      const chunk = this.suite.drain(i);
      const feed = this.feeds[i];
      if (feed.format === 'asterix') {
        let start = 0;
        for (let u = 0; u < chunk.count; u++) {
          feed.push(chunk.bytes.subarray(start, chunk.ends[u]), chunk.timesMs[u], reports);
          start = chunk.ends[u];
        }
      } else if (chunk.count > 0) feed.push(chunk.bytes, timeMs, reports);
    }
    // stable: equal times keep sensor order
    reports.sort((a, b) => a.timeMs - b.timeMs);
    return { timeMs, truth: states, reports };
  }

  /** The end of the feeds: the Reports their decoders still held (frames split across the last chunk), in time order. */
  finish(): Report[] {
    const tail: Report[] = [];
    for (const f of this.feeds) f.end(tail);
    return tail.sort((a, b) => a.timeMs - b.timeMs);
  }

  *[Symbol.iterator](): Iterator<SimulatedTick> {
    for (let t = this.next(); t !== undefined; t = this.next()) yield t;
  }
}

/** Runs a scenario to its end (or `seconds`): every Report in time order, and the truth if asked. */
export function simulateReports(
  scenario: string | Scenario,
  options: SimulatedOptions & { truth?: boolean } = {},
): { reports: Report[]; truth: TruthState[]; registry: SensorRegistry; world: SimulatedWorld } {
  const world = new SimulatedWorld(scenario, options);
  const reports: Report[] = [];
  const truth: TruthState[] = [];
  for (const tick of world) {
    for (const r of tick.reports) reports.push(r);
    if (options.truth) for (const s of tick.truth) truth.push({ ...s });
  }
  for (const r of world.finish()) reports.push(r);
  reports.sort((a, b) => a.timeMs - b.timeMs);
  return { reports, truth, registry: world.registry, world };
}
