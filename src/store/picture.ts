// SPDX-License-Identifier: GPL-3.0-or-later
// The picture's SQLite store (better-sqlite3, WAL): downsampled track history, track ends, alerts and their
// acknowledgements, encounters, compliance events and flight notifications. The server writes one
// transaction per data second and reads the past from here (tracks at a time, history, replay).

import Database from 'better-sqlite3';
import type { Track, TrackStatus } from '../fusion/track.ts';
import type { EncounterRecord } from '../safety/encounters/detector.ts';
import type { Alert, ComplianceEvent, Encounter } from '../safety/types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS track_points (
  track_id INTEGER NOT NULL, time_ms INTEGER NOT NULL, last_update_ms INTEGER NOT NULL, status TEXT NOT NULL,
  lat REAL NOT NULL, lon REAL NOT NULL, alt_m REAL, alt_source TEXT,
  vel_east_mps REAL NOT NULL, vel_north_mps REAL NOT NULL, vr_mps REAL NOT NULL, gs_mps REAL NOT NULL, track_deg REAL NOT NULL,
  cov_ee REAL NOT NULL, cov_en REAL NOT NULL, cov_nn REAL NOT NULL,
  icao TEXT, callsign TEXT, squawk TEXT, emergency TEXT, on_ground INTEGER,
  category TEXT NOT NULL, transponder TEXT NOT NULL, sensors TEXT NOT NULL, parties TEXT NOT NULL,
  updates INTEGER NOT NULL, quality REAL NOT NULL,
  PRIMARY KEY (track_id, time_ms)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS track_points_time ON track_points (time_ms);
