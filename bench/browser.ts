// SPDX-License-Identifier: GPL-3.0-or-later
// Browser: frame time of the web UI with 5,000 aircraft in headless chromium (software WebGL, SwiftShader).
// The real demo server serves the page and the basemap; its live stream is cut off (playwright's routeWebSocket)
// and the page is fed stress-5000 from the simulator, as an ideal tracker would show it: one JSON snapshot a second,
// parsed and handed to the same handler the WebSocket calls. (Relaying 2.5 MB messages through playwright's socket
// mock costs the page more than the UI itself, so the snapshots are loaded into the page once and replayed there.)
// Measured: requestAnimationFrame intervals (wall time: the browser's frame clock, not CPU time) with the map still
// and while panning continuously. On a shared, loaded machine these vary a lot from run to run.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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
      for (let r = 0; r < RUNS; r++) {
        const intervals = (await measure(pan)).sort((a, b) => a - b);
        n += intervals.length;
        medians.push(pct(intervals, 0.5));
        p95s.push(pct(intervals, 0.95));
      }
      const what = pan ? 'panning' : 'map still';
      const note = `${shown.toLocaleString('en-US')} aircraft, 1 Hz snapshots, ${what}; headless chromium, software WebGL; wall time`;
      results.push({ name: `browser frame time median (${what})`, value: median(medians), unit: 'ms', n, runs: RUNS, note });
      results.push({ name: `browser frame time p95 (${what})`, value: median(p95s), unit: 'ms', n, runs: RUNS, note });
    }
    // The page's own work per snapshot: JSON.parse, the store, building the features, setData (main thread only).
    const ingest = (await page.evaluate<number[]>('window.benchIngestMs')).sort((a, b) => a - b);
    const note = `${shown.toLocaleString('en-US')} aircraft; JSON.parse, store, features and setData on the main thread; wall time`;
    results.push({ name: 'browser snapshot handling median', value: pct(ingest, 0.5), unit: 'ms', n: ingest.length, runs: 1, note });
    results.push({ name: 'browser snapshot handling p95', value: pct(ingest, 0.95), unit: 'ms', n: ingest.length, runs: 1, note });
    return results;
  } finally {
    await browser.close();
    proc.kill('SIGINT');
  }
}
