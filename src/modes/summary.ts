// SPDX-License-Identifier: GPL-3.0-or-later
// Per-aircraft totals over a whole recording, for `jointsky decode --summary`.

/** The fields a summary reads: a decoded Mode S message or an SBS record both have them. */
export interface SummaryInput {
  icao: string;
  nonIcao?: boolean;
  timeMs: number;
  /** Absent for SBS records; speeds and tracks count only from ADS-B (DF17/18) when present. */
  df?: number;
  callsign?: string;
  squawk?: string;
  lat?: number;
  lon?: number;
  altFt?: number;
  gsKt?: number;
  trackDeg?: number;
}

export interface AircraftSummaryRow {
  icao: string;
  callsign?: string;
  squawk?: string;
  messages: number;
  firstMs: number;
  lastMs: number;
  lat?: number;
  lon?: number;
  altFt?: number;
  gsKt?: number;
  trackDeg?: number;
}

export class AircraftSummary {
  private readonly rows = new Map<string, AircraftSummaryRow>();

  add(msg: SummaryInput): void {
    const key = msg.nonIcao ? `~${msg.icao}` : msg.icao;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = { icao: key, messages: 0, firstMs: msg.timeMs, lastMs: msg.timeMs };
      this.rows.set(key, row);
    }
    row.messages++;
    if (!Number.isNaN(msg.timeMs)) {
      if (Number.isNaN(row.firstMs)) row.firstMs = msg.timeMs;
      row.lastMs = msg.timeMs;
    }
    if (msg.callsign !== undefined) row.callsign = msg.callsign;
    if (msg.squawk !== undefined) row.squawk = msg.squawk;
    if (msg.lat !== undefined && msg.lon !== undefined) {
      row.lat = msg.lat;
      row.lon = msg.lon;
    }
    if (msg.altFt !== undefined) row.altFt = msg.altFt;
    const adsb = msg.df === undefined || msg.df === 17 || msg.df === 18;
    if (msg.gsKt !== undefined && adsb) row.gsKt = msg.gsKt;
    if (msg.trackDeg !== undefined && adsb) row.trackDeg = msg.trackDeg;
  }

  /** Rows by descending message count, then address: deterministic. */
  sorted(): AircraftSummaryRow[] {
    return [...this.rows.values()].sort((a, b) => b.messages - a.messages || a.icao.localeCompare(b.icao));
  }
}
