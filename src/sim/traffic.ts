// SPDX-License-Identifier: GPL-3.0-or-later
// Traffic for the simulator: flight plans (identity, start, route, end, scripted events) built from the
// scenario's generators — civil departures, arrivals and overflights between real Baltic airports with
// airline callsigns, ICAO addresses from the right country blocks and discrete squawks; military
// reconnaissance and transport flights over international waters with transponders off for all or part of
// the flight; air-policing quick-reaction pairs that join an unidentified aircraft; fighters in formation;
// and uniform stress traffic. Everything is drawn from the scenario's seeded generator.

import type { Rng } from './random.ts';
import type { RouteEnd, Start, Waypoint } from './motion.ts';
import { bearingDeg, destination, distanceM, wrap180, wrap360 } from './navigation.ts';
import type { AircraftCategory, AircraftClass } from './truth.ts';
import type { Airport, RunwayEnd, World } from './world.ts';

const NM = 1852;

// --- flight plans -----------------------------------------------------------------------------------------

/** Something a flight is told to do at a moment (scripts and generators). */
export type FlightAction =
  | { kind: 'transponder'; value: 'on' | 'off' }
  | { kind: 'squawk'; value: string }
  /** A cleared level that overrides the route's (null: back to the plan). */
  | { kind: 'altitude'; altFt: number | null }
  | { kind: 'speed'; speedKt: number | null }
  | { kind: 'heading'; headingDeg: number; turn: -1 | 0 | 1 }
  /** Back onto the route, toward its next waypoint (after a heading or a hold). */
  | { kind: 'resume' }
  | { kind: 'hold'; lat: number; lon: number; inboundDeg: number; legM: number; turn: 1 | -1 }
  /** Station-keeping on another flight (by id): offsets ahead, right and up, m. */
  | { kind: 'follow'; target: string; alongM: number; crossM: number; upM: number }
  | { kind: 'route'; route: Waypoint[]; end: RouteEnd };

export interface FlightEvent {
  /** Offset from the scenario start, ms. */
  atMs: number;
  action: FlightAction;
}

/** Everything the simulation needs to fly one aircraft. */
export interface FlightPlan {
  id: string;
  icao: string;
  callsign: string;
  squawk: string;
  category: AircraftCategory;
  aircraftClass: AircraftClass;
  typeDesignator: string;
  /** Offset from the scenario start at which the aircraft appears, ms. */
  spawnMs: number;
  transponder: 'on' | 'off';
  start: Start;
  route: Waypoint[];
  end: RouteEnd;
  cruiseAltFt: number;
  events: FlightEvent[];
}

// --- identities -------------------------------------------------------------------------------------------

/** Hands out unique ICAO addresses from a country's block (or its military ranges). */
export class AddressAllocator {
  private readonly used = new Set<string>();
  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {}

  /** Marks an address as taken (scripted flights with a fixed address). */
  reserve(icao: string): void {
    this.used.add(icao);
  }

  /** A fresh address from the country's block; military ranges of that country when `military`. */
  allocate(cc: string, military = false): string {
    const ranges = military ? this.world.militaryRangesOf(cc) : [];
    const block = this.world.blockOf(cc);
    for (let attempt = 0; attempt < 10000; attempt++) {
      let v: number;
      if (ranges.length > 0) {
        const r = this.rng.pick(ranges);
        v = this.rng.int(r.start, r.end);
      } else {
        v = this.rng.int(block.start, block.end);
        if (!military && this.world.isMilitaryAddress(v)) continue;
      }
      const hex = v.toString(16).padStart(6, '0');
      if (this.used.has(hex)) continue;
      this.used.add(hex);
      return hex;
    }
    throw new Error(`ICAO address block of '${cc}' exhausted`);
  }
}

const SPECIAL_SQUAWKS = new Set(['7500', '7600', '7700', '7000', '2000', '1200', '0000', '1000', '7777', '7400', '0030', '0033']);

/** Hands out unique discrete squawk codes (4 octal digits), avoiding the special ones. */
export class SquawkAllocator {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  reserve(code: string): void {
    this.used.add(code);
  }

  allocate(): string {
    for (let attempt = 0; attempt < 100000; attempt++) {
      const v = this.rng.int(0o0100, 0o6777);
      const code = v.toString(8).padStart(4, '0');
      if (SPECIAL_SQUAWKS.has(code) || this.used.has(code)) continue;
      // Codes are reused across the region in reality; keep them unique while the pool lasts.
      if (this.used.size < 3000) this.used.add(code);
      return code;
    }
    return '2000';
  }
}

