// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 4,5 meteorological hazard report (ICAO Doc 9871 Table A-2-69).
// MB bits: 1+2-3 turbulence, 4+5-6 wind shear, 7+8-9 microburst, 10+11-12 icing, 13+14-15 wake vortex
// (status + level 0..3 each), 16 status + 17 sign + 18-26 static air temperature (0.25 °C),
// 27 status + 28-38 average static pressure (hPa), 39 status + 40-51 radio height (16 ft), 52-56 reserved.

import type { ModeSMessage } from '../message.ts';
import { loadMb, mbAnySet, mbBit, mbBits, mbEmpty, mbMask, mbSigned, statusConsistent, statusLayout } from './mb.ts';

/** Static air temperature in °C of the loaded field. */
export function temp45C(): number {
  return mbSigned(17, 9) * 0.25;
}

const STATUS = statusLayout([
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
  [10, 11, 12],
  [13, 14, 15],
  [16, 17, 26],
  [27, 28, 38],
  [39, 40, 51],
]);
const RESERVED = mbMask(52, 56);

/** Status bits consistent with their fields, reserved bits zero, temperature within -80..60 °C. */
export function isBds45(f: Uint8Array): boolean {
  loadMb(f);
  return fits45();
}

/** isBds45 on the loaded MB field; the reserved bits first, as they reject most other registers. */
export function fits45(): boolean {
  if (mbAnySet(RESERVED) || mbEmpty() || !statusConsistent(STATUS)) return false;
  if (mbBit(16)) {
    const t = temp45C();
    if (t < -80 || t > 60) return false;
  }
  return true;
}

export function decodeBds45(f: Uint8Array, msg: ModeSMessage): void {
  loadMb(f);
  if (mbBit(1)) msg.turbulence = mbBits(2, 2);
  if (mbBit(4)) msg.windShear = mbBits(5, 2);
  if (mbBit(7)) msg.microburst = mbBits(8, 2);
  if (mbBit(10)) msg.icing = mbBits(11, 2);
  if (mbBit(13)) msg.wakeVortex = mbBits(14, 2);
  if (mbBit(16)) msg.tempC = temp45C();
  if (mbBit(27)) msg.pressureHpa = mbBits(28, 11);
  if (mbBit(39)) msg.radioHeightFt = mbBits(40, 12) * 16;
}
