// SPDX-License-Identifier: GPL-3.0-or-later
// Aircraft kinematics for the simulator, structure-of-arrays (one typed array per state variable, one slot
// per aircraft of the scenario) so that tens of thousands of aircraft step in a few milliseconds.
//
// Each step an aircraft's guidance (route, hold/racetrack, formation/intercept, heading) sets a target
// track, speed and altitude; the dynamics then move the state toward them within the aircraft class's
// limits: acceleration, bank-limited standard-rate turns with a finite roll rate, climb and descent rates
// that fall with altitude, and a vertical acceleration limit. Positions advance on the WGS84 ellipsoid
// with the local radii of curvature. The state carries pressure altitude (what pilots fly and Mode C
// reports); geometric height comes from an atmosphere with a QNH, a temperature deviation and a geoid
// undulation. Nothing here is random or reads the clock.

import type { AircraftClass } from './truth.ts';
import { EARTH_MEAN_RADIUS_M as R_MEAN } from '../core/geo.ts';
import { WGS84_A_M as WGS84_A, WGS84_F } from '../core/geodesy.ts';
import { AtmosphereModel, type Atmosphere, casToTasMps, speedOfSoundMps, STANDARD_ATMOSPHERE } from './atmosphere.ts';
import { bearingDeg, distanceM, wrap180, wrap360 } from './navigation.ts';
import { CLASSES, type Performance, PERFORMANCE } from './performance.ts';

const WGS84_E2 = WGS84_F * (2 - WGS84_F);

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
const G0 = 9.80665;
const KT = 1852 / 3600;
const FT = 0.3048;

/** Scratch results of distBearing. */
let dbDist = 0;
let dbBearing = 0;

/** distanceM and bearingDeg together (shared trigonometry), into dbDist and dbBearing. */
function distBearing(lat1: number, lon1: number, lat2: number, lon2: number): void {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dl = (lon2 - lon1) * RAD;
  const s1 = Math.sin(p1);
  const c1 = Math.cos(p1);
  const s2 = Math.sin(p2);
  const c2 = Math.cos(p2);
  const sdl = Math.sin(dl);
  const cdl = Math.cos(dl);
  const y = sdl * c2;
  const x = c1 * s2 - s1 * c2 * cdl;
  const b = Math.atan2(y, x) * DEG;
  dbBearing = b < 0 ? b + 360 : b;
  // Haversine from the same terms: sin²(Δφ/2) = (1 − cos Δφ)/2, cos Δφ = c1·c2 + s1·s2.
  const h = 0.5 * (1 - (c1 * c2 + s1 * s2)) + c1 * c2 * 0.5 * (1 - cdl);
  dbDist = 2 * R_MEAN * Math.asin(Math.sqrt(h < 0 ? 0 : Math.min(h, 1)));
}

// --- the fleet ----------------------------------------------------------------------------------------

/** Guidance modes (values of Fleet.mode). */
export const Mode = { Route: 0, Hold: 1, Follow: 2, Heading: 3 } as const;

/** Life-cycle phases (values of Fleet.phase). */
export const Phase = { Pending: 0, TakeoffRoll: 1, Airborne: 2, LandingRoll: 3, Done: 4 } as const;

/** What an aircraft does at the end of its route. */
export type RouteEnd =
  | { kind: 'leave' }
  | { kind: 'land'; lat: number; lon: number; headingDeg: number; elevFt: number }
  | { kind: 'hold'; inboundDeg: number; legM: number; turn: 1 | -1 };

/** A route: waypoints with optional altitude (level to fly toward the waypoint) and speed. */
export interface Route {
  lat: Float64Array;
  lon: Float64Array;
  /** Pressure altitude to fly while heading for the waypoint, m; NaN: the cruise level or profile. */
  altM: Float64Array;
  /** Speed while heading for the waypoint, m/s; NaN: the schedule. */
  speedMps: Float64Array;
  /** Course of the leg that starts at each waypoint, deg (NaN for the last). */
  legCourseDeg: Float64Array;
  /** Distance from each waypoint to the end of the route, m. */
  remainingM: Float64Array;
  end: RouteEnd;
}

