// SPDX-License-Identifier: GPL-3.0-or-later
// A rotating radar, primary and/or secondary (Mode 3/A/C, Mode S): the beam sweeps at a constant rate from a
// random phase; a target in cover is detected when the beam crosses its azimuth (the target interpolated
// between ticks to that instant), with Gaussian range and azimuth noise, a detection probability and false
// plots. It sends CAT048 target reports and CAT034 north markers and sector crossings, one ASTERIX data block
// per datagram; a block closes at each service message, at the end of each tick and before it grows past
// a UDP datagram's usual size.

import { type Enu, EnuFrame } from '../../core/geodesy.ts';
import { M_PER_NM } from '../../core/units.ts';
import type { AsterixCodec } from '../../asterix/codec.ts';
import { type FieldHandle, icaoCallsignBits, octalCode4, type RecordBuilder, type RecordWriter } from '../../asterix/builder.ts';
import { type SimSensor, DEFAULT_EDITIONS } from './config.ts';
import { UnitLog } from './output.ts';
import { RADIO_EARTH_RADIUS_M, radioHorizonM } from './receiver.ts';
import type { Rng } from '../random.ts';
import { sensorRng } from './rng.ts';
import { newInterpolated, type TruthTable } from './truth-table.ts';

const RAD = Math.PI / 180;
const DAY_MS = 86_400_000;
/** Close a CAT048 block before it passes this size (bytes): one Ethernet MTU's UDP payload, less a record. */
const MAX_BLOCK_BYTES = 1400;

/** I048/020 TYP: what detected the target. */
export const TYP_PSR = 1;
export const TYP_SSR = 2;
export const TYP_SSR_PSR = 3;
export const TYP_MODES_ROLLCALL = 5;
export const TYP_MODES_ROLLCALL_PSR = 7;

/** The plot writer's fields (RadarModel.w48), by index. */
const W_SAC = 0;
const W_SIC = 1;
const W_TOD = 2;
const W_TYP = 3;
const W_RHO = 4;
const W_THETA = 5;
const W_MODE3A = 6;
const W_FL = 7;
const W_ADR = 8;
const W_CALLSIGN = 9;
const W_TRN = 10;

export interface RadarCounters {
  scans: number;
  plots: number;
  falsePlots: number;
  missed: number;
  psrOnly: number;
}

/** Plots found in one tick, before they are ordered and encoded. Reused. */
class PlotList {
  n = 0;
  t = new Float64Array(1024);
  slot = new Int32Array(1024);
  typ = new Uint8Array(1024);
  rhoNm = new Float64Array(1024);
  thetaDeg = new Float64Array(1024);
  flFt = new Float64Array(1024);
  keys = new Float64Array(1024);

  push(t: number, slot: number, typ: number, rhoNm: number, thetaDeg: number, altFt: number): void {
    if (this.n === this.t.length) this.grow();
    const i = this.n++;
    this.t[i] = t;
    this.slot[i] = slot;
    this.typ[i] = typ;
    this.rhoNm[i] = rhoNm;
    this.thetaDeg[i] = thetaDeg;
    this.flFt[i] = altFt;
  }

  private grow(): void {
    const n = this.t.length * 2;
    const f = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.t = f(this.t);
    this.rhoNm = f(this.rhoNm);
    this.thetaDeg = f(this.thetaDeg);
    this.flFt = f(this.flFt);
    this.keys = new Float64Array(n);
    const s = new Int32Array(n);
    s.set(this.slot);
    this.slot = s;
    const y = new Uint8Array(n);
    y.set(this.typ);
    this.typ = y;
  }

  /** Indices in time order (ties by insertion), written into keys[0..n) as integers. */
  sort(t0: number): Float64Array {
    const k = this.keys.subarray(0, this.n);
    const idxBits = 2 ** 22;
    for (let i = 0; i < this.n; i++) k[i] = Math.round((this.t[i] - t0) * 1000) * idxBits + i;
    k.sort();
    for (let i = 0; i < this.n; i++) k[i] = k[i] % idxBits;
    return k;
  }
}

