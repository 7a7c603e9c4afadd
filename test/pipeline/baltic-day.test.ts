// SPDX-License-Identifier: GPL-3.0-or-later
// The whole pipeline on fifteen minutes of baltic-day at the default parameters: no alert between ordinary civil
// traffic, and every alert has a military, state or dark aircraft that is one in truth (no false 'dark').
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearestTruth, runPipeline } from './helpers.ts';

describe('pipeline on baltic-day', () => {
  const run = runPipeline('baltic-day', 900);

  it('no alert between ordinary civil traffic; every alert has a military, state or dark aircraft that is real', () => {
    for (const a of run.alerts) {
      const ordinary = a.members.every((m) => m.category === 'civil' && m.transponder === 'on');
      assert.ok(!ordinary, `nuisance alert ${a.alertId} between ${a.members.map((m) => m.callsign).join(' and ')}`);
      const odd = a.members.find((m) => m.category !== 'civil' || m.transponder !== 'on')!;
      // the track behind the non-civil member: its position at the alert time, from the same cycle's track event
      const t = run.events.find((e) => e.type === 'track' && e.event.type === 'update' && e.event.track.trackId === odd.trackId && e.event.track.timeMs === a.timeMs);
      assert.ok(t && t.type === 'track' && t.event.type === 'update');
      const { state, distM } = nearestTruth(run, a.timeMs, t.event.track.lat, t.event.track.lon);
      assert.ok(distM < 3_000, `alert ${a.alertId}: no aircraft within 3 km of track ${odd.trackId}`);
      assert.ok(state.category !== 'civil' || state.transponder === 'off', `alert ${a.alertId}: track ${odd.trackId} is civil ${state.callsign} in truth`);
    }
  });
});
