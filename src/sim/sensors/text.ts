// SPDX-License-Identifier: GPL-3.0-or-later
// AVR and SBS lines written straight into a sensor's byte log, without building strings: the same bytes as
// feeds/avr.ts formatAvr and feeds/sbs.ts formatSbs (the tests compare them), for the rates a stress run needs.
// SBS numbers must come already rounded to the decimals the format keeps (quantise() does it).

import type { SbsRecord } from '../../feeds/sbs.ts';
import type { UnitLog } from './output.ts';

const HEX = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 65, 66, 67, 68, 69, 70]);
const COMMA = 44;

/** `@` + 12 hex digits of the 48-bit counter + the frame in hex + `;\n` (formatAvr with a counter, plus a newline). */
export function writeAvrLine(log: UnitLog, frame: Uint8Array, len: number, counter12MHz: number): void {
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
  for (let i = 0; i < len; i++) {
    b[p++] = HEX[frame[i] >> 4];
    b[p++] = HEX[frame[i] & 15];
  }
  b[p++] = 59;
  b[p++] = 10;
  log.pos = p;
}

/** Rounds x to `decimals` decimals, as the SBS writer then prints it exactly. */
export function quantise(x: number, decimals: number): number {
  const f = 10 ** decimals;
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
  let digits = 0;
  for (let m = n; m >= 1; m = Math.floor(m / 10)) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    b[p + i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  log.pos = p + digits;
}

/** A number as sbs.ts fmt prints it: at most `decimals` decimals, trailing zeros dropped, no "-0"; nothing for undefined/NaN. */
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

function putNumber(log: UnitLog, x: number | undefined, decimals: number): void {
  if (x === undefined || !Number.isFinite(x)) return;
  const f = POW10[decimals];
  const k = Math.round(Math.abs(x) * f);
  if (k === 0) {
    log.buf[log.pos++] = 48;
    return;
  }
  if (x < 0) log.buf[log.pos++] = 45;
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

function putFlag(log: UnitLog, v: boolean | undefined): void {
  if (v === undefined) return;
  const b = log.buf;
  if (v) {
    b[log.pos++] = 45;
    b[log.pos++] = 49;
  } else b[log.pos++] = 48;
}

function put2(b: Uint8Array, p: number, n: number): void {
  b[p] = 48 + Math.floor(n / 10);
  b[p + 1] = 48 + (n % 10);
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
    b.set(this.date, p);
    p += 10;
    b[p++] = COMMA;
    let ms = t - day;
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

const PREFIX = new Uint8Array([77, 83, 71, 44]); // "MSG,"

/**
 * One SBS line and "\r\n": formatSbs(r) for records whose numbers are already quantised (altitude and vertical rate
 * to whole feet, speed and track to 0.001, position to 0.000001).
 */
export function writeSbsLine(log: UnitLog, r: SbsRecord, clock: SbsClock): void {
  log.reserve(160 + (r.callsign?.length ?? 0));
  const b = log.buf;
  b.set(PREFIX, log.pos);
  log.pos += 4;
  putInt(log, r.transmissionType);
  putText(log, ',1,1,', false);
  if (r.nonIcao) b[log.pos++] = 126;
  putText(log, r.icao, true);
  putText(log, ',1,', false);
  const start = log.pos;
  clock.write(log, r.timeMs);
  const len = log.pos - start;
  b[log.pos++] = COMMA;
  b.copyWithin(log.pos, start, start + len);
  log.pos += len;
  b[log.pos++] = COMMA;
  putText(log, r.callsign, false);
  b[log.pos++] = COMMA;
  putNumber(log, r.altFt, 0);
  b[log.pos++] = COMMA;
  putNumber(log, r.gsKt, 3);
  b[log.pos++] = COMMA;
  putNumber(log, r.trackDeg, 3);
  b[log.pos++] = COMMA;
  putNumber(log, r.lat, 6);
  b[log.pos++] = COMMA;
  putNumber(log, r.lon, 6);
  b[log.pos++] = COMMA;
  putNumber(log, r.vrFpm, 0);
  b[log.pos++] = COMMA;
  putText(log, r.squawk, false);
  b[log.pos++] = COMMA;
  putFlag(log, r.alert);
  b[log.pos++] = COMMA;
  putFlag(log, r.emergency);
  b[log.pos++] = COMMA;
  putFlag(log, r.spi);
  b[log.pos++] = COMMA;
  putFlag(log, r.onGround);
  b[log.pos++] = 13;
  b[log.pos++] = 10;
}
