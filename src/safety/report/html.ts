// SPDX-License-Identifier: GPL-3.0-or-later
// The incident report of one encounter as a self-contained HTML page: summary, the aircraft, the closest point,
// the risk class with its deciding rule, inline SVG plan view, vertical profile and distance over time, and the
// tracks' evidence (sensors, parties, updates). Every visible word comes from the language's dictionary.

import type { Track } from '../../fusion/track.ts';
import type { EncounterRecord, TracePoint } from '../encounters/detector.ts';
import { metresPerRad, relativeEnM } from '../encounters/geometry.ts';
import type { PairMember } from '../types.ts';
import { format, LANGUAGES, type MessageId, type Messages } from './i18n/index.ts';
import { escapeXml as esc, linePlot } from './svg.ts';

const FT = 0.3048;
const NM = 1852;
const KT = 1852 / 3600;
const COLORS = ['#1f5fbf', '#c0282d'] as const;

export interface ReportOptions {
  /** Language code, a key of LANGUAGES (default 'en'). */
  lang?: string;
}

/** The dictionary of a language, or an error naming the languages there are. */
export function messagesFor(lang: string): Messages {
  const m = LANGUAGES[lang];
  if (!m) throw new Error(`no report language '${lang}' (have: ${Object.keys(LANGUAGES).join(', ')})`);
  return m;
}

