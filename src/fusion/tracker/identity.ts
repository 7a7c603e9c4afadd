// SPDX-License-Identifier: GPL-3.0-or-later
// Track category from identity: configuration overrides first, then the military ICAO address ranges of
// data/icao-addresses.json (see data/SOURCES.md), then callsign prefixes of military and state operators.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TrackCategory } from '../track.ts';

/**
 * Callsign prefixes of military operators (ICAO Doc 8585 telephony designators and NATO usage): NATO (AWACS),
 * RCH (USAF Air Mobility Command "REACH"), RRR (Royal Air Force "ASCOT"), GAF (German Air Force), PLF (Polish
 * Air Force), CTM (French Air Force "COTAM"), BAF (Belgian Air Component), NAF (Netherlands Air Force), SVF
 * (Swedish Air Force), FNF (Finnish Air Force), IAM (Italian Air Force), CFC (Canadian Forces). The simulator's
 * QRA pairs fly GAF and PLF.
 */
export const MILITARY_CALLSIGN_PREFIXES: readonly string[] = ['NATO', 'RCH', 'RRR', 'GAF', 'PLF', 'CTM', 'BAF', 'NAF', 'SVF', 'FNF', 'IAM', 'CFC'];

/** Callsign prefixes of state (government) flights: RFF, the Rossiya Special Flight Detachment. */
export const STATE_CALLSIGN_PREFIXES: readonly string[] = ['RFF'];

interface Range {
  start: number;
  end: number;
}

let militaryRanges: Range[] | undefined;

/** data/ beside src/ (source tree) or dist/ (bundle). */
function dataFile(name: string): string {
  for (const rel of ['../../../data/', '../data/', '../../data/']) {
    const path = fileURLToPath(new URL(rel + name, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`jointsky data/${name} not found (expected beside src/ or dist/)`);
}

/** The military address ranges, loaded once, sorted by start. */
function ranges(): Range[] {
  if (militaryRanges === undefined) {
    const data = JSON.parse(readFileSync(dataFile('icao-addresses.json'), 'utf8')) as { military: [string, string][] };
    militaryRanges = data.military.map(([s, e]) => ({ start: Number.parseInt(s, 16), end: Number.parseInt(e, 16) }));
    militaryRanges.sort((a, b) => a.start - b.start);
  }
  return militaryRanges;
}

/** True when the address (6 hex digits) lies in a military range. */
export function isMilitaryAddress(icao: string): boolean {
  const a = Number.parseInt(icao, 16);
  if (!Number.isFinite(a)) return false;
  for (const r of ranges()) {
    if (a < r.start) return false;
    if (a <= r.end) return true;
  }
  return false;
}

/** A callsign starts with the prefix followed by a digit (or nothing): "RCH123" matches RCH, "RCHX" does not. */
function hasPrefix(callsign: string, prefixes: readonly string[]): boolean {
  for (const p of prefixes) {
    if (!callsign.startsWith(p)) continue;
    if (callsign.length === p.length) return true;
    const c = callsign.charCodeAt(p.length);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** Classifies identities; one instance per tracker (its extra prefixes and overrides come from the options). */
export class CategoryClassifier {
  private readonly military: readonly string[];
  private readonly state: readonly string[];
  private readonly overrides: ReadonlyMap<string, TrackCategory>;

  constructor(overrides: Readonly<Record<string, TrackCategory>> = {}, militaryPrefixes: readonly string[] = [], statePrefixes: readonly string[] = []) {
    this.military = [...MILITARY_CALLSIGN_PREFIXES, ...militaryPrefixes];
    this.state = [...STATE_CALLSIGN_PREFIXES, ...statePrefixes];
    this.overrides = new Map(Object.entries(overrides));
    ranges();
  }

  /** Category of an identity: 'unknown' when there is none (a primary-only track). */
  classify(icao: string | undefined, callsign: string | undefined, squawk: string | undefined): TrackCategory {
    if (icao !== undefined) {
      const o = this.overrides.get(icao);
      if (o !== undefined) return o;
      if (isMilitaryAddress(icao)) return 'military';
    }
    if (callsign !== undefined) {
      if (hasPrefix(callsign, this.military)) return 'military';
      if (hasPrefix(callsign, this.state)) return 'state';
    }
    return icao !== undefined || callsign !== undefined || squawk !== undefined ? 'civil' : 'unknown';
  }
}
