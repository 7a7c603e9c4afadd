// SPDX-License-Identifier: GPL-3.0-or-later
// Item values: the plain, JSON-ready tree that a decoded item expands to and that the encoder takes back.
// Raw values are kept lossless; quantities carry their raw integer, the scaled value and the unit.
//
// Shapes, by spec variation:
//   element   raw / table / unsigned integer: number (hex string when wider than 52 bits)
//             signed integer: number (negative allowed)
//             string: the text (ASCII as Latin-1; ICAO 6-bit and octal are bijective, so lossless)
//             quantity: { raw, value, unit }        bds: { raw: hex, bds?: "4,0", decoded? }
//   group     { NAME: value, ... } (non-zero spare bits appear as "_spareN", N = bit offset in the group)
//   extended  the same, with the members of the extents present
//   repetitive  [ value, ... ]
//   explicit  { hex } (SP, or RE when no expansion spec decodes it) or { ref, items } (RE decoded)
//   compound  { NAME: value, ... } for the sub-items present ("_fspecLen" when the FSPEC had trailing zero octets)

import { MAX_NUMBER_BITS, readBits, readHex, toHex } from './bits.ts';
import {
  C_BDS,
  C_DEPENDENT,
  C_INTEGER,
  C_QUANTITY,
  C_STRING,
  K_COMPOUND,
  K_ELEMENT,
  K_EXPLICIT,
  K_EXTENDED,
  K_GROUP,
  K_REPETITIVE,
  K_REPETITIVE_FX,
  type CompiledExpansion,
  type PlanNode,
} from './plan.ts';
import type { Content } from './spec.ts';

export interface QuantityValue {
  raw: number;
  value: number;
  unit: string;
}

export interface BdsValue {
  /** The whole element as hex (MB, then BDS1/BDS2 when the element carries the address). */
  raw: string;
  /** The register as "X,Y" when the element says which it is. */
  bds?: string;
  /** What the Comm-B hook made of the MB field, when a hook is installed. */
  decoded?: unknown;
}

export interface ExplicitValue {
  hex?: string;
  ref?: string;
  items?: ItemsValue;
}

export type ElementValue = number | string | QuantityValue | BdsValue;
export type ItemValue = ElementValue | ItemsValue | ItemValue[] | ExplicitValue;
export interface ItemsValue {
  [name: string]: ItemValue;
}

/** Hands a Comm-B MB field (7 bytes) to the Mode S decoder. `bds` is the register (0x40 for 4,0) when known. */
export type BdsHook = (mb: Uint8Array, bds: number | null) => unknown;

/** Resolves dependent content: the raw value at an absolute item path, or undefined. */
export type DependencyResolver = (path: readonly string[]) => number | string | undefined;

export interface MaterializeContext {
  ref: CompiledExpansion | null;
  bdsHook: BdsHook | null;
  resolve: DependencyResolver | null;
}

const ICAO_CHARS = (() => {
  let s = '';
  for (let c = 0; c < 64; c++) s += String.fromCharCode(c < 32 ? 64 + c : c);
  return s;
})();

const ICAO_CODES = Uint8Array.from(ICAO_CHARS, (ch) => ch.charCodeAt(0));
const CS_CACHE = 4096;
const csKeys = new Float64Array(CS_CACHE).fill(-1);
const csVals: string[] = new Array(CS_CACHE).fill('');
/** Mode 3/A codes as text, filled on first use. */
const OCTAL4: (string | undefined)[] = new Array(4096).fill(undefined);

/** An 8-character ICAO 6-bit string from its two 24-bit halves (cached: callsigns repeat scan after scan). */
export function icaoString48(hi: number, lo: number): string {
  const key = hi * 16777216 + lo;
  const slot = (hi ^ (hi >>> 12) ^ lo ^ (lo >>> 12)) & (CS_CACHE - 1);
  if (csKeys[slot] === key) return csVals[slot];
  const c = ICAO_CODES;
  const s = String.fromCharCode(c[hi >>> 18], c[(hi >>> 12) & 63], c[(hi >>> 6) & 63], c[hi & 63], c[lo >>> 18], c[(lo >>> 12) & 63], c[(lo >>> 6) & 63], c[lo & 63]);
  csKeys[slot] = key;
  csVals[slot] = s;
  return s;
}

