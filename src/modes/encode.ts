// SPDX-License-Identifier: GPL-3.0-or-later
// Mode S encoder for the simulator: DF17/18 extended squitters (identification, airborne and surface
// position with CPR, airborne velocity) and the DF4/5/11/20/21 replies, with parity (or address/parity)
// computed as a transponder would. Every function returns a new frame.

import { encodeAc12, encodeAc13 } from './altitude.ts';
import { cprEncode, type CprCode } from './cpr.ts';
import { crcResidual } from './crc.ts';
import { CALLSIGN_CHARSET } from './adsb/identification.ts';
import { encodeMovement } from './adsb/surface.ts';
import { encodeSquawk } from './identity.ts';

/** An ICAO address as a 24-bit number or 6 hex characters. */
export type IcaoAddress = number | string;

function icaoNumber(icao: IcaoAddress): number {
  return (typeof icao === 'number' ? icao : Number.parseInt(icao, 16)) & 0xffffff;
}

/** Writes `count` (<= 32) bits of `value` at 1-based bit `first`. */
export function setBits(f: Uint8Array, first: number, count: number, value: number): void {
  for (let k = 0; k < count; k++) {
    const pos = first - 1 + k;
    const b = Math.floor(value / 2 ** (count - 1 - k)) & 1;
    const mask = 0x80 >> (pos & 7);
    if (b) f[pos >> 3] |= mask;
    else f[pos >> 3] &= ~mask;
  }
}

/** Computes and writes the 24-bit parity of a frame, XORed with `overlay` (address or interrogator code). */
function writeParity(f: Uint8Array, overlay: number): Uint8Array {
  const n = f.length;
  f[n - 3] = 0;
  f[n - 2] = 0;
  f[n - 1] = 0;
  const p = (crcResidual(f, n) ^ overlay) & 0xffffff;
  f[n - 3] = p >> 16;
  f[n - 2] = (p >> 8) & 0xff;
  f[n - 1] = p & 0xff;
  return f;
}

export interface SquitterHeader {
  icao: IcaoAddress;
  /** 17 (default) or 18. */
  df?: 17 | 18;
  /** DF17 capability (default 5, airborne; surface positions default to 4) or DF18 control field (default 0). */
  ca?: number;
}

/** A DF17/18 frame around a 56-bit ME given as 7 bytes, with parity. */
export function encodeExtendedSquitter(me: Uint8Array, header: SquitterHeader): Uint8Array {
  const f = new Uint8Array(14);
  const df = header.df ?? 17;
  const ca = header.ca ?? (df === 17 ? 5 : 0);
  f[0] = (df << 3) | (ca & 7);
  const aa = icaoNumber(header.icao);
  f[1] = aa >> 16;
  f[2] = (aa >> 8) & 0xff;
  f[3] = aa & 0xff;
  for (let i = 0; i < 7; i++) f[4 + i] = me[i];
  return writeParity(f, 0);
}

/** Writes ME bits (1-based within the ME) into a 7-byte ME buffer. */
function meBits(me: Uint8Array, first: number, count: number, value: number): void {
  setBits(me, first, count, value);
}

const CHARSET_INDEX = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    const c = CALLSIGN_CHARSET.charCodeAt(i);
    if (c !== 35 && t[c] < 0) t[c] = i;
  }
  return t;
})();

export interface IdentificationState extends SquitterHeader {
  /** Emitter category as 'A0'..'D7'; or give tc and category. */
  categoryCode?: string;
  tc?: number;
  category?: number;
  /** Up to 8 characters of A-Z, 0-9 and space; padded with spaces, other characters sent as space. */
  callsign: string;
}

/** TC 1..4 aircraft identification and category. */
export function encodeIdentification(s: IdentificationState): Uint8Array {
  let tc = s.tc ?? 4;
  let category = s.category ?? 0;
  if (s.categoryCode && s.categoryCode.length === 2) {
    tc = 4 - (s.categoryCode.charCodeAt(0) - 65); // A → 4, B → 3, C → 2, D → 1
    category = s.categoryCode.charCodeAt(1) - 48;
  }
  const me = new Uint8Array(7);
  meBits(me, 1, 5, tc);
  meBits(me, 6, 3, category);
  const cs = s.callsign.toUpperCase();
  for (let i = 0; i < 8; i++) {
    const c = i < cs.length ? cs.charCodeAt(i) : 32;
    const code = c < 128 && CHARSET_INDEX[c] >= 0 ? CHARSET_INDEX[c] : 32;
    meBits(me, 9 + 6 * i, 6, code);
  }
  return encodeExtendedSquitter(me, s);
}

/** Baro type code for a NIC (versions 1, 2): 11 → 9 ... 0 → 18. */
const BARO_TC_BY_NIC = [18, 17, 16, 16, 15, 14, 13, 12, 11, 11, 10, 9];
/** Surface type code for a NIC. */
const SURFACE_TC_BY_NIC = [8, 8, 8, 8, 8, 8, 8, 8, 7, 7, 6, 5];

