// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky conflicts`: one STCA detection on a snapshot of aircraft states (what-if checks, tests, benchmarks);
// prints the conflict pairs and loss-of-separation pairs as JSON.

import { readFileSync } from 'node:fs';
import { parseStcaConfig, resolveRules } from '../safety/stca/config.ts';
import { FLAG_CONFLICT, FLAG_LOS, StcaDetector, type StcaModel } from '../safety/stca/detect.ts';
import { parseSnapshot } from '../safety/stca/input.ts';
import { type CliIO, type Command, parseChoice, parseCommandArgs, UsageError } from './usage.ts';

const HELP = `jointsky conflicts: short-term conflict detection, once, on a snapshot of aircraft states

Usage: jointsky conflicts SNAPSHOT.json [--lookahead S] [--pz NM,FT] [--model stca|bluesky]

SNAPSHOT.json is either
  columns, as BlueSky keeps its traffic: {"lat": [...], "lon": [...], "trk": [...], "gs": [...], "alt": [...],
  "vs": [...]} in degrees, m/s and metres (aircraft are numbered from 0), or
  tracks as the API gives them: {"tracks": [Track, ...]} or [Track, ...] (needs trackId, lat, lon, velEastMps,
  velNorthMps; altM, vrMps, timeMs optional; tracks of different times are predicted to the latest).
Use - to read standard input.

Every pair of aircraft is checked, whatever its categories. The model: linear prediction over the look-ahead;
a pair conflicts when its horizontal and vertical windows inside the protected volume overlap before the
look-ahead ends, or when it is inside the volume now (see src/safety/stca/model.ts).

Options:
  --model M         stca (default): jointsky's STCA geometry; an unknown altitude counts as vertically close.
                    bluesky: BlueSky's StateBased detection, its arithmetic and defaults (look-ahead 300 s).
  --lookahead S     look-ahead, s (default 120 for stca, 300 for bluesky).
  --pz NM,FT        protected volume: horizontal radius in NM and vertical half-height in ft (default 5,1000).

Output (JSON): model, lookaheadS, pz, aircraft, conflictCount, losCount,
  conflicts: [{a, b, tcpaS, dcpaM, tInS, tOutS, horizNowM, vertNowM}]  (a < b; tcpaS < 0: already passed;
             tInS/tOutS: when the predicted loss of separation starts and ends, null when unbounded)
  los:       [{a, b, horizNowM, vertNowM}]                            (separation lost now)

Examples:
  jointsky conflicts test/fixtures/safety/traf3000.json --model bluesky
  jointsky conflicts tracks.json --lookahead 90 --pz 3,1000
`;

function positiveNumber(option: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x <= 0) throw new UsageError(`conflicts: ${option} must be a positive number, got '${value}'`);
  return x;
}

function parsePz(value: string): { horizNm: number; vertFt: number } {
  const parts = value.split(',');
  const h = Number(parts[0]);
  const v = Number(parts[1]);
  if (parts.length !== 2 || !(h > 0) || !(v > 0) || !Number.isFinite(h) || !Number.isFinite(v) || h > 100 || v > 100_000) {
    throw new UsageError(`conflicts: --pz must be NM,FT with positive numbers (e.g. 5,1000), got '${value}'`);
  }
  return { horizNm: h, vertFt: v };
}

/** A JSON number rounded to a millimetre or millisecond; null for the unbounded. */
function num(x: number): number | null {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('conflicts', argv, {
    lookahead: { type: 'string' },
    pz: { type: 'string' },
    model: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('conflicts: give exactly one SNAPSHOT.json (see --help)');
  const model: StcaModel = values.model === undefined ? 'stca' : parseChoice('--model', values.model, ['stca', 'bluesky'] as const);
  const lookaheadS = values.lookahead === undefined ? (model === 'bluesky' ? 300 : 120) : positiveNumber('--lookahead', values.lookahead);
  if (lookaheadS > 1800) throw new UsageError(`conflicts: --lookahead must be at most 1800 s, got '${values.lookahead}'`);
  const pz = values.pz === undefined ? { horizNm: 5, vertFt: 1000 } : parsePz(values.pz);

  const file = positionals[0];
  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin) : readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const { snapshot } = parseSnapshot(json, file);
  const rules = resolveRules(parseStcaConfig({ lookaheadS, pz, allPairs: true }));
  const set = new StcaDetector(rules, model).detect(snapshot);

  type ConflictOut = { a: number; b: number; tcpaS: number | null; dcpaM: number | null; tInS: number | null; tOutS: number | null; horizNowM: number | null; vertNowM: number | null };
  type LosOut = { a: number; b: number; horizNowM: number | null; vertNowM: number | null };
  const conflicts: ConflictOut[] = [];
  const los: LosOut[] = [];
  for (let k = 0; k < set.count; k++) {
    const idA = snapshot.trackId[set.i[k]];
    const idB = snapshot.trackId[set.j[k]];
    const a = Math.min(idA, idB);
    const b = Math.max(idA, idB);
    const horizNowM = num(set.horizNowM[k]);
    const vertNowM = num(Math.abs(set.dAltM[k]));
    if (set.flags[k] & FLAG_CONFLICT) {
      conflicts.push({ a, b, tcpaS: num(set.tcpaS[k]), dcpaM: num(set.dcpaM[k]), tInS: num(set.tInS[k]), tOutS: num(set.tOutS[k]), horizNowM, vertNowM });
    }
    if (set.flags[k] & FLAG_LOS) los.push({ a, b, horizNowM, vertNowM });
  }
  const byIds = (x: { a: number; b: number }, y: { a: number; b: number }) => x.a - y.a || x.b - y.b;
  conflicts.sort(byIds);
  los.sort(byIds);
  const out = { model, lookaheadS, pz, aircraft: snapshot.n, conflictCount: conflicts.length, losCount: los.length, conflicts, los };
  io.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  return 0;
}

export const conflictsCommand: Command = {
  name: 'conflicts',
  summary: 'short-term conflict detection on a snapshot of aircraft states (JSON out)',
  help: HELP,
  run,
};
