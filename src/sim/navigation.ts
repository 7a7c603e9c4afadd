// SPDX-License-Identifier: GPL-3.0-or-later
// Spherical navigation for guidance: angles, bearings, destinations. Guidance needs no ellipsoid; sensors
// and positions use src/core/geodesy.ts.

import { EARTH_MEAN_RADIUS_M as R_MEAN, sphericalDistanceM } from '../core/geo.ts';

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** Great-circle distance on the mean sphere, m (guidance only). */
export const distanceM = sphericalDistanceM;

/** Wraps an angle to (-180, 180]. */
export function wrap180(deg: number): number {
  let d = deg;
  if (d > 180 || d <= -180) {
    d = deg - 360 * Math.floor(deg / 360);
    if (d > 180) d -= 360;
  }
  return d;
}

/** Wraps an angle to [0, 360). */
export function wrap360(deg: number): number {
  if (deg >= 0 && deg < 360) return deg;
  const d = deg - 360 * Math.floor(deg / 360);
  return d >= 360 ? 0 : d;
}

/** Great-circle initial bearing, deg (spherical; guidance only). */
export function bearingDeg(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lon2 - lon1) * RAD;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return wrap360(Math.atan2(y, x) * DEG);
}

/** The point `distM` from a start along an initial bearing (spherical). */
export function destination(latDeg: number, lonDeg: number, bearing: number, distM: number): { lat: number; lon: number } {
  const d = distM / R_MEAN;
  const p1 = latDeg * RAD;
  const b = bearing * RAD;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = lonDeg * RAD + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lat: p2 * DEG, lon: wrap180(l2 * DEG) };
}