export class RadarModel {
  readonly config: SimSensor;
  readonly log = new UnitLog(1 << 16, 1 << 10);
  readonly counters: RadarCounters = { scans: 0, plots: 0, falsePlots: 0, missed: 0, psrOnly: 0 };
  readonly periodMs: number;
  /** Time of a north crossing; the others are whole periods away. */
  readonly northEpochMs: number;
  private readonly rng: Rng;
  private readonly frame: EnuFrame;
  private readonly enu: Enu = { eastM: 0, northM: 0, upM: 0 };
  private readonly ox: number;
  private readonly oy: number;
  private readonly oz: number;
  private readonly maxRangeM: number;
  private readonly nearM2: number;
  /** The radar's term of radioHorizonM, and its frame's sines and cosines (as EnuFrame has them). */
  private readonly horizon0: number;
  private readonly sinLat: number;
  private readonly cosLat: number;
  private readonly sinLon: number;
  private readonly cosLon: number;
  private azPrev = new Float64Array(1024);
  private azCur = new Float64Array(1024);
  private inCover = new Uint8Array(1024);
  private readonly plots = new PlotList();
  private readonly st = newInterpolated();
  private readonly b48: RecordBuilder;
  private readonly b34: RecordBuilder;
  private readonly h: Record<string, FieldHandle>;
  private readonly h34: Record<string, FieldHandle>;
  /** The plot's fields in one call (W_* order), and the raw bits of each callsign seen (-1: not encodable so). */
  private readonly w48: RecordWriter;
  private readonly callsignBits = new Map<string, number>();
  private blockLastMs = Number.NaN;
  /** Whether the edition's I090 flight level takes negative values. */
  private readonly flSigned: boolean;

  constructor(config: SimSensor, seed: number, startMs: number, codec: AsterixCodec) {
    this.config = config;
    this.rng = sensorRng(seed, config.id, config.seed);
    this.periodMs = config.rotationPeriodS * 1000;
    this.northEpochMs = startMs + Math.round(this.rng.next() * this.periodMs * 1000) / 1000;
    this.frame = new EnuFrame(config.lat, config.lon, config.heightM);
    const o = this.frame.originEcef;
    this.ox = o.x;
    this.oy = o.y;
    this.oz = o.z;
    // RHO is 16 bits of 1/256 NM: no plot beyond 256 NM can be sent
    this.maxRangeM = Math.min(config.maxRangeNm, 255.99) * M_PER_NM;
    // "near cover": within maximum range plus a minute of supersonic flight
    this.nearM2 = (this.maxRangeM + 40_000) ** 2;
    this.horizon0 = Math.sqrt(2 * RADIO_EARTH_RADIUS_M * Math.max(0, config.heightM));
    this.sinLat = Math.sin(config.lat * RAD);
    this.cosLat = Math.cos(config.lat * RAD);
    this.sinLon = Math.sin(config.lon * RAD);
    this.cosLon = Math.cos(config.lon * RAD);
    this.b48 = codec.builder(48, { edition: config.editions['48'] ?? DEFAULT_EDITIONS['48'], capacity: 2048 });
    this.b34 = codec.builder(34, { edition: config.editions['34'] ?? DEFAULT_EDITIONS['34'], capacity: 256 });
    const b = this.b48;
    this.h = {
      sac: b.field('010/SAC'),
      sic: b.field('010/SIC'),
      tod: b.field('140'),
      typ: b.field('020/TYP'),
      rho: b.field('040/RHO'),
      theta: b.field('040/THETA'),
      mode3a: b.field('070/MODE3A'),
      fl: b.field('090/FL'),
      adr: b.field('220'),
      callsign: b.field('240'),
      trn: b.field('161/TRN'),
    };
    const h = this.h;
    this.w48 = b.recordWriter([h.sac, h.sic, h.tod, h.typ, h.rho, h.theta, h.mode3a, h.fl, h.adr, h.callsign, h.trn]);
    this.flSigned = true;
    try {
      codec.builder(48, { edition: config.editions['48'] ?? DEFAULT_EDITIONS['48'] }).set('090/FL', -1);
    } catch {
      this.flSigned = false;
    }
    const c = this.b34;
    this.h34 = {
      sac: c.field('010/SAC'),
      sic: c.field('010/SIC'),
      type: c.field('000'),
      tod: c.field('030'),
      sector: c.field('020'),
      period: c.field('041'),
    };
  }

