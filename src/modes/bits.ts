// SPDX-License-Identifier: GPL-3.0-or-later
// Integer bit slicing on Mode S frames, with bits numbered 1..112 (or 1..56) from the most significant
// bit of the first byte, as ICAO Annex 10 Vol IV and the 1090 MHz Riddle number them.

/**
 * Reads `count` bits (1..25) starting at 1-based bit `first` of frame `f`.
 * Works without allocation; a 25-bit field never spans more than 4 bytes.
 */
export function bits(f: Uint8Array, first: number, count: number): number {
  const start = first - 1;
  const end = start + count; // exclusive
  const firstByte = start >> 3;
  const lastByte = (end - 1) >> 3;
  let v = f[firstByte];
  for (let i = firstByte + 1; i <= lastByte; i++) v = ((v << 8) | f[i]) >>> 0;
  return (v >>> ((lastByte + 1) * 8 - end)) & ((1 << count) - 1);
}

/** One bit at 1-based position `pos`, as 0 or 1. */
export function bit(f: Uint8Array, pos: number): number {
  const i = pos - 1;
  return (f[i >> 3] >> (7 - (i & 7))) & 1;
}

const HEX_DIGITS = '0123456789ABCDEF';

/** Uppercase hex of `f[0..len)`. */
export function toHex(f: Uint8Array, len: number = f.length): string {
  let s = '';
  for (let i = 0; i < len; i++) s += HEX_DIGITS[f[i] >> 4] + HEX_DIGITS[f[i] & 15];
  return s;
}

/** Addresses already formatted: a receiver hears a few thousand aircraft, not millions, so this saves a
 * string allocation per message. Direct-mapped (one slot per hash, a newcomer overwrites), so it stays
 * bounded whatever the input and a hit costs two array reads instead of a Map lookup. */
const ICAO_SLOTS = 1 << 13;
const icaoKeys = new Int32Array(ICAO_SLOTS).fill(-1);
const icaoStrings: string[] = new Array<string>(ICAO_SLOTS).fill('');

/** A 24-bit ICAO address as 6 lowercase hex characters. */
export function icaoHex(addr: number): string {
  const slot = (addr ^ (addr >>> 11)) & (ICAO_SLOTS - 1);
  if (icaoKeys[slot] === addr) return icaoStrings[slot];
  const s = (addr | 0x1000000).toString(16).slice(1);
  if (addr >= 0 && addr <= 0xffffff) {
    icaoKeys[slot] = addr;
    icaoStrings[slot] = s;
  }
  return s;
}

function hexNibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 65 && c <= 70) return c - 55; // A-F
  if (c >= 97 && c <= 102) return c - 87; // a-f
  return -1;
}

/**
 * Parses an even-length hex string into `out` (which must hold s.length/2 bytes).
 * Returns the number of bytes written, or -1 when a character is not hex.
 */
export function parseHexInto(s: string, out: Uint8Array, from = 0, to: number = s.length): number {
  const n = (to - from) >> 1;
  if (((to - from) & 1) !== 0) return -1;
  for (let i = 0; i < n; i++) {
    const hi = hexNibble(s.charCodeAt(from + 2 * i));
    const lo = hexNibble(s.charCodeAt(from + 2 * i + 1));
    if (hi < 0 || lo < 0) return -1;
    out[i] = (hi << 4) | lo;
  }
  return n;
}

/** Parses hex into a new Uint8Array, or returns undefined when it is not hex of even length. */
export function hexToBytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length >> 1);
  return parseHexInto(s, out) < 0 ? undefined : out;
}
