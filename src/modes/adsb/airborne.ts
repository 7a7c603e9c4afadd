// SPDX-License-Identifier: GPL-3.0-or-later
// TC 0, 9..18 and 20..22: airborne position (DO-260B §2.2.3.2.3). The stateless decoder reports the raw
// CPR fields; the stream decoder turns pairs into positions with cpr.ts.

import { decodeAc12 } from '../altitude.ts';
import { bit, bits } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';
import { containmentRadius, type Containment, nicIsUnambiguous, nucP } from './accuracy.ts';

const FT_PER_M = 1 / 0.3048;
const containment: Containment = { nic: 0, rcM: Number.NaN };

/** Sets nucP and, where the type code alone settles it, nic and rcM. */
export function setPositionQuality(msg: ModeSMessage, tc: number): void {
  msg.nucP = nucP(tc);
  if (nicIsUnambiguous(tc)) {
    containmentRadius(tc, 2, 0, 0, 0, containment);
    msg.nic = containment.nic;
    if (!Number.isNaN(containment.rcM)) msg.rcM = containment.rcM;
  }
}

export function decodeAirbornePosition(f: Uint8Array, msg: ModeSMessage, tc: number, checkImf: boolean): void {
  const ss = bits(f, 38, 2);
  msg.surveillanceStatus = ss;
  if (ss === 1 || ss === 2) msg.alert = true;
  else if (ss === 3) msg.spi = true;
  if (checkImf) {
    const imf = bit(f, 40);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  } else msg.nicB = bit(f, 40);
  msg.onGround = false;
  const ac12 = bits(f, 41, 12);
  if (tc >= 20) {
    // GNSS height (HAE), metres
    if (ac12 !== 0) {
      msg.altM = ac12;
      msg.altFt = Math.round(ac12 * FT_PER_M);
      msg.altSource = 'gnss';
    }
  } else if (ac12 !== 0) {
    const ft = decodeAc12(ac12);
    if (!Number.isNaN(ft)) {
      msg.altFt = ft;
      msg.altSource = 'baro';
    }
  }
  if (tc === 0) return; // no position information
  setPositionQuality(msg, tc);
  msg.timeSync = bit(f, 53) === 1;
  msg.cprFormat = bit(f, 54) as 0 | 1;
  msg.cprLat = bits(f, 55, 17);
  msg.cprLon = bits(f, 72, 17);
}
