// SPDX-License-Identifier: GPL-3.0-or-later
// The sensor registry: every party's sensors, where they stand, how accurate they are, which ASTERIX
// editions they send, and their live status (rotation, health) from CAT034 service messages.

import { z } from 'zod';
import { parseConfig } from '../core/config.ts';
import { EnuFrame, type Geodetic } from '../core/geodesy.ts';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const SensorConfigSchema = z
  .object({
    id: z.string().regex(ID, 'letters, digits, . _ - (starting with a letter or digit)'),
    party: z.string().regex(ID, 'a party id: letters, digits, . _ -'),
    /** adsb: a 1090 MHz receiver; radar: PSR and/or SSR/Mode S (ASTERIX CAT048/034); system: tracks (CAT062). */
    kind: z.enum(['adsb', 'radar', 'system']),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    /** Antenna height above the WGS84 ellipsoid, m. */
    heightM: z.number().min(-500).max(10_000).default(0),
    sac: z.number().int().min(0).max(255).optional(),
    sic: z.number().int().min(0).max(255).optional(),
    /** ASTERIX category → edition this sensor sends, e.g. {"48": "1.31"}. */
    editions: z.record(z.string().regex(/^\d{1,3}$/, 'a category number'), z.string().regex(/^\d+\.\d+$/, 'an edition like 1.31')).default({}),
    /** One-sigma radar range and azimuth noise. */
    rangeSigmaM: z.number().positive().default(70),
    azimuthSigmaDeg: z.number().positive().default(0.08),
    /** Known systematic errors, subtracted from measurements. */
    rangeBiasM: z.number().default(0),
    azimuthBiasDeg: z.number().default(0),
    timeBiasMs: z.number().default(0),
    /** Height assumed for primary-only plots, which carry no altitude, m. */
    psrAssumedHeightM: z.number().min(0).max(20_000).default(0),
    maxRangeNm: z.number().positive().default(250),
  })
  .strict();

export type SensorConfig = z.output<typeof SensorConfigSchema>;
export const SensorListSchema = z.array(SensorConfigSchema);

/** What a sensor's service messages (CAT034) say about it. */
export interface SensorStatus {
  /** Time of the last north marker, ms. */
  lastNorthMarkerMs: number;
  /** Antenna rotation period, s: measured between north markers, or as the radar states it (I034/041). */
  rotationPeriodS: number;
  northMarkers: number;
  sectorCrossings: number;
  /** False when the radar reports itself NOGO (I034/050). */
  operational: boolean;
}

export interface Sensor extends SensorConfig {
  /** The sensor's local ENU frame, for polar measurements. */
  frame: EnuFrame;
  position: Geodetic;
  status: SensorStatus;
}

/** The registry: lookups by id and by ASTERIX SAC/SIC. */
export class SensorRegistry {
  private readonly byId = new Map<string, Sensor>();
  private readonly bySacSic = new Map<number, Sensor>();

  /** Validates the list (naming `file` and the key on error) and builds the registry. */
  static fromConfig(value: unknown, file: string): SensorRegistry {
    const configs = parseConfig(SensorListSchema, value, file);
    const registry = new SensorRegistry();
    const seen = new Set<string>();
    configs.forEach((c, i) => {
      if (seen.has(c.id)) throw new Error(`${file}: [${i}].id: sensor id '${c.id}' is used twice`);
      seen.add(c.id);
      if ((c.sac === undefined) !== (c.sic === undefined)) throw new Error(`${file}: [${i}]: give both sac and sic, or neither`);
      if (c.sac !== undefined && registry.bySacSic.has(sacSicKey(c.sac, c.sic!))) {
        throw new Error(`${file}: [${i}]: SAC/SIC ${c.sac}/${c.sic} is used by another sensor`);
      }
      registry.add(c);
    });
    return registry;
  }

  add(config: SensorConfig): Sensor {
    const sensor: Sensor = {
      ...config,
      frame: new EnuFrame(config.lat, config.lon, config.heightM),
      position: { latDeg: config.lat, lonDeg: config.lon, hM: config.heightM },
      status: { lastNorthMarkerMs: Number.NaN, rotationPeriodS: Number.NaN, northMarkers: 0, sectorCrossings: 0, operational: true },
    };
    this.byId.set(sensor.id, sensor);
    if (sensor.sac !== undefined && sensor.sic !== undefined) this.bySacSic.set(sacSicKey(sensor.sac, sensor.sic), sensor);
    return sensor;
  }

  get(id: string): Sensor | undefined {
    return this.byId.get(id);
  }

  bySource(sac: number, sic: number): Sensor | undefined {
    return this.bySacSic.get(sacSicKey(sac, sic));
  }

  all(): Sensor[] {
    return [...this.byId.values()];
  }

  /** ASTERIX editions per SAC/SIC, in the form the codec's configuration takes. */
  asterixEditions(): Record<string, Record<number, string>> {
    const out: Record<string, Record<number, string>> = {};
    for (const s of this.byId.values()) {
      if (s.sac === undefined || s.sic === undefined || Object.keys(s.editions).length === 0) continue;
      out[`${s.sac}/${s.sic}`] = Object.fromEntries(Object.entries(s.editions).map(([cat, ed]) => [Number(cat), ed]));
    }
    return out;
  }
}

function sacSicKey(sac: number, sic: number): number {
  return (sac << 8) | sic;
}
