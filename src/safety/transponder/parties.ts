// SPDX-License-Identifier: GPL-3.0-or-later
// Attributes an aircraft to a party from its ICAO 24-bit address: the country block the address falls in
// (data/icao-addresses.json, ICAO Annex 10 Vol III) and a country → party map (by default the party id is the
// ISO country code, as in the scenarios). Aircraft that never transmitted an address are 'unattributed'.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const UNATTRIBUTED = 'unattributed';

interface Block {
  start: number;
  end: number;
  cc: string;
}

/** data/ from the source tree (src/safety/transponder/) or from the bundle (dist/). */
function dataFile(name: string): string {
  for (const rel of ['../../../data/', '../data/']) {
    const path = fileURLToPath(new URL(rel + name, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`jointsky data/${name} not found (expected beside src/ or dist/)`);
}

let cachedBlocks: Block[] | undefined;

function loadBlocks(): Block[] {
  if (cachedBlocks) return cachedBlocks;
  const raw = JSON.parse(readFileSync(dataFile('icao-addresses.json'), 'utf8')) as { countries: [string, string, string, string][] };
  cachedBlocks = raw.countries.map(([s, e, , cc]) => ({ start: Number.parseInt(s, 16), end: Number.parseInt(e, 16), cc }));
  return cachedBlocks;
}

export class PartyResolver {
  private readonly blocks: Block[];
  private readonly cache = new Map<string, string | undefined>();

  /** partyOfCountry: ISO alpha-2 (lowercase) → party id; countries not in it map to their own code. */
  constructor(private readonly partyOfCountry: Readonly<Record<string, string>> = {}) {
    this.blocks = loadBlocks();
  }

  /** The country (ISO alpha-2) of an address, first matching block; undefined outside every block or malformed. */
  countryOf(icao: string): string | undefined {
    if (!/^[0-9a-f]{6}$/i.test(icao)) return undefined;
    const a = Number.parseInt(icao, 16);
    for (const b of this.blocks) if (a >= b.start && a <= b.end) return b.cc;
    return undefined;
  }

  /** The party of an address, or 'unattributed' when unknown. */
  partyOf(icao: string | undefined): string {
    if (icao === undefined) return UNATTRIBUTED;
    let p = this.cache.get(icao);
    if (!this.cache.has(icao)) {
      const cc = this.countryOf(icao);
      p = cc === undefined ? undefined : (this.partyOfCountry[cc] ?? cc);
      this.cache.set(icao, p);
    }
    return p ?? UNATTRIBUTED;
  }
}
