// SPDX-License-Identifier: GPL-3.0-or-later
// Which party an aircraft belongs to, as far as its ICAO address tells: the country block of the address
// (ICAO Annex 10 vol. III, data/icao-addresses.json), when that country's code is a party id of the log.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Track } from '../fusion/track.ts';

export interface AddressBlock {
  start: number;
  end: number;
  /** ISO 3166 alpha-2, lowercase. */
  cc: string;
}

export function loadAddressBlocks(dir?: string): AddressBlock[] {
  let d = dir;
  if (d === undefined) {
    for (const rel of ['../../data', '../data']) {
      const candidate = fileURLToPath(new URL(rel, import.meta.url));
      if (existsSync(`${candidate}/icao-addresses.json`)) d = candidate;
    }
  }
  if (d === undefined) throw new Error('jointsky data/ directory not found (expected beside src/ or dist/)');
  const json = JSON.parse(readFileSync(`${d}/icao-addresses.json`, 'utf8')) as { countries: [string, string, string, string][] };
  return json.countries.map(([s, e, , cc]) => ({ start: Number.parseInt(s, 16), end: Number.parseInt(e, 16), cc }));
}

/** A partyOf function: the country code of the track's address block when it is one of `parties`. */
export function partyByAddress(blocks: readonly AddressBlock[], parties: ReadonlySet<string>): (t: Track) => string | undefined {
  return (t) => {
    if (t.icao === undefined || !/^[0-9a-f]{6}$/.test(t.icao)) return undefined;
    const a = Number.parseInt(t.icao, 16);
    for (const b of blocks) if (a >= b.start && a <= b.end) return parties.has(b.cc) ? b.cc : undefined;
    return undefined;
  };
}
