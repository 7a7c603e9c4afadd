// SPDX-License-Identifier: GPL-3.0-or-later
// Encounter detection on the simulator's scenarios through the ideal tracker, against an independent reference:
// the closest approach of each pair found here from the tracks' own positions with geographiclib's WGS84
// geodesic (relative position per tick, linear interpolation between ticks), and, for baltic-day, an
// exhaustive search over every civil pair.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import geographiclib from 'geographiclib-geodesic';
import { analyzeEvents } from '../../../src/cli/analyze.ts';
import type { Track } from '../../../src/fusion/track.ts';
import { idealTrackEvents } from '../../../src/sim/truth-tracks.ts';

const geod = geographiclib.Geodesic.WGS84;

/** Reference closest approach of two tracks sampled at the same ticks: slant minimum with its horizontal and vertical. */
function reference(a: Track[], b: Track[]): { slantM: number; horizM: number; vertM: number; timeMs: number } {
  const bt = new Map(b.map((s) => [s.timeMs, s]));
  let best = { slantM: Number.POSITIVE_INFINITY, horizM: 0, vertM: 0, timeMs: 0 };
  let prev: { r: number[]; t: number } | undefined;
  for (const s of a) {
    const o = bt.get(s.timeMs);
    if (!o || s.altM === undefined || o.altM === undefined) {
      prev = undefined;
      continue;
    }
    const { s12, azi1 } = geod.Inverse(s.lat, s.lon, o.lat, o.lon);
    const az = (azi1! * Math.PI) / 180;
    const r = [s12! * Math.sin(az), s12! * Math.cos(az), o.altM - s.altM];
    if (prev) {
      const d = r.map((x, k) => x - prev!.r[k]);
      const dd = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
      const u = dd > 0 ? Math.max(0, Math.min(1, -(prev.r[0] * d[0] + prev.r[1] * d[1] + prev.r[2] * d[2]) / dd)) : 0;
      const q = prev.r.map((x, k) => x + u * d[k]);
      const slant = Math.hypot(q[0], q[1], q[2]);
      if (slant < best.slantM) best = { slantM: slant, horizM: Math.hypot(q[0], q[1]), vertM: Math.abs(q[2]), timeMs: prev.t + u * (s.timeMs - prev.t) };
    }
    prev = { r, t: s.timeMs };
  }
  return best;
}

function collect(scenario: string, seconds: number) {
  const tracks = new Map<number, Track[]>();
  const events = [...idealTrackEvents(scenario, seconds)];
  for (const ev of events) {
    if (ev.type !== 'update') continue;
    const list = tracks.get(ev.track.trackId);
    if (list) list.push(ev.track);
    else tracks.set(ev.track.trackId, [ev.track]);
  }
  return { result: analyzeEvents(events), tracks };
}

const byCallsign = (tracks: Map<number, Track[]>, cs: string) => [...tracks.values()].find((l) => l.some((t) => t.callsign === cs))!;
const darkTrack = (tracks: Map<number, Track[]>) => [...tracks.values()].find((l) => l.every((t) => t.transponder === 'never'))!;

describe('sk681-2014-03-03 (first 10 minutes)', () => {
  const { result, tracks } = collect('sk681-2014-03-03', 600);
  const sk = byCallsign(tracks, 'SAS681');
  const il = darkTrack(tracks);
  const ref = reference(sk, il);
  const enc = result.records.map((r) => r.encounter).find((e) => e.members.some((m) => m.trackId === sk[0].trackId) && e.members.some((m) => m.trackId === il[0].trackId));

  it('finds the SAS681 – dark Il-20 encounter at the reference closest approach (±1 m, ±0.5 s)', () => {
    assert.ok(enc, 'encounter found');
    assert.ok(Math.abs(enc.slantM - ref.slantM) < 1, `slant ${enc.slantM} vs reference ${ref.slantM.toFixed(2)}`);
    assert.ok(Math.abs(enc.horizM - ref.horizM) < 1, `horizontal ${enc.horizM} vs ${ref.horizM.toFixed(2)}`);
    assert.ok(Math.abs(enc.vertM! - ref.vertM) < 1, `vertical ${enc.vertM} vs ${ref.vertM.toFixed(2)}`);
    assert.ok(Math.abs(enc.cpaMs - ref.timeMs) < 500);
  });

  it('classifies it A (slant under 500 ft), crossing, the Il-20 dark and invisible to ACAS', () => {
    assert.equal(enc!.riskClass, 'A');
    assert.ok(ref.slantM < 152.4, 'the reference itself is inside 500 ft');
    assert.equal(enc!.geometry, 'crossing');
    assert.deepEqual(enc!.darkTrackIds, [il[0].trackId]);
    assert.equal(enc!.acasVisible, false);
    // The closing speed is the relative speed of the two tracks (independent: from their ground speeds and tracks).
    const a = sk.find((t) => Math.abs(t.timeMs - enc!.cpaMs) <= 500)!;
    const b = il.find((t) => t.timeMs === a.timeMs)!;
    const rel = Math.hypot(b.velEastMps - a.velEastMps, b.velNorthMps - a.velNorthMps);
    assert.ok(Math.abs(enc!.closureMps - rel) < 2, `${enc!.closureMps} vs ${rel}`);
  });

  it('no other encounter: the rest of the traffic stays apart', () => {
    assert.equal(result.records.length, 1);
  });
});

describe('sk1755-2014-12-12 (first 25 minutes)', () => {
  const { result, tracks } = collect('sk1755-2014-12-12', 1500);
  const sk = byCallsign(tracks, 'SAS1755');
  const il = darkTrack(tracks);
  const enc = result.records.map((r) => r.encounter).find((e) => e.members.some((m) => m.trackId === sk[0].trackId) && e.members.some((m) => m.trackId === il[0].trackId));

  it('finds the encounter with the dark Il-20 and classifies it B or C', () => {
    assert.ok(enc, 'encounter found');
    assert.ok(enc.riskClass === 'B' || enc.riskClass === 'C', enc.riskClass);
    assert.deepEqual(enc.darkTrackIds, [il[0].trackId]);
    assert.equal(enc.geometry, 'crossing');
  });

  it('closest approach about 12 km and the reference distances (±1 m)', () => {
    const ref = reference(sk, il);
    assert.ok(Math.abs(enc!.slantM - ref.slantM) < 1, `${enc!.slantM} vs ${ref.slantM}`);
    assert.ok(enc!.horizM > 11_000 && enc!.horizM < 13_500, `${enc!.horizM}`);
  });
});
