// SPDX-License-Identifier: GPL-3.0-or-later
// What the aircraft transmit unasked: DO-260B extended squitters and acquisition squitters. Each aircraft with
// its transponder on transmits on its own random schedule (the standard's intervals, uniformly jittered); a
// transmission is encoded once and offered to every receiver that can hear it. Rates (DO-260B §2.2.3.3.1.4):
//   airborne position   0.4–0.6 s, even and odd formats alternating
//   airborne velocity   0.4–0.6 s (not on the surface)
//   surface position    0.4–0.6 s moving, 4.8–5.2 s stationary
//   identification      4.8–5.2 s (surface, stationary: 9.8–10.2 s)
//   operational status  2.4–2.6 s airborne, 4.8–5.2 s on the surface
//   acquisition (DF11)  0.8–1.2 s

import { M_PER_FT, MPS_PER_FPM, MPS_PER_KT } from '../../core/units.ts';
import { encodeAllCall, encodeExtendedSquitter, encodeIdentification } from '../../modes/encode.ts';
import type { AircraftClass, TruthState } from '../truth.ts';
import type { Rng } from '../random.ts';
import { sensorRng } from './rng.ts';
import { SquitterEncoder } from './squitter.ts';
import { type Interpolated, newInterpolated, type TruthTable } from './truth-table.ts';

export const SQ_POSITION = 0;
export const SQ_VELOCITY = 1;
export const SQ_IDENT = 2;
export const SQ_STATUS = 3;
export const SQ_ACQUISITION = 4;
export const SQUITTER_KINDS = 5;
export const SQUITTER_NAMES = ['position', 'velocity', 'identification', 'status', 'acquisition'] as const;

/** Below this ground speed an aircraft on the surface is stationary (low squitter rates). */
const STATIONARY_MPS = 1;

/** [min, max] interval in ms per kind: airborne, surface moving, surface stationary. */
const AIRBORNE_MS = [
  [400, 600],
  [400, 600],
  [4800, 5200],
  [2400, 2600],
  [800, 1200],
];
const SURFACE_MOVING_MS = [
  [400, 600],
  [400, 600],
  [4800, 5200],
  [4800, 5200],
  [800, 1200],
];
const SURFACE_STILL_MS = [
  [4800, 5200],
  [400, 600],
  [9800, 10200],
  [4800, 5200],
  [800, 1200],
];

/** ADS-B emitter category by aircraft class. */
const CATEGORY: Record<AircraftClass, string> = {
  airliner: 'A3',
  bizjet: 'A2',
  turboprop: 'A2',
  fighter: 'A6',
  'large-military': 'A5',
  tanker: 'A5',
  helicopter: 'A7',
};

/** Slots above this cannot be packed into a sort key (more than a million aircraft). */
const MAX_PACKED_SLOTS = 2 ** 20;

/** Bytes kept per squitter in SquitterBatch.frames (the longest frame, DF17). */
export const FRAME_STRIDE = 14;
/** Kinematic numbers kept per squitter in SquitterBatch.state (see KIN_*). */
export const KIN_FIELDS = 6;
export const KIN_LAT = 0;
export const KIN_LON = 1;
export const KIN_PALT = 2;
export const KIN_GS = 3;
export const KIN_TRK = 4;
export const KIN_VR = 5;

/**
 * The squitters due in one tick, in time order. Each is one number: µs after the tick's start, then slot and
 * kind (slot * 8 + kind) below 2^23, so one native numeric sort orders them by time, then slot, then kind, and
 * reading them back touches nothing else. Reused from tick to tick.
 *
 * Each squitter is also encoded when it is scheduled (aircraft by aircraft, which keeps each aircraft's data in
 * cache): its frame is kept at `index * FRAME_STRIDE` in `frames` (length in `len`), and for positions and
 * velocities the interpolated kinematics at `index * KIN_FIELDS` in `state`, where `index` is its place in
 * scheduling order. The squitters of one aircraft and kind take consecutive indices in time order from
 * `first[slot * SQUITTER_KINDS + kind]`, so a reader that meets them in time order finds each by counting.
 */
export class SquitterBatch {
  count = 0;
  /** Start of the tick, ms: the time origin of the keys. */
  originMs = 0;
  keys = new Float64Array(4096);
  frames = new Uint8Array(4096 * FRAME_STRIDE);
  len = new Uint8Array(4096);
  state = new Float64Array(4096 * KIN_FIELDS);
  /** Per slot and kind: index of the tick's first squitter (valid when it has one this tick). */
  first = new Int32Array(1024 * SQUITTER_KINDS);

  clear(originMs: number): void {
    this.count = 0;
    this.originMs = originMs;
  }

  /** Adds a squitter; returns its index (scheduling order). */
  push(t: number, slot: number, kind: number): number {
    if (this.count === this.keys.length) this.grow(this.count * 2);
    const i = this.count++;
    this.keys[i] = Math.round((t - this.originMs) * 1000) * 8_388_608 + slot * 8 + kind;
    return i;
  }