export interface Waypoint {
  lat: number;
  lon: number;
  altFt?: number;
  speedKt?: number;
}

export function makeRoute(points: readonly Waypoint[], end: RouteEnd): Route {
  const n = points.length;
  const r: Route = {
    lat: new Float64Array(n),
    lon: new Float64Array(n),
    altM: new Float64Array(n),
    speedMps: new Float64Array(n),
    legCourseDeg: new Float64Array(n),
    remainingM: new Float64Array(n),
    end,
  };
  points.forEach((p, i) => {
    r.lat[i] = p.lat;
    r.lon[i] = p.lon;
    r.altM[i] = p.altFt === undefined ? Number.NaN : p.altFt * FT;
    r.speedMps[i] = p.speedKt === undefined ? Number.NaN : p.speedKt * KT;
  });
  r.remainingM[n - 1] = 0;
  r.legCourseDeg[n - 1] = Number.NaN;
  for (let i = n - 2; i >= 0; i--) {
    r.legCourseDeg[i] = bearingDeg(r.lat[i], r.lon[i], r.lat[i + 1], r.lon[i + 1]);
    r.remainingM[i] = r.remainingM[i + 1] + distanceM(r.lat[i], r.lon[i], r.lat[i + 1], r.lon[i + 1]);
  }
  return r;
}

/** How an aircraft starts: on a runway threshold for take-off, or already airborne. */
export type Start =
  | { kind: 'runway'; lat: number; lon: number; headingDeg: number; elevFt: number }
  | { kind: 'air'; lat: number; lon: number; altFt: number; speedKt: number; trackDeg: number };

const CLASS_INDEX: Record<AircraftClass, number> = {
  airliner: 0,
  bizjet: 1,
  turboprop: 2,
  fighter: 3,
  'large-military': 4,
  tanker: 5,
  helicopter: 6,
};

/** Per-class limits as typed arrays indexed by class index. */
function table(f: (p: Performance) => number): Float64Array {
  return Float64Array.from(CLASSES.map((c) => f(PERFORMANCE[c])));
}
const P_MIN = table((p) => p.minSpeedMps);
const P_MAX = table((p) => p.maxSpeedMps);
const P_LOWCAS = table((p) => p.lowCasKt * KT);
const P_HIGHCAS = table((p) => p.highCasKt * KT);
const P_MACH = table((p) => p.cruiseMach);
const P_CLIMB = table((p) => p.maxClimbMps);
const P_DESC = table((p) => p.maxDescentMps);
const P_CEIL = table((p) => p.ceilingFt * FT);
const P_ACC = table((p) => p.maxAccelMps2);
const P_DEC = table((p) => p.maxDecelMps2);
const P_TANBANK = table((p) => Math.tan(p.maxBankDeg * RAD));
const P_TURN = table((p) => p.maxTurnDegS);
const P_TURNACC = table((p) => p.maxTurnAccelDegS2);
const P_VACC = table((p) => p.maxVertAccelMps2);
const P_ROTATE = table((p) => p.rotateMps);
const P_APPR = table((p) => p.approachMps);
const P_GACC = table((p) => p.groundAccelMps2);
const P_GDEC = table((p) => p.groundDecelMps2);
const P_TAU = table((p) => p.altTauS);

const TAN_GLIDE = Math.tan(3 * RAD);
const FL100_M = 10000 * FT;

/**
 * The kinematic state of every aircraft of a scenario, one slot each, in typed arrays. Slots are
 * allocated up front (the scenario knows every flight) and activated at their spawn time.
 */
export class Fleet {
  readonly capacity: number;
  readonly atmosphere: AtmosphereModel;
  count = 0;

  readonly phase: Uint8Array;
  readonly mode: Uint8Array;
  readonly cls: Uint8Array;
  /** Degrees, WGS84. */
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** Pressure altitude, m. */
  readonly altM: Float64Array;
  /** Ground speed (= true airspeed), m/s. */
  readonly gs: Float64Array;
  readonly trk: Float64Array;
  /** Rate of change of pressure altitude, m/s. */
  readonly vr: Float64Array;
  /** Current turn rate, deg/s (positive right). */
  readonly turnRate: Float64Array;

