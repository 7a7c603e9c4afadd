// SPDX-License-Identifier: GPL-3.0-or-later
// The simulator's atmosphere: ISA with the day's QNH, temperature deviation and geoid undulation, to turn
// pressure altitude (what aircraft fly and report) into geometric height, and airspeed conversions.

const G0 = 9.80665;

const T0 = 288.15; // ISA sea-level temperature, K
const P0 = 101325; // ISA sea-level pressure, Pa
const L = 0.0065; // lapse rate, K/m
const R = 287.05287; // specific gas constant of air, J/(kg K)
const H_TROP = 11000; // tropopause, m
const T_TROP = T0 - L * H_TROP;
const EXP = G0 / (R * L); // 5.2559
const P_TROP = P0 * (T_TROP / T0) ** EXP;

/** The day's atmosphere: sea-level pressure, a uniform temperature deviation from ISA, and the geoid height. */
export interface Atmosphere {
  qnhHpa: number;
  tempDeviationC: number;
  /** Geoid undulation (height of mean sea level above the WGS84 ellipsoid), m. */
  geoidM: number;
}

export const STANDARD_ATMOSPHERE: Atmosphere = { qnhHpa: 1013.25, tempDeviationC: 0, geoidM: 0 };

/** ISA pressure at a pressure altitude, Pa. */
export function isaPressurePa(pressureAltM: number): number {
  return pressureAltM <= H_TROP
    ? P0 * (1 - (L * pressureAltM) / T0) ** EXP
    : P_TROP * Math.exp((-G0 * (pressureAltM - H_TROP)) / (R * T_TROP));
}

/** Pressure altitude (m) at which the ISA pressure is `pPa`. */
export function isaAltitudeM(pPa: number): number {
  return pPa >= P_TROP ? (T0 / L) * (1 - (pPa / P0) ** (1 / EXP)) : H_TROP + ((R * T_TROP) / G0) * Math.log(P_TROP / pPa);
}

/**
 * Converts between pressure altitude and height above mean sea level in a day's atmosphere: sea-level
 * pressure QNH, temperature ISA + ΔT at every height, the standard lapse rate up to 11 km, isothermal above.
 */
export class AtmosphereModel {
  readonly atm: Atmosphere;
  private readonly qnhPa: number;
  private readonly t0: number;
  private readonly pTrop: number;

  constructor(atm: Atmosphere) {
    this.atm = atm;
    this.qnhPa = atm.qnhHpa * 100;
    this.t0 = T0 + atm.tempDeviationC;
    this.pTrop = this.qnhPa * (1 - (L * H_TROP) / this.t0) ** EXP;
  }

  /** Height above mean sea level (m) where the pressure is `pPa`. */
  mslHeightAtPressureM(pPa: number): number {
    if (pPa >= this.pTrop) return (this.t0 / L) * (1 - (pPa / this.qnhPa) ** (1 / EXP));
    return H_TROP + ((R * (this.t0 - L * H_TROP)) / G0) * Math.log(this.pTrop / pPa);
  }

  /** Pressure (Pa) at a height above mean sea level. */
  pressureAtMslPa(hM: number): number {
    if (hM <= H_TROP) return this.qnhPa * (1 - (L * hM) / this.t0) ** EXP;
    return this.pTrop * Math.exp((-G0 * (hM - H_TROP)) / (R * (this.t0 - L * H_TROP)));
  }

  /** Height above mean sea level of a pressure altitude, m. */
  mslFromPressureAltM(pressureAltM: number): number {
    return this.mslHeightAtPressureM(isaPressurePa(pressureAltM));
  }

  /** Pressure altitude of a height above mean sea level, m. */
  pressureAltFromMslM(hM: number): number {
    return isaAltitudeM(this.pressureAtMslPa(hM));
  }

  /** d(geometric height)/d(pressure altitude) at a pressure altitude: actual over ISA temperature. */
  heightRateFactor(pressureAltM: number): number {
    const tIsa = pressureAltM <= H_TROP ? T0 - L * pressureAltM : T_TROP;
    const h = this.mslFromPressureAltM(pressureAltM);
    const tAct = h <= H_TROP ? this.t0 - L * h : this.t0 - L * H_TROP;
    return tAct / tIsa;
  }

  private mslTable: Float64Array | undefined;
  private factorTable: Float64Array | undefined;

  /**
   * mslFromPressureAltM from a table (5 m steps, linear interpolation; under a millimetre from the exact
   * value), for the per-aircraft, per-tick conversion. Exact outside -1000 … 24000 m.
   */
  mslFromPressureAltFast(pressureAltM: number): number {
    const x = (pressureAltM - TABLE_MIN_M) / TABLE_STEP_M;
    if (!(x >= 0 && x < TABLE_N - 1)) return this.mslFromPressureAltM(pressureAltM);
    this.mslTable ??= this.tabulate((h) => this.mslFromPressureAltM(h));
    const k = x | 0;
    const f = x - k;
    const t = this.mslTable;
    return t[k] + (t[k + 1] - t[k]) * f;
  }

  /** heightRateFactor from a table (as mslFromPressureAltFast). */
  heightRateFactorFast(pressureAltM: number): number {
    const x = (pressureAltM - TABLE_MIN_M) / TABLE_STEP_M;
    if (!(x >= 0 && x < TABLE_N - 1)) return this.heightRateFactor(pressureAltM);
    this.factorTable ??= this.tabulate((h) => this.heightRateFactor(h));
    const k = x | 0;
    const f = x - k;
    const t = this.factorTable;
    return t[k] + (t[k + 1] - t[k]) * f;
  }

  private tabulate(fn: (h: number) => number): Float64Array {
    const t = new Float64Array(TABLE_N);
    for (let k = 0; k < TABLE_N; k++) t[k] = fn(TABLE_MIN_M + k * TABLE_STEP_M);
    return t;
  }
}

const TABLE_MIN_M = -1000;
const TABLE_STEP_M = 5;
const TABLE_N = 5001; // up to 24000 m

/** True airspeed (m/s) of a calibrated airspeed at a pressure altitude (equivalent-airspeed approximation). */
export function casToTasMps(casMps: number, pressureAltM: number): number {
  const h = Math.min(pressureAltM, 20000);
  const tIsa = h <= H_TROP ? T0 - L * h : T_TROP;
  const rhoRatio = (isaPressurePa(h) / P0) * (T0 / tIsa);
  return casMps / Math.sqrt(rhoRatio);
}

/** Speed of sound in ISA at a pressure altitude, m/s. */
export function speedOfSoundMps(pressureAltM: number): number {
  const t = pressureAltM <= H_TROP ? T0 - L * pressureAltM : T_TROP;
  return Math.sqrt(1.4 * R * t);
}
