// SPDX-License-Identifier: GPL-3.0-or-later
// The shared log: latest entries with their signatures, the co-signed checkpoint, and a Verify button.

import { apiGet, apiPost } from '../api.ts';
import { shortHex, utcDateTime } from '../format.ts';
import { onLanguage, t } from '../i18n.ts';
import { store } from '../state.ts';
import type { Checkpoint, LedgerEntry, VerifyResult } from '../types.ts';
import { byId, fill, h } from './dom.ts';

const PAGE = 100;

function payloadSummary(p: unknown): string {
  const s = JSON.stringify(p) ?? '';
  return s.length > 90 ? `${s.slice(0, 90)}…` : s;
}

export function setupLedger(): { show: () => void; hide: () => void } {
  const root = byId('view-ledger');
  let entries: LedgerEntry[] = [];
  let size = 0;
  let checkpoint: Checkpoint | null = null;
  let verify: VerifyResult | null = null;
  let verifying = false;
  let error = '';
  let visible = false;

  const render = () => {
    const cp = checkpoint;
    fill(
      root,
      h(
        'div',
        { class: 'panel' },
        h('h2', {}, t('ledger.checkpoint')),
        cp
          ? h(
              'dl',
              { class: 'kv' },
              h('dt', {}, t('ledger.size')),
              h('dd', {}, String(cp.size)),
              h('dt', {}, t('ledger.rootHash')),
              h('dd', {}, cp.rootHash),
              h('dt', {}, t('ledger.cosignatures')),
              h('dd', {}, cp.cosignatures.length ? cp.cosignatures.map((c) => `${c.party} ${shortHex(c.signature)}`).join(', ') : '—'),
            )
          : h('p', { class: 'dim' }, error || t('common.loading')),
      ),
      h(
        'div',
        { class: 'panel' },
        h(
          'h2',
          {},
          t('ledger.verifyTitle'),
          h('span', { class: 'spacer' }),
          h(
            'button',
            {
              id: 'verify-button',
              class: 'primary',
              disabled: verifying,
              onclick: async () => {
                verifying = true;
                render();
                try {
                  verify = await apiPost<VerifyResult>('/ledger/verify');
                } catch (e) {
                  verify = { ok: false, size: 0, rootHash: '', problems: [e instanceof Error ? e.message : String(e)] };
                }
                verifying = false;
                render();
              },
            },
            verifying ? t('ledger.verifying') : t('ledger.verify'),
          ),
        ),
        verify
          ? h(
              'div',
              { id: 'verify-result' },
              h('p', { class: verify.ok ? 'green' : 'red' }, verify.ok ? t('ledger.verifyOk', { size: verify.size }) : t('ledger.verifyFailed')),
              verify.rootHash ? h('p', { class: 'mono dim' }, verify.rootHash) : null,
              ...verify.problems.map((p) => h('p', { class: 'error mono' }, p)),
            )
          : h('p', { class: 'dim' }, t('ledger.verifyHint')),
      ),
      h(
        'div',
        { class: 'panel wide' },
        h('h2', {}, t('ledger.entries'), h('span', { class: 'count' }, t('ledger.showing', { n: entries.length, size }))),
        h(
          'table',
          { class: 'grid', id: 'ledger-table' },
          h(
            'tr',
            {},
            ...(['ledger.index', 'ledger.time', 'ledger.kind', 'ledger.party', 'ledger.payload', 'ledger.signature', 'ledger.leafHash', 'ledger.status'] as const).map((k) =>
              h('th', {}, t(k)),
            ),
          ),
          ...[...entries]
            .sort((a, b) => b.index - a.index)
            .map((e) => {
              const covered = cp !== null && e.index < cp.size;
              return h(
                'tr',
                { class: covered ? '' : 'pending', 'data-index': e.index },
                h('td', {}, String(e.index)),
                h('td', {}, utcDateTime(e.timeMs)),
                h('td', {}, e.kind),
                h('td', {}, e.party),
                h('td', { title: JSON.stringify(e.payload) }, payloadSummary(e.payload)),
                h('td', { title: e.signature }, shortHex(e.signature)),
                h('td', { title: e.leafHash }, shortHex(e.leafHash)),
                h('td', {}, covered ? t('ledger.checkpointed') : t('ledger.pending')),
              );
            }),
        ),
      ),
    );
  };

  const load = async () => {
    try {
      const first = await apiGet<{ size: number; entries: LedgerEntry[] }>(`/ledger/entries?from=0&limit=1`);
      size = first.size;
      const from = Math.max(0, size - PAGE);
      const [page, cp] = await Promise.all([
        apiGet<{ size: number; entries: LedgerEntry[] }>(`/ledger/entries?from=${from}&limit=${PAGE}`),
        apiGet<Checkpoint>('/ledger/checkpoint'),
      ]);
      entries = page.entries;
      size = page.size;
      checkpoint = cp;
      error = '';
    } catch (e) {
      error = t('error.load', { message: e instanceof Error ? e.message : String(e) });
    }
    render();
  };

  onLanguage(render);
  let pending = false;
  store.on('ledger', () => {
    // The log grew: refresh if on screen, at most once a second.
    if (!visible || pending) return;
    pending = true;
    window.setTimeout(() => {
      pending = false;
      void load();
    }, 1000);
  });
  return {
    show: () => {
      visible = true;
      void load();
    },
    hide: () => {
      visible = false;
    },
  };
}

