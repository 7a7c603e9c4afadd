// SPDX-License-Identifier: GPL-3.0-or-later
// A notified flight as a 4D corridor: the route of item 15 expanded to positions along WGS84 geodesics, the
// planned time at each from the filed speeds (true airspeed taken as ground speed: no wind is known), and the
// level block of each leg. Long legs are cut into pieces of at most 50 km so that matching can treat a piece as
// straight in a local plane.

import geographiclib from 'geographiclib-geodesic';
import { M_PER_FT, MPS_PER_KT } from '../core/units.ts';
import { itemError, type Result } from './errors.ts';
import type { Item16, Item7, Item8, Item9, AerodromeTime } from './message.ts';
import type { Item18 } from './item18.ts';
import type { PlaceResolver } from './places.ts';
import type { Level, PointRef, Route, Speed } from './route.ts';

const geod = geographiclib.Geodesic.WGS84;

/** The flight plan content a corridor is built from: the FPL as amended by later CHG/DLA/DEP messages. */
export interface FlightPlanItems {
  item7: Item7;
  item8: Item8;
  item9: Item9;
  item13: AerodromeTime;
  item15: Route;
  item16: Item16;
  item18: Item18;
}

export interface CorridorOptions {
  /** Airways cannot be expanded without airway data: 'reject' refuses the plan, 'direct' flies entry to exit point direct. */
  airways?: 'reject' | 'direct';
  /** Longest straight piece, m (default 50 km). */
  maxPieceM?: number;
}

/** Points along the corridor (structure of arrays); leg k runs from point k to k+1 within [loFt[k], hiFt[k]]. */
export interface Corridor {
  lat: Float64Array;
  lon: Float64Array;
  timeMs: Float64Array;
  /** Per leg (length = points − 1): the planned level block, ft (pressure altitude). */
  loFt: Float64Array;
  hiFt: Float64Array;
  /** Named points of the route with their planned times (for listings). */
  waypoints: { name: string; lat: number; lon: number; timeMs: number }[];
  startMs: number;
  endMs: number;
  /** Lowest and highest planned level, ft. */
  minFt: number;
  maxFt: number;
  /** What was assumed to build it (airways flown direct, bearings taken as true, ...). */
  assumptions: string[];
}

/** Speed of sound in the ISA at a pressure altitude, m/s (for Mach numbers). */
function isaSoundMps(altFt: number): number {
  const h = Math.min(altFt * M_PER_FT, 11000);
  return Math.sqrt(1.4 * 287.05287 * (288.15 - 0.0065 * h));
}

/** True airspeed of a filed speed at a level, m/s. */
export function speedMps(s: Speed, altFt: number): number {
  if (s.unit === 'N') return s.value * MPS_PER_KT;
  if (s.unit === 'K') return s.value / 3.6;
  return (s.value / 100) * isaSoundMps(altFt);
}

/** VFR levels: the block below FL195, where VFR is allowed in European airspace. */
const VFR_BLOCK_FT: [number, number] = [0, 19500];
const CRUISE_CLIMB_CEILING_FT = 60000;

interface Fix {
  name: string;
  lat: number;
  lon: number;
}

/** Date of flight (UTC midnight, ms) + HHMM minutes: the off-block (or actual) time. */
export function planTimeMs(dofMs: number, minutes: number): number {
  return dofMs + minutes * 60_000;
}

function resolvePoint(ref: PointRef, resolver: PlaceResolver, near: Fix | undefined, assumptions: string[]): Fix | undefined {
  switch (ref.kind) {
    case 'coord':
      return { name: ref.text, lat: ref.lat, lon: ref.lon };
    case 'name': {
      const p = resolver.point(ref.name, near);
      return p ? { name: ref.name, lat: p.lat, lon: p.lon } : undefined;
    }
    case 'polar': {
      const base = resolvePoint(ref.from, resolver, near, assumptions);
      if (!base) return undefined;
      const d = geod.Direct(base.lat, base.lon, ref.bearingDeg, ref.distNm * 1852);
      if (!assumptions.includes('bearings of bearing/distance points taken as true (no magnetic model)'))
        assumptions.push('bearings of bearing/distance points taken as true (no magnetic model)');
      return { name: ref.text, lat: d.lat2!, lon: d.lon2! };
    }
  }
}

