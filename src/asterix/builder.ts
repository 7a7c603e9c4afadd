// SPDX-License-Identifier: GPL-3.0-or-later
// RecordBuilder: typed, allocation-free encoding of ASTERIX records. Field paths ("040/RHO", "130/SRL",
// "380/ADR/ADR") compile once into handles; setting a field writes its bits straight into a zeroed staging area
// for its item. finishRecord() works out the FSPEC (and compound FSPECs, and extended items' FX bits) from the
// items that were set, and copies the staged items into the data block in UAP order. Items without a fixed
// layout (repetitive, explicit, and compound sub-items of those kinds) are set whole as value trees (setItem).

import { ByteWriter, putBits, writeHex } from './bits.ts';
import { EncodeError, writeItem } from './encode.ts';
import {
  C_QUANTITY,
  C_STRING,
  type CompiledCategory,
  type CompiledUap,
  K_COMPOUND,
  K_ELEMENT,
  K_EXTENDED,
  K_GROUP,
  type PlanNode,
} from './plan.ts';
import type { ItemValue } from './values.ts';

type CopyItems = (self: RecordBuilder, buf: Uint8Array, pos: number, fspec: Uint8Array, st: Uint8Array, ext: Int32Array) => number;

/** A compiled field: the number that `RecordBuilder.field(path)` returns. */
export type FieldHandle = number;

/** One unit of staging: a top-level item, or a sub-item of a compound item. */
class Part {
  readonly name: string;
  readonly node: PlanNode;
  /** Parent part (a compound), or -1 for a top-level item. */
  readonly parent: number;
  /** Top-level items: the UAP slot (FSPEC octet slot / 7, bit 0x80 >> slot % 7); -1 for sub-items. */
  slot = -1;
  /** Byte offset of the staging area, and its size (the full length for extended items); -1 when not staged. */
  stageOff = -1;
  stageLen = 0;
  /** Compound: part index per FSPEC position (-1 for none). */
  children: number[] = [];
  constructor(name: string, node: PlanNode, parent: number) {
    this.name = name;
    this.node = node;
    this.parent = parent;
  }
}

/** String encodings, as numbers: 0 none, 1 ASCII, 2 ICAO 6-bit, 3 octal. */
const ENC_NONE = 0;
const ENC_ASCII = 1;
const ENC_ICAO = 2;
const ENC_OCTAL = 3;

class Field {
  readonly path: string;
  readonly part: number;
  /** Absolute bit position in the staging buffer. */
  readonly bitPos: number;
  readonly bits: number;
  /** Extent (extended items; 0 otherwise). */
  readonly extent: number;
  readonly quantity: boolean;
  readonly lsb: number;
  readonly signed: boolean;
  readonly enc: number;
  /** Accepted raw range (signed fields take negative raws). */
  readonly min: number;
  readonly max: number;
  /** Whole octets (1..4) at `byte` in the staging buffer: written without bit shifting; 0 otherwise. */
  readonly nBytes: number;
  readonly byte: number;
  /** 2^bits (for two's complement), and 1/lsb when that is a power of two (then value × inv is exactly value / lsb), else 0. */
  readonly full: number;
  readonly inv: number;
  /** Unaligned fields within 4 octets: octets spanned (0 otherwise), and the shift of the field in them. */
  readonly span: number;
  readonly spanShift: number;
  constructor(path: string, part: number, bitPos: number, extent: number, node: PlanNode) {
    this.path = path;
    this.part = part;
    this.bitPos = bitPos;
    this.bits = node.bits;
    this.extent = extent;
    this.quantity = node.ck === C_QUANTITY;
    this.lsb = node.lsb;
    this.signed = node.signed;
    const c = node.content;
    this.enc = node.ck === C_STRING && c?.t === 'string' ? (c.enc === 'ascii' ? ENC_ASCII : c.enc === 'icao' ? ENC_ICAO : ENC_OCTAL) : ENC_NONE;
    this.min = this.signed ? -(2 ** (this.bits - 1)) : 0;
    this.max = this.signed ? 2 ** (this.bits - 1) - 1 : 2 ** this.bits - 1;
    this.nBytes = (bitPos & 7) === 0 && (this.bits & 7) === 0 && this.bits <= 32 ? this.bits >> 3 : 0;
    this.byte = bitPos >> 3;
    this.full = 2 ** this.bits;
    const skip = bitPos & 7;
    this.span = this.nBytes === 0 && skip + this.bits <= 32 ? (skip + this.bits + 7) >> 3 : 0;
    this.spanShift = this.span * 8 - skip - this.bits;
    const inv = 1 / this.lsb;
    this.inv = Number.isInteger(Math.log2(inv)) && inv * this.lsb === 1 ? inv : 0;
  }
}

