// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 1,0 data link capability report (ICAO Doc 9871 Table A-2-16; Annex 10 Vol III 5.2.9).
// MB bits: 1-8 register number 0x10, 9 continuation, 10-14 reserved, 15 overlay command capability,
// 16 ACAS, 17-23 subnetwork version, 24 enhanced protocol, 25 specific services, 26-28 UELM, 29-32 DELM,
// 33 aircraft identification, 34 squitter, 35 SIC, 36 GICB report, 37 hybrid surveillance, 38 TA/RA,
// 39-40 ACAS (RTCA) version, 41-56 DTE status.

import type { ModeSMessage } from '../message.ts';
import { loadMb, mbAnySet, mbBit, mbBits, mbMask } from './mb.ts';

const RESERVED = mbMask(10, 14);

/**
 * Register 1,0 carries its own number in its first byte; the reserved bits 10-14 must be zero, and a
 * transponder that claims overlay command capability (introduced with Doc 9871 edition 2) must report
 * subnetwork version 5 or later. (pyModeS also rejects version 5+ without OCC; OCC is optional in
 * edition 2, so that reply is kept here.)
 */
export function isBds10(f: Uint8Array): boolean {
  loadMb(f);
  return fits10();
}

/** isBds10 on the loaded MB field. */
export function fits10(): boolean {
  if (mbBits(1, 8) !== 0x10 || mbAnySet(RESERVED)) return false;
  return !(mbBit(15) === 1 && mbBits(17, 7) < 5);
}

export function decodeBds10(f: Uint8Array, msg: ModeSMessage): void {
  loadMb(f);
  msg.continuationFlag = mbBit(9) === 1;
  msg.overlayCapable = mbBit(15) === 1;
  msg.acasCapable = mbBit(16) === 1;
  msg.subnetVersion = mbBits(17, 7);
  msg.enhancedProtocol = mbBit(24) === 1;
  msg.specificServices = mbBit(25) === 1;
  msg.uelmCapability = mbBits(26, 3);
  msg.delmCapability = mbBits(29, 4);
  msg.aircraftIdCapable = mbBit(33) === 1;
  msg.squitterCapable = mbBit(34) === 1;
  msg.sicCapable = mbBit(35) === 1;
  msg.gicbCapable = mbBit(36) === 1;
  msg.hybridSurveillance = mbBit(37) === 1;
  msg.acasRaCapable = mbBit(38) === 1;
  msg.acasVersion = mbBits(39, 2);
  msg.dteStatus = mbBits(41, 16);
}
