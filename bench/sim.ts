// SPDX-License-Identifier: GPL-3.0-or-later
// Simulator motion: stress-20000 stepped one simulated second at a time. Two figures: the structure-of-arrays
// motion step alone, a whole simulation step (motion, spawns, events and one fresh TruthState per aircraft),
// and the same with the simulation's own reused states (stepShared, what the sensors receive in the stress
// benchmark). The note gives the real-time factor on one core.

import { loadScenario } from '../src/sim/scenario.ts';
import { createSimulation } from '../src/sim/simulation.ts';
import { type BenchResult, measureRate } from './harness.ts';

const RUNS = 5;
const N = 20_000;
const TICKS = 30;

export async function benchSim(): Promise<BenchResult[]> {
  const scenario = loadScenario(`stress-${N}`);
  scenario.durationS = 100_000;
  const sim = createSimulation(scenario);
  sim.step(); // spawn everyone
  const motion = measureRate(N * TICKS, RUNS, () => {
    for (let k = 0; k < TICKS; k++) sim.fleet.step(1);
    return sim.fleet.lat[0];
  });
  const full = measureRate(N * TICKS, RUNS, () => {
    let n = 0;
    for (let k = 0; k < TICKS; k++) n += sim.step()!.length;
    return n;
  });
  const shared = measureRate(N * TICKS, RUNS, () => {
    let n = 0;
    for (let k = 0; k < TICKS; k++) n += sim.stepShared()!.length;
    return n;
  });
  const rt = (perSecond: number): string => `${(perSecond / N).toFixed(0)}× real time for ${N.toLocaleString('en-US')} aircraft at 1 s ticks`;
  return [
    { name: 'sim motion step (stress-20000)', value: motion.perSecond, unit: 'aircraft-steps/s', n: N * TICKS, runs: RUNS, note: rt(motion.perSecond) },
    { name: 'sim step with truth states (stress-20000)', value: full.perSecond, unit: 'aircraft-steps/s', n: N * TICKS, runs: RUNS, note: rt(full.perSecond) },
    { name: 'sim step with shared truth states (stress-20000)', value: shared.perSecond, unit: 'aircraft-steps/s', n: N * TICKS, runs: RUNS, note: rt(shared.perSecond) },
  ];
}
