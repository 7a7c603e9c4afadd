// SPDX-License-Identifier: GPL-3.0-or-later
// The report's languages: adding one is adding its dictionary file and a line here.

import { en, type MessageId, type Messages } from './en.ts';
import { ru } from './ru.ts';

export const LANGUAGES: Readonly<Record<string, Messages>> = { en, ru };
export type { MessageId, Messages };

export function languageNames(): string[] {
  return Object.keys(LANGUAGES);
}

/** The message with {name} placeholders filled in (a missing parameter stays visible as {name}). */
export function format(messages: Messages, id: MessageId, params: Readonly<Record<string, string | number>> = {}): string {
  return messages[id].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