interface Airline {
  /** ICAO telephony designator prefix of the callsign. */
  prefix: string;
  /** Registration countries (ISO alpha-2) its aircraft come from. */
  countries: string[];
  /** Home airports inside the region (more departures from/to them). */
  hubs: string[];
  types: string[];
  weight: number;
  /** Alphanumeric callsign suffixes (e.g. RYR4QK) are common. */
  alnum?: boolean;
  /** Long-haul/overflight carrier rather than regional. */
  overflight?: boolean;
}

/** Carriers of the Baltic region and through it (types as flown there in the 2010s–2020s). */
export const AIRLINES: readonly Airline[] = [
  { prefix: 'SAS', countries: ['se', 'dk', 'no'], hubs: ['EKCH', 'ESSA', 'ENGM'], types: ['A20N', 'A320', 'A321', 'CRJ9', 'B738'], weight: 14 },
  { prefix: 'FIN', countries: ['fi'], hubs: ['EFHK'], types: ['A320', 'A321', 'A319', 'E190', 'AT75'], weight: 9 },
  { prefix: 'BTI', countries: ['lv'], hubs: ['EVRA', 'EETN', 'EYVI'], types: ['BCS3'], weight: 7 },
  { prefix: 'LOT', countries: ['pl'], hubs: ['EPWA', 'EPGD'], types: ['B738', 'E195', 'E190', 'DH8D', 'B38M'], weight: 5 },
  { prefix: 'NSZ', countries: ['se', 'no', 'ie'], hubs: ['ESSA', 'EKCH', 'ENGM', 'EFHK'], types: ['B738', 'B38M'], weight: 6, alnum: true },
  { prefix: 'DLH', countries: ['de'], hubs: ['EDDH', 'EDDB'], types: ['A320', 'A321', 'A319', 'A20N', 'CRJ9'], weight: 6 },
  { prefix: 'EWG', countries: ['de'], hubs: ['EDDH', 'EDDB'], types: ['A320', 'A319'], weight: 3, alnum: true },
  { prefix: 'RYR', countries: ['ie', 'mt'], hubs: ['EPGD', 'EVRA', 'EYKA', 'ESSA'], types: ['B738', 'B38M'], weight: 6, alnum: true },
  { prefix: 'WZZ', countries: ['hu', 'mt'], hubs: ['EPGD', 'EYVI', 'EVRA'], types: ['A320', 'A321', 'A21N'], weight: 4, alnum: true },
  { prefix: 'AFL', countries: ['ru'], hubs: ['ULLI', 'UMKK'], types: ['A320', 'A321', 'B738', 'SU95'], weight: 3 },
  { prefix: 'SDM', countries: ['ru'], hubs: ['ULLI', 'UMKK'], types: ['A319', 'B738', 'SU95'], weight: 3 },
  { prefix: 'BRU', countries: ['by'], hubs: [], types: ['B738', 'E195', 'CRJ2'], weight: 1 },
  { prefix: 'BRX', countries: ['se'], hubs: ['ESSA', 'ESGG', 'ESMS'], types: ['AT76', 'A20N'], weight: 3 },
  { prefix: 'WIF', countries: ['no'], hubs: ['ENGM'], types: ['DH8D'], weight: 1 },
  { prefix: 'KLM', countries: ['nl'], hubs: [], types: ['B738', 'E190', 'E195'], weight: 3 },
  { prefix: 'BAW', countries: ['gb'], hubs: [], types: ['A320', 'A20N', 'A321'], weight: 2 },
  { prefix: 'THY', countries: ['tr'], hubs: [], types: ['A321', 'B738', 'A333'], weight: 2 },
  { prefix: 'BCS', countries: ['de'], hubs: ['ESSA', 'EFHK'], types: ['B752', 'A30B'], weight: 1 },
  { prefix: 'FIN', countries: ['fi'], hubs: ['EFHK'], types: ['A359', 'A333'], weight: 3, overflight: true },
  { prefix: 'QTR', countries: ['qa'], hubs: [], types: ['B77W', 'A359', 'B789'], weight: 2, overflight: true },
  { prefix: 'UAE', countries: ['ae'], hubs: [], types: ['B77W', 'A388'], weight: 1, overflight: true },
  { prefix: 'CCA', countries: ['cn'], hubs: [], types: ['B77W', 'A332'], weight: 1, overflight: true },
  { prefix: 'KAL', countries: ['kr'], hubs: [], types: ['B77W', 'B789'], weight: 1, overflight: true },
  { prefix: 'ICE', countries: ['is'], hubs: [], types: ['B38M', 'B752'], weight: 1, overflight: true },
  { prefix: 'DLH', countries: ['de'], hubs: [], types: ['A359', 'B748', 'A333'], weight: 2, overflight: true },
];