function rawError(f: Field, raw: number): never {
  throw new EncodeError(`${f.path}: raw ${raw} does not fit in ${f.bits}${f.signed ? ' signed' : ''} bits`);
}

/** Sets the bits `mask << shift` of the big-endian `span` octets at `b` (1..4) to `v`, keeping the others. */
function putSpan(st: Uint8Array, b: number, span: number, shift: number, mask: number, v: number): void {
  const clear = ~(mask << shift);
  const bits = v << shift;
  switch (span) {
    case 1:
      st[b] = (st[b] & clear) | bits;
      return;
    case 2: {
      const w = (((st[b] << 8) | st[b + 1]) & clear) | bits;
      st[b] = w >>> 8;
      st[b + 1] = w;
      return;
    }
    case 3: {
      const w = (((st[b] << 16) | (st[b + 1] << 8) | st[b + 2]) & clear) | bits;
      st[b] = w >>> 16;
      st[b + 1] = w >>> 8;
      st[b + 2] = w;
      return;
    }
    default: {
      const w = (((st[b] << 24) | (st[b + 1] << 16) | (st[b + 2] << 8) | st[b + 3]) & clear) | bits;
      st[b] = w >>> 24;
      st[b + 1] = w >>> 16;
      st[b + 2] = w >>> 8;
      st[b + 3] = w;
    }
  }
}

/** ICAO 6-bit codes by character code (lower case letters as upper case), -1 for characters without one. */
const ICAO_CODE = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let c = 0; c < 128; c++) {
    const u = c >= 97 && c <= 122 ? c - 32 : c;
    const code = u >= 64 ? u - 64 : u;
    if (code >= 0 && code < 64) t[c] = code;
  }
  return t;
})();

/** ICAO 6-bit code of a callsign character (space padding past the end), or -1. */
function icaoCode(s: string, i: number): number {
  if (i >= s.length) return 32;
  const c = s.charCodeAt(i);
  return c < 128 ? ICAO_CODE[c] : -1;
}

/** Four characters from `i` as 24 bits of ICAO 6-bit code, or -1 when one does not fit. */
function icao4(s: string, i: number): number {
  const a = icaoCode(s, i);
  const b = icaoCode(s, i + 1);
  const c = icaoCode(s, i + 2);
  const d = icaoCode(s, i + 3);
  return (a | b | c | d) < 0 ? -1 : (a << 18) | (b << 12) | (c << 6) | d;
}

/** A compiled writer of whole records (RecordBuilder.recordWriter). */
export interface RecordWriter {
  /** One number per field, in the order the writer was made with; NaN: the record goes without the field. */
  readonly values: Float64Array;
  /** Sets the present fields of `values` and finishes the record. The values are left as they are. */
  write(): void;
}

type CompiledWrite = (
  self: RecordBuilder,
  values: Float64Array,
  st: Uint8Array,
  gen: Int32Array,
  ext: Int32Array,
  fspec: Uint8Array,
  F: readonly Field[],
  err: typeof rawError,
  bits: typeof putBits,
) => void;

/** A number as source text that reads back as the same double. */
function literal(x: number): string {
  const s = String(x);
  if (Number(s) !== x) throw new Error(`number ${x} does not round-trip`);
  return s;
}

/**
 * A callsign of up to 8 characters as the 48 raw bits of an ICAO 6-bit field (space padded: what setValue
 * writes for it), or -1 when it is longer or has a character without a code (setValue would throw).
 */
export function icaoCallsignBits(s: string): number {
  if (s.length > 8) return -1;
  const hi = icao4(s, 0);
  const lo = icao4(s, 4);
  return hi < 0 || lo < 0 ? -1 : hi * 16777216 + lo;
}

/** A 4-digit Mode 3/A code ('7000') as its 12 raw bits (what setValue writes for it), or -1 when not 4 octal digits. */
export function octalCode4(s: string): number {
  if (s.length !== 4) return -1;
  const d0 = s.charCodeAt(0) - 48;
  const d1 = s.charCodeAt(1) - 48;
  const d2 = s.charCodeAt(2) - 48;
  const d3 = s.charCodeAt(3) - 48;
  return (d0 | d1 | d2 | d3) >>> 0 < 8 ? (d0 << 9) | (d1 << 6) | (d2 << 3) | d3 : -1;
}

export interface BuilderOptions {
  /** Edition (default: the codec's configured edition for the category). */
  edition?: string;
  /** UAP name, for categories with several (CAT001 'plot' or 'track'). */
  uap?: string;
  /** Initial capacity of the block buffer in bytes (it grows as needed). */
  capacity?: number;
}

/**
 * Builds data blocks record by record:
 *
 *   const b = codec.builder(48);
 *   const RHO = b.field('040/RHO');            // compile once
 *   b.set('010/SAC', 25).set('010/SIC', 201);   // by path (cached), values in units
 *   b.setValue(RHO, 50.25);                     // NM
 *   b.finishRecord();
 *   const block = b.block();                    // CAT, LEN, records; the builder starts a new block
 *
 * A block holds at most 65535 bytes: check `size` and call block() before adding more.
 */
