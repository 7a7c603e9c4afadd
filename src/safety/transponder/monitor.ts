// SPDX-License-Identifier: GPL-3.0-or-later
// Transponder compliance: watches the tracker's events for dark tracks appearing and transponders switched off
// and back on (ComplianceEvent), and keeps statistics per flight (track) and per party: flight time with the
// transponder on, dark-flight hours, and encounters with civil traffic while dark.

import type { Track, TrackCategory, TrackEvent, TransponderState } from '../../fusion/track.ts';
import type { ComplianceEvent, Encounter } from '../types.ts';
import { PartyResolver } from './parties.ts';

export interface TransponderMonitorOptions {
  /** A gap between two updates of a track longer than this counts only this much flight time, s (default 60). */
  maxGapS?: number;
  /** ISO country code → party id, for address attribution (default: the party id is the country code). */
  partyOfCountry?: Readonly<Record<string, string>>;
}

export interface FlightStats {
  trackId: number;
  icao?: string;
  callsign?: string;
  category: TrackCategory;
  party: string;
  firstMs: number;
  lastMs: number;
  /** Airborne time seen, s; of which with the transponder on and dark (off or never). */
  flightS: number;
  onS: number;
  darkS: number;
  /** onS / flightS (1 when no airborne time was seen). */
  shareOn: number;
  darkHours: number;
  darkAppeared: boolean;
  offEvents: number;
  onEvents: number;
  encountersWithCivilWhileDark: number;
}

export interface PartyStats {
  party: string;
  flights: number;
  /** Flights with any dark airborne time. */
  darkFlights: number;
  flightHours: number;
  onHours: number;
  darkHours: number;
  /** onHours / flightHours (1 when no flight time). */
  shareOn: number;
  darkAppeared: number;
  offEvents: number;
  onEvents: number;
  encountersWithCivilWhileDark: number;
}

export interface ComplianceStats {
  fromMs: number;
  toMs: number;
  parties: PartyStats[];
  flights: FlightStats[];
}

interface FlightState {
  trackId: number;
  icao?: string;
  callsign?: string;
  category: TrackCategory;
  firstMs: number;
  last: Track;
  flightMs: number;
  onMs: number;
  darkAppeared: boolean;
  offEvents: number;
  onEvents: number;
  encounters: number;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
const r1 = (v: number) => Math.round(v * 10) / 10;

export class TransponderMonitor {
  private readonly flights = new Map<number, FlightState>();
  private readonly maxGapMs: number;
  readonly parties: PartyResolver;
  private fromMs = Number.POSITIVE_INFINITY;
  private toMs = Number.NEGATIVE_INFINITY;

  constructor(opts: TransponderMonitorOptions = {}) {
    this.maxGapMs = (opts.maxGapS ?? 60) * 1000;
    this.parties = new PartyResolver(opts.partyOfCountry);
  }

  /** Feeds one tracker event (in time order); returns the compliance events it raised. */
  push(ev: TrackEvent): ComplianceEvent[] {
    if (ev.type === 'delete') return [];
    const t = ev.track;
    if (t.timeMs < this.fromMs) this.fromMs = t.timeMs;
    if (t.timeMs > this.toMs) this.toMs = t.timeMs;
    let f = this.flights.get(t.trackId);
    const out: ComplianceEvent[] = [];
    if (!f) {
      f = {
        trackId: t.trackId,
        category: t.category,
        firstMs: t.timeMs,
        last: t,
        flightMs: 0,
        onMs: 0,
        darkAppeared: false,
        offEvents: 0,
        onEvents: 0,
        encounters: 0,
      };
      this.flights.set(t.trackId, f);
      this.learn(f, t);
      if (t.transponder !== 'on') {
        f.darkAppeared = true;
        out.push(this.event('dark-appeared', f, t, t.transponder === 'off' ? 'first seen with the transponder off' : undefined));
      }
      return out;
    }
    const p = f.last;
    const dt = Math.min(Math.max(0, t.timeMs - p.timeMs), this.maxGapMs);
    if (p.onGround !== true) {
      f.flightMs += dt;
      if (p.transponder === 'on') f.onMs += dt;
    }
    this.learn(f, t);
    if (p.transponder === 'on' && t.transponder !== 'on') {
      f.offEvents++;
      out.push(this.event('transponder-off', f, t));
    } else if (p.transponder !== 'on' && t.transponder === 'on') {
      f.onEvents++;
      out.push(this.event('transponder-on', f, t, wasNever(p.transponder) ? 'first transmission of a track born dark' : undefined));
    }
    f.last = t;
    return out;
  }

