// SPDX-License-Identifier: GPL-3.0-or-later
// Traffic on the main map: aircraft symbols and dark halos (one WebGL layer), trails (another), data blocks, the
// selection and alert pairs. One update per source and layer per snapshot; no DOM element per aircraft; panning
// changes only the WebGL layers' matrix. With many aircraft, the data blocks and trails that depend on the view are
// rebuilt only once the map has stopped moving.

import { type GeoJSONSource, LngLatBounds, type Map as MapLibreMap, type SymbolLayerSpecification } from 'maplibre-gl';
import { flText, knots } from '../format.ts';
import { t } from '../i18n.ts';
import { store } from '../state.ts';
import type { ListedAlert, Track } from '../types.ts';
import { AIRCRAFT_LAYER, AircraftLayer } from './aircraft-layer.ts';
import { EMPTY, FONT, trafficColour } from './style.ts';
import { type Trail, TrailLayer } from './trail-layer.ts';

type Feature = GeoJSON.Feature<GeoJSON.Geometry, Record<string, string | number>>;

export { AIRCRAFT_LAYER };
export const ALERT_CPA_LAYER = 'alert-cpa';
/** Below this zoom, only dark aircraft carry a data block (thousands of labels at once help nobody and cost frames). */
export const LABEL_ZOOM = 7;
/**
 * Above this many aircraft shown, trails are drawn only in view at LABEL_ZOOM and beyond, and always for dark tracks;
 * data blocks likewise (from a zoom level below, so that zooming in finds them ready).
 */
export const MANY_AIRCRAFT = 1500;
const FAR_LABELS = 'traffic-far';
/** The view is widened by this fraction of its size on each side for view-dependent trails and data blocks. */
const VIEW_MARGIN = 0.5;
/** Milliseconds the map must rest before view-dependent trails and data blocks follow it. */
const SETTLE_MS = 150;

/** The data block: callsign (or address), then flight level and ground speed in knots. */
export function dataBlock(tr: Track): string {
  const id = tr.callsign || tr.icao?.toUpperCase() || `#${tr.trackId}`;
  return `${id}\n${flText(tr.altM)} ${knots(tr.gsMps)}`;
}

/** A data block beside its aircraft, close up and (for dark tracks) zoomed out alike. */
const DATA_BLOCK_LAYOUT = {
  'text-field': ['get', 'label'],
  'text-font': FONT,
  'text-size': 10,
  'text-anchor': 'top-left',
  'text-offset': [0.9, 0.3],
  'text-justify': 'left',
} satisfies SymbolLayerSpecification['layout'];
const DATA_BLOCK_PAINT = { 'text-color': trafficColour, 'text-halo-color': '#070d14', 'text-halo-width': 1.2 } satisfies SymbolLayerSpecification['paint'];

/** Adds the traffic layers; returns the aircraft layer (which also picks aircraft). */
export function addTrafficLayers(map: MapLibreMap): AircraftLayer {
  // Points need no simplification and little tile buffer; beyond zoom 10 the tiles are overzoomed.
  for (const id of ['traffic', 'alerts', 'selection']) map.addSource(id, { type: 'geojson', data: EMPTY, maxzoom: 10, buffer: 16 });
  // Zoomed out, the dark tracks' data blocks come from a source of few, large tiles (zoom 3: a unit is at most a pixel
  // below LABEL_ZOOM): each snapshot reloads one or two tiles instead of a screenful, and each reload costs a frame.
  map.addSource(FAR_LABELS, { type: 'geojson', data: EMPTY, maxzoom: 3, buffer: 16 });
  trailLayer = new TrailLayer();
  map.addLayer(trailLayer);
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
  aircraft = new AircraftLayer();
  map.addLayer(aircraft);
  map.addLayer({
    id: 'aircraft-labels',
    type: 'symbol',
    source: 'traffic',
    minzoom: LABEL_ZOOM,
    layout: { ...DATA_BLOCK_LAYOUT, 'text-max-width': 20, 'symbol-sort-key': ['get', 'prio'] },
    paint: DATA_BLOCK_PAINT,
  });
  // Zoomed out, dark tracks still carry their data block.
  map.addLayer({
    id: 'aircraft-labels-dark',
    type: 'symbol',
    source: FAR_LABELS,
    maxzoom: LABEL_ZOOM,
    filter: ['==', ['get', 'dark'], 1],
    layout: DATA_BLOCK_LAYOUT,
    paint: DATA_BLOCK_PAINT,
  });
  // A pan fires moveend per step (and a drag one at its end): follow the view once the map rests.
  map.on('moveend', () => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => followView(map), SETTLE_MS);
  });
  return aircraft;
}

