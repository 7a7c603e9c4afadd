// SPDX-License-Identifier: GPL-3.0-or-later
// The UI's state: the latest picture, trails, alerts, encounters, selection and filters, with change notifications.

import type { Encounter, ListedAlert, Sensor, Track, TrackCategory } from './types.ts';
import { flightLevel } from './format.ts';

export type Topic = 'tracks' | 'alerts' | 'selection' | 'filters' | 'encounters' | 'ledger' | 'status';

export interface Filters {
  categories: Set<TrackCategory>;
  darkOnly: boolean;
  /** Altitude band in flight levels, inclusive; a track of unknown altitude passes only the full band. */
  minFl: number;
  maxFl: number;
  /** Only tracks that this party's sensors contribute to; null = any. */
  party: string | null;
}

export const FULL_BAND = { minFl: 0, maxFl: 600 } as const;
/** Positions kept per trail. */
export const TRAIL_POINTS = 12;

class Store {
  tracks: Track[] = [];
  byId = new Map<number, Track>();
  timeMs = 0;
  /** Per track: flat [lon, lat, lon, lat, ...], oldest first. */
  trails = new Map<number, number[]>();
  alerts = new Map<string, ListedAlert>();
  encounters: Encounter[] = [];
  sensors: Sensor[] = [];
  parties: string[] = [];
  ledgerSize = 0;
  streamStatus: 'connecting' | 'open' | 'closed' = 'connecting';
  me: { party: string; name: string } | null = null;
  selectedTrackId: number | null = null;
  selectedAlertId: string | null = null;
  filters: Filters = { categories: new Set(['civil', 'military', 'state', 'unknown']), darkOnly: false, ...FULL_BAND, party: null };
  private listeners = new Map<Topic, Set<() => void>>();

  on(topic: Topic, f: () => void): void {
    const set = this.listeners.get(topic) ?? new Set();
    this.listeners.set(topic, set);
    set.add(f);
  }

  emit(topic: Topic): void {
    for (const f of this.listeners.get(topic) ?? []) f();
  }

  /** Takes a whole picture (one per second from the stream). */
  setSnapshot(timeMs: number, tracks: Track[]): void {
    this.timeMs = timeMs;
    this.tracks = tracks;
    const byId = new Map<number, Track>();
    for (const tr of tracks) {
      byId.set(tr.trackId, tr);
      const trail = this.trails.get(tr.trackId) ?? [];
      if (trail.length === 0) this.trails.set(tr.trackId, trail);
      const n = trail.length;
      if (n === 0 || trail[n - 2] !== tr.lon || trail[n - 1] !== tr.lat) {
        trail.push(tr.lon, tr.lat);
        if (trail.length > TRAIL_POINTS * 2) trail.splice(0, 2);
      }
    }
    for (const id of this.trails.keys()) if (!byId.has(id)) this.trails.delete(id);
    this.byId = byId;
    this.emit('tracks');
  }

  isDark(tr: Track): boolean {
    return tr.transponder !== 'on';
  }

  /** Whether a track passes the current filters. */
  passes(tr: Track): boolean {
    const f = this.filters;
    if (!f.categories.has(tr.category)) return false;
    if (f.darkOnly && tr.transponder === 'on') return false;
    if (f.minFl > FULL_BAND.minFl || f.maxFl < FULL_BAND.maxFl) {
      const fl = flightLevel(tr.altM);
      if (fl === null || fl < f.minFl || fl > f.maxFl) return false;
    }
    if (f.party !== null && !tr.parties.includes(f.party)) return false;
    return true;
  }

  select(trackId: number | null): void {
    this.selectedTrackId = trackId;
    this.emit('selection');
  }

  selectAlert(alertId: string | null): void {
    this.selectedAlertId = alertId;
    this.emit('alerts');
  }

  /** Active (not ended) alerts, high severity first, then by time to closest approach. */
  activeAlerts(): ListedAlert[] {
    return [...this.alerts.values()]
      .filter((a) => !a.ended)
      .sort((a, b) => (a.severity === b.severity ? a.tcpaS - b.tcpaS : a.severity === 'high' ? -1 : 1));
  }
}

export const store = new Store();
