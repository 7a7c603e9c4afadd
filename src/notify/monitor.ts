// SPDX-License-Identifier: GPL-3.0-or-later
// Matching what flies against what was notified. Tracks are matched to notifications by callsign, ICAO address
// or SSR code where these are known, otherwise by space and time along the corridors (lateral tolerance, time
// window, level block) through a grid of the legs that are live in the current minute. Emits unnotified-flight,
// deviation and no-show events, and keeps per-party statistics. Time comes only from the tracks.

import type { Track, TrackEvent } from '../fusion/track.ts';
import type { ComplianceEvent } from '../safety/types.ts';
import { type BookEntry, type Notification, NotificationBook, type Refusal, corridorOf } from './book.ts';
import type { Corridor, CorridorOptions } from './corridor.ts';
import { formatItemError } from './errors.ts';
import { type GridBounds, LegGrid } from './grid.ts';
import type { PlaceResolver } from './places.ts';

const DEG = Math.PI / 180;
const R_M = 6371008.8;
const FT_PER_M = 1 / 0.3048;

export interface MonitorOptions {
  /** Lateral tolerance either side of the route centre line, m (default 10 NM). */
  lateralM?: number;
  /** How early or late against the planned time a flight may be, ms (default 15 min). */
  windowMs?: number;
  /** Vertical tolerance around a leg's level block, ft (default 1000; 1500 when the altitude is geometric). */
  levelFt?: number;
  levelGnssFt?: number;
  /** How long a flight may be outside its corridor before a deviation is raised, ms (default 60 s). */
  deviationMs?: number;
  /** How long a military, state or unidentified flight may be unmatched before it is flagged, ms (default 60 s). */
  unnotifiedMs?: number;
  /** Where flights must be notified (default: the Baltic, 53–66° N, 9–31° E). */
  region?: GridBounds;
  /** The party an aircraft belongs to (e.g. from its ICAO address block), for the statistics of unnotified flights. */
  partyOf?: (t: Track) => string | undefined;
  corridor?: CorridorOptions;
  /** Data time between rebuilds of the grid of live legs, ms (default 5 min). */
  epochMs?: number;
  /** After a search along the corridors found nothing, the next one for that track waits this long, ms (default 5 s). */
  requeryMs?: number;
  /** A matched track found inside its corridor is checked again after this long, ms (default 5 s); outside, every update. */
  checkMs?: number;
}

/**
 * pending: no flight matched yet; flown: flights matched, none left the corridor; flown-with-deviation: a matched
 * flight deviated; no-show: the window closed with no flight; cancelled by its party.
 */
export type NotificationStatus = 'pending' | 'flown' | 'flown-with-deviation' | 'no-show' | 'cancelled';

/** How one notification stands against what flew: the server lists it with the notification. */
export interface NotificationState {
  notificationId: string;
  status: NotificationStatus;
  /** The tracks matched to it, ascending. */
  trackIds: number[];
}

export interface PartyStats {
  party: string;
  /** Notifications of the party whose time window the data covered. */
  notifications: number;
  /** Flights (tracks) matched to its notifications. */
  notifiedFlights: number;
  /** Of those, the flights that never deviated. */
  flownAsNotified: number;
  /** Flights attributed to the party that matched no notification (and were flagged). */
  unnotifiedFlights: number;
  noShows: number;
  /** notifiedFlights / (notifiedFlights + unnotifiedFlights); undefined with no flights. */
  shareNotified?: number;
  /** flownAsNotified / notifiedFlights; undefined with no notified flights. */
  shareFlownAsNotified?: number;
}

/** A notification as the monitor holds it: its corridor in matching form. */
interface Slot {
  n: Notification;
  corridor: Corridor;
  /** Per leg: planar frame (metres per degree of longitude at the leg's middle), leg vector (m), squared length. */
  kx: Float64Array;
  dx: Float64Array;
  dy: Float64Array;
  len2: Float64Array;
  activeFromMs: number;
  activeToMs: number;
  icao: string[];
  tracks: Set<number>;
  deviatedTracks: Set<number>;
  judged: boolean;
  noShow: boolean;
  /** Live tracks matched to it now, and how many aircraft it was filed for (item 9): a full one takes no more by position. */
  liveTracks: number;
  aircraft: number;
}

