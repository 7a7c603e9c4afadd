// SPDX-License-Identifier: GPL-3.0-or-later
// The multi-sensor tracker: re-orders Reports within a window, associates them with tracks (ICAO address,
// Mode 3/A plus gate, primary plots by gate and global assignment per radar sector), filters with the IMM of
// imm.ts in a per-track local tangent plane, rejects implausible (teleporting, too slow for their altitude,
// contradicted by a radar) cooperative reports and follows the only source robustly otherwise, starts, confirms,
// coasts and deletes tracks (an address back from a coverage gap gets its old number), and keeps identity,
// category and transponder state.

import { sphericalDistanceM } from '../../core/geo.ts';
import { type Enu, EnuFrame, type Geodetic, gaussianRadiusM, geodeticToEcef, type Vec3 } from '../../core/geodesy.ts';
import type { Emergency } from '../../modes/message.ts';
import type { Report } from '../../surveillance/report.ts';
import type { Sensor, SensorRegistry } from '../../surveillance/sensors.ts';
import { AssignmentSolver } from '../metrics/assignment.ts';
import type { Track, TrackCategory, TrackEvent, TrackStatus, TransponderState } from '../track.ts';
import { type GridItem, SpatialGrid } from './grid.ts';
import { CategoryClassifier } from './identity.ts';
import { ImmFilter, type ImmParams, immMeasurement, NX, OPC, OV, OWNER_NUMBERS, OXC, predictPosition } from './imm.ts';
import { parseTunables, type TrackerOptions, type TrackerTunables } from './options.ts';
import { minGroundSpeedMps } from './plausibility.ts';

export type { TrackerOptions } from './options.ts';

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
const EARTH_R_M = 6371000;
/** How often (data time) coasting, transponder timeouts and deletion are checked. */
const HOUSEKEEPING_MS = 1000;
/** A track not updated for this long is re-placed in the grid from its predicted position. */
const REGRID_AFTER_MS = 4000;
/** Primary-only plots after the last reply before a track's transponder counts as switched off. */
const MIN_PRIMARY_FOR_OFF = 3;
/** ADS-B reports of one address with the same position within this time are one broadcast heard twice. */
const DUPLICATE_MS = 1500;
/** Sensors looked up by a scan before the map (sensorInfo). */
const SENSORS_SCANNED = 8;
/** Large finite cost for pairs outside the gate (the assignment solver needs finite costs). */
const FORBIDDEN = 1e9;

/**
 * Ground distance (arc on the radar's osculating sphere) from a radar at height radarHeightM to a target at
 * targetHeightM seen at slant range rangeM (law of cosines in the Earth-centre triangle); NaN if impossible.
 */
function groundArcM(rangeM: number, radarHeightM: number, targetHeightM: number, earthRadiusM: number): number {
  const a = earthRadiusM + radarHeightM;
  const b = earthRadiusM + targetHeightM;
  const c = (a * a + b * b - rangeM * rangeM) / (2 * a * b);
  return c >= -1 && c <= 1 ? earthRadiusM * Math.acos(c) : Number.NaN;
}

/** What the tracker knows about one sensor. */
interface SensorInfo {
  idx: number;
  id: string;
  party: string;
  sensor: Sensor | undefined;
  /** Rotating radar (polar measurements with range/azimuth sigmas). */
  radar: boolean;
  ecef: Vec3;
  /** Radius of the sphere the radar's geometry is computed on (as the adapter does), m. */
  earthRadiusM: number;
  defaultPeriodMs: number;
}

/**
 * The numbers of a track that every report reads or writes, kept in its filter's Float64Array (its owner's
 * numbers, before the filter's own) and read through TrackState accessors of the same names: a track's hot
 * state in one contiguous block, instead of one boxed double per field spread over the heap (V8 boxes double
 * fields).
 */
const TRACK_NUMBERS = [
  /** Time of the filter state, ms. */
  'timeMs',
  'lastUpdateMs',
  'lastCoopMs',
  'lastPrimaryMs',
  /** Last update by a sensor independent of the aircraft's own navigation (any radar). */
  'lastRadarMs',
  /** The last accepted measurement (frame metres), its time and variance: the speed plausibility check. */
  'goodE',
  'goodN',
  'goodMs',
  'goodVar',
  'goodLat',
  'goodLon',
  /** The last ADS-B position (to recognise the same broadcast from other receivers). */
  'adsbLat',
  'adsbLon',
  'adsbMs',
  /** The last outlier (frame metres, time). */
  'outlierE',
  'outlierN',
  'outlierMs',
  /** Covariance inflation for the next update (≥ 1): a sole-source report beyond the outlier gate, followed robustly. */
  'inflateNext',
  /** Reported velocities are not used before this time: they disagreed with the positions (stale or resampled data). */
  'velDistrustUntilMs',
  /** The last reported ground speed and track: an exact repeat is a stale value (a state vector), not a measurement. */
  'lastGsMps',
  'lastTrackDeg',
  /** Normalised innovations of the plots after the second (velocity known): the velocity-consistency check. */
  'nisSum',
  'lastEmitMs',
  /**
   * The frame's numbers as EnuFrame holds them (origin in ECEF metres, sines and cosines of its latitude and
   * longitude), copied here: the measurement conversion reads them for every report.
   */
  'frameX',
  'frameY',
  'frameZ',
  'frameSinLat',
  'frameCosLat',
  'frameSinLon',
  'frameCosLon',
  /** The frame origin's longitude, degrees (the meridian convergence of reported velocities). */
  'frameLonDeg',
] as const;

/** A live track's full state. */
class TrackState implements GridItem {
  cellKey = -1;
  cellIndex = -1;
  readonly filter = new ImmFilter();
  /** The filter's block; the track's numbers (TRACK_NUMBERS) are its owner's numbers, from index 0 on. */
  readonly num = this.filter.s;
  frame: EnuFrame;
  status: TrackStatus = 'tentative';
  confirmed = false;
  deleted = false;
  declare timeMs: number;
  declare lastUpdateMs: number;
  declare lastCoopMs: number;
  declare lastPrimaryMs: number;
  declare lastRadarMs: number;
  declare goodE: number;
  declare goodN: number;
  declare goodMs: number;
  declare goodVar: number;
  declare goodLat: number;
  declare goodLon: number;
  declare adsbLat: number;
  declare adsbLon: number;
  declare adsbMs: number;
  declare outlierE: number;
  declare outlierN: number;
  declare outlierMs: number;
  declare inflateNext: number;
  declare velDistrustUntilMs: number;
  declare lastGsMps: number;
  declare lastTrackDeg: number;
  declare nisSum: number;
  declare lastEmitMs: number;
  declare frameX: number;
  declare frameY: number;
  declare frameZ: number;
  declare frameSinLat: number;
  declare frameCosLat: number;
  declare frameSinLon: number;
  declare frameCosLon: number;
  declare frameLonDeg: number;
  /** Primary-only plots since the last cooperative report: 'off' needs primary plots that go on, not one missed reply. */
  primarySinceCoop = 0;
  everCoop = false;
  readonly bornPrimary: boolean;
  transponder: TransponderState;
  icao: string | undefined;
  callsign: string | undefined;
  squawk: string | undefined;
  emergency: Emergency | undefined;
  onGround: boolean | undefined;
  category: TrackCategory = 'unknown';
  altSource: 'baro' | 'gnss' | undefined;
  /** Whether the last ADS-B position was accepted. */
  adsbAccepted = true;
  /** Consecutive outliers. */
  outliers = 0;
  /** Rejected cooperative reports since the last accepted one. */
  rejectsSinceGood = 0;
  /** Whether the inflation goes to the state (a manoeuvre: follow) or to the measurement (noise: partly follow). */
  inflateState = false;
  /**
   * Contributing sensors, SENSOR_SLOT numbers each from slotsAt on: the sensor's index, its last update time and
   * its learned update period (ms). They live in the track's block (INLINE_SLOTS of them, right after its
   * numbers), where every report already reads: a separate array would be two more cache misses per report.
   * A track heard by more sensors moves them to an array of its own.
   */
  slots: Float64Array;
  slotsAt: number = SLOTS_AT;
  slotCapacity: number = INLINE_SLOTS;
  sensorCount = 0;
  /** Where the sensor slots in use end in `slots`. */
  get slotsEnd(): number {
    return this.slotsAt + this.sensorCount * SENSOR_SLOT;
  }
  updates = 0;
  /** Primary-only initiation: plots so far and scans missed. */
  hits = 1;
  misses = 0;
  nisCount = 0;
  /** Something other than the kinematics changed since the last event (status, identity, transponder). */
  changed = false;
  /** Scratch for the assignment of one primary batch. */
  batchMark = -1;
  batchIdx = -1;