export class RecordBuilder {
  readonly cc: CompiledCategory;
  readonly uap: CompiledUap;
  private readonly parts: Part[] = [];
  /** Part index of each UAP slot (-1: spare, RFS, or not an item). */
  private readonly topPart: Int32Array;
  private readonly fields: Field[] = [];
  private readonly byPath = new Map<string, number>();
  private readonly stage: Uint8Array;
  /** Per part: the record generation it was last touched in, and its highest extent used. */
  private readonly gen: Int32Array;
  private readonly ext: Int32Array;
  /** Per part: a value tree set with setItem (written instead of the staged bits). */
  private readonly vals: (ItemValue | undefined)[];
  private cur = 1;
  /** Whether setItem was used in the current record. */
  private anyVals = false;
  /** The FSPEC of the record being built (item bits only; FX bits are added when it is written). */
  private readonly fspec: Uint8Array;
  private readonly w: ByteWriter;
  /** Per part, flat for the hot path: parent (-1 top level), FSPEC octet and bit (top level), staging area. */
  private readonly pParent: Int32Array;
  private readonly pFsByte: Int32Array;
  private readonly pFsBit: Int32Array;
  private readonly pStageOff: Int32Array;
  private readonly pStageLen: Int32Array;
  /** Per part: 1 for an extended item (its length follows the extents used), 2 for a compound, 0 otherwise. */
  private readonly pShape: Uint8Array;
  /** The most a record can take without value trees: FSPEC, every staging area, every compound FSPEC. */
  private readonly maxRecordBytes: number;
  /** The items of a record without value trees, copied out in FSPEC order (compiled for the UAP). */
  private readonly copyItems: CopyItems;
  private blockStart = -1;
  private nRecords = 0;

  constructor(cc: CompiledCategory, opts: BuilderOptions = {}) {
    this.cc = cc;
    let uap = cc.uaps[0];
    if (opts.uap !== undefined) {
      const u = cc.uaps.find((x) => x.name === opts.uap);
      if (!u) throw new EncodeError(`CAT${cc.cat} has no UAP '${opts.uap}'`);
      uap = u;
    }
    this.uap = uap;
    this.topPart = new Int32Array(uap.nodes.length).fill(-1);
    let stageSize = 0;
    const addPart = (name: string, node: PlanNode, parent: number): number => {
      const idx = this.parts.length;
      const p = new Part(name, node, parent);
      this.parts.push(p);
      if (node.kind === K_ELEMENT || node.kind === K_GROUP) {
        if (node.bytes > 0) {
          p.stageOff = stageSize;
          p.stageLen = node.bytes;
        }
      } else if (node.kind === K_EXTENDED) {
        p.stageOff = stageSize;
        p.stageLen = node.extentEnds[node.extentEnds.length - 1];
      } else if (node.kind === K_COMPOUND) {
        for (const e of node.entries) p.children.push(e.node && e.name !== null ? addPart(`${name}/${e.name}`, e.node, idx) : -1);
      }
      stageSize += p.stageLen;
      return idx;
    };
    uap.nodes.forEach((node, slot) => {
      const name = uap.names[slot];
      if (node && name) {
        this.topPart[slot] = addPart(name, node, -1);
        this.parts[this.topPart[slot]].slot = slot;
      }
    });
    this.fspec = new Uint8Array(Math.ceil(uap.nodes.length / 7) + 1);
    this.stage = new Uint8Array(stageSize);
    const n = this.parts.length;
    this.gen = new Int32Array(n);
    this.ext = new Int32Array(n);
    this.vals = new Array(n).fill(undefined);
    this.w = new ByteWriter(opts.capacity ?? 1 << 14);
    this.pParent = Int32Array.from(this.parts, (p) => p.parent);
    this.pFsByte = Int32Array.from(this.parts, (p) => (p.slot < 0 ? -1 : (p.slot / 7) | 0));
    this.pFsBit = Int32Array.from(this.parts, (p) => (p.slot < 0 ? 0 : 0x80 >> p.slot % 7));
    this.pStageOff = Int32Array.from(this.parts, (p) => p.stageOff);
    this.pStageLen = Int32Array.from(this.parts, (p) => p.stageLen);
    this.pShape = Uint8Array.from(this.parts, (p) => (p.stageOff >= 0 && p.node.kind === K_EXTENDED ? 1 : p.node.kind === K_COMPOUND ? 2 : 0));
    let most = this.fspec.length + stageSize;
    for (const p of this.parts) if (p.node.kind === K_COMPOUND) most += Math.ceil(p.children.length / 7);
    this.maxRecordBytes = most;
    this.copyItems = this.compileCopy();
  }

