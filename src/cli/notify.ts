// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky notify <subcommand>`: flight notifications as ICAO ATS messages. Submit them signed to the shared log,
// list them, and check recorded or simulated tracks against them.

import { createReadStream, existsSync, } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TrackEvent } from '../fusion/track.ts';
import { parseTrackEventLine } from '../fusion/track-io.ts';
import { signEntry } from '../ledger/entry.ts';
import { type Ledger, LedgerRefusal } from '../ledger/log.ts';
import { loadAddressBlocks, partyByAddress } from '../notify/attribution.ts';
import { corridorOf } from '../notify/book.ts';
import type { CorridorOptions } from '../notify/corridor.ts';
import { formatItemError } from '../notify/errors.ts';
import { type AtsMessage, parseAtsMessage, splitMessages } from '../notify/message.ts';
import { type MonitorOptions, NotificationMonitor, type PartyStats } from '../notify/monitor.ts';
import { loadPlaces } from '../notify/places.ts';
import { prepareFilings, replayNotifications } from '../notify/filing.ts';
import { readNotifications } from '../notify/record.ts';
import { fusedTrackEvents } from '../pipeline/fused-events.ts';
import type { ComplianceEvent } from '../safety/types.ts';
import { idealTrackEvents, } from '../sim/truth-tracks.ts';
import { isRecording } from '../surveillance/recording.ts';
import { loadLedgerConfig, openLedgerAt, readInput } from './inputs.ts';
import { loadPrivateKey } from './keys.ts';
import { DEFAULT_DB } from './ledger.ts';
import { type CliIO, type Command, parseChoice, parseCommandArgs, UsageError } from './usage.ts';

const HELP = `jointsky notify: flight notifications (ICAO ATS messages) in the shared log, and what flies against them

Usage:
  jointsky notify submit FILE|- --party P --key KEYFILE [--log DB] [--parties FILE] [--time ISO] [--airways direct]
  jointsky notify list [--party P] [--active-at ISO] [--log DB] [--json] [--airways direct]
  jointsky notify check SOURCES... [--ideal SCENARIO] [--log DB] [--json] [tolerances]

Subcommands:
  submit   Parses the ATS message(s) in FILE (FPL, CHG, CNL, DLA, DEP, ARR; PANS-ATM Doc 4444 appendix 3),
           checks them against the log, signs each as party P and appends it as a flight-notification entry.
           All or nothing: a message that does not parse, whose FPL route cannot be expanded, or that another
           party's flight would be changed or cancelled by, is refused (naming the item and the token, or the
           owner), and then nothing is recorded. Only the party that filed an FPL may send CHG, DLA, DEP, ARR
           or CNL for it.
  list     Lists the notifications as the log's messages make them: id, party, status, aircraft, levels,
           planned times and route points; --active-at keeps those whose corridor is live at that time.
           Messages refused on replay (e.g. a CNL appended by another party through 'ledger append') are
           listed at the end; they have no effect.
  check    Matches tracks against the notifications of the log and prints the events (unnotified-flight,
           deviation, no-show) and, per party, the share of its flights that were notified and the share
           flown as notified. SOURCES are NDJSON files of TrackEvents (one per line, as fusion emits them;
           - for standard input), in time order, or recordings (directories with recording.json, written by
           jointsky sim --out), which are decoded and fused together; --ideal SCENARIO adds the simulator's ground truth of a
           built-in scenario or scenario file as perfect tracks. A message counts from its log time on: a
           notification recorded after the flight does not notify it.

Matching:
  A track is matched by callsign (item 7), ICAO address (CODE/ in item 18) or SSR code (item 7) where known;
  otherwise, for military, state and unidentified tracks, by space and time along the corridor: within the
  lateral tolerance of the route, within the time window of the planned time there, and within the level
  block of the leg (plus a vertical tolerance). A different callsign or address rules a notification out.
  The corridor: the route expanded along WGS84 geodesics from the departure aerodrome (or DEP/) to the
  destination (or DEST/), timed from EOBT on DOF (or the DEP time) with the filed speeds as ground speeds
  (no wind); the first and last legs are open down to the ground. Named points are navaids and aerodromes
  of data/; airways cannot be expanded (no airway data): they are refused unless --airways direct, which
  flies each airway segment direct from its entry to its exit point. Bearings of NAME180040 points are
  taken as true.
  Events: unnotified-flight, a military, state or unidentified airborne track in the region (53-66 N,
  9-31 E) that matches no notification for --unnotified-s; deviation, a matched track outside its corridor
  (route, level block or time window) for --deviation-s; no-show, a notification whose window closed with
  no flight matched while the data covered its start. Unnotified flights are attributed to a party by the
  country block of their ICAO address when that country code is a party id; otherwise 'unattributed'.

Options:
  --log DB             the shared log (default ${DEFAULT_DB})
  --parties FILE       submit: the founding configuration, to create a new log (as in jointsky ledger)
  --party P            submit: the sending party; list: only its notifications
  --key FILE           submit: the party's private key (jointsky keys generate; mode 0600)
  --time ISO           submit: the time stated in the entry (default: this computer's clock)
  --active-at ISO      list: only notifications live at that time
  --airways MODE       reject (default) or direct
  --ideal SCENARIO     check: a built-in scenario name or a scenario JSON file
  --lateral-nm N       check: lateral tolerance (default 10)
  --window-min N       check: time window either side of the planned time (default 15)
  --level-ft N         check: vertical tolerance around the level block (default 1000; +500 for geometric altitude)
  --deviation-s N      check: time outside the corridor before a deviation (default 60)
  --unnotified-s N     check: time unmatched before an unnotified flight (default 60)
  --json               machine-readable output (one JSON object per line)
  -h, --help           this help

Examples:
  jointsky notify submit rff7315.fpl --party ru --key keys/ru.key --time 2024-03-12T07:00:00Z
  jointsky notify list --active-at 2024-03-12T09:30:00Z
  jointsky notify check --ideal intercept
  jointsky notify check tracks.ndjson --lateral-nm 5 --json
`;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function isoTime(option: string, value: string): number {
  const ms = ISO.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new UsageError(`notify: ${option} must be an ISO time with a zone, e.g. 2024-03-12T09:00:00Z; got '${value}'`);
  return ms;
}

