// SPDX-License-Identifier: GPL-3.0-or-later
// The conflict model for one pair of aircraft: linear prediction, horizontal and vertical conflict windows, their
// intersection within the look-ahead, and current proximity. Two geometries: jointsky's and BlueSky's exact arithmetic.

import type { StcaSnapshot } from './snapshot.ts';

/**
 * The model (BlueSky's state-based conflict detection, bluesky/traffic/asas/statebased.py, StateBased.detect, whose
 * geometry is geo.kwikqdrdist: flat earth on a sphere of R = 6371000 m, longitude scaled by the cosine of the
 * pair's mean latitude). For aircraft i and j, with j relative to i:
 *
 *   dlat = rad(lat_j − lat_i), dlon = rad(wrap180(lon_j − lon_i)), c = cos(rad(lat_i + lat_j) / 2)
 *   dx = R·dlon·c, dy = R·dlat  (east, north, m); dist = √(dx² + dy²)
 *   du, dv = velocity of j minus velocity of i (east, north, m/s); dv2 = max(du² + dv², 1e-6 when below)
 *   tcpa = −(du·dx + dv·dy) / dv2; dcpa² = |dist² − tcpa²·dv2|
 *   horizontal conflict iff dcpa² < rpz²; then it lasts tcpa ∓ √(rpz² − dcpa²)/√dv2  = [tInHor, tOutHor]
 *   dalt = alt_j − alt_i, dvs = vs_j − vs_i (replaced by 1e-6 when |dvs| < 1e-6)
 *   vertical window: between (dalt + hpz)/−dvs and (dalt − hpz)/−dvs  = [tInVer, tOutVer]
 *   tIn = max(tInHor, tInVer), tOut = min(tOutHor, tOutVer)
 *   conflict iff horizontal conflict and tIn ≤ tOut and tOut > 0 and tIn < look-ahead
 *   loss of separation now iff dist < rpz and |dalt| < hpz
 *
 * BlueSky's defaults: rpz 5 NM (1852 m), hpz 1000 ft (0.3048 m), look-ahead 300 s. In 'bluesky' mode the arithmetic
 * follows BlueSky's operation order (dist in NM from kwikqdrdist, then back to metres; dx = dist·sin(qdr),
 * dy = dist·cos(qdr), qdr = deg(atan2(dlon·c, dlat)) mod 360), so that borderline pairs fall the same way.
 *
 * jointsky's STCA ('stca' mode) uses the same windows with dx, dy taken directly, a protected volume per pair
 * (category pair, airspace), current proximity (a pair inside its volume now is always a conflict), and unknown
 * altitude (a primary-only track): then the vertical window is unbounded and vertical distances are NaN. Where
 * BlueSky clamps a tiny relative speed (dv2 < 1e-6 m²/s², |dvs| < 1e-6 m/s) it treats the motion as none: the
 * window is then all time or never. (BlueSky's clamp can count a nearly static pair up to look-ahead × 1 mm/s
 * outside rpz.)
 */

export const EARTH_RADIUS_M = 6371000;
export const NM_M = 1852;
export const FT_M = 0.3048;

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** What the model says about one pair; the kernels overwrite every field. */
export class PairResult {
  conflict = false;
  losNow = false;
  /** Time to closest horizontal approach from now, s (negative: already passed). */
  tcpaS = 0;
  /** Horizontal distance at tcpa, m. */
  dcpaM = 0;
  /** Start and end of the predicted loss of separation, s from now (±Infinity/1e8 when unbounded). */
  tInS = 0;
  tOutS = 0;
  horizNowM = 0;
  /** alt_j − alt_i now and its rate, m and m/s (NaN when an altitude is unknown). */
  dAltM = 0;
  dVsMps = 0;
}