  /**
   * Compiles the copying of staged items into the record, slot by slot in UAP (= FSPEC) order, with every
   * staging offset and length a constant; an extended item's length follows the extents used, compounds go
   * through copyPart. Each staging area is zeroed as it is copied.
   */
  private compileCopy(): CopyItems {
    const L: string[] = [];
    const copy = (off: number, len: number, at: string) => {
      for (let i = 0; i < len; i++) L.push(`    buf[${at} + ${i}] = st[${off + i}];`, `    st[${off + i}] = 0;`);
    };
    for (let slot = 0; slot < this.topPart.length; slot++) {
      const p = this.topPart[slot];
      if (p < 0) continue;
      L.push(`  if ((fspec[${(slot / 7) | 0}] & ${0x80 >> slot % 7}) !== 0) {`);
      const shape = this.pShape[p];
      const off = this.pStageOff[p];
      if (shape === 0 && off >= 0) {
        copy(off, this.pStageLen[p], 'pos');
        L.push(`    pos += ${this.pStageLen[p]};`);
      } else if (shape === 1) {
        const ends = this.parts[p].node.extentEnds;
        L.push(`    switch (ext[${p}]) {`);
        ends.forEach((len, x) => {
          L.push(`    ${x === ends.length - 1 ? 'default' : `case ${x}`}:`);
          copy(off, len, 'pos');
          for (let y = 0; y < x; y++) L.push(`    buf[pos + ${ends[y] - 1}] |= 1;`);
          L.push(`    pos += ${len};`, '    break;');
        });
        L.push('    }');
      } else L.push(`    pos = self.copyPart(${p}, buf, pos);`);
      L.push('  }');
    }
    L.push('  return pos;');
    return new Function('self', 'buf', 'pos', 'fspec', 'st', 'ext', L.join('\n')) as CopyItems;
  }

  /** Index of the part named by a top-level item or "ITEM/SUB" for a compound sub-item, and segments used. */
  private partOf(segs: readonly string[], path: string): [number, number] {
    const slot = this.uap.slotOf.get(segs[0]);
    const top = slot === undefined ? -1 : this.topPart[slot];
    if (top < 0) throw new EncodeError(`CAT${this.cc.cat} ${this.cc.edition} (${this.uap.name}): no item '${segs[0]}' in '${path}'`);
    const p = this.parts[top];
    if (p.node.kind !== K_COMPOUND || segs.length < 2) return [top, 1];
    const i = p.node.index.get(segs[1]);
    if (i === undefined) throw new EncodeError(`item ${segs[0]} has no sub-item '${segs[1]}' (in '${path}')`);
    return [p.children[i], 2];
  }

  /**
   * Compiles a field path to a handle: "010/SAC", "220", "020/TST" (a later extent), "130/SRL" (compound
   * sub-item), "380/ADR/ADR". The path must end at an element at a fixed position (no repetitions).
   */
  field(path: string): FieldHandle {
    const known = this.byPath.get(path);
    if (known !== undefined) return known;
    const segs = path.split('/');
    const [pi, used] = this.partOf(segs, path);
    const part = this.parts[pi];
    if (part.stageOff < 0) throw new EncodeError(`'${path}' has no fixed layout: set the item with setItem()`);
    let node = part.node;
    let bitOff = 0;
    let extent = 0;
    for (let k = used; k < segs.length; k++) {
      if (node.kind !== K_GROUP && node.kind !== K_EXTENDED) throw new EncodeError(`'${path}': '${segs[k]}' is below an element`);
      const i = node.index.get(segs[k]);
      if (i === undefined) throw new EncodeError(`'${path}': no '${segs[k]}'`);
      const e = node.entries[i];
      if (node.kind === K_EXTENDED) extent = e.extent;
      bitOff += e.bitOff;
      node = e.node as PlanNode;
    }
    if (node.kind !== K_ELEMENT) throw new EncodeError(`'${path}' is not an element (name one of its members)`);
    const h = this.fields.length;
    this.fields.push(new Field(path, pi, part.stageOff * 8 + bitOff, extent, node));
    this.byPath.set(path, h);
    return h;
  }

  /** Marks a part (and its compound parent) present in the current record. */
  private touch(p: number, extent: number): void {
    if (this.gen[p] !== this.cur) {
      this.gen[p] = this.cur;
      this.ext[p] = 0;
      const parent = this.pParent[p];
      if (parent >= 0) this.touch(parent, 0);
      else this.fspec[this.pFsByte[p]] |= this.pFsBit[p];
    }
    if (extent > this.ext[p]) this.ext[p] = extent;
  }

