// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky track`: the tracker over recorded feeds (or a scenario simulated in-process): system tracks as NDJSON
// TrackEvents sampled at a fixed rate of data time, and optionally as ASTERIX CAT062.

import { closeSync, openSync, writeSync } from 'node:fs';
import { PictureSampler } from '../fusion/sampler.ts';
import type { Track, TrackEvent } from '../fusion/track.ts';
import { trackEventLine } from '../fusion/track-io.ts';
import { encodeCat062, Tracker } from '../fusion/tracker/index.ts';
import type { FeedDecoder } from '../surveillance/feed.ts';
import { SimulatedWorld } from '../surveillance/ingest.ts';
import { recordingsReports } from '../surveillance/recording.ts';
import type { Report } from '../surveillance/report.ts';
import type { SensorRegistry } from '../surveillance/sensors.ts';
import { type CliIO, type Command, parseCommandArgs, UsageError } from './usage.ts';

const HELP = `jointsky track: fuse every sensor's feed into system tracks

Usage: jointsky track RECORDING... [--out TRACKS.ndjson] [options]
       jointsky track --scenario NAME [--seconds S] [--out TRACKS.ndjson] [options]

RECORDING is a directory written by jointsky sim --out (or its recording.json): each sensor's stream (Beast,
AVR, hex, SBS, ASTERIX CAT048/021/062/034) and the sensors' positions, accuracy and biases. Several
recordings are fused together (their sensor ids must differ). --scenario runs a simulated scenario in-process
instead, through the same decoders.

Output, one JSON object per line (NDJSON):
  {"type":"update","track":{...}}   every track (confirmed or coasting) at each sampling instant
  {"type":"delete","trackId":N,"timeMs":T,"reason":"timeout"}   when a track ends
A Track: trackId, timeMs, lastUpdateMs, status, lat, lon, altM, altSource, velEastMps, velNorthMps, vrMps,
gsMps, trackDeg, posCovM2 [ee,en,nn], icao, callsign, squawk, emergency, category (civil|military|state|
unknown), transponder (on|off|never), sensors, parties, updates, quality.
The same input gives byte-identical output.

Options:
  --out FILE        write the tracks here (default: standard output)
  --interval S      sampling interval of data time, s (default 1)
  --cat062 FILE     also write ASTERIX CAT062 system tracks, one data block per sample, back to back
  --sac N --sic N   the SAC/SIC of this tracker in CAT062 (default 0/1)
  --scenario NAME   simulate NAME (a built-in scenario or a scenario file) instead of reading recordings
  --seconds S       with --scenario: only the first S seconds
  --seed N          with --scenario: replace the scenario's seed
  --summary         print per-feed counts (reports, rejects by reason), tracker counts and track totals to stderr

Examples:
  jointsky sim sk681-2014-03-03 --out runs/sk681
  jointsky track runs/sk681 --out runs/sk681/tracks.ndjson --summary
  jointsky score --truth runs/sk681/truth.ndjson --tracks runs/sk681/tracks.ndjson --recording runs/sk681
  jointsky track --scenario intercept --seconds 900 --cat062 runs/intercept.ast
`;

function number(option: string, value: string | undefined, fallback: number, check: (x: number) => boolean, what: string): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !check(x)) throw new UsageError(`track: ${option} must be ${what}, got '${value}'`);
  return x;
}

interface Input {
  registry: SensorRegistry;
  startMs: number;
  feeds: FeedDecoder[];
  /** Feeds the reports, in time order, to `add`; returns the last data time. */
  play(add: (r: Report) => void): number;
}

function recordingsInput(paths: readonly string[]): Input {
  const { reports, feeds, registry, startMs } = recordingsReports(paths);
  return {
    registry,
    startMs,
    feeds,
    play(add) {
      for (const r of reports) add(r);
      return reports.length > 0 ? reports[reports.length - 1].timeMs : startMs;
    },
  };
}

