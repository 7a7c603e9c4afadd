// SPDX-License-Identifier: GPL-3.0-or-later
// A record scanner: the fast path for adapters that need a few fixed-position fields of every record. It walks
// each FSPEC once, checks the block's structure as the generic decoder does, and reads the wanted fields
// straight from the bytes into rows of a reused Float64Array: no record objects, no item table.

import { readBits } from './bits.ts';
import { type CompiledCategory, compileFastPath, K_COMPOUND, K_EXPLICIT, K_EXTENDED, K_REPETITIVE, type PlanNode } from './plan.ts';
import { itemLength } from './values.ts';

/** A field to read: its path ("040/RHO") and whether as unsigned raw bits or as a value with its unit applied. */
export interface ScanField {
  path: string;
  as: 'bits' | 'value';
}

/**
 * Scans data blocks of one category edition. Built by `RecordScanner.compile`, which returns null when the
 * edition does not suit (several UAPs, random field sequencing, or a field that is not at a fixed position
 * in its item): callers then use the generic decoder.
 *
 * After `scan`, row r holds field f at `rows[r * stride + f]`: the unsigned raw bits or the value (numbers
 * exactly as AsterixRecord.bits and .value give them), NaN when the item or extent is absent.
 */
export class RecordScanner {
  readonly cc: CompiledCategory;
  readonly stride: number;
  rows: Float64Array;
  private readonly nodes: (PlanNode | null)[];
  /** Per UAP slot: wanted-item index (-1 when not wanted), and how many items are wanted. */
  private readonly want: Int32Array;
  private readonly nWanted: number;
  /** Per field: wanted item, octet offset in the item, octets (1..4; 0: read bit by bit), shift, mask. */
  private readonly fItem: Int32Array;
  private readonly fByte: Int32Array;
  private readonly fN: Int32Array;
  private readonly fShift: Int32Array;
  private readonly fMask: Float64Array;
  private readonly fBitOff: Int32Array;
  private readonly fBits: Int32Array;
  /** Per field: 1 when read as a value; then sign (half, full: 0 when unsigned) and scale. */
  private readonly fValue: Uint8Array;
  private readonly fHalf: Float64Array;
  private readonly fFull: Float64Array;
  private readonly fScale: Float64Array;
  /** Per field: FX octets (offsets in the item) that must be set for its extent to be present; null when none. */
  private readonly fFx: (Int32Array | null)[];
  private readonly scanBlock: ScanBlock;

  private constructor(cc: CompiledCategory, fields: readonly ScanField[]) {
    this.cc = cc;
    const uap = cc.uaps[0];
    this.nodes = uap.nodes;
    this.stride = fields.length;
    this.rows = new Float64Array(256 * fields.length);
    this.want = new Int32Array(uap.nodes.length).fill(-1);
    const n = fields.length;
    this.fItem = new Int32Array(n);
    this.fByte = new Int32Array(n);
    this.fN = new Int32Array(n);
    this.fShift = new Int32Array(n);
    this.fMask = new Float64Array(n);
    this.fBitOff = new Int32Array(n);
    this.fBits = new Int32Array(n);
    this.fValue = new Uint8Array(n);
    this.fHalf = new Float64Array(n);
    this.fFull = new Float64Array(n);
    this.fScale = new Float64Array(n);
    this.fFx = [];
    let nWanted = 0;
    fields.forEach((f, i) => {
      const fp = compileFastPath(cc, f.path);
      if (fp === null) throw new Error(`not a fixed-position field: ${f.path}`);
      const slot = fp.slots[0];
      if (this.want[slot] < 0) this.want[slot] = nWanted++;
      this.fItem[i] = this.want[slot];
      this.fByte[i] = fp.byteOff;
      this.fN[i] = fp.nBytes;
      this.fShift[i] = fp.shift;
      this.fMask[i] = fp.mask;
      this.fBitOff[i] = fp.bitOff;
      this.fBits[i] = fp.bits;
      this.fValue[i] = f.as === 'value' ? 1 : 0;
      this.fHalf[i] = fp.half;
      this.fFull[i] = fp.full;
      this.fScale[i] = fp.scale;
      this.fFx.push(fp.fxBytes.length > 0 ? Int32Array.from(fp.fxBytes) : null);
    });
    this.nWanted = nWanted;
    this.scanBlock = this.compileScan();
  }

  /** A scanner for `fields` of the edition `cc`, or null when the edition needs the generic decoder. */
  static compile(cc: CompiledCategory, fields: readonly ScanField[]): RecordScanner | null {
    if (cc.uaps.length !== 1 || cc.rfs || cc.selector !== null) return null;
    for (const f of fields) {
      const fp = compileFastPath(cc, f.path);
      if (fp === null || fp.slots[0] < 0 || fp.bits > 52) return null;
      if (f.as === 'value' && fp.vk !== 0) return null;
    }
    return new RecordScanner(cc, fields);
  }

