// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in historical scenarios reproduce their recorded geometry (see the sources in
// src/sim/scenarios/sk681-2014-03-03.ts and sk1755-2014-12-12.ts). Distances and bearings are computed here
// with geographiclib on the WGS84 ellipsoid, independently of the simulator's own geometry; the closest
// approach is found between ticks by linear interpolation of the relative position.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import geographiclib from 'geographiclib-geodesic';
import type { TruthState } from '../../src/sim/truth.ts';
import { run } from './helpers.ts';

const geod = geographiclib.Geodesic.WGS84;
const MALMO = { lat: 55.605, lon: 13.0038 }; // Malmö city centre

/** B's position relative to A: east, north (from the geodesic A→B) and up, m. */
function relative(a: TruthState, b: TruthState): [number, number, number] {
  const { s12, azi1 } = geod.Inverse(a.lat, a.lon, b.lat, b.lon);
  const az = (azi1! * Math.PI) / 180;
  return [s12! * Math.sin(az), s12! * Math.cos(az), b.heightM - a.heightM];
}

/** Closest approach of two aircraft over their common ticks: distance, time, and A's state nearest it. */
function closestApproach(a: TruthState[], b: TruthState[]): { distM: number; timeMs: number; at: TruthState; rel: number[] } {
  const bt = new Map(b.map((s) => [s.timeMs, s]));
  let best = { distM: Number.POSITIVE_INFINITY, timeMs: 0, at: a[0], rel: [0, 0, 0] };
  let prev: { r: number[]; s: TruthState } | undefined;
  for (const s of a) {
    const o = bt.get(s.timeMs);
    if (!o) {
      prev = undefined;
      continue;
    }
    const r = relative(s, o);
    if (prev) {
      const d = r.map((x, k) => x - prev!.r[k]);
      const dd = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
      const u = dd > 0 ? Math.max(0, Math.min(1, -(prev.r[0] * d[0] + prev.r[1] * d[1] + prev.r[2] * d[2]) / dd)) : 0;
      const q = prev.r.map((x, k) => x + u * d[k]);
      const dist = Math.hypot(q[0], q[1], q[2]);
      if (dist < best.distM) best = { distM: dist, timeMs: prev.s.timeMs + u * (s.timeMs - prev.s.timeMs), at: u < 0.5 ? prev.s : s, rel: q };
    }
    prev = { r, s };
  }
  return best;
}

describe('sk681-2014-03-03', () => {
  const r = run('sk681-2014-03-03');
  const sk = r.tracks.get('sk681')!;
  const il = r.tracks.get('il20')!;

  it('SK681 and the Il-20 pass about 90 m apart (tolerance ±30 m)', () => {
    const cpa = closestApproach(sk, il);
    assert.ok(Math.abs(cpa.distM - 90) <= 30, `closest approach ${cpa.distM.toFixed(1)} m`);
  });

  it('about 50 km south of Malmö (40–60 km, bearing 150–210°), over the sea, shortly after take-off', () => {
    const cpa = closestApproach(sk, il);
    const { s12, azi1 } = geod.Inverse(MALMO.lat, MALMO.lon, cpa.at.lat, cpa.at.lon);
    assert.ok(s12! > 40e3 && s12! < 60e3, `${(s12! / 1000).toFixed(1)} km from Malmö`);
    const brg = (azi1! + 360) % 360;
    assert.ok(brg > 150 && brg < 210, `bearing ${brg.toFixed(0)}° from Malmö`);
    const takeoff = sk.find((s) => !s.onGround)!;
    const minutes = (cpa.timeMs - takeoff.timeMs) / 60e3;
    assert.ok(minutes > 2 && minutes < 15, `${minutes.toFixed(1)} min after lift-off`);
    // SK681 still climbing out (below its cruise level) when it happens.
    assert.ok(cpa.at.pressureAltFt > 8000 && cpa.at.pressureAltFt < 25000, `at ${cpa.at.pressureAltFt.toFixed(0)} ft`);
  });

  it('the Il-20 is dark throughout; SK681 transmits; identities as recorded', () => {
    assert.ok(il.every((s) => s.transponder === 'off'));
    assert.ok(sk.every((s) => s.transponder === 'on'));
    assert.equal(il[0].typeDesignator, 'IL20');
    assert.equal(il[0].category, 'military');
    assert.equal(sk[0].callsign, 'SAS681');
    // Danish-registered airliner: a Danish ICAO address (45xxxx block 458000–45FFFF); Il-20: Russian (1xxxxx).
    const skAddr = parseInt(sk[0].icao, 16);
    assert.ok(skAddr >= 0x458000 && skAddr <= 0x45ffff);
    const ilAddr = parseInt(il[0].icao, 16);
    assert.ok(ilAddr >= 0x100000 && ilAddr <= 0x1fffff);
  });
});