  // Targets and guidance.
  readonly cruiseAltM: Float64Array;
  /** A cleared level from a script (caps the route's levels; NaN: none). */
  readonly clearedAltM: Float64Array;
  /** A speed from a script (NaN: none). */
  readonly speedOverride: Float64Array;
  readonly headingTgt: Float64Array;
  /** Commanded turn direction: 0 shortest, 1 right, -1 left. */
  readonly turnDir: Int8Array;
  /** Active waypoint, as an index into the route (0 … routeLen − 1). */
  readonly wp: Int32Array;
  /** Routes live in pooled arrays: aircraft i's waypoints are rLat[routeOff[i] … routeOff[i] + routeLen[i] − 1]. */
  readonly routeOff: Int32Array;
  readonly routeLen: Int32Array;
  readonly routeEnds: (RouteEnd | undefined)[];
  /** 1 when the route ends in a landing. */
  readonly routeLands: Uint8Array;
  rLat: Float64Array = new Float64Array(1024);
  rLon: Float64Array = new Float64Array(1024);
  rAlt: Float64Array = new Float64Array(1024);
  rSpd: Float64Array = new Float64Array(1024);
  rCourse: Float64Array = new Float64Array(1024);
  rRemain: Float64Array = new Float64Array(1024);
  private rUsed = 0;

  // Guidance results, kept between evaluations (route guidance far from a waypoint runs every few steps).
  readonly gTrk: Float64Array;
  readonly gSpd: Float64Array;
  readonly gAlt: Float64Array;
  readonly gFf: Float64Array;
  readonly guideWait: Int32Array;
  /** Touchdown elevation as a pressure altitude, m (landing routes). */
  readonly landAltM: Float64Array;

  // Holding / racetrack.
  readonly holdLat: Float64Array;
  readonly holdLon: Float64Array;
  readonly holdInbound: Float64Array;
  readonly holdLegM: Float64Array;
  readonly holdTurn: Int8Array;
  readonly holdPhase: Uint8Array;
  readonly holdProgress: Float64Array;

  // Formation / intercept.
  readonly leader: Int32Array;
  readonly offAlongM: Float64Array;
  readonly offCrossM: Float64Array;
  readonly offUpM: Float64Array;

  /** Time spent stopped after landing, s. */
  readonly rollTimer: Float64Array;

  constructor(capacity: number, atmosphere: Atmosphere = STANDARD_ATMOSPHERE) {
    this.capacity = capacity;
    this.atmosphere = new AtmosphereModel(atmosphere);
    const f = (): Float64Array => new Float64Array(capacity);
    this.phase = new Uint8Array(capacity);
    this.mode = new Uint8Array(capacity);
    this.cls = new Uint8Array(capacity);
    this.lat = f();
    this.lon = f();
    this.altM = f();
    this.gs = f();
    this.trk = f();
    this.vr = f();
    this.turnRate = f();
    this.cruiseAltM = f();
    this.clearedAltM = f().fill(Number.NaN);
    this.speedOverride = f().fill(Number.NaN);
    this.headingTgt = f();
    this.turnDir = new Int8Array(capacity);
    this.wp = new Int32Array(capacity);
    this.routeOff = new Int32Array(capacity);
    this.routeLen = new Int32Array(capacity);
    this.routeEnds = new Array(capacity).fill(undefined);
    this.routeLands = new Uint8Array(capacity);
    this.gTrk = f();
    this.gSpd = f();
    this.gAlt = f();
    this.gFf = f();
    this.guideWait = new Int32Array(capacity);
    this.landAltM = f();
    this.holdLat = f();
    this.holdLon = f();
    this.holdInbound = f();
    this.holdLegM = f();
    this.holdTurn = new Int8Array(capacity);
    this.holdPhase = new Uint8Array(capacity);
    this.holdProgress = f();
    this.leader = new Int32Array(capacity).fill(-1);
    this.offAlongM = f();
    this.offCrossM = f();
    this.offUpM = f();
    this.rollTimer = f();
  }

  /** Reserves a slot for an aircraft of a class; it stays inactive until `spawn`. */
  add(aircraftClass: AircraftClass): number {
    if (this.count >= this.capacity) throw new Error('fleet full');
    const i = this.count++;
    this.cls[i] = CLASS_INDEX[aircraftClass];
    return i;
  }

