// SPDX-License-Identifier: GPL-3.0-or-later
// What end-to-end tests and the browser benchmark reach through `window.jointsky`.

import type { Map as MapLibreMap } from 'maplibre-gl';
import type { DrawnAircraft } from './map/aircraft-layer.ts';
import type { store } from './state.ts';
import type { StreamMessage } from './types.ts';

export interface PageHooks {
  map: MapLibreMap;
  /** The encounter replay's map, once the Encounters view has been opened. */
  replayMap?: MapLibreMap;
  store: typeof store;
  /** Feeds a stream message as if it came from the server (the same path the WebSocket takes). */
  ingest: (m: StreamMessage) => void;
  /**
   * The track drawn nearest to a point of the main map (CSS pixels from its top-left corner), within reach; else
   * null. (The aircraft are a custom WebGL layer, which MapLibre's queryRenderedFeatures cannot see into.)
   */
  aircraftAt: (xPx: number, yPx: number) => number | null;
  /** Every aircraft the main map's last frame drew inside its viewport. */
  renderedAircraft: () => DrawnAircraft[];
}

declare global {
  interface Window {
    jointsky?: PageHooks;
  }
}