function positive(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new UsageError(`notify: ${option} must be a positive number, got '${value}'`);
  return n;
}

function airways(value: string | undefined): CorridorOptions {
  return { airways: value === undefined ? 'reject' : parseChoice('--airways', value, ['reject', 'direct'] as const) };
}

function openLog(path: string, partiesFile: string | undefined): Ledger {
  if (!existsSync(path) && !partiesFile) throw new UsageError(`notify: no log at ${path}; give --log DB, or --parties FILE to create it`);
  return openLedgerAt(path, existsSync(path) ? undefined : loadLedgerConfig(partiesFile!), true, 'notify');
}

async function submit(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('notify submit', argv, {
    log: { type: 'string' },
    parties: { type: 'string' },
    party: { type: 'string' },
    key: { type: 'string' },
    time: { type: 'string' },
    airways: { type: 'string' },
  });
  if (!values.party) throw new UsageError('notify submit: --party P is required');
  if (!values.key) throw new UsageError('notify submit: --key FILE is required');
  if (positionals.length !== 1) throw new UsageError('notify submit: give exactly one FILE of ATS messages (or - for standard input)');
  const corridorOptions = airways(values.airways);
  // The statement's time is the submitter's, given or read here at the edge; the log never reads a clock.
  const timeMs = values.time !== undefined ? isoTime('--time', values.time) : Date.now();
  const file = positionals[0];
  const texts = splitMessages(await readInput(file, io));
  if (texts.length === 0) {
    io.stderr.write(`jointsky notify submit: ${file}: no ATS message found (a message is '(FPL-...)')\n`);
    return 1;
  }
  const messages: AtsMessage[] = [];
  for (const [k, text] of texts.entries()) {
    const r = parseAtsMessage(text);
    if (!r.ok) {
      io.stderr.write(`jointsky notify submit: ${file}: message ${k + 1} refused, nothing recorded: ${formatItemError(r.error)}\n`);
      return 1;
    }
    messages.push(r.value);
  }
  const key = loadPrivateKey(values.key);
  const ledger = openLog(values.log ?? DEFAULT_DB, values.parties);
  try {
    const prepared = prepareFilings(ledger, messages.map((message) => ({ party: values.party!, timeMs, message })), loadPlaces(), corridorOptions);
    if (!prepared.ok) {
      const m = messages[prepared.filing];
      io.stderr.write(`jointsky notify submit: message ${prepared.filing + 1} (${m.type} ${m.item7.aircraftId}) refused, nothing recorded: ${prepared.reason}\n`);
      return 1;
    }
    for (const p of prepared.filings) for (const a of p.notes) io.stderr.write(`note: ${p.notificationId}: ${a}\n`);
    const unsigned = prepared.filings.map((p) => ({ id: p.notificationId, entry: p.entry }));
    const signed = unsigned.map((u) => signEntry(ledger.origin, u.entry, key.privateKey));
    for (const s of signed) {
      const refusal = ledger.check(s);
      if (refusal) throw refusal;
    }
    const results = ledger.appendBatch(signed);
    results.forEach((r, k) => {
      io.stdout.write(`recorded ${messages[k].type} ${unsigned[k].id} as entry ${r.index} (party ${values.party})\n`);
    });
    return 0;
  } catch (err) {
    if (err instanceof LedgerRefusal) {
      io.stderr.write(`jointsky notify submit: the log refused the entry, nothing recorded: ${err.reason}\n`);
      return 1;
    }
    throw err;
  } finally {
    ledger.close();
  }
}

