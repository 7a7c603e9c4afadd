// SPDX-License-Identifier: GPL-3.0-or-later
// Streaming encounter detection: takes the tracker's time-ordered TrackEvents, checks each update against the
// tracks in the neighbouring cells of a lat/lon bucket grid (work per update proportional to the neighbours,
// not to N), follows every close pair, finds its closest point of approach by interpolating the relative
// position between samples, and emits one classified Encounter when the pair has left the volume.

import type { Track, TrackEvent } from '../../fusion/track.ts';
import type { Encounter, PairMember } from '../types.ts';
import { type EncounterConfig, type EncounterLimits, limitsOf, pairKey, parseEncounterConfig } from './config.ts';
import { classifyGeometry, extrapolate, metresPerRad, relativeEnM, segmentClosestU, trackDifferenceDeg } from './geometry.ts';
import { classifyRisk, describeRisk, type RiskDecision } from './risk.ts';

const RAD = Math.PI / 180;
/** Extra cell size beyond the widest volume, m: covers a neighbour's drift since its last update. */
const CELL_MARGIN_M = 4000;
/** How often (stream time) pairs not evaluated lately are closed or forgotten, ms. */
const SWEEP_EVERY_MS = 10_000;
/** Quick pre-filter: metres per degree (generous), and the vertical slack for climbs between updates, m. */
const QUICK_M_PER_DEG = 111_000;
const QUICK_MARGIN_V_M = 300;
/** Up to this many dark tracks, a cooperative update checks each directly instead of scanning the dark grid. */
const DIRECT_DARK_MAX = 64;

/** One point of a track's recent history, kept for the incident report. */
export interface TracePoint {
  timeMs: number;
  lat: number;
  lon: number;
  /** NaN when unknown. */
  altM: number;
  transponder: Track['transponder'];
  gsMps: number;
  trackDeg: number;
}

/** An encounter with what the report needs: the decision, both tracks' states at the closest point, their traces. */
export interface EncounterRecord {
  encounter: Encounter;
  decision: RiskDecision;
  /** The members' states nearest the closest point (lower trackId first). */
  states: [Track, Track];
  /** The members' histories around the encounter (empty when evidence is off). */
  traces: [TracePoint[], TracePoint[]];
}

interface Slot {
  track: Track;
  cell: number;
  /** In the dark grid too (transponder not on at the last update). */
  dark: boolean;
  icao?: string;
  callsign?: string;
  history: Track[];
  pairs: Set<Pair>;
}

/** The pair's relative position at one time: A is the lower trackId. */
interface Sample {
  tMs: number;
  e: number;
  n: number;
  /** B above A, m; NaN when either altitude is unknown. */
  u: number;
  aLat: number;
  aLon: number;
  bLat: number;
  bLon: number;
  altMeanM: number;
  a: Track;
  b: Track;
}

interface Best {
  tMs: number;
  horizM: number;
  vertM: number;
  slantM: number;
  lat: number;
  lon: number;
  near: Sample;
  gapS: number;
  altM: number;
}

interface Pair {
  a: Slot;
  b: Slot;
  prev?: Sample;
  last?: Sample;
  lastEvalMs: number;
  open: boolean;
  startMs: number;
  lastInsideMs: number;
  best?: Best;
  /** Relative position when the window opened (for overtaking: who was behind whom). */
  openRel?: Sample;
  sensors: Set<string>;
}

export class EncounterDetector {
  readonly config: EncounterConfig;
  private readonly lim: EncounterLimits;
  private readonly cellM: number;
  private readonly darkRings: number;
  private readonly cellLatDeg: number;
  private readonly slots = new Map<number, Slot>();
  private readonly grid = new Map<number, Slot[]>();
  /** The dark tracks only, in the same cells. */
  private readonly darkGrid = new Map<number, Slot[]>();
  private readonly darkSlots = new Set<Slot>();
  /** The cells of the last cooperative scan (so that dark tracks in them are not evaluated twice). */
  private readonly scanned: number[] = [];
  /** Pairs by lower trackId, then higher. */
  private readonly pairs = new Map<number, Map<number, Pair>>();
  private nextSweepMs = Number.NEGATIVE_INFINITY;
  private nowMs = Number.NEGATIVE_INFINITY;
  private readonly scratch = { e: 0, n: 0 };
  private readonly lonWidths = new Map<number, number>();
  /** cos(latitude) of the track being updated, for the quick pre-filter. */
  private cosLat = 1;

