// SPDX-License-Identifier: GPL-3.0-or-later
// The picture store: what is written survives closing and reopening the file (tracks, ends, alerts with their
// acknowledgements, encounters, compliance events), a past picture leaves out ended tracks, and dead reckoning
// moves a track by speed × time (checked with the haversine distance).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sphericalDistanceM } from '../../src/core/geo.ts';
import type { Track } from '../../src/fusion/track.ts';
import type { Alert, Encounter } from '../../src/safety/types.ts';
import { deadReckon, PictureStore } from '../../src/store/picture.ts';

function track(trackId: number, timeMs: number, over: Partial<Track> = {}): Track {
  return {
    trackId,
    timeMs,
    lastUpdateMs: timeMs,
    status: 'confirmed',
    lat: 55,
    lon: 15,
    altM: 10000,
    altSource: 'baro',
    velEastMps: 0,
    velNorthMps: 100,
    vrMps: 0,
    gsMps: 100,
    trackDeg: 0,
    posCovM2: [1, 0, 1],
    icao: '4ca123',
    callsign: 'EIN1',
    category: 'civil',
    transponder: 'on',
    sensors: ['a', 'b'],
    parties: ['se'],
    updates: 3,
    quality: 0.5,
    ...over,
  };
}

const alert: Alert = {
  alertId: 'stca-1-2-1000',
  members: [
    { trackId: 1, category: 'civil', transponder: 'on' },
    { trackId: 2, category: 'unknown', transponder: 'never' },
  ],
  severity: 'high',
  timeMs: 1000,
  startMs: 1000,
  tcpaS: 30,
  dcpaM: 100,
  horizNowM: 5000,
  cpaLat: 55,
  cpaLon: 15,
  losNow: false,
};

describe('picture store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'server-store-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what was written across a reopen', () => {
    const path = join(dir, 'p.db');
    const a = new PictureStore(path);
    const dark = track(2, 5000, { icao: undefined, callsign: undefined, altM: undefined, altSource: undefined, category: 'unknown', transponder: 'never', sensors: [] });
    delete dark.icao;
    delete dark.callsign;
    delete dark.altM;
    delete dark.altSource;
    const enc = { encounterId: 'enc-1-2-2000', cpaMs: 2000 } as Encounter;
    a.write({
      points: [track(1, 5000), dark, track(3, 5000)],
      ends: [{ trackId: 3, timeMs: 6000, reason: 'timeout' }],
      alerts: [{ alert }],
      encounters: [enc],
      compliance: [{ type: 'dark-appeared', timeMs: 5000, trackId: 2 }],
      notifications: [],
    });
    a.addAck(alert.alertId, 'dk', 7000, 4);
    a.close();
    const b = new PictureStore(path);
    try {
      assert.deepEqual(b.tracksAt(5000, 10_000), [track(1, 5000), dark, track(3, 5000)], 'exact round trip, optional fields absent');
      assert.deepEqual(
        b.tracksAt(7000, 10_000).map((t) => t.trackId),
        [1, 2],
        'track 3 ended at 6000',
      );
      assert.deepEqual(b.tracksAt(20_000, 10_000), [], 'nothing within 10 s before');
      assert.deepEqual(b.alerts(), [{ alert, ended: false, acks: [{ party: 'dk', timeMs: 7000, entryIndex: 4 }] }]);
      assert.deepEqual(b.encounters(), [enc]);
      assert.deepEqual(b.compliance(), [{ type: 'dark-appeared', timeMs: 5000, trackId: 2 }]);
      assert.deepEqual(b.history(1, 0, 10_000), [{ timeMs: 5000, lat: 55, lon: 15, altM: 10000, gsMps: 100, trackDeg: 0, transponder: 'on' }]);
    } finally {
      b.close();
    }
  });

  it('dead reckoning moves a track by its velocity', () => {
    const t = track(1, 0, { velEastMps: 60, velNorthMps: 80, vrMps: -5 });
    const moved = deadReckon(t, 10_000);
    // 100 m/s for 10 s: 1000 m along the ground (haversine), 50 m down.
    assert.ok(Math.abs(sphericalDistanceM(t.lat, t.lon, moved.lat, moved.lon) - 1000) < 1);
    assert.equal(moved.altM, 10000 - 50);
    assert.equal(moved.timeMs, 10_000);
    assert.equal(deadReckon(t, 0), t);
  });
});
