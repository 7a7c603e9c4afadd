// SPDX-License-Identifier: GPL-3.0-or-later
// The truth as the sensors see it: every aircraft in a stable slot, its state at the last two ticks in
// structure-of-arrays form (with ECEF positions for range and line of sight), and interpolation to any time
// between the two ticks. All sensors of a run share one table, updated once per tick.

import { geodeticToEcef, type Vec3 } from '../../core/geodesy.ts';
import type { TruthState } from '../truth.ts';

/** A state interpolated between two ticks; one object, reused. */
export interface Interpolated {
  timeMs: number;
  lat: number;
  lon: number;
  heightM: number;
  pressureAltFt: number;
  gsMps: number;
  trackDeg: number;
  vrMps: number;
  x: number;
  y: number;
  z: number;
}

const ecef: Vec3 = { x: 0, y: 0, z: 0 };

function grow<T extends Float64Array | Int32Array | Uint8Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** Numeric fields kept per slot, latest and previous tick. */
const LAT = 0;
const LON = 1;
const H = 2;
const PALT = 3;
const GS = 4;
const TRK = 5;
const VR = 6;
const X = 7;
const Y = 8;
const Z = 9;
const FIELDS = 10;

export class TruthTable {
  /** Slots in use (slot indices are 0 .. size-1, never reused within a run). */
  size = 0;
  /** Time of the latest and the previous tick, ms. */
  timeMs = Number.NaN;
  prevTimeMs = Number.NaN;
  /** Tick counter; `seen[slot] === tick` when the slot's aircraft is in the latest tick. */
  tick = 0;
  private readonly slotById = new Map<string, number>();
  /**
   * The latest TruthState per slot, for its strings and flags. Only read during the tick that delivered it:
   * the numbers of both ticks are copied, so a simulation may reuse its state objects.
   */
  cur: TruthState[] = [];
  seen = new Int32Array(1024);
  /** 1 when the slot also has a state at the previous tick (so it can be interpolated). */
  hasPrev = new Uint8Array(1024);
  /** Latest ECEF position per slot, m. */
  x = new Float64Array(1024);
  y = new Float64Array(1024);
  z = new Float64Array(1024);
  /** Latest geometric height per slot, m (the state's heightM). */
  h = new Float64Array(1024);
  /** FIELDS numbers per slot, latest and previous. */
  private now = new Float64Array(1024 * FIELDS);
  private before = new Float64Array(1024 * FIELDS);
  /** Slots present in the latest tick, in truth order. */
  present = new Int32Array(1024);
  presentCount = 0;
  /** The previous tick's `present` (kept to find this tick's slots by place), and each slot's place in it. */
  private spare = new Int32Array(1024);
  private indexOf = new Int32Array(1024);
  /** Aircraft id per slot. */
  private readonly ids: string[] = [];

  /** Takes the states of a new tick (all with the same timeMs). */
  update(states: readonly TruthState[], timeMs: number): void {
    this.prevTimeMs = this.timeMs;
    this.timeMs = timeMs;
    const last = this.tick;
    const tick = ++this.tick;
    if (this.indexOf.length < this.seen.length) this.indexOf = grow(this.indexOf, this.seen.length);
    const prev = this.present;
    const prevCount = this.presentCount;
    let present = this.spare;
    if (present.length < states.length) present = new Int32Array(states.length * 2);
    this.present = present;
    this.spare = prev;
    let n = 0;
    // where this tick's states sit in the last tick's order (aircraft come and go, but keep their order)
    let shift = 0;
    for (const s of states) {
      // the slot the same place held last tick, if it is still this aircraft's; else the slot by id
      const j = n + shift;
      let slot: number | undefined = j >= 0 && j < prevCount ? prev[j] : -1;
      if (slot < 0 || this.ids[slot] !== s.id) {
        slot = this.slotById.get(s.id);
        if (slot !== undefined && this.seen[slot] === last && last > 0) shift = this.indexOf[slot] - n;
      }
      if (slot === undefined) {
        slot = this.size++;
        this.slotById.set(s.id, slot);
        if (slot >= this.seen.length) this.growTo(slot * 2);
        this.cur.push(s);
        this.ids.push(s.id);
      }
      const had = this.seen[slot] === last && last > 0;
      this.hasPrev[slot] = had ? 1 : 0;
      const o = slot * FIELDS;
      if (had) for (let k = 0; k < FIELDS; k++) this.before[o + k] = this.now[o + k];
      this.cur[slot] = s;
      this.seen[slot] = tick;
      geodeticToEcef(s.lat, s.lon, s.heightM, ecef);
      const v = this.now;
      v[o + LAT] = s.lat;
      v[o + LON] = s.lon;
      v[o + H] = s.heightM;
      v[o + PALT] = s.pressureAltFt;
      v[o + GS] = s.gsMps;
      v[o + TRK] = s.trackDeg;
      v[o + VR] = s.vrMps;
      v[o + X] = ecef.x;
      v[o + Y] = ecef.y;
      v[o + Z] = ecef.z;
      this.x[slot] = ecef.x;
      this.y[slot] = ecef.y;
      this.z[slot] = ecef.z;
      this.h[slot] = s.heightM;
      this.indexOf[slot] = n;
      present[n++] = slot;
    }
    this.presentCount = n;
  }

