// SPDX-License-Identifier: GPL-3.0-or-later
// STCA settings (look-ahead, protected volumes per category pair and per airspace zone, which pairs alert, the
// alert lifecycle), validated with zod, and their resolved form in SI units and typed arrays for the detector.

import { z } from 'zod';
import { parseConfig } from '../../core/config.ts';
import { FT_M, NM_M } from './model.ts';
import { CATEGORIES } from './snapshot.ts';

const categorySchema = z.enum(['civil', 'military', 'state', 'unknown']);
const positive = z.number().positive();

const VolumeSchema = z.strictObject({
  horizNm: positive.max(100),
  vertFt: positive.max(100_000),
});

const ZoneSchema = z.strictObject({
  name: z.string().min(1),
  /** Polygon vertices [lat, lon] in degrees (closed implicitly), at least three. */
  polygon: z.array(z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)])).min(3),
  pz: VolumeSchema,
});

const CategoryPairSchema = z.strictObject({
  /** The pair, in either order. */
  pair: z.tuple([categorySchema, categorySchema]),
  /** Whether the pair raises alerts. */
  alert: z.boolean(),
  /** Its own protected volume (overrides zone and default). */
  pz: VolumeSchema.optional(),
});

export const StcaConfigSchema = z
  .strictObject({
    /** Linear prediction horizon, s. */
    lookaheadS: positive.max(1800).default(120),
    /** Default protected volume: the radar separation minimum and the vertical separation minimum (ICAO Doc 4444). */
    pz: VolumeSchema.prefault({ horizNm: 5, vertFt: 1000 }),
    /**
     * Which category pairs alert. Defaults: military, state and unknown against civil alert; civil against civil does
     * not (civil ATC runs its own STCA); pairs not listed do not alert. Dark tracks count whatever this says when
     * `darkAlwaysAlerts` is on.
     */
    categoryPairs: z
      .array(CategoryPairSchema)
      .default([
        { pair: ['military', 'civil'], alert: true },
        { pair: ['state', 'civil'], alert: true },
        { pair: ['unknown', 'civil'], alert: true },
        { pair: ['civil', 'civil'], alert: false },
      ]),
    /** A pair with a dark member (transponder off or never on) alerts whatever its categories. */
    darkAlwaysAlerts: z.boolean().default(true),
    /**
     * The least volume of a pair with a dark member: a primary-only track has no altitude, a position uncertain by up
     * to a kilometre, and unknown intentions, so it gets a wider berth than the separation minimum (SK1755 was
     * stopped at FL220 for unidentified traffic that passed about 6.6 NM away). A pair's own volume wins if larger.
     */
    darkPz: VolumeSchema.prefault({ horizNm: 8, vertFt: 2000 }),
    /** Every pair alerts (what-if analysis and the BlueSky cross-check). */
    allPairs: z.boolean().default(false),
    /** Airspace zones with their own protected volume, first match wins per aircraft. */
    zones: z.array(ZoneSchema).default([]),
    /** Confirmation: an alert is raised when the pair conflicts in m of the last n cycles. */
    confirm: z
      .strictObject({ m: z.number().int().min(1).max(31), n: z.number().int().min(1).max(31) })
      .refine((c) => c.m <= c.n, { message: 'm must not exceed n' })
      .prefault({ m: 2, n: 3 }),
    /**
     * Hysteresis: a raised alert ends after this many consecutive cycles without conflict (10 one-second cycles: a
     * dark track's noisy velocity moves its predicted miss distance across the boundary for a few seconds at a time).
     */
    endAfterCycles: z.number().int().min(1).max(1000).default(10),
  })
  .prefault({});

export type StcaConfig = z.output<typeof StcaConfigSchema>;
export type StcaConfigInput = z.input<typeof StcaConfigSchema>;

/** Validated settings with defaults filled, or a ConfigError naming `file`, the key and what is allowed. */
export function parseStcaConfig(value: unknown = {}, file = 'stca config'): StcaConfig {
  return parseConfig(StcaConfigSchema, value, file);
}

