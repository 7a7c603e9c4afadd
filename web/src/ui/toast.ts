// SPDX-License-Identifier: GPL-3.0-or-later
// A short message at the bottom of the screen (errors, confirmations).

import { byId } from './dom.ts';

let timer: number | undefined;

export function toast(message: string, ms = 4000): void {
  const el = byId('toast');
  el.textContent = message;
  el.classList.remove('hidden');
  window.clearTimeout(timer);
  timer = window.setTimeout(() => el.classList.add('hidden'), ms);
}
