// SPDX-License-Identifier: GPL-3.0-or-later
// BlueSky cross-check: with BlueSky's StateBased model and parameters (5 NM / 1000 ft, 300 s), detection on
// traf3000.json finds exactly the 875 conflict pairs and 118 loss-of-separation pairs that BlueSky found (ref3000.json).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseStcaConfig, resolveRules } from '../../../src/safety/stca/config.ts';
import { type ConflictSet, FLAG_CONFLICT, FLAG_LOS, StcaDetector } from '../../../src/safety/stca/detect.ts';
import { detectExhaustive } from '../../../src/safety/stca/reference.ts';
import { snapshotFromColumns, type TrafficColumns } from '../../../src/safety/stca/snapshot.ts';
import { runCli } from '../../helpers/cli.ts';

const DIR = new URL('../../fixtures/safety/', import.meta.url);
const traffic = JSON.parse(readFileSync(new URL('traf3000.json', DIR), 'utf8')) as TrafficColumns;
const ref = JSON.parse(readFileSync(new URL('ref3000.json', DIR), 'utf8')) as { conf: [number, number][]; los: [number, number][] };
const rules = resolveRules(parseStcaConfig({ lookaheadS: 300, pz: { horizNm: 5, vertFt: 1000 }, allPairs: true }));

function pairs(set: ConflictSet, flag: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < set.count; k++) if (set.flags[k] & flag) out.push(`${set.i[k]},${set.j[k]}`);
  return out.sort();
}

const want = {
  conf: ref.conf.map((p) => `${Math.min(...p)},${Math.max(...p)}`).sort(),
  los: ref.los.map((p) => `${Math.min(...p)},${Math.max(...p)}`).sort(),
};

test('the reference file has the published counts', () => {
  assert.equal(traffic.lat.length, 3000);
  assert.equal(want.conf.length, 875);
  assert.equal(want.los.length, 118);
});

test('grid detector, BlueSky mode: exactly the 875 conflict and 118 LoS pairs of ref3000', () => {
  const set = new StcaDetector(rules, 'bluesky').detect(snapshotFromColumns(traffic));
  assert.deepEqual(pairs(set, FLAG_CONFLICT), want.conf);
  assert.deepEqual(pairs(set, FLAG_LOS), want.los);
});

test('exhaustive reference, BlueSky mode: the same pairs', () => {
  const set = detectExhaustive(snapshotFromColumns(traffic), rules, 'bluesky');
  assert.deepEqual(pairs(set, FLAG_CONFLICT), want.conf);
  assert.deepEqual(pairs(set, FLAG_LOS), want.los);
});

test('jointsky conflicts --model bluesky prints the same pairs', async () => {
  const r = await runCli(['conflicts', new URL('traf3000.json', DIR).pathname, '--model', 'bluesky']);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { lookaheadS: number; conflicts: { a: number; b: number }[]; los: { a: number; b: number }[] };
  assert.equal(out.lookaheadS, 300);
  assert.deepEqual(out.conflicts.map((p) => `${p.a},${p.b}`).sort(), want.conf);
  assert.deepEqual(out.los.map((p) => `${p.a},${p.b}`).sort(), want.los);
});