function placeFix(code: string, named: Item18['dep'], resolver: PlaceResolver, item: string): Result<Fix | undefined> {
  if (code !== 'ZZZZ' && code !== 'AFIL') {
    const a = resolver.aerodrome(code);
    return a ? { ok: true, value: { name: code, lat: a.lat, lon: a.lon } } : { ok: false, error: itemError(item, code, `aerodrome ${code} is not in data/airports.json`) };
  }
  if (code === 'AFIL') return { ok: true, value: undefined };
  const which = item === '13' ? 'DEP' : 'DEST';
  if (!named) return { ok: false, error: itemError('18', '', `${code} in item ${item} needs ${which}/ in item 18 with the name or position`) };
  if (named.lat !== undefined && named.lon !== undefined) return { ok: true, value: { name: which, lat: named.lat, lon: named.lon } };
  const p = resolver.point(named.text.split(' ')[0]);
  if (p) return { ok: true, value: { name: named.text, lat: p.lat, lon: p.lon } };
  return { ok: false, error: itemError('18', `${which}/${named.text}`, 'give the position (e.g. 5530N01500E) of a place not in the data') };
}

interface Leg {
  to: Fix;
  speed: Speed;
  lo: number;
  hi: number;
  level: number;
}

/**
 * Expands a flight plan to its corridor, starting at `departureMs` (EOBT on the date of flight, or the actual
 * time of departure). Unknown names and (with airways: 'reject') airways are refused naming item 15 and the token.
 */
