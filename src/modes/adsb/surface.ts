// SPDX-License-Identifier: GPL-3.0-or-later
// TC 5..8: surface position (DO-260B §2.2.3.2.4), with the non-linear movement (ground speed) code.

import { bit, bits } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';
import { setPositionQuality } from './airborne.ts';

/**
 * Ground speed in kt for each movement code (DO-260B §2.2.3.2.4.2): the lower bound of the code's band.
 * NaN for 0 (no information) and 125..127 (reserved); 124 means 175 kt or more.
 */
export const MOVEMENT_KT: Float64Array = (() => {
  const t = new Float64Array(128);
  for (let m = 0; m < 128; m++) {
    let v: number;
    if (m === 0 || m >= 125) v = Number.NaN;
    else if (m === 1) v = 0;
    else if (m <= 8) v = 0.125 * (m - 1); // 0.125 kt steps up to 1 kt
    else if (m <= 12) v = 1 + 0.25 * (m - 9); // 0.25 kt steps up to 2 kt
    else if (m <= 38) v = 2 + 0.5 * (m - 13); // 0.5 kt steps up to 15 kt
    else if (m <= 93) v = 15 + (m - 39); // 1 kt steps up to 70 kt
    else if (m <= 108) v = 70 + 2 * (m - 94); // 2 kt steps up to 100 kt
    else if (m <= 123) v = 100 + 5 * (m - 109); // 5 kt steps up to 175 kt
    else v = 175;
    t[m] = v;
  }
  return t;
})();

/** The movement code for a ground speed: the band that holds it (1 for stopped, 124 from 175 kt). */
export function encodeMovement(gsKt: number): number {
  if (!(gsKt >= 0)) return 0;
  if (gsKt < 0.125) return 1;
  if (gsKt >= 175) return 124;
  let lo = 2;
  let hi = 123;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (MOVEMENT_KT[mid] <= gsKt) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function decodeSurfacePosition(f: Uint8Array, msg: ModeSMessage, tc: number, checkImf: boolean): void {
  msg.onGround = true;
  const movement = bits(f, 38, 7);
  msg.movement = movement;
  const gs = MOVEMENT_KT[movement];
  if (!Number.isNaN(gs)) msg.gsKt = gs;
  const trackValid = bit(f, 45) === 1;
  msg.trackValid = trackValid;
  if (trackValid) msg.trackDeg = (bits(f, 46, 7) * 360) / 128;
  if (checkImf) {
    const imf = bit(f, 53);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  } else msg.timeSync = bit(f, 53) === 1;
  setPositionQuality(msg, tc);
  msg.cprFormat = bit(f, 54) as 0 | 1;
  msg.cprLat = bits(f, 55, 17);
  msg.cprLon = bits(f, 72, 17);
}
