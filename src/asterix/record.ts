// SPDX-License-Identifier: GPL-3.0-or-later
// A decoded ASTERIX record, lazy and flat: decoding only finds where each item lies (slot, start, length in a
// shared Int32Array); values are read on demand, by item name and sub-item path, straight from the bytes.

import { readBits, readHex } from './bits.ts';
import {
  C_QUANTITY,
  type CompiledCategory,
  type CompiledUap,
  compileFastPath,
  type FastPath,
  K_COMPOUND,
  K_ELEMENT,
  K_EXTENDED,
  K_GROUP,
  K_REPETITIVE,
  K_REPETITIVE_FX,
  type PlanNode,
} from './plan.ts';
import {
  type BdsHook,
  type ElementValue,
  elementValue,
  type ItemsValue,
  type ItemValue,
  itemLength,
  itemValue,
  type MaterializeContext,
  readRaw,
  readString,
} from './values.ts';

/** Table entries for items inside an RFS field carry slot + RFS_BASE. */
export const RFS_BASE = 1000;

/** Where an element lies, for typed reads. */
export interface ElementRef {
  node: PlanNode;
  bitPos: number;
}

export interface FieldInfo {
  bits: number;
  kind: 'raw' | 'table' | 'string' | 'integer' | 'quantity' | 'bds' | 'dependent';
  signed: boolean;
  /** Quantity only: value = raw × lsb, in unit. */
  lsb?: number;
  unit?: string;
}

/**
 * A field path compiled for fast reads: `const RHO = new AsterixField('040/RHO')`, then `r.value(RHO)`. It works
 * on records of any category edition (it recompiles when the edition changes); reading by the path string
 * gives the same results, with a map lookup more.
 */
export class AsterixField {
  readonly path: string;
  /** The category edition compiled for last, and the result. */
  cc: CompiledCategory | null = null;
  fp: FastPath | null = null;
  constructor(path: string) {
    this.path = path;
  }
}

/** Set bits in an octet, FX bit excluded: for locating items from the FSPEC. */
const POP = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) t[i] = (i & 1) + t[i >> 1];
  return t;
})();

export class AsterixRecord {
  readonly cc: CompiledCategory;
  /** The bytes the record was decoded from (the whole datagram, shared). */
  readonly buf: Uint8Array;
  /**
   * The block's item table and this record's entries in it: a header (start, end, fspecLen, uap index, count)
   * at base-5..base-1, then `count` triples (slot, start, length). Slots come in FSPEC order, so without RFS
   * the k-th set FSPEC bit is the k-th triple.
   */
  private readonly table: Int32Array;
  private readonly base: number;
  /** Comm-B hook used when values are expanded (set by the codec). */
  bdsHook: BdsHook | null;

  constructor(cc: CompiledCategory, buf: Uint8Array, table: Int32Array, base: number, bdsHook: BdsHook | null = null) {
    this.cc = cc;
    this.buf = buf;
    this.table = table;
    this.base = base;
    this.bdsHook = bdsHook;
  }

  /** Offsets of the record in `buf`: [start, end). */
  get start(): number {
    return this.table[this.base - 5];
  }
  get end(): number {
    return this.table[this.base - 4];
  }
  /** Bytes of FSPEC as received. */
  get fspecLen(): number {
    return this.table[this.base - 3];
  }
  /** Index of `uap` in the category's UAPs. */
  get uapIndex(): number {
    return this.table[this.base - 2];
  }
  get uap(): CompiledUap {
    return this.cc.uaps[this.table[this.base - 2]];
  }
  private get count(): number {
    return this.table[this.base - 1];
  }

  get cat(): number {
    return this.cc.cat;
  }
  get edition(): string {
    return this.cc.edition;
  }
  /** UAP name ("uap" for single-UAP categories, "plot"/"track" for CAT001). */
  get uapName(): string {
    return this.uap.name;
  }
  /** SAC from item 010, or -1. */
  get sac(): number {
    const i = this.findSlot(this.uap.slot010);
    return i < 0 ? -1 : this.buf[this.table[i + 1]];
  }
  /** SIC from item 010, or -1. */
  get sic(): number {
    const i = this.findSlot(this.uap.slot010);
    return i < 0 ? -1 : this.buf[this.table[i + 1] + 1];
  }

