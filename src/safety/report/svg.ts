// SPDX-License-Identifier: GPL-3.0-or-later
// Small inline-SVG charts for the incident report: an x/y line plot with axes and ticks, deterministic text.

export interface Series {
  points: readonly (readonly [number, number])[];
  color: string;
  label: string;
  /** Marker drawn at this point (e.g. the closest approach). */
  mark?: readonly [number, number];
}

export interface PlotOptions {
  width: number;
  height: number;
  series: readonly Series[];
  xLabel: string;
  yLabel: string;
  /** Same scale on both axes (plan view). */
  equalAxes?: boolean;
  /** A vertical guide line at this x, with a label. */
  vline?: { x: number; label: string };
  /** Horizontal guide lines (thresholds). */
  hlines?: readonly { y: number; label: string }[];
  /** Text shown when there is nothing to draw. */
  empty: string;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const num = (v: number): string => {
  const s = v.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
};

/** About n round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

const tickText = (v: number): string => (Math.abs(v) >= 100 || Number.isInteger(v) ? v.toFixed(0) : Number(v.toPrecision(3)).toString());

export function linePlot(o: PlotOptions): string {
  const pts = o.series.flatMap((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${o.height}" width="${o.width}" height="${o.height}" font-family="sans-serif" font-size="11">`;
  if (pts.length === 0) return `${head}<text x="${o.width / 2}" y="${o.height / 2}" text-anchor="middle">${escapeXml(o.empty)}</text></svg>`;
  const m = { l: 56, r: 12, t: 12, b: 40 };
  const w = o.width - m.l - m.r;
  const h = o.height - m.t - m.b;
  let x0 = Math.min(...pts.map((p) => p[0]));
  let x1 = Math.max(...pts.map((p) => p[0]));
  let y0 = Math.min(...pts.map((p) => p[1]), ...(o.hlines ?? []).map((l) => l.y));
  let y1 = Math.max(...pts.map((p) => p[1]), ...(o.hlines ?? []).map((l) => l.y));
  if (x1 - x0 < 1e-9) {
    x0 -= 1;
    x1 += 1;
  }
  if (y1 - y0 < 1e-9) {
    y0 -= 1;
    y1 += 1;
  }
  const padY = (y1 - y0) * 0.05;
  y0 -= padY;
  y1 += padY;
  if (o.equalAxes) {
    // One unit is the same length on both axes: widen the narrower range about its middle.
    const k = Math.max((x1 - x0) / w, (y1 - y0) / h);
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    x0 = cx - (k * w) / 2;
    x1 = cx + (k * w) / 2;
    y0 = cy - (k * h) / 2;
    y1 = cy + (k * h) / 2;
  }
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0)) * w;
  const sy = (y: number) => m.t + h - ((y - y0) / (y1 - y0)) * h;
  const parts: string[] = [head, `<rect x="${m.l}" y="${m.t}" width="${w}" height="${h}" fill="none" stroke="#999"/>`];
  for (const t of niceTicks(x0, x1)) {
    parts.push(`<line x1="${num(sx(t))}" y1="${m.t + h}" x2="${num(sx(t))}" y2="${m.t + h + 4}" stroke="#999"/>`);
    parts.push(`<text x="${num(sx(t))}" y="${m.t + h + 15}" text-anchor="middle">${tickText(t)}</text>`);
  }
  for (const t of niceTicks(y0, y1)) {
    parts.push(`<line x1="${m.l - 4}" y1="${num(sy(t))}" x2="${m.l}" y2="${num(sy(t))}" stroke="#999"/>`);
    parts.push(`<text x="${m.l - 6}" y="${num(sy(t) + 4)}" text-anchor="end">${tickText(t)}</text>`);
  }
  parts.push(`<text x="${m.l + w / 2}" y="${o.height - 4}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  parts.push(`<text x="12" y="${m.t + h / 2}" text-anchor="middle" transform="rotate(-90 12 ${m.t + h / 2})">${escapeXml(o.yLabel)}</text>`);
  for (const l of o.hlines ?? []) {
    parts.push(`<line x1="${m.l}" y1="${num(sy(l.y))}" x2="${m.l + w}" y2="${num(sy(l.y))}" stroke="#c60" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${m.l + w - 2}" y="${num(sy(l.y) - 3)}" text-anchor="end" fill="#c60">${escapeXml(l.label)}</text>`);
  }
  if (o.vline && o.vline.x >= x0 && o.vline.x <= x1) {
    parts.push(`<line x1="${num(sx(o.vline.x))}" y1="${m.t}" x2="${num(sx(o.vline.x))}" y2="${m.t + h}" stroke="#555" stroke-dasharray="2 3"/>`);
    parts.push(`<text x="${num(sx(o.vline.x) + 3)}" y="${m.t + 11}">${escapeXml(o.vline.label)}</text>`);
  }
  o.series.forEach((s, i) => {
    const ok = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (ok.length > 0) {
      const d = ok.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${num(sx(x))} ${num(sy(y))}`).join('');
      parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.6"/>`);
      parts.push(`<circle cx="${num(sx(ok[0][0]))}" cy="${num(sy(ok[0][1]))}" r="2.5" fill="${s.color}"/>`);
    }
    if (s.mark) parts.push(`<circle cx="${num(sx(s.mark[0]))}" cy="${num(sy(s.mark[1]))}" r="4" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    parts.push(`<rect x="${m.l + 8}" y="${m.t + 8 + i * 14}" width="10" height="3" fill="${s.color}"/>`);
    parts.push(`<text x="${m.l + 22}" y="${m.t + 12 + i * 14}">${escapeXml(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
