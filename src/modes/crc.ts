// SPDX-License-Identifier: GPL-3.0-or-later
// Mode S CRC-24 (generator 0x1FFF409, ICAO Annex 10 Vol IV 3.1.2.3.3), table-driven, with a syndrome
// table for single-bit error correction in the manner of dump1090/readsb.

const GENERATOR = 0xfff409;

/** CRC of one byte fed into a zero register: the classic byte-at-a-time table. */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 16;
    for (let j = 0; j < 8; j++) c = c & 0x800000 ? ((c << 1) ^ GENERATOR) & 0xffffff : (c << 1) & 0xffffff;
    t[i] = c;
  }
  return t;
})();

/**
 * The CRC remainder of the whole frame: the CRC of the data bits XOR the transmitted parity field
 * (the last 24 bits). It is 0 for an intact DF17/18, the ICAO address for address/parity formats,
 * and carries the interrogator code for DF11.
 */
export function crcResidual(f: Uint8Array, lenBytes: number): number {
  let c = 0;
  const dataLen = lenBytes - 3;
  for (let i = 0; i < dataLen; i++) c = ((c << 8) & 0xffffff) ^ TABLE[((c >> 16) ^ f[i]) & 0xff];
  return (c ^ ((f[dataLen] << 16) | (f[dataLen + 1] << 8) | f[dataLen + 2])) >>> 0;
}

/**
 * Residual contribution of each data byte by its position: the CRC is linear, so the residual of a frame is
 * the XOR of one lookup per data byte (and the parity field). The lookups do not depend on each other,
 * unlike the byte-at-a-time chain, so the CPU overlaps them. POS_LONG[i * 256 + b] is byte i of 11.
 */
function positionTable(lenBytes: number): Uint32Array {
  const dataLen = lenBytes - 3;
  const t = new Uint32Array(dataLen * 256);
  const f = new Uint8Array(lenBytes);
  for (let i = 0; i < dataLen; i++) {
    for (let b = 0; b < 256; b++) {
      f.fill(0);
      f[i] = b;
      t[i * 256 + b] = crcResidual(f, lenBytes);
    }
  }
  return t;
}

const POS_LONG = positionTable(14);
const POS_SHORT = positionTable(7);

/**
 * Copies the 14-byte frame at buf[o..] into `out` and returns its residual (as crcResidual(out, 14)):
 * one pass for the copy that the decoder needs anyway and the CRC.
 */
export function copyResidualLong(buf: Uint8Array, o: number, out: Uint8Array): number {
  const b0 = buf[o];
  const b1 = buf[o + 1];
  const b2 = buf[o + 2];
  const b3 = buf[o + 3];
  const b4 = buf[o + 4];
  const b5 = buf[o + 5];
  const b6 = buf[o + 6];
  const b7 = buf[o + 7];
  const b8 = buf[o + 8];
  const b9 = buf[o + 9];
  const b10 = buf[o + 10];
  const b11 = buf[o + 11];
  const b12 = buf[o + 12];
  const b13 = buf[o + 13];
  out[0] = b0;
  out[1] = b1;
  out[2] = b2;
  out[3] = b3;
  out[4] = b4;
  out[5] = b5;
  out[6] = b6;
  out[7] = b7;
  out[8] = b8;
  out[9] = b9;
  out[10] = b10;
  out[11] = b11;
  out[12] = b12;
  out[13] = b13;
  const t = POS_LONG;
  return (
    (t[b0] ^ t[256 + b1] ^ t[512 + b2] ^ t[768 + b3] ^ t[1024 + b4] ^ t[1280 + b5] ^ t[1536 + b6] ^
      t[1792 + b7] ^ t[2048 + b8] ^ t[2304 + b9] ^ t[2560 + b10] ^ ((b11 << 16) | (b12 << 8) | b13)) >>>
    0
  );
}

/** The same for a 7-byte frame. */
export function copyResidualShort(buf: Uint8Array, o: number, out: Uint8Array): number {
  const b0 = buf[o];
  const b1 = buf[o + 1];
  const b2 = buf[o + 2];
  const b3 = buf[o + 3];
  const b4 = buf[o + 4];
  const b5 = buf[o + 5];
  const b6 = buf[o + 6];
  out[0] = b0;
  out[1] = b1;
  out[2] = b2;
  out[3] = b3;
  out[4] = b4;
  out[5] = b5;
  out[6] = b6;
  const t = POS_SHORT;
  return (t[b0] ^ t[256 + b1] ^ t[512 + b2] ^ t[768 + b3] ^ ((b4 << 16) | (b5 << 8) | b6)) >>> 0;
}

/** Syndrome → flipped bit index (0-based from the frame's first bit), one table per frame length. */
function buildSyndromes(lenBytes: number): Map<number, number> {
  const m = new Map<number, number>();
  const f = new Uint8Array(lenBytes);
  // Bits 1..5 hold the DF: a flip there changes the format, so correction never touches them.
  for (let bitIndex = 5; bitIndex < lenBytes * 8; bitIndex++) {
    f.fill(0);
    f[bitIndex >> 3] = 0x80 >> (bitIndex & 7);
    m.set(crcResidual(f, lenBytes), bitIndex);
  }
  return m;
}

const SYNDROMES_LONG = buildSyndromes(14);
const SYNDROMES_SHORT = buildSyndromes(7);

/** The 0-based bit index that a single-bit error with this residual would be at, or -1. */
export function singleBitErrorAt(residual: number, lenBytes: number): number {
  const at = (lenBytes === 14 ? SYNDROMES_LONG : SYNDROMES_SHORT).get(residual);
  return at === undefined ? -1 : at;
}

/** Flips the bit at 0-based index `bitIndex`. */
export function flipBit(f: Uint8Array, bitIndex: number): void {
  f[bitIndex >> 3] ^= 0x80 >> (bitIndex & 7);
}
