// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled parse plans: each spec variation becomes one `PlanNode` of a single shape (monomorphic for V8),
// with fixed sizes, bit offsets and extent boundaries worked out once. Decoding and encoding walk these nodes
// with a switch on `kind`: no closures and no per-item allocation.

import type { CategorySpec, Content, ExpansionSpec, Variation } from './spec.ts';

export const K_ELEMENT = 0;
export const K_GROUP = 1;
export const K_EXTENDED = 2;
export const K_REPETITIVE = 3;
export const K_REPETITIVE_FX = 4;
export const K_EXPLICIT = 5;
export const K_COMPOUND = 6;

/** Content kinds, as numbers for the hot path. */
export const C_RAW = 0;
export const C_TABLE = 1;
export const C_STRING = 2;
export const C_INTEGER = 3;
export const C_QUANTITY = 4;
export const C_BDS = 5;
export const C_DEPENDENT = 6;

/** A named child of a group, extended or compound node; spares have `name` null. */
export interface PlanEntry {
  name: string | null;
  node: PlanNode | null;
  /** Bit offset from the start of the parent (group, extended); 0 in compounds. */
  bitOff: number;
  bits: number;
  /** Extended only: index of the extent this entry lives in. */
  extent: number;
  /** The key in a value tree: the name, or "_spareN" (N = bitOff) for spare bits. */
  key: string;
}

export class PlanNode {
  kind: number;
  /** Fixed size in bytes, or -1 when it depends on the data. */
  bytes = -1;
  /** Fixed size in bits (element, group), or -1. */
  bits = -1;
  // element
  ck = C_RAW;
  content: Content | null = null;
  signed = false;
  lsb = 1;
  unit = '';
  // group, extended, compound
  entries: PlanEntry[] = [];
  index: Map<string, number> = new Map();
  /** Extended: byte offset (from item start) where extent i ends. */
  extentEnds: number[] = [];
  // repetitive
  rep = 0;
  sub: PlanNode | null = null;
  // explicit: 0 = plain, 1 = RE, 2 = SP
  expl = 0;

  constructor(kind: number) {
    this.kind = kind;
  }
}

function contentKind(c: Content): number {
  switch (c.t) {
    case 'raw':
      return C_RAW;
    case 'table':
      return C_TABLE;
    case 'string':
      return C_STRING;
    case 'integer':
      return C_INTEGER;
    case 'quantity':
      return C_QUANTITY;
    case 'bds':
      return C_BDS;
    case 'dependent':
      return C_DEPENDENT;
  }
}

export function compileVariation(v: Variation): PlanNode {
  switch (v.v) {
    case 'element': {
      const n = new PlanNode(K_ELEMENT);
      n.bits = v.bits;
      n.bytes = v.bits % 8 === 0 ? v.bits / 8 : -1;
      n.content = v.content;
      n.ck = contentKind(v.content);
      if (v.content.t === 'quantity') {
        n.signed = v.content.signed;
        n.lsb = v.content.lsb;
        n.unit = v.content.unit;
      } else if (v.content.t === 'integer') {
        n.signed = v.content.signed;
      }
      return n;
    }
    case 'group': {
      const n = new PlanNode(K_GROUP);
      let off = 0;
      for (const e of v.items) {
        if ('spare' in e) {
          n.entries.push({ name: null, node: null, bitOff: off, bits: e.spare, extent: 0, key: `_spare${off}` });
          off += e.spare;
        } else {
          const child = compileVariation(e.item);
          if (child.bits < 0) throw new Error(`group member ${e.name} has no fixed bit size`);
          n.index.set(e.name, n.entries.length);
          n.entries.push({ name: e.name, node: child, bitOff: off, bits: child.bits, extent: 0, key: e.name });
          off += child.bits;
        }
      }
      n.bits = off;
      n.bytes = off % 8 === 0 ? off / 8 : -1;
      return n;
    }
    case 'extended': {
      const n = new PlanNode(K_EXTENDED);
      let off = 0;
      let extent = 0;
      for (const e of v.items) {
        if (e === null) {
          off += 1; // the FX bit
          if (off % 8 !== 0) throw new Error('extended: FX not at an octet end');
          n.extentEnds.push(off / 8);
          extent++;
        } else if ('spare' in e) {
          n.entries.push({ name: null, node: null, bitOff: off, bits: e.spare, extent, key: `_spare${off}` });
          off += e.spare;
        } else {
          const child = compileVariation(e.item);
          if (child.bits < 0) throw new Error(`extended member ${e.name} has no fixed bit size`);
          n.index.set(e.name, n.entries.length);
          n.entries.push({ name: e.name, node: child, bitOff: off, bits: child.bits, extent, key: e.name });
          off += child.bits;
        }
      }
      // A final extent without an FX bit (some specs end that way) still closes at its octet boundary.
      if (off % 8 !== 0) throw new Error('extended: not octet aligned');
      if (n.extentEnds.length === 0 || n.extentEnds[n.extentEnds.length - 1] !== off / 8) n.extentEnds.push(off / 8);
      return n;
    }
    case 'repetitive': {
      const n = new PlanNode(v.rep === 0 ? K_REPETITIVE_FX : K_REPETITIVE);
      n.rep = v.rep;
      const sub = compileVariation(v.item);
      n.sub = sub;
      if (v.rep === 0) {
        if ((sub.bits + 1) % 8 !== 0) throw new Error('repetitive fx: element + FX not octet aligned');
      } else if (sub.bytes < 0 && sub.kind !== K_EXTENDED && sub.kind !== K_COMPOUND) {
        throw new Error('repetitive: element not octet aligned');
      }
      return n;
    }
    case 'explicit': {
      const n = new PlanNode(K_EXPLICIT);
      n.expl = v.kind === 're' ? 1 : v.kind === 'sp' ? 2 : 0;
      return n;
    }
    case 'compound': {
      const n = new PlanNode(K_COMPOUND);
      for (const e of v.items) {
        if (e === null) {
          n.entries.push({ name: null, node: null, bitOff: 0, bits: 0, extent: 0, key: '' });
        } else {
          n.index.set(e.name, n.entries.length);
          n.entries.push({ name: e.name, node: compileVariation(e.item), bitOff: 0, bits: 0, extent: 0, key: e.name });
        }
      }
      return n;
    }
  }
}