  constructor(
    public id: number,
    frame: EnuFrame,
    timeMs: number,
    bornPrimary: boolean,
  ) {
    this.frame = frame;
    this.slots = this.num;
    this.setFrame(frame);
    this.timeMs = timeMs;
    this.lastUpdateMs = timeMs;
    this.lastCoopMs = Number.NEGATIVE_INFINITY;
    this.lastPrimaryMs = Number.NEGATIVE_INFINITY;
    this.lastRadarMs = Number.NEGATIVE_INFINITY;
    this.goodMs = timeMs;
    this.adsbLat = Number.NaN;
    this.adsbLon = Number.NaN;
    this.inflateNext = 1;
    this.velDistrustUntilMs = Number.NEGATIVE_INFINITY;
    this.lastGsMps = Number.NaN;
    this.lastTrackDeg = Number.NaN;
    this.lastEmitMs = Number.NEGATIVE_INFINITY;
    this.bornPrimary = bornPrimary;
    this.transponder = bornPrimary ? 'never' : 'on';
  }

  /** Makes frame the track's frame (its numbers computed as EnuFrame computes them). */
  setFrame(frame: EnuFrame): void {
    this.frame = frame;
    const { latDeg, lonDeg, hM } = frame.origin;
    const o = geodeticToEcef(latDeg, lonDeg, hM, FRAME_ORIGIN);
    this.frameX = o.x;
    this.frameY = o.y;
    this.frameZ = o.z;
    this.frameSinLat = Math.sin(latDeg * RAD);
    this.frameCosLat = Math.cos(latDeg * RAD);
    this.frameSinLon = Math.sin(lonDeg * RAD);
    this.frameCosLon = Math.cos(lonDeg * RAD);
    this.frameLonDeg = lonDeg;
  }
}

const FRAME_ORIGIN: Vec3 = { x: 0, y: 0, z: 0 };
/** Numbers per contributing sensor in TrackState.slots, and their offsets. */
const SENSOR_SLOT = 3;
const SLOT_LAST_MS = 1;
const SLOT_PERIOD_MS = 2;
/** Where the inline sensor slots start in a track's block, and how many fit before the filter's numbers. */
const SLOTS_AT = TRACK_NUMBERS.length;
const INLINE_SLOTS = Math.floor((OWNER_NUMBERS - SLOTS_AT) / SENSOR_SLOT);
if (INLINE_SLOTS < 4) throw new Error('TRACK_NUMBERS and four sensor slots do not fit the filter block');
for (let at = 0; at < TRACK_NUMBERS.length; at++) {
  Object.defineProperty(TrackState.prototype, TRACK_NUMBERS[at], {
    get(this: TrackState): number {
      return this.num[at];
    },
    set(this: TrackState, value: number): void {
      this.num[at] = value;
    },
  });
}

/** Primary plots of one sensor waiting for their batch (one radar sector) to close. */
interface PsrBatch {
  startMs: number;
  reports: Report[];
}

export interface TrackerCounters {
  /** Reports processed (accepted into the re-order buffer). */
  reports: number;
  /** Reports not followed, by reason: late, invalid, implausible, spoof, outlier. */
  rejected: Record<string, number>;
  /** Tracks started, confirmed and deleted. */
  tracksStarted: number;
  tracksConfirmed: number;
  tracksDeleted: number;
  /** Sole-source reports beyond the outlier gate followed with an inflated covariance. */
  robustUpdates: number;
}

/** Orders reports by time, then by fields that make the order total for practical input (determinism). */
export function compareReports(a: Report, b: Report): number {
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  if (a.sensorId !== b.sensorId) return a.sensorId < b.sensorId ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  const ai = a.icao ?? '';
  const bi = b.icao ?? '';
  if (ai !== bi) return ai < bi ? -1 : 1;
  if (a.lat !== b.lat) return a.lat - b.lat;
  if (a.lon !== b.lon) return a.lon - b.lon;
  const as = a.squawk ?? '';
  const bs = b.squawk ?? '';
  if (as !== bs) return as < bs ? -1 : 1;
  return (a.altM ?? -1e9) - (b.altM ?? -1e9);
}

export class Tracker {
  readonly counters: TrackerCounters = { reports: 0, rejected: {}, tracksStarted: 0, tracksConfirmed: 0, tracksDeleted: 0, robustUpdates: 0 };
  private readonly opt: TrackerTunables;
  private readonly prm: ImmParams;
  private readonly registry: SensorRegistry;
  private readonly classifier: CategoryClassifier;
  /** The lowest plausible ground speed per 100 m of altitude (plausibility.ts), m/s. */
  private readonly minGsByAlt: Float64Array;
  private readonly onEvent: ((e: TrackEvent) => void) | undefined;

  private readonly sensors: SensorInfo[] = [];
  private readonly sensorById = new Map<string, SensorInfo>();
  private readonly batches: (PsrBatch | undefined)[] = [];

  /** Live tracks in creation (= trackId) order; deleted ones are compacted out in housekeeping. */
  private live: TrackState[] = [];
  private readonly byIcao = new Map<string, TrackState>();
  private readonly grid = new SpatialGrid<TrackState>();
  /** Addresses whose track died on rejected reports: last good position and time. */
  private readonly quarantine = new Map<string, { lat: number; lon: number; timeMs: number; speedMps: number }>();
  /** Numbers of confirmed address tracks deleted recently (coverage gaps): a track reborn for the address takes its number back. */
  private readonly retired = new Map<string, { id: number; lat: number; lon: number; timeMs: number }>();
  private nextRetiredPurgeMs = Number.NEGATIVE_INFINITY;
  private nextId = 1;

  /**
   * Re-order buffer: reports sorted by compareReports in [head, bufLength), and their times (read once,
   * unboxed). The arrays keep their size (bufMs.length) between refills.
   */
  private buf: (Report | undefined)[] = new Array<Report | undefined>(1024).fill(undefined);
  private bufMs = new Float64Array(1024);
  private head = 0;
  private bufLength = 0;
  /** Reports up to this time are processed (the newest minus the re-order window; +∞ at the end of input). */
  private horizonMs = Number.NEGATIVE_INFINITY;
  private newestMs = Number.NEGATIVE_INFINITY;
  private processedMs = Number.NEGATIVE_INFINITY;
  private nextHousekeepingMs = Number.NEGATIVE_INFINITY;

  // Scratch.
  private readonly ecef: Vec3 = { x: 0, y: 0, z: 0 };
  private readonly sensorEnu: Enu = { eastM: 0, northM: 0, upM: 0 };
  private readonly enu: Enu = { eastM: 0, northM: 0, upM: 0 };
  private readonly geo: Geodetic = { latDeg: 0, lonDeg: 0, hM: 0 };
  private readonly pred = new Float64Array(5);
  /**
   * The numbers of the report being processed, read from it once (load): Reports come in several shapes, and
   * every read of a number from such a field allocates a box. Absent values are NaN with a false has-flag.
   */
  private curMs = Number.NaN;
  private curLat = Number.NaN;
  private curLon = Number.NaN;
  private curAltM = Number.NaN;
  private curHasAlt = false;
  private curGsMps = Number.NaN;
  private curTrackDeg = Number.NaN;
  private curHasGs = false;
  /** Both ground speed and track are given. */
  private curHasVel = false;
  /** Measurement in the current track's frame: e, n and covariance ee, en, nn. */
  private mE = 0;
  private mN = 0;
  private rEE = 0;
  private rEN = 0;
  private rNN = 0;
  private near: TrackState[] = [];
  private readonly solver = new AssignmentSolver();
  private cost = new Float64Array(64);
  private rowToCol = new Int32Array(16);
  private batchCounter = 0;
  /** Plots waiting in batches, and the earliest start of a waiting batch (a lower bound). */
  private pendingPlots = 0;
  private oldestBatchMs = Number.POSITIVE_INFINITY;

  constructor(options: TrackerOptions, onEvent?: (e: TrackEvent) => void) {
    this.opt = parseTunables(options);
    this.registry = options.registry;
    this.onEvent = onEvent;
    const o = this.opt;
    this.prm = { qCv: o.qCv, qCt: o.qCt, qTurn: o.qTurn, sojournCvS: o.sojournCvS, sojournCtS: o.sojournCtS, qVertical: o.qVertical, imm: o.imm };
    this.minGsByAlt = new Float64Array(300);
    for (let i = 0; i < 300; i++) this.minGsByAlt[i] = minGroundSpeedMps(i * 100, o.minEasMps, o.maxWindMps, o.minSpeedFloorM);
    this.classifier = new CategoryClassifier(o.categoryOverrides, o.militaryCallsignPrefixes, o.stateCallsignPrefixes);
  }

