// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 6,0 heading and speed report (ICAO Doc 9871 Table A-2-96).
// MB bits: 1 status + 2 sign + 3-12 magnetic heading (90/512°), 13 status + 14-23 indicated airspeed (kt),
// 24 status + 25-34 Mach (2.048/512), 35 status + 36 sign + 37-45 barometric altitude rate (32 ft/min),
// 46 status + 47 sign + 48-56 inertial vertical velocity (32 ft/min).

import { decodeAc13 } from '../altitude.ts';
import { bits } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';
import { mbBit, mbBits, mbEmpty, mbSigned, wrongStatus } from './mb.ts';

export const ias60Kt = (f: Uint8Array): number => mbBits(f, 14, 10);
export const mach60 = (f: Uint8Array): number => (mbBits(f, 25, 10) * 2.048) / 512;
export const baroVr60Fpm = (f: Uint8Array): number => mbSigned(f, 36, 9) * 32;
export const inertialVr60Fpm = (f: Uint8Array): number => mbSigned(f, 47, 9) * 32;
export function heading60Deg(f: Uint8Array): number {
  const d = (mbSigned(f, 2, 10) * 90) / 512;
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

/**
 * Status bits consistent (sign bits included), IAS at most 500 kt, Mach at most 1, both vertical rates
 * within ±6000 ft/min; and for DF20, whose reply carries the altitude, IAS within 20 kt of the CAS that
 * the Mach number gives at that altitude (pyModeS 2.x's checks).
 */
export function isBds60(f: Uint8Array): boolean {
  if (mbEmpty(f)) return false;
  if (wrongStatus(f, 1, 2, 12)) return false;
  if (wrongStatus(f, 13, 14, 23)) return false;
  if (wrongStatus(f, 24, 25, 34)) return false;
  if (wrongStatus(f, 35, 36, 45)) return false;
  if (wrongStatus(f, 46, 47, 56)) return false;
  const iasOk = mbBit(f, 13) === 1;
  const machOk = mbBit(f, 24) === 1;
  if (iasOk && ias60Kt(f) > 500) return false;
  if (machOk && mach60(f) > 1) return false;
  if (mbBit(f, 35) && Math.abs(baroVr60Fpm(f)) > 6000) return false;
  if (mbBit(f, 46) && Math.abs(inertialVr60Fpm(f)) > 6000) return false;
  if (iasOk && machOk && f[0] >> 3 === 20) {
    const alt = decodeAc13(bits(f, 20, 13));
    if (!Number.isNaN(alt) && Math.abs(ias60Kt(f) - machToCasKt(mach60(f), alt)) > IAS_MACH_TOLERANCE_KT) return false;
  }
  return true;
}

export function decodeBds60(f: Uint8Array, msg: ModeSMessage): void {
  if (mbBit(f, 1)) msg.headingDeg = heading60Deg(f);
  if (mbBit(f, 13)) msg.iasKt = ias60Kt(f);
  if (mbBit(f, 24)) msg.mach = mach60(f);
  if (mbBit(f, 35)) msg.baroVrFpm = baroVr60Fpm(f);
  if (mbBit(f, 46)) msg.inertialVrFpm = inertialVr60Fpm(f);
}
