// SPDX-License-Identifier: GPL-3.0-or-later
// The dark operations-room map style: offline basemap (land, coastline, FIRs, airports) and the traffic layers.
// No glyphs URL: MapLibre draws label glyphs locally from the system's fonts, so nothing is fetched from outside.

import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { CATEGORY_COLOURS, DARK_COLOUR } from './icons.ts';

export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
export const FONT = ['DejaVu Sans Mono', 'Liberation Mono', 'monospace'];
export const SANS = ['DejaVu Sans', 'Liberation Sans', 'sans-serif'];

/** Colour of a traffic feature: red when dark, else its category's. */
export const trafficColour: ExpressionSpecification = [
  'case',
  ['==', ['get', 'dark'], 1],
  DARK_COLOUR,
  ['match', ['get', 'cat'], 'civil', CATEGORY_COLOURS.civil, 'military', CATEGORY_COLOURS.military, 'state', CATEGORY_COLOURS.state, CATEGORY_COLOURS.unknown],
];

/** The basemap's one source, and the feature property that says which layer a feature belongs to. */
export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_KEY = 'basemap';
const only = (layer: string): ExpressionSpecification => ['==', ['get', BASEMAP_KEY], layer];

/**
 * The sea: the map container's own background, seen through the canvas where nothing is drawn. (A background layer
 * would be drawn tile by tile on every frame, which software WebGL pays for while the map pans.)
 */
export const SEA_COLOUR = '#050a10';

/** The basemap layers, shared by the main map and the replay map. */
export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: { [BASEMAP_SOURCE]: { type: 'geojson', data: EMPTY } },
    layers: [
      { id: 'land', type: 'fill', source: BASEMAP_SOURCE, filter: only('land'), paint: { 'fill-color': '#142130', 'fill-antialias': false } },
      { id: 'coastline', type: 'line', source: BASEMAP_SOURCE, filter: only('coastline'), paint: { 'line-color': '#2d5068', 'line-width': 1 } },
      {
        id: 'fir-lines',
        type: 'line',
        source: BASEMAP_SOURCE,
        filter: only('firs'),
        paint: { 'line-color': '#47617f', 'line-width': 1, 'line-dasharray': [4, 3], 'line-opacity': 0.8 },
      },
      {
        id: 'fir-labels',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        filter: only('firs'),
        minzoom: 4,
        layout: {
          'text-field': ['coalesce', ['get', 'id'], ['get', 'icao'], ['get', 'name'], ''],
          'text-font': SANS,
          'text-size': 11,
          'text-letter-spacing': 0.2,
          'symbol-placement': 'point',
        },
        paint: { 'text-color': '#5f7f9f', 'text-halo-color': '#070d14', 'text-halo-width': 1 },
      },
      {
        id: 'airports',
        type: 'circle',
        source: BASEMAP_SOURCE,
        filter: only('airports'),
        minzoom: 4.5,
        paint: { 'circle-radius': 2.2, 'circle-color': '#0b1520', 'circle-stroke-color': '#6f8fa8', 'circle-stroke-width': 1 },
      },
      {
        id: 'airport-labels',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        filter: only('airports'),
        minzoom: 6.5,
        layout: {
          'text-field': ['coalesce', ['get', 'icao'], ['get', 'id'], ''],
          'text-font': FONT,
          'text-size': 9,
          'text-offset': [0, 0.9],
          'text-anchor': 'top',
        },
        paint: { 'text-color': '#6f8fa8', 'text-halo-color': '#070d14', 'text-halo-width': 1 },
      },
    ],
  };
}
