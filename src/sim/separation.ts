// SPDX-License-Identifier: GPL-3.0-or-later
// Air traffic control for the generated civil traffic, in the simplest form that keeps it plausible. Controllers
// keep airliners 5 NM (3 NM in terminal areas) or 1,000 ft apart (ICAO Doc 4444); a simulated sky where they
// meet at the same level fills the encounter list with civil near-collisions that never happen, and hides the
// civil–military encounters the scenarios are about. So each generated civil flight is flown ahead once with
// the simulation's own motion model; where two would come within the minima, the one that appears later gives
// way: held back two minutes if it departs or enters during the run (its path simply starts later), given
// another cruise level of its direction if it is airborne at the start, and left out if neither helps.
// Scripted flights and state traffic are never moved: their encounters are what the scenarios are about.

import type { Atmosphere } from './atmosphere.ts';
import { Fleet, makeRoute, Phase } from './motion.ts';
import { distanceM } from './navigation.ts';
import type { FlightPlan } from './traffic.ts';

/**
 * Horizontal separation kept, m: the en-route radar minimum of 5 NM plus 1 NM, and 3 NM in terminal areas (both
 * below FL100) plus 0.5 NM, for the prediction's error (its samples start up to 2 s off the simulation's).
 */
export const SEPARATION_EN_ROUTE_M = 6 * 1852;
export const SEPARATION_TERMINAL_M = 3.5 * 1852;
/** Vertical separation, m of pressure altitude: 1,000 ft (aircraft on adjacent levels are separated). */
export const SEPARATION_VERTICAL_M = 1000 * 0.3048 - 1;
/** Below this both are in a terminal area, m of pressure altitude (FL100). */
const TERMINAL_BELOW_M = 10_000 * 0.3048;
/** Below this an aircraft is aerodrome traffic, as the encounter analysis takes it, m (1,000 ft). */
const AERODROME_BELOW_M = 1000 * 0.3048;
/** Positions compared every this often, ms. */
const SAMPLE_MS = 2000;
/** How long a conflicting departure or entry is held back, ms. */
const HOLD_MS = 120_000;
/** Holds at most per flight, and rounds of resolving; what still conflicts after them is left out. */
const MAX_HOLDS = 10;
const ROUNDS = 40;
/** Other cruise levels tried, in turn, for a flight airborne at the start, ft. */
const LEVEL_STEPS_FT = [2000, -2000, 4000, -4000, 6000, -6000];

export interface SeparationSummary {
  /** Holds given (two minutes each), flights given another level, flights left out. */
  holds: number;
  relevelled: number;
  leftOut: number;
  /** Rounds of resolving that it took. */
  rounds: number;
}

/** A flight's path flown ahead: from its spawn, one sample every SAMPLE_MS; altitude NaN when not counted. */
interface Path {
  lat: Float64Array;
  lon: Float64Array;
  altM: Float64Array;
}

/**
 * Separates the movable flights (generated civil traffic) from each other over durationMs: returns the plans
 * to fly (the others unchanged, in their order, without the flights left out) and what was done.
 */
export function separateCivil(
  plans: readonly FlightPlan[],
  movable: readonly boolean[],
  durationMs: number,
  atmosphere: Atmosphere,
): { plans: FlightPlan[]; summary: SeparationSummary } {
  const index = plans.map((_, i) => i).filter((i) => movable[i]);
  const flights = index.map((i) => ({ ...plans[i] }));
  const paths = flights.map((f) => fly(f, durationMs - f.spawnMs, atmosphere));
  const holds = new Int32Array(flights.length);
  const levelTries = new Int32Array(flights.length);
  const baseAltFt = flights.map((f) => f.cruiseAltFt);
  const out = new Uint8Array(flights.length);
  const summary: SeparationSummary = { holds: 0, relevelled: 0, leftOut: 0, rounds: 0 };
  const boxes = paths.map((p, k) => boxOf(p, flights[k].spawnMs));
  // Pairs that lose separation, by first sample of the loss: all pairs first, then only those of moved flights.
  const conflicts = new Map<number, number>();
  const n = flights.length;
  const pairKey = (a: number, b: number): number => Math.min(a, b) * n + Math.max(a, b);
  // The later one of a pair gives way (ties: the later in the list).
  const laterOf = (a: number, b: number): number =>
    flights[a].spawnMs > flights[b].spawnMs || (flights[a].spawnMs === flights[b].spawnMs && a > b) ? a : b;
  const recheck = (k: number): void => {
    for (let j = 0; j < n; j++) {
      if (j === k || out[j]) continue;
      const key = pairKey(j, k);
      const at = firstLoss(paths[k], boxes[k], paths[j], boxes[j]);
      if (at === Number.POSITIVE_INFINITY) conflicts.delete(key);
      else conflicts.set(key, at);
    }
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const at = firstLoss(paths[i], boxes[i], paths[j], boxes[j]);
      if (at !== Number.POSITIVE_INFINITY) conflicts.set(pairKey(i, j), at);
    }
  }
  const canHold = (k: number): boolean => flights[k].spawnMs > 0 && holds[k] < MAX_HOLDS && flights[k].spawnMs + HOLD_MS < durationMs;
  const canRelevel = (k: number): boolean => flights[k].spawnMs === 0 && levelTries[k] < LEVEL_STEPS_FT.length;
  const canMove = (k: number): boolean => canHold(k) || canRelevel(k);
  for (let round = 0; round < ROUNDS && conflicts.size > 0; round++) {
    summary.rounds = round + 1;
    const order = [...conflicts].sort((x, y) => x[1] - y[1] || x[0] - y[0]);
    const moved: number[] = [];
    const touched = new Uint8Array(n);
    for (const [key] of order) {
      const a = Math.floor(key / n);
      const b = key % n;
      if (touched[a] || touched[b]) continue;
      // The later one gives way; the other one when the later has nothing left.
      const later = laterOf(a, b);
      const earlier = later === a ? b : a;
      const k = canMove(later) || !canMove(earlier) ? later : earlier;
      touched[k] = 1;
      moved.push(k);
      const f = flights[k];
      if (canHold(k)) {
        f.spawnMs += HOLD_MS;
        holds[k]++;
        summary.holds++;
        paths[k] = fly(f, durationMs - f.spawnMs, atmosphere);
      } else if (canRelevel(k)) {
        f.cruiseAltFt = baseAltFt[k] + LEVEL_STEPS_FT[levelTries[k]++];
        summary.relevelled++;
        paths[k] = fly(f, durationMs, atmosphere);
      } else {
        out[k] = 1;
        summary.leftOut++;
      }
      boxes[k] = boxOf(paths[k], f.spawnMs);
    }
    for (const k of moved) {
      if (out[k]) {
        for (let j = 0; j < n; j++) conflicts.delete(pairKey(j, k));
      } else recheck(k);
    }
  }
  for (const [key] of conflicts) {
    // Still in conflict after every round: the later one is left out.
    const a = Math.floor(key / n);
    const b = key % n;
    if (out[a] || out[b]) continue;
    out[laterOf(a, b)] = 1;
    summary.leftOut++;
  }
  // The plans in their order: movable ones replaced by their separated copies, those left out dropped.
  const slot = new Map<number, number>(index.map((i, k) => [i, k]));
  const result: FlightPlan[] = [];
  plans.forEach((p, i) => {
    const k = slot.get(i);
    if (k === undefined) result.push(p);
    else if (!out[k]) result.push(flights[k]);
  });
  return { plans: result, summary };
}

