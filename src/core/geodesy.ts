// SPDX-License-Identifier: GPL-3.0-or-later
// WGS84 geodesy: geodetic ⇄ ECEF, local east-north-up (ENU) frames, and radar polar measurements to
// positions. Geodesics (distances and azimuths over the ellipsoid) come from geographiclib-geodesic.
// Allocation-free variants write into caller-provided objects: the tracker calls these per report.

/** WGS84 semi-major axis, m. */
export const WGS84_A_M = 6378137;
/** WGS84 flattening. */
export const WGS84_F = 1 / 298.257223563;
const E2 = WGS84_F * (2 - WGS84_F); // first eccentricity squared
const B_M = WGS84_A_M * (1 - WGS84_F);
const EP2 = E2 / (1 - E2); // second eccentricity squared

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

export interface Geodetic {
  latDeg: number;
  lonDeg: number;
  /** Height above the ellipsoid, m. */
  hM: number;
}

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

export interface Enu {
  eastM: number;
  northM: number;
  upM: number;
}

/** Geodetic (WGS84) to Earth-centred Earth-fixed coordinates, m. */
export function geodeticToEcef(latDeg: number, lonDeg: number, hM: number, out: Vec3 = { x: 0, y: 0, z: 0 }): Vec3 {
  const lat = latDeg * RAD;
  const lon = lonDeg * RAD;
  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const n = WGS84_A_M / Math.sqrt(1 - E2 * sinLat * sinLat); // prime vertical radius of curvature
  out.x = (n + hM) * cosLat * Math.cos(lon);
  out.y = (n + hM) * cosLat * Math.sin(lon);
  out.z = (n * (1 - E2) + hM) * sinLat;
  return out;
}

/**
 * ECEF to geodetic with Bowring's method: one evaluation from the parametric latitude, then one refinement,
 * which is sub-millimetre from the Earth's surface to far beyond aircraft heights (checked in the tests).
 */
export function ecefToGeodetic(x: number, y: number, z: number, out: Geodetic = { latDeg: 0, lonDeg: 0, hM: 0 }): Geodetic {
  const p = Math.hypot(x, y);
  const lon = Math.atan2(y, x);
  if (p < 1e-9) {
    // On the polar axis.
    out.latDeg = z >= 0 ? 90 : -90;
    out.lonDeg = 0;
    out.hM = Math.abs(z) - B_M;
    return out;
  }
  bowring(p, z);
  const num = BOWRING[0];
  const den = BOWRING[1];
  const lat = Math.atan2(num, den);
  const r = Math.sqrt(num * num + den * den);
  const sinLat = num / r;
  const cosLat = den / r;
  const n = WGS84_A_M / Math.sqrt(1 - E2 * sinLat * sinLat);
  // Height from the better-conditioned formula: horizontal away from the poles, vertical near them.
  out.latDeg = lat * DEG;
  out.lonDeg = lon * DEG;
  out.hM = Math.abs(lat) < Math.PI / 4 ? p / cosLat - n : z / sinLat - n * (1 - E2);
  return out;
}

/**
 * ECEF to latitude and longitude only (degrees, into out[0] and out[1]): ecefToGeodetic without the height,
 * for the radar plot conversion, which needs no height and runs per plot.
 */
export function ecefToLatLon(x: number, y: number, z: number, out: Float64Array): void {
  const p = Math.sqrt(x * x + y * y); // not Math.hypot: slower, and at Earth scale nothing overflows
  if (p < 1e-9) {
    out[0] = z >= 0 ? 90 : -90;
    out[1] = 0;
    return;
  }
  bowring(p, z);
  out[0] = Math.atan2(BOWRING[0], BOWRING[1]) * DEG;
  out[1] = Math.atan2(y, x) * DEG;
}

/** Where bowring puts its result. */
const BOWRING = new Float64Array(2);

/**
 * Bowring's method for a point at distance p from the polar axis and z along it: the parametric latitude β of
 * the point's projection, then the geodetic latitude from it, and one refinement. Writes the geodetic
 * latitude's tangent as [numerator, denominator] to BOWRING (its atan2 is the latitude). Sines and cosines
 * come from the tangents' components: no trigonometric calls.
 */
function bowring(p: number, z: number): void {
  let tn = z * WGS84_A_M;
  let td = p * B_M;
  let r = Math.sqrt(tn * tn + td * td);
  let sb = tn / r;
  let cb = td / r;
  let num = z + EP2 * B_M * sb * sb * sb;
  let den = p - E2 * WGS84_A_M * cb * cb * cb;
  tn = (1 - WGS84_F) * num; // tan β = (1 - f) tan φ
  td = den;
  r = Math.sqrt(tn * tn + td * td);
  sb = tn / r;
  cb = td / r;
  num = z + EP2 * B_M * sb * sb * sb;
  den = p - E2 * WGS84_A_M * cb * cb * cb;
  BOWRING[0] = num;
  BOWRING[1] = den;
}