/** A 12-bit Mode 3/A code as 4 octal digits (the strings are made once). */
export function octal4(v: number): string {
  let s = OCTAL4[v];
  if (s === undefined) {
    s = String.fromCharCode(48 + (v >>> 9), 48 + ((v >>> 6) & 7), 48 + ((v >>> 3) & 7), 48 + (v & 7));
    OCTAL4[v] = s;
  }
  return s;
}

/** Decodes a string element. */
export function readString(buf: Uint8Array, bitPos: number, bits: number, enc: 'ascii' | 'icao' | 'octal'): string {
  // The common fields in one go: an 8-character ICAO callsign, a 4-digit octal code.
  if (enc === 'icao' && bits === 48) return icaoString48(readBits(buf, bitPos, 24), readBits(buf, bitPos + 24, 24));
  if (enc === 'octal' && bits === 12) return octal4(readBits(buf, bitPos, 12));
  let s = '';
  if (enc === 'ascii') {
    for (let p = bitPos; p + 8 <= bitPos + bits; p += 8) s += String.fromCharCode(readBits(buf, p, 8));
  } else if (enc === 'icao') {
    for (let p = bitPos; p + 6 <= bitPos + bits; p += 6) s += ICAO_CHARS[readBits(buf, p, 6)];
  } else {
    for (let p = bitPos; p + 3 <= bitPos + bits; p += 3) s += String.fromCharCode(48 + readBits(buf, p, 3));
  }
  return s;
}

/** The raw bits of an element: a number up to 52 bits (signed when `signed`), else hex. */
export function readRaw(buf: Uint8Array, bitPos: number, bits: number, signed: boolean): number | string {
  if (bits > MAX_NUMBER_BITS) return readHex(buf, bitPos, bits);
  const u = readBits(buf, bitPos, bits);
  if (signed && u >= 2 ** (bits - 1)) return u - 2 ** bits;
  return u;
}

function contentValue(c: Content, buf: Uint8Array, bitPos: number, bits: number, ctx: MaterializeContext): ElementValue {
  switch (c.t) {
    case 'raw':
    case 'table':
      return readRaw(buf, bitPos, bits, false);
    case 'integer':
      return readRaw(buf, bitPos, bits, c.signed);
    case 'string':
      return readString(buf, bitPos, bits, c.enc);
    case 'quantity': {
      const raw = readRaw(buf, bitPos, bits, c.signed) as number;
      return { raw, value: raw * c.lsb, unit: c.unit };
    }
    case 'bds': {
      const out: BdsValue = { raw: readHex(buf, bitPos, bits) };
      let reg: number | null = null;
      if (c.addr === 'with' && bits === 64) reg = readBits(buf, bitPos + 56, 8);
      else if (typeof c.addr === 'number') reg = c.addr;
      if (reg !== null) out.bds = `${(reg >> 4).toString(16)},${(reg & 15).toString(16)}`;
      if (ctx.bdsHook && bits >= 56 && (bitPos & 7) === 0) {
        const mb = buf.slice(bitPos >> 3, (bitPos >> 3) + 7);
        const d = ctx.bdsHook(mb, reg);
        if (d !== undefined) out.decoded = d;
      }
      return out;
    }
    case 'dependent': {
      let chosen: Content = c.dflt;
      if (ctx.resolve) {
        const keys = c.on.map((p) => ctx.resolve?.(p));
        for (const [k, cc] of c.cases) {
          if (k.every((v, i) => keys[i] === v)) {
            chosen = cc;
            break;
          }
        }
      }
      return contentValue(chosen, buf, bitPos, bits, ctx);
    }
  }
}