interface TrackState {
  slot: number;
  leg: number;
  outsideSinceMs: number;
  deviating: boolean;
  unmatchedSinceMs: number;
  flagged: boolean;
  /** Identity-lookup memo: the identity and notification version last looked up with no result. */
  memoCallsign?: string;
  memoIcao?: string;
  memoSquawk?: string;
  memoVersion: number;
  /** Earliest time of the next search along the corridors after one found nothing, ms. */
  nextSpaceMs: number;
  spaceVersion: number;
  /** Earliest time of the next corridor check of a matched track found inside, ms. */
  nextCheckMs: number;
  party?: string;
  category: Track['category'];
}

/** Result of testing one position against one leg. */
const Fit = { Inside: 0, Lateral: 1, Level: 2, Time: 3 } as const;
type Fit = (typeof Fit)[keyof typeof Fit];

/** Legs tried first for a matched track, relative to its cursor. */
const CURSOR_ORDER = Int8Array.of(0, 1, 2, -1);

const BALTIC: GridBounds = { south: 53, west: 9, north: 66, east: 31 };

export class NotificationMonitor {
  readonly book = new NotificationBook();
  readonly events: ComplianceEvent[] = [];
  /** Notifications whose corridor could not be built, with the reason. */
  readonly unexpandable: { id: string; reason: string }[] = [];

  private readonly lateralM: number;
  private readonly windowMs: number;
  private readonly levelFt: number;
  private readonly levelGnssFt: number;
  private readonly deviationMs: number;
  private readonly unnotifiedMs: number;
  private readonly region: GridBounds;
  private readonly epochMs: number;
  private readonly requeryMs: number;
  private readonly checkMs: number;
  private nextJudgeMs = Number.NEGATIVE_INFINITY;
  private readonly partyOf?: (t: Track) => string | undefined;
  private readonly corridorOptions?: CorridorOptions;

  private readonly pending: BookEntry[];
  private pendingNext = 0;
  private readonly slots: Slot[] = [];
  private readonly slotById = new Map<string, number>();
  private readonly byCallsign = new Map<string, number[]>();
  private readonly byIcao = new Map<string, number[]>();
  private readonly bySquawk = new Map<string, number[]>();
  private version = 0;

  private readonly grid: LegGrid;
  private legSlot = new Int32Array(0);
  private legIndex = new Int32Array(0);
  /** Live legs, flat (by grid leg id): start point, planar frame and vector, squared length, times, level block. */
  private legLat = new Float64Array(0);
  private legLon = new Float64Array(0);
  private legKx = new Float64Array(0);
  private legDx = new Float64Array(0);
  private legDy = new Float64Array(0);
  private legLen2 = new Float64Array(0);
  private legT0 = new Float64Array(0);
  private legT1 = new Float64Array(0);
  private legLo = new Float64Array(0);
  private legHi = new Float64Array(0);
  private epochEndMs = Number.NEGATIVE_INFINITY;
  private dirty = true;
  private firstMs = Number.NaN;
  private nowMs = Number.NEGATIVE_INFINITY;
  private readonly tracks = new Map<number, TrackState>();
  /** Flights flagged unnotified, per attributed party ('' when unknown). */
  private readonly unnotifiedByParty = new Map<string, number>();
  /** Slots whose NotificationState changed since takeChanged() last ran. */
  private readonly changed = new Set<number>();

  constructor(entries: readonly BookEntry[], private readonly resolver: PlaceResolver, options: MonitorOptions = {}) {
    this.lateralM = options.lateralM ?? 10 * 1852;
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.levelFt = options.levelFt ?? 1000;
    this.levelGnssFt = options.levelGnssFt ?? 1500;
    this.deviationMs = options.deviationMs ?? 60_000;
    this.unnotifiedMs = options.unnotifiedMs ?? 60_000;
    this.region = options.region ?? BALTIC;
    this.epochMs = options.epochMs ?? 300_000;
    this.requeryMs = options.requeryMs ?? 5_000;
    this.checkMs = options.checkMs ?? 5_000;
    this.partyOf = options.partyOf;
    this.corridorOptions = options.corridor;
    // Messages take effect at their log time, in log order.
    this.pending = [...entries].sort((a, b) => a.timeMs - b.timeMs || a.index - b.index);
    this.grid = new LegGrid(this.region, 0.2, 0.4);
  }

