// SPDX-License-Identifier: GPL-3.0-or-later
// Transponder events and time accounting on hand-made tracks whose answers follow from the definitions:
// a track born dark that switches on, gaps capped at maxGapS, ground time not counted, and encounters with civil
// traffic counted against the dark member only.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Track, TransponderState } from '../../../src/fusion/track.ts';
import { TransponderMonitor } from '../../../src/safety/transponder/monitor.ts';
import type { Encounter } from '../../../src/safety/types.ts';

const T0 = Date.parse('2024-01-01T00:00:00Z');

function track(id: number, tS: number, transponder: TransponderState, extra: Partial<Track> = {}): Track {
  return {
    trackId: id,
    timeMs: T0 + tS * 1000,
    lastUpdateMs: T0 + tS * 1000,
    status: 'confirmed',
    lat: 55,
    lon: 15,
    altM: 6000,
    velEastMps: 200,
    velNorthMps: 0,
    vrMps: 0,
    gsMps: 200,
    trackDeg: 90,
    posCovM2: [0, 0, 0],
    category: transponder === 'on' ? 'military' : 'unknown',
    transponder,
    sensors: [],
    parties: [],
    updates: 1,
    quality: 1,
    ...extra,
  };
}

test('a track born dark that switches on: dark-appeared, then transponder-on; its time and party follow', () => {
  const m = new TransponderMonitor({ maxGapS: 60 });
  const events = [
    ...m.push({ type: 'update', track: track(5, 0, 'never') }),
    ...m.push({ type: 'update', track: track(5, 100, 'never') }), // a 100 s gap counts 60 s
    ...m.push({ type: 'update', track: track(5, 110, 'on', { icao: '4a8001', callsign: 'SVF01' }) }),
    ...m.push({ type: 'update', track: track(5, 130, 'off') }),
    ...m.push({ type: 'update', track: track(5, 140, 'off', { onGround: true }) }),
    ...m.push({ type: 'update', track: track(5, 200, 'off') }), // ground time is not flight time
  ];
  assert.deepEqual(
    events.map((e) => [e.type, (e.timeMs - T0) / 1000]),
    [
      ['dark-appeared', 0],
      ['transponder-on', 110],
      ['transponder-off', 130],
    ],
  );
  assert.equal(events[1].party, 'se'); // 4a8000–4affff: Sweden
  const f = m.stats().flights[0];
  assert.equal(f.flightS, 60 + 10 + 20 + 10);
  assert.equal(f.onS, 20);
  assert.equal(f.darkS, 80);
  assert.equal(f.shareOn, 0.2);
  assert.equal(f.party, 'se');
  assert.equal(f.category, 'military');
});

test('encounters with civil traffic count against the dark member only', () => {
  const m = new TransponderMonitor();
  m.push({ type: 'update', track: track(1, 0, 'never') });
  m.push({ type: 'update', track: track(2, 0, 'on', { category: 'civil', icao: '458001' }) });
  m.push({ type: 'update', track: track(3, 0, 'never') });
  const enc = (a: number, b: number, catB: Track['category'], dark: number[]): Encounter =>
    ({
      members: [
        { trackId: a, category: 'unknown', transponder: 'never' },
        { trackId: b, category: catB, transponder: dark.includes(b) ? 'never' : 'on' },
      ],
      darkTrackIds: dark,
    }) as unknown as Encounter;
  m.noteEncounter(enc(1, 2, 'civil', [1]));
  m.noteEncounter(enc(1, 3, 'unknown', [1, 3]));
  const byId = new Map(m.stats().flights.map((f) => [f.trackId, f.encountersWithCivilWhileDark]));
  assert.deepEqual([...byId], [
    [1, 1],
    [2, 0],
    [3, 0],
  ]);
});
