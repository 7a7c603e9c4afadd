// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky analyze` end to end: help, usage errors (exit 2, one line), an --ideal run with its files, and the same
// run read back from its tracks NDJSON giving byte-identical encounters; bad lines named as FILE:LINE.

import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'jointsky-analyze-'));

test('--help documents the sources, the files written and the options', async () => {
  const r = await runCli(['analyze', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /Usage: jointsky analyze SOURCES/);
  assert.match(r.out, /tracks NDJSON/);
  assert.match(r.out, /encounters\.ndjson/);
  assert.match(r.out, /--lang/);
});

test('usage mistakes exit 2 with one line naming the problem', async () => {
  const cases: [string[], RegExp][] = [
    [['analyze'], /give SOURCES \(tracks NDJSON files\) or --ideal SCENARIO/],
    [['analyze', 'x.ndjson', '--ideal', 'sk681-2014-03-03'], /not both/],
    [['analyze', '--ideal', 'nope'], /'nope' is neither a built-in scenario/],
    [['analyze', 'missing.ndjson'], /source 'missing\.ndjson' not found/],
    [['analyze', '--ideal', 'sk681-2014-03-03', '--pdf'], /--pdf goes with --report/],
    [['analyze', '--ideal', 'sk681-2014-03-03', '--lang', 'fr'], /--lang must be one of en, ru/],
    [['analyze', '--ideal', 'sk681-2014-03-03', '--seconds', '0'], /--seconds must be a positive number/],
  ];
  for (const [args, pattern] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, pattern);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});

test('a bad --config names the file and the key', async () => {
  const dir = tmp();
  const cfg = join(dir, 'cfg.json');
  writeFileSync(cfg, JSON.stringify({ encounters: { detection: { horizNm: -5 } } }));
  const r = await runCli(['analyze', '--ideal', 'sk681-2014-03-03', '--seconds', '10', '--config', cfg]);
  assert.equal(r.code, 1);
  assert.match(r.err, /cfg\.json: encounters\.detection\.horizNm/);
});

test('--ideal sk681 writes the files; its tracks NDJSON read back gives the same encounters', async () => {
  const dir = tmp();
  const tracks = join(dir, 'tracks.ndjson');
  const a = await runCli(['analyze', '--ideal', 'sk681-2014-03-03', '--seconds', '600', '--report', join(dir, 'a'), '--tracks-out', tracks]);
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /encounters: 1 \(A 1, B 0, C 0, D 0, E 0\)/);
  assert.match(a.out, /SAS681 \/ #\d+ \(dark\)/);
  const enc = readFileSync(join(dir, 'a', 'encounters.ndjson'), 'utf8');
  const id = JSON.parse(enc.trim()).encounterId as string;
  assert.ok(existsSync(join(dir, 'a', 'reports', `${id}.html`)));
  const stats = JSON.parse(readFileSync(join(dir, 'a', 'compliance.json'), 'utf8'));
  assert.equal(stats.parties.find((p: { party: string }) => p.party === 'unattributed').encountersWithCivilWhileDark, 1);
  assert.match(readFileSync(join(dir, 'a', 'events.ndjson'), 'utf8'), /"type":"dark-appeared"/);

  appendFileSync(tracks, 'not json\n{"type":"update","track":{"trackId":1}}\n');
  const b = await runCli(['analyze', tracks, '--report', join(dir, 'b'), '--lang', 'ru']);
  assert.equal(b.code, 0, b.err);
  assert.equal(readFileSync(join(dir, 'b', 'encounters.ndjson'), 'utf8'), enc);
  assert.match(b.err, /skipped 2 line\(s\)/);
  assert.match(b.err, /tracks\.ndjson:\d+: not JSON/);
  assert.match(b.err, /tracks\.ndjson:\d+: track\.timeMs/);
  assert.match(readFileSync(join(dir, 'b', 'reports', `${id}.html`), 'utf8'), /риск столкновения/);
});
