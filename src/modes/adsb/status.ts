// SPDX-License-Identifier: GPL-3.0-or-later
// TC 28: aircraft status (DO-260B §2.2.3.2.7.8): subtype 1 emergency/priority with the Mode A code,
// subtype 2 ACAS resolution advisory broadcast (the layout of Comm-B register 3,0).

import { decodeAc13 } from '../altitude.ts';
import { bit, bits, icaoHex } from '../bits.ts';
import { decodeSquawk } from '../identity.ts';
import type { Emergency, ModeSMessage } from '../message.ts';

export const EMERGENCY_BY_CODE: readonly Emergency[] = [
  'none',
  'general',
  'lifeguard',
  'minfuel',
  'nocomm',
  'unlawful',
  'downed',
  'reserved',
];

export function decodeAircraftStatus(f: Uint8Array, msg: ModeSMessage, checkImf: boolean): void {
  const st = bits(f, 38, 3);
  msg.subtype = st;
  if (st === 1) {
    msg.emergency = EMERGENCY_BY_CODE[bits(f, 41, 3)];
    const id13 = bits(f, 44, 13); // Mode A code (version 2; zero in earlier versions)
    if (id13 !== 0) msg.squawk = decodeSquawk(id13);
    if (checkImf) setImf(msg, bit(f, 88));
  } else if (st === 2) {
    decodeRaBroadcast(f, msg, 41);
  }
}

function setImf(msg: ModeSMessage, imf: number): void {
  msg.imf = imf;
  if (imf === 1) msg.nonIcao = true;
}

/**
 * ARA, RAC, RAT, MTE, TTI and the threat identity (field names shared with Comm-B register 3,0), starting at frame bit `first` (the ARA's first bit).
 * Shared layout with Comm-B register 3,0 (Annex 10 Vol IV §4.3.8.4.2.2).
 */
export function decodeRaBroadcast(f: Uint8Array, msg: ModeSMessage, first: number): void {
  msg.ara = bits(f, first, 14);
  msg.rac = bits(f, first + 14, 4);
  msg.raTerminated = bit(f, first + 18) === 1;
  msg.multipleThreats = bit(f, first + 19) === 1;
  const tti = bits(f, first + 20, 2);
  msg.threatType = tti;
  const tid = first + 22; // 26-bit threat identity data
  if (tti === 1) {
    msg.threatIcao = icaoHex(bits(f, tid, 24));
  } else if (tti === 2) {
    const alt = decodeAc13(bits(f, tid, 13));
    if (!Number.isNaN(alt)) msg.threatAltFt = Math.round(alt);
    const range = bits(f, tid + 13, 7);
    if (range !== 0) msg.threatRangeNm = (range - 1) / 10; // 1: under 0.05 NM; 127: over 12.55 NM
    const bearing = bits(f, tid + 20, 6);
    if (bearing >= 1 && bearing <= 60) msg.threatBearingDeg = 6 * bearing - 3; // sector middle
  }
}
