// SPDX-License-Identifier: GPL-3.0-or-later
// The top bar: view tabs, picture time and counts, stream state, the party signed in, and the language menu.

import { availableLanguages, currentLanguage, onLanguage, setLanguage, t, translateStatic } from '../i18n.ts';
import { utcTime } from '../format.ts';
import { store } from '../state.ts';
import { byId, fill, h } from './dom.ts';
import { logout } from './login.ts';

export type View = 'map' | 'encounters' | 'compliance' | 'ledger';
export const VIEWS: View[] = ['map', 'encounters', 'compliance', 'ledger'];

export function setupTopbar(onView: (v: View) => void): { showView: (v: View) => void } {
  const status = byId('status');
  const party = byId('party');
  const lang = byId<HTMLSelectElement>('lang');
  const showView = (v: View) => {
    for (const b of document.querySelectorAll<HTMLButtonElement>('#views button')) b.classList.toggle('active', b.dataset.view === v);
    for (const s of document.querySelectorAll<HTMLElement>('main .view')) s.classList.toggle('active', s.id === `view-${v}`);
    onView(v);
  };
  for (const b of document.querySelectorAll<HTMLButtonElement>('#views button')) b.addEventListener('click', () => showView(b.dataset.view as View));

  const renderStatus = () => {
    const shown = store.tracks.reduce((n, tr) => n + (store.passes(tr) ? 1 : 0), 0);
    const dark = store.tracks.reduce((n, tr) => n + (tr.transponder !== 'on' ? 1 : 0), 0);
    const live = store.streamStatus === 'open';
    fill(
      status,
      h('span', { id: 'picture-time' }, store.timeMs ? `${utcTime(store.timeMs)} UTC` : '--:--:--'),
      h('span', { id: 'track-count' }, t('status.tracks', { shown, total: store.tracks.length })),
      h('span', { class: dark ? 'red' : '' }, t('status.dark', { n: dark })),
      h('span', { class: live ? 'live' : 'down', id: 'stream-state' }, live ? t('status.live') : t(`status.stream.${store.streamStatus}`)),
    );
  };
  const renderParty = () =>
    fill(
      party,
      store.me ? h('span', {}, t('party.signedIn'), ' ', h('b', {}, store.me.party), ` (${store.me.name})`) : null,
      h('button', { onclick: logout, title: t('party.switchTitle') }, t('party.switch')),
    );
  const renderLang = () => {
    fill(lang, ...availableLanguages().map((l) => h('option', { value: l.code, selected: l.code === currentLanguage() }, l.name)));
    lang.title = t('language.title');
  };
  lang.addEventListener('change', () => setLanguage(lang.value));
  onLanguage(() => {
    translateStatic(document);
    renderStatus();
    renderParty();
    renderLang();
  });
  store.on('tracks', renderStatus);
  store.on('filters', renderStatus);
  store.on('status', () => {
    renderStatus();
    renderParty();
  });
  return { showView };
}
