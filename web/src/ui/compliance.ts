// SPDX-License-Identifier: GPL-3.0-or-later
// Compliance and notifications dashboard: per party transponder-on share, dark hours, notified share and dark
// encounters as bar charts, the table behind them, recent compliance events and the notifications.

import { apiGet, apiPost } from '../api.ts';
import { num, percent, utcDateTime, utcTime } from '../format.ts';
import { type MessageKey, onLanguage, t } from '../i18n.ts';
import type { ComplianceResponse, Notification } from '../types.ts';
import { store } from '../state.ts';
import { barChart } from './charts.ts';
import { byId, fill, h } from './dom.ts';

const EVENTS_SHOWN = 200;

const STATUS_CLASS: Record<NonNullable<Notification['status']>, string> = {
  pending: 'dim',
  flown: 'green',
  'flown-with-deviation': 'amber',
  'no-show': 'amber',
  cancelled: 'dim',
};

/**
 * The log's notifications, earliest period first: flight, party, last message, period, how it stands against
 * what flew, the tracks matched to it (each shows on the map), and the message as filed.
 */
function notificationsPanel(notifications: readonly Notification[], showTrack: (trackId: number) => void, form: HTMLElement): HTMLElement {
  const sorted = [...notifications].sort((a, b) => a.fromMs - b.fromMs || (a.callsign ?? '').localeCompare(b.callsign ?? '') || a.notificationId.localeCompare(b.notificationId));
  const head = (['notifications.flight', 'compliance.party', 'notifications.type', 'notifications.period', 'notifications.status', 'notifications.tracks', 'notifications.message'] as const).map((k) =>
    h('th', {}, t(k)),
  );
  const row = (n: Notification) => {
    const status = n.status ?? 'pending';
    const tracks = (n.trackIds ?? []).map((id) =>
      h('button', { class: 'link', title: t('notifications.showTrack', { id }), onclick: () => showTrack(id) }, `#${id}`),
    );
    return h(
      'tr',
      { 'data-notification': n.notificationId, 'data-status': status },
      h('td', {}, n.callsign ?? n.notificationId),
      h('td', {}, n.party),
      h('td', {}, n.messageType),
      h('td', {}, `${utcDateTime(n.fromMs)} – ${utcTime(n.toMs)}`),
      h('td', { class: STATUS_CLASS[status] }, t(`notificationStatus.${status}`)),
      h('td', {}, ...(tracks.length > 0 ? tracks : ['—'])),
      h('td', {}, h('details', {}, h('summary', {}, n.notificationId), h('pre', { class: 'ats' }, n.message))),
    );
  };
  return h(
    'div',
    { class: 'panel' },
    h('h2', {}, t('notifications.title'), h('span', { class: 'count' }, String(notifications.length))),
    form,
    sorted.length === 0
      ? h('p', { class: 'dim' }, t('notifications.none'))
      : h('table', { class: 'grid', id: 'notification-table' }, h('tr', {}, ...head), ...sorted.slice(0, EVENTS_SHOWN).map(row)),
  );
}

/**
 * A form to file one ATS message as the logged-in party (signed by the server with that party's key only). It is
 * made once and kept across the dashboard's re-renders, so that what is typed and the last result stay.
 */