  /** Table index of an item's entry, or -1. */
  private find(name: string): number {
    const slot = this.uap.slotOf.get(name);
    return slot === undefined ? -1 : this.findSlot(slot);
  }

  /** Table index of the entry for a UAP slot, or -1: from the FSPEC bits (a scan when the UAP has RFS). */
  private findSlot(slot: number): number {
    if (slot < 0) return -1;
    const t = this.table;
    const base = this.base;
    if (this.cc.uaps[t[base - 2]].rfsSlot >= 0) {
      const stop = base + 3 * t[base - 1];
      for (let i = base; i < stop; i += 3) if (t[i] === slot || t[i] === slot + RFS_BASE) return i;
      return -1;
    }
    const byte = (slot / 7) | 0;
    if (byte >= t[base - 3]) return -1;
    const buf = this.buf;
    const start = t[base - 5];
    const fb = buf[start + byte];
    const mask = 0x80 >> (slot - byte * 7);
    if ((fb & mask) === 0) return -1;
    let k = POP[fb & ~(2 * mask - 1) & 0xfe];
    for (let i = 0; i < byte; i++) k += POP[buf[start + i] & 0xfe];
    return base + 3 * k;
  }

  has(item: string): boolean {
    return this.find(item) >= 0;
  }

  /** Names of the items present, in wire order (RFS contents after "RFS"). */
  itemNames(): string[] {
    const out: string[] = [];
    const stop = this.base + 3 * this.count;
    for (let i = this.base; i < stop; i += 3) {
      const s = this.table[i];
      out.push(s >= RFS_BASE ? (this.uap.names[s - RFS_BASE] as string) : s === this.uap.rfsSlot ? 'RFS' : (this.uap.names[s] as string));
    }
    return out;
  }

  /** The bytes of one item (a view into `buf`), or undefined. */
  bytes(item: string): Uint8Array | undefined {
    const i = this.find(item);
    return i < 0 ? undefined : this.buf.subarray(this.table[i + 1], this.table[i + 1] + this.table[i + 2]);
  }

  private ctx(): MaterializeContext {
    return { ref: this.cc.ref, bdsHook: this.bdsHook, resolve: (p) => this.raw(p.join('/')) };
  }

  /** The full value tree of one item, or undefined when absent. */
  item(name: string): ItemValue | undefined {
    const i = this.find(name);
    if (i < 0) return undefined;
    const node = this.cc.items.get(name) as PlanNode;
    return itemValue(node, this.buf, this.table[i + 1], this.table[i + 2], this.ctx());
  }

  /** Every item's value tree, in wire order. Items sent inside RFS are listed under "RFS" as [name, value] pairs. */
  items(): ItemsValue {
    const out: ItemsValue = {};
    const ctx = this.ctx();
    const stop = this.base + 3 * this.count;
    let rfs: ItemValue[] | null = null;
    for (let i = this.base; i < stop; i += 3) {
      const s = this.table[i];
      if (s === this.uap.rfsSlot) {
        rfs = [];
        out.RFS = rfs;
        continue;
      }
      const inRfs = s >= RFS_BASE;
      const name = this.uap.names[inRfs ? s - RFS_BASE : s] as string;
      const v = itemValue(this.cc.items.get(name) as PlanNode, this.buf, this.table[i + 1], this.table[i + 2], ctx);
      if (inRfs && rfs) rfs.push([name, v]);
      else out[name] = v;
    }
    return out;
  }

