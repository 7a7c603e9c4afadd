// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario files: a declarative JSON description of a simulation run — region, parties, sensors, traffic
// generators, scripted flights, seed, start time and duration — validated with zod so that a bad file fails
// with `FILE: KEY: what is allowed`. Built-in scenarios (src/sim/scenarios) use the same schema. Compiling a
// scenario gives the flight plans the simulation flies.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, parseConfig } from '../core/config.ts';
import type { RouteEnd, Waypoint } from './motion.ts';
import { destination, wrap360 } from './navigation.ts';
import { Rng } from './random.ts';
import { builtinScenario, BUILTIN_SCENARIOS } from './scenarios/index.ts';
import { separateCivil } from './separation.ts';
import { SimSensorSchema } from './sensors/config.ts';
import {
  AddressAllocator,
  arrival,
  classOfType,
  departure,
  type FlightAction,
  type FlightEvent,
  type FlightPlan,
  generateCivil,
  generateQra,
  generateStateFlights,
  generateStress,
  SquawkAllocator,
  type TrafficContext,
} from './traffic.ts';
import type { AircraftClass } from './truth.ts';
import { loadWorld, type World } from './world.ts';

const NM = 1852;
const CLASS_NAMES = ['airliner', 'bizjet', 'turboprop', 'fighter', 'large-military', 'tanker', 'helicopter'] as const;

const idSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an id: letters, digits, . _ - (starting with a letter or digit)');
const latSchema = z.number().min(-90).max(90);
const lonSchema = z.number().min(-180).max(180);
const altFtSchema = z.number().min(-1500).max(66000);
const speedKtSchema = z.number().min(0).max(1500);
const degSchema = z.number().min(0).max(360);
const icaoAirport = z.string().regex(/^[A-Z0-9]{4}$/, 'an ICAO airport code such as EKCH');
const squawkSchema = z.string().regex(/^[0-7]{4}$/, 'a squawk: 4 octal digits');
const icaoAddress = z
  .string()
  .regex(/^[0-9a-fA-F]{6}$/, 'an ICAO 24-bit address: 6 hex digits')
  .transform((s) => s.toLowerCase());
const countrySchema = z
  .string()
  .regex(/^[a-zA-Z]{2}$/, 'an ISO 3166 alpha-2 country code such as se')
  .transform((s) => s.toLowerCase());

/** A waypoint: coordinates, or a fix (navaid identifier or airport ICAO code); optional level and speed toward it. */
const PointSchema = z
  .strictObject({
    lat: latSchema.optional(),
    lon: lonSchema.optional(),
    fix: z.string().min(1).optional(),
    altFt: altFtSchema.optional(),
    speedKt: speedKtSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const coords = p.lat !== undefined && p.lon !== undefined;
    if (coords === (p.fix !== undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'a waypoint needs either lat and lon, or fix (a navaid or airport)' });
  });

const HoldSchema = z
  .strictObject({
    fix: z.string().min(1).optional(),
    lat: latSchema.optional(),
    lon: lonSchema.optional(),
    inboundDeg: degSchema,
    /** Leg length (racetracks) or leg time (holds); default one minute. */
    legNm: z.number().positive().max(200).optional(),
    legS: z.number().positive().max(3600).optional(),
    turn: z.enum(['left', 'right']).default('right'),
  })
  .superRefine((h, ctx) => {
    if (h.legNm !== undefined && h.legS !== undefined) ctx.addIssue({ code: 'custom', path: ['legNm'], message: 'give legNm or legS, not both' });
  });

/** Where a flight ends: nothing (it leaves at its last waypoint), a landing, or a hold at the last waypoint. */
const EndSchema = z
  .strictObject({
    land: icaoAirport.optional(),
    runway: z.string().optional(),
    hold: HoldSchema.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.land !== undefined && e.hold !== undefined) ctx.addIssue({ code: 'custom', path: ['hold'], message: 'an end is land or hold, not both' });
    if (e.runway !== undefined && e.land === undefined) ctx.addIssue({ code: 'custom', path: ['runway'], message: 'runway needs land' });
  });