/** A compiled UAP: slot i (FRN i+1) holds an item plan, or null (spare), or the RFS marker. */
export interface CompiledUap {
  name: string;
  names: (string | null)[];
  nodes: (PlanNode | null)[];
  /** Slot index of RFS, or -1. */
  rfsSlot: number;
  /** Slot index of each item name. */
  slotOf: Map<string, number>;
  /** Slot of item 010 (SAC/SIC), or -1. */
  slot010: number;
}

export interface CompiledCategory {
  spec: CategorySpec;
  cat: number;
  edition: string;
  uaps: CompiledUap[];
  /** Multiple UAPs: the selector element's location (slot in the first UAP, bit offset in the item), and cases. */
  selector: { slot: number; itemBytes: number; bitOff: number; bits: number; cases: Map<number, number> } | null;
  /** The RE expansion used for this category (may be null). */
  ref: CompiledExpansion | null;
  /** The plan of each top-level item by name. */
  items: Map<string, PlanNode>;
  /** Compiled fixed-position element paths (see record.ts), filled on first use. */
  paths: Map<string, FastPath | null>;
  /** Whether any UAP has random field sequencing (items are then found by a scan). */
  rfs: boolean;
}

/**
 * An element at a fixed bit offset in its item (through groups and extents only): read without walking.
 * `slots[u]` is the item's slot in UAP u (-1 if absent); `fxBytes` are the FX octets that must be set.
 */
export interface FastPath {
  slots: number[];
  bitOff: number;
  bits: number;
  fxBytes: number[];
  node: PlanNode;
  /** How value() reads it: 0 a number (scaled by `scale`, signed when `half` > 0), 1 a string, 2 the general way. */
  vk: number;
  scale: number;
  /** Signed: 2^(bits-1) and 2^bits; unsigned: 0 and 0. */
  half: number;
  full: number;
  /**
   * Per UAP: the item's FSPEC octet (-1 when not in the UAP), its bit, and the mask of the item bits before it
   * in that octet (for counting the items that precede it).
   */
  fsByte: number[];
  fsMask: number[];
  fsBefore: number[];
  /** Items start on an octet, so the element's octets are fixed: first octet, count (1..4, or 0 when wider). */
  byteOff: number;
  nBytes: number;
  /** value = (big-endian nBytes >>> shift) & mask, for nBytes 1..4. */
  shift: number;
  mask: number;
}