  /**
   * Scans the records of a data block's body, bytes [pos, end) of `buf` (after CAT and LEN). Returns the number
   * of records, or -1 when the block has any structural fault: the generic decoder then says which.
   */
  scan(buf: Uint8Array, pos: number, end: number): number {
    // A record takes at least one octet (an FSPEC without items): the rows can never run short.
    const need = (end - pos) * this.stride;
    if (this.rows.length < need) this.rows = new Float64Array(Math.max(need, this.rows.length * 2));
    return this.scanBlock(buf, pos, end, this.rows);
  }

  /**
   * The block scan, compiled once into straight-line code for this UAP and these fields: the FSPEC bits
   * tested one by one in slot order with every item length, offset, shift, mask and scale a constant. The
   * checks are those of the generic decoder (FSPEC overrun, spare or unknown slots, item overruns, bad FX),
   * and the reads the arithmetic of AsterixRecord.bits and .value.
   */
  private compileScan(): ScanBlock {
    const nodes = this.nodes;
    const nWanted = this.nWanted;
    const L: string[] = [];
    /** Plan nodes the generated code hands to itemLength (variable structures other than extents and compounds). */
    const refs: PlanNode[] = [];
    L.push('let nrec = 0;', 'let p = pos;', 'let v = 0;', 'let l = 0;', 'while (p < end) {');
    L.push('  let fs = p;', '  for (;;) {', '    if (fs >= end) return -1;', '    if ((buf[fs++] & 1) === 0) break;', '  }');
    L.push('  const nfs = fs - p;', '  let q = fs;');
    // An item's length is kept only where a field's FX conditions need it.
    const needLen = new Set<number>();
    for (let f = 0; f < this.stride; f++) if (this.fFx[f] !== null) needLen.add(this.fItem[f]);
    for (let w = 0; w < nWanted; w++) L.push(`  let ip${w} = -1;`, ...(needLen.has(w) ? [`  let il${w} = 0;`] : []));
    const nOct = Math.ceil(nodes.length / 7);
    for (let i = 0; i < nOct; i++) {
      L.push(`  if (nfs > ${i}) {`, `    const b = buf[p + ${i}];`);
      for (let k = 0; k < 7; k++) {
        const slot = i * 7 + k;
        L.push(`    if ((b & ${0x80 >> k}) !== 0) {`);
        const node = slot < nodes.length ? nodes[slot] : null;
        if (node === null) L.push('      return -1;');
        else {
          emitLength(L, node, 'q', 'l', refs, '      ');
          const w = this.want[slot];
          if (w >= 0) L.push(`      ip${w} = q;`, ...(needLen.has(w) ? [`      il${w} = l;`] : []));
          L.push('      q += l;');
        }
        L.push('    }');
      }
      L.push('  }');
    }
    // FSPEC octets past the UAP may only be padding.
    L.push(`  for (let i = ${nOct}; i < nfs; i++) if ((buf[p + i] & 0xfe) !== 0) return -1;`);
    L.push(`  const at = nrec * ${this.stride};`);
    for (let f = 0; f < this.stride; f++) {
      const w = this.fItem[f];
      const conds = [`ip${w} >= 0`];
      const fx = this.fFx[f];
      if (fx !== null) for (const b of fx) conds.push(`${b} < il${w}`, `(buf[ip${w} + ${b}] & 1) !== 0`);
      const o = `ip${w} + ${this.fByte[f]}`;
      const sh = this.fShift[f];
      const mask = this.fMask[f];
      let e: string;
      switch (this.fN[f]) {
        case 1:
          e = `(buf[${o}] >>> ${sh}) & ${mask}`;
          break;
        case 2:
          e = `(((buf[${o}] << 8) | buf[${o} + 1]) >>> ${sh}) & ${mask}`;
          break;
        case 3:
          e = `(((buf[${o}] << 16) | (buf[${o} + 1] << 8) | buf[${o} + 2]) >>> ${sh}) & ${mask}`;
          break;
        case 4:
          e = `((((buf[${o}] << 24) | (buf[${o} + 1] << 16) | (buf[${o} + 2] << 8) | buf[${o} + 3]) >>> ${sh}) & ${mask}) >>> 0`;
          break;
        default:
          e = `readBits(buf, ip${w} * 8 + ${this.fBitOff[f]}, ${this.fBits[f]})`;
      }
      L.push(`  if (${conds.join(' && ')}) {`, `    v = ${e};`);
      if (this.fValue[f] === 1) {
        if (this.fHalf[f] > 0) L.push(`    if (v >= ${this.fHalf[f]}) v -= ${this.fFull[f]};`);
        L.push(`    v *= ${numberLiteral(this.fScale[f])};`);
      }
      L.push(`    rows[at + ${f}] = v;`, `  } else rows[at + ${f}] = NaN;`);
    }
    L.push('  nrec++;', '  p = q;', '}', 'return nrec;');
    const scan = new Function('buf', 'pos', 'end', 'rows', 'refs', 'itemLength', 'readBits', L.join('\n')) as CompiledScan;
    return (buf, pos, end, rows) => scan(buf, pos, end, rows, refs, itemLength, readBits);
  }
}