const utc = (ms: number): string => {
  const iso = new Date(Math.round(ms)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 21)}`;
};

/** The report's HTML (UTF-8 text). Deterministic: the same record and language give the same bytes. */
export function renderReport(rec: EncounterRecord, opts: ReportOptions = {}): string {
  const lang = opts.lang ?? 'en';
  const M = messagesFor(lang);
  const t = (id: MessageId, p?: Record<string, string | number>) => esc(format(M, id, p));
  const e = rec.encounter;
  const m = (v: number) => `${Math.round(v)} ${M['unit.m']}`;
  const ft = (v: number) => `${Math.round(v / FT)} ${M['unit.ft']}`;
  const nm = (v: number) => `${(v / NM).toFixed(2)} ${M['unit.nm']}`;
  const dist = (v: number) => `${m(v)} (${v >= NM ? nm(v) : ft(v)})`;
  const name = (p: PairMember) => p.callsign ?? p.icao ?? `#${p.trackId}`;
  const vert = e.vertM === undefined ? M['value.notKnown'] : `${m(e.vertM)} (${ft(e.vertM)})`;

  const summary = t('summary.text', {
    a: name(e.members[0]),
    b: name(e.members[1]),
    horiz: dist(e.horizM),
    vert,
    time: utc(e.cpaMs),
    geometry: M[`geometry.${e.geometry}`],
  });

  const memberRows = (label: MessageId, f: (p: PairMember, i: number) => string) =>
    `<tr><th>${t(label)}</th>${e.members.map((p, i) => `<td>${f(p, i)}</td>`).join('')}</tr>`;
  const yes = (b: boolean) => (b ? t('value.yes') : t('value.no'));
  const members = [
    `<tr><th></th>${e.members.map((p, i) => `<th style="color:${COLORS[i]}">${esc(name(p))}</th>`).join('')}</tr>`,
    memberRows('field.track', (p) => String(p.trackId)),
    memberRows('field.icao', (p) => esc(p.icao ?? M['value.notKnown'])),
    memberRows('field.callsign', (p) => esc(p.callsign ?? M['value.notKnown'])),
    memberRows('field.category', (p) => t(`category.${p.category}`)),
    memberRows('field.transponder', (p) => t(`transponder.${p.transponder}`)),
    memberRows('field.acasSees', (_p, i) => yes(e.members[1 - i].transponder === 'on')),
  ].join('');

  const dark = e.darkTrackIds.length > 0 ? e.darkTrackIds.map((id) => `#${id}`).join(', ') : M['field.none'];
  const cpa = [
    ['field.time', utc(e.cpaMs)],
    ['field.horizontal', dist(e.horizM)],
    ['field.vertical', vert],
    ['field.slant', dist(e.slantM)],
    ['field.position', `${e.cpaLat.toFixed(5)}, ${e.cpaLon.toFixed(5)}`],
    ['field.closure', `${e.closureMps.toFixed(1)} ${M['unit.mps']} (${Math.round(e.closureMps / KT)} ${M['unit.kt']})`],
    ['field.geometry', M[`geometry.${e.geometry}`]],
    ['field.window', `${utc(e.startMs)} – ${utc(e.endMs)}`],
    ['field.dark', dark],
  ] as const;
  const cpaRows = cpa.map(([k, v]) => `<tr><th>${t(k)}</th><td>${esc(v)}</td></tr>`).join('');
  const mixed = rec.states[0].altSource !== undefined && rec.states[1].altSource !== undefined && rec.states[0].altSource !== rec.states[1].altSource;

  const p = rec.decision.params;
  const s = (v: number | undefined) => `${(v ?? 0).toFixed(1)} ${M['unit.s']}`;
  const ruleText = t(`rule.${rec.decision.rule}`, {
    gap: s(p.gapS),
    limit: rec.decision.rule === 'collision-proximity' ? dist(p.limitM ?? 0) : s(p.maxGapS ?? p.seeAndAvoidS),
    slant: dist(p.slantM ?? 0),
    dmod: nm(p.dmodM ?? 0),
    alim: ft(p.alimM ?? 0),
    miss: s(p.missS),
    vert: ft(p.sepVertM ?? 0),
    sepH: nm(p.sepHorizM ?? 0),
    sepV: ft(p.sepVertM ?? 0),
  });

  const evidence = (track: Track, i: number) =>
    [
      `<tr><th colspan="2" style="color:${COLORS[i]}">${esc(name(e.members[i]))}</th></tr>`,
      `<tr><th>${t('field.status')}</th><td>${t(`status.${track.status}`)}</td></tr>`,
      `<tr><th>${t('field.updates')}</th><td>${track.updates}</td></tr>`,
      `<tr><th>${t('field.lastUpdate')}</th><td>${esc(utc(track.lastUpdateMs))}</td></tr>`,
      `<tr><th>${t('field.quality')}</th><td>${track.quality.toFixed(2)}</td></tr>`,
      `<tr><th>${t('field.posSigma')}</th><td>${esc(m(Math.sqrt(Math.max(0, (track.posCovM2[0] + track.posCovM2[2]) / 2))))}</td></tr>`,
      `<tr><th>${t('field.altSource')}</th><td>${track.altSource !== undefined ? t(`altSource.${track.altSource}`) : t('value.notKnown')}</td></tr>`,
      `<tr><th>${t('field.sensors')}</th><td>${esc(track.sensors.join(', ') || M['field.none'])}</td></tr>`,
      `<tr><th>${t('field.parties')}</th><td>${esc(track.parties.join(', ') || M['field.none'])}</td></tr>`,
    ].join('');

  const plots = charts(rec, M);
  return `<!DOCTYPE html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<title>${t('report.title', { id: e.encounterId })}</title>
<style>
body{font-family:sans-serif;max-width:1000px;margin:1em auto;padding:0 1em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;border-bottom:1px solid #ccc;margin-top:1.4em}
table{border-collapse:collapse;margin:.4em 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4;font-weight:600}.class{font-size:1.3em;font-weight:700}.class-A,.class-B{color:#b00}.note{color:#555;font-size:.9em}
.plots{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}figcaption{font-weight:600;margin-bottom:.3em}
@media print{body{margin:0}h2{break-after:avoid}figure{break-inside:avoid}}
</style>
</head>
<body>
<h1>${t('report.heading')}: ${esc(e.encounterId)}</h1>
<p class="note">${t('report.generated')}</p>
<h2>${t('section.summary')}</h2>
<p>${summary}</p>
<p class="class class-${e.riskClass}">${t(`class.${e.riskClass}`)}</p>
<h2>${t('section.members')}</h2>
<table>${members}</table>
<h2>${t('section.cpa')}</h2>
<table>${cpaRows}</table>
${mixed ? `<p class="note">${t('value.mixedAltitude')}</p>` : ''}
<h2>${t('section.risk')}</h2>
<table><tr><th>${t('field.class')}</th><td class="class-${e.riskClass}">${t(`class.${e.riskClass}`)}</td></tr>
<tr><th>${t('field.rule')}</th><td><code>${esc(rec.decision.rule)}</code>: ${ruleText}${p.assumedCoAltitude ? ` ${t('rule.assumedCoAltitude')}` : ''}</td></tr></table>
<p class="note">${t('rules.link')}</p>
<div class="plots">
<figure><figcaption>${t('section.plan')}</figcaption>${plots.plan}</figure>
<figure><figcaption>${t('section.profile')}</figcaption>${plots.profile}</figure>
<figure><figcaption>${t('section.distance')}</figcaption>${plots.distance}</figure>
</div>
<h2>${t('section.evidence')}</h2>
<table>${evidence(rec.states[0], 0)}${evidence(rec.states[1], 1)}</table>
<p class="note">${t('field.sensors')}: ${esc(e.sensors.join(', ') || M['field.none'])}</p>
</body>
</html>
`;
}

