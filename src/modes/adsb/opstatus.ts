// SPDX-License-Identifier: GPL-3.0-or-later
// TC 31: aircraft operational status (DO-260B §2.2.3.2.7.2), subtype 0 airborne, 1 surface, for versions
// 1 and 2; version 0 (DO-260) is identified with its version number and raw capability bits only.

import { bit, bits } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';

/** Upper bounds of length and width (m) per length/width code (DO-260B Table 2-74); NaN for code 0. */
const LENGTH_M = new Float64Array([Number.NaN, 15, 25, 25, 35, 35, 45, 45, 55, 55, 65, 65, 75, 75, 85, 85]);
const WIDTH_M = new Float64Array([
  Number.NaN,
  23,
  28.5,
  34,
  33,
  38,
  39.5,
  45,
  45,
  52,
  59.5,
  67,
  72.5,
  80,
  80,
  90,
]);

export function decodeOperationalStatus(f: Uint8Array, msg: ModeSMessage, checkImf: boolean): void {
  const st = bits(f, 38, 3);
  msg.subtype = st;
  if (st > 1) return; // reserved subtypes
  const version = bits(f, 73, 3);
  msg.version = version;
  const surface = st === 1;
  msg.capabilityClass = bits(f, 41, 16);
  msg.operationalMode = bits(f, 57, 16);
  if (checkImf) {
    const imf = bit(f, 88);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  }
  if (version === 0) {
    if (!surface && bits(f, 41, 2) === 0) {
      msg.ccAcas = bit(f, 44) === 0;
      msg.ccCdti = bit(f, 45) === 1;
    }
    return;
  }
  if (version > 2) return; // a later version whose layout we do not know

  // Capability class (ME bits 9..24), defined when its two leading bits are 00.
  if (bits(f, 41, 2) === 0) {
    if (!surface) {
      if (version === 1) {
        msg.ccAcas = bit(f, 43) === 0; // "not TCAS" in version 1
        msg.ccCdti = bit(f, 44) === 1;
      } else {
        msg.ccAcas = bit(f, 43) === 1;
        msg.cc1090In = bit(f, 44) === 1;
        msg.ccUatIn = bit(f, 51) === 1;
      }
      msg.ccArv = bit(f, 47) === 1;
      msg.ccTs = bit(f, 48) === 1;
      msg.ccTc = bits(f, 49, 2);
    } else {
      msg.ccPoa = bit(f, 43) === 1;
      if (version === 1) msg.ccCdti = bit(f, 44) === 1;
      else {
        msg.cc1090In = bit(f, 44) === 1;
        msg.ccUatIn = bit(f, 48) === 1;
        msg.nacV = bits(f, 49, 3);
        msg.nicC = bit(f, 52);
      }
      msg.ccB2Low = bit(f, 47) === 1;
      const lw = bits(f, 53, 4);
      msg.lengthWidthCode = lw;
      if (lw !== 0) {
        msg.lengthM = LENGTH_M[lw];
        msg.widthM = WIDTH_M[lw];
      }
    }
  }

  // Operational mode (ME bits 25..40), defined when its two leading bits are 00.
  if (bits(f, 57, 2) === 0) {
    msg.acasRaActive = bit(f, 59) === 1;
    msg.identActive = bit(f, 60) === 1;
    msg.atcServices = bit(f, 61) === 1;
    if (version === 2) {
      msg.singleAntenna = bit(f, 62) === 1;
      msg.sda = bits(f, 63, 2);
      if (surface) {
        // GPS antenna offset: lateral 3 bits (direction, 2 m steps), longitudinal 5 bits (2 m steps aft).
        const lat = bits(f, 66, 2);
        msg.gpsLateralOffsetM = bit(f, 65) === 1 ? 2 * lat : -2 * lat;
        const lon = bits(f, 68, 5);
        if (lon > 1) msg.gpsLongitudinalOffsetM = 2 * (lon - 1);
        else if (lon === 1) msg.gpsLongitudinalOffsetM = 0; // offset applied by the sensor
      }
    }
  }

  msg.nicA = bit(f, 76);
  msg.nacP = bits(f, 77, 4);
  if (!surface && version === 2) msg.gva = bits(f, 81, 2);
  msg.sil = bits(f, 83, 2);
  const hrd = bit(f, 86);
  msg.headingRef = hrd === 1 ? 'magnetic' : 'true';
  if (surface) msg.surfaceAngle = bit(f, 85) === 1 ? 'heading' : 'track';
  else msg.nicBaro = bit(f, 85);
  if (version === 2) msg.silSupplement = bit(f, 87) === 1 ? 'sample' : 'hour';
}