  /** Sets a field's raw bits (signed fields take negative numbers). Throws EncodeError when it does not fit. */
  setRaw(field: FieldHandle, raw: number): this {
    // Kept small, with the error and the writing out of line, so that V8 inlines it into callers.
    const f = this.fields[field];
    if (!(raw >= f.min && raw <= f.max) || Math.floor(raw) !== raw) rawError(f, raw);
    if (this.gen[f.part] !== this.cur || f.extent > this.ext[f.part]) this.touch(f.part, f.extent);
    this.put(f, raw < 0 ? raw + f.full : raw);
    return this;
  }

  /** Writes an unsigned raw value into a field's staging bits. */
  private put(f: Field, v: number): void {
    const st = this.stage;
    const b = f.byte;
    switch (f.nBytes) {
      case 1:
        st[b] = v;
        break;
      case 2:
        st[b] = v >>> 8;
        st[b + 1] = v;
        break;
      case 3:
        st[b] = v >>> 16;
        st[b + 1] = v >>> 8;
        st[b + 2] = v;
        break;
      case 4:
        st[b] = v >>> 24;
        st[b + 1] = v >>> 16;
        st[b + 2] = v >>> 8;
        st[b + 3] = v;
        break;
      default:
        if (f.span > 0) putSpan(st, b, f.span, f.spanShift, f.full - 1, v);
        else putBits(st, f.bitPos, f.bits, v);
    }
  }

  /**
   * Sets a field's value with its unit applied: quantities in their spec unit (NM, FL, °, s, ...; rounded to
   * the nearest LSB), strings as text (callsigns padded with spaces, octal codes like '7000'), wide raw and
   * BDS fields as hex. Other numbers are raw.
   */
  setValue(field: FieldHandle, value: number | string): this {
    const f = this.fields[field];
    if (typeof value !== 'number') return this.setText(f, value);
    if (!f.quantity) return this.setRaw(field, value);
    return this.setRaw(field, Math.round(f.inv !== 0 ? value * f.inv : value / f.lsb));
  }

  /** setValue for text: a string element, or hex for wide raw and BDS fields. */
  private setText(f: Field, value: string): this {
    if (f.enc !== ENC_NONE) {
      this.setString(f, value);
      return this;
    }
    if (!/^(0x)?[0-9a-f]+$/i.test(value)) throw new EncodeError(`${f.path}: '${value}' is not hex`);
    this.touch(f.part, f.extent);
    for (let off = 0; off < f.bits; off += 32) putBits(this.stage, f.bitPos + off, Math.min(32, f.bits - off), 0);
    writeHex(this.stage, f.bitPos, f.bits, value);
    return this;
  }

  private setString(f: Field, s: string): void {
    const w = f.enc === ENC_ASCII ? 8 : f.enc === ENC_ICAO ? 6 : 3;
    const n = (f.bits / w) | 0;
    if (s.length > n) throw new EncodeError(`${f.path}: '${s}' is longer than ${n} characters`);
    // Touched first: should a character fail, the staging area is still cleared with the record.
    if (this.gen[f.part] !== this.cur || f.extent > this.ext[f.part]) this.touch(f.part, f.extent);
    // The common fields in one go: a 4-digit Mode 3/A code, an 8-character callsign.
    if (f.enc === ENC_OCTAL && n === 4 && s.length === 4) {
      const d0 = s.charCodeAt(0) - 48;
      const d1 = s.charCodeAt(1) - 48;
      const d2 = s.charCodeAt(2) - 48;
      const d3 = s.charCodeAt(3) - 48;
      if ((d0 | d1 | d2 | d3) >>> 0 < 8) {
        this.put(f, (d0 << 9) | (d1 << 6) | (d2 << 3) | d3);
        return;
      }
    } else if (f.enc === ENC_ICAO && n === 8 && (f.bitPos & 7) === 0) {
      const hi = icao4(s, 0);
      const lo = icao4(s, 4);
      if (hi >= 0 && lo >= 0) {
        const st = this.stage;
        const b = f.byte;
        st[b] = hi >>> 16;
        st[b + 1] = hi >>> 8;
        st[b + 2] = hi;
        st[b + 3] = lo >>> 16;
        st[b + 4] = lo >>> 8;
        st[b + 5] = lo;
        return;
      }
    }
    // Anything else (or a character that does not fit: the loop names it).
    // Characters are packed into 24-bit chunks (4 ICAO, 3 ASCII or 8 octal characters), one putBits each.
    const per = (24 / w) | 0;
    const pad = n - s.length;
    let acc = 0;
    let inAcc = 0;
    let pos = f.bitPos;
    for (let i = 0; i < n; i++) {
      let code: number;
      if (f.enc === ENC_OCTAL) {
        // right-aligned digits: '700' is '0700'
        code = i < pad ? 0 : s.charCodeAt(i - pad) - 48;
      } else {
        let c = i < s.length ? s.charCodeAt(i) : 32;
        if (f.enc === ENC_ICAO) {
          if (c >= 97 && c <= 122) c -= 32; // lower case letters: ICAO has upper case only
          code = c >= 64 ? c - 64 : c;
        } else code = c;
      }
      if (!(code >= 0 && code < 1 << w)) throw new EncodeError(`${f.path}: character '${s[i]}' is not encodable`);
      acc = (acc << w) | code;
      if (++inAcc === per) {
        putBits(this.stage, pos, w * per, acc);
        pos += w * per;
        acc = 0;
        inAcc = 0;
      }
    }
    if (inAcc > 0) putBits(this.stage, pos, w * inAcc, acc);
  }