function fileForm(onFiled: () => void): HTMLElement {
  const text = h('textarea', { id: 'notification-text', rows: 4, placeholder: '(FPL-RFF1234-IM-IL20/M-S/C-ZZZZ0900-N0330F240 DCT 5542N01945E-ZZZZ0100-DOF/240604 DEP/5503N01936E DEST/5542N01945E)', spellcheck: false }) as HTMLTextAreaElement;
  const result = h('p', { id: 'notification-result', class: 'dim' }, t('notifications.fileHelp', { party: store.me?.party ?? '—' }));
  const submit = async () => {
    try {
      const r = await apiPost<{ notification: Notification; entryIndex: number; party: string }>('/notifications', { message: text.value });
      result.className = 'green';
      result.textContent = t('notifications.filed', { id: r.notification.notificationId, entry: r.entryIndex, party: r.party });
      text.value = '';
      onFiled();
    } catch (e) {
      result.className = 'error';
      result.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  return h('details', { class: 'file-notification' }, h('summary', {}, t('notifications.file')), text, h('div', {}, h('button', { id: 'notification-submit', onclick: () => void submit() }, t('notifications.submit'))), result);
}

/** The dashboard; `showTrack` brings a track up on the map (from a notification's matched tracks). */
export function setupCompliance(showTrack: (trackId: number) => void = () => undefined): { show: () => void } {
  const root = byId('view-compliance');
  let data: ComplianceResponse | null = null;
  let notifications: Notification[] = [];
  let error = '';
  /** The filing form, made at the first render (the party is known by then) and again in another language. */
  let form: HTMLElement | undefined;

  const render = () => {
    if (!data) {
      fill(root, h('div', { class: 'panel wide' }, h('p', { class: error ? 'error' : 'dim' }, error || t('common.loading'))));
      return;
    }
    form ??= fileForm(() => void load());
    const filingForm = form;
    const parties = data.parties;
    const chart = (title: MessageKey, value: (p: ComplianceResponse['parties'][number]) => number, format: (v: number) => string, max?: number, colour?: string) =>
      h('div', { class: 'chart' }, h('h3', {}, t(title)), barChart(parties.map((p) => ({ label: p.party, value: value(p), colour })), format, max));
    fill(
      root,
      h(
        'div',
        { class: 'panel wide' },
        h('h2', {}, t('compliance.title'), h('span', { class: 'spacer' }), h('button', { onclick: () => void load() }, t('common.refresh'))),
        h(
          'div',
          { class: 'charts', id: 'compliance-charts' },
          chart('compliance.transponderOnShare', (p) => p.transponderOnShare, percent, 1, '#4caf50'),
          chart('compliance.darkHours', (p) => p.darkHours, (v) => num(v, 1), undefined, '#ff3b3b'),
          chart('compliance.notifiedShare', (p) => p.notifiedShare, percent, 1, '#4fd1ff'),
          chart('compliance.darkEncounters', (p) => p.darkEncounters, (v) => num(v, 0), undefined, '#ffb74d'),
        ),
        h(
          'table',
          { class: 'grid', style: 'margin-top:10px' },
          h(
            'tr',
            {},
            ...(
              [
                'compliance.party',
                'compliance.flightHours',
                'compliance.transponderOnShare',
                'compliance.darkHours',
                'compliance.darkEncounters',
                'compliance.notifiedShare',
                'compliance.flownAsNotifiedShare',
              ] as const
            ).map((k) => h('th', {}, t(k))),
          ),
          ...parties.map((p) =>
            h(
              'tr',
              {},
              h('td', {}, p.party),
              h('td', {}, num(p.flightHours, 1)),
              h('td', {}, percent(p.transponderOnShare)),
              h('td', {}, num(p.darkHours, 2)),
              h('td', {}, String(p.darkEncounters)),
              h('td', {}, percent(p.notifiedShare)),
              h('td', {}, percent(p.flownAsNotifiedShare)),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'panel' },
        h('h2', {}, t('compliance.events'), h('span', { class: 'count' }, String(data.events.length))),
        h(
          'table',
          { class: 'grid' },
          h('tr', {}, h('th', {}, t('compliance.time')), h('th', {}, t('compliance.event')), h('th', {}, t('compliance.aircraft')), h('th', {}, t('compliance.party')), h('th', {}, t('compliance.detail'))),
          ...[...data.events]
            .sort((a, b) => b.timeMs - a.timeMs)
            .slice(0, EVENTS_SHOWN)
            .map((e) =>
              h(
                'tr',
                {},
                h('td', {}, utcDateTime(e.timeMs)),
                h('td', { class: e.type === 'transponder-on' ? 'green' : 'amber' }, t(`complianceEvent.${e.type}`)),
                h('td', {}, e.callsign ?? e.icao ?? (e.trackId !== undefined ? `#${e.trackId}` : '—')),
                h('td', {}, e.party ?? '—'),
                h('td', {}, e.detail ?? ''),
              ),
            ),
        ),
      ),
      notificationsPanel(notifications, showTrack, filingForm),
    );
  };

  const load = async () => {
    try {
      const [c, n] = await Promise.all([apiGet<ComplianceResponse>('/compliance'), apiGet<{ notifications: Notification[] }>('/notifications')]);
      data = c;
      notifications = n.notifications;
      error = '';
    } catch (e) {
      error = t('error.load', { message: e instanceof Error ? e.message : String(e) });
    }
    render();
  };
  onLanguage(() => {
    form = undefined;
    render();
  });
  return { show: () => void load() };
}
