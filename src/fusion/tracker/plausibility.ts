// SPDX-License-Identifier: GPL-3.0-or-later
// Physical plausibility of a self-reported (ADS-B) velocity: the slowest ground speed a fixed-wing aircraft can
// fly at a pressure altitude, used as a GNSS-spoofing tell (a "50 kt at FL380" report cannot be real).

/** ISA density ratio ρ/ρ0 at geopotential height hM (troposphere to 11 km, isothermal above). */
export function isaDensityRatio(hM: number): number {
  if (hM <= 11_000) return (1 - 2.25577e-5 * Math.max(hM, -500)) ** 4.25588;
  return 0.29708 * Math.exp(-(hM - 11_000) / 6341.62);
}

/**
 * The lowest plausible ground speed at altitude hM, m/s: the true airspeed of the slowest aircraft that
 * operates there (equivalent airspeed minEasMps, true = EAS / √σ) less the strongest wind allowed for
 * (maxWindMps). 0 below floorM, where helicopters, balloons and slow aircraft fly.
 */
export function minGroundSpeedMps(hM: number, minEasMps: number, maxWindMps: number, floorM: number): number {
  if (!(hM > floorM) || minEasMps <= 0) return 0;
  return Math.max(0, minEasMps / Math.sqrt(isaDensityRatio(hM)) - maxWindMps);
}