  constructor(config: EncounterConfig = parseEncounterConfig()) {
    this.config = config;
    this.lim = limitsOf(config);
    // Cells fit the cooperative volume; a dark track's update looks further out (more rings of cells).
    this.cellM = this.lim.horizM + CELL_MARGIN_M;
    this.darkRings = Math.ceil((this.lim.darkHorizM + CELL_MARGIN_M) / this.cellM);
    this.cellLatDeg = this.cellM / metresPerRad(60).northM / RAD;
  }

  /** Feeds one tracker event (in time order); returns the encounters that closed because of it. */
  push(ev: TrackEvent): EncounterRecord[] {
    const out: EncounterRecord[] = [];
    const t = ev.type === 'update' ? ev.track.timeMs : ev.timeMs;
    if (t > this.nowMs) this.nowMs = t;
    if (this.nowMs >= this.nextSweepMs) {
      this.sweep(out);
      this.nextSweepMs = this.nowMs + SWEEP_EVERY_MS;
    }
    if (ev.type === 'delete') {
      this.remove(ev.trackId, out);
      return out;
    }
    this.update(ev.track, out);
    return out;
  }

  /** Closes every open encounter (end of a recording). */
  flush(): EncounterRecord[] {
    const out: EncounterRecord[] = [];
    for (const byB of this.pairs.values()) {
      for (const p of byB.values()) {
        // The last sample has not been committed yet: it may open the encounter or be its closest point.
        if (p.last && p.prev) this.commitSegment(p, p.prev, p.last);
        else if (p.last) this.commitPoint(p, p.last);
        if (p.open) out.push(this.close(p));
      }
    }
    this.pairs.clear();
    for (const s of this.slots.values()) s.pairs.clear();
    return out;
  }

  /** Number of pairs being followed (for benchmarks and tests). */
  get pairCount(): number {
    let n = 0;
    for (const m of this.pairs.values()) n += m.size;
    return n;
  }

  private rowOf(lat: number): number {
    return Math.floor(lat / this.cellLatDeg);
  }

  /** Longitude width of the cells of a row: the cell size at the row's poleward edge. */
  private lonWidthDeg(row: number): number {
    const cached = this.lonWidths.get(row);
    if (cached !== undefined) return cached;
    const w = this.lonWidthOf(row);
    this.lonWidths.set(row, w);
    return w;
  }

  private lonWidthOf(row: number): number {
    const edge = Math.min(89.9, Math.max(Math.abs(row), Math.abs(row + 1)) * this.cellLatDeg);
    return this.cellM / metresPerRad(edge).eastM / RAD;
  }

  private cellOf(lat: number, lon: number): number {
    const row = this.rowOf(lat);
    const col = Math.floor((lon + 180) / this.lonWidthDeg(row));
    return row * 1_000_000 + col;
  }