/** jointsky's STCA geometry for the pair (i, j) with protected volume rpzM/hpzM; returns `out.conflict || out.losNow`. */
export function evaluateStcaPair(
  s: StcaSnapshot,
  i: number,
  j: number,
  rpzM: number,
  hpzM: number,
  lookaheadS: number,
  out: PairResult,
): boolean {
  let dLonDeg = s.lon[j] - s.lon[i];
  if (dLonDeg >= 180) dLonDeg -= 360;
  else if (dLonDeg < -180) dLonDeg += 360;
  const c = Math.cos((s.lat[i] + s.lat[j]) * 0.5 * RAD);
  const dx = EARTH_RADIUS_M * dLonDeg * RAD * c;
  const dy = EARTH_RADIUS_M * (s.lat[j] - s.lat[i]) * RAD;
  const du = s.velEastMps[j] - s.velEastMps[i];
  const dv = s.velNorthMps[j] - s.velNorthMps[i];
  const dist2 = dx * dx + dy * dy;
  const dv2 = du * du + dv * dv;
  const r2 = rpzM * rpzM;
  // Below 1 mm/s of relative speed the pair is treated as static (BlueSky clamps dv2 instead, see above).
  const moving = dv2 >= 1e-6;
  const tcpa = moving ? -(du * dx + dv * dy) / dv2 : 0;
  const dcpa2 = moving ? Math.abs(dist2 - tcpa * tcpa * dv2) : dist2;
  const horiz = dcpa2 < r2;
  const dtHor = horiz ? (moving ? Math.sqrt(r2 - dcpa2) / Math.sqrt(dv2) : Infinity) : 0;
  const tInHor = horiz ? tcpa - dtHor : Infinity;
  const tOutHor = horiz ? tcpa + dtHor : -Infinity;

  const dAlt = s.altM[j] - s.altM[i]; // NaN when either is unknown
  const dVs = s.vrMps[j] - s.vrMps[i];
  let tIn = tInHor;
  let tOut = tOutHor;
  let vertNow = true;
  if (!Number.isNaN(dAlt)) {
    vertNow = Math.abs(dAlt) < hpzM;
    if (Math.abs(dVs) >= 1e-6) {
      const tHi = (dAlt + hpzM) / -dVs;
      const tLo = (dAlt - hpzM) / -dVs;
      tIn = Math.max(tInHor, Math.min(tHi, tLo));
      tOut = Math.min(tOutHor, Math.max(tHi, tLo));
    } else if (!vertNow) {
      tIn = Infinity;
      tOut = -Infinity;
    }
  }
  const horizNow = Math.sqrt(dist2);
  out.losNow = horizNow < rpzM && vertNow;
  out.conflict = out.losNow || (horiz && tIn <= tOut && tOut > 0 && tIn < lookaheadS);
  out.tcpaS = tcpa;
  out.dcpaM = Math.sqrt(dcpa2);
  out.tInS = out.losNow ? Math.min(0, tIn) : tIn;
  out.tOutS = tOut;
  out.horizNowM = horizNow;
  out.dAltM = dAlt;
  out.dVsMps = dVs;
  return out.conflict;
}

/** BlueSky's StateBased arithmetic for the pair (i, j) (i is ownship, j intruder); returns `conflict || losNow`. */
export function evaluateBlueskyPair(
  s: StcaSnapshot,
  i: number,
  j: number,
  rpzM: number,
  hpzM: number,
  lookaheadS: number,
  out: PairResult,
): boolean {
  // geo.kwikqdrdist, distances in NM
  const dlat = (s.lat[j] - s.lat[i]) * RAD;
  const dlon = pyMod(s.lon[j] - s.lon[i] + 180, 360) - 180;
  const dlonRad = dlon * RAD;
  const cavelat = Math.cos((s.lat[j] + s.lat[i]) * RAD * 0.5);
  const dangle = Math.sqrt(dlat * dlat + dlonRad * dlonRad * (cavelat * cavelat));
  const distNm = (EARTH_RADIUS_M * dangle) / NM_M;
  const qdr = pyMod(Math.atan2(dlonRad * cavelat, dlat) * DEG, 360);
  const dist = distNm * NM_M;
  const qdrRad = qdr * RAD;
  const dx = dist * Math.sin(qdrRad);
  const dy = dist * Math.cos(qdrRad);

  const du = s.velEastMps[j] - s.velEastMps[i];
  const dv = s.velNorthMps[j] - s.velNorthMps[i];
  let dv2 = du * du + dv * dv;
  if (Math.abs(dv2) < 1e-6) dv2 = 1e-6;
  const vrel = Math.sqrt(dv2);
  const tcpa = -(du * dx + dv * dy) / dv2;
  const dcpa2 = Math.abs(dist * dist - tcpa * tcpa * dv2);
  const r2 = rpzM * rpzM;
  const horiz = dcpa2 < r2;
  const dtInHor = Math.sqrt(Math.max(0, r2 - dcpa2)) / vrel;
  const tInHor = horiz ? tcpa - dtInHor : 1e8;
  const tOutHor = horiz ? tcpa + dtInHor : -1e8;

  const dAlt = s.altM[j] - s.altM[i];
  let dVs = s.vrMps[j] - s.vrMps[i];
  if (Math.abs(dVs) < 1e-6) dVs = 1e-6;
  const tHi = (dAlt + hpzM) / -dVs;
  const tLo = (dAlt - hpzM) / -dVs;
  const tIn = Math.max(Math.min(tHi, tLo), tInHor);
  const tOut = Math.min(Math.max(tHi, tLo), tOutHor);

  out.conflict = horiz && tIn <= tOut && tOut > 0 && tIn < lookaheadS;
  out.losNow = dist < rpzM && Math.abs(dAlt) < hpzM;
  out.tcpaS = tcpa;
  out.dcpaM = Math.sqrt(dcpa2);
  out.tInS = tIn;
  out.tOutS = tOut;
  out.horizNowM = dist;
  out.dAltM = dAlt;
  out.dVsMps = s.vrMps[j] - s.vrMps[i];
  return out.conflict || out.losNow;
}

/** Python's float modulo (the result takes the sign of the divisor), as NumPy's `%` computes it. */
function pyMod(x: number, m: number): number {
  const r = x % m;
  return r !== 0 && r < 0 !== m < 0 ? r + m : r;
}