/** The performance class of an ICAO type designator. */
export function classOfType(type: string): AircraftClass | undefined {
  return TYPE_CLASS[type];
}

const TYPE_CLASS: Record<string, AircraftClass> = {};
for (const t of ['A319', 'A320', 'A20N', 'A321', 'A21N', 'B737', 'B738', 'B739', 'B38M', 'E190', 'E195', 'BCS3', 'CRJ2', 'CRJ9', 'SU95', 'A332', 'A333', 'A359', 'B752', 'B763', 'B77W', 'B789', 'B748', 'A388', 'A30B'])
  TYPE_CLASS[t] = 'airliner';
for (const t of ['AT75', 'AT76', 'DH8D', 'SF34', 'B350', 'C295', 'AN26', 'PC12']) TYPE_CLASS[t] = 'turboprop';
for (const t of ['C56X', 'CL35', 'GLF5', 'GLF6', 'E55P', 'C25A', 'F900', 'FA7X']) TYPE_CLASS[t] = 'bizjet';
for (const t of ['EUFI', 'F16', 'F35', 'JS39', 'F18H', 'SU27', 'SU30', 'SU35', 'MG29', 'SU24', 'SU34', 'F15', 'RFAL']) TYPE_CLASS[t] = 'fighter';
for (const t of ['IL20', 'IL38', 'IL18', 'IL76', 'AN12', 'C130', 'A400', 'P8', 'E3TF', 'TU95', 'TU16', 'TU22', 'A50', 'TU54']) TYPE_CLASS[t] = 'large-military';
for (const t of ['K35R', 'MRTT', 'KC46', 'A310']) TYPE_CLASS[t] = 'tanker';
for (const t of ['EC35', 'A139', 'H60', 'MI8', 'NH90', 'S61', 'EC45', 'AS32']) TYPE_CLASS[t] = 'helicopter';

/** A callsign of an airline: prefix and 1–4 digits, or digits and letters for carriers that use them. */
function airlineCallsign(rng: Rng, a: Airline): string {
  if (a.alnum && rng.chance(0.6)) {
    const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    const digits = String(rng.int(1, 99));
    let s = digits;
    const nl = rng.int(1, 2);
    for (let k = 0; k < nl; k++) s += letters[rng.int(0, letters.length - 1)];
    return `${a.prefix}${s}`.slice(0, 8);
  }
  const n = rng.chance(0.3) ? rng.int(1, 999) : rng.int(1000, 4999);
  return `${a.prefix}${n}`;
}

// --- region, airports, runways -----------------------------------------------------------------------------

export interface Region {
  south: number;
  west: number;
  north: number;
  east: number;
}

export const inRegion = (r: Region, lat: number, lon: number): boolean => lat >= r.south && lat <= r.north && lon >= r.west && lon <= r.east;

/** The runway end to take off from or land on with wind from `windFromDeg` (into the wind). */
export function runwayFor(a: Airport, windFromDeg: number, ident?: string): RunwayEnd {
  const ends = a.runways.flatMap((r) => r.ends);
  if (ends.length === 0) throw new Error(`airport ${a.icao} has no runway data`);
  if (ident !== undefined) {
    const e = ends.find((x) => x.ident === ident);
    if (!e) throw new Error(`airport ${a.icao} has no runway '${ident}' (has ${ends.map((x) => x.ident).join(', ')})`);
    return e;
  }
  // Longest runways first; among them the one most into the wind.
  const longest = a.runways[0].lengthFt;
  const candidates = a.runways.filter((r) => r.lengthFt >= longest * 0.8).flatMap((r) => r.ends);
  let best = candidates[0];
  let bestD = 999;
  for (const e of candidates) {
    const d = Math.abs(wrap180(e.headingDeg - windFromDeg));
    if (d < bestD - 1e-9) {
      bestD = d;
      best = e;
    }
  }
  return best;
}

/** The opposite end of a runway (where the take-off run ends). */
function farEnd(a: Airport, end: RunwayEnd): RunwayEnd {
  for (const r of a.runways) {
    if (r.ends[0] === end) return r.ends[1];
    if (r.ends[1] === end) return r.ends[0];
  }
  return end;
}