/** Linear interpolation of a trace at a time; undefined outside it. */
function at(trace: readonly TracePoint[], tMs: number): TracePoint | undefined {
  if (trace.length === 0 || tMs < trace[0].timeMs || tMs > trace[trace.length - 1].timeMs) return undefined;
  let lo = 0;
  let hi = trace.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (trace[mid].timeMs <= tMs) lo = mid;
    else hi = mid;
  }
  const a = trace[lo];
  const b = trace[hi];
  const f = b.timeMs === a.timeMs ? 0 : (tMs - a.timeMs) / (b.timeMs - a.timeMs);
  return { ...a, timeMs: tMs, lat: a.lat + f * (b.lat - a.lat), lon: a.lon + f * (b.lon - a.lon), altM: a.altM + f * (b.altM - a.altM) };
}

function charts(rec: EncounterRecord, M: Messages): { plan: string; profile: string; distance: string } {
  const e = rec.encounter;
  const names = e.members.map((p) => p.callsign ?? p.icao ?? `#${p.trackId}`);
  const k = metresPerRad(e.cpaLat);
  const RAD = Math.PI / 180;
  const toNm = (p: TracePoint): [number, number] => [
    (((p.lon - e.cpaLon) * RAD * k.eastM) / NM),
    (((p.lat - e.cpaLat) * RAD * k.northM) / NM),
  ];
  const relS = (ms: number) => (ms - e.cpaMs) / 1000;
  const plan = linePlot({
    width: 420,
    height: 340,
    equalAxes: true,
    xLabel: M['plot.east'],
    yLabel: M['plot.north'],
    empty: M['plot.noData'],
    series: rec.traces.map((tr, i) => {
      const c = at(tr, e.cpaMs);
      return { points: tr.map(toNm), color: COLORS[i], label: names[i], ...(c ? { mark: toNm(c) } : {}) };
    }),
  });
  const profile = linePlot({
    width: 420,
    height: 260,
    xLabel: M['plot.time'],
    yLabel: M['plot.altitude'],
    empty: M['plot.noData'],
    vline: { x: 0, label: M['plot.cpa'] },
    series: rec.traces.map((tr, i) => ({
      points: tr.filter((p) => !Number.isNaN(p.altM)).map((p) => [relS(p.timeMs), p.altM / FT] as const),
      color: COLORS[i],
      label: names[i],
    })),
  });
  const [ta, tb] = rec.traces;
  const horiz: [number, number][] = [];
  const vert: [number, number][] = [];
  const scratch = { e: 0, n: 0 };
  for (const p of ta) {
    const q = at(tb, p.timeMs);
    if (!q) continue;
    const r = relativeEnM(p.lat, p.lon, q.lat, q.lon, scratch);
    horiz.push([relS(p.timeMs), Math.hypot(r.e, r.n) / NM]);
    if (!Number.isNaN(p.altM) && !Number.isNaN(q.altM)) vert.push([relS(p.timeMs), Math.abs(q.altM - p.altM) / FT / 1000]);
  }
  const distance = linePlot({
    width: 420,
    height: 260,
    xLabel: M['plot.time'],
    yLabel: M['plot.distance'],
    empty: M['plot.noData'],
    vline: { x: 0, label: M['plot.cpa'] },
    series: [
      { points: horiz, color: '#333', label: M['plot.horizontal'] },
      { points: vert, color: '#2a8a3a', label: M['plot.vertical'] },
    ],
  });
  return { plan, profile, distance };
}
