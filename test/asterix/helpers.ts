// SPDX-License-Identifier: GPL-3.0-or-later
// Shared helpers for the ASTERIX tests: random records from the spec plans, the tshark oracle, and a
// flattening of our values into tshark's field names (asterix.CCC_III_SUB...).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePcap } from '../../src/asterix/io/pcap.ts';
import {
  C_BDS,
  C_DEPENDENT,
  C_INTEGER,
  C_QUANTITY,
  C_STRING,
  type CompiledCategory,
  K_COMPOUND,
  K_ELEMENT,
  K_EXPLICIT,
  K_EXTENDED,
  K_GROUP,
  K_REPETITIVE,
  K_REPETITIVE_FX,
  type PlanNode,
} from '../../src/asterix/plan.ts';
import type { AsterixRecord } from '../../src/asterix/record.ts';
import type { ItemsValue, ItemValue } from '../../src/asterix/values.ts';
import { randInt } from '../helpers/prng.ts';

export const FIXTURES = 'test/fixtures/asterix';

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

// ---------------------------------------------------------------------------------------------------------
// Random values

const ICAO = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789';

function randomRaw(rand: () => number, bits: number, signed: boolean): number | string {
  if (bits > 52) {
    let s = '';
    for (let i = 0; i < Math.ceil(bits / 4); i++) s += randInt(rand, 0, 15).toString(16);
    // the leading digit holds only bits % 4 bits
    if (bits % 4) s = (Number.parseInt(s[0], 16) & ((1 << (bits % 4)) - 1)).toString(16) + s.slice(1);
    return s;
  }
  const u = Math.floor(rand() * 2 ** bits);
  if (signed && u >= 2 ** (bits - 1)) return u - 2 ** bits;
  return u;
}

function randomElement(rand: () => number, node: PlanNode): ItemValue {
  const c = node.content;
  if (node.ck === C_STRING && c?.t === 'string') {
    const w = c.enc === 'ascii' ? 8 : c.enc === 'icao' ? 6 : 3;
    let s = '';
    for (let i = 0; i < Math.floor(node.bits / w); i++) {
      if (c.enc === 'octal') s += String(randInt(rand, 0, 7));
      else if (c.enc === 'icao') s += ICAO[randInt(rand, 0, ICAO.length - 1)];
      else s += String.fromCharCode(randInt(rand, 32, 126));
    }
    return s;
  }
  if (node.ck === C_QUANTITY) return { raw: randomRaw(rand, node.bits, node.signed) as number, value: 0, unit: node.unit };
  if (node.ck === C_BDS) return { raw: randomRaw(rand, node.bits, false) as string };
  return randomRaw(rand, node.bits, node.ck === C_INTEGER && node.signed);
}

function randomGroup(rand: () => number, node: PlanNode, extents: number): ItemsValue {
  const out: ItemsValue = {};
  for (const e of node.entries) {
    if (e.extent >= extents || e.node === null || e.name === null) continue;
    out[e.name] = e.node.kind === K_ELEMENT ? randomElement(rand, e.node) : randomGroup(rand, e.node, 1e9);
  }
  return out;
}

export interface RandomOptions {
  /** Item names never to generate (e.g. RE/SP for tshark, 062/510). */
  skip?: ReadonlySet<string>;
  /** Leave out explicit items entirely. */
  noExplicit?: boolean;
}

export function randomItem(rand: () => number, node: PlanNode, cc: CompiledCategory | null, depth = 0): ItemValue {
  switch (node.kind) {
    case K_ELEMENT:
      return randomElement(rand, node);
    case K_GROUP:
      return randomGroup(rand, node, 1e9);
    case K_EXTENDED:
      return randomGroup(rand, node, randInt(rand, 1, node.extentEnds.length));
    case K_REPETITIVE:
    case K_REPETITIVE_FX: {
      const n = node.kind === K_REPETITIVE_FX ? randInt(rand, 1, 3) : randInt(rand, 0, 3);
      const out: ItemValue[] = [];
      for (let i = 0; i < n; i++) out.push(randomItem(rand, node.sub as PlanNode, cc, depth + 1));
      return out;
    }
    case K_EXPLICIT: {
      if (node.expl === 1 && cc?.ref && depth === 0) {
        const items = randomCompound(rand, cc.ref.node, null, depth + 1, cc.ref.fspecBytes ?? 100);
        return { ref: cc.ref.spec.edition, items };
      }
      let hex = '';
      for (let i = 0, n = randInt(rand, 0, 6); i < n; i++) hex += randInt(rand, 0, 255).toString(16).padStart(2, '0');
      return { hex };
    }
    case K_COMPOUND:
      return randomCompound(rand, node, cc, depth + 1, 100);
  }
  return 0;
}

