// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 5,0 track and turn report (ICAO Doc 9871 Table A-2-80).
// MB bits: 1 status + 2 sign + 3-11 roll (45/256°), 12 status + 13 sign + 14-23 true track (90/512°),
// 24 status + 25-34 ground speed (2 kt), 35 status + 36 sign + 37-45 track angle rate (8/256 °/s),
// 46 status + 47-56 true airspeed (2 kt).

import type { ModeSMessage } from '../message.ts';
import { loadMb, mbBit, mbBits, mbEmpty, mbSigned, statusConsistent, statusLayout } from './mb.ts';

// Fields of the loaded MB field.
export const roll50Deg = (): number => (mbSigned(2, 9) * 45) / 256;
export const gs50Kt = (): number => mbBits(25, 10) * 2;
export const tas50Kt = (): number => mbBits(47, 10) * 2;
export const trackRate50DegS = (): number => (mbSigned(36, 9) * 8) / 256;
export function track50Deg(): number {
  const d = (mbSigned(13, 10) * 90) / 512;
  return d < 0 ? d + 360 : d;
}

const STATUS = statusLayout([
  [1, 2, 11],
  [12, 13, 23],
  [24, 25, 34],
  [35, 36, 45],
  [46, 47, 56],
]);

/**
 * Status bits consistent (sign bits included: Doc 9871 A.2.2.2 wants invalid data all zero), roll within
 * ±50°, ground speed and true airspeed at most 600 kt and within 200 kt of each other (pyModeS's ranges).
 */
export function isBds50(f: Uint8Array): boolean {
  loadMb(f);
  return fits50();
}

/** isBds50 on the loaded MB field. */
export function fits50(): boolean {
  if (mbEmpty() || !statusConsistent(STATUS)) return false;
  if (mbBit(1) && Math.abs(roll50Deg()) > 50) return false;
  const gsKt = mbBit(24) === 1 ? gs50Kt() : -1;
  const tasKt = mbBit(46) === 1 ? tas50Kt() : -1;
  if (gsKt > 600 || tasKt > 600) return false;
  return !(gsKt >= 0 && tasKt >= 0 && Math.abs(gsKt - tasKt) > 200);
}

export function decodeBds50(f: Uint8Array, msg: ModeSMessage): void {
  loadMb(f);
  if (mbBit(1)) msg.rollDeg = roll50Deg();
  if (mbBit(12)) msg.trackDeg = track50Deg();
  if (mbBit(24)) msg.gsKt = gs50Kt();
  if (mbBit(35)) msg.trackRateDegS = trackRate50DegS();
  if (mbBit(46)) msg.tasKt = tas50Kt();
}
