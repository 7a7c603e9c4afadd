// SPDX-License-Identifier: GPL-3.0-or-later
// The STCA's input: aircraft states at one instant as structure-of-arrays, built from Tracks (reusing buffers)
// or from BlueSky-style columns (lat, lon, trk, gs, alt, vs).

import type { Track, TrackCategory, TransponderState } from '../../fusion/track.ts';
import { EARTH_RADIUS_M } from './model.ts';

export const CATEGORIES: readonly TrackCategory[] = ['civil', 'military', 'state', 'unknown'];
export const TRANSPONDERS: readonly TransponderState[] = ['on', 'off', 'never'];
export const CAT_CIVIL = 0;
export const XPDR_ON = 0;

const DEG = Math.PI / 180;

/** Aircraft states at one instant. Index i is the same aircraft in every array; altM is NaN when unknown. */
export class StcaSnapshot {
  n = 0;
  trackId = new Float64Array(0);
  lat = new Float64Array(0);
  lon = new Float64Array(0);
  altM = new Float64Array(0);
  velEastMps = new Float64Array(0);
  velNorthMps = new Float64Array(0);
  vrMps = new Float64Array(0);
  /** Index into CATEGORIES. */
  category = new Uint8Array(0);
  /** Index into TRANSPONDERS. */
  transponder = new Uint8Array(0);
  /** For snapshots built from tracks: the index of each aircraft in the Track array given. */
  source = new Int32Array(0);

  /** Makes room for n aircraft (keeps the buffers when they are big enough) and sets n. */
  resize(n: number): void {
    if (this.trackId.length < n) {
      const cap = Math.max(n, 2 * this.trackId.length, 16);
      this.trackId = new Float64Array(cap);
      this.lat = new Float64Array(cap);
      this.lon = new Float64Array(cap);
      this.altM = new Float64Array(cap);
      this.velEastMps = new Float64Array(cap);
      this.velNorthMps = new Float64Array(cap);
      this.vrMps = new Float64Array(cap);
      this.category = new Uint8Array(cap);
      this.transponder = new Uint8Array(cap);
      this.source = new Int32Array(cap);
    }
    this.n = n;
  }
}

export interface SnapshotOptions {
  /** Predict every track to this time (linear, flat earth) so that all states are simultaneous; default: as given. */
  timeMs?: number;
  /** Include tentative tracks (default false: only confirmed and coasting tracks are system tracks). */
  includeTentative?: boolean;
  /** Include tracks on the ground (default false). */
  includeOnGround?: boolean;
}

/**
 * Fills `into` (or a new snapshot) from tracks. Tracks without a finite position or velocity are left out;
 * `source` maps each aircraft back to its index in `tracks`.
 */
export function snapshotFromTracks(tracks: readonly Track[], options: SnapshotOptions = {}, into = new StcaSnapshot()): StcaSnapshot {
  into.resize(tracks.length);
  let n = 0;
  for (let k = 0; k < tracks.length; k++) {
    const t = tracks[k];
    if (!options.includeTentative && t.status === 'tentative') continue;
    if (!options.includeOnGround && t.onGround === true) continue;
    if (!Number.isFinite(t.lat) || !Number.isFinite(t.lon) || !Number.isFinite(t.velEastMps) || !Number.isFinite(t.velNorthMps)) continue;
    const dtS = options.timeMs === undefined ? 0 : (options.timeMs - t.timeMs) / 1000;
    const vr = Number.isFinite(t.vrMps) ? t.vrMps : 0;
    into.trackId[n] = t.trackId;
    into.lat[n] = t.lat + ((t.velNorthMps * dtS) / EARTH_RADIUS_M) / DEG;
    into.lon[n] = t.lon + ((t.velEastMps * dtS) / (EARTH_RADIUS_M * Math.cos(t.lat * DEG))) / DEG;
    into.altM[n] = t.altM !== undefined && Number.isFinite(t.altM) ? t.altM + vr * dtS : Number.NaN;
    into.velEastMps[n] = t.velEastMps;
    into.velNorthMps[n] = t.velNorthMps;
    into.vrMps[n] = vr;
    into.category[n] = Math.max(0, CATEGORIES.indexOf(t.category));
    const x = TRANSPONDERS.indexOf(t.transponder);
    into.transponder[n] = Math.max(x, 0);
    into.source[n] = k;
    n++;
  }
  into.n = n;
  return into;
}

/** BlueSky-style columns: degrees, m/s, metres. */
export interface TrafficColumns {
  lat: readonly number[];
  lon: readonly number[];
  /** Track over ground, degrees. */
  trk: readonly number[];
  /** Ground speed, m/s. */
  gs: readonly number[];
  /** Altitude, m. */
  alt: readonly number[];
  /** Vertical speed, m/s. */
  vs: readonly number[];
}

/**
 * A snapshot from columns; aircraft i gets trackId i. Velocity components as BlueSky forms them: gs·sin(trk),
 * gs·cos(trk). Category 'unknown', transponder 'on' (columns carry no identity). The caller validates the values.
 */
export function snapshotFromColumns(c: TrafficColumns, into = new StcaSnapshot()): StcaSnapshot {
  const n = c.lat.length;
  into.resize(n);
  for (let i = 0; i < n; i++) {
    const trkRad = c.trk[i] * DEG;
    into.trackId[i] = i;
    into.lat[i] = c.lat[i];
    into.lon[i] = c.lon[i];
    into.altM[i] = c.alt[i];
    into.velEastMps[i] = c.gs[i] * Math.sin(trkRad);
    into.velNorthMps[i] = c.gs[i] * Math.cos(trkRad);
    into.vrMps[i] = c.vs[i];
    into.category[i] = 3;
    into.transponder[i] = 0;
    into.source[i] = i;
  }
  return into;
}
