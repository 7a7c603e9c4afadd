// SPDX-License-Identifier: GPL-3.0-or-later
// Association, initiation, transponder state, re-ordering and plausibility, on scenes built from known truth:
// every expectation follows from the scene (which aircraft exist, what each sensor could see), not from output.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Tracker } from '../../../src/fusion/tracker/index.ts';
import type { Track, TrackEvent } from '../../../src/fusion/track.ts';
import type { Report } from '../../../src/surveillance/report.ts';
import { mulberry32 } from '../../helpers/prng.ts';
import { adsb, enuOf, gaussian, noisyPlot, plot, registry, T0 } from './helpers.ts';

function dist(t: Track, e: number, n: number): number {
  const [te, tn] = enuOf(t);
  return Math.hypot(te - e, tn - n);
}

function feed(tr: Tracker, reports: Report[]): void {
  for (const r of reports) tr.add(r);
}

describe('tracker: association and initiation', () => {
  it('never merges two aircraft with different addresses flying 150 m apart, and never swaps them', () => {
    const reg = registry();
    const tr = new Tracker({ registry: reg });
    const g = gaussian(5);
    const reports: Report[] = [];
    for (let k = 0; k < 120; k++) {
      const t = T0 + k * 1000;
      // Two parallel aircraft at the same level, converging to 150 m lateral spacing; radar Mode S plots too.
      reports.push(adsb(t, 'aaaaa1', 220 * k + 20 * g(), 0 + 20 * g(), { posSigmaM: 20 }));
      reports.push(adsb(t + 3, 'aaaaa2', 220 * k + 20 * g(), 150 + 20 * g(), { posSigmaM: 20 }));
      if (k % 5 === 0) {
        reports.push(noisyPlot(reg, 'rad1', t + 100, 220 * k + 22, 0, g, 'modes', { icao: 'aaaaa1', altM: 10000 }));
        reports.push(noisyPlot(reg, 'rad1', t + 101, 220 * k + 22, 150, g, 'modes', { icao: 'aaaaa2', altM: 10000 }));
      }
    }
    feed(tr, reports);
    tr.flush();
    const snap = tr.snapshot(T0 + 119_000);
    assert.equal(snap.length, 2);
    const a1 = snap.find((t) => t.icao === 'aaaaa1')!;
    const a2 = snap.find((t) => t.icao === 'aaaaa2')!;
    assert.ok(a1 && a2 && a1.trackId !== a2.trackId);
    assert.ok(dist(a1, 220 * 119, 0) < 75, `aaaaa1 off by ${dist(a1, 220 * 119, 0)}`);
    assert.ok(dist(a2, 220 * 119, 150) < 75, `aaaaa2 off by ${dist(a2, 220 * 119, 150)}`);
    assert.equal(tr.counters.tracksStarted, 2);
  });

  it('joins primary plots that fall on a cooperative track to it, starting no ghost', () => {
    const reg = registry();
    const events: TrackEvent[] = [];
    const tr = new Tracker({ registry: reg }, (e) => events.push(e));
    const g = gaussian(9);
    const reports: Report[] = [];
    for (let k = 0; k < 300; k++) {
      const t = T0 + k * 1000;
      reports.push(adsb(t, 'bbbbb1', -20_000 + 200 * k, 4000, { posSigmaM: 15 }));
      if (k % 5 === 2) reports.push(noisyPlot(reg, 'rad1', t + 300, -20_000 + 200 * k + 60, 4000, g, 'psr', {}, 10_000));
    }
    feed(tr, reports);
    tr.flush();
    assert.equal(tr.counters.tracksStarted, 1);
    const ids = new Set(events.filter((e) => e.type === 'update').map((e) => (e.type === 'update' ? e.track.trackId : 0)));
    assert.equal(ids.size, 1);
    const last = tr.snapshot(T0 + 299_000)[0];
    assert.deepEqual(last.sensors, ['rad1', 'rx1']);
    assert.deepEqual(last.parties, ['a', 'b']);
    assert.equal(last.transponder, 'on');
  });

  it('never confirms seeded random clutter, while a real primary-only aircraft among it is confirmed as transponder "never"', () => {
    const reg = registry();
    const events: TrackEvent[] = [];
    const tr = new Tracker({ registry: reg }, (e) => events.push(e));
    const u = mulberry32(4242);
    const g = gaussian(4243);
    const scanMs = 5000;
    for (let scan = 0; scan < 60; scan++) {
      const plots: Report[] = [];
      // 20 false plots per scan, uniform over 120 km × 120 km: 1 per 720 km² per scan, about a thousand times
      // the simulator's default density (0.5 per scan over a 250 NM radar's cover).
      for (let i = 0; i < 20; i++) plots.push(plot(reg, 'rad1', T0 + scan * scanMs + Math.floor(u() * scanMs), -60_000 + 120_000 * u(), -60_000 + 120_000 * u()));
      // One dark aircraft flying north-east at 180 m/s.
      plots.push(noisyPlot(reg, 'rad1', T0 + scan * scanMs + 2500, -30_000 + 0.9 * 127 * scan * 5, -20_000 + 0.9 * 127 * scan * 5, g));
      plots.sort((a, b) => a.timeMs - b.timeMs);
      feed(tr, plots);
    }
    tr.flush();
    const confirmedIds = new Set<number>();
    for (const e of events) if (e.type === 'update') confirmedIds.add(e.track.trackId);
    const final = tr.snapshot(T0 + 59 * scanMs + 2500);
    assert.equal(final.length, 1, `confirmed tracks at the end: ${final.length}`);
    const dark = final[0];
    assert.equal(dark.transponder, 'never');
    assert.equal(dark.category, 'unknown');
    assert.ok(dist(dark, -30_000 + 0.9 * 127 * 59 * 5, -20_000 + 0.9 * 127 * 59 * 5) < 500);
    // No clutter track was ever confirmed: the only track ever reported is the aircraft's.
    assert.deepEqual([...confirmedIds], [dark.trackId]);
    assert.ok(tr.counters.tracksStarted > 500, 'clutter did start tentative tracks');
  });
});

