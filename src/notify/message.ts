// SPDX-License-Identifier: GPL-3.0-or-later
// ICAO ATS messages (PANS-ATM Doc 4444 appendix 3): FPL, CHG, CNL, DLA, DEP and ARR, parsed field by field
// (field types 3, 7, 8, 9, 10, 13, 15, 16, 17, 18 and the CHG amendments of field 22). A message is either
// accepted whole or refused with the item and the token at fault; parsing never throws.

import { type ItemError, itemError, type Result } from './errors.ts';
import { type Item18, parseItem18 } from './item18.ts';
import { parseRoute, type Route } from './route.ts';

export const MESSAGE_TYPES = ['FPL', 'CHG', 'CNL', 'DLA', 'DEP', 'ARR'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Item 7: aircraft identification, and the SSR mode and code when given. */
export interface Item7 {
  aircraftId: string;
  ssrMode?: 'A';
  ssrCode?: string;
}

/** Item 8: flight rules (I, V, Y, Z) and type of flight (S scheduled, N non-scheduled, G general, M military, X other). */
export interface Item8 {
  rules: 'I' | 'V' | 'Y' | 'Z';
  flightType?: 'S' | 'N' | 'G' | 'M' | 'X';
}

/** Item 9: number of aircraft (formation), type designator (or ZZZZ) and wake turbulence category. */
export interface Item9 {
  count: number;
  aircraftType: string;
  wake: 'L' | 'M' | 'H' | 'J';
}

/** Item 10: radio/navigation equipment (10a) and surveillance equipment (10b), as lists of designators. */
export interface Item10 {
  equipment: string[];
  surveillance: string[];
}

/** Item 13 (and 17): an aerodrome (ICAO, or ZZZZ / AFIL) and a time HHMM. */
export interface AerodromeTime {
  aerodrome: string;
  hhmm: string;
  /** Minutes after midnight. */
  minutes: number;
}

/** Item 16: destination, total EET (HHMM; absent in CHG/CNL/DLA/DEP when not given), alternates. */
export interface Item16 {
  aerodrome: string;
  eet?: string;
  eetMinutes?: number;
  alternates: string[];
}

/** Item 17 (ARR): arrival aerodrome, time of arrival, and its name when ZZZZ. */
export interface Item17 extends AerodromeTime {
  name?: string;
}

/** The items a CHG message can amend (field 22), parsed like their own fields. */
export interface Amendments {
  item7?: Item7;
  item8?: Item8;
  item9?: Item9;
  item10?: Item10;
  item13?: AerodromeTime;
  item15?: Route;
  item16?: Item16;
  item18?: Item18;
}

export interface AtsMessage {
  type: MessageType;
  /** The message as parsed: whitespace collapsed, without the parentheses. */
  text: string;
  item7: Item7;
  item8?: Item8;
  item9?: Item9;
  item10?: Item10;
  item13: AerodromeTime;
  item15?: Route;
  item16?: Item16;
  item17?: Item17;
  item18: Item18;
  /** FPL field 19 (supplementary information), raw, when present. */
  item19?: string;
  /** CHG: the amended items, in message order. */
  amendments?: Amendments;
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (item: string, token: string, reason: string): { ok: false; error: ItemError } => ({
  ok: false,
  error: itemError(item, token, reason),
});

export function parseItem7(t: string): Result<Item7> {
  const m = /^([A-Z][A-Z0-9]{0,6})(?:\/(A)([0-7]{4}))?$/.exec(t);
  if (!m) return fail('7', t, 'aircraft identification is up to 7 letters or digits starting with a letter, optionally /A and a 4-digit octal SSR code');
  return ok(m[2] ? { aircraftId: m[1], ssrMode: 'A', ssrCode: m[3] } : { aircraftId: m[1] });
}

export function parseItem8(t: string): Result<Item8> {
  const m = /^([IVYZ])([SNGMX])?$/.exec(t);
  if (!m) return fail('8', t, 'flight rules I, V, Y or Z, then type of flight S, N, G, M (military) or X');
  return ok(m[2] ? { rules: m[1] as Item8['rules'], flightType: m[2] as Item8['flightType'] } : { rules: m[1] as Item8['rules'] });
}

export function parseItem9(t: string): Result<Item9> {
  const m = /^(\d{1,2})?([A-Z][A-Z0-9]{1,3})\/([LMHJ])$/.exec(t);
  if (!m) return fail('9', t, 'number (formation, optional), type designator (or ZZZZ) and wake category L, M, H or J, e.g. IL20/M or 2F16/M');
  const count = m[1] === undefined ? 1 : Number(m[1]);
  if (count < 1) return fail('9', t, 'the number of aircraft must be at least 1');
  return ok({ count, aircraftType: m[2], wake: m[3] as Item9['wake'] });
}

const EQUIPMENT_10A = /^(A|B|C|D|E1|E2|E3|F|G|H|I|J1|J2|J3|J4|J5|J6|J7|K|L|M1|M2|M3|O|P[1-9]|R|T|U|V|W|X|Y|Z|S)/;
const SURVEILLANCE_10B = /^(A|C|E|H|I|L|P|S|X|B1|B2|U1|U2|V1|V2|D1|G1)/;

function designators(text: string, grammar: RegExp): string[] | undefined {
  const out: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    // Two-character designators first (B1 before B), as the grammar's alternation order does not ensure it.
    const two = grammar.exec(rest.slice(0, 2));
    const m = two && two[1].length === 2 ? two : grammar.exec(rest);
    if (!m) return undefined;
    out.push(m[1]);
    rest = rest.slice(m[1].length);
  }
  return out;
}

export function parseItem10(t: string): Result<Item10> {
  const m = /^([A-Z0-9]+)\/([A-Z0-9]+)$/.exec(t);
  if (!m) return fail('10', t, 'equipment/surveillance, e.g. SDFGHIRWY/LB1');
  const equipment = m[1] === 'N' ? ['N'] : designators(m[1], EQUIPMENT_10A);
  if (!equipment) return fail('10', m[1], 'not a list of item 10a designators (N, or S and/or A..Z, E1..E3, J1..J7, M1..M3, P1..P9)');
  const surveillance = m[2] === 'N' ? ['N'] : designators(m[2], SURVEILLANCE_10B);
  if (!surveillance) return fail('10', m[2], 'not a list of item 10b designators (N, or A C E H I L P S X B1 B2 U1 U2 V1 V2 D1 G1)');
  return ok({ equipment, surveillance });
}

function hhmm(text: string): number | undefined {
  const m = /^([01]\d|2[0-3])([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

export function parseItem13(t: string, item = '13'): Result<AerodromeTime> {
  const m = /^([A-Z]{4})(\d{4})$/.exec(t);
  if (!m) return fail(item, t, 'aerodrome (4-letter ICAO, ZZZZ or AFIL) and time HHMM, e.g. EKCH1100');
  const minutes = hhmm(m[2]);
  if (minutes === undefined) return fail(item, m[2], 'not a time HHMM (00:00 to 23:59)');
  return ok({ aerodrome: m[1], hhmm: m[2], minutes });
}

export function parseItem16(t: string, eetRequired: boolean): Result<Item16> {
  const words = t.split(' ');
  const m = /^([A-Z]{4})(\d{4})?$/.exec(words[0]);
  if (!m) return fail('16', words[0], 'destination aerodrome (4-letter ICAO or ZZZZ) and total EET HHMM, e.g. LIRF0210');
  if (m[2] === undefined && eetRequired) return fail('16', words[0], 'the total estimated elapsed time HHMM must follow the destination');
  const eetMinutes = m[2] === undefined ? undefined : Number(m[2].slice(0, 2)) * 60 + Number(m[2].slice(2));
  if (m[2] !== undefined && Number(m[2].slice(2)) > 59) return fail('16', words[0], 'EET minutes must be 00..59');
  const alternates = words.slice(1);
  if (alternates.length > 2) return fail('16', alternates[2], 'at most two alternate aerodromes');
  const bad = alternates.find((a) => !/^[A-Z]{4}$/.test(a));
  if (bad) return fail('16', bad, 'an alternate aerodrome is a 4-letter ICAO location indicator');
  return ok({ aerodrome: m[1], eet: m[2], eetMinutes, alternates });
}

export function parseItem17(t: string): Result<Item17> {
  const words = t.split(' ');
  const base = parseItem13(words[0], '17');
  if (!base.ok) return base;
  const name = words.slice(1).join(' ');
  return ok(name ? { ...base.value, name } : base.value);
}

function parseItem3(t: string): Result<MessageType> {
  const m = /^(FPL|CHG|CNL|DLA|DEP|ARR)(?:[A-Z]{1,4}\/?[A-Z]{0,4}\d{3}(?:[A-Z]{1,4}\/?[A-Z]{0,4}\d{3})?)?$/.exec(t);
  if (!m) return fail('3', t, `message type: one of ${MESSAGE_TYPES.join(', ')} (optionally with message numbers)`);
  return ok(m[1] as MessageType);
}

const AMENDABLE = ['7', '8', '9', '10', '13', '15', '16', '18'] as const;

function parseAmendment(field: string, into: Amendments): ItemError | undefined {
  const m = /^(\d{1,2})\/(.*)$/.exec(field);
  if (!m) return itemError('22', field, 'an amendment is FIELD/new content, e.g. 8/IM or 15/N0330F240 DCT 5530N01500E');
  const [, n, data] = m;
  if (!(AMENDABLE as readonly string[]).includes(n)) return itemError('22', `${n}/`, `field ${n} cannot be amended here (allowed: ${AMENDABLE.join(', ')})`);
  const r = (() => {
    switch (n) {
      case '7':
        return parseItem7(data);
      case '8':
        return parseItem8(data);
      case '9':
        return parseItem9(data);
      case '10':
        return parseItem10(data);
      case '13':
        return parseItem13(data);
      case '15':
        return parseRoute(data);
      case '16':
        return parseItem16(data, true);
      default:
        return parseItem18(data);
    }
  })();
  if (!r.ok) return r.error;
  const key = `item${n}` as keyof Amendments;
  if (into[key] !== undefined) return itemError('22', `${n}/`, `field ${n} is amended twice`);
  (into as Record<string, unknown>)[key] = r.value;
  return undefined;
}

/** Whether a field looks like item 18 ('0' or INDICATOR/...) rather than a field-22 amendment. */
const looksLike18 = (f: string): boolean => f === '0' || /^[A-Z]{3,4}\//.test(f);

/**
 * Parses one ATS message, `(FPL-...)`. Fields are separated by hyphens; line breaks and runs of spaces count as one
 * space. Returns the message, or the first item and token at fault.
 */
export function parseAtsMessage(input: string): Result<AtsMessage> {
  const text = input.replace(/\s+/g, ' ').trim();
  if (!text.startsWith('(')) return fail('message', text.slice(0, 10), "an ATS message starts with '(' (e.g. '(FPL-...')");
  if (!text.endsWith(')')) return fail('message', text.slice(-10), "an ATS message ends with ')'");
  const body = text.slice(1, -1).trim();
  if (/[()]/.test(body)) return fail('message', body.match(/[()]/)![0], 'parentheses are allowed only around the whole message');
  const fields = body.split('-').map((f) => f.trim());
  const t3 = parseItem3(fields[0]);
  if (!t3.ok) return t3;
  const type = t3.value;
  let i = 1;
  const next = (item: string, what: string): Result<string> => {
    const f = fields[i++];
    if (f === undefined) return fail(item, '', `missing: ${what}`);
    if (f === '') return fail(item, '', `empty field: ${what}`);
    return ok(f);
  };
  const i7raw = next('7', 'aircraft identification');
  if (!i7raw.ok) return i7raw;
  const item7 = parseItem7(i7raw.value);
  if (!item7.ok) return item7;
  const msg: AtsMessage = { type, text: `(${body})`, item7: item7.value, item13: { aerodrome: '', hhmm: '', minutes: 0 }, item18: { other: [] } };

  if (type === 'FPL') {
    const steps: [string, string, (s: string) => Result<unknown>, keyof AtsMessage][] = [
      ['8', 'flight rules and type of flight', parseItem8, 'item8'],
      ['9', 'number, type of aircraft and wake category', parseItem9, 'item9'],
      ['10', 'equipment', parseItem10, 'item10'],
      ['13', 'departure aerodrome and time', (s) => parseItem13(s), 'item13'],
      ['15', 'cruising speed, level and route', parseRoute, 'item15'],
      ['16', 'destination and total EET', (s) => parseItem16(s, true), 'item16'],
      ['18', "other information (or '0')", parseItem18, 'item18'],
    ];
    for (const [item, what, parse, key] of steps) {
      const raw = next(item, what);
      if (!raw.ok) return raw;
      const r = parse(raw.value);
      if (!r.ok) return r;
      (msg as unknown as Record<string, unknown>)[key] = r.value;
    }
    if (i < fields.length) {
      const f19 = fields[i++];
      if (!/^[A-Z]\//.test(f19)) return fail('19', f19, 'supplementary information is E/, P/, R/, S/, J/, D/, A/, N/, C/ groups');
      msg.item19 = f19;
    }
  } else {
    const raw13 = next('13', 'departure aerodrome and time');
    if (!raw13.ok) return raw13;
    const i13 = parseItem13(raw13.value);
    if (!i13.ok) return i13;
    msg.item13 = i13.value;
    if (type === 'ARR') {
      // ARR: 16 is present only when the flight landed elsewhere than planned: 3 7 13 [16] 17.
      const rest = fields.slice(i);
      if (rest.length === 0) return fail('17', '', 'missing: arrival aerodrome and time');
      if (rest.length > 2) return fail('message', rest[2], 'ARR has fields 3, 7, 13, 16 (optional) and 17 only');
      if (rest.length === 2) {
        const i16 = parseItem16(rest[0], false);
        if (!i16.ok) return i16;
        msg.item16 = i16.value;
      }
      const i17 = parseItem17(rest[rest.length - 1]);
      if (!i17.ok) return i17;
      msg.item17 = i17.value;
      i = fields.length;
    } else {
      const raw16 = next('16', 'destination aerodrome');
      if (!raw16.ok) return raw16;
      const i16 = parseItem16(raw16.value, false);
      if (!i16.ok) return i16;
      msg.item16 = i16.value;
      if (i < fields.length && looksLike18(fields[i])) {
        const i18 = parseItem18(fields[i++]);
        if (!i18.ok) return i18;
        msg.item18 = i18.value;
      }
      if (type === 'CHG') {
        const amendments: Amendments = {};
        if (i >= fields.length) return fail('22', '', 'a CHG needs at least one amendment (field 22), e.g. -8/IM');
        for (; i < fields.length; i++) {
          const e = parseAmendment(fields[i], amendments);
          if (e) return { ok: false, error: e };
        }
        msg.amendments = amendments;
      }
    }
  }
  if (i < fields.length) return fail('message', fields[i], `unexpected field after the last field of a ${type} message`);
  return ok(msg);
}

/**
 * Splits a text holding several ATS messages into the messages, each `(...)`; lines starting with '#' are
 * comments, and text outside parentheses (AFTN headers, blank lines) is ignored.
 */
export function splitMessages(input: string): string[] {
  const text = input
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === '(') {
      if (depth === 0) start = k;
      depth++;
    } else if (c === ')' && depth > 0) {
      depth--;
      if (depth === 0) out.push(text.slice(start, k + 1));
    }
  }
  if (depth > 0) out.push(text.slice(start));
  return out;
}
