// SPDX-License-Identifier: GPL-3.0-or-later
// The spatial grid against brute force: every overlapping pair exactly once, and box queries, on random boxes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoxGrid } from '../../src/safety/grid.ts';
import { mulberry32, uniform } from '../helpers/prng.ts';

interface Boxes {
  n: number;
  minX: Float64Array;
  minY: Float64Array;
  maxX: Float64Array;
  maxY: Float64Array;
  minZ: Float64Array;
  maxZ: Float64Array;
}

function randomBoxes(seed: number, n: number, span: number, size: number, unboundedZShare: number): Boxes {
  const rand = mulberry32(seed);
  const b: Boxes = {
    n,
    minX: new Float64Array(n),
    minY: new Float64Array(n),
    maxX: new Float64Array(n),
    maxY: new Float64Array(n),
    minZ: new Float64Array(n),
    maxZ: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const x = uniform(rand, 0, span);
    const y = uniform(rand, 50, 50 + span);
    const z = uniform(rand, 0, 12000);
    // Sizes vary widely, with some boxes far larger than the mean and some of zero extent.
    const w = rand() < 0.05 ? size * 20 * rand() : rand() < 0.1 ? 0 : size * rand();
    const h = rand() < 0.05 ? size * 20 * rand() : size * rand();
    b.minX[i] = x;
    b.maxX[i] = x + w;
    b.minY[i] = y;
    b.maxY[i] = y + h;
    if (rand() < unboundedZShare) {
      // Mostly unbounded both ways (unknown altitude), some only one way.
      const r = rand();
      b.minZ[i] = r < 0.2 ? z : -Infinity;
      b.maxZ[i] = r > 0.8 ? z : Infinity;
    } else {
      b.minZ[i] = z;
      b.maxZ[i] = z + uniform(rand, 0, 2000);
    }
  }
  return b;
}

function bruteForce(b: Boxes, useZ: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < b.n; i++) {
    for (let j = i + 1; j < b.n; j++) {
      if (b.minX[i] > b.maxX[j] || b.minX[j] > b.maxX[i] || b.minY[i] > b.maxY[j] || b.minY[j] > b.maxY[i]) continue;
      if (useZ && (b.minZ[i] > b.maxZ[j] || b.minZ[j] > b.maxZ[i])) continue;
      out.push(`${i},${j}`);
    }
  }
  return out;
}

function gridPairs(grid: BoxGrid, b: Boxes, useZ: boolean): string[] {
  if (useZ) grid.build(b.n, b.minX, b.minY, b.maxX, b.maxY, b.minZ, b.maxZ);
  else grid.build(b.n, b.minX, b.minY, b.maxX, b.maxY);
  const count = grid.overlappingPairs();
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    assert.ok(grid.pairA[k] < grid.pairB[k], 'pairs come lower index first');
    out.push(`${grid.pairA[k]},${grid.pairB[k]}`);
  }
  return out;
}

test('overlapping pairs equal brute force, each pair once (2D and 3D, dense and sparse)', () => {
  const grid = new BoxGrid(); // reused on purpose: buffers carry over between builds
  const cases = [
    { n: 400, span: 10, size: 0.5, unb: 0 },
    { n: 800, span: 2, size: 0.5, unb: 0.05 }, // dense
    { n: 300, span: 50, size: 0.2, unb: 0.2 }, // sparse
    { n: 50, span: 1, size: 3, unb: 0.5 }, // boxes larger than the area
  ];
  let seed = 11;
  for (const c of cases) {
    for (let rep = 0; rep < 3; rep++) {
      const b = randomBoxes(seed++, c.n, c.span, c.size, c.unb);
      for (const useZ of [false, true]) {
        const got = gridPairs(grid, b, useZ);
        assert.equal(new Set(got).size, got.length, 'no pair twice');
        assert.deepEqual(got.sort(), bruteForce(b, useZ).sort(), `n=${c.n} span=${c.span} z=${useZ}`);
      }
    }
  }
});

test('degenerate inputs: no boxes, one box, all boxes identical points', () => {
  const grid = new BoxGrid();
  const empty = randomBoxes(1, 0, 1, 1, 0);
  assert.deepEqual(gridPairs(grid, empty, true), []);
  const one = randomBoxes(2, 1, 1, 1, 0);
  assert.deepEqual(gridPairs(grid, one, true), []);
  const same = randomBoxes(3, 20, 1, 1, 0);
  for (let i = 0; i < 20; i++) {
    same.minX[i] = same.maxX[i] = 5;
    same.minY[i] = same.maxY[i] = 55;
    same.minZ[i] = same.maxZ[i] = 3000;
  }
  assert.equal(gridPairs(grid, same, true).length, (20 * 19) / 2);
});

test('box queries equal brute force', () => {
  const rand = mulberry32(99);
  const b = randomBoxes(7, 500, 10, 0.4, 0.1);
  const grid = new BoxGrid();
  grid.build(b.n, b.minX, b.minY, b.maxX, b.maxY, b.minZ, b.maxZ);
  let out: Int32Array = new Int32Array(4);
  for (let q = 0; q < 200; q++) {
    const x = uniform(rand, -1, 11);
    const y = uniform(rand, 49, 61);
    const w = uniform(rand, 0, 2);
    const z = uniform(rand, 0, 12000);
    const zl = q % 5 === 0 ? -Infinity : z;
    const zh = q % 7 === 0 ? Infinity : z + 500;
    const r = grid.query(x, y, x + w, y + w, out, zl, zh);
    out = r.out;
    const got = Array.from(out.subarray(0, r.count)).sort((p, s) => p - s);
    const want: number[] = [];
    for (let i = 0; i < b.n; i++) {
      if (b.minX[i] > x + w || b.maxX[i] < x || b.minY[i] > y + w || b.maxY[i] < y || b.minZ[i] > zh || b.maxZ[i] < zl) continue;
      want.push(i);
    }
    assert.deepEqual(got, want);
  }
});
