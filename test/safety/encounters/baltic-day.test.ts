// SPDX-License-Identifier: GPL-3.0-or-later
// baltic-day through the ideal tracker, with its civil traffic left unseparated ("separated": false, as if no
// controller kept it apart, so that truth itself has near-collisions): the civil–civil pairs classified A are
// exactly the pairs that an exhaustive search over every civil pair per tick (geographiclib WGS84 geodesic,
// linear interpolation between ticks) finds closer than 500 ft.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import geographiclib from 'geographiclib-geodesic';
import { analyzeEvents } from '../../../src/cli/analyze.ts';
import type { Track, TrackEvent } from '../../../src/fusion/track.ts';
import { loadScenario } from '../../../src/sim/scenario.ts';
import { idealTrackEvents } from '../../../src/sim/truth-tracks.ts';

const geod = geographiclib.Geodesic.WGS84;
const unseparated = loadScenario('baltic-day');
for (const g of unseparated.traffic) if (g.kind === 'civil') g.separated = false;
const LIMIT_M = 500 * 0.3048;
const MIN_ALT_M = 1000 * 0.3048;

test('civil–civil class A encounters equal the exhaustive reference (slant < 500 ft, ±2 m band left out)', () => {
  const refMin = new Map<string, number>();
  let prev = new Map<string, { r: number[]; t: number }>();
  let tick: Track[] = [];
  let tickMs = Number.NaN;
  const flushTick = () => {
    const next = new Map<string, { r: number[]; t: number }>();
    const civil = tick.filter((t) => t.category === 'civil' && t.transponder === 'on' && t.onGround !== true && t.altM !== undefined && t.altM >= MIN_ALT_M);
    civil.sort((a, b) => a.lat - b.lat);
    for (let i = 0; i < civil.length; i++) {
      const a = civil[i];
      for (let j = i + 1; j < civil.length && civil[j].lat - a.lat < 0.03; j++) {
        const b = civil[j];
        if (Math.abs(b.lon - a.lon) > 0.06 || Math.abs(b.altM! - a.altM!) > 400) continue;
        const [x, y] = a.trackId < b.trackId ? [a, b] : [b, a];
        const { s12, azi1 } = geod.Inverse(x.lat, x.lon, y.lat, y.lon);
        const az = (azi1! * Math.PI) / 180;
        const r = [s12! * Math.sin(az), s12! * Math.cos(az), y.altM! - x.altM!];
        const key = `${x.trackId}-${y.trackId}`;
        const p = prev.get(key);
        let best = Math.hypot(r[0], r[1], r[2]);
        if (p && tickMs - p.t <= 1000) {
          const d = r.map((v, k) => v - p.r[k]);
          const dd = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
          const u = dd > 0 ? Math.max(0, Math.min(1, -(p.r[0] * d[0] + p.r[1] * d[1] + p.r[2] * d[2]) / dd)) : 0;
          best = Math.min(best, Math.hypot(...p.r.map((v, k) => v + u * d[k])));
        }
        if (best < (refMin.get(key) ?? Number.POSITIVE_INFINITY)) refMin.set(key, best);
        next.set(key, { r, t: tickMs });
      }
    }
    prev = next;
    tick = [];
  };
  function* tap(): Generator<TrackEvent> {
    for (const ev of idealTrackEvents(unseparated)) {
      if (ev.type === 'update') {
        if (ev.track.timeMs !== tickMs) {
          if (tick.length > 0) flushTick();
          tickMs = ev.track.timeMs;
        }
        tick.push(ev.track);
      }
      yield ev;
    }
    flushTick();
  }
  const result = analyzeEvents(tap());

  const found = new Map<string, number>();
  for (const { encounter: e } of result.records) {
    if (e.riskClass !== 'A' || e.members.some((m) => m.category !== 'civil')) continue;
    const key = `${e.members[0].trackId}-${e.members[1].trackId}`;
    found.set(key, Math.min(e.slantM, found.get(key) ?? Number.POSITIVE_INFINITY));
  }
  const expected = [...refMin].filter(([, d]) => d < LIMIT_M - 2).map(([k]) => k);
  const allowed = new Set([...refMin].filter(([, d]) => d < LIMIT_M + 2).map(([k]) => k));
  for (const k of expected) assert.ok(found.has(k), `pair ${k} passes ${refMin.get(k)!.toFixed(1)} m apart in the reference but is not class A`);
  for (const [k, d] of found) {
    assert.ok(allowed.has(k), `pair ${k} is class A at ${d} m but the reference has ${refMin.get(k)?.toFixed(1)} m`);
    assert.ok(Math.abs(d - refMin.get(k)!) < 1.5, `pair ${k}: ${d} m vs reference ${refMin.get(k)!.toFixed(2)} m`);
  }
  assert.ok(expected.length > 0, 'the reference has such pairs (the traffic is not separated)');
});
