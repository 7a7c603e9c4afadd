// SPDX-License-Identifier: GPL-3.0-or-later
// A stand-in conflict monitor for the simulator driver, until src/safety's STCA is wired in: linear
// closest-approach prediction for pairs with at least one non-civil aircraft, on a coarse grid, with alerts
// and a closing encounter per alert. Deliberately simple; the real monitors replace it.

import type { Track } from '../fusion/track.ts';
import type { Alert, AlertEvent, Encounter, PairMember, RiskClass } from '../safety/types.ts';

const DEG = Math.PI / 180;
const R_M = 6371008.8;
/** Separation minima and look-ahead (en-route: 5 NM, 1000 ft, 2 min). */
const HORIZ_MIN_M = 5 * 1852;
const VERT_MIN_M = 1000 * 0.3048;
const LOOKAHEAD_S = 120;
/** Grid cells: about 66 km north-south, 65 km east-west at 57°N. */
const CELL_LAT_DEG = 0.6;
const CELL_LON_DEG = 1.1;

interface Open {
  alert: Alert;
  /** The closest the pair came while the alert was open. */
  minSlantM: number;
  minHorizM: number;
  minVertM?: number;
  minMs: number;
  minLat: number;
  minLon: number;
  closureMps: number;
  darkIds: number[];
  sensors: string[];
  geometry: Encounter['geometry'];
}

function member(t: Track): PairMember {
  const m: PairMember = { trackId: t.trackId, category: t.category, transponder: t.transponder };
  if (t.icao !== undefined) m.icao = t.icao;
  if (t.callsign !== undefined) m.callsign = t.callsign;
  return m;
}

function riskOf(slantM: number, horizM: number): { cls: RiskClass; reason: string } {
  if (slantM < 150) return { cls: 'A', reason: 'closest approach under 150 m: risk of collision' };
  if (horizM < 0.5 * 1852 && slantM < 500) return { cls: 'B', reason: 'closest approach under 500 m: safety not assured' };
  if (slantM < 1852) return { cls: 'C', reason: 'separation lost but more than 500 m kept: no risk of collision' };
  return { cls: 'E', reason: 'predicted conflict resolved with separation close to the minima' };
}

/** Pairwise monitor over one cycle's tracks; returns the alert events and closed encounters of the cycle. */
export class SimConflictMonitor {
  private readonly open = new Map<string, Open>();

  cycle(tracks: readonly Track[], timeMs: number): { alerts: AlertEvent[]; encounters: Encounter[] } {
    const alerts: AlertEvent[] = [];
    const encounters: Encounter[] = [];
    const grid = new Map<number, Track[]>();
    const key = (a: number, b: number) => a * 100_000 + b;
    for (const t of tracks) {
      if (t.onGround || t.altM === undefined) continue;
      const k = key(Math.floor(t.lat / CELL_LAT_DEG), Math.floor(t.lon / CELL_LON_DEG));
      const cell = grid.get(k);
      if (cell) cell.push(t);
      else grid.set(k, [t]);
    }
    const seen = new Set<string>();
    for (const [k, cell] of grid) {
      const ci = Math.floor(k / 100_000);
      const cj = k - ci * 100_000;
      for (let di = 0; di <= 1; di++) {
        for (let dj = -1; dj <= 1; dj++) {
          if (di === 0 && dj < 0) continue;
          const other = grid.get(key(ci + di, cj + dj));
          if (!other) continue;
          for (let a = 0; a < cell.length; a++) {
            for (let b = other === cell ? a + 1 : 0; b < other.length; b++) {
              this.pair(cell[a], other[b], timeMs, alerts, seen);
            }
          }
        }
      }
    }
    for (const [id, o] of this.open) {
      if (seen.has(id)) continue;
      this.open.delete(id);
      alerts.push({ type: 'end', alertId: id, timeMs });
      const risk = riskOf(o.minSlantM, o.minHorizM);
      const [m1, m2] = o.alert.members;
      const enc: Encounter = {
        encounterId: `enc-${m1.trackId}-${m2.trackId}-${o.minMs}`,
        members: o.alert.members,
        cpaMs: o.minMs,
        horizM: o.minHorizM,
        slantM: o.minSlantM,
        cpaLat: o.minLat,
        cpaLon: o.minLon,
        closureMps: o.closureMps,
        geometry: o.geometry,
        riskClass: risk.cls,
        riskReason: risk.reason,
        darkTrackIds: o.darkIds,
        acasVisible: m1.transponder === 'on' && m2.transponder === 'on',
        sensors: o.sensors,
        startMs: o.alert.startMs,
        endMs: timeMs,
      };
      if (o.minVertM !== undefined) enc.vertM = o.minVertM;
      encounters.push(enc);
    }
    return { alerts, encounters };
  }

