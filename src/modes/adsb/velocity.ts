// SPDX-License-Identifier: GPL-3.0-or-later
// TC 19: airborne velocity (DO-260B §2.2.3.2.6), subtypes 1/2 (ground speed, ×4 when supersonic) and
// 3/4 (airspeed and heading, ×4 when supersonic).

import { bit, bits } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';

const RAD_TO_DEG = 180 / Math.PI;

export function decodeVelocity(f: Uint8Array, msg: ModeSMessage, checkImf: boolean): void {
  const st = bits(f, 38, 3);
  if (st < 1 || st > 4) return; // 0 and 5..7 are reserved
  msg.velSubtype = st;
  msg.onGround = false;
  if (checkImf) {
    const imf = bit(f, 41);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  } else msg.intentChange = bit(f, 41) === 1;
  msg.ifrCapability = bit(f, 42) === 1;
  msg.nacV = bits(f, 43, 3);
  const scale = st === 2 || st === 4 ? 4 : 1;
  if (st <= 2) {
    const ewRaw = bits(f, 47, 10);
    const nsRaw = bits(f, 58, 10);
    if (ewRaw !== 0 && nsRaw !== 0) {
      const vEw = (bit(f, 46) === 1 ? 1 - ewRaw : ewRaw - 1) * scale; // positive east
      const vNs = (bit(f, 57) === 1 ? 1 - nsRaw : nsRaw - 1) * scale; // positive north
      msg.gsKt = Math.sqrt(vEw * vEw + vNs * vNs);
      let trk = Math.atan2(vEw, vNs) * RAD_TO_DEG;
      if (trk < 0) trk += 360;
      msg.trackDeg = trk;
    }
  } else {
    if (bit(f, 46) === 1) msg.headingDeg = (bits(f, 47, 10) * 360) / 1024;
    const asRaw = bits(f, 58, 10);
    if (asRaw !== 0) {
      const kt = (asRaw - 1) * scale;
      if (bit(f, 57) === 1) msg.tasKt = kt;
      else msg.iasKt = kt;
    }
  }
  const vrRaw = bits(f, 70, 9);
  if (vrRaw !== 0) {
    msg.vrSource = bit(f, 68) === 1 ? 'baro' : 'gnss';
    msg.vrFpm = (bit(f, 69) === 1 ? -64 * (vrRaw - 1) : 64 * (vrRaw - 1)) | 0;
  }
  const dRaw = bits(f, 82, 7);
  if (dRaw !== 0) msg.geoMinusBaroFt = (bit(f, 81) === 1 ? -25 * (dRaw - 1) : 25 * (dRaw - 1)) | 0;
}
