// SPDX-License-Identifier: GPL-3.0-or-later
// The selected aircraft's details: identity, category, transponder, position, level, speed, sensors, parties, quality.

import { flText, fpm, knots, latLon, utcTime } from '../format.ts';
import { onLanguage, t } from '../i18n.ts';
import { store } from '../state.ts';
import { byId, fill, h } from './dom.ts';

export function setupDetails(): void {
  const root = byId('details');
  const render = () => {
    const tr = store.selectedTrackId === null ? undefined : store.byId.get(store.selectedTrackId);
    if (!tr) {
      fill(root, h('h2', {}, t('details.title')), h('p', { class: 'dim' }, store.selectedTrackId === null ? t('details.none') : t('details.lost')));
      return;
    }
    const dark = tr.transponder !== 'on';
    const sensorParty = new Map(store.sensors.map((s) => [s.id, s.party]));
    const row = (k: string, v: Node | string) => [h('dt', {}, k), h('dd', {}, v)];
    fill(
      root,
      h('h2', {}, t('details.title'), h('span', { class: 'spacer' }), h('button', { onclick: () => store.select(null), title: t('details.close') }, '×')),
      h(
        'div',
        { style: 'font-size:18px;margin-bottom:6px', class: 'mono' },
        tr.callsign || tr.icao?.toUpperCase() || `#${tr.trackId}`,
        ' ',
        dark ? h('span', { class: 'badge dark' }, t('details.darkBadge')) : null,
      ),
      h(
        'dl',
        { class: 'kv', id: 'details-list' },
        ...row(t('details.trackId'), String(tr.trackId)),
        ...row(t('details.callsign'), tr.callsign ?? '—'),
        ...row(t('details.icao'), tr.icao ?? '—'),
        ...row(t('details.squawk'), tr.squawk ?? '—'),
        ...row(t('details.category'), t(`category.${tr.category}`)),
        ...row(t('details.transponder'), h('span', { class: dark ? 'red' : '' }, t(`transponder.${tr.transponder}`))),
        ...row(t('details.status'), t(`status.${tr.status}`)),
        ...row(t('details.position'), latLon(tr.lat, tr.lon)),
        ...row(t('details.level'), tr.altM === undefined ? t('details.unknownAlt') : `${flText(tr.altM)} (${Math.round(tr.altM)} m${tr.altSource === 'gnss' ? ' GNSS' : ''})`),
        ...row(t('details.speed'), t('unit.kt', { v: knots(tr.gsMps) })),
        ...row(t('details.heading'), `${Math.round(tr.trackDeg)}°`),
        ...row(t('details.verticalRate'), t('unit.fpm', { v: fpm(tr.vrMps) })),
        ...row(t('details.emergency'), tr.emergency && tr.emergency !== 'none' ? h('span', { class: 'red' }, t(`emergency.${tr.emergency}`)) : '—'),
        ...row(t('details.updated'), `${utcTime(tr.lastUpdateMs)} UTC`),
        ...row(t('details.updates'), String(tr.updates)),
        ...row(
          t('details.sensors'),
          tr.sensors.length ? tr.sensors.map((s) => (sensorParty.has(s) ? `${s} (${sensorParty.get(s)})` : s)).join(', ') : '—',
        ),
        ...row(t('details.parties'), tr.parties.join(', ') || '—'),
        ...row(
          t('details.quality'),
          h('div', {}, `${Math.round(tr.quality * 100)} %`, h('div', { class: 'quality' }, h('div', { style: `width:${Math.round(tr.quality * 100)}%` }))),
        ),
      ),
    );
  };
  onLanguage(render);
  store.on('selection', render);
  store.on('tracks', render);
}
