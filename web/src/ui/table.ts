// SPDX-License-Identifier: GPL-3.0-or-later
// The aircraft table: sortable, filtered like the map, and virtualized (only the rows in view exist in the DOM).

import { flightLevel, knots } from '../format.ts';
import { type MessageKey, onLanguage, t } from '../i18n.ts';
import { store } from '../state.ts';
import type { Track } from '../types.ts';
import { byId, fill, h } from './dom.ts';

const ROW_HEIGHT_PX = 22;

interface Column {
  key: string;
  title: MessageKey;
  widthPx: number;
  text: (tr: Track) => string;
  sort: (a: Track, b: Track) => number;
}

const str = (f: (tr: Track) => string | undefined) => (a: Track, b: Track) => (f(a) ?? '\uffff').localeCompare(f(b) ?? '\uffff');
const numeric = (f: (tr: Track) => number | null) => (a: Track, b: Track) => (f(a) ?? -1e9) - (f(b) ?? -1e9);

const COLUMNS: Column[] = [
  { key: 'callsign', title: 'table.callsign', widthPx: 90, text: (tr) => tr.callsign ?? '', sort: str((tr) => tr.callsign) },
  { key: 'icao', title: 'table.icao', widthPx: 70, text: (tr) => tr.icao ?? '', sort: str((tr) => tr.icao) },
  { key: 'category', title: 'table.category', widthPx: 90, text: (tr) => t(`category.${tr.category}`), sort: str((tr) => tr.category) },
  { key: 'transponder', title: 'table.transponder', widthPx: 90, text: (tr) => t(`transponderShort.${tr.transponder}`), sort: str((tr) => tr.transponder) },
  {
    key: 'fl',
    title: 'table.fl',
    widthPx: 55,
    text: (tr) => {
      const fl = flightLevel(tr.altM);
      return fl === null ? '—' : String(fl);
    },
    sort: numeric((tr) => flightLevel(tr.altM)),
  },
  { key: 'speed', title: 'table.speed', widthPx: 60, text: (tr) => String(knots(tr.gsMps)), sort: numeric((tr) => tr.gsMps) },
  { key: 'sensors', title: 'table.sensors', widthPx: 260, text: (tr) => tr.sensors.join(' '), sort: numeric((tr) => tr.sensors.length) },
];

export function setupTable(): { toggle: () => void } {
  const root = byId('table-panel');
  let sortKey = 'callsign';
  let ascending = true;
  let rows: Track[] = [];
  const body = h('div', { class: 'vtable', id: 'aircraft-table' });
  const spacer = h('div', { style: 'position:relative' });
  const head = h('div', { class: 'thead' });
  const title = h('h2', { style: 'margin:0' });
  const visible = () => !root.classList.contains('hidden');

  const renderHead = () => {
    fill(
      head,
      ...COLUMNS.map((c) =>
        h(
          'div',
          {
            class: `cell${c.key === sortKey ? ' sorted' : ''}`,
            style: `width:${c.widthPx}px`,
            'data-sort': c.key,
            onclick: () => {
              ascending = c.key === sortKey ? !ascending : true;
              sortKey = c.key;
              renderHead();
              update();
            },
          },
          t(c.title) + (c.key === sortKey ? (ascending ? ' ▲' : ' ▼') : ''),
        ),
      ),
    );
  };

  // Only the rows between the scroll position and the bottom of the panel exist, taken from a pool and updated in
  // place, so that a snapshot arriving under the pointer does not swallow a click.
  const pool: HTMLElement[] = [];
  const poolRow = (k: number) => {
    if (!pool[k]) pool[k] = h('div', { class: 'row' }, ...COLUMNS.map((c) => h('div', { class: 'cell', style: `width:${c.widthPx}px` })));
    return pool[k];
  };
  const renderRows = () => {
    const first = Math.max(0, Math.floor(body.scrollTop / ROW_HEIGHT_PX) - 2);
    const last = Math.min(rows.length, first + Math.ceil(body.clientHeight / ROW_HEIGHT_PX) + 4);
    for (let i = first; i < last; i++) {
      const tr = rows[i];
      const el = poolRow(i - first);
      el.className = `row${tr.transponder !== 'on' ? ' dark' : ''}${tr.trackId === store.selectedTrackId ? ' selected' : ''}`;
      el.style.top = `${i * ROW_HEIGHT_PX}px`;
      el.dataset.track = String(tr.trackId);
      COLUMNS.forEach((c, j) => {
        const text = c.text(tr);
        const cell = el.children[j] as HTMLElement;
        if (cell.textContent !== text) cell.textContent = text;
      });
      if (el.parentNode !== spacer) spacer.append(el);
    }
    for (let k = last - first; k < pool.length; k++) pool[k].remove();
    spacer.style.height = `${rows.length * ROW_HEIGHT_PX}px`;
  };
  spacer.addEventListener('click', (ev) => {
    const row = (ev.target as HTMLElement).closest<HTMLElement>('.row');
    if (row?.dataset.track) store.select(Number(row.dataset.track));
  });

  const update = () => {
    if (!visible()) return;
    const col = COLUMNS.find((c) => c.key === sortKey) ?? COLUMNS[0];
    rows = store.tracks.filter((tr) => store.passes(tr));
    rows.sort((a, b) => (ascending ? col.sort(a, b) : col.sort(b, a)) || a.trackId - b.trackId);
    title.textContent = t('table.title', { n: rows.length, total: store.tracks.length });
    renderRows();
  };

  body.addEventListener('scroll', renderRows, { passive: true });
  body.append(head, spacer);
  fill(root, h('div', { class: 'table-head' }, title, h('span', { class: 'spacer' }), h('span', { class: 'dim' }, 't')), body);
  onLanguage(() => {
    renderHead();
    update();
  });
  store.on('tracks', update);
  store.on('filters', update);
  store.on('selection', () => {
    if (!visible()) return;
    // Bring the selected aircraft into view.
    const i = rows.findIndex((tr) => tr.trackId === store.selectedTrackId);
    if (i >= 0 && (i * ROW_HEIGHT_PX < body.scrollTop || (i + 1) * ROW_HEIGHT_PX > body.scrollTop + body.clientHeight - 24))
      body.scrollTop = Math.max(0, i * ROW_HEIGHT_PX - body.clientHeight / 2);
    renderRows();
  });
  return {
    toggle: () => {
      root.classList.toggle('hidden');
      window.dispatchEvent(new Event('resize')); // the map gives up or takes back the room
      update();
    },
  };
}
