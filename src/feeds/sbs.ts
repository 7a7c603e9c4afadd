// SPDX-License-Identifier: GPL-3.0-or-later
// SBS-1 BaseStation CSV (readsb/dump1090 port 30003): parser, framer and writer.
//
// A line has 22 comma-separated fields (the BaseStation "port 30003" layout):
//    0 message type (MSG, SEL, ID, AIR, STA, CLK)   1 transmission type (MSG: 1..8)
//    2 session id   3 aircraft id   4 hex ident (ICAO; readsb prefixes non-ICAO addresses with '~')
//    5 flight id    6 date generated   7 time generated   8 date logged   9 time logged
//   10 callsign    11 altitude (ft)   12 ground speed (kt)   13 track (deg)   14 lat   15 lon
//   16 vertical rate (ft/min)   17 squawk   18 alert (squawk changed)   19 emergency   20 SPI   21 on ground
// Flags are -1 (or 1) for true and 0 for false; an empty field means "not in this message".
// Times are read as UTC from the "generated" fields (the "logged" ones when those are empty): the wall
// clock is never consulted.

import { excerpt, type ErrorSink, LineFramer, latin1 } from './lines.ts';

export type SbsMessageType = 'MSG' | 'SEL' | 'ID' | 'AIR' | 'STA' | 'CLK';

/** One MSG line. Fields the line leaves empty are absent. */
export interface SbsRecord {
  /** 1..8: ES identification, surface position, airborne position, airborne velocity, surveillance alt,
   * surveillance id, air-to-air, all-call reply. */
  transmissionType: number;
  /** ICAO address, 6 lowercase hex characters. */
  icao: string;
  /** True when the address is not an ICAO address (readsb writes '~' before it). */
  nonIcao?: boolean;
  /** Generation time, ms since the Unix epoch (UTC); NaN when the line has none. */
  timeMs: number;
  callsign?: string;
  altFt?: number;
  gsKt?: number;
  trackDeg?: number;
  lat?: number;
  lon?: number;
  vrFpm?: number;
  /** 4 octal digits. */
  squawk?: string;
  alert?: boolean;
  emergency?: boolean;
  spi?: boolean;
  onGround?: boolean;
}

export type SbsParse =
  | { kind: 'msg'; record: SbsRecord }
  | { kind: 'other'; messageType: Exclude<SbsMessageType, 'MSG'> }
  | { kind: 'error'; reason: 'sbs-bad-line' | 'sbs-bad-field'; detail: string };

