// SPDX-License-Identifier: GPL-3.0-or-later
// The ATS message parser against a corpus written from the formats of ICAO Doc 4444 appendices 2 and 3: every
// field type and item 15/18 element form, with values decoded by hand from the format rules, and broken messages
// with the item and token each must be refused for.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatItemError } from '../../src/notify/errors.ts';
import { type AtsMessage, parseAtsMessage, splitMessages } from '../../src/notify/message.ts';
import type { RouteElement } from '../../src/notify/route.ts';

interface Valid {
  name: string;
  text: string;
  expect: Record<string, unknown>;
}
interface Invalid {
  name: string;
  text: string;
  item: string;
  token: string;
}
const corpus = JSON.parse(readFileSync(new URL('../fixtures/notify/corpus.json', import.meta.url), 'utf8')) as { valid: Valid[]; invalid: Invalid[] };

/** Every key of `expected` must be equal in `actual` (recursively); arrays must have the same length. */
function assertSubset(actual: unknown, expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    for (const [i, v] of expected.entries()) assertSubset((actual as unknown[])[i], v, `${path}[${i}]`);
    return;
  }
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    assert.ok(actual !== null && typeof actual === 'object', `${path} missing`);
    for (const [k, v] of Object.entries(expected)) assertSubset((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) < 1e-9, `${path}: ${actual} != ${expected}`);
    return;
  }
  assert.deepEqual(actual, expected, path);
}

const points = (m: AtsMessage) => (m.item15?.elements ?? []).filter((e): e is Extract<RouteElement, { kind: 'point' }> => e.kind === 'point');

describe('ATS messages: the valid corpus', () => {
  for (const v of corpus.valid) {
    it(v.name, () => {
      const r = parseAtsMessage(v.text);
      assert.ok(r.ok, r.ok ? '' : formatItemError(r.error));
      const m = r.value;
      const { speed, level, points: pts, changes, changesRaw, cruiseClimbs, polar, airways, truncated, procedures, amended, amendedLevel, ...items } = v.expect;
      assertSubset(m, items, 'message');
      if (speed) assertSubset(m.item15!.speed, speed, 'speed');
      if (level) assertSubset(m.item15!.level, level, 'level');
      if (pts) {
        const got = points(m).map((p) => (p.point.kind === 'coord' ? [p.point.lat, p.point.lon] : p.point.kind === 'name' ? [p.point.name] : [p.text]));
        assertSubset(got, pts, 'points');
      }
      if (changes) {
        const got = points(m)
          .filter((p) => p.level && !p.cruiseClimbTo)
          .map((p) => [p.speed!.unit, p.speed!.value, p.level!.unit, p.level!.value, (p.point as { lat: number }).lat, (p.point as { lon: number }).lon]);
        assertSubset(got, changes, 'changes');
      }
      if (changesRaw) {
        const got = points(m)
          .filter((p) => p.level)
          .map((p) => [p.text, p.speed!.unit, p.speed!.value, p.level!.unit, p.level!.value]);
        assertSubset(got, changesRaw, 'changesRaw');
      }
      if (cruiseClimbs) {
        const got = points(m)
          .filter((p) => p.cruiseClimbTo)
          .map((p) => [(p.point as { lat: number }).lat, (p.point as { lon: number }).lon, p.level!.text, p.cruiseClimbTo === 'PLUS' ? 'PLUS' : p.cruiseClimbTo!.text]);
        assertSubset(got, cruiseClimbs, 'cruiseClimbs');
      }
      if (polar) {
        const p = points(m).find((e) => e.point.kind === 'polar')!.point;
        assert.ok(p.kind === 'polar');
        const want = polar as { from: string; bearingDeg: number; distNm: number };
        assert.deepEqual([p.from, p.bearingDeg, p.distNm], [{ kind: 'name', name: want.from }, want.bearingDeg, want.distNm]);
      }
      if (airways) assert.deepEqual(m.item15!.elements.flatMap((e) => (e.kind === 'airway' ? [e.name] : [])), airways);
      if (procedures) assert.deepEqual(m.item15!.elements.flatMap((e) => (e.kind === 'procedure' ? [e.name] : [])), procedures);
      if (truncated !== undefined) assert.equal(m.item15!.elements.at(-1)!.kind === 'truncated', truncated);
      if (amended) assert.deepEqual(Object.keys(m.amendments!), amended);
      if (amendedLevel) assertSubset(m.amendments!.item15!.level, amendedLevel, 'amendedLevel');
    });
  }
});

describe('ATS messages: broken messages are refused with the item and token', () => {
  for (const b of corpus.invalid) {
    it(b.name, () => {
      const r = parseAtsMessage(b.text);
      assert.equal(r.ok, false, 'must be refused');
      if (r.ok) return;
      assert.equal(r.error.item, b.item, formatItemError(r.error));
      assert.equal(r.error.token, b.token, formatItemError(r.error));
      assert.ok(r.error.reason.length > 10);
    });
  }

  it('never throws on arbitrary bytes, and refuses every truncation of a valid message', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const alphabet = '()-/ ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\n';
    for (let k = 0; k < 2000; k++) {
      const n = Math.floor(rnd() * 80);
      let s = rnd() < 0.5 ? '(FPL-' : '';
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const r = parseAtsMessage(s);
      assert.ok(r.ok === true || (typeof r.error.item === 'string' && typeof r.error.token === 'string'));
    }
    const full = corpus.valid[0].text;
    for (let cut = 1; cut < full.length - 1; cut++) {
      const r = parseAtsMessage(full.slice(0, cut));
      assert.equal(r.ok, false, `accepted a truncation at ${cut}`);
    }
  });
});

describe('splitMessages', () => {
  it('finds each parenthesised message and ignores text around them', () => {
    const text = `ZCZC header line\n${corpus.valid[7].text}\n\n# comment\n${corpus.valid[8].text}\nNNNN`;
    assert.deepEqual(splitMessages(text), [corpus.valid[7].text, corpus.valid[8].text]);
  });
});
