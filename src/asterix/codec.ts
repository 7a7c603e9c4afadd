// SPDX-License-Identifier: GPL-3.0-or-later
// The ASTERIX codec: compiled specs for every category edition, edition choice per sensor (configuration),
// and the decode/encode entry points.

import { ByteWriter } from './bits.ts';
import { type BuilderOptions, RecordBuilder } from './builder.ts';
import { type DataBlock, type DecodeEnv, type DecodeMode, decodeBlock, decodeBlocks, peekSensor } from './decode.ts';
import { type RecordValues, writeBlock, writeRecord } from './encode.ts';
import { type CompiledCategory, type CompiledExpansion, compileCategory, compileExpansion } from './plan.ts';
import type { CategorySpec, ExpansionSpec } from './spec.ts';
import { CATEGORY_SPECS, EXPANSION_SPECS } from './specs/index.ts';
import type { BdsHook } from './values.ts';

/** Category → edition ("1.31"). */
export type EditionMap = Readonly<Record<number, string>>;

export interface AsterixConfig {
  /** Default edition per category; categories not listed use the newest edition generated. */
  editions?: EditionMap;
  /** Per sensor ("SAC/SIC", decimal, e.g. "25/201"): editions that differ from the defaults. */
  sensors?: Readonly<Record<string, EditionMap>>;
  /** Reserved Expansion edition per category (default: the newest generated). */
  refs?: EditionMap;
  /** 'strict' (default): a block with any error yields no records. 'partial': keep the records before the error. */
  mode?: DecodeMode;
  /** Comm-B hook: called with each BDS element's MB field when values are expanded. */
  bdsHook?: BdsHook;
}

function cmpEdition(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** Every category edition available: { 48: ['1.31', '1.32'], ... }. */
export function availableEditions(): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const s of CATEGORY_SPECS) {
    if (!out[s.cat]) out[s.cat] = [];
    out[s.cat].push(s.edition);
  }
  for (const k of Object.keys(out)) out[Number(k)].sort(cmpEdition);
  return out;
}

function newest<T extends { cat: number; edition: string }>(specs: readonly T[], cat: number): T | undefined {
  let best: T | undefined;
  for (const s of specs) if (s.cat === cat && (!best || cmpEdition(s.edition, best.edition) > 0)) best = s;
  return best;
}

const expansionCache = new Map<string, CompiledExpansion>();
const categoryCache = new Map<string, CompiledCategory>();

function compiledExpansion(spec: ExpansionSpec): CompiledExpansion {
  const key = `${spec.cat}/${spec.edition}`;
  let c = expansionCache.get(key);
  if (!c) {
    c = compileExpansion(spec);
    expansionCache.set(key, c);
  }
  return c;
}

function compiledCategory(spec: CategorySpec, ref: ExpansionSpec | undefined): CompiledCategory {
  const key = `${spec.cat}/${spec.edition}/${ref?.edition ?? ''}`;
  let c = categoryCache.get(key);
  if (!c) {
    c = compileCategory(spec, ref ? compiledExpansion(ref) : null);
    categoryCache.set(key, c);
  }
  return c;
}

/** A config problem, found at start-up. */
export class AsterixConfigError extends Error {
  override name = 'AsterixConfigError';
}

export class AsterixCodec {
  readonly mode: DecodeMode;
  private readonly defaults = new Map<number, CompiledCategory>();
  private readonly bySensor = new Map<number, Map<number, CompiledCategory>>();
  private readonly env: DecodeEnv;

