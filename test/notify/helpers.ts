// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the notification tests: fixture messages, and a scenario's truth run through the monitor.

import { readFileSync } from 'node:fs';
import type { Track } from '../../src/fusion/track.ts';
import type { BookEntry } from '../../src/notify/book.ts';
import { formatItemError } from '../../src/notify/errors.ts';
import { parseAtsMessage, splitMessages } from '../../src/notify/message.ts';
import { type MonitorOptions, NotificationMonitor } from '../../src/notify/monitor.ts';
import { loadPlaces } from '../../src/notify/places.ts';
import { parseScenario, type ScenarioInput } from '../../src/sim/scenario.ts';
import { createSimulation } from '../../src/sim/simulation.ts';
import { TruthTracker } from '../../src/sim/truth-tracks.ts';

export function fixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/notify/${name}`, import.meta.url), 'utf8');
}

/** The messages of fixture files as log entries of `party` at `timeMs`. */
export function entriesFrom(files: string[], party: string, timeMs: number): BookEntry[] {
  const out: BookEntry[] = [];
  for (const f of files) {
    for (const text of splitMessages(fixtureText(f))) {
      const r = parseAtsMessage(text);
      if (!r.ok) throw new Error(`${f}: ${formatItemError(r.error)}`);
      out.push({ index: out.length, party, timeMs, message: r.value });
    }
  }
  return out;
}

export interface ScenarioRun {
  monitor: NotificationMonitor;
  /** Track id → truth id of the simulated aircraft. */
  truthOf: Map<number, string>;
  /** Truth aircraft that were airborne over the region, by id: category and callsign. */
  aircraft: Map<string, { category: string; callsign: string; airborneS: number }>;
  endMs: number;
}

/** Runs a scenario's truth (the ideal tracker) through a monitor holding `entries`. */
export function runScenario(input: ScenarioInput, entries: BookEntry[], options: MonitorOptions = {}): ScenarioRun {
  const sim = createSimulation(parseScenario(input, `scenario '${input.name}'`));
  const monitor = new NotificationMonitor(entries, loadPlaces(), options);
  const tracker = new TruthTracker();
  const truthOf = new Map<number, string>();
  const aircraft = new Map<string, { category: string; callsign: string; airborneS: number }>();
  let endMs = 0;
  for (const states of sim) {
    for (const s of states) {
      const t: Track = tracker.track(s);
      truthOf.set(t.trackId, s.id);
      const a = aircraft.get(s.id) ?? { category: s.category, callsign: s.callsign, airborneS: 0 };
      if (!s.onGround && s.lat >= 53 && s.lat <= 66 && s.lon >= 9 && s.lon <= 31) a.airborneS += sim.tickMs / 1000;
      aircraft.set(s.id, a);
      monitor.push({ type: 'update', track: t });
      endMs = s.timeMs;
    }
  }
  monitor.finish(endMs);
  return { monitor, truthOf, aircraft, endMs };
}
