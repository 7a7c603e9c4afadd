// SPDX-License-Identifier: GPL-3.0-or-later
// Airprox risk classification (A–E) of a measured encounter by ordered, configurable rules on the miss
// distances, the closing speed and ACAS visibility. The rules and their sources: docs/airprox.md.

import type { RiskClass } from '../types.ts';
import type { EncounterConfig } from './config.ts';

const FT = 0.3048;
const NM = 1852;

/** What the rules look at, measured at the closest point of approach. */
export interface RiskInput {
  horizM: number;
  /** Absent when either altitude is unknown. */
  vertM?: number;
  slantM: number;
  /** Relative horizontal speed of the pair, m/s. */
  closureMps: number;
  /** Mean altitude of the pair at the closest point, m (for the ACAS band); absent when unknown. */
  altM?: number;
  /** Both transponders on: each ACAS could see the other. */
  acasVisible: boolean;
  /** At least one member dark. */
  dark: boolean;
  /** Longest time since a member's last measurement around the closest point, s. */
  dataGapS: number;
}

/** The rule that decided, with the figures it compared (SI units), so reports can word it in any language. */
export type RiskRuleId =
  | 'no-altitude'
  | 'data-gap'
  | 'collision-proximity'
  | 'acas-protection'
  | 'blind-see-and-avoid'
  | 'separation-lost'
  | 'dark-member'
  | 'normal-procedures';

export interface RiskDecision {
  riskClass: RiskClass;
  rule: RiskRuleId;
  /** The thresholds used, in SI units (m, s). */
  params: Record<string, number>;
}

/** The ACAS II RA band for an altitude in m: DMOD and ALIM in m. */
export function acasBand(cfg: EncounterConfig, altM: number): { dmodM: number; alimM: number } {
  const bands = cfg.risk.acasBands;
  const altFt = altM / FT;
  const band = bands.find((b) => altFt < b.belowFt) ?? bands[bands.length - 1];
  return { dmodM: band.dmodNm * NM, alimM: band.alimFt * FT };
}

/** First matching rule wins; the order is the one documented in docs/airprox.md. */
export function classifyRisk(x: RiskInput, cfg: EncounterConfig): RiskDecision {
  const r = cfg.risk;
  if (x.vertM === undefined) {
    if (r.unknownAltitude === 'undetermined') return { riskClass: 'D', rule: 'no-altitude', params: {} };
    // Assume co-altitude: classify on the horizontal miss, and say so.
    const d = classifyKnown({ ...x, vertM: 0, slantM: x.horizM }, cfg);
    return { ...d, params: { ...d.params, assumedCoAltitude: 1 } };
  }
  return classifyKnown({ ...x, vertM: x.vertM }, cfg);
}

function classifyKnown(x: RiskInput & { vertM: number }, cfg: EncounterConfig): RiskDecision {
  const r = cfg.risk;
  if (x.dataGapS > r.maxGapS) return { riskClass: 'D', rule: 'data-gap', params: { gapS: x.dataGapS, maxGapS: r.maxGapS } };
  const collisionM = r.collisionSlantFt * FT;
  if (x.slantM < collisionM) return { riskClass: 'A', rule: 'collision-proximity', params: { slantM: x.slantM, limitM: collisionM } };
  const band = acasBand(cfg, x.altM ?? 0);
  if (x.horizM < band.dmodM && x.vertM < band.alimM) {
    return { riskClass: 'B', rule: 'acas-protection', params: { dmodM: band.dmodM, alimM: band.alimM } };
  }
  const sepH = r.sepHorizNm * NM;
  const sepV = r.sepVertFt * FT;
  const missS = x.closureMps > 0 ? x.horizM / x.closureMps : Number.POSITIVE_INFINITY;
  if (!x.acasVisible && x.vertM < sepV && missS < r.seeAndAvoidS) {
    return { riskClass: 'B', rule: 'blind-see-and-avoid', params: { missS, seeAndAvoidS: r.seeAndAvoidS, sepVertM: sepV } };
  }
  if (x.horizM < sepH && x.vertM < sepV) return { riskClass: 'C', rule: 'separation-lost', params: { sepHorizM: sepH, sepVertM: sepV } };
  if (x.dark) return { riskClass: 'C', rule: 'dark-member', params: {} };
  return { riskClass: 'E', rule: 'normal-procedures', params: { sepHorizM: sepH, sepVertM: sepV } };
}

/** The decision in English words, for Encounter.riskReason (reports translate from the rule id instead). */
export function describeRisk(d: RiskDecision): string {
  const text = describeRule(d);
  return d.params.assumedCoAltitude ? `${text} (an altitude is unknown: assumed co-altitude)` : text;
}

function describeRule(d: RiskDecision): string {
  const p = d.params;
  const m = (v: number | undefined) => `${Math.round(v ?? 0)} m`;
  const nm = (v: number | undefined) => `${((v ?? 0) / NM).toFixed(2)} NM`;
  const ft = (v: number | undefined) => `${Math.round((v ?? 0) / FT)} ft`;
  switch (d.rule) {
    case 'no-altitude':
      return 'risk not determined: the altitude of at least one aircraft is unknown';
    case 'data-gap':
      return `risk not determined: no measurement for ${(p.gapS ?? 0).toFixed(0)} s around the closest point (limit ${p.maxGapS} s)`;
    case 'collision-proximity':
      return `risk of collision: slant miss ${m(p.slantM)}, below ${m(p.limitM)} (${ft(p.limitM)}, near mid-air collision proximity)`;
    case 'acas-protection':
      return `safety not assured: inside the ACAS II RA protection for the altitude (${nm(p.dmodM)}, ${ft(p.alimM)})`;
    case 'blind-see-and-avoid':
      return `safety not assured: ACAS could not see the dark aircraft and the horizontal miss was ${(p.missS ?? 0).toFixed(1)} s at the closing speed, under the ${p.seeAndAvoidS} s see-and-avoid needs, within ${ft(p.sepVertM)} vertically`;
    case 'separation-lost':
      return `no risk of collision: separation minima (${nm(p.sepHorizM)}, ${ft(p.sepVertM)}) infringed, but outside the A and B limits`;
    case 'dark-member':
      return 'no risk of collision: minima kept, but a dark aircraft kept normal procedures from applying (no SSR for ATC, nothing for ACAS)';
    case 'normal-procedures':
      return `normal procedures applied: separation minima (${nm(p.sepHorizM)}, ${ft(p.sepVertM)}) kept, both transponders on`;
  }
}
