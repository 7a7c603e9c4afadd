// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky conflicts` on track lists and bad input; configuration errors that name the key. (The BlueSky
// cross-check through the CLI is in bluesky.test.ts.)

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../../src/core/config.ts';
import { parseStcaConfig, resolveRules } from '../../../src/safety/stca/config.ts';
import { FLAG_CONFLICT, FLAG_LOS } from '../../../src/safety/stca/detect.ts';
import { detectExhaustive } from '../../../src/safety/stca/reference.ts';
import { snapshotFromTracks } from '../../../src/safety/stca/snapshot.ts';
import { runCli } from '../../helpers/cli.ts';
import { randomTracks } from './traffic.ts';

const dir = mkdtempSync(join(tmpdir(), 'stca-cli-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('a track list ({tracks} or a bare array) gives the exhaustive reference pairs, by track id', async () => {
  const tracks = randomTracks({ n: 300, seed: 8, spanDeg: 1.5, noAltShare: 0.1, formationShare: 0.1 });
  // Track ids not in index order, to check that ids (not indices) come out.
  tracks.forEach((t, k) => {
    t.trackId = 10_000 - 7 * k;
  });
  const rules = resolveRules(parseStcaConfig({ lookaheadS: 90, pz: { horizNm: 3, vertFt: 1000 }, allPairs: true }));
  const s = snapshotFromTracks(tracks);
  const ref = detectExhaustive(s, rules, 'stca');
  const want = { conf: [] as string[], los: [] as string[] };
  for (let k = 0; k < ref.count; k++) {
    const a = Math.min(s.trackId[ref.i[k]], s.trackId[ref.j[k]]);
    const b = Math.max(s.trackId[ref.i[k]], s.trackId[ref.j[k]]);
    if (ref.flags[k] & FLAG_CONFLICT) want.conf.push(`${a},${b}`);
    if (ref.flags[k] & FLAG_LOS) want.los.push(`${a},${b}`);
  }
  assert.ok(want.conf.length > 10 && want.los.length > 2, `${want.conf.length} / ${want.los.length}`);
  for (const body of [JSON.stringify({ tracks }), JSON.stringify(tracks)]) {
    const r = await runCli(['conflicts', file('tracks.json', body), '--lookahead', '90', '--pz', '3,1000']);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as { model: string; aircraft: number; conflicts: { a: number; b: number; tcpaS: number | null }[]; los: { a: number; b: number }[] };
    assert.equal(out.model, 'stca');
    assert.equal(out.aircraft, 300);
    assert.deepEqual(out.conflicts.map((p) => `${p.a},${p.b}`).sort(), want.conf.sort());
    assert.deepEqual(out.los.map((p) => `${p.a},${p.b}`).sort(), want.los.sort());
    for (const p of out.conflicts) assert.ok(p.a < p.b);
  }
});

test('standard input, and the same input gives byte-identical output', async () => {
  const tracks = randomTracks({ n: 100, seed: 3, spanDeg: 1 });
  const a = await runCli(['conflicts', '-'], JSON.stringify(tracks));
  const b = await runCli(['conflicts', '-'], JSON.stringify(tracks));
  assert.equal(a.code, 0, a.err);
  assert.equal(a.out, b.out);
});