  /** Sets a field by path (compiled and cached on first use) or handle; values as setValue takes them. */
  set(field: string | FieldHandle, value: number | string): this {
    return this.setValue(typeof field === 'number' ? field : this.field(field), value);
  }

  /**
   * Sets a whole item (or compound sub-item: "380/MB") from a value tree, as `AsterixRecord.item()` returns it.
   * This is the way to send repetitive and explicit items; for a staged item it replaces the fields set.
   */
  setItem(path: string, value: ItemValue): this {
    const segs = path.split('/');
    const [pi, used] = this.partOf(segs, path);
    if (used !== segs.length) throw new EncodeError(`setItem('${path}'): name an item or compound sub-item`);
    this.touch(pi, 0);
    this.vals[pi] = value;
    this.anyVals = true;
    return this;
  }

  /**
   * Compiles a writer of whole records for a fixed list of fields: fill `values` (one number per field, in the
   * order given; NaN for a field the record goes without) and call `write()`. It is the same as setValue for
   * each present field in that order, then finishRecord(): numbers mean what setValue takes them to mean
   * (quantities in their unit, rounded to the LSB; anything else raw, string fields too), and the same errors
   * are thrown. Made for hot loops (a radar's plots): one call per record, the field layouts constants in it.
   */
  recordWriter(fields: readonly (string | FieldHandle)[]): RecordWriter {
    const handles = fields.map((f) => (typeof f === 'number' ? f : this.field(f)));
    const L: string[] = ['const cur = self.cur;', 'let v = 0;'];
    handles.forEach((h, i) => {
      const f = this.fields[h];
      if (f === undefined) throw new EncodeError(`recordWriter: no field handle ${h}`);
      const p = f.part;
      L.push(`v = values[${i}];`, 'if (v === v) {');
      if (f.quantity) L.push(f.inv !== 0 ? `  v = Math.round(v * ${f.inv});` : `  v = Math.round(v / ${literal(f.lsb)});`);
      L.push(`  if (!(v >= ${f.min} && v <= ${f.max}) || Math.floor(v) !== v) rawError(F[${i}], v);`);
      if (this.pParent[p] < 0) {
        // touch(), for a top-level item.
        L.push(`  if (gen[${p}] !== cur) {`, `    gen[${p}] = cur;`, `    ext[${p}] = 0;`, `    fspec[${this.pFsByte[p]}] |= ${this.pFsBit[p]};`, '  }');
        if (f.extent > 0) L.push(`  if (${f.extent} > ext[${p}]) ext[${p}] = ${f.extent};`);
      } else L.push(`  if (gen[${p}] !== cur || ${f.extent} > ext[${p}]) self.touch(${p}, ${f.extent});`);
      if (f.signed) L.push(`  if (v < 0) v += ${f.full};`);
      // put(), with the field's layout as constants.
      const b = f.byte;
      if (f.nBytes > 0) {
        for (let k = 0; k < f.nBytes; k++) {
          const shift = 8 * (f.nBytes - 1 - k);
          L.push(`  st[${b + k}] = ${shift === 0 ? 'v' : `v >>> ${shift}`};`);
        }
      } else if (f.span > 0) {
        const mask = f.full - 1;
        const clear = ~(mask << f.spanShift);
        const read = Array.from({ length: f.span }, (_, k) => `(st[${b + k}] << ${8 * (f.span - 1 - k)})`).join(' | ');
        L.push(`  const w${i} = ((${read}) & ${clear}) | (v << ${f.spanShift});`);
        for (let k = 0; k < f.span; k++) {
          const shift = 8 * (f.span - 1 - k);
          L.push(`  st[${b + k}] = ${shift === 0 ? `w${i}` : `w${i} >>> ${shift}`};`);
        }
      } else if ((f.bitPos & 7) === 0 && (f.bits & 7) === 0 && f.bits <= 48) {
        // Whole octets past 32 bits (a 48-bit callsign or address field): putBits' two parts, big-endian.
        const hiBytes = (f.bits - 32) >> 3;
        L.push(`  const h${i} = Math.floor(v / 4294967296);`, `  const l${i} = v >>> 0;`);
        for (let k = 0; k < hiBytes; k++) L.push(`  st[${b + k}] = h${i} >>> ${8 * (hiBytes - 1 - k)};`);
        for (let k = 0; k < 4; k++) L.push(`  st[${b + hiBytes + k}] = l${i} >>> ${8 * (3 - k)};`);
      } else L.push(`  putBits(st, ${f.bitPos}, ${f.bits}, v);`);
      L.push('}');
    });
    L.push('self.finishRecord();');
    const body = new Function('self', 'values', 'st', 'gen', 'ext', 'fspec', 'F', 'rawError', 'putBits', L.join('\n')) as CompiledWrite;
    const F = handles.map((h) => this.fields[h]);
    const values = new Float64Array(handles.length).fill(Number.NaN);
    const { stage, gen, ext, fspec } = this;
    return { values, write: () => body(this, values, stage, gen, ext, fspec, F, rawError, putBits) };
  }

