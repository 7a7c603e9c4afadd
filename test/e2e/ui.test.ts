// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: the real demo server (SK681 scenario) driven by Debian's chromium through playwright-core. Checks that
// tracks reach the map, the SK681 alert shows in the list and on the map, acknowledging it appends a signed log entry,
// and the encounter replays. Screenshots go to test-artifacts/.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.JOINTSKY_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Data seconds per real second: the SK681 alert starts about 6 minutes into the scenario. */
const SPEED = 10;
const WAIT_MS = 150_000;

let server: ChildProcess;
let baseUrl = '';
let browser: Browser;
let page: Page;
let token = '';
let party = '';

interface ApiAlert {
  alertId: string;
  members: { trackId: number; callsign?: string }[];
  cpaLat: number;
  cpaLon: number;
}

async function api<T>(path: string, method = 'GET'): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, `${method} ${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** Evaluates an expression in the page (strings: this file is compiled without the DOM library). */
const inPage = <T>(expr: string) => page.evaluate<T>(expr);

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

before(async () => {
  assert.ok(existsSync(CHROMIUM), `chromium not found at ${CHROMIUM} (set JOINTSKY_CHROMIUM, or install Debian's chromium)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  if (!existsSync(join(ROOT, 'web/dist/index.html'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs', 'web'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(b.status, 0, 'building the web UI failed');
  }
  server = spawn(process.execPath, ['bin/jointsky.js', 'demo', '--port', '0', '--scenario', 'sk681-2014-03-03', '--speed', String(SPEED)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  server.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${out}`)), 60_000);
    server.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /open (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    });
    server.on('exit', (code) => reject(new Error(`demo exited with ${code}:\n${out}`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(baseUrl);
  // Demo mode: the sign-in dialog lists the parties; pick the first.
  const first = page.locator('.dialog .parties button').first();
  await first.waitFor({ timeout: 30_000 });
  party = (await first.getAttribute('data-party')) ?? '';
  const parties = (await (await fetch(`${baseUrl}/api/v1/demo/parties`)).json()) as { parties: { party: string; token: string }[] };
  token = parties.parties.find((p) => p.party === party)?.token ?? '';
  assert.ok(token, `party ${party} not among the demo's parties`);
  await shot('01-sign-in');
  await first.click();
  await page.waitForFunction('window.jointsky !== undefined', null, { timeout: 30_000 });
  assert.deepEqual(errors, [], 'errors in the page');
});

after(async () => {
  await browser?.close();
  server?.kill('SIGINT');
});

test('the demo starts and its tracks appear on the map', { timeout: WAIT_MS }, async () => {
  await page.waitForFunction("window.jointsky.map.queryRenderedFeatures({ layers: ['aircraft'] }).length >= 5", null, { timeout: 60_000 });
  const rendered = await inPage<number[]>("window.jointsky.map.queryRenderedFeatures({ layers: ['aircraft'] }).map((f) => f.properties.id)");
  const { tracks } = await api<{ tracks: { trackId: number }[] }>('/tracks');
  const known = new Set(tracks.map((t) => t.trackId));
  // The page may be a second behind the API: allow tracks that just ended, but most must match.
  const matching = rendered.filter((id) => known.has(id)).length;
  assert.ok(matching >= Math.min(5, known.size) && matching >= rendered.length - 2, `${matching} of ${rendered.length} map aircraft are API tracks`);
  await shot('02-map-tracks');
});

test('the SK681 scenario raises an alert shown in the list and on the map', { timeout: WAIT_MS }, async () => {
  const item = page.locator('#alert-list .alert-item', { hasText: 'SAS681' }).first();
  await item.waitFor({ timeout: WAIT_MS - 10_000 });
  const alertId = (await item.getAttribute('data-alert')) ?? '';
  const { alerts } = await api<{ alerts: ApiAlert[] }>('/alerts');
  const alert = alerts.find((a) => a.alertId === alertId);
  assert.ok(alert, `alert ${alertId} not in GET /alerts`);
  assert.ok(alert.members.some((m) => m.callsign === 'SAS681'));
  await item.click();
  // On the map: the predicted closest point as a rendered feature, where the API says it is (to 0.05°: it moves
  // as the alert updates each second).
  await page.waitForFunction("window.jointsky.map.queryRenderedFeatures({ layers: ['alert-cpa'] }).length > 0", null, { timeout: 20_000 });
  const cpa = await inPage<number[][]>(
    "window.jointsky.map.queryRenderedFeatures({ layers: ['alert-cpa'] }).map((f) => f.geometry.coordinates)",
  );
  assert.ok(
    cpa.some(([lon, lat]) => Math.abs(lon - alert.cpaLon) < 0.05 && Math.abs(lat - alert.cpaLat) < 0.05),
    `no closest point near ${alert.cpaLat},${alert.cpaLon}: ${JSON.stringify(cpa)}`,
  );
  const members = await inPage<number>("window.jointsky.map.queryRenderedFeatures({ layers: ['alert-members'] }).length");
  assert.ok(members >= 1, 'the pair is not highlighted');
  await shot('03-alert');
});