  /** Beam azimuth at a time, degrees clockwise from north. */
  beamAzimuthDeg(t: number): number {
    const f = (t - this.northEpochMs) / this.periodMs;
    return (f - Math.floor(f)) * 360;
  }

  private ensure(size: number): void {
    if (size <= this.azCur.length) return;
    let n = this.azCur.length;
    while (n < size) n *= 2;
    const p = new Float64Array(n);
    p.set(this.azPrev);
    this.azPrev = p;
    const c = new Float64Array(n);
    c.set(this.azCur);
    this.azCur = c;
    const v = new Uint8Array(n);
    v.set(this.inCover);
    this.inCover = v;
  }

  /** Slant range (m) and, in `azOut[slot]`, azimuth (deg) of an ECEF point; NaN range when out of cover. */
  private polar(x: number, y: number, z: number, targetHeightM: number): number {
    const dx = x - this.ox;
    const dy = y - this.oy;
    const dz = z - this.oz;
    const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (d > this.maxRangeM || d < 100 || d > radioHorizonM(this.config.heightM, targetHeightM)) return Number.NaN;
    return d;
  }

  private azimuth(x: number, y: number, z: number): number {
    const enu = this.frame.ecefToEnu(x, y, z, this.enu);
    const a = Math.atan2(enu.eastM, enu.northM) / RAD;
    return a < 0 ? a + 360 : a;
  }

