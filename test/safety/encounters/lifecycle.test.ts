// SPDX-License-Identifier: GPL-3.0-or-later
// Encounter lifecycle on hand-made tracks: a head-on pass closes one encounter after it leaves the volume, with the
// closest point where the straight-line geometry puts it; a member deleted at the closest point closes the
// encounter at once; pairs outside the configured categories are not analysed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Track, TrackEvent } from '../../../src/fusion/track.ts';
import { parseEncounterConfig } from '../../../src/safety/encounters/config.ts';
import { EncounterDetector, type EncounterRecord } from '../../../src/safety/encounters/detector.ts';
import { metresPerRad } from '../../../src/safety/encounters/geometry.ts';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const LAT = 55;
const k = metresPerRad(LAT);
const RAD = Math.PI / 180;

/** A track flying along the east axis at `vE` m/s from `x0` m, `yM` m north of LAT, at altM. */
function at(id: number, tS: number, x0: number, vE: number, yM: number, altM: number, cat: Track['category'] = 'civil'): Track {
  return {
    trackId: id,
    timeMs: T0 + tS * 1000,
    lastUpdateMs: T0 + tS * 1000,
    status: 'confirmed',
    lat: LAT + yM / k.northM / RAD,
    lon: 15 + (x0 + vE * tS) / k.eastM / RAD,
    altM,
    velEastMps: vE,
    velNorthMps: 0,
    vrMps: 0,
    gsMps: Math.abs(vE),
    trackDeg: vE >= 0 ? 90 : 270,
    posCovM2: [0, 0, 0],
    category: cat,
    transponder: 'on',
    sensors: [`s${id}`],
    parties: [],
    updates: tS + 1,
    quality: 1,
  };
}

function run(det: EncounterDetector, events: TrackEvent[]): EncounterRecord[] {
  const out: EncounterRecord[] = [];
  for (const ev of events) out.push(...det.push(ev));
  return out;
}

test('head-on pass: one encounter, CPA at the crossing time (interpolated), closed after it leaves', () => {
  const events: TrackEvent[] = [];
  // 20 km apart closing at 400 m/s with 300 m lateral offset and 100 m vertical: CPA at t = 50 s.
  for (let t = 0; t <= 200; t += 4) {
    events.push({ type: 'update', track: at(1, t, -10_000, 200, 0, 7000) });
    events.push({ type: 'update', track: at(2, t, 10_000, -200, 300, 7100) });
  }
  const det = new EncounterDetector();
  const out = run(det, events);
  assert.equal(out.length, 1, 'closed before the end of the stream');
  const e = out[0].encounter;
  assert.ok(Math.abs(e.cpaMs - (T0 + 50_000)) <= 50, `${e.cpaMs - T0}`);
  assert.ok(Math.abs(e.horizM - 300) < 1, `${e.horizM}`);
  assert.ok(Math.abs(e.vertM! - 100) < 0.01);
  assert.equal(e.geometry, 'head-on');
  assert.ok(Math.abs(e.closureMps - 400) < 0.5);
  assert.equal(e.riskClass, 'B'); // inside FL200–420 ACAS RA protection (1.1 NM, 600 ft)
  assert.deepEqual(e.sensors, ['s1', 's2']);
  assert.equal(det.flush().length, 0);
});

test('a member deleted at the closest point closes the encounter at once', () => {
  const events: TrackEvent[] = [];
  for (let t = 0; t <= 50; t++) {
    events.push({ type: 'update', track: at(1, t, -10_000, 200, 0, 7000) });
    events.push({ type: 'update', track: at(2, t, 10_000, -200, 0, 7000) });
  }
  events.push({ type: 'delete', trackId: 2, timeMs: T0 + 50_000, reason: 'timeout' });
  const out = run(new EncounterDetector(), events);
  assert.equal(out.length, 1);
  assert.equal(out[0].encounter.riskClass, 'A');
  assert.ok(out[0].encounter.slantM < 1);
});

test('pairs outside the configured categories are not analysed', () => {
  const events: TrackEvent[] = [];
  for (let t = 0; t <= 100; t++) {
    events.push({ type: 'update', track: at(1, t, -10_000, 200, 0, 7000, 'military') });
    events.push({ type: 'update', track: at(2, t, 10_000, -200, 0, 7000, 'military') });
  }
  assert.equal(run(new EncounterDetector(), events).length + new EncounterDetector().flush().length, 0);
  const both = new EncounterDetector(parseEncounterConfig({ detection: { pairs: [['military', 'military']] } }));
  assert.equal(run(both, events).length + both.flush().length, 1);
});
