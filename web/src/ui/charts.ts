// SPDX-License-Identifier: GPL-3.0-or-later
// Plain SVG bar charts for the compliance dashboard: one bar per party, value labels, optional 0..1 scale.

import { svg } from './dom.ts';

export interface Bar {
  label: string;
  value: number;
  /** Bar colour; defaults to the accent. */
  colour?: string;
}

const WIDTH = 260;
const BAR_H = 18;
const GAP = 6;
const LABEL_W = 60;
const VALUE_W = 56;

/** Horizontal bars; `max` fixes the scale (1 for shares), otherwise the largest value fills the width. */
export function barChart(bars: Bar[], format: (v: number) => string, max?: number): SVGSVGElement {
  const height = Math.max(1, bars.length) * (BAR_H + GAP) + GAP;
  const top = max ?? Math.max(1e-9, ...bars.map((b) => b.value));
  const room = WIDTH - LABEL_W - VALUE_W;
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img' });
  bars.forEach((b, i) => {
    const y = GAP + i * (BAR_H + GAP);
    const w = Math.max(0, Math.min(1, b.value / top)) * room;
    root.append(
      svg('text', { x: LABEL_W - 6, y: y + BAR_H * 0.72, 'text-anchor': 'end', fill: '#9fb3c8', 'font-size': 11, 'font-family': 'monospace' }, b.label),
      svg('rect', { x: LABEL_W, y, width: room, height: BAR_H, fill: '#13202d' }),
      svg('rect', { x: LABEL_W, y, width: w, height: BAR_H, fill: b.colour ?? '#4fd1ff' }),
      svg('text', { x: LABEL_W + room + 6, y: y + BAR_H * 0.72, fill: '#c9d6e2', 'font-size': 11, 'font-family': 'monospace' }, format(b.value)),
    );
  });
  return root;
}