  /** Refusals met while applying the log's messages (e.g. a CNL by a party that did not file the flight). */
  get refusals(): readonly Refusal[] {
    return this.book.refusals;
  }

  /**
   * A message filed while the data runs (its log time at or after the data so far): it takes effect when data
   * time reaches its log time, in log order, like the messages the monitor started with.
   */
  file(e: BookEntry): void {
    const p = this.pending;
    let i = p.length;
    while (i > this.pendingNext && (p[i - 1].timeMs > e.timeMs || (p[i - 1].timeMs === e.timeMs && p[i - 1].index > e.index))) i--;
    p.splice(i, 0, e);
  }

  /** The id of the notification a live track is matched to, if any. */
  matchOf(trackId: number): string | undefined {
    const st = this.tracks.get(trackId);
    return st && st.slot >= 0 ? this.slots[st.slot].n.id : undefined;
  }

  /** Takes one tracker event; events must come in time order. */
  push(e: TrackEvent): void {
    if (e.type === 'update') this.update(e.track);
    else {
      this.advance(e.timeMs);
      const st = this.tracks.get(e.trackId);
      if (st && st.slot >= 0) this.slots[st.slot].liveTracks--;
      this.tracks.delete(e.trackId);
    }
  }

  /** Ends the run at `endMs`: judges the notifications whose window closed by then. */
  finish(endMs: number): void {
    this.advance(endMs);
    this.judgeNoShows(endMs);
  }

  private advance(t: number): void {
    if (t <= this.nowMs) return;
    this.nowMs = t;
    if (Number.isNaN(this.firstMs)) this.firstMs = t;
    while (this.pendingNext < this.pending.length && this.pending[this.pendingNext].timeMs <= t) {
      const e = this.pending[this.pendingNext++];
      const r = this.book.apply(e);
      if (r.ok) this.upsert(r.notification);
    }
    if (this.dirty || t >= this.epochEndMs) this.rebuild(t);
    // No-shows are judged every 10 s of data time: a window closes to the minute, not the second.
    if (t >= this.nextJudgeMs) {
      this.nextJudgeMs = t + 10_000;
      this.judgeNoShows(t);
    }
  }

  private upsert(n: Notification): void {
    this.dirty = true;
    this.version++;
    const existing = this.slotById.get(n.id);
    const built = corridorOf(n, this.resolver, this.corridorOptions);
    if (!built.ok) {
      this.unexpandable.push({ id: n.id, reason: formatItemError(built.error) });
      if (existing !== undefined) this.slots[existing].activeToMs = Number.NEGATIVE_INFINITY;
      return;
    }
    const c = built.value;
    const legs = c.loFt.length;
    const kx = new Float64Array(legs);
    const dx = new Float64Array(legs);
    const dy = new Float64Array(legs);
    const len2 = new Float64Array(legs);
    for (let k = 0; k < legs; k++) {
      kx[k] = Math.cos(((c.lat[k] + c.lat[k + 1]) / 2) * DEG) * R_M * DEG;
      dx[k] = (c.lon[k + 1] - c.lon[k]) * kx[k];
      dy[k] = (c.lat[k + 1] - c.lat[k]) * R_M * DEG;
      len2[k] = dx[k] * dx[k] + dy[k] * dy[k];
    }
    let activeToMs = c.endMs + this.windowMs;
    if (n.status === 'cancelled') activeToMs = Number.NEGATIVE_INFINITY;
    else if (n.arrivedMs !== undefined) activeToMs = Math.min(activeToMs, n.arrivedMs + this.deviationMs);
    const slot: Slot = {
      n,
      corridor: c,
      kx,
      dx,
      dy,
      len2,
      activeFromMs: c.startMs - this.windowMs,
      activeToMs,
      icao: n.plan.item18.code ?? [],
      tracks: existing === undefined ? new Set() : this.slots[existing].tracks,
      deviatedTracks: existing === undefined ? new Set() : this.slots[existing].deviatedTracks,
      judged: existing === undefined ? false : this.slots[existing].judged,
      noShow: existing === undefined ? false : this.slots[existing].noShow,
      liveTracks: existing === undefined ? 0 : this.slots[existing].liveTracks,
      aircraft: n.plan.item9.count,
    };
    const s = existing ?? this.slots.length;
    this.changed.add(s);
    if (existing !== undefined) this.slots[existing] = slot;
    else {
      this.slots.push(slot);
      this.slotById.set(n.id, s);
    }
    // Index the identity (again after a CHG: a stale key finds the slot but its identity then conflicts).
    const add = (map: Map<string, number[]>, key: string | undefined) => {
      if (key === undefined) return;
      const list = map.get(key);
      if (!list) map.set(key, [s]);
      else if (!list.includes(s)) list.push(s);
    };
    add(this.byCallsign, n.plan.item7.aircraftId);
    add(this.bySquawk, n.plan.item7.ssrCode);
    for (const a of slot.icao) add(this.byIcao, a);
  }