  private update(track: Track, out: EncounterRecord[]): void {
    let slot = this.slots.get(track.trackId);
    const cell = this.cellOf(track.lat, track.lon);
    const dark = track.transponder !== 'on';
    if (!slot) {
      slot = { track, cell, dark, history: [], pairs: new Set() };
      this.slots.set(track.trackId, slot);
      this.addToCell(this.grid, slot, cell);
      if (dark) {
        this.addToCell(this.darkGrid, slot, cell);
        this.darkSlots.add(slot);
      }
    } else {
      slot.track = track;
      if (slot.cell !== cell || slot.dark !== dark) {
        this.removeFromCell(this.grid, slot, slot.cell);
        if (slot.dark) this.removeFromCell(this.darkGrid, slot, slot.cell);
        slot.cell = cell;
        slot.dark = dark;
        this.addToCell(this.grid, slot, cell);
        if (dark) this.addToCell(this.darkGrid, slot, cell);
        if (dark) this.darkSlots.add(slot);
        else this.darkSlots.delete(slot);
      }
    }
    if (track.icao !== undefined) slot.icao = track.icao;
    if (track.callsign !== undefined) slot.callsign = track.callsign;
    this.remember(slot, track);
    if (!this.eligible(track)) return;

    this.cosLat = Math.cos(track.lat * RAD);
    if (track.transponder === 'on') {
      this.scanned.length = 0;
      this.scan(slot, this.grid, 1, 0, out);
      // Dark neighbours count out to the wider volume. They are usually few: then each is checked directly
      // (the quick pre-filter rejects the far ones); otherwise they have a grid of their own.
      if (this.darkRings > 1 && this.darkSlots.size > 0) {
        if (this.darkSlots.size <= DIRECT_DARK_MAX) {
          for (const d of this.darkSlots) if (d !== slot && !this.scanned.includes(d.cell)) this.evaluate(slot, d, out);
        } else this.scan(slot, this.darkGrid, this.darkRings, 2, out);
      }
    } else this.scan(slot, this.grid, this.darkRings, 0, out);
  }

  /** Evaluates the slot against the tracks of a grid within `rings` rings of cells, leaving out rings below `from`. */
  private scan(slot: Slot, grid: Map<number, Slot[]>, rings: number, from: number, out: EncounterRecord[]): void {
    const track = slot.track;
    const row = this.rowOf(track.lat);
    for (let r = row - rings; r <= row + rings; r++) {
      const w = this.lonWidthDeg(r);
      const col = Math.floor((track.lon + 180) / w);
      for (let c = col - rings; c <= col + rings; c++) {
        if (Math.max(Math.abs(r - row), Math.abs(c - col)) < from) continue;
        const key = r * 1_000_000 + c;
        if (rings === 1) this.scanned.push(key);
        const list = grid.get(key);
        if (!list) continue;
        for (const other of list) if (other !== slot) this.evaluate(slot, other, out);
      }
    }
  }

  private eligible(t: Track): boolean {
    if (t.onGround === true || t.status === 'tentative') return false;
    return t.altM === undefined || t.altM >= this.lim.minAltM;
  }

  private remember(slot: Slot, t: Track): void {
    if (this.lim.evidenceMs <= 0) return;
    const h = slot.history;
    h.push(t); // the tracker's states are values: keep the reference, copy only what a report needs at the end
    // Trim in batches so that the work per update stays constant on average.
    const keepFrom = t.timeMs - this.lim.evidenceMs - this.lim.closeAfterMs;
    if (h.length > 64 && h[(h.length / 2) | 0].timeMs < keepFrom) {
      let k = 0;
      while (k < h.length && h[k].timeMs < keepFrom) k++;
      h.splice(0, k);
    }
  }