/** Compiles "ITEM/SUB/..." into a FastPath, or null when the path crosses a variable structure. */
export function compileFastPath(cc: CompiledCategory, path: string): FastPath | null {
  const segs = path.split('/');
  let node = cc.items.get(segs[0]);
  if (!node) return null;
  let bitOff = 0;
  const fxBytes: number[] = [];
  for (let k = 1; k < segs.length; k++) {
    if (node.kind !== K_GROUP && node.kind !== K_EXTENDED) return null;
    const i = node.index.get(segs[k]);
    if (i === undefined) return null;
    const e = node.entries[i];
    if (node.kind === K_EXTENDED) {
      if (k !== 1) return null;
      for (let x = 0; x < e.extent; x++) fxBytes.push(node.extentEnds[x] - 1);
    }
    bitOff += e.bitOff;
    node = e.node as PlanNode;
  }
  if (node.kind !== K_ELEMENT) return null;
  const vk = node.bits > 52 || node.ck === C_BDS || node.ck === C_DEPENDENT ? 2 : node.ck === C_STRING ? 1 : 0;
  const signed = node.signed && vk === 0;
  const slots = cc.uaps.map((u) => u.slotOf.get(segs[0]) ?? -1);
  const skip = bitOff & 7;
  const nBytes = skip + node.bits <= 32 ? (skip + node.bits + 7) >> 3 : 0;
  return {
    slots,
    fsByte: slots.map((s) => (s < 0 ? -1 : (s / 7) | 0)),
    fsMask: slots.map((s) => (s < 0 ? 0 : 0x80 >> s % 7)),
    fsBefore: slots.map((s) => (s < 0 ? 0 : 0xfe & ~((0x100 >> s % 7) - 1))),
    byteOff: bitOff >> 3,
    nBytes,
    shift: nBytes * 8 - skip - node.bits,
    mask: node.bits >= 32 ? 0xffffffff : 2 ** node.bits - 1,
    bitOff,
    bits: node.bits,
    fxBytes,
    node,
    vk,
    scale: node.ck === C_QUANTITY ? node.lsb : 1,
    half: signed ? 2 ** (node.bits - 1) : 0,
    full: signed ? 2 ** node.bits : 0,
  };
}

export interface CompiledExpansion {
  spec: ExpansionSpec;
  /** A compound node over the expansion's items. */
  node: PlanNode;
  fspecBytes: number | null;
}

export function compileExpansion(spec: ExpansionSpec): CompiledExpansion {
  return { spec, node: compileVariation({ v: 'compound', items: spec.items }), fspecBytes: spec.fspecBytes };
}

export function compileCategory(spec: CategorySpec, ref: CompiledExpansion | null): CompiledCategory {
  const items = new Map<string, PlanNode>();
  for (const [name, v] of Object.entries(spec.items)) items.set(name, compileVariation(v));
  const uaps: CompiledUap[] = spec.uaps.map((u) => {
    const slotOf = new Map<string, number>();
    const nodes = u.slots.map((s, i) => {
      if (s === null || s === 'RFS') return null;
      slotOf.set(s, i);
      const n = items.get(s);
      if (!n) throw new Error(`CAT${spec.cat} ${spec.edition}: UAP names unknown item ${s}`);
      return n;
    });
    return { name: u.name, names: u.slots.map((s) => s), nodes, rfsSlot: u.slots.indexOf('RFS'), slotOf, slot010: slotOf.get('010') ?? -1 };
  });
  let selector: CompiledCategory['selector'] = null;
  if (spec.selector && uaps.length > 1) {
    const sel = spec.selector;
    const slot = uaps[0].slotOf.get(sel.item) ?? -1;
    for (const u of uaps) if (u.slotOf.get(sel.item) !== slot) throw new Error('UAP selector item must sit in the same slot in every UAP');
    // Every slot before the selector must be fixed-size and the same in all UAPs.
    let node = items.get(sel.item);
    let bitOff = 0;
    for (const p of sel.path) {
      if (!node) break;
      const i = node.index.get(p);
      if (i === undefined) throw new Error(`selector path ${p} not found`);
      bitOff += node.entries[i].bitOff;
      node = node.entries[i].node ?? undefined;
    }
    if (!node || node.kind !== K_ELEMENT) throw new Error('selector must be an element');
    const cases = new Map<number, number>();
    for (const [v, name] of sel.cases) cases.set(v, uaps.findIndex((u) => u.name === name));
    selector = { slot, itemBytes: 0, bitOff, bits: node.bits, cases };
  }
  return { spec, cat: spec.cat, edition: spec.edition, uaps, selector, ref, items, paths: new Map(), rfs: uaps.some((u) => u.rfsSlot >= 0) };
}
