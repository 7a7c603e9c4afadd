// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario files: built-ins validate; bad files fail with messages that name the file, the key and what is
// allowed; generated identities come from the right places.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/core/config.ts';
import { builtinScenarioNames, compileScenario, loadScenario, parseScenario } from '../../src/sim/scenario.ts';
import { loadWorld } from '../../src/sim/world.ts';

const minimal = () => ({
  name: 'test',
  seed: 1,
  start: '2024-01-01T00:00:00Z',
  durationS: 60,
  parties: [{ id: 'se', name: 'Sweden' }],
  flights: [
    {
      id: 'a',
      callsign: 'SAS1',
      country: 'se',
      type: 'A320',
      start: { lat: 55, lon: 13, altFt: 30000, speedKt: 450, trackDeg: 90 },
    },
  ],
});

function errorOf(value: unknown): string {
  try {
    parseScenario(value, 'x.json');
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.message;
  }
  assert.fail('no error');
}

describe('scenario files', () => {
  it('every built-in scenario validates and compiles', () => {
    for (const name of builtinScenarioNames()) {
      const s = loadScenario(name === 'stress-N' ? 'stress-50' : name);
      assert.ok(compileScenario(s).length > 0, name);
    }
    assert.equal(compileScenario(loadScenario('stress-123')).length, 123);
  });

  it('a valid minimal scenario gets its defaults', () => {
    const s = parseScenario(minimal(), 'x.json');
    assert.equal(s.tickMs, 1000);
    assert.equal(s.flights[0].transponder, 'on');
    assert.equal(s.atmosphere.qnhHpa, 1013.25);
  });

  it('errors name the file, the key and what is allowed', () => {
    const bad1 = minimal() as Record<string, unknown>;
    bad1.seed = -1;
    assert.match(errorOf(bad1), /^x\.json: seed: /);

    const bad2 = minimal();
    (bad2.flights[0].start as Record<string, unknown>).altFt = undefined;
    assert.match(errorOf(bad2), /x\.json: flights\[0\]\.start: a start needs airport/);

    const bad3 = minimal() as Record<string, unknown>;
    bad3.traffic = [{ kind: 'bogus' }];
    assert.match(errorOf(bad3), /x\.json: traffic\[0\].*'civil', 'state', 'qra', 'stress'/);

    const bad4 = minimal() as Record<string, unknown>;
    bad4.sensors = [{ id: 'r1', party: 'dk', kind: 'adsb', lat: 55, lon: 13 }];
    assert.match(errorOf(bad4), /x\.json: sensors\[0\]\.party: one of the parties: se/);

    const bad5 = minimal() as Record<string, unknown>;
    bad5.colour = 'red';
    assert.match(errorOf(bad5), /x\.json: \(top level\): unknown key\(s\) 'colour'/);

    const bad6 = minimal();
    bad6.flights[0].type = 'ZZZZ';
    assert.match(errorOf(bad6), /flights\[0\]\.class: type 'ZZZZ' has no known class/);

    const bad7 = minimal();
    (bad7.flights[0] as Record<string, unknown>).events = [{ atS: 5, follow: { target: 'nobody' } }];
    assert.match(errorOf(bad7), /flights\[0\]\.events\[0\]\.follow\.target: the id of a flight/);

    const bad8 = minimal();
    (bad8.flights[0] as Record<string, unknown>).squawk = '7781';
    assert.match(errorOf(bad8), /flights\[0\]\.squawk: a squawk: 4 octal digits/);
  });

  it('an unknown fix or airport is named with its key when the scenario is compiled', () => {
    const s = minimal();
    (s.flights[0] as Record<string, unknown>).route = [{ lat: 55, lon: 14 }, { fix: 'NOWHERE' }];
    assert.throws(() => compileScenario(parseScenario(s, 'x.json')), /flights\[0\]\.route\[1\]: fix 'NOWHERE'/);
  });

  it('files: JSON read and validated; missing files and YAML rejected with the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jointsky-sim-'));
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify(minimal()));
    assert.equal(loadScenario(file).name, 'test');
    writeFileSync(file, '{"name": ');
    assert.throws(() => loadScenario(file), (e: Error) => e instanceof ConfigError && e.message.startsWith(`${file}: not valid JSON`));
    assert.throws(() => loadScenario(join(dir, 'nope.json')), /nope\.json: no such file, and not a built-in scenario/);
    assert.throws(() => loadScenario(join(dir, 's.yaml')), /YAML is not supported/);
  });

  it('generated identities: addresses from the airline country blocks, unique; squawks octal and not special', () => {
    const world = loadWorld();
    const plans = compileScenario(loadScenario('baltic-day'), world);
    const seen = new Set<string>();
    for (const p of plans) {
      assert.match(p.icao, /^[0-9a-f]{6}$/);
      assert.ok(!seen.has(p.icao), `duplicate address ${p.icao}`);
      seen.add(p.icao);
      assert.match(p.squawk, /^[0-7]{4}$/);
      assert.ok(!['7500', '7600', '7700'].includes(p.squawk));
      const block = world.countryOf(parseInt(p.icao, 16));
      assert.ok(block, `${p.icao} in no country block`);
      if (p.callsign.startsWith('FIN')) assert.equal(block.cc, 'fi');
      if (p.callsign.startsWith('BTI')) assert.equal(block.cc, 'lv');
      if (p.callsign.startsWith('LOT')) assert.equal(block.cc, 'pl');
      if (p.category === 'military' && p.typeDesignator === 'EUFI') assert.ok(world.isMilitaryAddress(parseInt(p.icao, 16)));
      if (p.category === 'civil') assert.ok(!world.isMilitaryAddress(parseInt(p.icao, 16)));
    }
    // Some military flights, some of them dark.
    const mil = plans.filter((p) => p.category === 'military');
    assert.ok(mil.length >= 5);
    assert.ok(mil.some((p) => p.transponder === 'off'));
    assert.ok(plans.filter((p) => p.category === 'civil').length > 500);
  });

  it('world data: airports with runways, FIRs with levels, air-policing bases', () => {
    const w = loadWorld();
    assert.equal(w.airport('EKCH').iata, 'CPH');
    assert.ok(w.airport('EYSA').runways.length > 0);
    assert.ok(w.airport('EEEI').runways.length > 0);
    assert.deepEqual(
      w.firsAt(55.15, 13.0, 170).map((f) => f.id),
      ['ESAA'],
    );
    // Vilnius: FIR below FL195, UIR above.
    assert.deepEqual(
      w.firsAt(54.9, 25.0, 100).map((f) => `${f.id} ${f.kind}`),
      ['EYVL FIR'],
    );
    assert.deepEqual(
      w.firsAt(54.9, 25.0, 300).map((f) => `${f.id} ${f.kind}`),
      ['EYVL UIR'],
    );
    assert.equal(w.countryOf(0x4a8123)?.cc, 'se');
    assert.equal(w.aircraftType('A321')?.description, 'L2J');
  });
});