test('usage errors exit 2 with one line; bad files exit 1 naming the problem', async () => {
  const good = file('ok.json', JSON.stringify({ lat: [55], lon: [15], trk: [0], gs: [200], alt: [9000], vs: [0] }));
  const usage: string[][] = [
    ['conflicts'],
    ['conflicts', good, good],
    ['conflicts', good, '--model', 'acas'],
    ['conflicts', good, '--lookahead', '-5'],
    ['conflicts', good, '--lookahead', 'abc'],
    ['conflicts', good, '--pz', '5'],
    ['conflicts', good, '--pz', '5,-1000'],
    ['conflicts', good, '--bogus'],
  ];
  for (const args of usage) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
  const bad: [string, RegExp][] = [
    [file('broken.json', '{"lat": [1,'), /not valid JSON/],
    [file('short.json', JSON.stringify({ lat: [55, 56], lon: [15], trk: [0], gs: [200], alt: [9000], vs: [0] })), /column 'lon' has 1 values/],
    [file('nan.json', JSON.stringify({ lat: [55], lon: ['x'], trk: [0], gs: [200], alt: [9000], vs: [0] })), /lon\[0\] is not a finite number/],
    [file('track.json', JSON.stringify({ tracks: [{ trackId: 1, lat: 55, lon: 15, velEastMps: 1 }] })), /tracks\[0\]\.velNorthMps/],
    [file('dup.json', JSON.stringify([{ trackId: 1, lat: 55, lon: 15, velEastMps: 1, velNorthMps: 0 }, { trackId: 1, lat: 55, lon: 15, velEastMps: 1, velNorthMps: 0 }])), /appears twice/],
    [file('other.json', '"hello"'), /expected columns/],
    [join(dir, 'missing.json'), /cannot read/],
  ];
  for (const [path, message] of bad) {
    const r = await runCli(['conflicts', path]);
    assert.equal(r.code, 1, path);
    assert.match(r.err, message);
  }
  const help = await runCli(['conflicts', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--model/);
});

test('configuration errors name the key and what is allowed', () => {
  assert.throws(() => parseStcaConfig({ lookaheadS: -1 }, 'stca.json'), (e: unknown) => e instanceof ConfigError && /stca\.json: lookaheadS/.test(e.message));
  assert.throws(() => parseStcaConfig({ confirm: { m: 4, n: 3 } }, 'stca.json'), /confirm: m must not exceed n/);
  assert.throws(() => parseStcaConfig({ zones: [{ name: 'x', polygon: [[54, 12], [55, 12]], pz: { horizNm: 3, vertFt: 1000 } }] }, 'f'), /zones\[0\]\.polygon/);
  assert.throws(() => parseStcaConfig({ categoryPairs: [{ pair: ['civil', 'alien'], alert: true }] }, 'f'), /categoryPairs\[0\]\.pair\[1\]/);
  assert.throws(() => parseStcaConfig({ lookahead: 120 }, 'f'), /unknown key\(s\) 'lookahead'/);
  const c = parseStcaConfig({});
  assert.equal(c.lookaheadS, 120);
  assert.deepEqual(c.pz, { horizNm: 5, vertFt: 1000 });
  assert.deepEqual(c.confirm, { m: 2, n: 3 });
  assert.equal(c.endAfterCycles, 10);
  assert.deepEqual(c.darkPz, { horizNm: 8, vertFt: 2000 });
});

test('zones: an aircraft inside a zone takes its volume, the pair the larger of its two', () => {
  const rules = resolveRules(
    parseStcaConfig({ allPairs: true, zones: [{ name: 'tma', polygon: [[55, 12], [56, 12], [56, 14], [55, 14]], pz: { horizNm: 2, vertFt: 1000 } }] }),
  );
  // Two aircraft 3 NM apart, level, both in the zone: no loss (2 NM); one outside: 5 NM applies, a loss.
  const dLat = (3 * 1852) / 6371000 / (Math.PI / 180);
  const mk = (lat: number, lon: number, id: number) => ({ ...randomTracks({ n: 1, seed: id, spanDeg: 1 })[0], trackId: id, lat, lon, altM: 9000, velEastMps: 0, velNorthMps: 0, vrMps: 0, transponder: 'on' as const });
  const inside = snapshotFromTracks([mk(55.5, 13, 1), mk(55.5 + dLat, 13, 2)]);
  assert.equal(detectExhaustive(inside, rules).count, 0);
  const across = snapshotFromTracks([mk(55.99, 13, 1), mk(55.99 + dLat, 13, 2)]);
  const r = detectExhaustive(across, rules);
  assert.equal(r.count, 1);
  assert.equal(r.rpzM[0], 5 * 1852);
});
