// SPDX-License-Identifier: GPL-3.0-or-later
// CAT062 output decoded back with the project's generic ASTERIX codec (edition 1.19 from asterix-specs):
// every item must carry the track's value to within the item's resolution.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsterixCodec } from '../../../src/asterix/codec.ts';
import { encodeCat062 } from '../../../src/fusion/tracker/index.ts';
import type { Track } from '../../../src/fusion/track.ts';

function track(extra: Partial<Track>): Track {
  return {
    trackId: 1,
    timeMs: Date.UTC(2014, 2, 3, 13, 27, 41, 500),
    lastUpdateMs: 0,
    status: 'confirmed',
    lat: 55.61234,
    lon: 12.65432,
    velEastMps: 120.5,
    velNorthMps: -80.25,
    vrMps: 5,
    gsMps: 0,
    trackDeg: 0,
    posCovM2: [100, 0, 100],
    category: 'civil',
    transponder: 'on',
    sensors: ['a', 'b'],
    parties: ['x'],
    updates: 10,
    quality: 1,
    ...extra,
  };
}

describe('tracker: CAT062 output', () => {
  it('decodes back to the tracks (position, velocity, identity, level, status)', () => {
    const tracks = [
      track({ trackId: 7, icao: '45d4ec', callsign: 'SAS681', squawk: '2341', altM: 5674, altSource: 'baro' }),
      track({ trackId: 70_001, lat: 56.0, lon: 17.5, velEastMps: -150, velNorthMps: 10, transponder: 'never', category: 'unknown', status: 'coasting', sensors: ['r'] }),
    ];
    const timeMs = Date.UTC(2014, 2, 3, 13, 27, 41, 500);
    const bytes = encodeCat062(tracks, { sac: 12, sic: 34, timeMs });
    const blocks = new AsterixCodec({ editions: { 62: '1.19' } }).decode(bytes);
    assert.equal(blocks.length, 1);
    assert.equal(blocks[0].error, undefined);
    const [a, b] = blocks[0].records;
    assert.equal(blocks[0].records.length, 2);
    assert.equal(a.raw('010/SAC'), 12);
    assert.equal(a.raw('010/SIC'), 34);
    assert.equal(a.value('070'), 13 * 3600 + 27 * 60 + 41.5);
    const lsb = 180 / 2 ** 25;
    assert.ok(Math.abs((a.value('105/LAT') as number) - 55.61234) <= lsb);
    assert.ok(Math.abs((a.value('105/LON') as number) - 12.65432) <= lsb);
    assert.ok(Math.abs((a.value('185/VX') as number) - 120.5) <= 0.25);
    assert.ok(Math.abs((a.value('185/VY') as number) + 80.25) <= 0.25);
    assert.equal(a.raw('040'), 7);
    assert.equal(a.value('060/MODE3A'), '2341');
    assert.equal(a.hex('380/ADR'), '45d4ec');
    assert.equal((a.value('245/CHR') as string).trim(), 'SAS681');
    assert.ok(Math.abs((a.value('136') as number) - 5674 / 0.3048 / 100) <= 0.25);
    assert.ok(Math.abs((a.value('220') as number) - 5 / (0.3048 / 60)) <= 6.25);
    assert.equal(a.raw('080/MON'), 0);
    assert.equal(a.raw('080/SDS'), 1);
    assert.equal(a.raw('080/CST'), 0);
    // The dark, coasting, mono-sensor track: track number modulo 2^16, non-cooperative, coasting, no identity.
    assert.equal(b.raw('040'), 70_001 % 65_536);
    assert.equal(b.raw('080/SDS'), 2);
    assert.equal(b.raw('080/CST'), 1);
    assert.equal(b.raw('080/MON'), 1);
    assert.equal(b.has('060'), false);
    assert.equal(b.has('380'), false);
    assert.equal(b.has('136'), false);
    assert.ok(Math.abs((b.value('185/VX') as number) + 150) <= 0.25);
  });

  it('splits large pictures into several data blocks under the 16-bit length', () => {
    const tracks: Track[] = [];
    for (let i = 0; i < 3000; i++) tracks.push(track({ trackId: i + 1, icao: (0x400000 + i).toString(16), callsign: `T${i}`, squawk: '1000', altM: 9000 }));
    const bytes = encodeCat062(tracks, { sac: 1, sic: 2, timeMs: 0 });
    const blocks = new AsterixCodec({ editions: { 62: '1.19' } }).decode(bytes);
    assert.ok(blocks.length >= 2);
    let n = 0;
    for (const blk of blocks) {
      assert.equal(blk.error, undefined);
      n += blk.records.length;
    }
    assert.equal(n, 3000);
    assert.equal(blocks[blocks.length - 1].records.at(-1)!.raw('040'), 3000);
  });
});