describe('sk1755-2014-12-12', () => {
  const r = run('sk1755-2014-12-12');
  const sk = r.tracks.get('sk1755')!;
  const il = r.tracks.get('il20')!;
  const utc = (hhmmss: string): number => Date.parse(`2014-12-12T${hhmmss}Z`);

  it('SK1755 takes off at 10:12 UTC, is stopped at FL220 from 10:21 and climbs again after 10:23', () => {
    const lift = sk.find((s) => !s.onGround)!;
    assert.ok(Math.abs(lift.timeMs - utc('10:12:30')) < 60e3, `airborne at ${new Date(lift.timeMs).toISOString()}`);
    for (const s of sk) {
      if (s.timeMs >= utc('10:21:40') && s.timeMs <= utc('10:23:00'))
        assert.ok(Math.abs(s.pressureAltFt - 22000) <= 100, `FL${(s.pressureAltFt / 100).toFixed(0)} at ${new Date(s.timeMs).toISOString()}`);
      if (s.timeMs <= utc('10:21:00')) assert.ok(s.pressureAltFt < 22000);
    }
    const later = sk.find((s) => s.timeMs === utc('10:25:00'))!;
    assert.ok(later.pressureAltFt > 23000, 'climb resumed');
  });

  it('the Il-20 flies dark at FL250 and crosses from right to left behind SK1755 around 10:23', () => {
    assert.ok(il.every((s) => s.transponder === 'off' && Math.abs(s.pressureAltFt - 25000) < 50));
    assert.ok(sk.every((s) => s.transponder === 'on'));
    const skAt = new Map(sk.map((s) => [s.timeMs, s]));
    // Bearing of the Il-20 relative to SK1755's track, and their distance, per tick.
    const rel: { t: number; brg: number; distM: number; vertM: number }[] = [];
    for (const s of il) {
      const a = skAt.get(s.timeMs);
      if (!a) continue;
      const { s12, azi1 } = geod.Inverse(a.lat, a.lon, s.lat, s.lon);
      rel.push({ t: s.timeMs, brg: (((azi1! - a.trackDeg) % 360) + 360) % 360, distM: s12!, vertM: s.heightM - a.heightM });
    }
    const at = (hhmmss: string) => rel.find((x) => x.t === utc(hhmmss))!;
    // On the right at 10:20 (when ATC warns of traffic crossing right to left), on the left at 10:26.
    assert.ok(at('10:20:00').brg > 0 && at('10:20:00').brg < 180, `10:20 relative bearing ${at('10:20:00').brg}`);
    assert.ok(at('10:26:00').brg > 180 && at('10:26:00').brg < 360, `10:26 relative bearing ${at('10:26:00').brg}`);
    // It passes behind (relative bearing through 180°, not through 0°) between 10:22 and 10:24.
    const crossing = rel.find((x, k) => k > 0 && rel[k - 1].brg > 90 && rel[k - 1].brg < 180 && x.brg >= 180 && x.brg < 270)!;
    assert.ok(crossing, 'never crossed behind');
    assert.ok(crossing.t >= utc('10:22:00') && crossing.t <= utc('10:24:00'), `crossed behind at ${new Date(crossing.t).toISOString()}`);
    // Near the climb path: within 20 km, and 3000 ft (about 900 m) above SK1755 when closest.
    const near = rel.filter((x) => x.t >= utc('10:20:00') && x.t <= utc('10:26:00'));
    const closest = near.reduce((m, x) => (x.distM < m.distM ? x : m));
    assert.ok(closest.distM < 20e3, `closest ${closest.distM.toFixed(0)} m`);
    assert.ok(Math.abs(closest.vertM - 914) < 80, `vertical ${closest.vertM.toFixed(0)} m`);
    // South of Sweden, over the sea between Skåne, Rügen and Bornholm.
    const p = il.find((s) => s.timeMs === crossing.t)!;
    assert.ok(p.lat > 54.5 && p.lat < 55.4 && p.lon > 12.8 && p.lon < 14.8, `at ${p.lat}, ${p.lon}`);
  });
});
