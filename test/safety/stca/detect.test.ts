// SPDX-License-Identifier: GPL-3.0-or-later
// The grid detector against the exhaustive O(N²) reference of the same model on seeded random traffic over the
// Baltic (53–66N): dense and sparse, climbers, formations, primary-only tracks, zones and category rules.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Track } from '../../../src/fusion/track.ts';
import { parseStcaConfig, resolveRules, type StcaConfigInput } from '../../../src/safety/stca/config.ts';
import { type ConflictSet, FLAG_CONFLICT, FLAG_LOS, StcaDetector, type StcaModel } from '../../../src/safety/stca/detect.ts';
import { detectExhaustive } from '../../../src/safety/stca/reference.ts';
import { StcaSnapshot, snapshotFromTracks } from '../../../src/safety/stca/snapshot.ts';
import { randomTracks } from './traffic.ts';

function records(set: ConflictSet): string[] {
  const out: string[] = [];
  for (let k = 0; k < set.count; k++) {
    out.push(`${set.i[k]},${set.j[k]},${set.flags[k]},${set.tcpaS[k]},${set.dcpaM[k]},${set.tInS[k]},${set.rpzM[k]},${set.hpzM[k]}`);
  }
  return out;
}

function compare(tracks: Track[], config: StcaConfigInput, model: StcaModel, label: string, detector?: StcaDetector): { conflicts: number; los: number } {
  const rules = resolveRules(parseStcaConfig(config));
  const s = snapshotFromTracks(tracks, {}, new StcaSnapshot());
  const det = detector ?? new StcaDetector(rules, model);
  const got = det.detect(s);
  const want = detectExhaustive(s, rules, model);
  assert.deepEqual(records(got), records(want), label);
  let conflicts = 0;
  let los = 0;
  for (let k = 0; k < want.count; k++) {
    if (want.flags[k] & FLAG_CONFLICT) conflicts++;
    if (want.flags[k] & FLAG_LOS) los++;
  }
  return { conflicts, los };
}

const SCENES = [
  { name: 'sparse', n: 600, spanDeg: 12, noAltShare: 0.03, formationShare: 0.02 },
  { name: 'regional', n: 800, spanDeg: 4, noAltShare: 0.05, formationShare: 0.05 },
  { name: 'dense', n: 700, spanDeg: 1, noAltShare: 0.1, formationShare: 0.1 },
  { name: 'formations', n: 300, spanDeg: 0.6, noAltShare: 0.2, formationShare: 0.6 },
];

test('grid equals the exhaustive reference: every pair alerting, 120 s, 5 NM / 1000 ft', () => {
  let totalConflicts = 0;
  let totalLos = 0;
  for (const scene of SCENES) {
    for (let seed = 1; seed <= 3; seed++) {
      const tracks = randomTracks({ ...scene, seed: seed * 1000 + scene.n });
      const r = compare(tracks, { allPairs: true }, 'stca', `${scene.name} seed ${seed}`);
      totalConflicts += r.conflicts;
      totalLos += r.los;
    }
  }
  // The comparison means something only if the scenes hold conflicts and losses of separation.
  assert.ok(totalConflicts > 200, `conflicts ${totalConflicts}`);
  assert.ok(totalLos > 50, `los ${totalLos}`);
});

test('grid equals the exhaustive reference: default category rules, zones and per-pair volumes', () => {
  const config: StcaConfigInput = {
    lookaheadS: 90,
    zones: [
      // A terminal area with a tighter volume and a wider one, anywhere in 53–66N.
      { name: 'tma', polygon: [[54, 12], [60, 12], [60, 20], [54, 20]], pz: { horizNm: 3, vertFt: 1000 } },
      { name: 'exercise', polygon: [[58, 18], [65, 18], [65, 28], [61, 24]], pz: { horizNm: 8, vertFt: 2000 } },
    ],
    categoryPairs: [
      { pair: ['military', 'civil'], alert: true, pz: { horizNm: 6, vertFt: 1500 } },
      { pair: ['unknown', 'civil'], alert: true },
      { pair: ['state', 'civil'], alert: true },
      { pair: ['military', 'military'], alert: true },
    ],
  };
  let total = 0;
  for (const scene of SCENES) {
    for (let seed = 1; seed <= 2; seed++) {
      total += compare(randomTracks({ ...scene, seed: seed * 77 + scene.n }), config, 'stca', `${scene.name} seed ${seed}`).conflicts;
    }
  }
  assert.ok(total > 50, `conflicts ${total}`);
});

