// SPDX-License-Identifier: GPL-3.0-or-later
// Which register a Comm-B reply carries. The MB field does not say (only 1,0, 2,0 and 3,0 carry their own
// number), so, as pyModeS does, every register's validator is run, and, as readsb does, the replies that
// fit several registers are scored: status bits and values that make sense, consistency between fields
// (roll against turn rate, Mach against IAS at the reply's altitude, the two vertical rates), and, when
// the caller knows the aircraft's state from ADS-B, agreement with it. A register wins only by a clear
// margin; otherwise the reply stays ambiguous.
//
// Meteorological registers (4,4 and 4,5) are candidates only when the caller asks for them (meteo): their
// loose formats fit many replies of other registers, few aircraft answer them, and pyModeS infers them
// only on request too. Without meteo a reply that only 4,4 or 4,5 fits gets no register.

import { fits10 } from './bds10.ts';
import { fits17, GICB_BIT } from './bds17.ts';
import { callsignCharCount, fits20 } from './bds20.ts';
import { fits30 } from './bds30.ts';
import { fits40 } from './bds40.ts';
import { fits44, temp44C } from './bds44.ts';
import { fits45, temp45C } from './bds45.ts';
import { fits50, gs50Kt, roll50Deg, tas50Kt, track50Deg, trackRate50DegS } from './bds50.ts';
import {
  baroVr60Fpm,
  casToTasKt,
  fits60,
  heading60Deg,
  ias60Kt,
  inertialVr60Fpm,
  isaPressureHpa,
  isaTempC,
  mach60,
  machToCasKt,
  machToTasKt,
} from './bds60.ts';
import type { KnownState } from './fields.ts';
import { loadMb, mbBit, mbBits } from './mb.ts';

/** Register numbers in sorted order; a register's index is its bit in a candidate mask. */
export const REGISTERS = ['1,0', '1,7', '2,0', '3,0', '4,0', '4,4', '4,5', '5,0', '6,0'] as const;
export const R10 = 0;
export const R17 = 1;
export const R20 = 2;
export const R30 = 3;
export const R40 = 4;
export const R44 = 5;
export const R45 = 6;
export const R50 = 7;
export const R60 = 8;

/** Score lead that the best register needs over the next one to be chosen. */
export const MARGIN = 10;

/** Bit mask (1 << index) of the registers whose validators accept the reply. */
export function candidateMask(f: Uint8Array, meteo: boolean): number {
  loadMb(f);
  let m = 0;
  // The registers that carry their number exclude each other and everything else but 1,7 and 4,x.
  const id = f[4];
  if (id === 0x10 && fits10()) m |= 1 << R10;
  else if (id === 0x20 && fits20()) m |= 1 << R20;
  else if (id === 0x30 && fits30()) m |= 1 << R30;
  if (fits17()) m |= 1 << R17;
  if (fits40()) m |= 1 << R40;
  if (fits50()) m |= 1 << R50;
  if (fits60(f)) m |= 1 << R60;
  if (meteo) {
    if (fits44()) m |= 1 << R44;
    if (fits45()) m |= 1 << R45;
  }
  return m;
}

