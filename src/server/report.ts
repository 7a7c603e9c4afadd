// SPDX-License-Identifier: GPL-3.0-or-later
// The incident report of an encounter as a self-contained HTML page: the evidence (closest point, risk class
// and why, who was dark, which sensors saw it), a plan view, the vertical profile and the distance over time,
// drawn as inline SVG from the stored history. English and Russian.

import type { Encounter, PairMember } from '../safety/types.ts';
import type { HistoryPoint } from '../store/picture.ts';

export const REPORT_LANGS = ['en', 'ru'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

const TEXT: Record<ReportLang, Record<string, string>> = {
  en: {
    title: 'Incident report',
    encounter: 'Encounter',
    cpa: 'Closest point of approach',
    time: 'Time (UTC)',
    horiz: 'Horizontal distance',
    vert: 'Vertical distance',
    slant: 'Slant distance',
    position: 'Position',
    closure: 'Closure rate',
    geometry: 'Geometry',
    risk: 'Risk class',
    reason: 'Reason',
    dark: 'Dark aircraft (transponder off or never on)',
    acas: 'Visible to ACAS',
    sensors: 'Sensors',
    window: 'Encounter window',
    aircraft: 'Aircraft',
    track: 'Track',
    callsign: 'Callsign',
    category: 'Category',
    transponder: 'Transponder',
    plan: 'Plan view',
    profile: 'Vertical profile',
    distance: 'Distance over time',
    yes: 'yes',
    no: 'no',
    none: 'none',
    unknown: 'unknown',
    noData: 'No stored history for this window.',
    nmEast: 'NM east of the closest point',
    nmNorth: 'NM north',
    sFromCpa: 's from the closest point',
    fl: 'flight level',
    nm: 'NM',
  },
  ru: {
    title: 'Отчёт об инциденте',
    encounter: 'Сближение',
    cpa: 'Точка наибольшего сближения',
    time: 'Время (UTC)',
    horiz: 'Расстояние по горизонтали',
    vert: 'Расстояние по вертикали',
    slant: 'Наклонная дальность',
    position: 'Координаты',
    closure: 'Скорость сближения',
    geometry: 'Геометрия',
    risk: 'Класс риска',
    reason: 'Обоснование',
    dark: 'Воздушные суда без транспондера (выключен или не включался)',
    acas: 'Видимость для БСПС (ACAS)',
    sensors: 'Датчики',
    window: 'Интервал сближения',
    aircraft: 'Воздушные суда',
    track: 'Трасса',
    callsign: 'Позывной',
    category: 'Категория',
    transponder: 'Транспондер',
    plan: 'Вид в плане',
    profile: 'Вертикальный профиль',
    distance: 'Расстояние во времени',
    yes: 'да',
    no: 'нет',
    none: 'нет',
    unknown: 'неизвестно',
    noData: 'Нет сохранённой истории за этот интервал.',
    nmEast: 'мор. мили к востоку от точки сближения',
    nmNorth: 'мор. мили к северу',
    sFromCpa: 'с от момента наибольшего сближения',
    fl: 'эшелон',
    nm: 'мор. мили',
  },
};

/** Enumerated values (category, transponder, geometry) in each language. */
const WORDS: Record<ReportLang, Record<string, string>> = {
  en: {},
  ru: {
    civil: 'гражданское',
    military: 'военное',
    state: 'государственное',
    unknown: 'неизвестно',
    on: 'включён',
    off: 'выключен',
    never: 'не включался',
    'head-on': 'встречное',
    crossing: 'пересекающееся',
    overtaking: 'попутное',
  },
};

const word = (lang: ReportLang, w: string): string => WORDS[lang][w] ?? w;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('.000Z', 'Z');
const DEG = Math.PI / 180;
const R_M = 6371008.8;

function polyline(points: [number, number][], color: string): string {
  return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`;
}

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1));

/**
 * Maps data ranges to a 480×240 plot; returns the SVG with the given series and the ranges at the axes ends.
 * `equal`: the same scale on both axes (a plan view must not distort the geometry).
 */
function plot(series: { pts: [number, number][]; color: string }[], xLabel: string, yLabel: string, equal = false): string {
  const all = series.flatMap((s) => s.pts);
  if (all.length === 0) return '';
  let [x0, x1, y0, y1] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) {
    y0 -= 1;
    y1 += 1;
  }
  const W = 480;
  const H = 240;
  const M = 30;
  if (equal) {
    // Widen the narrower range about its middle so one data unit is as long on both axes.
    const k = Math.max((x1 - x0) / (W - 2 * M), (y1 - y0) / (H - 2 * M));
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    [x0, x1] = [cx - (k * (W - 2 * M)) / 2, cx + (k * (W - 2 * M)) / 2];
    [y0, y1] = [cy - (k * (H - 2 * M)) / 2, cy + (k * (H - 2 * M)) / 2];
  }
  const sx = (x: number) => M + ((x - x0) / (x1 - x0)) * (W - 2 * M);
  const sy = (y: number) => H - M - ((y - y0) / (y1 - y0)) * (H - 2 * M);
  const lines = series.map((s) => polyline(s.pts.map(([x, y]) => [sx(x), sy(y)]), s.color)).join('');
  const label = (x: number, y: number, text: string, anchor = 'start') =>
    `<text x="${x}" y="${y}" fill="#9ab" font-size="11" text-anchor="${anchor}">${esc(text)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#10161e"/>` +
    `<rect x="${M}" y="${M}" width="${W - 2 * M}" height="${H - 2 * M}" fill="none" stroke="#2a3440"/>${lines}` +
    label(W / 2, H - 8, xLabel, 'middle') +
    label(M, H - 18, fmt(x0)) +
    label(W - M, H - 18, fmt(x1), 'end') +
    label(M + 4, 14, yLabel) +
    label(M - 2, H - M, fmt(y0), 'end') +
    label(M - 2, M + 8, fmt(y1), 'end') +
    '</svg>'
  );
}

function memberRow(m: PairMember, t: Record<string, string>, lang: ReportLang): string {
  return `<tr><td>${m.trackId}</td><td>${esc(m.callsign ?? t.unknown)}</td><td>${esc(m.icao ?? t.unknown)}</td><td>${esc(word(lang, m.category))}</td><td>${esc(word(lang, m.transponder))}</td></tr>`;
}

/** The report page; `tracks` are the two members' stored points around the encounter. */
export function encounterReportHtml(e: Encounter, tracks: [HistoryPoint[], HistoryPoint[]], lang: ReportLang = 'en'): string {
  const t = TEXT[lang];
  const [a, b] = e.members;
  const lat0 = e.cpaLat;
  const lon0 = e.cpaLon;
  const enu = (p: HistoryPoint): [number, number] => [((p.lon - lon0) * DEG * R_M * Math.cos(lat0 * DEG)) / 1852, ((p.lat - lat0) * DEG * R_M) / 1852];
  const colors = ['#4fc3f7', '#ff7043'];
  const plan = plot(tracks.map((pts, i) => ({ pts: pts.map(enu), color: colors[i] })), t.nmEast, t.nmNorth, true);
  const profile = plot(
    tracks.map((pts, i) => ({ pts: pts.filter((p) => p.altM !== undefined).map((p) => [(p.timeMs - e.cpaMs) / 1000, (p.altM as number) / 0.3048 / 100] as [number, number]), color: colors[i] })),
    t.sFromCpa,
    t.fl,
  );
  const byTime = new Map(tracks[1].map((p) => [p.timeMs, p]));
  const dist: [number, number][] = [];
  for (const p of tracks[0]) {
    const q = byTime.get(p.timeMs);
    if (!q) continue;
    const [x1, y1] = enu(p);
    const [x2, y2] = enu(q);
    dist.push([(p.timeMs - e.cpaMs) / 1000, Math.hypot(x2 - x1, y2 - y1)]);
  }
  const distance = plot([{ pts: dist, color: '#ffd54f' }], t.sFromCpa, t.nm);
  const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`;
  const fig = (title: string, svg: string) => `<figure><figcaption>${esc(title)}</figcaption>${svg || `<p>${esc(t.noData)}</p>`}</figure>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(t.title)} ${esc(e.encounterId)}</title>
<style>body{background:#0b0f14;color:#dde;font:14px system-ui,sans-serif;margin:2em}th{text-align:left;color:#9ab;padding-right:1em}td,th{padding:2px 8px}table{border-collapse:collapse;margin-bottom:1em}figure{display:inline-block;margin:0 1em 1em 0}figcaption{color:#9ab}.risk{font-size:1.4em;font-weight:bold}</style>
</head><body>
<h1>${esc(t.title)}: ${esc(t.encounter)} ${esc(e.encounterId)}</h1>
<p class="risk">${esc(t.risk)} ${esc(e.riskClass)}: ${esc(e.riskReason)}</p>
<h2>${esc(t.cpa)}</h2>
<table>
${row(t.time, esc(iso(e.cpaMs)))}
${row(t.horiz, `${Math.round(e.horizM)} m (${(e.horizM / 1852).toFixed(2)} NM)`)}
${row(t.vert, e.vertM === undefined ? esc(t.unknown) : `${Math.round(e.vertM)} m (${Math.round(e.vertM / 0.3048)} ft)`)}
${row(t.slant, `${Math.round(e.slantM)} m`)}
${row(t.position, `${e.cpaLat.toFixed(4)}°, ${e.cpaLon.toFixed(4)}°`)}
${row(t.closure, `${e.closureMps.toFixed(1)} m/s`)}
${row(t.geometry, esc(word(lang, e.geometry)))}
${row(t.dark, e.darkTrackIds.length ? e.darkTrackIds.join(', ') : esc(t.none))}
${row(t.acas, esc(e.acasVisible ? t.yes : t.no))}
${row(t.sensors, esc(e.sensors.join(', ') || t.none))}
${row(t.window, `${esc(iso(e.startMs))} – ${esc(iso(e.endMs))}`)}
</table>
<h2>${esc(t.aircraft)}</h2>
<table><tr><th>${esc(t.track)}</th><th>${esc(t.callsign)}</th><th>ICAO</th><th>${esc(t.category)}</th><th>${esc(t.transponder)}</th></tr>
${memberRow(a, t, lang)}${memberRow(b, t, lang)}</table>
${fig(t.plan, plan)}${fig(t.profile, profile)}${fig(t.distance, distance)}
</body></html>
`;
}
