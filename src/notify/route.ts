// SPDX-License-Identifier: GPL-3.0-or-later
// Item 15 of an ICAO flight plan (PANS-ATM Doc 4444 appendix 2): cruising speed, level and route, parsed to
// typed elements. Syntax only: names are resolved to positions later (corridor.ts), with the data in data/.

import { type ItemError, itemError } from './errors.ts';

/** Cruising speed: N knots, K km/h or M Mach (hundredths). */
export interface Speed {
  unit: 'N' | 'K' | 'M';
  /** Knots, km/h, or Mach × 100, as written. */
  value: number;
  text: string;
}

/** Cruising level: F flight level, S standard metric level (tens of m), A altitude (hundreds of ft), M altitude (tens of m), or VFR. */
export interface Level {
  unit: 'F' | 'S' | 'A' | 'M' | 'VFR';
  value: number;
  /** The level in feet (pressure altitude for F and S); undefined for VFR. */
  ft?: number;
  text: string;
}

/** A significant point as written: a name (navaid, waypoint, aerodrome), coordinates, or a bearing and distance from either. */
export type PointRef =
  | { kind: 'name'; name: string }
  | { kind: 'coord'; lat: number; lon: number; text: string }
  | { kind: 'polar'; from: PointRef; bearingDeg: number; distNm: number; text: string };

export type RouteElement =
  | { kind: 'point'; point: PointRef; text: string; speed?: Speed; level?: Level; cruiseClimbTo?: Level | 'PLUS' }
  | { kind: 'airway'; name: string }
  | { kind: 'procedure'; name: string }
  | { kind: 'dct' }
  | { kind: 'rules'; rules: 'VFR' | 'IFR' }
  | { kind: 'truncated' };

export interface Route {
  speed: Speed;
  level: Level;
  elements: RouteElement[];
  text: string;
}

const SPEED = /^(N\d{4}|K\d{4}|M\d{3})/;
const LEVEL = /^(F\d{3}|S\d{4}|A\d{3}|M\d{4}|VFR)$/;
const COORD = /^(\d{2})(\d{2})?([NS])(\d{3})(\d{2})?([EW])$/;
const NAME = /^[A-Z]{2,5}$/;
const POLAR = /^([A-Z]{2,5}|\d{2}(?:\d{2})?[NS]\d{3}(?:\d{2})?[EW])(\d{3})(\d{3})$/;
const AIRWAY = /^[A-Z]{1,3}\d{1,4}[A-Z]?$/;
const PROCEDURE = /^[A-Z]{2,5}\d[A-Z]$/;

export function parseSpeed(text: string): Speed | undefined {
  const m = /^(N|K)(\d{4})$|^M(\d{3})$/.exec(text);
  if (!m) return undefined;
  if (m[3] !== undefined) return { unit: 'M', value: Number(m[3]), text };
  const value = Number(m[2]);
  return value > 0 ? { unit: m[1] as 'N' | 'K', value, text } : undefined;
}

export function parseLevel(text: string): Level | undefined {
  if (!LEVEL.test(text)) return undefined;
  if (text === 'VFR') return { unit: 'VFR', value: 0, text };
  const unit = text[0] as 'F' | 'S' | 'A' | 'M';
  const value = Number(text.slice(1));
  const ft = unit === 'F' || unit === 'A' ? value * 100 : (value * 10) / 0.3048;
  return { unit, value, ft, text };
}

/** Splits a speed+level group such as N0450F350, M082F330 or K0830S1130. */
function speedLevel(text: string): { speed: Speed; level: Level } | undefined {
  const m = SPEED.exec(text);
  if (!m) return undefined;
  const speed = parseSpeed(m[1]);
  const level = parseLevel(text.slice(m[1].length));
  return speed && level ? { speed, level } : undefined;
}

export function parseCoord(text: string): { lat: number; lon: number } | undefined {
  const m = COORD.exec(text);
  if (!m) return undefined;
  // Degrees only (55N015E) or degrees and minutes (5530N01500E), the same for both.
  if ((m[2] === undefined) !== (m[5] === undefined)) return undefined;
  const latMin = m[2] === undefined ? 0 : Number(m[2]);
  const lonMin = m[5] === undefined ? 0 : Number(m[5]);
  const latDeg = Number(m[1]);
  const lonDeg = Number(m[4]);
  if (latMin >= 60 || lonMin >= 60 || latDeg + latMin / 60 > 90 || lonDeg + lonMin / 60 > 180) return undefined;
  const lat = (latDeg + latMin / 60) * (m[3] === 'S' ? -1 : 1);
  const lon = (lonDeg + lonMin / 60) * (m[6] === 'W' ? -1 : 1);
  return { lat, lon };
}

