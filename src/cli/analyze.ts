// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky analyze`: runs recorded tracks (tracks NDJSON) or a scenario through the ideal tracker into the
// encounter and transponder monitors, and writes encounters, compliance events and statistics, and one incident
// report per encounter (HTML, and PDF through Chromium).

import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, parseConfig } from '../core/config.ts';
import type { TrackEvent } from '../fusion/track.ts';
import { eventTimeMs, parseTrackEventLine } from '../fusion/track-io.ts';
import { fusedTrackEvents } from '../pipeline/fused-events.ts';
import { type EncounterConfig, EncounterConfigSchema } from '../safety/encounters/config.ts';
import { EncounterDetector, type EncounterRecord } from '../safety/encounters/detector.ts';
import { renderReport } from '../safety/report/html.ts';
import { languageNames } from '../safety/report/i18n/index.ts';
import { writePdfs } from '../safety/report/pdf.ts';
import { type ComplianceStats, TransponderMonitor } from '../safety/transponder/monitor.ts';
import type { ComplianceEvent, RiskClass } from '../safety/types.ts';
import { builtinScenarioNames, } from '../sim/scenario.ts';
import { idealTrackEvents, } from '../sim/truth-tracks.ts';
import { isRecording } from '../surveillance/recording.ts';
import { type CliIO, type Command, parseChoice, parseCommandArgs, UsageError } from './usage.ts';

const HELP = `jointsky analyze: find close encounters, classify their risk (airprox A–E) and check transponder compliance

Usage: jointsky analyze SOURCES... [--report DIR] [--lang en|ru] [--pdf] [--config FILE]
       jointsky analyze --ideal SCENARIO [--seconds S] [--report DIR] ...

SOURCES are tracks NDJSON files: one TrackEvent as JSON per line, in time order, as the tracker emits them:
  {"type":"update","track":{"trackId":7,"timeMs":...,"lat":...,"lon":...,"altM":...,...}}
  {"type":"delete","trackId":7,"timeMs":...,"reason":"timeout"}
(the Track fields are those of src/fusion/track.ts; several files are merged by time). Lines that are not
TrackEvents, or out of time order, are skipped and counted, the first few named as FILE:LINE: problem.
SOURCES may instead be recordings (directories written by jointsky sim --out, with recording.json): every
sensor's feed is decoded and fused (as jointsky track does), and the fused picture is analysed.
--ideal SCENARIO runs a built-in scenario (${builtinScenarioNames().join(', ')}) or a scenario file through
the ideal tracker (the simulator's truth as tracks).

Encounters: every pair with a civil aircraft that comes within 5 NM and 1000 ft (10 NM and 5000 ft when one is
dark), with the closest point of approach (horizontal, vertical, slant, time), geometry, dark members, ACAS
visibility and the risk class with the rule that decided it (docs/airprox.md).
Compliance: dark tracks appearing, transponders switched off and on; per party (by ICAO address block) and per
flight: share of flight time with the transponder on, dark-flight hours, encounters with civil traffic while dark.

It prints a summary. With --report DIR it writes into DIR (created if missing):
  encounters.ndjson    one Encounter per line (src/safety/types.ts)
  events.ndjson        one ComplianceEvent per line
  compliance.json      statistics per party and per flight
  reports/ID.html      one self-contained incident report per encounter (ID.pdf too with --pdf)

Options:
  --report DIR       write the files above into DIR.
  --lang L           report language: ${languageNames().join(', ')} (default en).
  --pdf              with --report: also print each report to PDF with Chromium (/usr/bin/chromium or $JOINTSKY_CHROMIUM).
  --config FILE      JSON settings: {"encounters": {"detection": {...}, "risk": {...}}, "transponder": {...}}
                     (keys and defaults in docs/airprox.md).
  --ideal SCENARIO   analyse a scenario through the ideal tracker instead of files.
  --seconds S        with --ideal: only the first S seconds of the scenario.
  --tracks-out FILE  also write the analysed track events as tracks NDJSON (e.g. to keep an --ideal run).

Examples:
  jointsky analyze --ideal sk681-2014-03-03 --report runs/sk681-analysis
  jointsky analyze --ideal baltic-day --report runs/day --lang ru --pdf
  jointsky analyze runs/tracks-a.ndjson runs/tracks-b.ndjson --report runs/ab
`;

