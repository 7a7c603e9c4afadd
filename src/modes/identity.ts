// SPDX-License-Identifier: GPL-3.0-or-later
// Mode 3/A identity (squawk) in the 13-bit ID field (C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4).

import type { Emergency } from './message.ts';

/** The squawk as 4 octal digits from the 13-bit ID field. */
export function decodeSquawk(id13: number): string {
  const b = (n: number) => (id13 >> (12 - n)) & 1;
  const a = (b(5) << 2) | (b(3) << 1) | b(1);
  const bb = (b(11) << 2) | (b(9) << 1) | b(7);
  const c = (b(4) << 2) | (b(2) << 1) | b(0);
  const d = (b(12) << 2) | (b(10) << 1) | b(8);
  return String.fromCharCode(48 + a, 48 + bb, 48 + c, 48 + d);
}

/** The 13-bit ID field for a squawk of 4 octal digits (X bit clear). */
export function encodeSquawk(squawk: string): number {
  const digit = (i: number) => (squawk.charCodeAt(i) - 48) & 7;
  const a = digit(0);
  const bb = digit(1);
  const c = digit(2);
  const d = digit(3);
  const at = (v: number, n: number) => v << (12 - n);
  return (
    at(c & 1, 0) |
    at(a & 1, 1) |
    at((c >> 1) & 1, 2) |
    at((a >> 1) & 1, 3) |
    at((c >> 2) & 1, 4) |
    at((a >> 2) & 1, 5) |
    at(bb & 1, 7) |
    at(d & 1, 8) |
    at((bb >> 1) & 1, 9) |
    at((d >> 1) & 1, 10) |
    at((bb >> 2) & 1, 11) |
    at((d >> 2) & 1, 12)
  );
}

/** The emergency that a squawk declares: 7500 unlawful interference, 7600 radio failure, 7700 general. */
export function squawkEmergency(squawk: string): Emergency | undefined {
  if (squawk === '7500') return 'unlawful';
  if (squawk === '7600') return 'nocomm';
  if (squawk === '7700') return 'general';
  return undefined;
}

/** True for a valid squawk string: 4 octal digits. */
export function isSquawk(s: string): boolean {
  return /^[0-7]{4}$/.test(s);
}