/** A take-off from an airport: the start on the threshold and the first climb-out waypoint. */
export function departure(world: World, icao: string, windFromDeg: number, runway?: string): { start: Start; climbOut: Waypoint } {
  const a = world.airport(icao);
  const end = runwayFor(a, windFromDeg, runway);
  const far = farEnd(a, end);
  const out = destination(far.lat, far.lon, end.headingDeg, 4 * NM);
  return {
    start: { kind: 'runway', lat: end.lat, lon: end.lon, headingDeg: end.headingDeg, elevFt: end.elevFt ?? a.elevFt },
    climbOut: { lat: out.lat, lon: out.lon },
  };
}

/** An arrival: approach waypoints on the extended centreline (15 and 8 NM out) and the landing end. */
export function arrival(world: World, icao: string, windFromDeg: number, runway?: string): { approach: Waypoint[]; end: RouteEnd } {
  const a = world.airport(icao);
  const end = runwayFor(a, windFromDeg, runway);
  const back = wrap360(end.headingDeg + 180);
  const p15 = destination(end.lat, end.lon, back, 15 * NM);
  const p8 = destination(end.lat, end.lon, back, 8 * NM);
  return {
    approach: [
      { lat: p15.lat, lon: p15.lon },
      { lat: p8.lat, lon: p8.lon },
      { lat: end.lat, lon: end.lon },
    ],
    end: { kind: 'land', lat: end.lat, lon: end.lon, headingDeg: end.headingDeg, elevFt: end.elevFt ?? a.elevFt },
  };
}

/** Cruise level by the semicircular rule: odd thousands eastbound (000–179°), even westbound, in FL. */
export function semicircularFl(rng: Rng, courseDeg: number, minFl: number, maxFl: number): number {
  const east = wrap360(courseDeg) < 180;
  const levels: number[] = [];
  for (let fl = 50; fl <= 410; fl += 10) {
    if (fl < minFl || fl > maxFl) continue;
    const odd = (fl / 10) % 2 === 1;
    if (odd === east) levels.push(fl);
  }
  return levels.length > 0 ? rng.pick(levels) : minFl;
}

const CLASS_MAX_FL: Record<AircraftClass, number> = {
  airliner: 390,
  bizjet: 430,
  turboprop: 250,
  fighter: 450,
  'large-military': 300,
  tanker: 370,
  helicopter: 50,
};

/** A random point on the region's boundary, on the side facing `towardDeg` from the centre. */
function boundaryPoint(rng: Rng, r: Region, towardDeg?: number): { lat: number; lon: number } {
  const side = towardDeg === undefined ? rng.int(0, 3) : Math.floor(wrap360(towardDeg + 45) / 90) % 4; // 0 N, 1 E, 2 S, 3 W
  const t = rng.uniform(0.05, 0.95);
  switch (side) {
    case 0:
      return { lat: r.north, lon: r.west + t * (r.east - r.west) };
    case 1:
      return { lat: r.south + t * (r.north - r.south), lon: r.east };
    case 2:
      return { lat: r.south, lon: r.west + t * (r.east - r.west) };
    default:
      return { lat: r.south + t * (r.north - r.south), lon: r.west };
  }
}

// --- generators ---------------------------------------------------------------------------------------

export interface TrafficContext {
  world: World;
  rng: Rng;
  region: Region;
  durationMs: number;
  windFromDeg: number;
  addresses: AddressAllocator;
  squawks: SquawkAllocator;
  /** Ids taken so far (generated ids must not collide with scripted ones). */
  ids: Set<string>;
}

function uniqueId(ctx: TrafficContext, base: string): string {
  let id = base;
  for (let k = 2; ctx.ids.has(id); k++) id = `${base}-${k}`;
  ctx.ids.add(id);
  return id;
}

/** Traffic airports inside the region, weighted: hubs heavier than the rest. */
const HUB_WEIGHT: Record<string, number> = {
  EKCH: 10, ESSA: 9, EFHK: 8, ENGM: 7, EPWA: 6, EDDB: 5, EDDH: 5, ULLI: 6, EVRA: 5, EYVI: 3, EETN: 3, EPGD: 3, ESGG: 3,
  EKBI: 2, UMKK: 2, EYKA: 1, ESMS: 1, EKRN: 0.5,
};

function trafficAirports(ctx: TrafficContext, only?: readonly string[]): Airport[] {
  const out: Airport[] = [];
  for (const a of ctx.world.airports.values()) {
    if (a.runways.length === 0 || a.type === 'military' || a.type === 'heliport') continue;
    if (only ? !only.includes(a.icao) : !inRegion(ctx.region, a.lat, a.lon)) continue;
    if (!only && a.type !== 'large_airport' && !(a.icao in HUB_WEIGHT) && a.runways[0].lengthFt < 6500) continue;
    out.push(a);
  }
  return out.sort((x, y) => (x.icao < y.icao ? -1 : 1));
}

