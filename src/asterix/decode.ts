// SPDX-License-Identifier: GPL-3.0-or-later
// Datagram → data blocks → records → items. Structural decoding only: each record's items are located (slot,
// start, length) in one Int32Array per block; values are read lazily through AsterixRecord. Bad bytes never
// throw: a broken block comes back as a typed error with a reason and is skipped using its LEN.

import type { CompiledCategory, CompiledUap, PlanNode } from './plan.ts';
import { AsterixRecord, RFS_BASE } from './record.ts';
import { E_COMPOUND_SLOT, E_EXPLICIT, E_FX, itemLength, type BdsHook } from './values.ts';
import { readBits } from './bits.ts';

/** Why a data block (or part of it) was rejected. */
export type BlockErrorReason =
  /** Fewer than 3 bytes left for CAT and LEN. */
  | 'truncated-header'
  /** LEN below 3. */
  | 'bad-length'
  /** LEN runs past the end of the datagram. */
  | 'length-overrun'
  /** No spec for this category (or for the configured edition). */
  | 'unknown-category'
  /** A record's FSPEC runs past the end of the block. */
  | 'fspec-overrun'
  /** FSPEC sets a bit for a spare slot or beyond the UAP. */
  | 'unknown-item'
  /** An item runs past the end of the block. */
  | 'item-overrun'
  /** An extended item sets FX on its last defined extent. */
  | 'bad-extension'
  /** An explicit item with length 0. */
  | 'bad-explicit-length'
  /** A compound item sets a bit for an undefined sub-item. */
  | 'unknown-subitem'
  /** A malformed random field sequencing (RFS) field. */
  | 'bad-rfs';

export interface BlockError {
  reason: BlockErrorReason;
  /** Human-readable detail (record index, item, offsets). */
  detail: string;
  /** Byte offset of the problem in the datagram. */
  at: number;
}

export interface DataBlock {
  /** Category from the block header (also when unknown). */
  cat: number;
  /** Edition used to decode, or '' when none. */
  edition: string;
  /** Offset of the block in the datagram, and its length (LEN, or what was left when LEN is unusable). */
  offset: number;
  length: number;
  /** Records decoded (all of them when ok; in partial mode those before the error). */
  records: AsterixRecord[];
  /** Set when the block (or part of it) was rejected. */
  error?: BlockError;
}

export type DecodeMode = 'strict' | 'partial';

export interface DecodeEnv {
  /** Picks the compiled spec for a category and (when known) the sending sensor. */
  select(cat: number, sac: number, sic: number): CompiledCategory | null;
  mode: DecodeMode;
  bdsHook: BdsHook | null;
  /** Whether `select` depends on the sensor (then SAC/SIC are peeked from the block's first record). */
  bySensor: boolean;
}

/**
 * Record tables live in large shared arenas, written in place by the decoder; a full arena is left to the
 * records that use it and a new one started. A block of LEN bytes needs at most 8 × LEN entries (a record
 * header of 5 per record, a triple per item, and every record and item takes at least one byte).
 */
const ARENA_SIZE = 1 << 16;
let arena = new Int32Array(ARENA_SIZE);
let arenaUsed = 0;

function errorOf(code: number): BlockErrorReason {
  if (code === E_FX) return 'bad-extension';
  if (code === E_EXPLICIT) return 'bad-explicit-length';
  if (code === E_COMPOUND_SLOT) return 'unknown-subitem';
  return 'item-overrun';
}

/** Result of one record: next position, or a negative error with `recErr` filled in. */
const recErr: { reason: BlockErrorReason; detail: string; at: number } = { reason: 'item-overrun', detail: '', at: 0 };

function fail(reason: BlockErrorReason, detail: string, at: number): number {
  recErr.reason = reason;
  recErr.detail = detail;
  recErr.at = at;
  return -1;
}

