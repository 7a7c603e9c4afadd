// SPDX-License-Identifier: GPL-3.0-or-later
// The simulation loop: a scenario compiled to flight plans, flown tick by tick by the structure-of-arrays
// motion model, giving the ground truth (TruthState per aircraft per tick) that the sensor models observe.
// Deterministic: the same scenario and seed give the same states, bit for bit, on every machine.

import { Fleet, makeRoute, Phase } from './motion.ts';
import type { Scenario } from './scenario.ts';
import { compileScenario } from './scenario.ts';
import type { SimSensor } from './sensors/config.ts';
import type { FlightAction, FlightPlan } from './traffic.ts';
import type { TruthState } from './truth.ts';
import { loadWorld, type World } from './world.ts';

const FT = 0.3048;

export interface Simulation {
  readonly scenario: Scenario;
  /** Scenario start and end, ms since the Unix epoch; the tick interval, ms. */
  readonly startMs: number;
  readonly endMs: number;
  readonly tickMs: number;
  /** The scenario's sensors, as validated by SimSensorSchema. */
  readonly sensors: readonly SimSensor[];
  /** Every flight of the run, in slot order (also the order of the states of a tick). */
  readonly flights: readonly FlightPlan[];
  /** The kinematic state, structure-of-arrays (slot i = flights[i]); read-only for callers. */
  readonly fleet: Fleet;
  /** Time of the states the next step() returns, ms. */
  readonly nextTimeMs: number;
  /**
   * The truth at the next tick (startMs, startMs + tickMs, … up to endMs): one fresh TruthState per aircraft in
   * the air or on its runway, in slot order; undefined after the end.
   */
  step(): readonly TruthState[] | undefined;
  /**
   * step() without the allocation, for a caller that is done with a tick's states before the next step (as the
   * sensor suite is): the same states, but the array and the state objects (one per aircraft, kept for its
   * flight) are the simulation's own, overwritten by the next stepShared(). step() still gives fresh ones.
   */
  stepShared(): readonly TruthState[] | undefined;
  [Symbol.iterator](): Iterator<readonly TruthState[]>;
}

export interface SimulationOptions {
  world?: World;
}

interface Pending {
  atMs: number;
  slot: number;
  /** Order in the scenario, for a stable sort. */
  seq: number;
  action: FlightAction;
}

class SimulationImpl implements Simulation {
  readonly scenario: Scenario;
  readonly startMs: number;
  readonly endMs: number;
  readonly tickMs: number;
  readonly sensors: readonly SimSensor[];
  readonly flights: readonly FlightPlan[];
  readonly fleet: Fleet;
  nextTimeMs: number;

  private readonly geoidM: number;
  private readonly transponder: ('on' | 'off')[];
  private readonly squawk: string[];
  private readonly spawnOrder: number[];
  private spawnNext = 0;
  private readonly events: Pending[];
  private eventNext = 0;
  private readonly slotById = new Map<string, number>();
  private first = true;
  /** stepShared(): the states array and each slot's state object. */
  private readonly shared: TruthState[] = [];
  private readonly own: (TruthState | undefined)[];

  constructor(scenario: Scenario, opts: SimulationOptions) {
    const world = opts.world ?? loadWorld();
    this.scenario = scenario;
    this.startMs = Date.parse(scenario.start);
    this.endMs = this.startMs + Math.round(scenario.durationS * 1000);
    this.tickMs = scenario.tickMs;
    this.sensors = scenario.sensors;
    this.nextTimeMs = this.startMs;
    this.flights = compileScenario(scenario, world);
    const atm = scenario.atmosphere;
    this.geoidM = atm.geoidM;
    this.fleet = new Fleet(this.flights.length, { qnhHpa: atm.qnhHpa, tempDeviationC: atm.tempDeviationC, geoidM: atm.geoidM });
    this.transponder = this.flights.map((f) => f.transponder);
    this.squawk = this.flights.map((f) => f.squawk);
    this.own = this.flights.map(() => undefined);
    this.flights.forEach((f, i) => {
      this.fleet.add(f.aircraftClass);
      if (this.slotById.has(f.id)) throw new Error(`duplicate flight id '${f.id}'`);
      this.slotById.set(f.id, i);
    });
    this.spawnOrder = this.flights.map((_, i) => i).sort((a, b) => this.flights[a].spawnMs - this.flights[b].spawnMs || a - b);
    const events: Pending[] = [];
    let seq = 0;
    this.flights.forEach((f, slot) => {
      for (const e of f.events) events.push({ atMs: e.atMs, slot, seq: seq++, action: e.action });
    });
    this.events = events.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  }

  step(): readonly TruthState[] | undefined {
    return this.advance() ? this.states(this.nextTimeMs - this.tickMs) : undefined;
  }

  stepShared(): readonly TruthState[] | undefined {
    return this.advance() ? this.sharedStates(this.nextTimeMs - this.tickMs) : undefined;
  }

  /** Moves to the next tick; false after the end. */
  private advance(): boolean {
    const t = this.nextTimeMs;
    if (t > this.endMs) return false;
    if (!this.first) this.fleet.step(this.tickMs / 1000);
    this.first = false;
    const elapsed = t - this.startMs;
    // Spawns due by now.
    while (this.spawnNext < this.spawnOrder.length) {
      const i = this.spawnOrder[this.spawnNext];
      const f = this.flights[i];
      if (f.spawnMs > elapsed) break;
      this.spawnNext++;
      this.fleet.spawn(i, f.start, makeRoute(f.route, f.end), f.cruiseAltFt);
    }
    // Events due by now.
    while (this.eventNext < this.events.length && this.events[this.eventNext].atMs <= elapsed) {
      const e = this.events[this.eventNext++];
      this.apply(e.slot, e.action);
    }
    this.nextTimeMs = t + this.tickMs;
    return true;
  }

