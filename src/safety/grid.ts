// SPDX-License-Identifier: GPL-3.0-or-later
// A uniform grid over axis-aligned boxes: every pair of overlapping boxes exactly once, and box queries, in typed
// arrays that are reused from one build to the next (no N×N work, no per-cycle allocation once warm).

/**
 * Boxes are given as structure-of-arrays (minX, minY, maxX, maxY, and optionally minZ/maxZ for a third axis, e.g.
 * altitude). x and y must be finite; z may be ±Infinity (an unknown altitude). Coordinates are whatever the caller
 * uses (the STCA uses degrees and metres).
 *
 * A box goes into every cell it covers. A pair of overlapping boxes is reported only by the cell that holds the
 * lower corner of their intersection, so it comes out once without a hash set. Boxes unbounded in z go into one
 * extra layer of x/y cells instead of every z layer; they are paired with each other there, and with the bounded
 * boxes of every z layer of the same x/y cell (reported at the bounded box's lowest z cell).
 */
export class BoxGrid {
  /** Overlapping pairs of the last `overlappingPairs()` call, a < b; `pairCount` of them are valid. */
  pairA: Int32Array = new Int32Array(1024);
  pairB: Int32Array = new Int32Array(1024);
  pairCount = 0;
  /** Cell size as a multiple of the mean box size per axis. */
  cellScale = 2;

  private n = 0;
  private nx = 1;
  private ny = 1;
  /** Bounded z layers; layer nz holds the boxes unbounded in z. */
  private nz = 1;
  private x0 = 0;
  private y0 = 0;
  private z0 = 0;
  private invCellX = 1;
  private invCellY = 1;
  private invCellZ = 0;
  private cellStart: Int32Array = new Int32Array(2);
  private cellFill: Int32Array = new Int32Array(1);
  /** Per (cell, box) entry: the box's position in the sorted order below. */
  private entryBox: Int32Array = new Int32Array(0);
  /**
   * The boxes sorted by their first cell, 6 numbers each (minX, minY, maxX, maxY, minZ, maxZ): the boxes of one
   * cell lie close together in memory, so scans stay in cache.
   */
  private sortedCoord: Float64Array = new Float64Array(0);
  /** Per box: first and last cell along x, y, z. */
  private boxCell: Int32Array = new Int32Array(0);
  private byFirstCell: Int32Array = new Int32Array(0);
  private stamp: Uint32Array = new Uint32Array(0);
  private stampNow = 0;
  private minX: Float64Array = new Float64Array(0);
  private minY: Float64Array = new Float64Array(0);
  private maxX: Float64Array = new Float64Array(0);
  private maxY: Float64Array = new Float64Array(0);
  private minZ: Float64Array | undefined;
  private maxZ: Float64Array | undefined;

  /** Number of cells along x, y and z (bounded layers) of the last build. */
  get cells(): [number, number, number] {
    return [this.nx, this.ny, this.nz];
  }

  /** Number of (cell, box) entries of the last build. */
  get entries(): number {
    return this.cellStart[this.nx * this.ny * (this.nz + 1)];
  }

