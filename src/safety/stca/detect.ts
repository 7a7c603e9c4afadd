// SPDX-License-Identifier: GPL-3.0-or-later
// One STCA detection over a snapshot: swept boxes in a spatial grid find the candidate pairs, the pair model
// (model.ts) decides. Pure: same snapshot and rules, same pairs in the same order. Buffers are reused across cycles.

import { BoxGrid } from '../grid.ts';
import { inZone, type ResolvedZone, type StcaRules } from './config.ts';
import { EARTH_RADIUS_M, evaluateBlueskyPair, evaluateStcaPair, PairResult } from './model.ts';
import { XPDR_ON, type StcaSnapshot } from './snapshot.ts';

export type StcaModel = 'stca' | 'bluesky';

export const FLAG_CONFLICT = 1;
export const FLAG_LOS = 2;

const RAD = Math.PI / 180;
const NO_ZONES: readonly ResolvedZone[] = [];

/** The pairs found, sorted by (i, j) with i < j (snapshot indices), as structure-of-arrays. */
export class ConflictSet {
  count = 0;
  i = new Int32Array(0);
  j = new Int32Array(0);
  /** FLAG_CONFLICT (predicted or current loss within the look-ahead) and FLAG_LOS (separation lost now). */
  flags = new Uint8Array(0);
  tcpaS = new Float64Array(0);
  dcpaM = new Float64Array(0);
  tInS = new Float64Array(0);
  tOutS = new Float64Array(0);
  horizNowM = new Float64Array(0);
  /** alt_j − alt_i and its rate (NaN when an altitude is unknown). */
  dAltM = new Float64Array(0);
  dVsMps = new Float64Array(0);
  /** The protected volume the pair was judged with. */
  rpzM = new Float64Array(0);
  hpzM = new Float64Array(0);
  private order = new Int32Array(0);
  private scratch = new Float64Array(0);
  private bucket = new Int32Array(0);

  clear(): void {
    this.count = 0;
  }

  push(i: number, j: number, r: PairResult, rpzM: number, hpzM: number): void {
    if (this.count === this.i.length) this.grow();
    const k = this.count++;
    this.i[k] = i;
    this.j[k] = j;
    this.flags[k] = (r.conflict ? FLAG_CONFLICT : 0) | (r.losNow ? FLAG_LOS : 0);
    this.tcpaS[k] = r.tcpaS;
    this.dcpaM[k] = r.dcpaM;
    this.tInS[k] = r.tInS;
    this.tOutS[k] = r.tOutS;
    this.horizNowM[k] = r.horizNowM;
    this.dAltM[k] = r.dAltM;
    this.dVsMps[k] = r.dVsMps;
    this.rpzM[k] = rpzM;
    this.hpzM[k] = hpzM;
  }

  /** Sorts the records by (i, j): counting sort on i (n = number of aircraft), insertion sort on j within each i. */
  sort(n: number): void {
    const count = this.count;
    if (this.order.length < count || this.bucket.length < n + 1) {
      this.order = new Int32Array(Math.max(this.i.length, count));
      this.scratch = new Float64Array(Math.max(this.i.length, count));
      this.bucket = new Int32Array(Math.max(n + 1, 2 * this.bucket.length));
    }
    const bucket = this.bucket;
    bucket.fill(0, 0, n + 1);
    const ii = this.i;
    const jj = this.j;
    for (let k = 0; k < count; k++) bucket[ii[k] + 1]++;
    for (let a = 0; a < n; a++) bucket[a + 1] += bucket[a];
    const order = this.order;
    for (let k = 0; k < count; k++) order[bucket[ii[k]]++] = k;
    // bucket[a] is now the end of i = a's run; runs are short, sort each on j by insertion.
    let runStart = 0;
    for (let a = 0; a < n; a++) {
      const end = bucket[a];
      for (let p = runStart + 1; p < end; p++) {
        const v = order[p];
        let q = p - 1;
        while (q >= runStart && jj[order[q]] > jj[v]) {
          order[q + 1] = order[q];
          q--;
        }
        order[q + 1] = v;
      }
      runStart = end;
    }
    const sc = this.scratch;
    const permute = (arr: Int32Array | Uint8Array | Float64Array): void => {
      for (let k = 0; k < count; k++) sc[k] = arr[order[k]];
      for (let k = 0; k < count; k++) arr[k] = sc[k];
    };
    permute(this.i);
    permute(this.j);
    permute(this.flags);
    permute(this.tcpaS);
    permute(this.dcpaM);
    permute(this.tInS);
    permute(this.tOutS);
    permute(this.horizNowM);
    permute(this.dAltM);
    permute(this.dVsMps);
    permute(this.rpzM);
    permute(this.hpzM);
  }

