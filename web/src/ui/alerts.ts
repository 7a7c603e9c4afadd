// SPDX-License-Identifier: GPL-3.0-or-later
// The alerts panel: active STCA alerts with severity, time to closest approach and miss distances; selecting one
// highlights the pair on the map; Acknowledge writes a signed log entry (POST /alerts/:id/ack).

import { apiGet, apiPost } from '../api.ts';
import { feet, nm, utcTime } from '../format.ts';
import { onLanguage, t } from '../i18n.ts';
import { store } from '../state.ts';
import type { AckResult, AlertEvent, ListedAlert } from '../types.ts';
import { byId, fill, h } from './dom.ts';
import { toast } from './toast.ts';

/** Shown ended alerts, most recent first. */
const ENDED_SHOWN = 10;

export async function loadAlerts(): Promise<void> {
  const { alerts } = await apiGet<{ alerts: ListedAlert[] }>('/alerts');
  for (const a of alerts) store.alerts.set(a.alertId, a);
  store.emit('alerts');
}

/** Applies one stream event: a new or changed alert keeps the acknowledgements it already had. */
export function applyAlertEvent(ev: AlertEvent): void {
  if (ev.type === 'end') {
    const a = store.alerts.get(ev.alertId);
    if (a) store.alerts.set(ev.alertId, { ...a, ended: true, endMs: ev.timeMs });
  } else {
    const old = store.alerts.get(ev.alert.alertId);
    store.alerts.set(ev.alert.alertId, { ...ev.alert, ended: false, acks: old?.acks ?? [] });
  }
  store.emit('alerts');
}

function memberName(m: ListedAlert['members'][number]): string {
  return m.callsign || m.icao?.toUpperCase() || `#${m.trackId}`;
}

export function setupAlerts(onSelect: (a: ListedAlert) => void): { toggle: () => void; next: () => void } {
  const root = byId('alerts-panel');
  const acking = new Set<string>();

  const ack = async (a: ListedAlert) => {
    acking.add(a.alertId);
    render();
    try {
      const r = await apiPost<AckResult>(`/alerts/${encodeURIComponent(a.alertId)}/ack`);
      const cur = store.alerts.get(a.alertId) ?? a;
      store.alerts.set(a.alertId, { ...cur, acks: [...cur.acks, { party: r.party, timeMs: store.timeMs, entryIndex: r.entryIndex }] });
      toast(t('alerts.acked', { index: r.entryIndex }));
    } catch (e) {
      toast(t('alerts.ackFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      acking.delete(a.alertId);
      store.emit('alerts');
    }
  };

  // One element per alert, updated in place: the stream updates alerts every second, and a list rebuilt under the
  // pointer would swallow clicks.
  const items = new Map<string, { el: HTMLElement; update: (a: ListedAlert) => void }>();
  const makeItem = (alertId: string) => {
    const badge = h('span', { class: 'badge' });
    const pair = h('span', { class: 'pair' });
    const tcpa = h('span', { class: 'tcpa' });
    const dcpa = h('span', {});
    const vcpa = h('span', {});
    const now = h('span', {});
    const start = h('span', {});
    const acks = h('span', { class: 'acks' });
    let current: ListedAlert | undefined;
    const button = h(
      'button',
      {
        class: 'ack-button',
        onclick: (ev: Event) => {
          ev.stopPropagation();
          if (current) void ack(current);
        },
      },
      '',
    );
    const el = h(
      'div',
      {
        'data-alert': alertId,
        onclick: () => {
          if (!current) return;
          store.selectAlert(alertId);
          onSelect(current);
        },
      },
      h('div', { class: 'row' }, badge, pair, tcpa),
      h('div', { class: 'row dim mono', style: 'font-size:11px' }, dcpa, vcpa, now, h('span', { class: 'spacer' }), start),
      h('div', { class: 'row' }, acks, h('span', { class: 'spacer' }), button),
    );
    const update = (a: ListedAlert) => {
      current = a;
      const mine = a.acks.some((k) => k.party === store.me?.party);
      el.className = `alert-item ${a.severity}${a.alertId === store.selectedAlertId ? ' selected' : ''}${a.ended ? ' ended' : ''}`;
      badge.className = `badge ${a.severity}`;
      badge.textContent = t(`severity.${a.severity}`);
      pair.textContent = `${memberName(a.members[0])} ↔ ${memberName(a.members[1])}`;
      tcpa.className = a.ended ? 'tcpa dim' : 'tcpa';
      tcpa.title = t('alerts.tcpaTitle');
      tcpa.textContent = a.ended ? t('alerts.ended') : a.losNow ? t('alerts.losNow') : t('alerts.tcpa', { s: Math.round(a.tcpaS) });
      dcpa.textContent = t('alerts.dcpa', { nm: nm(a.dcpaM) });
      vcpa.textContent = a.vertCpaM !== undefined ? t('alerts.vcpa', { ft: feet(a.vertCpaM) }) : '';
      now.textContent = t('alerts.now', { nm: nm(a.horizNowM) });
      start.textContent = utcTime(a.startMs);
      fill(acks, ...a.acks.map((k) => h('span', { class: 'ack', 'data-entry': k.entryIndex }, t('alerts.ackedBy', { party: k.party, index: k.entryIndex }))));
      button.textContent = t('alerts.acknowledge');
      button.disabled = acking.has(a.alertId);
      button.classList.toggle('hidden', mine);
    };
    return { el, update };
  };
  const place = (container: HTMLElement, list: ListedAlert[]) => {
    const els = list.map((a) => {
      const it = items.get(a.alertId) ?? makeItem(a.alertId);
      items.set(a.alertId, it);
      it.update(a);
      return it.el;
    });
    // Move nodes only when the order really changed.
    const same = els.length === container.children.length && els.every((el, i) => container.children[i] === el);
    if (!same) container.replaceChildren(...els);
  };

  const title = h('h2', {});
  const none = h('p', { class: 'dim' });
  const activeList = h('div', { id: 'alert-list' });
  const endedTitle = h('h2', { style: 'margin-top:10px' });
  const endedList = h('div', { style: 'opacity:0.6', id: 'ended-alert-list' });
  root.replaceChildren(title, none, activeList, endedTitle, endedList);

  const render = () => {
    const active = store.activeAlerts();
    const ended = [...store.alerts.values()]
      .filter((a) => a.ended)
      .sort((a, b) => (b.endMs ?? b.timeMs) - (a.endMs ?? a.timeMs))
      .slice(0, ENDED_SHOWN);
    fill(title, t('alerts.title'), h('span', { class: 'count', id: 'alert-count' }, String(active.length)), h('span', { class: 'spacer' }), h('span', {}, 'a'));
    none.textContent = t('alerts.none');
    none.classList.toggle('hidden', active.length > 0);
    endedTitle.textContent = t('alerts.recentlyEnded');
    endedTitle.classList.toggle('hidden', ended.length === 0);
    place(activeList, active);
    place(endedList, ended);
    const shown = new Set([...active, ...ended].map((a) => a.alertId));
    for (const id of items.keys()) if (!shown.has(id)) items.delete(id);
  };
  onLanguage(render);
  store.on('alerts', render);
  return {
    toggle: () => root.classList.toggle('hidden'),
    next: () => {
      const active = store.activeAlerts();
      if (active.length === 0) return;
      const i = active.findIndex((a) => a.alertId === store.selectedAlertId);
      const a = active[(i + 1) % active.length];
      store.selectAlert(a.alertId);
      onSelect(a);
    },
  };
}