  private grow(n: number): void {
    const k = new Float64Array(n);
    k.set(this.keys);
    this.keys = k;
    const f = new Uint8Array(n * FRAME_STRIDE);
    f.set(this.frames);
    this.frames = f;
    const l = new Uint8Array(n);
    l.set(this.len);
    this.len = l;
    const s = new Float64Array(n * KIN_FIELDS);
    s.set(this.state);
    this.state = s;
  }

  /** Keeps a frame for squitter i. */
  setFrame(i: number, frame: Uint8Array): void {
    const b = this.frames;
    const o = i * FRAME_STRIDE;
    const n = frame.length;
    for (let k = 0; k < n; k++) b[o + k] = frame[k];
    this.len[i] = n;
  }

  sort(): void {
    this.keys.subarray(0, this.count).sort();
  }

  /** Time (ms) of the i-th squitter after sorting. */
  timeMs(i: number): number {
    return this.originMs + Math.floor(this.keys[i] / 8_388_608) / 1000;
  }

  slot(i: number): number {
    return Math.floor((this.keys[i] % 8_388_608) / 8);
  }

  kind(i: number): number {
    return this.keys[i] % 8;
  }
}

/** Whether a cached frame carries this address (DF11/17: bytes 2–4). */
function sameAddress(f: Uint8Array, icao: number): boolean {
  return ((f[1] << 16) | (f[2] << 8) | f[3]) === icao;
}

/** Encodes a DF17 aircraft operational status (TC 31, version 2: DO-260B) for an airborne or surface aircraft. */
export function encodeOperationalStatus(icao: number, surface: boolean, nacP = 9, sil = 3): Uint8Array {
  const me = new Uint8Array(7);
  me[0] = (31 << 3) | (surface ? 1 : 0);
  // capability class and operational mode: zero (no TCAS, CDTI or special modes announced)
  me[5] = (2 << 5) | (nacP & 15); // version 2 (ME 41-43), NIC-A 0 (44), NACp (45-48)
  // ME 49-50 GVA (airborne) = 2; ME 51-52 SIL; ME 53 NICbaro (airborne) or TRK/HDG (surface); 54 HRD 0; 55 SIL supp 0
  me[6] = ((surface ? 0 : 2) << 6) | ((sil & 3) << 4) | (1 << 3);
  return encodeExtendedSquitter(me, { icao, ca: surface ? 4 : 5 });
}

/** The squitter schedules of every aircraft of a run, and the encoder of each transmission. */
export class Transponders {
  private readonly rng: Rng;
  /** Next due time per kind per slot (NaN: not scheduled). */
  private due: Float64Array[] = [];
  private odd = new Uint8Array(1024);
  private icaoNum = new Int32Array(1024);
  private icaoStr: string[] = [];
  /** Per slot: the frames that only change with identity or air/ground state, and what they were made from. */
  private identFrame: (Uint8Array | undefined)[][] = [[], []];
  private identCallsign: string[] = [];
  private identClass: string[] = [];
  private statusFrame: (Uint8Array | undefined)[][] = [[], []];
  private acquisitionFrame: (Uint8Array | undefined)[][] = [[], []];
  private readonly squitter = new SquitterEncoder();
  private readonly st = newInterpolated();
  readonly batch = new SquitterBatch();
  /** Transmissions so far per kind. */
  readonly sent = new Float64Array(SQUITTER_KINDS);

  constructor(seed: number) {
    this.rng = sensorRng(seed, 'transponders');
    for (let k = 0; k < SQUITTER_KINDS; k++) this.due.push(new Float64Array(1024).fill(Number.NaN));
  }

  private ensure(size: number): void {
    if (size <= this.odd.length && size <= this.icaoStr.length) return;
    let n = this.odd.length;
    while (n < size) n *= 2;
    if (n > this.odd.length) {
      for (let k = 0; k < SQUITTER_KINDS; k++) {
        const d = new Float64Array(n).fill(Number.NaN);
        d.set(this.due[k]);
        this.due[k] = d;
      }
      const o = new Uint8Array(n);
      o.set(this.odd);
      this.odd = o;
      const i = new Int32Array(n);
      i.set(this.icaoNum);
      this.icaoNum = i;
    }
    // per-slot caches stay dense arrays (slots are met in any order; holes would make them dictionaries)
    for (const a of [this.icaoStr, this.identCallsign, this.identClass]) while (a.length < n) a.push('');
    for (const a of [...this.identFrame, ...this.statusFrame, ...this.acquisitionFrame]) while (a.length < n) a.push(undefined);
  }

  private interval(kind: number, s: TruthState): number {
    const table = !s.onGround ? AIRBORNE_MS : s.gsMps >= STATIONARY_MPS ? SURFACE_MOVING_MS : SURFACE_STILL_MS;
    const r = table[kind];
    // whole microseconds, so times are exact in every format downstream
    return Math.round(this.rng.uniform(r[0], r[1]) * 1000) / 1000;
  }

  /** The 24-bit address of a slot's aircraft. */
  icao(slot: number, s: TruthState): number {
    if (this.icaoStr[slot] !== s.icao) {
      this.icaoStr[slot] = s.icao;
      this.icaoNum[slot] = Number.parseInt(s.icao, 16) & 0xffffff;
    }
    return this.icaoNum[slot];
  }

