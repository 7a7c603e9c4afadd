// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 6,0 heading and speed report (ICAO Doc 9871 Table A-2-96).
// MB bits: 1 status + 2 sign + 3-12 magnetic heading (90/512°), 13 status + 14-23 indicated airspeed (kt),
// 24 status + 25-34 Mach (2.048/512), 35 status + 36 sign + 37-45 barometric altitude rate (32 ft/min),
// 46 status + 47 sign + 48-56 inertial vertical velocity (32 ft/min).

import { decodeAc13 } from '../altitude.ts';
import type { ModeSMessage } from '../message.ts';
import { loadMb, mbBit, mbBits, mbEmpty, mbSigned, statusConsistent, statusLayout } from './mb.ts';

// Fields of the loaded MB field.
export const ias60Kt = (): number => mbBits(14, 10);
export const mach60 = (): number => (mbBits(25, 10) * 2.048) / 512;
export const baroVr60Fpm = (): number => mbSigned(36, 9) * 32;
export const inertialVr60Fpm = (): number => mbSigned(47, 9) * 32;
export function heading60Deg(): number {
  const d = (mbSigned(2, 10) * 90) / 512;
  return d < 0 ? d + 360 : d;
}

// ISA troposphere and lower stratosphere (ICAO Doc 7488), for the Mach/IAS consistency checks.
const KT = 1852 / 3600;
const P0 = 101325;
const RHO0 = 1.225;
const R = 287.05287;
const GAMMA = 1.4;

/** ISA temperature (K), pressure (Pa) and density at a pressure altitude in ft. */
function isa(altFt: number, out: Float64Array): void {
  const h = altFt * 0.3048;
  const t = Math.max(288.15 - 0.0065 * h, 216.65);
  const rhoTrop = 1.225 * (t / 288.15) ** 4.256848030018761;
  const rho = rhoTrop * Math.exp(-Math.max(0, h - 11000) / 6341.552161);
  out[0] = t;
  out[1] = rho * R * t;
  out[2] = rho;
}
const atm = new Float64Array(3);

/** ISA static air temperature in °C at a pressure altitude. */
export function isaTempC(altFt: number): number {
  isa(altFt, atm);
  return atm[0] - 273.15;
}

/** ISA static pressure in hPa at a pressure altitude. */
export function isaPressureHpa(altFt: number): number {
  isa(altFt, atm);
  return atm[1] / 100;
}

/** True airspeed (kt) for a Mach number at a pressure altitude, in ISA. */
export function machToTasKt(mach: number, altFt: number): number {
  isa(altFt, atm);
  return (mach * Math.sqrt(GAMMA * R * atm[0])) / KT;
}

/** Calibrated airspeed (kt) for a Mach number at a pressure altitude, in ISA (compressible flow). */
export function machToCasKt(mach: number, altFt: number): number {
  isa(altFt, atm);
  const p = atm[1];
  const rho = atm[2];
  const tas = mach * Math.sqrt(GAMMA * R * atm[0]);
  const qc = p * ((1 + (rho * tas * tas) / (7 * p)) ** 3.5 - 1);
  return Math.sqrt(((7 * P0) / RHO0) * ((qc / P0 + 1) ** (2 / 7) - 1)) / KT;
}

/** True airspeed (kt) for a calibrated airspeed at a pressure altitude, in ISA. */
export function casToTasKt(casKt: number, altFt: number): number {
  isa(altFt, atm);
  const p = atm[1];
  const rho = atm[2];
  const cas = casKt * KT;
  const qc = P0 * ((1 + (RHO0 * cas * cas) / (7 * P0)) ** 3.5 - 1);
  return Math.sqrt(((7 * p) / rho) * ((qc / p + 1) ** (2 / 7) - 1)) / KT;
}

/** Largest gap between the reported IAS and the CAS that the reported Mach gives at the reply's altitude. */
export const IAS_MACH_TOLERANCE_KT = 20;

// The IAS/Mach check of every DF20 6,0 candidate, without the four pow/exp of machToCasKt. CAS grows with
// impact pressure qc, so "|IAS - CAS(Mach, alt)| <= 20 kt" is "qc(CAS = IAS - 20) <= qc <= qc(IAS + 20)",
// and qc = p(alt) * ((1 + 0.2 M²)^3.5 - 1): three table look-ups. A reply within a millionth of either
// bound (rounding in the tables or in machToCasKt could decide it) takes the exact formula instead, so the
// verdict is always machToCasKt's.

