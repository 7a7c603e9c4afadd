// SPDX-License-Identifier: GPL-3.0-or-later
// Incremental framer for the Beast binary format (readsb/dump1090 port 30005), and its encoder.
//
// A frame on the wire: 0x1A, a type byte ('1' Mode A/C, '2' Mode S short, '3' Mode S long), a 6-byte
// big-endian 12 MHz counter, 1 signal byte, then 2, 7 or 14 data bytes. Every 0x1A after the type byte is
// sent twice. A 0x1A followed by anything but 0x1A inside a frame means the frame was cut short.
//
// Hot path: no allocation per frame. A frame without escapes is passed as a view into the chunk; one with
// escapes is unescaped into a reused scratch buffer; a frame split across chunks is held in a small carry
// buffer. Garbage is skipped to the next 0x1A and reported once per run, so the reports (and the frames)
// do not depend on how the stream was cut into chunks.

import type { FrameKind, FrameSink, Framer } from './framing.ts';
import { readUint48 } from './framing.ts';

const ESC = 0x1a;
const TYPE_MODEAC = 0x31;
const TYPE_SHORT = 0x32;
const TYPE_LONG = 0x33;
/** Longest escaped frame: 0x1A, type, and 6 + 1 + 14 bytes that could all be doubled. */
const MAX_WIRE_BYTES = 2 + 2 * (6 + 1 + 14);
const NEED_MORE = -1;

/** Signal level for each Beast signal byte: (byte/255)^2, as readsb computes it. */
const SIGNAL_LEVEL = new Float64Array(256);
for (let b = 0; b < 256; b++) SIGNAL_LEVEL[b] = (b * b) / 65025;

/** Payload bytes (timestamp + signal + data) after the type byte; 0 for unknown types. */
function payloadBytes(type: number): number {
  return type === TYPE_LONG ? 21 : type === TYPE_SHORT ? 14 : type === TYPE_MODEAC ? 9 : 0;
}

function hex2(b: number): string {
  return (b < 16 ? '0' : '') + b.toString(16);
}

export class BeastFramer implements Framer {
  private readonly carry = new Uint8Array(2 * MAX_WIRE_BYTES);
  private readonly carryView = new DataView(this.carry.buffer);
  private carryLen = 0;
  private readonly scratch = new Uint8Array(21);
  /** Length of the current run of garbage bytes, reported when the run ends. */
  private garbage = 0;
  /** Bytes pushed so far. */
  bytesIn = 0;
  /** Wire bytes of the frames delivered so far. */
  framedBytes = 0;

  /** Bytes held but not yet reported (a partial frame, an open garbage run); 0 after end(). */
  get pendingBytes(): number {
    return this.carryLen + this.garbage;
  }

  push(chunk: Uint8Array, sink: FrameSink, fallbackTimeMs = Number.NaN): void {
    const n = chunk.length;
    this.bytesIn += n;
    let pos = 0;
    if (this.carryLen > 0) {
      // Complete the held frame with at most one frame's worth of new bytes, then go on in the chunk itself.
      const old = this.carryLen;
      const k = Math.min(n, MAX_WIRE_BYTES);
      for (let i = 0; i < k; i++) this.carry[old + i] = chunk[i];
      const total = old + k;
      const p = this.scan(this.carry, this.carryView, 0, total, sink, fallbackTimeMs);
      if (p < old) {
        // Still incomplete: only possible when the whole chunk was taken (k === n).
        this.carry.copyWithin(0, p, total);
        this.carryLen = total - p;
        return;
      }
      this.carryLen = 0;
      pos = p - old;
    }
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const p = this.scan(chunk, view, pos, n, sink, fallbackTimeMs);
    for (let i = p; i < n; i++) this.carry[i - p] = chunk[i];
    this.carryLen = n - p;
  }

  end(sink: FrameSink): void {
    this.flushGarbage(sink);
    if (this.carryLen > 0) {
      const detail =
        this.carryLen === 1
          ? 'lone 0x1a at the end of the stream'
          : `frame type 0x${hex2(this.carry[1])} cut off by the end of the stream after ${this.carryLen} bytes`;
      sink.error('beast-truncated', detail, this.carryLen);
      this.carryLen = 0;
    }
  }

  private flushGarbage(sink: FrameSink): void {
    if (this.garbage > 0) {
      const n = this.garbage;
      this.garbage = 0;
      sink.error('beast-resync', `skipped ${n} bytes outside frames`, n);
    }
  }