  /** Grid of the legs live between t and the end of the epoch (planned time ± window overlapping it). */
  private rebuild(t: number): void {
    this.dirty = false;
    const from = t;
    const to = t + this.epochMs;
    this.epochEndMs = to;
    let n = 0;
    for (const s of this.slots) if (s.activeToMs >= from && s.activeFromMs <= to) n += s.len2.length;
    const boxes = new Float64Array(6 * n);
    const vTolFt = Math.max(this.levelFt, this.levelGnssFt);
    const legSlot = new Int32Array(n);
    const legIndex = new Int32Array(n);
    const [legLat, legLon, legKx, legDx, legDy, legLen2, legT0, legT1, legLo, legHi] = Array.from({ length: 10 }, () => new Float64Array(n));
    const dLat = this.lateralM / (R_M * DEG);
    let j = 0;
    for (let si = 0; si < this.slots.length; si++) {
      const s = this.slots[si];
      if (s.activeToMs < from || s.activeFromMs > to) continue;
      const c = s.corridor;
      for (let k = 0; k < s.len2.length; k++) {
        if (c.timeMs[k] - this.windowMs > to || c.timeMs[k + 1] + this.windowMs < from) continue;
        // Degrees of longitude for the tolerance at the box's poleward edge, where they are widest.
        const poleward = Math.min(89, Math.max(Math.abs(c.lat[k]), Math.abs(c.lat[k + 1])) + dLat);
        const dLon = this.lateralM / (Math.cos(poleward * DEG) * R_M * DEG);
        boxes[6 * j] = Math.min(c.lat[k], c.lat[k + 1]) - dLat;
        boxes[6 * j + 1] = Math.min(c.lon[k], c.lon[k + 1]) - dLon;
        boxes[6 * j + 2] = Math.max(c.lat[k], c.lat[k + 1]) + dLat;
        boxes[6 * j + 3] = Math.max(c.lon[k], c.lon[k + 1]) + dLon;
        boxes[6 * j + 4] = c.loFt[k] - vTolFt;
        boxes[6 * j + 5] = c.hiFt[k] + vTolFt;
        legSlot[j] = si;
        legIndex[j] = k;
        legLat[j] = c.lat[k];
        legLon[j] = c.lon[k];
        legKx[j] = s.kx[k];
        legDx[j] = s.dx[k];
        legDy[j] = s.dy[k];
        legLen2[j] = s.len2[k];
        legT0[j] = c.timeMs[k];
        legT1[j] = c.timeMs[k + 1];
        legLo[j] = c.loFt[k];
        legHi[j] = c.hiFt[k];
        j++;
      }
    }
    this.grid.build(j, boxes);
    this.legSlot = legSlot;
    this.legIndex = legIndex;
    this.legLat = legLat;
    this.legLon = legLon;
    this.legKx = legKx;
    this.legDx = legDx;
    this.legDy = legDy;
    this.legLen2 = legLen2;
    this.legT0 = legT0;
    this.legT1 = legT1;
    this.legLo = legLo;
    this.legHi = legHi;
  }