let aircraft: AircraftLayer | null = null;
let trailLayer: TrailLayer | null = null;
/** The aircraft that passed the filters at the last snapshot. */
let shown: Track[] = [];
/** What the view-dependent sources hold: with many aircraft, what is near the view (bounds widened) at what zoom. */
let built: { many: boolean; labelsNear: boolean; trailsNear: boolean; bounds: LngLatBounds | null } | null = null;
let settleTimer: ReturnType<typeof setTimeout> | undefined;
/** Data blocks last sent to the close-up source. */
let closeUpLabels = 0;

/** Rebuilds every traffic source from the store (once per snapshot, or when filters change). */
export function renderTraffic(map: MapLibreMap): void {
  shown = store.tracks.filter((tr) => store.passes(tr));
  aircraft?.setAircraft(shown);
  renderDataBlocksAndTrails(map);
  renderSelection(map);
  renderAlerts(map);
}

/** Once the map has rested: data blocks and trails follow the view if what they hold no longer covers it. */
function followView(map: MapLibreMap): void {
  if (!built?.many) return;
  const zoom = map.getZoom();
  const view = map.getBounds();
  const covered =
    built.labelsNear === zoom >= LABEL_ZOOM - 1 &&
    built.trailsNear === zoom >= LABEL_ZOOM &&
    (built.bounds === null || (built.bounds.contains(view.getSouthWest()) && built.bounds.contains(view.getNorthEast())));
  if (!covered) renderDataBlocksAndTrails(map);
}

/** The view's bounds widened by VIEW_MARGIN of its size on each side. */
function widened(b: LngLatBounds): LngLatBounds {
  const dLon = (b.getEast() - b.getWest()) * VIEW_MARGIN;
  const dLat = (b.getNorth() - b.getSouth()) * VIEW_MARGIN;
  return new LngLatBounds([b.getWest() - dLon, b.getSouth() - dLat], [b.getEast() + dLon, b.getNorth() + dLat]);
}

function renderDataBlocksAndTrails(map: MapLibreMap): void {
  const labels: Feature[] = [];
  const darkLabels: Feature[] = [];
  const trails: Trail[] = [];
  const many = shown.length > MANY_AIRCRAFT;
  const zoom = map.getZoom();
  const labelsNear = zoom >= LABEL_ZOOM - 1;
  const trailsNear = zoom >= LABEL_ZOOM;
  const bounds = many && labelsNear ? widened(map.getBounds()) : null;
  for (const tr of shown) {
    const dark = tr.transponder === 'on' ? 0 : 1;
    const near = !many || bounds?.contains([tr.lon, tr.lat]) === true;
    const closeUp = near && (!many || labelsNear);
    if (dark || closeUp) {
      const label: Feature = {
        type: 'Feature',
        id: tr.trackId,
        geometry: { type: 'Point', coordinates: [tr.lon, tr.lat] },
        properties: {
          id: tr.trackId,
          cat: tr.category,
          dark,
          label: dataBlock(tr),
          // Lower keys are placed first when labels collide: dark, then military and state, then the rest.
          prio: dark ? 0 : tr.category === 'civil' ? 2 : 1,
        },
      };
      if (dark) darkLabels.push(label);
      if (closeUp || (dark && labelsNear)) labels.push(label);
    }
    const trail = store.trails.get(tr.trackId);
    const wanted = !many || dark === 1 || tr.trackId === store.selectedTrackId || (trailsNear && near);
    if (wanted && trail && trail.length >= 4) trails.push({ lonLat: trail, category: tr.category, dark: dark === 1 });
  }
  (map.getSource(FAR_LABELS) as GeoJSONSource).setData({ type: 'FeatureCollection', features: darkLabels });
  // Close-up data blocks: an empty source is not sent again (zoomed out with many aircraft, it stays empty).
  if (labels.length > 0 || closeUpLabels > 0) (map.getSource('traffic') as GeoJSONSource).setData({ type: 'FeatureCollection', features: labels });
  closeUpLabels = labels.length;
  trailLayer?.setTrails(trails);
  built = { many, labelsNear, trailsNear, bounds };
}

/** Last data given to the small overlay sources: an unchanged overlay is not sent again (each setData re-tiles). */
const lastOverlay = new Map<string, string>();

function setOverlay(map: MapLibreMap, source: string, features: Feature[]): void {
  const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features };
  const key = JSON.stringify(features);
  if (lastOverlay.get(source) === key) return;
  lastOverlay.set(source, key);
  (map.getSource(source) as GeoJSONSource).setData(data);
  // An empty source still has (empty) tiles, and its line layers still cost tile clipping masks every frame: hide them.
  const visibility = features.length > 0 ? 'visible' : 'none';
  for (const layer of OVERLAY_LAYERS[source] ?? []) map.setLayoutProperty(layer, 'visibility', visibility);
}

/** The layers drawn from each overlay source. */
const OVERLAY_LAYERS: Record<string, string[]> = {
  alerts: ['alert-lines', 'alert-members', ALERT_CPA_LAYER, 'alert-cpa-labels'],
  selection: ['selection'],
};

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