  /** Evaluates the pair of the updated slot x and a neighbour y at x's time. */
  private evaluate(x: Slot, y: Slot, out: EncounterRecord[]): void {
    const tx = x.track;
    const ty = y.track;
    if (!this.lim.pairs.has(pairKey(tx.category, ty.category))) return;
    if (!this.eligible(ty)) return;
    const dtMs = tx.timeMs - ty.timeMs;
    if (dtMs < 0 || dtMs > this.lim.maxExtrapolationMs) return;
    {
      // Quick pre-filter before any geodesy or lookup: too far apart to matter (an open encounter of such a
      // pair is closed by the sweep once it has been outside for closeAfterS).
      const dark = tx.transponder !== 'on' || ty.transponder !== 'on';
      const limV = dark ? this.lim.darkVertM : this.lim.vertM;
      const limH = dark ? this.lim.darkHorizM : this.lim.horizM;
      if (tx.altM !== undefined && ty.altM !== undefined && Math.abs(tx.altM - ty.altM) > limV + QUICK_MARGIN_V_M) return;
      const dn = (ty.lat - tx.lat) * QUICK_M_PER_DEG;
      const de = (ty.lon - tx.lon) * QUICK_M_PER_DEG * this.cosLat;
      if (dn * dn + de * de > 4 * limH * limH) return;
    }
    const known = tx.trackId < ty.trackId ? this.pairs.get(tx.trackId)?.get(ty.trackId) : this.pairs.get(ty.trackId)?.get(tx.trackId);
    let yLat = ty.lat;
    let yLon = ty.lon;
    let yAlt = ty.altM;
    if (dtMs > 0) {
      const p = extrapolate(ty.lat, ty.lon, ty.velEastMps, ty.velNorthMps, dtMs / 1000);
      yLat = p.lat;
      yLon = p.lon;
      if (yAlt !== undefined) yAlt += (ty.vrMps * dtMs) / 1000;
    }
    const xIsA = tx.trackId < ty.trackId;
    const [aSlot, bSlot] = xIsA ? [x, y] : [y, x];
    const aLat = xIsA ? tx.lat : yLat;
    const aLon = xIsA ? tx.lon : yLon;
    const bLat = xIsA ? yLat : tx.lat;
    const bLon = xIsA ? yLon : tx.lon;
    const aAlt = xIsA ? tx.altM : yAlt;
    const bAlt = xIsA ? yAlt : tx.altM;
    const rel = relativeEnM(aLat, aLon, bLat, bLon, this.scratch);
    const horizM = Math.hypot(rel.e, rel.n);
    const dark = tx.transponder !== 'on' || ty.transponder !== 'on';
    const limH = dark ? this.lim.darkHorizM : this.lim.horizM;

    let pair = known;
    if (!pair) {
      if (horizM > 1.5 * limH) return;
      let byB = this.pairs.get(aSlot.track.trackId);
      pair = { a: aSlot, b: bSlot, lastEvalMs: tx.timeMs, open: false, startMs: 0, lastInsideMs: 0, sensors: new Set() };
      if (!byB) {
        byB = new Map();
        this.pairs.set(aSlot.track.trackId, byB);
      }
      byB.set(bSlot.track.trackId, pair);
      aSlot.pairs.add(pair);
      bSlot.pairs.add(pair);
    }
    const u = aAlt !== undefined && bAlt !== undefined ? bAlt - aAlt : Number.NaN;
    const sample: Sample = {
      tMs: tx.timeMs,
      e: rel.e,
      n: rel.n,
      u,
      aLat,
      aLon,
      bLat,
      bLon,
      // For the ACAS altitude band: the mean, or the one altitude known.
      altMeanM: aAlt !== undefined && bAlt !== undefined ? (aAlt + bAlt) / 2 : (aAlt ?? bAlt ?? Number.NaN),
      a: aSlot.track,
      b: bSlot.track,
    };
    pair.lastEvalMs = tx.timeMs;
    if (pair.last && pair.last.tMs === sample.tMs) {
      // A fresher view of the same instant (the other member has now updated too): replace, do not commit.
      pair.last = sample;
      if (!pair.prev) this.commitPoint(pair, sample);
      return;
    }
    if (pair.last) {
      if (pair.prev) this.commitSegment(pair, pair.prev, pair.last);
      else this.commitPoint(pair, pair.last);
    }
    // No interpolation across a pause in the pair's sampling (apart for a while, or a member stale).
    pair.prev = pair.last && sample.tMs - pair.last.tMs <= this.lim.maxExtrapolationMs ? pair.last : undefined;
    pair.last = sample;
    if (pair.open && !this.inside(sample) && sample.tMs - pair.lastInsideMs > this.lim.closeAfterMs) {
      if (pair.prev) this.commitSegment(pair, pair.prev, sample);
      out.push(this.close(pair));
      this.forget(pair);
    }
  }

  private limitsFor(s: Sample): { h: number; v: number } {
    const dark = s.a.transponder !== 'on' || s.b.transponder !== 'on';
    return dark ? { h: this.lim.darkHorizM, v: this.lim.darkVertM } : { h: this.lim.horizM, v: this.lim.vertM };
  }

  private inside(s: Sample): boolean {
    const l = this.limitsFor(s);
    return Math.hypot(s.e, s.n) < l.h && (Number.isNaN(s.u) || Math.abs(s.u) < l.v);
  }

