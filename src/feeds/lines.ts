// SPDX-License-Identifier: GPL-3.0-or-later
// Splits a byte stream into lines for the text formats (AVR, hex lines, SBS), across arbitrary chunk
// boundaries. Lines end with '\n'; a '\r' before it and a UTF-8 byte-order mark at the start of the stream
// are dropped. A line fully inside a chunk is handed over as a view into the chunk; only a line split
// across chunks is copied (into a reused buffer). Lines longer than the limit are reported, never kept.

import type { FramingError } from './framing.ts';

/** Anything that can be told about dropped input. */
export interface ErrorSink {
  error(reason: FramingError, detail: string, bytes: number): void;
}

const LF = 0x0a;
const CR = 0x0d;

/** Default line limit: far above any AVR, hex or SBS line, small enough to bound memory. */
export const DEFAULT_MAX_LINE_BYTES = 1024;

/** Index of the next '\n' in buf[start .. end), or -1 (a plain loop: faster than indexOf for short lines). */
function indexOfLf(buf: Uint8Array, start: number, end: number): number {
  for (let i = start; i < end; i++) if (buf[i] === LF) return i;
  return -1;
}

export abstract class LineFramer<S extends ErrorSink> {
  private readonly held: Uint8Array;
  private heldLen = 0;
  /** Length of the current line once it has outgrown the limit (0 otherwise). */
  private overflow = 0;
  private firstLine = true;
  /** Lines seen so far, blank ones included (a final unterminated line counts at end()). */
  lines = 0;

  constructor(readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    this.held = new Uint8Array(maxLineBytes);
  }

  /** One line's content, buf[start .. end), without terminator, '\r' or byte-order mark. Only valid during the call. */
  protected abstract line(buf: Uint8Array, start: number, end: number, sink: S, fallbackTimeMs: number): void;

  push(chunk: Uint8Array, sink: S, fallbackTimeMs = Number.NaN): void {
    const n = chunk.length;
    let i = 0;
    if (this.heldLen > 0 || this.overflow > 0) {
      const nl = indexOfLf(chunk, 0, n);
      this.hold(chunk, 0, nl < 0 ? n : nl);
      if (nl < 0) return;
      this.releaseHeld(sink, fallbackTimeMs);
      i = nl + 1;
    }
    while (i < n) {
      const nl = indexOfLf(chunk, i, n);
      if (nl < 0) {
        this.hold(chunk, i, n);
        return;
      }
      this.emit(chunk, i, nl, sink, fallbackTimeMs);
      i = nl + 1;
    }
  }

  /** The stream has ended: a last line without '\n' still counts. */
  end(sink: S, fallbackTimeMs = Number.NaN): void {
    if (this.heldLen > 0 || this.overflow > 0) this.releaseHeld(sink, fallbackTimeMs);
  }

  private hold(chunk: Uint8Array, start: number, end: number): void {
    const len = end - start;
    if (this.overflow > 0) {
      this.overflow += len;
    } else if (this.heldLen + len > this.maxLineBytes) {
      this.overflow = this.heldLen + len;
      this.heldLen = 0;
    } else {
      this.held.set(chunk.subarray(start, end), this.heldLen);
      this.heldLen += len;
    }
  }

  private releaseHeld(sink: S, fallbackTimeMs: number): void {
    if (this.overflow > 0) {
      const len = this.overflow;
      this.overflow = 0;
      this.heldLen = 0;
      this.lines++;
      this.firstLine = false;
      sink.error('line-too-long', `line of ${len} bytes (limit ${this.maxLineBytes})`, len);
      return;
    }
    const len = this.heldLen;
    this.heldLen = 0;
    this.emit(this.held, 0, len, sink, fallbackTimeMs);
  }

  private emit(buf: Uint8Array, start: number, end: number, sink: S, fallbackTimeMs: number): void {
    this.lines++;
    const len = end - start;
    if (len > this.maxLineBytes) {
      this.firstLine = false;
      sink.error('line-too-long', `line of ${len} bytes (limit ${this.maxLineBytes})`, len);
      return;
    }
    if (this.firstLine) {
      this.firstLine = false;
      if (len >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
    }
    if (end > start && buf[end - 1] === CR) end--;
    this.line(buf, start, end, sink, fallbackTimeMs);
  }
}

/** Value of each byte as a hex digit, -1 for anything else. */
export const HEX_VALUE = new Int8Array(256).fill(-1);
for (let c = 0; c < 10; c++) HEX_VALUE[0x30 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX_VALUE[0x41 + c] = 10 + c;
  HEX_VALUE[0x61 + c] = 10 + c;
}

/** True for space and tab. */
export function isBlank(b: number): boolean {
  return b === 0x20 || b === 0x09;
}

/** Text of buf[start .. end) as Latin-1 (every byte one character), for details and slow paths. */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]);
  return s;
}

/** A shortened, printable excerpt of a line for error details. */
export function excerpt(buf: Uint8Array, start: number, end: number, max = 48): string {
  const cut = end - start > max;
  const s = latin1(buf, start, cut ? start + max : end).replace(/[^\x20-\x7e]/g, '?');
  return cut ? `'${s}…'` : `'${s}'`;
}
