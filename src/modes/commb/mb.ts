// SPDX-License-Identifier: GPL-3.0-or-later
// Bit access to the 56-bit MB field (frame bits 33..88) with bits numbered 1..56 as in ICAO Doc 9871's
// register tables, and the checks that every register validator shares.
//
// Speed: a reply goes through nine validators, each testing a dozen fields. Slicing the frame's bytes
// for every one of them cost more than the rest of the decoding, so the field is read once (loadMb)
// into two 28-bit integers, and every reader below works on those: a field is a shift and a mask, and
// the zero and status-bit checks are AND tests against masks built once per register. The readers take
// no frame: they read the MB field loaded last. Every exported function of this directory that takes a
// frame loads it first.

/** MB bits 1..28 (bit 1 is the most significant of the 28). */
let mbHi = 0;
/** MB bits 29..56. */
let mbLo = 0;

/** Loads the MB field of frame `f` (bytes 4..10) for the readers below. */
export function loadMb(f: Uint8Array): void {
  mbHi = (f[4] << 20) | (f[5] << 12) | (f[6] << 4) | (f[7] >> 4);
  mbLo = ((f[7] & 0x0f) << 24) | (f[8] << 16) | (f[9] << 8) | f[10];
}

/** True when the whole loaded MB field is zero. */
export function mbEmpty(): boolean {
  return (mbHi | mbLo) === 0;
}

/** MB bits first..first+count-1 (1-based, count <= 28) as an unsigned integer. */
export function mbBits(first: number, count: number): number {
  // Kept short so that the optimizer inlines (and folds) it at the many call sites with constant bits.
  const after = 57 - first - count; // MB bits after the field
  const v = after >= 28 ? mbHi >>> (after - 28) : (mbHi << (28 - after)) | (mbLo >>> after);
  return v & ((1 << count) - 1);
}

/** MB bit n (1-based) as 0 or 1. */
export function mbBit(n: number): number {
  return n <= 28 ? (mbHi >>> (28 - n)) & 1 : (mbLo >>> (56 - n)) & 1;
}

/** A set of MB bits as masks over the two halves, built once (mbMask) and tested per reply (mbAnySet). */
export interface MbMask {
  readonly hi: number;
  readonly lo: number;
}

/** Mask of bits first..last (1-based, inclusive) within a 28-bit half whose bit 1 is the top. */
function halfMask(first: number, last: number): number {
  if (first > last) return 0;
  return ((1 << (last - first + 1)) - 1) << (28 - last);
}

/** The mask of MB bits first..last (inclusive). */
export function mbMask(first: number, last: number): MbMask {
  return { hi: halfMask(first, Math.min(last, 28)), lo: halfMask(Math.max(first, 29) - 28, last - 28) };
}

/** True when any bit of `m` is set in the loaded MB field. */
export function mbAnySet(m: MbMask): boolean {
  return ((mbHi & m.hi) | (mbLo & m.lo)) !== 0;
}

/** A register's status bits and the fields they cover, as masks over the two halves of the MB field. */
export interface StatusLayout {
  readonly statusHi: number;
  readonly statusLo: number;
  readonly fieldsHi: number;
  readonly fieldsLo: number;
}

/** Builds a StatusLayout from [status, first, last] triples; every field must follow its status bit. */
export function statusLayout(groups: readonly (readonly [number, number, number])[]): StatusLayout {
  let statusHi = 0;
  let statusLo = 0;
  let fieldsHi = 0;
  let fieldsLo = 0;
  for (const [status, first, last] of groups) {
    if (first !== status + 1) throw new Error(`MB field ${first}-${last} does not follow its status bit`);
    const s = mbMask(status, status);
    const field = mbMask(first, last);
    statusHi |= s.hi;
    statusLo |= s.lo;
    fieldsHi |= field.hi;
    fieldsLo |= field.lo;
  }
  return { statusHi, statusLo, fieldsHi, fieldsLo };
}

/**
 * False when a status bit says "not valid" while its field carries a value: the tell-tale of a reply that
 * belongs to another register (Doc 9871 A.2.2.2: invalid data shall be all zeros).
 * All fields at once: adding all ones to a field carries into the bit above it, its status bit, exactly
 * when the field is not zero. The low half's carry out (MB bit 29 to 28) goes into the high half.
 */
export function statusConsistent(l: StatusLayout): boolean {
  const sumLo = (mbLo & l.fieldsLo) + l.fieldsLo;
  const sumHi = (mbHi & l.fieldsHi) + l.fieldsHi + (sumLo >>> 28);
  const valueHi = sumHi & l.statusHi; // status positions whose field is not zero
  const valueLo = sumLo & l.statusLo;
  return ((valueHi & ~mbHi) | (valueLo & ~mbLo)) === 0;
}

/** A two's complement field of `count` bits whose sign is the bit just before it. */
export function mbSigned(signBit: number, count: number): number {
  const v = mbBits(signBit, count + 1); // sign and magnitude read together
  return v >= 1 << count ? v - (2 << count) : v;
}