  /**
   * Tests a position against leg k of slot s; `best` receives the lateral distance (m). The corridor is a tube:
   * inside when some point of the leg within the lateral tolerance has a planned time within the window of the
   * track's time, and the altitude is within the leg's level block.
   */
  private fit(s: Slot, k: number, t: Track, altFt: number, tolFt: number, best: { distM: number }): Fit {
    const c = s.corridor;
    const px = (t.lon - c.lon[k]) * s.kx[k];
    const py = (t.lat - c.lat[k]) * R_M * DEG;
    const len2 = s.len2[k];
    const u0 = len2 > 0 ? (px * s.dx[k] + py * s.dy[k]) / len2 : 0;
    const u = u0 < 0 ? 0 : Math.min(u0 , 1);
    const ex = px - u * s.dx[k];
    const ey = py - u * s.dy[k];
    const d2 = ex * ex + ey * ey;
    const d = Math.sqrt(d2);
    if (d < best.distM) best.distM = d;
    if (d > this.lateralM) return Fit.Lateral;
    // The stretch of the leg within the tolerance: u0 ± h (perpendicular distance dp), clamped to the leg.
    const fx = px - u0 * s.dx[k];
    const fy = py - u0 * s.dy[k];
    const dp2 = fx * fx + fy * fy;
    const h = len2 > 0 ? Math.sqrt(Math.max(0, this.lateralM * this.lateralM - dp2) / len2) : 0;
    const u1 = u0 - h < 0 ? 0 : Math.min(u0 - h , 1);
    const u2 = u0 + h < 0 ? 0 : Math.min(u0 + h , 1);
    const span = c.timeMs[k + 1] - c.timeMs[k];
    if (t.timeMs < c.timeMs[k] + u1 * span - this.windowMs || t.timeMs > c.timeMs[k] + u2 * span + this.windowMs) return Fit.Time;
    if (!Number.isNaN(altFt) && (altFt < c.loFt[k] - tolFt || altFt > c.hiFt[k] + tolFt)) return Fit.Level;
    return Fit.Inside;
  }

  private readonly scratch = { distM: 0 };

  /** Whether a track is inside slot s's corridor (updating the leg cursor); otherwise how the nearest leg fails. */
  private inside(st: TrackState, s: Slot, t: Track, altFt: number, tolFt: number): Fit {
    const legs = s.len2.length;
    const probe = this.scratch;
    // The cursor leg, then the next ones and the one before: a flight moves along its corridor.
    for (let q = 0; q < CURSOR_ORDER.length; q++) {
      const k = st.leg + CURSOR_ORDER[q];
      if (k < 0 || k >= legs) continue;
      if (this.fit(s, k, t, altFt, tolFt, probe) === Fit.Inside) {
        st.leg = k;
        return Fit.Inside;
      }
    }
    let nearestFit: Fit = Fit.Lateral;
    let nearestM = Number.POSITIVE_INFINITY;
    for (let k = 0; k < legs; k++) {
      probe.distM = Number.POSITIVE_INFINITY;
      const f = this.fit(s, k, t, altFt, tolFt, probe);
      if (f === Fit.Inside) {
        st.leg = k;
        return Fit.Inside;
      }
      if (probe.distM < nearestM) {
        nearestM = probe.distM;
        nearestFit = f;
      }
    }
    return nearestFit;
  }

  /** Does the track's known identity contradict the notification's? (A different callsign or address.) */
  private conflicts(s: Slot, t: Track): boolean {
    if (t.callsign !== undefined && t.callsign !== s.n.plan.item7.aircraftId) return true;
    if (t.icao !== undefined && s.icao.length > 0 && !s.icao.includes(t.icao)) return true;
    return false;
  }

  private live(s: Slot, t: number): boolean {
    return t >= s.activeFromMs && t <= s.activeToMs;
  }

  /** A notification for this track by identity: callsign, then address, then SSR code. */
  private byIdentity(t: Track): number {
    let s = this.lookup(this.byCallsign, t.callsign, t);
    if (s < 0) s = this.lookup(this.byIcao, t.icao, t);
    if (s < 0) s = this.lookup(this.bySquawk, t.squawk, t);
    return s;
  }

  private lookup(map: Map<string, number[]>, key: string | undefined, t: Track): number {
    if (key === undefined) return -1;
    const list = map.get(key);
    if (!list) return -1;
    for (const s of list) if (this.live(this.slots[s], t.timeMs) && !this.conflicts(this.slots[s], t)) return s;
    return -1;
  }

