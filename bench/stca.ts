// SPDX-License-Identifier: GPL-3.0-or-later
// STCA: one full cycle (snapshot of the tracks predicted to the cycle time, grid detection, alert lifecycle) over
// 1k–20k tracks with a 120 s look-ahead, every category pair alerting (the worst case), against the exhaustive
// O(N²) reference measured in the same run. Traffic: the simulator's stress-N scenario (seeded, spread over the
// Baltic box 53–66N 9–31E at semicircular flight levels, 30 % climbing or descending), as ideal tracks.

import type { Track } from '../src/fusion/track.ts';
import { parseStcaConfig, resolveRules } from '../src/safety/stca/config.ts';
import { ConflictSet } from '../src/safety/stca/detect.ts';
import { StcaMonitor } from '../src/safety/stca/monitor.ts';
import { detectExhaustive } from '../src/safety/stca/reference.ts';
import { loadScenario } from '../src/sim/scenario.ts';
import { createSimulation } from '../src/sim/simulation.ts';
import { truthToTrack } from '../src/sim/truth-tracks.ts';
import { type BenchResult, measureRate } from './harness.ts';

const SIZES = [1_000, 5_000, 10_000, 20_000];
/** The exhaustive reference runs on these sizes only while its total stays under about 30 s of CPU. */
const REFERENCE_SIZES = [1_000, 5_000, 10_000];
const REFERENCE_BUDGET_S = 30;
const RUNS = 9;
/** BlueSky's NumPy StateBased detection on this kind of machine (issue 6), s. */
const BLUESKY_ANCHOR_S: Record<number, number> = { 1000: 0.15, 5000: 6.8, 10000: 22.6 };

function trafficTracks(n: number): { tracks: Track[]; timeMs: number } {
  const sim = createSimulation(loadScenario(`stress-${n}`));
  const states = sim.step() ?? [];
  const tracks = states.map((s, k) => truthToTrack(s, k + 1));
  return { tracks, timeMs: states[0]?.timeMs ?? 0 };
}

function cpuSeconds(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export async function benchStca(): Promise<BenchResult[]> {
  const config = parseStcaConfig({ allPairs: true });
  const rules = resolveRules(config);
  const out: BenchResult[] = [];
  let referenceSpentS = 0;
  for (const n of SIZES) {
    const { tracks, timeMs } = trafficTracks(n);
    const monitor = new StcaMonitor(config);
    let cycle = 0;
    for (let k = 0; k < 5; k++) monitor.cycle(tracks, timeMs + ++cycle * 1000); // JIT and buffers settle
    (globalThis as { gc?: () => void }).gc?.(); // the traffic generation's garbage must not be collected on our time
    const r = measureRate(n, RUNS, () => {
      cycle++;
      return monitor.cycle(tracks, timeMs + cycle * 1000).length + monitor.conflicts.count;
    });
    const msPerCycle = (n / r.perSecond) * 1000;
    const found = monitor.conflicts.count;
    const notes = [`${found} pairs, ${monitor.detector.candidates} grid candidates`];
    if (REFERENCE_SIZES.includes(n) && referenceSpentS < REFERENCE_BUDGET_S) {
      const ref = new ConflictSet();
      const runs = n <= 1000 ? 3 : 1;
      const times: number[] = [];
      if (n <= 1000) detectExhaustive(monitor.snapshot, rules, 'stca', ref); // warm-up
      for (let k = 0; k < runs; k++) times.push(cpuSeconds(() => detectExhaustive(monitor.snapshot, rules, 'stca', ref)));
      times.sort((a, b) => a - b);
      const refS = times[times.length >> 1];
      referenceSpentS += times.reduce((a, b) => a + b, 0);
      const same = ref.count === found ? 'same pairs' : `PAIR COUNT DIFFERS: ${ref.count}`;
      notes.push(`exhaustive reference ${(refS * 1000).toFixed(1)} ms (${same}), grid ${(refS * 1000 / msPerCycle).toFixed(0)}× faster`);
    }
    const anchor = BLUESKY_ANCHOR_S[n];
    if (anchor !== undefined) notes.push(`BlueSky NumPy anchor ${anchor} s`);
    out.push({
      name: `stca full cycle, ${n.toLocaleString('en-US')} tracks, 120 s look-ahead, all pairs`,
      value: msPerCycle,
      unit: 'ms/cycle',
      n,
      runs: RUNS,
      note: notes.join('; '),
    });
  }
  // The same 20k traffic under the default rules (civil pairs left to civil STCA; dark tracks always count).
  {
    const n = SIZES[SIZES.length - 1];
    const { tracks, timeMs } = trafficTracks(n);
    const monitor = new StcaMonitor(parseStcaConfig({}));
    let cycle = 0;
    for (let k = 0; k < 5; k++) monitor.cycle(tracks, timeMs + ++cycle * 1000);
    (globalThis as { gc?: () => void }).gc?.();
    const r = measureRate(n, RUNS, () => {
      cycle++;
      return monitor.cycle(tracks, timeMs + cycle * 1000).length + monitor.conflicts.count;
    });
    out.push({
      name: `stca full cycle, ${n.toLocaleString('en-US')} tracks, 120 s look-ahead, default rules`,
      value: (n / r.perSecond) * 1000,
      unit: 'ms/cycle',
      n,
      runs: RUNS,
      note: `${monitor.conflicts.count} pairs, ${monitor.lifecycle.activeAlerts} alerts`,
    });
  }
  return out;
}