function randomCompound(rand: () => number, node: PlanNode, cc: CompiledCategory | null, depth: number, fspecBytes: number): ItemsValue {
  const out: ItemsValue = {};
  const perByte = fspecBytes === 100 ? 7 : 8;
  node.entries.forEach((e, i) => {
    if (e.node === null || e.name === null || i >= fspecBytes * perByte) return;
    if (rand() < 0.5) out[e.name] = randomItem(rand, e.node, cc, depth);
  });
  return out;
}

/** A random record for a category: each UAP item present with probability `p`. */
export function randomRecord(rand: () => number, cc: CompiledCategory, opts: RandomOptions = {}, p = 0.5): { items: ItemsValue; uap?: string } {
  const uapIdx = cc.uaps.length > 1 ? randInt(rand, 0, cc.uaps.length - 1) : 0;
  const uap = cc.uaps[uapIdx];
  const items: ItemsValue = {};
  uap.names.forEach((name, slot) => {
    const node = uap.nodes[slot];
    if (name === null || node === null || opts.skip?.has(name)) return;
    if (opts.noExplicit && node.kind === K_EXPLICIT) return;
    if (name === '010' || rand() < p) items[name] = randomItem(rand, node, cc);
  });
  if (cc.selector) {
    // The selector element must agree with the UAP chosen.
    const sel = cc.spec.selector;
    const value = sel?.cases.find(([, n]) => n === uap.name)?.[0] ?? 0;
    const node = cc.items.get(sel?.item ?? '') as PlanNode;
    const v = (items[sel?.item ?? ''] ?? randomItem(rand, node, cc)) as ItemsValue;
    v[sel?.path[0] ?? ''] = value;
    items[sel?.item ?? ''] = v;
  }
  const out: { items: ItemsValue; uap?: string } = { items };
  if (cc.uaps.length > 1) out.uap = uap.name;
  return out;
}

/** Values with quantities reduced to their raw integer, for comparing trees. */
export function rawOnly(v: ItemValue | undefined): unknown {
  if (Array.isArray(v)) return v.map(rawOnly);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, ItemValue>;
    if ('raw' in o && ('unit' in o || Object.keys(o).every((k) => k === 'raw' || k === 'bds' || k === 'decoded'))) return o.raw;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) out[k] = rawOnly(o[k]);
    return out;
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// tshark

