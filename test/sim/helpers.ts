// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the simulator tests: run a scenario to the end, collecting every aircraft's states.

import { loadScenario, type Scenario } from '../../src/sim/scenario.ts';
import { createSimulation, type Simulation } from '../../src/sim/simulation.ts';
import type { TruthState } from '../../src/sim/truth.ts';

export interface Run {
  sim: Simulation;
  /** States per aircraft id, in time order. */
  tracks: Map<string, TruthState[]>;
  ticks: number;
}

export function run(scenario: string | Scenario): Run {
  const sim = createSimulation(typeof scenario === 'string' ? loadScenario(scenario) : scenario);
  const tracks = new Map<string, TruthState[]>();
  let ticks = 0;
  for (const states of sim) {
    ticks++;
    for (const s of states) {
      const list = tracks.get(s.id);
      if (list) list.push(s);
      else tracks.set(s.id, [s]);
    }
  }
  return { sim, tracks, ticks };
}
