// SPDX-License-Identifier: GPL-3.0-or-later
// Incident reports: every language has exactly the English message ids and fills every placeholder; the page is
// self-contained (no external resource) with its three charts; the language option changes the words, not the
// figures; the same record gives the same bytes; and Chromium prints it to a PDF.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeEvents } from '../../../src/cli/analyze.ts';
import { renderReport } from '../../../src/safety/report/html.ts';
import { en } from '../../../src/safety/report/i18n/en.ts';
import { LANGUAGES } from '../../../src/safety/report/i18n/index.ts';
import { writePdfs } from '../../../src/safety/report/pdf.ts';
import { idealTrackEvents } from '../../../src/sim/truth-tracks.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  for (const [lang, dict] of Object.entries(LANGUAGES)) {
    it(`${lang}: the same ids as English, the same placeholders, no empty text`, () => {
      assert.deepEqual(Object.keys(dict).sort(), Object.keys(en).sort());
      for (const [id, text] of Object.entries(dict)) {
        assert.ok(text.trim().length > 0, id);
        assert.deepEqual(placeholders(text), placeholders(en[id as keyof typeof en]), id);
      }
    });
  }
});

describe('the sk681 report', () => {
  const rec = analyzeEvents(idealTrackEvents('sk681-2014-03-03', 600)).records[0];
  const html = { en: renderReport(rec, { lang: 'en' }), ru: renderReport(rec, { lang: 'ru' }) };

  it('is self-contained, with plan view, vertical profile and distance charts', () => {
    for (const page of Object.values(html)) {
      assert.equal((page.match(/<svg /g) ?? []).length, 3);
      assert.doesNotMatch(page, /<script|<link|<img|src=|url\(/i);
      assert.doesNotMatch(page, /\{\w+\}/, 'no unfilled placeholder');
      assert.match(page, /<path d="M/);
    }
  });

  it('takes its words from the chosen language and keeps the figures', () => {
    assert.match(html.en, /A: risk of collision/);
    assert.match(html.ru, /A: риск столкновения/);
    assert.doesNotMatch(html.ru, /risk of collision|Closest point/);
    assert.match(html.ru, /<html lang="ru">/);
    const figures = (s: string) => (s.match(/\d+\.\d+/g) ?? []).join(' ');
    assert.equal(figures(html.ru.replace(/<svg[\s\S]*?<\/svg>/g, '')), figures(html.en.replace(/<svg[\s\S]*?<\/svg>/g, '')));
    assert.ok(html.en.includes(rec.encounter.encounterId));
  });

  it('is deterministic', () => {
    assert.equal(renderReport(rec, { lang: 'en' }), html.en);
  });

  it('an unknown language is an error naming the languages', () => {
    assert.throws(() => renderReport(rec, { lang: 'xx' }), /no report language 'xx' \(have: en, ru\)/);
  });

  it('prints to PDF through Chromium', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jointsky-report-')), 'r.pdf');
    await writePdfs([{ html: html.ru, path }]);
    const pdf = readFileSync(path);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 10_000);
  });
});
