// SPDX-License-Identifier: GPL-3.0-or-later
// The simulator's military flights against notifications written from the scenarios' own route definitions:
// every unnotified military, state or unidentified flight is flagged, a notified one that flies as notified
// never is, and deliberately wrong notifications (a route that turns away, a level block that is not flown)
// are caught as deviations. The reference is the scenario's ground truth (who is military, who was notified).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComplianceEvent } from '../../src/safety/types.ts';
import { intercept } from '../../src/sim/scenarios/intercept.ts';
import { sk681 } from '../../src/sim/scenarios/sk681-2014-03-03.ts';
import { sk1755 } from '../../src/sim/scenarios/sk1755-2014-12-12.ts';
import type { ScenarioInput } from '../../src/sim/scenario.ts';
import { entriesFrom, runScenario, type ScenarioRun } from './helpers.ts';

const HOUR = 3_600_000;

/** Truth ids of the non-civil aircraft, not notified, airborne over the region for a minute or more. */
function mustBeFlagged(run: ScenarioRun, notifiedCallsigns: string[]): string[] {
  return [...run.aircraft.entries()]
    .filter(([, a]) => a.category !== 'civil' && !notifiedCallsigns.includes(a.callsign) && a.airborneS >= 61)
    .map(([id]) => id)
    .sort();
}

const truthIds = (run: ScenarioRun, events: ComplianceEvent[]) => events.map((e) => run.truthOf.get(e.trackId!)!).sort();
const ofType = (run: ScenarioRun, type: ComplianceEvent['type']) => run.monitor.events.filter((e) => e.type === type);
const startMs = (s: ScenarioInput) => Date.parse(s.start);

describe('notifications in the intercept scenario (dark Il-20, QRA pair from Šiauliai)', () => {
  const notified = runScenario(intercept, entriesFrom(['intercept-rff7315.fpl'], 'ru', startMs(intercept) - HOUR));

  it('flags exactly the unnotified military flights (the QRA pair), each once', () => {
    const flagged = truthIds(notified, ofType(notified, 'unnotified-flight'));
    assert.deepEqual(flagged, mustBeFlagged(notified, ['RFF7315']));
    assert.deepEqual(flagged, ['plf1', 'plf2']);
  });

  it('never flags the notified Il-20, though it is dark and matched only by space and time', () => {
    const il20 = [...notified.truthOf.entries()].find(([, id]) => id === 'unknown-1')![0];
    assert.deepEqual(
      notified.monitor.events.filter((e) => e.trackId === il20),
      [],
    );
    assert.deepEqual(ofType(notified, 'deviation'), []);
    assert.deepEqual(ofType(notified, 'no-show'), []);
  });

  it('gives ru one notified flight flown as notified; the unattributed QRA pair unnotified', () => {
    const stats = notified.monitor.stats();
    const ru = stats.find((p) => p.party === 'ru')!;
    assert.equal(ru.notifications, 1);
    assert.equal(ru.notifiedFlights, 1);
    assert.equal(ru.flownAsNotified, 1);
    assert.equal(ru.shareNotified, 1);
    assert.equal(ru.shareFlownAsNotified, 1);
    assert.equal(stats.find((p) => p.party === 'unattributed')!.unnotifiedFlights, 2);
  });

  it('catches a notified route that the flight does not fly (deviation, not unnotified)', () => {
    const run = runScenario(intercept, entriesFrom(['intercept-rff7315-deviating.fpl'], 'ru', startMs(intercept) - HOUR));
    const dev = ofType(run, 'deviation');
    assert.deepEqual(truthIds(run, dev), ['unknown-1']);
    assert.equal(dev[0].notificationId, 'RFF7315-ZZZZ-ZZZZ-240312');
    assert.equal(dev[0].party, 'ru');
    assert.match(dev[0].detail!, /off the route/);
    // It turns away at 57.5 N; the deviation is raised after it, within the persistence time plus a few minutes.
    assert.ok(dev[0].lat! > 57.5 && dev[0].lat! < 58.3, `deviation at ${dev[0].lat}`);
    assert.deepEqual(truthIds(run, ofType(run, 'unnotified-flight')), ['plf1', 'plf2']);
    const ru = run.monitor.stats().find((p) => p.party === 'ru')!;
    assert.equal(ru.notifiedFlights, 1);
    assert.equal(ru.flownAsNotified, 0);
    assert.equal(ru.shareFlownAsNotified, 0);
  });
});

describe('notifications in the historical scenarios', () => {
  it('sk681: the dark Il-20 is flagged when not notified, and no civil flight is', () => {
    const run = runScenario(sk681, []);
    assert.deepEqual(truthIds(run, run.monitor.events), ['il20']);
    assert.equal(run.monitor.events[0].type, 'unnotified-flight');
    assert.deepEqual(mustBeFlagged(run, []), ['il20']);
  });

  it('sk681: the Il-20 notified as it flies raises nothing', () => {
    const run = runScenario(sk681, entriesFrom(['sk681-rff0303.fpl'], 'ru', startMs(sk681) - HOUR));
    assert.deepEqual(run.monitor.events, []);
    assert.equal(run.monitor.stats().find((p) => p.party === 'ru')!.flownAsNotified, 1);
  });

  it('sk681 with the Il-20 transponder on: a notified level block it does not fly is a deviation', () => {
    const visible: ScenarioInput = { ...sk681, flights: sk681.flights!.map((f) => (f.id === 'il20' ? { ...f, transponder: 'on' as const } : f)) };
    const run = runScenario(visible, entriesFrom(['sk681-rff0303-wrong-level.fpl'], 'ru', startMs(sk681) - HOUR));
    const dev = ofType(run, 'deviation');
    assert.deepEqual(truthIds(run, dev), ['il20']);
    assert.equal(dev[0].callsign, 'RFF0303');
    assert.match(dev[0].detail!, /outside the level block/);
    assert.deepEqual(ofType(run, 'unnotified-flight'), []);
    // The same aircraft with the right notification: nothing.
    const right = runScenario(visible, entriesFrom(['sk681-rff0303.fpl'], 'ru', startMs(sk681) - HOUR));
    assert.deepEqual(right.monitor.events, []);
  });

  it('sk1755: the dark Il-20 is flagged, once', () => {
    const run = runScenario(sk1755, []);
    assert.deepEqual(truthIds(run, ofType(run, 'unnotified-flight')), mustBeFlagged(run, []));
    assert.deepEqual(truthIds(run, run.monitor.events), ['il20']);
  });
});
