// SPDX-License-Identifier: GPL-3.0-or-later
// A simulated flight's notification, as its party would file it: an ICAO flight plan (PANS-ATM, Doc 4444
// appendix 2/3) written from the plan the simulator flies: the start point as departure, the route's waypoints
// as coordinates flown direct, the level and the true airspeed the aircraft holds, and CODE/ with the addresses.

import { scheduledTasMps } from './motion.ts';
import { distanceM } from './navigation.ts';
import type { Scenario } from './scenario.ts';
import type { FlightPlan } from './traffic.ts';
import type { World } from './world.ts';

const KT_PER_MPS = 3600 / 1852;
const M_PER_FT = 0.3048;

/** What a filing party changes against the flight as flown (to show a deviation), and the formation it leads. */
export interface FiledPlanOptions {
  /** The filed cruising level, FL (default: the flight's own). */
  levelFl?: number;
  /** Minutes added to the filed departure time (default 0). */
  delayMin?: number;
  /** Files only the route's first this many waypoints (the flight flies on beyond them: a deviation). */
  routePoints?: number;
  /** Aircraft flying with it (escorts): counted in item 9, their addresses in CODE/. */
  formation?: readonly FlightPlan[];
}

/** ddmmN / dddmmE to the nearest minute (Doc 4444 item 15 significant point). */
export function coordinatesText(lat: number, lon: number): string {
  const part = (deg: number, width: number, pos: string, neg: string): string => {
    const total = Math.round(Math.abs(deg) * 60);
    const d = Math.floor(total / 60);
    const m = total % 60;
    return `${String(d).padStart(width, '0')}${String(m).padStart(2, '0')}${deg < 0 ? neg : pos}`;
  };
  return `${part(lat, 2, 'N', 'S')}${part(lon, 3, 'E', 'W')}`;
}

const hhmm = (minutes: number): string => {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`;
};

/**
 * The FPL for a simulated airborne flight that starts at `startMs` (the scenario start) + its spawn time. Throws
 * when the flight cannot be filed: a runway start (no departure aerodrome is modelled here) or a callsign that
 * is not an ICAO aircraft identification.
 */
export function filedPlan(plan: FlightPlan, scenarioStartMs: number, world: World, o: FiledPlanOptions = {}): string {
  if (plan.start.kind !== 'air') throw new Error(`flight ${plan.id}: only flights that start airborne can be filed from the simulation`);
  if (!/^[A-Z][A-Z0-9]{0,6}$/.test(plan.callsign)) throw new Error(`flight ${plan.id}: callsign '${plan.callsign}' is not an ICAO aircraft identification (a letter, then up to 6 letters or digits)`);
  const fl = o.levelFl ?? Math.round(plan.cruiseAltFt / 100);
  const tasKt = Math.round(scheduledTasMps(plan.aircraftClass, plan.cruiseAltFt * M_PER_FT) * KT_PER_MPS);
  const members = [plan, ...(o.formation ?? [])];
  const wake = world.aircraftType(plan.typeDesignator)?.wtc ?? 'M';
  const offMs = scenarioStartMs + plan.spawnMs + (o.delayMin ?? 0) * 60_000;
  const route = plan.route.slice(0, o.routePoints ?? plan.route.length);
  const points = route.map((w) => coordinatesText(w.lat, w.lon));
  let lengthM = 0;
  let prev = { lat: plan.start.lat, lon: plan.start.lon };
  for (const w of route) {
    lengthM += distanceM(prev.lat, prev.lon, w.lat, w.lon);
    prev = w;
  }
  const eetMin = Math.max(1, Math.round(lengthM / (tasKt / KT_PER_MPS) / 60));
  const off = new Date(offMs);
  const dof = off.toISOString().slice(2, 10).replaceAll('-', '');
  const flightType = plan.category === 'military' ? 'M' : plan.category === 'state' ? 'X' : 'N';
  const item18 = [
    plan.category === 'civil' ? undefined : 'STS/STATE',
    `DOF/${dof}`,
    `DEP/${coordinatesText(plan.start.lat, plan.start.lon)}`,
    `DEST/${points[points.length - 1] ?? coordinatesText(plan.start.lat, plan.start.lon)}`,
    `CODE/${members.map((m) => m.icao.toUpperCase()).join(' ')}`,
  ].filter((x) => x !== undefined);
  return [
    `(FPL-${plan.callsign}-I${flightType}`,
    `-${members.length > 1 ? members.length : ''}${plan.typeDesignator}/${wake}-S/C`,
    `-ZZZZ${hhmm(off.getUTCHours() * 60 + off.getUTCMinutes())}`,
    `-N${String(tasKt).padStart(4, '0')}F${String(fl).padStart(3, '0')} ${points.map((p) => `DCT ${p}`).join(' ')}`,
    `-ZZZZ${hhmm(eetMin)}`,
    `-${item18.join(' ')})`,
  ].join('\n');
}

/** One notification to file: the party, the log time (ms) and the ATS message text. */
export interface ScenarioNotification {
  party: string;
  timeMs: number;
  message: string;
}

/**
 * The scenario's notifications, in filing order (log time, then as listed), for the flights of a run (`flights`,
 * as the simulation compiled them). Throws naming the entry when a flight is not in the run or cannot be filed.
 */
export function scenarioNotifications(scenario: Scenario, flights: readonly FlightPlan[], world: World): ScenarioNotification[] {
  const startMs = Date.parse(scenario.start);
  const byId = new Map(flights.map((f) => [f.id, f]));
  const out = scenario.notifications.map((spec, i): ScenarioNotification => {
    const timeMs = startMs + spec.filedAtS * 1000;
    if ('message' in spec) return { party: spec.party, timeMs, message: spec.message };
    const plan = byId.get(spec.flight);
    if (!plan) throw new Error(`notifications[${i}].flight: no flight '${spec.flight}' in this run (its non-civil flights: ${flights.filter((f) => f.category !== 'civil').map((f) => f.id).join(', ') || 'none'})`);
    // Escorts fly with it from the start; an interceptor that joins it later is not part of its formation.
    const formation = spec.formation
      ? flights.filter((f) => f.events.some((e) => e.action.kind === 'follow' && e.action.target === plan.id && e.atMs <= f.spawnMs))
      : [];
    try {
      return { party: spec.party, timeMs, message: filedPlan(plan, startMs, world, { levelFl: spec.levelFl, delayMin: spec.delayMin, routePoints: spec.routePoints, formation }) };
    } catch (e) {
      throw new Error(`notifications[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return out.map((n, i) => ({ n, i })).sort((a, b) => a.n.timeMs - b.n.timeMs || a.i - b.i).map((x) => x.n);
}