  /**
   * Reports in roughly time order; out-of-order within the re-order window are handled, later ones dropped and
   * counted. Any Report is accepted; those made by newReport (as the adapters make them) are read fastest.
   */
  add(report: Report): void {
    const timeMs = report.timeMs;
    if (!(timeMs >= this.newestMs - this.opt.reorderWindowMs) || !Number.isFinite(timeMs)) {
      this.reject(Number.isFinite(timeMs) ? 'late' : 'invalid');
      return;
    }
    this.counters.reports++;
    if (this.bufLength === this.bufMs.length) this.makeRoom();
    const buf = this.buf;
    const bufMs = this.bufMs;
    const n = this.bufLength;
    if (n === this.head || timeMs > bufMs[n - 1] || compareReports(report, buf[n - 1]!) >= 0) {
      buf[n] = report;
      bufMs[n] = timeMs;
    } else {
      let lo = this.head;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareReports(buf[mid]!, report) <= 0) lo = mid + 1;
        else hi = mid;
      }
      buf.copyWithin(lo + 1, lo, n);
      bufMs.copyWithin(lo + 1, lo, n);
      buf[lo] = report;
      bufMs[lo] = timeMs;
    }
    this.bufLength = n + 1;
    if (timeMs > this.newestMs) {
      this.newestMs = timeMs;
      this.horizonMs = timeMs - this.opt.reorderWindowMs;
      this.release();
    }
  }

  /** Moves time forward: processes buffered reports up to timeMs minus the window, coasts and deletes stale tracks. */
  advanceTo(timeMs: number): void {
    if (timeMs > this.newestMs) this.newestMs = timeMs;
    this.horizonMs = this.newestMs - this.opt.reorderWindowMs;
    this.release();
  }

  /** Processes everything buffered (end of input). */
  flush(): void {
    this.horizonMs = Number.POSITIVE_INFINITY;
    this.release();
    this.flushBatches(Number.POSITIVE_INFINITY);
  }

  /** Confirmed (and coasting) tracks predicted to timeMs, sorted by trackId. */
  snapshot(timeMs: number): Track[] {
    const out: Track[] = [];
    for (const t of this.live) if (t.confirmed && !t.deleted) out.push(this.toTrack(t, timeMs));
    return out;
  }

  /** The re-order window in force, ms. */
  get reorderWindowMs(): number {
    return this.opt.reorderWindowMs;
  }

  /** Number of live tracks, tentative included (for benchmarks and health). */
  get liveTracks(): number {
    let n = 0;
    for (const t of this.live) if (!t.deleted) n++;
    return n;
  }

  // ---- time and the re-order buffer -------------------------------------------------------------------

  /**
   * Processes the buffered reports up to horizonMs (a field, not an argument: it is called for nearly every
   * report, and a time passed as an argument is a double boxed on the heap).
   */
  private release(): void {
    const horizonMs = this.horizonMs;
    const buf = this.buf;
    const bufMs = this.bufMs;
    while (this.head < this.bufLength && bufMs[this.head] <= horizonMs) {
      const timeMs = bufMs[this.head];
      const r = buf[this.head]!;
      buf[this.head++] = undefined; // processed: not kept alive by the buffer
      if (timeMs >= this.nextHousekeepingMs) this.housekeepUntil(timeMs);
      else if (timeMs > this.processedMs) this.processedMs = timeMs;
      this.process(r);
    }
    if (this.head === this.bufLength) {
      this.head = 0;
      this.bufLength = 0;
    }
    if (Number.isFinite(horizonMs)) {
      // Their own first tests, written out here: most reports need neither, and a call boxes its time argument.
      if (this.pendingPlots !== 0 && horizonMs >= this.oldestBatchMs) this.flushBatches(horizonMs);
      if (horizonMs > this.processedMs) this.processedMs = horizonMs;
      if (horizonMs >= this.nextHousekeepingMs) this.housekeepUntil(horizonMs);
    }
  }

  /**
   * Room for one more report at the end of the buffer: the window moved to the front (in place: the buffer
   * keeps its size, so it is not reallocated as it refills) or, when the window fills it, a buffer twice the size.
   */
  private makeRoom(): void {
    const n = this.bufLength - this.head;
    if (this.head > 0) {
      this.buf.copyWithin(0, this.head, this.bufLength);
      this.buf.fill(undefined, n, this.bufLength);
      this.bufMs.copyWithin(0, this.head, this.bufLength);
      this.head = 0;
      this.bufLength = n;
      if (n < this.bufMs.length / 2) return;
    }
    const ms = new Float64Array(2 * this.bufMs.length);
    ms.set(this.bufMs.subarray(0, n));
    this.bufMs = ms;
    for (let i = this.buf.length; i < ms.length; i++) this.buf.push(undefined);
  }

  private housekeepUntil(nowMs: number): void {
    if (nowMs > this.processedMs) this.processedMs = nowMs;
    if (nowMs < this.nextHousekeepingMs) return;
    if (this.nextHousekeepingMs === Number.NEGATIVE_INFINITY) {
      this.nextHousekeepingMs = nowMs + HOUSEKEEPING_MS;
      return;
    }
    this.flushBatches(nowMs - this.opt.psrBatchMs);
    this.housekeeping(nowMs);
    this.nextHousekeepingMs = nowMs + HOUSEKEEPING_MS;
  }

  private reject(reason: string): void {
    this.counters.rejected[reason] = (this.counters.rejected[reason] ?? 0) + 1;
  }

  // ---- sensors -------------------------------------------------------------------------------------------

  private sensorInfo(r: Report): SensorInfo {
    // Feeds interleave, so the first few sensors are looked through before the map: their ids are mostly the
    // very strings of the adapter's Sensor, and comparing those is one pointer comparison each.
    const id = r.sensorId;
    const sensors = this.sensors;
    const few = Math.min(sensors.length, SENSORS_SCANNED);
    for (let i = 0; i < few; i++) if (sensors[i].id === id) return sensors[i];
    let s = this.sensorById.get(id);
    if (s === undefined) {
      const sensor = this.registry.get(r.sensorId);
      const radar = sensor !== undefined && sensor.kind === 'radar';
      const ecef = sensor !== undefined ? geodeticToEcef(sensor.lat, sensor.lon, sensor.heightM) : { x: 0, y: 0, z: 0 };
      const adsbLike = r.kind === 'adsb' || (sensor !== undefined && sensor.kind === 'adsb');
      s = {
        idx: this.sensors.length,
        id: r.sensorId,
        party: sensor?.party ?? r.partyId,
        sensor,
        radar,
        ecef,
        earthRadiusM: gaussianRadiusM(sensor?.lat ?? r.lat),
        defaultPeriodMs: adsbLike ? this.opt.adsbPeriodMs : this.opt.radarPeriodMs,
      };
      this.sensors.push(s);
      this.sensorById.set(s.id, s);
    }
    return s;
  }

  /** The sensor's expected update period: the rotation its service messages state, else the default. */
  private sensorPeriodMs(s: SensorInfo): number {
    const rot = s.sensor?.status.rotationPeriodS;
    return rot !== undefined && Number.isFinite(rot) && rot > 0 ? rot * 1000 : s.defaultPeriodMs;
  }

  // ---- measurement geometry ----------------------------------------------------------------------------

  /**
   * The report as a measurement in track t's frame: position (mE, mN) and covariance (rEE, rEN, rNN). Radar
   * plots get the range/azimuth covariance rotated to the line of sight from the sensor, as seen in this frame
   * (an unbiased converted measurement: the conversion bias exp(-σθ²/2) is below 1e-6 for radar sigmas).
   * Expects this.ecef to hold the report's position.
   */
  private measure(t: TrackState, r: Report, s: SensorInfo): void {
    // EnuFrame.ecefToEnu written out on the track's copy of the frame's numbers (same operations, same result).
    const dx = this.ecef.x - t.frameX;
    const dy = this.ecef.y - t.frameY;
    const dz = this.ecef.z - t.frameZ;
    const sinLat = t.frameSinLat;
    const cosLon = t.frameCosLon;
    const sinLon = t.frameSinLon;
    this.mE = -sinLon * dx + cosLon * dy;
    this.mN = -sinLat * cosLon * dx - sinLat * sinLon * dy + t.frameCosLat * dz;
    if (s.radar && r.rangeM !== undefined && r.azimuthDeg !== undefined && s.sensor !== undefined) {
      const se = t.frame.ecefToEnu(s.ecef.x, s.ecef.y, s.ecef.z, this.sensorEnu);
      let ue = this.mE - se.eastM;
      let un = this.mN - se.northM;
      const h = Math.sqrt(ue * ue + un * un);
      if (h > 1) {
        ue /= h;
        un /= h;
        let vr = s.sensor.rangeSigmaM * s.sensor.rangeSigmaM;
        if (r.altM === undefined) {
          // A primary plot carries no height: the adapter placed it at the sensor's assumed height. Move it along
          // the line of sight to the track's height (or the typical height of a dark aircraft), and count the
          // height's uncertainty as ground-range uncertainty (d ground / d height = -height / ground).
          const known = t.filter.hasVertical;
          const hM = known ? t.filter.v[0] : this.opt.psrHeightM;
          const arcOld = groundArcM(r.rangeM, s.sensor.heightM, s.sensor.psrAssumedHeightM, s.earthRadiusM);
          const arcNew = groundArcM(r.rangeM, s.sensor.heightM, hM, s.earthRadiusM);
          if (Number.isFinite(arcOld) && Number.isFinite(arcNew) && arcNew > 0) {
            const shift = arcNew - arcOld;
            this.mE += shift * ue;
            this.mN += shift * un;
            const sigmaH = known ? Math.sqrt(Math.max(t.filter.Pv[0], 0)) + 30 : this.opt.psrHeightSigmaM;
            vr += ((hM - s.sensor.heightM) / arcNew) ** 2 * sigmaH * sigmaH;
          }
        }
        const sc = h * s.sensor.azimuthSigmaDeg * RAD;
        const vc = sc * sc;
        this.rEE = vr * ue * ue + vc * un * un;
        this.rEN = (vr - vc) * ue * un;
        this.rNN = vr * un * un + vc * ue * ue;
        return;
      }
    }
    const sigma = r.posSigmaM !== undefined && r.posSigmaM > 0 ? r.posSigmaM : this.opt.defaultPosSigmaM;
    this.rEE = sigma * sigma;
    this.rEN = 0;
    this.rNN = this.rEE;
  }

  /**
   * A cheap pre-gate on lat/lon before the full gate: false when the report is certainly too far from where the
   * track was last measured (8 km for primary-plot height effects and noise, plus the fastest initial speed).
   */
  private near8km(t: TrackState, r: Report, cosLat: number): boolean {
    const reach = 8000 + (this.opt.psrInitSpeedMps + 100) * Math.abs(r.timeMs - t.goodMs) * 1e-3;
    const dn = (r.lat - t.goodLat) * 111_200;
    const de = (r.lon - t.goodLon) * 111_200 * cosLat;
    return dn * dn + de * de <= reach * reach;
  }

  /** Squared Mahalanobis distance of the current measurement from t's prediction at timeMs. */
  private gateD2(t: TrackState, timeMs: number): number {
    const p = this.pred;
    predictPosition(t.num, (timeMs - t.timeMs) / 1000, this.opt.qCt, p);
    const s11 = p[2] + this.rEE;
    const s12 = p[3] + this.rEN;
    const s22 = p[4] + this.rNN;
    const det = s11 * s22 - s12 * s12;
    const d1 = this.mE - p[0];
    const d2 = this.mN - p[1];
    return (s22 * d1 * d1 - 2 * s12 * d1 * d2 + s11 * d2 * d2) / det;
  }

  private altCompatible(t: TrackState, r: Report): boolean {
    if (r.altM === undefined || !t.filter.hasVertical) return true;
    const dt = (r.timeMs - t.timeMs) / 1000;
    return Math.abs(t.num[OV] + dt * t.num[OV + 1] - r.altM) <= this.opt.altGateM;
  }

  // ---- processing --------------------------------------------------------------------------------------

  /** Reads r's numbers into the cur* fields (see there); every path that processes a report starts here. */
  private load(r: Report): void {
    this.loadPosition(r);
    this.loadKinematics(r);
  }

  /** The first part of load: time and position (all that a duplicate needs). */
  private loadPosition(r: Report): void {
    this.curMs = r.timeMs;
    this.curLat = r.lat;
    this.curLon = r.lon;
  }

  /** The rest of load: altitude and velocity. */
  private loadKinematics(r: Report): void {
    const alt = r.altM;
    this.curHasAlt = alt !== undefined;
    this.curAltM = alt ?? Number.NaN;
    const gs = r.gsMps;
    const trk = r.trackDeg;
    this.curHasGs = gs !== undefined;
    this.curHasVel = gs !== undefined && trk !== undefined;
    this.curGsMps = gs ?? Number.NaN;
    this.curTrackDeg = trk ?? Number.NaN;
  }

  private process(r: Report): void {
    this.loadPosition(r);
    const lat = this.curLat;
    const lon = this.curLon;
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      this.reject('invalid');
      return;
    }
    const s = this.sensorInfo(r);
    const batchHorizonMs = this.curMs - this.opt.psrBatchMs;
    if (this.pendingPlots !== 0 && batchHorizonMs >= this.oldestBatchMs) {
      this.flushBatches(batchHorizonMs);
      this.loadPosition(r); // the batch's plots were loaded meanwhile
    }
    if (r.kind === 'psr' && r.icao === undefined && r.squawk === undefined) {
      let b = this.batches[s.idx];
      if (b === undefined) {
        b = { startMs: this.curMs, reports: [] };
        this.batches[s.idx] = b;
      }
      if (b.reports.length === 0) b.startMs = this.curMs;
      b.reports.push(r);
      this.pendingPlots++;
      if (b.startMs < this.oldestBatchMs) this.oldestBatchMs = b.startMs;
      return;
    }
    if (r.icao !== undefined) this.processIcao(r, s);
    else {
      this.loadKinematics(r);
      geodeticToEcef(lat, lon, 0, this.ecef);
      this.processByGate(r, s);
    }
  }

  /** A report with an ICAO address: its track by address, else adopt a nearby anonymous track, else start one. */
  private processIcao(r: Report, s: SensorInfo): void {
    const icao = r.icao!;
    const t = this.byIcao.get(icao);
    const lat = this.curLat;
    const lon = this.curLon;
    const timeMs = this.curMs;
    if (t !== undefined && r.kind === 'adsb') {
      // The same broadcast heard by another receiver: no new information, only a contributing sensor.
      if (lat === t.adsbLat && lon === t.adsbLon && Math.abs(timeMs - t.adsbMs) <= DUPLICATE_MS) {
        if (t.adsbAccepted) this.noteSensor(t, s);
        return;
      }
      t.adsbLat = lat;
      t.adsbLon = lon;
      t.adsbMs = timeMs;
    }
    this.loadKinematics(r);
    if (r.kind === 'adsb' && this.tooSlow(r)) {
      // A fixed-wing aircraft cannot fly that slowly that high: a spoofed (or corrupt) state, never followed.
      if (t !== undefined) {
        t.adsbAccepted = false;
        this.rejectCoop(t, r, 'implausible');
      } else this.reject('implausible');
      return;
    }
    if (t !== undefined) {
      geodeticToEcef(lat, lon, 0, this.ecef);
      this.measure(t, r, s);
      const ok = this.plausible(t, r, s);
      t.adsbAccepted = ok;
      if (ok) this.update(t, r, s);
      return;
    }
    const q = this.quarantine.get(icao);
    if (q !== undefined) {
      const dtS = (r.timeMs - q.timeMs) / 1000;
      if (dtS < this.opt.quarantineMs / 1000) {
        const reach = this.opt.maxSpeedMps * Math.max(0, dtS) + 1000;
        if (sphericalDistanceM(q.lat, q.lon, r.lat, r.lon) > reach) {
          this.reject('implausible');
          return;
        }
      }
      this.quarantine.delete(icao);
    }
    geodeticToEcef(r.lat, r.lon, 0, this.ecef);
    const found = this.nearestAnonymous(r, s);
    if (found !== undefined) {
      // A tentative primary track (never reported) adopted by an address back from a gap takes the address's old number.
      const reuse = found.confirmed ? undefined : this.reusableId(r);
      if (reuse !== undefined) this.renumber(found, reuse);
      this.measure(found, r, s);
      found.icao = icao;
      this.byIcao.set(icao, found);
      found.changed = true;
      this.update(found, r, s);
      return;
    }
    this.create(r, s, false);
  }

  /** The report's own ground speed is below what any fixed-wing aircraft flies at its (barometric) altitude. */
  private tooSlow(r: Report): boolean {
    const gsMps = this.curGsMps;
    const altM = this.curAltM;
    if (!this.curHasGs || !this.curHasAlt || r.onGround === true || r.altSource === 'gnss') return false;
    const o = this.opt;
    if (!(altM > o.minSpeedFloorM)) return false;
    // Table by 100 m of altitude (the bin's lower edge: the bound only grows with altitude, so this never rejects more).
    const bin = Math.floor(altM / 100);
    const min = bin < this.minGsByAlt.length ? this.minGsByAlt[bin] : minGroundSpeedMps(altM, o.minEasMps, o.maxWindMps, o.minSpeedFloorM);
    return gsMps < min;
  }

  /** The best gated track without an address that this report could belong to (altitude and squawk compatible). */
  private nearestAnonymous(r: Report, s: SensorInfo): TrackState | undefined {
    const n = this.grid.collectNear(r.lat, r.lon, this.near);
    const cosLat = Math.cos(r.lat * RAD);
    let best: TrackState | undefined;
    let bestCost = this.opt.gateChi2;
    for (let i = 0; i < n; i++) {
      const t = this.near[i];
      if (t.deleted || t.icao !== undefined || !this.near8km(t, r, cosLat)) continue;
      if (r.squawk !== undefined && t.squawk !== undefined && r.squawk !== t.squawk) continue;
      if (!this.altCompatible(t, r)) continue;
      this.measure(t, r, s);
      const c = this.gateD2(t, r.timeMs);
      if (c < bestCost || (c === bestCost && best !== undefined && t.id < best.id)) {
        bestCost = c;
        best = t;
      }
    }
    return best;
  }

  /** SSR / combined / system-track reports without an address: nearest compatible gated track, else a new one. */
  private processByGate(r: Report, s: SensorInfo): void {
    const n = this.grid.collectNear(r.lat, r.lon, this.near);
    const cosLat = Math.cos(r.lat * RAD);
    let best: TrackState | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const t = this.near[i];
      if (t.deleted || !this.near8km(t, r, cosLat)) continue;
      if (r.squawk !== undefined && t.squawk !== undefined && r.squawk !== t.squawk) continue;
      if (!this.altCompatible(t, r)) continue;
      this.measure(t, r, s);
      const d2 = this.gateD2(t, r.timeMs);
      if (d2 > this.opt.gateChi2) continue;
      const c = d2 + (t.confirmed ? 0 : this.opt.tentativePenalty);
      if (c < bestCost || (c === bestCost && best !== undefined && t.id < best.id)) {
        bestCost = c;
        best = t;
      }
    }
    if (best !== undefined) {
      this.measure(best, r, s);
      this.update(best, r, s);
    } else this.create(r, s, r.kind === 'psr');
  }

  /**
   * Kinematic plausibility of a report already associated by address (measurement in mE/mN). Rejects
   * teleporting positions (faster than maxSpeedMps from the last good one) as 'implausible'; far outliers as
   * 'spoof' when a radar recently agreed with the track, else as 'outlier' until they persist consistently
   * (then the track re-initialises on them: a manoeuvre the filter missed, not a spoof).
   */
  private plausible(t: TrackState, r: Report, s: SensorInfo): boolean {
    const dtGood = (this.curMs - t.goodMs) / 1000;
    const var2 = this.rEE + this.rNN + t.goodVar;
    const slack = 3 * Math.sqrt(var2) + 100;
    // Spoof: the aircraft's own position (ADS-B) disagrees with what independent radars recently saw.
    const corroborated = !s.radar && this.curMs - t.lastRadarMs <= this.opt.corroborationMs;
    const jE = this.mE - t.goodE;
    const jN = this.mN - t.goodN;
    const jump = Math.sqrt(jE * jE + jN * jN);
    if (jump - slack > this.speedBoundMps(t) * Math.max(0, dtGood)) {
      this.rejectCoop(t, r, corroborated ? 'spoof' : 'implausible');
      return false;
    }
    const d2 = this.gateD2(t, this.curMs);
    if (d2 <= this.opt.outlierChi2) {
      t.outliers = 0;
      return true;
    }
    if (corroborated) {
      this.rejectCoop(t, r, 'spoof');
      return false;
    }
    if (this.opt.robustSoleSource) {
      // Nothing independent contradicts the only source and the jump is physically possible: follow it, with
      // the covariance inflated so that the innovation fits the gate (a manoeuvre or noise the model missed).
      t.inflateNext = d2 / this.opt.outlierChi2;
      // A radar sees a manoeuvre only every scan, and a manoeuvre moves the aircraft off the constant-velocity
      // prediction by at most a·dt²/2: such an innovation is followed (process noise inflated). Otherwise, and
      // for self-reported positions (resampled, jittery), the position's covariance is inflated instead, so that
      // one report cannot throw the track around.
      const dtS = Math.max(0, (this.curMs - t.timeMs) / 1000);
      const innovationM = Math.hypot(this.mE - this.pred[0], this.mN - this.pred[1]);
      t.inflateState = s.radar && innovationM <= 0.5 * this.opt.manoeuvreAccelMps2 * dtS * dtS + 3 * Math.sqrt(this.rEE + this.rNN);
      // The filter, velocity included, failed to predict this position: distrust the reported velocities for a while.
      t.velDistrustUntilMs = this.curMs + this.opt.velDistrustMs;
      this.counters.robustUpdates++;
      return true;
    }
    // An outlier: follow it only once several in a row agree with each other.
    const dtOut = (this.curMs - t.outlierMs) / 1000;
    const v = Math.hypot(t.filter.xc[1], t.filter.xc[3]);
    const consistent = t.outliers > 0 && Math.hypot(this.mE - t.outlierE, this.mN - t.outlierN) <= (v + 100) * Math.max(0, dtOut) + slack;
    t.outliers = consistent ? t.outliers + 1 : 1;
    t.outlierE = this.mE;
    t.outlierN = this.mN;
    t.outlierMs = this.curMs;
    if (t.outliers >= this.opt.outlierPersist) {
      this.reinit(t, r);
      t.outliers = 0;
      return true;
    }
    this.rejectCoop(t, r, 'outlier');
    return false;
  }

  /**
   * The fastest this aircraft can have moved: Mach 3 at most, and for a confirmed track with a known
   * velocity no more than 1.5 times the larger of its speed and its reported ground speed (plus 100 m/s).
   */
  private speedBoundMps(t: TrackState): number {
    const max = this.opt.maxSpeedMps;
    if (!t.confirmed) return max;
    const s = t.num;
    if (s[OPC + NX + 1] + s[OPC + 3 * NX + 3] > 50 * 50) return max;
    const v = Math.max(Math.sqrt(s[OXC + 1] * s[OXC + 1] + s[OXC + 3] * s[OXC + 3]), this.curHasGs ? this.curGsMps : 0);
    return Math.min(max, this.opt.speedMarginFactor * v + 100);
  }

  /** A rejected cooperative report still says the transponder is on and who the aircraft is. */
  private rejectCoop(t: TrackState, r: Report, reason: string): void {
    this.reject(reason);
    t.rejectsSinceGood++;
    this.noteIdentity(t, r);
    if (r.timeMs > t.lastCoopMs) t.lastCoopMs = r.timeMs;
    if (t.transponder !== 'on') {
      t.transponder = 'on';
      t.changed = true;
    }
  }

  /** Restarts the filter on the current measurement, keeping the velocity estimate with a wide covariance. */
  private reinit(t: TrackState, r: Report): void {
    const f = t.filter;
    let ve = f.xc[1];
    let vn = f.xc[3];
    if (r.gsMps !== undefined && r.trackDeg !== undefined) {
      ve = r.gsMps * Math.sin(r.trackDeg * RAD);
      vn = r.gsMps * Math.cos(r.trackDeg * RAD);
    }
    f.init(this.mE, this.mN, this.rEE, this.rEN, this.rNN, ve, vn, 50 * 50);
    t.timeMs = r.timeMs;
  }

  // ---- the update ----------------------------------------------------------------------------------------

  /** Re-centres the track's frame on its current position (rotating velocities and covariances). */
  private recenter(t: TrackState): void {
    const f = t.filter;
    const g = this.toGeo(t.frame, f.xc[0], f.xc[2], this.geo);
    const old = t.frame;
    const nf = new EnuFrame(g.latDeg, g.lonDeg, 0);
    // new = M · old for horizontal vectors: M rows are the new east and north axes in old-frame components.
    const a0 = old.origin.latDeg * RAD;
    const l0 = old.origin.lonDeg * RAD;
    const a1 = g.latDeg * RAD;
    const l1 = g.lonDeg * RAD;
    // ECEF axes of both frames.
    const oE = [-Math.sin(l0), Math.cos(l0), 0];
    const oN = [-Math.sin(a0) * Math.cos(l0), -Math.sin(a0) * Math.sin(l0), Math.cos(a0)];
    const nE = [-Math.sin(l1), Math.cos(l1), 0];
    const nN = [-Math.sin(a1) * Math.cos(l1), -Math.sin(a1) * Math.sin(l1), Math.cos(a1)];
    const dot = (p: number[], q: number[]): number => p[0] * q[0] + p[1] * q[1] + p[2] * q[2];
    f.reframe(dot(nE, oE), dot(nE, oN), dot(nN, oE), dot(nN, oN), 0, 0);
    // The last good measurement moves to the new frame too.
    const goodEcefFrame = old;
    const gg = this.toGeo(goodEcefFrame, t.goodE, t.goodN, { latDeg: 0, lonDeg: 0, hM: 0 });
    const ge = nf.toEnu(gg.latDeg, gg.lonDeg, 0, this.enu);
    t.goodE = ge.eastM;
    t.goodN = ge.northM;
    t.setFrame(nf);
  }

  /** Frame east/north (on the ellipsoid, so up ≈ -d²/2R) to geodetic. */
  private toGeo(frame: EnuFrame, e: number, n: number, out: Geodetic): Geodetic {
    const up = -(e * e + n * n) / (2 * EARTH_R_M);
    return frame.toGeodetic(e, n, up, out);
  }

  /** Measurement update of t with r (mE, mN, rEE.. set by measure for t's frame). */
  private update(t: TrackState, r: Report, s: SensorInfo): void {
    const f = t.filter;
    const x = t.num;
    if (x[OXC] * x[OXC] + x[OXC + 2] * x[OXC + 2] > this.opt.recenterM * this.opt.recenterM) {
      this.recenter(t);
      this.measure(t, r, s);
    }
    let dtS = (this.curMs - t.timeMs) / 1000;
    if (dtS < 0) {
      // Older than the state (a primary batch behind other sensors' updates): shift the measurement along the
      // velocity to the state time and widen it by the velocity uncertainty over that time.
      const back = -dtS;
      this.mE += x[OXC + 1] * back;
      this.mN += x[OXC + 3] * back;
      this.rEE += x[OPC + NX + 1] * back * back;
      this.rNN += x[OPC + 3 * NX + 3] * back * back;
      this.rEN += x[OPC + NX + 3] * back * back;
      dtS = 0;
    } else t.timeMs = this.curMs;
    if (!t.confirmed && t.hits >= 2 && r.kind === 'psr') {
      t.nisSum += this.gateD2(t, t.timeMs + dtS * 1000);
      t.nisCount++;
    }
    f.predict(dtS, this.prm);
    if (t.inflateNext > 1) {
      // Robust update: the state's or the measurement's covariance is scaled so that the innovation meets the gate.
      const k = t.inflateNext;
      if (t.inflateState) f.inflate(k);
      else {
        this.rEE *= k;
        this.rEN *= k;
        this.rNN *= k;
      }
      t.inflateNext = 1;
    }
    const withVelocity = this.opt.velSigmaMps > 0 && this.curHasVel && r.kind !== 'psr' && this.curMs >= t.velDistrustUntilMs && !this.staleVelocity(t);
    const z = immMeasurement;
    z[0] = this.mE;
    z[1] = this.mN;
    z[2] = this.rEE;
    z[3] = this.rEN;
    z[4] = this.rNN;
    f.update(false, !withVelocity);
    if (withVelocity) {
      // Velocity from true north at the report to the frame's axes: rotate by the meridian convergence.
      const g = (this.curLon - t.frameLonDeg) * RAD * t.frameSinLat;
      const tr = this.curTrackDeg * RAD - g;
      const ve = this.curGsMps * Math.sin(tr);
      const vn = this.curGsMps * Math.cos(tr);
      let v = this.opt.velSigmaMps * this.opt.velSigmaMps;
      // A reported velocity that disagrees with the positions (stale or resampled data) is down-weighted
      // until its innovation fits the gate, so that it cannot drag the track away from the positions.
      z[0] = ve;
      z[1] = vn;
      z[2] = v;
      z[3] = 0;
      z[4] = v;
      const nis = f.velocityNis();
      if (nis > this.opt.velGateChi2) v *= (nis / this.opt.velGateChi2) ** 2;
      z[2] = v;
      z[4] = v;
      f.update(true, true);
    }
    if (this.curHasAlt) {
      const src = r.altSource ?? 'baro';
      if (!f.hasVertical || (t.altSource === 'gnss' && src === 'baro')) {
        f.initVertical(this.curAltM, r.vrMps ?? 0, this.opt.altSigmaM ** 2, r.vrMps !== undefined ? this.opt.vrSigmaMps ** 2 : 25);
        t.altSource = src;
      } else if (src === t.altSource) {
        f.updateHeight(this.curAltM, this.opt.altSigmaM ** 2);
        if (r.vrMps !== undefined) f.updateVr(r.vrMps, this.opt.vrSigmaMps ** 2);
      }
    }
    this.afterUpdate(t, r, s);
  }

  /** True when the report being processed repeats the previous report's velocity exactly (then it carries no new information). */
  private staleVelocity(t: TrackState): boolean {
    const same = this.curGsMps === t.lastGsMps && this.curTrackDeg === t.lastTrackDeg;
    t.lastGsMps = this.curGsMps;
    t.lastTrackDeg = this.curTrackDeg;
    return same;
  }

  /** Bookkeeping after an accepted update: sensors, identity, transponder, confirmation, grid, events. */
  private afterUpdate(t: TrackState, r: Report, s: SensorInfo): void {
    const prevUpdateMs = t.lastUpdateMs;
    if (this.curMs > t.lastUpdateMs) t.lastUpdateMs = this.curMs;
    t.updates++;
    t.goodE = this.mE;
    t.goodN = this.mN;
    t.goodMs = this.curMs;
    t.goodVar = this.rEE + this.rNN;
    t.goodLat = this.curLat;
    t.goodLon = this.curLon;
    t.rejectsSinceGood = 0;
    this.noteSensor(t, s);
    if (s.radar) t.lastRadarMs = this.curMs;
    const coop = r.kind !== 'psr' || r.icao !== undefined || r.squawk !== undefined;
    if (coop) {
      t.lastCoopMs = this.curMs;
      t.primarySinceCoop = 0;
      t.everCoop = true;
      if (t.transponder !== 'on') {
        t.transponder = 'on';
        t.changed = true;
      }
      this.noteIdentity(t, r);
    } else {
      t.lastPrimaryMs = this.curMs;
      t.primarySinceCoop++;
      if (!t.confirmed) {
        // M of N: count the scans missed since the previous plot.
        const period = this.sensorPeriodMs(s);
        const missed = Math.max(0, Math.round((this.curMs - prevUpdateMs) / period) - 1);
        t.misses += missed;
        t.hits++;
      }
    }
    if (!t.confirmed) this.tryConfirm(t);
    this.grid.place(t, this.curLat, this.curLon);
    if (t.confirmed && this.onEvent !== undefined && (t.changed || this.curMs - t.lastEmitMs >= this.opt.minEventIntervalMs)) this.emit(t);
  }

  private tryConfirm(t: TrackState): void {
    const o = this.opt;
    let ok: boolean;
    if (t.everCoop) ok = t.updates >= o.coopConfirmUpdates;
    else {
      const v = Math.hypot(t.filter.xc[1], t.filter.xc[3]);
      const velSigma = Math.sqrt(t.filter.Pc[NX + 1] + t.filter.Pc[3 * NX + 3]);
      const nisMean = t.nisCount > 0 ? t.nisSum / t.nisCount : 0;
      ok =
        t.hits >= o.psrConfirmM &&
        t.misses <= o.psrConfirmN - o.psrConfirmM &&
        v >= o.psrMinSpeedMps &&
        v <= o.psrInitSpeedMps &&
        velSigma < 0.5 * v + 10 &&
        nisMean <= o.psrConfirmNis;
    }
    if (ok) {
      if (t.icao !== undefined) this.retired.delete(t.icao);
      t.confirmed = true;
      t.status = 'confirmed';
      t.changed = true;
      this.counters.tracksConfirmed++;
    }
  }

  /** Notes that sensor s contributed to t at the current report's time (curMs). */
  private noteSensor(t: TrackState, s: SensorInfo): void {
    const timeMs = this.curMs;
    let slots = t.slots;
    const end = t.slotsEnd;
    let k = t.slotsAt;
    while (k < end && slots[k] !== s.idx) k += SENSOR_SLOT;
    if (k === end) {
      if (t.sensorCount === t.slotCapacity) {
        // More sensors than the block holds: move them to an array of their own, twice the size.
        const bigger = new Float64Array(2 * t.slotCapacity * SENSOR_SLOT);
        bigger.set(slots.subarray(t.slotsAt, end));
        t.slots = slots = bigger;
        t.slotsAt = 0;
        t.slotCapacity *= 2;
        k = t.sensorCount * SENSOR_SLOT;
      }
      slots[k] = s.idx;
      slots[k + SLOT_LAST_MS] = timeMs;
      slots[k + SLOT_PERIOD_MS] = this.sensorPeriodMs(s);
      t.sensorCount++;
      t.changed = true;
      return;
    }
    const dt = timeMs - slots[k + SLOT_LAST_MS];
    if (dt > 0) {
      // Learn the period from the intervals, but never below what the sensor states (one missed scan is no period).
      const p = slots[k + SLOT_PERIOD_MS];
      slots[k + SLOT_PERIOD_MS] = Math.min(120_000, 0.8 * p + 0.2 * Math.min(dt, 3 * p));
      slots[k + SLOT_LAST_MS] = timeMs;
    }
  }

  private noteIdentity(t: TrackState, r: Report): void {
    let changed = false;
    if (r.callsign !== undefined && r.callsign !== t.callsign) {
      t.callsign = r.callsign;
      changed = true;
    }
    if (r.squawk !== undefined && r.squawk !== t.squawk) {
      t.squawk = r.squawk;
      changed = true;
    }
    if (r.emergency !== undefined && r.emergency !== t.emergency) {
      t.emergency = r.emergency;
      changed = true;
    }
    if (r.onGround !== undefined && r.onGround !== t.onGround) {
      t.onGround = r.onGround;
      changed = true;
    }
    if (r.icao !== undefined && t.icao === undefined && !this.byIcao.has(r.icao)) {
      t.icao = r.icao;
      this.byIcao.set(r.icao, t);
      changed = true;
    }
    if (changed || t.category === 'unknown') {
      const c = this.classifier.classify(t.icao, t.callsign, t.squawk);
      if (c !== t.category) {
        t.category = c;
        changed = true;
      }
    }
    if (changed) t.changed = true;
  }

  /**
   * The number of a new track: the number of the address's track deleted within trackIdReuseMs, when the
   * aircraft could have flown here since (the same aircraft back from a coverage gap), else a new one.
   */
  private newTrackId(r: Report): number {
    return this.reusableId(r) ?? this.nextId++;
  }

  /** The retired number of r's address, if the aircraft could be back (in time and reach); else undefined. */
  private reusableId(r: Report): number | undefined {
    if (r.icao === undefined) return undefined;
    // The entry stays until a track confirms with it (a tentative track that dies must not lose the number).
    const old = this.retired.get(r.icao);
    if (old === undefined) return undefined;
    const dtS = (r.timeMs - old.timeMs) / 1000;
    const reachM = this.opt.maxSpeedMps * Math.max(0, dtS) + 10_000;
    if (dtS > this.opt.trackIdReuseMs / 1000 || sphericalDistanceM(old.lat, old.lon, r.lat, r.lon) > reachM) return undefined;
    return old.id;
  }

  /** Gives a not yet reported track another number (keeping the live list in trackId order). */
  private renumber(t: TrackState, id: number): void {
    if (id === t.id) return;
    const i = this.live.indexOf(t);
    if (i >= 0) this.live.splice(i, 1);
    t.id = id;
    this.insertLive(t);
  }

  /** Adds a track to the live list, kept in trackId order (a reused number goes back to its place). */
  private insertLive(t: TrackState): void {
    const live = this.live;
    if (live.length === 0 || live[live.length - 1].id < t.id) {
      live.push(t);
      return;
    }
    let lo = 0;
    let hi = live.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (live[mid].id < t.id) lo = mid + 1;
      else hi = mid;
    }
    live.splice(lo, 0, t);
  }

  /** Starts a tentative track on a report (already converted to ECEF in this.ecef). */
  private create(r: Report, s: SensorInfo, primary: boolean): TrackState {
    const t = new TrackState(this.newTrackId(r), new EnuFrame(r.lat, r.lon, 0), r.timeMs, primary);
    this.counters.tracksStarted++;
    this.measure(t, r, s);
    let ve = 0;
    let vn = 0;
    let velVar = (this.opt.psrInitSpeedMps / 3) ** 2;
    if (r.gsMps !== undefined && r.trackDeg !== undefined) {
      ve = r.gsMps * Math.sin(r.trackDeg * RAD);
      vn = r.gsMps * Math.cos(r.trackDeg * RAD);
      velVar = Math.max(this.opt.velSigmaMps, 5) ** 2;
    } else if (!primary) velVar = 150 * 150; // a transponder aircraft: airliner speeds, not Mach 3
    t.filter.init(this.mE, this.mN, this.rEE, this.rEN, this.rNN, ve, vn, velVar);
    if (r.altM !== undefined) {
      t.filter.initVertical(r.altM, r.vrMps ?? 0, this.opt.altSigmaM ** 2, r.vrMps !== undefined ? this.opt.vrSigmaMps ** 2 : 25);
      t.altSource = r.altSource ?? 'baro';
    }
    t.goodE = this.mE;
    t.goodN = this.mN;
    t.goodVar = this.rEE + this.rNN;
    t.goodLat = r.lat;
    t.goodLon = r.lon;
    this.noteSensor(t, s);
    if (s.radar) t.lastRadarMs = r.timeMs;
    if (primary) {
      t.lastPrimaryMs = r.timeMs;
      t.primarySinceCoop++;
    } else {
      t.everCoop = true;
      t.lastCoopMs = r.timeMs;
      t.primarySinceCoop = 0;
      if (r.icao !== undefined) {
        t.icao = r.icao;
        this.byIcao.set(r.icao, t);
      }
      this.noteIdentity(t, r);
    }
    t.category = this.classifier.classify(t.icao, t.callsign, t.squawk);
    this.insertLive(t);
    this.grid.place(t, r.lat, r.lon);
    if (this.opt.coopConfirmUpdates === 0 && !primary) this.tryConfirm(t);
    if (t.confirmed && this.onEvent !== undefined) this.emit(t);
    return t;
  }

  // ---- primary plots: gate, then global assignment per sensor batch ------------------------------------------

  /** Processes every batch that started at or before horizonMs, oldest first. */
  private flushBatches(horizonMs: number): void {
    if (this.pendingPlots === 0 || horizonMs < this.oldestBatchMs) return;
    for (;;) {
      // The waiting batch that started first (ties: the sensor seen first).
      let pick = -1;
      let startMs = Number.POSITIVE_INFINITY;
      for (let i = 0; i < this.batches.length; i++) {
        const b = this.batches[i];
        if (b !== undefined && b.reports.length > 0 && b.startMs < startMs) {
          startMs = b.startMs;
          pick = i;
        }
      }
      this.oldestBatchMs = startMs;
      if (pick < 0 || startMs > horizonMs) return;
      const b = this.batches[pick]!;
      const plots = b.reports;
      b.reports = [];
      this.pendingPlots -= plots.length;
      this.assignBatch(plots, this.sensors[pick]);
    }
  }

  private assignBatch(plots: Report[], s: SensorInfo): void {
    const mark = ++this.batchCounter;
    const np = plots.length;
    // Candidate pairs (plot, track, cost), and the tracks involved.
    const pairPlot: number[] = [];
    const pairTrack: TrackState[] = [];
    const pairCost: number[] = [];
    const tracks: TrackState[] = [];
    // Plots in the gate of a confirmed transponder track: when not assigned, they are duplicates, not new aircraft.
    const gatedCoop = new Uint8Array(np);
    for (let p = 0; p < np; p++) {
      const r = plots[p];
      if (!Number.isFinite(r.lat) || !Number.isFinite(r.lon)) continue;
      geodeticToEcef(r.lat, r.lon, 0, this.ecef);
      const n = this.grid.collectNear(r.lat, r.lon, this.near);
      const cosLat = Math.cos(r.lat * RAD);
      for (let i = 0; i < n; i++) {
        const t = this.near[i];
        if (t.deleted || !this.near8km(t, r, cosLat)) continue;
        this.measure(t, r, s);
        const d2 = this.gateD2(t, r.timeMs);
        if (d2 > this.opt.gateChi2) continue;
        if (t.batchMark !== mark) {
          t.batchMark = mark;
          t.batchIdx = tracks.length;
          tracks.push(t);
        }
        if (t.confirmed && t.transponder === 'on') gatedCoop[p] = 1;
        pairPlot.push(p);
        pairTrack.push(t);
        pairCost.push(d2 + this.rowPenalty(t, r.timeMs));
      }
    }
    // Components of the gating graph (union-find over plots 0..np-1 and tracks np..), solved one by one.
    const nt = tracks.length;
    const parent = new Int32Array(np + nt);
    for (let i = 0; i < parent.length; i++) parent[i] = i;
    const find = (i: number): number => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    };
    for (let k = 0; k < pairPlot.length; k++) {
      const a = find(pairPlot[k]);
      const b = find(np + pairTrack[k].batchIdx);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
    const plotTrack: (TrackState | undefined)[] = new Array(np).fill(undefined);
    const compPlots = new Map<number, number[]>();
    const compTracks = new Map<number, number[]>();
    const compPairs = new Map<number, number[]>();
    for (let p = 0; p < np; p++) {
      const root = find(p);
      const list = compPlots.get(root);
      if (list) list.push(p);
      else compPlots.set(root, [p]);
    }
    for (let i = 0; i < nt; i++) {
      const root = find(np + i);
      const list = compTracks.get(root);
      if (list) list.push(i);
      else compTracks.set(root, [i]);
    }
    for (let k = 0; k < pairPlot.length; k++) {
      const root = find(pairPlot[k]);
      const list = compPairs.get(root);
      if (list) list.push(k);
      else compPairs.set(root, [k]);
    }
    const rowOf = new Int32Array(nt);
    const colOf = new Int32Array(np);
    for (const [root, trackList] of compTracks) {
      const plotList = compPlots.get(root) ?? [];
      const pairs = compPairs.get(root) ?? [];
      if (trackList.length === 1 && plotList.length === 1) {
        plotTrack[plotList[0]] = tracks[trackList[0]];
        continue;
      }
      // Rows: tracks; columns: plots, then one "miss" column per track.
      const rows = trackList.length;
      const cols = plotList.length + rows;
      if (this.cost.length < rows * cols) this.cost = new Float64Array(rows * cols * 2);
      if (this.rowToCol.length < rows) this.rowToCol = new Int32Array(rows * 2);
      const cost = this.cost;
      cost.fill(FORBIDDEN, 0, rows * cols);
      for (let row = 0; row < rows; row++) rowOf[trackList[row]] = row;
      for (let col = 0; col < plotList.length; col++) colOf[plotList[col]] = col;
      for (const k of pairs) cost[rowOf[pairTrack[k].batchIdx] * cols + colOf[pairPlot[k]]] = pairCost[k];
      for (let row = 0; row < rows; row++) {
        const t = tracks[trackList[row]];
        cost[row * cols + plotList.length + row] = this.opt.gateChi2 + this.rowPenalty(t, plots[plotList[0]].timeMs);
      }
      this.solver.solve(cost, rows, cols, this.rowToCol);
      for (let row = 0; row < rows; row++) {
        const c = this.rowToCol[row];
        if (c >= 0 && c < plotList.length && cost[row * cols + c] < FORBIDDEN) plotTrack[plotList[c]] = tracks[trackList[row]];
      }
    }
    // Updates in plot (time) order; unassigned plots start primary tentative tracks.
    for (let p = 0; p < np; p++) {
      const r = plots[p];
      if (!Number.isFinite(r.lat) || !Number.isFinite(r.lon)) {
        this.reject('invalid');
        continue;
      }
      geodeticToEcef(r.lat, r.lon, 0, this.ecef);
      const t = plotTrack[p];
      if (t !== undefined && !t.deleted) {
        this.load(r);
        this.measure(t, r, s);
        this.update(t, r, s);
      } else if (!gatedCoop[p]) {
        this.loadPosition(r);
        this.create(r, s, true);
      }
    }
  }

  /**
   * Extra assignment cost of a track: tentative tracks lose contested plots to confirmed ones, and tracks that
   * a transponder keeps up to date lose them to dark tracks (they do not need the plot; a dark one does).
   */
  private rowPenalty(t: TrackState, timeMs: number): number {
    if (!t.confirmed) return this.opt.tentativePenalty;
    if (t.transponder === 'on' && timeMs - t.lastCoopMs < 3000) return this.opt.tentativePenalty / 2;
    return 0;
  }

  // ---- housekeeping: coasting, transponder state, deletion ---------------------------------------------------

  private housekeeping(nowMs: number): void {
    const o = this.opt;
    let removed = 0;
    for (const t of this.live) {
      if (t.deleted) {
        removed++;
        continue;
      }
      // Every contributing sensor late by k of its periods?
      let lateCoast = true;
      let lateDelete = true;
      let lateTentative = true;
      const slots = t.slots;
      for (let k = t.slotsAt, end = t.slotsEnd; k < end; k += SENSOR_SLOT) {
        const age = nowMs - slots[k + SLOT_LAST_MS];
        const p = slots[k + SLOT_PERIOD_MS];
        if (age <= o.coastPeriods * p) lateCoast = false;
        if (age <= Math.min(o.deleteMaxMs, Math.max(o.deleteMinMs, o.deletePeriods * p))) lateDelete = false;
        if (age <= Math.max(o.tentativeMinMs, o.tentativePeriods * p)) lateTentative = false;
      }
      if (!t.confirmed) {
        const tooManyMisses = t.bornPrimary && !t.everCoop && t.misses > o.psrConfirmN - o.psrConfirmM;
        if (lateTentative || tooManyMisses) this.remove(t, nowMs);
        if (t.deleted) removed++;
        continue;
      }
      // An aircraft on the ground that falls silent has parked (or is out of sight of every receiver behind
      // buildings): it is not coasted across the aerodrome, where departing traffic would meet its ghost.
      if (lateDelete || (lateCoast && t.onGround === true)) {
        this.remove(t, nowMs);
        removed++;
        continue;
      }
      const status: TrackStatus = lateCoast ? 'coasting' : 'confirmed';
      if (status !== t.status) {
        t.status = status;
        t.changed = true;
      }
      // 'off' only while primary plots go on without a reply: several of them, the last one transponderOffMs after the
      // last reply, and the track still updated (an aircraft leaving cover is not switching off)
      if (
        t.transponder === 'on' &&
        t.everCoop &&
        !lateCoast &&
        t.primarySinceCoop >= MIN_PRIMARY_FOR_OFF &&
        t.lastPrimaryMs - t.lastCoopMs > o.transponderOffMs
      ) {
        t.transponder = 'off';
        t.changed = true;
      }
      if (nowMs - t.lastUpdateMs > REGRID_AFTER_MS) {
        const p = this.pred;
        predictPosition(t.num, (nowMs - t.timeMs) / 1000, 0, p);
        const g = this.toGeo(t.frame, p[0], p[1], this.geo);
        this.grid.place(t, g.latDeg, g.lonDeg);
      }
      if (t.changed && this.onEvent !== undefined) this.emit(t, Math.max(nowMs, t.timeMs));
    }
    if (removed > 64 && removed * 8 > this.live.length) this.live = this.live.filter((t) => !t.deleted);
    if (nowMs >= this.nextRetiredPurgeMs) {
      for (const [icao, old] of this.retired) if (nowMs - old.timeMs > o.trackIdReuseMs) this.retired.delete(icao);
      this.nextRetiredPurgeMs = nowMs + 60_000;
    }
  }

  private remove(t: TrackState, nowMs: number): void {
    t.deleted = true;
    this.grid.remove(t);
    if (t.icao !== undefined && this.byIcao.get(t.icao) === t) {
      this.byIcao.delete(t.icao);
      if (t.confirmed && this.opt.trackIdReuseMs > 0) this.retired.set(t.icao, { id: t.id, lat: t.goodLat, lon: t.goodLon, timeMs: t.goodMs });
      if (t.rejectsSinceGood >= 3) {
        const speedMps = Math.hypot(t.filter.xc[1], t.filter.xc[3]);
        this.quarantine.set(t.icao, { lat: t.goodLat, lon: t.goodLon, timeMs: t.goodMs, speedMps });
      }
    }
    this.counters.tracksDeleted++;
    if (t.confirmed && this.onEvent !== undefined) this.onEvent({ type: 'delete', trackId: t.id, timeMs: nowMs, reason: 'timeout' });
  }

  // ---- output -------------------------------------------------------------------------------------------------

  private emit(t: TrackState, atMs = t.timeMs): void {
    t.changed = false;
    t.lastEmitMs = atMs;
    this.onEvent!({ type: 'update', track: this.toTrack(t, atMs) });
  }

  /** The Track value of t predicted (constant velocity) to timeMs. */
  private toTrack(t: TrackState, timeMs: number): Track {
    const f = t.filter;
    const p = this.pred;
    const dtS = (timeMs - t.timeMs) / 1000;
    predictPosition(t.num, dtS, this.opt.qCv, p);
    const g = this.toGeo(t.frame, p[0], p[1], { latDeg: 0, lonDeg: 0, hM: 0 });
    // Velocity from the frame's axes to true north at the track's position.
    const conv = (g.lonDeg - t.frame.origin.lonDeg) * RAD * Math.sin(t.frame.origin.latDeg * RAD);
    const c = Math.cos(conv);
    const s = Math.sin(conv);
    // Clockwise by the convergence: true bearing = frame bearing + convergence.
    const velEastMps = c * f.xc[1] + s * f.xc[3];
    const velNorthMps = -s * f.xc[1] + c * f.xc[3];
    const gsMps = Math.hypot(velEastMps, velNorthMps);
    const trackDeg = gsMps > 0 ? (((Math.atan2(velEastMps, velNorthMps) * DEG) % 360) + 360) % 360 : 0;
    const sensors: string[] = [];
    const parties: string[] = [];
    const slots = t.slots;
    for (let k = t.slotsAt, end = t.slotsEnd; k < end; k += SENSOR_SLOT) {
      if (timeMs - slots[k + SLOT_LAST_MS] > this.opt.sensorWindowMs) continue;
      const si = this.sensors[slots[k]];
      sensors.push(si.id);
      if (!parties.includes(si.party)) parties.push(si.party);
    }
    sensors.sort();
    parties.sort();
    const track: Track = {
      trackId: t.id,
      timeMs,
      lastUpdateMs: t.lastUpdateMs,
      status: t.status,
      lat: g.latDeg,
      lon: g.lonDeg,
      velEastMps,
      velNorthMps,
      vrMps: f.hasVertical ? f.v[1] : 0,
      gsMps,
      trackDeg,
      posCovM2: [p[2], p[3], p[4]],
      category: t.category,
      transponder: t.transponder,
      sensors,
      parties,
      updates: t.updates,
      quality: this.quality(t, timeMs, p[2] + p[4], sensors.length),
    };
    if (f.hasVertical) {
      track.altM = f.v[0] + f.v[1] * dtS;
      track.altSource = t.altSource;
    }
    if (t.icao !== undefined) track.icao = t.icao;
    if (t.callsign !== undefined) track.callsign = t.callsign;
    if (t.squawk !== undefined) track.squawk = t.squawk;
    if (t.emergency !== undefined) track.emergency = t.emergency;
    if (t.onGround !== undefined) track.onGround = t.onGround;
    return track;
  }

  /**
   * Quality in 0..1: freshness (1 while the best sensor is on time, falling as it is late) × accuracy
   * (100 m / (100 m + position sigma)) raised towards 1 by a second sensor.
   */
  private quality(t: TrackState, timeMs: number, posVar: number, nSensors: number): number {
    let fresh = 0;
    const slots = t.slots;
    for (let k = t.slotsAt, end = t.slotsEnd; k < end; k += SENSOR_SLOT) {
      const late = Math.max(0, timeMs - slots[k + SLOT_LAST_MS]) / slots[k + SLOT_PERIOD_MS];
      fresh = Math.max(fresh, late <= 1.5 ? 1 : Math.exp(-(late - 1.5) / 2));
    }
    const sigma = Math.sqrt(Math.max(0, posVar) / 2);
    const accuracy = 100 / (100 + sigma);
    const multi = nSensors >= 2 ? 1 : 0.8;
    return Math.round(fresh * accuracy * multi * 1000) / 1000;
  }
}