  /** Activates slot `i` at its start, cruising at `cruiseAltFt`, flying `route`. */
  spawn(i: number, start: Start, route: Route, cruiseAltFt: number): void {
    const c = this.cls[i];
    this.cruiseAltM[i] = Math.min(cruiseAltFt * FT, P_CEIL[c]);
    this.setRoute(i, route);
    this.turnRate[i] = 0;
    this.vr[i] = 0;
    if (start.kind === 'runway') {
      this.lat[i] = start.lat;
      this.lon[i] = start.lon;
      this.altM[i] = this.atmosphere.pressureAltFromMslM(start.elevFt * FT);
      this.trk[i] = wrap360(start.headingDeg);
      this.gs[i] = 0;
      this.phase[i] = P_ROTATE[c] > 0 ? Phase.TakeoffRoll : Phase.Airborne;
    } else {
      this.lat[i] = start.lat;
      this.lon[i] = start.lon;
      this.altM[i] = start.altFt * FT;
      this.trk[i] = wrap360(start.trackDeg);
      this.gs[i] = Math.max(P_MIN[c], Math.min(P_MAX[c], start.speedKt * KT));
      this.phase[i] = Phase.Airborne;
    }
  }

  /** Flies `route` from its first waypoint. */
  setRoute(i: number, route: Route): void {
    const n = route.lat.length;
    if (this.rUsed + n > this.rLat.length) {
      const cap = Math.max(this.rLat.length * 2, this.rUsed + n);
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(cap);
        b.set(a.subarray(0, this.rUsed));
        return b;
      };
      this.rLat = grow(this.rLat);
      this.rLon = grow(this.rLon);
      this.rAlt = grow(this.rAlt);
      this.rSpd = grow(this.rSpd);
      this.rCourse = grow(this.rCourse);
      this.rRemain = grow(this.rRemain);
    }
    const o = this.rUsed;
    this.rLat.set(route.lat, o);
    this.rLon.set(route.lon, o);
    this.rAlt.set(route.altM, o);
    this.rSpd.set(route.speedMps, o);
    this.rCourse.set(route.legCourseDeg, o);
    this.rRemain.set(route.remainingM, o);
    this.rUsed += n;
    this.routeOff[i] = o;
    this.routeLen[i] = n;
    this.routeEnds[i] = route.end;
    this.routeLands[i] = route.end.kind === 'land' ? 1 : 0;
    this.guideWait[i] = 0;
    this.wp[i] = 0;
    this.mode[i] = Mode.Route;
    this.turnDir[i] = 0;
    this.leader[i] = -1;
    if (route.end.kind === 'land') this.landAltM[i] = this.atmosphere.pressureAltFromMslM(route.end.elevFt * FT);
  }

  /** Holds (or flies a racetrack) at a fix: inbound course, leg length, turn direction (1 right, -1 left). */
  hold(i: number, lat: number, lon: number, inboundDeg: number, legM: number, turn: 1 | -1): void {
    this.mode[i] = Mode.Hold;
    this.guideWait[i] = 0;
    this.holdLat[i] = lat;
    this.holdLon[i] = lon;
    this.holdInbound[i] = wrap360(inboundDeg);
    this.holdLegM[i] = legM;
    this.holdTurn[i] = turn;
    this.holdPhase[i] = 0;
    this.holdProgress[i] = 0;
    this.turnDir[i] = 0;
  }

  /** Keeps station on another aircraft: offsets along its track (ahead +), across (right +) and up, m. */
  follow(i: number, leader: number, alongM: number, crossM: number, upM: number): void {
    this.mode[i] = Mode.Follow;
    this.guideWait[i] = 0;
    this.leader[i] = leader;
    this.offAlongM[i] = alongM;
    this.offCrossM[i] = crossM;
    this.offUpM[i] = upM;
    this.turnDir[i] = 0;
  }

  /** Flies a heading (track), turning the given way (0 shortest). */
  heading(i: number, deg: number, turn: -1 | 0 | 1): void {
    this.mode[i] = Mode.Heading;
    this.guideWait[i] = 0;
    this.headingTgt[i] = wrap360(deg);
    this.turnDir[i] = turn;
  }

  /** Whether slot `i` is flying or rolling (spawned and not finished). */
  isActive(i: number): boolean {
    const p = this.phase[i];
    return p !== Phase.Pending && p !== Phase.Done;
  }

  onGround(i: number): boolean {
    const p = this.phase[i];
    return p === Phase.TakeoffRoll || p === Phase.LandingRoll;
  }

  /** Advances every active aircraft by `dtS` seconds (internally in steps of at most 1 s). */
  step(dtS: number): void {
    const n = Math.max(1, Math.ceil(dtS - 1e-9));
    const h = dtS / n;
    for (let k = 0; k < n; k++) this.stepOnce(h);
  }

  private stepOnce(dt: number): void {
    for (let i = 0; i < this.count; i++) {
      const ph = this.phase[i];
      if (ph === Phase.Pending || ph === Phase.Done) continue;
      const c = this.cls[i];
      if (ph === Phase.TakeoffRoll) {
        this.groundRoll(i, c, dt, true);
        continue;
      }
      if (ph === Phase.LandingRoll) {
        this.groundRoll(i, c, dt, false);
        continue;
      }

      // --- guidance: target track, speed, altitude (and a feed-forward vertical rate) -------------
      let tgtTrk = this.trk[i];
      let tgtSpd = Number.NaN;
      let tgtAlt = this.cruiseAltM[i];
      let ffVr = 0;
      const mode = this.mode[i];
      if (mode === Mode.Route) {
        if (this.guideWait[i] > 0) {
          this.guideWait[i]--;
          tgtTrk = this.gTrk[i];
          tgtSpd = this.gSpd[i];
          tgtAlt = this.gAlt[i];
          ffVr = this.gFf[i];
        } else {
          const o = this.routeOff[i];
          let w = this.wp[i];
          const last = this.routeLen[i] - 1;
          distBearing(this.lat[i], this.lon[i], this.rLat[o + w], this.rLon[o + w]);
          let d = dbDist;
          let b = dbBearing;
          const v = Math.max(this.gs[i], 30);
          const omega = maxTurnRateOf(c, v) * RAD;
          let lead = 0;
          if (w < last) {
            // Fly-by: switch to the next leg when the turn onto it should begin.
            const delta = Math.abs(wrap180(this.rCourse[o + w] - this.trk[i]));
            lead = Math.min((v / omega) * Math.tan(Math.min(delta, 150) * RAD * 0.5), 20000);
            const behind = Math.abs(wrap180(b - this.trk[i])) > 100 && d < 4 * v;
            if (d <= Math.max(lead, v * dt) || behind) {
              w++;
              this.wp[i] = w;
              distBearing(this.lat[i], this.lon[i], this.rLat[o + w], this.rLon[o + w]);
              d = dbDist;
              b = dbBearing;
              lead = 0;
            }
          } else {
            const passing = d <= v * dt * 1.01 || (Math.abs(wrap180(b - this.trk[i])) > 90 && d < 4 * v);
            if (passing && this.routeEnd(i)) {
              if (this.phase[i] === Phase.LandingRoll) this.groundRoll(i, c, dt, false);
              continue;
            }
          }
          tgtTrk = b;
          const remaining = d + this.rRemain[o + w];
          const wAlt = this.rAlt[o + w];
          const wSpd = this.rSpd[o + w];
          if (!Number.isNaN(wAlt)) tgtAlt = wAlt;
          if (!Number.isNaN(wSpd)) tgtSpd = wSpd;
          const lands = this.routeLands[i] === 1;
          if (lands) {
            // Continuous descent on a 3° path to the threshold (50 ft over it), capped by the level.
            const profile = this.landAltM[i] + 15 + remaining * TAN_GLIDE;
            if (profile < tgtAlt) {
              tgtAlt = profile;
              ffVr = -this.gs[i] * TAN_GLIDE;
            }
            if (remaining < 20000) tgtSpd = P_APPR[c];
            else if (remaining < 50000 && Number.isNaN(tgtSpd)) tgtSpd = Math.min(scheduleSpeed(c, this.altM[i]), 220 * KT);
          }
          this.gTrk[i] = tgtTrk;
          this.gSpd[i] = tgtSpd;
          this.gAlt[i] = tgtAlt;
          this.gFf[i] = ffVr;
          // Far from the next turn (and not on the descent profile), the targets change slowly: re-evaluate
          // only every few steps, while at least half the distance to the turn remains.
          const margin = d - lead;
          if (!(lands && remaining < 100e3) && margin > 0) {
            const k = Math.floor(margin / (2 * v * dt)) - 1;
            this.guideWait[i] = k > 9 ? 9 : Math.max(k, 0);
          }
        }
      } else if (mode === Mode.Hold) {
        tgtTrk = this.holdGuidance(i, dt);
      } else if (mode === Mode.Follow) {
        const j = this.leader[i];
        if (j < 0 || !this.isActive(j) || this.onGround(j)) {
          this.heading(i, this.trk[i], 0);
        } else {
          const kLat = meridianRadius(this.lat[i]) * RAD;
          const kLon = normalRadius(this.lat[i]) * Math.cos(this.lat[i] * RAD) * RAD;
          const lt = this.trk[j] * RAD;
          const st = Math.sin(lt);
          const ct = Math.cos(lt);
          const offE = this.offAlongM[i] * st + this.offCrossM[i] * ct;
          const offN = this.offAlongM[i] * ct - this.offCrossM[i] * st;
          const errE = (this.lon[j] - this.lon[i]) * kLon + offE;
          const errN = (this.lat[j] - this.lat[i]) * kLat + offN;
          const K = 0.02;
          let vE = this.gs[j] * st + K * errE;
          let vN = this.gs[j] * ct + K * errN;
          const dash = P_MAX[c] * 0.85;
          const sp = Math.hypot(vE, vN);
          if (sp > dash) {
            vE *= dash / sp;
            vN *= dash / sp;
          }
          tgtTrk = wrap360(Math.atan2(vE, vN) * DEG);
          tgtSpd = Math.min(sp, dash);
          tgtAlt = this.altM[j] + this.offUpM[i];
          ffVr = this.vr[j];
        }
      } else {
        tgtTrk = this.headingTgt[i];
      }
      const cleared = this.clearedAltM[i];
      if (!Number.isNaN(cleared)) {
        tgtAlt = cleared;
        ffVr = 0;
      }
      if (!Number.isNaN(this.speedOverride[i])) tgtSpd = this.speedOverride[i];
      if (Number.isNaN(tgtSpd)) tgtSpd = scheduleSpeed(c, this.altM[i]);

      // --- dynamics ------------------------------------------------------------------------------
      // Speed.
      const minS = P_MIN[c];
      const maxS = P_MAX[c];
      tgtSpd = tgtSpd < minS ? minS : Math.min(tgtSpd, maxS);
      const gs0 = this.gs[i];
      let gs1 = gs0;
      const dv = tgtSpd - gs0;
      if (dv > 0) gs1 = gs0 + Math.min(dv, P_ACC[c] * dt);
      else gs1 = gs0 + Math.max(dv, -P_DEC[c] * dt);

      // Turn: rate proportional to the track error, within the bank limit, with a finite roll rate.
      let err = wrap180(tgtTrk - this.trk[i]);
      const td = this.turnDir[i];
      if (td !== 0) {
        if (Math.abs(err) < 2) this.turnDir[i] = 0;
        else if (Math.sign(err) !== td) err += 360 * td;
      }
      const rMax = maxTurnRateOf(c, Math.max(gs0, gs1));
      let want = err / 2.5;
      want = want > rMax ? rMax : Math.max(want, -rMax);
      const tAcc = P_TURNACC[c] * dt;
      let rate = this.turnRate[i];
      // Roll out early enough not to overshoot: the rate that can still be cancelled over the remaining error.
      rate = want > rate ? Math.min(want, rate + tAcc) : Math.max(want, rate - tAcc);
      rate = rate > rMax ? rMax : Math.max(rate, -rMax);
      const trk0 = this.trk[i];
      const trkMid = trk0 + rate * dt * 0.5;
      this.trk[i] = wrap360(trk0 + rate * dt);
      this.turnRate[i] = rate;
      this.gs[i] = gs1;

      // Vertical: proportional on the altitude error plus feed-forward, within the rate limits.
      const alt0 = this.altM[i];
      const climbMax = maxClimbOf(c, alt0);
      let vrCmd = ffVr + (tgtAlt - alt0) / P_TAU[c];
      vrCmd = vrCmd > climbMax ? climbMax : Math.max(vrCmd, -P_DESC[c]);
      const vAcc = P_VACC[c] * dt;
      const vr0 = this.vr[i];
      let vr1 = vrCmd > vr0 ? Math.min(vrCmd, vr0 + vAcc) : Math.max(vrCmd, vr0 - vAcc);
      // Decelerate the climb in time to level off without overshooting the target.
      const toGo = tgtAlt - alt0;
      if (vr1 > 0 && toGo > 0) vr1 = Math.min(vr1, Math.sqrt(2 * P_VACC[c] * toGo) + Math.max(ffVr, 0));
      else if (vr1 < 0 && toGo < 0) vr1 = Math.max(vr1, -Math.sqrt(-2 * P_VACC[c] * toGo) + Math.min(ffVr, 0));
      if (vr1 > climbMax) vr1 = climbMax;
      this.vr[i] = vr1;
      this.altM[i] = alt0 + 0.5 * (vr0 + vr1) * dt;

      // Position: midpoint track and speed over the step, on the local ellipsoid radii.
      const dist = 0.5 * (gs0 + gs1) * dt;
      const tr = trkMid * RAD;
      this.advance(i, dist * Math.cos(tr), dist * Math.sin(tr));
    }
  }

  /** Moves slot i by north/east metres on the ellipsoid (midpoint latitude). */
  private advance(i: number, dN: number, dE: number): void {
    const lat0 = this.lat[i];
    // Midpoint latitude from a first-order estimate (the radius varies by < 1e-6 over a step).
    const latMid = (lat0 + (dN / 6.37e6) * DEG * 0.5) * RAD;
    const s = Math.sin(latMid);
    const c = Math.cos(latMid);
    const w = 1 - WGS84_E2 * s * s;
    const sw = Math.sqrt(w);
    const nRad = WGS84_A / sw;
    const mRad = (nRad * (1 - WGS84_E2)) / w;
    this.lat[i] = lat0 + (dN / mRad) * DEG;
    const lon = this.lon[i] + (dE / (nRad * c)) * DEG;
    this.lon[i] = lon > 180 ? lon - 360 : lon <= -180 ? lon + 360 : lon;
  }

  /** Take-off roll (accelerate to rotation speed along the runway) or landing roll (brake, then finish). */
  private groundRoll(i: number, c: number, dt: number, takeoff: boolean): void {
    const gs0 = this.gs[i];
    let gs1: number;
    if (takeoff) {
      gs1 = gs0 + P_GACC[c] * dt;
      if (gs1 >= P_ROTATE[c]) {
        gs1 = P_ROTATE[c];
        this.phase[i] = Phase.Airborne;
      }
    } else {
      gs1 = Math.max(8, gs0 - P_GDEC[c] * dt);
      if (gs1 <= 8) {
        this.rollTimer[i] += dt;
        if (this.rollTimer[i] >= 10) this.phase[i] = Phase.Done;
      }
    }
    this.gs[i] = gs1;
    this.vr[i] = 0;
    this.turnRate[i] = 0;
    const dist = 0.5 * (gs0 + gs1) * dt;
    const tr = this.trk[i] * RAD;
    this.advance(i, dist * Math.cos(tr), dist * Math.sin(tr));
  }

  /** At the last waypoint: leave (finish), land (start the landing roll) or hold. True when finished. */
  private routeEnd(i: number): boolean {
    const end = this.routeEnds[i]!;
    if (end.kind === 'leave') {
      this.phase[i] = Phase.Done;
      return true;
    }
    if (end.kind === 'land') {
      this.phase[i] = Phase.LandingRoll;
      this.altM[i] = this.landAltM[i];
      this.vr[i] = 0;
      this.turnRate[i] = 0;
      // Touch down where it is (within a step of the threshold) and roll out on the final approach track,
      // which the approach has aligned with the runway.
      this.rollTimer[i] = 0;
      return true;
    }
    const last = this.routeOff[i] + this.routeLen[i] - 1;
    this.hold(i, this.rLat[last], this.rLon[last], end.inboundDeg, end.legM, end.turn);
    return false;
  }

  /**
   * Racetrack: to the fix; turn (the hold's way) to the outbound course; fly the outbound leg; turn to the
   * inbound course and back to the fix. Returns the target track.
   */
  private holdGuidance(i: number, dt: number): number {
    const inbound = this.holdInbound[i];
    const turn = this.holdTurn[i] as 1 | -1;
    const outbound = wrap360(inbound + 180);
    switch (this.holdPhase[i]) {
      case 0: {
        // Inbound to the fix.
        distBearing(this.lat[i], this.lon[i], this.holdLat[i], this.holdLon[i]);
        const b = dbBearing;
        const d = dbDist;
        const v = Math.max(this.gs[i], 30);
        if (d <= v * dt * 1.01 || (Math.abs(wrap180(b - this.trk[i])) > 90 && d < 3 * v)) {
          this.holdPhase[i] = 1;
          this.turnDir[i] = turn;
          return outbound;
        }
        // Intercept the inbound course: aim at the fix, but converge onto the course near it.
        return b;
      }
      case 1:
        if (Math.abs(wrap180(outbound - this.trk[i])) < 3) {
          this.holdPhase[i] = 2;
          this.holdProgress[i] = 0;
        }
        return outbound;
      case 2:
        this.holdProgress[i] += this.gs[i] * dt;
        if (this.holdProgress[i] >= this.holdLegM[i]) {
          this.holdPhase[i] = 3;
          this.turnDir[i] = turn;
          return inbound;
        }
        return outbound;
      default:
        if (Math.abs(wrap180(inbound - this.trk[i])) < 3) this.holdPhase[i] = 0;
        return inbound;
    }
  }
}

