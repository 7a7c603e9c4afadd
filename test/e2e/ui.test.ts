// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: the real demo server (SK681 scenario) driven by Debian's chromium through playwright-core. Checks that
// tracks reach the map, the SK681 alert shows in the list and on the map, acknowledging it appends a signed log entry,
// a flight notification filed from the dashboard is signed as the party and matched, and the encounter replays. Screenshots go to test-artifacts/.

import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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

/** The symbol colours the UI promises (docs: filled in the category's colour when the transponder is on). */
const CATEGORY_RGB: Record<string, [number, number, number]> = {
  civil: [0x4f, 0xd1, 0xff],
  military: [0xff, 0xb7, 0x4d],
  state: [0xc7, 0x92, 0xea],
  unknown: [0xb0, 0xbe, 0xc5],
};

interface Spot {
  trackId: number;
  category: string;
  transponder: string;
  /** Page pixels where MapLibre's own projection puts the track's position. */
  x: number;
  y: number;
}

/**
 * Tracks of the page's store that stand alone on the map (no other aircraft within 24 px, not under a panel), where
 * MapLibre projects them: independent of the aircraft layer's own bookkeeping.
 */
const isolatedSpots = () =>
  inPage<Spot[]>(`(() => {
    const { map, store } = window.jointsky;
    const canvas = map.getCanvas();
    const box = canvas.getBoundingClientRect();
    const all = store.tracks.filter((t) => store.passes(t)).map((t) => {
      const p = map.project([t.lon, t.lat]);
      return { trackId: t.trackId, category: t.category, transponder: t.transponder, x: box.left + p.x, y: box.top + p.y };
    });
    return all.filter((a) =>
      a.x > box.left + 15 && a.y > box.top + 15 && a.x < box.right - 15 && a.y < box.bottom - 15 &&
      document.elementFromPoint(a.x, a.y) === canvas &&
      all.every((b) => b === a || Math.hypot(b.x - a.x, b.y - a.y) > 24));
  })()`);

/** The page as pixels: a screenshot decoded by the browser's own PNG decoder, as RGBA rows. */
async function screenPixels(): Promise<{ width: number; rgba: Buffer }> {
  const png = await page.screenshot();
  const decoded = await inPage<{ width: number; data: string }>(`(async () => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(png.toString('base64'))}), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let s = '';
    for (let i = 0; i < data.length; i += 0x8000) s += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: bitmap.width, data: btoa(s) };
  })()`);
  return { width: decoded.width, rgba: Buffer.from(decoded.data, 'base64') };
}

/**
 * Whether the screen shows the aircraft's symbol around its position (the picture may move a little between projecting
 * and the screenshot): the category's colour (each channel within 40) within 3 px when the transponder is on; when it
 * is dark, the bright red of the hollow symbol's outline within 6 px (brighter than a trail's translucent red).
 */
function showsAircraft(screen: { width: number; rgba: Buffer }, s: Spot): boolean {
  const reach = s.transponder === 'on' ? 3 : 6;
  for (let dy = -reach; dy <= reach; dy++)
    for (let dx = -reach; dx <= reach; dx++) {
      const o = (Math.round(s.y + dy) * screen.width + Math.round(s.x + dx)) * 4;
      const [r, g, b] = [screen.rgba[o], screen.rgba[o + 1], screen.rgba[o + 2]];
      if (s.transponder === 'on') {
        const want = CATEGORY_RGB[s.category];
        if (Math.abs(r - want[0]) <= 40 && Math.abs(g - want[1]) <= 40 && Math.abs(b - want[2]) <= 40) return true;
      } else if (r > 180 && g < 130 && b < 130) return true;
    }
  return false;
}

