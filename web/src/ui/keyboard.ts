// SPDX-License-Identifier: GPL-3.0-or-later
// Keyboard shortcuts and the help overlay that lists them.

import { type MessageKey, onLanguage, t } from '../i18n.ts';
import { byId, fill, h } from './dom.ts';

export interface Shortcut {
  key: string;
  help: MessageKey;
  run: () => void;
}

export function setupKeyboard(shortcuts: Shortcut[]): { toggleHelp: () => void } {
  const overlay = byId('help');
  const toggleHelp = () => overlay.classList.toggle('hidden');
  const render = () =>
    fill(
      overlay,
      h(
        'div',
        { class: 'dialog' },
        h('h1', {}, t('help.title')),
        h('table', { class: 'shortcuts' }, ...shortcuts.map((s) => h('tr', {}, h('td', {}, h('kbd', {}, s.key)), h('td', {}, t(s.help))))),
        h('p', { class: 'dim' }, t('help.close')),
      ),
    );
  onLanguage(render);
  overlay.addEventListener('click', () => overlay.classList.add('hidden'));
  document.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const target = ev.target as HTMLElement | null;
    const typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
    if (typing) {
      if (ev.key === 'Escape') target.blur();
      return;
    }
    const s = shortcuts.find((x) => x.key === ev.key || (x.key === 'Esc' && ev.key === 'Escape'));
    if (!s) return;
    ev.preventDefault();
    s.run();
  });
  return { toggleHelp };
}
