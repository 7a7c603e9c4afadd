// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky score`: how good a set of tracks is against the simulator's truth (SIAP, OSPA, GOSPA).

import { coverageMask } from '../fusion/metrics/coverage.ts';
import { metricTrack, type Score, score } from '../fusion/score.ts';
import { readTrackEvents, readTruth } from '../fusion/track-io.ts';
import { recordingReports } from '../surveillance/recording.ts';
import { type CliIO, type Command, parseCommandArgs, UsageError } from './usage.ts';

const HELP = `jointsky score: score tracks against ground truth

Usage: jointsky score --truth TRUTH.ndjson --tracks TRACKS.ndjson [options]

TRUTH is what jointsky sim --out writes (truth.ndjson); TRACKS is what jointsky track --out writes (one
TrackEvent per line). Both are compared at the truth's ticks within the span of the track samples.

Printed (--json for one JSON object):
  SIAP    completeness (and inside coverage, with --recording), ambiguity, spuriousness, position and
          velocity accuracy (mean, RMS), track-number changes per 100 aircraft-hours, ID correctness
  OSPA    mean over scans, cut-off c and order p
  GOSPA   α = 2: mean distance, missed and false parts

Options:
  --recording DIR  the recording the tracks came from: truth states count as inside coverage when at least
                   2 reports of that aircraft arrived in the 12 s before (completenessInCoverage)
  --gate M         SIAP association gate, m (default 1000)
  --cutoff M       OSPA/GOSPA cut-off c, m (default 2000)
  --order P        OSPA/GOSPA order p ≥ 1 (default 2)
  --json           print the scores as one JSON object

Example:
  jointsky sim sk681-2014-03-03 --out runs/sk681
  jointsky track runs/sk681 --out runs/sk681/tracks.ndjson
  jointsky score --truth runs/sk681/truth.ndjson --tracks runs/sk681/tracks.ndjson --recording runs/sk681
`;

function positive(option: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (!Number.isFinite(x) || x <= min) throw new UsageError(`score: ${option} must be a number above ${min}, got '${value}'`);
  return x;
}

const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(2)} %`);
const num = (x: number, d = 1): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(d));

export function formatScore(s: Score, cutoffM: number, order: number): string {
  return [
    `scans ${s.scans}, truth states ${s.truthStates}, track states ${s.trackStates}, ${num(s.truthHours, 2)} aircraft-hours`,
    `completeness          ${pct(s.completeness)}${Number.isNaN(s.completenessInCoverage) ? '' : `  (inside coverage ${pct(s.completenessInCoverage)})`}`,
    `ambiguity             ${num(s.ambiguity, 4)}`,
    `spuriousness          ${pct(s.spuriousness)}`,
    `position error        mean ${num(s.positionErrorMeanM)} m, RMS ${num(s.positionErrorRmsM)} m`,
    `velocity error        mean ${num(s.velocityErrorMeanMps, 2)} m/s, RMS ${num(s.velocityErrorRmsMps, 2)} m/s`,
    `track-number changes  ${s.trackNumberChanges} (${num(s.trackNumberChangesPer100h, 2)} per 100 aircraft-hours)`,
    `identity              correct ${pct(s.idCorrect)}, wrong ${pct(s.idIncorrect)}, none ${pct(s.idUnknown)}`,
    `OSPA (c=${cutoffM} m, p=${order})   mean ${num(s.ospaMeanM)} m`,
    `GOSPA (c=${cutoffM} m, p=${order}, α=2) mean ${num(s.gospaMeanM)} m (missed part ${num(s.gospaMissedMean, 0)}, false part ${num(s.gospaFalseMean, 0)})`,
    '',
  ].join('\n');
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('score', argv, {
    truth: { type: 'string' },
    tracks: { type: 'string' },
    recording: { type: 'string' },
    gate: { type: 'string' },
    cutoff: { type: 'string' },
    order: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`score: unexpected argument '${positionals[0]}' (give files with --truth and --tracks)`);
  if (values.truth === undefined || values.tracks === undefined) throw new UsageError('score: give --truth FILE and --tracks FILE');
  const gateM = positive('--gate', values.gate, 1_000);
  const cutoffM = positive('--cutoff', values.cutoff, 2_000);
  const order = positive('--order', values.order, 2, 0.999_999);
  const truth = readTruth(values.truth);
  const tracks = readTrackEvents(values.tracks).flatMap((e) => (e.type === 'update' ? [metricTrack(e.track)] : []));
  const covered = values.recording === undefined ? undefined : coverageMask(truth, recordingReports(values.recording).reports);
  const s = score(truth, tracks, { gateM, cutoffM, order, ...(covered ? { covered } : {}) });
  io.stdout.write(values.json ? `${JSON.stringify(s)}\n` : formatScore(s, cutoffM, order));
  return 0;
}

export const scoreCommand: Command = {
  name: 'score',
  summary: 'score tracks against the simulator truth: SIAP, OSPA, GOSPA',
  help: HELP,
  run,
};
