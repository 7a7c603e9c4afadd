// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 2,0 aircraft identification (ICAO Doc 9871 Table A-2-32): register number 0x20 in MB bits 1-8,
// then eight 6-bit characters of the ICAO (IA-5 subset) alphabet in bits 9-56.

import type { ModeSMessage } from '../message.ts';
import { loadMb, mbAnySet, mbBits, mbMask } from './mb.ts';

/** The 6-bit character set: A-Z at 1..26, space at 32, digits at 48..57; '#' marks codes never sent. */
const CHARSET = '#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######';

/** 1 for the 6-bit codes that a callsign may contain. */
const VALID = new Uint8Array(64);
for (let i = 0; i < 64; i++) VALID[i] = CHARSET[i] === '#' ? 0 : 1;

/** Number of letters and digits (not spaces) in the loaded callsign; -1 when a code is not in the alphabet. */
export function callsignCharCount(): number {
  let n = 0;
  for (let i = 0; i < 8; i++) {
    const c = mbBits(9 + 6 * i, 6);
    if (VALID[c] === 0) return -1;
    if (c !== 32) n++;
  }
  return n;
}

const CALLSIGN = mbMask(9, 56);

/** Register number 0x20, and either no callsign at all (all zeros, as pyModeS allows) or only valid characters. */
export function isBds20(f: Uint8Array): boolean {
  loadMb(f);
  return fits20();
}

/** isBds20 on the loaded MB field. */
export function fits20(): boolean {
  if (mbBits(1, 8) !== 0x20) return false;
  return !mbAnySet(CALLSIGN) || callsignCharCount() >= 0;
}

export function decodeBds20(f: Uint8Array, msg: ModeSMessage): void {
  loadMb(f);
  let s = '';
  for (let i = 0; i < 8; i++) {
    const c = mbBits(9 + 6 * i, 6);
    if (VALID[c] === 1) s += CHARSET[c];
  }
  s = s.trim();
  if (s.length > 0) msg.callsign = s;
}
