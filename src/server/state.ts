// SPDX-License-Identifier: GPL-3.0-or-later
// The live picture: consumes PictureEvents, keeps the current tracks, alerts, encounters, compliance figures,
// notifications and feed health, writes them to the PictureStore once per data second, and hands each
// second's snapshot (serialized once) to the stream.

import type { Track } from '../fusion/track.ts';
import type { AlertEvent, ComplianceEvent, Encounter } from '../safety/types.ts';
import type { PictureStore, StoredAlert } from '../store/picture.ts';
import type { FeedHealth, FlightNotification, PictureEvent } from './picture.ts';

/** A second's snapshot: the JSON the stream sends and the body of GET /tracks (now), built once. */
export interface Snapshot {
  timeMs: number;
  count: number;
  /** `{"type":"tracks","timeMs":N,"tracks":[...]}` as UTF-8. */
  streamFrame: Buffer;
  /** `{"timeMs":N,"tracks":[...]}`. */
  body: string;
}

export interface PictureListener {
  snapshot(s: Snapshot): void;
  alert(e: AlertEvent): void;
  encounter(e: Encounter): void;
}

export interface PictureOptions {
  /** One stored history point per track per this interval of data time (default 5000 ms). */
  historyIntervalMs?: number;
  partyOf?(trackId: number): string | undefined;
}

interface FlightTally {
  trackId: number;
  party?: string;
  icao?: string;
  callsign?: string;
  category: Track['category'];
  firstMs: number;
  lastMs: number;
  flightMs: number;
  darkMs: number;
  transponder: Track['transponder'];
}

export interface PartyCompliance {
  party: string;
  flightHours: number;
  transponderOnShare: number | null;
  darkHours: number;
  darkEncounters: number;
  notifiedShare: number | null;
  flownAsNotifiedShare: number | null;
}