describe('tracker: transponder state', () => {
  it('goes on → off when only primary plots continue, and back on when the transponder returns', () => {
    const reg = registry();
    const events: TrackEvent[] = [];
    const tr = new Tracker({ registry: reg }, (e) => events.push(e));
    const g = gaussian(31);
    const states: [number, string][] = [];
    for (let k = 0; k < 240; k++) {
      const t = T0 + k * 1000;
      const e = 150 * k;
      const transponderOn = k < 60 || k >= 150;
      if (transponderOn) tr.add(adsb(t, 'ccccc1', e, 0, { posSigmaM: 10, callsign: 'RCH123' }));
      if (k % 5 === 0) tr.add(noisyPlot(reg, 'rad1', t + 200, e + 30, 0, g, transponderOn ? 'combined' : 'psr', transponderOn ? { squawk: '1234', altM: 10000 } : {}, 10_000));
      tr.advanceTo(t);
      const s = tr.snapshot(t - 2000);
      if (s.length === 1) states.push([k - 2, s[0].transponder]);
    }
    const at = (k: number): string | undefined => states.find(([kk]) => kk === k)?.[1];
    assert.equal(at(50), 'on');
    // Off is decided after transponderOffMs (15 s) without cooperative reports, while plots continue.
    assert.equal(at(70), 'on');
    assert.equal(at(90), 'off');
    assert.equal(at(140), 'off');
    assert.equal(at(160), 'on');
    // One track throughout, keeping its identity and category while dark.
    assert.equal(tr.counters.tracksStarted, 1);
    const dark = events.filter((e) => e.type === 'update' && e.track.transponder === 'off');
    assert.ok(dark.length > 0);
    for (const e of dark) if (e.type === 'update') assert.equal(e.track.category, 'military');
  });
});