function maxTurnRateOf(c: number, v: number): number {
  const bank = ((G0 * P_TANBANK[c]) / Math.max(v, 1)) * DEG;
  return Math.min(bank, P_TURN[c]);
}

function maxClimbOf(c: number, altM: number): number {
  const f = 1 - (0.8 * altM) / P_CEIL[c];
  return P_CLIMB[c] * (f < 0.2 ? 0.2 : Math.min(f, 1));
}

/** The speed schedule: a calibrated airspeed (low below FL100, high above) as true airspeed, capped by Mach. */
function scheduleSpeedExact(c: number, altM: number): number {
  const cas = altM < FL100_M ? P_LOWCAS[c] : P_HIGHCAS[c];
  const tas = casToTasMps(cas, altM);
  const machCap = P_MACH[c] * speedOfSoundMps(altM);
  return Math.min(tas, machCap);
}

/** The true airspeed an aircraft of class `c` holds at `altM` when left to its schedule, m/s. */
export function scheduledTasMps(c: AircraftClass, altM: number): number {
  return scheduleSpeedExact(CLASS_INDEX[c], altM);
}

const SCHED_STEP_M = 50;
const SCHED_N = 441; // 0 … 22000 m
/** scheduleSpeedExact tabulated per class every 50 m (nearest entry below; the schedule is a target). */
const SCHEDULE = CLASSES.map((_, c) => Float64Array.from({ length: SCHED_N }, (_, k) => scheduleSpeedExact(c, k * SCHED_STEP_M)));

function scheduleSpeed(c: number, altM: number): number {
  let k = (altM / SCHED_STEP_M) | 0;
  if (k < 0) k = 0;
  else if (k >= SCHED_N) k = SCHED_N - 1;
  return SCHEDULE[c][k];
}

/** Meridian radius of curvature, m. */
function meridianRadius(latDeg: number): number {
  const s = Math.sin(latDeg * RAD);
  const w = 1 - WGS84_E2 * s * s;
  return (WGS84_A * (1 - WGS84_E2)) / (w * Math.sqrt(w));
}

/** Prime-vertical radius of curvature, m. */
function normalRadius(latDeg: number): number {
  const s = Math.sin(latDeg * RAD);
  return WGS84_A / Math.sqrt(1 - WGS84_E2 * s * s);
}
