// SPDX-License-Identifier: GPL-3.0-or-later
// AVR and SBS lines written straight into a sensor's byte log, without building strings: the same bytes as
// feeds/avr.ts formatAvr and feeds/sbs.ts formatSbs (the tests compare them), for the rates a stress run needs.
// SBS numbers must come already rounded to the decimals the format keeps (quantise() does it).

import type { SbsRecord } from '../../feeds/sbs.ts';
import type { UnitLog } from './output.ts';

const HEX = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 65, 66, 67, 68, 69, 70]);
const COMMA = 44;
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * `@` + 12 hex digits of the 48-bit counter + the frame (`len` bytes from `off`) in hex + `;\n` (formatAvr with a
 * counter, plus a newline).
 */
export function writeAvrLine(log: UnitLog, frame: Uint8Array, len: number, counter12MHz: number, off = 0): void {
  log.reserve(16 + 2 * len);
  const b = log.buf;
  let p = log.pos;
  b[p++] = 64;
  const c = Math.floor(counter12MHz) % 281474976710656;
  const hi = Math.floor(c / 16777216);
  let lo = c - hi * 16777216;
  let h = hi;
  for (let i = 5; i >= 0; i--) {
    b[p + i] = HEX[h & 15];
    h >>>= 4;
    b[p + 6 + i] = HEX[lo & 15];
    lo >>>= 4;
  }
  p += 12;
  for (let i = off; i < off + len; i++) {
    const v = frame[i];
    b[p++] = HEX[v >> 4];
    b[p++] = HEX[v & 15];
  }
  b[p++] = 59;
  b[p++] = 10;
  log.pos = p;
}

/** Rounds x to `decimals` decimals, as the SBS writer then prints it exactly. */
export function quantise(x: number, decimals: number): number {
  const f = POW10[decimals] ?? 10 ** decimals;
  return Math.round(x * f) / f;
}

function putInt(log: UnitLog, n: number): void {
  // n: a non-negative integer below 2^53
  const b = log.buf;
  let p = log.pos;
  if (n < 10) {
    b[p++] = 48 + n;
    log.pos = p;
    return;
  }
  if (n <= 0x7fff_ffff) {
    // 32-bit integer arithmetic (the usual case): no floating-point remainders
    let m = n | 0;
    let digits = 1;
    for (let q = (m / 10) | 0; q > 0; q = (q / 10) | 0) digits++;
    for (let i = digits - 1; i >= 0; i--) {
      const q = (m / 10) | 0;
      b[p + i] = 48 + m - q * 10;
      m = q;
    }
    log.pos = p + digits;
    return;
  }
  let digits = 0;
  for (let m = n; m >= 1; m = Math.floor(m / 10)) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    b[p + i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  log.pos = p + digits;
}

/** A number as sbs.ts fmt prints it: at most `decimals` decimals, trailing zeros dropped, no "-0"; nothing for undefined/NaN. */
function putNumber(log: UnitLog, x: number | undefined, decimals: number): void {
  if (x === undefined || !Number.isFinite(x)) return;
  const f = POW10[decimals];
  const k = Math.round(Math.abs(x) * f);
  if (k === 0) {
    log.buf[log.pos++] = 48;
    return;
  }
  if (x < 0) log.buf[log.pos++] = 45;
  if (k <= 0x7fff_ffff) {
    // 32-bit integer arithmetic (the usual case): the same digits, without floating-point remainders
    const ki = k | 0;
    const fi = f | 0;
    const whole = (ki / fi) | 0;
    putInt(log, whole);
    let frac = ki - whole * fi;
    if (frac === 0) return;
    let d = decimals;
    for (let q = (frac / 10) | 0; frac === q * 10; q = (frac / 10) | 0) {
      frac = q;
      d--;
    }
    const b = log.buf;
    b[log.pos++] = 46;
    const p = log.pos;
    for (let i = d - 1; i >= 0; i--) {
      const q = (frac / 10) | 0;
      b[p + i] = 48 + frac - q * 10;
      frac = q;
    }
    log.pos = p + d;
    return;
  }
  const whole = Math.floor(k / f);
  putInt(log, whole);
  let frac = k - whole * f;
  if (frac === 0) return;
  let d = decimals;
  while (frac % 10 === 0) {
    frac /= 10;
    d--;
  }
  log.buf[log.pos++] = 46;
  const b = log.buf;
  const p = log.pos;
  for (let i = d - 1; i >= 0; i--) {
    b[p + i] = 48 + (frac % 10);
    frac = Math.floor(frac / 10);
  }
  log.pos = p + d;
}

function putText(log: UnitLog, s: string | undefined, upper: boolean): void {
  if (s === undefined) return;
  const b = log.buf;
  let p = log.pos;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (upper && c >= 97 && c <= 122) c -= 32;
    b[p++] = c;
  }
  log.pos = p;
}

