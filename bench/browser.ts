// SPDX-License-Identifier: GPL-3.0-or-later
// Browser: frame time of the web UI with 5,000 aircraft in headless chromium (software WebGL, SwiftShader).
// The real demo server serves the page and the basemap; its live stream is cut off (playwright's routeWebSocket)
// and the page is fed stress-5000 from the simulator, as an ideal tracker would show it: one JSON snapshot a second,
// parsed and handed to the same handler the WebSocket calls. (Relaying 2.5 MB messages through playwright's socket
// mock costs the page more than the UI itself, so the snapshots are loaded into the page once and replayed there.)
// Measured: requestAnimationFrame intervals (wall time: the browser's frame clock, not CPU time) with the map still
// and while panning continuously; on a shared, loaded machine these vary a lot from run to run. So also: the CPU time
// chromium's renderer and GPU processes spend per frame while panning (software WebGL runs in the GPU process), which
// depends less on what else the machine runs.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { loadScenario } from '../src/sim/scenario.ts';
import { createSimulation } from '../src/sim/simulation.ts';
import { TruthTracker } from '../src/sim/truth-tracks.ts';
import type { BenchResult } from './harness.ts';

const N = 5000;
const RUNS = 3;
const RUN_MS = 8000;
/** Distinct snapshots replayed in a loop (12 s of traffic; each is about 2.5 MB of JSON). */
const SNAPSHOTS = 12;
const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..'); // bench/ or dist/: both one below the root
const CHROMIUM = process.env.JOINTSKY_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts `jointsky demo` on a free loopback port (sk681 at real speed: light) and returns its URL. */
function startDemo(): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin/jointsky.js'), 'demo', '--port', '0', '--scenario', 'sk681-2014-03-03'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${out}`)), 60_000);
    proc.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /open (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1].replace(/\/$/, ''), proc });
      }
    });
    proc.on('exit', (code) => reject(new Error(`demo exited with ${code}:\n${out}`)));
  });
}

/** stress-5000 snapshots, one per simulated second, as JSON stream messages. */
function snapshots(): string[] {
  const scenario = loadScenario(`stress-${N}`);
  scenario.durationS = 100_000;
  const sim = createSimulation(scenario);
  const tracker = new TruthTracker();
  const out: string[] = [];
  while (out.length < SNAPSHOTS) {
    const states = sim.step();
    if (!states) break;
    const tracks = states.map((s) => {
      const tr = tracker.track(s);
      // A realistic data block and details: every track seen by a couple of sensors.
      tr.sensors = ['dk-stevns-ssr', 'se-sturup-adsb'];
      tr.parties = ['dk', 'se'];
      return tr;
    });
    out.push(JSON.stringify({ type: 'tracks', timeMs: states[0]?.timeMs ?? 0, tracks }));
  }
  return out;
}

