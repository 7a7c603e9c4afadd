// SPDX-License-Identifier: GPL-3.0-or-later
// Contributing sensors of a track: one aircraft heard by twenty receivers (more than a track keeps in its own
// numbers, so its sensors move to an array of their own) lists every one of them while they report, keeps its
// status while any one goes on, forgets the silent ones after the sensor window, and ends when all are silent.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Tracker } from '../../../src/fusion/tracker/index.ts';
import type { Report } from '../../../src/surveillance/report.ts';
import { SensorConfigSchema, SensorRegistry } from '../../../src/surveillance/sensors.ts';
import type { TrackEvent } from '../../../src/fusion/track.ts';
import { adsb, T0 } from './helpers.ts';

const RECEIVERS = 20;
const id = (k: number): string => `rx${String(k).padStart(2, '0')}`;

describe('tracker: contributing sensors', () => {
  it('lists all twenty receivers of one aircraft, then only the one still reporting, and deletes the track when it stops', () => {
    const reg = new SensorRegistry();
    for (let k = 0; k < RECEIVERS; k++) reg.add(SensorConfigSchema.parse({ id: id(k), party: `p${k}`, kind: 'adsb', lat: 55 + k * 0.05, lon: 14.5 }));
    const events: TrackEvent[] = [];
    const tracker = new Tracker({ registry: reg, reorderWindowMs: 0 }, (e) => events.push(e));
    // 200 m/s east. Every receiver hears its own broadcast each second for 20 s; then only the last one, until 100 s.
    const reports: Report[] = [];
    for (let s = 0; s < 100; s++) {
      for (let k = 0; k < RECEIVERS; k++) {
        if (s >= 20 && k !== RECEIVERS - 1) continue;
        const timeMs = T0 + s * 1000 + k * 40;
        reports.push(adsb(timeMs, '4ca0aa', -10_000 + 0.2 * (timeMs - T0), 0, { sensorId: id(k), partyId: `p${k}`, gsMps: 200, trackDeg: 90 }));
      }
    }
    const all = Array.from({ length: RECEIVERS }, (_, k) => id(k)).sort();
    let checkedAll = false;
    let checkedOne = false;
    for (const r of reports) {
      tracker.add(r);
      tracker.advanceTo(r.timeMs);
      if (!checkedAll && r.timeMs >= T0 + 19_800) {
        const [t] = tracker.snapshot(r.timeMs);
        assert.deepEqual(t.sensors, all);
        assert.deepEqual(t.parties, all.map((s) => `p${Number(s.slice(2))}`).sort());
        checkedAll = true;
      }
      if (!checkedOne && r.timeMs >= T0 + 90_000) {
        // 70 s after the others fell silent: past the 30 s sensor window, and the track still updated by one.
        const [t] = tracker.snapshot(r.timeMs);
        assert.deepEqual(t.sensors, [id(RECEIVERS - 1)]);
        assert.equal(t.status, 'confirmed');
        checkedOne = true;
      }
    }
    assert.ok(checkedAll && checkedOne);
    // Silence: deleted (timeout) once every sensor is late, and never before the last report.
    const lastMs = reports[reports.length - 1].timeMs;
    tracker.advanceTo(lastMs + 120_000);
    const deletes = events.filter((e) => e.type === 'delete');
    assert.equal(deletes.length, 1);
    assert.ok(deletes[0].timeMs > lastMs);
    assert.equal(tracker.snapshot(lastMs + 120_000).length, 0);
  });
});