export function tsharkAvailable(): boolean {
  const r = spawnSync('tshark', ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

export const TSHARK_MISSING =
  "tshark is not installed: the ASTERIX oracle tests need it. Install it with: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tshark";

/** One decoded message (record) from tshark: leaf field name → values in document order. */
export type TsharkFields = Map<string, string[]>;

function collect(x: unknown, out: TsharkFields, key = ''): void {
  if (Array.isArray(x)) {
    for (const v of x) collect(v, out, key);
  } else if (x !== null && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) collect(v, out, k);
  } else if (typeof x === 'string') {
    const list = out.get(key);
    if (list) list.push(x);
    else out.set(key, [x]);
  }
}

/**
 * Runs tshark once over many data blocks (one UDP packet to port 8600 each). Returns, per packet, the list of
 * messages (records) with their fields.
 */
export function tsharkDecode(blocks: readonly Uint8Array[]): TsharkFields[][] {
  const dir = mkdtempSync(join(tmpdir(), 'jointsky-asterix-'));
  try {
    const file = join(dir, 'blocks.pcap');
    writeFileSync(file, writePcap(blocks.map((payload, i) => ({ payload, timeMs: i, srcPort: 8600, dstPort: 8600 }))));
    const r = spawnSync('tshark', ['-r', file, '-T', 'json', '-J', 'asterix', '--no-duplicate-keys'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (r.status !== 0) throw new Error(`tshark failed: ${r.stderr}`);
    const packets = JSON.parse(r.stdout) as { _source: { layers: { asterix?: unknown } } }[];
    return packets.map((p) => {
      const a = p._source.layers.asterix as Record<string, unknown> | undefined;
      if (!a) return [];
      const layers = Array.isArray(a) ? a : [a];
      const msgs: TsharkFields[] = [];
      for (const layer of layers) {
        const m = (layer as Record<string, unknown>)['asterix.message'];
        if (m === undefined) continue;
        for (const one of Array.isArray(m) ? m : [m]) {
          const f: TsharkFields = new Map();
          collect(one, f);
          msgs.push(f);
        }
      }
      return msgs;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Our values in tshark's names

export interface Leaf {
  key: string;
  node: PlanNode;
  value: ItemValue;
}

function flattenInto(node: PlanNode, v: ItemValue, prefix: string, out: Leaf[], top: boolean): void {
  switch (node.kind) {
    case K_ELEMENT:
      out.push({ key: top ? `${prefix}_VALUE` : prefix, node, value: v });
      return;
    case K_GROUP:
    case K_EXTENDED: {
      const o = v as ItemsValue;
      for (const e of node.entries) {
        if (e.name === null || e.node === null || o[e.name] === undefined) continue;
        flattenInto(e.node, o[e.name], `${prefix}_${e.name}`, out, false);
      }
      return;
    }
    case K_REPETITIVE:
    case K_REPETITIVE_FX:
      for (const x of v as ItemValue[]) flattenInto(node.sub as PlanNode, x, prefix, out, top);
      return;
    case K_COMPOUND: {
      const o = v as ItemsValue;
      for (const e of node.entries) {
        if (e.name === null || e.node === null || o[e.name] === undefined) continue;
        flattenInto(e.node, o[e.name], `${prefix}_${e.name}`, out, true);
      }
      return;
    }
    default:
      return; // explicit items: not compared field by field
  }
}

/** Our record as tshark-named leaves: asterix.048_040_RHO, asterix.062_295_MDA_VALUE, ... */
export function flattenRecord(rec: AsterixRecord): Leaf[] {
  const out: Leaf[] = [];
  const items = rec.items();
  const cat = String(rec.cat).padStart(3, '0');
  for (const name of rec.itemNames()) {
    const v = items[name];
    const node = rec.cc.items.get(name);
    if (v === undefined || !node) continue;
    flattenInto(node, v, `asterix.${cat}_${name}`, out, true);
  }
  return out;
}

/** Fields that tshark 4.0 decodes as unsigned where the spec says signed. */
export const KNOWN_UNSIGNED: ReadonlySet<string> = new Set(['asterix.034_120_HGT']);

/** Whether our leaf value and tshark's text agree. */
export function sameValue(leaf: Leaf, text: string): boolean {
  const v = leaf.value;
  const node = leaf.node;
  const isInt = /^(0x[0-9a-f]+|-?\d+)$/i.test(text);
  if (typeof v === 'string') {
    if (node.content?.t === 'string') {
      if (node.content.enc === 'octal') return Number.parseInt(v, 8) === Number(text);
      // Presentation only: tshark shows ICAO code 0 as a space (we keep '@', so that it encodes back), and
      // ends ASCII text at a NUL like a C string.
      let ours = node.content.enc === 'icao' ? v.replaceAll('@', ' ') : v;
      if (node.content.enc === 'ascii' && ours.includes('\0')) ours = ours.slice(0, ours.indexOf('\0'));
      return ours === text || ours.trimEnd() === text.trimEnd();
    }
    // wide raw as hex; tshark writes it in hex or decimal
    return isInt && BigInt(`0x${v}`) === BigInt(text);
  }
  if (KNOWN_UNSIGNED.has(leaf.key) && v !== null && typeof v === 'object' && 'raw' in v && typeof v.raw === 'number') {
    // tshark 4.0 reads these as unsigned; the current specs (and EUROCONTROL) say two's complement.
    return isInt && Number(text) === (v.raw < 0 ? v.raw + 2 ** node.bits : v.raw);
  }
  if (node.ck === C_DEPENDENT && v !== null && typeof v === 'object' && 'raw' in v) {
    // tshark does not resolve content that depends on another element: it shows the raw value.
    return isInt && Number(text) === v.raw;
  }
  if (typeof v === 'number') {
    if (/^0x[0-9a-f]+$/i.test(text)) return BigInt(v) === BigInt(text);
    if (text === 'True' || text === 'False' || text === 'true' || text === 'false') return (v !== 0) === /true/i.test(text);
    return Number(text) === v;
  }
  if (v !== null && typeof v === 'object' && 'value' in v && typeof v.value === 'number') {
    const t = Number(text);
    return Math.abs(t - v.value) <= 1e-9 * Math.max(1, Math.abs(v.value)) + 1e-9;
  }
  if (v !== null && typeof v === 'object' && 'raw' in v && typeof v.raw === 'string') {
    return isInt && BigInt(`0x${v.raw}`) === BigInt(text);
  }
  return false;
}

export interface Agreement {
  compared: number;
  agreed: number;
  /** Leaves we have that tshark does not show under the same name. */
  unmatched: number;
  mismatches: string[];
  /** Mismatch count per field. */
  mismatchKeys: Map<string, number>;
}

/** Compares our record with tshark's message, key by key in document order. */
export function compareWithTshark(rec: AsterixRecord, t: TsharkFields, ignore: (key: string) => boolean, acc: Agreement): void {
  const byKey = new Map<string, Leaf[]>();
  for (const l of flattenRecord(rec)) {
    if (ignore(l.key)) continue;
    const list = byKey.get(l.key);
    if (list) list.push(l);
    else byKey.set(l.key, [l]);
  }
  for (const [key, leaves] of byKey) {
    const theirs = t.get(key);
    if (!theirs) {
      acc.unmatched += leaves.length;
      continue;
    }
    leaves.forEach((l, i) => {
      acc.compared++;
      const text = theirs[i];
      if (text !== undefined && sameValue(l, text)) acc.agreed++;
      else {
        acc.mismatchKeys.set(key, (acc.mismatchKeys.get(key) ?? 0) + 1);
        if (acc.mismatches.length < 30) acc.mismatches.push(`${key}[${i}]: ours ${JSON.stringify(l.value)}, tshark ${text}`);
      }
    });
  }
}