  /**
   * Locates an element by path: "040/RHO", "020/TYP", "250/0/MBDATA" (repetitions by index),
   * "380/IAS/IAS" (compound sub-items). Undefined when the item, extent or sub-item is absent.
   */
  locate(path: string): ElementRef | undefined {
    const segs = path.split('/');
    const i = this.find(segs[0]);
    if (i < 0) return undefined;
    let node = this.cc.items.get(segs[0]) as PlanNode;
    let pos = this.table[i + 1];
    let end = pos + this.table[i + 2];
    let bitPos = pos * 8;
    for (let k = 1; k < segs.length; k++) {
      const seg = segs[k];
      switch (node.kind) {
        case K_GROUP:
        case K_EXTENDED: {
          const idx = node.index.get(seg);
          if (idx === undefined) return undefined;
          const e = node.entries[idx];
          if (node.kind === K_EXTENDED) {
            // Every earlier extent must end with FX set.
            for (let x = 0; x < e.extent; x++) if ((this.buf[pos + node.extentEnds[x] - 1] & 1) === 0) return undefined;
          }
          bitPos += e.bitOff;
          node = e.node as PlanNode;
          break;
        }
        case K_REPETITIVE:
        case K_REPETITIVE_FX: {
          const n = Number(seg);
          if (!Number.isInteger(n) || n < 0) return undefined;
          const sub = node.sub as PlanNode;
          let p = pos + node.rep;
          let count = Number.POSITIVE_INFINITY;
          if (node.kind === K_REPETITIVE) {
            count = 0;
            for (let r = 0; r < node.rep; r++) count = count * 256 + this.buf[pos + r];
          }
          if (n >= count) return undefined;
          for (let r = 0; r < n; r++) {
            const l = node.kind === K_REPETITIVE_FX ? (sub.bits + 1) >> 3 : itemLength(sub, this.buf, p, end);
            if (l < 0 || p + l >= end) return undefined;
            p += l;
          }
          const l = node.kind === K_REPETITIVE_FX ? (sub.bits + 1) >> 3 : itemLength(sub, this.buf, p, end);
          if (l < 0) return undefined;
          pos = p;
          end = p + l;
          bitPos = p * 8;
          node = sub;
          break;
        }
        case K_COMPOUND: {
          const target = node.index.get(seg);
          if (target === undefined) return undefined;
          let fs = pos;
          while (this.buf[fs++] & 1);
          let p = fs;
          let found = false;
          for (let b = pos; b < fs && !found; b++) {
            for (let bit = 0; bit < 7; bit++) {
              if ((this.buf[b] & (0x80 >> bit)) === 0) continue;
              const slot = (b - pos) * 7 + bit;
              const e = node.entries[slot];
              if (!e?.node) return undefined;
              const l = itemLength(e.node, this.buf, p, end);
              if (l < 0) return undefined;
              if (slot === target) {
                node = e.node;
                end = p + l;
                pos = p;
                bitPos = p * 8;
                found = true;
                break;
              }
              p += l;
            }
          }
          if (!found) return undefined;
          break;
        }
        default:
          return undefined;
      }
    }
    return { node, bitPos };
  }

  /** The compiled fixed-position path (cached per category), or null when the path crosses a variable structure. */
  private fastPath(path: string): FastPath | null {
    const paths = this.cc.paths;
    let fp = paths.get(path);
    if (fp === undefined) {
      fp = compileFastPath(this.cc, path);
      paths.set(path, fp);
    }
    return fp;
  }

  /** The compiled path for a path string or field. */
  private compiled(path: string | AsterixField): FastPath | null {
    if (typeof path === 'string') return this.fastPath(path);
    if (path.cc !== this.cc) {
      path.fp = this.fastPath(path.path);
      path.cc = this.cc;
    }
    return path.fp;
  }

  /** Absolute bit position of a fixed-position element, or -1 when its item (or extent) is absent. */
  private fixedPos(fp: FastPath): number {
    const t = this.table;
    const base = this.base;
    const u = t[base - 2];
    let i: number;
    if (this.cc.rfs) {
      i = this.findSlot(fp.slots[u]);
      if (i < 0) return -1;
    } else {
      // The item's entry from the FSPEC: count the items before it.
      const byte = fp.fsByte[u];
      if (byte < 0 || byte >= t[base - 3]) return -1;
      const buf = this.buf;
      const start = t[base - 5];
      const fb = buf[start + byte];
      if ((fb & fp.fsMask[u]) === 0) return -1;
      let k = POP[fb & fp.fsBefore[u]];
      for (let j = 0; j < byte; j++) k += POP[buf[start + j] & 0xfe];
      i = base + 3 * k;
    }
    const start = t[i + 1];
    if (fp.fxBytes.length > 0 && !this.extentsPresent(fp.fxBytes, start, t[i + 2])) return -1;
    return start * 8 + fp.bitOff;
  }

  /** Whether the extents an extended-item element needs are present (their FX bits set). */
  private extentsPresent(fx: readonly number[], start: number, len: number): boolean {
    for (let k = 0; k < fx.length; k++) if (fx[k] >= len || (this.buf[start + fx[k]] & 1) === 0) return false;
    return true;
  }

