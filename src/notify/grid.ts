// SPDX-License-Identifier: GPL-3.0-or-later
// A uniform latitude/longitude/level grid over corridor legs: each cell lists the legs whose bounding box (grown
// by the lateral and vertical tolerances) touches it, in compressed rows (typed arrays, no allocation per query).

export interface GridBounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

export class LegGrid {
  readonly rows: number;
  readonly cols: number;
  readonly bands: number;
  /** cellStart[c]..cellStart[c+1] index items of cell c. */
  private cellStart = new Int32Array(1);
  /** Leg ids, by cell. */
  items = new Int32Array(0);

  constructor(
    readonly bounds: GridBounds,
    readonly cellLatDeg: number,
    readonly cellLonDeg: number,
    /** Height of a level band, ft; levels from 0 to bands × bandFt (higher ones go to the top band). */
    readonly bandFt = 5000,
    bands = 12,
  ) {
    this.rows = Math.max(1, Math.ceil((bounds.north - bounds.south) / cellLatDeg));
    this.cols = Math.max(1, Math.ceil((bounds.east - bounds.west) / cellLonDeg));
    this.bands = bands;
  }

  private band(ft: number): number {
    const b = Math.floor(ft / this.bandFt);
    return b < 0 ? 0 : b >= this.bands ? this.bands - 1 : b;
  }

  private row(lat: number): number {
    const r = Math.floor((lat - this.bounds.south) / this.cellLatDeg);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  private col(lon: number): number {
    const c = Math.floor((lon - this.bounds.west) / this.cellLonDeg);
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  /**
   * Fills the grid with n legs given by their boxes (south, west, north, east, lowest ft, highest ft per leg in
   * `boxes`); legs outside the bounds are clamped to the edge cells so that nothing is lost.
   */
  build(n: number, boxes: Float64Array): void {
    const cells = this.rows * this.cols * this.bands;
    const counts = new Int32Array(cells + 1);
    const per = this.rows * this.cols;
    const visit = (i: number, f: (cell: number) => void) => {
      const r0 = this.row(boxes[6 * i]);
      const c0 = this.col(boxes[6 * i + 1]);
      const r1 = this.row(boxes[6 * i + 2]);
      const c1 = this.col(boxes[6 * i + 3]);
      const b0 = this.band(boxes[6 * i + 4]);
      const b1 = this.band(boxes[6 * i + 5]);
      for (let b = b0; b <= b1; b++) for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) f(b * per + r * this.cols + c);
    };
    for (let i = 0; i < n; i++) visit(i, (cell) => counts[cell + 1]++);
    for (let c = 0; c < cells; c++) counts[c + 1] += counts[c];
    const fill = counts.slice(0, cells);
    const items = new Int32Array(counts[cells]);
    for (let i = 0; i < n; i++) visit(i, (cell) => (items[fill[cell]++] = i));
    this.cellStart = counts;
    this.items = items;
  }

  /** The cell of a position in the lowest band (clamped to the grid); add bandStride() × band for the others. */
  cellOf(lat: number, lon: number): number {
    return this.row(lat) * this.cols + this.col(lon);
  }

  /** Cell index distance between two level bands at the same position. */
  bandStride(): number {
    return this.rows * this.cols;
  }

  /** The level band of an altitude, ft. */
  bandOf(ft: number): number {
    return this.band(ft);
  }

  start(cell: number): number {
    return this.cellStart[cell];
  }

  end(cell: number): number {
    return this.cellStart[cell + 1];
  }
}
