// SPDX-License-Identifier: GPL-3.0-or-later
// Encounters: the list, a replay of the tracks around the closest point with a time slider, and the incident report.

import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { apiGet, apiText } from '../api.ts';
import { feet, flText, knots, nm, utcDateTime, utcTime } from '../format.ts';
import { currentLanguage, onLanguage, t } from '../i18n.ts';
import { createMap } from '../map/base.ts';
import { iconName } from '../map/icons.ts';
import { EMPTY, FONT, trafficColour } from '../map/style.ts';
import { store } from '../state.ts';
import type { Encounter, HistoryPoint, Replay, ReplayTrack } from '../types.ts';
import { byId, fill, h } from './dom.ts';
import { toast } from './toast.ts';

const EARTH_RADIUS_M = 6371008.8;

/** Great-circle distance, m (haversine on the mean sphere: plenty for a display readout). */
function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A track's state at `timeMs`: linear between the two points around it; null outside its span. */
export function stateAt(points: HistoryPoint[], timeMs: number): HistoryPoint | null {
  if (points.length === 0 || timeMs < points[0].timeMs || timeMs > points[points.length - 1].timeMs) return null;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].timeMs <= timeMs) lo = mid;
    else hi = mid;
  }
  const a = points[lo];
  const b = points[hi];
  const f = b.timeMs === a.timeMs ? 0 : (timeMs - a.timeMs) / (b.timeMs - a.timeMs);
  const alt = a.altM !== undefined && b.altM !== undefined ? a.altM + (b.altM - a.altM) * f : a.altM;
  return { ...a, timeMs, lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f, altM: alt };
}

function pairName(e: Encounter): string {
  const n = (m: Encounter['members'][number]) => m.callsign || m.icao?.toUpperCase() || `#${m.trackId}`;
  return `${n(e.members[0])} ↔ ${n(e.members[1])}`;
}

export async function loadEncounters(): Promise<void> {
  const { encounters } = await apiGet<{ encounters: Encounter[] }>('/encounters');
  store.encounters = encounters;
  store.emit('encounters');
}