/** One flight flown alone for up to forMs from its spawn (the motion model does not couple civil flights). */
function fly(f: FlightPlan, forMs: number, atmosphere: Atmosphere): Path {
  const fleet = new Fleet(1, atmosphere);
  fleet.add(f.aircraftClass);
  fleet.spawn(0, f.start, makeRoute(f.route, f.end), f.cruiseAltFt);
  const n = Math.max(0, Math.floor(forMs / SAMPLE_MS) + 1);
  const path: Path = { lat: new Float64Array(n), lon: new Float64Array(n), altM: new Float64Array(n) };
  let k = 0;
  for (; k < n; k++) {
    if (k > 0) fleet.step(SAMPLE_MS / 1000);
    const ph = fleet.phase[0];
    if (ph === Phase.Done) break;
    path.lat[k] = fleet.lat[0];
    path.lon[k] = fleet.lon[0];
    path.altM[k] = ph === Phase.Airborne && fleet.altM[0] >= AERODROME_BELOW_M ? fleet.altM[0] : Number.NaN;
  }
  return { lat: path.lat.subarray(0, k), lon: path.lon.subarray(0, k), altM: path.altM.subarray(0, k) };
}

/** Where and when a path can be: its samples' extent (degrees) and first and last sample index of the run. */
interface Box {
  first: number;
  last: number;
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
}

function boxOf(p: Path, spawnMs: number): Box {
  const first = Math.ceil(spawnMs / SAMPLE_MS);
  const box: Box = { first, last: first + p.altM.length - 1, latMin: 90, latMax: -90, lonMin: 180, lonMax: -180 };
  for (let k = 0; k < p.altM.length; k++) {
    if (Number.isNaN(p.altM[k])) continue;
    box.latMin = Math.min(box.latMin, p.lat[k]);
    box.latMax = Math.max(box.latMax, p.lat[k]);
    box.lonMin = Math.min(box.lonMin, p.lon[k]);
    box.lonMax = Math.max(box.lonMax, p.lon[k]);
  }
  return box;
}

/** Margin of the boxes' overlap test, degrees (more than the en-route separation, in longitude up to 65° N). */
const BOX_LAT_DEG = 0.15;
const BOX_LON_DEG = 0.35;

/** The first sample index at which two paths lose separation; +∞ if they never do. */
function firstLoss(p: Path, a: Box, q: Path, b: Box): number {
  const from = Math.max(a.first, b.first);
  const to = Math.min(a.last, b.last);
  if (from > to) return Number.POSITIVE_INFINITY;
  if (a.latMin > b.latMax + BOX_LAT_DEG || b.latMin > a.latMax + BOX_LAT_DEG) return Number.POSITIVE_INFINITY;
  if (a.lonMin > b.lonMax + BOX_LON_DEG || b.lonMin > a.lonMax + BOX_LON_DEG) return Number.POSITIVE_INFINITY;
  for (let s = from; s <= to; s++) {
    const ai = p.altM[s - a.first];
    const aj = q.altM[s - b.first];
    if (!(Math.abs(ai - aj) < SEPARATION_VERTICAL_M)) continue; // NaN (not counted) fails too
    const dLat = Math.abs(p.lat[s - a.first] - q.lat[s - b.first]);
    if (dLat > BOX_LAT_DEG) continue;
    const minM = ai < TERMINAL_BELOW_M && aj < TERMINAL_BELOW_M ? SEPARATION_TERMINAL_M : SEPARATION_EN_ROUTE_M;
    if (distanceM(p.lat[s - a.first], p.lon[s - a.first], q.lat[s - b.first], q.lon[s - b.first]) < minM) return s;
  }
  return Number.POSITIVE_INFINITY;
}