type ScanBlock = (buf: Uint8Array, pos: number, end: number, rows: Float64Array) => number;
type CompiledScan = (
  buf: Uint8Array,
  pos: number,
  end: number,
  rows: Float64Array,
  refs: readonly PlanNode[],
  length: typeof itemLength,
  bits: typeof readBits,
) => number;

let uid = 0;

/**
 * Emits code that sets `out` to the length of an item of plan `node` starting at `start`, or returns -1 from
 * the scan when the generic decoder would reject it (itemLength's checks): fixed sizes, extents and compounds
 * inline, anything else through itemLength.
 */
function emitLength(L: string[], node: PlanNode, start: string, out: string, refs: PlanNode[], ind: string): void {
  if (node.bytes >= 0) {
    L.push(`${ind}${out} = ${node.bytes};`, `${ind}if (${start} + ${node.bytes} > end) return -1;`);
    return;
  }
  if (node.kind === K_EXTENDED) {
    // The extents up to the first without FX; FX on the last one is an error.
    const ends = node.extentEnds;
    for (let x = 0; x < ends.length; x++) {
      L.push(`${ind}${x > 0 ? '} else ' : ''}if (${start} + ${ends[x]} > end) return -1;`);
      L.push(`${ind}else if ((buf[${start} + ${ends[x] - 1}] & 1) === 0) {`, `${ind}  ${out} = ${ends[x]};`);
    }
    L.push(`${ind}} else return -1;`);
    return;
  }
  if (node.kind === K_COMPOUND) {
    // Its FSPEC, then each sub-item present in order; a bit for an undefined sub-item is an error.
    const n = uid++;
    const c = `c${n}`;
    const r = `r${n}`;
    L.push(`${ind}let ${c} = ${start};`, `${ind}for (;;) {`, `${ind}  if (${c} >= end) return -1;`, `${ind}  if ((buf[${c}++] & 1) === 0) break;`, `${ind}}`);
    L.push(`${ind}const nf${n} = ${c} - ${start};`, `${ind}let ${r} = ${c};`);
    const nOct = Math.ceil(node.entries.length / 7);
    for (let i = 0; i < nOct; i++) {
      L.push(`${ind}if (nf${n} > ${i}) {`, `${ind}  const cb${n} = buf[${start} + ${i}];`);
      for (let k = 0; k < 7; k++) {
        const e = node.entries[i * 7 + k];
        L.push(`${ind}  if ((cb${n} & ${0x80 >> k}) !== 0) {`);
        if (e === undefined || e.node === null) L.push(`${ind}    return -1;`);
        else {
          L.push(`${ind}    let s${n} = 0;`);
          emitLength(L, e.node, r, `s${n}`, refs, `${ind}    `);
          L.push(`${ind}    ${r} += s${n};`);
        }
        L.push(`${ind}  }`);
      }
      L.push(`${ind}}`);
    }
    L.push(`${ind}for (let i = ${nOct}; i < nf${n}; i++) if ((buf[${start} + i] & 0xfe) !== 0) return -1;`);
    L.push(`${ind}${out} = ${r} - ${start};`);
    return;
  }
  const sub = node.sub;
  if (node.kind === K_REPETITIVE && node.rep === 1 && sub !== null && sub.bytes >= 0) {
    // A one-octet count of fixed-size elements (I048/250 Mode S MB data, for one): itemLength's arithmetic.
    L.push(`${ind}if (${start} + 1 > end) return -1;`, `${ind}${out} = 1 + buf[${start}] * ${sub.bytes};`, `${ind}if (${start} + ${out} > end) return -1;`);
    return;
  }
  if (node.kind === K_EXPLICIT) {
    // A length octet counting itself: zero is an error.
    L.push(`${ind}if (${start} >= end) return -1;`, `${ind}${out} = buf[${start}];`, `${ind}if (${out} === 0 || ${start} + ${out} > end) return -1;`);
    return;
  }
  refs.push(node);
  L.push(`${ind}${out} = itemLength(refs[${refs.length - 1}], buf, ${start}, end);`, `${ind}if (${out} < 0) return -1;`);
}

/** A number as source text that reads back as the same double. */
function numberLiteral(x: number): string {
  const s = String(x);
  if (Number(s) !== x) throw new Error(`number ${x} does not round-trip`);
  return s;
}
