// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky decode`: Mode S / ADS-B from a recording or a live receiver, as NDJSON, SBS or a summary.

import { stat } from 'node:fs/promises';
import { createFramer, FEED_FORMATS, type FeedFormat, peekFormat } from '../feeds/detect.ts';
import { type FrameKind, type Framer, FramingCounters, type FrameSink } from '../feeds/framing.ts';
import { formatSbs, SbsFramer, type SbsRecord, type SbsSink } from '../feeds/sbs.ts';
import { openSource, type SourceEvent, SourceSpecError } from '../feeds/source.ts';
import { toHex } from '../modes/bits.ts';
import { type DecodeOptions, type DecodeResult, isReject } from '../modes/message.ts';
import { decodeFramed } from '../modes/receive.ts';
import { toSbsRecord } from '../modes/sbs-out.ts';
import { ModeSStreamDecoder } from '../modes/stream.ts';
import { AircraftSummary } from '../modes/summary.ts';
import { ProgressBar } from './progress.ts';
import { type CliIO, type Command, parseChoice, parseCommandArgs, parseLatLon, UsageError } from './usage.ts';

const HELP = `jointsky decode: decode Mode S / ADS-B from a recording or a live receiver

Usage: jointsky decode [options] SOURCE

SOURCE is a file, '-' for stdin, or tcp://HOST:PORT for a receiver (dump1090/readsb serve AVR on
30002, Beast on 30005, SBS on 30003; the connection is retried with backoff when it drops).

Options:
  --format F      auto (default), beast, avr, sbs or hex. hex reads one message per line; other fields on
                  the line (an epoch or ISO timestamp, the ICAO address, quotes) are allowed, and the
                  timestamp is used when there is one.
  --output O      json (default): one JSON object per decoded message (NDJSON);
                  sbs: SBS-1 BaseStation lines of what the decoder knows.
  --ref LAT,LON   receiver position, degrees: the reference for surface positions and the range check.
  --stateless     decode each frame alone: no CPR pairing, no address filter, no positions.
  --summary       print a table per aircraft and the rejected frames by reason instead of messages.
  --rejects       also write rejected frames as {"reject": REASON, ...} objects (json output).
  --meteo         decode the meteorological Comm-B registers 4,4 and 4,5.
  --fix-df11      also try single-bit error correction on DF11 all-call replies.
  --no-fix        no single-bit error correction at all (DF17/18 is corrected by default).
  --limit N       stop after N frames (useful on a live receiver).
  --keep-bad      keep frames whose parity check fails, marked crc 'bad', instead of rejecting them: for
                  recordings whose parity was zeroed. Their content is unchecked: use with care.
  -h, --help      this text.

Output fields (json): timeMs, raw, df, icao, crc ('ok' | 'corrected' | 'ap' | 'bad'), and as they apply
tc, category, callsign, altFt, altSource, squawk, gsKt, trackDeg, headingDeg, iasKt, tasKt, mach, vrFpm,
vrSource, lat, lon, onGround, bds, emergency and the remaining fields of each message type. timeMs is
ms since the Unix epoch when the source has timestamps, or the Beast/AVR 12 MHz counter in ms.
A summary of frames and rejections by reason goes to stderr at the end.

Examples:
  jointsky decode test/fixtures/modes/toulouse_2020.beast --ref 43.629,1.364
  jointsky decode --summary test/fixtures/modes/hist_2015_data.txt
  jointsky decode --format hex test/fixtures/modes/sample_data_adsb.csv --output sbs
  jointsky decode tcp://127.0.0.1:30005 --ref 54.6,18.8
`;

type Output = 'json' | 'sbs';

interface DecodeRun {
  out: string[];
  output: Output;
  summary?: AircraftSummary;
  writeRejects: boolean;
  decoded: number;
  modeac: number;
  /** Decoder rejections by reason (stateless mode counts them here; the stream decoder counts its own). */
  rejected: Map<string, number>;
}

/** Orders the fields as users read them: time and identity first. */
function jsonLine(r: DecodeResult): string {
  if (isReject(r)) return JSON.stringify(r);
  const { timeMs, raw, df, icao, crc, ...rest } = r;
  return JSON.stringify({ timeMs, raw, df, icao, crc, ...rest });
}

function sbsLine(r: SbsRecord | undefined): string | undefined {
  return r === undefined ? undefined : `${formatSbs(r)}\r\n`;
}

