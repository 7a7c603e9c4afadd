// SPDX-License-Identifier: GPL-3.0-or-later
// ADS-B extended squitter decoding (DF17, DF18, DF19 AF=0): the DF18 control field, then one decoder per
// type-code group. Stateless: positions stay as raw CPR fields for the stream decoder.

import { bits } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';
import { decodeAirbornePosition } from './airborne.ts';
import { decodeIdentification } from './identification.ts';
import { decodeOperationalStatus } from './opstatus.ts';
import { decodeAircraftStatus } from './status.ts';
import { decodeSurfacePosition } from './surface.ts';
import { decodeTargetState } from './targetstate.ts';
import { decodeCoarseTisb } from './tisb.ts';
import { decodeVelocity } from './velocity.ts';

export { containmentRadius, gvaM, nacPEpuM, nacVMps, nicIsUnambiguous, nucP, nucPHplM } from './accuracy.ts';
export type { Containment } from './accuracy.ts';
export { CALLSIGN_CHARSET, categoryCode, decodeCallsign } from './identification.ts';
export { encodeMovement, MOVEMENT_KT } from './surface.ts';
export { EMERGENCY_BY_CODE } from './status.ts';

/**
 * Decodes the ME field (bits 33..88) of a 14-byte extended squitter into `msg`. For DF18 it reads the
 * control field first: CF0 ADS-B, CF1 ADS-B with a non-ICAO address, CF2 fine TIS-B (IMF), CF3 coarse
 * TIS-B, CF4 TIS-B/ADS-R management (identified only), CF5 fine TIS-B with a non-ICAO address, CF6 ADS-R
 * (IMF), CF7 reserved.
 */
export function decodeExtendedSquitter(f: Uint8Array, msg: ModeSMessage): void {
  let checkImf = false;
  if (msg.df === 18) {
    const cf = bits(f, 6, 3);
    msg.cf = cf;
    switch (cf) {
      case 0:
        msg.service = 'adsb';
        break;
      case 1:
        msg.service = 'adsb';
        msg.nonIcao = true;
        break;
      case 2:
        msg.service = 'tisb';
        checkImf = true;
        break;
      case 3:
        msg.service = 'tisb';
        decodeCoarseTisb(f, msg);
        return;
      case 5:
        msg.service = 'tisb';
        msg.nonIcao = true;
        break;
      case 6:
        msg.service = 'adsr';
        checkImf = true;
        break;
      default:
        return; // CF4 management, CF7 reserved: formats not decoded
    }
  } else msg.service = 'adsb';

  const tc = bits(f, 33, 5);
  msg.tc = tc;
  decodeMe(f, msg, tc, checkImf);
}

/**
 * The ME field by type code, into a message whose header (service, tc, DF18 control field) is already set.
 * checkImf: the IMF bit is read where ADS-B proper has other bits (TIS-B and ADS-R).
 */
export function decodeMe(f: Uint8Array, msg: ModeSMessage, tc: number, checkImf: boolean): void {
  switch (tc) {
    case 1:
    case 2:
    case 3:
    case 4:
      decodeIdentification(f, msg, tc);
      break;
    case 5:
    case 6:
    case 7:
    case 8:
      decodeSurfacePosition(f, msg, tc, checkImf);
      break;
    case 9:
    case 10:
    case 11:
    case 12:
    case 13:
    case 14:
    case 15:
    case 16:
    case 17:
    case 18:
    case 20:
    case 21:
    case 22:
      decodeAirbornePosition(f, msg, tc, checkImf);
      break;
    case 19:
      decodeVelocity(f, msg, checkImf);
      break;
    case 28:
      decodeAircraftStatus(f, msg, checkImf);
      break;
    case 29:
      decodeTargetState(f, msg, checkImf);
      break;
    case 31:
      decodeOperationalStatus(f, msg, checkImf);
      break;
    default:
      break; // 0 no position, 23 test, 24 surface system status, 25..27 reserved, 30 operational coordination
  }
}
