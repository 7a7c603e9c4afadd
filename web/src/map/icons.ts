// SPDX-License-Identifier: GPL-3.0-or-later
// Aircraft symbols drawn once on a canvas at start: a shape per category, filled when the transponder is on,
// red and hollow with a glow when the track is dark. All point north; the layer rotates them by trackDeg.

import type { Map as MapLibreMap } from 'maplibre-gl';
import { CATEGORIES, TRANSPONDER_STATES, type TrackCategory, type TransponderState } from '../types.ts';

export const CATEGORY_COLOURS: Record<TrackCategory, string> = {
  civil: '#4fd1ff',
  military: '#ffb74d',
  state: '#c792ea',
  unknown: '#b0bec5',
};
export const DARK_COLOUR = '#ff3b3b';
export const NEVER_COLOUR = '#ff6e40';

const SIZE = 48; // canvas pixels; drawn at pixelRatio 2, so 24 CSS pixels

export function iconName(category: TrackCategory, transponder: TransponderState): string {
  return `ac-${category}-${transponder}`;
}

/** Outline of each category's shape in a 0..1 box, pointing up. */
function shapePath(ctx: CanvasRenderingContext2D, category: TrackCategory): void {
  const p = (pts: [number, number][]) => {
    ctx.moveTo(pts[0][0] * SIZE, pts[0][1] * SIZE);
    for (const [x, y] of pts.slice(1)) ctx.lineTo(x * SIZE, y * SIZE);
    ctx.closePath();
  };
  switch (category) {
    case 'civil': // airliner: fuselage, swept wings, tailplane
      p([
        [0.5, 0.1], [0.56, 0.2], [0.56, 0.4], [0.88, 0.58], [0.88, 0.64], [0.56, 0.55], [0.55, 0.78], [0.67, 0.87],
        [0.67, 0.91], [0.5, 0.87], [0.33, 0.91], [0.33, 0.87], [0.45, 0.78], [0.44, 0.55], [0.12, 0.64], [0.12, 0.58],
        [0.44, 0.4], [0.44, 0.2],
      ]);
      break;
    case 'military': // delta-wing fighter
      p([[0.5, 0.08], [0.58, 0.36], [0.86, 0.8], [0.58, 0.74], [0.5, 0.88], [0.42, 0.74], [0.14, 0.8], [0.42, 0.36]]);
      break;
    case 'state': // diamond with a nose
      p([[0.5, 0.1], [0.56, 0.3], [0.78, 0.55], [0.5, 0.86], [0.22, 0.55], [0.44, 0.3]]);
      break;
    case 'unknown': // circle with a heading tick
      ctx.moveTo(0.5 * SIZE + 0.24 * SIZE, 0.56 * SIZE);
      ctx.arc(0.5 * SIZE, 0.56 * SIZE, 0.24 * SIZE, 0, Math.PI * 2);
      ctx.moveTo(0.5 * SIZE, 0.32 * SIZE);
      ctx.lineTo(0.5 * SIZE, 0.08 * SIZE);
      break;
  }
}

function drawIcon(category: TrackCategory, transponder: TransponderState): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  const ctx = canvas.getContext('2d')!;
  ctx.lineJoin = 'round';
  ctx.beginPath();
  shapePath(ctx, category);
  if (transponder === 'on') {
    ctx.fillStyle = CATEGORY_COLOURS[category];
    ctx.strokeStyle = '#081018';
    ctx.lineWidth = 2;
    ctx.stroke();
    ctx.fill();
    if (category === 'unknown') {
      ctx.strokeStyle = CATEGORY_COLOURS[category];
      ctx.lineWidth = 3;
      ctx.stroke();
    }
  } else {
    // Dark: hollow red outline with a glow; 'never' dashed to tell primary-only births apart.
    const colour = transponder === 'off' ? DARK_COLOUR : NEVER_COLOUR;
    ctx.shadowColor = colour;
    ctx.shadowBlur = 8;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 3.5;
    if (transponder === 'never') ctx.setLineDash([5, 3]);
    ctx.stroke();
    ctx.shadowBlur = 0;
    ctx.fillStyle = 'rgba(255, 59, 59, 0.18)';
    ctx.fill();
  }
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