  /**
   * Indexes boxes 0..n-1. The cell size along each axis is about the mean box size there (which minimises the
   * pairs tested), enlarged so that there are at most about 4n cells (memory stays O(n) whatever the spread).
   */
  build(
    n: number,
    minX: Float64Array,
    minY: Float64Array,
    maxX: Float64Array,
    maxY: Float64Array,
    minZ?: Float64Array,
    maxZ?: Float64Array,
  ): void {
    this.n = n;
    this.minX = minX;
    this.minY = minY;
    this.maxX = maxX;
    this.maxY = maxY;
    this.minZ = minZ && maxZ ? minZ : undefined;
    this.maxZ = minZ && maxZ ? maxZ : undefined;
    this.nx = this.ny = this.nz = 1;
    if (n === 0) {
      this.cellStart = ensureInt(this.cellStart, 3);
      this.cellStart.fill(0, 0, 3);
      return;
    }
    let lx = Infinity;
    let ly = Infinity;
    let lz = Infinity;
    let hx = -Infinity;
    let hy = -Infinity;
    let hz = -Infinity;
    let sumW = 0;
    let sumH = 0;
    let sumD = 0;
    let bounded = 0;
    for (let i = 0; i < n; i++) {
      const ax = minX[i];
      const ay = minY[i];
      const bx = maxX[i];
      const by = maxY[i];
      if (ax < lx) lx = ax;
      if (ay < ly) ly = ay;
      if (bx > hx) hx = bx;
      if (by > hy) hy = by;
      sumW += bx - ax;
      sumH += by - ay;
      if (this.minZ && this.maxZ) {
        const az = this.minZ[i];
        const bz = this.maxZ[i];
        if (az > -Infinity && bz < Infinity) {
          if (az < lz) lz = az;
          if (bz > hz) hz = bz;
          sumD += bz - az;
          bounded++;
        }
      }
    }
    const extX = Math.max(hx - lx, 1e-12);
    const extY = Math.max(hy - ly, 1e-12);
    const extZ = bounded > 0 ? Math.max(hz - lz, 1e-12) : 0;
    const maxCells = 4 * n + 16;
    const f0 = this.cellScale;
    let kx = Math.min(extX / Math.max((f0 * sumW) / n, extX * 1e-6), maxCells);
    let ky = Math.min(extY / Math.max((f0 * sumH) / n, extY * 1e-6), maxCells);
    let kz = bounded > 0 ? Math.min(extZ / Math.max((f0 * sumD) / bounded, extZ * 1e-6), maxCells) : 1;
    const cells = Math.max(kx, 1) * Math.max(ky, 1) * Math.max(kz, 1);
    if (cells > maxCells) {
      const f = Math.cbrt(cells / maxCells);
      kx /= f;
      ky /= f;
      kz /= f;
    }
    this.nx = Math.max(1, Math.ceil(kx));
    this.ny = Math.max(1, Math.ceil(ky));
    this.nz = Math.max(1, Math.ceil(kz));
    this.x0 = lx;
    this.y0 = ly;
    this.z0 = bounded > 0 ? lz : 0;
    this.invCellX = this.nx / extX;
    this.invCellY = this.ny / extY;
    this.invCellZ = bounded > 0 ? this.nz / extZ : 0;

    const nx = this.nx;
    const nxy = this.nx * this.ny;
    const nCells = nxy * (this.nz + 1);
    this.cellStart = ensureInt(this.cellStart, nCells + 1);
    this.cellFill = ensureInt(this.cellFill, nCells);
    this.boxCell = ensureInt(this.boxCell, 6 * n);
    const start = this.cellStart;
    start.fill(0, 0, nCells + 1);
    const bc = this.boxCell;
    for (let i = 0; i < n; i++) {
      const ix0 = this.cellXOf(minX[i]);
      const iy0 = this.cellYOf(minY[i]);
      const ix1 = this.cellXOf(maxX[i]);
      const iy1 = this.cellYOf(maxY[i]);
      let iz0 = 0;
      let iz1 = 0;
      if (this.minZ && this.maxZ) {
        const az = this.minZ[i];
        const bz = this.maxZ[i];
        if (az > -Infinity && bz < Infinity) {
          iz0 = this.cellZOf(az);
          iz1 = this.cellZOf(bz);
        } else {
          iz0 = iz1 = this.nz; // the unbounded layer
        }
      }
      const o = 6 * i;
      bc[o] = ix0;
      bc[o + 1] = iy0;
      bc[o + 2] = iz0;
      bc[o + 3] = ix1;
      bc[o + 4] = iy1;
      bc[o + 5] = iz1;
      for (let z = iz0; z <= iz1; z++) for (let y = iy0; y <= iy1; y++) for (let x = ix0; x <= ix1; x++) start[z * nxy + y * nx + x + 1]++;
    }
    for (let c = 0; c < nCells; c++) start[c + 1] += start[c];
    const total = start[nCells];
    this.entryBox = ensureInt(this.entryBox, total);
    this.sortedCoord = ensureFloat(this.sortedCoord, 6 * n);
    // Sort the boxes by their first cell (a counting sort): spatial order for the coordinates, and the entry writes
    // below walk through the entry array nearly in sequence instead of at random.
    const fill = this.cellFill;
    fill.fill(0, 0, nCells);
    for (let i = 0; i < n; i++) fill[bc[6 * i + 2] * nxy + bc[6 * i + 1] * nx + bc[6 * i]]++;
    let acc = 0;
    for (let c = 0; c < nCells; c++) {
      const k = fill[c];
      fill[c] = acc;
      acc += k;
    }
    this.byFirstCell = ensureInt(this.byFirstCell, n);
    const order = this.byFirstCell;
    for (let i = 0; i < n; i++) order[fill[bc[6 * i + 2] * nxy + bc[6 * i + 1] * nx + bc[6 * i]]++] = i;
    fill.set(start.subarray(0, nCells));
    const eb = this.entryBox;
    const sc = this.sortedCoord;
    for (let k = 0; k < n; k++) {
      const i = order[k];
      const q = 6 * k;
      sc[q] = minX[i];
      sc[q + 1] = minY[i];
      sc[q + 2] = maxX[i];
      sc[q + 3] = maxY[i];
      sc[q + 4] = this.minZ ? this.minZ[i] : -Infinity;
      sc[q + 5] = this.maxZ ? this.maxZ[i] : Infinity;
      const o = 6 * i;
      for (let z = bc[o + 2]; z <= bc[o + 5]; z++) {
        for (let y = bc[o + 1]; y <= bc[o + 4]; y++) {
          for (let x = bc[o]; x <= bc[o + 3]; x++) eb[fill[z * nxy + y * nx + x]++] = k;
        }
      }
    }
  }

