// SPDX-License-Identifier: GPL-3.0-or-later
// Traffic on the main map: aircraft symbols, data blocks, trails, dark halos, the selection and alert pairs.
// One setData per source per snapshot; no DOM element per aircraft.

import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { flText, knots } from '../format.ts';
import { t } from '../i18n.ts';
import { store } from '../state.ts';
import type { ListedAlert, Track } from '../types.ts';
import { iconName } from './icons.ts';
import { EMPTY, FONT, trafficColour } from './style.ts';

type Feature = GeoJSON.Feature<GeoJSON.Geometry, Record<string, string | number>>;

export const AIRCRAFT_LAYER = 'aircraft';
export const ALERT_CPA_LAYER = 'alert-cpa';
/** Below this zoom, only dark aircraft carry a data block (thousands of labels at once help nobody and cost frames). */
export const LABEL_ZOOM = 7;
/** Above this many aircraft shown, trails are drawn only in view at LABEL_ZOOM and beyond, and always for dark tracks. */
export const MANY_AIRCRAFT = 1500;

/** The data block: callsign (or address), then flight level and ground speed in knots. */
export function dataBlock(tr: Track): string {
  const id = tr.callsign || tr.icao?.toUpperCase() || `#${tr.trackId}`;
  return `${id}\n${flText(tr.altM)} ${knots(tr.gsMps)}`;
}

export function addTrafficLayers(map: MapLibreMap): void {
  // Points need no simplification and little tile buffer; beyond zoom 10 the tiles are overzoomed.
  for (const id of ['trails', 'traffic', 'alerts', 'selection']) map.addSource(id, { type: 'geojson', data: EMPTY, maxzoom: 10, buffer: 16 });
  map.addLayer({
    id: 'trails',
    type: 'line',
    source: 'trails',
    paint: { 'line-color': trafficColour, 'line-width': 1.2, 'line-opacity': 0.45 },
  });
  map.addLayer({
    id: 'dark-halo',
    type: 'circle',
    source: 'traffic',
    filter: ['==', ['get', 'dark'], 1],
    paint: {
      'circle-radius': 13,
      'circle-color': 'rgba(255, 40, 40, 0.22)',
      'circle-stroke-color': 'rgba(255, 59, 59, 0.85)',
      'circle-stroke-width': 1,
      'circle-blur': 0.3,
    },
  });
  map.addLayer({
    id: 'alert-lines',
    type: 'line',
    source: 'alerts',
    filter: ['==', ['geometry-type'], 'LineString'],
    paint: {
      'line-color': ['match', ['get', 'severity'], 'high', '#ff3b3b', '#ffcc00'],
      'line-width': ['case', ['==', ['get', 'selected'], 1], 3, 1.6],
      'line-dasharray': [2, 1.5],
    },
  });
  map.addLayer({
    id: 'alert-members',
    type: 'circle',
    source: 'alerts',
    filter: ['==', ['get', 'kind'], 'member'],
    paint: {
      'circle-radius': ['case', ['==', ['get', 'selected'], 1], 18, 15],
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': ['match', ['get', 'severity'], 'high', '#ff3b3b', '#ffcc00'],
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: ALERT_CPA_LAYER,
    type: 'circle',
    source: 'alerts',
    filter: ['==', ['get', 'kind'], 'cpa'],
    paint: {
      'circle-radius': 6,
      'circle-color': ['match', ['get', 'severity'], 'high', '#ff3b3b', '#ffcc00'],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: 'alert-cpa-labels',
    type: 'symbol',
    source: 'alerts',
    filter: ['==', ['get', 'kind'], 'cpa'],
    layout: { 'text-field': ['get', 'label'], 'text-font': FONT, 'text-size': 10, 'text-offset': [0, 1.2], 'text-anchor': 'top', 'text-allow-overlap': true },
    paint: { 'text-color': '#ffe082', 'text-halo-color': '#070d14', 'text-halo-width': 1.5 },
  });
  map.addLayer({
    id: 'selection',
    type: 'circle',
    source: 'selection',
    paint: { 'circle-radius': 16, 'circle-color': 'rgba(255,255,255,0.06)', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
  });
  map.addLayer({
    id: AIRCRAFT_LAYER,
    type: 'symbol',
    source: 'traffic',
    layout: {
      'icon-image': ['get', 'icon'],
      'icon-rotate': ['get', 'hdg'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'icon-size': ['interpolate', ['linear'], ['zoom'], 4, 0.7, 8, 1],
    },
  });
  map.addLayer({
    id: 'aircraft-labels',
    type: 'symbol',
    source: 'traffic',
    minzoom: LABEL_ZOOM,
    layout: {
      'text-field': ['get', 'label'],
      'text-font': FONT,
      'text-size': 10,
      'text-anchor': 'top-left',
      'text-offset': [0.9, 0.3],
      'text-justify': 'left',
      'text-max-width': 20,
      'symbol-sort-key': ['get', 'prio'],
    },
    paint: { 'text-color': trafficColour, 'text-halo-color': '#070d14', 'text-halo-width': 1.2 },
  });
  // Zoomed out, dark tracks still carry their data block.
  map.addLayer({
    id: 'aircraft-labels-dark',
    type: 'symbol',
    source: 'traffic',
    maxzoom: LABEL_ZOOM,
    filter: ['==', ['get', 'dark'], 1],
    layout: {
      'text-field': ['get', 'label'],
      'text-font': FONT,
      'text-size': 10,
      'text-anchor': 'top-left',
      'text-offset': [0.9, 0.3],
      'text-justify': 'left',
    },
    paint: { 'text-color': trafficColour, 'text-halo-color': '#070d14', 'text-halo-width': 1.2 },
  });
}

/** Whether the trail source depends on the view (many aircraft): then it is rebuilt when the map stops moving. */
export function trailsFollowView(): boolean {
  return visibleCount > MANY_AIRCRAFT;
}
let visibleCount = 0;

/** Rebuilds the traffic and trail sources from the store (once per snapshot, or when filters change). */
export function renderTraffic(map: MapLibreMap): void {
  const traffic: Feature[] = [];
  const trails: Feature[] = [];
  const shown = store.tracks.filter((tr) => store.passes(tr));
  visibleCount = shown.length;
  const many = shown.length > MANY_AIRCRAFT;
  const closeUp = map.getZoom() >= LABEL_ZOOM;
  const bounds = map.getBounds();
  for (const tr of shown) {
    const dark = tr.transponder === 'on' ? 0 : 1;
    traffic.push({
      type: 'Feature',
      id: tr.trackId,
      geometry: { type: 'Point', coordinates: [tr.lon, tr.lat] },
      properties: {
        id: tr.trackId,
        icon: iconName(tr.category, tr.transponder),
        hdg: tr.trackDeg,
        cat: tr.category,
        dark,
        label: dataBlock(tr),
        // Lower keys are placed first when labels collide: dark, then military and state, then the rest.
        prio: dark ? 0 : tr.category === 'civil' ? 2 : 1,
      },
    });
    const trail = store.trails.get(tr.trackId);
    const wanted = !many || dark === 1 || tr.trackId === store.selectedTrackId || (closeUp && bounds.contains([tr.lon, tr.lat]));
    if (wanted && trail && trail.length >= 4) {
      const coords: [number, number][] = [];
      for (let i = 0; i < trail.length; i += 2) coords.push([trail[i], trail[i + 1]]);
      trails.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: { cat: tr.category, dark } });
    }
  }
  (map.getSource('traffic') as GeoJSONSource).setData({ type: 'FeatureCollection', features: traffic });
  (map.getSource('trails') as GeoJSONSource).setData({ type: 'FeatureCollection', features: trails });
  renderSelection(map);
  renderAlerts(map);
}

/** Last data given to the small overlay sources: an unchanged overlay is not sent again (each setData re-tiles). */
const lastOverlay = new Map<string, string>();

function setOverlay(map: MapLibreMap, source: string, features: Feature[]): void {
  const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features };
  const key = JSON.stringify(features);
  if (lastOverlay.get(source) === key) return;
  lastOverlay.set(source, key);
  (map.getSource(source) as GeoJSONSource).setData(data);
}

export function renderSelection(map: MapLibreMap): void {
  const tr = store.selectedTrackId === null ? undefined : store.byId.get(store.selectedTrackId);
  const features: Feature[] = tr ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [tr.lon, tr.lat] }, properties: {} }] : [];
  setOverlay(map, 'selection', features);
}

