// SPDX-License-Identifier: GPL-3.0-or-later
// A sensor's output between two drains: the bytes, cut into units (one Beast/AVR/SBS message, or one ASTERIX
// datagram), each with its simulation time. Buffers grow and are reused; nothing is allocated per unit.

/** What a sensor emitted since the last drain. The arrays are views, valid until the sensor's next step. */
export interface SensorChunk {
  /** All units' bytes, back to back. */
  readonly bytes: Uint8Array;
  /** Units in the chunk. */
  readonly count: number;
  /** End offset (exclusive) of each unit in `bytes`; unit i starts at ends[i - 1] (0 for the first). */
  readonly ends: Uint32Array;
  /** Simulation time of each unit, ms since the epoch. */
  readonly timesMs: Float64Array;
}

export class UnitLog {
  buf: Uint8Array;
  pos = 0;
  private ends: Uint32Array;
  private times: Float64Array;
  private n = 0;

  constructor(bytes = 1 << 16, units = 1 << 12) {
    this.buf = new Uint8Array(bytes);
    this.ends = new Uint32Array(units);
    this.times = new Float64Array(units);
  }

  /** Makes room for `n` more bytes at `pos`. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.pos));
    this.buf = b;
  }

  bytes(src: Uint8Array, off = 0, len = src.length - off): void {
    this.reserve(len);
    this.buf.set(len === src.length && off === 0 ? src : src.subarray(off, off + len), this.pos);
    this.pos += len;
  }

  /** Latin-1 text (every character below 256). */
  text(s: string): void {
    this.reserve(s.length);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Closes the unit written since the last one. */
  endUnit(timeMs: number): void {
    if (this.n === this.ends.length) {
      const e = new Uint32Array(this.n * 2);
      e.set(this.ends);
      this.ends = e;
      const t = new Float64Array(this.n * 2);
      t.set(this.times);
      this.times = t;
    }
    this.ends[this.n] = this.pos;
    this.times[this.n] = timeMs;
    this.n++;
  }

  get units(): number {
    return this.n;
  }

  /** The units so far as a chunk (views), and a fresh start for the next ones. */
  drain(): SensorChunk {
    const chunk: SensorChunk = {
      bytes: this.buf.subarray(0, this.pos),
      count: this.n,
      ends: this.ends.subarray(0, this.n),
      timesMs: this.times.subarray(0, this.n),
    };
    this.pos = 0;
    this.n = 0;
    return chunk;
  }
}
