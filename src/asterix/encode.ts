// SPDX-License-Identifier: GPL-3.0-or-later
// Item values → bytes: the exact inverse of values.ts. The encoder walks the same compiled plans; a value tree
// produced by the decoder encodes back to the identical bytes. Bad values throw EncodeError (encoding is
// driven by our own data, not by the wire, so a programming or input error should be loud).

import { type ByteWriter, fromHex, writeBits, writeHex } from './bits.ts';
import {
  C_QUANTITY,
  C_STRING,
  type CompiledCategory,
  type CompiledExpansion,
  type CompiledUap,
  K_COMPOUND,
  K_ELEMENT,
  K_EXPLICIT,
  K_EXTENDED,
  K_GROUP,
  K_REPETITIVE,
  K_REPETITIVE_FX,
  type PlanNode,
} from './plan.ts';
import type { Content } from './spec.ts';
import type { ExplicitValue, ItemsValue, ItemValue } from './values.ts';

export class EncodeError extends Error {
  override name = 'EncodeError';
}

/** One record to encode: its items (as values.ts describes) and, for multi-UAP categories, the UAP name. */
export interface RecordValues {
  items: ItemsValue;
  uap?: string;
  /** FSPEC length as received, when longer than needed (kept for byte-identical round trips). */
  fspecLen?: number;
}

function stringContent(c: Content | null): 'ascii' | 'icao' | 'octal' | null {
  if (!c) return null;
  if (c.t === 'string') return c.enc;
  return null;
}

function rawNumber(node: PlanNode, v: number): number {
  const bits = node.bits;
  if (v >= 0 && v < (bits < 31 ? 1 << bits : 2 ** bits) && (v | 0) === v) return v; // the common case, fast
  if (!Number.isInteger(v)) throw new EncodeError(`not an integer: ${v}`);
  if (v < 0) {
    if (-v > 2 ** (bits - 1)) throw new EncodeError(`${v} does not fit in ${bits} signed bits`);
    return v + 2 ** bits;
  }
  if (v >= 2 ** bits) throw new EncodeError(`${v} does not fit in ${bits} bits`);
  return v;
}

function writeString(buf: Uint8Array, bitPos: number, bits: number, enc: 'ascii' | 'icao' | 'octal', s: string): void {
  const w = enc === 'ascii' ? 8 : enc === 'icao' ? 6 : 3;
  const n = Math.floor(bits / w);
  if (s.length !== n) throw new EncodeError(`string '${s}' must have ${n} characters`);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let code: number;
    if (enc === 'ascii') code = c;
    else if (enc === 'icao') code = c >= 64 ? c - 64 : c;
    else code = c - 48;
    if (code < 0 || code >= 1 << w) throw new EncodeError(`character '${s[i]}' not encodable as ${enc}`);
    writeBits(buf, bitPos + i * w, w, code);
  }
}

/** Writes one element value at an absolute bit position in `buf` (bits must be zero). */
export function writeElement(node: PlanNode, buf: Uint8Array, bitPos: number, v: ItemValue): void {
  const bits = node.bits;
  if (typeof v === 'number') {
    writeBits(buf, bitPos, bits, rawNumber(node, v));
    return;
  }
  if (typeof v === 'string') {
    const enc = stringContent(node.content);
    if (enc) writeString(buf, bitPos, bits, enc, v);
    else writeHex(buf, bitPos, bits, v);
    return;
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { raw?: unknown; value?: unknown };
    if (typeof o.raw === 'number') {
      writeBits(buf, bitPos, bits, rawNumber(node, o.raw));
      return;
    }
    if (typeof o.raw === 'string') {
      if (!/^(0x)?[0-9a-f]+$/i.test(o.raw)) throw new EncodeError(`bad raw '${o.raw}'`);
      writeHex(buf, bitPos, bits, o.raw);
      return;
    }
    if (typeof o.value === 'number' && node.ck === C_QUANTITY) {
      writeBits(buf, bitPos, bits, rawNumber(node, Math.round(o.value / node.lsb)));
      return;
    }
    if (typeof o.value === 'string' && node.ck === C_STRING) {
      writeElement(node, buf, bitPos, o.value);
      return;
    }
  }
  throw new EncodeError(`bad element value ${JSON.stringify(v)}`);
}

