// SPDX-License-Identifier: GPL-3.0-or-later
// Transponder compliance on baltic-day through the ideal tracker, against the scenario's own definition: the
// Il-76's switch-off and switch-on times in its compiled flight plan (applied at the first tick at or after
// them), the dark flights' spawn times, their countries' ICAO address blocks (Annex 10 Vol III), and flight
// time counted from the ticks.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransponderMonitor } from '../../../src/safety/transponder/monitor.ts';
import { PartyResolver } from '../../../src/safety/transponder/parties.ts';
import type { ComplianceEvent } from '../../../src/safety/types.ts';
import { loadScenario } from '../../../src/sim/scenario.ts';
import { createSimulation } from '../../../src/sim/simulation.ts';
import { idealTrackEvents } from '../../../src/sim/truth-tracks.ts';

describe('baltic-day', () => {
  const scenario = loadScenario('baltic-day');
  const sim = createSimulation(scenario);
  const tickMs = sim.tickMs;
  const firstTick = (elapsedMs: number) => sim.startMs + Math.ceil(elapsedMs / tickMs) * tickMs;
  const il76 = sim.flights.find((f) => f.id === 'il76-1')!;
  const switches = il76.events.filter((e) => e.action.kind === 'transponder');
  const dark = sim.flights.filter((f) => f.transponder === 'off');

  const monitor = new TransponderMonitor();
  const events: ComplianceEvent[] = [];
  for (const ev of idealTrackEvents('baltic-day')) events.push(...monitor.push(ev));
  const stats = monitor.stats();

  it('the Il-76 switches off and on at its flight plan times, attributed to Russia by its address', () => {
    assert.equal(switches.length, 2);
    const off = events.filter((e) => e.type === 'transponder-off');
    const on = events.filter((e) => e.type === 'transponder-on');
    assert.equal(off.length, 1);
    assert.equal(on.length, 1);
    assert.equal(off[0].timeMs, firstTick(switches[0].atMs));
    assert.equal(on[0].timeMs, firstTick(switches[1].atMs));
    assert.equal(off[0].icao, il76.icao);
    assert.equal(off[0].callsign, il76.callsign);
    assert.equal(off[0].party, 'ru');
    assert.equal(on[0].trackId, off[0].trackId);
  });

  it('one dark-appeared per flight dark from its start, at its first tick, unattributed', () => {
    const appeared = events.filter((e) => e.type === 'dark-appeared');
    assert.equal(appeared.length, dark.length);
    assert.deepEqual(appeared.map((e) => e.timeMs).sort((a, b) => a - b), dark.map((f) => firstTick(f.spawnMs)).sort((a, b) => a - b));
    for (const e of appeared) {
      assert.equal(e.party, undefined);
      assert.equal(e.icao, undefined);
    }
  });

  it('per flight: the Il-76 is on exactly from its first tick to the switch-off, then dark until the switch-on', () => {
    const f = stats.flights.find((x) => x.icao === il76.icao)!;
    const firstMs = firstTick(il76.spawnMs);
    assert.equal(f.firstMs, firstMs);
    const offMs = firstTick(switches[0].atMs);
    const onMs = firstTick(switches[1].atMs);
    assert.equal(f.darkS, (onMs - offMs) / 1000);
    assert.equal(f.onS, (offMs - firstMs + (f.lastMs - onMs)) / 1000);
    assert.equal(f.flightS, (f.lastMs - firstMs) / 1000);
    assert.equal(f.party, 'ru');
  });

  it('per party: dark-from-start flights are unattributed with no time on; civil parties are fully on', () => {
    const u = stats.parties.find((p) => p.party === 'unattributed')!;
    assert.equal(u.flights, dark.length);
    assert.equal(u.shareOn, 0);
    assert.equal(u.darkFlights, dark.length);
    const ru = stats.parties.find((p) => p.party === 'ru')!;
    assert.ok(ru.shareOn < 1 && ru.darkHours > 0.47 && ru.darkHours < 0.48, `ru dark ${ru.darkHours} h (1701 s expected)`);
    for (const p of stats.parties) if (p.party !== 'unattributed' && p.party !== 'ru') assert.equal(p.shareOn, 1, p.party);
  });
});

describe('party attribution by ICAO address block', () => {
  const r = new PartyResolver({ se: 'swe-af' });
  it('country blocks of Annex 10 Vol III (first match wins) and the country → party map', () => {
    assert.equal(r.countryOf('458000'), 'dk');
    assert.equal(r.countryOf('45ffff'), 'dk');
    assert.equal(r.countryOf('100000'), 'ru');
    assert.equal(r.countryOf('1fffff'), 'ru');
    assert.equal(r.partyOf('4a8123'), 'swe-af');
    assert.equal(r.partyOf('3c6543'), 'de');
    assert.equal(r.partyOf(undefined), 'unattributed');
    assert.equal(r.partyOf('zzzzzz'), 'unattributed');
  });
});
