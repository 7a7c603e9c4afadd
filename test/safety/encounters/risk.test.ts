// SPDX-License-Identifier: GPL-3.0-or-later
// The risk rules of docs/airprox.md, case by case at and around each documented limit (hand-computed from the
// published figures: 500 ft NMAC proximity, ACAS II RA DMOD/ALIM per sensitivity level, 12.5 s see-and-avoid,
// 5 NM / 1000 ft minima), and configuration errors that name the key.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEncounterConfig } from '../../../src/safety/encounters/config.ts';
import { classifyRisk, type RiskInput } from '../../../src/safety/encounters/risk.ts';

const cfg = parseEncounterConfig();
const FT = 0.3048;
const NM = 1852;
const base: RiskInput = { horizM: 0, vertM: 0, slantM: 0, closureMps: 200, altM: 7000, acasVisible: true, dark: false, dataGapS: 1 };
const at = (x: Partial<RiskInput>) => {
  const v = { ...base, ...x };
  v.slantM = v.vertM === undefined ? v.horizM : Math.hypot(v.horizM, v.vertM);
  return classifyRisk(v, cfg);
};

test('A below 500 ft slant, not at 500 ft', () => {
  assert.equal(at({ horizM: 100, vertM: 100 }).riskClass, 'A'); // 141 m
  assert.equal(at({ horizM: 152.3, vertM: 0 }).rule, 'collision-proximity');
  assert.notEqual(at({ horizM: 152.5, vertM: 0 }).riskClass, 'A');
});

test('B inside the ACAS II RA DMOD/ALIM of the altitude band (FL200–420: 1.1 NM, 600 ft; FL100–200: 0.8 NM, 400 ft)', () => {
  assert.equal(at({ horizM: 1.09 * NM, vertM: 590 * FT, altM: 30000 * FT }).rule, 'acas-protection');
  assert.equal(at({ horizM: 1.11 * NM, vertM: 100 * FT, altM: 30000 * FT }).rule, 'separation-lost');
  assert.equal(at({ horizM: 0.9 * NM, vertM: 100 * FT, altM: 15000 * FT }).rule, 'separation-lost');
  assert.equal(at({ horizM: 0.7 * NM, vertM: 390 * FT, altM: 15000 * FT }).rule, 'acas-protection');
  assert.equal(at({ horizM: 0.7 * NM, vertM: 410 * FT, altM: 15000 * FT }).rule, 'separation-lost');
});

test('B when ACAS is blind and the miss is under 12.5 s at the closing speed within 1000 ft', () => {
  // 2 NM at 300 m/s is 12.3 s; at 250 m/s it is 14.8 s.
  assert.equal(at({ horizM: 2 * NM, vertM: 900 * FT, closureMps: 300, acasVisible: false, dark: true }).rule, 'blind-see-and-avoid');
  assert.equal(at({ horizM: 2 * NM, vertM: 900 * FT, closureMps: 250, acasVisible: false, dark: true }).rule, 'separation-lost');
  // With ACAS able to see, the same miss is a loss of separation only.
  assert.equal(at({ horizM: 2 * NM, vertM: 900 * FT, closureMps: 300 }).rule, 'separation-lost');
  assert.equal(at({ horizM: 2 * NM, vertM: 1100 * FT, closureMps: 300, acasVisible: false, dark: true }).rule, 'dark-member');
});

test('C on a loss of separation; C for a dark member with minima kept; E otherwise', () => {
  assert.equal(at({ horizM: 4.9 * NM, vertM: 900 * FT }).riskClass, 'C');
  assert.equal(at({ horizM: 6 * NM, vertM: 900 * FT, dark: true, acasVisible: false }).rule, 'dark-member');
  assert.equal(at({ horizM: 6 * NM, vertM: 900 * FT }).riskClass, 'E');
  assert.equal(at({ horizM: 4 * NM, vertM: 1000 * FT }).riskClass, 'E');
});

test('without an altitude: co-altitude assumed by default (and said), D when configured undetermined', () => {
  const d = at({ horizM: 100, vertM: undefined });
  assert.equal(d.riskClass, 'A');
  assert.equal(d.params.assumedCoAltitude, 1);
  assert.equal(at({ horizM: 6 * NM, vertM: undefined, dark: true, acasVisible: false }).rule, 'dark-member');
  const strict = parseEncounterConfig({ risk: { unknownAltitude: 'undetermined' } });
  assert.equal(classifyRisk({ ...base, horizM: 100, vertM: undefined, slantM: 100 }, strict).rule, 'no-altitude');
});

test('D across a long data gap, whatever the distance', () => {
  assert.equal(at({ horizM: 10, vertM: 10, dataGapS: 31 }).rule, 'data-gap');
  assert.equal(at({ horizM: 10, vertM: 10, dataGapS: 30 }).riskClass, 'A');
});

test('the limits are configurable, and a bad key or value is named', () => {
  const wide = parseEncounterConfig({ risk: { collisionSlantFt: 1000 } });
  assert.equal(classifyRisk({ ...base, horizM: 250, vertM: 0, slantM: 250 }, wide).riskClass, 'A');
  assert.throws(() => parseEncounterConfig({ risk: { collisionSlantFt: -1 } }, 'x.json'), /x\.json: risk\.collisionSlantFt/);
  assert.throws(() => parseEncounterConfig({ detection: { horizontal: 5 } }, 'x.json'), /x\.json: detection: unknown key\(s\) 'horizontal'/);
  assert.throws(() => parseEncounterConfig({ detection: { pairs: [['civil', 'alien']] } }, 'x.json'), /x\.json: detection\.pairs\[0\]\[1\]/);
});