  private pair(p: Track, q: Track, timeMs: number, out: AlertEvent[], seen: Set<string>): void {
    if (p.category === 'civil' && q.category === 'civil') return;
    const [a, b] = p.trackId < q.trackId ? [p, q] : [q, p];
    // Local flat frame at a: east/north metres of b relative to a.
    const cosLat = Math.cos(a.lat * DEG);
    const x = (b.lon - a.lon) * DEG * R_M * cosLat;
    const y = (b.lat - a.lat) * DEG * R_M;
    const vx = b.velEastMps - a.velEastMps;
    const vy = b.velNorthMps - a.velNorthMps;
    const horizNowM = Math.hypot(x, y);
    const vertNowM = Math.abs((b.altM ?? 0) - (a.altM ?? 0));
    const v2 = vx * vx + vy * vy;
    const tcpaS = v2 > 0 ? Math.max(0, -(x * vx + y * vy) / v2) : 0;
    const t = Math.min(tcpaS, LOOKAHEAD_S);
    const dcpaM = Math.hypot(x + vx * t, y + vy * t);
    const vertCpaM = Math.abs((b.altM ?? 0) + b.vrMps * t - ((a.altM ?? 0) + a.vrMps * t));
    const losNow = horizNowM < HORIZ_MIN_M && vertNowM < VERT_MIN_M;
    const predicted = tcpaS <= LOOKAHEAD_S && dcpaM < HORIZ_MIN_M && vertCpaM < VERT_MIN_M;
    if (!losNow && !predicted) return;
    const prefix = `stca-${a.trackId}-${b.trackId}-`;
    let open: Open | undefined;
    let id: string | undefined;
    for (const [k, o] of this.open) {
      if (k.startsWith(prefix)) {
        open = o;
        id = k;
        break;
      }
    }
    const cpaLat = (a.lat + b.lat) / 2 + ((a.velNorthMps + b.velNorthMps) / 2) * (t / (DEG * R_M));
    const cpaLon = (a.lon + b.lon) / 2 + ((a.velEastMps + b.velEastMps) / 2) * (t / (DEG * R_M * cosLat));
    const alert: Alert = {
      alertId: id ?? `${prefix}${timeMs}`,
      members: [member(a), member(b)],
      severity: losNow || tcpaS <= LOOKAHEAD_S / 2 ? 'high' : 'low',
      timeMs,
      startMs: open?.alert.startMs ?? timeMs,
      tcpaS: Math.round(tcpaS * 10) / 10,
      dcpaM: Math.round(dcpaM),
      vertCpaM: Math.round(vertCpaM),
      horizNowM: Math.round(horizNowM),
      vertNowM: Math.round(vertNowM),
      cpaLat,
      cpaLon,
      losNow,
    };
    seen.add(alert.alertId);
    const slantM = Math.hypot(horizNowM, vertNowM);
    if (!open) {
      const relTrk = Math.abs(((a.trackDeg - b.trackDeg + 540) % 360) - 180);
      open = {
        alert,
        minSlantM: slantM,
        minHorizM: horizNowM,
        minVertM: vertNowM,
        minMs: timeMs,
        minLat: (a.lat + b.lat) / 2,
        minLon: (a.lon + b.lon) / 2,
        closureMps: 0,
        darkIds: [],
        sensors: [],
        geometry: relTrk > 135 ? 'head-on' : relTrk < 45 ? 'overtaking' : 'crossing',
      };
      this.open.set(alert.alertId, open);
      out.push({ type: 'new', alert });
    } else {
      open.alert = alert;
      out.push({ type: 'update', alert });
    }
    if (slantM <= open.minSlantM) {
      open.minSlantM = slantM;
      open.minHorizM = horizNowM;
      open.minVertM = vertNowM;
      open.minMs = timeMs;
      open.minLat = (a.lat + b.lat) / 2;
      open.minLon = (a.lon + b.lon) / 2;
      // At the closest point the range rate is zero; the closure reported is the relative horizontal speed.
      open.closureMps = Math.hypot(vx, vy);
      open.darkIds = [a, b].filter((m) => m.transponder !== 'on').map((m) => m.trackId);
      open.sensors = [...new Set([...a.sensors, ...b.sensors])].sort();
    }
  }
}
