// SPDX-License-Identifier: GPL-3.0-or-later
// Turns zoranbosnjak/asterix-specs JSON (../shared/data/asterix/specs/*.json, BSD-3-Clause) into compact typed
// tables in src/asterix/specs/, documentation text stripped. The output is committed; the project never reads
// ../shared at run time.
//
// Usage: npx tsx scripts/gen-asterix-specs.ts [SPEC_DIR] [OUT_DIR]

import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CategorySpec, Content, ExpansionSpec, GroupEntry, NamedItem, Uap, UapSlot, Variation } from '../src/asterix/spec.ts';

type J = { tag: string; contents: unknown };
// biome-ignore lint/suspicious/noExplicitAny: raw JSON input of a known external format
type Any = any;

const specDir = process.argv[2] ?? '../shared/data/asterix/specs';
const outDir = process.argv[3] ?? 'src/asterix/specs';

/** Evaluates an asterix-specs Number: value and exact text. */
function num(n: J): { value: number; text: string } {
  const c = n.contents as Any;
  switch (n.tag) {
    case 'NumInt':
      return { value: c, text: String(c) };
    case 'NumPow':
      return { value: c.base ** c.exponent, text: `${c.base}^${c.exponent}` };
    case 'NumDiv': {
      const a = num(c.numerator);
      const b = num(c.denominator);
      return { value: a.value / b.value, text: `${a.text}/${b.text}` };
    }
    default:
      throw new Error(`unknown number ${n.tag}`);
  }
}

function content(c: J): Content {
  const x = c.contents as Any;
  switch (c.tag) {
    case 'ContentRaw':
      return { t: 'raw' };
    case 'ContentTable': {
      const values: Record<number, string> = {};
      for (const [k, v] of x as [number, string][]) values[k] = v;
      return { t: 'table', values };
    }
    case 'ContentString': {
      const enc = ({ StringAscii: 'ascii', StringICAO: 'icao', StringOctal: 'octal' } as const)[x.tag as string];
      if (!enc) throw new Error(`unknown string ${x.tag}`);
      return { t: 'string', enc };
    }
    case 'ContentInteger':
      return { t: 'integer', signed: x.signedness.tag === 'Signed' };
    case 'ContentQuantity': {
      const lsb = num(x.lsb);
      return { t: 'quantity', signed: x.signedness.tag === 'Signed', lsb: lsb.value, lsbText: lsb.text, unit: x.unit };
    }
    case 'ContentBds':
      if (x.tag === 'BdsWithAddress') return { t: 'bds', addr: 'with' };
      if (x.tag === 'BdsAt') return { t: 'bds', addr: x.contents === null ? 'without' : (x.contents as number) };
      return { t: 'bds', addr: 'without' };
    default:
      throw new Error(`unknown content ${c.tag}`);
  }
}

function contentRule(r: J): Content {
  if (r.tag === 'ContextFree') return content(r.contents as J);
  if (r.tag === 'Dependent') {
    const d = r.contents as Any;
    return {
      t: 'dependent',
      on: d.path as string[][],
      cases: (d.cases as [number[], J][]).map(([k, c]) => [k, content(c)] as const),
      dflt: content(d.default),
    };
  }
  throw new Error(`unknown rule ${r.tag}`);
}

function variationRule(r: J): Variation {
  if (r.tag !== 'ContextFree') throw new Error(`variation rule ${r.tag} not supported`);
  return variation(r.contents as J);
}

function nonSpare(x: Any): NamedItem {
  return { name: x.name, item: variationRule(x.rule) };
}

function entry(x: J): GroupEntry {
  if (x.tag === 'Spare') return { spare: x.contents as number };
  if (x.tag === 'Item') return nonSpare(x.contents);
  throw new Error(`unknown item ${x.tag}`);
}

function variation(v: J): Variation {
  const x = v.contents as Any;
  switch (v.tag) {
    case 'Element':
      return { v: 'element', bits: x.bitSize, content: contentRule(x.rule) };
    case 'Group':
      return { v: 'group', items: (x as J[]).map(entry) };
    case 'Extended':
      return { v: 'extended', items: (x as (J | null)[]).map((e) => (e === null ? null : entry(e))) };
    case 'Repetitive':
      return {
        v: 'repetitive',
        rep: x.type.tag === 'RepetitiveFx' ? 0 : x.type.contents.byteSize,
        item: variation(x.variation),
      };
    case 'Explicit':
      return { v: 'explicit', kind: x === null ? null : x.tag === 'ReservedExpansion' ? 're' : 'sp' };
    case 'Compound':
      return { v: 'compound', items: (x as (Any | null)[]).map((e) => (e === null ? null : nonSpare(e))) };
    default:
      throw new Error(`unknown variation ${v.tag}`);
  }
}

