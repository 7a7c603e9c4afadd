// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../../src/core/config.ts';
import { DEFAULT_EDITIONS, registryConfig, SimSensorSchema, sensorFormat } from '../../../src/sim/sensors/config.ts';
import { SensorConfigSchema } from '../../../src/surveillance/sensors.ts';

const radar = { id: 'se-radar-1', party: 'se', kind: 'radar', lat: 55.5, lon: 13.4, heightM: 120, sac: 1, sic: 10 };

describe('SimSensorSchema', () => {
  it('gives a radar ASTERIX and a receiver Beast by default, with realistic errors', () => {
    const r = SimSensorSchema.parse(radar);
    assert.equal(sensorFormat(r), 'asterix');
    assert.equal(r.noise, true);
    assert.ok(r.detectionProbability < 1 && r.detectionProbability > 0.5);
    assert.equal(r.psr && r.ssr && r.modeS, true);
    const a = SimSensorSchema.parse({ id: 'rx', party: 'dk', kind: 'adsb', lat: 55.6, lon: 12.6 });
    assert.equal(sensorFormat(a), 'beast');
    assert.ok(a.missedFrameRate > 0 && a.bitErrorRate > 0);
  });

  it('names the key and what is allowed for bad combinations and unknown keys', () => {
    const bad = [
      [{ ...radar, format: 'sbs' }, /format: a radar sends 'asterix'/],
      [{ ...radar, sac: undefined, sic: undefined }, /sac: a radar needs sac and sic/],
      [{ ...radar, psr: false, ssr: false }, /psr: a radar needs psr or ssr/],
      [{ ...radar, ssr: false }, /modeS: Mode S needs ssr/],
      [{ ...radar, kind: 'adsb', format: 'asterix' }, /format: a receiver sends/],
      [{ ...radar, kind: 'system' }, /sensors\.json: kind:/],
      [{ ...radar, port: 70000 }, /sensors\.json: port:/],
      [{ ...radar, rotationPeriod: 4 }, /unknown key\(s\) 'rotationPeriod'/],
      [{ ...radar, detectionProbability: 1.5 }, /detectionProbability/],
    ] as const;
    for (const [value, pattern] of bad) {
      assert.throws(() => parseConfig(SimSensorSchema, value, 'sensors.json'), (e: Error) => e instanceof ConfigError && pattern.test(e.message));
    }
  });

  it('gives the registry the same sensor, with the editions the radar sends', () => {
    const r = SimSensorSchema.parse({ ...radar, rangeBiasM: 30, editions: { '48': '1.32' } });
    const c = registryConfig(r);
    assert.deepEqual(SensorConfigSchema.parse(c), c);
    assert.equal(c.rangeBiasM, 30);
    assert.deepEqual(c.editions, { ...DEFAULT_EDITIONS, '48': '1.32' });
  });
});