  constructor(config: AsterixConfig = {}) {
    this.mode = config.mode ?? 'strict';
    const refs = config.refs ?? {};
    const pick = (cat: number, edition: string | undefined, where: string): CompiledCategory => {
      const spec = edition === undefined ? newest(CATEGORY_SPECS, cat) : CATEGORY_SPECS.find((s) => s.cat === cat && s.edition === edition);
      if (!spec) {
        const have = availableEditions()[cat];
        throw new AsterixConfigError(`${where}: CAT${cat} edition ${edition} is not available (have: ${have ? have.join(', ') : 'none'})`);
      }
      const refEd = refs[cat];
      const ref = refEd === undefined ? newest(EXPANSION_SPECS, cat) : EXPANSION_SPECS.find((s) => s.cat === cat && s.edition === refEd);
      if (refEd !== undefined && !ref) throw new AsterixConfigError(`refs: CAT${cat} RE edition ${refEd} is not available`);
      return compiledCategory(spec, ref);
    };
    for (const cat of Object.keys(availableEditions()).map(Number)) this.defaults.set(cat, pick(cat, config.editions?.[cat], 'editions'));
    for (const [k, v] of Object.entries(config.editions ?? {})) if (!this.defaults.has(Number(k))) pick(Number(k), v, 'editions');
    for (const [sensor, map] of Object.entries(config.sensors ?? {})) {
      const m = /^(\d{1,3})\/(\d{1,3})$/.exec(sensor);
      if (!m || Number(m[1]) > 255 || Number(m[2]) > 255) throw new AsterixConfigError(`sensors: key '${sensor}' must be SAC/SIC in decimal (e.g. 25/201)`);
      const per = new Map<number, CompiledCategory>();
      for (const [cat, ed] of Object.entries(map)) per.set(Number(cat), pick(Number(cat), ed, `sensors.${sensor}`));
      this.bySensor.set((Number(m[1]) << 8) | Number(m[2]), per);
    }
    // Defaults by category number: an array lookup per block.
    const defaults: (CompiledCategory | null)[] = new Array(256).fill(null);
    for (const [cat, c] of this.defaults) defaults[cat] = c;
    const bySensor = this.bySensor;
    this.env = {
      mode: this.mode,
      bdsHook: config.bdsHook ?? null,
      bySensor: bySensor.size > 0,
      select(cat, sac, sic) {
        if (sac >= 0 && bySensor.size > 0) {
          const c = bySensor.get((sac << 8) | sic)?.get(cat);
          if (c) return c;
        }
        return defaults[cat] ?? null;
      },
    };
  }

  /** The compiled spec used for a category (and sensor, when given). */
  category(cat: number, sac = -1, sic = -1): CompiledCategory | null {
    return this.env.select(cat, sac, sic);
  }

  /**
   * The compiled spec that decodeBlock would use for the data block at `offset` (its header already checked):
   * by category, and by sensor (SAC/SIC of the first record) when editions are configured per sensor.
   */
  blockCategory(buf: Uint8Array, offset: number, end: number): CompiledCategory | null {
    const sensor = this.env.bySensor ? peekSensor(buf, offset + 3, end) : -1;
    return this.env.select(buf[offset], sensor < 0 ? -1 : sensor >> 8, sensor < 0 ? -1 : sensor & 0xff);
  }

  /** Decodes every data block in a datagram (or a raw file of concatenated blocks). Never throws. */
  decode(buf: Uint8Array, start = 0, end = buf.length): DataBlock[] {
    return decodeBlocks(this.env, buf, start, end);
  }

  /** Decodes the one data block at `offset`. Never throws. */
  decodeBlock(buf: Uint8Array, offset = 0, end = buf.length): DataBlock {
    return decodeBlock(this.env, buf, offset, end);
  }

  /** Encodes records into a data block of category `cat` (edition as configured, or `edition`). */
  encodeBlock(cat: number, records: readonly RecordValues[], edition?: string, w: ByteWriter = new ByteWriter()): Uint8Array {
    const cc = this.resolve(cat, edition);
    const start = w.pos;
    writeBlock(cc, w, records);
    return w.buf.slice(start, w.pos);
  }

  /** Encodes one record (no block header) into `w`, for callers that build blocks themselves. */
  writeRecord(cc: CompiledCategory, w: ByteWriter, rec: RecordValues): void {
    writeRecord(cc, w, rec);
  }

  /**
   * A typed record builder for category `cat` (edition as configured, or `opts.edition`): the fast way to
   * encode. See RecordBuilder.
   */
  builder(cat: number, opts: BuilderOptions = {}): RecordBuilder {
    return new RecordBuilder(this.resolve(cat, opts.edition), opts);
  }

  /** The compiled spec for an explicit edition (or the default). Throws AsterixConfigError if unknown. */
  resolve(cat: number, edition?: string): CompiledCategory {
    const d = this.defaults.get(cat);
    if (edition === undefined || d?.edition === edition) {
      if (!d) throw new AsterixConfigError(`CAT${cat} is not available`);
      return d;
    }
    const spec = CATEGORY_SPECS.find((s) => s.cat === cat && s.edition === edition);
    if (!spec) throw new AsterixConfigError(`CAT${cat} edition ${edition} is not available`);
    return compiledCategory(spec, d?.ref?.spec);
  }
}
