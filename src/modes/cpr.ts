// SPDX-License-Identifier: GPL-3.0-or-later
// Compact Position Reporting (DO-260B §A.1.7 / ICAO Doc 9871 §C.2.6): stateless encoding and decoding of
// airborne and surface positions. Nothing here allocates: results go into caller-provided objects and the
// functions return whether they succeeded.

/** A decoded position in degrees; decoders write into one of these. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** An encoded position: the 17-bit YZ (latitude) and XZ (longitude) fields. */
export interface CprCode {
  cprLat: number;
  cprLon: number;
}

/** Number of latitude zones between the equator and a pole (NZ). */
const NZ = 15;
const CPR_MAX = 131072; // 2^17

/**
 * NL transition latitudes, ascending: TRANSITIONS[k] is the latitude at and above which NL drops from
 * 59 - k to 58 - k (k = 0..57). From the closed form of the standard, evaluated once at start-up.
 */
export const CPR_NL_TRANSITIONS: Float64Array = (() => {
  const t = new Float64Array(58);
  const a = 1 - Math.cos(Math.PI / (2 * NZ));
  for (let k = 0; k < 58; k++) {
    const nl = 59 - k;
    t[k] = (Math.acos(Math.sqrt(a / (1 - Math.cos((2 * Math.PI) / nl)))) * 180) / Math.PI;
  }
  t[57] = 87; // exactly, as the standard tabulates it (the closed form gives 87 up to rounding)
  return t;
})();

/**
 * Number of longitude zones NL at a latitude (1..59), by binary search over the transition table.
 * Equal to the standard's closed form, without its trigonometry per call.
 */
export function cprNL(latDeg: number): number {
  const a = latDeg < 0 ? -latDeg : latDeg;
  if (a >= 87) return a === 87 ? 2 : 1; // the standard defines NL(±87) = 2
  let lo = 0;
  let hi = 57; // count of transitions <= a lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CPR_NL_TRANSITIONS[mid] <= a) lo = mid + 1;
    else hi = mid;
  }
  return 59 - lo;
}

/** The standard's closed form for NL (DO-260B A.1.7.2 d), for reference and tests. */
export function cprNLClosedForm(latDeg: number): number {
  if (latDeg === 0) return 59;
  const a = Math.abs(latDeg);
  if (a === 87) return 2;
  if (a > 87) return 1;
  const c = Math.cos((Math.PI * a) / 180);
  return Math.floor((2 * Math.PI) / Math.acos(1 - (1 - Math.cos(Math.PI / (2 * NZ))) / (c * c)));
}

/** MOD(x, y) as the standard defines it: x - y * floor(x / y), always in [0, y). */
function mod(x: number, y: number): number {
  return x - y * Math.floor(x / y);
}

/** Longitude normalised into [-180, 180). */
function wrapLon(lon: number): number {
  return mod(lon + 180, 360) - 180;
}

/**
 * Globally unambiguous airborne decoding of an even/odd pair (DO-260B A.1.7.7). `oddIsLatest` says which
 * of the two was received last; its position is returned. Fails (false) when the two latitudes lie in
 * different NL zones (the pair straddles a zone boundary and must be discarded) or the result is not a
 * latitude.
 */
export function cprAirborneGlobal(
  evenLat: number,
  evenLon: number,
  oddLat: number,
  oddLon: number,
  oddIsLatest: boolean,
  out: LatLon,
): boolean {
  const dLat0 = 360 / 60;
  const dLat1 = 360 / 59;
  const yz0 = evenLat / CPR_MAX;
  const yz1 = oddLat / CPR_MAX;
  const j = Math.floor(59 * yz0 - 60 * yz1 + 0.5);
  let rlat0 = dLat0 * (mod(j, 60) + yz0);
  let rlat1 = dLat1 * (mod(j, 59) + yz1);
  if (rlat0 >= 270) rlat0 -= 360;
  if (rlat1 >= 270) rlat1 -= 360;
  if (rlat0 < -90 || rlat0 > 90 || rlat1 < -90 || rlat1 > 90) return false;
  const nl = cprNL(rlat0);
  if (nl !== cprNL(rlat1)) return false;
  const i = oddIsLatest ? 1 : 0;
  const ni = Math.max(nl - i, 1);
  const m = Math.floor(((evenLon * (nl - 1) - oddLon * nl) / CPR_MAX) + 0.5);
  const xz = (oddIsLatest ? oddLon : evenLon) / CPR_MAX;
  out.lat = oddIsLatest ? rlat1 : rlat0;
  out.lon = wrapLon((360 / ni) * (mod(m, ni) + xz));
  return true;
}

/**
 * Globally unambiguous surface decoding of an even/odd pair (DO-260B A.1.7.8). Surface CPR covers only
 * 90 degrees, so the latitude hemisphere and the longitude quadrant are those nearest the reference
 * (receiver or last known position, which must be within 45 degrees).
 */