export interface AirbornePositionState extends SquitterHeader {
  lat: number;
  lon: number;
  /** Barometric altitude (altSource 'baro') or GNSS height (altSource 'gnss', sent in metres); NaN/absent: none. */
  altFt?: number;
  altSource?: 'baro' | 'gnss';
  /** CPR format: true for odd. */
  odd: boolean;
  /** Explicit type code (9..18 or 20..22); else chosen from nic or nucP (default NIC 8). */
  tc?: number;
  nic?: number;
  nucP?: number;
  surveillanceStatus?: number;
  /** NIC supplement-B / single-antenna flag, ME bit 8. */
  nicB?: number;
  timeSync?: boolean;
}

function airborneTc(s: AirbornePositionState): number {
  if (s.tc !== undefined) return s.tc;
  const gnss = s.altSource === 'gnss';
  if (s.nucP !== undefined) {
    const nuc = Math.max(0, Math.min(9, Math.round(s.nucP)));
    if (gnss) return nuc === 9 ? 20 : nuc === 8 ? 21 : 22;
    return 18 - nuc;
  }
  const nic = Math.max(0, Math.min(11, Math.round(s.nic ?? 8)));
  if (gnss) return nic === 11 ? 20 : nic === 10 ? 21 : 22;
  return BARO_TC_BY_NIC[nic];
}

const code: CprCode = { cprLat: 0, cprLon: 0 };

/** Airborne position, TC 9..18 (baro) or 20..22 (GNSS), with CPR even or odd. */
export function encodeAirbornePosition(s: AirbornePositionState): Uint8Array {
  const tc = airborneTc(s);
  const me = new Uint8Array(7);
  meBits(me, 1, 5, tc);
  meBits(me, 6, 2, s.surveillanceStatus ?? 0);
  meBits(me, 8, 1, s.nicB ?? 0);
  const alt = s.altFt ?? Number.NaN;
  let ac12 = 0;
  if (Number.isFinite(alt)) {
    if (tc >= 20) ac12 = Math.max(0, Math.min(4095, Math.round(alt * 0.3048)));
    else ac12 = encodeAc12(alt);
  }
  meBits(me, 9, 12, ac12);
  meBits(me, 21, 1, s.timeSync ? 1 : 0);
  meBits(me, 22, 1, s.odd ? 1 : 0);
  if (cprEncode(s.lat, s.lon, s.odd, false, code)) {
    meBits(me, 23, 17, code.cprLat);
    meBits(me, 40, 17, code.cprLon);
  }
  return encodeExtendedSquitter(me, s);
}

export interface SurfacePositionState extends SquitterHeader {
  lat: number;
  lon: number;
  odd: boolean;
  /** Ground speed; absent or NaN: no information. */
  gsKt?: number;
  /** Ground track; absent or NaN: track not valid. */
  trackDeg?: number;
  tc?: number;
  nic?: number;
  timeSync?: boolean;
}

/** Surface position, TC 5..8, with movement, ground track and CPR even or odd. */
export function encodeSurfacePosition(s: SurfacePositionState): Uint8Array {
  const tc = s.tc ?? SURFACE_TC_BY_NIC[Math.max(0, Math.min(11, Math.round(s.nic ?? 8)))];
  const me = new Uint8Array(7);
  meBits(me, 1, 5, tc);
  meBits(me, 6, 7, encodeMovement(s.gsKt ?? Number.NaN));
  const trk = s.trackDeg ?? Number.NaN;
  if (Number.isFinite(trk)) {
    meBits(me, 13, 1, 1);
    meBits(me, 14, 7, Math.round((((trk % 360) + 360) % 360) * (128 / 360)) & 127);
  }
  meBits(me, 21, 1, s.timeSync ? 1 : 0);
  meBits(me, 22, 1, s.odd ? 1 : 0);
  if (cprEncode(s.lat, s.lon, s.odd, true, code)) {
    meBits(me, 23, 17, code.cprLat);
    meBits(me, 40, 17, code.cprLon);
  }
  const df = s.df ?? 17;
  return encodeExtendedSquitter(me, { icao: s.icao, df, ca: s.ca ?? (df === 17 ? 4 : 0) });
}

export interface VelocityCommon extends SquitterHeader {
  /** Vertical rate; absent or NaN: no information. */
  vrFpm?: number;
  vrSource?: 'baro' | 'gnss';
  geoMinusBaroFt?: number;
  nacV?: number;
  intentChange?: boolean;
  ifrCapability?: boolean;
}

export interface GroundVelocityState extends VelocityCommon {
  gsKt: number;
  trackDeg: number;
}

export interface AirspeedVelocityState extends VelocityCommon {
  /** Airspeed; `airspeedType` says which (default 'tas'). */
  airspeedKt: number;
  airspeedType?: 'ias' | 'tas';
  /** Heading; absent or NaN: heading not available. */
  headingDeg?: number;
}