/** A zone as the detector uses it: vertices and bounding box in degrees, volume in metres. */
export interface ResolvedZone {
  name: string;
  lat: Float64Array;
  lon: Float64Array;
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
  rpzM: number;
  hpzM: number;
}

/** The settings the detector reads, in metres and seconds; category pairs as 4×4 tables indexed catA·4 + catB. */
export interface StcaRules {
  lookaheadS: number;
  rpzM: number;
  hpzM: number;
  allPairs: boolean;
  darkAlwaysAlerts: boolean;
  /** The least volume of a pair with a dark member, m. */
  darkRpzM: number;
  darkHpzM: number;
  pairAlerts: Uint8Array;
  /** Per category pair volume, NaN where the pair has none of its own. */
  pairRpzM: Float64Array;
  pairHpzM: Float64Array;
  zones: ResolvedZone[];
  /** The largest volume any pair can get: what the spatial grid must allow for. */
  maxRpzM: number;
  maxHpzM: number;
}

/** Converts validated settings into detector rules. */
export function resolveRules(c: StcaConfig): StcaRules {
  const pairAlerts = new Uint8Array(16);
  const pairRpzM = new Float64Array(16).fill(Number.NaN);
  const pairHpzM = new Float64Array(16).fill(Number.NaN);
  const rpzM = c.pz.horizNm * NM_M;
  const hpzM = c.pz.vertFt * FT_M;
  const darkRpzM = c.darkPz.horizNm * NM_M;
  const darkHpzM = c.darkPz.vertFt * FT_M;
  let maxRpzM = Math.max(rpzM, darkRpzM);
  let maxHpzM = Math.max(hpzM, darkHpzM);
  for (const p of c.categoryPairs) {
    const a = CATEGORIES.indexOf(p.pair[0]);
    const b = CATEGORIES.indexOf(p.pair[1]);
    for (const k of [a * 4 + b, b * 4 + a]) {
      pairAlerts[k] = p.alert ? 1 : 0;
      if (p.pz) {
        pairRpzM[k] = p.pz.horizNm * NM_M;
        pairHpzM[k] = p.pz.vertFt * FT_M;
        maxRpzM = Math.max(maxRpzM, pairRpzM[k]);
        maxHpzM = Math.max(maxHpzM, pairHpzM[k]);
      }
    }
  }
  const zones = c.zones.map((z): ResolvedZone => {
    const lat = Float64Array.from(z.polygon.map((v) => v[0]));
    const lon = Float64Array.from(z.polygon.map((v) => v[1]));
    const zone = {
      name: z.name,
      lat,
      lon,
      minLat: Math.min(...lat),
      maxLat: Math.max(...lat),
      minLon: Math.min(...lon),
      maxLon: Math.max(...lon),
      rpzM: z.pz.horizNm * NM_M,
      hpzM: z.pz.vertFt * FT_M,
    };
    maxRpzM = Math.max(maxRpzM, zone.rpzM);
    maxHpzM = Math.max(maxHpzM, zone.hpzM);
    return zone;
  });
  return {
    lookaheadS: c.lookaheadS,
    rpzM,
    hpzM,
    allPairs: c.allPairs,
    darkAlwaysAlerts: c.darkAlwaysAlerts,
    darkRpzM,
    darkHpzM,
    pairAlerts,
    pairRpzM,
    pairHpzM,
    zones,
    maxRpzM,
    maxHpzM,
  };
}

/** Whether (lat, lon) lies inside the zone's polygon (even-odd rule on the lat/lon plane; boundary counts as inside or not). */
export function inZone(z: ResolvedZone, lat: number, lon: number): boolean {
  if (lat < z.minLat || lat > z.maxLat || lon < z.minLon || lon > z.maxLon) return false;
  let inside = false;
  const n = z.lat.length;
  for (let a = 0, b = n - 1; a < n; b = a++) {
    const ya = z.lat[a];
    const yb = z.lat[b];
    if (ya > lat !== yb > lat) {
      const x = z.lon[a] + ((lat - ya) / (yb - ya)) * (z.lon[b] - z.lon[a]);
      if (lon < x) inside = !inside;
    }
  }
  return inside;
}