test('the demo starts and its tracks appear on the map', { timeout: WAIT_MS }, async () => {
  await page.waitForFunction('window.jointsky.renderedAircraft().length >= 5', null, { timeout: 60_000 });
  const rendered = await inPage<number[]>('window.jointsky.renderedAircraft().map((a) => a.trackId)');
  const { tracks } = await api<{ tracks: { trackId: number }[] }>('/tracks');
  const known = new Set(tracks.map((t) => t.trackId));
  // The page may be a second behind the API: allow tracks that just ended, but most must match.
  const matching = rendered.filter((id) => known.has(id)).length;
  assert.ok(matching >= Math.min(5, known.size) && matching >= rendered.length - 2, `${matching} of ${rendered.length} map aircraft are API tracks`);

  // The aircraft are really drawn: the screenshot has each one's colour where MapLibre projects it...
  const spots = await isolatedSpots();
  assert.ok(spots.length >= 3, `only ${spots.length} aircraft stand alone on the map`);
  const shown = await screenPixels();
  const drawn = spots.filter((s) => showsAircraft(shown, s));
  assert.ok(drawn.length >= spots.length - 1, `${drawn.length} of ${spots.length} aircraft show their colour: ${JSON.stringify(spots)}`);
  await shot('02-map-tracks');
  // ...and those pixels come from the aircraft layer: hidden, they are gone (the trails and the basemap stay).
  await inPage("window.jointsky.map.setLayoutProperty('aircraft', 'visibility', 'none')");
  await page.waitForTimeout(500);
  const hidden = await screenPixels();
  await inPage("window.jointsky.map.setLayoutProperty('aircraft', 'visibility', 'visible')");
  const left = drawn.filter((s) => showsAircraft(hidden, s));
  assert.ok(left.length <= 1, `${left.length} aircraft still show with the layer hidden`);

  // Clicking an aircraft selects it (where it is now: it has moved on since); clicking empty map deselects.
  const target = (await isolatedSpots()).find((s) => s.trackId === drawn[0].trackId) ?? drawn[0];
  const nearest = await inPage<number | null>(
    `(() => { const box = window.jointsky.map.getCanvas().getBoundingClientRect(); return window.jointsky.aircraftAt(${target.x} - box.left, ${target.y} - box.top); })()`,
  );
  assert.equal(nearest, target.trackId, `aircraftAt does not find #${target.trackId} at ${target.x},${target.y}`);
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction(`window.jointsky.store.selectedTrackId === ${target.trackId}`, null, { timeout: 5_000 });
  const empty = await inPage<{ x: number; y: number } | null>(`(() => {
    const { map, aircraftAt } = window.jointsky;
    const canvas = map.getCanvas();
    const box = canvas.getBoundingClientRect();
    for (const [dx, dy] of [[40, 40], [-40, 40], [40, -40], [-40, -40], [0, 60], [60, 0], [0, -60], [-60, 0]]) {
      const x = ${target.x} + dx, y = ${target.y} + dy;
      if (document.elementFromPoint(x, y) === canvas && aircraftAt(x - box.left, y - box.top) === null) return { x, y };
    }
    return null;
  })()`);
  assert.ok(empty, 'no empty spot of map next to the aircraft');
  await page.mouse.click(empty.x, empty.y);
  await page.waitForFunction('window.jointsky.store.selectedTrackId === null', null, { timeout: 5_000 });
});

test('a flight notification filed from the dashboard is signed as the party and matched to the dark Il-20', { timeout: WAIT_MS }, async () => {
  // The Il-20's route as a plan (test/fixtures/notify/sk681-rff0303.fpl, from the scenario), filed early in the run
  // (the scenario plays at 10× and ends after 25 minutes of data) while the aircraft flies it: the matching must find it.
  const fpl = readFileSync(join(ROOT, 'test/fixtures/notify/sk681-rff0303.fpl'), 'utf8');
  const id = 'RFF0303-ZZZZ-ZZZZ-140303';
  await page.keyboard.press('3');
  await page.click('details.file-notification summary');
  await page.fill('#notification-text', fpl);
  await page.click('#notification-submit');
  await page.locator('#notification-result.green, #notification-result.error').waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('#notification-result').getAttribute('class'), 'green', (await page.locator('#notification-result').textContent()) ?? '');
  const { size } = await api<{ size: number }>('/ledger/entries?from=0&limit=1');
  const { entries } = await api<{ entries: { kind: string; party: string; payload: { notificationId: string } }[] }>(`/ledger/entries?from=${size - 1}&limit=1`);
  assert.deepEqual([entries[0].kind, entries[0].party, entries[0].payload.notificationId], ['flight-notification', party, id]);
  // The dashboard shows it flown once the matching has found the dark track (refreshing until then).
  const row = page.locator(`#notification-table tr[data-notification="${id}"]`);
  for (let k = 0; k < 30 && (await row.getAttribute('data-status').catch(() => null)) !== 'flown'; k++) {
    await page.waitForTimeout(1000);
    await page.locator('#view-compliance h2 button').first().click();
  }
  assert.equal(await row.getAttribute('data-status'), 'flown');
  const { notifications } = await api<{ notifications: { notificationId: string; trackIds?: number[] }[] }>('/notifications');
  const tracks = notifications.find((n) => n.notificationId === id)?.trackIds ?? [];
  const dark = (await api<{ tracks: { trackId: number; transponder: string }[] }>('/tracks')).tracks.filter((t) => t.transponder !== 'on').map((t) => t.trackId);
  assert.deepEqual(tracks, dark, 'the notification took the dark track');
  await shot('02b-notification');
  // Its track link selects the track on the map.
  await row.locator('button.link').first().click();
  await page.waitForFunction(`window.jointsky.store.selectedTrackId === ${tracks[0]}`, null, { timeout: 10_000 });
  assert.equal(await page.locator('#view-map.active').count(), 1, 'the map view is shown');
  await page.evaluate('window.jointsky.store.select(null)');
});

test('the SK681 scenario raises an alert shown in the list and on the map', { timeout: WAIT_MS }, async () => {
  await page.keyboard.press('1'); // the map view, whatever the test before left open
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
