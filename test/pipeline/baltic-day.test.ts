// SPDX-License-Identifier: GPL-3.0-or-later
// The whole pipeline on fifteen minutes of baltic-day at the default parameters: no alert between ordinary civil
// traffic, and every alert has a military, state or dark aircraft that is one in truth (no false 'dark'). The
// scenario's notifications (src/sim/scenarios/baltic-day.ts) are matched by the fused tracks: the dark northern
// Il-20, notified by Russia, is flown as notified by its own track, which is never flagged.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BookEntry } from '../../src/notify/book.ts';
import { parseAtsMessage } from '../../src/notify/message.ts';
import { NotificationMonitor, type NotificationState } from '../../src/notify/monitor.ts';
import { loadPlaces } from '../../src/notify/places.ts';
import { scenarioNotifications } from '../../src/sim/flight-plans.ts';
import { loadScenario } from '../../src/sim/scenario.ts';
import { createSimulation } from '../../src/sim/simulation.ts';
import { loadWorld } from '../../src/sim/world.ts';
import { nearestTruth, runPipeline } from './helpers.ts';

/** baltic-day's notifications as log entries, the way the demo files them. */
function notificationEntries(): BookEntry[] {
  const scenario = loadScenario('baltic-day');
  return scenarioNotifications(scenario, createSimulation(scenario).flights, loadWorld()).map((n, index) => {
    const m = parseAtsMessage(n.message);
    if (!m.ok) throw new Error(n.message);
    return { index, party: n.party, timeMs: n.timeMs, message: m.value };
  });
}

describe('pipeline on baltic-day', () => {
  const notifications = new NotificationMonitor(notificationEntries(), loadPlaces());
  const run = runPipeline('baltic-day', 900, { notifications });

  it('matches the dark northern Il-20 to its notification by its own track, and flags no notified flight', () => {
    const states = new Map<string, NotificationState>();
    for (const e of run.events) if (e.type === 'notification-state') states.set(e.state.notificationId, e.state);
    const il20 = states.get('RFF9021-ZZZZ-ZZZZ-240604');
    assert.equal(il20?.status, 'flown');
    assert.equal(il20.trackIds.length, 1, JSON.stringify(il20));
    // That track is the Il-20 in truth (dark: no identity to go by, only where and when it flies).
    const last = [...run.events].reverse().find((e) => e.type === 'track' && e.event.type === 'update' && e.event.track.trackId === il20.trackIds[0]);
    assert.ok(last && last.type === 'track' && last.event.type === 'update');
    const { state, distM } = nearestTruth(run, last.event.track.timeMs, last.event.track.lat, last.event.track.lon);
    assert.equal(state.id, 'rff-il20-north');
    assert.ok(distM < 3_000, `${distM} m`);
    const flagged = notifications.events.filter((e) => e.type === 'unnotified-flight').map((e) => e.trackId);
    assert.ok(!flagged.includes(il20.trackIds[0]));
  });

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
