// SPDX-License-Identifier: GPL-3.0-or-later
// Bit access to the 56-bit MB field (frame bits 33..88) with bits numbered 1..56 as in ICAO Doc 9871's
// register tables, and the checks that every register validator shares.

import { bit, bits } from '../bits.ts';

/** MB bits first..first+count-1 (1-based, count <= 25) as an unsigned integer. */
export function mbBits(f: Uint8Array, first: number, count: number): number {
  return bits(f, 32 + first, count);
}

/** MB bit n (1-based) as 0 or 1. */
export function mbBit(f: Uint8Array, n: number): number {
  return bit(f, 32 + n);
}

/** True when MB bits first..last (inclusive, any length) are all zero. */
export function mbZero(f: Uint8Array, first: number, last: number): boolean {
  for (let b = first; b <= last; b += 24) {
    const n = Math.min(24, last - b + 1);
    if (bits(f, 32 + b, n) !== 0) return false;
  }
  return true;
}

/** True when the whole MB field is zero (bytes 4..10 of the frame). */
export function mbEmpty(f: Uint8Array): boolean {
  return (f[4] | f[5] | f[6] | f[7] | f[8] | f[9] | f[10]) === 0;
}

/**
 * A status bit that says "not valid" while its field carries a value: the tell-tale of a reply that
 * belongs to another register (Doc 9871 A.2.2.2: invalid data shall be all zeros).
 */
export function wrongStatus(f: Uint8Array, status: number, first: number, last: number): boolean {
  return mbBit(f, status) === 0 && !mbZero(f, first, last);
}

/** A two's complement field of `count` bits whose sign is the bit just before it. */
export function mbSigned(f: Uint8Array, signBit: number, count: number): number {
  const v = mbBits(f, signBit + 1, count);
  return mbBit(f, signBit) === 1 ? v - (1 << count) : v;
}
