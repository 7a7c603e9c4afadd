// SPDX-License-Identifier: GPL-3.0-or-later
// Pair geometry for encounter analysis: the relative position of two aircraft in metres on the WGS84 ellipsoid
// (local radii of curvature, accurate to centimetres over tens of kilometres), the closest point of a linearly
// interpolated segment, and the encounter geometry (head-on, crossing, overtaking) from the relative tracks.

import { WGS84_A_M, WGS84_F } from '../../core/geodesy.ts';
import type { EncounterGeometry } from '../types.ts';

const RAD = Math.PI / 180;
const E2 = WGS84_F * (2 - WGS84_F);

/** Metres per radian of latitude (meridional radius M) and of longitude (N cos φ) at a latitude. */
export function metresPerRad(latDeg: number): { northM: number; eastM: number } {
  const s = Math.sin(latDeg * RAD);
  const w = 1 - E2 * s * s;
  const n = WGS84_A_M / Math.sqrt(w);
  return { northM: (WGS84_A_M * (1 - E2)) / (w * Math.sqrt(w)), eastM: n * Math.cos(latDeg * RAD) };
}

/** Longitude difference b − a wrapped into (−180, 180], degrees. */
export function lonDiffDeg(a: number, b: number): number {
  let d = b - a;
  if (d > 180) d -= 360;
  else if (d <= -180) d += 360;
  return d;
}

/** B relative to A (east, north), m, in the tangent plane at their mid-latitude. */
export function relativeEnM(latA: number, lonA: number, latB: number, lonB: number, out: { e: number; n: number }): { e: number; n: number } {
  const k = metresPerRad((latA + latB) / 2);
  out.e = lonDiffDeg(lonA, lonB) * RAD * k.eastM;
  out.n = (latB - latA) * RAD * k.northM;
  return out;
}

/** A position moved by a velocity for dt seconds (short extrapolation). */
export function extrapolate(lat: number, lon: number, velEastMps: number, velNorthMps: number, dtS: number): { lat: number; lon: number } {
  const k = metresPerRad(lat);
  return { lat: lat + (velNorthMps * dtS) / k.northM / RAD, lon: lon + (velEastMps * dtS) / k.eastM / RAD };
}

/**
 * Closest point of a relative position moving linearly from p0 to p1 (east, north, up; up NaN when unknown,
 * then the horizontal distance is minimised): the fraction u in [0, 1] where it is closest.
 */
export function segmentClosestU(e0: number, n0: number, u0: number, e1: number, n1: number, u1: number): number {
  const de = e1 - e0;
  const dn = n1 - n0;
  const vertical = !Number.isNaN(u0) && !Number.isNaN(u1);
  const du = vertical ? u1 - u0 : 0;
  const dd = de * de + dn * dn + du * du;
  if (dd === 0) return 0;
  const dot = e0 * de + n0 * dn + (vertical ? u0 * du : 0);
  return Math.max(0, Math.min(1, -dot / dd));
}

/** Smallest angle between two tracks, degrees in [0, 180]. */
export function trackDifferenceDeg(a: number, b: number): number {
  const d = Math.abs((((b - a) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

/** Angles that split the geometry: head-on from this track difference up, overtaking below the other. */
export const HEAD_ON_MIN_DEG = 135;
/** ICAO Annex 2, 3.2.2.4: overtaking is approaching from the rear within 70° of the other's plane of symmetry. */
export const OVERTAKING_MAX_DEG = 70;

/**
 * Head-on, crossing or overtaking from the two tracks over ground and the relative position shortly before
 * the closest point. Overtaking also needs one aircraft to be behind the other (within 70° of its tail, as in
 * Annex 2); converging tracks side by side are crossing.
 */
export function classifyGeometry(trackADeg: number, trackBDeg: number, relBehindDeg?: number): EncounterGeometry {
  const diff = trackDifferenceDeg(trackADeg, trackBDeg);
  if (diff >= HEAD_ON_MIN_DEG) return 'head-on';
  if (diff < OVERTAKING_MAX_DEG && (relBehindDeg === undefined || relBehindDeg < OVERTAKING_MAX_DEG)) return 'overtaking';
  return 'crossing';
}