  /**
   * Schedules the transmissions in (table.prevTimeMs, table.timeMs] into `batch`, sorted by time, and encodes
   * each (see SquitterBatch); with `heard`, only those of aircraft whose entry is not 0. An aircraft seen for the
   * first time starts each schedule at a random phase after the tick.
   */
  collect(table: TruthTable, heard?: Uint32Array): SquitterBatch {
    this.ensure(table.size);
    if (table.size > MAX_PACKED_SLOTS) throw new RangeError(`sim sensors: more than ${MAX_PACKED_SLOTS} aircraft in one run`);
    const batch = this.batch;
    if (batch.first.length < table.size * SQUITTER_KINDS) batch.first = new Int32Array(this.odd.length * SQUITTER_KINDS);
    const first = batch.first;
    const st = this.st;
    const t1 = table.timeMs;
    const t0 = table.prevTimeMs;
    batch.clear(Number.isFinite(t0) ? t0 : t1);
    for (let i = 0; i < table.presentCount; i++) {
      const slot = table.present[i];
      const s = table.cur[slot];
      // the schedule runs whether anyone listens or not; only what someone can hear is batched
      const on = s.transponder === 'on' && (heard === undefined || heard[slot] !== 0);
      for (let k = 0; k < SQUITTER_KINDS; k++) {
        const due = this.due[k];
        let t = due[slot];
        if (Number.isNaN(t) || !table.hasPrev[slot]) {
          // (re)appearing: a random phase from now on
          due[slot] = t1 + Math.round(this.rng.next() * this.interval(k, s) * 1000) / 1000;
          continue;
        }
        first[slot * SQUITTER_KINDS + k] = batch.count;
        while (t <= t1) {
          if (t > t0 && on && !(k === SQ_VELOCITY && s.onGround)) {
            const e = batch.push(t, slot, k);
            if (k <= SQ_VELOCITY) {
              // at the time the key keeps (whole µs), as it is read back
              table.interpolate(slot, batch.originMs + Math.round((t - batch.originMs) * 1000) / 1000, st);
              const v = batch.state;
              const o = e * KIN_FIELDS;
              v[o + KIN_LAT] = st.lat;
              v[o + KIN_LON] = st.lon;
              v[o + KIN_PALT] = st.pressureAltFt;
              v[o + KIN_GS] = st.gsMps;
              v[o + KIN_TRK] = st.trackDeg;
              v[o + KIN_VR] = st.vrMps;
            }
            batch.setFrame(e, this.encode(k, slot, s, st));
          }
          t += this.interval(k, s);
        }
        due[slot] = t;
      }
    }
    batch.sort();
    return batch;
  }

  /**
   * Encodes one transmission of a slot's aircraft at the interpolated state `st`. The frame is valid until the
   * next call (positions and velocities share one buffer; identification, status and acquisition squitters are
   * kept per aircraft).
   */
  encode(kind: number, slot: number, s: TruthState, st: Interpolated): Uint8Array {
    this.sent[kind]++;
    const icao = this.icao(slot, s);
    const ground = s.onGround ? 1 : 0;
    switch (kind) {
      case SQ_POSITION: {
        const odd = this.odd[slot] === 1;
        this.odd[slot] = odd ? 0 : 1;
        if (ground) return this.squitter.surfacePosition(icao, st.lat, st.lon, odd, st.gsMps / MPS_PER_KT, st.trackDeg, 9);
        return this.squitter.airbornePosition(icao, st.lat, st.lon, st.pressureAltFt, odd, 8);
      }
      case SQ_VELOCITY:
        return this.squitter.groundVelocity(
          icao,
          st.gsMps / MPS_PER_KT,
          st.trackDeg,
          st.vrMps / MPS_PER_FPM,
          st.heightM / M_PER_FT - st.pressureAltFt,
          2,
        );
      case SQ_IDENT: {
        let f = this.identFrame[ground][slot];
        if (f === undefined || this.identCallsign[slot] !== s.callsign || this.identClass[slot] !== s.aircraftClass || !sameAddress(f, icao)) {
          f = encodeIdentification({ icao, callsign: s.callsign, categoryCode: CATEGORY[s.aircraftClass] ?? 'A0', ca: ground ? 4 : 5 });
          this.identFrame[ground][slot] = f;
          this.identFrame[1 - ground][slot] = undefined;
          this.identCallsign[slot] = s.callsign;
          this.identClass[slot] = s.aircraftClass;
        }
        return f;
      }
      case SQ_STATUS: {
        let f = this.statusFrame[ground][slot];
        if (f === undefined || !sameAddress(f, icao)) {
          f = encodeOperationalStatus(icao, ground === 1);
          this.statusFrame[ground][slot] = f;
        }
        return f;
      }
      default: {
        let f = this.acquisitionFrame[ground][slot];
        if (f === undefined || !sameAddress(f, icao)) {
          f = encodeAllCall(icao, ground ? 4 : 5);
          this.acquisitionFrame[ground][slot] = f;
        }
        return f;
      }
    }
  }
}