/** Decodes an element at an absolute bit position. */
export function elementValue(node: PlanNode, buf: Uint8Array, bitPos: number, ctx: MaterializeContext): ElementValue {
  const bits = node.bits;
  switch (node.ck) {
    case C_QUANTITY: {
      const raw = readRaw(buf, bitPos, bits, node.signed) as number;
      return { raw, value: raw * node.lsb, unit: node.unit };
    }
    case C_INTEGER:
      return readRaw(buf, bitPos, bits, node.signed);
    case C_STRING:
    case C_BDS:
    case C_DEPENDENT:
      return contentValue(node.content as Content, buf, bitPos, bits, ctx);
    default:
      return readRaw(buf, bitPos, bits, false);
  }
}

// Structural errors, as negative lengths.
export const E_OVERRUN = -1;
export const E_FX = -2;
export const E_EXPLICIT = -3;
export const E_COMPOUND_SLOT = -4;

/**
 * Byte length of a variable item at `pos`, or a negative E_* code. Never reads past `end`.
 */
export function itemLength(node: PlanNode, buf: Uint8Array, pos: number, end: number): number {
  if (node.bytes >= 0) return pos + node.bytes <= end ? node.bytes : E_OVERRUN;
  switch (node.kind) {
    case K_EXTENDED: {
      const ends = node.extentEnds;
      for (let i = 0; i < ends.length; i++) {
        const p = pos + ends[i];
        if (p > end) return E_OVERRUN;
        if ((buf[p - 1] & 1) === 0) return ends[i];
      }
      return E_FX;
    }
    case K_REPETITIVE: {
      const sub = node.sub as PlanNode;
      if (pos + node.rep > end) return E_OVERRUN;
      let n = 0;
      for (let i = 0; i < node.rep; i++) n = n * 256 + buf[pos + i];
      if (sub.bytes >= 0) {
        const len = node.rep + n * sub.bytes;
        return pos + len <= end ? len : E_OVERRUN;
      }
      let p = pos + node.rep;
      for (let i = 0; i < n; i++) {
        const l = itemLength(sub, buf, p, end);
        if (l < 0) return l;
        p += l;
      }
      return p - pos;
    }
    case K_REPETITIVE_FX: {
      const step = ((node.sub as PlanNode).bits + 1) >> 3;
      let p = pos;
      for (;;) {
        p += step;
        if (p > end) return E_OVERRUN;
        if ((buf[p - 1] & 1) === 0) return p - pos;
      }
    }
    case K_EXPLICIT: {
      if (pos >= end) return E_OVERRUN;
      const len = buf[pos];
      if (len === 0) return E_EXPLICIT;
      return pos + len <= end ? len : E_OVERRUN;
    }
    case K_COMPOUND:
      return compoundLength(node, buf, pos, end, -1);
    default:
      return E_OVERRUN; // an element or group of non-octet size cannot stand alone
  }
}

/** Length of a compound with an FX FSPEC (fixedFspec < 0) or a fixed FSPEC of `fixedFspec` bytes. */
export function compoundLength(node: PlanNode, buf: Uint8Array, pos: number, end: number, fixedFspec: number): number {
  let fs = pos;
  if (fixedFspec >= 0) {
    fs = pos + fixedFspec;
    if (fs > end) return E_OVERRUN;
  } else {
    for (;;) {
      if (fs >= end) return E_OVERRUN;
      if ((buf[fs++] & 1) === 0) break;
    }
  }
  const perByte = fixedFspec >= 0 ? 8 : 7;
  let p = fs;
  const entries = node.entries;
  for (let i = pos; i < fs; i++) {
    const b = buf[i];
    for (let bit = 0; bit < perByte; bit++) {
      if ((b & (0x80 >> bit)) === 0) continue;
      const slot = (i - pos) * perByte + bit;
      const e = entries[slot];
      if (e === undefined || e.node === null) return E_COMPOUND_SLOT;
      const l = itemLength(e.node, buf, p, end);
      if (l < 0) return l;
      p += l;
    }
  }
  return p - pos;
}

