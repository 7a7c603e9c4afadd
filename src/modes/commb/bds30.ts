// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 3,0 ACAS active resolution advisory (ICAO Doc 9871 Table A-2-48; Annex 10 Vol IV 4.3.8.4.2.4).
// MB bits: 1-8 register number 0x30, 9-22 ARA, 23-26 RAC, 27 RAT, 28 MTE, 29-30 TTI, 31-56 TID.
// The DF16 MV field (VDS 3,0) has the same layout, so both go through decodeAcasMv.

import { decodeAc13 } from '../altitude.ts';
import { icaoHex } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';
import { loadMb, mbBit, mbBits } from './mb.ts';

/**
 * Register number 0x30, threat type indicator not 3 (unassigned), and ARA bits 16-22 (kept for a future
 * ACAS III) below 48, as pyModeS checks.
 */
export function isBds30(f: Uint8Array): boolean {
  loadMb(f);
  return fits30();
}

/** isBds30 on the loaded MB field. */
export function fits30(): boolean {
  return mbBits(1, 8) === 0x30 && mbBits(29, 2) !== 3 && mbBits(16, 7) < 48;
}

/** Decodes the RA fields of MB/MV bits 9..56 (frame bits 41..88). Field names are shared with ADS-B TC28. */
export function decodeAcasMv(f: Uint8Array, msg: ModeSMessage): void {
  loadMb(f);
  msg.ara = mbBits(9, 14);
  msg.rac = mbBits(23, 4);
  msg.raTerminated = mbBit(27) === 1;
  msg.multipleThreats = mbBit(28) === 1;
  const tti = mbBits(29, 2);
  msg.threatType = tti;
  if (tti === 1) {
    msg.threatIcao = icaoHex(mbBits(31, 24));
  } else if (tti === 2) {
    const alt = decodeAc13(mbBits(31, 13));
    if (!Number.isNaN(alt)) msg.threatAltFt = Math.round(alt);
    const range = mbBits(44, 7);
    if (range > 0) msg.threatRangeNm = (range - 1) / 10;
    const bearing = mbBits(51, 6);
    if (bearing > 0 && bearing <= 60) msg.threatBearingDeg = 6 * bearing - 3;
  }
}

export function decodeBds30(f: Uint8Array, msg: ModeSMessage): void {
  decodeAcasMv(f, msg);
}