/** Chooses the UAP of a multi-UAP category from the selector element (the first UAP when absent). */
function chooseUap(cc: CompiledCategory, buf: Uint8Array, pos: number, fs: number, end: number): CompiledUap {
  const sel = cc.selector;
  const uap0 = cc.uaps[0];
  if (!sel) return uap0;
  let p = fs;
  for (let i = pos; i < fs; i++) {
    const b = buf[i];
    for (let bit = 0; bit < 7; bit++) {
      if ((b & (0x80 >> bit)) === 0) continue;
      const slot = (i - pos) * 7 + bit;
      const node = uap0.nodes[slot];
      if (!node) return uap0;
      if (slot === sel.slot) {
        if (p + ((sel.bitOff + sel.bits + 7) >> 3) > end) return uap0;
        const v = readBits(buf, p * 8 + sel.bitOff, sel.bits);
        const u = sel.cases.get(v);
        return u === undefined || u < 0 ? uap0 : cc.uaps[u];
      }
      const l = itemLength(node, buf, p, end);
      if (l < 0) return uap0;
      p += l;
    }
  }
  return uap0;
}

/**
 * Decodes one record at `pos` into the arena at t; returns the record's end, or -1 (recErr says why).
 * `out[0]` receives the number of table entries written, out[1] the UAP index, out[2] the FSPEC length.
 */
function decodeRecord(cc: CompiledCategory, buf: Uint8Array, pos: number, end: number, t: number, out: Int32Array): number {
  let fs = pos;
  for (;;) {
    if (fs >= end) return fail('fspec-overrun', 'FSPEC runs past the end of the block', pos);
    if ((buf[fs++] & 1) === 0) break;
  }
  out[2] = fs - pos;
  const uap = cc.selector ? chooseUap(cc, buf, pos, fs, end) : cc.uaps[0];
  out[1] = uap === cc.uaps[0] ? 0 : cc.uaps.indexOf(uap);
  const nodes = uap.nodes;
  const nSlots = nodes.length;
  const tab = arena;
  let n = 0;
  let p = fs;
  for (let i = pos; i < fs; i++) {
    const b = buf[i] >>> 1;
    if (b === 0) continue;
    const baseSlot = (i - pos) * 7;
    for (let bit = 0; bit < 7; bit++) {
      if ((b & (0x40 >> bit)) === 0) continue;
      const slot = baseSlot + bit;
      if (slot >= nSlots) return fail('unknown-item', `FSPEC bit for FRN ${slot + 1} beyond the UAP`, i);
      const node = nodes[slot];
      if (node === null) {
        if (slot !== uap.rfsSlot) return fail('unknown-item', `FSPEC bit for spare FRN ${slot + 1}`, i);
        // Random field sequencing: N, then N × (FRN, item).
        if (p >= end) return fail('bad-rfs', 'RFS count past the end', p);
        const count = buf[p];
        tab[t + 3 * n] = slot;
        tab[t + 3 * n + 1] = p;
        const rfsIdx = t + 3 * n;
        n++;
        let q = p + 1;
        for (let k = 0; k < count; k++) {
          if (q >= end) return fail('bad-rfs', 'RFS FRN past the end', q);
          const frn = buf[q++];
          const sub = frn >= 1 && frn <= nSlots ? nodes[frn - 1] : null;
          if (sub === null) return fail('bad-rfs', `RFS names FRN ${frn}, not an item`, q - 1);
          const l = itemLength(sub, buf, q, end);
          if (l < 0) return fail(errorOf(l), `item ${uap.names[frn - 1]} (in RFS)`, q);
          tab[t + 3 * n] = frn - 1 + RFS_BASE;
          tab[t + 3 * n + 1] = q;
          tab[t + 3 * n + 2] = l;
          n++;
          q += l;
        }
        tab[rfsIdx + 2] = q - p;
        p = q;
        continue;
      }
      let l = node.bytes;
      if (l < 0 || p + l > end) {
        l = itemLength(node, buf, p, end);
        if (l < 0) return fail(errorOf(l), `item ${uap.names[slot]} at byte ${p}`, p);
      }
      tab[t + 3 * n] = slot;
      tab[t + 3 * n + 1] = p;
      tab[t + 3 * n + 2] = l;
      n++;
      p += l;
    }
  }
  out[0] = n;
  return p;
}