export function buildCorridor(plan: FlightPlanItems, departureMs: number, resolver: PlaceResolver, options: CorridorOptions = {}): Result<Corridor> {
  const maxPieceM = options.maxPieceM ?? 50_000;
  const assumptions: string[] = [];
  const route = plan.item15;
  const dep = placeFix(plan.item13.aerodrome, plan.item18.dep, resolver, '13');
  if (!dep.ok) return dep;
  const dest = placeFix(plan.item16.aerodrome, plan.item18.dest, resolver, '16');
  if (!dest.ok) return dest;

  let speed = route.speed;
  let level: Level = route.level;
  const levelFt = (l: Level): [number, number] => (l.unit === 'VFR' ? VFR_BLOCK_FT : [l.ft!, l.ft!]);
  const start: Fix | undefined = dep.value;
  const legs: Leg[] = [];
  let at: Fix | undefined = start;
  let pendingAirway: string | undefined;
  let truncated = false;
  let carry: [number, number] | undefined;
  let cruiseTop: number | undefined;
  for (const e of route.elements) {
    if (e.kind === 'airway') {
      if ((options.airways ?? 'reject') === 'reject') {
        return {
          ok: false,
          error: itemError('15', e.name, 'airway routes are not in the data: file the route as DCT between points, or accept airways flown direct'),
        };
      }
      pendingAirway = e.name;
      continue;
    }
    if (e.kind === 'procedure') {
      assumptions.push(`procedure ${e.name} flown direct`);
      continue;
    }
    if (e.kind === 'truncated') {
      truncated = true;
      assumptions.push('route truncated (T): the corridor ends at the last point');
      continue;
    }
    if (e.kind !== 'point') continue;
    const fix = resolvePoint(e.point, resolver, at, assumptions);
    if (!fix) return { ok: false, error: itemError('15', e.text, `'${e.text}' is neither a navaid in data/navaids.json nor an aerodrome in data/airports.json`) };
    if (pendingAirway && at) assumptions.push(`airway ${pendingAirway} from ${at.name} to ${fix.name} flown direct`);
    pendingAirway = undefined;
    const [lo, hiLevel] = levelFt(level);
    const hi = Math.max(hiLevel, cruiseTop ?? hiLevel);
    legs.push(carry ? { to: fix, speed, lo: Math.min(lo, carry[0]), hi: Math.max(hi, carry[1]), level: lo } : { to: fix, speed, lo, hi, level: lo });
    carry = undefined;
    // A change at a point applies from it: the next leg spans the old and the new level (climb or descent).
    if (e.speed) speed = e.speed;
    if (e.level) {
      const before = levelFt(level);
      level = e.level;
      const after = levelFt(level);
      const climbTo = e.cruiseClimbTo;
      const top = climbTo === 'PLUS' ? CRUISE_CLIMB_CEILING_FT : climbTo ? climbTo.ft! : after[1];
      carry = [Math.min(before[0], after[0]), Math.max(before[1], top)];
      // A cruise climb keeps the block open up to its upper level until the next change.
      cruiseTop = climbTo ? top : undefined;
    }
    at = fix;
  }
  if (!truncated && dest.value) {
    const [lo, hiLevel] = levelFt(level);
    const hi = Math.max(hiLevel, cruiseTop ?? hiLevel);
    legs.push(carry ? { to: dest.value, speed, lo: Math.min(lo, carry[0]), hi: Math.max(hi, carry[1]), level: lo } : { to: dest.value, speed, lo, hi, level: lo });
  }
  if (legs.length === 0 || (legs.length === 1 && !start)) {
    return { ok: false, error: itemError('15', route.text, 'the route gives no leg to fly: name at least one point or a destination') };
  }

  // A point repeated (a route that ends at its DEST/ point) is no leg.
  for (let k = legs.length - 1; k >= 1; k--) {
    if (Math.abs(legs[k].to.lat - legs[k - 1].to.lat) < 1e-9 && Math.abs(legs[k].to.lon - legs[k - 1].to.lon) < 1e-9) {
      legs[k - 1].lo = Math.min(legs[k - 1].lo, legs[k].lo);
      legs[k - 1].hi = Math.max(legs[k - 1].hi, legs[k].hi);
      legs.splice(k, 1);
    }
  }
  // Terminal legs open down to the ground (climb after departure, descent before arrival).
  if (start && plan.item13.aerodrome !== 'ZZZZ') legs[0].lo = 0;
  if (!truncated && plan.item16.aerodrome !== 'ZZZZ') legs[legs.length - 1].lo = 0;

  // Densify along geodesics and time the points.
  const lat: number[] = [];
  const lon: number[] = [];
  const time: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const waypoints: Corridor['waypoints'] = [];
  let t = departureMs;
  let from: Fix;
  let firstLeg = 0;
  if (start) from = start;
  else {
    from = legs[0].to;
    firstLeg = 1;
  }
  lat.push(from.lat);
  lon.push(from.lon);
  time.push(t);
  waypoints.push({ name: from.name, lat: from.lat, lon: from.lon, timeMs: t });
  for (let k = firstLeg; k < legs.length; k++) {
    const leg = legs[k];
    const inv = geod.Inverse(from.lat, from.lon, leg.to.lat, leg.to.lon);
    const distM = inv.s12 ?? 0;
    if (distM < 1) {
      // The same place twice (a route ending at its DEST/ point): no leg.
      waypoints.push({ name: leg.to.name, lat: leg.to.lat, lon: leg.to.lon, timeMs: t });
      from = leg.to;
      continue;
    }
    const v = speedMps(leg.speed, Math.max(leg.level, 0));
    const pieces = Math.max(1, Math.ceil(distM / maxPieceM));
    const line = geod.InverseLine(from.lat, from.lon, leg.to.lat, leg.to.lon);
    for (let p = 1; p <= pieces; p++) {
      const s = (distM * p) / pieces;
      const pos = p === pieces ? { lat2: leg.to.lat, lon2: leg.to.lon } : line.Position(s);
      lat.push(pos.lat2!);
      lon.push(pos.lon2!);
      time.push(t + (s / v) * 1000);
      lo.push(leg.lo);
      hi.push(leg.hi);
    }
    t += (distM / v) * 1000;
    waypoints.push({ name: leg.to.name, lat: leg.to.lat, lon: leg.to.lon, timeMs: t });
    from = leg.to;
  }
  if (lo.length === 0) return { ok: false, error: itemError('15', route.text, 'the route gives no leg to fly') };
  let minFt = Number.POSITIVE_INFINITY;
  let maxFt = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < lo.length; k++) {
    minFt = Math.min(minFt, lo[k]);
    maxFt = Math.max(maxFt, hi[k]);
  }
  return {
    ok: true,
    value: {
      lat: Float64Array.from(lat),
      lon: Float64Array.from(lon),
      timeMs: Float64Array.from(time),
      loFt: Float64Array.from(lo),
      hiFt: Float64Array.from(hi),
      waypoints,
      startMs: time[0],
      endMs: time[time.length - 1],
      minFt,
      maxFt,
      assumptions,
    },
  };
}
