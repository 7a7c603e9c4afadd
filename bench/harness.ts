// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark helpers: time a function over several runs and report the median rate.

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Work items per run. */
  n: number;
  /** Runs the median is taken over. */
  runs: number;
  /** Free-form context, e.g. the ratio to a reference implementation. */
  note?: string;
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Runs `work` (which processes `n` items and returns a checksum, so the work cannot be optimised away)
 * `runs` times after two warm-ups, and returns the median rate in items per CPU-second of this process.
 * CPU time, not wall time: the machines are shared, and another process's load must not count against
 * the code measured (the process's GC threads do count, so the figure errs on the low side).
 */
export function measureRate(n: number, runs: number, work: () => number): { perSecond: number; checksum: number } {
  let checksum = work() + work(); // warm-up: lets the JIT settle
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.cpuUsage();
    checksum += work();
    const used = process.cpuUsage(start);
    rates.push(n / ((used.user + used.system) / 1e6));
  }
  return { perSecond: median(rates), checksum };
}

/** The line format every benchmark prints: `name: VALUE UNIT (n=..., median of K runs)`. */
export function formatResult(r: BenchResult): string {
  const value = r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toPrecision(4);
  const note = r.note ? `; ${r.note}` : '';
  return `${r.name}: ${value} ${r.unit} (n=${r.n.toLocaleString('en-US')}, median of ${r.runs} runs${note})`;
}
