// SPDX-License-Identifier: GPL-3.0-or-later
// sk681 through the real fusion tracker (fixture: `jointsky track --scenario sk681-2014-03-03`, the two tracks from
// 11:07:00 to 11:09:30): the dark Il-20 is a primary-only track with no altitude, so the class rests on the horizontal
// miss with co-altitude assumed (docs/airprox.md), and the closest point stays at the time the truth gives.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeEvents, fileTrackEvents, parseAnalyzeConfig } from '../../../src/cli/analyze.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/encounters/sk681-fused-tracks.ndjson', import.meta.url));
/** The closest approach in the simulator's truth (test/sim/historical.test.ts geometry; ideal-tracker run). */
const TRUTH_CPA_MS = Date.parse('2014-03-03T11:08:09.65Z');

test('fused sk681: class A on the horizontal miss, co-altitude assumed; D when unknown altitude is undetermined', () => {
  const skipped = { count: 0, first: [] };
  const result = analyzeEvents(fileTrackEvents([FIXTURE], skipped));
  assert.equal(skipped.count, 0);
  assert.equal(result.records.length, 1);
  const { encounter: e, decision } = result.records[0];
  assert.equal(e.members[0].callsign, 'SAS681');
  assert.equal(e.members[1].transponder, 'never');
  assert.equal(e.vertM, undefined, 'a primary-only track has no altitude');
  assert.ok(e.horizM < 152.4, `horizontal miss ${e.horizM} m`);
  assert.ok(Math.abs(e.cpaMs - TRUTH_CPA_MS) < 1000, `${e.cpaMs - TRUTH_CPA_MS} ms from the truth`);
  assert.equal(e.riskClass, 'A');
  assert.equal(decision.params.assumedCoAltitude, 1);
  assert.match(e.riskReason, /assumed co-altitude/);
  assert.equal(e.acasVisible, false);
  assert.ok(e.sensors.includes('se-mil-south'), 'the Swedish military radar saw it');

  const strict = parseAnalyzeConfig({ encounters: { risk: { unknownAltitude: 'undetermined' } } });
  const d = analyzeEvents(fileTrackEvents([FIXTURE], { count: 0, first: [] }), strict).records[0].encounter;
  assert.equal(d.riskClass, 'D');
});