  /** Observes the tick (table.prevTimeMs, table.timeMs]: service messages, plots, false plots, in time order. */
  step(table: TruthTable): void {
    this.ensure(table.size);
    const t1 = table.timeMs;
    const t0 = table.prevTimeMs;
    const cfg = this.config;
    // azimuths and cover at this tick (azimuth() and polar() written out, with the same arithmetic)
    const { present, x, y, z, h } = table;
    const azPrev = this.azPrev;
    const azCur = this.azCur;
    const inCover = this.inCover;
    const { ox, oy, oz, nearM2, maxRangeM, horizon0, sinLat, cosLat, sinLon, cosLon } = this;
    for (let i = 0; i < table.presentCount; i++) {
      const slot = present[i];
      azPrev[slot] = azCur[slot];
      // azimuths only near cover (NaN elsewhere: a target needs two ticks near cover to be swept)
      const dx = x[slot] - ox;
      const dy = y[slot] - oy;
      const dz = z[slot] - oz;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 > nearM2) {
        azCur[slot] = Number.NaN;
        inCover[slot] = 0;
        continue;
      }
      const east = -sinLon * dx + cosLon * dy;
      const north = -sinLat * cosLon * dx - sinLat * sinLon * dy + cosLat * dz;
      const a = Math.atan2(east, north) / RAD;
      azCur[slot] = a < 0 ? a + 360 : a;
      const d = Math.sqrt(d2);
      inCover[slot] = d > maxRangeM || d < 100 || d > horizon0 + Math.sqrt(2 * RADIO_EARTH_RADIUS_M * Math.max(0, h[slot])) ? 0 : 1;
    }
    if (!Number.isFinite(t0) || !(t1 > t0)) return;
    const T = t1 - t0;
    const omega = 360 / this.periodMs;
    const b0 = this.beamAzimuthDeg(t0);
    const plots = this.plots;
    plots.n = 0;
    const noise = cfg.noise;
    const st = this.st;
    for (let i = 0; i < table.presentCount; i++) {
      const slot = table.present[i];
      if (!table.hasPrev[slot] || this.inCover[slot] === 0 || Number.isNaN(this.azPrev[slot])) continue;
      let da = this.azCur[slot] - this.azPrev[slot];
      if (da > 180) da -= 360;
      else if (da <= -180) da += 360;
      const rate = omega - da / T;
      if (!(rate > 0)) continue;
      let g0 = b0 - this.azPrev[slot];
      g0 -= Math.floor(g0 / 360) * 360;
      for (let tau = (360 - g0) / rate; tau <= T; tau += 360 / rate) {
        if (tau <= 0) continue;
        const t = t0 + tau;
        table.interpolate(slot, t, st);
        const s = table.cur[slot];
        const range = this.polar(st.x, st.y, st.z, st.heightM);
        if (Number.isNaN(range)) continue;
        const theta = this.azimuth(st.x, st.y, st.z);
        const xpdr = s.transponder === 'on';
        const ssr = cfg.ssr && xpdr && (!noise || this.rng.next() < cfg.detectionProbability);
        const psr = cfg.psr && (!noise || this.rng.next() < cfg.detectionProbability);
        if (!ssr && !psr) {
          this.counters.missed++;
          continue;
        }
        const typ = ssr ? (cfg.modeS ? (psr ? TYP_MODES_ROLLCALL_PSR : TYP_MODES_ROLLCALL) : psr ? TYP_SSR_PSR : TYP_SSR) : TYP_PSR;
        let rho = range + cfg.rangeBiasM;
        let az = theta + cfg.azimuthBiasDeg;
        if (noise) {
          rho += cfg.rangeSigmaM * this.rng.normal();
          az += cfg.azimuthSigmaDeg * this.rng.normal();
        }
        az -= Math.floor(az / 360) * 360;
        plots.push(t, slot, typ, rho / M_PER_NM, az, st.pressureAltFt);
      }
    }
    // false plots: uniform in time (so in azimuth, behind the beam) and in area
    if (noise && cfg.falsePlotsPerScan > 0) {
      const k = this.rng.poisson((cfg.falsePlotsPerScan * T) / this.periodMs);
      for (let j = 0; j < k; j++) {
        const t = t0 + Math.max(1e-3, this.rng.next() * T);
        const rhoNm = Math.max(1, Math.sqrt(this.rng.next()) * (this.maxRangeM / M_PER_NM));
        plots.push(t, -1, TYP_PSR, rhoNm, this.beamAzimuthDeg(t), Number.NaN);
      }
    }
    const order = plots.sort(t0);
    // service messages in (t0, t1], merged with the plots
    const sectors = cfg.sectorsPerScan;
    const sectorMs = this.periodMs / sectors;
    let k = Math.floor((t0 - this.northEpochMs) / sectorMs) + 1;
    let next = this.northEpochMs + k * sectorMs;
    let p = 0;
    for (;;) {
      const serviceDue = next <= t1;
      while (p < plots.n && (!serviceDue || plots.t[order[p]] < next)) this.writePlot(order[p++], table);
      if (!serviceDue) break;
      const sector = ((k % sectors) + sectors) % sectors;
      this.writeService(next, sector === 0 ? 1 : 2, (sector * 360) / sectors);
      k++;
      next = this.northEpochMs + k * sectorMs;
    }
    this.flush48();
  }

  private timeOfDayS(t: number): number {
    const ms = t - this.config.timeBiasMs;
    return (((ms % DAY_MS) + DAY_MS) % DAY_MS) / 1000;
  }

  private writePlot(i: number, table: TruthTable): void {
    const p = this.plots;
    const b = this.b48;
    const cfg = this.config;
    if (b.size > MAX_BLOCK_BYTES) this.flush48();
    const slot = p.slot[i];
    const typ = p.typ[i];
    // The record's fields in one go (the writer is setValue per field, then finishRecord): NaN for those it lacks.
    const v = this.w48.values;
    v[W_SAC] = cfg.sac ?? 0;
    v[W_SIC] = cfg.sic ?? 0;
    v[W_TOD] = this.timeOfDayS(p.t[i]) % 131072;
    v[W_TYP] = typ;
    v[W_RHO] = Math.min(p.rhoNm[i], 255.996);
    v[W_THETA] = p.thetaDeg[i] >= 359.997 ? 0 : p.thetaDeg[i];
    v[W_MODE3A] = Number.NaN;
    v[W_FL] = Number.NaN;
    v[W_ADR] = Number.NaN;
    v[W_CALLSIGN] = Number.NaN;
    v[W_TRN] = Number.NaN;
    if (slot < 0) {
      this.counters.falsePlots++;
    } else {
      const s = table.cur[slot];
      if (typ === TYP_PSR) this.counters.psrOnly++;
      else {
        const squawk = octalCode4(s.squawk);
        // (a code the fast route does not take goes through setValue, which pads or names the fault)
        if (squawk < 0) {
          this.writePlotBySetters(i, table);
          return;
        }
        v[W_MODE3A] = squawk;
        const modeS = typ === TYP_MODES_ROLLCALL || typ === TYP_MODES_ROLLCALL_PSR;
        // Mode S reports altitude in 25 ft steps, Mode C in 100 ft steps; I090 counts quarter flight levels
        const fl = modeS ? Math.round(p.flFt[i] / 25) / 4 : Math.round(p.flFt[i] / 100);
        // I090 is two's complement in the standard, but edition 1.31's spec table says unsigned: there, below FL 0
        // (ground traffic under a high QNH) the plot goes without a flight level rather than with a wrong one
        if (fl <= 1270 && (fl >= 0 || (fl >= -12 && this.flSigned))) v[W_FL] = fl;
        if (modeS) {
          v[W_ADR] = Number.parseInt(s.icao, 16) & 0xffffff;
          let cs = this.callsignBits.get(s.callsign);
          if (cs === undefined) {
            const text = s.callsign.trim().toUpperCase();
            cs = text.length > 0 ? icaoCallsignBits(text.slice(0, 8)) : -2;
            this.callsignBits.set(s.callsign, cs);
          }
          if (cs === -1) {
            this.writePlotBySetters(i, table);
            return;
          }
          if (cs >= 0) v[W_CALLSIGN] = cs;
        }
      }
      if (cfg.trackNumbers) v[W_TRN] = (slot % 4095) + 1;
    }
    this.w48.write();
    this.counters.plots++;
    this.blockLastMs = p.t[i];
  }

  /** writePlot field by field (for a plot whose squawk or callsign the writer's raw route does not take). */
  private writePlotBySetters(i: number, table: TruthTable): void {
    const p = this.plots;
    const b = this.b48;
    const h = this.h;
    const cfg = this.config;
    const slot = p.slot[i];
    const typ = p.typ[i];
    b.setValue(h.sac, cfg.sac ?? 0);
    b.setValue(h.sic, cfg.sic ?? 0);
    b.setValue(h.tod, this.timeOfDayS(p.t[i]) % 131072);
    b.setValue(h.typ, typ);
    b.setValue(h.rho, Math.min(p.rhoNm[i], 255.996));
    b.setValue(h.theta, p.thetaDeg[i] >= 359.997 ? 0 : p.thetaDeg[i]);
    const s = table.cur[slot];
    b.setValue(h.mode3a, s.squawk);
    const modeS = typ === TYP_MODES_ROLLCALL || typ === TYP_MODES_ROLLCALL_PSR;
    const fl = modeS ? Math.round(p.flFt[i] / 25) / 4 : Math.round(p.flFt[i] / 100);
    if (fl <= 1270 && (fl >= 0 || (fl >= -12 && this.flSigned))) b.setValue(h.fl, fl);
    if (modeS) {
      b.setRaw(h.adr, Number.parseInt(s.icao, 16) & 0xffffff);
      const cs = s.callsign.trim().toUpperCase();
      if (cs.length > 0) b.setValue(h.callsign, cs.slice(0, 8));
    }
    if (cfg.trackNumbers) b.setRaw(h.trn, (slot % 4095) + 1);
    b.finishRecord();
    this.counters.plots++;
    this.blockLastMs = p.t[i];
  }

  private flush48(): void {
    if (this.b48.records === 0) return;
    const block = this.b48.block();
    this.log.bytes(block);
    this.log.endUnit(this.blockLastMs);
  }

  private writeService(t: number, type: 1 | 2, sectorDeg: number): void {
    this.flush48();
    const c = this.b34;
    const h = this.h34;
    c.setValue(h.sac, this.config.sac ?? 0);
    c.setValue(h.sic, this.config.sic ?? 0);
    c.setValue(h.type, type);
    c.setValue(h.tod, this.timeOfDayS(t));
    c.setValue(h.sector, sectorDeg);
    if (type === 1) {
      c.setValue(h.period, this.config.rotationPeriodS);
      this.counters.scans++;
    }
    c.finishRecord();
    this.log.bytes(c.block());
    this.log.endUnit(t);
  }
}