function velocityTail(me: Uint8Array, subtype: number, s: VelocityCommon): void {
  meBits(me, 1, 5, 19);
  meBits(me, 6, 3, subtype);
  meBits(me, 9, 1, s.intentChange ? 1 : 0);
  meBits(me, 10, 1, s.ifrCapability ? 1 : 0);
  meBits(me, 11, 3, s.nacV ?? 0);
  const vr = s.vrFpm ?? Number.NaN;
  if (Number.isFinite(vr)) {
    meBits(me, 36, 1, s.vrSource === 'baro' ? 1 : 0);
    meBits(me, 37, 1, vr < 0 ? 1 : 0);
    meBits(me, 38, 9, Math.min(511, Math.round(Math.abs(vr) / 64) + 1));
  }
  const d = s.geoMinusBaroFt ?? Number.NaN;
  if (Number.isFinite(d)) {
    meBits(me, 49, 1, d < 0 ? 1 : 0);
    meBits(me, 50, 7, Math.min(127, Math.round(Math.abs(d) / 25) + 1));
  }
}

/** Airborne velocity over ground: subtype 1, or 2 (×4 kt) when a component exceeds 1021 kt. */
export function encodeGroundVelocity(s: GroundVelocityState): Uint8Array {
  const t = (s.trackDeg * Math.PI) / 180;
  let vEw = s.gsKt * Math.sin(t);
  let vNs = s.gsKt * Math.cos(t);
  const supersonic = Math.abs(vEw) > 1021.5 || Math.abs(vNs) > 1021.5;
  if (supersonic) {
    vEw /= 4;
    vNs /= 4;
  }
  const me = new Uint8Array(7);
  velocityTail(me, supersonic ? 2 : 1, s);
  meBits(me, 14, 1, vEw < 0 ? 1 : 0);
  meBits(me, 15, 10, Math.min(1023, Math.round(Math.abs(vEw)) + 1));
  meBits(me, 25, 1, vNs < 0 ? 1 : 0);
  meBits(me, 26, 10, Math.min(1023, Math.round(Math.abs(vNs)) + 1));
  return encodeExtendedSquitter(me, s);
}

/** Airborne velocity as airspeed and heading: subtype 3, or 4 (×4 kt) above 1021 kt. */
export function encodeAirspeedVelocity(s: AirspeedVelocityState): Uint8Array {
  const supersonic = s.airspeedKt > 1021.5;
  const me = new Uint8Array(7);
  velocityTail(me, supersonic ? 4 : 3, s);
  const hdg = s.headingDeg ?? Number.NaN;
  if (Number.isFinite(hdg)) {
    meBits(me, 14, 1, 1);
    meBits(me, 15, 10, Math.round((((hdg % 360) + 360) % 360) * (1024 / 360)) & 1023);
  }
  meBits(me, 25, 1, s.airspeedType === 'ias' ? 0 : 1);
  const as = supersonic ? s.airspeedKt / 4 : s.airspeedKt;
  if (Number.isFinite(as) && as >= 0) meBits(me, 26, 10, Math.min(1023, Math.round(as) + 1));
  return encodeExtendedSquitter(me, s);
}

export interface SurveillanceReply {
  icao: IcaoAddress;
  /** Flight status 0..7 (default 0: airborne, no alert, no SPI). */
  flightStatus?: number;
  dr?: number;
  um?: number;
  /** DF4/20: altitude; absent or NaN sends AC = 0 (no altitude). */
  altFt?: number;
  /** DF5/21: 4 octal digits. */
  squawk?: string;
  /** DF20/21: the 56-bit MB field as 7 bytes. */
  mb?: Uint8Array;
}

/**
 * DF4 (altitude), DF5 (identity), DF20 (Comm-B altitude) and DF21 (Comm-B identity) replies, with the
 * address overlaid on the parity (AP).
 */
export function encodeSurveillance(df: 4 | 5 | 20 | 21, r: SurveillanceReply): Uint8Array {
  const long = df >= 20;
  const f = new Uint8Array(long ? 14 : 7);
  setBits(f, 1, 5, df);
  setBits(f, 6, 3, r.flightStatus ?? 0);
  setBits(f, 9, 5, r.dr ?? 0);
  setBits(f, 14, 6, r.um ?? 0);
  if (df === 4 || df === 20) setBits(f, 20, 13, encodeAc13(r.altFt ?? Number.NaN));
  else setBits(f, 20, 13, encodeSquawk(r.squawk ?? '0000'));
  if (long && r.mb) for (let i = 0; i < 7; i++) f[4 + i] = r.mb[i] ?? 0;
  return writeParity(f, icaoNumber(r.icao));
}

/** DF11 all-call reply; `interrogatorCode` (II or SI, 0..127) is overlaid on the parity. */
export function encodeAllCall(icao: IcaoAddress, capability = 5, interrogatorCode = 0): Uint8Array {
  const f = new Uint8Array(7);
  setBits(f, 1, 5, 11);
  setBits(f, 6, 3, capability);
  setBits(f, 9, 24, icaoNumber(icao));
  return writeParity(f, interrogatorCode & 0x7f);
}
