// SPDX-License-Identifier: GPL-3.0-or-later
// The shape of the generated ASTERIX spec tables (src/asterix/specs/*, written by scripts/gen-asterix-specs.ts
// from zoranbosnjak/asterix-specs JSON). Only structure and content survive; titles and remarks are stripped.

/** How the bits of one element are read. */
export type Content =
  | { t: 'raw' }
  | { t: 'table'; values: Readonly<Record<number, string>> }
  | { t: 'string'; enc: 'ascii' | 'icao' | 'octal' }
  | { t: 'integer'; signed: boolean }
  /** value = raw × lsb, in `unit`; `lsbText` is the exact expression (e.g. "1/2^8"). */
  | { t: 'quantity'; signed: boolean; lsb: number; lsbText: string; unit: string }
  /** A Mode S Comm-B register: 'with' = 64 bits, 56-bit MB then BDS1/BDS2; a number = the register is fixed (BDS at). */
  | { t: 'bds'; addr: 'with' | 'without' | number }
  /** Content chosen by the value of other elements (paths from the top-level item name). */
  | { t: 'dependent'; on: readonly (readonly string[])[]; cases: readonly (readonly [readonly number[], Content])[]; dflt: Content };

/** A named sub-item, or `spare` bits. */
export type GroupEntry = { name: string; item: Variation } | { spare: number };

export type Variation =
  | { v: 'element'; bits: number; content: Content }
  | { v: 'group'; items: readonly GroupEntry[] }
  /** `null` marks an FX bit that ends an extent. */
  | { v: 'extended'; items: readonly (GroupEntry | null)[] }
  /** `rep` = bytes of the repetition count; 0 = repetition by FX bit (low bit of every element's last byte). */
  | { v: 'repetitive'; rep: number; item: Variation }
  | { v: 'explicit'; kind: 're' | 'sp' | null }
  /** `null` marks an unused FSPEC slot. */
  | { v: 'compound'; items: readonly (NamedItem | null)[] };

export interface NamedItem {
  name: string;
  item: Variation;
}

/** One UAP slot: an item name, `null` for a spare slot, or 'RFS' (random field sequencing). */
export type UapSlot = string | null;

export interface Uap {
  name: string;
  slots: readonly UapSlot[];
}

export interface CategorySpec {
  cat: number;
  edition: string;
  items: Readonly<Record<string, Variation>>;
  /** One UAP, or several chosen by `selector`. */
  uaps: readonly Uap[];
  selector?: { item: string; path: readonly string[]; cases: readonly (readonly [number, string])[] };
}

/** A Reserved Expansion (RE) definition: a compound with a fixed FSPEC size, or FX when `fspecBytes` is null. */
export interface ExpansionSpec {
  cat: number;
  edition: string;
  fspecBytes: number | null;
  items: readonly (NamedItem | null)[];
}