const recOut = new Int32Array(3);

/** Peeks SAC/SIC in the first record of a block (when its first UAP slot is item 010). */
export function peekSensor(buf: Uint8Array, pos: number, end: number): number {
  if (pos >= end || (buf[pos] & 0x80) === 0) return -1;
  let fs = pos;
  while (fs < end && buf[fs] & 1) fs++;
  fs++;
  if (fs + 2 > end) return -1;
  return (buf[fs] << 8) | buf[fs + 1];
}

/** Decodes the data block at `off` in a datagram ending at `end`. Never throws. */
export function decodeBlock(env: DecodeEnv, buf: Uint8Array, off: number, end: number): DataBlock {
  if (end - off < 3) {
    return { cat: off < end ? buf[off] : -1, edition: '', offset: off, length: end - off, records: [], error: { reason: 'truncated-header', detail: `${end - off} bytes left, a block header needs 3`, at: off } };
  }
  const cat = buf[off];
  const len = (buf[off + 1] << 8) | buf[off + 2];
  if (len < 3) {
    return { cat, edition: '', offset: off, length: end - off, records: [], error: { reason: 'bad-length', detail: `LEN ${len} < 3`, at: off } };
  }
  if (off + len > end) {
    return { cat, edition: '', offset: off, length: end - off, records: [], error: { reason: 'length-overrun', detail: `LEN ${len} but ${end - off} bytes left`, at: off } };
  }
  const bend = off + len;
  const sensor = env.bySensor ? peekSensor(buf, off + 3, bend) : -1;
  const cc = env.select(cat, sensor < 0 ? -1 : sensor >> 8, sensor < 0 ? -1 : sensor & 0xff);
  if (!cc) {
    return { cat, edition: '', offset: off, length: len, records: [], error: { reason: 'unknown-category', detail: `no spec for CAT${String(cat).padStart(3, '0')}`, at: off } };
  }
  // One pass writes the table straight into the arena: per record a header (start, end, fspecLen, uap, count),
  // then its (slot, start, length) triples.
  if (arenaUsed + 8 * len + 8 > arena.length) {
    arena = new Int32Array(Math.max(ARENA_SIZE, 8 * len + 8));
    arenaUsed = 0;
  }
  const base0 = arenaUsed;
  let t = base0;
  let nrec = 0;
  let pos = off + 3;
  let error: BlockError | undefined;
  while (pos < bend) {
    const next = decodeRecord(cc, buf, pos, bend, t + 5, recOut);
    if (next < 0) {
      error = { reason: recErr.reason, detail: `record ${nrec}: ${recErr.detail}`, at: recErr.at };
      break;
    }
    const tab = arena;
    tab[t] = pos;
    tab[t + 1] = next;
    tab[t + 2] = recOut[2];
    tab[t + 3] = recOut[1];
    tab[t + 4] = recOut[0];
    t += 5 + 3 * recOut[0];
    nrec++;
    pos = next;
  }
  const records: AsterixRecord[] = [];
  if (nrec > 0 && (!error || env.mode === 'partial')) {
    const table = arena;
    arenaUsed = t;
    const hook = env.bdsHook;
    let q = base0;
    for (let r = 0; r < nrec; r++) {
      records.push(new AsterixRecord(cc, buf, table, q + 5, hook));
      q += 5 + 3 * table[q + 4];
    }
  }
  const block: DataBlock = { cat, edition: cc.edition, offset: off, length: len, records };
  if (error) block.error = error;
  return block;
}

/** Decodes every data block of a datagram (or a raw stream of blocks). Never throws. */
export function decodeBlocks(env: DecodeEnv, buf: Uint8Array, start = 0, end = buf.length): DataBlock[] {
  const out: DataBlock[] = [];
  let off = start;
  while (off < end) {
    const b = decodeBlock(env, buf, off, end);
    out.push(b);
    off += b.length;
  }
  return out;
}

export type { PlanNode };