export function cprSurfaceGlobal(
  evenLat: number,
  evenLon: number,
  oddLat: number,
  oddLon: number,
  oddIsLatest: boolean,
  refLat: number,
  refLon: number,
  out: LatLon,
): boolean {
  const dLat0 = 90 / 60;
  const dLat1 = 90 / 59;
  const yz0 = evenLat / CPR_MAX;
  const yz1 = oddLat / CPR_MAX;
  const j = Math.floor(59 * yz0 - 60 * yz1 + 0.5);
  let rlat0 = dLat0 * (mod(j, 60) + yz0); // northern solution in [0, 90]
  let rlat1 = dLat1 * (mod(j, 59) + yz1);
  // The southern solution is 90 degrees lower; take whichever is nearer the reference.
  if (Math.abs(rlat0 - 90 - refLat) < Math.abs(rlat0 - refLat)) rlat0 -= 90;
  if (Math.abs(rlat1 - 90 - refLat) < Math.abs(rlat1 - refLat)) rlat1 -= 90;
  if (rlat0 < -90 || rlat0 > 90 || rlat1 < -90 || rlat1 > 90) return false;
  const nl = cprNL(rlat0);
  if (nl !== cprNL(rlat1)) return false;
  const i = oddIsLatest ? 1 : 0;
  const ni = Math.max(nl - i, 1);
  const m = Math.floor(((evenLon * (nl - 1) - oddLon * nl) / CPR_MAX) + 0.5);
  const xz = (oddIsLatest ? oddLon : evenLon) / CPR_MAX;
  const rlon = (90 / ni) * (mod(m, ni) + xz); // in [0, 90): one of four quadrant solutions
  // Pick the solution rlon + 90 k nearest the reference longitude.
  const k = Math.round((refLon - rlon) / 90);
  out.lat = oddIsLatest ? rlat1 : rlat0;
  out.lon = wrapLon(rlon + 90 * k);
  return true;
}

function localDecode(
  cprLat: number,
  cprLon: number,
  odd: boolean,
  refLat: number,
  refLon: number,
  span: number,
  out: LatLon,
): boolean {
  const i = odd ? 1 : 0;
  const dLat = span / (60 - i);
  const yz = cprLat / CPR_MAX;
  const j = Math.floor(refLat / dLat) + Math.floor(0.5 + mod(refLat, dLat) / dLat - yz);
  const rlat = dLat * (j + yz);
  if (rlat < -90 || rlat > 90) return false;
  const nl = cprNL(rlat);
  const ni = Math.max(nl - i, 1);
  const dLon = span / ni;
  const xz = cprLon / CPR_MAX;
  const m = Math.floor(refLon / dLon) + Math.floor(0.5 + mod(refLon, dLon) / dLon - xz);
  out.lat = rlat;
  out.lon = wrapLon(dLon * (m + xz));
  return true;
}

/**
 * Locally unambiguous airborne decoding against a reference position (DO-260B A.1.7.5). The reference
 * must be within half a zone (about 180 NM) of the aircraft.
 */
export function cprAirborneLocal(
  cprLat: number,
  cprLon: number,
  odd: boolean,
  refLat: number,
  refLon: number,
  out: LatLon,
): boolean {
  return localDecode(cprLat, cprLon, odd, refLat, refLon, 360, out);
}

/** Locally unambiguous surface decoding; the reference must be within about 45 NM. */
export function cprSurfaceLocal(
  cprLat: number,
  cprLon: number,
  odd: boolean,
  refLat: number,
  refLon: number,
  out: LatLon,
): boolean {
  return localDecode(cprLat, cprLon, odd, refLat, refLon, 90, out);
}

/**
 * CPR encoding (DO-260B A.1.7.3) of a position into 17-bit YZ/XZ. Airborne uses 360-degree zones with
 * 17 bits; surface uses 90-degree zones with 17 bits, which is the standard's 19-bit encoding of
 * 360-degree zones with its two high bits dropped. Returns false for a latitude outside [-90, 90].
 */
export function cprEncode(latDeg: number, lonDeg: number, odd: boolean, surface: boolean, out: CprCode): boolean {
  if (!(latDeg >= -90 && latDeg <= 90) || !Number.isFinite(lonDeg)) return false;
  const i = odd ? 1 : 0;
  const span = surface ? 90 : 360;
  const dLat = span / (60 - i);
  const yz = Math.floor((CPR_MAX * mod(latDeg, dLat)) / dLat + 0.5);
  const rlat = dLat * (yz / CPR_MAX + Math.floor(latDeg / dLat));
  const nl = cprNL(rlat);
  const ni = Math.max(nl - i, 1);
  const dLon = span / ni;
  const xz = Math.floor((CPR_MAX * mod(lonDeg, dLon)) / dLon + 0.5);
  out.cprLat = yz & (CPR_MAX - 1);
  out.cprLon = xz & (CPR_MAX - 1);
  return true;
}