/** A significant point: coordinates, a bearing/distance from a point (DUB180040), or a name. */
export function parsePoint(text: string): PointRef | undefined {
  const c = parseCoord(text);
  if (c) return { kind: 'coord', lat: c.lat, lon: c.lon, text };
  const p = POLAR.exec(text);
  if (p) {
    const from = parsePoint(p[1]);
    const bearingDeg = Number(p[2]);
    if (!from || bearingDeg > 360) return undefined;
    return { kind: 'polar', from, bearingDeg: bearingDeg % 360, distNm: Number(p[3]), text };
  }
  if (NAME.test(text)) return { kind: 'name', name: text };
  return undefined;
}

/** Parses item 15; on error names the token at fault. */
export function parseRoute(text: string): { ok: true; value: Route } | { ok: false; error: ItemError } {
  const tokens = text.trim().split(/\s+/).filter((t) => t.length > 0);
  if (tokens.length === 0) return { ok: false, error: itemError('15', '', 'item 15 is empty: expected cruising speed and level, e.g. N0450F350') };
  const first = speedLevel(tokens[0]);
  if (!first) {
    return {
      ok: false,
      error: itemError('15', tokens[0], 'expected cruising speed (N0450, K0830, M082) followed by level (F350, S1130, A045, M0840, VFR)'),
    };
  }
  const elements: RouteElement[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const last = i === tokens.length - 1;
    const fail = (reason: string) => ({ ok: false as const, error: itemError('15', t, reason) });
    if (elements.length > 0 && elements[elements.length - 1].kind === 'truncated') return fail('nothing may follow T (route truncated)');
    if (t === 'DCT') {
      elements.push({ kind: 'dct' });
      continue;
    }
    if (t === 'VFR' || t === 'IFR') {
      elements.push({ kind: 'rules', rules: t });
      continue;
    }
    if (t === 'T') {
      if (!last) return fail('T (route truncated) must be the last element');
      elements.push({ kind: 'truncated' });
      continue;
    }
    if (t.startsWith('C/')) {
      // Cruise climb: C/point/speed level (level or PLUS), e.g. C/48N050W/M082F290F350.
      const parts = t.split('/');
      const point = parts.length === 3 ? parsePoint(parts[1]) : undefined;
      const m = parts.length === 3 ? /^(N\d{4}|K\d{4}|M\d{3})(F\d{3}|S\d{4}|A\d{3}|M\d{4})(F\d{3}|S\d{4}|A\d{3}|M\d{4}|PLUS)$/.exec(parts[2]) : null;
      if (!point || !m) return fail('a cruise climb is C/POINT/SPEED LEVEL LEVEL (or PLUS), e.g. C/48N050W/M082F290F350');
      const to = m[3] === 'PLUS' ? 'PLUS' : parseLevel(m[3])!;
      elements.push({ kind: 'point', point, text: parts[1], speed: parseSpeed(m[1])!, level: parseLevel(m[2])!, cruiseClimbTo: to });
      continue;
    }
    const slash = t.indexOf('/');
    if (slash >= 0) {
      const point = parsePoint(t.slice(0, slash));
      if (!point) return fail(`'${t.slice(0, slash)}' is not a significant point (name, 5530N01500E, 55N015E or NAME180040)`);
      const sl = speedLevel(t.slice(slash + 1));
      if (!sl) return fail('a change of speed and level is POINT/SPEED LEVEL, e.g. MAY/N0305F180');
      elements.push({ kind: 'point', point, text: t.slice(0, slash), speed: sl.speed, level: sl.level });
      continue;
    }
    const point = parsePoint(t);
    if (point) {
      elements.push({ kind: 'point', point, text: t });
      continue;
    }
    // A SID (first) or STAR (last) designator such as LUNIP4B; elsewhere it is read as an airway.
    if (PROCEDURE.test(t) && (elements.length === 0 || last)) {
      elements.push({ kind: 'procedure', name: t });
      continue;
    }
    if (AIRWAY.test(t)) {
      const prev = elements[elements.length - 1];
      if (prev?.kind !== 'point') return fail('an airway must follow a significant point (the point where it is joined)');
      if (last) return fail('an airway must be followed by the point where it is left');
      elements.push({ kind: 'airway', name: t });
      continue;
    }
    return fail('not a route element: expected DCT, an airway, a significant point, POINT/SPEED LEVEL, VFR, IFR or T');
  }
  // Consecutive airways with no point between them, or DCT with nothing around it.
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i];
    if (e.kind === 'dct') {
      const next = elements[i + 1];
      if (next && next.kind !== 'point') {
        const tok = next.kind === 'airway' || next.kind === 'procedure' ? next.name : next.kind === 'dct' ? 'DCT' : String(next.kind);
        return { ok: false, error: itemError('15', tok, 'DCT must be followed by a significant point') };
      }
    }
  }
  return { ok: true, value: { speed: first.speed, level: first.level, elements, text: tokens.join(' ') } };
}
