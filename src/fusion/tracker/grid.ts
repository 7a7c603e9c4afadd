// SPDX-License-Identifier: GPL-3.0-or-later
// A spatial hash of tracks on a latitude/longitude grid, so that gating a report looks at the 3×3 cells
// around it instead of every track. A cell is about 22 km on a side at Baltic latitudes.

/** Cell height, degrees of latitude (≈ 22 km). */
export const CELL_LAT_DEG = 0.2;
/** Cell width, degrees of longitude (≈ 22 km at 55° N; narrower cells towards the equator are still correct). */
export const CELL_LON_DEG = 0.35;
const LON_CELLS = Math.ceil(360 / CELL_LON_DEG) + 2;

/** Anything that can sit in the grid: it remembers its cell and its index there (for O(1) removal). */
export interface GridItem {
  cellKey: number;
  cellIndex: number;
}

export function cellKeyOf(latDeg: number, lonDeg: number): number {
  const row = Math.floor((latDeg + 90) / CELL_LAT_DEG);
  const col = Math.floor((lonDeg + 180) / CELL_LON_DEG);
  return row * LON_CELLS + col;
}

export class SpatialGrid<T extends GridItem> {
  private readonly cells = new Map<number, T[]>();

  /** Puts the item in the cell of (lat, lon), moving it if it was elsewhere. */
  place(item: T, latDeg: number, lonDeg: number): void {
    const key = cellKeyOf(latDeg, lonDeg);
    if (key === item.cellKey) return;
    this.remove(item);
    let cell = this.cells.get(key);
    if (cell === undefined) {
      cell = [];
      this.cells.set(key, cell);
    }
    item.cellKey = key;
    item.cellIndex = cell.length;
    cell.push(item);
  }

  remove(item: T): void {
    if (item.cellKey < 0) return;
    const cell = this.cells.get(item.cellKey);
    if (cell !== undefined) {
      const last = cell.pop()!;
      if (last !== item) {
        cell[item.cellIndex] = last;
        last.cellIndex = item.cellIndex;
      }
    }
    item.cellKey = -1;
    item.cellIndex = -1;
  }

  /** Appends to `out` (from index 0) every item in the 3×3 cells around (lat, lon); returns how many. */
  collectNear(latDeg: number, lonDeg: number, out: T[]): number {
    const key = cellKeyOf(latDeg, lonDeg);
    let n = 0;
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const cell = this.cells.get(key + dr * LON_CELLS + dc);
        if (cell === undefined) continue;
        for (let i = 0; i < cell.length; i++) out[n++] = cell[i];
      }
    }
    return n;
  }

  /** Calls fn for every item in the 3×3 cells around (lat, lon), in a deterministic order. */
  forEachNear(latDeg: number, lonDeg: number, fn: (item: T) => void): void {
    const key = cellKeyOf(latDeg, lonDeg);
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const cell = this.cells.get(key + dr * LON_CELLS + dc);
        if (cell === undefined) continue;
        for (let i = 0; i < cell.length; i++) fn(cell[i]);
      }
    }
  }
}