const OTHER_TYPES = new Set(['SEL', 'ID', 'AIR', 'STA', 'CLK']);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const DATE = /^(\d{4})[/-](\d{2})[/-](\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const ICAO = /^~?[0-9a-fA-F]{6}$/;
const SQUAWK = /^[0-7]{4}$/;

/** ms since the epoch from SBS date ("2008/11/28") and time ("14:53:50.594") fields, as UTC; NaN if either is bad. */
export function parseSbsTime(date: string, time: string): number {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return Number.NaN;
  const mo = Number(d[2]);
  const day = Number(d[3]);
  const h = Number(t[1]);
  const mi = Number(t[2]);
  const s = Number(t[3]);
  if (mo < 1 || mo > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || s > 60) return Number.NaN;
  const frac = t[4] === undefined ? 0 : (Number(t[4]) * 1000) / 10 ** t[4].length;
  return Date.UTC(Number(d[1]), mo - 1, day, h, mi, s) + frac;
}

class FieldError {
  constructor(readonly detail: string) {}
}

function num(fields: string[], i: number, name: string, integer: boolean): number | undefined {
  const f = fields[i];
  if (f === undefined || f === '') return undefined;
  if (!(integer ? INTEGER : NUMBER).test(f)) throw new FieldError(`${name} '${f}' is not ${integer ? 'an integer' : 'a number'}`);
  return Number(f);
}

function flag(fields: string[], i: number, name: string): boolean | undefined {
  const f = fields[i];
  if (f === undefined || f === '') return undefined;
  if (f === '-1' || f === '1') return true;
  if (f === '0') return false;
  throw new FieldError(`${name} flag '${f}' is not -1, 1 or 0`);
}

/** Parses one SBS line (no line terminator). Never throws. */
export function parseSbsLine(line: string): SbsParse {
  const fields = line.split(',');
  const type = fields[0].trim();
  if (type !== 'MSG') {
    if (OTHER_TYPES.has(type)) return { kind: 'other', messageType: type as Exclude<SbsMessageType, 'MSG'> };
    return { kind: 'error', reason: 'sbs-bad-line', detail: `unknown message type '${type.slice(0, 16)}'` };
  }
  if (fields.length < 10) return { kind: 'error', reason: 'sbs-bad-line', detail: `MSG line with ${fields.length} fields (need 10 to 22)` };
  if (fields.length > 22) return { kind: 'error', reason: 'sbs-bad-line', detail: `MSG line with ${fields.length} fields (at most 22)` };
  const tt = fields[1];
  if (!/^[1-8]$/.test(tt)) return { kind: 'error', reason: 'sbs-bad-field', detail: `transmission type '${tt}' is not 1..8` };
  const hex = fields[4];
  if (!ICAO.test(hex)) return { kind: 'error', reason: 'sbs-bad-field', detail: `hex ident '${hex}' is not 6 hex digits` };
  let timeMs = Number.NaN;
  if (fields[6] !== '' || fields[7] !== '') {
    timeMs = parseSbsTime(fields[6], fields[7]);
    if (Number.isNaN(timeMs)) return { kind: 'error', reason: 'sbs-bad-field', detail: `generated date/time '${fields[6]} ${fields[7]}'` };
  } else if (fields[8] !== '' || fields[9] !== '') {
    timeMs = parseSbsTime(fields[8], fields[9]);
    if (Number.isNaN(timeMs)) return { kind: 'error', reason: 'sbs-bad-field', detail: `logged date/time '${fields[8]} ${fields[9]}'` };
  }
  const record: SbsRecord = { transmissionType: Number(tt), icao: hex.slice(-6).toLowerCase(), timeMs };
  if (hex.startsWith('~')) record.nonIcao = true;
  try {
    const callsign = (fields[10] ?? '').trim();
    if (callsign !== '') record.callsign = callsign;
    const altFt = num(fields, 11, 'altitude', true);
    if (altFt !== undefined) record.altFt = altFt;
    const gsKt = num(fields, 12, 'ground speed', false);
    if (gsKt !== undefined) record.gsKt = gsKt;
    const trackDeg = num(fields, 13, 'track', false);
    if (trackDeg !== undefined) record.trackDeg = trackDeg;
    const lat = num(fields, 14, 'latitude', false);
    const lon = num(fields, 15, 'longitude', false);
    if ((lat === undefined) !== (lon === undefined)) throw new FieldError('latitude without longitude or the reverse');
    if (lat !== undefined && lon !== undefined) {
      if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new FieldError(`position ${lat},${lon} out of range`);
      record.lat = lat;
      record.lon = lon;
    }
    const vrFpm = num(fields, 16, 'vertical rate', true);
    if (vrFpm !== undefined) record.vrFpm = vrFpm;
    const squawk = fields[17] ?? '';
    if (squawk !== '') {
      if (!SQUAWK.test(squawk)) throw new FieldError(`squawk '${squawk}' is not 4 octal digits`);
      record.squawk = squawk;
    }
    const alert = flag(fields, 18, 'alert');
    if (alert !== undefined) record.alert = alert;
    const emergency = flag(fields, 19, 'emergency');
    if (emergency !== undefined) record.emergency = emergency;
    const spi = flag(fields, 20, 'spi');
    if (spi !== undefined) record.spi = spi;
    const onGround = flag(fields, 21, 'on-ground');
    if (onGround !== undefined) record.onGround = onGround;
  } catch (err) {
    if (err instanceof FieldError) return { kind: 'error', reason: 'sbs-bad-field', detail: err.detail };
    throw err;
  }
  return { kind: 'msg', record };
}

/** Where SBS records go. */
export interface SbsSink extends ErrorSink {
  record(record: SbsRecord): void;
  /** A SEL/ID/AIR/STA/CLK line (tolerated, counted, not decoded). */
  other?(messageType: Exclude<SbsMessageType, 'MSG'>): void;
}

/** Incremental SBS framer: lines across chunk boundaries, one record per MSG line. */
export class SbsFramer extends LineFramer<SbsSink> {
  /** SEL/ID/AIR/STA/CLK lines seen, per type. */
  readonly otherCounts = new Map<string, number>();
  records = 0;

  protected line(buf: Uint8Array, start: number, end: number, sink: SbsSink): void {
    const text = latin1(buf, start, end).trim();
    if (text === '') return;
    const r = parseSbsLine(text);
    if (r.kind === 'msg') {
      this.records++;
      sink.record(r.record);
    } else if (r.kind === 'other') {
      this.otherCounts.set(r.messageType, (this.otherCounts.get(r.messageType) ?? 0) + 1);
      sink.other?.(r.messageType);
    } else {
      sink.error(r.reason, `${r.detail}: ${excerpt(buf, start, end)}`, end - start);
    }
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** SBS date and time fields ("2008/11/28", "14:53:50.594") for a time in ms, UTC. */
export function formatSbsTime(timeMs: number): [string, string] {
  if (!Number.isFinite(timeMs)) return ['', ''];
  const t = Math.round(timeMs);
  const d = new Date(t);
  const date = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1, 2)}/${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`;
  return [date, time];
}

/** A number with at most `decimals` decimals, trailing zeros dropped, never in exponent form. */
function fmt(x: number | undefined, decimals: number): string {
  if (x === undefined || !Number.isFinite(x)) return '';
  let s = x.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

function fmtFlag(b: boolean | undefined): string {
  return b === undefined ? '' : b ? '-1' : '0';
}

/**
 * Formats a record as one SBS line (22 fields, no line terminator; the network feed ends lines with "\r\n").
 * Session, aircraft and flight ids are written as 1, as dump1090 does; the logged time repeats the
 * generated time, so the output depends on the record alone.
 */
export function formatSbs(r: SbsRecord): string {
  const [date, time] = formatSbsTime(r.timeMs);
  const hex = (r.nonIcao ? '~' : '') + r.icao.toUpperCase();
  return [
    'MSG',
    String(r.transmissionType),
    '1',
    '1',
    hex,
    '1',
    date,
    time,
    date,
    time,
    r.callsign ?? '',
    fmt(r.altFt, 0),
    fmt(r.gsKt, 3),
    fmt(r.trackDeg, 3),
    fmt(r.lat, 6),
    fmt(r.lon, 6),
    fmt(r.vrFpm, 0),
    r.squawk ?? '',
    fmtFlag(r.alert),
    fmtFlag(r.emergency),
    fmtFlag(r.spi),
    fmtFlag(r.onGround),
  ].join(',');
}
