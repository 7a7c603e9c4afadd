// SPDX-License-Identifier: GPL-3.0-or-later
// Filing notifications: ATS messages checked against the shared log as it stands (only a flight's own party may
// change or cancel it; a plan must give a corridor), in order, as if each were already appended. The caller
// signs the entries as the filing party and appends them; nothing here holds a key or writes the log.

import type { UnsignedEntry } from '../ledger/entry.ts';
import type { Ledger } from '../ledger/log.ts';
import { type BookEntry, corridorOf, type Notification, NotificationBook } from './book.ts';
import type { CorridorOptions } from './corridor.ts';
import { formatItemError } from './errors.ts';
import type { AtsMessage } from './message.ts';
import type { PlaceResolver } from './places.ts';
import { notificationEntry, readNotifications } from './record.ts';

/** One message to file: who files it and when (the statement's time). */
export interface Filing {
  party: string;
  timeMs: number;
  message: AtsMessage;
}

export interface PreparedFiling {
  notificationId: string;
  /** The notification as the log will stand once this entry (and those before it) is appended. */
  notification: Notification;
  entry: UnsignedEntry<'flight-notification'>;
  /** What the corridor had to assume (e.g. airways flown direct). */
  notes: string[];
}

export type Prepared = { ok: true; filings: PreparedFiling[] } | { ok: false; filing: number; reason: string };

/** The log's notifications replayed in time order, as the monitor and the list see them. */
export function replayNotifications(entries: readonly BookEntry[]): NotificationBook {
  const book = new NotificationBook();
  for (const e of [...entries].sort((a, b) => a.timeMs - b.timeMs || a.index - b.index)) book.apply(e);
  return book;
}

/** The unsigned entries for `filings`, or the first one refused (0-based) and why. */
export function prepareFilings(ledger: Ledger, filings: readonly Filing[], resolver: PlaceResolver, corridor: CorridorOptions): Prepared {
  const book = replayNotifications(readNotifications(ledger).entries);
  const out: PreparedFiling[] = [];
  for (const [k, f] of filings.entries()) {
    const m = f.message;
    const entry: BookEntry = { index: ledger.size + k, party: f.party, timeMs: f.timeMs, message: m };
    const refusal = book.check(entry);
    if (refusal) return { ok: false, filing: k, reason: refusal.detail };
    const id = book.idFor(m, f.timeMs);
    if (id === undefined) return { ok: false, filing: k, reason: `no notification to apply ${m.type} ${m.item7.aircraftId} to` };
    const applied = book.apply(entry);
    if (!applied.ok) return { ok: false, filing: k, reason: applied.refusal.detail };
    const notes: string[] = [];
    if (m.type === 'FPL' || m.type === 'CHG' || m.type === 'DLA' || m.type === 'DEP') {
      const c = corridorOf(applied.notification, resolver, corridor);
      if (!c.ok) return { ok: false, filing: k, reason: formatItemError(c.error) };
      notes.push(...c.value.assumptions);
    }
    out.push({ notificationId: id, notification: applied.notification, entry: notificationEntry(m, id, f.party, f.timeMs), notes });
  }
  return { ok: true, filings: out };
}
