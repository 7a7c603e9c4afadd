// SPDX-License-Identifier: GPL-3.0-or-later
// The alert lifecycle: m-of-n confirmation and k-cycle hysteresis against a plain re-statement of the rules on
// random detection sequences; no flicker on steady geometry; alerts that end when the geometry resolves; which
// category pairs alert.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Track, TrackCategory, TransponderState } from '../../../src/fusion/track.ts';
import { AlertLifecycle } from '../../../src/safety/stca/alerts.ts';
import { parseStcaConfig, resolveRules } from '../../../src/safety/stca/config.ts';
import { ConflictSet } from '../../../src/safety/stca/detect.ts';
import { EARTH_RADIUS_M, PairResult } from '../../../src/safety/stca/model.ts';
import { StcaMonitor } from '../../../src/safety/stca/monitor.ts';
import { detectExhaustive } from '../../../src/safety/stca/reference.ts';
import { StcaSnapshot, snapshotFromTracks } from '../../../src/safety/stca/snapshot.ts';
import type { AlertEvent } from '../../../src/safety/types.ts';
import { mulberry32, randInt, uniform } from '../../helpers/prng.ts';

const DEG = Math.PI / 180;
const T0 = 1_700_000_000_000;

/** The rules in words: raise when m of the last n cycles conflicted; end after k quiet cycles in a row. */
function expectedEvents(seq: boolean[], m: number, n: number, k: number): string[] {
  const out: string[] = [];
  let raised = false;
  let quiet = 0;
  const window: boolean[] = [];
  seq.forEach((hit, c) => {
    window.push(hit);
    if (window.length > n) window.shift();
    if (hit) {
      quiet = 0;
      if (raised) out.push(`update@${c}`);
      else if (window.filter(Boolean).length >= m) {
        raised = true;
        out.push(`new@${c}`);
      }
    } else if (raised && ++quiet >= k) {
      raised = false;
      out.push(`end@${c}`);
      window.length = 0;
    } else if (!raised && !window.some(Boolean)) {
      window.length = 0;
    }
  });
  return out;
}

test('lifecycle equals the m-of-n / k rules on random detection sequences', () => {
  const rand = mulberry32(5);
  const snap = new StcaSnapshot();
  snap.resize(2);
  snap.trackId[0] = 7;
  snap.trackId[1] = 3;
  const set = new ConflictSet();
  const pr = new PairResult();
  pr.conflict = true;
  for (let trial = 0; trial < 300; trial++) {
    const n = randInt(rand, 1, 5);
    const m = randInt(rand, 1, n);
    const k = randInt(rand, 1, 5);
    const p = uniform(rand, 0.1, 0.9);
    const seq = Array.from({ length: 60 }, () => rand() < p);
    const lc = new AlertLifecycle({ m, n, endAfterCycles: k, lookaheadS: 120 });
    const got: string[] = [];
    const ids = new Set<string>();
    seq.forEach((hit, c) => {
      set.clear();
      if (hit) set.push(0, 1, pr, 9260, 304.8);
      for (const e of lc.update(T0 + c * 1000, set, snap)) {
        got.push(`${e.type}@${c}`);
        if (e.type !== 'end') {
          assert.deepEqual(
            e.alert.members.map((x) => x.trackId),
            [3, 7],
            'lower track id first',
          );
          ids.add(e.alert.alertId);
        }
      }
    });
    assert.deepEqual(got, expectedEvents(seq, m, n, k), `m=${m} n=${n} k=${k} seq=${seq.map(Number).join('')}`);
    // One id per raised alert: `stca-<low>-<high>-<start>`.
    for (const id of ids) assert.match(id, /^stca-3-7-\d+$/);
  }
});

test('detection that drops out for fewer than k cycles never ends or re-raises the alert', () => {
  const rand = mulberry32(77);
  const snap = new StcaSnapshot();
  snap.resize(2);
  snap.trackId[0] = 1;
  snap.trackId[1] = 2;
  const set = new ConflictSet();
  const pr = new PairResult();
  pr.conflict = true;
  for (let trial = 0; trial < 200; trial++) {
    const k = randInt(rand, 2, 5);
    const lc = new AlertLifecycle({ m: 2, n: 3, endAfterCycles: k, lookaheadS: 120 });
    const types: string[] = [];
    let gap = 0;
    for (let c = 0; c < 100; c++) {
      // Conflict in the first two cycles, then random dropouts of at most k − 1 cycles.
      const hit = c < 2 || !(gap < k - 1 && rand() < 0.3);
      gap = hit ? 0 : gap + 1;
      set.clear();
      if (hit) set.push(0, 1, pr, 9260, 304.8);
      for (const e of lc.update(T0 + c * 1000, set, snap)) types.push(e.type);
    }
    assert.equal(types.filter((t) => t === 'new').length, 1);
    assert.equal(types.filter((t) => t === 'end').length, 0);
  }
});

function track(id: number, lat: number, lon: number, altM: number | undefined, ve: number, vn: number, vr: number, category: TrackCategory, transponder: TransponderState): Track {
  const t: Track = {
    trackId: id,
    timeMs: T0,
    lastUpdateMs: T0,
    status: 'confirmed',
    lat,
    lon,
    velEastMps: ve,
    velNorthMps: vn,
    vrMps: vr,
    gsMps: Math.hypot(ve, vn),
    trackDeg: 0,
    posCovM2: [0, 0, 0],
    category,
    transponder,
    sensors: [],
    parties: [],
    updates: 1,
    quality: 1,
  };
  if (altM !== undefined) t.altM = altM;
  return t;
}

