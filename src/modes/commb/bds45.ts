// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 4,5 meteorological hazard report (ICAO Doc 9871 Table A-2-69).
// MB bits: 1+2-3 turbulence, 4+5-6 wind shear, 7+8-9 microburst, 10+11-12 icing, 13+14-15 wake vortex
// (status + level 0..3 each), 16 status + 17 sign + 18-26 static air temperature (0.25 °C),
// 27 status + 28-38 average static pressure (hPa), 39 status + 40-51 radio height (16 ft), 52-56 reserved.

import type { ModeSMessage } from '../message.ts';
import { mbBit, mbBits, mbEmpty, mbSigned, wrongStatus } from './mb.ts';

export function temp45C(f: Uint8Array): number {
  return mbSigned(f, 17, 9) * 0.25;
}

/** Status bits consistent with their fields, reserved bits zero, temperature within -80..60 °C. */
export function isBds45(f: Uint8Array): boolean {
  if (mbEmpty(f)) return false;
  if (wrongStatus(f, 1, 2, 3)) return false;
  if (wrongStatus(f, 4, 5, 6)) return false;
  if (wrongStatus(f, 7, 8, 9)) return false;
  if (wrongStatus(f, 10, 11, 12)) return false;
  if (wrongStatus(f, 13, 14, 15)) return false;
  if (wrongStatus(f, 16, 17, 26)) return false;
  if (wrongStatus(f, 27, 28, 38)) return false;
  if (wrongStatus(f, 39, 40, 51)) return false;
  if (mbBits(f, 52, 5) !== 0) return false;
  if (mbBit(f, 16)) {
    const t = temp45C(f);
    if (t < -80 || t > 60) return false;
  }
  return true;
}

export function decodeBds45(f: Uint8Array, msg: ModeSMessage): void {
  if (mbBit(f, 1)) msg.turbulence = mbBits(f, 2, 2);
  if (mbBit(f, 4)) msg.windShear = mbBits(f, 5, 2);
  if (mbBit(f, 7)) msg.microburst = mbBits(f, 8, 2);
  if (mbBit(f, 10)) msg.icing = mbBits(f, 11, 2);
  if (mbBit(f, 13)) msg.wakeVortex = mbBits(f, 14, 2);
  if (mbBit(f, 16)) msg.tempC = temp45C(f);
  if (mbBit(f, 27)) msg.pressureHpa = mbBits(f, 28, 11);
  if (mbBit(f, 39)) msg.radioHeightFt = mbBits(f, 40, 12) * 16;
}