const TransponderConfigSchema = z
  .strictObject({
    maxGapS: z.number().positive().default(60),
    partyOfCountry: z.record(z.string().regex(/^[a-z]{2}$/, 'an ISO 3166 alpha-2 code in lower case'), z.string().min(1)).default({}),
  })
  .prefault({});

const AnalyzeConfigSchema = z.strictObject({ encounters: EncounterConfigSchema, transponder: TransponderConfigSchema }).prefault({});
export type AnalyzeConfig = z.output<typeof AnalyzeConfigSchema>;

export function parseAnalyzeConfig(value: unknown = {}, file = 'analyze config'): AnalyzeConfig {
  return parseConfig(AnalyzeConfigSchema, value, file);
}

export interface AnalysisResult {
  records: EncounterRecord[];
  events: ComplianceEvent[];
  stats: ComplianceStats;
  trackEvents: number;
}

/** Runs the monitors over a time-ordered stream of track events. */
export function analyzeEvents(events: Iterable<TrackEvent>, config: AnalyzeConfig = parseAnalyzeConfig()): AnalysisResult {
  const detector = new EncounterDetector(config.encounters as EncounterConfig);
  const monitor = new TransponderMonitor(config.transponder);
  const records: EncounterRecord[] = [];
  const compliance: ComplianceEvent[] = [];
  let n = 0;
  for (const ev of events) {
    n++;
    for (const r of detector.push(ev)) records.push(r);
    for (const c of monitor.push(ev)) compliance.push(c);
  }
  for (const r of detector.flush()) records.push(r);
  records.sort((a, b) => a.encounter.cpaMs - b.encounter.cpaMs || (a.encounter.encounterId < b.encounter.encounterId ? -1 : 1));
  for (const r of records) monitor.noteEncounter(r.encounter);
  return { records, events: compliance, stats: monitor.stats(), trackEvents: n };
}

/** Reads a file's lines without holding the file in memory. */
class LineReader {
  private readonly fd: number;
  private readonly buf = Buffer.alloc(1 << 20);
  private rest = '';
  private lines: string[] = [];
  private next = 0;
  private eof = false;
  lineNo = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  read(): string | undefined {
    while (this.next >= this.lines.length) {
      if (this.eof) return undefined;
      const n = readSync(this.fd, this.buf, 0, this.buf.length, null);
      if (n === 0) {
        this.eof = true;
        closeSync(this.fd);
        this.lines = this.rest === '' ? [] : [this.rest];
        this.rest = '';
      } else {
        const parts = (this.rest + this.buf.toString('utf8', 0, n)).split('\n');
        this.rest = parts.pop() ?? '';
        this.lines = parts;
      }
      this.next = 0;
    }
    this.lineNo++;
    return this.lines[this.next++];
  }
}

export interface SkippedLines {
  count: number;
  /** The first few, as FILE:LINE: problem. */
  first: string[];
}

/** Tracks NDJSON files merged by time (ties: file order); bad or out-of-order lines are skipped into `skipped`. */
export function* fileTrackEvents(paths: readonly string[], skipped: SkippedLines): Generator<TrackEvent> {
  const skip = (where: string, why: string) => {
    skipped.count++;
    if (skipped.first.length < 5) skipped.first.push(`${where}: ${why}`);
  };
  const readers = paths.map((p) => new LineReader(p));
  const heads: (TrackEvent | undefined)[] = readers.map(() => undefined);
  const lastMs = readers.map(() => Number.NEGATIVE_INFINITY);
  const fill = (i: number) => {
    const r = readers[i];
    for (let line = r.read(); line !== undefined; line = r.read()) {
      if (line.trim() === '') continue;
      const parsed = parseTrackEventLine(line);
      if (!parsed.ok) {
        skip(`${r.path}:${r.lineNo}`, parsed.error);
        continue;
      }
      const t = eventTimeMs(parsed.event);
      if (t < lastMs[i]) {
        skip(`${r.path}:${r.lineNo}`, 'out of time order');
        continue;
      }
      lastMs[i] = t;
      heads[i] = parsed.event;
      return;
    }
    heads[i] = undefined;
  };
  for (let i = 0; i < readers.length; i++) fill(i);
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h !== undefined && (best < 0 || eventTimeMs(h) < eventTimeMs(heads[best]!))) best = i;
    }
    if (best < 0) return;
    const ev = heads[best]!;
    fill(best);
    yield ev;
  }
}

function parseSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0) throw new UsageError(`analyze: --seconds must be a positive number, got '${value}'`);
  return x;
}

function loadConfigFile(path: string | undefined): AnalyzeConfig {
  if (path === undefined) return parseAnalyzeConfig();
  if (!existsSync(path)) throw new UsageError(`analyze: --config file '${path}' not found`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path}: not JSON (${(err as Error).message.split('\n')[0]})`);
  }
  return parseAnalyzeConfig(value, path);
}

const CLASSES: RiskClass[] = ['A', 'B', 'C', 'D', 'E'];

function utc(ms: number): string {
  return new Date(Math.round(ms)).toISOString().replace('T', ' ').slice(0, 21);
}

/** The printed summary: counts by class, the A and B encounters and those with dark aircraft, compliance per party. */
export function summaryText(r: AnalysisResult): string {
  const lines: string[] = [];
  const tracks = r.stats.flights.length;
  lines.push(`analyze: ${r.trackEvents} track events, ${tracks} tracks, ${utc(r.stats.fromMs)} – ${utc(r.stats.toMs)} UTC`);
  const by = new Map<RiskClass, number>(CLASSES.map((c) => [c, 0]));
  for (const rec of r.records) by.set(rec.encounter.riskClass, (by.get(rec.encounter.riskClass) ?? 0) + 1);
  lines.push(`encounters: ${r.records.length} (${CLASSES.map((c) => `${c} ${by.get(c)}`).join(', ')})`);
  const notable = r.records.filter((x) => x.encounter.riskClass === 'A' || x.encounter.riskClass === 'B' || x.encounter.darkTrackIds.length > 0);
  for (const rec of notable.slice(0, 30)) {
    const e = rec.encounter;
    const who = e.members.map((m) => `${m.callsign ?? m.icao ?? `#${m.trackId}`}${e.darkTrackIds.includes(m.trackId) ? ' (dark)' : ''}`).join(' / ');
    const vert = e.vertM === undefined ? '?' : `${Math.round(e.vertM)} m`;
    lines.push(`  ${e.riskClass} ${utc(e.cpaMs)} ${who}: horiz ${Math.round(e.horizM)} m, vert ${vert}, slant ${Math.round(e.slantM)} m, ${e.geometry}  ${e.encounterId}`);
  }
  if (notable.length > 30) lines.push(`  … and ${notable.length - 30} more (A, B or with a dark aircraft)`);
  const count = (type: string) => r.events.filter((e) => e.type === type).length;
  lines.push(`compliance: ${r.events.length} events (dark-appeared ${count('dark-appeared')}, transponder-off ${count('transponder-off')}, transponder-on ${count('transponder-on')})`);
  lines.push('  party          flights  flight h  on %    dark h  dark encounters with civil');
  for (const p of r.stats.parties) {
    lines.push(
      `  ${p.party.padEnd(14)} ${String(p.flights).padStart(7)}  ${p.flightHours.toFixed(2).padStart(8)}  ${(p.shareOn * 100).toFixed(1).padStart(5)}  ${p.darkHours.toFixed(2).padStart(6)}  ${p.encountersWithCivilWhileDark}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes encounters.ndjson, events.ndjson, compliance.json and the reports into dir; returns the files written. */
export async function writeAnalysis(r: AnalysisResult, dir: string, lang: string, pdf: boolean): Promise<string[]> {
  mkdirSync(join(dir, 'reports'), { recursive: true });
  const written: string[] = [];
  const put = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    written.push(join(dir, name));
  };
  put('encounters.ndjson', r.records.map((x) => `${JSON.stringify(x.encounter)}\n`).join(''));
  put('events.ndjson', r.events.map((x) => `${JSON.stringify(x)}\n`).join(''));
  put('compliance.json', `${JSON.stringify(r.stats, null, 2)}\n`);
  const jobs = r.records.map((x) => ({ html: renderReport(x, { lang }), path: join(dir, 'reports', `${x.encounter.encounterId}.pdf`) }));
  for (const [i, x] of r.records.entries()) put(join('reports', `${x.encounter.encounterId}.html`), jobs[i].html);
  if (pdf) {
    await writePdfs(jobs);
    written.push(...jobs.map((j) => j.path));
  }
  return written;
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'find encounters (airprox A–E) and transponder compliance in tracks; write incident reports',
  help: HELP,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs('analyze', argv, {
      report: { type: 'string' },
      lang: { type: 'string' },
      pdf: { type: 'boolean' },
      config: { type: 'string' },
      ideal: { type: 'string' },
      seconds: { type: 'string' },
      'tracks-out': { type: 'string' },
    });
    if (values.help) {
      io.stdout.write(HELP);
      return 0;
    }
    const ideal = values.ideal;
    if (ideal === undefined && positionals.length === 0) throw new UsageError('analyze: give SOURCES (tracks NDJSON files) or --ideal SCENARIO');
    if (ideal !== undefined && positionals.length > 0) throw new UsageError('analyze: give SOURCES or --ideal SCENARIO, not both');
    if (values.pdf && values.report === undefined) throw new UsageError('analyze: --pdf goes with --report DIR');
    if (values.seconds !== undefined && ideal === undefined) throw new UsageError('analyze: --seconds goes with --ideal');
    const lang = parseChoice('analyze: --lang', values.lang ?? 'en', languageNames());
    const seconds = parseSeconds(values.seconds);
    for (const p of positionals) if (!existsSync(p)) throw new UsageError(`analyze: source '${p}' not found`);
    if (ideal !== undefined && !builtinScenarioNames().includes(ideal) && !existsSync(ideal)) {
      throw new UsageError(`analyze: '${ideal}' is neither a built-in scenario (${builtinScenarioNames().join(', ')}) nor a file`);
    }
    const config = loadConfigFile(values.config);

    const skipped: SkippedLines = { count: 0, first: [] };
    const recordings = positionals.filter(isRecording);
    if (recordings.length > 0 && recordings.length < positionals.length) {
      throw new UsageError('analyze: give either recordings (directories with recording.json) or tracks NDJSON files, not both');
    }
    let events: Iterable<TrackEvent> =
      ideal !== undefined ? idealTrackEvents(ideal, seconds) : recordings.length > 0 ? fusedTrackEvents(recordings) : fileTrackEvents(positionals, skipped);
    const tracksOut = values['tracks-out'];
    let outFd: number | undefined;
    if (tracksOut !== undefined) {
      const fd = openSync(tracksOut, 'w');
      outFd = fd;
      const inner = events;
      events = (function* () {
        for (const ev of inner) {
          writeSync(fd, `${JSON.stringify(ev)}\n`);
          yield ev;
        }
      })();
    }
    let result: AnalysisResult;
    try {
      result = analyzeEvents(events, config);
    } finally {
      if (outFd !== undefined) closeSync(outFd);
    }
    if (skipped.count > 0) {
      io.stderr.write(`analyze: skipped ${skipped.count} line(s) that are not time-ordered TrackEvents:\n`);
      for (const s of skipped.first) io.stderr.write(`  ${s}\n`);
    }
    io.stdout.write(summaryText(result));
    if (values.report !== undefined) {
      const written = await writeAnalysis(result, values.report, lang, values.pdf === true);
      io.stdout.write(`wrote ${written.length} files into ${values.report} (${result.records.length} reports${values.pdf ? ' in HTML and PDF' : ''})\n`);
    }
    return 0;
  },
};