/** Each active alert: rings on both aircraft, a line between them, and the predicted closest point with tCPA. */
export function renderAlerts(map: MapLibreMap): void {
  const features: Feature[] = [];
  for (const a of store.activeAlerts()) features.push(...alertFeatures(a, a.alertId === store.selectedAlertId));
  setOverlay(map, 'alerts', features);
}

function alertFeatures(a: ListedAlert, selected: boolean): Feature[] {
  const props = { alertId: a.alertId, severity: a.severity, selected: selected ? 1 : 0 };
  const out: Feature[] = [];
  const members = a.members.map((m) => store.byId.get(m.trackId)).filter((t): t is Track => t !== undefined);
  for (const m of members)
    out.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [m.lon, m.lat] }, properties: { ...props, kind: 'member' } });
  if (members.length === 2) {
    const coords = members.map((m) => [m.lon, m.lat]);
    out.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: { ...props, kind: 'pair' } });
  }
  // Lines from each aircraft to the predicted closest point show where they are heading.
  for (const m of members)
    out.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [[m.lon, m.lat], [a.cpaLon, a.cpaLat]] },
      properties: { ...props, kind: 'tocpa' },
    });
  out.push({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [a.cpaLon, a.cpaLat] },
    properties: { ...props, kind: 'cpa', label: t('map.cpaLabel', { s: Math.round(a.tcpaS) }) },
  });
  return out;
}
