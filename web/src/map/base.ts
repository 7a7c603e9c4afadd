// SPDX-License-Identifier: GPL-3.0-or-later
// Creates a MapLibre map with the offline basemap, whose GeoJSON comes from GET /api/v1/geo/:name.

import { type GeoJSONSource, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { apiGet } from '../api.ts';
import { addAircraftIcons } from './icons.ts';
import { lowerResolutionWhileMoving } from './motion-quality.ts';
import { BASEMAP_KEY, BASEMAP_SOURCE, baseStyle, SEA_COLOUR } from './style.ts';

setWorkerUrl(workerUrl);

const GEO_NAMES = ['land', 'coastline', 'firs', 'airports'] as const;
let geoCache: Promise<GeoJSON.FeatureCollection> | null = null;

/**
 * The four basemap layers as one collection, fetched once for every map of the page; each feature says its layer in
 * BASEMAP_KEY. (One source rather than four: MapLibre draws its tile clipping masks once per source in each frame, a
 * cost software WebGL pays over the whole map while it pans.)
 */
function loadGeo(): Promise<GeoJSON.FeatureCollection> {
  geoCache ??= Promise.all(GEO_NAMES.map(async (n) => tagged(n, await apiGet<GeoJSON.GeoJSON>(`/geo/${n}`)))).then((parts) => ({
    type: 'FeatureCollection',
    features: parts.flat(),
  }));
  return geoCache;
}

function tagged(layer: string, g: GeoJSON.GeoJSON): GeoJSON.Feature[] {
  const features: GeoJSON.Feature[] =
    g.type === 'FeatureCollection' ? g.features : g.type === 'Feature' ? [g] : [{ type: 'Feature', geometry: g, properties: {} }];
  return features.map((f) => ({ ...f, properties: { ...f.properties, [BASEMAP_KEY]: layer } }));
}

export interface MapOptions {
  container: HTMLElement;
  center?: [number, number];
  zoom?: number;
}

/** A map with the basemap and aircraft icons; resolves once the style is loaded (basemap data follows). */
export function createMap(opts: MapOptions, onGeoError: (e: unknown) => void): Promise<MapLibreMap> {
  opts.container.style.backgroundColor = SEA_COLOUR;
  const map = new MapLibreMap({
    container: opts.container,
    style: baseStyle(),
    center: opts.center ?? [16, 56],
    zoom: opts.zoom ?? 5.5,
    attributionControl: false,
    fadeDuration: 0, // labels appear at once: the picture updates every second anyway
    maxPitch: 0,
    dragRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  lowerResolutionWhileMoving(map);
  map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
  map.addControl(new ScaleControl({ unit: 'nautical' }), 'bottom-left');
  return new Promise((resolve) => {
    map.on('load', () => {
      addAircraftIcons(map);
      loadGeo()
        .then((geo) => {
          (map.getSource(BASEMAP_SOURCE) as GeoJSONSource | undefined)?.setData(geo);
        })
        .catch(onGeoError);
      resolve(map);
    });
  });
}