function uapSlots(list: J[]): UapSlot[] {
  return list.map((u) => (u.tag === 'UapItem' ? (u.contents as string) : u.tag === 'UapItemRFS' ? 'RFS' : null));
}

function basic(c: Any): CategorySpec {
  const items: Record<string, Variation> = {};
  for (const it of c.catalogue) items[it.name] = variationRule(it.rule);
  let uaps: Uap[];
  let selector: CategorySpec['selector'];
  if (c.uap.tag === 'Uap') {
    uaps = [{ name: 'uap', slots: uapSlots(c.uap.contents) }];
  } else {
    uaps = (c.uap.contents.cases as [string, J[]][]).map(([name, list]) => ({ name, slots: uapSlots(list) }));
    const sel = c.uap.contents.selector;
    if (sel) {
      const [item, ...path] = sel.item as string[];
      selector = { item, path, cases: sel.cases };
    }
  }
  const spec: CategorySpec = { cat: c.category, edition: `${c.edition.major}.${c.edition.minor}`, items, uaps };
  if (selector) spec.selector = selector;
  return spec;
}

function expansion(c: Any): ExpansionSpec {
  return {
    cat: c.category,
    edition: `${c.edition.major}.${c.edition.minor}`,
    fspecBytes: c.fspecByteSize ?? null,
    items: (c.items as (Any | null)[]).map((e) => (e === null ? null : nonSpare(e))),
  };
}

const pad = (n: number) => String(n).padStart(3, '0');
const HEADER = (src: string) =>
  `// SPDX-License-Identifier: GPL-3.0-or-later\n// Generated by scripts/gen-asterix-specs.ts from zoranbosnjak/asterix-specs ${src} (BSD-3-Clause).\n// Do not edit: regenerate.\n\n`;

mkdirSync(outDir, { recursive: true });
const registry: { id: string; file: string; kind: 'cat' | 'ref'; cat: number; edition: string }[] = [];
for (const file of readdirSync(specDir).filter((f) => f.endsWith('.json')).sort()) {
  const doc = JSON.parse(readFileSync(join(specDir, file), 'utf8'));
  const c = doc.contents;
  const edition = `${c.edition.major}.${c.edition.minor}`;
  const isRef = doc.tag === 'AsterixExpansion';
  const id = `${isRef ? 'REF' : 'CAT'}${pad(c.category)}_${edition.replace('.', '_')}`;
  const base = id.toLowerCase();
  let body: string;
  if (isRef) {
    const s = expansion(c);
    body = `import type { ExpansionSpec } from '../spec.ts';\n\nexport const ${id}: ExpansionSpec = {\n  cat: ${s.cat},\n  edition: '${s.edition}',\n  fspecBytes: ${s.fspecBytes},\n  items: [\n${s.items.map((i) => `    ${JSON.stringify(i)},`).join('\n')}\n  ],\n};\n`;
  } else {
    const s = basic(c);
    const items = Object.entries(s.items)
      .map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
      .join('\n');
    body = `import type { CategorySpec } from '../spec.ts';\n\nexport const ${id}: CategorySpec = {\n  cat: ${s.cat},\n  edition: '${s.edition}',\n  items: {\n${items}\n  },\n  uaps: ${JSON.stringify(s.uaps)},\n${s.selector ? `  selector: ${JSON.stringify(s.selector)},\n` : ''}};\n`;
  }
  writeFileSync(join(outDir, `${base}.ts`), HEADER(file) + body);
  registry.push({ id, file: base, kind: isRef ? 'ref' : 'cat', cat: c.category, edition });
}

const imports = registry.map((r) => `import { ${r.id} } from './${r.file}.ts';`).join('\n');
const cats = registry.filter((r) => r.kind === 'cat').map((r) => `  ${r.id},`).join('\n');
const refs = registry.filter((r) => r.kind === 'ref').map((r) => `  ${r.id},`).join('\n');
writeFileSync(
  join(outDir, 'index.ts'),
  `${HEADER('*.json')}import type { CategorySpec, ExpansionSpec } from '../spec.ts';\n${imports}\n\n/** Every generated category edition. */\nexport const CATEGORY_SPECS: readonly CategorySpec[] = [\n${cats}\n];\n\n/** Every generated Reserved Expansion edition. */\nexport const EXPANSION_SPECS: readonly ExpansionSpec[] = [\n${refs}\n];\n`,
);
console.log(`wrote ${registry.length} specs to ${outDir}`);
