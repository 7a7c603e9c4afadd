// SPDX-License-Identifier: GPL-3.0-or-later
// What the decoder knows, as SBS-1 BaseStation records (port 30003 style), the way dump1090 maps them.

import type { SbsRecord } from '../feeds/sbs.ts';
import type { ModeSMessage } from './message.ts';

/** SBS transmission type of a decoded message, or 0 when SBS has no line for it. */
export function sbsTransmissionType(msg: ModeSMessage): number {
  switch (msg.df) {
    case 17:
    case 18: {
      const tc = msg.tc ?? 0;
      if (tc >= 1 && tc <= 4) return 1;
      if (tc >= 5 && tc <= 8) return 2;
      if ((tc >= 9 && tc <= 18) || (tc >= 20 && tc <= 22)) return 3;
      if (tc === 19) return 4;
      return 0;
    }
    case 4:
    case 20:
      return 5;
    case 5:
    case 21:
      return 6;
    case 0:
    case 16:
      return 7;
    case 11:
      return 8;
    default:
      return 0;
  }
}

/** The SBS record for a message, or undefined when SBS has no line for it. */
export function toSbsRecord(msg: ModeSMessage): SbsRecord | undefined {
  const transmissionType = sbsTransmissionType(msg);
  if (transmissionType === 0) return undefined;
  const r: SbsRecord = { transmissionType, icao: msg.icao, timeMs: msg.timeMs };
  if (msg.nonIcao) r.nonIcao = true;
  if (msg.callsign !== undefined && (transmissionType === 1 || msg.bds === '2,0')) r.callsign = msg.callsign;
  if (msg.altFt !== undefined && transmissionType !== 1 && transmissionType !== 4) r.altFt = msg.altFt;
  if (transmissionType === 2 || transmissionType === 4) {
    if (msg.gsKt !== undefined) r.gsKt = msg.gsKt;
    if (msg.trackDeg !== undefined) r.trackDeg = msg.trackDeg;
  }
  if (msg.lat !== undefined && msg.lon !== undefined) {
    r.lat = msg.lat;
    r.lon = msg.lon;
  }
  if (transmissionType === 4 && msg.vrFpm !== undefined) r.vrFpm = msg.vrFpm;
  if (msg.squawk !== undefined) r.squawk = msg.squawk;
  if (msg.alert !== undefined) r.alert = msg.alert;
  if (msg.squawk !== undefined) r.emergency = msg.emergency !== undefined && msg.emergency !== 'none';
  if (msg.spi !== undefined) r.spi = msg.spi;
  if (msg.onGround !== undefined) r.onGround = msg.onGround;
  return r;
}
