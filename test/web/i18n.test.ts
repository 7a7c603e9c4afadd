// SPDX-License-Identifier: GPL-3.0-or-later
// The web UI's dictionaries: every language has exactly English's keys with the same {placeholders}, and every key
// the UI asks for (t('...'), data-i18n in index.html, t(`prefix.${value}`) over the pipeline's own type unions) exists.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const WEB = join(import.meta.dirname, '../../web');
const I18N = join(WEB, 'src/i18n');

interface LanguageFile {
  code: string;
  name: unknown;
  dict: Record<string, unknown>;
}

async function loadLanguages(): Promise<LanguageFile[]> {
  const out: LanguageFile[] = [];
  for (const file of readdirSync(I18N).filter((f) => f.endsWith('.ts')).sort()) {
    const mod = (await import(pathToFileURL(join(I18N, file)).href)) as { default: Record<string, unknown>; languageName: unknown };
    out.push({ code: file.replace(/\.ts$/, ''), name: mod.languageName, dict: mod.default });
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The members of a string-literal union type `export type NAME = 'a' | 'b';` in a source file. */
function unionMembers(file: string, typeName: string): string[] {
  const text = readFileSync(join(import.meta.dirname, '../..', file), 'utf8');
  const m = new RegExp(`export type ${typeName} =([^;]+);`).exec(text);
  assert.ok(m, `type ${typeName} not found in ${file}`);
  const members = [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
  assert.ok(members.length > 0, `no members in ${typeName}`);
  return members;
}

/** Where the values behind each dynamic key prefix are defined. */
const DYNAMIC: Record<string, [file: string, type: string]> = {
  category: ['src/fusion/track.ts', 'TrackCategory'],
  transponder: ['src/fusion/track.ts', 'TransponderState'],
  transponderShort: ['src/fusion/track.ts', 'TransponderState'],
  status: ['src/fusion/track.ts', 'TrackStatus'],
  'status.stream': ['web/src/api.ts', 'StreamStatus'],
  severity: ['src/safety/types.ts', 'AlertSeverity'],
  risk: ['src/safety/types.ts', 'RiskClass'],
  geometry: ['src/safety/types.ts', 'EncounterGeometry'],
  complianceEvent: ['src/safety/types.ts', 'ComplianceEventType'],
  notificationStatus: ['src/notify/monitor.ts', 'NotificationStatus'],
  emergency: ['src/modes/message.ts', 'Emergency'],
};

test('there are at least English and Russian, each naming itself', async () => {
  const langs = await loadLanguages();
  const codes = langs.map((l) => l.code);
  assert.ok(codes.includes('en') && codes.includes('ru'), `languages: ${codes.join(', ')}`);
  for (const l of langs) assert.ok(typeof l.name === 'string' && l.name.length > 0, `${l.code}: languageName missing`);
  assert.equal(new Set(langs.map((l) => l.name)).size, langs.length, 'two languages share a name');
});

test('every language has exactly the English keys, non-empty, with the same placeholders', async () => {
  const langs = await loadLanguages();
  const en = langs.find((l) => l.code === 'en')!.dict;
  const enKeys = Object.keys(en).sort();
  assert.ok(enKeys.length > 50);
  for (const l of langs) {
    const keys = Object.keys(l.dict).sort();
    const missing = enKeys.filter((k) => !(k in l.dict));
    const extra = keys.filter((k) => !(k in en));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `${l.code}.ts keys differ from en.ts`);
    for (const k of keys) {
      const v = l.dict[k];
      assert.ok(typeof v === 'string' && v.trim().length > 0, `${l.code}: '${k}' is empty`);
      assert.deepEqual(placeholders(v as string), placeholders(en[k] as string), `${l.code}: '${k}' has other placeholders than English`);
    }
  }
});

test('Russian is really translated: most messages differ from English and use Cyrillic', async () => {
  const langs = await loadLanguages();
  const en = langs.find((l) => l.code === 'en')!.dict;
  const ru = langs.find((l) => l.code === 'ru')!.dict;
  const keys = Object.keys(en);
  const cyrillic = keys.filter((k) => /[\u0400-\u04ff]/.test(ru[k] as string));
  // Units, symbols and codes (FL, '#', 'CPA {s} s' → 'CPA {s} с') may stay close; words may not.
  assert.ok(cyrillic.length / keys.length > 0.9, `only ${cyrillic.length} of ${keys.length} Russian messages contain Cyrillic`);
});

test('every key the UI uses exists in English', async () => {
  const langs = await loadLanguages();
  const en = langs.find((l) => l.code === 'en')!.dict;
  const areas = new Set(Object.keys(en).map((k) => k.split('.')[0]));
  const used = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles(join(WEB, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) prefixes.add(m[1].replace(/\.$/, ''));
    // Keys handed to t() indirectly (column titles, help lines, chart titles): any 'area.name' literal whose area
    // is one of the dictionary's areas.
    for (const m of text.matchAll(/'([a-zA-Z]+)\.([\w.-]+)'/g)) if (areas.has(m[1])) used.add(`${m[1]}.${m[2]}`);
  }
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n(?:-title|-placeholder)?="([^"]+)"/g)) used.add(m[1]);
  assert.ok(used.size > 100, `only ${used.size} keys found: the scan is broken`);
  const missing = [...used].filter((k) => !(k in en));
  assert.deepEqual(missing, [], 'keys used in web/ but missing from en.ts');

  for (const p of prefixes) {
    assert.ok(p in DYNAMIC, `t(\`${p}.\${...}\`) is used; add where its values come from to DYNAMIC`);
    const [file, type] = DYNAMIC[p];
    const absent = unionMembers(file, type)
      .map((v) => `${p}.${v}`)
      .filter((k) => !(k in en));
    assert.deepEqual(absent, [], `values of ${type} without a message`);
  }
});