/**
 * A local east-north-up tangent frame at a reference point: the frame the tracker filters in and radar
 * measurements are made in.
 */
export class EnuFrame {
  readonly origin: Geodetic;
  private readonly ox: number;
  private readonly oy: number;
  private readonly oz: number;
  private readonly sinLat: number;
  private readonly cosLat: number;
  private readonly sinLon: number;
  private readonly cosLon: number;
  private readonly scratch: Vec3 = { x: 0, y: 0, z: 0 };

  constructor(latDeg: number, lonDeg: number, hM = 0) {
    this.origin = { latDeg, lonDeg, hM };
    const o = geodeticToEcef(latDeg, lonDeg, hM);
    this.ox = o.x;
    this.oy = o.y;
    this.oz = o.z;
    this.sinLat = Math.sin(latDeg * RAD);
    this.cosLat = Math.cos(latDeg * RAD);
    this.sinLon = Math.sin(lonDeg * RAD);
    this.cosLon = Math.cos(lonDeg * RAD);
  }

  /** The origin in ECEF metres. */
  get originEcef(): Vec3 {
    return { x: this.ox, y: this.oy, z: this.oz };
  }

  /** Geodetic position to ENU metres in this frame. */
  toEnu(latDeg: number, lonDeg: number, hM: number, out: Enu = { eastM: 0, northM: 0, upM: 0 }): Enu {
    const p = geodeticToEcef(latDeg, lonDeg, hM, this.scratch);
    return this.ecefToEnu(p.x, p.y, p.z, out);
  }

  /** ECEF metres to ENU metres in this frame. */
  ecefToEnu(x: number, y: number, z: number, out: Enu = { eastM: 0, northM: 0, upM: 0 }): Enu {
    const dx = x - this.ox;
    const dy = y - this.oy;
    const dz = z - this.oz;
    out.eastM = -this.sinLon * dx + this.cosLon * dy;
    out.northM = -this.sinLat * this.cosLon * dx - this.sinLat * this.sinLon * dy + this.cosLat * dz;
    out.upM = this.cosLat * this.cosLon * dx + this.cosLat * this.sinLon * dy + this.sinLat * dz;
    return out;
  }

  /** ENU metres in this frame to a geodetic position. */
  toGeodetic(eastM: number, northM: number, upM: number, out: Geodetic = { latDeg: 0, lonDeg: 0, hM: 0 }): Geodetic {
    const x = this.ox - this.sinLon * eastM - this.sinLat * this.cosLon * northM + this.cosLat * this.cosLon * upM;
    const y = this.oy + this.cosLon * eastM - this.sinLat * this.sinLon * northM + this.cosLat * this.sinLon * upM;
    const z = this.oz + this.cosLat * northM + this.sinLat * upM;
    return ecefToGeodetic(x, y, z, out);
  }
}

/** Gaussian mean radius of curvature at a latitude: the sphere that best fits the ellipsoid there, m. */
export function gaussianRadiusM(latDeg: number): number {
  const s = Math.sin(latDeg * RAD);
  return (WGS84_A_M * Math.sqrt(1 - E2)) / (1 - E2 * s * s);
}

/**
 * Elevation angle (rad) of a target seen by a radar, from the slant range and the two heights, on the
 * local osculating sphere (the standard radar-to-system-plane geometry; refraction is left to the
 * measured heights). NaN when the geometry is impossible (the heights differ by more than the range).
 */
export function radarElevationRad(slantRangeM: number, radarHeightM: number, targetHeightM: number, earthRadiusM: number): number {
  const rr = earthRadiusM + radarHeightM;
  const rt = earthRadiusM + targetHeightM;
  const sinEl = (rt * rt - rr * rr - slantRangeM * slantRangeM) / (2 * rr * slantRangeM);
  return sinEl >= -1 && sinEl <= 1 ? Math.asin(sinEl) : Number.NaN;
}

/**
 * A radar's polar measurement (slant range, azimuth clockwise from true north) to ENU metres in the
 * radar's own frame, for a target at `targetHeightM` above the ellipsoid. Returns false when the heights
 * are inconsistent with the range.
 */
export function radarPolarToEnu(
  slantRangeM: number,
  azimuthDeg: number,
  radar: Geodetic,
  targetHeightM: number,
  out: Enu,
): boolean {
  const el = radarElevationRad(slantRangeM, radar.hM, targetHeightM, gaussianRadiusM(radar.latDeg));
  if (Number.isNaN(el)) return false;
  const horizontal = slantRangeM * Math.cos(el);
  const az = azimuthDeg * RAD;
  out.eastM = horizontal * Math.sin(az);
  out.northM = horizontal * Math.cos(az);
  out.upM = slantRangeM * Math.sin(el);
  return true;
}