/** Expands the item at [pos, pos+len) into its value tree. */
export function itemValue(node: PlanNode, buf: Uint8Array, pos: number, len: number, ctx: MaterializeContext): ItemValue {
  switch (node.kind) {
    case K_ELEMENT:
      return elementValue(node, buf, pos * 8, ctx);
    case K_GROUP:
      return groupValue(node, buf, pos * 8, ctx, Number.POSITIVE_INFINITY);
    case K_EXTENDED: {
      const ends = node.extentEnds;
      let extents = 0;
      while (extents < ends.length && ends[extents] <= len) extents++;
      return groupValue(node, buf, pos * 8, ctx, extents);
    }
    case K_REPETITIVE:
    case K_REPETITIVE_FX: {
      const sub = node.sub as PlanNode;
      const out: ItemValue[] = [];
      const end = pos + len;
      if (node.kind === K_REPETITIVE_FX) {
        const step = (sub.bits + 1) >> 3;
        for (let p = pos; p + step <= end; p += step) {
          out.push(sub.kind === K_ELEMENT ? elementValue(sub, buf, p * 8, ctx) : groupValue(sub, buf, p * 8, ctx, 1e9));
        }
        return out;
      }
      let n = 0;
      for (let i = 0; i < node.rep; i++) n = n * 256 + buf[pos + i];
      let p = pos + node.rep;
      for (let i = 0; i < n; i++) {
        const l = itemLength(sub, buf, p, end);
        if (l < 0) break;
        out.push(itemValue(sub, buf, p, l, ctx));
        p += l;
      }
      return out;
    }
    case K_EXPLICIT: {
      if (node.expl === 1 && ctx.ref) {
        const ref = ctx.ref;
        const inner = compoundLength(ref.node, buf, pos + 1, pos + len, ref.fspecBytes ?? -1);
        if (inner === len - 1) {
          const sub: MaterializeContext = { ref: null, bdsHook: ctx.bdsHook, resolve: null };
          return { ref: ref.spec.edition, items: compoundValue(ref.node, buf, pos + 1, pos + len, sub, ref.fspecBytes ?? -1) };
        }
      }
      return { hex: toHex(buf, pos + 1, pos + len) };
    }
    case K_COMPOUND:
      return compoundValue(node, buf, pos, pos + len, ctx, -1);
  }
  return 0;
}

function groupValue(node: PlanNode, buf: Uint8Array, bitPos: number, ctx: MaterializeContext, extents: number): ItemsValue {
  const out: ItemsValue = {};
  for (const e of node.entries) {
    if (e.extent >= extents) break;
    if (e.node === null) {
      if (e.bits <= MAX_NUMBER_BITS) {
        const v = readBits(buf, bitPos + e.bitOff, e.bits);
        if (v !== 0) out[`_spare${e.bitOff}`] = v;
      }
      continue;
    }
    out[e.name as string] =
      e.node.kind === K_ELEMENT
        ? elementValue(e.node, buf, bitPos + e.bitOff, ctx)
        : groupValue(e.node, buf, bitPos + e.bitOff, ctx, Number.POSITIVE_INFINITY);
  }
  return out;
}

function compoundValue(node: PlanNode, buf: Uint8Array, pos: number, end: number, ctx: MaterializeContext, fixedFspec: number): ItemsValue {
  const out: ItemsValue = {};
  let fs = pos;
  if (fixedFspec >= 0) fs = pos + fixedFspec;
  else while (buf[fs++] & 1);
  const perByte = fixedFspec >= 0 ? 8 : 7;
  // A non-canonical FX FSPEC (trailing zero octets) is remembered, so that encoding gives the same bytes.
  if (fixedFspec < 0 && fs - pos > 1 && (buf[fs - 1] & 0xfe) === 0) out._fspecLen = fs - pos;
  let p = fs;
  for (let i = pos; i < fs; i++) {
    for (let bit = 0; bit < perByte; bit++) {
      if ((buf[i] & (0x80 >> bit)) === 0) continue;
      const e = node.entries[(i - pos) * perByte + bit];
      if (!e?.node) return out;
      const l = itemLength(e.node, buf, p, end);
      if (l < 0) return out;
      out[e.name as string] = itemValue(e.node, buf, p, l, ctx);
      p += l;
    }
  }
  return out;
}