  /** Reads the unsigned bits of a compiled element at `pos` (from fixedPos). */
  private readFixed(fp: FastPath, pos: number): number {
    const buf = this.buf;
    const p = pos >>> 3;
    switch (fp.nBytes) {
      case 1:
        return (buf[p] >>> fp.shift) & fp.mask;
      case 2:
        return (((buf[p] << 8) | buf[p + 1]) >>> fp.shift) & fp.mask;
      case 3:
        return (((buf[p] << 16) | (buf[p + 1] << 8) | buf[p + 2]) >>> fp.shift) & fp.mask;
      case 4:
        return ((((buf[p] << 24) | (buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3]) >>> fp.shift) & fp.mask) >>> 0;
      default:
        return readBits(buf, pos, fp.bits);
    }
  }

  /** The raw value of an element (number; hex string when wider than 52 bits; signed for signed content). */
  raw(path: string | AsterixField): number | string | undefined {
    const fp = this.compiled(path);
    if (fp !== null) {
      const pos = this.fixedPos(fp);
      return pos < 0 ? undefined : readRaw(this.buf, pos, fp.bits, fp.node.signed);
    }
    const r = this.locate(typeof path === 'string' ? path : path.path);
    if (!r || r.node.kind !== K_ELEMENT) return undefined;
    return readRaw(this.buf, r.bitPos, r.node.bits, r.node.signed);
  }

  /** The unsigned raw bits of an element up to 52 bits wide (fast; no sign, no scaling). */
  bits(path: string | AsterixField): number | undefined {
    const fp = this.compiled(path);
    if (fp !== null) {
      if (fp.bits > 52) return undefined;
      const pos = this.fixedPos(fp);
      return pos < 0 ? undefined : this.readFixed(fp, pos);
    }
    const r = this.locate(typeof path === 'string' ? path : path.path);
    if (!r || r.node.kind !== K_ELEMENT || r.node.bits > 52) return undefined;
    return readBits(this.buf, r.bitPos, r.node.bits);
  }

  /** The value of an element with its unit applied: quantities scaled (NM, FL, °, ...), strings decoded. */
  value(path: string | AsterixField): number | string | undefined {
    const fp = this.compiled(path);
    if (fp !== null && fp.vk !== 2) {
      const pos = this.fixedPos(fp);
      if (pos < 0) return undefined;
      if (fp.vk === 1) return readString(this.buf, pos, fp.bits, (fp.node.content as { enc: 'ascii' | 'icao' | 'octal' }).enc);
      let v = this.readFixed(fp, pos);
      if (fp.half > 0 && v >= fp.half) v -= fp.full;
      return v * fp.scale;
    }
    return this.valueSlow(typeof path === 'string' ? path : path.path);
  }

  /** value() through the general locate (kept apart so that the fast path stays small enough to inline). */
  private valueSlow(path: string): number | string | undefined {
    const r = this.locate(path);
    if (!r || r.node.kind !== K_ELEMENT) return undefined;
    const v = this.element(r);
    if (typeof v === 'object') return 'value' in v ? v.value : v.raw;
    return v;
  }

  /** An element's full value (quantity with raw, value and unit; BDS with register). */
  element(ref: ElementRef): ElementValue {
    return elementValue(ref.node, this.buf, ref.bitPos, this.ctx());
  }

  /** Hex of an element of any width. */
  hex(path: string | AsterixField): string | undefined {
    const fp = this.compiled(path);
    if (fp !== null) {
      const pos = this.fixedPos(fp);
      return pos < 0 ? undefined : readHex(this.buf, pos, fp.bits);
    }
    const r = this.locate(typeof path === 'string' ? path : path.path);
    if (!r || r.node.kind !== K_ELEMENT) return undefined;
    return readHex(this.buf, r.bitPos, r.node.bits);
  }

  /** Unit and LSB of an element, from the spec. */
  info(path: string): FieldInfo | undefined {
    const r = this.locate(path);
    if (!r || r.node.kind !== K_ELEMENT || !r.node.content) return undefined;
    const c = r.node.content;
    const out: FieldInfo = { bits: r.node.bits, kind: c.t, signed: r.node.signed };
    if (r.node.ck === C_QUANTITY) {
      out.lsb = r.node.lsb;
      out.unit = r.node.unit;
    }
    return out;
  }

  /** The record's bytes (a view). */
  recordBytes(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }
}