export const decodeCommand: Command = {
  name: 'decode',
  summary: 'decode Mode S / ADS-B (Beast, AVR, SBS, hex lines; file, stdin or TCP) to NDJSON, SBS or a summary',
  help: HELP,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs('decode', argv, {
      format: { type: 'string', default: 'auto' },
      output: { type: 'string', default: 'json' },
      ref: { type: 'string' },
      stateless: { type: 'boolean', default: false },
      summary: { type: 'boolean', default: false },
      rejects: { type: 'boolean', default: false },
      meteo: { type: 'boolean', default: false },
      'fix-df11': { type: 'boolean', default: false },
      'no-fix': { type: 'boolean', default: false },
      'keep-bad': { type: 'boolean', default: false },
      limit: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError(`decode: expected one SOURCE, got ${positionals.length} (see jointsky decode --help)`);
    const format = parseChoice('--format', values.format as string, ['auto', ...FEED_FORMATS] as const);
    const output = parseChoice('--output', values.output as string, ['json', 'sbs'] as const);
    const receiver = values.ref === undefined ? undefined : parseLatLon('--ref', values.ref as string);
    const sourceArg = positionals[0];
    const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
    if (values.limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`decode: --limit must be a whole number of frames >= 1, got '${values.limit}'`);

    const decodeOptions: DecodeOptions = {
      raw: true,
      meteo: values.meteo as boolean,
      correctExtendedSquitter: !(values['no-fix'] as boolean),
      correctAllCall: (values['fix-df11'] as boolean) && !(values['no-fix'] as boolean),
      keepBad: values['keep-bad'] as boolean,
    };
    const stream = values.stateless ? undefined : new ModeSStreamDecoder({ ...decodeOptions, receiver });
    const run: DecodeRun = {
      out: [],
      output,
      summary: values.summary ? new AircraftSummary() : undefined,
      writeRejects: values.rejects as boolean,
      decoded: 0,
      modeac: 0,
      rejected: new Map(),
    };

    const stop = new AbortController();
    let admitted = 0;
    /** Counts a frame or record against --limit; false once the limit is reached. */
    const admit = (): boolean => {
      if (admitted >= limit) return false;
      if (++admitted === limit) stop.abort();
      return true;
    };
    let framer: Framer | undefined;
    let source: ReturnType<typeof openSource>;
    try {
      source = openSource(sourceArg, {
        stdin: io.stdin,
        signal: stop.signal,
        onEvent: (e) => {
          logSourceEvent(io, e);
          // A partial frame of a dropped connection must not be joined to the next one.
          if (e.type === 'disconnected') framer?.end(sink);
        },
      });
    } catch (err) {
      if (err instanceof SourceSpecError) throw new UsageError(`decode: ${err.message}`);
      throw err;
    }
    const totalBytes = source.spec.kind === 'file' ? (await stat(source.spec.path)).size : 0;
    const progress = io.stderrIsTTY && totalBytes > 0 ? new ProgressBar(io.stderr, totalBytes, 'decode') : undefined;

    const detected = format === 'auto' ? await peekFormat(source) : { format: format as FeedFormat, chunks: source };
    const counters = new FramingCounters();
    const modesSink: FrameSink = {
      frame: (kind: FrameKind, buf, off, len, timeMs, mlat12MHz, signal) => {
        if (!admit()) return;
        if (kind === 'modeac') {
          run.modeac++;
          if (output === 'json' && !run.summary) run.out.push(`${JSON.stringify({ timeMs: Number.isNaN(mlat12MHz) ? timeMs : mlat12MHz / 12_000, kind: 'modeac', raw: toHex(buf.subarray(off, off + len)) })}\n`);
          return;
        }
        const r = decodeFramed(stream ?? decodeOptions, buf, off, len, timeMs, mlat12MHz, signal);
        handleResult(run, r, stream === undefined);
      },
      error: () => {},
    };
    const sbsSink: SbsSink = {
      record: (rec) => {
        if (!admit()) return;
        run.decoded++;
        if (run.summary) run.summary.add(rec);
        else run.out.push(output === 'sbs' ? `${formatSbs(rec)}\r\n` : `${JSON.stringify(rec)}\n`);
      },
      error: (reason, detail, bytes) => counters.error(reason, detail, bytes),
    };
    framer = detected.format === 'sbs' ? undefined : createFramer(detected.format);
    const sbsFramer = detected.format === 'sbs' ? new SbsFramer() : undefined;
    const sink = counters.tee(modesSink);

    let doneBytes = 0;
    for await (const chunk of detected.chunks) {
      if (stop.signal.aborted) break;
      if (framer) framer.push(chunk, sink);
      else sbsFramer!.push(chunk, sbsSink);
      doneBytes += chunk.length;
      await flush(io, run);
      progress?.update(doneBytes, run.decoded);
    }
    // Stopped by --limit: what is still held is unread input, not an error.
    if (!stop.signal.aborted) {
      if (framer) framer.end(sink);
      else sbsFramer!.end(sbsSink);
    }
    await flush(io, run);
    progress?.finish(doneBytes, run.decoded);

    const rejected = stream ? mergeCounts(stream.rejected) : run.rejected;
    const framing = counters.toJSON();
    if (run.summary) io.stdout.write(formatSummary(run.summary, framing.errors, rejected, stream?.positionRejected));
    io.stderr.write(
      `decode: format ${detected.format}${stop.signal.aborted ? `, stopped at --limit ${limit}` : ''}, ${stop.signal.aborted ? admitted : framing.frames} frames (${framing.modeacFrames} Mode A/C), ${run.decoded} decoded` +
        `${formatCounts(' | framing rejected', framing.errors)}${formatCounts(' | decoder rejected', Object.fromEntries(rejected))}` +
        `${stream ? formatCounts(' | positions dropped', Object.fromEntries(stream.positionRejected)) : ''}\n`,
    );
    return 0;
  },
};

function handleResult(run: DecodeRun, r: DecodeResult, countHere: boolean): void {
  if (isReject(r)) {
    if (countHere) run.rejected.set(r.reject, (run.rejected.get(r.reject) ?? 0) + 1);
    if (run.writeRejects && run.output === 'json' && !run.summary) run.out.push(`${JSON.stringify(r)}\n`);
    return;
  }
  run.decoded++;
  if (run.summary) {
    run.summary.add(r);
    return;
  }
  const line = run.output === 'sbs' ? sbsLine(toSbsRecord(r)) : `${jsonLine(r)}\n`;
  if (line !== undefined) run.out.push(line);
}

/** Writes what is buffered, waiting when the consumer is slower (a pipe into `head`, say). */
async function flush(io: CliIO, run: DecodeRun): Promise<void> {
  if (run.out.length === 0) return;
  const text = run.out.join('');
  run.out.length = 0;
  if (!io.stdout.write(text)) await new Promise<void>((resolve) => io.stdout.once('drain', () => resolve()));
}

function mergeCounts(m: Map<string, number>): Map<string, number> {
  return new Map([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function formatCounts(label: string, counts: Record<string, number | undefined>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([k, n]) => `${k} ${n}`);
  return parts.length === 0 ? '' : `${label}: ${parts.join(', ')}`;
}

function logSourceEvent(io: CliIO, e: SourceEvent): void {
  switch (e.type) {
    case 'connected':
      io.stderr.write(`decode: connected to ${e.source}${e.outageMs > 0 ? ` after ${(e.outageMs / 1000).toFixed(1)} s outage` : ''}\n`);
      break;
    case 'disconnected':
      io.stderr.write(`decode: ${e.source} disconnected (${e.reason}) after ${(e.connectedMs / 1000).toFixed(1)} s, ${e.bytes} bytes\n`);
      break;
    case 'connect-failed':
      io.stderr.write(`decode: cannot connect to ${e.source}: ${e.reason}\n`);
      break;
    case 'retry':
      io.stderr.write(`decode: retrying ${e.source} in ${(e.delayMs / 1000).toFixed(1)} s\n`);
      break;
    default:
      break;
  }
}

function fmt(x: number | undefined, digits: number): string {
  return x === undefined ? '' : x.toFixed(digits);
}

function formatSummary(
  summary: AircraftSummary,
  framingErrors: Record<string, number | undefined>,
  decoderRejected: Map<string, number>,
  positionsDropped: Map<string, number> | undefined,
): string {
  const header = ['icao', 'callsign', 'squawk', 'msgs', 'lat', 'lon', 'altFt', 'gsKt', 'trackDeg'];
  const rows = summary
    .sorted()
    .map((r) => [r.icao, r.callsign ?? '', r.squawk ?? '', String(r.messages), fmt(r.lat, 4), fmt(r.lon, 4), r.altFt === undefined ? '' : String(r.altFt), fmt(r.gsKt, 0), fmt(r.trackDeg, 0)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const lines = [line(header), ...rows.map(line), '', `${rows.length} aircraft`];
  const section = (title: string, counts: [string, number][]) => {
    const nonzero = counts.filter(([, n]) => n > 0);
    if (nonzero.length === 0) return;
    lines.push('', title);
    for (const [k, n] of nonzero) lines.push(`  ${k.padEnd(22)} ${String(n).padStart(8)}`);
  };
  section('rejected frames (framing)', Object.entries(framingErrors).map(([k, n]) => [k, n ?? 0]));
  section('rejected frames (decoder)', [...decoderRejected.entries()]);
  if (positionsDropped) section('positions dropped', [...positionsDropped.entries()]);
  return `${lines.join('\n')}\n`;
}
