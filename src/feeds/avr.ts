// SPDX-License-Identifier: GPL-3.0-or-later
// Framer for AVR text lines (readsb/dump1090 port 30002), and the matching formatter.
//
//   *HEX;                     a frame: 4 hex digits (Mode A/C), 14 (Mode S short) or 28 (Mode S long)
//   @TTTTTTTTTTTTHEX;         the same, after a 12-hex-digit 12 MHz counter (dump1090 --mlat)
//   <TTTTTTTTTTTTSSHEX;       the same, after the counter and a signal byte (dump1090-mutability)
//
// Lines may end in "\r\n"; blank lines are skipped; anything after the ';' is ignored (some receivers
// append fields there). Hex digits are decoded straight from the bytes into a reused scratch buffer.

import type { FrameKind, FrameSink, Framer } from './framing.ts';
import { excerpt, HEX_VALUE, isBlank, LineFramer } from './lines.ts';

const STAR = 0x2a;
const AT = 0x40;
const LT = 0x3c;
const SEMI = 0x3b;

export class AvrFramer extends LineFramer<FrameSink> implements Framer {
  private readonly scratch = new Uint8Array(14);

  protected line(buf: Uint8Array, start: number, end: number, sink: FrameSink, fallbackTimeMs: number): void {
    while (start < end && isBlank(buf[start])) start++;
    while (end > start && isBlank(buf[end - 1])) end--;
    if (start === end) return;
    const lineBytes = end - start;
    const lead = buf[start];
    let prefixDigits: number;
    if (lead === STAR) prefixDigits = 0;
    else if (lead === AT) prefixDigits = 12;
    else if (lead === LT) prefixDigits = 14;
    else {
      sink.error('avr-bad-start', `line does not start with '*', '@' or '<': ${excerpt(buf, start, end)}`, lineBytes);
      return;
    }
    // The counter (and signal byte), then the frame's hex digits up to ';'.
    let i = start + 1;
    let mlat12MHz = 0;
    let signalByte = 0;
    const prefixEnd = Math.min(end, i + prefixDigits);
    for (; i < prefixEnd; i++) {
      const c = buf[i];
      if (c === SEMI) break;
      const v = HEX_VALUE[c];
      if (v < 0) {
        sink.error('avr-bad-hex', `'${String.fromCharCode(c)}' at column ${i - start}: ${excerpt(buf, start, end)}`, lineBytes);
        return;
      }
      if (i - start <= 12) mlat12MHz = mlat12MHz * 16 + v;
      else signalByte = signalByte * 16 + v;
    }
    let digits = i - start - 1 - prefixDigits;
    let hi = 0;
    const s = this.scratch;
    for (; i < end; i++) {
      const c = buf[i];
      if (c === SEMI) break;
      const v = HEX_VALUE[c];
      if (v < 0) {
        sink.error('avr-bad-hex', `'${String.fromCharCode(c)}' at column ${i - start}: ${excerpt(buf, start, end)}`, lineBytes);
        return;
      }
      if (digits < 28 && digits >= 0) {
        if (digits & 1) s[digits >> 1] = (hi << 4) | v;
        else hi = v;
      }
      digits++;
    }
    if (i === end) {
      sink.error('avr-no-terminator', `no ';' after the hex: ${excerpt(buf, start, end)}`, lineBytes);
      return;
    }
    const frameDigits = digits;
    if (frameDigits !== 4 && frameDigits !== 14 && frameDigits !== 28) {
      const what =
        frameDigits < 0
          ? `${i - start - 1} hex digits, fewer than the ${prefixDigits} of the '${String.fromCharCode(lead)}' prefix`
          : `${frameDigits} hex digits in the frame (need 4, 14 or 28)`;
      sink.error('avr-bad-length', `${what}: ${excerpt(buf, start, end)}`, lineBytes);
      return;
    }
    const kind: FrameKind = frameDigits === 4 ? 'modeac' : 'modes';
    const signal = prefixDigits === 14 ? (signalByte * signalByte) / 65025 : Number.NaN;
    sink.frame(kind, s, 0, frameDigits >> 1, fallbackTimeMs, prefixDigits > 0 ? mlat12MHz : Number.NaN, signal);
  }
}

const HEX_UPPER = '0123456789ABCDEF';

function hexOf(value: number, digits: number): string {
  let s = '';
  for (let i = 0; i < digits; i++) {
    s = HEX_UPPER[value % 16] + s;
    value = Math.floor(value / 16);
  }
  return s;
}

/**
 * Formats one frame as an AVR line (without the line terminator): `*HEX;`, or `@` + counter + `HEX;` when a
 * 12 MHz counter is given (finite and non-negative).
 */
export function formatAvr(frame: Uint8Array, off = 0, len = frame.length, mlat12MHz = Number.NaN): string {
  let s = Number.isFinite(mlat12MHz) && mlat12MHz >= 0 ? `@${hexOf(Math.floor(mlat12MHz) % 281474976710656, 12)}` : '*';
  for (let i = off; i < off + len; i++) s += HEX_UPPER[frame[i] >> 4] + HEX_UPPER[frame[i] & 15];
  return `${s};`;
}
