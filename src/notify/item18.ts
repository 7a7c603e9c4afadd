// SPDX-License-Identifier: GPL-3.0-or-later
// Item 18 (other information) of an ICAO flight plan: INDICATOR/text groups. STS, DOF, REG, OPR, DEP, DEST,
// CODE and RMK are checked and typed; every other indicator is kept raw.

import { type ItemError, itemError, type Result } from './errors.ts';
import { parseCoord } from './route.ts';

/** Special handling reasons of STS/ (Doc 4444 appendix 2, item 18). */
export const STS_REASONS = ['ALTRV', 'ATFMX', 'FFR', 'FLTCK', 'HAZMAT', 'HEAD', 'HOSP', 'HUM', 'MARSA', 'MEDEVAC', 'NONRVSM', 'SAR', 'STATE'] as const;
export type StsReason = (typeof STS_REASONS)[number];

/** A departure or destination given in DEP/ or DEST/: a name, coordinates, or both. */
export interface PlaceText {
  text: string;
  lat?: number;
  lon?: number;
}

export interface Item18 {
  sts?: StsReason[];
  /** Date of flight, YYMMDD as written, and as a UTC date (ms at 00:00). */
  dof?: string;
  dofMs?: number;
  /** Registration markings (no hyphen), possibly several for a formation. */
  reg?: string[];
  /** ICAO 24-bit aircraft address(es), lowercase hex. */
  code?: string[];
  opr?: string;
  dep?: PlaceText;
  dest?: PlaceText;
  rmk?: string;
  /** Every other indicator, raw text, in order. */
  other: { indicator: string; text: string }[];
}

const INDICATOR = /(?:^|\s)([A-Z]{3,4})\//g;

function place(text: string): PlaceText | undefined {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return undefined;
  const out: PlaceText = { text };
  for (const w of words) {
    const c = parseCoord(w);
    if (c) {
      out.lat = c.lat;
      out.lon = c.lon;
    }
  }
  return out;
}

/** Parses a YYMMDD date of flight to UTC midnight, or undefined when it is not a real date. */
export function parseDof(text: string): number | undefined {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const y = 2000 + Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : undefined;
}

export function parseItem18(text: string): Result<Item18> {
  const t = text.trim().replace(/\s+/g, ' ');
  const out: Item18 = { other: [] };
  if (t === '0' || t === '') return { ok: true, value: out };
  const marks = [...t.matchAll(INDICATOR)];
  if (marks.length === 0 || t.slice(0, marks[0].index).trim() !== '') {
    return { ok: false, error: itemError('18', t.split(' ')[0], "expected 0 or INDICATOR/text groups such as 'DOF/140303'") };
  }
  const seen = new Set<string>();
  for (let i = 0; i < marks.length; i++) {
    const ind = marks[i][1];
    const start = (marks[i].index ?? 0) + marks[i][0].length;
    const end = i + 1 < marks.length ? (marks[i + 1].index ?? t.length) : t.length;
    const value = t.slice(start, end).trim();
    const fail = (reason: string): { ok: false; error: ItemError } => ({ ok: false, error: itemError('18', `${ind}/${value}`, reason) });
    if (value === '') return fail('an indicator needs text after the slash');
    if (ind !== 'RMK' && seen.has(ind) && ['STS', 'DOF', 'REG', 'CODE', 'OPR', 'DEP', 'DEST'].includes(ind)) return fail(`${ind}/ appears twice`);
    seen.add(ind);
    switch (ind) {
      case 'STS': {
        const reasons = value.split(' ');
        const bad = reasons.find((r) => !(STS_REASONS as readonly string[]).includes(r));
        if (bad) return fail(`'${bad}' is not a special handling reason (${STS_REASONS.join(', ')})`);
        out.sts = reasons as StsReason[];
        break;
      }
      case 'DOF': {
        const ms = parseDof(value);
        if (ms === undefined) return fail('DOF/ is the date of flight as YYMMDD, e.g. DOF/140303');
        out.dof = value;
        out.dofMs = ms;
        break;
      }
      case 'REG': {
        const regs = value.split(' ');
        if (regs.some((r) => !/^[A-Z0-9]{1,7}$/.test(r))) return fail('REG/ is the registration without hyphens, up to 7 letters or digits');
        out.reg = regs;
        break;
      }
      case 'CODE': {
        const codes = value.split(' ');
        if (codes.some((c) => !/^[0-9A-F]{6}$/.test(c))) return fail('CODE/ is the 24-bit aircraft address as 6 hexadecimal characters');
        out.code = codes.map((c) => c.toLowerCase());
        break;
      }
      case 'OPR':
        out.opr = value;
        break;
      case 'DEP':
      case 'DEST': {
        const p = place(value);
        if (!p) return fail(`${ind}/ needs a name or a position`);
        if (ind === 'DEP') out.dep = p;
        else out.dest = p;
        break;
      }
      case 'RMK':
        out.rmk = out.rmk === undefined ? value : `${out.rmk} ${value}`;
        break;
      default:
        out.other.push({ indicator: ind, text: value });
    }
  }
  return { ok: true, value: out };
}
