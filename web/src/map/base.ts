// SPDX-License-Identifier: GPL-3.0-or-later
// Creates a MapLibre map with the offline basemap, whose GeoJSON comes from GET /api/v1/geo/:name.

import { type GeoJSONSource, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { apiGet } from '../api.ts';
import { baseStyle } from './style.ts';
import { addAircraftIcons } from './icons.ts';

setWorkerUrl(workerUrl);

const GEO_NAMES = ['land', 'coastline', 'firs', 'airports'] as const;
let geoCache: Promise<Record<string, GeoJSON.GeoJSON>> | null = null;

/** The four basemap layers, fetched once for every map of the page. */
function loadGeo(): Promise<Record<string, GeoJSON.GeoJSON>> {
  geoCache ??= Promise.all(GEO_NAMES.map(async (n) => [n, await apiGet<GeoJSON.GeoJSON>(`/geo/${n}`)] as const)).then((pairs) =>
    Object.fromEntries(pairs),
  );
  return geoCache;
}

export interface MapOptions {
  container: HTMLElement;
  center?: [number, number];
  zoom?: number;
}

/** A map with the basemap and aircraft icons; resolves once the style is loaded (basemap data follows). */
export function createMap(opts: MapOptions, onGeoError: (e: unknown) => void): Promise<MapLibreMap> {
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
  map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
  map.addControl(new ScaleControl({ unit: 'nautical' }), 'bottom-left');
  return new Promise((resolve) => {
    map.on('load', () => {
      addAircraftIcons(map);
      loadGeo()
        .then((geo) => {
          for (const n of GEO_NAMES) (map.getSource(n) as GeoJSONSource | undefined)?.setData(geo[n]);
        })
        .catch(onGeoError);
      resolve(map);
    });
  });
}