  private apply(i: number, a: FlightAction): void {
    const fleet = this.fleet;
    if (!fleet.isActive(i)) return;
    switch (a.kind) {
      case 'transponder':
        this.transponder[i] = a.value;
        break;
      case 'squawk':
        this.squawk[i] = a.value;
        break;
      case 'altitude':
        fleet.clearedAltM[i] = a.altFt === null ? Number.NaN : a.altFt * FT;
        break;
      case 'speed':
        fleet.speedOverride[i] = a.speedKt === null ? Number.NaN : (a.speedKt * 1852) / 3600;
        break;
      case 'heading':
        fleet.heading(i, a.headingDeg, a.turn);
        break;
      case 'resume':
        if (fleet.routeLen[i] > 0) {
          fleet.mode[i] = 0;
          fleet.turnDir[i] = 0;
          fleet.guideWait[i] = 0;
        }
        break;
      case 'hold':
        fleet.hold(i, a.lat, a.lon, a.inboundDeg, a.legM, a.turn);
        break;
      case 'follow': {
        const j = this.slotById.get(a.target);
        if (j !== undefined && j !== i) fleet.follow(i, j, a.alongM, a.crossM, a.upM);
        break;
      }
      case 'route':
        fleet.setRoute(i, makeRoute(a.route, a.end));
        fleet.clearedAltM[i] = Number.NaN;
        break;
    }
  }

  private states(t: number): TruthState[] {
    const fleet = this.fleet;
    const out: TruthState[] = [];
    for (let i = 0; i < fleet.count; i++) {
      const ph = fleet.phase[i];
      if (ph === Phase.Pending || ph === Phase.Done) continue;
      out.push(this.fill(this.blank(i), i, t));
    }
    return out;
  }

  private sharedStates(t: number): TruthState[] {
    const fleet = this.fleet;
    const out = this.shared;
    const own = this.own;
    let n = 0;
    for (let i = 0; i < fleet.count; i++) {
      const ph = fleet.phase[i];
      if (ph === Phase.Pending || ph === Phase.Done) continue;
      let s = own[i];
      if (s === undefined) {
        s = this.blank(i);
        own[i] = s;
      }
      this.fill(s, i, t);
      if (n < out.length) out[n] = s;
      else out.push(s);
      n++;
    }
    out.length = n;
    return out;
  }

  /** A state for slot i with its identity set and its numbers zero. */
  private blank(i: number): TruthState {
    const f = this.flights[i];
    return {
      timeMs: 0,
      id: f.id,
      icao: f.icao,
      callsign: f.callsign,
      squawk: '',
      category: f.category,
      aircraftClass: f.aircraftClass,
      typeDesignator: f.typeDesignator,
      lat: 0,
      lon: 0,
      heightM: 0,
      pressureAltFt: 0,
      gsMps: 0,
      trackDeg: 0,
      vrMps: 0,
      transponder: 'on',
      onGround: false,
    };
  }

  /** Writes slot i's state at t into s (its identity already set). */
  private fill(s: TruthState, i: number, t: number): TruthState {
    const fleet = this.fleet;
    const atm = fleet.atmosphere;
    const ph = fleet.phase[i];
    const alt = fleet.altM[i];
    s.timeMs = t;
    s.squawk = this.squawk[i];
    s.lat = fleet.lat[i];
    s.lon = fleet.lon[i];
    s.heightM = atm.mslFromPressureAltFast(alt) + this.geoidM;
    s.pressureAltFt = alt / FT;
    s.gsMps = fleet.gs[i];
    s.trackDeg = fleet.trk[i];
    s.vrMps = fleet.vr[i] * atm.heightRateFactorFast(alt);
    s.transponder = this.transponder[i];
    s.onGround = ph === Phase.TakeoffRoll || ph === Phase.LandingRoll;
    return s;
  }

  *[Symbol.iterator](): Iterator<readonly TruthState[]> {
    for (let s = this.step(); s !== undefined; s = this.step()) yield s;
  }
}

/** A simulation of a validated scenario (see loadScenario / parseScenario). */
export function createSimulation(scenario: Scenario, opts: SimulationOptions = {}): Simulation {
  return new SimulationImpl(scenario, opts);
}

const fix = (v: number, digits: number): string => {
  const s = v.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
};

/**
 * One NDJSON line of truth (no newline): the TruthState's fields in a fixed order with fixed precision
 * (positions to 1e-7°, heights to cm, speeds to cm/s, angles to 0.01°), so equal states give equal bytes.
 */
export function truthLine(s: TruthState): string {
  return (
    `{"timeMs":${s.timeMs},"id":${JSON.stringify(s.id)},"icao":"${s.icao}","callsign":${JSON.stringify(s.callsign)},` +
    `"squawk":"${s.squawk}","category":"${s.category}","aircraftClass":"${s.aircraftClass}","typeDesignator":"${s.typeDesignator}",` +
    `"lat":${fix(s.lat, 7)},"lon":${fix(s.lon, 7)},"heightM":${fix(s.heightM, 2)},"pressureAltFt":${fix(s.pressureAltFt, 1)},` +
    `"gsMps":${fix(s.gsMps, 2)},"trackDeg":${fix(s.trackDeg, 2)},"vrMps":${fix(s.vrMps, 2)},` +
    `"transponder":"${s.transponder}","onGround":${s.onGround}}`
  );
}
