// SPDX-License-Identifier: GPL-3.0-or-later
// An ADS-B ground receiver: hears the squitters of aircraft within radio line of sight (4/3 Earth) and its
// maximum range, loses some frames, corrupts a few bits of others, and writes what it hears as Beast (with its
// 12 MHz counter, started at the scenario's start), AVR or SBS (as dump1090 writes it from decoded messages).

import { geodeticToEcef } from '../../core/geodesy.ts';
import { M_PER_NM, MPS_PER_FPM, MPS_PER_KT } from '../../core/units.ts';
import type { SbsRecord } from '../../feeds/sbs.ts';
import { encodeMovement, MOVEMENT_KT } from '../../modes/adsb/surface.ts';
import type { TruthState } from '../truth.ts';
import { type SimFormat, type SimSensor, sensorFormat } from './config.ts';
import { UnitLog } from './output.ts';
import type { Rng } from '../random.ts';
import { sensorRng } from './rng.ts';
import { quantise, SbsClock, writeAvrLine, writeSbsLine } from './text.ts';
import { SQ_ACQUISITION, SQ_IDENT, SQ_POSITION, SQ_STATUS, SQ_VELOCITY } from './transponders.ts';
import type { Interpolated, TruthTable } from './truth-table.ts';

/** Effective Earth radius for radio propagation (4/3 of the mean radius), m. */
export const RADIO_EARTH_RADIUS_M = (4 / 3) * 6_371_008.8;

/** Radio horizon distance between two antennas at these heights (m above the surface), m. */
export function radioHorizonM(h1M: number, h2M: number): number {
  return Math.sqrt(2 * RADIO_EARTH_RADIUS_M * Math.max(0, h1M)) + Math.sqrt(2 * RADIO_EARTH_RADIUS_M * Math.max(0, h2M));
}

/** Range at which the signal reaches full scale; it falls with the square of range beyond. */
const FULL_SCALE_RANGE_M = 10_000;
/** CPR even/odd pairs are usable within this time (DO-260B), for SBS positions. */
const PAIR_WINDOW_MS = 10_000;
const ESC = 0x1a;
const FMT_BEAST = 0;
const FMT_AVR = 1;
const FMT_SBS = 2;

export interface ReceiverCounters {
  heard: number;
  missed: number;
  corrupted: number;
}

export class AdsbReceiver {
  readonly config: SimSensor;
  readonly format: SimFormat;
  readonly log = new UnitLog();
  readonly counters: ReceiverCounters = { heard: 0, missed: 0, corrupted: 0 };
  /** Per slot: 1 when the aircraft is in cover at the latest tick, and its slant range (m). */
  visible = new Uint8Array(1024);
  rangeM = new Float64Array(1024);
  private readonly rng: Rng;
  private readonly x: number;
  private readonly y: number;
  private readonly z: number;
  private readonly maxRangeM: number;
  private readonly counterEpochMs: number;
  private readonly noise: boolean;
  private readonly scratch = new Uint8Array(14);
  /** Probability that a long (112-bit) or short (56-bit) frame has a bit error. */
  private readonly pLong: number;
  private readonly pShort: number;
  private readonly missedRate: number;
  private readonly fmt: number;
  private readonly antennaM: number;
  /** SBS: per slot, the last even and odd airborne/surface position heard (for "decoded" positions). */
  private evenMs = new Float64Array(1024).fill(Number.NaN);
  private oddMs = new Float64Array(1024).fill(Number.NaN);
  private readonly sbs: SbsRecord = { transmissionType: 0, icao: '', timeMs: 0 };
  private readonly sbsClock = new SbsClock();

