// SPDX-License-Identifier: GPL-3.0-or-later
// The demo's flight notifications: baltic-day's parties file them in the shared log (signed, each by its own
// party), and matching the flights as flown against them gives what the scenario was written to show (see
// src/sim/scenarios/baltic-day.ts): the northern Il-20 flown as notified although dark, the Il-76 formation
// filed only as far as abeam Gotland and so deviating when it flies on, a patrol that never flies judged a
// no-show, and the unnotified southern Il-20 flagged. Flights are the ideal tracker's (truth as tracks).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TrackEvent } from '../../src/fusion/track.ts';
import { parseAtsMessage } from '../../src/notify/message.ts';
import type { NotificationState } from '../../src/notify/monitor.ts';
import { loadPlaces } from '../../src/notify/places.ts';
import { loggedNotifications } from '../../src/pipeline/notifications.ts';
import { createDemoWorld, fileScenarioNotifications } from '../../src/server/run.ts';
import { coordinatesText, filedPlan } from '../../src/sim/flight-plans.ts';
import { loadScenario } from '../../src/sim/scenario.ts';
import { createSimulation } from '../../src/sim/simulation.ts';
import { TickEventStream, TruthTracker } from '../../src/sim/truth-tracks.ts';
import { loadWorld } from '../../src/sim/world.ts';

describe('the demo: notifications filed by the scenario parties', () => {
  it('writes coordinates to the nearest minute as Doc 4444 item 15 points', () => {
    assert.equal(coordinatesText(55.05, 19.6), '5503N01936E');
    assert.equal(coordinatesText(59.999, 27.9999), '6000N02800E');
    assert.equal(coordinatesText(-33.95, -118.4), '3357S11824W');
  });

  it('files a simulated flight as a valid FPL with its own level, speed, route and formation', () => {
    const scenario = loadScenario('baltic-day');
    const sim = createSimulation(scenario);
    const il76 = sim.flights.find((f) => f.id === 'il76-1');
    assert.ok(il76 && il76.start.kind === 'air');
    const escorts = sim.flights.filter((f) => f.id.startsWith('il76-1-escort'));
    const text = filedPlan(il76, sim.startMs, loadWorld(), { formation: escorts });
    const m = parseAtsMessage(text);
    assert.ok(m.ok, text);
    assert.equal(m.value.item7.aircraftId, il76.callsign);
    assert.equal(m.value.item9?.count, 3);
    assert.equal(m.value.item9?.aircraftType, 'IL76');
    assert.deepEqual(m.value.item18.code, [il76.icao, ...escorts.map((e) => e.icao)]);
    // ZZZZ departure at the spawn minute; the route's first point is its first waypoint
    const off = new Date(sim.startMs + il76.spawnMs);
    assert.equal(m.value.item13.minutes, off.getUTCHours() * 60 + off.getUTCMinutes());
    assert.match(text, new RegExp(`F${Math.round(il76.cruiseAltFt / 100)} DCT ${coordinatesText(il76.route[0].lat, il76.route[0].lon)}`));
    assert.throws(() => filedPlan({ ...il76, callsign: 'RFF12345' }, sim.startMs, loadWorld()), /not an ICAO aircraft identification/);
  });

  it('signs them into the log as their party and matches the flights as the scenario intends', () => {
    const scenario = loadScenario('baltic-day');
    const dir = mkdtempSync(join(tmpdir(), 'jointsky-demo-notify-'));
    try {
      const world = createDemoWorld(scenario, dir);
      const places = loadPlaces();
      fileScenarioNotifications(scenario, world.ledger, places);
      const entries = world.ledger.entries(0, 100).entries.filter((e) => e.kind === 'flight-notification');
      assert.equal(entries.length, scenario.notifications.length);
      assert.ok(entries.every((e) => e.party === 'ru'));
      assert.equal(world.ledger.verify().ok, true, 'every signature checks against the party registered key');

      const logged = loggedNotifications(world.ledger.ledger, places);
      const byCallsign = new Map(logged.notifications.map((n) => [n.callsign, n]));
      assert.deepEqual([...byCallsign.values()].map((n) => n.status), ['pending', 'pending', 'pending']);

      // Fly the run's non-civil aircraft (civil flights need no notification) through the monitor.
      const sim = createSimulation(scenario);
      const nonCivil = new Set(sim.flights.filter((f) => f.category !== 'civil').map((f) => f.id));
      const trackOf = new Map<string, number>();
      const tracker = new TruthTracker();
      const stream = new TickEventStream();
      const monitor = logged.monitor;
      const states = new Map<string, NotificationState>();
      const push = (e: TrackEvent) => {
        monitor.push(e);
        for (const s of monitor.takeChanged()) states.set(s.notificationId, s);
      };
      let t = sim.startMs;
      for (let tick = sim.step(); tick !== undefined; tick = sim.step()) {
        t = sim.nextTimeMs - sim.tickMs;
        const tracks = tick.filter((s) => nonCivil.has(s.id)).map((s) => {
          const tr = tracker.track(s);
          trackOf.set(s.id, tr.trackId);
          return tr;
        });
        for (const e of stream.tick(t, tracks)) push(e);
      }
      for (const e of stream.end(t)) push(e);
      monitor.finish(t);
      for (const s of monitor.takeChanged()) states.set(s.notificationId, s);

      const il20 = sim.flights.find((f) => f.id === 'rff-il20-north')!;
      const il76 = sim.flights.find((f) => f.id === 'il76-1')!;
      const south = sim.flights.find((f) => f.id === 'il20-1')!;
      const stateOf = (callsign: string) => states.get(byCallsign.get(callsign)!.notificationId);
      assert.deepEqual(stateOf(il20.callsign), { notificationId: byCallsign.get(il20.callsign)!.notificationId, status: 'flown', trackIds: [trackOf.get(il20.id)] });
      const formation = ['il76-1', 'il76-1-escort-1', 'il76-1-escort-2'].map((id) => trackOf.get(id)!).sort((a, b) => a - b);
      assert.deepEqual(stateOf(il76.callsign)?.status, 'flown-with-deviation');
      assert.deepEqual(stateOf(il76.callsign)?.trackIds, formation);
      assert.equal(stateOf('RFF7302')?.status, 'no-show');
      assert.deepEqual(stateOf('RFF7302')?.trackIds, []);
      const unnotified = monitor.events.filter((e) => e.type === 'unnotified-flight').map((e) => e.trackId);
      assert.ok(unnotified.includes(trackOf.get(south.id)), 'the southern Il-20 is flagged');
      for (const id of [trackOf.get(il20.id), ...formation]) assert.ok(!unnotified.includes(id), `track ${id} is notified`);
      assert.equal(monitor.events.filter((e) => e.type === 'deviation').length, 3, 'each aircraft of the formation deviates once');
      world.ledger.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
