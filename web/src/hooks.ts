// SPDX-License-Identifier: GPL-3.0-or-later
// What end-to-end tests and the browser benchmark reach through `window.jointsky`.

import type { Map as MapLibreMap } from 'maplibre-gl';
import type { store } from './state.ts';
import type { StreamMessage } from './types.ts';

export interface PageHooks {
  map: MapLibreMap;
  /** The encounter replay's map, once the Encounters view has been opened. */
  replayMap?: MapLibreMap;
  store: typeof store;
  /** Feeds a stream message as if it came from the server (the same path the WebSocket takes). */
  ingest: (m: StreamMessage) => void;
}

declare global {
  interface Window {
    jointsky?: PageHooks;
  }
}