  private grow(): void {
    const cap = Math.max(64, 2 * this.i.length);
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a as never);
      return b;
    };
    const f = (n: number) => new Float64Array(n);
    this.i = g(this.i, (n) => new Int32Array(n));
    this.j = g(this.j, (n) => new Int32Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
    this.tcpaS = g(this.tcpaS, f);
    this.dcpaM = g(this.dcpaM, f);
    this.tInS = g(this.tInS, f);
    this.tOutS = g(this.tOutS, f);
    this.horizNowM = g(this.horizNowM, f);
    this.dAltM = g(this.dAltM, f);
    this.dVsMps = g(this.dVsMps, f);
    this.rpzM = g(this.rpzM, f);
    this.hpzM = g(this.hpzM, f);
  }
}

/** Per-pair policy shared by the grid detector and the exhaustive reference: which pairs count, with what volume. */
export class PairPolicy {
  /** Zone index of each aircraft (−1: none), refreshed by `prepare`. */
  zoneOf = new Int16Array(0);
  rpzM = 0;
  hpzM = 0;

  constructor(
    readonly rules: StcaRules,
    readonly model: StcaModel,
  ) {}

  prepare(s: StcaSnapshot): void {
    if (this.zoneOf.length < s.n) this.zoneOf = new Int16Array(Math.max(s.n, 2 * this.zoneOf.length));
    const zones = this.model === 'bluesky' ? NO_ZONES : this.rules.zones;
    for (let i = 0; i < s.n; i++) {
      let z = -1;
      for (let k = 0; k < zones.length; k++) {
        if (inZone(zones[k], s.lat[i], s.lon[i])) {
          z = k;
          break;
        }
      }
      this.zoneOf[i] = z;
    }
  }

  /**
   * Categories whose cooperative tracks never alert among themselves, as a bit set (bit c for CATEGORIES[c]); 0 when
   * every pair may alert (BlueSky mode, allPairs). Built greedily: a category joins when it alerts neither with
   * itself nor with any category already in the set.
   */
  passiveCategories(): number {
    const r = this.rules;
    if (this.model === 'bluesky' || r.allPairs) return 0;
    let set = 0;
    for (let c = 0; c < 4; c++) {
      let ok = r.pairAlerts[c * 4 + c] === 0;
      for (let d = 0; d < 4 && ok; d++) if (set & (1 << d) && r.pairAlerts[c * 4 + d] !== 0) ok = false;
      if (ok) set |= 1 << c;
    }
    return set;
  }

  /** Whether track i is passive: its category is in `passive` and it is not a dark track that always counts. */
  isPassive(s: StcaSnapshot, i: number, passive: number): boolean {
    if ((passive & (1 << s.category[i])) === 0) return false;
    return s.transponder[i] === XPDR_ON || !this.rules.darkAlwaysAlerts;
  }

  /** Whether the pair counts; sets `rpzM`/`hpzM` to its volume when it does. */
  admit(s: StcaSnapshot, i: number, j: number): boolean {
    const r = this.rules;
    if (this.model === 'bluesky') {
      this.rpzM = r.rpzM;
      this.hpzM = r.hpzM;
      return true;
    }
    const cat = s.category[i] * 4 + s.category[j];
    const dark = s.transponder[i] !== XPDR_ON || s.transponder[j] !== XPDR_ON;
    if (!r.allPairs && r.pairAlerts[cat] === 0 && !(dark && r.darkAlwaysAlerts)) return false;
    const pr = r.pairRpzM[cat];
    if (!Number.isNaN(pr)) {
      this.rpzM = pr;
      this.hpzM = r.pairHpzM[cat];
      if (dark) this.widenForDark();
      return true;
    }
    const zi = this.zoneOf[i];
    const zj = this.zoneOf[j];
    // Each aircraft takes its zone's volume (or the default); the pair takes the larger of the two.
    const ri = zi >= 0 ? r.zones[zi].rpzM : r.rpzM;
    const rj = zj >= 0 ? r.zones[zj].rpzM : r.rpzM;
    const hi = zi >= 0 ? r.zones[zi].hpzM : r.hpzM;
    const hj = zj >= 0 ? r.zones[zj].hpzM : r.hpzM;
    this.rpzM = Math.max(ri, rj);
    this.hpzM = Math.max(hi, hj);
    if (dark) this.widenForDark();
    return true;
  }

  private widenForDark(): void {
    this.rpzM = Math.max(this.rpzM, this.rules.darkRpzM);
    this.hpzM = Math.max(this.hpzM, this.rules.darkHpzM);
  }

  /** The model's verdict for an admitted pair (volume from the last `admit`). */
  evaluate(s: StcaSnapshot, i: number, j: number, out: PairResult): boolean {
    return this.model === 'bluesky'
      ? evaluateBlueskyPair(s, i, j, this.rpzM, this.hpzM, this.rules.lookaheadS, out)
      : evaluateStcaPair(s, i, j, this.rpzM, this.hpzM, this.rules.lookaheadS, out);
  }
}

/**
 * The grid detector. Each aircraft gets the box its linear path sweeps over the look-ahead (lat/lon degrees; the
 * longitude scale uses the smallest cos(lat) of the snapshot, so a box is never too small for any pair's mean
 * latitude), padded by half the largest protected radius; vertically its altitude band over the look-ahead, padded
 * by half the largest vertical volume (unbounded for an unknown altitude). A pair can meet the model's conflict test
 * only if the two boxes overlap, so the grid's overlapping pairs (or, when some tracks can only alert against others,
 * the others' box queries) are the only candidates; tests check the result against the exhaustive reference.
 */