const EventSchema = z.strictObject({
  /** Seconds after the scenario start. */
  atS: z.number().min(0),
  transponder: z.enum(['on', 'off']).optional(),
  squawk: squawkSchema.optional(),
  /** A cleared level in ft (null: back to the planned levels). */
  altFt: altFtSchema.nullable().optional(),
  speedKt: speedKtSchema.nullable().optional(),
  headingDeg: degSchema.optional(),
  turn: z.enum(['left', 'right']).optional(),
  /** Back onto the route after a heading or hold. */
  resume: z.literal(true).optional(),
  hold: HoldSchema.optional(),
  /** Keep station on another flight (by id): ahead (+) / behind (−), right (+) / left (−), above (+), m. */
  follow: z
    .strictObject({ target: idSchema, alongM: z.number().default(-300), crossM: z.number().default(0), upM: z.number().default(0) })
    .optional(),
  /** A new route (and end), e.g. back to base. */
  route: z.array(PointSchema).min(1).optional(),
  end: EndSchema.optional(),
});

const StartSchema = z
  .strictObject({
    /** Seconds after the scenario start. */
    atS: z.number().min(0).default(0),
    airport: icaoAirport.optional(),
    runway: z.string().optional(),
    lat: latSchema.optional(),
    lon: lonSchema.optional(),
    altFt: altFtSchema.optional(),
    speedKt: speedKtSchema.optional(),
    trackDeg: degSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const air = [s.lat, s.lon, s.altFt, s.speedKt, s.trackDeg];
    if (s.airport === undefined && air.some((v) => v === undefined))
      ctx.addIssue({ code: 'custom', path: [], message: 'a start needs airport (take-off), or lat, lon, altFt, speedKt and trackDeg (airborne)' });
    if (s.airport !== undefined && air.some((v) => v !== undefined))
      ctx.addIssue({ code: 'custom', path: ['airport'], message: 'a start is on an airport or airborne, not both' });
  });

const FlightSchema = z
  .strictObject({
    id: idSchema,
    callsign: z.string().regex(/^[A-Z0-9]{1,8}$/, 'a callsign: 1–8 capital letters and digits'),
    icao: icaoAddress.optional(),
    /** Country whose address block (military ranges for military flights) the address comes from when icao is absent. */
    country: countrySchema.optional(),
    squawk: squawkSchema.optional(),
    type: z.string().regex(/^[A-Z0-9]{2,4}$/, 'an ICAO aircraft type designator such as A321'),
    class: z.enum(CLASS_NAMES).optional(),
    category: z.enum(['civil', 'military', 'state', 'unknown']).default('civil'),
    transponder: z.enum(['on', 'off']).default('on'),
    start: StartSchema,
    route: z.array(PointSchema).default([]),
    cruiseFl: z.number().int().min(0).max(600).optional(),
    end: EndSchema.optional(),
    events: z.array(EventSchema).default([]),
  })
  .superRefine((f, ctx) => {
    if (f.class === undefined && classOfType(f.type) === undefined)
      ctx.addIssue({ code: 'custom', path: ['class'], message: `type '${f.type}' has no known class; give class: ${CLASS_NAMES.join(', ')}` });
    if (f.icao === undefined && f.country === undefined)
      ctx.addIssue({ code: 'custom', path: ['country'], message: 'give icao (the address) or country (to draw one from its block)' });
  });

const fraction = z.number().min(0).max(1);

const GeneratorSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('civil'),
      flightsPerHour: z.number().min(0).max(100_000),
      airborneAtStart: z.number().int().min(0).max(100_000).default(0),
      overflightShare: fraction.default(0.25),
      externalShare: fraction.default(0.3),
      airports: z.array(icaoAirport).min(2).optional(),
      separated: z.boolean().default(true),
    }),
    z.strictObject({
      kind: z.literal('state'),
      count: z.number().int().min(0).max(1000),
      type: z.string().regex(/^[A-Z0-9]{2,4}$/, 'an ICAO aircraft type designator').default('IL20'),
      country: countrySchema.default('ru'),
      transponder: z.enum(['on', 'off', 'partial']).default('off'),
      minFl: z.number().int().min(10).max(450).default(200),
      maxFl: z.number().int().min(10).max(450).default(280),
      escorts: z.number().int().min(0).max(8).default(0),
      escortType: z.string().regex(/^[A-Z0-9]{2,4}$/, 'an ICAO aircraft type designator').default('SU27'),
      callsignPrefix: z.string().regex(/^[A-Z0-9]{1,4}$/, '1–4 capital letters or digits').default('RFF'),
    }),
    z.strictObject({
      kind: z.literal('qra'),
      base: z.enum(['EYSA', 'EEEI']),
      target: idSchema,
      scrambleAtS: z.number().min(0),
      shadowS: z.number().min(0).max(7200).default(900),
      type: z.string().regex(/^[A-Z0-9]{2,4}$/, 'an ICAO aircraft type designator').default('EUFI'),
      country: countrySchema.default('de'),
      callsign: z.string().regex(/^[A-Z]{3,6}$/, '3–6 capital letters').default('QRA'),
      transponder: z.enum(['on', 'off']).default('on'),
    }),
    z.strictObject({
      kind: z.literal('stress'),
      count: z.number().int().min(1).max(200_000),
    }),
  ],
  { error: () => "kind: one of 'civil', 'state', 'qra', 'stress'" },
);

const BALTIC = { south: 53, west: 9, north: 66, east: 31 };

/** Seconds from the scenario start at which a notification enters the shared log (default: half an hour before). */
const filedAtSchema = z.number().min(-7 * 86400).max(7 * 86400).default(-1800);

/**
 * A flight notification the scenario's parties file in the shared log: either written from a flight of the run
 * (scripted, or generated, e.g. 'il76-1'), optionally filed at another level or time to show a deviation, or
 * an ATS message given whole (e.g. a flight that will not show).
 */
const NotificationSpecSchema = z.union(
  [
    z.strictObject({
      flight: idSchema,
      party: idSchema,
      /** Filed cruising level, FL, when not the one flown. */
      levelFl: z.number().int().min(0).max(600).optional(),
      /** Minutes added to the filed departure time. */
      delayMin: z.number().int().min(-600).max(600).optional(),
      /** Files only the route's first this many waypoints; the flight flies on beyond them. */
      routePoints: z.number().int().min(1).optional(),
      /** Escorts that follow the flight are filed with it as one formation. */
      formation: z.boolean().default(true),
      filedAtS: filedAtSchema,
    }),
    z.strictObject({ message: z.string().min(1), party: idSchema, filedAtS: filedAtSchema }),
  ],
  { error: () => 'a notification: { flight, party, ... } for a flight of the run, or { message, party } with an ATS message' },
);

