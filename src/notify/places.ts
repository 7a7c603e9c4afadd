// SPDX-License-Identifier: GPL-3.0-or-later
// Named points for flight plans: aerodromes (data/airports.json) and navaids (data/navaids.json). Navaid
// identifiers repeat across countries, so a name resolves to the one nearest the previous point of the route.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Place {
  name: string;
  lat: number;
  lon: number;
  kind: 'aerodrome' | 'navaid';
}

export interface PlaceResolver {
  aerodrome(icao: string): Place | undefined;
  /** A navaid (or aerodrome) by name; among namesakes the one nearest `near`. */
  point(name: string, near?: { lat: number; lon: number }): Place | undefined;
}

export class PlaceTable implements PlaceResolver {
  private readonly aerodromes = new Map<string, Place>();
  private readonly navaids = new Map<string, Place[]>();

  add(p: Place): void {
    if (p.kind === 'aerodrome') {
      this.aerodromes.set(p.name, p);
      return;
    }
    const list = this.navaids.get(p.name);
    // The same navaid appears once per function (VOR, DME, TACAN) a few hundred metres apart: keep the first.
    if (list) {
      if (!list.some((q) => Math.abs(q.lat - p.lat) < 0.05 && Math.abs(q.lon - p.lon) < 0.05)) list.push(p);
    } else this.navaids.set(p.name, [p]);
  }

  aerodrome(icao: string): Place | undefined {
    return this.aerodromes.get(icao);
  }

  point(name: string, near?: { lat: number; lon: number }): Place | undefined {
    const list = this.navaids.get(name);
    if (!list) return name.length === 4 ? this.aerodromes.get(name) : undefined;
    if (!near || list.length === 1) return list[0];
    let best = list[0];
    let bestD = Number.POSITIVE_INFINITY;
    const k = Math.cos((near.lat * Math.PI) / 180);
    for (const p of list) {
      const d = (p.lat - near.lat) ** 2 + ((p.lon - near.lon) * k) ** 2;
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    return best;
  }
}

function dataDir(): string {
  for (const rel of ['../../data', '../data']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}/navaids.json`)) return dir;
  }
  throw new Error('jointsky data/ directory not found (expected beside src/ or dist/)');
}

let cached: PlaceTable | undefined;

/** Aerodromes and navaids from data/ (cached). */
export function loadPlaces(dir?: string): PlaceTable {
  if (dir === undefined && cached) return cached;
  const d = dir ?? dataDir();
  const table = new PlaceTable();
  const airports = JSON.parse(readFileSync(`${d}/airports.json`, 'utf8')) as { icao: string; lat: number; lon: number }[];
  for (const a of airports) table.add({ name: a.icao, lat: a.lat, lon: a.lon, kind: 'aerodrome' });
  const nav = JSON.parse(readFileSync(`${d}/navaids.json`, 'utf8')) as { rows: [string, string, string, number, number, string, string][] };
  for (const [ident, , , lat, lon] of nav.rows) table.add({ name: ident, lat, lon, kind: 'navaid' });
  if (dir === undefined) cached = table;
  return table;
}
