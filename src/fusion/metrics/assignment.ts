// SPDX-License-Identifier: GPL-3.0-or-later
// Optimal linear assignment for rectangular cost matrices: the Hungarian (Kuhn–Munkres) method in its
// shortest-augmenting-path form with dual potentials, O(k²·l) for a k×l problem with k ≤ l.
//
// The smaller side is always the one that is fully assigned: with R rows and C columns, min(R, C) pairs are
// made and the rest of the larger side stays unassigned. A solver keeps its work arrays between calls and
// grows them only when a larger problem arrives, so repeated calls (one per scan, say) do not allocate.
//
// How it works, for the k "small-side" items against the l "large-side" items (k ≤ l):
//   - potentials u (small side) and v (large side) satisfy cost(i, j) - u[i] - v[j] ≥ 0 for every pair, and
//     the reduced cost is 0 on every assigned pair; the assignment is then optimal (LP duality).
//   - items of the small side are inserted one at a time. For each, a Dijkstra-like search over reduced costs
//     grows a tree of alternating paths until it reaches a free large-side item; potentials are shifted by the
//     search distance so that reduced costs stay non-negative, and the path is flipped, adding one pair.

/** A row-major cost matrix: `cost[r * cols + c]` is the cost of pairing row r with column c. */
export type CostMatrix = ArrayLike<number>;

export class AssignmentSolver {
  // Index 0 of the large side is a virtual "root" item that the current small-side item hangs from.
  private u = new Float64Array(1); // potentials of the small side (1-based; 0 unused)
  private v = new Float64Array(1); // potentials of the large side (1-based; 0 is the root)
  private minReduced = new Float64Array(1); // best reduced cost found so far to each large-side item
  private owner = new Int32Array(1); // owner[j]: the small-side item (1-based) assigned to large item j, 0 if free
  private via = new Int32Array(1); // via[j]: the large item preceding j on the best alternating path
  private visited = new Uint8Array(1);

  private ensure(k: number, l: number): void {
    if (this.u.length < k + 1) this.u = new Float64Array(k + 1);
    if (this.v.length < l + 1) {
      this.v = new Float64Array(l + 1);
      this.minReduced = new Float64Array(l + 1);
      this.owner = new Int32Array(l + 1);
      this.via = new Int32Array(l + 1);
      this.visited = new Uint8Array(l + 1);
    }
  }

  /**
   * Solves the assignment for a `rows`×`cols` matrix, writing into `rowToCol` (length ≥ rows) the column
   * assigned to each row, or -1 for a row left unassigned (only when rows > cols). Returns the total cost of
   * the assigned pairs. Costs must be finite (throws RangeError otherwise); they may be negative.
   */
  solve(cost: CostMatrix, rows: number, cols: number, rowToCol: Int32Array): number {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`assignment: bad matrix size ${rows}×${cols}`);
    }
    if (cost.length < rows * cols) throw new RangeError(`assignment: cost has ${cost.length} entries, need ${rows * cols}`);
    if (rowToCol.length < rows) throw new RangeError(`assignment: rowToCol has ${rowToCol.length} entries, need ${rows}`);
    for (let q = 0; q < rows * cols; q++) {
      if (!Number.isFinite(cost[q])) throw new RangeError(`assignment: cost[${q}] is not finite`);
    }
    rowToCol.fill(-1, 0, rows);
    if (rows === 0 || cols === 0) return 0;

    // The small side is the rows unless there are more rows than columns. cost(i, j) for small item i and
    // large item j (both 0-based) is cost[i * smallStride + j * largeStride].
    const transposed = rows > cols;
    const k = transposed ? cols : rows;
    const l = transposed ? rows : cols;
    const smallStride = transposed ? 1 : cols;
    const largeStride = transposed ? cols : 1;
    this.ensure(k, l);
    const { u, v, minReduced, owner, via, visited } = this;
    u.fill(0, 0, k + 1);
    v.fill(0, 0, l + 1);
    owner.fill(0, 0, l + 1);

    for (let item = 1; item <= k; item++) {
      // Hang the new item from the root and search for the cheapest alternating path to a free large item.
      owner[0] = item;
      let j0 = 0;
      minReduced.fill(Number.POSITIVE_INFINITY, 0, l + 1);
      visited.fill(0, 0, l + 1);
      do {
        visited[j0] = 1;
        const i0 = owner[j0];
        const base = (i0 - 1) * smallStride;
        let delta = Number.POSITIVE_INFINITY;
        let j1 = 0;
        for (let j = 1; j <= l; j++) {
          if (visited[j]) continue;
          const reduced = cost[base + (j - 1) * largeStride] - u[i0] - v[j];
          if (reduced < minReduced[j]) {
            minReduced[j] = reduced;
            via[j] = j0;
          }
          if (minReduced[j] < delta) {
            delta = minReduced[j];
            j1 = j;
          }
        }
        // Shift potentials: the tree's items get closer by delta, the rest's tentative distances shrink.
        for (let j = 0; j <= l; j++) {
          if (visited[j]) {
            u[owner[j]] += delta;
            v[j] -= delta;
          } else {
            minReduced[j] -= delta;
          }
        }
        j0 = j1;
      } while (owner[j0] !== 0);
      // Flip the path back to the root: each large item on it takes the owner of its predecessor.
      do {
        const prev = via[j0];
        owner[j0] = owner[prev];
        j0 = prev;
      } while (j0 !== 0);
    }

    let total = 0;
    for (let j = 1; j <= l; j++) {
      const i = owner[j];
      if (i === 0) continue;
      const r = transposed ? j - 1 : i - 1;
      const c = transposed ? i - 1 : j - 1;
      rowToCol[r] = c;
      total += cost[r * cols + c];
    }
    return total;
  }
}

/** One-off convenience: solves and returns a fresh row→column array (-1 = unassigned) and the total cost. */
export function solveAssignment(cost: CostMatrix, rows: number, cols: number): { rowToCol: Int32Array; cost: number } {
  const rowToCol = new Int32Array(rows);
  const total = new AssignmentSolver().solve(cost, rows, cols, rowToCol);
  return { rowToCol, cost: total };
}