function scenarioInput(name: string, seconds: number | undefined, seed: number | undefined): Input {
  const world = new SimulatedWorld(name, { ...(seconds === undefined ? {} : { seconds }), ...(seed === undefined ? {} : { seed }) });
  return {
    registry: world.registry,
    startMs: world.startMs,
    feeds: world.feeds,
    play(add) {
      let last = world.startMs;
      for (const tick of world) {
        for (const r of tick.reports) add(r);
        last = tick.timeMs;
      }
      for (const r of world.finish()) add(r);
      return last;
    },
  };
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('track', argv, {
    out: { type: 'string' },
    interval: { type: 'string' },
    cat062: { type: 'string' },
    sac: { type: 'string' },
    sic: { type: 'string' },
    scenario: { type: 'string' },
    seconds: { type: 'string' },
    seed: { type: 'string' },
    summary: { type: 'boolean' },
  });
  if (values.scenario === undefined && positionals.length === 0) throw new UsageError('track: give RECORDING directories or --scenario NAME; see jointsky track --help');
  if (values.scenario !== undefined && positionals.length > 0) throw new UsageError('track: give either RECORDING directories or --scenario, not both');
  if (values.scenario === undefined && (values.seconds !== undefined || values.seed !== undefined)) {
    throw new UsageError('track: --seconds and --seed go with --scenario');
  }
  const intervalMs = number('--interval', values.interval, 1, (x) => x > 0 && x <= 3600, 'a number of seconds in (0, 3600]') * 1000;
  const sac = number('--sac', values.sac, 0, (x) => Number.isInteger(x) && x >= 0 && x <= 255, 'an integer 0..255');
  const sic = number('--sic', values.sic, 1, (x) => Number.isInteger(x) && x >= 0 && x <= 255, 'an integer 0..255');
  const seconds = values.seconds === undefined ? undefined : number('--seconds', values.seconds, 0, (x) => x > 0, 'a positive number');
  const seed = values.seed === undefined ? undefined : number('--seed', values.seed, 0, (x) => Number.isInteger(x) && x >= 0 && x <= 0xffff_ffff, 'an integer 0..4294967295');

  const input = values.scenario !== undefined ? scenarioInput(values.scenario, seconds, seed) : recordingsInput(positionals);
  const outFd = values.out === undefined ? undefined : openSync(values.out, 'w');
  const catFd = values.cat062 === undefined ? undefined : openSync(values.cat062, 'w');
  const write = (text: string): void => {
    if (outFd === undefined) io.stdout.write(text);
    else writeSync(outFd, text);
  };
  let pending = '';
  const flushText = (): void => {
    if (pending.length > 0) write(pending);
    pending = '';
  };
  const trackIds = new Set<number>();
  let samples = 0;
  let deletes = 0;
  const tracker = new Tracker({ registry: input.registry }, (e: TrackEvent) => {
    if (e.type === 'delete') {
      deletes++;
      pending += trackEventLine(e);
    }
  });
  const emit = (timeMs: number, tracks: Track[]): void => {
    samples++;
    for (const t of tracks) {
      trackIds.add(t.trackId);
      pending += trackEventLine({ type: 'update', track: t });
    }
    if (pending.length > 1 << 20) flushText();
    if (catFd !== undefined && tracks.length > 0) writeSync(catFd, encodeCat062(tracks, { sac, sic, timeMs }));
  };
  const sampler = new PictureSampler(tracker, input.startMs, intervalMs, tracker.reorderWindowMs, emit);
  try {
    const lastMs = input.play((r) => sampler.add(r));
    sampler.finish(lastMs);
    flushText();
  } finally {
    if (outFd !== undefined) closeSync(outFd);
    if (catFd !== undefined) closeSync(catFd);
  }

  if (values.summary) {
    const lines: string[] = [];
    for (const f of input.feeds) {
      const rejected = Object.entries(f.counters.rejectedObject()).map(([k, n]) => `${k} ${n}`);
      lines.push(`  ${f.sensor.id} (${f.format}): ${f.counters.units} in, ${f.counters.reports} reports${rejected.length ? `; rejected: ${rejected.join(', ')}` : ''}`);
    }
    const c = tracker.counters;
    const trackerRejects = Object.entries(c.rejected).map(([k, n]) => `${k} ${n}`);
    io.stderr.write(
      `feeds:\n${lines.join('\n')}\n` +
        `tracker: ${c.reports} reports${trackerRejects.length ? `; rejected: ${trackerRejects.join(', ')}` : ''}\n` +
        `tracks: ${trackIds.size} confirmed, ${deletes} ended, ${samples} samples every ${intervalMs / 1000} s\n`,
    );
  }
  return 0;
}

export const trackCommand: Command = {
  name: 'track',
  summary: 'fuse recorded feeds (or a simulated scenario) into system tracks: NDJSON and ASTERIX CAT062',
  help: HELP,
  run,
};
