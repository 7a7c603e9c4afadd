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