  constructor(config: SimSensor, seed: number, startMs: number) {
    this.config = config;
    this.format = sensorFormat(config);
    this.rng = sensorRng(seed, config.id, config.seed);
    const p = geodeticToEcef(config.lat, config.lon, config.heightM);
    this.x = p.x;
    this.y = p.y;
    this.z = p.z;
    this.maxRangeM = config.maxRangeNm * M_PER_NM;
    this.counterEpochMs = startMs;
    this.noise = config.noise;
    // the error rates as plain fields (zero for a noise-free receiver), read on every frame
    const ber = config.noise ? config.bitErrorRate : 0;
    this.pLong = 1 - (1 - ber) ** 112;
    this.pShort = 1 - (1 - ber) ** 56;
    this.missedRate = config.noise ? config.missedFrameRate : 0;
    this.fmt = this.format === 'beast' ? FMT_BEAST : this.format === 'avr' ? FMT_AVR : FMT_SBS;
    this.antennaM = config.heightM;
  }

  /** Works out which aircraft are in cover at the latest tick. Returns how many are. */
  prepare(table: TruthTable): number {
    if (this.visible.length < table.size) {
      let n = this.visible.length;
      while (n < table.size) n *= 2;
      this.visible = new Uint8Array(n);
      this.rangeM = new Float64Array(n);
      const e = new Float64Array(n).fill(Number.NaN);
      e.set(this.evenMs);
      this.evenMs = e;
      const o = new Float64Array(n).fill(Number.NaN);
      o.set(this.oddMs);
      this.oddMs = o;
    }
    this.visible.fill(0);
    const antennaM = this.antennaM;
    let count = 0;
    for (let i = 0; i < table.presentCount; i++) {
      const slot = table.present[i];
      const dx = table.x[slot] - this.x;
      const dy = table.y[slot] - this.y;
      const dz = table.z[slot] - this.z;
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (d > this.maxRangeM) continue;
      if (d > radioHorizonM(antennaM, table.cur[slot].heightM)) continue;
      this.visible[slot] = 1;
      this.rangeM[slot] = d;
      count++;
    }
    return count;
  }

  /** One transmission in cover reaches the antenna (or not). */
  receive(frame: Uint8Array, kind: number, slot: number, s: TruthState, st: Interpolated): void {
    if (this.missedRate > 0 && this.rng.next() < this.missedRate) {
      this.counters.missed++;
      return;
    }
    let f = frame;
    if (this.pLong > 0) {
      if (this.rng.next() < (frame.length === 14 ? this.pLong : this.pShort)) {
        this.counters.corrupted++;
        // SBS comes from decoded messages: a frame that fails its parity never becomes a line
        if (this.fmt === FMT_SBS) return;
        f = this.scratch.subarray(0, frame.length);
        f.set(frame);
        const bit = this.rng.int(0, frame.length * 8 - 1);
        f[bit >> 3] ^= 0x80 >> (bit & 7);
      }
    }
    this.counters.heard++;
    const t = st.timeMs;
    if (this.fmt === FMT_BEAST) this.writeBeast(f, t, this.rangeM[slot]);
    else if (this.fmt === FMT_AVR) {
      writeAvrLine(this.log, f, f.length, this.counter12MHz(t));
      this.log.endUnit(t);
    } else this.writeSbs(f, kind, slot, s, st);
  }

  /** The receiver's 12 MHz counter at a time (it started with the scenario). */
  counter12MHz(timeMs: number): number {
    return Math.floor((timeMs - this.counterEpochMs) * 12_000 + 1e-6);
  }

  /** Beast binary, escaped, written straight into the log (the same bytes as feeds/beast.ts encodeBeast). */
  private writeBeast(f: Uint8Array, t: number, rangeM: number): void {
    const log = this.log;
    log.reserve(2 + 2 * (7 + f.length));
    const b = log.buf;
    let p = log.pos;
    b[p++] = ESC;
    b[p++] = f.length === 7 ? 0x32 : 0x33;
    let c = this.counter12MHz(t);
    if (c >= 281474976710656) c %= 281474976710656; // the 48-bit counter wraps after 271 days
    const hi = Math.floor(c / 16777216);
    const lo = c - hi * 16777216;
    const stamp0 = (hi >>> 16) & 0xff;
    const stamp1 = (hi >>> 8) & 0xff;
    const stamp2 = hi & 0xff;
    const stamp3 = (lo >>> 16) & 0xff;
    const stamp4 = (lo >>> 8) & 0xff;
    const stamp5 = lo & 0xff;
    const level = Math.round(Math.min(1, FULL_SCALE_RANGE_M / Math.max(rangeM, 1)) * 255);
    b[p++] = stamp0;
    if (stamp0 === ESC) b[p++] = ESC;
    b[p++] = stamp1;
    if (stamp1 === ESC) b[p++] = ESC;
    b[p++] = stamp2;
    if (stamp2 === ESC) b[p++] = ESC;
    b[p++] = stamp3;
    if (stamp3 === ESC) b[p++] = ESC;
    b[p++] = stamp4;
    if (stamp4 === ESC) b[p++] = ESC;
    b[p++] = stamp5;
    if (stamp5 === ESC) b[p++] = ESC;
    b[p++] = level;
    if (level === ESC) b[p++] = ESC;
    for (let i = 0; i < f.length; i++) {
      const v = f[i];
      b[p++] = v;
      if (v === ESC) b[p++] = ESC;
    }
    log.pos = p;
    log.endUnit(t);
  }

