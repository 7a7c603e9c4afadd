// SPDX-License-Identifier: GPL-3.0-or-later
// Fast spherical distance for plausibility gates. Where accuracy matters (tracking, separation), use the
// WGS84 geodesy of this folder instead; a gate that allows hundreds of metres of slack does not need it.

/** Mean Earth radius (IUGG), m. */
export const EARTH_MEAN_RADIUS_M = 6371008.8;

const RAD = Math.PI / 180;

/** Great-circle distance on the mean sphere, m (haversine). */
export function sphericalDistanceM(lat1Deg: number, lon1Deg: number, lat2Deg: number, lon2Deg: number): number {
  const dLat = (lat2Deg - lat1Deg) * RAD;
  const dLon = (lon2Deg - lon1Deg) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1Deg * RAD) * Math.cos(lat2Deg * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}