const airportWeight = (a: Airport): number => HUB_WEIGHT[a.icao] ?? (a.type === 'large_airport' ? 2 : 0.4);

export interface CivilGenerator {
  kind: 'civil';
  /** New flights (take-offs, arrivals entering the region, overflights entering it) per hour. */
  flightsPerHour: number;
  /** Flights already airborne at the start. */
  airborneAtStart: number;
  /** Share of flights that only cross the region. */
  overflightShare: number;
  /** Share of the remaining flights that come from or go to airports outside the region. */
  externalShare: number;
  /** Restrict to these airports (ICAO); default: the region's larger airports. */
  airports?: string[];
  /** Keep these flights apart as air traffic control would (separation.ts). */
  separated: boolean;
}

/**
 * Builds one civil flight's route; `fraction` in (0, 1) places it part-way (already airborne at the start),
 * undefined makes it start at its beginning.
 */
function civilFlight(
  ctx: TrafficContext,
  g: CivilGenerator,
  airports: Airport[],
  spawnMs: number,
  fraction: number | undefined,
): FlightPlan | undefined {
  const { rng, region, world } = ctx;
  const overflight = rng.next() < g.overflightShare;
  const external = !overflight && rng.chance(g.externalShare);
  const airline = rng.weighted(
    AIRLINES.filter((a) => (overflight ? a.overflight === true : a.overflight !== true)),
    (a) => a.weight,
  );
  const type = rng.pick(airline.types);
  const cls = classOfType(type) ?? 'airliner';
  const pickAirport = (exclude?: Airport): Airport => {
    const hubs = airports.filter((a) => airline.hubs.includes(a.icao) && a !== exclude);
    if (hubs.length > 0 && rng.chance(0.6)) return rng.pick(hubs);
    return rng.weighted(
      airports.filter((a) => a !== exclude),
      airportWeight,
    );
  };

  let from: Airport | undefined;
  let to: Airport | undefined;
  let entry: { lat: number; lon: number } | undefined;
  let exit: { lat: number; lon: number } | undefined;
  if (overflight) {
    entry = boundaryPoint(rng, region);
    do exit = boundaryPoint(rng, region);
    while (distanceM(entry.lat, entry.lon, exit.lat, exit.lon) < 400e3);
  } else if (external) {
    if (rng.chance(0.5)) {
      from = pickAirport();
      exit = boundaryPoint(rng, region);
    } else {
      to = pickAirport();
      entry = boundaryPoint(rng, region);
    }
  } else {
    from = pickAirport();
    to = pickAirport(from);
  }

  const wind = ctx.windFromDeg;
  const points: Waypoint[] = [];
  let start: Start;
  let end: RouteEnd = { kind: 'leave' };
  const a0 = from ? departure(world, from.icao, wind) : undefined;
  const a1 = to ? arrival(world, to.icao, wind) : undefined;
  const p0 = a0 ? { lat: a0.start.lat, lon: a0.start.lon } : entry!;
  const p1 = a1 ? a1.approach[a1.approach.length - 1] : exit!;
  const courseDeg = bearingDeg(p0.lat, p0.lon, p1.lat, p1.lon);
  const totalM = distanceM(p0.lat, p0.lon, p1.lat, p1.lon);
  if (totalM < 80e3) return undefined;
  const maxFl = Math.min(CLASS_MAX_FL[cls], totalM < 300e3 ? 240 : totalM < 600e3 ? 340 : 400);
  const fl = semicircularFl(rng, courseDeg, Math.min(maxFl, cls === 'turboprop' ? 160 : 200), maxFl);

  if (a0) points.push(a0.climbOut);
  // One intermediate waypoint off the direct line, as airways bend.
  const mid = destination(p0.lat, p0.lon, courseDeg, totalM * rng.uniform(0.35, 0.65));
  const bend = destination(mid.lat, mid.lon, courseDeg + 90, rng.normal(0, totalM * 0.04));
  points.push({ lat: bend.lat, lon: bend.lon });
  if (a1) {
    points.push(...a1.approach);
    end = a1.end;
  } else points.push({ lat: exit!.lat, lon: exit!.lon });

  if (fraction === undefined) {
    start = a0 ? a0.start : { kind: 'air', lat: entry!.lat, lon: entry!.lon, altFt: fl * 100, speedKt: 450, trackDeg: bearingDeg(entry!.lat, entry!.lon, points[0].lat, points[0].lon) };
  } else {
    // Part-way along the route, at the level its profile gives there.
    const placed = placeAlong(p0, points, fraction);
    const fromStartM = placed.alongM;
    const toEndM = placed.remainingM;
    const elev0 = a0 && a0.start.kind === 'runway' ? a0.start.elevFt : fl * 100;
    const elev1 = end.kind === 'land' ? end.elevFt : fl * 100;
    const climbFt = elev0 + (fromStartM / NM) * 350; // about 350 ft per NM in the climb
    const descFt = elev1 + (toEndM / NM) * 318; // 3° path
    const altFt = Math.max(1500, Math.min(fl * 100, climbFt, descFt));
    start = { kind: 'air', lat: placed.lat, lon: placed.lon, altFt, speedKt: altFt > 10000 ? 420 : 250, trackDeg: placed.trackDeg };
    points.splice(0, placed.nextIndex);
    if (points.length === 0) return undefined;
  }

  const cc = rng.pick(airline.countries);
  const icao = ctx.addresses.allocate(cc);
  const callsign = airlineCallsign(rng, airline);
  return {
    id: uniqueId(ctx, callsign.toLowerCase()),
    icao,
    callsign,
    squawk: ctx.squawks.allocate(),
    category: 'civil',
    aircraftClass: cls,
    typeDesignator: type,
    spawnMs,
    transponder: 'on',
    start,
    route: points,
    end,
    cruiseAltFt: fl * 100,
    events: [],
  };
}