CREATE TABLE IF NOT EXISTS track_ends (track_id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, reason TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts (
  alert_id TEXT PRIMARY KEY, start_ms INTEGER NOT NULL, alert TEXT NOT NULL, end_ms INTEGER
);
CREATE TABLE IF NOT EXISTS alert_acks (
  alert_id TEXT NOT NULL, party TEXT NOT NULL, time_ms INTEGER NOT NULL, entry_index INTEGER NOT NULL,
  PRIMARY KEY (alert_id, entry_index)
);
CREATE TABLE IF NOT EXISTS encounters (encounter_id TEXT PRIMARY KEY, cpa_ms INTEGER NOT NULL, encounter TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS encounter_records (encounter_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS compliance (seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, event TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notifications (notification_id TEXT PRIMARY KEY, party TEXT NOT NULL, from_ms INTEGER NOT NULL, to_ms INTEGER NOT NULL, notification TEXT NOT NULL);
`;

/** One stored history point (a downsampled track state). */
export interface HistoryPoint {
  timeMs: number;
  lat: number;
  lon: number;
  altM?: number;
  gsMps: number;
  trackDeg: number;
  transponder: Track['transponder'];
}

export interface StoredAlert {
  alert: Alert;
  ended: boolean;
  endMs?: number;
  acks: { party: string; timeMs: number; entryIndex: number }[];
}

/** What the server writes at the end of a data second. */
export interface PictureBatch {
  points: readonly Track[];
  ends: readonly { trackId: number; timeMs: number; reason: string }[];
  alerts: readonly { alert: Alert; endMs?: number }[];
  encounters: readonly Encounter[];
  compliance: readonly ComplianceEvent[];
  notifications: readonly { notificationId: string; party: string; fromMs: number; toMs: number; json: string }[];
}

type Row = Record<string, number | string | null>;
type Stmt = Database.Statement<unknown[], unknown>;

const split = (s: string): string[] => (s === '' ? [] : s.split(','));

/** Rebuilds a Track from a stored row (optional fields only when stored). */
export function rowToTrack(r: Row): Track {
  const t: Track = {
    trackId: r.track_id as number,
    timeMs: r.time_ms as number,
    lastUpdateMs: r.last_update_ms as number,
    status: r.status as TrackStatus,
    lat: r.lat as number,
    lon: r.lon as number,
    velEastMps: r.vel_east_mps as number,
    velNorthMps: r.vel_north_mps as number,
    vrMps: r.vr_mps as number,
    gsMps: r.gs_mps as number,
    trackDeg: r.track_deg as number,
    posCovM2: [r.cov_ee as number, r.cov_en as number, r.cov_nn as number],
    category: r.category as Track['category'],
    transponder: r.transponder as Track['transponder'],
    sensors: split(r.sensors as string),
    parties: split(r.parties as string),
    updates: r.updates as number,
    quality: r.quality as number,
  };
  if (r.alt_m !== null) t.altM = r.alt_m as number;
  if (r.alt_source !== null) t.altSource = r.alt_source as 'baro' | 'gnss';
  if (r.icao !== null) t.icao = r.icao as string;
  if (r.callsign !== null) t.callsign = r.callsign as string;
  if (r.squawk !== null) t.squawk = r.squawk as string;
  if (r.emergency !== null) t.emergency = r.emergency as NonNullable<Track['emergency']>;
  if (r.on_ground !== null) t.onGround = r.on_ground === 1;
  return t;
}

export class PictureStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly stmt: Record<string, Stmt>;
  private readonly writeTx: (batch: PictureBatch) => void;

  constructor(path: string) {
    this.path = path;
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // History is re-derivable from the feeds; acknowledgements are durable in the ledger, which syncs each append.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const p = (sql: string) => this.db.prepare(sql);
    this.stmt = {
      point: p(`INSERT OR REPLACE INTO track_points VALUES (
        @trackId, @timeMs, @lastUpdateMs, @status, @lat, @lon, @altM, @altSource, @velEastMps, @velNorthMps, @vrMps,
        @gsMps, @trackDeg, @covEe, @covEn, @covNn, @icao, @callsign, @squawk, @emergency, @onGround, @category,
        @transponder, @sensors, @parties, @updates, @quality)`),
      end: p('INSERT OR REPLACE INTO track_ends (track_id, time_ms, reason) VALUES (?, ?, ?)'),
      alert: p(
        'INSERT INTO alerts (alert_id, start_ms, alert, end_ms) VALUES (?, ?, ?, ?) ON CONFLICT (alert_id) DO UPDATE SET alert = excluded.alert, end_ms = excluded.end_ms',
      ),
      ack: p('INSERT OR IGNORE INTO alert_acks (alert_id, party, time_ms, entry_index) VALUES (?, ?, ?, ?)'),
      encounter: p('INSERT OR REPLACE INTO encounters (encounter_id, cpa_ms, encounter) VALUES (?, ?, ?)'),
      putRecord: p('INSERT OR REPLACE INTO encounter_records (encounter_id, record) VALUES (?, ?)'),
      getRecord: p('SELECT record FROM encounter_records WHERE encounter_id = ?').pluck(),
      compliance: p('INSERT INTO compliance (time_ms, event) VALUES (?, ?)'),
      notification: p('INSERT OR REPLACE INTO notifications (notification_id, party, from_ms, to_ms, notification) VALUES (?, ?, ?, ?, ?)'),
      pointsBetween: p('SELECT * FROM track_points WHERE time_ms > ? AND time_ms <= ? ORDER BY time_ms'),
      endsBetween: p('SELECT track_id, time_ms FROM track_ends WHERE time_ms <= ?'),
      history: p('SELECT time_ms, lat, lon, alt_m, gs_mps, track_deg, transponder FROM track_points WHERE track_id = ? AND time_ms >= ? AND time_ms <= ? ORDER BY time_ms'),
      lastPoint: p('SELECT * FROM track_points WHERE track_id = ? ORDER BY time_ms DESC LIMIT 1'),
      replay: p(
        'SELECT track_id, time_ms, lat, lon, alt_m, gs_mps, track_deg, transponder, callsign, category FROM track_points WHERE time_ms >= ? AND time_ms <= ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? ORDER BY track_id, time_ms',
      ),
      alerts: p('SELECT alert, end_ms FROM alerts ORDER BY start_ms, alert_id'),
      acks: p('SELECT alert_id, party, time_ms, entry_index FROM alert_acks ORDER BY entry_index'),
      encounters: p('SELECT encounter FROM encounters ORDER BY cpa_ms, encounter_id'),
      complianceAll: p('SELECT event FROM compliance ORDER BY seq'),
      notifications: p('SELECT notification FROM notifications ORDER BY from_ms, notification_id'),
      getMeta: p('SELECT value FROM meta WHERE key = ?').pluck(),
      putMeta: p('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    };
    this.writeTx = this.db.transaction((b: PictureBatch) => {
      for (const t of b.points) this.stmt.point.run(trackParams(t));
      for (const e of b.ends) this.stmt.end.run(e.trackId, e.timeMs, e.reason);
      for (const a of b.alerts) this.stmt.alert.run(a.alert.alertId, a.alert.startMs, JSON.stringify(a.alert), a.endMs ?? null);
      for (const e of b.encounters) this.stmt.encounter.run(e.encounterId, e.cpaMs, JSON.stringify(e));
      for (const c of b.compliance) this.stmt.compliance.run(c.timeMs, JSON.stringify(c));
      for (const n of b.notifications) this.stmt.notification.run(n.notificationId, n.party, n.fromMs, n.toMs, n.json);
    });
  }

  write(batch: PictureBatch): void {
    this.writeTx(batch);
  }

  addAck(alertId: string, party: string, timeMs: number, entryIndex: number): void {
    this.stmt.ack.run(alertId, party, timeMs, entryIndex);
  }

  getMeta(key: string): string | undefined {
    return this.stmt.getMeta.get(key) as string | undefined;
  }

  putMeta(key: string, value: string): void {
    this.stmt.putMeta.run(key, value);
  }

  /**
   * The tracks at `atMs`: per track the latest stored state within `windowMs` before it, unless the track had
   * ended by then, dead-reckoned (constant velocity) from its time to `atMs`.
   */
  tracksAt(atMs: number, windowMs: number): Track[] {
    const latest = new Map<number, Row>();
    for (const r of this.stmt.pointsBetween.iterate(atMs - windowMs, atMs) as Iterable<Row>) latest.set(r.track_id as number, r);
    const ended = new Map<number, number>();
    for (const r of this.stmt.endsBetween.iterate(atMs) as Iterable<Row>) ended.set(r.track_id as number, r.time_ms as number);
    const out: Track[] = [];
    for (const [id, r] of latest) {
      const end = ended.get(id);
      if (end !== undefined && end >= (r.time_ms as number)) continue;
      out.push(deadReckon(rowToTrack(r), atMs));
    }
    return out.sort((a, b) => a.trackId - b.trackId);
  }

  history(trackId: number, fromMs: number, toMs: number): HistoryPoint[] {
    return (this.stmt.history.all(trackId, fromMs, toMs) as Row[]).map(rowToPoint);
  }

  /** Every stored point in a time window and a lat/lon box, grouped by track. */
  replay(
    fromMs: number,
    toMs: number,
    box: { minLat: number; maxLat: number; minLon: number; maxLon: number },
  ): { trackId: number; callsign?: string; category: Track['category']; points: HistoryPoint[] }[] {
    const out = new Map<number, { trackId: number; callsign?: string; category: Track['category']; points: HistoryPoint[] }>();
    for (const r of this.stmt.replay.iterate(fromMs, toMs, box.minLat, box.maxLat, box.minLon, box.maxLon) as Iterable<Row>) {
      const id = r.track_id as number;
      let t = out.get(id);
      if (!t) {
        t = { trackId: id, category: r.category as Track['category'], points: [] };
        out.set(id, t);
      }
      if (r.callsign !== null) t.callsign = r.callsign as string;
      t.points.push(rowToPoint(r));
    }
    return [...out.values()];
  }

  alerts(): StoredAlert[] {
    const acks = new Map<string, StoredAlert['acks']>();
    for (const r of this.stmt.acks.all() as Row[]) {
      const list = acks.get(r.alert_id as string) ?? [];
      list.push({ party: r.party as string, timeMs: r.time_ms as number, entryIndex: r.entry_index as number });
      acks.set(r.alert_id as string, list);
    }
    return (this.stmt.alerts.all() as Row[]).map((r) => {
      const alert = JSON.parse(r.alert as string) as Alert;
      const s: StoredAlert = { alert, ended: r.end_ms !== null, acks: acks.get(alert.alertId) ?? [] };
      if (r.end_ms !== null) s.endMs = r.end_ms as number;
      return s;
    });
  }

  /** The evidence behind an encounter's incident report (written as the encounter closes). */
  putEncounterRecord(record: EncounterRecord): void {
    this.stmt.putRecord.run(record.encounter.encounterId, JSON.stringify(record));
  }

  encounterRecord(encounterId: string): EncounterRecord | undefined {
    const json = this.stmt.getRecord.get(encounterId) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as EncounterRecord);
  }

  encounters(): Encounter[] {
    return (this.stmt.encounters.all() as Row[]).map((r) => JSON.parse(r.encounter as string) as Encounter);
  }

  compliance(): ComplianceEvent[] {
    return (this.stmt.complianceAll.all() as Row[]).map((r) => JSON.parse(r.event as string) as ComplianceEvent);
  }

  notificationsJson(): string[] {
    return (this.stmt.notifications.all() as Row[]).map((r) => r.notification as string);
  }

  close(): void {
    this.db.close();
  }
}

function rowToPoint(r: Row): HistoryPoint {
  const p: HistoryPoint = {
    timeMs: r.time_ms as number,
    lat: r.lat as number,
    lon: r.lon as number,
    gsMps: r.gs_mps as number,
    trackDeg: r.track_deg as number,
    transponder: r.transponder as Track['transponder'],
  };
  if (r.alt_m !== null) p.altM = r.alt_m as number;
  return p;
}

function trackParams(t: Track): Record<string, number | string | null> {
  return {
    trackId: t.trackId,
    timeMs: t.timeMs,
    lastUpdateMs: t.lastUpdateMs,
    status: t.status,
    lat: t.lat,
    lon: t.lon,
    altM: t.altM ?? null,
    altSource: t.altSource ?? null,
    velEastMps: t.velEastMps,
    velNorthMps: t.velNorthMps,
    vrMps: t.vrMps,
    gsMps: t.gsMps,
    trackDeg: t.trackDeg,
    covEe: t.posCovM2[0],
    covEn: t.posCovM2[1],
    covNn: t.posCovM2[2],
    icao: t.icao ?? null,
    callsign: t.callsign ?? null,
    squawk: t.squawk ?? null,
    emergency: t.emergency ?? null,
    onGround: t.onGround === undefined ? null : t.onGround ? 1 : 0,
    category: t.category,
    transponder: t.transponder,
    sensors: t.sensors.join(','),
    parties: t.parties.join(','),
    updates: t.updates,
    quality: t.quality,
  };
}

const R_M = 6371008.8;
const DEG = Math.PI / 180;

/** The track moved at constant velocity from its time to `atMs` (a no-op when the times are equal). */
export function deadReckon(t: Track, atMs: number): Track {
  const dtS = (atMs - t.timeMs) / 1000;
  if (dtS === 0) return t;
  const lat = t.lat + ((t.velNorthMps * dtS) / R_M) / DEG;
  const lon = t.lon + ((t.velEastMps * dtS) / (R_M * Math.cos(t.lat * DEG))) / DEG;
  const out: Track = { ...t, timeMs: atMs, lat, lon };
  if (t.altM !== undefined) out.altM = t.altM + t.vrMps * dtS;
  return out;
}