function writeGroup(node: PlanNode, buf: Uint8Array, bitPos: number, v: ItemsValue, extents: number): void {
  const entries = node.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.extent >= extents) break;
    const x = v[e.key];
    if (e.node === null) {
      if (typeof x === 'number') writeBits(buf, bitPos + e.bitOff, e.bits, x);
      continue;
    }
    if (x === undefined) continue; // absent members encode as zero bits
    if (e.node.kind === K_ELEMENT) writeElement(e.node, buf, bitPos + e.bitOff, x);
    else writeGroup(e.node, buf, bitPos + e.bitOff, x as ItemsValue, Number.POSITIVE_INFINITY);
  }
}

function isObject(v: ItemValue | undefined): v is ItemsValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Encodes one item value. */
export function writeItem(node: PlanNode, w: ByteWriter, v: ItemValue, ref: CompiledExpansion | null): void {
  switch (node.kind) {
    case K_ELEMENT: {
      if (node.bytes < 0) throw new EncodeError('element not octet aligned');
      const at = w.reserve(node.bytes);
      writeElement(node, w.buf, at * 8, v);
      return;
    }
    case K_GROUP: {
      if (!isObject(v)) throw new EncodeError('group value must be an object');
      const at = w.reserve(node.bytes);
      writeGroup(node, w.buf, at * 8, v, Number.POSITIVE_INFINITY);
      return;
    }
    case K_EXTENDED: {
      if (!isObject(v)) throw new EncodeError('extended value must be an object');
      // The number of extents: up to the last one with a member present.
      let extents = 1;
      const entries = node.entries;
      for (let i = entries.length - 1; i >= 0; i--) {
        const e = entries[i];
        if (e.extent + 1 > extents && e.key !== '' && v[e.key] !== undefined) {
          extents = e.extent + 1;
          break;
        }
      }
      const len = node.extentEnds[extents - 1];
      const at = w.reserve(len);
      writeGroup(node, w.buf, at * 8, v, extents);
      for (let x = 0; x < extents - 1; x++) w.buf[at + node.extentEnds[x] - 1] |= 1;
      return;
    }
    case K_REPETITIVE:
    case K_REPETITIVE_FX: {
      if (!Array.isArray(v)) throw new EncodeError('repetitive value must be an array');
      const sub = node.sub as PlanNode;
      if (node.kind === K_REPETITIVE) {
        if (v.length >= 2 ** (8 * node.rep)) throw new EncodeError('too many repetitions');
        const at = w.reserve(node.rep);
        writeBits(w.buf, at * 8, 8 * node.rep, v.length);
        for (const x of v) writeItem(sub, w, x, ref);
        return;
      }
      if (v.length === 0) throw new EncodeError('repetitive (FX) needs at least one element');
      const step = (sub.bits + 1) >> 3;
      for (let i = 0; i < v.length; i++) {
        const at = w.reserve(step);
        if (sub.kind === K_ELEMENT) writeElement(sub, w.buf, at * 8, v[i]);
        else writeGroup(sub, w.buf, at * 8, v[i] as ItemsValue, Number.POSITIVE_INFINITY);
        if (i < v.length - 1) w.buf[at + step - 1] |= 1;
      }
      return;
    }
    case K_EXPLICIT: {
      const e = v as ExplicitValue;
      const lenAt = w.reserve(1);
      if (typeof e.hex === 'string') {
        const b = fromHex(e.hex);
        if (!b) throw new EncodeError(`bad hex '${e.hex}'`);
        w.bytes(b);
      } else if (e.items && ref) {
        writeCompound(ref.node, w, e.items, ref.fspecBytes ?? -1, null);
      } else {
        throw new EncodeError('explicit value needs hex, or items and an expansion spec');
      }
      const len = w.pos - lenAt;
      if (len > 255) throw new EncodeError('explicit item longer than 255 bytes');
      w.buf[lenAt] = len;
      return;
    }
    case K_COMPOUND: {
      if (!isObject(v)) throw new EncodeError('compound value must be an object');
      writeCompound(node, w, v, -1, ref);
      return;
    }
  }
}