  /**
   * A notification whose corridor contains the track (nearest leg wins), among those its identity allows. The
   * same test as fit(), on the flat arrays of the live legs, cheapest rejections first (level, then time).
   */
  private bySpace(st: TrackState, t: Track, altFt: number, tolFt: number): number {
    const base = this.grid.cellOf(t.lat, t.lon);
    const stride = this.grid.bandStride();
    const hasAlt = !Number.isNaN(altFt);
    // With an altitude, the one level band it falls in; without (primary radar only), every band.
    const b0 = hasAlt ? this.grid.bandOf(altFt) : 0;
    const b1 = hasAlt ? b0 : this.grid.bands - 1;
    const items = this.grid.items;
    const tol = this.lateralM;
    const tol2 = tol * tol;
    const w = this.windowMs;
    const time = t.timeMs;
    const yM = t.lat * R_M * DEG;
    let bestSlot = -1;
    let bestD2 = Number.POSITIVE_INFINITY;
    for (let b = b0; b <= b1; b++) {
      const cell = base + b * stride;
      const end = this.grid.end(cell);
      for (let i = this.grid.start(cell); i < end; i++) {
        const j = items[i];
        if (hasAlt && (altFt < this.legLo[j] - tolFt || altFt > this.legHi[j] + tolFt)) continue;
        const t0 = this.legT0[j];
        const t1 = this.legT1[j];
        if (time < t0 - w || time > t1 + w) {
          // Outside even the widest time span of the leg (its ends); the exact test below would also refuse.
          continue;
        }
        const kx = this.legKx[j];
        const dx = this.legDx[j];
        const dy = this.legDy[j];
        const len2 = this.legLen2[j];
        const px = (t.lon - this.legLon[j]) * kx;
        const py = yM - this.legLat[j] * R_M * DEG;
        const u0 = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
        const u = u0 < 0 ? 0 : Math.min(u0 , 1);
        const ex = px - u * dx;
        const ey = py - u * dy;
        const d2 = ex * ex + ey * ey;
        if (d2 > tol2 || d2 >= bestD2) continue;
        const fx = px - u0 * dx;
        const fy = py - u0 * dy;
        const h = len2 > 0 ? Math.sqrt(Math.max(0, tol2 - (fx * fx + fy * fy)) / len2) : 0;
        const u1 = u0 - h < 0 ? 0 : Math.min(u0 - h , 1);
        const u2 = u0 + h < 0 ? 0 : Math.min(u0 + h , 1);
        if (time < t0 + u1 * (t1 - t0) - w || time > t0 + u2 * (t1 - t0) + w) continue;
        const s = this.slots[this.legSlot[j]];
        // A flight already followed by as many tracks as it has aircraft is not another unidentified one.
        if (this.conflicts(s, t) || (s.liveTracks >= s.aircraft && this.legSlot[j] !== st.slot)) continue;
        bestD2 = d2;
        bestSlot = this.legSlot[j];
        st.leg = this.legIndex[j];
      }
    }
    return bestSlot;
  }

  private inRegion(t: Track): boolean {
    const r = this.region;
    return t.lat >= r.south && t.lat <= r.north && t.lon >= r.west && t.lon <= r.east;
  }

  private emit(type: ComplianceEvent['type'], t: Track, s: Slot | undefined, party: string | undefined, detail: string): void {
    const e: ComplianceEvent = { type, timeMs: t.timeMs, trackId: t.trackId };
    if (t.icao !== undefined) e.icao = t.icao;
    if (t.callsign !== undefined) e.callsign = t.callsign;
    e.category = t.category;
    if (party !== undefined) e.party = party;
    e.lat = t.lat;
    e.lon = t.lon;
    if (s) e.notificationId = s.n.id;
    e.detail = detail;
    this.events.push(e);
  }

  private associate(st: TrackState, slot: number, t: Track): void {
    if (st.slot >= 0) this.slots[st.slot].liveTracks--;
    this.slots[slot].liveTracks++;
    st.slot = slot;
    st.outsideSinceMs = Number.NaN;
    st.deviating = false;
    const tracks = this.slots[slot].tracks;
    if (!tracks.has(t.trackId)) {
      tracks.add(t.trackId);
      this.changed.add(slot);
    }
  }

  /** Where notification `id` stands now; undefined for an id the log has not brought yet. */
  stateOf(id: string): NotificationState | undefined {
    const s = this.slotById.get(id);
    return s === undefined ? undefined : this.state(this.slots[s]);
  }

