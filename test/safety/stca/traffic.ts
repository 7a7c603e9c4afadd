// SPDX-License-Identifier: GPL-3.0-or-later
// Seeded random traffic for the STCA tests: tracks over the Baltic (53–66N), sparse or dense, with climbers,
// formations (identical velocities), primary-only tracks (no altitude) and every category and transponder state.

import type { Track, TrackCategory, TransponderState } from '../../../src/fusion/track.ts';
import { mulberry32, uniform } from '../../helpers/prng.ts';

export interface TrafficOptions {
  n: number;
  seed: number;
  /** Area: a box of this many degrees of latitude (longitude twice that) around a random centre in 53–66N, 10–30E. */
  spanDeg: number;
  /** Share of tracks without altitude (primary only). */
  noAltShare?: number;
  /** Share of tracks flying in formation with the previous one (same velocity, 1–3 NM apart). */
  formationShare?: number;
}

const CATS: TrackCategory[] = ['civil', 'civil', 'civil', 'military', 'state', 'unknown'];
const XPDR: TransponderState[] = ['on', 'on', 'on', 'on', 'off', 'never'];

export function randomTracks(o: TrafficOptions): Track[] {
  const rand = mulberry32(o.seed);
  const lat0 = uniform(rand, 53 + o.spanDeg / 2, 66 - o.spanDeg / 2);
  const lon0 = uniform(rand, 10 + o.spanDeg, 30 - o.spanDeg);
  const out: Track[] = [];
  for (let k = 0; k < o.n; k++) {
    const prev = out[out.length - 1];
    let t: Track;
    if (prev && rand() < (o.formationShare ?? 0)) {
      const d = uniform(rand, 1, 3) / 60;
      t = { ...prev, trackId: k + 1, lat: prev.lat + d * Math.cos(rand() * 6.283), lon: prev.lon + d * 2 * Math.sin(rand() * 6.283) };
      if (prev.altM !== undefined) t.altM = prev.altM + uniform(rand, -200, 200);
    } else {
      const gs = uniform(rand, 60, 320);
      const trk = uniform(rand, 0, 360);
      const level = rand() < 0.6;
      const noAlt = rand() < (o.noAltShare ?? 0);
      t = {
        trackId: k + 1,
        timeMs: 1_700_000_000_000,
        lastUpdateMs: 1_700_000_000_000,
        status: 'confirmed',
        lat: lat0 + uniform(rand, -o.spanDeg / 2, o.spanDeg / 2),
        lon: lon0 + uniform(rand, -o.spanDeg, o.spanDeg),
        velEastMps: gs * Math.sin((trk * Math.PI) / 180),
        velNorthMps: gs * Math.cos((trk * Math.PI) / 180),
        vrMps: level ? 0 : uniform(rand, -25, 25),
        gsMps: gs,
        trackDeg: trk,
        posCovM2: [0, 0, 0],
        category: CATS[Math.floor(rand() * CATS.length)],
        transponder: XPDR[Math.floor(rand() * XPDR.length)],
        sensors: [],
        parties: [],
        updates: 1,
        quality: 1,
      };
      if (!noAlt) t.altM = level ? Math.round(uniform(rand, 10, 40)) * 304.8 : uniform(rand, 300, 12500);
    }
    out.push(t);
  }
  return out;
}