  private cellXOf(x: number): number {
    const c = Math.floor((x - this.x0) * this.invCellX);
    return c < 0 ? 0 : c >= this.nx ? this.nx - 1 : c;
  }

  private cellYOf(y: number): number {
    const c = Math.floor((y - this.y0) * this.invCellY);
    return c < 0 ? 0 : c >= this.ny ? this.ny - 1 : c;
  }

  /** The bounded z layer of z (0 when the grid has no z: the product is then NaN or 0). */
  private cellZOf(z: number): number {
    const c = Math.floor((z - this.z0) * this.invCellZ);
    // biome-ignore lint/complexity/useMathMinMax: NaN (no z axis) must give 0, which Math.max would not
    return c >= this.nz ? this.nz - 1 : c > 0 ? c : 0;
  }

  /** Records the pair of sorted positions ka, kb as box indices. */
  private push(count: number, ka: number, kb: number): void {
    if (count === this.pairA.length) {
      this.pairA = growInt(this.pairA);
      this.pairB = growInt(this.pairB);
    }
    const ia = this.byFirstCell[ka];
    const ib = this.byFirstCell[kb];
    this.pairA[count] = Math.min(ia, ib);
    this.pairB[count] = Math.max(ia, ib);
  }

  /** Finds every pair of boxes that overlap (closed intervals on every axis); returns their number. */
  overlappingPairs(): number {
    const start = this.cellStart;
    const eb = this.entryBox;
    const ec = this.sortedCoord;
    const nx = this.nx;
    const ny = this.ny;
    const nz = this.nz;
    const nxy = nx * ny;
    let count = 0;
    // Pairs within each cell, bounded layers and the unbounded layer alike.
    for (let cz = 0; cz <= nz; cz++) {
      for (let cy = 0; cy < ny; cy++) {
        for (let cx = 0; cx < nx; cx++) {
          const c = cz * nxy + cy * nx + cx;
          const e = start[c + 1];
          for (let p = start[c]; p < e - 1; p++) {
            const o = 6 * eb[p];
            const axl = ec[o];
            const ayl = ec[o + 1];
            const axh = ec[o + 2];
            const ayh = ec[o + 3];
            const azl = ec[o + 4];
            const azh = ec[o + 5];
            for (let q = p + 1; q < e; q++) {
              const r = 6 * eb[q];
              const bxl = ec[r];
              if (bxl > axh || ec[r + 2] < axl) continue;
              const byl = ec[r + 1];
              if (byl > ayh || ec[r + 3] < ayl) continue;
              const bzl = ec[r + 4];
              if (bzl > azh || ec[r + 5] < azl) continue;
              // Report only from the cell holding the lower corner of the intersection.
              if (this.cellXOf(Math.max(bxl, axl)) !== cx || this.cellYOf(Math.max(byl, ayl)) !== cy) continue;
              if (cz < nz && this.cellZOf(Math.max(bzl, azl)) !== cz) continue;
              this.push(count++, eb[p], eb[q]);
            }
          }
        }
      }
    }
    // Unbounded boxes against the bounded boxes of the same x/y cell, at the bounded box's lowest z cell.
    for (let cy = 0; cy < ny; cy++) {
      for (let cx = 0; cx < nx; cx++) {
        const u = nz * nxy + cy * nx + cx;
        const ue = start[u + 1];
        if (start[u] === ue) continue;
        for (let cz = 0; cz < nz; cz++) {
          const c = cz * nxy + cy * nx + cx;
          const e = start[c + 1];
          for (let q = start[c]; q < e; q++) {
            const r = 6 * eb[q];
            const bxl = ec[r];
            const bxh = ec[r + 2];
            const byl = ec[r + 1];
            const byh = ec[r + 3];
            const bzl = ec[r + 4];
            const bzh = ec[r + 5];
            if (this.cellZOf(bzl) !== cz) continue;
            for (let p = start[u]; p < ue; p++) {
              const o = 6 * eb[p];
              const axl = ec[o];
              if (axl > bxh || ec[o + 2] < bxl) continue;
              const ayl = ec[o + 1];
              if (ayl > byh || ec[o + 3] < byl) continue;
              if (ec[o + 4] > bzh || ec[o + 5] < bzl) continue;
              if (this.cellXOf(Math.max(bxl, axl)) !== cx || this.cellYOf(Math.max(byl, ayl)) !== cy) continue;
              this.push(count++, eb[p], eb[q]);
            }
          }
        }
      }
    }
    this.pairCount = count;
    return count;
  }