  /** Counts an encounter against each dark member that met a civil aircraft. */
  noteEncounter(e: Encounter): void {
    const [a, b] = e.members;
    for (const [me, other] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!e.darkTrackIds.includes(me.trackId) || other.category !== 'civil') continue;
      const f = this.flights.get(me.trackId);
      if (f) f.encounters++;
    }
  }

  /** Statistics so far: per flight (by trackId) and per party (by name). */
  stats(): ComplianceStats {
    const flights: FlightStats[] = [];
    const byParty = new Map<string, PartyStats>();
    for (const f of [...this.flights.values()].sort((x, y) => x.trackId - y.trackId)) {
      const party = this.parties.partyOf(f.icao);
      const darkMs = f.flightMs - f.onMs;
      flights.push({
        trackId: f.trackId,
        ...(f.icao !== undefined ? { icao: f.icao } : {}),
        ...(f.callsign !== undefined ? { callsign: f.callsign } : {}),
        category: f.category,
        party,
        firstMs: f.firstMs,
        lastMs: f.last.timeMs,
        flightS: r1(f.flightMs / 1000),
        onS: r1(f.onMs / 1000),
        darkS: r1(darkMs / 1000),
        shareOn: f.flightMs > 0 ? r4(f.onMs / f.flightMs) : 1,
        darkHours: r4(darkMs / 3.6e6),
        darkAppeared: f.darkAppeared,
        offEvents: f.offEvents,
        onEvents: f.onEvents,
        encountersWithCivilWhileDark: f.encounters,
      });
      let p = byParty.get(party);
      if (!p) {
        p = { party, flights: 0, darkFlights: 0, flightHours: 0, onHours: 0, darkHours: 0, shareOn: 1, darkAppeared: 0, offEvents: 0, onEvents: 0, encountersWithCivilWhileDark: 0 };
        byParty.set(party, p);
      }
      p.flights++;
      if (darkMs > 0) p.darkFlights++;
      p.flightHours += f.flightMs;
      p.onHours += f.onMs;
      if (f.darkAppeared) p.darkAppeared++;
      p.offEvents += f.offEvents;
      p.onEvents += f.onEvents;
      p.encountersWithCivilWhileDark += f.encounters;
    }
    const parties = [...byParty.values()]
      .sort((x, y) => (x.party < y.party ? -1 : x.party > y.party ? 1 : 0))
      .map((p) => {
        const flightMs = p.flightHours;
        const onMs = p.onHours;
        return {
          ...p,
          flightHours: r4(flightMs / 3.6e6),
          onHours: r4(onMs / 3.6e6),
          darkHours: r4((flightMs - onMs) / 3.6e6),
          shareOn: flightMs > 0 ? r4(onMs / flightMs) : 1,
        };
      });
    return { fromMs: Number.isFinite(this.fromMs) ? this.fromMs : 0, toMs: Number.isFinite(this.toMs) ? this.toMs : 0, parties, flights };
  }

  private learn(f: FlightState, t: Track): void {
    if (t.icao !== undefined) f.icao = t.icao;
    if (t.callsign !== undefined) f.callsign = t.callsign;
    if (t.category !== 'unknown') f.category = t.category;
  }

  private event(type: ComplianceEvent['type'], f: FlightState, t: Track, detail?: string): ComplianceEvent {
    const party = f.icao !== undefined ? this.parties.partyOf(f.icao) : undefined;
    return {
      type,
      timeMs: t.timeMs,
      trackId: t.trackId,
      ...(f.icao !== undefined ? { icao: f.icao } : {}),
      ...(f.callsign !== undefined ? { callsign: f.callsign } : {}),
      category: f.category,
      ...(party !== undefined && party !== 'unattributed' ? { party } : {}),
      lat: Math.round(t.lat * 1e7) / 1e7,
      lon: Math.round(t.lon * 1e7) / 1e7,
      ...(detail !== undefined ? { detail } : {}),
    };
  }
}

const wasNever = (s: TransponderState) => s === 'never';