export class StcaDetector {
  readonly policy: PairPolicy;
  readonly grid = new BoxGrid();
  /** Candidate pairs from the grid in the last cycle (for statistics). */
  candidates = 0;
  private minX = new Float64Array(0);
  private minY = new Float64Array(0);
  private maxX = new Float64Array(0);
  private maxY = new Float64Array(0);
  private minZ = new Float64Array(0);
  private maxZ = new Float64Array(0);
  private readonly pair = new PairResult();
  private near: Int32Array = new Int32Array(64);

  constructor(rules: StcaRules, model: StcaModel = 'stca') {
    this.policy = new PairPolicy(rules, model);
  }

  detect(s: StcaSnapshot, out = new ConflictSet()): ConflictSet {
    out.clear();
    const n = s.n;
    this.ensure(n);
    const policy = this.policy;
    const rules = policy.rules;
    policy.prepare(s);
    const T = rules.lookaheadS;
    let maxAbsLat = 0;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(s.lat[i]);
      if (a > maxAbsLat) maxAbsLat = a;
    }
    const cosMin = Math.cos(Math.min(89.9, maxAbsLat + 1e-6) * RAD);
    // Half the largest radius each, plus 1 m for rounding and T·1 mm/s for BlueSky's dv2 clamp (which lets a nearly
    // static pair count from up to that far outside rpz).
    const padM = 0.5 * rules.maxRpzM * (1 + 1e-9) + 1 + T * 1e-3;
    const mPerDegLat = EARTH_RADIUS_M * RAD;
    const mPerDegLon = mPerDegLat * cosMin;
    const padLat = padM / mPerDegLat;
    const padLon = padM / mPerDegLon;
    const padZ = 0.5 * rules.maxHpzM + 1;
    for (let i = 0; i < n; i++) {
      const ve = s.velEastMps[i] * T;
      const vn = s.velNorthMps[i] * T;
      const lon = s.lon[i];
      const lat = s.lat[i];
      this.minX[i] = lon + Math.min(ve, 0) / mPerDegLon - padLon;
      this.maxX[i] = lon + Math.max(ve, 0) / mPerDegLon + padLon;
      this.minY[i] = lat + Math.min(vn, 0) / mPerDegLat - padLat;
      this.maxY[i] = lat + Math.max(vn, 0) / mPerDegLat + padLat;
      const alt = s.altM[i];
      if (!Number.isNaN(alt)) {
        const dz = s.vrMps[i] * T;
        this.minZ[i] = alt + Math.min(dz, 0) - padZ;
        this.maxZ[i] = alt + Math.max(dz, 0) + padZ;
      } else {
        this.minZ[i] = -Infinity;
        this.maxZ[i] = Infinity;
      }
    }
    const grid = this.grid;
    grid.build(n, this.minX, this.minY, this.maxX, this.maxY, this.minZ, this.maxZ);
    const r = this.pair;
    const passive = policy.passiveCategories();
    if (passive === 0) {
      // Every pair may alert: all overlapping boxes.
      const count = grid.overlappingPairs();
      this.candidates = count;
      const pa = grid.pairA;
      const pb = grid.pairB;
      for (let k = 0; k < count; k++) {
        const i = pa[k];
        const j = pb[k];
        if (!policy.admit(s, i, j)) continue;
        if (policy.evaluate(s, i, j, r)) out.push(i, j, r, policy.rpzM, policy.hpzM);
      }
    } else {
      // Pairs of two passive tracks (by default: civil with transponder on) never alert, so only the other tracks
      // look for neighbours; a pair of two active tracks is taken from its lower index.
      let candidates = 0;
      for (let i = 0; i < n; i++) {
        if (policy.isPassive(s, i, passive)) continue;
        const q = grid.query(this.minX[i], this.minY[i], this.maxX[i], this.maxY[i], this.near, this.minZ[i], this.maxZ[i]);
        this.near = q.out;
        for (let k = 0; k < q.count; k++) {
          const j = q.out[k];
          if (j === i || (j < i && !policy.isPassive(s, j, passive))) continue;
          candidates++;
          const a = Math.min(i, j);
          const b = Math.max(i, j);
          if (!policy.admit(s, a, b)) continue;
          if (policy.evaluate(s, a, b, r)) out.push(a, b, r, policy.rpzM, policy.hpzM);
        }
      }
      this.candidates = candidates;
    }
    out.sort(n);
    return out;
  }

  private ensure(n: number): void {
    if (this.minX.length >= n) return;
    const cap = Math.max(n, 2 * this.minX.length, 16);
    this.minX = new Float64Array(cap);
    this.minY = new Float64Array(cap);
    this.maxX = new Float64Array(cap);
    this.maxY = new Float64Array(cap);
    this.minZ = new Float64Array(cap);
    this.maxZ = new Float64Array(cap);
  }
}