  /** The signal level (0..1, as Beast carries it) at a slant range. */
  static signalAt(rangeM: number): number {
    const a = Math.min(1, FULL_SCALE_RANGE_M / Math.max(rangeM, 1));
    return a * a;
  }

  /** An SBS line as dump1090 writes it for the decoded message (none for operational status). */
  private writeSbs(f: Uint8Array, kind: number, slot: number, s: TruthState, st: Interpolated): void {
    const r = this.sbs;
    const t = st.timeMs;
    r.icao = s.icao;
    r.timeMs = t;
    r.callsign = undefined;
    r.altFt = undefined;
    r.gsKt = undefined;
    r.trackDeg = undefined;
    r.lat = undefined;
    r.lon = undefined;
    r.vrFpm = undefined;
    r.squawk = undefined;
    r.alert = undefined;
    r.emergency = undefined;
    r.spi = undefined;
    r.onGround = s.onGround;
    switch (kind) {
      case SQ_IDENT:
        r.transmissionType = 1;
        r.callsign = s.callsign.trim().toUpperCase().slice(0, 8);
        break;
      case SQ_POSITION: {
        // CPR format bit (ME bit 22); a position is decoded once both formats are recent
        if ((f[6] & 0x04) !== 0) this.oddMs[slot] = t;
        else this.evenMs[slot] = t;
        const paired = Math.abs(this.evenMs[slot] - this.oddMs[slot]) <= PAIR_WINDOW_MS;
        if (s.onGround) {
          r.transmissionType = 2;
          const gsKt = st.gsMps / MPS_PER_KT;
          const code = encodeMovement(gsKt);
          if (code >= 1 && code <= 124) r.gsKt = MOVEMENT_KT[code];
          r.trackDeg = quantise((Math.round((st.trackDeg * 128) / 360) & 127) * (360 / 128), 3);
        } else {
          r.transmissionType = 3;
          r.altFt = Math.round(st.pressureAltFt / 25) * 25;
          r.alert = false;
          r.emergency = false;
          r.spi = false;
        }
        if (paired) {
          r.lat = quantise(st.lat, 6);
          r.lon = quantise(st.lon, 6);
        }
        break;
      }
      case SQ_VELOCITY: {
        r.transmissionType = 4;
        const gsKt = st.gsMps / MPS_PER_KT;
        const tr = (st.trackDeg * Math.PI) / 180;
        const ew = Math.round(gsKt * Math.sin(tr));
        const ns = Math.round(gsKt * Math.cos(tr));
        r.gsKt = quantise(Math.sqrt(ew * ew + ns * ns), 3);
        let trk = (Math.atan2(ew, ns) * 180) / Math.PI;
        if (trk < 0) trk += 360;
        r.trackDeg = quantise(trk, 3);
        r.vrFpm = Math.round(st.vrMps / MPS_PER_FPM / 64) * 64;
        break;
      }
      case SQ_ACQUISITION:
        r.transmissionType = 8;
        break;
      case SQ_STATUS:
        return;
      default:
        return;
    }
    writeSbsLine(this.log, r, this.sbsClock);
    this.log.endUnit(t);
  }
}