describe('tracker: re-ordering and timing', () => {
  function scene(): Report[] {
    const reg = registry();
    const g = gaussian(8);
    const out: Report[] = [];
    for (let k = 0; k < 90; k++) {
      const t = T0 + k * 1000;
      out.push(adsb(t, 'ddddd1', 200 * k + 10 * g(), 10 * g()));
      out.push(adsb(t + 400, 'ddddd2', 5000 - 180 * k + 10 * g(), 3000 + 10 * g(), { sensorId: 'rx2', partyId: 'b' }));
      if (k % 4 === 1) {
        out.push(noisyPlot(reg, 'rad1', t + 100, 200 * k, 0, g, 'modes', { icao: 'ddddd1', altM: 10000 }));
        out.push(noisyPlot(reg, 'rad1', t + 150, -8000 + 150 * k, -6000 + 100 * k, g, 'psr'));
      }
    }
    return out.sort((a, b) => a.timeMs - b.timeMs);
  }

  function runAll(reports: Report[]): string {
    const events: TrackEvent[] = [];
    const tr = new Tracker({ registry: registry() }, (e) => events.push(e));
    for (const r of reports) tr.add(r);
    tr.flush();
    return JSON.stringify({ events, snap: tr.snapshot(T0 + 90_000), counters: tr.counters });
  }

  it('gives the same events and tracks when reports arrive shuffled within the re-order window', () => {
    const sorted = scene();
    const u = mulberry32(99);
    // Arrival = observation time + a random delay up to 1.8 s (window 2 s).
    const shuffled = sorted.map((r) => ({ r, arrive: r.timeMs + 1800 * u() })).sort((a, b) => a.arrive - b.arrive).map((x) => x.r);
    assert.notDeepEqual(shuffled, sorted);
    assert.equal(runAll(shuffled), runAll(sorted));
  });

  it('gives the same events and tracks when the window holds thousands of shuffled reports (the buffer grows and compacts)', () => {
    // 1,000 aircraft at 1 Hz for 20 s: about 2,000 reports within any 2 s window.
    const g = gaussian(12);
    const sorted: Report[] = [];
    for (let k = 0; k < 20; k++) {
      for (let a = 0; a < 1000; a++) {
        const e = -150_000 + 300 * a;
        sorted.push(adsb(T0 + k * 1000 + a, (0x300000 + a).toString(16), e + 200 * k + 10 * g(), 50_000 - 100 * a + 10 * g(), { gsMps: 200, trackDeg: 90 }));
      }
    }
    sorted.sort((a, b) => a.timeMs - b.timeMs);
    const u = mulberry32(7);
    const shuffled = sorted.map((r) => ({ r, arrive: r.timeMs + 1800 * u() })).sort((a, b) => a.arrive - b.arrive).map((x) => x.r);
    const a = runAll(shuffled);
    assert.equal(a, runAll(sorted));
    assert.equal((JSON.parse(a) as { counters: { reports: number } }).counters.reports, 20_000);
  });

  it('drops and counts reports older than the window', () => {
    const tr = new Tracker({ registry: registry() });
    tr.add(adsb(T0 + 10_000, 'eeeee1', 0, 0));
    tr.add(adsb(T0 + 7_000, 'eeeee1', 0, 0));
    tr.add(adsb(T0 + 8_500, 'eeeee1', 0, 0));
    assert.equal(tr.counters.rejected.late, 1);
    assert.equal(tr.counters.reports, 2);
  });

  it('coasts and then deletes a track whose sensors fell silent', () => {
    const events: TrackEvent[] = [];
    const tr = new Tracker({ registry: registry() }, (e) => events.push(e));
    for (let k = 0; k < 30; k++) tr.add(adsb(T0 + k * 1000, 'fffff1', 200 * k, 0));
    tr.advanceTo(T0 + 29_000 + 2000 + 5000);
    assert.equal(tr.snapshot(T0 + 34_000)[0]?.status, 'coasting');
    tr.advanceTo(T0 + 29_000 + 2000 + 25_000);
    assert.equal(tr.snapshot(T0 + 54_000).length, 0);
    const del = events.filter((e) => e.type === 'delete');
    assert.equal(del.length, 1);
  });
});

describe('tracker: implausible and spoofed reports', () => {
  it('rejects a single teleporting ADS-B position and keeps following the aircraft', () => {
    const tr = new Tracker({ registry: registry() });
    for (let k = 0; k < 60; k++) {
      const jump = k === 30 ? 8000 : 0; // 8 km in one second: far beyond Mach 3
      tr.add(adsb(T0 + k * 1000, 'aaaa01', 230 * k + jump, 0));
    }
    tr.flush();
    assert.equal(tr.counters.rejected.implausible, 1);
    const t = tr.snapshot(T0 + 59_000)[0];
    assert.ok(dist(t, 230 * 59, 0) < 30);
    assert.equal(tr.counters.tracksStarted, 1);
  });

  it('rejects a spoofed ADS-B track offset by 15 km while radars keep seeing the aircraft', () => {
    const reg = registry();
    const tr = new Tracker({ registry: reg });
    const g = gaussian(17);
    const maxErr: number[] = [];
    for (let k = 0; k < 300; k++) {
      const t = T0 + k * 1000;
      const e = -20_000 + 200 * k;
      // GNSS spoofing from k = 100: ADS-B positions drift away over 20 s to 15 km off, and stay there.
      const off = k < 100 ? 0 : Math.min(15_000, (k - 100) * 750);
      tr.add(adsb(t, 'aaaa02', e + off, off / 2, { posSigmaM: 10 }));
      if (k % 4 === 0) tr.add(noisyPlot(reg, 'rad1', t + 100, e, 0, g, 'modes', { icao: 'aaaa02', altM: 10000 }));
      if (k % 5 === 2) tr.add(noisyPlot(reg, 'rad2', t + 200, e, 0, g, 'combined', { icao: 'aaaa02', squawk: '4421', altM: 10000 }));
      tr.advanceTo(t);
      if (k > 10) {
        const s = tr.snapshot(t - 2000);
        if (s.length > 0) maxErr.push(dist(s.find((x) => x.icao === 'aaaa02')!, e - 400, 0));
      }
    }
    tr.flush();
    const rejected = (tr.counters.rejected.spoof ?? 0) + (tr.counters.rejected.implausible ?? 0) + (tr.counters.rejected.outlier ?? 0);
    assert.ok(rejected >= 190, `rejected ${rejected} of 200 spoofed reports`);
    assert.ok((tr.counters.rejected.spoof ?? 0) > 150);
    const worst = Math.max(...maxErr);
    assert.ok(worst < 1000, `worst error ${worst.toFixed(0)} m`);
    assert.equal(tr.counters.tracksStarted, 1);
  });
});
