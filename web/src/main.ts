// SPDX-License-Identifier: GPL-3.0-or-later
// Entry point: sign in as a party, build the panels and the map, then follow the live stream.

import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import { LngLatBounds, type Map as MapLibreMap } from 'maplibre-gl';
import { apiGet, openStream } from './api.ts';
import { cycleLanguage, onLanguage, t } from './i18n.ts';
import { createMap } from './map/base.ts';
import { addTrafficLayers, renderAlerts, renderSelection, renderTraffic } from './map/traffic.ts';
import { store } from './state.ts';
import type { ListedAlert, Sensor, StreamMessage, Track } from './types.ts';
import { applyAlertEvent, loadAlerts, setupAlerts } from './ui/alerts.ts';
import { setupCompliance } from './ui/compliance.ts';
import { setupDetails } from './ui/details.ts';
import { byId } from './ui/dom.ts';
import { loadEncounters, setupEncounters } from './ui/encounters.ts';
import { setupFilters } from './ui/filters.ts';
import { setupKeyboard } from './ui/keyboard.ts';
import { setupLedger } from './ui/ledger.ts';
import { ensureLogin } from './ui/login.ts';
import { setupTable } from './ui/table.ts';
import { toast } from './ui/toast.ts';
import { setupTopbar, type View } from './ui/topbar.ts';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function handle(m: StreamMessage): void {
  switch (m.type) {
    case 'tracks':
      store.setSnapshot(m.timeMs, m.tracks);
      break;
    case 'alert':
      applyAlertEvent(m.event);
      break;
    case 'encounter':
      store.encounters = [...store.encounters.filter((e) => e.encounterId !== m.encounter.encounterId), m.encounter];
      store.emit('encounters');
      break;
    case 'ledger':
      store.ledgerSize = m.size;
      store.emit('ledger');
      break;
  }
}

/** Recomputes the party list from the sensors and the parties seen on tracks. */
function updateParties(tracks: Track[]): void {
  const set = new Set(store.parties);
  const before = set.size;
  for (const s of store.sensors) set.add(s.party);
  for (const tr of tracks) for (const p of tr.parties) set.add(p);
  if (set.size !== before) store.parties = [...set].sort();
}

async function main(): Promise<void> {
  store.me = await ensureLogin();
  store.emit('status');

  const encounters = setupEncounters();
  // A notification's matched track: the map view, with that track selected (and brought into view).
  const compliance = setupCompliance((trackId) => {
    showView('map');
    store.select(trackId);
  });
  const ledger = setupLedger();
  const { showView } = setupTopbar((v: View) => {
    if (v === 'encounters') encounters.show();
    if (v === 'compliance') compliance.show();
    if (v === 'ledger') ledger.show();
    else ledger.hide();
    if (v === 'map') map?.resize();
  });
  setupFilters();
  setupDetails();
  const table = setupTable();

  let map: MapLibreMap | null = null;
  const focusAlert = (a: ListedAlert) => {
    if (!map) return;
    const pts = a.members.map((m) => store.byId.get(m.trackId)).filter((tr): tr is Track => tr !== undefined);
    const bounds = new LngLatBounds([a.cpaLon, a.cpaLat], [a.cpaLon, a.cpaLat]);
    for (const tr of pts) bounds.extend([tr.lon, tr.lat]);
    map.fitBounds(bounds, { padding: 150, maxZoom: 8, duration: 600 });
  };
  const alerts = setupAlerts(focusAlert);

  const { toggleHelp } = setupKeyboard([
    { key: '/', help: 'help.search', run: () => {
        showView('map');
        byId<HTMLInputElement>('search').focus();
      },
    },
    {
      key: 'd',
      help: 'help.dark',
      run: () => {
        store.filters.darkOnly = !store.filters.darkOnly;
        store.emit('filters');
      },
    },
    { key: 'a', help: 'help.alerts', run: () => alerts.toggle() },
    {
      key: 'n',
      help: 'help.nextAlert',
      run: () => {
        showView('map');
        alerts.next();
      },
    },
    {
      key: 't',
      help: 'help.table',
      run: () => {
        showView('map');
        table.toggle();
      },
    },
    { key: 'l', help: 'help.language', run: cycleLanguage },
    { key: '1', help: 'help.viewMap', run: () => showView('map') },
    { key: '2', help: 'help.viewEncounters', run: () => showView('encounters') },
    { key: '3', help: 'help.viewCompliance', run: () => showView('compliance') },
    { key: '4', help: 'help.viewLedger', run: () => showView('ledger') },
    {
      key: 'Esc',
      help: 'help.deselect',
      run: () => {
        store.select(null);
        store.selectAlert(null);
        byId('help').classList.add('hidden');
      },
    },
    { key: '?', help: 'help.help', run: () => toggleHelp() },
  ]);
  byId('help-button').addEventListener('click', () => toggleHelp());

  map = await createMap({ container: byId('map') }, (e) => toast(t('error.geo', { message: errorText(e) })));
  const m = map;
  const aircraft = addTrafficLayers(m);
  m.on('click', (ev) => store.select(aircraft.aircraftAt(ev.point.x, ev.point.y)));
  // The pointer over an aircraft shows it can be selected (not while dragging: the map shows its grab cursor then).
  let pointing = false;
  m.on('mousemove', (ev) => {
    const over = !m.isMoving() && aircraft.aircraftAt(ev.point.x, ev.point.y) !== null;
    if (over !== pointing) m.getCanvas().style.cursor = over ? 'pointer' : '';
    pointing = over;
  });

  store.on('tracks', () => {
    updateParties(store.tracks);
    renderTraffic(m);
  });
  store.on('filters', () => renderTraffic(m));
  store.on('alerts', () => renderAlerts(m));
  onLanguage(() => renderAlerts(m));
  store.on('selection', () => {
    renderSelection(m);
    const tr = store.selectedTrackId === null ? undefined : store.byId.get(store.selectedTrackId);
    if (tr && !m.getBounds().contains([tr.lon, tr.lat])) m.easeTo({ center: [tr.lon, tr.lat], duration: 500 });
  });

  window.jointsky = {
    map: m,
    store,
    ingest: handle,
    aircraftAt: (x, y) => aircraft.aircraftAt(x, y),
    renderedAircraft: () => aircraft.renderedAircraft(),
  };

  const loads: Promise<unknown>[] = [
    apiGet<{ sensors: Sensor[] }>('/sensors').then((r) => {
      store.sensors = r.sensors;
      updateParties([]);
      store.emit('tracks');
    }),
    loadAlerts(),
    loadEncounters(),
    apiGet<{ timeMs: number; tracks: Track[] }>('/tracks').then((r) => {
      if (store.timeMs === 0) store.setSnapshot(r.timeMs, r.tracks);
    }),
  ];
  for (const p of loads) p.catch((e: unknown) => toast(t('error.load', { message: errorText(e) })));

  openStream(handle, (s) => {
    store.streamStatus = s;
    store.emit('status');
  });
}

main().catch((e: unknown) => {
  document.body.append(Object.assign(document.createElement('pre'), { className: 'error', textContent: errorText(e) }));
});