  /** The notifications whose state changed since the last call (a match, a deviation, a no-show, a change), in log order. */
  takeChanged(): NotificationState[] {
    if (this.changed.size === 0) return [];
    const out = [...this.changed].sort((a, b) => a - b).map((s) => this.state(this.slots[s]));
    this.changed.clear();
    return out;
  }

  private state(s: Slot): NotificationState {
    const status: NotificationStatus =
      s.n.status === 'cancelled'
        ? 'cancelled'
        : s.deviatedTracks.size > 0
          ? 'flown-with-deviation'
          : s.tracks.size > 0
            ? 'flown'
            : s.noShow
              ? 'no-show'
              : 'pending';
    return { notificationId: s.n.id, status, trackIds: [...s.tracks].sort((a, b) => a - b) };
  }

  /** Whether a track that found nothing along the corridors is due another search (or the notifications changed). */
  private spaceDue(st: TrackState, t: Track): boolean {
    return t.timeMs >= st.nextSpaceMs || st.spaceVersion !== this.version;
  }

  /** bySpace, remembering a miss so that the next search waits requeryMs. */
  private searchSpace(st: TrackState, t: Track, altFt: number, tolFt: number): number {
    const s = this.bySpace(st, t, altFt, tolFt);
    if (s < 0) {
      st.nextSpaceMs = t.timeMs + this.requeryMs;
      st.spaceVersion = this.version;
    }
    return s;
  }

  update(t: Track): void {
    this.advance(t.timeMs);
    let st = this.tracks.get(t.trackId);
    if (!st) {
      st = {
        slot: -1,
        leg: 0,
        outsideSinceMs: Number.NaN,
        deviating: false,
        unmatchedSinceMs: Number.NaN,
        flagged: false,
        memoVersion: -1,
        nextSpaceMs: Number.NEGATIVE_INFINITY,
        spaceVersion: -1,
        nextCheckMs: Number.NEGATIVE_INFINITY,
        category: t.category,
      };
      this.tracks.set(t.trackId, st);
    }
    if (t.onGround === true || t.status === 'tentative') return;
    const altFt = t.altM === undefined ? Number.NaN : t.altM * FT_PER_M;
    const tolFt = t.altSource === 'gnss' ? this.levelGnssFt : this.levelFt;
    if (st.slot >= 0) {
      if (t.timeMs < st.nextCheckMs && st.spaceVersion === this.version) return;
      const s = this.slots[st.slot];
      const f = this.live(s, t.timeMs) ? this.inside(st, s, t, altFt, tolFt) : Fit.Time;
      if (f === Fit.Inside) {
        st.outsideSinceMs = Number.NaN;
        st.deviating = false;
        st.nextCheckMs = t.timeMs + this.checkMs;
        st.spaceVersion = this.version;
        return;
      }
      // Outside its own corridor: maybe it is another notified flight (a formation split, a second plan).
      const other = this.byIdentity(t);
      const alt = other >= 0 && other !== st.slot ? other : this.spaceDue(st, t) ? this.searchSpace(st, t, altFt, tolFt) : -1;
      if (alt >= 0 && alt !== st.slot && this.inside(st, this.slots[alt], t, altFt, tolFt) === Fit.Inside) {
        this.associate(st, alt, t);
        return;
      }
      if (Number.isNaN(st.outsideSinceMs)) st.outsideSinceMs = t.timeMs;
      if (!st.deviating && t.timeMs - st.outsideSinceMs >= this.deviationMs) {
        st.deviating = true;
        s.deviatedTracks.add(t.trackId);
        this.changed.add(st.slot);
        const why = f === Fit.Lateral ? 'off the route' : f === Fit.Level ? 'outside the level block' : 'outside the time window';
        const c = s.corridor;
        this.emit(
          'deviation',
          t,
          s,
          s.n.party,
          `${why} of ${s.n.id} (lateral tolerance ${(this.lateralM / 1852).toFixed(1)} NM, levels ${Math.round(c.minFt / 100)}–${Math.round(c.maxFt / 100)} FL, ±${Math.round(this.windowMs / 60000)} min) for ${Math.round((t.timeMs - st.outsideSinceMs) / 1000)} s${Number.isNaN(altFt) ? '' : `, at ${Math.round(altFt)} ft`}`,
        );
      }
      return;
    }
    // Not yet matched: identity first (memoised while identity and the notifications stay the same).
    const known = t.callsign !== undefined || t.icao !== undefined || t.squawk !== undefined;
    if (known && (st.memoCallsign !== t.callsign || st.memoIcao !== t.icao || st.memoSquawk !== t.squawk || st.memoVersion !== this.version)) {
      const s = this.byIdentity(t);
      if (s >= 0) {
        this.associate(st, s, t);
        this.inside(st, this.slots[s], t, altFt, tolFt);
        return;
      }
      st.memoCallsign = t.callsign;
      st.memoIcao = t.icao;
      st.memoSquawk = t.squawk;
      st.memoVersion = this.version;
    }
    // Civil flights need no notification; the others are looked for along the corridors.
    if (t.category === 'civil') return;
    const s = this.spaceDue(st, t) ? this.searchSpace(st, t, altFt, tolFt) : -1;
    if (s >= 0) {
      this.associate(st, s, t);
      return;
    }
    if (!this.inRegion(t)) {
      st.unmatchedSinceMs = Number.NaN;
      return;
    }
    if (Number.isNaN(st.unmatchedSinceMs)) st.unmatchedSinceMs = t.timeMs;
    if (!st.flagged && t.timeMs - st.unmatchedSinceMs >= this.unnotifiedMs) {
      st.flagged = true;
      const party = this.partyOf?.(t);
      st.party = party;
      this.unnotifiedByParty.set(party ?? '', (this.unnotifiedByParty.get(party ?? '') ?? 0) + 1);
      const who = t.category === 'unknown' ? 'unidentified' : t.category;
      this.emit(
        'unnotified-flight',
        t,
        undefined,
        party,
        `${who} flight, transponder ${t.transponder}, matches no notification for ${Math.round((t.timeMs - st.unmatchedSinceMs) / 1000)} s`,
      );
    }
  }

