// SPDX-License-Identifier: GPL-3.0-or-later
// The flight notifications of the shared log, as the server lists them: replayed from the signed entries (so
// that only each flight's own party changed or cancelled it), with the period each one covers from its corridor.

import type { Ledger } from '../ledger/log.ts';
import type { BookEntry, Notification } from '../notify/book.ts';
import { corridorOf, type NotificationBook } from '../notify/book.ts';
import { replayNotifications } from '../notify/filing.ts';
import { type MonitorOptions, NotificationMonitor } from '../notify/monitor.ts';
import type { PlaceResolver } from '../notify/places.ts';
import { readNotifications } from '../notify/record.ts';
import type { FlightNotification } from '../server/picture.ts';

/** The server's view of one notification: its latest message and status, the period its corridor covers. */
export function flightNotification(n: Notification, texts: ReadonlyMap<number, string>, resolver: PlaceResolver): FlightNotification {
  const last = n.history[n.history.length - 1];
  const corridor = corridorOf(n, resolver, { airways: 'direct' });
  const out: FlightNotification = {
    notificationId: n.id,
    party: n.party,
    messageType: last.type,
    message: texts.get(last.index) ?? '',
    callsign: n.plan.item7.aircraftId,
    fromMs: corridor.ok ? corridor.value.startMs : n.departureMs,
    toMs: corridor.ok ? corridor.value.endMs : n.departureMs,
    status: n.status === 'cancelled' ? 'cancelled' : 'pending',
  };
  return out;
}

/** A logged message's text as filed, in its parentheses. */
export function messageText(e: BookEntry): string {
  return e.message.text.startsWith('(') ? e.message.text : `(${e.message.text})`;
}

/** The log's notifications: a monitor to match tracks against them, and the list the server shows. */
export function loggedNotifications(
  ledger: Ledger,
  resolver: PlaceResolver,
  options: MonitorOptions = {},
): { monitor: NotificationMonitor; book: NotificationBook; notifications: FlightNotification[]; entries: BookEntry[] } {
  const { entries } = readNotifications(ledger);
  const monitor = new NotificationMonitor(entries, resolver, options);
  const texts = new Map(entries.map((e) => [e.index, messageText(e)]));
  // the monitor applies each message when data time reaches it; the list shows the log as it stands
  const book = replayNotifications(entries);
  const notifications = book.all().map((n) => flightNotification(n, texts, resolver));
  return { monitor, book, notifications, entries };
}
