// SPDX-License-Identifier: GPL-3.0-or-later
// TC 29: target state and status (DO-260B §2.2.3.2.7.1). Subtype 1 is the version 2 format; subtype 0
// is the version 1 format of DO-260A, decoded where its fields are well defined.

import { bit, bits } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';
import { EMERGENCY_BY_CODE } from './status.ts';

const ALT_SOURCE_V1 = [undefined, 'mcp', 'holding', 'fms'] as const;

export function decodeTargetState(f: Uint8Array, msg: ModeSMessage, checkImf: boolean): void {
  const st = bits(f, 38, 2); // only two bits of subtype here
  msg.subtype = st;
  if (st === 1) decodeV2(f, msg, checkImf);
  else if (st === 0 && bit(f, 43) === 0) decodeV1(f, msg);
}

function decodeV2(f: Uint8Array, msg: ModeSMessage, checkImf: boolean): void {
  msg.silSupplement = bit(f, 40) === 1 ? 'sample' : 'hour';
  const alt = bits(f, 42, 11);
  if (alt !== 0) {
    if (bit(f, 41) === 1) msg.selAltFmsFt = (alt - 1) * 32;
    else msg.selAltMcpFt = (alt - 1) * 32;
  }
  const baro = bits(f, 53, 9);
  if (baro !== 0) msg.baroSettingMb = Math.round((800 + (baro - 1) * 0.8) * 10) / 10;
  if (bit(f, 62) === 1) msg.selHeadingDeg = (bits(f, 63, 9) * 180) / 256; // sign bit included: 0..360
  msg.nacP = bits(f, 72, 4);
  msg.nicBaro = bit(f, 76);
  msg.sil = bits(f, 77, 2);
  if (bit(f, 79) === 1) {
    msg.autopilot = bit(f, 80) === 1;
    msg.vnav = bit(f, 81) === 1;
    msg.altHold = bit(f, 82) === 1;
    msg.approach = bit(f, 84) === 1;
    msg.lnav = bit(f, 86) === 1;
  }
  msg.tcasOperational = bit(f, 85) === 1;
  if (checkImf) {
    const imf = bit(f, 83);
    msg.imf = imf;
    if (imf === 1) msg.nonIcao = true;
  }
}

function decodeV1(f: Uint8Array, msg: ModeSMessage): void {
  const vSource = bits(f, 40, 2);
  if (vSource !== 0) {
    msg.targetAltSource = ALT_SOURCE_V1[vSource];
    msg.targetAltIsFl = bit(f, 42) === 0;
    const raw = bits(f, 48, 10);
    if (raw <= 1010) msg.targetAltFt = -1000 + 100 * raw;
    msg.verticalMode = bits(f, 46, 2);
  }
  if (bits(f, 58, 2) !== 0) {
    const angle = bits(f, 60, 9);
    if (angle < 360) msg.targetHeadingDeg = angle;
    msg.targetIsTrack = bit(f, 69) === 1;
    msg.horizontalMode = bits(f, 70, 2);
  }
  msg.nacP = bits(f, 72, 4);
  msg.nicBaro = bit(f, 76);
  msg.sil = bits(f, 77, 2);
  const tcas = bits(f, 84, 2); // 0 no capability data, 1 TCAS/ACAS not operational, 2 operational, no RA, 3 RA active
  if (tcas !== 0) {
    msg.tcasOperational = tcas >= 2;
    msg.acasRaActive = tcas === 3;
  }
  msg.emergency = EMERGENCY_BY_CODE[bits(f, 86, 3)];
}
