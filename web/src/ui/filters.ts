// SPDX-License-Identifier: GPL-3.0-or-later
// The filter panel: categories (with the symbol legend), dark only, altitude band, party's sensors, and search.

import { onLanguage, t } from '../i18n.ts';
import { iconDataUrl } from '../map/icons.ts';
import { FULL_BAND, store } from '../state.ts';
import { CATEGORIES, TRANSPONDER_STATES, type Track } from '../types.ts';
import { byId, fill, h } from './dom.ts';

/** Finds the first track whose callsign, address or number starts with the query (case-insensitive). */
export function findTrack(query: string): Track | undefined {
  const q = query.trim().toLowerCase();
  if (!q) return undefined;
  return store.tracks.find(
    (tr) => tr.callsign?.toLowerCase().startsWith(q) || tr.icao?.startsWith(q) || String(tr.trackId) === q.replace(/^#/, ''),
  );
}

export function setupFilters(): void {
  const root = byId('filters');
  const changed = () => store.emit('filters');
  const render = () => {
    const f = store.filters;
    const search = h('input', { type: 'search', id: 'search', placeholder: t('filters.searchPlaceholder'), autocomplete: 'off' });
    search.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter') return;
      const tr = findTrack(search.value);
      if (tr) store.select(tr.trackId);
      search.classList.toggle('error', !tr);
    });
    const fl = (key: 'minFl' | 'maxFl') => {
      const input = h('input', { type: 'number', min: 0, max: FULL_BAND.maxFl, step: 10, value: f[key], id: `filter-${key}` });
      input.addEventListener('change', () => {
        const v = Number(input.value);
        f[key] = Number.isFinite(v) ? Math.min(Math.max(v, 0), FULL_BAND.maxFl) : FULL_BAND[key];
        changed();
      });
      return input;
    };
    const party = h('select', { id: 'filter-party' }, h('option', { value: '' }, t('filters.anyParty')));
    for (const p of store.parties) party.append(h('option', { value: p, selected: f.party === p }, p));
    party.addEventListener('change', () => {
      f.party = party.value || null;
      changed();
    });
    const dark = h('input', { type: 'checkbox', id: 'filter-dark', checked: f.darkOnly });
    dark.addEventListener('change', () => {
      f.darkOnly = dark.checked;
      changed();
    });
    fill(
      root,
      h('div', { class: 'filter-group' }, h('h2', {}, t('filters.search')), search),
      h(
        'div',
        { class: 'filter-group' },
        h('h2', {}, t('filters.category')),
        ...CATEGORIES.map((c) => {
          const box = h('input', { type: 'checkbox', 'data-category': c, checked: f.categories.has(c) });
          box.addEventListener('change', () => {
            if (box.checked) f.categories.add(c);
            else f.categories.delete(c);
            changed();
          });
          return h('label', {}, box, h('img', { src: iconDataUrl(c, 'on'), alt: '' }), t(`category.${c}`));
        }),
      ),
      h('div', { class: 'filter-group' }, h('h2', {}, t('filters.transponder')), h('label', {}, dark, t('filters.darkOnly'), h('span', { class: 'dim' }, ' (d)'))),
      h(
        'div',
        { class: 'filter-group' },
        h('h2', {}, t('filters.altitude')),
        h('label', {}, t('filters.fromFl'), fl('minFl'), t('filters.toFl'), fl('maxFl')),
      ),
      h('div', { class: 'filter-group' }, h('h2', {}, t('filters.partySensors')), party),
      h(
        'div',
        { class: 'filter-group' },
        h('h2', {}, t('filters.legend')),
        ...TRANSPONDER_STATES.map((s) => h('div', { class: 'legend-row' }, h('img', { src: iconDataUrl('civil', s), alt: '' }), t(`transponder.${s}`))),
      ),
    );
  };
  onLanguage(render);
  store.on('filters', () => {
    // keyboard shortcuts change filters too: keep the checkboxes in step
    const dark = document.getElementById('filter-dark') as HTMLInputElement | null;
    if (dark) dark.checked = store.filters.darkOnly;
  });
  let partyKey = '';
  store.on('tracks', () => {
    // New parties show up in the select as sensors are seen.
    const key = store.parties.join(',');
    if (key !== partyKey) {
      partyKey = key;
      render();
    }
  });
}