test('grid equals the exhaustive reference when only military/civil pairs (and dark tracks) alert', () => {
  // Civil, state and unknown tracks are then all passive among themselves: only the others search the grid.
  const config: StcaConfigInput = { categoryPairs: [{ pair: ['military', 'civil'], alert: true }] };
  for (const darkAlwaysAlerts of [true, false]) {
    let total = 0;
    for (const scene of SCENES) total += compare(randomTracks({ ...scene, seed: 555 + scene.n }), { ...config, darkAlwaysAlerts }, 'stca', scene.name).conflicts;
    assert.ok(total > 20, `conflicts ${total}`);
  }
});

test('grid equals the exhaustive reference in BlueSky mode (300 s)', () => {
  let total = 0;
  for (const scene of SCENES) {
    // BlueSky needs every altitude.
    const tracks = randomTracks({ ...scene, noAltShare: 0, seed: 4242 + scene.n });
    total += compare(tracks, { lookaheadS: 300, allPairs: true }, 'bluesky', scene.name).conflicts;
  }
  assert.ok(total > 100, `conflicts ${total}`);
});

test('a reused detector gives the same answer as a fresh one, cycle after cycle', () => {
  const rules = resolveRules(parseStcaConfig({ allPairs: true }));
  const det = new StcaDetector(rules);
  for (let seed = 1; seed <= 6; seed++) {
    const scene = SCENES[seed % SCENES.length];
    const tracks = randomTracks({ ...scene, n: 200 + 100 * seed, seed });
    compare(tracks, { allPairs: true }, 'stca', `cycle ${seed}`, det);
  }
});

test("BlueSky mode keeps BlueSky's clamp: a nearly static pair just outside rpz is a conflict, and the grid finds it", () => {
  // Relative speed just under 1 mm/s, closing along the line of sight, 0.2 m outside 5 NM: BlueSky replaces dv2 by
  // 1e-6, which brings the entry into the zone to t ≈ 200 s (inside its 300 s look-ahead). jointsky's own model
  // treats the pair as static, outside the volume.
  const base = randomTracks({ n: 2, seed: 1, spanDeg: 1, noAltShare: 0, formationShare: 0 });
  const dLat = (5 * 1852 + 0.2) / 6371000 / (Math.PI / 180);
  const a: Track = { ...base[0], trackId: 1, lat: 60, lon: 20, altM: 9000, velEastMps: 100, velNorthMps: 0, vrMps: 0 };
  const b: Track = { ...base[1], trackId: 2, lat: 60 + dLat, lon: 20, altM: 9000, velEastMps: 100, velNorthMps: -0.0009995, vrMps: 0 };
  const rulesBs = resolveRules(parseStcaConfig({ lookaheadS: 300, allPairs: true }));
  const s = snapshotFromTracks([a, b]);
  const ref = detectExhaustive(s, rulesBs, 'bluesky');
  assert.equal(ref.count, 1);
  assert.ok(ref.tInS[0] > 150 && ref.tInS[0] < 250, `tIn ${ref.tInS[0]}`);
  assert.equal(new StcaDetector(rulesBs, 'bluesky').detect(s).count, 1);
  assert.equal(new StcaDetector(rulesBs, 'stca').detect(s).count, 0);
});

test('the grid prunes: on sparse traffic it tests a small fraction of all pairs', () => {
  const tracks = randomTracks({ n: 2000, seed: 9, spanDeg: 12, noAltShare: 0.03 });
  const det = new StcaDetector(resolveRules(parseStcaConfig({ allPairs: true })));
  det.detect(snapshotFromTracks(tracks));
  assert.ok(det.candidates < (2000 * 1999) / 2 / 100, `candidates ${det.candidates}`);
});
