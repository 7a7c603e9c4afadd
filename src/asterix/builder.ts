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
  }
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
  /** Parts touched in the current record (for clearing the staging areas). */
  private readonly touched: Int32Array;
  private nTouched = 0;
  /** Whether setItem was used in the current record. */
  private anyVals = false;
  /** The FSPEC of the record being built (item bits only; FX bits are added when it is written). */
  private readonly fspec: Uint8Array;
  private readonly w: ByteWriter;
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
    this.touched = new Int32Array(n);
    this.w = new ByteWriter(opts.capacity ?? 1 << 14);
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
      this.touched[this.nTouched++] = p;
      const part = this.parts[p];
      if (part.parent >= 0) this.touch(part.parent, 0);
      else this.fspec[(part.slot / 7) | 0] |= 0x80 >> part.slot % 7;
    }
    if (extent > this.ext[p]) this.ext[p] = extent;
  }

  /** Sets a field's raw bits (signed fields take negative numbers). Throws EncodeError when it does not fit. */
  setRaw(field: FieldHandle, raw: number): this {
    const f = this.fields[field];
    if (!(raw >= f.min && raw <= f.max) || Math.floor(raw) !== raw) {
      throw new EncodeError(`${f.path}: raw ${raw} does not fit in ${f.bits}${f.signed ? ' signed' : ''} bits`);
    }
    if (this.gen[f.part] !== this.cur || f.extent > this.ext[f.part]) this.touch(f.part, f.extent);
    const v = raw < 0 ? raw + 2 ** f.bits : raw;
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
        putBits(st, f.bitPos, f.bits, v);
    }
    return this;
  }

  /**
   * Sets a field's value with its unit applied: quantities in their spec unit (NM, FL, °, s, ...; rounded to
   * the nearest LSB), strings as text (callsigns padded with spaces, octal codes like '7000'), wide raw and
   * BDS fields as hex. Other numbers are raw.
   */
  setValue(field: FieldHandle, value: number | string): this {
    const f = this.fields[field];
    if (typeof value === 'number') return this.setRaw(field, f.quantity ? Math.round(value / f.lsb) : value);
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

  /** Whether a field's item is set in the record being built. */
  has(field: FieldHandle): boolean {
    return this.gen[this.fields[field].part] === this.cur;
  }

  /** Forgets the record being built. */
  clearRecord(): void {
    for (let k = 0; k < this.nTouched; k++) {
      const p = this.touched[k];
      const part = this.parts[p];
      if (part.stageLen > 0) this.stage.fill(0, part.stageOff, part.stageOff + part.stageLen);
      this.vals[p] = undefined;
    }
    this.nTouched = 0;
    this.anyVals = false;
    this.fspec.fill(0);
    this.cur++;
  }

  /** Appends the record being built to the block and starts the next record. */
  finishRecord(): this {
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
    if (this.anyVals) for (let k = 0; k < this.nTouched; k++) this.vals[this.touched[k]] = undefined;
    this.anyVals = false;
    this.nTouched = 0;
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
