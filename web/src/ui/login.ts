// SPDX-License-Identifier: GPL-3.0-or-later
// Choosing a party: the demo's parties as buttons (GET /demo/parties), or a token typed in; the token is kept in localStorage.

import { ApiError, apiGet, demoParties, forgetToken, storeToken, storedToken } from '../api.ts';
import { onLanguage, t } from '../i18n.ts';
import type { DemoParty } from '../types.ts';
import { byId, fill, h } from './dom.ts';

export interface Me {
  party: string;
  name: string;
}

/** Resolves with the caller's party once a working token is stored. */
export async function ensureLogin(): Promise<Me> {
  if (storedToken()) {
    try {
      return await apiGet<Me>('/me');
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
      forgetToken();
    }
  }
  const demo = await demoParties<{ parties: DemoParty[] }>().catch(() => null);
  const overlay = byId('login');
  overlay.classList.remove('hidden');
  return new Promise<Me>((resolve) => {
    let error = '';
    const tryToken = async (token: string) => {
      storeToken(token);
      try {
        const me = await apiGet<Me>('/me');
        overlay.classList.add('hidden');
        resolve(me);
      } catch (e) {
        forgetToken();
        error = e instanceof ApiError && e.status === 401 ? t('login.badToken') : t('error.network', { message: String(e) });
        render();
      }
    };
    const render = () => {
      const input = h('input', { type: 'password', placeholder: t('login.tokenPlaceholder'), id: 'token-input', autocomplete: 'off' });
      const form = h(
        'form',
        {
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            if (input.value.trim()) void tryToken(input.value.trim());
          },
        },
        input,
        ' ',
        h('button', { type: 'submit', class: 'primary' }, t('login.signIn')),
      );
      fill(
        overlay,
        h(
          'div',
          { class: 'dialog' },
          h('h1', {}, t('login.title')),
          demo
            ? h(
                'div',
                {},
                h('p', { class: 'dim' }, t('login.demoHint')),
                h(
                  'div',
                  { class: 'parties' },
                  ...demo.parties.map((p) =>
                    h('button', { 'data-party': p.party, onclick: () => void tryToken(p.token) }, h('b', {}, p.party), ` — ${p.name}`),
                  ),
                ),
                h('p', { class: 'dim' }, t('login.orToken')),
              )
            : h('p', { class: 'dim' }, t('login.tokenHint')),
          form,
          error ? h('p', { class: 'error' }, error) : null,
        ),
      );
    };
    onLanguage(() => {
      if (!overlay.classList.contains('hidden')) render();
    });
  });
}

/** Forgets the token and starts over (the "switch party" button). */
export function logout(): void {
  forgetToken();
  location.reload();
}
