// SPDX-License-Identifier: GPL-3.0-or-later
// Framer for "--format hex": one Mode S message per line, with whatever else the line carries.
//
// A line is cut into fields at spaces, tabs, commas, semicolons, quotes and '*'. The message is the first
// field of exactly 14 or 28 hex digits (an ICAO column has 6, an epoch 10: neither is a message). The time
// is the first timestamp-like field:
//   epoch seconds      1457996400   1457996400.123456   (9 or 10 integer digits)
//   epoch milliseconds 1457996400123                     (13 digits)
//   ISO date-time      2015-03-03T16:12:24.846557  (optional 'Z'; also with ' ' between date and time)
//   two columns        "2016-03-10","13:44:52.197"  (also 2016/03/10)
// Times without a zone are UTC. A line without a timestamp gets the framer's fallback time (NaN by default).

import type { FrameSink, Framer } from './framing.ts';
import { excerpt, HEX_VALUE, LineFramer } from './lines.ts';

/** Field separators: space, tab, ',', ';', '"', "'", '*'. */
const SEPARATOR = new Uint8Array(256);
for (const c of ' \t,;"\'*') SEPARATOR[c.charCodeAt(0)] = 1;

const ZERO = 0x30;

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** Decimal value of buf[start .. end) (all digits, caller checked), exact below 2^53. */
function digitsValue(buf: Uint8Array, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) v = v * 10 + (buf[i] - ZERO);
  return v;
}

/** Milliseconds in the fraction digits buf[start .. end) of a second (".846557" -> 846.557). */
function fractionMs(buf: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n === 0) return 0;
  if (n > 15) end = start + 15;
  return (digitsValue(buf, start, end) * 1000) / 10 ** (end - start);
}

/** End index of a run of digits starting at i. */
function digitRun(buf: Uint8Array, i: number, end: number): number {
  while (i < end && isDigit(buf[i])) i++;
  return i;
}

/** Epoch seconds or milliseconds in a whole field; NaN if the field is not one. */
function parseEpoch(buf: Uint8Array, start: number, end: number): number {
  const intEnd = digitRun(buf, start, end);
  const intDigits = intEnd - start;
  if (intEnd === end) {
    if (intDigits === 9 || intDigits === 10) return digitsValue(buf, start, end) * 1000;
    if (intDigits === 13) return digitsValue(buf, start, end);
    return Number.NaN;
  }
  if ((intDigits === 9 || intDigits === 10) && buf[intEnd] === 0x2e) {
    const fracEnd = digitRun(buf, intEnd + 1, end);
    if (fracEnd === end) return digitsValue(buf, start, intEnd) * 1000 + fractionMs(buf, intEnd + 1, end);
  }
  return Number.NaN;
}

/** A date YYYY-MM-DD or YYYY/MM/DD at buf[start..start+10): ms of its midnight UTC, or NaN. */
function parseDate(buf: Uint8Array, start: number, end: number): number {
  if (end - start < 10) return Number.NaN;
  const sep = buf[start + 4];
  if ((sep !== 0x2d && sep !== 0x2f) || buf[start + 7] !== sep) return Number.NaN;
  if (digitRun(buf, start, start + 4) !== start + 4) return Number.NaN;
  if (digitRun(buf, start + 5, start + 7) !== start + 7 || digitRun(buf, start + 8, start + 10) !== start + 10) return Number.NaN;
  const y = digitsValue(buf, start, start + 4);
  const mo = digitsValue(buf, start + 5, start + 7);
  const d = digitsValue(buf, start + 8, start + 10);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return Number.NaN;
  return Date.UTC(y, mo - 1, d);
}

/** A time of day HH:MM:SS[.frac][Z] filling buf[start .. end): ms since midnight, or NaN. */
function parseTimeOfDay(buf: Uint8Array, start: number, end: number): number {
  if (end > start && buf[end - 1] === 0x5a) end--; // 'Z'
  if (end - start < 8 || buf[start + 2] !== 0x3a || buf[start + 5] !== 0x3a) return Number.NaN;
  if (digitRun(buf, start, start + 2) !== start + 2 || digitRun(buf, start + 3, start + 5) !== start + 5) return Number.NaN;
  if (digitRun(buf, start + 6, start + 8) !== start + 8) return Number.NaN;
  const h = digitsValue(buf, start, start + 2);
  const mi = digitsValue(buf, start + 3, start + 5);
  const s = digitsValue(buf, start + 6, start + 8);
  if (h > 23 || mi > 59 || s > 60) return Number.NaN;
  let frac = 0;
  if (end > start + 8) {
    if (buf[start + 8] !== 0x2e || digitRun(buf, start + 9, end) !== end) return Number.NaN;
    frac = fractionMs(buf, start + 9, end);
  }
  return ((h * 60 + mi) * 60 + s) * 1000 + frac;
}

export class HexLineFramer extends LineFramer<FrameSink> implements Framer {
  private readonly scratch = new Uint8Array(14);

  protected line(buf: Uint8Array, start: number, end: number, sink: FrameSink, fallbackTimeMs: number): void {
    let msgStart = -1;
    let msgEnd = -1;
    let timeMs = Number.NaN;
    /** Midnight of a date field still waiting for its time-of-day field. */
    let pendingDateMs = Number.NaN;
    let blank = true;
    let i = start;
    while (i < end) {
      while (i < end && SEPARATOR[buf[i]] === 1) i++;
      if (i === end) break;
      const f = i;
      while (i < end && SEPARATOR[buf[i]] === 0) i++;
      blank = false;
      const len = i - f;
      if (msgStart < 0 && (len === 14 || len === 28)) {
        let k = f;
        while (k < i && HEX_VALUE[buf[k]] >= 0) k++;
        if (k === i) {
          msgStart = f;
          msgEnd = i;
          if (!Number.isNaN(timeMs)) break;
          continue;
        }
      }
      if (!Number.isNaN(timeMs)) continue;
      if (!Number.isNaN(pendingDateMs)) {
        const tod = parseTimeOfDay(buf, f, i);
        timeMs = Number.isNaN(tod) ? pendingDateMs : pendingDateMs + tod;
        pendingDateMs = Number.NaN;
        if (!Number.isNaN(tod)) continue;
      }
      if (!Number.isNaN(timeMs)) continue;
      const c = buf[f];
      if (!isDigit(c)) continue;
      if (len >= 10 && (buf[f + 4] === 0x2d || buf[f + 4] === 0x2f)) {
        const day = parseDate(buf, f, i);
        if (Number.isNaN(day)) continue;
        if (len === 10) {
          pendingDateMs = day;
        } else if (buf[f + 10] === 0x54) {
          const tod = parseTimeOfDay(buf, f + 11, i);
          if (!Number.isNaN(tod)) timeMs = day + tod;
        }
        continue;
      }
      timeMs = parseEpoch(buf, f, i);
    }
    if (blank) return;
    if (!Number.isNaN(pendingDateMs) && Number.isNaN(timeMs)) timeMs = pendingDateMs;
    if (msgStart < 0) {
      sink.error('hex-no-message', `no field of 14 or 28 hex digits: ${excerpt(buf, start, end)}`, end - start);
      return;
    }
    const s = this.scratch;
    for (let k = msgStart, j = 0; k < msgEnd; k += 2, j++) s[j] = (HEX_VALUE[buf[k]] << 4) | HEX_VALUE[buf[k + 1]];
    sink.frame('modes', s, 0, (msgEnd - msgStart) >> 1, Number.isNaN(timeMs) ? fallbackTimeMs : timeMs, Number.NaN, Number.NaN);
  }
}
