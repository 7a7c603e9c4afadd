// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../src/core/config.ts';
import { SensorRegistry } from '../../src/surveillance/sensors.ts';

const radar = { id: 'se-gotland', party: 'se', kind: 'radar', lat: 57.6, lon: 18.3, heightM: 60, sac: 25, sic: 201, editions: { '48': '1.31' } };

test('a valid registry: lookups by id and SAC/SIC, defaults filled, editions for the codec', () => {
  const reg = SensorRegistry.fromConfig([radar, { id: 'ru-adsb-1', party: 'ru', kind: 'adsb', lat: 59.9, lon: 30.3 }], 'sensors.json');
  assert.equal(reg.get('se-gotland')?.party, 'se');
  assert.equal(reg.bySource(25, 201)?.id, 'se-gotland');
  assert.equal(reg.bySource(25, 202), undefined);
  assert.equal(reg.get('ru-adsb-1')?.rangeSigmaM, 70);
  assert.deepEqual(reg.asterixEditions(), { '25/201': { 48: '1.31' } });
});

test('bad configurations name the file, the key and what is allowed', () => {
  const cases: [unknown, RegExp][] = [
    [[{ ...radar, lat: 95 }], /sensors\.json: \[0\]\.lat: .*<=90/],
    [[{ ...radar, kind: 'sonar' }], /sensors\.json: \[0\]\.kind: .*"adsb"\|"radar"\|"system"|sensors\.json: \[0\]\.kind: .*adsb.*radar.*system/],
    [[{ ...radar, colour: 'red' }], /sensors\.json: \[0\]: unknown key\(s\) 'colour'/],
    [[{ ...radar, editions: { '48': 'new' } }], /sensors\.json: \[0\]\.editions\.48: an edition like 1\.31/],
    [[radar, { ...radar, sic: 202 }], /sensors\.json: \[1\]\.id: sensor id 'se-gotland' is used twice/],
    [[radar, { ...radar, id: 'other' }], /SAC\/SIC 25\/201 is used by another sensor/],
    [[{ ...radar, sic: undefined }], /give both sac and sic/],
    [{ not: 'a list' }, /sensors\.json: \(top level\): .*array/],
  ];
  for (const [value, pattern] of cases) {
    assert.throws(() => SensorRegistry.fromConfig(value, 'sensors.json'), (err: Error) => {
      assert.match(err.message, pattern);
      return true;
    });
  }
  assert.throws(() => SensorRegistry.fromConfig([{ ...radar, lat: 95 }], 'f'), ConfigError);
});
