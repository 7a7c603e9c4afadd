// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GenerationalMap } from '../../src/core/generational-map.ts';
import { mulberry32 } from '../helpers/prng.ts';

test('an entry touched within the period survives; one untouched for two periods is gone', () => {
  const rand = mulberry32(7);
  const periodMs = 1000;
  const m = new GenerationalMap<number, number>(periodMs);
  const lastTouch = new Map<number, number>();
  let now = 0;
  for (let step = 0; step < 20_000; step++) {
    now += Math.floor(rand() * 50);
    m.advance(now);
    const key = Math.floor(rand() * 200);
    if (rand() < 0.5) {
      m.set(key, now);
      lastTouch.set(key, now);
    } else if (m.get(key) !== undefined) lastTouch.set(key, now);
    for (const [k, t] of lastTouch) {
      if (now - t < periodMs) assert.ok(m.peek(k) !== undefined, `key ${k} touched ${now - t} ms ago must be kept`);
      if (now - t >= 2 * periodMs) assert.equal(m.peek(k), undefined, `key ${k} untouched ${now - t} ms must be gone`);
    }
  }
});

test('memory stays bounded by the keys seen in two periods', () => {
  const m = new GenerationalMap<number, number>(100);
  for (let t = 0; t < 100_000; t++) {
    m.advance(t);
    m.set(t, t); // a new key every ms, never seen again
    assert.ok(m.size <= 201);
  }
});

test('a non-positive period is refused', () => {
  assert.throws(() => new GenerationalMap(0), RangeError);
});