/** CPU milliseconds (user + system) so far of this process's chromium descendants, by --type (renderer, gpu-process...). */
function chromiumCpuMs(): Map<string, number> {
  const procs = new Map<number, { ppid: number; cpuMs: number; type: string }>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${d}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
      procs.set(Number(d), { ppid: Number(f[1]), cpuMs: (Number(f[11]) + Number(f[12])) * 10, type });
    } catch {
      // gone meanwhile
    }
  }
  const out = new Map<string, number>();
  for (const [pid, p] of procs) {
    let up = p.ppid;
    while (up > 1 && up !== process.pid) up = procs.get(up)?.ppid ?? 0;
    if (up === process.pid && pid !== process.pid) out.set(p.type, (out.get(p.type) ?? 0) + p.cpuMs);
  }
  return out;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function benchBrowser(): Promise<BenchResult[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`browser bench: chromium not found at ${CHROMIUM} (set JOINTSKY_CHROMIUM)`);
  if (!existsSync(join(ROOT, 'web/dist/index.html'))) throw new Error('browser bench: web/dist missing; run `node scripts/build.mjs web`');
  const { url, proc } = await startDemo();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const parties = (await (await fetch(`${url}/api/v1/demo/parties`)).json()) as { parties: { token: string }[] };
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.addInitScript(`localStorage.setItem('jointsky.token', ${JSON.stringify(parties.parties[0].token)}); localStorage.setItem('jointsky.lang', 'en');`);
    await page.routeWebSocket(/\/api\/v1\/stream/, () => undefined); // the demo's own 20 aircraft stay out
    await page.goto(url);
    await page.waitForFunction('window.jointsky !== undefined', null, { timeout: 60_000 });
    await page.evaluate(`window.benchSnapshots = ${JSON.stringify(snapshots())};
      window.benchIngestMs = [];
      let k = 0;
      setInterval(() => {
        const t0 = performance.now();
        window.jointsky.ingest(JSON.parse(window.benchSnapshots[k++ % window.benchSnapshots.length]));
        window.benchIngestMs.push(performance.now() - t0);
      }, 1000);`);
    await page.waitForFunction(`window.jointsky && window.jointsky.store.tracks.length >= ${N * 0.9}`, null, { timeout: 60_000 });
    await page.waitForTimeout(3000); // basemap and first placements settle
    const shown = await page.evaluate<number>('window.jointsky.store.tracks.length');
    // A blank map would be fast: the aircraft must be on it (the first view holds about a third of stress-N's area).
    const drawn = await page.evaluate<number>('window.jointsky.renderedAircraft().length');
    if (drawn < N / 5) throw new Error(`browser bench: only ${drawn} of ${shown} aircraft drawn in view`);

    // Frame intervals over RUN_MS, optionally panning the map by a few pixels every frame.
    const measure = (pan: boolean) =>
      page.evaluate<number[]>(`new Promise((resolve) => {
        const map = window.jointsky.map;
        const out = [];
        let last = 0, dir = 1, start = 0;
        const tick = (now) => {
          if (last) out.push(now - last); else start = now;
          last = now;
          if (${pan}) { map.panBy([3 * dir, 1 * dir], { duration: 0 }); if (out.length % 120 === 0) dir = -dir; }
          if (now - start < ${RUN_MS}) requestAnimationFrame(tick); else resolve(out);
        };
        requestAnimationFrame(tick);
      })`);
    const results: BenchResult[] = [];
    await page.evaluate('window.benchIngestMs = []');
    for (const pan of [false, true]) {
      const medians: number[] = [];
      const p95s: number[] = [];
      let n = 0;
      const cpuPerFrame: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const before = chromiumCpuMs();
        const intervals = (await measure(pan)).sort((a, b) => a - b);
        const after = chromiumCpuMs();
        const cpu = (type: string) => (after.get(type) ?? 0) - (before.get(type) ?? 0);
        cpuPerFrame.push((cpu('renderer') + cpu('gpu-process')) / intervals.length);
        n += intervals.length;
        medians.push(pct(intervals, 0.5));
        p95s.push(pct(intervals, 0.95));
      }
      const what = pan ? 'panning' : 'map still';
      const note = `${shown.toLocaleString('en-US')} aircraft (${drawn.toLocaleString('en-US')} in view), 1 Hz snapshots, ${what}; headless chromium, software WebGL; wall time`;
      results.push({ name: `browser frame time median (${what})`, value: median(medians), unit: 'ms', n, runs: RUNS, note });
      results.push({ name: `browser frame time p95 (${what})`, value: median(p95s), unit: 'ms', n, runs: RUNS, note });
      if (pan) {
        const cpuNote = `${shown.toLocaleString('en-US')} aircraft, panning; CPU time of chromium's renderer and GPU (SwiftShader) processes per frame`;
        results.push({ name: 'browser CPU per frame (panning)', value: median(cpuPerFrame), unit: 'ms', n, runs: RUNS, note: cpuNote });
      }
    }
    // The page's own work per snapshot: JSON.parse, the store, the aircraft buffer, data blocks and trails (main thread only).
    const ingest = (await page.evaluate<number[]>('window.benchIngestMs')).sort((a, b) => a - b);
    const note = `${shown.toLocaleString('en-US')} aircraft; JSON.parse, store, aircraft buffer, data blocks and trails on the main thread; wall time`;
    results.push({ name: 'browser snapshot handling median', value: pct(ingest, 0.5), unit: 'ms', n: ingest.length, runs: 1, note });
    results.push({ name: 'browser snapshot handling p95', value: pct(ingest, 0.95), unit: 'ms', n: ingest.length, runs: 1, note });
    return results;
  } finally {
    await browser.close();
    proc.kill('SIGINT');
  }
}