  private growTo(n: number): void {
    this.seen = grow(this.seen, n);
    this.indexOf = grow(this.indexOf, n);
    this.hasPrev = grow(this.hasPrev, n);
    this.x = grow(this.x, n);
    this.y = grow(this.y, n);
    this.z = grow(this.z, n);
    this.h = grow(this.h, n);
    this.now = grow(this.now, n * FIELDS);
    this.before = grow(this.before, n * FIELDS);
  }

  /** Slot of an aircraft id, if it was ever seen. */
  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  /**
   * The slot's state at `t` (between the previous and the latest tick), linear in position, heights and
   * velocity, the track along the shorter way round. Without a previous state, the latest state as it is.
   */
  interpolate(slot: number, t: number, out: Interpolated): Interpolated {
    const b = this.now;
    const o = slot * FIELDS;
    out.timeMs = t;
    if (!this.hasPrev[slot] || !(this.timeMs > this.prevTimeMs)) {
      out.lat = b[o + LAT];
      out.lon = b[o + LON];
      out.heightM = b[o + H];
      out.pressureAltFt = b[o + PALT];
      out.gsMps = b[o + GS];
      out.trackDeg = b[o + TRK];
      out.vrMps = b[o + VR];
      out.x = b[o + X];
      out.y = b[o + Y];
      out.z = b[o + Z];
      return out;
    }
    const a = this.before;
    const f = (t - this.prevTimeMs) / (this.timeMs - this.prevTimeMs);
    let dLon = b[o + LON] - a[o + LON];
    if (dLon > 180) dLon -= 360;
    else if (dLon < -180) dLon += 360;
    let lon = a[o + LON] + f * dLon;
    if (lon > 180) lon -= 360;
    else if (lon <= -180) lon += 360;
    out.lat = a[o + LAT] + f * (b[o + LAT] - a[o + LAT]);
    out.lon = lon;
    out.heightM = a[o + H] + f * (b[o + H] - a[o + H]);
    out.pressureAltFt = a[o + PALT] + f * (b[o + PALT] - a[o + PALT]);
    out.gsMps = a[o + GS] + f * (b[o + GS] - a[o + GS]);
    let dTrk = b[o + TRK] - a[o + TRK];
    if (dTrk > 180) dTrk -= 360;
    else if (dTrk < -180) dTrk += 360;
    let trk = a[o + TRK] + f * dTrk;
    if (trk < 0) trk += 360;
    else if (trk >= 360) trk -= 360;
    out.trackDeg = trk;
    out.vrMps = a[o + VR] + f * (b[o + VR] - a[o + VR]);
    out.x = a[o + X] + f * (b[o + X] - a[o + X]);
    out.y = a[o + Y] + f * (b[o + Y] - a[o + Y]);
    out.z = a[o + Z] + f * (b[o + Z] - a[o + Z]);
    return out;
  }
}

export function newInterpolated(): Interpolated {
  return { timeMs: 0, lat: 0, lon: 0, heightM: 0, pressureAltFt: 0, gsMps: 0, trackDeg: 0, vrMps: 0, x: 0, y: 0, z: 0 };
}
