// SPDX-License-Identifier: GPL-3.0-or-later
// Generates the simulator's runtime reference data in data/ from ../shared/data/geo: coastline, FIR/UIR
// boundaries with flight-level limits, airports (with runways), navaids, ICAO 24-bit address blocks by
// country, military address ranges and aircraft types. The output is compact JSON, committed; the project
// never reads ../shared at run time. Sources and licences: data/SOURCES.md (written here too).
//
// Usage: npx tsx scripts/gen-world-data.ts [GEO_DIR] [OUT_DIR]

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Airport, RunwayEnd } from '../src/sim/world.ts';

const geoDir = process.argv[2] ?? '../shared/data/geo';
const outDir = process.argv[3] ?? 'data';

type Position = [number, number];
interface Feature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

const readJson = (name: string): unknown => JSON.parse(readFileSync(join(geoDir, name), 'utf8'));
const features = (name: string): Feature[] => (readJson(name) as { features: Feature[] }).features;
const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** A CSV line split on commas, honouring double quotes. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function readCsv(name: string): Record<string, string>[] {
  const lines = readFileSync(join(geoDir, name), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const head = csvFields(lines[0]);
  return lines.slice(1).map((l) => {
    const f = csvFields(l);
    const row: Record<string, string> = {};
    head.forEach((h, i) => {
      row[h] = f[i] ?? '';
    });
    return row;
  });
}

/** Douglas–Peucker simplification in degrees (longitude scaled by cos(latitude)), keeping both ends. */
function simplify(line: Position[], tolDeg: number): Position[] {
  if (line.length <= 2) return line;
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const k = Math.cos((line[a][1] * Math.PI) / 180);
    const ax = line[a][0] * k;
    const ay = line[a][1];
    const dx = line[b][0] * k - ax;
    const dy = line[b][1] - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = 0;
    for (let i = a + 1; i < b; i++) {
      const px = line[i][0] * k - ax;
      const py = line[i][1] - ay;
      let d: number;
      if (len2 === 0) d = Math.hypot(px, py);
      else {
        const t = Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
        d = Math.hypot(px - t * dx, py - t * dy);
      }
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0 && worstD > tolDeg) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return line.filter((_, i) => keep[i] === 1);
}

const ring = (r: Position[], digits = 5): Position[] => r.map(([lon, lat]) => [round(lon, digits), round(lat, digits)]);

// --- coastline -----------------------------------------------------------------------------------------
const coastFeature = features('baltic_coastline_ne10m.geojson')[0];
const coastLines = (coastFeature.geometry.coordinates as Position[][])
  .map((l) => ring(simplify(l, 0.002), 4))
  .filter((l) => l.length >= 2);
const coastline = { bbox: coastFeature.properties.bbox, lines: coastLines };

// --- FIR/UIR -----------------------------------------------------------------------------------------
interface FirOut {
  id: string;
  name: string;
  kind: 'FIR' | 'UIR';
  minFl: number;
  maxFl: number;
  /** Outer rings of the polygons, [lon, lat]. */
  polygons: Position[][];
  source: 'eurocontrol' | 'vatspy';
}
const firs: FirOut[] = [];
for (const f of features('baltic_fir_uir_eurocontrol_simplified.geojson')) {
  const p = f.properties as { AV_AIRSPAC: string; AV_NAME: string; MIN_FLIGHT: number; MAX_FLIGHT: number };
  const polys =
    f.geometry.type === 'Polygon'
      ? [(f.geometry.coordinates as Position[][])[0]]
      : (f.geometry.coordinates as Position[][][]).map((pp) => pp[0]);
  firs.push({
    id: p.AV_AIRSPAC.slice(0, 4),
    name: p.AV_NAME,
    kind: p.AV_AIRSPAC.endsWith('UIR') ? 'UIR' : 'FIR',
    minFl: p.MIN_FLIGHT,
    maxFl: p.MAX_FLIGHT,
    polygons: polys.map((r) => ring(r)),
    source: 'eurocontrol',
  });
}
// St Petersburg (ULLL) is missing from the EUROCONTROL set; take it from VATSpy (no level limits there).
for (const f of features('baltic_firs_vatspy.geojson')) {
  const id = String(f.properties.id);
  if (firs.some((x) => x.id === id)) continue;
  if (id !== 'ULLL') continue;
  const polys =
    f.geometry.type === 'Polygon'
      ? [(f.geometry.coordinates as Position[][])[0]]
      : (f.geometry.coordinates as Position[][][]).map((pp) => pp[0]);
  firs.push({ id, name: 'SANKT-PETERBURG FIR', kind: 'FIR', minFl: 0, maxFl: 999, polygons: polys.map((r) => ring(r)), source: 'vatspy' });
}

// --- airports and runways --------------------------------------------------------------------------------
const runwayRows = readCsv('ourairports_runways_baltic.csv').filter(
  (r) => r.closed !== '1' && r.le_latitude_deg !== '' && r.he_latitude_deg !== '' && Number(r.length_ft) >= 3000,
);
const num = (s: string): number | null => (s === '' ? null : Number(s));
const headingBetween = (lat1: number, lon1: number, lat2: number, lon2: number): number => {
  const r = Math.PI / 180;
  const y = Math.sin((lon2 - lon1) * r) * Math.cos(lat2 * r);
  const x = Math.cos(lat1 * r) * Math.sin(lat2 * r) - Math.sin(lat1 * r) * Math.cos(lat2 * r) * Math.cos((lon2 - lon1) * r);
  return ((Math.atan2(y, x) / r) + 360) % 360;
};
function runwaysOf(icao: string): Airport['runways'] {
  return runwayRows
    .filter((r) => r.airport_ident === icao)
    .map((r) => {
      const le = { lat: Number(r.le_latitude_deg), lon: Number(r.le_longitude_deg) };
      const he = { lat: Number(r.he_latitude_deg), lon: Number(r.he_longitude_deg) };
      const leHdg = num(r.le_heading_degT) ?? headingBetween(le.lat, le.lon, he.lat, he.lon);
      const heHdg = num(r.he_heading_degT) ?? (leHdg + 180) % 360;
      const ends: [RunwayEnd, RunwayEnd] = [
        { ident: r.le_ident, lat: round(le.lat, 6), lon: round(le.lon, 6), headingDeg: round(leHdg, 1), elevFt: num(r.le_elevation_ft) },
        { ident: r.he_ident, lat: round(he.lat, 6), lon: round(he.lon, 6), headingDeg: round(heHdg, 1), elevFt: num(r.he_elevation_ft) },
      ];
      return { lengthFt: Number(r.length_ft), ends };
    })
    .sort((a, b) => b.lengthFt - a.lengthFt);
}
function elevationOf(runways: Airport['runways']): number {
  const e = runways.flatMap((r) => r.ends.map((x) => x.elevFt)).filter((x): x is number => x !== null);
  return e.length === 0 ? 0 : Math.round(e.reduce((a, b) => a + b, 0) / e.length);
}
const airports: Airport[] = [];
for (const f of features('airports_europe.geojson')) {
  const p = f.properties as { icao: string; iata: string; name: string; type: string };
  const [lon, lat] = f.geometry.coordinates as Position;
  const runways = runwaysOf(p.icao);
  airports.push({
    icao: p.icao,
    iata: p.iata ?? '',
    name: p.name,
    type: p.type,
    lat: round(lat, 6),
    lon: round(lon, 6),
    elevFt: elevationOf(runways),
    runways,
  });
}
// Military air bases that the airports file (civil, OurAirports "medium/large") lacks; located from their
// runways in the OurAirports runway table. Names given here.
const BASES: Record<string, string> = {
  EYSA: 'Šiauliai Air Base',
  EEEI: 'Ämari Air Base',
};
for (const [icao, name] of Object.entries(BASES)) {
  if (airports.some((a) => a.icao === icao)) continue;
  const runways = runwaysOf(icao);
  if (runways.length === 0) throw new Error(`no runways for ${icao}`);
  const ends = runways.flatMap((r) => r.ends);
  const lat = ends.reduce((s, e) => s + e.lat, 0) / ends.length;
  const lon = ends.reduce((s, e) => s + e.lon, 0) / ends.length;
  airports.push({ icao, iata: '', name, type: 'military', lat: round(lat, 6), lon: round(lon, 6), elevFt: elevationOf(runways), runways });
}
airports.sort((a, b) => (a.icao < b.icao ? -1 : a.icao > b.icao ? 1 : 0));

// --- navaids -------------------------------------------------------------------------------------------
// [ident, type, name, lat, lon, country, associated airport]
const navaids = readCsv('ourairports_navaids_baltic.csv')
  .map((r) => [r.ident, r.type, r.name, round(Number(r.latitude_deg), 5), round(Number(r.longitude_deg), 5), r.iso_country, r.associated_airport])
  .sort((a, b) => (String(a[0]) + a[1] < String(b[0]) + b[1] ? -1 : 1));

// --- ICAO addresses ------------------------------------------------------------------------------------
const countryRanges = (readJson('icao24_country_ranges_tar1090.json') as { ranges: { start: string; end: string; country: string; cc: string }[] }).ranges;
const military = (readJson('military_icao24_ranges_tar1090db.json') as { military: [string, string][] }).military;
const icaoAddresses = {
  note: 'country blocks: first match wins; [start, end, country, ISO 3166 alpha-2], hex inclusive',
  countries: countryRanges.map((r) => [r.start.toLowerCase(), r.end.toLowerCase(), r.country, r.cc]),
  military: military.map(([s, e]) => [s.toLowerCase(), e.toLowerCase()]),
};

// --- aircraft types ------------------------------------------------------------------------------------
const typesIn = readJson('icao_aircraft_types_tar1090db.json') as Record<string, { desc: string; wtc: string }>;
const types: Record<string, string> = {};
for (const k of Object.keys(typesIn).sort()) types[k] = `${typesIn[k].desc}/${typesIn[k].wtc}`;
// Designators the simulator uses that the table lacks (added by hand, from ICAO Doc 8643 descriptions).
const ADDED_TYPES: Record<string, string> = { IL20: 'L4T/M', JS39: 'L1J/M' };
for (const [k, v] of Object.entries(ADDED_TYPES)) if (!(k in types)) types[k] = v;

// --- write ---------------------------------------------------------------------------------------------
mkdirSync(outDir, { recursive: true });
const write = (name: string, value: unknown): void => {
  const text = `${JSON.stringify(value)}\n`;
  writeFileSync(join(outDir, name), text);
  console.log(`${join(outDir, name)}: ${text.length.toLocaleString('en-US')} bytes`);
};
write('coastline.json', coastline);
write('firs.json', firs);
write('airports.json', airports);
write('navaids.json', { columns: ['ident', 'type', 'name', 'lat', 'lon', 'country', 'airport'], rows: navaids });
write('icao-addresses.json', icaoAddresses);
write('aircraft-types.json', { note: 'designator → "description/wake category" (description: L|H|G|A, engine count, J|T|P)', types });

writeFileSync(
  join(outDir, 'SOURCES.md'),
  `# data/ — runtime reference data

Generated by \`npx tsx scripts/gen-world-data.ts\` from ../shared/data/geo (see its README.md). Do not edit by hand;
regenerate. jointsky is GPL-3.0-or-later; every source below may be used this way.

| file | what | source, licence |
|---|---|---|
| coastline.json | Baltic coastline, lon 9..31, lat 53..66.5, simplified (Douglas–Peucker, 0.002°), [lon, lat] | Natural Earth 1:10m land via world-atlas 2.0.2 (public domain / ISC) |
| firs.json | FIR/UIR boundaries with flight-level limits: EETT ENOR EPWW EDWW EKDK EFIN ESAA EYVL (FIR+UIR) EVRR EDUU UMMV UMKK | jaluebbe/FlightMapEuropeSimple (MIT), simplified from EUROCONTROL data |
| firs.json (ULLL only) | St Petersburg FIR, no level limits given (FL 0–999 assumed) | vatsimnetwork/vatspy-data-project (CC BY-SA 4.0); simulator data, not authoritative |
| airports.json | airports (ICAO, IATA, name, type, position) | jaluebbe/FlightMapEuropeSimple (MIT), from OurAirports (public domain) |
| airports.json (runways, elevations; EYSA and EEEI positions) | runway ends, true headings, elevations; the two air bases located from their runways, names added by hand | davidmegginson/ourairports-data (public domain) |
| navaids.json | VOR, DME, TACAN, NDB in lon 0..40, lat 48..72 | davidmegginson/ourairports-data (public domain) |
| icao-addresses.json (countries) | ICAO 24-bit address blocks by country, first match wins | ICAO Annex 10 Vol III ch. 9 appendix, as tabulated in wiedehopf/tar1090 html/flags.js (GPL-2.0-or-later) |
| icao-addresses.json (military) | address ranges used by military aircraft | wiedehopf/tar1090-db (the shared data README names no separate licence; its repository states none; tar1090 itself is GPL-2.0-or-later) |
| aircraft-types.json | ICAO type designator → description and wake category; IL20 and JS39 added by hand (ICAO Doc 8643 descriptions) | wiedehopf/tar1090-db, from the Mictronics aircraft database (licence as for the military ranges above) |
`,
);
console.log(`${join(outDir, 'SOURCES.md')} written`);