  /** No-show: the window of a notification closed with no flight matched, while the data covered its start. */
  private judgeNoShows(t: number): void {
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i];
      if (s.judged || s.activeToMs === Number.NEGATIVE_INFINITY || t <= s.activeToMs) continue;
      s.judged = true;
      if (s.tracks.size > 0 || this.firstMs > s.corridor.startMs) continue;
      s.noShow = true;
      this.changed.add(i);
      this.events.push({
        type: 'no-show',
        timeMs: t,
        party: s.n.party,
        callsign: s.n.plan.item7.aircraftId,
        notificationId: s.n.id,
        lat: s.corridor.lat[0],
        lon: s.corridor.lon[0],
        detail: `no flight matched ${s.n.id} between ${new Date(s.activeFromMs).toISOString()} and ${new Date(s.activeToMs).toISOString()}`,
      });
    }
  }

  /** Statistics per party, sorted by party id. */
  stats(): PartyStats[] {
    const by = new Map<string, PartyStats>();
    const get = (party: string): PartyStats => {
      let p = by.get(party);
      if (!p) {
        p = { party, notifications: 0, notifiedFlights: 0, flownAsNotified: 0, unnotifiedFlights: 0, noShows: 0 };
        by.set(party, p);
      }
      return p;
    };
    for (const s of this.slots) {
      if (s.activeToMs === Number.NEGATIVE_INFINITY) continue;
      if (this.firstMs > s.activeToMs || this.nowMs < s.activeFromMs) continue;
      const p = get(s.n.party);
      p.notifications++;
      p.notifiedFlights += s.tracks.size;
      for (const id of s.tracks) if (!s.deviatedTracks.has(id)) p.flownAsNotified++;
    }
    for (const e of this.events) if (e.type === 'no-show' && e.party) get(e.party).noShows++;
    for (const [party, n] of this.unnotifiedByParty) get(party === '' ? 'unattributed' : party).unnotifiedFlights += n;
    const out = [...by.values()].sort((a, b) => (a.party < b.party ? -1 : a.party > b.party ? 1 : 0));
    for (const p of out) {
      const flights = p.notifiedFlights + p.unnotifiedFlights;
      if (flights > 0) p.shareNotified = p.notifiedFlights / flights;
      if (p.notifiedFlights > 0) p.shareFlownAsNotified = p.flownAsNotified / p.notifiedFlights;
    }
    return out;
  }
}
