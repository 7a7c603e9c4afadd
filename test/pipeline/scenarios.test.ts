// SPDX-License-Identifier: GPL-3.0-or-later
// The whole pipeline on the historical scenarios, judged against the simulator's truth: each sensor's real wire
// bytes, the decoders, fusion, the STCA, encounter analysis and compliance, at the default parameters.
//   sk681-2014-03-03: an alert early enough to act on (over a minute before the closest approach), class A;
//   sk1755-2014-12-12: an alert and a class B or C encounter;
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sphericalDistanceM } from '../../src/core/geo.ts';
import { runPipeline } from './helpers.ts';

describe('pipeline on sk681-2014-03-03', () => {
  const run = runPipeline('sk681-2014-03-03', 900);

  it('raises an alert SAS681 against the dark Il-20 over a minute before the closest approach, and classifies the encounter A', () => {
    const enc = run.encounters.find((e) => e.members.some((m) => m.callsign === 'SAS681') && e.darkTrackIds.length > 0);
    assert.ok(enc, 'an encounter of SAS681 with a dark aircraft');
    assert.equal(enc.riskClass, 'A', enc.riskReason);
    assert.ok(enc.horizM < 300, `horizontal miss ${enc.horizM} m`);
    const alert = run.alerts.find((a) => a.members.some((m) => m.callsign === 'SAS681') && a.members.some((m) => m.transponder !== 'on'));
    assert.ok(alert, 'an alert for SAS681 and a dark track');
    const leadS = (enc.cpaMs - alert.startMs) / 1000;
    assert.ok(leadS >= 60, `alert ${leadS.toFixed(0)} s before the closest approach`);
    // the dark member is the Il-20 (in truth), and both alert and encounter name the same track
    const dark = alert.members.find((m) => m.transponder !== 'on')!;
    assert.ok(enc.darkTrackIds.includes(dark.trackId));
    const il20 = run.truth.get(Math.floor(enc.cpaMs / 1000) * 1000)!.find((s) => s.id === 'il20')!;
    assert.ok(sphericalDistanceM(il20.lat, il20.lon, enc.cpaLat, enc.cpaLon) < 500);
  });
});

describe('pipeline on sk1755-2014-12-12', () => {
  const run = runPipeline('sk1755-2014-12-12', 1500);

  it('raises an alert for SAS1755 and the dark Il-20, and classifies the encounter B or C', () => {
    const alert = run.alerts.find((a) => a.members.some((m) => m.callsign === 'SAS1755') && a.members.some((m) => m.transponder !== 'on'));
    assert.ok(alert, 'an alert for SAS1755 and a dark track');
    const enc = run.encounters.find((e) => e.members.some((m) => m.callsign === 'SAS1755') && e.darkTrackIds.length > 0);
    assert.ok(enc, 'an encounter of SAS1755 with a dark aircraft');
    assert.ok(enc.riskClass === 'B' || enc.riskClass === 'C', `class ${enc.riskClass}: ${enc.riskReason}`);
    assert.ok(enc.cpaMs > alert.startMs, 'the alert came before the closest approach');
  });
});
