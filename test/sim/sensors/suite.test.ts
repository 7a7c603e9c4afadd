// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SensorSuite, sensorFileName } from '../../../src/sim/sensors/suite.ts';
import type { TruthState } from '../../../src/sim/truth.ts';
import { type FlightSpec, run, sensor, START_MS, stateAt } from './helpers.ts';

const SENSORS = [
  sensor({ id: 'dk-rx', party: 'dk', kind: 'adsb', lat: 55.6, lon: 12.6, heightM: 30, format: 'beast' }),
  sensor({ id: 'se-rx', party: 'se', kind: 'adsb', lat: 55.4, lon: 13.2, heightM: 60, format: 'sbs' }),
  sensor({ id: 'se-r1', party: 'se', kind: 'radar', lat: 55.5, lon: 13.4, heightM: 100, sac: 1, sic: 10 }),
];
const FLIGHTS: FlightSpec[] = [
  { id: 'sk681', icao: '4ca123', callsign: 'SAS681', lat: 55.55, lon: 12.7, heightM: 1500, gsMps: 130, trackDeg: 190, vrMps: 12 },
  { id: 'il20', icao: '150abc', lat: 55.1, lon: 13.9, heightM: 6000, gsMps: 170, trackDeg: 300, transponder: 'off' },
];

describe('SensorSuite', () => {
  it('names each sensor’s file by its id and format', () => {
    assert.deepEqual(
      SENSORS.map((s) => sensorFileName(s)),
      ['dk-rx.beast', 'se-rx.sbs', 'se-r1.ast'],
    );
    assert.equal(sensorFileName(SENSORS[2], true), 'se-r1.pcap');
  });

  it('gives the same bytes when the simulation reuses its state objects from tick to tick', () => {
    const fresh = run(SENSORS, FLIGHTS, 60, { seed: 5 });
    const suite = new SensorSuite(SENSORS, { seed: 5, startMs: START_MS });
    const objects: TruthState[] = FLIGHTS.map((f) => stateAt(f, START_MS));
    const out = SENSORS.map(() => [] as Uint8Array[]);
    for (let t = START_MS; t <= START_MS + 60_000; t += 1000) {
      FLIGHTS.forEach((f, i) => {
        Object.assign(objects[i], stateAt(f, t));
      });
      suite.observe(objects, t);
      for (let i = 0; i < SENSORS.length; i++) out[i].push(suite.drain(i).bytes.slice());
    }
    for (let i = 0; i < SENSORS.length; i++) assert.deepEqual(Buffer.concat(out[i]), fresh.bytes.get(SENSORS[i].id));
  });

  it('lets aircraft come and go: nothing is sent for an aircraft between its ticks', () => {
    const suite = new SensorSuite(SENSORS.slice(0, 1), { seed: 1, startMs: START_MS });
    const f = FLIGHTS[0];
    let frames = 0;
    for (let t = START_MS; t <= START_MS + 20_000; t += 1000) {
      // present for 5 s, gone for 10 s, back for 5 s
      const here = t < START_MS + 5000 || t >= START_MS + 15_000;
      suite.observe(here ? [stateAt(f, t)] : [], t);
      const c = suite.drain(0);
      frames += c.count;
      if (!here) assert.equal(c.count, 0);
      for (let u = 0; u < c.count; u++) assert.ok(c.timesMs[u] <= t && c.timesMs[u] > t - 1000);
    }
    assert.ok(frames > 20);
  });
});