/** Smallest difference between two angles in degrees, 0..180. */
function angleDiff(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

/** +good when |d| <= near, -bad when |d| > far, 0 in between. */
function closeness(d: number, near: number, far: number, good: number, bad: number): number {
  const a = Math.abs(d);
  if (a <= near) return good;
  if (a > far) return -bad;
  return 0;
}

/** Capability bits of registers that hardly any transponder updates: 4,1 4,2 4,3 4,4 4,5 and 5,4 5,5 5,6. */
const RARE_GICB_BITS = new Uint8Array([10, 11, 12, 13, 14, 20, 21, 22]);

function score17(): number {
  let s = 20;
  if (mbBit(GICB_BIT.ident)) s += 8;
  const es = mbBits(1, 5);
  if (es === 0x1f || es === 0) s += 6;
  else s -= 12; // partial extended squitter support does not happen
  for (let i = 0; i < RARE_GICB_BITS.length; i++) if (mbBit(RARE_GICB_BITS[i])) s -= 3;
  const ehs = mbBit(GICB_BIT.trackTurn) + mbBit(GICB_BIT.headingSpeed);
  if (ehs === 2) s += mbBit(GICB_BIT.vertIntent) ? 4 : 3;
  else if (ehs === 1) s -= 6;
  return s;
}

/** A selected altitude: plausible range, and the round values that pilots select. */
function selectedAltScore(ft: number, altFt: number): number {
  if (ft < 0 || ft > 50000) return -5;
  let s = 8;
  const r100 = ft % 100;
  if (r100 < 16 || r100 > 84) s += 4;
  const r1000 = ft % 1000;
  if (r1000 < 16 || r1000 > 984) s += 2;
  if (!Number.isNaN(altFt) && Math.abs(ft - altFt) < 150) s += 4; // level at the selected altitude
  return s;
}

function score40(altFt: number): number {
  let s = 0;
  const mcp = mbBit(1) ? mbBits(2, 12) * 16 : -1;
  const fms = mbBit(14) ? mbBits(15, 12) * 16 : -1;
  s += mcp >= 0 ? selectedAltScore(mcp, altFt) : 1;
  s += fms >= 0 ? selectedAltScore(fms, altFt) : 1;
  if (mcp >= 0 && fms >= 0 && mcp === fms) s += 3;
  if (mbBit(27)) {
    const raw = mbBits(28, 12);
    const mb = 800 + raw / 10;
    if (raw === 2132) s += 14; // 1013.2: standard setting
    else if (mb >= 950 && mb <= 1060) s += 10;
    else s -= 5;
  } else s += 1;
  s += mbBit(48) ? 3 : 1;
  s += mbBit(54) ? 3 : 1;
  return s;
}

function score50(known: KnownState | undefined): number {
  let s = 0;
  const rollOk = mbBit(1) === 1;
  const trackOk = mbBit(12) === 1;
  const gsOk = mbBit(24) === 1;
  const rateOk = mbBit(35) === 1;
  const tasOk = mbBit(46) === 1;
  const roll = roll50Deg();
  const gs = gs50Kt();
  const tas = tas50Kt();
  const rate = trackRate50DegS();
  s += rollOk ? (Math.abs(roll) <= 35 ? 10 : 2) : 1;
  s += trackOk ? 8 : 1;
  s += gsOk ? (gs >= 60 && gs <= 650 ? 10 : -5) : 1;
  s += rateOk ? (Math.abs(rate) <= 4 ? 8 : Math.abs(rate) <= 10 ? 2 : -5) : 1;
  s += tasOk ? (tas >= 60 && tas <= 600 ? 10 : -5) : 1;
  if (gsOk && tasOk) s += closeness(gs - tas, 80, 150, 6, 6);
  if (rollOk && tasOk && rateOk && tas > 0) {
    // Coordinated turn: rate (°/s) = g tan(roll) / v
    const expected = (9.80665 * Math.tan((roll * Math.PI) / 180)) / (tas * (1852 / 3600)) * (180 / Math.PI);
    s += closeness(expected - rate, 0.5, 2, 6, 6);
  }
  if (known) {
    if (gsOk && known.gsKt !== undefined) s += closeness(gs - known.gsKt, 30, 80, 15, 15);
    if (tasOk && known.tasKt !== undefined) s += closeness(tas - known.tasKt, 30, 80, 15, 15);
    if (trackOk && known.trackDeg !== undefined) s += closeness(angleDiff(track50Deg(), known.trackDeg), 15, 45, 15, 15);
    else if (trackOk && known.headingDeg !== undefined)
      s += closeness(angleDiff(track50Deg(), known.headingDeg), 25, 60, 8, 8);
  }
  return s;
}

function score60(altFt: number, known: KnownState | undefined): number {
  let s = 0;
  const hdgOk = mbBit(1) === 1;
  const iasOk = mbBit(13) === 1;
  const machOk = mbBit(24) === 1;
  const bvrOk = mbBit(35) === 1;
  const ivrOk = mbBit(46) === 1;
  const ias = ias60Kt();
  const mach = mach60();
  const bvr = baroVr60Fpm();
  const ivr = inertialVr60Fpm();
  s += hdgOk ? 8 : 1;
  s += iasOk ? (ias >= 60 && ias <= 450 ? 10 : -10) : 1;
  s += machOk ? (mach >= 0.1 && mach <= 0.95 ? 10 : -10) : 1;
  s += bvrOk ? (Math.abs(bvr) <= 4000 ? 6 : -3) : 1;
  s += ivrOk ? (Math.abs(ivr) <= 4000 ? 6 : -3) : 1;
  if (bvrOk && ivrOk) s += closeness(bvr - ivr, 500, 1500, 8, 8);
  const haveAlt = !Number.isNaN(altFt);
  if (iasOk && machOk && haveAlt) s += closeness(ias - machToCasKt(mach, altFt), 10, 20, 12, 20);
  if (known) {
    let tas = Number.NaN;
    if (haveAlt) {
      if (machOk) tas = machToTasKt(mach, altFt);
      else if (iasOk) tas = casToTasKt(ias, altFt);
    }
    if (!Number.isNaN(tas)) {
      if (known.tasKt !== undefined) s += closeness(tas - known.tasKt, 30, 80, 15, 15);
      else if (known.gsKt !== undefined) s += closeness(tas - known.gsKt, 50, 120, 8, 12);
    }
    if (hdgOk && known.headingDeg !== undefined)
      s += closeness(angleDiff(heading60Deg(), known.headingDeg), 20, 45, 15, 15);
    else if (hdgOk && known.trackDeg !== undefined)
      s += closeness(angleDiff(heading60Deg(), known.trackDeg), 25, 60, 8, 8);
  }
  return s;
}

/** Meteorological replies: rare, so they start low and must earn their place with weather that fits. */
function score44(altFt: number): number {
  let s = -10;
  if (mbBit(5)) s += 4;
  if (!Number.isNaN(altFt)) {
    s += closeness(temp44C() - isaTempC(altFt), 20, 35, 10, 10);
    if (mbBit(35)) s += closeness(mbBits(36, 11) - isaPressureHpa(altFt), 30, 80, 8, 8);
  }
  return s;
}

function score45(altFt: number): number {
  let s = -10;
  if (!Number.isNaN(altFt)) {
    if (mbBit(16)) s += closeness(temp45C() - isaTempC(altFt), 20, 35, 10, 10);
    if (mbBit(27)) s += closeness(mbBits(28, 11) - isaPressureHpa(altFt), 30, 80, 8, 8);
    if (mbBit(39) && mbBits(40, 12) * 16 > altFt + 2000) s -= 10;
  }
  return s;
}

/** The score of one register for a reply (higher is more plausible). */
export function scoreRegister(reg: number, f: Uint8Array, altFt: number, known: KnownState | undefined): number {
  loadMb(f);
  return scoreLoaded(reg, altFt, known);
}

/** scoreRegister on the loaded MB field. */
function scoreLoaded(reg: number, altFt: number, known: KnownState | undefined): number {
  switch (reg) {
    case R10:
    case R30:
      return 56; // their number is in the reply and their reserved bits were checked
    case R20: {
      const n = callsignCharCount();
      return 30 + 4 * Math.max(n, 0);
    }
    case R17:
      return score17();
    case R40:
      return score40(altFt);
    case R44:
      return score44(altFt);
    case R45:
      return score45(altFt);
    case R50:
      return score50(known);
    case R60:
      return score60(altFt, known);
    default:
      return Number.NEGATIVE_INFINITY;
  }
}

/** Scratch scores per register, reused from message to message. */
const scores = new Float64Array(REGISTERS.length);

/**
 * Picks one register out of several candidates (mask with two or more bits), or returns -1 when none
 * leads by MARGIN. `altFt` is the altitude to judge by (the DF20 reply's own, else the known one; NaN
 * when neither). On -1, `contenders` gets the mask of the registers within MARGIN of the best.
 */
export function settle(
  f: Uint8Array,
  mask: number,
  altFt: number,
  known: KnownState | undefined,
  contenders: { mask: number },
): number {
  loadMb(f);
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < REGISTERS.length; r++) {
    if ((mask & (1 << r)) === 0) continue;
    const s = scoreLoaded(r, altFt, known);
    scores[r] = s;
    if (s > bestScore) {
      bestScore = s;
      best = r;
    }
  }
  let close = 0;
  for (let r = 0; r < REGISTERS.length; r++) {
    if ((mask & (1 << r)) !== 0 && bestScore - scores[r] < MARGIN) close |= 1 << r;
  }
  if (close === 1 << best) return best;
  contenders.mask = close;
  return -1;
}

/** The registers of a mask as a sorted list (allocates: only for replies left ambiguous). */
export function registersOf(mask: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < REGISTERS.length; r++) if (mask & (1 << r)) out.push(REGISTERS[r]);
  return out;
}

/** Index of the single register of a one-bit mask, or -1 when the mask has zero or several bits. */
export function singleRegister(mask: number): number {
  if (mask === 0 || (mask & (mask - 1)) !== 0) return -1;
  return 31 - Math.clz32(mask);
}
