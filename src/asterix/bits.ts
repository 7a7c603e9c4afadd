// SPDX-License-Identifier: GPL-3.0-or-later
// Bit-level reads and writes over byte arrays, MSB first as ASTERIX numbers its bits. Values up to 52 bits are
// JS numbers; wider ones are lowercase hex strings (exactly ceil(bits/4) digits), so nothing is ever rounded.

/** Widest field returned as a number; wider fields come back as hex strings. */
export const MAX_NUMBER_BITS = 52;

/** Reads `bits` (1..52) unsigned bits starting at absolute bit position `bitPos`. */
export function readBits(buf: Uint8Array, bitPos: number, bits: number): number {
  let byte = bitPos >>> 3;
  const skip = bitPos & 7;
  if (skip + bits <= 32) {
    // Fast path: the field fits in one 32-bit window.
    let acc = 0;
    const nBytes = (skip + bits + 7) >>> 3;
    for (let i = 0; i < nBytes; i++) acc = (acc << 8) | buf[byte + i];
    const shift = nBytes * 8 - skip - bits;
    acc >>>= shift;
    return bits === 32 ? acc >>> 0 : acc & ((1 << bits) - 1);
  }
  // Slow path: accumulate in float arithmetic (exact up to 2^53).
  let acc = buf[byte] & (0xff >>> skip);
  let have = 8 - skip;
  byte++;
  while (have < bits) {
    acc = acc * 256 + buf[byte++];
    have += 8;
  }
  return Math.floor(acc / 2 ** (have - bits));
}

const HEX_CACHE = 4096;
const hexKeys = new Float64Array(HEX_CACHE).fill(-1);
const hexVals: string[] = new Array(HEX_CACHE).fill('');

/** Reads a field of any width as lowercase hex (ceil(bits/4) digits). */
export function readHex(buf: Uint8Array, bitPos: number, bits: number): string {
  if (bits <= 32) {
    // Addresses and codes repeat scan after scan: a small direct-mapped cache saves formatting them again.
    const v = readBits(buf, bitPos, bits);
    const key = v * 64 + bits;
    const slot = (v ^ (v >>> 12) ^ (v >>> 24) ^ bits) & (HEX_CACHE - 1);
    if (hexKeys[slot] === key) return hexVals[slot];
    const s = v.toString(16);
    const digits = (bits + 3) >>> 2;
    const out = s.length === digits ? s : '0'.repeat(digits - s.length) + s;
    hexKeys[slot] = key;
    hexVals[slot] = out;
    return out;
  }
  let out = '';
  // Leading partial nibble first, so the digits are right-aligned to the field.
  let pos = bitPos;
  let left = bits;
  const lead = bits % 4;
  if (lead) {
    out += readBits(buf, pos, lead).toString(16);
    pos += lead;
    left -= lead;
  }
  while (left > 0) {
    out += readBits(buf, pos, 4).toString(16);
    pos += 4;
    left -= 4;
  }
  return out;
}

/** ORs `bits` (1..52) of `value` into `buf` at absolute bit position `bitPos` (target bits must be zero). */
export function writeBits(buf: Uint8Array, bitPos: number, bits: number, value: number): void {
  let remaining = bits;
  let pos = bitPos;
  if (bits > 32) {
    const hi = Math.floor(value / 2 ** 32);
    writeBits(buf, pos, bits - 32, hi);
    pos += bits - 32;
    remaining = 32;
    value = value >>> 0;
  }
  while (remaining > 0) {
    const byte = pos >>> 3;
    const off = pos & 7;
    const take = Math.min(8 - off, remaining);
    const part = (value >>> (remaining - take)) & ((1 << take) - 1);
    buf[byte] |= part << (8 - off - take);
    remaining -= take;
    pos += take;
  }
}

/**
 * Sets `bits` (1..52) of `value` at absolute bit position `bitPos`, overwriting what was there (unlike
 * writeBits, which ORs into zero bits). `value` must be an unsigned integer that fits.
 */
export function putBits(buf: Uint8Array, bitPos: number, bits: number, value: number): void {
  if (bits > 32) {
    putBits(buf, bitPos, bits - 32, Math.floor(value / 4294967296));
    putBits(buf, bitPos + bits - 32, 32, value >>> 0);
    return;
  }
  if ((bitPos & 7) === 0 && (bits & 7) === 0) {
    // Whole octets, big-endian.
    let v = value >>> 0;
    for (let i = (bitPos >>> 3) + (bits >>> 3) - 1; i >= bitPos >>> 3; i--) {
      buf[i] = v & 0xff;
      v >>>= 8;
    }
    return;
  }
  let remaining = bits;
  let pos = bitPos;
  while (remaining > 0) {
    const byte = pos >>> 3;
    const off = pos & 7;
    const take = Math.min(8 - off, remaining);
    const shift = 8 - off - take;
    const ones = (1 << take) - 1;
    const part = (value >>> (remaining - take)) & ones;
    buf[byte] = (buf[byte] & ~(ones << shift)) | (part << shift);
    remaining -= take;
    pos += take;
  }
}

/** Writes a hex string (as from readHex) into a `bits`-wide field. */
export function writeHex(buf: Uint8Array, bitPos: number, bits: number, hex: string): void {
  const digits = Math.ceil(bits / 4);
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  const s = h.padStart(digits, '0').slice(-digits);
  let pos = bitPos;
  const lead = bits % 4;
  let i = 0;
  if (lead) {
    writeBits(buf, pos, lead, Number.parseInt(s[0], 16) & ((1 << lead) - 1));
    pos += lead;
    i = 1;
  }
  // Up to 7 digits (28 bits) at a time.
  while (i < digits) {
    const n = Math.min(7, digits - i);
    writeBits(buf, pos, 4 * n, Number.parseInt(s.slice(i, i + n), 16));
    pos += 4 * n;
    i += n;
  }
}

/** Hex of a byte range. */
export function toHex(buf: Uint8Array, start = 0, end = buf.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += (buf[i] < 16 ? '0' : '') + buf[i].toString(16);
  return s;
}

/** Bytes of a hex string (even length; an optional 0x prefix is allowed); null if malformed. */
export function fromHex(hex: string): Uint8Array | null {
  const h = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) return null;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A growable byte buffer for encoding; new space is zero-filled. */
export class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  constructor(capacity = 4096) {
    this.buf = new Uint8Array(capacity);
  }
  /** Makes room for `n` more bytes, zero-filled (everything past `pos` is kept zero); returns the start. */
  reserve(n: number): number {
    const need = this.pos + n;
    if (need > this.buf.length) {
      const next = new Uint8Array(Math.max(need, this.buf.length * 2));
      next.set(this.buf.subarray(0, this.pos));
      this.buf = next;
    }
    const at = this.pos;
    this.pos = need;
    return at;
  }
  /** Makes sure `n` more bytes fit without growing (they are zero: nothing past `pos` is ever non-zero). */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) {
      const next = new Uint8Array(Math.max(this.pos + n, this.buf.length * 2));
      next.set(this.buf.subarray(0, this.pos));
      this.buf = next;
    }
  }
  byte(v: number): void {
    const at = this.reserve(1);
    this.buf[at] = v;
  }
  bytes(b: Uint8Array): void {
    const at = this.reserve(b.length);
    this.buf.set(b, at);
  }
  /** A copy of what was written. */
  result(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
  /** Empties the writer (and re-zeroes what was written, keeping the invariant). */
  reset(): void {
    this.buf.fill(0, 0, this.pos);
    this.pos = 0;
  }
}