  /**
   * Indices of the boxes that overlap the query box (closed intervals; z optional), each once, in `out` (grown when
   * needed: use the returned array). Returns the array and the count.
   */
  query(
    qMinX: number,
    qMinY: number,
    qMaxX: number,
    qMaxY: number,
    out: Int32Array,
    qMinZ = -Infinity,
    qMaxZ = Infinity,
  ): { out: Int32Array; count: number } {
    if (this.n === 0) return { out, count: 0 };
    if (this.stamp.length < this.n) this.stamp = new Uint32Array(Math.max(this.n, 2 * this.stamp.length));
    this.stampNow = (this.stampNow + 1) >>> 0;
    if (this.stampNow === 0) {
      this.stamp.fill(0);
      this.stampNow = 1;
    }
    const ix0 = this.cellXOf(qMinX);
    const iy0 = this.cellYOf(qMinY);
    const ix1 = this.cellXOf(qMaxX);
    const iy1 = this.cellYOf(qMaxY);
    const iz0 = qMinZ === -Infinity ? 0 : this.cellZOf(qMinZ);
    const iz1 = qMaxZ === Infinity ? this.nz - 1 : this.cellZOf(qMaxZ);
    const minZ = this.minZ;
    const maxZ = this.maxZ;
    const nxy = this.nx * this.ny;
    let count = 0;
    for (let y = iy0; y <= iy1; y++) {
      for (let x = ix0; x <= ix1; x++) {
        // The bounded layers the query spans, then the unbounded layer.
        for (let z = iz0; z <= iz1 + 1; z++) {
          const c = (z <= iz1 ? z : this.nz) * nxy + y * this.nx + x;
          for (let p = this.cellStart[c]; p < this.cellStart[c + 1]; p++) {
            const i = this.byFirstCell[this.entryBox[p]];
            if (this.stamp[i] === this.stampNow) continue;
            this.stamp[i] = this.stampNow;
            if (this.minX[i] > qMaxX || this.maxX[i] < qMinX || this.minY[i] > qMaxY || this.maxY[i] < qMinY) continue;
            if (minZ && maxZ && (minZ[i] > qMaxZ || maxZ[i] < qMinZ)) continue;
            if (count === out.length) out = growInt(out);
            out[count++] = i;
          }
        }
      }
    }
    return { out, count };
  }
}

function ensureInt(a: Int32Array, n: number): Int32Array {
  return a.length >= n ? a : new Int32Array(Math.max(n, a.length * 2));
}

function ensureFloat(a: Float64Array, n: number): Float64Array {
  return a.length >= n ? a : new Float64Array(Math.max(n, a.length * 2));
}

function growInt(a: Int32Array): Int32Array {
  const b = new Int32Array(Math.max(16, a.length * 2));
  b.set(a);
  return b;
}
