// SPDX-License-Identifier: GPL-3.0-or-later
// The alert lifecycle: a pair's alert is raised once it conflicts in m of the last n cycles, updated while it
// conflicts, and ended after k consecutive cycles without conflict (hysteresis), so alerts do not flicker.

import type { Track } from '../../fusion/track.ts';
import type { Alert, AlertEvent, PairMember } from '../types.ts';
import { type ConflictSet, FLAG_CONFLICT } from './detect.ts';
import { EARTH_RADIUS_M } from './model.ts';
import { CATEGORIES, type StcaSnapshot, TRANSPONDERS } from './snapshot.ts';

const RAD = Math.PI / 180;

export interface LifecycleOptions {
  /** Raise after `m` conflicting cycles among the last `n`. */
  m: number;
  n: number;
  /** End after this many consecutive cycles without conflict. */
  endAfterCycles: number;
  /** The detector's look-ahead, s: severity is high when separation is lost within half of it. */
  lookaheadS: number;
}

interface PairState {
  key: number | string;
  /** Conflict history, newest cycle in bit 0. */
  history: number;
  confirmed: boolean;
  misses: number;
  seenCycle: number;
  alertId: string;
  startMs: number;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

/** Per-pair confirmation and hysteresis over successive detection cycles; emits AlertEvents. */
export class AlertLifecycle {
  private readonly pairs = new Map<number | string, PairState>();
  private cycleNo = 0;
  private readonly mask: number;

  constructor(private readonly opt: LifecycleOptions) {
    if (!(opt.m >= 1 && opt.m <= opt.n && opt.n <= 31 && opt.endAfterCycles >= 1)) {
      throw new RangeError('lifecycle: need 1 <= m <= n <= 31 and endAfterCycles >= 1');
    }
    this.mask = opt.n === 31 ? 0x7fffffff : (1 << opt.n) - 1;
  }

  /** Number of pairs with an alert raised now. */
  get activeAlerts(): number {
    let c = 0;
    for (const p of this.pairs.values()) if (p.confirmed) c++;
    return c;
  }

  /**
   * One cycle at `timeMs`: the pairs in `set` flagged as conflicts (loss of separation alone does not count in
   * BlueSky mode; in STCA mode a current loss is a conflict) feed the lifecycle. `tracks` (the array the snapshot was
   * built from) gives the members' identity; without it, identity comes from the snapshot's codes.
   */
  update(timeMs: number, set: ConflictSet, s: StcaSnapshot, tracks?: readonly Track[]): AlertEvent[] {
    const cycle = ++this.cycleNo;
    const events: AlertEvent[] = [];
    for (let k = 0; k < set.count; k++) {
      if ((set.flags[k] & FLAG_CONFLICT) === 0) continue;
      const i = set.i[k];
      const j = set.j[k];
      const a = Math.min(s.trackId[i], s.trackId[j]);
      const b = Math.max(s.trackId[i], s.trackId[j]);
      const key = pairKey(a, b);
      let st = this.pairs.get(key);
      if (!st) {
        st = { key, history: 0, confirmed: false, misses: 0, seenCycle: 0, alertId: '', startMs: 0 };
        this.pairs.set(key, st);
      }
      st.history = ((st.history << 1) | 1) & this.mask;
      st.seenCycle = cycle;
      st.misses = 0;
      if (!st.confirmed && popcount(st.history) >= this.opt.m) {
        st.confirmed = true;
        st.startMs = timeMs;
        st.alertId = `stca-${a}-${b}-${timeMs}`;
        events.push({ type: 'new', alert: this.alert(timeMs, st, set, k, s, tracks) });
      } else if (st.confirmed) {
        events.push({ type: 'update', alert: this.alert(timeMs, st, set, k, s, tracks) });
      }
    }
    for (const st of this.pairs.values()) {
      if (st.seenCycle === cycle) continue;
      st.history = (st.history << 1) & this.mask;
      if (st.confirmed) {
        if (++st.misses >= this.opt.endAfterCycles) {
          events.push({ type: 'end', alertId: st.alertId, timeMs });
          this.pairs.delete(st.key);
        }
      } else if (st.history === 0) {
        this.pairs.delete(st.key);
      }
    }
    return events;
  }

  private alert(timeMs: number, st: PairState, set: ConflictSet, k: number, s: StcaSnapshot, tracks?: readonly Track[]): Alert {
    const swap = s.trackId[set.i[k]] > s.trackId[set.j[k]];
    const i = swap ? set.j[k] : set.i[k];
    const j = swap ? set.i[k] : set.j[k];
    const tcpa = Math.max(set.tcpaS[k], 0);
    const dcpa = set.tcpaS[k] > 0 ? set.dcpaM[k] : set.horizNowM[k];
    const dAlt = set.dAltM[k];
    const los = (set.flags[k] & 2) !== 0;
    const latMid0 = (s.lat[i] + s.lat[j]) / 2;
    const lonMid0 = (s.lon[i] + s.lon[j]) / 2;
    const vn = (s.velNorthMps[i] + s.velNorthMps[j]) / 2;
    const ve = (s.velEastMps[i] + s.velEastMps[j]) / 2;
    const cpaLat = latMid0 + (vn * tcpa) / EARTH_RADIUS_M / RAD;
    const cpaLon = lonMid0 + (ve * tcpa) / (EARTH_RADIUS_M * Math.cos(latMid0 * RAD)) / RAD;
    // One object shape for every alert (fields without a value are undefined, which JSON leaves out).
    const known = !Number.isNaN(dAlt);
    return {
      alertId: st.alertId,
      members: [member(s, i, tracks), member(s, j, tracks)],
      severity: los || set.tInS[k] <= this.opt.lookaheadS / 2 ? 'high' : 'low',
      timeMs,
      startMs: st.startMs,
      tcpaS: round(tcpa, 10),
      dcpaM: round(dcpa, 1),
      vertCpaM: known ? round(Math.abs(dAlt + set.dVsMps[k] * tcpa), 1) : undefined,
      horizNowM: round(set.horizNowM[k], 1),
      vertNowM: known ? round(Math.abs(dAlt), 1) : undefined,
      cpaLat: round(cpaLat, 1e6),
      cpaLon: round(cpaLon, 1e6),
      losNow: los,
    };
  }
}

/** A Map key for the pair: one number for the usual small integer track ids, a string otherwise. */
function pairKey(a: number, b: number): number | string {
  return a >= 0 && b >= 0 && a < 0x4000000 && b < 0x4000000 && Number.isInteger(a) && Number.isInteger(b) ? a * 0x4000000 + b : `${a}-${b}`;
}

function round(x: number, per: number): number {
  return Math.round(x * per) / per;
}

function member(s: StcaSnapshot, i: number, tracks?: readonly Track[]): PairMember {
  const t = tracks?.[s.source[i]];
  if (t) return { trackId: t.trackId, icao: t.icao, callsign: t.callsign, category: t.category, transponder: t.transponder };
  return { trackId: s.trackId[i], icao: undefined, callsign: undefined, category: CATEGORIES[s.category[i]], transponder: TRANSPONDERS[s.transponder[i]] };
}