/** The point a fraction of the way along a polyline starting at p0: position, track and the next waypoint. */
function placeAlong(
  p0: { lat: number; lon: number },
  points: readonly Waypoint[],
  fraction: number,
): { lat: number; lon: number; trackDeg: number; nextIndex: number; alongM: number; remainingM: number } {
  const legs: number[] = [];
  let prev = p0;
  let total = 0;
  for (const p of points) {
    const d = distanceM(prev.lat, prev.lon, p.lat, p.lon);
    legs.push(d);
    total += d;
    prev = p;
  }
  let target = total * fraction;
  prev = p0;
  for (let k = 0; k < points.length; k++) {
    if (target <= legs[k] || k === points.length - 1) {
      const b = bearingDeg(prev.lat, prev.lon, points[k].lat, points[k].lon);
      const q = destination(prev.lat, prev.lon, b, Math.min(target, legs[k]));
      return { lat: q.lat, lon: q.lon, trackDeg: bearingDeg(q.lat, q.lon, points[k].lat, points[k].lon), nextIndex: k, alongM: total * fraction, remainingM: total * (1 - fraction) };
    }
    target -= legs[k];
    prev = points[k];
  }
  throw new Error('unreachable');
}

export function generateCivil(ctx: TrafficContext, g: CivilGenerator): FlightPlan[] {
  const airports = trafficAirports(ctx, g.airports);
  if (airports.length < 2) throw new Error('civil traffic needs at least two airports with runways in the region');
  const out: FlightPlan[] = [];
  for (let k = 0, guard = 0; k < g.airborneAtStart && guard < g.airborneAtStart * 20; guard++) {
    const f = civilFlight(ctx, g, airports, 0, ctx.rng.uniform(0.05, 0.9));
    if (f) {
      out.push(f);
      k++;
    }
  }
  if (g.flightsPerHour > 0) {
    const meanGapMs = 3600e3 / g.flightsPerHour;
    for (let t = ctx.rng.exponential(meanGapMs); t < ctx.durationMs; t += ctx.rng.exponential(meanGapMs)) {
      const f = civilFlight(ctx, g, airports, Math.round(t), undefined);
      if (f) out.push(f);
    }
  }
  return out;
}

/**
 * The corridor over international waters between Kaliningrad and the Gulf of Finland that Russian state
 * flights use: west of Lithuania and Latvia, east of Gotland, west of Saaremaa and Hiiumaa, then along the
 * middle of the Gulf of Finland. Points chosen by hand outside the 12 NM territorial seas.
 */
export const KALININGRAD_GULF_CORRIDOR: readonly Waypoint[] = [
  { lat: 55.05, lon: 19.6 },
  { lat: 55.7, lon: 19.75 },
  { lat: 56.6, lon: 19.85 },
  { lat: 57.5, lon: 19.95 },
  { lat: 58.3, lon: 20.55 },
  { lat: 59.1, lon: 21.4 },
  { lat: 59.45, lon: 22.6 },
  { lat: 59.66, lon: 24.0 },
  { lat: 59.83, lon: 25.5 },
  { lat: 59.93, lon: 26.8 },
  { lat: 60.0, lon: 28.0 },
];