test('acknowledging the alert appends a log entry signed as the party', { timeout: WAIT_MS }, async () => {
  const item = page.locator('#alert-list .alert-item, #ended-alert-list .alert-item', { hasText: 'SAS681' }).first();
  const alertId = (await item.getAttribute('data-alert')) ?? '';
  const before = await api<{ size: number }>('/ledger/entries?from=0&limit=1');
  await item.locator('.ack-button').click();
  const ack = item.locator('.ack[data-entry]').first();
  await ack.waitFor({ timeout: 20_000 });
  const index = Number(await ack.getAttribute('data-entry'));
  assert.ok(index >= before.size, `entry ${index} is not new (log had ${before.size})`);
  const { entries } = await api<{ entries: { index: number; party: string; signature: string; payload: unknown }[] }>(`/ledger/entries?from=${index}&limit=1`);
  assert.equal(entries[0]?.index, index);
  assert.equal(entries[0].party, party);
  assert.match(entries[0].signature, /^[0-9a-f]{64,}$/i);
  assert.ok(JSON.stringify(entries[0].payload).includes(alertId), 'the entry does not name the alert');
  await shot('04-acknowledged');
  // The ledger view shows it, and the whole log verifies.
  await page.keyboard.press('4');
  await page.locator(`#ledger-table tr[data-index="${index}"]`).waitFor({ timeout: 10_000 });
  await page.click('#verify-button');
  await page.locator('#verify-result').waitFor({ timeout: 30_000 });
  const verify = await api<{ ok: boolean }>('/ledger/verify', 'POST');
  assert.equal(verify.ok, true);
  assert.equal(await page.locator('#verify-result .green').count(), 1, 'the page does not show the log as verified');
  await shot('05-ledger');
});

test('the encounter replays with a time slider next to its report', { timeout: WAIT_MS }, async () => {
  await page.keyboard.press('2');
  const item = page.locator('.enc-item', { hasText: 'SAS681' }).first();
  await item.waitFor({ timeout: WAIT_MS - 10_000 });
  await item.click();
  await page.locator('#replay-slider').waitFor({ timeout: 20_000 });
  const range = await inPage<number[]>("[Number(document.getElementById('replay-slider').min), Number(document.getElementById('replay-slider').max)]");
  assert.ok(range[1] > range[0], 'empty replay span');
  const { encounters } = await api<{ encounters: { encounterId: string; cpaLat: number; cpaLon: number; members: { callsign?: string }[] }[] }>('/encounters');
  const enc = encounters.find((e) => e.members.some((m) => m.callsign === 'SAS681'));
  assert.ok(enc, 'no SAS681 encounter in GET /encounters');
  // Aircraft drawn on the replay map (after the next frame), as [lon, lat].
  const drawn = async () => {
    await page.waitForTimeout(300);
    await page.waitForFunction("window.jointsky.replayMap && window.jointsky.replayMap.loaded()", null, { timeout: 10_000 });
    return inPage<number[][]>("window.jointsky.replayMap.queryRenderedFeatures({ layers: ['replay-aircraft'] }).map((f) => f.geometry.coordinates)");
  };
  const atStart = await drawn();
  assert.ok(atStart.length >= 1, 'no aircraft on the replay map at the start');
  await page.click('#replay-cpa-button');
  const atCpa = await drawn();
  assert.equal(atCpa.length, 2, `expected the pair at the closest point, got ${atCpa.length} aircraft`);
  assert.notDeepEqual(atCpa, atStart, 'nothing moved between the start and the closest point');
  // At the closest point both aircraft are near the encounter's closest-approach midpoint (to ~3 km: the replay
  // interpolates stored history).
  for (const [lon, lat] of atCpa)
    assert.ok(Math.abs(lat - enc.cpaLat) < 0.03 && Math.abs(lon - enc.cpaLon) < 0.05, `aircraft at ${lat},${lon}, CPA at ${enc.cpaLat},${enc.cpaLon}`);
  // The report arrives in the frame.
  await page.waitForFunction("document.getElementById('report').srcdoc.length > 100", null, { timeout: 20_000 });
  await shot('06-replay');
  await page.click('#replay-play');
  await page.waitForTimeout(1500);
  await shot('07-replay-playing');
});