/** Moves a track `dtS` seconds along its straight line (flat earth), as a steady tracker would report it. */
function fly(t: Track, dtS: number): Track {
  const lat = t.lat + (t.velNorthMps * dtS) / EARTH_RADIUS_M / DEG;
  const lon = t.lon + (t.velEastMps * dtS) / (EARTH_RADIUS_M * Math.cos(t.lat * DEG)) / DEG;
  return { ...t, lat, lon, altM: t.altM === undefined ? undefined : t.altM + t.vrMps * dtS, timeMs: t.timeMs + dtS * 1000 };
}

test('random encounters flown cycle by cycle: one alert, stable id, no flicker, ended k cycles after the geometry resolves', () => {
  const rand = mulberry32(31337);
  const config = parseStcaConfig({});
  const rules = resolveRules(config);
  let raised = 0;
  let ended = 0;
  for (let trial = 0; trial < 30; trial++) {
    // A military aircraft and an airliner meet at a random point, angle and miss distance near 56–64N.
    const lat = uniform(rand, 56, 64);
    const lon = uniform(rand, 12, 28);
    const meetS = uniform(rand, 150, 250);
    const tracks: Track[] = [];
    // Headings at least 30° apart, so that the geometry resolves within the run.
    const hdg0 = uniform(rand, 0, 360);
    const hdgs = [hdg0, hdg0 + uniform(rand, 30, 330)];
    for (let a = 0; a < 2; a++) {
      const gs = uniform(rand, 120, 260);
      const hdg = hdgs[a] * DEG;
      const ve = gs * Math.sin(hdg);
      const vn = gs * Math.cos(hdg);
      const miss = a === 0 ? 0 : uniform(rand, 0, 12000);
      const alt = 9000 + (a === 0 ? 0 : uniform(rand, -400, 400));
      // Start where it will be at the meeting point after meetS seconds.
      const start = { lat: lat + (miss / EARTH_RADIUS_M) / DEG, lon };
      const back = fly(track(a + 1, start.lat, start.lon, alt, ve, vn, 0, a === 0 ? 'military' : 'civil', 'on'), -meetS);
      tracks.push({ ...back, timeMs: T0 });
    }
    const monitor = new StcaMonitor(config);
    const events: { c: number; e: AlertEvent }[] = [];
    const conflictCycles: number[] = [];
    let now = tracks;
    for (let c = 0; c < 900; c++) {
      const timeMs = T0 + c * 1000;
      for (const e of monitor.cycle(now, timeMs)) events.push({ c, e });
      // The independent verdict of the same cycle: the exhaustive reference on the same snapshot.
      const ref = detectExhaustive(snapshotFromTracks(now, { timeMs }), rules, 'stca');
      if (ref.count > 0) conflictCycles.push(c);
      now = now.map((t) => fly(t, 1));
    }
    const news = events.filter((x) => x.e.type === 'new');
    const ends = events.filter((x) => x.e.type === 'end');
    if (conflictCycles.length < 2) {
      assert.equal(events.length, 0, 'no alert without confirmation');
      continue;
    }
    // Linear motion: the conflict cycles are one unbroken run.
    assert.equal(conflictCycles[conflictCycles.length - 1] - conflictCycles[0] + 1, conflictCycles.length);
    assert.equal(news.length, 1, 'raised once');
    assert.equal(news[0].c, conflictCycles[1], 'raised on the second conflicting cycle (2 of 3)');
    assert.equal(ends.length, 1, 'ended once');
    assert.equal(ends[0].c, conflictCycles[conflictCycles.length - 1] + config.endAfterCycles, 'ended k cycles after the last conflict');
    const id = news[0].e.type === 'new' ? news[0].e.alert.alertId : '';
    for (const x of events) assert.equal(x.e.type === 'end' ? x.e.alertId : x.e.alert.alertId, id);
    assert.equal(events.filter((x) => x.e.type === 'update').length, conflictCycles.length - 2);
    raised++;
    ended++;
  }
  assert.ok(raised >= 10, `raised ${raised}`);
  assert.equal(raised, ended);
});

test('which pairs alert by default: military/state/unknown vs civil and dark tracks; civil pairs do not', () => {
  const cases: [TrackCategory, TransponderState, TrackCategory, TransponderState, boolean][] = [
    ['military', 'on', 'civil', 'on', true],
    ['state', 'on', 'civil', 'on', true],
    ['unknown', 'on', 'civil', 'on', true],
    ['civil', 'on', 'civil', 'on', false],
    ['civil', 'off', 'civil', 'on', true],
    ['unknown', 'never', 'unknown', 'never', true],
    ['military', 'on', 'military', 'on', false],
  ];
  for (const [ca, xa, cb, xb, alerts] of cases) {
    const monitor = new StcaMonitor();
    // Head-on, 10 NM apart, same level: a conflict in ~18 s.
    const a = track(1, 58, 20, 9000, 0, 250, 0, ca, xa);
    const b = track(2, 58 + 18520 / EARTH_RADIUS_M / DEG, 20, xb === 'never' ? undefined : 9000, 0, -250, 0, cb, xb);
    const events = [...monitor.cycle([a, b], T0), ...monitor.cycle([a, b].map((t) => fly(t, 1)), T0 + 1000)];
    assert.equal(events.length > 0, alerts, `${ca}/${xa} vs ${cb}/${xb}`);
    if (alerts) {
      const e = events[0];
      assert.equal(e.type, 'new');
      if (e.type === 'new') {
        assert.equal(e.alert.severity, 'high', 'separation lost within half the look-ahead');
        assert.ok(Math.abs(e.alert.tcpaS - (18520 - 500) / 500) < 0.2, `tcpa ${e.alert.tcpaS}`);
        assert.ok(e.alert.dcpaM < 1);
      }
    }
  }
});
