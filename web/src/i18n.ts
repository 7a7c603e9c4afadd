// SPDX-License-Identifier: GPL-3.0-or-later
// Translation: t(key, params) looks a message up in the current language; every file in ./i18n/ is one language.
// English (en.ts) defines the keys; the others must have exactly the same (checked by test/web/i18n.test.ts).

import type en from './i18n/en.ts';

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;
interface LanguageModule {
  default: Dictionary;
  /** The language's own name for itself, shown in the language menu. */
  languageName: string;
}

// Adding a language means adding one file next to en.ts: Vite picks it up here.
const modules = import.meta.glob<LanguageModule>('./i18n/*.ts', { eager: true });
const languages = new Map<string, LanguageModule>();
for (const [path, mod] of Object.entries(modules)) {
  const code = /\/([a-z-]+)\.ts$/i.exec(path)?.[1];
  if (code) languages.set(code, mod);
}

const STORAGE_KEY = 'jointsky.lang';
let current = pickInitial();
const listeners = new Set<() => void>();

function pickInitial(): string {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && languages.has(stored)) return stored;
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return languages.has(browser) ? browser : 'en';
}

/** Codes and own names of every language, sorted by code. */
export function availableLanguages(): { code: string; name: string }[] {
  return [...languages.entries()].map(([code, m]) => ({ code, name: m.languageName })).sort((a, b) => a.code.localeCompare(b.code));
}

export function currentLanguage(): string {
  return current;
}

/** Switches language at once: every registered view re-renders its text. */
export function setLanguage(code: string): void {
  if (!languages.has(code) || code === current) return;
  current = code;
  localStorage.setItem(STORAGE_KEY, code);
  document.documentElement.lang = code;
  for (const f of listeners) f();
}

/** The next language in code order (the `l` shortcut). */
export function cycleLanguage(): void {
  const codes = availableLanguages().map((l) => l.code);
  setLanguage(codes[(codes.indexOf(current) + 1) % codes.length]);
}

/** Calls `render` now and again after every language change. */
export function onLanguage(render: () => void): void {
  listeners.add(render);
  render();
}

/** The message for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const dict = languages.get(current)?.default ?? languages.get('en')?.default;
  let text: string = dict?.[key] ?? key;
  if (params) text = text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  return text;
}

/** Locale for number and date formatting. */
export function locale(): string {
  return current === 'en' ? 'en-GB' : current;
}

/** Fills the text of static elements marked data-i18n / data-i18n-title / data-i18n-placeholder. */
export function translateStatic(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle as MessageKey);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]'))
    el.placeholder = t(el.dataset.i18nPlaceholder as MessageKey);
}
