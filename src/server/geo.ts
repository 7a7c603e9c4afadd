// SPDX-License-Identifier: GPL-3.0-or-later
// GeoJSON for the offline map, built once from the committed reference data (data/: coastline, FIRs,
// airports) and Natural Earth land (world-atlas land-50m), trimmed to the Baltic region.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GEO_LAYERS = ['coastline', 'land', 'firs', 'airports'] as const;
export type GeoLayer = (typeof GEO_LAYERS)[number];

type Position = [number, number];
type Ring = Position[];

/** The region the map shows, [west, south, east, north] degrees; land polygons outside it are left out. */
const REGION: [number, number, number, number] = [-5, 48, 45, 72];

/** data/ next to src/ (from the sources) or next to dist/ (from the bundle). */
function dataDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../data', '../data']) {
    const dir = join(here, up);
    try {
      readFileSync(join(dir, 'airports.json'));
      return dir;
    } catch {
      // try the next
    }
  }
  throw new Error('data/ (coastline.json, firs.json, airports.json) not found next to the program');
}

const readJson = (dir: string, name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));

function bboxIntersects(ring: Ring): boolean {
  let w = 180;
  let s = 90;
  let e = -180;
  let n = -90;
  for (const [x, y] of ring) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return !(e < REGION[0] || w > REGION[2] || n < REGION[1] || s > REGION[3]);
}

function coastline(dir: string): unknown {
  const c = readJson(dir, 'coastline.json') as { lines: Ring[] };
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { source: 'Natural Earth coastline (data/coastline.json)' }, geometry: { type: 'MultiLineString', coordinates: c.lines } }],
  };
}

function firs(dir: string): unknown {
  const list = readJson(dir, 'firs.json') as { id: string; name: string; kind: string; minFl: number; maxFl: number; polygons: Ring[][] | Ring[] }[];
  return {
    type: 'FeatureCollection',
    features: list.map((f) => {
      // polygons: a list of polygons (each a list of rings), or a list of outer rings.
      const polys = (Array.isArray(f.polygons[0]?.[0]?.[0]) ? f.polygons : (f.polygons as Ring[]).map((r) => [r])) as Ring[][];
      return {
        type: 'Feature',
        id: `${f.kind}-${f.id}`,
        properties: { id: f.id, name: f.name, kind: f.kind, minFl: f.minFl, maxFl: f.maxFl },
        geometry: { type: 'MultiPolygon', coordinates: polys },
      };
    }),
  };
}

function airports(dir: string): unknown {
  const list = readJson(dir, 'airports.json') as { icao: string; iata?: string; name: string; type: string; lat: number; lon: number; elevFt: number }[];
  return {
    type: 'FeatureCollection',
    features: list.map((a) => ({
      type: 'Feature',
      id: a.icao,
      properties: { icao: a.icao, iata: a.iata ?? null, name: a.name, type: a.type, elevFt: a.elevFt },
      geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
    })),
  };
}

interface Topology {
  type: 'Topology';
  objects: Record<string, unknown>;
}

function land(): unknown {
  const require = createRequire(import.meta.url);
  const topo = require('world-atlas/land-50m.json') as Topology;
  const { feature } = require('topojson-client') as { feature(t: Topology, o: unknown): { type: string; features?: { geometry: Geometry }[]; geometry?: Geometry } };
  const fc = feature(topo, topo.objects.land);
  const geoms: Geometry[] = fc.features ? fc.features.map((f) => f.geometry) : fc.geometry ? [fc.geometry] : [];
  const polygons: Ring[][] = [];
  for (const g of geoms) {
    const list = g.type === 'Polygon' ? [g.coordinates as Ring[]] : g.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : [];
    for (const p of list) if (bboxIntersects(p[0])) polygons.push(p);
  }
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { source: 'Natural Earth 1:50m land (world-atlas)' }, geometry: { type: 'MultiPolygon', coordinates: polygons } }],
  };
}

interface Geometry {
  type: string;
  coordinates: unknown;
}

/** Serialized layers, built on first use. */
export class GeoLayers {
  private readonly cache = new Map<GeoLayer, string>();
  private dir: string | undefined;

  get(name: GeoLayer): string {
    let s = this.cache.get(name);
    if (s === undefined) {
      this.dir ??= dataDir();
      const value = name === 'coastline' ? coastline(this.dir) : name === 'firs' ? firs(this.dir) : name === 'airports' ? airports(this.dir) : land();
      s = JSON.stringify(value);
      this.cache.set(name, s);
    }
    return s;
  }
}
