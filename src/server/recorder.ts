// SPDX-License-Identifier: GPL-3.0-or-later
// What the server states in the shared log by itself, as its own party: an incident report for every encounter
// of a reportable class between civil traffic and a military, state or dark aircraft (the joint review's subject), and the
// transponder-compliance counters per party at each whole period of data time. Each statement is signed with
// the recording party's own key only; an incident already in the log is not filed again (a restarted server).

import type { IncidentReportBody, JsonObject } from '../ledger/entry.ts';
import type { Encounter, PairMember, RiskClass } from '../safety/types.ts';
import type { LedgerService } from './ledger.ts';
import type { PictureEvent } from './picture.ts';
import type { LivePicture } from './state.ts';

export interface RecorderOptions {
  /** The party whose statements these are; the server must hold its signing key. */
  party: string;
  /** Risk classes filed as incident reports (default A, B and C: every airprox with a risk assessed). */
  classes?: readonly RiskClass[];
  /** Data time between compliance statements, ms (default one hour). */
  complianceIntervalMs?: number;
}

const HOUR_MS = 3_600_000;

const who = (m: PairMember): string => {
  const id = m.callsign ?? (m.icao !== undefined ? m.icao.toUpperCase() : `track ${m.trackId}`);
  return `${id} (${m.category}, transponder ${m.transponder})`;
};

/** The report's one-paragraph summary, in the terms of docs/airprox.md. */
export function incidentSummary(e: Encounter): string {
  const [a, b] = e.members;
  const vert = e.vertM === undefined ? 'vertical separation unknown (no altitude for a dark aircraft)' : `${Math.round(e.vertM / 0.3048)} ft vertically`;
  return (
    `Class ${e.riskClass} encounter between ${who(a)} and ${who(b)}: closest ${Math.round(e.horizM)} m horizontally and ${vert} ` +
    `at ${new Date(e.cpaMs).toISOString()} near ${e.cpaLat.toFixed(3)} N ${e.cpaLon.toFixed(3)} E, ${e.geometry}. ${e.riskReason.charAt(0).toUpperCase()}${e.riskReason.slice(1)}. ` +
    `ACAS ${e.acasVisible ? 'could' : 'could not'} see both aircraft.`
  );
}

/** The incident-report body for an encounter: the class and summary, and the evidence fields a reviewer checks. */
export function incidentBody(e: Encounter): IncidentReportBody {
  return {
    incidentId: e.encounterId,
    riskClass: e.riskClass,
    summary: incidentSummary(e),
    cpaMs: e.cpaMs,
    horizM: Math.round(e.horizM),
    vertM: e.vertM === undefined ? null : Math.round(e.vertM),
    cpaLat: Number(e.cpaLat.toFixed(5)),
    cpaLon: Number(e.cpaLon.toFixed(5)),
    members: e.members.map((m) => ({ trackId: m.trackId, callsign: m.callsign ?? null, icao: m.icao ?? null, category: m.category, transponder: m.transponder })),
    darkTrackIds: e.darkTrackIds,
    acasVisible: e.acasVisible,
    sensors: e.sensors,
  };
}

/**
 * Whether the joint review takes this encounter: a reportable class between a civil aircraft and a military,
 * state or dark one (an interception between military aircraft is not an airprox with civil traffic).
 */
export function reportable(e: Encounter, classes: readonly RiskClass[]): boolean {
  const [a, b] = e.members;
  const odd = (m: PairMember) => m.category !== 'civil' || e.darkTrackIds.includes(m.trackId);
  return classes.includes(e.riskClass) && ((a.category === 'civil' && odd(b)) || (b.category === 'civil' && odd(a)));
}

export class LogRecorder {
  private readonly classes: readonly RiskClass[];
  private readonly intervalMs: number;
  private readonly filed = new Set<string>();
  private firstMs: number | undefined;
  private nextStatementMs: number | undefined;
  /** Statements written, by kind. */
  readonly counters = { incidents: 0, complianceStatements: 0 };

  constructor(
    private readonly picture: LivePicture,
    private readonly ledger: LedgerService,
    private readonly options: RecorderOptions,
  ) {
    if (!ledger.canSign(options.party)) throw new Error(`record: this server holds no signing key for party ${options.party}`);
    this.classes = options.classes ?? ['A', 'B', 'C'];
    this.intervalMs = options.complianceIntervalMs ?? HOUR_MS;
    for (const { entry } of ledger.ledger.entries(0, ledger.ledger.size)) {
      if (entry.kind === 'incident-report') this.filed.add(String((entry.body as IncidentReportBody).incidentId));
    }
  }

  /** Takes each picture event after the live picture has. */
  handle(e: PictureEvent): void {
    if (e.type === 'encounter') this.encounter(e.encounter);
    else if (e.type === 'tick') this.tick(e.timeMs);
  }

  private encounter(e: Encounter): void {
    if (!reportable(e, this.classes) || this.filed.has(e.encounterId)) return;
    this.filed.add(e.encounterId);
    this.ledger.appendAs([{ v: 1, kind: 'incident-report', party: this.options.party, timeMs: e.endMs, body: incidentBody(e) }], e.endMs);
    this.counters.incidents++;
  }

  private tick(timeMs: number): void {
    if (this.firstMs === undefined) {
      this.firstMs = timeMs;
      this.nextStatementMs = (Math.floor(timeMs / this.intervalMs) + 1) * this.intervalMs;
    }
    if (this.nextStatementMs === undefined || timeMs < this.nextStatementMs) return;
    const endMs = this.nextStatementMs;
    this.nextStatementMs = (Math.floor(timeMs / this.intervalMs) + 1) * this.intervalMs;
    this.ledger.appendAs([{ v: 1, kind: 'compliance-stats', party: this.options.party, timeMs, body: this.complianceBody(this.firstMs, endMs) }], timeMs);
    this.counters.complianceStatements++;
  }

  /** The counters since the data began, per party (whole seconds and counts), and compliance events by type. */
  private complianceBody(startMs: number, endMs: number): JsonObject & { periodStartMs: number; periodEndMs: number; counts: Record<string, number> } {
    const c = this.picture.compliance();
    const counts: Record<string, number> = {};
    for (const p of c.parties) {
      counts[`${p.party}:flight-s`] = Math.round(p.flightHours * 3600);
      counts[`${p.party}:dark-s`] = Math.round(p.darkHours * 3600);
      counts[`${p.party}:dark-encounters`] = p.darkEncounters;
    }
    for (const e of c.events) {
      if (e.timeMs > endMs) continue;
      const key = `events:${e.type}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return { periodStartMs: startMs, periodEndMs: endMs, counts };
  }
}