export interface StateFlightGenerator {
  kind: 'state';
  /** Number of flights, spread over the run. */
  count: number;
  type: string;
  /** Country of registration (address block): 'ru' by default. */
  country: string;
  /** 'off': dark all flight; 'on': transponder on; 'partial': switched off over international waters. */
  transponder: 'on' | 'off' | 'partial';
  /** Flight levels drawn between these. */
  minFl: number;
  maxFl: number;
  /** Formation escorts (fighters) per flight, dark like their leader. */
  escorts: number;
  escortType: string;
  callsignPrefix: string;
}

/** Russian state flights along the Kaliningrad – Gulf of Finland corridor, either way. */
export function generateStateFlights(ctx: TrafficContext, g: StateFlightGenerator): FlightPlan[] {
  const { rng } = ctx;
  const out: FlightPlan[] = [];
  const cls = classOfType(g.type) ?? 'large-military';
  for (let k = 0; k < g.count; k++) {
    const northbound = rng.chance(0.5);
    const corridor = northbound ? [...KALININGRAD_GULF_CORRIDOR] : [...KALININGRAD_GULF_CORRIDOR].reverse();
    const spawnMs = Math.round(rng.uniform(0, Math.max(0, ctx.durationMs * 0.6)));
    const fl = Math.round(rng.uniform(g.minFl, g.maxFl) / 10) * 10;
    const first = corridor[0];
    const start: Start = { kind: 'air', lat: first.lat, lon: first.lon, altFt: fl * 100, speedKt: 330, trackDeg: bearingDeg(first.lat, first.lon, corridor[1].lat, corridor[1].lon) };
    const route = corridor.slice(1);
    const events: FlightEvent[] = [];
    let transponder: 'on' | 'off' = g.transponder === 'on' ? 'on' : 'off';
    if (g.transponder === 'partial') {
      // On while leaving home airspace, off once over international waters, sometimes on again.
      transponder = 'on';
      const offAt = spawnMs + Math.round(rng.uniform(3, 12) * 60e3);
      events.push({ atMs: offAt, action: { kind: 'transponder', value: 'off' } });
      if (rng.chance(0.5)) events.push({ atMs: offAt + Math.round(rng.uniform(15, 40) * 60e3), action: { kind: 'transponder', value: 'on' } });
    }
    // ICAO aircraft identification (FPL item 7) is at most 7 characters.
    const callsign = `${g.callsignPrefix}${rng.int(1000, 9999)}`.slice(0, 7);
    const id = uniqueId(ctx, `${g.type.toLowerCase()}-${k + 1}`);
    out.push({
      id,
      icao: ctx.addresses.allocate(g.country, true),
      callsign,
      squawk: ctx.squawks.allocate(),
      category: 'military',
      aircraftClass: cls,
      typeDesignator: g.type,
      spawnMs,
      transponder,
      start,
      route,
      end: { kind: 'leave' },
      cruiseAltFt: fl * 100,
      events,
    });
    for (let e = 0; e < g.escorts; e++) {
      const side = e % 2 === 0 ? 1 : -1;
      const rank = Math.floor(e / 2) + 1;
      const at = destination(start.lat, start.lon, start.trackDeg + 90 * side, 400 * rank);
      out.push({
        id: uniqueId(ctx, `${id}-escort-${e + 1}`),
        icao: ctx.addresses.allocate(g.country, true),
        callsign: `${g.callsignPrefix}${rng.int(1000, 9999)}`.slice(0, 7),
        squawk: ctx.squawks.allocate(),
        category: 'military',
        aircraftClass: classOfType(g.escortType) ?? 'fighter',
        typeDesignator: g.escortType,
        spawnMs,
        transponder: 'off',
        start: { ...start, lat: at.lat, lon: at.lon, altFt: fl * 100 + 300 },
        route,
        end: { kind: 'leave' },
        cruiseAltFt: fl * 100,
        events: [{ atMs: spawnMs, action: { kind: 'follow', target: id, alongM: -300 * rank, crossM: 400 * rank * side, upM: 90 } }],
      });
    }
  }
  return out;
}

