// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 1,0 data link capability report (ICAO Doc 9871 Table A-2-16; Annex 10 Vol III 5.2.9).
// MB bits: 1-8 register number 0x10, 9 continuation, 10-14 reserved, 15 overlay command capability,
// 16 ACAS, 17-23 subnetwork version, 24 enhanced protocol, 25 specific services, 26-28 UELM, 29-32 DELM,
// 33 aircraft identification, 34 squitter, 35 SIC, 36 GICB report, 37 hybrid surveillance, 38 TA/RA,
// 39-40 ACAS (RTCA) version, 41-56 DTE status.

import type { ModeSMessage } from '../message.ts';
import { mbBit, mbBits, mbEmpty } from './mb.ts';

/**
 * Register 1,0 carries its own number in its first byte; the reserved bits 10-14 must be zero, and a
 * transponder that claims overlay command capability (introduced with Doc 9871 edition 2) must report
 * subnetwork version 5 or later. (pyModeS also rejects version 5+ without OCC; OCC is optional in
 * edition 2, so that reply is kept here.)
 */
export function isBds10(f: Uint8Array): boolean {
  if (f[4] !== 0x10 || mbEmpty(f)) return false;
  if (mbBits(f, 10, 5) !== 0) return false;
  if (mbBit(f, 15) === 1 && mbBits(f, 17, 7) < 5) return false;
  return true;
}

export function decodeBds10(f: Uint8Array, msg: ModeSMessage): void {
  msg.continuationFlag = mbBit(f, 9) === 1;
  msg.overlayCapable = mbBit(f, 15) === 1;
  msg.acasCapable = mbBit(f, 16) === 1;
  msg.subnetVersion = mbBits(f, 17, 7);
  msg.enhancedProtocol = mbBit(f, 24) === 1;
  msg.specificServices = mbBit(f, 25) === 1;
  msg.uelmCapability = mbBits(f, 26, 3);
  msg.delmCapability = mbBits(f, 29, 4);
  msg.aircraftIdCapable = mbBit(f, 33) === 1;
  msg.squitterCapable = mbBit(f, 34) === 1;
  msg.sicCapable = mbBit(f, 35) === 1;
  msg.gicbCapable = mbBit(f, 36) === 1;
  msg.hybridSurveillance = mbBit(f, 37) === 1;
  msg.acasRaCapable = mbBit(f, 38) === 1;
  msg.acasVersion = mbBits(f, 39, 2);
  msg.dteStatus = mbBits(f, 41, 16);
}