export const ScenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    /** Seed of every random draw of the run (traffic; the sensors mix in their own). */
    seed: z.number().int().min(0).max(0xffff_ffff),
    /** UTC start time, ISO 8601 with Z. */
    start: z.iso.datetime({ message: 'an ISO 8601 UTC time such as 2014-03-03T13:00:00Z' }),
    durationS: z.number().positive().max(7 * 86400),
    /** Truth and sensor update interval, ms. */
    tickMs: z.number().int().min(50).max(10_000).default(1000),
    region: z
      .strictObject({ south: latSchema, west: lonSchema, north: latSchema, east: lonSchema })
      .refine((r) => r.south < r.north && r.west < r.east, 'south < north and west < east')
      .default(BALTIC),
    atmosphere: z
      .strictObject({
        qnhHpa: z.number().min(900).max(1100).default(1013.25),
        tempDeviationC: z.number().min(-40).max(40).default(0),
        /** Geoid undulation, m (about 20–40 m over the Baltic). */
        geoidM: z.number().min(-120).max(120).default(30),
        /** Surface wind direction, deg: picks runways (the motion has no wind). */
        windFromDeg: degSchema.default(240),
      })
      .default({ qnhHpa: 1013.25, tempDeviationC: 0, geoidM: 30, windFromDeg: 240 }),
    parties: z.array(z.strictObject({ id: idSchema, name: z.string().min(1), country: countrySchema.optional() })).default([]),
    sensors: z.array(SimSensorSchema).default([]),
    traffic: z.array(GeneratorSchema).default([]),
    flights: z.array(FlightSchema).default([]),
    notifications: z.array(NotificationSpecSchema).default([]),
  })
  .superRefine((s, ctx) => {
    const parties = new Set(s.parties.map((p) => p.id));
    s.notifications.forEach((n, i) => {
      if (!parties.has(n.party)) ctx.addIssue({ code: 'custom', path: ['notifications', i, 'party'], message: `one of the parties: ${[...parties].join(', ')}` });
    });
    s.sensors.forEach((sensor, i) => {
      if (parties.size > 0 && !parties.has(sensor.party))
        ctx.addIssue({ code: 'custom', path: ['sensors', i, 'party'], message: `one of the parties: ${[...parties].join(', ')}` });
    });
    const dupes = (ids: string[], key: string): void => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id '${id}'` });
        seen.add(id);
      });
    };
    dupes(
      s.sensors.map((x) => x.id),
      'sensors',
    );
    dupes(
      s.flights.map((x) => x.id),
      'flights',
    );
    const flights = new Set(s.flights.map((f) => f.id));
    s.flights.forEach((f, i) => {
      f.events.forEach((e, k) => {
        if (e.follow && !flights.has(e.follow.target))
          ctx.addIssue({ code: 'custom', path: ['flights', i, 'events', k, 'follow', 'target'], message: 'the id of a flight of this scenario' });
        if (e.hold && e.hold.fix === undefined && (e.hold.lat === undefined || e.hold.lon === undefined))
          ctx.addIssue({ code: 'custom', path: ['flights', i, 'events', k, 'hold'], message: 'a hold needs fix, or lat and lon' });
      });
    });
    s.traffic.forEach((g, i) => {
      if (g.kind === 'qra' && !flights.has(g.target))
        ctx.addIssue({ code: 'custom', path: ['traffic', i, 'target'], message: 'the id of a scripted flight of this scenario' });
      if (g.kind === 'state' && g.minFl > g.maxFl) ctx.addIssue({ code: 'custom', path: ['traffic', i, 'minFl'], message: 'at most maxFl' });
    });
  });

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Scenario = z.output<typeof ScenarioSchema>;
type FlightSpec = Scenario['flights'][number];
type PointSpec = z.output<typeof PointSchema>;
type EndSpec = z.output<typeof EndSchema>;
type HoldSpec = z.output<typeof HoldSchema>;

/** Validates a scenario value; errors name `file`, the key and what is allowed. */
export function parseScenario(value: unknown, file: string): Scenario {
  return parseConfig(ScenarioSchema, value, file);
}

/** The built-in scenario names (stress-N takes any N). */
export function builtinScenarioNames(): string[] {
  return [...BUILTIN_SCENARIOS, 'stress-N'];
}

/**
 * A scenario by built-in name (`baltic-day`, `sk681-2014-03-03`, `sk1755-2014-12-12`, `intercept`,
 * `stress-N`) or from a JSON file. Throws ConfigError naming the file, the key and what is allowed.
 */
export function loadScenario(nameOrPath: string): Scenario {
  const builtin = builtinScenario(nameOrPath);
  if (builtin !== undefined) return parseScenario(builtin, `scenario '${nameOrPath}'`);
  if (/\.ya?ml$/i.test(nameOrPath)) throw new ConfigError(`${nameOrPath}: YAML is not supported; write the scenario as JSON`);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch {
    throw new ConfigError(`${nameOrPath}: no such file, and not a built-in scenario (${builtinScenarioNames().join(', ')})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${nameOrPath}: not valid JSON (${(e as Error).message})`);
  }
  return parseScenario(value, nameOrPath);
}

// --- compiling scenarios to flight plans ----------------------------------------------------------------

function resolvePoint(world: World, p: PointSpec, where: string): Waypoint {
  const out: Waypoint = { lat: 0, lon: 0 };
  if (p.fix !== undefined) {
    const a = world.airports.get(p.fix);
    const n = a ? undefined : world.navaid(p.fix);
    if (!a && !n) throw new ConfigError(`${where}: fix '${p.fix}' is neither an airport nor a navaid in data/`);
    out.lat = a ? a.lat : n!.lat;
    out.lon = a ? a.lon : n!.lon;
  } else {
    out.lat = p.lat!;
    out.lon = p.lon!;
  }
  if (p.altFt !== undefined) out.altFt = p.altFt;
  if (p.speedKt !== undefined) out.speedKt = p.speedKt;
  return out;
}

function holdAction(world: World, h: HoldSpec, route: readonly Waypoint[], where: string): Extract<FlightAction, { kind: 'hold' }> {
  let lat: number;
  let lon: number;
  if (h.fix !== undefined) {
    const p = resolvePoint(world, { fix: h.fix }, where);
    lat = p.lat;
    lon = p.lon;
  } else if (h.lat !== undefined && h.lon !== undefined) {
    lat = h.lat;
    lon = h.lon;
  } else {
    const last = route[route.length - 1];
    if (!last) throw new ConfigError(`${where}: a hold needs fix, lat and lon, or a route to hold at the end of`);
    lat = last.lat;
    lon = last.lon;
  }
  // Leg length: given, or one minute (1.5 above FL140 in ICAO practice; one minute here) at ~220 kt.
  const legM = h.legNm !== undefined ? h.legNm * NM : (h.legS ?? 60) * 113;
  return { kind: 'hold', lat, lon, inboundDeg: h.inboundDeg, legM, turn: h.turn === 'left' ? -1 : 1 };
}

function resolveEnd(world: World, e: EndSpec | undefined, route: Waypoint[], windFromDeg: number, where: string): RouteEnd {
  if (e === undefined) return { kind: 'leave' };
  if (e.land !== undefined) {
    const arr = arrival(world, e.land, windFromDeg, e.runway);
    route.push(...arr.approach);
    return arr.end;
  }
  if (e.hold !== undefined) {
    const h = holdAction(world, e.hold, route, where);
    if (e.hold.fix !== undefined || e.hold.lat !== undefined) route.push({ lat: h.lat, lon: h.lon });
    return { kind: 'hold', inboundDeg: h.inboundDeg, legM: h.legM, turn: h.turn };
  }
  return { kind: 'leave' };
}

const DEFAULT_FL: Record<AircraftClass, number> = {
  airliner: 350,
  bizjet: 390,
  turboprop: 220,
  fighter: 250,
  'large-military': 250,
  tanker: 280,
  helicopter: 30,
};

function compileFlight(world: World, s: Scenario, f: FlightSpec, index: number, ctx: TrafficContext): FlightPlan {
  const where = `scenario '${s.name}': flights[${index}]`;
  const wind = s.atmosphere.windFromDeg;
  const aircraftClass = f.class ?? classOfType(f.type)!;
  const route: Waypoint[] = [];
  let start: FlightPlan['start'];
  try {
    if (f.start.airport !== undefined) {
      const dep = departure(world, f.start.airport, wind, f.start.runway);
      start = dep.start;
      route.push(dep.climbOut);
    } else {
      start = { kind: 'air', lat: f.start.lat!, lon: f.start.lon!, altFt: f.start.altFt!, speedKt: f.start.speedKt!, trackDeg: f.start.trackDeg! };
    }
    f.route.forEach((p, k) => {
      route.push(resolvePoint(world, p, `${where}.route[${k}]`));
    });
    const end = resolveEnd(world, f.end, route, wind, `${where}.end`);
    if (route.length === 0) {
      // Airborne with nowhere to go: fly on along the track.
      const st = start as Extract<FlightPlan['start'], { kind: 'air' }>;
      const p = destination(st.lat, st.lon, st.trackDeg, 2000e3);
      route.push({ lat: p.lat, lon: p.lon });
    }
    const events: FlightEvent[] = [];
    f.events.forEach((e, k) => {
      const at = Math.round(e.atS * 1000);
      const w = `${where}.events[${k}]`;
      if (e.transponder !== undefined) events.push({ atMs: at, action: { kind: 'transponder', value: e.transponder } });
      if (e.squawk !== undefined) events.push({ atMs: at, action: { kind: 'squawk', value: e.squawk } });
      if (e.altFt !== undefined) events.push({ atMs: at, action: { kind: 'altitude', altFt: e.altFt } });
      if (e.speedKt !== undefined) events.push({ atMs: at, action: { kind: 'speed', speedKt: e.speedKt } });
      if (e.headingDeg !== undefined)
        events.push({ atMs: at, action: { kind: 'heading', headingDeg: wrap360(e.headingDeg), turn: e.turn === 'left' ? -1 : e.turn === 'right' ? 1 : 0 } });
      if (e.resume) events.push({ atMs: at, action: { kind: 'resume' } });
      if (e.hold) events.push({ atMs: at, action: holdAction(world, e.hold, route, `${w}.hold`) });
      if (e.follow) events.push({ atMs: at, action: { kind: 'follow', target: e.follow.target, alongM: e.follow.alongM, crossM: e.follow.crossM, upM: e.follow.upM } });
      if (e.route || e.end) {
        const r = (e.route ?? []).map((p, j) => resolvePoint(world, p, `${w}.route[${j}]`));
        const end2 = resolveEnd(world, e.end, r, wind, `${w}.end`);
        if (r.length === 0) throw new ConfigError(`${w}: a new route needs waypoints or an end with land`);
        events.push({ atMs: at, action: { kind: 'route', route: r, end: end2 } });
      }
    });
    const icao = f.icao ?? ctx.addresses.allocate(f.country!, f.category === 'military');
    const squawk = f.squawk ?? ctx.squawks.allocate();
    return {
      id: f.id,
      icao,
      callsign: f.callsign,
      squawk,
      category: f.category,
      aircraftClass,
      typeDesignator: f.type,
      spawnMs: Math.round(f.start.atS * 1000),
      transponder: f.transponder,
      start,
      route,
      end,
      cruiseAltFt: (f.cruiseFl ?? DEFAULT_FL[aircraftClass]) * 100,
      events,
    };
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${where}: ${(e as Error).message}`);
  }
}

