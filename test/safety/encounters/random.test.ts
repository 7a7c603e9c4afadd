// SPDX-License-Identifier: GPL-3.0-or-later
// The streaming detector with its grid against an exhaustive reference on random traffic: every pair, every
// tick, geographiclib's WGS84 geodesic, closest point by linear interpolation between ticks. Aircraft fly
// straight and level on flight levels 2000 ft apart, so a pair is either co-level or clear of the cooperative
// volume, and the closest slant point is the closest horizontal point.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import geographiclib from 'geographiclib-geodesic';
import type { Track, TrackEvent } from '../../../src/fusion/track.ts';
import { EncounterDetector } from '../../../src/safety/encounters/detector.ts';
import { mulberry32 } from '../../helpers/prng.ts';

const geod = geographiclib.Geodesic.WGS84;
const NM = 1852;
const FT = 0.3048;

interface Flight {
  id: number;
  lat: number;
  lon: number;
  az: number;
  gs: number;
  altM: number;
  dark: boolean;
}

function trackAt(f: Flight, t0: number, tS: number): Track {
  const d = geod.Direct(f.lat, f.lon, f.az, f.gs * tS);
  const az = (d.azi2! * Math.PI) / 180;
  return {
    trackId: f.id,
    timeMs: t0 + tS * 1000,
    lastUpdateMs: t0 + tS * 1000,
    status: 'confirmed',
    lat: d.lat2!,
    lon: d.lon2!,
    altM: f.altM,
    altSource: 'baro',
    velEastMps: f.gs * Math.sin(az),
    velNorthMps: f.gs * Math.cos(az),
    vrMps: 0,
    gsMps: f.gs,
    trackDeg: (d.azi2! + 360) % 360,
    posCovM2: [0, 0, 0],
    category: f.dark ? 'unknown' : 'civil',
    transponder: f.dark ? 'never' : 'on',
    sensors: [],
    parties: [],
    updates: tS + 1,
    quality: 1,
  };
}

test('random traffic: the pairs and closest approaches equal the exhaustive reference', () => {
  const rand = mulberry32(20260);
  const flights: Flight[] = [];
  for (let i = 0; i < 160; i++) {
    flights.push({
      id: i + 1,
      lat: 54.5 + rand() * 1.6,
      lon: 14 + rand() * 3,
      az: rand() * 360,
      gs: 150 + rand() * 100,
      altM: (20000 + 2000 * Math.floor(rand() * 3)) * FT + (rand() - 0.5) * 20,
      dark: rand() < 0.1,
    });
  }
  const t0 = Date.parse('2024-01-01T00:00:00Z');
  const ticks = 240;
  const states: Track[][] = [];
  for (let s = 0; s < ticks; s++) states.push(flights.map((f) => trackAt(f, t0, s)));

  // Reference: every pair, every tick.
  const ref = new Map<string, { horizM: number; timeMs: number }>();
  for (let i = 0; i < flights.length; i++) {
    for (let j = i + 1; j < flights.length; j++) {
      const a = flights[i];
      const b = flights[j];
      if (a.dark && b.dark) continue; // unknown–unknown pairs are not analysed by default
      const limH = a.dark || b.dark ? 10 * NM : 5 * NM;
      const limV = a.dark || b.dark ? 5000 * FT : 1000 * FT;
      if (Math.abs(a.altM - b.altM) >= limV) continue;
      let prev: number[] | undefined;
      let best = { horizM: Number.POSITIVE_INFINITY, timeMs: 0 };
      for (let s = 0; s < ticks; s++) {
        const p = states[s][i];
        const q = states[s][j];
        const inv = geod.Inverse(p.lat, p.lon, q.lat, q.lon);
        const az = (inv.azi1! * Math.PI) / 180;
        const r = [inv.s12! * Math.sin(az), inv.s12! * Math.cos(az)];
        if (prev) {
          const d = [r[0] - prev[0], r[1] - prev[1]];
          const dd = d[0] ** 2 + d[1] ** 2;
          const u = dd > 0 ? Math.max(0, Math.min(1, -(prev[0] * d[0] + prev[1] * d[1]) / dd)) : 0;
          const h = Math.hypot(prev[0] + u * d[0], prev[1] + u * d[1]);
          if (h < best.horizM) best = { horizM: h, timeMs: t0 + (s - 1 + u) * 1000 };
        }
        prev = r;
      }
      if (best.horizM < limH) ref.set(`${a.id}-${b.id}`, { ...best, limH } as { horizM: number; timeMs: number });
    }
  }

  const det = new EncounterDetector();
  const found = new Map<string, { horizM: number; cpaMs: number }>();
  const take = (recs: ReturnType<EncounterDetector['push']>) => {
    for (const { encounter: e } of recs) {
      const key = `${e.members[0].trackId}-${e.members[1].trackId}`;
      const prev = found.get(key);
      if (!prev || e.horizM < prev.horizM) found.set(key, { horizM: e.horizM, cpaMs: e.cpaMs });
    }
  };
  for (const tick of states) for (const track of tick) take(det.push({ type: 'update', track } satisfies TrackEvent));
  take(det.flush());

  assert.ok(ref.size > 20, `enough reference pairs (${ref.size})`);
  for (const [key, r] of ref) {
    const f = found.get(key);
    assert.ok(f, `reference pair ${key} at ${r.horizM.toFixed(0)} m (${r.timeMs - t0} ms) not found`);
    assert.ok(Math.abs(f.horizM - r.horizM) < 1, `${key}: ${f.horizM} m at ${f.cpaMs - t0} ms vs ${r.horizM.toFixed(2)} m at ${(r.timeMs - t0).toFixed(0)} ms`);
    // A pair that stays near its minimum for a while has a flat minimum: compare times only for real passes.
    if (r.horizM > 200) assert.ok(Math.abs(f.cpaMs - r.timeMs) < 1500, `${key}: ${f.cpaMs - r.timeMs} ms`);
  }
  for (const key of found.keys()) assert.ok(ref.has(key), `pair ${key} found but not in the reference`);
});