function writeCompound(node: PlanNode, w: ByteWriter, v: ItemsValue, fixedFspec: number, ref: CompiledExpansion | null): void {
  const entries = node.entries;
  let last = -1;
  for (let i = 0; i < entries.length; i++) {
    const name = entries[i].name;
    if (name !== null && v[name] !== undefined) last = i;
  }
  const perByte = fixedFspec >= 0 ? 8 : 7;
  let fsLen = fixedFspec >= 0 ? fixedFspec : Math.max(1, Math.floor(last / 7) + 1);
  const keep = v._fspecLen;
  if (fixedFspec < 0 && typeof keep === 'number' && keep > fsLen) fsLen = keep;
  const at = w.reserve(fsLen);
  for (let i = 0; i <= last; i++) {
    const e = entries[i];
    if (e.name === null || v[e.name] === undefined) continue;
    const byte = Math.floor(i / perByte);
    if (byte >= fsLen) throw new EncodeError(`sub-item ${e.name} beyond the fixed FSPEC`);
    w.buf[at + byte] |= 0x80 >> i % perByte;
  }
  if (fixedFspec < 0) for (let b = 0; b < fsLen - 1; b++) w.buf[at + b] |= 1;
  for (let i = 0; i <= last; i++) {
    const e = entries[i];
    if (e.name === null) continue;
    const x = v[e.name];
    if (x === undefined) continue;
    writeItem(e.node as PlanNode, w, x, ref);
  }
}

/** Encodes one record (FSPEC and items) into `w`. */
export function writeRecord(cc: CompiledCategory, w: ByteWriter, rec: RecordValues): void {
  let uap: CompiledUap = cc.uaps[0];
  if (rec.uap !== undefined && cc.uaps.length > 1) {
    const u = cc.uaps.find((x) => x.name === rec.uap);
    if (!u) throw new EncodeError(`CAT${cc.cat} has no UAP '${rec.uap}'`);
    uap = u;
  }
  const items = rec.items;
  const names = uap.names;
  const nodes = uap.nodes;
  // One pass over the UAP: which items are present, and their values.
  let n = 0;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name === null) continue;
    const v = items[name];
    if (v === undefined) continue;
    presentSlots[n] = i;
    presentValues[n] = v;
    n++;
  }
  const last = n > 0 ? presentSlots[n - 1] : -1;
  let fsLen = last < 0 ? 1 : ((last / 7) | 0) + 1;
  if (rec.fspecLen !== undefined && rec.fspecLen > fsLen) fsLen = rec.fspecLen;
  const at = w.reserve(fsLen);
  const buf = w.buf;
  for (let k = 0; k < n; k++) {
    const i = presentSlots[k];
    buf[at + ((i / 7) | 0)] |= 0x80 >> i % 7;
  }
  for (let b = 0; b < fsLen - 1; b++) buf[at + b] |= 1;
  for (let k = 0; k < n; k++) {
    const i = presentSlots[k];
    const v = presentValues[k];
    presentValues[k] = undefined;
    if (i === uap.rfsSlot) {
      writeRfs(cc, uap, w, v as ItemValue);
      continue;
    }
    const node = nodes[i] as PlanNode;
    if (node.kind === K_GROUP && node.bytes > 0) {
      // Hot path: fixed groups straight into the buffer.
      const p = w.reserve(node.bytes);
      writeGroup(node, w.buf, p * 8, v as ItemsValue, Number.POSITIVE_INFINITY);
    } else {
      writeItem(node, w, v as ItemValue, cc.ref);
    }
  }
}

const presentSlots = new Int32Array(256);
const presentValues: (ItemValue | undefined)[] = new Array(256).fill(undefined);

function writeRfs(cc: CompiledCategory, uap: CompiledUap, w: ByteWriter, v: ItemValue): void {
  if (!Array.isArray(v)) throw new EncodeError('RFS value must be an array of [name, value]');
  w.byte(v.length);
  for (const pair of v) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string') throw new EncodeError('RFS entry must be [name, value]');
    const slot = uap.slotOf.get(pair[0]);
    if (slot === undefined) throw new EncodeError(`RFS names unknown item ${pair[0]}`);
    w.byte(slot + 1);
    writeItem(uap.nodes[slot] as PlanNode, w, pair[1], cc.ref);
  }
}

/** Encodes records into one data block (CAT, LEN, records). */
export function writeBlock(cc: CompiledCategory, w: ByteWriter, records: readonly RecordValues[]): void {
  const start = w.reserve(3);
  for (const r of records) writeRecord(cc, w, r);
  const len = w.pos - start;
  if (len > 0xffff) throw new EncodeError(`data block of ${len} bytes exceeds 65535`);
  w.buf[start] = cc.cat;
  w.buf[start + 1] = len >> 8;
  w.buf[start + 2] = len & 0xff;
}

