// SPDX-License-Identifier: GPL-3.0-or-later
// Aircraft performance by class for the simulator: the limits motion keeps to (speeds, climb, turn,
// acceleration) and the rates derived from them.

import type { AircraftClass } from './truth.ts';

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
const G0 = 9.80665;
const FT = 0.3048;

/** Limits and typical speeds of an aircraft class. Speeds are true airspeed (= ground speed: no wind). */
export interface Performance {
  /** Lowest airborne speed, m/s (0 for helicopters). */
  minSpeedMps: number;
  /** Highest speed, m/s. */
  maxSpeedMps: number;
  /** Calibrated airspeed below FL100 and above it in climb/descent, kt. */
  lowCasKt: number;
  highCasKt: number;
  /** Cruise Mach number (caps the speed schedule at altitude). */
  cruiseMach: number;
  /** Climb and descent rate limits at sea level, m/s; the climb limit falls linearly to 20 % at the ceiling. */
  maxClimbMps: number;
  maxDescentMps: number;
  ceilingFt: number;
  maxAccelMps2: number;
  maxDecelMps2: number;
  /** Bank limit: the turn rate is g·tan(bank)/v, and never above maxTurnDegS (3 °/s is the standard rate). */
  maxBankDeg: number;
  maxTurnDegS: number;
  /** How fast the turn rate may change (roll-in and roll-out), deg/s². */
  maxTurnAccelDegS2: number;
  maxVertAccelMps2: number;
  /** Lift-off and approach speeds, m/s; ground acceleration and braking, m/s². */
  rotateMps: number;
  approachMps: number;
  groundAccelMps2: number;
  groundDecelMps2: number;
  /** Altitude-hold time constant, s (how briskly it levels off). */
  altTauS: number;
}

const perf = (p: Performance): Performance => p;

/** Per-class limits. The motion never exceeds them; test/sim checks that against the truth it emits. */
export const PERFORMANCE: Readonly<Record<AircraftClass, Performance>> = {
  airliner: perf({
    minSpeedMps: 62, maxSpeedMps: 260, lowCasKt: 250, highCasKt: 290, cruiseMach: 0.78,
    maxClimbMps: 17, maxDescentMps: 20, ceilingFt: 41000, maxAccelMps2: 1.2, maxDecelMps2: 1.0,
    maxBankDeg: 25, maxTurnDegS: 3, maxTurnAccelDegS2: 1, maxVertAccelMps2: 1.5,
    rotateMps: 75, approachMps: 70, groundAccelMps2: 2.0, groundDecelMps2: 2.0, altTauS: 15,
  }),
  bizjet: perf({
    minSpeedMps: 55, maxSpeedMps: 270, lowCasKt: 250, highCasKt: 300, cruiseMach: 0.8,
    maxClimbMps: 22, maxDescentMps: 22, ceilingFt: 45000, maxAccelMps2: 1.8, maxDecelMps2: 1.4,
    maxBankDeg: 30, maxTurnDegS: 3, maxTurnAccelDegS2: 1.5, maxVertAccelMps2: 2,
    rotateMps: 62, approachMps: 62, groundAccelMps2: 2.5, groundDecelMps2: 2.5, altTauS: 12,
  }),
  turboprop: perf({
    minSpeedMps: 50, maxSpeedMps: 160, lowCasKt: 210, highCasKt: 230, cruiseMach: 0.5,
    maxClimbMps: 9, maxDescentMps: 10, ceilingFt: 25000, maxAccelMps2: 1.0, maxDecelMps2: 1.0,
    maxBankDeg: 30, maxTurnDegS: 3, maxTurnAccelDegS2: 1.5, maxVertAccelMps2: 1.2,
    rotateMps: 55, approachMps: 57, groundAccelMps2: 1.8, groundDecelMps2: 2.0, altTauS: 15,
  }),
  fighter: perf({
    minSpeedMps: 70, maxSpeedMps: 420, lowCasKt: 300, highCasKt: 400, cruiseMach: 0.9,
    maxClimbMps: 150, maxDescentMps: 150, ceilingFt: 55000, maxAccelMps2: 8, maxDecelMps2: 8,
    maxBankDeg: 75, maxTurnDegS: 15, maxTurnAccelDegS2: 20, maxVertAccelMps2: 15,
    rotateMps: 85, approachMps: 75, groundAccelMps2: 8, groundDecelMps2: 4, altTauS: 6,
  }),
  'large-military': perf({
    minSpeedMps: 60, maxSpeedMps: 190, lowCasKt: 220, highCasKt: 250, cruiseMach: 0.55,
    maxClimbMps: 8, maxDescentMps: 12, ceilingFt: 35000, maxAccelMps2: 0.8, maxDecelMps2: 0.8,
    maxBankDeg: 25, maxTurnDegS: 3, maxTurnAccelDegS2: 1, maxVertAccelMps2: 1,
    rotateMps: 62, approachMps: 65, groundAccelMps2: 1.5, groundDecelMps2: 1.8, altTauS: 18,
  }),
  tanker: perf({
    minSpeedMps: 70, maxSpeedMps: 265, lowCasKt: 250, highCasKt: 300, cruiseMach: 0.78,
    maxClimbMps: 15, maxDescentMps: 18, ceilingFt: 41000, maxAccelMps2: 1.0, maxDecelMps2: 0.9,
    maxBankDeg: 25, maxTurnDegS: 3, maxTurnAccelDegS2: 1, maxVertAccelMps2: 1.2,
    rotateMps: 80, approachMps: 72, groundAccelMps2: 1.6, groundDecelMps2: 1.8, altTauS: 18,
  }),
  helicopter: perf({
    minSpeedMps: 0, maxSpeedMps: 80, lowCasKt: 130, highCasKt: 130, cruiseMach: 0.25,
    maxClimbMps: 8, maxDescentMps: 8, ceilingFt: 15000, maxAccelMps2: 1.5, maxDecelMps2: 1.5,
    maxBankDeg: 30, maxTurnDegS: 10, maxTurnAccelDegS2: 5, maxVertAccelMps2: 1.5,
    rotateMps: 0, approachMps: 30, groundAccelMps2: 1.5, groundDecelMps2: 1.5, altTauS: 10,
  }),
};

export const CLASSES: readonly AircraftClass[] = ['airliner', 'bizjet', 'turboprop', 'fighter', 'large-military', 'tanker', 'helicopter'];

/** The largest turn rate allowed at a speed, deg/s: bank-limited, never above the class's maximum. */
export function maxTurnRateDegS(p: Performance, speedMps: number): number {
  const bankRate = ((G0 * Math.tan(p.maxBankDeg * RAD)) / Math.max(speedMps, 1)) * DEG;
  return Math.min(p.maxTurnDegS, bankRate);
}

/** The climb-rate limit at a pressure altitude, m/s. */
export function maxClimbRateMps(p: Performance, pressureAltM: number): number {
  const f = 1 - (0.8 * pressureAltM) / (p.ceilingFt * FT);
  return p.maxClimbMps * Math.max(0.2, Math.min(1, f));
}