const iso = (ms: number): string => new Date(Math.round(ms)).toISOString().replace('.000Z', 'Z');

async function list(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'notify list',
    argv,
    { log: { type: 'string' }, party: { type: 'string' }, 'active-at': { type: 'string' }, json: { type: 'boolean' }, airways: { type: 'string' } },
    false,
  );
  const at = values['active-at'] !== undefined ? isoTime('--active-at', values['active-at']) : undefined;
  const corridorOptions = airways(values.airways);
  const ledger = openLog(values.log ?? DEFAULT_DB, undefined);
  try {
    const logged = readNotifications(ledger);
    const book = replayNotifications(logged.entries);
    const places = loadPlaces();
    const windowMs = 15 * 60_000;
    const lines: string[] = [];
    for (const n of book.all()) {
      if (values.party !== undefined && n.party !== values.party) continue;
      const c = corridorOf(n, places, corridorOptions);
      if (at !== undefined) {
        if (!c.ok || n.status === 'cancelled') continue;
        const end = n.arrivedMs ?? c.value.endMs + windowMs;
        if (at < c.value.startMs - windowMs || at > end) continue;
      }
      if (values.json) {
        lines.push(
          JSON.stringify({
            id: n.id,
            party: n.party,
            status: n.status,
            aircraftId: n.plan.item7.aircraftId,
            ssrCode: n.plan.item7.ssrCode,
            flightType: n.plan.item8.flightType,
            aircraftType: n.plan.item9.aircraftType,
            count: n.plan.item9.count,
            route: n.plan.item15.text,
            ...(c.ok
              ? { startMs: c.value.startMs, endMs: c.value.endMs, minFt: c.value.minFt, maxFt: c.value.maxFt, waypoints: c.value.waypoints }
              : { error: formatItemError(c.error) }),
            messages: n.history,
          }),
        );
      } else {
        const head = `${n.id}  ${n.party}  ${n.status}  ${n.plan.item9.count > 1 ? `${n.plan.item9.count}×` : ''}${n.plan.item9.aircraftType}  ${n.plan.item8.rules}${n.plan.item8.flightType ?? ''}`;
        const body = c.ok
          ? `  FL${Math.round(c.value.minFt / 100)}–${Math.round(c.value.maxFt / 100)}  ${iso(c.value.startMs)} → ${iso(c.value.endMs)}  ${c.value.waypoints.map((w) => w.name).join(' ')}`
          : `  (no corridor: ${formatItemError(c.error)})`;
        lines.push(head + body);
      }
    }
    if (lines.length) io.stdout.write(`${lines.join('\n')}\n`);
    if (!values.json) {
      io.stdout.write(`(${lines.length} notification${lines.length === 1 ? '' : 's'})\n`);
      for (const r of book.refusals) io.stdout.write(`refused on replay: entry ${r.index} by ${r.party}: ${r.detail}\n`);
      for (const b of logged.invalid) io.stdout.write(`unreadable: entry ${b.index} by ${b.party}: ${b.reason}\n`);
    }
    return 0;
  } finally {
    ledger.close();
  }
}