  /** Whether a field's item is set in the record being built. */
  has(field: FieldHandle): boolean {
    return this.gen[this.fields[field].part] === this.cur;
  }

  /** Forgets the record being built. */
  clearRecord(): void {
    // The parts touched are those of the current generation (a rare call: a scan of all parts will do).
    const gen = this.gen;
    for (let p = 0; p < this.parts.length; p++) {
      if (gen[p] !== this.cur) continue;
      const part = this.parts[p];
      if (part.stageLen > 0) this.stage.fill(0, part.stageOff, part.stageOff + part.stageLen);
      this.vals[p] = undefined;
    }
    this.anyVals = false;
    this.fspec.fill(0);
    this.cur++;
  }

  /** Appends the record being built to the block and starts the next record. */
  finishRecord(): this {
    if (this.anyVals) return this.finishWithValues();
    const w = this.w;
    if (this.blockStart < 0) this.blockStart = w.reserve(3);
    // Everything staged fits in maxRecordBytes: room is made once, and the bytes written straight into it.
    w.ensure(this.maxRecordBytes);
    const buf = w.buf;
    const mark = w.pos;
    const fspec = this.fspec;
    let fsLen = fspec.length;
    while (fsLen > 1 && fspec[fsLen - 1] === 0) fsLen--;
    for (let b = 0; b < fsLen; b++) buf[mark + b] = b < fsLen - 1 ? fspec[b] | 1 : fspec[b];
    let pos = mark + fsLen;
    // The items, in FSPEC order: the set bits of each octet, highest first.
    try {
      pos = this.copyItems(this, buf, pos, fspec, this.stage, this.ext);
    } catch (e) {
      // Leave the block as it was before this record.
      buf.fill(0, mark, Math.min(buf.length, mark + this.maxRecordBytes));
      this.clearRecord();
      throw e;
    }
    if (pos - this.blockStart > 0xffff) {
      buf.fill(0, mark, pos);
      this.clearRecord();
      throw new EncodeError(`data block would exceed 65535 bytes: call block() before adding more`);
    }
    w.pos = pos;
    this.nRecords++;
    for (let b = 0; b < fsLen; b++) fspec[b] = 0; // (octets past fsLen are zero already)
    this.cur++;
    return this;
  }

  /**
   * Copies a staged part (or a compound and its staged children) to buf at pos and zeroes its staging area;
   * returns the end. Only for records without value trees: every part touched is then staged or compound.
   */
  private copyPart(p: number, buf: Uint8Array, pos: number): number {
    const shape = this.pShape[p];
    if (shape === 2) {
      const ch = this.parts[p].children;
      const gen = this.gen;
      const cur = this.cur;
      let last = -1;
      for (let i = ch.length - 1; i >= 0; i--) {
        if (ch[i] >= 0 && gen[ch[i]] === cur) {
          last = i;
          break;
        }
      }
      const fsLen = last < 0 ? 1 : ((last / 7) | 0) + 1;
      for (let i = 0; i <= last; i++) if (ch[i] >= 0 && gen[ch[i]] === cur) buf[pos + ((i / 7) | 0)] |= 0x80 >> i % 7;
      for (let b = 0; b < fsLen - 1; b++) buf[pos + b] |= 1;
      pos += fsLen;
      for (let i = 0; i <= last; i++) if (ch[i] >= 0 && gen[ch[i]] === cur) pos = this.copyPart(ch[i], buf, pos);
      return pos;
    }
    const off = this.pStageOff[p];
    if (off < 0) throw new EncodeError(`item ${this.parts[p].name} has no fixed layout: set it with setItem()`);
    const stage = this.stage;
    if (shape === 1) {
      const ext = this.ext[p];
      const ends = this.parts[p].node.extentEnds;
      const len = ends[ext];
      for (let i = 0; i < len; i++) {
        buf[pos + i] = stage[off + i];
        stage[off + i] = 0;
      }
      for (let x = 0; x < ext; x++) buf[pos + ends[x] - 1] |= 1;
      return pos + len;
    }
    const len = this.pStageLen[p];
    for (let i = 0; i < len; i++) {
      buf[pos + i] = stage[off + i];
      stage[off + i] = 0;
    }
    return pos + len;
  }

