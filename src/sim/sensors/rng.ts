// SPDX-License-Identifier: GPL-3.0-or-later
// The sensors' seeded random numbers: sfc32 seeded through splitmix32 from the scenario seed, a stream name
// (the sensor id, or 'transponders') and the sensor's own seed. Same seeds, same numbers, on every machine.

/** FNV-1a of a string, for mixing names into seeds. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: Uint32Array): number {
  state[0] = (state[0] + 0x9e3779b9) | 0;
  let z = state[0];
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A small, fast, seeded generator (sfc32) with the distributions the sensor models need. */
export class SensorRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;

  constructor(seed: number, stream: string, extra = 0) {
    const s = new Uint32Array([(seed >>> 0) ^ Math.imul(hashString(stream), 0x9e3779b1) ^ Math.imul(extra >>> 0, 0x85ebca77)]);
    this.a = splitmix32(s);
    this.b = splitmix32(s);
    this.c = splitmix32(s);
    this.d = splitmix32(s);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Marsaglia polar method, the spare kept for the next call). */
  gaussian(): number {
    if (!Number.isNaN(this.spare)) {
      const g = this.spare;
      this.spare = Number.NaN;
      return g;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return u * m;
  }

  /** Poisson-distributed count with mean `mean` (Knuth below 30, a rounded normal above). */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.gaussian()));
    const l = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > l) {
      k++;
      p *= this.next();
    }
    return k;
  }
}