/** Track events from an NDJSON file (or stdin), bad lines reported and skipped. */
async function* fileEvents(path: string, io: CliIO, bad: { count: number }): AsyncGenerator<TrackEvent> {
  if (path !== '-' && !existsSync(path)) throw new Error(`cannot read ${path}: no such file`);
  const input = path === '-' ? io.stdin : createReadStream(path);
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    const r = parseTrackEventLine(line);
    if (r.ok) yield r.event;
    else {
      bad.count++;
      if (bad.count <= 5) io.stderr.write(`jointsky notify check: ${path}:${n}: skipped: ${r.error}\n`);
    }
  }
}

function eventLine(e: ComplianceEvent): string {
  const who = [e.trackId !== undefined ? `track ${e.trackId}` : '', e.callsign ?? '', e.icao ?? ''].filter((x) => x !== '').join(' ');
  const pos = e.lat !== undefined && e.lon !== undefined ? `  ${e.lat.toFixed(3)},${e.lon.toFixed(3)}` : '';
  return `${iso(e.timeMs)}  ${e.type.padEnd(17)}  ${who}  party ${e.party ?? '-'}${e.notificationId ? `  ${e.notificationId}` : ''}${pos}  ${e.detail ?? ''}`;
}

const pct = (x: number | undefined): string => (x === undefined ? '   -' : `${(x * 100).toFixed(0).padStart(3)}%`);

function statsText(stats: PartyStats[]): string {
  const rows = stats.map(
    (p) =>
      `  ${p.party.padEnd(12)} ${String(p.notifications).padStart(13)} ${String(p.notifiedFlights).padStart(9)} ${String(p.flownAsNotified).padStart(10)} ${String(p.unnotifiedFlights).padStart(11)} ${String(p.noShows).padStart(8)}   ${pct(p.shareNotified)}       ${pct(p.shareFlownAsNotified)}`,
  );
  return [
    'per party:     notifications  notified  as filed  unnotified  no-show   notified  flown as notified',
    ...(rows.length ? rows : ['  (no flights and no notifications in the data)']),
  ].join('\n');
}

