// SPDX-License-Identifier: GPL-3.0-or-later
// DF18 CF3: coarse TIS-B airborne position and velocity (DO-260B §2.2.17.3.3). It has no type code:
// IMF, service volume, altitude, ground track and speed, and a 12-bit CPR position.

import { decodeAc12 } from '../altitude.ts';
import { bit, bits } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';

export function decodeCoarseTisb(f: Uint8Array, msg: ModeSMessage): void {
  const imf = bit(f, 33);
  msg.imf = imf;
  if (imf === 1) msg.nonIcao = true;
  msg.svid = bits(f, 34, 4);
  const ac12 = bits(f, 38, 12);
  if (ac12 !== 0) {
    const ft = decodeAc12(ac12);
    if (!Number.isNaN(ft)) {
      msg.altFt = ft;
      msg.altSource = 'baro';
    }
  }
  if (bit(f, 50) === 1) {
    msg.trackDeg = bits(f, 51, 5) * 11.25;
    msg.gsKt = bits(f, 56, 6) * 16;
  }
  msg.onGround = false;
  msg.cprFormat = bit(f, 62) as 0 | 1;
  msg.cprLat = bits(f, 63, 12);
  msg.cprLon = bits(f, 75, 12);
}