  private commitPoint(pair: Pair, s: Sample): void {
    const horizM = Math.hypot(s.e, s.n);
    const vertM = Math.abs(s.u);
    const gapS = Math.max(s.tMs - s.a.lastUpdateMs, s.tMs - s.b.lastUpdateMs) / 1000;
    this.consider(pair, s, s.tMs, horizM, vertM, (s.aLat + s.bLat) / 2, (s.aLon + s.bLon) / 2, s, gapS, s.altMeanM);
  }

  /** The segment s0→s1 (linear relative motion): its closest point, and whether the pair is inside the volume. */
  private commitSegment(pair: Pair, s0: Sample, s1: Sample): void {
    const f = segmentClosestU(s0.e, s0.n, s0.u, s1.e, s1.n, s1.u);
    const lerp = (p: number, q: number) => p + f * (q - p);
    const e = lerp(s0.e, s1.e);
    const n = lerp(s0.n, s1.n);
    const u = lerp(s0.u, s1.u);
    const tMs = lerp(s0.tMs, s1.tMs);
    const lat = (lerp(s0.aLat, s1.aLat) + lerp(s0.bLat, s1.bLat)) / 2;
    const lon = (lerp(s0.aLon, s1.aLon) + lerp(s0.bLon, s1.bLon)) / 2;
    const near = f < 0.5 ? s0 : s1;
    const gapS =
      Math.max(s1.tMs - s0.tMs, near.tMs - near.a.lastUpdateMs, near.tMs - near.b.lastUpdateMs, s1.tMs - s1.a.lastUpdateMs, s1.tMs - s1.b.lastUpdateMs) / 1000;
    const alt = Number.isNaN(s0.altMeanM) || Number.isNaN(s1.altMeanM) ? Number.NaN : lerp(s0.altMeanM, s1.altMeanM);
    this.consider(pair, s0, tMs, Math.hypot(e, n), Math.abs(u), lat, lon, near, gapS, alt);
    this.consider(pair, s1, s1.tMs, Math.hypot(s1.e, s1.n), Math.abs(s1.u), (s1.aLat + s1.bLat) / 2, (s1.aLon + s1.bLon) / 2, s1, gapS, s1.altMeanM);
  }

  /** A candidate point of the pair: opens the window when inside, keeps the closest. */
  private consider(pair: Pair, ref: Sample, tMs: number, horizM: number, vertM: number, lat: number, lon: number, near: Sample, gapS: number, altM: number): void {
    const l = this.limitsFor(near);
    const inside = horizM < l.h && (Number.isNaN(vertM) || vertM < l.v);
    if (inside) {
      if (!pair.open) {
        pair.open = true;
        pair.startMs = tMs;
        pair.openRel = ref;
        pair.best = undefined;
      }
      if (tMs > pair.lastInsideMs) pair.lastInsideMs = tMs;
      for (const id of near.a.sensors) pair.sensors.add(id);
      for (const id of near.b.sensors) pair.sensors.add(id);
    }
    if (!pair.open) return;
    const slantM = Number.isNaN(vertM) ? horizM : Math.hypot(horizM, vertM);
    if (!pair.best || slantM < pair.best.slantM) pair.best = { tMs, horizM, vertM, slantM, lat, lon, near, gapS, altM };
  }