/** Largest Mach code (2.048/512 per unit) not above Mach 1. */
const MACH_1_CODE = 250;
/** Impact over static pressure, (1 + 0.2 M²)^3.5 - 1, for Mach codes 0..MACH_1_CODE. */
const QC_OVER_P = new Float64Array(MACH_1_CODE + 1);
for (let code = 0; code <= MACH_1_CODE; code++) {
  const m = (code * 2.048) / 512;
  QC_OVER_P[code] = (1 + 0.2 * m * m) ** 3.5 - 1;
}
/** Impact pressure (Pa) at a CAS of 0..520 kt (the largest IAS that passes, plus the tolerance). */
const QC_AT_CAS_PA = new Float64Array(500 + IAS_MACH_TOLERANCE_KT + 1);
for (let kt = 0; kt < QC_AT_CAS_PA.length; kt++) {
  const cas = kt * KT;
  QC_AT_CAS_PA[kt] = P0 * ((1 + (RHO0 * cas * cas) / (7 * P0)) ** 3.5 - 1);
}
/** ISA pressure (Pa) per 13-bit altitude code, filled on first use: NaN for no altitude, 0 not yet known. */
const PRESSURE_BY_AC13_PA = new Float64Array(8192);
/** Relative gap to a bound under which the table figures are not trusted. */
const BOUND_SLACK = 1e-6;

function pressureForAc13Pa(ac13: number): number {
  let p = PRESSURE_BY_AC13_PA[ac13];
  if (p === 0) {
    const alt = decodeAc13(ac13);
    if (Number.isNaN(alt)) p = Number.NaN;
    else {
      isa(alt, atm);
      p = atm[1];
    }
    PRESSURE_BY_AC13_PA[ac13] = p;
  }
  return p;
}

/** Whether IAS (kt, 0..500) is within IAS_MACH_TOLERANCE_KT of the CAS of a Mach code at an altitude code. */
function iasFitsMach(iasKt: number, machCode: number, ac13: number): boolean {
  const pPa = pressureForAc13Pa(ac13);
  if (Number.isNaN(pPa)) return true; // no altitude: nothing to check against
  const qcPa = QC_OVER_P[machCode] * pPa;
  const lowPa = iasKt >= IAS_MACH_TOLERANCE_KT ? QC_AT_CAS_PA[iasKt - IAS_MACH_TOLERANCE_KT] : -1;
  const highPa = QC_AT_CAS_PA[iasKt + IAS_MACH_TOLERANCE_KT];
  if (qcPa > lowPa * (1 + BOUND_SLACK) && qcPa < highPa * (1 - BOUND_SLACK)) return true;
  if (qcPa < lowPa * (1 - BOUND_SLACK) || qcPa > highPa * (1 + BOUND_SLACK)) return false;
  const cas = machToCasKt((machCode * 2.048) / 512, decodeAc13(ac13));
  return !(Math.abs(iasKt - cas) > IAS_MACH_TOLERANCE_KT);
}

const STATUS = statusLayout([
  [1, 2, 12],
  [13, 14, 23],
  [24, 25, 34],
  [35, 36, 45],
  [46, 47, 56],
]);

/**
 * Status bits consistent (sign bits included), IAS at most 500 kt, Mach at most 1, both vertical rates
 * within ±6000 ft/min; and for DF20, whose reply carries the altitude, IAS within 20 kt of the CAS that
 * the Mach number gives at that altitude (pyModeS 2.x's checks).
 */
export function isBds60(f: Uint8Array): boolean {
  loadMb(f);
  return fits60(f);
}

/** isBds60 on the loaded MB field (`f`, the frame, gives DF20's altitude). */
export function fits60(f: Uint8Array): boolean {
  if (mbEmpty() || !statusConsistent(STATUS)) return false;
  const iasKt = mbBit(13) === 1 ? ias60Kt() : -1;
  const machCode = mbBit(24) === 1 ? mbBits(25, 10) : -1;
  if (iasKt > 500 || machCode > MACH_1_CODE) return false;
  if (mbBit(35) && Math.abs(baroVr60Fpm()) > 6000) return false;
  if (mbBit(46) && Math.abs(inertialVr60Fpm()) > 6000) return false;
  if (iasKt >= 0 && machCode >= 0 && f[0] >> 3 === 20) {
    const ac13 = ((f[2] & 0x1f) << 8) | f[3]; // frame bits 20..32
    return iasFitsMach(iasKt, machCode, ac13);
  }
  return true;
}

export function decodeBds60(f: Uint8Array, msg: ModeSMessage): void {
  loadMb(f);
  if (mbBit(1)) msg.headingDeg = heading60Deg();
  if (mbBit(13)) msg.iasKt = ias60Kt();
  if (mbBit(24)) msg.mach = mach60();
  if (mbBit(35)) msg.baroVrFpm = baroVr60Fpm();
  if (mbBit(46)) msg.inertialVrFpm = inertialVr60Fpm();
}