export interface QraGenerator {
  kind: 'qra';
  /** Air-policing base: EYSA (Šiauliai) or EEEI (Ämari). */
  base: string;
  /** Id of the flight to intercept (a scripted or generated flight). */
  target: string;
  /** When the pair starts its take-off roll, s after the start. */
  scrambleAtS: number;
  /** How long the pair shadows the target before returning to base, s. */
  shadowS: number;
  type: string;
  /** Country of the rotation (address block, military ranges when known). */
  country: string;
  callsign: string;
  /** Transponders of the QRA pair. */
  transponder: 'on' | 'off';
}

/** A quick-reaction pair: scrambles, joins the target (lead off its right wing, wingman in trail), returns to land. */
export function generateQra(ctx: TrafficContext, g: QraGenerator): FlightPlan[] {
  const { world } = ctx;
  const dep = departure(world, g.base, ctx.windFromDeg);
  const arr = arrival(world, g.base, ctx.windFromDeg);
  const spawnMs = Math.round(g.scrambleAtS * 1000);
  const rtbMs = spawnMs + Math.round(g.shadowS * 1000) + 15 * 60e3;
  const cls = classOfType(g.type) ?? 'fighter';
  const lead = uniqueId(ctx, `${g.callsign.toLowerCase()}1`);
  const wing = uniqueId(ctx, `${g.callsign.toLowerCase()}2`);
  const mk = (id: string, n: number, follow: FlightAction, delayMs: number): FlightPlan => ({
    id,
    icao: ctx.addresses.allocate(g.country, true),
    callsign: `${g.callsign}${n}`.slice(0, 8),
    squawk: ctx.squawks.allocate(),
    category: 'military',
    aircraftClass: cls,
    typeDesignator: g.type,
    spawnMs: spawnMs + delayMs,
    transponder: g.transponder,
    start: dep.start,
    route: [dep.climbOut],
    end: { kind: 'leave' },
    cruiseAltFt: 20000,
    events: [
      { atMs: spawnMs + delayMs + 40e3, action: follow },
      // Home in stream: the wingman a minute behind the lead.
      { atMs: rtbMs + 4 * delayMs, action: { kind: 'route', route: arr.approach, end: arr.end } },
      { atMs: rtbMs + 4 * delayMs, action: { kind: 'speed', speedKt: null } },
    ],
  });
  return [
    mk(lead, 1, { kind: 'follow', target: g.target, alongM: -100, crossM: 250, upM: 0 }, 0),
    mk(wing, 2, { kind: 'follow', target: lead, alongM: -600, crossM: 300, upM: 150 }, 15e3),
  ];
}

export interface StressGenerator {
  kind: 'stress';
  /** Aircraft airborne from the start, spread uniformly over the region, on long straight routes. */
  count: number;
}

/** Uniform cruise traffic for benchmarks: every aircraft airborne from the start, crossing the region. */
export function generateStress(ctx: TrafficContext, g: StressGenerator): FlightPlan[] {
  const { rng, region } = ctx;
  const out: FlightPlan[] = [];
  const nonOverflight = AIRLINES.filter((a) => !a.overflight);
  for (let k = 0; k < g.count; k++) {
    const airline = rng.weighted(nonOverflight, (a) => a.weight);
    const type = rng.pick(airline.types);
    const cls = classOfType(type) ?? 'airliner';
    const lat = rng.uniform(region.south, region.north);
    const lon = rng.uniform(region.west, region.east);
    const trk = rng.uniform(0, 360);
    const fl = semicircularFl(rng, trk, cls === 'turboprop' ? 120 : 200, CLASS_MAX_FL[cls]);
    const p1 = destination(lat, lon, trk + rng.normal(0, 20), 1500e3);
    const p2 = destination(p1.lat, p1.lon, trk + rng.normal(0, 40), 1500e3);
    const altFt = rng.chance(0.7) ? fl * 100 : rng.uniform(3000, fl * 100);
    const callsign = airlineCallsign(rng, airline);
    out.push({
      id: uniqueId(ctx, `s${k}`),
      icao: ctx.addresses.allocate(rng.pick(airline.countries)),
      callsign,
      squawk: ctx.squawks.allocate(),
      category: 'civil',
      aircraftClass: cls,
      typeDesignator: type,
      spawnMs: 0,
      transponder: rng.chance(0.97) ? 'on' : 'off',
      start: { kind: 'air', lat, lon, altFt, speedKt: altFt > 10000 ? 430 : 250, trackDeg: trk },
      route: [
        { lat: p1.lat, lon: p1.lon },
        { lat: p2.lat, lon: p2.lon },
      ],
      end: { kind: 'leave' },
      cruiseAltFt: fl * 100,
      events: [],
    });
  }
  return out;
}