  /**
   * Frames everything complete in buf[start .. end); returns the index of the first byte not yet consumed.
   * `view` is a DataView over the same bytes as `buf`, for reading four bytes at a time.
   */
  private scan(buf: Uint8Array, view: DataView, start: number, end: number, sink: FrameSink, fallbackTimeMs: number): number {
    let i = start;
    while (i < end) {
      if (buf[i] !== ESC) {
        let j = i + 1;
        while (j < end && buf[j] !== ESC) j++;
        this.garbage += j - i;
        i = j;
        continue;
      }
      if (i + 1 >= end) break;
      const type = buf[i + 1];
      const plen = payloadBytes(type);
      if (plen === 0) {
        if (type === ESC) {
          // An escaped data byte of a frame we never saw the start of.
          this.garbage += 2;
        } else {
          this.flushGarbage(sink);
          sink.error('beast-bad-type', `unknown frame type 0x${hex2(type)}`, 2);
        }
        i += 2;
        continue;
      }
      const r = this.frameAt(buf, view, i, end, type, plen, sink, fallbackTimeMs);
      if (r === NEED_MORE) break;
      i = r;
    }
    return i;
  }

  /** One frame starting at buf[i] (0x1A, valid type); returns the index after it, or NEED_MORE. */
  private frameAt(
    buf: Uint8Array,
    view: DataView,
    i: number,
    end: number,
    type: number,
    plen: number,
    sink: FrameSink,
    fallbackTimeMs: number,
  ): number {
    const kind: FrameKind = type === TYPE_MODEAC ? 'modeac' : 'modes';
    const last = i + 2 + plen;
    if (last <= end) {
      // Look for an escape four bytes at a time (the "has a zero byte" test on the word XOR 0x1A1A1A1A):
      // a byte loop here was the framer's main cost.
      let k = i + 2;
      let esc = 0;
      for (; k + 4 <= last; k += 4) {
        const x = view.getInt32(k) ^ 0x1a1a1a1a;
        esc |= (x - 0x01010101) & ~x & 0x80808080;
      }
      for (; k < last; k++) if (buf[k] === ESC) esc = 1;
      if (esc === 0) {
        if (this.garbage > 0) this.flushGarbage(sink);
        this.framedBytes += last - i;
        const o = i + 2;
        sink.frame(kind, buf, o + 7, plen - 7, fallbackTimeMs, readUint48(buf, o), SIGNAL_LEVEL[buf[o + 6]]);
        return last;
      }
    }
    // Escapes inside (or not all here yet): unescape into scratch.
    const s = this.scratch;
    let j = i + 2;
    let n = 0;
    while (n < plen) {
      if (j >= end) return NEED_MORE;
      const b = buf[j];
      if (b === ESC) {
        if (j + 1 >= end) return NEED_MORE;
        const c = buf[j + 1];
        if (c !== ESC) {
          this.flushGarbage(sink);
          if (payloadBytes(c) !== 0) {
            sink.error('beast-truncated', `frame type 0x${hex2(type)} cut short after ${n} of ${plen} bytes`, j - i);
          } else {
            sink.error('beast-bad-escape', `0x1a followed by 0x${hex2(c)} inside a frame of type 0x${hex2(type)}`, j - i);
          }
          return j;
        }
        s[n++] = ESC;
        j += 2;
      } else {
        s[n++] = b;
        j++;
      }
    }
    if (this.garbage > 0) this.flushGarbage(sink);
    this.framedBytes += j - i;
    sink.frame(kind, s, 7, plen - 7, fallbackTimeMs, readUint48(s, 0), SIGNAL_LEVEL[s[6]]);
    return j;
  }
}

/**
 * Encodes one frame as Beast bytes, escaping every 0x1A. kind 'modeac' takes 2 bytes, 'modes' 7 or 14.
 * @param mlat12MHz the 48-bit counter (NaN or negative gives 0)
 * @param signal level 0..1; the byte is round(sqrt(signal) * 255), so framing gives back the same byte (NaN gives 0)
 * @throws RangeError for a frame length that Beast cannot carry (a caller's bug, not bad input)
 */
export function encodeBeast(kind: FrameKind, frame: Uint8Array, mlat12MHz: number, signal: number): Uint8Array {
  let type: number;
  if (kind === 'modeac' && frame.length === 2) type = TYPE_MODEAC;
  else if (kind === 'modes' && frame.length === 7) type = TYPE_SHORT;
  else if (kind === 'modes' && frame.length === 14) type = TYPE_LONG;
  else throw new RangeError(`encodeBeast: a ${kind} frame cannot be ${frame.length} bytes long`);
  const payload = new Uint8Array(7 + frame.length);
  let t = Number.isFinite(mlat12MHz) && mlat12MHz > 0 ? Math.floor(mlat12MHz) % 281474976710656 : 0;
  for (let i = 5; i >= 0; i--) {
    payload[i] = t % 256;
    t = Math.floor(t / 256);
  }
  const level = Number.isFinite(signal) ? Math.min(1, Math.max(0, signal)) : 0;
  payload[6] = Math.round(Math.sqrt(level) * 255);
  payload.set(frame, 7);
  let escapes = 0;
  for (let i = 0; i < payload.length; i++) if (payload[i] === ESC) escapes++;
  const out = new Uint8Array(2 + payload.length + escapes);
  out[0] = ESC;
  out[1] = type;
  let j = 2;
  for (let i = 0; i < payload.length; i++) {
    out[j++] = payload[i];
    if (payload[i] === ESC) out[j++] = ESC;
  }
  return out;
}
