// SPDX-License-Identifier: GPL-3.0-or-later
// Filing a flight notification through the API: the caller's ATS message, checked against the log as it stands
// (only a flight's own party changes or cancels it; a plan must give a corridor), signed with the caller's own
// party key, appended at the picture's data time, handed to the live matching and listed at once.

import { formatItemError } from '../notify/errors.ts';
import { prepareFilings } from '../notify/filing.ts';
import { parseAtsMessage, splitMessages } from '../notify/message.ts';
import type { NotificationMonitor } from '../notify/monitor.ts';
import type { PlaceResolver } from '../notify/places.ts';
import { flightNotification, messageText } from '../pipeline/notifications.ts';
import type { LedgerService } from './ledger.ts';
import type { FlightNotification } from './picture.ts';
import type { LivePicture } from './state.ts';

export type FilingResult =
  | { ok: true; notification: FlightNotification; entryIndex: number; leafHash: string }
  | { ok: false; status: 400 | 403 | 409; error: string };

export class NotificationDesk {
  constructor(
    private readonly ledger: LedgerService,
    private readonly picture: LivePicture,
    private readonly resolver: PlaceResolver,
    /** The live matching, which learns of each filed message (none: the list alone). */
    private readonly monitor?: NotificationMonitor,
  ) {}

  /** `party` files the one ATS message in `text` at data time `timeMs`. */
  file(party: string, text: string, timeMs: number): FilingResult {
    if (!this.ledger.canSign(party)) return { ok: false, status: 403, error: `this server holds no signing key for party ${party}` };
    const texts = splitMessages(text);
    if (texts.length !== 1) return { ok: false, status: 400, error: `give exactly one ATS message in parentheses, e.g. (FPL-...); found ${texts.length}` };
    const parsed = parseAtsMessage(texts[0]);
    if (!parsed.ok) return { ok: false, status: 400, error: formatItemError(parsed.error) };
    const prepared = prepareFilings(this.ledger.ledger, [{ party, timeMs, message: parsed.value }], this.resolver, { airways: 'direct' });
    if (!prepared.ok) return { ok: false, status: 409, error: `refused, nothing recorded: ${prepared.reason}` };
    const [filing] = prepared.filings;
    const [appended] = this.ledger.appendAs([filing.entry], timeMs);
    const entry = { index: appended.index, party, timeMs, message: parsed.value };
    this.monitor?.file(entry);
    // The filing was checked against the log replayed with it applied: that is the notification as it now stands.
    const listed = flightNotification(filing.notification, new Map([[appended.index, messageText(entry)]]), this.resolver);
    // A change keeps what the matching found so far; the matching updates it from here.
    const before = this.picture.notification(listed.notificationId);
    const notification = before && listed.status !== 'cancelled' ? withMatching(listed, before) : listed;
    this.picture.handle({ type: 'notification', notification });
    return { ok: true, notification, entryIndex: appended.index, leafHash: Buffer.from(appended.leafHash).toString('hex') };
  }
}

/** `n` with the status and tracks the matching had found for it. */
function withMatching(n: FlightNotification, before: FlightNotification): FlightNotification {
  const out = { ...n };
  if (before.status !== undefined) out.status = before.status;
  if (before.trackIds !== undefined) out.trackIds = before.trackIds;
  return out;
}