function put2(b: Uint8Array, p: number, n: number): void {
  b[p] = 48 + Math.floor(n / 10);
  b[p + 1] = 48 + (n % 10);
}

/** put2 for a 32-bit integer 0..99. */
function put2i(b: Uint8Array, p: number, n: number): void {
  const q = (n / 10) | 0;
  b[p] = 48 + q;
  b[p + 1] = 48 + n - q * 10;
}

/** Writes "YYYY/MM/DD,HH:MM:SS.mmm" (formatSbsTime's fields, joined); remembers the last day's date. */
export class SbsClock {
  private dayStartMs = Number.NaN;
  private readonly date = new Uint8Array(10);

  write(log: UnitLog, timeMs: number): void {
    const t = Math.round(timeMs);
    const day = Math.floor(t / 86_400_000) * 86_400_000;
    if (day !== this.dayStartMs) {
      this.dayStartMs = day;
      const d = new Date(day);
      const y = d.getUTCFullYear();
      const s = `${String(y).padStart(4, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
      for (let i = 0; i < 10; i++) this.date[i] = s.charCodeAt(i);
    }
    const b = log.buf;
    let p = log.pos;
    const date = this.date;
    // byte by byte: a 10-byte set() costs more than the loop
    for (let i = 0; i < 10; i++) b[p++] = date[i];
    b[p++] = COMMA;
    let ms = t - day;
    if (ms >= 0 && ms < 86_400_000) {
      // 32-bit integer arithmetic (the time of day always fits): the same digits, without floating-point remainders
      let i = ms | 0;
      const h = (i / 3_600_000) | 0;
      i -= h * 3_600_000;
      const m = (i / 60_000) | 0;
      i -= m * 60_000;
      const sec = (i / 1000) | 0;
      i -= sec * 1000;
      const c = (i / 100) | 0;
      put2i(b, p, h);
      b[p + 2] = 58;
      put2i(b, p + 3, m);
      b[p + 5] = 58;
      put2i(b, p + 6, sec);
      b[p + 8] = 46;
      b[p + 9] = 48 + c;
      put2i(b, p + 10, i - c * 100);
      log.pos = p + 12;
      return;
    }
    const h = Math.floor(ms / 3_600_000);
    ms -= h * 3_600_000;
    const m = Math.floor(ms / 60_000);
    ms -= m * 60_000;
    const s = Math.floor(ms / 1000);
    ms -= s * 1000;
    put2(b, p, h);
    b[p + 2] = 58;
    put2(b, p + 3, m);
    b[p + 5] = 58;
    put2(b, p + 6, s);
    b[p + 8] = 46;
    b[p + 9] = 48 + Math.floor(ms / 100);
    put2(b, p + 10, ms % 100);
    log.pos = p + 12;
  }
}

/** A flag as writeSbsFields takes it: -1 when absent (an empty field), 0 false, 1 true. */
export const SBS_ABSENT = -1;
const flagOf = (v: boolean | undefined): number => (v === undefined ? SBS_ABSENT : v ? 1 : 0);

function putFlagNum(b: Uint8Array, p: number, v: number): number {
  if (v < 0) return p;
  if (v > 0) {
    b[p++] = 45;
    b[p++] = 49;
  } else b[p++] = 48;
  return p;
}

/**
 * One SBS line and "\r\n" from its fields, without a record object (writeSbsLine's bytes): numbers already
 * quantised as writeSbsLine wants them, NaN for an empty field; flags as SBS_ABSENT, 0 or 1.
 */
export function writeSbsFields(
  log: UnitLog,
  clock: SbsClock,
  transmissionType: number,
  icao: string,
  nonIcao: boolean,
  timeMs: number,
  callsign: string | undefined,
  altFt: number,
  gsKt: number,
  trackDeg: number,
  lat: number,
  lon: number,
  vrFpm: number,
  squawk: string | undefined,
  alert: number,
  emergency: number,
  spi: number,
  onGround: number,
): void {
  log.reserve(160 + (callsign?.length ?? 0) + icao.length + (squawk?.length ?? 0));
  const b = log.buf;
  let p = log.pos;
  b[p++] = 77; // "MSG,"
  b[p++] = 83;
  b[p++] = 71;
  b[p++] = COMMA;
  log.pos = p;
  putInt(log, transmissionType);
  p = log.pos;
  b[p++] = COMMA; // ",1,1,"
  b[p++] = 49;
  b[p++] = COMMA;
  b[p++] = 49;
  b[p++] = COMMA;
  if (nonIcao) b[p++] = 126;
  log.pos = p;
  putText(log, icao, true);
  p = log.pos;
  b[p++] = COMMA; // ",1,"
  b[p++] = 49;
  b[p++] = COMMA;
  log.pos = p;
  const start = p;
  clock.write(log, timeMs);
  // the same date and time again (generated, then logged)
  const end = log.pos;
  p = end;
  b[p++] = COMMA;
  for (let i = start; i < end; i++) b[p++] = b[i];
  b[p++] = COMMA;
  log.pos = p;
  putText(log, callsign, false);
  b[log.pos++] = COMMA;
  putNumber(log, altFt, 0);
  b[log.pos++] = COMMA;
  putNumber(log, gsKt, 3);
  b[log.pos++] = COMMA;
  putNumber(log, trackDeg, 3);
  b[log.pos++] = COMMA;
  putNumber(log, lat, 6);
  b[log.pos++] = COMMA;
  putNumber(log, lon, 6);
  b[log.pos++] = COMMA;
  putNumber(log, vrFpm, 0);
  b[log.pos++] = COMMA;
  putText(log, squawk, false);
  p = log.pos;
  b[p++] = COMMA;
  p = putFlagNum(b, p, alert);
  b[p++] = COMMA;
  p = putFlagNum(b, p, emergency);
  b[p++] = COMMA;
  p = putFlagNum(b, p, spi);
  b[p++] = COMMA;
  p = putFlagNum(b, p, onGround);
  b[p++] = 13;
  b[p++] = 10;
  log.pos = p;
}

const num = (x: number | undefined): number => (x === undefined ? Number.NaN : x);

/**
 * One SBS line and "\r\n": formatSbs(r) for records whose numbers are already quantised (altitude and vertical rate
 * to whole feet, speed and track to 0.001, position to 0.000001).
 */
export function writeSbsLine(log: UnitLog, r: SbsRecord, clock: SbsClock): void {
  writeSbsFields(
    log,
    clock,
    r.transmissionType,
    r.icao,
    r.nonIcao === true,
    r.timeMs,
    r.callsign,
    num(r.altFt),
    num(r.gsKt),
    num(r.trackDeg),
    num(r.lat),
    num(r.lon),
    num(r.vrFpm),
    r.squawk,
    flagOf(r.alert),
    flagOf(r.emergency),
    flagOf(r.spi),
    flagOf(r.onGround),
  );
}