async function check(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('notify check', argv, {
    log: { type: 'string' },
    ideal: { type: 'string' },
    json: { type: 'boolean' },
    airways: { type: 'string' },
    'lateral-nm': { type: 'string' },
    'window-min': { type: 'string' },
    'level-ft': { type: 'string' },
    'deviation-s': { type: 'string' },
    'unnotified-s': { type: 'string' },
  });
  if (positionals.length === 0 && values.ideal === undefined) throw new UsageError('notify check: give track SOURCES (NDJSON files, - for stdin) or --ideal SCENARIO');
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('notify check: standard input (-) can be read only once');
  const options: MonitorOptions = { corridor: airways(values.airways) };
  const lateral = positive('--lateral-nm', values['lateral-nm']);
  if (lateral !== undefined) options.lateralM = lateral * 1852;
  const window = positive('--window-min', values['window-min']);
  if (window !== undefined) options.windowMs = window * 60_000;
  const level = positive('--level-ft', values['level-ft']);
  if (level !== undefined) {
    options.levelFt = level;
    options.levelGnssFt = level + 500;
  }
  const dev = positive('--deviation-s', values['deviation-s']);
  if (dev !== undefined) options.deviationMs = dev * 1000;
  const unn = positive('--unnotified-s', values['unnotified-s']);
  if (unn !== undefined) options.unnotifiedMs = unn * 1000;

  const ledger = openLog(values.log ?? DEFAULT_DB, undefined);
  let logged: ReturnType<typeof readNotifications>;
  let parties: Set<string>;
  try {
    logged = readNotifications(ledger);
    parties = new Set(ledger.parties().activeIds());
  } finally {
    ledger.close();
  }
  options.partyOf = partyByAddress(loadAddressBlocks(), parties);
  const monitor = new NotificationMonitor(logged.entries, loadPlaces(), options);
  const bad = { count: 0 };
  let lastMs = Number.NEGATIVE_INFINITY;
  let outOfOrder = 0;
  let printed = 0;
  const flush = () => {
    for (; printed < monitor.events.length; printed++) {
      const e = monitor.events[printed];
      io.stdout.write(values.json ? `${JSON.stringify(e)}\n` : `${eventLine(e)}\n`);
    }
  };
  const take = (e: TrackEvent) => {
    const t = e.type === 'update' ? e.track.timeMs : e.timeMs;
    if (t < lastMs) {
      outOfOrder++;
      return;
    }
    lastMs = t;
    monitor.push(e);
    if (monitor.events.length - printed >= 100) flush();
  };
  const recordings = positionals.filter((p) => p !== '-' && isRecording(p));
  const sources: (() => AsyncIterable<TrackEvent> | Iterable<TrackEvent>)[] = positionals
    .filter((p) => !recordings.includes(p))
    .map((p) => () => fileEvents(p, io, bad));
  if (recordings.length > 0) sources.push(() => fusedTrackEvents(recordings));
  if (values.ideal !== undefined) sources.push(() => idealTrackEvents(values.ideal!));
  if (sources.length === 1) {
    for await (const e of sources[0]()) take(e);
  } else {
    // Several sources: merged in time order (stable: source order within a time).
    const all: TrackEvent[] = [];
    for (const s of sources) for await (const e of s()) all.push(e);
    const time = (e: TrackEvent) => (e.type === 'update' ? e.track.timeMs : e.timeMs);
    all.sort((a, b) => time(a) - time(b));
    for (const e of all) take(e);
  }
  if (lastMs > Number.NEGATIVE_INFINITY) monitor.finish(lastMs);
  flush();
  const stats = monitor.stats();
  if (values.json) io.stdout.write(`${JSON.stringify({ stats })}\n`);
  else io.stdout.write(`${statsText(stats)}\n`);
  for (const r of monitor.refusals) io.stderr.write(`note: log entry ${r.index} by ${r.party} has no effect: ${r.detail}\n`);
  for (const u of monitor.unexpandable) io.stderr.write(`note: ${u.id} cannot be checked: ${u.reason}\n`);
  for (const b of logged.invalid) io.stderr.write(`note: log entry ${b.index} by ${b.party} is unreadable: ${b.reason}\n`);
  if (bad.count > 0) io.stderr.write(`jointsky notify check: ${bad.count} bad line(s) skipped\n`);
  if (outOfOrder > 0) io.stderr.write(`jointsky notify check: ${outOfOrder} event(s) out of time order skipped\n`);
  return 0;
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'submit') return submit(rest, io);
  if (sub === 'list') return list(rest, io);
  if (sub === 'check') return check(rest, io);
  if (sub === undefined) throw new UsageError('notify: a subcommand is required: submit, list or check (see jointsky notify --help)');
  throw new UsageError(`notify: unknown subcommand '${sub}' (expected submit, list or check)`);
}

export const notifyCommand: Command = {
  name: 'notify',
  summary: 'flight notifications (ICAO FPL/CHG/CNL/DLA/DEP/ARR) in the shared log, checked against what flies',
  help: HELP,
  run,
};