/**
 * The last few compiled scenarios, by content and world: compiling is pure but not cheap (the civil traffic is
 * flown ahead to separate it), and the demo and the pipeline compile the same scenario more than once.
 */
const compiled: { key: string; world: World; plans: readonly FlightPlan[] }[] = [];
const COMPILED_KEPT = 4;

/** The flight plans of a scenario: scripted flights first (in file order), then each generator's. */
export function compileScenario(s: Scenario, world: World = loadWorld()): FlightPlan[] {
  const key = JSON.stringify(s);
  const hit = compiled.find((c) => c.key === key && c.world === world);
  if (hit !== undefined) return [...hit.plans];
  const plans = compileUncached(s, world);
  compiled.unshift({ key, world, plans });
  compiled.length = Math.min(compiled.length, COMPILED_KEPT);
  return [...plans];
}

function compileUncached(s: Scenario, world: World): FlightPlan[] {
  const rng = new Rng(s.seed);
  const ctx: TrafficContext = {
    world,
    rng: rng.fork('traffic'),
    region: s.region,
    durationMs: s.durationS * 1000,
    windFromDeg: s.atmosphere.windFromDeg,
    addresses: new AddressAllocator(world, rng.fork('addresses')),
    squawks: new SquawkAllocator(rng.fork('squawks')),
    ids: new Set(s.flights.map((f) => f.id)),
  };
  for (const f of s.flights) {
    if (f.icao) ctx.addresses.reserve(f.icao);
    if (f.squawk) ctx.squawks.reserve(f.squawk);
  }
  const plans = s.flights.map((f, i) => compileFlight(world, s, f, i, ctx));
  // Generated civil flights that air traffic control keeps apart (separation.ts).
  const separated = new Set<FlightPlan>();
  s.traffic.forEach((g, i) => {
    const c: TrafficContext = { ...ctx, rng: rng.fork(`generator:${i}`) };
    switch (g.kind) {
      case 'civil': {
        const civil = generateCivil(c, g);
        plans.push(...civil);
        if (g.separated) for (const f of civil) separated.add(f);
        break;
      }
      case 'state':
        plans.push(...generateStateFlights(c, g));
        break;
      case 'qra':
        plans.push(...generateQra(c, g));
        break;
      case 'stress':
        plans.push(...generateStress(c, g));
        break;
    }
  });
  if (separated.size === 0) return plans;
  return separateCivil(
    plans,
    plans.map((f) => separated.has(f)),
    s.durationS * 1000,
    s.atmosphere,
  ).plans;
}