/** Position of an icon in the atlas: category-major, then transponder state. */
export function iconIndex(category: TrackCategory, transponder: TransponderState): number {
  return CATEGORIES.indexOf(category) * TRANSPONDER_STATES.length + TRANSPONDER_STATES.indexOf(transponder);
}

/** The icon atlas's layout: each icon drawn at iconPx canvas pixels in a cell with a transparent border (no bleeding). */
export const ATLAS = {
  iconPx: SIZE,
  cellPx: SIZE + 4,
  columns: TRANSPONDER_STATES.length,
  rows: CATEGORIES.length,
  /** CSS pixels of an icon at icon size 1 (the images are drawn at pixel ratio 2). */
  cssPx: SIZE / 2,
} as const;

export interface IconAtlas {
  /** Every icon: cell (iconIndex % columns, floor(iconIndex / columns)). */
  canvas: HTMLCanvasElement;
  /**
   * Per icon index, the box its visible pixels occupy in its 0..1 square (x0, y0, x1, y1), a pixel wider each way:
   * drawing only that box spares the transparent rest (software WebGL pays for every pixel of every quad).
   */
  bounds: Float32Array;
}

let atlas: IconAtlas | null = null;

/** Every icon on one canvas, for a WebGL texture (drawn once per page). */
export function iconAtlas(): IconAtlas {
  if (atlas) return atlas;
  const canvas = document.createElement('canvas');
  canvas.width = ATLAS.columns * ATLAS.cellPx;
  canvas.height = ATLAS.rows * ATLAS.cellPx;
  const ctx = canvas.getContext('2d')!;
  const border = (ATLAS.cellPx - ATLAS.iconPx) / 2;
  const bounds = new Float32Array(CATEGORIES.length * TRANSPONDER_STATES.length * 4);
  for (const c of CATEGORIES)
    for (const s of TRANSPONDER_STATES) {
      const i = iconIndex(c, s);
      const image = drawIcon(c, s);
      ctx.putImageData(image, (i % ATLAS.columns) * ATLAS.cellPx + border, Math.floor(i / ATLAS.columns) * ATLAS.cellPx + border);
      bounds.set(opaqueBox(image), i * 4);
    }
  atlas = { canvas, bounds };
  return atlas;
}

/** The box of an image's pixels that are not fully transparent, one pixel wider each way, in 0..1 of its size. */
function opaqueBox(image: ImageData): number[] {
  const { width, height, data } = image;
  let x0 = width;
  let y0 = height;
  let x1 = 0;
  let y1 = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (data[(y * width + x) * 4 + 3] > 0) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
  if (x1 <= x0) return [0.5, 0.5, 0.5, 0.5];
  return [Math.max(0, x0 - 1) / width, Math.max(0, y0 - 1) / height, Math.min(width, x1 + 1) / width, Math.min(height, y1 + 1) / height];
}

/** Adds every aircraft icon to the map's image set. */
export function addAircraftIcons(map: MapLibreMap): void {
  for (const c of CATEGORIES)
    for (const s of TRANSPONDER_STATES) {
      const name = iconName(c, s);
      if (!map.hasImage(name)) map.addImage(name, drawIcon(c, s), { pixelRatio: 2 });
    }
}

/** A small icon as a data URL, for legends and the table. */
export function iconDataUrl(category: TrackCategory, transponder: TransponderState): string {
  const data = drawIcon(category, transponder);
  const canvas = document.createElement('canvas');
  canvas.width = SIZE;
  canvas.height = SIZE;
  canvas.getContext('2d')!.putImageData(data, 0, 0);
  return canvas.toDataURL();
}