  private close(pair: Pair): EncounterRecord {
    if (pair.prev && pair.last && pair.last.tMs > (pair.best?.tMs ?? Number.NEGATIVE_INFINITY)) this.commitSegment(pair, pair.prev, pair.last);
    pair.open = false;
    const best = pair.best!;
    const s = best.near;
    const a = s.a;
    const b = s.b;
    const closureMps = Math.hypot(b.velEastMps - a.velEastMps, b.velNorthMps - a.velNorthMps);
    const acasVisible = a.transponder === 'on' && b.transponder === 'on';
    const darkTrackIds = [a, b].filter((t) => t.transponder !== 'on').map((t) => t.trackId);
    const vertKnown = !Number.isNaN(best.vertM);
    const decision = classifyRisk(
      {
        horizM: best.horizM,
        vertM: vertKnown ? best.vertM : undefined,
        slantM: best.slantM,
        closureMps,
        altM: Number.isNaN(best.altM) ? undefined : best.altM,
        acasVisible,
        dark: darkTrackIds.length > 0,
        dataGapS: best.gapS,
      },
      this.config,
    );
    const o = pair.openRel ?? s;
    const bearingAB = Math.atan2(o.e, o.n) / RAD;
    // Angle of each aircraft from the other's tail: small when one is behind the other.
    const behind = Math.min(trackDifferenceDeg(bearingAB, o.a.trackDeg + 180), trackDifferenceDeg(bearingAB + 180, o.b.trackDeg + 180));
    const member = (slot: Slot, t: Track): PairMember => ({
      trackId: t.trackId,
      ...(slot.icao !== undefined ? { icao: slot.icao } : {}),
      ...(slot.callsign !== undefined ? { callsign: slot.callsign } : {}),
      category: t.category,
      transponder: t.transponder,
    });
    const cpaMs = Math.round(best.tMs);
    const encounter: Encounter = {
      encounterId: `enc-${a.trackId}-${b.trackId}-${cpaMs}`,
      members: [member(pair.a, a), member(pair.b, b)],
      cpaMs,
      horizM: round2(best.horizM),
      ...(vertKnown ? { vertM: round2(best.vertM) } : {}),
      slantM: round2(best.slantM),
      cpaLat: round7(best.lat),
      cpaLon: round7(best.lon),
      closureMps: round2(closureMps),
      geometry: classifyGeometry(a.trackDeg, b.trackDeg, behind),
      riskClass: decision.riskClass,
      riskReason: describeRisk(decision),
      darkTrackIds,
      acasVisible,
      sensors: [...pair.sensors].sort(),
      startMs: Math.round(pair.startMs),
      endMs: Math.round(pair.lastInsideMs),
    };
    const from = pair.startMs - this.lim.evidenceMs;
    const trace = (slot: Slot): TracePoint[] =>
      slot.history
        .filter((p) => p.timeMs >= from)
        .map((t) => ({ timeMs: t.timeMs, lat: t.lat, lon: t.lon, altM: t.altM ?? Number.NaN, transponder: t.transponder, gsMps: t.gsMps, trackDeg: t.trackDeg }));
    return { encounter, decision, states: [a, b], traces: [trace(pair.a), trace(pair.b)] };
  }

  /** Closes pairs not evaluated lately (apart, stale or on the ground) and forgets idle ones. */
  private sweep(out: EncounterRecord[]): void {
    const now = this.nowMs;
    for (const byB of this.pairs.values()) {
      for (const p of byB.values()) {
        if (p.open && now - p.lastInsideMs > this.lim.closeAfterMs) {
          out.push(this.close(p));
          this.forget(p);
        } else if (!p.open && now - p.lastEvalMs > 2 * this.lim.maxExtrapolationMs) this.forget(p);
      }
    }
  }

  private forget(p: Pair): void {
    const byB = this.pairs.get(p.a.track.trackId);
    byB?.delete(p.b.track.trackId);
    if (byB && byB.size === 0) this.pairs.delete(p.a.track.trackId);
    p.a.pairs.delete(p);
    p.b.pairs.delete(p);
  }

  private remove(trackId: number, out: EncounterRecord[]): void {
    const slot = this.slots.get(trackId);
    if (!slot) return;
    for (const p of [...slot.pairs]) {
      if (p.open) out.push(this.close(p));
      this.forget(p);
    }
    this.removeFromCell(this.grid, slot, slot.cell);
    if (slot.dark) this.removeFromCell(this.darkGrid, slot, slot.cell);
    this.darkSlots.delete(slot);
    this.slots.delete(trackId);
  }

  private addToCell(grid: Map<number, Slot[]>, slot: Slot, cell: number): void {
    const list = grid.get(cell);
    if (list) list.push(slot);
    else grid.set(cell, [slot]);
  }

  private removeFromCell(grid: Map<number, Slot[]>, slot: Slot, cell: number): void {
    const list = grid.get(cell);
    if (!list) return;
    const i = list.indexOf(slot);
    if (i >= 0) {
      list[i] = list[list.length - 1];
      list.pop();
    }
    if (list.length === 0) grid.delete(cell);
  }
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;
