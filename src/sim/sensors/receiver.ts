// SPDX-License-Identifier: GPL-3.0-or-later
// An ADS-B ground receiver: hears the squitters of aircraft within radio line of sight (4/3 Earth) and its
// maximum range, loses some frames, corrupts a few bits of others, and writes what it hears as Beast (with its
// 12 MHz counter, started at the scenario's start), AVR or SBS (as dump1090 writes it from decoded messages).

import { geodeticToEcef } from '../../core/geodesy.ts';
import { M_PER_NM, MPS_PER_FPM, MPS_PER_KT } from '../../core/units.ts';
import { encodeMovement, MOVEMENT_KT } from '../../modes/adsb/surface.ts';
import type { TruthState } from '../truth.ts';
import { type SimFormat, type SimSensor, sensorFormat } from './config.ts';
import { UnitLog } from './output.ts';
import type { Rng } from '../random.ts';
import { sensorRng } from './rng.ts';
import { quantise, SBS_ABSENT, SbsClock, writeAvrLine, writeSbsFields } from './text.ts';
import { SQ_ACQUISITION, SQ_IDENT, SQ_POSITION, SQ_VELOCITY } from './transponders.ts';
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
    // radioHorizonM(antenna, aircraft), its antenna's term worked out once
    const horizon0 = Math.sqrt(2 * RADIO_EARTH_RADIUS_M * Math.max(0, this.antennaM));
    const { present, x, y, z, h } = table;
    const visible = this.visible;
    const rangeM = this.rangeM;
    const maxRangeM = this.maxRangeM;
    let count = 0;
    for (let i = 0; i < table.presentCount; i++) {
      const slot = present[i];
      const dx = x[slot] - this.x;
      const dy = y[slot] - this.y;
      const dz = z[slot] - this.z;
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (d > maxRangeM) continue;
      if (d > horizon0 + Math.sqrt(2 * RADIO_EARTH_RADIUS_M * Math.max(0, h[slot]))) continue;
      visible[slot] = 1;
      rangeM[slot] = d;
      count++;
    }
    return count;
  }

  /** One transmission in cover (the `len` bytes at `off` in `buf`) reaches the antenna (or not). */
  receive(buf: Uint8Array, off: number, len: number, kind: number, slot: number, s: TruthState, st: Interpolated): void {
    if (this.missedRate > 0 && this.rng.next() < this.missedRate) {
      this.counters.missed++;
      return;
    }
    let f = buf;
    let o = off;
    if (this.pLong > 0) {
      if (this.rng.next() < (len === 14 ? this.pLong : this.pShort)) {
        this.counters.corrupted++;
        // SBS comes from decoded messages: a frame that fails its parity never becomes a line
        if (this.fmt === FMT_SBS) return;
        f = this.scratch;
        o = 0;
        for (let i = 0; i < len; i++) f[i] = buf[off + i];
        const bit = this.rng.int(0, len * 8 - 1);
        f[bit >> 3] ^= 0x80 >> (bit & 7);
      }
    }
    this.counters.heard++;
    const t = st.timeMs;
    if (this.fmt === FMT_BEAST) this.writeBeast(f, o, len, t, this.rangeM[slot]);
    else if (this.fmt === FMT_AVR) {
      writeAvrLine(this.log, f, len, this.counter12MHz(t), o);
      this.log.endUnit(t);
    } else this.writeSbs(f[o + 6], kind, slot, s, st);
  }

  /** The receiver's 12 MHz counter at a time (it started with the scenario). */
  counter12MHz(timeMs: number): number {
    return Math.floor((timeMs - this.counterEpochMs) * 12_000 + 1e-6);
  }

  /** Beast binary, escaped, written straight into the log (the same bytes as feeds/beast.ts encodeBeast). */
  private writeBeast(f: Uint8Array, off: number, len: number, t: number, rangeM: number): void {
    const log = this.log;
    log.reserve(2 + 2 * (7 + len));
    const b = log.buf;
    let p = log.pos;
    b[p++] = ESC;
    b[p++] = len === 7 ? 0x32 : 0x33;
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
    for (let i = off; i < off + len; i++) {
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

  /** An SBS line as dump1090 writes it for the decoded message (none for operational status); me6: the frame's byte 6. */
  private writeSbs(me6: number, kind: number, slot: number, s: TruthState, st: Interpolated): void {
    const t = st.timeMs;
    const none = Number.NaN;
    let type: number;
    let callsign: string | undefined;
    let altFt = none;
    let gsKt = none;
    let trackDeg = none;
    let lat = none;
    let lon = none;
    let vrFpm = none;
    let flags = SBS_ABSENT;
    switch (kind) {
      case SQ_IDENT:
        type = 1;
        callsign = s.callsign.trim().toUpperCase().slice(0, 8);
        break;
      case SQ_POSITION: {
        // CPR format bit (ME bit 22); a position is decoded once both formats are recent
        if ((me6 & 0x04) !== 0) this.oddMs[slot] = t;
        else this.evenMs[slot] = t;
        const paired = Math.abs(this.evenMs[slot] - this.oddMs[slot]) <= PAIR_WINDOW_MS;
        if (s.onGround) {
          type = 2;
          const code = encodeMovement(st.gsMps / MPS_PER_KT);
          if (code >= 1 && code <= 124) gsKt = MOVEMENT_KT[code];
          trackDeg = quantise((Math.round((st.trackDeg * 128) / 360) & 127) * (360 / 128), 3);
        } else {
          type = 3;
          altFt = Math.round(st.pressureAltFt / 25) * 25;
          flags = 0;
        }
        if (paired) {
          lat = quantise(st.lat, 6);
          lon = quantise(st.lon, 6);
        }
        break;
      }
      case SQ_VELOCITY: {
        type = 4;
        const kt = st.gsMps / MPS_PER_KT;
        const tr = (st.trackDeg * Math.PI) / 180;
        const ew = Math.round(kt * Math.sin(tr));
        const ns = Math.round(kt * Math.cos(tr));
        gsKt = quantise(Math.sqrt(ew * ew + ns * ns), 3);
        let trk = (Math.atan2(ew, ns) * 180) / Math.PI;
        if (trk < 0) trk += 360;
        trackDeg = quantise(trk, 3);
        vrFpm = Math.round(st.vrMps / MPS_PER_FPM / 64) * 64;
        break;
      }
      case SQ_ACQUISITION:
        type = 8;
        break;
      default:
        // operational status (SQ_STATUS) makes no line
        return;
    }
    writeSbsFields(this.log, this.sbsClock, type, s.icao, false, t, callsign, altFt, gsKt, trackDeg, lat, lon, vrFpm, undefined, flags, flags, flags, s.onGround ? 1 : 0);
    this.log.endUnit(t);
  }
}