  /** finishRecord for records with value trees (setItem): item by item through the ByteWriter. */
  private finishWithValues(): this {
    const w = this.w;
    if (this.blockStart < 0) this.blockStart = w.reserve(3);
    const mark = w.pos;
    try {
      const fspec = this.fspec;
      let fsLen = fspec.length;
      while (fsLen > 1 && fspec[fsLen - 1] === 0) fsLen--;
      const at = w.reserve(fsLen);
      const buf = w.buf;
      for (let b = 0; b < fsLen; b++) buf[at + b] = b < fsLen - 1 ? fspec[b] | 1 : fspec[b];
      // The items, in FSPEC order: the set bits of each octet, highest first.
      const top = this.topPart;
      for (let b = 0; b < fsLen; b++) {
        let bits = fspec[b];
        while (bits !== 0) {
          const k = Math.clz32(bits) - 24; // 0..6: the bit 0x80 >> k
          bits &= ~(0x80 >> k);
          this.writePart(top[b * 7 + k]);
        }
      }
      if (w.pos - this.blockStart > 0xffff) throw new EncodeError(`data block would exceed 65535 bytes: call block() before adding more`);
    } catch (e) {
      // Leave the block as it was before this record.
      w.buf.fill(0, mark, w.pos);
      w.pos = mark;
      this.clearRecord();
      throw e;
    }
    this.nRecords++;
    // writePart zeroed the staging areas; only value trees remain to drop.
    this.vals.fill(undefined);
    this.anyVals = false;
    this.fspec.fill(0);
    this.cur++;
    return this;
  }

  private writePart(p: number): void {
    const part = this.parts[p];
    const node = part.node;
    const w = this.w;
    const v = this.vals[p];
    if (v !== undefined) {
      if (part.stageLen > 0) this.stage.fill(0, part.stageOff, part.stageOff + part.stageLen);
      writeItem(node, w, v, this.cc.ref);
      return;
    }
    if (part.stageOff >= 0) {
      // Copy the staged bytes out and leave the staging area zeroed for the next record.
      const stage = this.stage;
      const ext = node.kind === K_EXTENDED ? this.ext[p] : 0;
      const len = node.kind === K_EXTENDED ? node.extentEnds[ext] : part.stageLen;
      const at = w.reserve(len);
      const buf = w.buf;
      const off = part.stageOff;
      for (let i = 0; i < len; i++) {
        buf[at + i] = stage[off + i];
        stage[off + i] = 0;
      }
      if (ext > 0) {
        const ends = node.extentEnds;
        for (let x = 0; x < ext; x++) buf[at + ends[x] - 1] |= 1;
        // bits of later extents are never staged unless set, and setting them raises `ext`
      }
      return;
    }
    if (node.kind === K_COMPOUND) {
      const ch = part.children;
      const gen = this.gen;
      const cur = this.cur;
      let last = -1;
      for (let i = ch.length - 1; i >= 0; i--) {
        if (ch[i] >= 0 && gen[ch[i]] === cur) {
          last = i;
          break;
        }
      }
      const fsLen = last < 0 ? 1 : ((last / 7) | 0) + 1;
      const at = w.reserve(fsLen);
      for (let i = 0; i <= last; i++) if (ch[i] >= 0 && gen[ch[i]] === cur) w.buf[at + ((i / 7) | 0)] |= 0x80 >> i % 7;
      for (let b = 0; b < fsLen - 1; b++) w.buf[at + b] |= 1;
      for (let i = 0; i <= last; i++) if (ch[i] >= 0 && gen[ch[i]] === cur) this.writePart(ch[i]);
      return;
    }
    throw new EncodeError(`item ${part.name} has no fixed layout: set it with setItem()`);
  }

  /** Records in the block being built. */
  get records(): number {
    return this.nRecords;
  }

  /** Bytes of the block being built (header included), for keeping under a datagram size. */
  get size(): number {
    return this.blockStart < 0 ? 0 : this.w.pos - this.blockStart;
  }

  /**
   * The data block of the records finished so far (a copy: CAT, LEN, records), or an empty array when there are
   * none. The builder then starts a new block.
   */
  block(): Uint8Array {
    if (this.blockStart < 0) return new Uint8Array(0);
    const w = this.w;
    const start = this.blockStart;
    const len = w.pos - start;
    w.buf[start] = this.cc.cat;
    w.buf[start + 1] = len >> 8;
    w.buf[start + 2] = len & 0xff;
    const out = w.buf.slice(start, w.pos);
    w.reset();
    this.blockStart = -1;
    this.nRecords = 0;
    return out;
  }
}
