// SPDX-License-Identifier: GPL-3.0-or-later
// Encounter analysis settings: the detection volumes and the airprox risk rules, validated with zod.
// Every default is explained, with its source, in docs/airprox.md.

import { z } from 'zod';
import { parseConfig } from '../../core/config.ts';
import type { TrackCategory } from '../../fusion/track.ts';

const FT = 0.3048;
const NM = 1852;

const categorySchema = z.enum(['civil', 'military', 'state', 'unknown']);
const positive = z.number().positive();

/** ACAS II resolution-advisory thresholds for one altitude band (ICAO Annex 10 Vol IV, sensitivity levels 3–7). */
const AcasBandSchema = z.strictObject({
  /** The band reaches up to this altitude, ft (exclusive); the last band should be open (a large number). */
  belowFt: positive,
  /** RA DMOD: horizontal miss distance the RA logic protects, NM. */
  dmodNm: positive,
  /** ALIM: vertical miss distance the RA logic aims for, ft. */
  alimFt: positive,
});

export const EncounterConfigSchema = z
  .strictObject({
    detection: z
      .strictObject({
        /** Volume for pairs that are both cooperative: the radar and vertical separation minima (Doc 4444). */
        horizNm: positive.default(5),
        vertFt: positive.default(1000),
        /** Wider volume for pairs with a dark member (transponder off or never on). */
        darkHorizNm: positive.default(10),
        darkVertFt: positive.default(5000),
        /** Category pairs analysed (order does not matter); by default every pair with a civil aircraft. */
        pairs: z
          .array(z.tuple([categorySchema, categorySchema]))
          .min(1)
          .default([
            ['civil', 'civil'],
            ['civil', 'military'],
            ['civil', 'state'],
            ['civil', 'unknown'],
          ]),
        /** Aircraft below this altitude (or on the ground) are left out: aerodrome traffic, not airprox. */
        minAltFt: z.number().min(-2000).default(1000),
        /** A member state older than this is not extrapolated to the other's time, s. */
        maxExtrapolationS: positive.default(20),
        /** An open encounter closes after this long outside the volume, s. */
        closeAfterS: positive.default(60),
        /** Seconds of each track's history kept for the incident reports (0: none). */
        evidenceS: z.number().min(0).max(3600).default(180),
      })
      .prefault({}),
    risk: z
      .strictObject({
        /** A: slant miss below this, ft (FAA near mid-air collision: proximity of less than 500 ft). */
        collisionSlantFt: positive.default(500),
        /** B: inside the ACAS II RA protection (DMOD and ALIM) of the altitude band. */
        acasBands: z
          .array(AcasBandSchema)
          .min(1)
          .default([
            { belowFt: 2350, dmodNm: 0.2, alimFt: 300 },
            { belowFt: 5000, dmodNm: 0.35, alimFt: 300 },
            { belowFt: 10000, dmodNm: 0.55, alimFt: 350 },
            { belowFt: 20000, dmodNm: 0.8, alimFt: 400 },
            { belowFt: 42000, dmodNm: 1.1, alimFt: 600 },
            { belowFt: 100000, dmodNm: 1.1, alimFt: 700 },
          ]),
        /** B also: ACAS blind, within the vertical minimum and less than this many seconds apart at the closing speed (see and avoid). */
        seeAndAvoidS: positive.default(12.5),
        /** C: the separation minima (a loss of separation is at least C). */
        sepHorizNm: positive.default(5),
        sepVertFt: positive.default(1000),
        /** D: the closest point falls where either track had no update for longer than this, s. */
        maxGapS: positive.default(30),
        /**
         * An aircraft without altitude (primary radar only): 'co-altitude' assumes the worst (as safety nets and UK CAP 774
         * treat unverified returns) and classifies on the horizontal miss, saying so; 'undetermined' makes it D.
         */
        unknownAltitude: z.enum(['co-altitude', 'undetermined']).default('co-altitude'),
      })
      .prefault({}),
  })
  .prefault({});

export type EncounterConfig = z.output<typeof EncounterConfigSchema>;
export type EncounterConfigInput = z.input<typeof EncounterConfigSchema>;

/** Validated settings (defaults filled), or a ConfigError naming `file`, the key and what is allowed. */
export function parseEncounterConfig(value: unknown = {}, file = 'encounter config'): EncounterConfig {
  return parseConfig(EncounterConfigSchema, value, file);
}

/** The settings in SI units, as the detector and the classifier use them. */
export interface EncounterLimits {
  horizM: number;
  vertM: number;
  darkHorizM: number;
  darkVertM: number;
  /** Category pair allowed: key `a|b` with a <= b. */
  pairs: ReadonlySet<string>;
  minAltM: number;
  maxExtrapolationMs: number;
  closeAfterMs: number;
  evidenceMs: number;
}

export function pairKey(a: TrackCategory, b: TrackCategory): string {
  return a <= b ? `${a}|${b}` : `${b}|${a}`;
}

export function limitsOf(c: EncounterConfig): EncounterLimits {
  const d = c.detection;
  return {
    horizM: d.horizNm * NM,
    vertM: d.vertFt * FT,
    darkHorizM: d.darkHorizNm * NM,
    darkVertM: d.darkVertFt * FT,
    pairs: new Set(d.pairs.map(([a, b]) => pairKey(a, b))),
    minAltM: d.minAltFt * FT,
    maxExtrapolationMs: d.maxExtrapolationS * 1000,
    closeAfterMs: d.closeAfterS * 1000,
    evidenceMs: d.evidenceS * 1000,
  };
}