const HOUR_MS = 3_600_000;
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export class LivePicture {
  timeMs: number | undefined;
  readonly tracks = new Map<number, Track>();
  private readonly alertsById = new Map<string, StoredAlert>();
  private readonly encountersById = new Map<string, Encounter>();
  private readonly complianceEvents: ComplianceEvent[] = [];
  private readonly notificationsById = new Map<string, FlightNotification>();
  private feeds: FeedHealth[] = [];
  private readonly flights = new Map<number, FlightTally>();
  private readonly lastStored = new Map<number, number>();
  /** Tracks in an open alert: their history is kept at full rate, so replays of encounters are dense. */
  private readonly alerting = new Map<number, number>();
  private readonly intervalMs: number;
  private latest: Snapshot | undefined;
  private readonly listeners = new Set<PictureListener>();
  private batch = emptyBatch();

  constructor(
    readonly store: PictureStore,
    private readonly options: PictureOptions = {},
  ) {
    this.intervalMs = options.historyIntervalMs ?? 5000;
    for (const a of store.alerts()) this.alertsById.set(a.alert.alertId, a);
    for (const e of store.encounters()) this.encountersById.set(e.encounterId, e);
    this.complianceEvents.push(...store.compliance());
    for (const n of store.notificationsJson()) {
      const parsed = JSON.parse(n) as FlightNotification;
      this.notificationsById.set(parsed.notificationId, parsed);
    }
  }

  listen(l: PictureListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** The latest snapshot, if a data second has closed. */
  snapshot(): Snapshot | undefined {
    return this.latest;
  }

  handle(e: PictureEvent): void {
    switch (e.type) {
      case 'track': {
        const ev = e.event;
        if (ev.type === 'update') this.update(ev.track);
        else {
          this.tracks.delete(ev.trackId);
          this.lastStored.delete(ev.trackId);
          this.batch.ends.push({ trackId: ev.trackId, timeMs: ev.timeMs, reason: ev.reason });
        }
        break;
      }
      case 'alert':
        this.onAlert(e.event);
        break;
      case 'encounter':
        this.encountersById.set(e.encounter.encounterId, e.encounter);
        if (e.record !== undefined) this.store.putEncounterRecord(e.record);
        this.batch.encounters.push(e.encounter);
        for (const l of this.listeners) l.encounter(e.encounter);
        break;
      case 'compliance':
        this.complianceEvents.push(e.event);
        this.batch.compliance.push(e.event);
        break;
      case 'notification':
        this.putNotification(e.notification);
        break;
      case 'notification-state': {
        const n = this.notificationsById.get(e.state.notificationId);
        // A state for a notification the list never had (filed after the server started) waits for its listing.
        if (n) this.putNotification({ ...n, status: e.state.status, trackIds: e.state.trackIds });
        break;
      }
      case 'health':
        this.feeds = e.feeds;
        break;
      case 'tick':
        this.tick(e.timeMs);
        break;
    }
  }

  private putNotification(n: FlightNotification): void {
    this.notificationsById.set(n.notificationId, n);
    this.batch.notifications.push({ notificationId: n.notificationId, party: n.party, fromMs: n.fromMs, toMs: n.toMs, json: JSON.stringify(n) });
  }

  private update(t: Track): void {
    this.tracks.set(t.trackId, t);
    const slot = Math.floor(t.timeMs / this.intervalMs);
    if (this.lastStored.get(t.trackId) !== slot || this.alerting.has(t.trackId)) {
      this.lastStored.set(t.trackId, slot);
      this.batch.points.push(t);
    }
    let f = this.flights.get(t.trackId);
    if (!f) {
      f = { trackId: t.trackId, category: t.category, firstMs: t.timeMs, lastMs: t.timeMs, flightMs: 0, darkMs: 0, transponder: t.transponder };
      const party = this.options.partyOf?.(t.trackId);
      if (party !== undefined) f.party = party;
      this.flights.set(t.trackId, f);
    } else if (t.timeMs > f.lastMs) {
      const dt = t.timeMs - f.lastMs;
      f.flightMs += dt;
      if (f.transponder !== 'on') f.darkMs += dt;
      f.lastMs = t.timeMs;
    }
    f.transponder = t.transponder;
    if (t.category !== 'unknown') f.category = t.category;
    if (t.icao !== undefined) f.icao = t.icao;
    if (t.callsign !== undefined) f.callsign = t.callsign;
  }

  private onAlert(e: AlertEvent): void {
    if (e.type === 'end') {
      const a = this.alertsById.get(e.alertId);
      if (a) {
        a.ended = true;
        a.endMs = e.timeMs;
        this.batch.alerts.push({ alert: a.alert, endMs: e.timeMs });
        for (const m of a.alert.members) {
          const n = (this.alerting.get(m.trackId) ?? 1) - 1;
          if (n <= 0) this.alerting.delete(m.trackId);
          else this.alerting.set(m.trackId, n);
        }
      }
    } else {
      const prev = this.alertsById.get(e.alert.alertId);
      if (!prev) {
        this.alertsById.set(e.alert.alertId, { alert: e.alert, ended: false, acks: [] });
        for (const m of e.alert.members) this.alerting.set(m.trackId, (this.alerting.get(m.trackId) ?? 0) + 1);
      } else prev.alert = e.alert;
      this.batch.alerts.push({ alert: e.alert });
    }
    for (const l of this.listeners) l.alert(e);
  }

  private tick(timeMs: number): void {
    this.timeMs = timeMs;
    const batch = this.batch;
    this.batch = emptyBatch();
    this.store.write(batch);
    const shown: Track[] = [];
    for (const t of this.tracks.values()) if (t.status !== 'tentative') shown.push(t);
    const json = JSON.stringify(shown);
    this.latest = {
      timeMs,
      count: shown.length,
      streamFrame: Buffer.from(`{"type":"tracks","timeMs":${timeMs},"tracks":${json}}`),
      body: `{"timeMs":${timeMs},"tracks":${json}}`,
    };
    for (const l of this.listeners) l.snapshot(this.latest);
  }

  alerts(activeOnly: boolean): StoredAlert[] {
    const all = [...this.alertsById.values()];
    return activeOnly ? all.filter((a) => !a.ended) : all;
  }

  alert(id: string): StoredAlert | undefined {
    return this.alertsById.get(id);
  }

  addAck(alertId: string, party: string, timeMs: number, entryIndex: number): void {
    const a = this.alertsById.get(alertId);
    if (!a) return;
    a.acks.push({ party, timeMs, entryIndex });
    this.store.addAck(alertId, party, timeMs, entryIndex);
  }

  encounters(): Encounter[] {
    return [...this.encountersById.values()].sort((a, b) => a.cpaMs - b.cpaMs || (a.encounterId < b.encounterId ? -1 : 1));
  }

  encounter(id: string): Encounter | undefined {
    return this.encountersById.get(id);
  }

  notification(id: string): FlightNotification | undefined {
    return this.notificationsById.get(id);
  }

  notifications(party?: string, activeAtMs?: number): FlightNotification[] {
    return [...this.notificationsById.values()].filter(
      (n) => (party === undefined || n.party === party) && (activeAtMs === undefined || (n.fromMs <= activeAtMs && activeAtMs <= n.toMs)),
    );
  }

  health(): { timeMs: number | null; feeds: FeedHealth[]; tracks: number; alerts: number } {
    let active = 0;
    for (const a of this.alertsById.values()) if (!a.ended) active++;
    return { timeMs: this.timeMs ?? null, feeds: this.feeds, tracks: this.tracks.size, alerts: active };
  }

  /** Per-party compliance figures, the non-civil or dark flights, and the compliance events. */
  compliance(): { parties: PartyCompliance[]; flights: Record<string, unknown>[]; events: ComplianceEvent[] } {
    const byParty = new Map<string, { flightMs: number; darkMs: number; stateFlights: number; notified: number; flownAsNotified: number; darkEnc: number }>();
    const notifiedTracks = new Map<number, FlightNotification>();
    for (const n of this.notificationsById.values()) for (const id of n.trackIds ?? []) notifiedTracks.set(id, n);
    const get = (p: string) => {
      let s = byParty.get(p);
      if (!s) {
        s = { flightMs: 0, darkMs: 0, stateFlights: 0, notified: 0, flownAsNotified: 0, darkEnc: 0 };
        byParty.set(p, s);
      }
      return s;
    };
    const flights: Record<string, unknown>[] = [];
    // An aircraft without an address to go by (a dark one) belongs to the party whose notification it flies.
    const partyOf = (trackId: number): string | undefined => this.flights.get(trackId)?.party ?? notifiedTracks.get(trackId)?.party;
    for (const f of this.flights.values()) {
      const n = notifiedTracks.get(f.trackId);
      const party = partyOf(f.trackId);
      if (party !== undefined) {
        const s = get(party);
        s.flightMs += f.flightMs;
        s.darkMs += f.darkMs;
        // A flight that flies a notification is a state flight, whatever its (unknown, dark) track shows.
        if (f.category === 'state' || f.category === 'military' || n !== undefined) {
          s.stateFlights++;
          if (n) s.notified++;
          if (n?.status === 'flown') s.flownAsNotified++;
        }
      }
      if (f.category !== 'civil' || f.darkMs > 0) {
        flights.push({
          trackId: f.trackId,
          ...(party !== undefined ? { party } : {}),
          ...(f.icao !== undefined ? { icao: f.icao } : {}),
          ...(f.callsign !== undefined ? { callsign: f.callsign } : {}),
          category: f.category,
          firstMs: f.firstMs,
          lastMs: f.lastMs,
          flightHours: round(f.flightMs / HOUR_MS),
          darkHours: round(f.darkMs / HOUR_MS),
          notificationId: n?.notificationId ?? null,
        });
      }
    }
    for (const e of this.encountersById.values()) {
      for (const id of e.darkTrackIds) {
        const p = partyOf(id);
        if (p !== undefined) get(p).darkEnc++;
      }
    }
    const parties = [...byParty.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([party, s]) => ({
        party,
        flightHours: round(s.flightMs / HOUR_MS),
        transponderOnShare: s.flightMs > 0 ? round(1 - s.darkMs / s.flightMs) : null,
        darkHours: round(s.darkMs / HOUR_MS),
        darkEncounters: s.darkEnc,
        notifiedShare: s.stateFlights > 0 ? round(s.notified / s.stateFlights) : null,
        flownAsNotifiedShare: s.notified > 0 ? round(s.flownAsNotified / s.notified) : null,
      }));
    return { parties, flights, events: this.complianceEvents };
  }
}

function emptyBatch() {
  return {
    points: [] as Track[],
    ends: [] as { trackId: number; timeMs: number; reason: string }[],
    alerts: [] as { alert: StoredAlert['alert']; endMs?: number }[],
    encounters: [] as Encounter[],
    compliance: [] as ComplianceEvent[],
    notifications: [] as { notificationId: string; party: string; fromMs: number; toMs: number; json: string }[],
  };
}
