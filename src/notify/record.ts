// SPDX-License-Identifier: GPL-3.0-or-later
// Notifications in the shared log: flight-notification entries carry the ATS message text, signed by the party
// that sends it. Reading them back re-parses every message, so what counts is the signed text, not a summary.

import type { UnsignedEntry } from '../ledger/entry.ts';
import type { Ledger } from '../ledger/log.ts';
import type { BookEntry } from './book.ts';
import { formatItemError } from './errors.ts';
import { type AtsMessage, parseAtsMessage } from './message.ts';

/** The unsigned log entry for a message sent by `party` at `timeMs`. */
export function notificationEntry(message: AtsMessage, notificationId: string, party: string, timeMs: number): UnsignedEntry<'flight-notification'> {
  return {
    v: 1,
    kind: 'flight-notification',
    party,
    timeMs,
    body: { notificationId, messageType: message.type, message: message.text },
  };
}

export interface LoggedNotifications {
  entries: BookEntry[];
  /** Entries whose message does not parse (possible only if appended by other means than notify submit). */
  invalid: { index: number; party: string; reason: string }[];
}

/** Every flight-notification entry of the log, parsed, in log order. */
export function readNotifications(ledger: Ledger): LoggedNotifications {
  const entries: BookEntry[] = [];
  const invalid: LoggedNotifications['invalid'] = [];
  for (const { index: i, entry } of ledger.entries(0, ledger.size)) {
    if (entry.kind !== 'flight-notification') continue;
    const text = (entry.body as { message: string }).message;
    const parsed = parseAtsMessage(text);
    if (parsed.ok) entries.push({ index: i, party: entry.party, timeMs: entry.timeMs, message: parsed.value });
    else invalid.push({ index: i, party: entry.party, reason: formatItemError(parsed.error) });
  }
  return { entries, invalid };
}
