// SPDX-License-Identifier: GPL-3.0-or-later
// The assignment solver against an exhaustive search over every injection of the smaller side into the
// larger, on seeded random rectangular matrices up to 7×7, plus small cases checked by hand.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AssignmentSolver, solveAssignment } from '../../../src/fusion/metrics/assignment.ts';
import { mulberry32, randInt } from '../../helpers/prng.ts';

/** Minimum total cost over all ways to pair min(rows, cols) rows with distinct columns. */
function bruteForce(cost: Float64Array, rows: number, cols: number): number {
  const k = Math.min(rows, cols);
  const usedRows = new Uint8Array(rows);
  const usedCols = new Uint8Array(cols);
  let best = Number.POSITIVE_INFINITY;
  // Pair the smaller side's items in order with unused items of the larger side.
  const rec = (item: number, sum: number): void => {
    if (item === k) {
      if (sum < best) best = sum;
      return;
    }
    const largeCount = Math.max(rows, cols);
    for (let other = 0; other < largeCount; other++) {
      if (rows <= cols) {
        if (usedCols[other]) continue;
        usedCols[other] = 1;
        rec(item + 1, sum + cost[item * cols + other]);
        usedCols[other] = 0;
      } else {
        if (usedRows[other]) continue;
        usedRows[other] = 1;
        rec(item + 1, sum + cost[other * cols + item]);
        usedRows[other] = 0;
      }
    }
  };
  rec(0, 0);
  return k === 0 ? 0 : best;
}

function checkValid(rowToCol: Int32Array, rows: number, cols: number): void {
  const seen = new Set<number>();
  let assigned = 0;
  for (let r = 0; r < rows; r++) {
    const c = rowToCol[r];
    if (c === -1) continue;
    assert.ok(c >= 0 && c < cols, `column ${c} out of range`);
    assert.ok(!seen.has(c), `column ${c} used twice`);
    seen.add(c);
    assigned++;
  }
  assert.equal(assigned, Math.min(rows, cols), 'every item of the smaller side is assigned');
}

describe('assignment solver', () => {
  it('hand cases: a 3×3 where greedy fails, a 2×3 and a 3×2', () => {
    // Greedy by smallest entry takes (0,0)=1 and (2,2)=1, leaving row 1 to column 1 at 100: 102 in all.
    // The optimum is 0→1, 1→0, 2→2: 2 + 2 + 1 = 5 (the other five permutations cost 19, 20, 20, 102 and 118).
    const a = Float64Array.from([1, 2, 9, 2, 100, 9, 9, 9, 1]);
    const r = solveAssignment(a, 3, 3);
    assert.deepEqual([...r.rowToCol], [1, 0, 2]);
    assert.equal(r.cost, 5);
    // 2 rows, 3 columns: row 0 → col 2 (1), row 1 → col 0 (2); total 3.
    const b = Float64Array.from([5, 4, 1, 2, 7, 3]);
    const rb = solveAssignment(b, 2, 3);
    assert.deepEqual([...rb.rowToCol], [2, 0]);
    assert.equal(rb.cost, 3);
    // 3 rows, 2 columns (the transpose of b): the same pairs; row 1 (cost column [4, 7]) is left out.
    const c = Float64Array.from([5, 2, 4, 7, 1, 3]);
    const rc = solveAssignment(c, 3, 2);
    assert.deepEqual([...rc.rowToCol], [1, -1, 0]);
    assert.equal(rc.cost, 3);
  });

  it('empty matrices cost 0 and leave every row unassigned', () => {
    assert.equal(solveAssignment(new Float64Array(0), 0, 0).cost, 0);
    const r = solveAssignment(new Float64Array(0), 3, 0);
    assert.deepEqual([...r.rowToCol], [-1, -1, -1]);
    assert.equal(solveAssignment(new Float64Array(0), 0, 4).rowToCol.length, 0);
  });

  it('matches the exhaustive search on seeded random matrices up to 7×7 (one reused solver)', () => {
    const rand = mulberry32(20171);
    const solver = new AssignmentSolver();
    const rowToCol = new Int32Array(7);
    let cases = 0;
    for (let trial = 0; trial < 1500; trial++) {
      const rows = randInt(rand, 1, 7);
      const cols = randInt(rand, 1, 7);
      const cost = new Float64Array(rows * cols);
      const kind = trial % 3;
      for (let q = 0; q < cost.length; q++) {
        // small integers (many ties), real values, and values of both signs over a wide range
        cost[q] = kind === 0 ? randInt(rand, 0, 4) : kind === 1 ? rand() * 100 : (rand() - 0.5) * 1e6;
      }
      const total = solver.solve(cost, rows, cols, rowToCol);
      checkValid(rowToCol, rows, cols);
      let sum = 0;
      for (let r = 0; r < rows; r++) if (rowToCol[r] >= 0) sum += cost[r * cols + rowToCol[r]];
      assert.ok(Math.abs(total - sum) <= 1e-9 * Math.max(1, Math.abs(sum)), 'returned cost is the assignment’s cost');
      const best = bruteForce(cost, rows, cols);
      assert.ok(Math.abs(total - best) <= 1e-9 * Math.max(1, Math.abs(best)), `${rows}×${cols}: ${total} vs ${best}`);
      cases++;
    }
    assert.equal(cases, 1500);
  });

  it('rejects non-finite costs and short buffers', () => {
    assert.throws(() => solveAssignment(Float64Array.from([1, Number.POSITIVE_INFINITY]), 1, 2), RangeError);
    assert.throws(() => solveAssignment(Float64Array.from([Number.NaN]), 1, 1), RangeError);
    assert.throws(() => solveAssignment(Float64Array.from([1, 2]), 2, 2), RangeError);
    assert.throws(() => new AssignmentSolver().solve(Float64Array.from([1, 2]), 2, 1, new Int32Array(1)), RangeError);
  });
});
