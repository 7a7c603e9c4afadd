// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 4,4 meteorological routine air report (ICAO Doc 9871 Table A-2-68).
// MB bits: 1-4 figure of merit / source, 5 status + 6-14 wind speed (kt) + 15-23 wind direction
// (180/256°), 24 sign + 25-34 static air temperature (0.25 °C), 35 status + 36-46 static pressure (hPa),
// 47 status + 48-49 turbulence, 50 status + 51-56 humidity (100/64 %).

import type { ModeSMessage } from '../message.ts';
import { loadMb, mbBit, mbBits, mbEmpty, mbSigned, statusConsistent, statusLayout } from './mb.ts';

/** Static air temperature in °C of the loaded field (the field has no status bit of its own). */
export function temp44C(): number {
  return mbSigned(24, 10) * 0.25;
}

const STATUS = statusLayout([
  [5, 6, 23],
  [35, 36, 46],
  [47, 48, 49],
  [50, 51, 56],
]);

/**
 * Status bits consistent, figure of merit 0..4 (5..15 reserved), wind at most 250 kt, temperature
 * within -80..60 °C, and not wind, direction and temperature all zero (as pyModeS checks).
 */
export function isBds44(f: Uint8Array): boolean {
  loadMb(f);
  return fits44();
}

/** isBds44 on the loaded MB field. */
export function fits44(): boolean {
  if (mbEmpty() || !statusConsistent(STATUS)) return false;
  if (mbBits(1, 4) > 4) return false;
  const windStatus = mbBit(5);
  const speed = mbBits(6, 9);
  if (windStatus && speed > 250) return false;
  const t = temp44C();
  if (t < -80 || t > 60) return false;
  return !(windStatus && speed === 0 && mbBits(15, 9) === 0 && mbBits(24, 11) === 0);
}

export function decodeBds44(f: Uint8Array, msg: ModeSMessage): void {
  loadMb(f);
  msg.figureOfMerit = mbBits(1, 4);
  if (mbBit(5)) {
    msg.windKt = mbBits(6, 9);
    msg.windDirDeg = (mbBits(15, 9) * 180) / 256;
  }
  msg.tempC = temp44C();
  if (mbBit(35)) msg.pressureHpa = mbBits(36, 11);
  if (mbBit(47)) msg.turbulence = mbBits(48, 2);
  if (mbBit(50)) msg.humidityPct = (mbBits(51, 6) * 100) / 64;
}
