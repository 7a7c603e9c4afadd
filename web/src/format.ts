// SPDX-License-Identifier: GPL-3.0-or-later
// Display units for people in an operations room: flight level, knots, feet per minute, nautical miles, UTC times.

import { locale } from './i18n.ts';

const FT_PER_M = 1 / 0.3048;
const KT_PER_MPS = 3600 / 1852;
const FPM_PER_MPS = FT_PER_M * 60;

/** Flight level (hundreds of feet), or null when the altitude is unknown. */
export function flightLevel(altM: number | undefined): number | null {
  return altM === undefined ? null : Math.round((altM * FT_PER_M) / 100);
}

export function flText(altM: number | undefined): string {
  const fl = flightLevel(altM);
  return fl === null ? '—' : `FL${String(Math.max(fl, 0)).padStart(3, '0')}`;
}

export function knots(mps: number): number {
  return Math.round(mps * KT_PER_MPS);
}

export function fpm(mps: number): number {
  return Math.round((mps * FPM_PER_MPS) / 10) * 10;
}

export function nm(m: number): string {
  return (m / 1852).toFixed(m < 18520 ? 2 : 1);
}

export function feet(m: number): number {
  return Math.round(m * FT_PER_M);
}

export function utcTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function utcDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function percent(share: number): string {
  return `${(share * 100).toLocaleString(locale(), { maximumFractionDigits: 1 })} %`;
}

export function num(x: number, digits = 1): string {
  return x.toLocaleString(locale(), { maximumFractionDigits: digits });
}

export function latLon(lat: number, lon: number): string {
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lon >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(4)}°${ns} ${Math.abs(lon).toFixed(4)}°${ew}`;
}

/** Short form of a long hex string (hashes, signatures): first and last 8 characters. */
export function shortHex(hex: string): string {
  return hex.length <= 20 ? hex : `${hex.slice(0, 8)}…${hex.slice(-8)}`;
}