export function setupEncounters(): { show: () => void } {
  const list = byId('encounter-list');
  const controls = byId('replay-controls');
  const frame = byId<HTMLIFrameElement>('report');
  let map: MapLibreMap | null = null;
  let mapReady: Promise<MapLibreMap> | null = null;
  let replay: Replay | null = null;
  let selectedId: string | null = null;
  let timeMs = 0;
  let playing = false;
  let speed = 10;
  let lastFrame = 0;

  const renderList = () => {
    const encounters = [...store.encounters].sort((a, b) => b.cpaMs - a.cpaMs);
    fill(
      list,
      h('h2', {}, t('encounters.title'), h('span', { class: 'count' }, String(encounters.length))),
      encounters.length === 0 ? h('p', { class: 'dim' }, t('encounters.none')) : null,
      ...encounters.map((e) =>
        h(
          'div',
          { class: `enc-item${e.encounterId === selectedId ? ' selected' : ''}`, 'data-encounter': e.encounterId, onclick: () => void open(e.encounterId) },
          h(
            'div',
            { class: 'row' },
            h('span', { class: `risk risk-${e.riskClass}`, title: t(`risk.${e.riskClass}`) }, e.riskClass),
            ' ',
            h('span', { class: 'mono' }, pairName(e)),
            e.darkTrackIds.length ? h('span', { class: 'badge dark', style: 'margin-left:6px' }, t('encounters.dark')) : null,
          ),
          h(
            'div',
            { class: 'dim mono', style: 'font-size:11px' },
            `${utcDateTime(e.cpaMs)} · ${t('encounters.horiz', { nm: nm(e.horizM) })}`,
            e.vertM !== undefined ? ` · ${t('encounters.vert', { ft: feet(e.vertM) })}` : '',
            ` · ${t(`geometry.${e.geometry}`)}`,
          ),
        ),
      ),
    );
  };

  const ensureMap = (): Promise<MapLibreMap> => {
    mapReady ??= createMap({ container: byId('replay-map'), zoom: 8 }, (e) => toast(t('error.geo', { message: String(e) }))).then((m) => {
      for (const id of ['replay-trails', 'replay-aircraft', 'replay-cpa', 'replay-link']) m.addSource(id, { type: 'geojson', data: EMPTY });
      m.addLayer({ id: 'replay-trails', type: 'line', source: 'replay-trails', paint: { 'line-color': trafficColour, 'line-width': 1.5, 'line-opacity': 0.7 } });
      m.addLayer({ id: 'replay-link', type: 'line', source: 'replay-link', paint: { 'line-color': '#ffcc00', 'line-width': 1, 'line-dasharray': [2, 2] } });
      m.addLayer({
        id: 'replay-cpa',
        type: 'circle',
        source: 'replay-cpa',
        paint: { 'circle-radius': 6, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ff3b3b', 'circle-stroke-width': 2 },
      });
      m.addLayer({
        id: 'replay-aircraft',
        type: 'symbol',
        source: 'replay-aircraft',
        layout: {
          'icon-image': ['get', 'icon'],
          'icon-rotate': ['get', 'hdg'],
          'icon-rotation-alignment': 'map',
          'icon-allow-overlap': true,
          'text-field': ['get', 'label'],
          'text-font': FONT,
          'text-size': 10,
          'text-anchor': 'top-left',
          'text-offset': [0.9, 0.3],
          'text-allow-overlap': true,
        },
        paint: { 'text-color': trafficColour, 'text-halo-color': '#070d14', 'text-halo-width': 1.2 },
      });
      map = m;
      if (window.jointsky) window.jointsky.replayMap = m;
      return m;
    });
    return mapReady;
  };

  /** Draws the replay at `timeMs`: positions, trails so far, and the link between the pair with its distance. */
  const draw = () => {
    if (!map || !replay) return;
    const aircraft: GeoJSON.Feature[] = [];
    const trails: GeoJSON.Feature[] = [];
    const states: { track: ReplayTrack; s: HistoryPoint }[] = [];
    for (const track of replay.tracks) {
      const s = stateAt(track.points, timeMs);
      const past = track.points.filter((p) => p.timeMs <= timeMs).map((p) => [p.lon, p.lat]);
      if (s) past.push([s.lon, s.lat]);
      const dark = s && s.transponder !== 'on' ? 1 : 0;
      if (past.length >= 2) trails.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: past }, properties: { cat: track.category, dark } });
      if (!s) continue;
      states.push({ track, s });
      aircraft.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        properties: {
          icon: iconName(track.category, s.transponder),
          hdg: s.trackDeg,
          cat: track.category,
          dark,
          label: `${track.callsign ?? `#${track.trackId}`}\n${flText(s.altM)} ${knots(s.gsMps)}`,
        },
      });
    }
    const e = replay.encounter;
    const members = e.members.map((m) => states.find((x) => x.track.trackId === m.trackId)?.s);
    const link: GeoJSON.Feature[] = [];
    let readout = t('replay.noPair');
    if (members[0] && members[1]) {
      const [a, b] = members;
      link.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[a.lon, a.lat], [b.lon, b.lat]] }, properties: {} });
      const horiz = distanceM(a.lat, a.lon, b.lat, b.lon);
      const vert = a.altM !== undefined && b.altM !== undefined ? Math.abs(a.altM - b.altM) : undefined;
      readout = t('replay.separation', { nm: nm(horiz), ft: vert === undefined ? '—' : String(feet(vert)) });
    }
    (map.getSource('replay-aircraft') as GeoJSONSource).setData({ type: 'FeatureCollection', features: aircraft });
    (map.getSource('replay-trails') as GeoJSONSource).setData({ type: 'FeatureCollection', features: trails });
    (map.getSource('replay-link') as GeoJSONSource).setData({ type: 'FeatureCollection', features: link });
    (map.getSource('replay-cpa') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [e.cpaLon, e.cpaLat] }, properties: {} }],
    });
    const slider = document.getElementById('replay-slider') as HTMLInputElement | null;
    if (slider) slider.value = String(timeMs);
    const clock = document.getElementById('replay-time');
    if (clock) clock.textContent = `${utcTime(timeMs)} UTC  (${t('replay.toCpa', { s: Math.round((e.cpaMs - timeMs) / 1000) })})`;
    const sep = document.getElementById('replay-separation');
    if (sep) sep.textContent = readout;
  };

  const tick = (now: number) => {
    if (!playing || !replay) return;
    const dt = lastFrame ? now - lastFrame : 0;
    lastFrame = now;
    timeMs = Math.min(replay.toMs, timeMs + dt * speed);
    if (timeMs >= replay.toMs) playing = false;
    draw();
    if (playing) requestAnimationFrame(tick);
    else renderControls();
  };

  const renderControls = () => {
    if (!replay) {
      fill(controls, h('p', { class: 'dim' }, t('replay.pick')));
      return;
    }
    const r = replay;
    const slider = h('input', { type: 'range', id: 'replay-slider', min: r.fromMs, max: r.toMs, step: 250, value: timeMs });
    slider.addEventListener('input', () => {
      timeMs = Number(slider.value);
      draw();
    });
    const speedSelect = h('select', { id: 'replay-speed' }, ...[1, 5, 10, 30].map((s) => h('option', { value: s, selected: s === speed }, `${s}×`)));
    speedSelect.addEventListener('change', () => {
      speed = Number(speedSelect.value);
    });
    fill(
      controls,
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          {
            id: 'replay-play',
            class: 'primary',
            onclick: () => {
              playing = !playing;
              if (playing && timeMs >= r.toMs) timeMs = r.fromMs;
              lastFrame = 0;
              renderControls();
              if (playing) requestAnimationFrame(tick);
            },
          },
          playing ? t('replay.pause') : t('replay.play'),
        ),
        h(
          'button',
          {
            id: 'replay-cpa-button',
            onclick: () => {
              timeMs = r.encounter.cpaMs;
              draw();
            },
          },
          t('replay.jumpCpa'),
        ),
        speedSelect,
        slider,
      ),
      h('div', { class: 'row mono' }, h('span', { id: 'replay-time' }), h('span', { class: 'spacer' }), h('span', { id: 'replay-separation' })),
    );
    draw();
  };

  const open = async (encounterId: string) => {
    selectedId = encounterId;
    playing = false;
    renderList();
    try {
      const [m, r] = await Promise.all([ensureMap(), apiGet<Replay>(`/encounters/${encodeURIComponent(encounterId)}/replay`)]);
      replay = r;
      // Start where the first track starts: the window may open before any history was kept.
      const firsts = r.tracks.filter((tr) => tr.points.length > 0).map((tr) => tr.points[0].timeMs);
      timeMs = Math.min(r.toMs, Math.max(r.fromMs, Math.min(...firsts)));
      const lons = r.tracks.flatMap((tr) => tr.points.map((p) => p.lon));
      const lats = r.tracks.flatMap((tr) => tr.points.map((p) => p.lat));
      if (lons.length)
        m.fitBounds(
          [
            [Math.min(...lons), Math.min(...lats)],
            [Math.max(...lons), Math.max(...lats)],
          ],
          { padding: 40, duration: 0, maxZoom: 11 },
        );
      renderControls();
      await loadReport();
    } catch (e) {
      toast(t('error.load', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const loadReport = async () => {
    if (!selectedId) {
      frame.srcdoc = '';
      return;
    }
    frame.srcdoc = await apiText(`/encounters/${encodeURIComponent(selectedId)}/report`, currentLanguage());
  };

  onLanguage(() => {
    renderList();
    renderControls();
    void loadReport().catch(() => undefined);
  });
  store.on('encounters', renderList);
  return {
    show: () => {
      void ensureMap().then((m) => m.resize());
      loadEncounters().catch((e: unknown) => toast(t('error.load', { message: e instanceof Error ? e.message : String(e) })));
    },
  };
}
