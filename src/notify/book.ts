// SPDX-License-Identifier: GPL-3.0-or-later
// The notifications as the log's messages make them: an FPL opens one, CHG/DLA/DEP/ARR update it, CNL cancels it.
// Messages are associated as ICAO does, by aircraft identification, departure and destination aerodromes and date
// of flight. Only the party that filed a notification may change or cancel it; any other party's message about
// it is refused, whatever the log holds.

import { buildCorridor, type Corridor, type CorridorOptions, type FlightPlanItems, planTimeMs } from './corridor.ts';
import type { ItemError } from './errors.ts';
import type { AtsMessage, MessageType } from './message.ts';
import type { PlaceResolver } from './places.ts';

export type NotificationStatus = 'filed' | 'changed' | 'delayed' | 'departed' | 'arrived' | 'cancelled';

/** One message as recorded: who signed it, when, where in the log. */
export interface BookEntry {
  /** Leaf index in the log (or order of submission). */
  index: number;
  party: string;
  timeMs: number;
  message: AtsMessage;
}

export interface Notification {
  /** `ACID-ADEP-ADES-YYMMDD`, fixed when filed. */
  id: string;
  /** The party that filed the FPL: the only one that may change or cancel it. */
  party: string;
  status: NotificationStatus;
  plan: FlightPlanItems;
  /** UTC midnight of the date of flight, ms. */
  dofMs: number;
  /** Off-block time (EOBT, or the actual time of departure after DEP), ms. */
  departureMs: number;
  departed: boolean;
  arrivedMs?: number;
  cancelledMs?: number;
  /** The messages that made it, in log order. */
  history: { index: number; type: MessageType; timeMs: number }[];
}

export type RefusalReason = 'not-owner' | 'unknown-flight' | 'duplicate' | 'closed' | 'incomplete';

export interface Refusal {
  reason: RefusalReason;
  detail: string;
  index: number;
  party: string;
}

export type ApplyResult = { ok: true; notification: Notification } | { ok: false; refusal: Refusal };

const yymmdd = (ms: number): string => new Date(ms).toISOString().slice(2, 10).replaceAll('-', '');
const dayOf = (ms: number): number => ms - (((ms % 86_400_000) + 86_400_000) % 86_400_000);

/** The date of flight a message names (DOF/), or else the day of the entry. */
function dofOf(m: AtsMessage, entryMs: number): { ms: number; given: boolean } {
  if (m.item18.dofMs !== undefined) return { ms: m.item18.dofMs, given: true };
  return { ms: dayOf(entryMs), given: false };
}

export function notificationKey(acid: string, adep: string, ades: string, dofMs: number): string {
  return `${acid}-${adep}-${ades}-${yymmdd(dofMs)}`;
}

export class NotificationBook {
  private readonly byId = new Map<string, Notification>();
  private readonly order: Notification[] = [];
  readonly refusals: Refusal[] = [];

  all(): readonly Notification[] {
    return this.order;
  }

  get(id: string): Notification | undefined {
    return this.byId.get(id);
  }

  /** The notification a non-FPL message is about: by key, or (no DOF given) the latest open one with the same flight. */
  find(m: AtsMessage, entryMs: number): Notification | undefined {
    const ades = m.item16?.aerodrome;
    const dof = dofOf(m, entryMs);
    if (ades !== undefined) {
      const exact = this.byId.get(notificationKey(m.item7.aircraftId, m.item13.aerodrome, ades, dof.ms));
      if (exact || dof.given) return exact;
    }
    for (let k = this.order.length - 1; k >= 0; k--) {
      const n = this.order[k];
      if (n.plan.item7.aircraftId !== m.item7.aircraftId || n.plan.item13.aerodrome !== m.item13.aerodrome) continue;
      if (ades !== undefined && n.plan.item16.aerodrome !== ades) continue;
      if (dof.given && n.dofMs !== dof.ms) continue;
      if (n.status !== 'cancelled' && n.status !== 'arrived') return n;
    }
    return undefined;
  }

  /** The id an FPL would get (for submission: the ledger body's notificationId). */
  idFor(m: AtsMessage, entryMs: number): string | undefined {
    if (m.type === 'FPL') return notificationKey(m.item7.aircraftId, m.item13.aerodrome, m.item16!.aerodrome, dofOf(m, entryMs).ms);
    return this.find(m, entryMs)?.id;
  }

  /** What apply() would answer, without changing anything. */
  check(e: BookEntry): Refusal | undefined {
    const r = this.decide(e);
    return r.ok ? undefined : r.refusal;
  }

  private decide(e: BookEntry): { ok: true; target?: Notification } | { ok: false; refusal: Refusal } {
    const m = e.message;
    const refuse = (reason: RefusalReason, detail: string) => ({ ok: false as const, refusal: { reason, detail, index: e.index, party: e.party } });
    if (m.type === 'FPL') {
      if (!m.item8 || !m.item9 || !m.item15 || !m.item16) return refuse('incomplete', 'an FPL needs items 8, 9, 15 and 16');
      const id = notificationKey(m.item7.aircraftId, m.item13.aerodrome, m.item16.aerodrome, dofOf(m, e.timeMs).ms);
      const old = this.byId.get(id);
      if (old && old.status !== 'cancelled') return refuse('duplicate', `${id} is already notified (by ${old.party}); send CHG or DLA to change it`);
      return { ok: true };
    }
    const target = this.find(m, e.timeMs);
    if (!target) return refuse('unknown-flight', `no notification of ${m.item7.aircraftId} from ${m.item13.aerodrome} matches this ${m.type}`);
    if (target.party !== e.party) {
      return refuse('not-owner', `${target.id} was notified by ${target.party}; party ${e.party} may not ${m.type === 'CNL' ? 'cancel' : 'change'} it`);
    }
    if (target.status === 'cancelled' || target.status === 'arrived') return refuse('closed', `${target.id} is ${target.status}`);
    return { ok: true, target };
  }

  /** Applies one message as signed by e.party; refusals are kept in `refusals` too. */
  apply(e: BookEntry): ApplyResult {
    const d = this.decide(e);
    if (!d.ok) {
      this.refusals.push(d.refusal);
      return d;
    }
    const m = e.message;
    const step = { index: e.index, type: m.type, timeMs: e.timeMs };
    if (m.type === 'FPL') {
      const dof = dofOf(m, e.timeMs).ms;
      const n: Notification = {
        id: notificationKey(m.item7.aircraftId, m.item13.aerodrome, m.item16!.aerodrome, dof),
        party: e.party,
        status: 'filed',
        plan: { item7: m.item7, item8: m.item8!, item9: m.item9!, item13: m.item13, item15: m.item15!, item16: m.item16!, item18: m.item18 },
        dofMs: dof,
        departureMs: planTimeMs(dof, m.item13.minutes),
        departed: false,
        history: [step],
      };
      const old = this.byId.get(n.id);
      if (old) this.order.splice(this.order.indexOf(old), 1);
      this.byId.set(n.id, n);
      this.order.push(n);
      return { ok: true, notification: n };
    }
    const n = d.target!;
    n.history.push(step);
    switch (m.type) {
      case 'CNL':
        n.status = 'cancelled';
        n.cancelledMs = e.timeMs;
        break;
      case 'DLA':
        n.plan = { ...n.plan, item13: m.item13 };
        n.departureMs = planTimeMs(n.dofMs, m.item13.minutes);
        n.status = 'delayed';
        break;
      case 'DEP':
        n.departureMs = planTimeMs(n.dofMs, m.item13.minutes);
        n.departed = true;
        n.status = 'departed';
        break;
      case 'ARR':
        n.arrivedMs = planTimeMs(n.dofMs, m.item17!.minutes);
        if (n.arrivedMs < n.departureMs) n.arrivedMs += 86_400_000;
        n.status = 'arrived';
        break;
      case 'CHG': {
        const a = m.amendments!;
        n.plan = {
          item7: a.item7 ?? n.plan.item7,
          item8: a.item8 ?? n.plan.item8,
          item9: a.item9 ?? n.plan.item9,
          item13: a.item13 ?? n.plan.item13,
          item15: a.item15 ?? n.plan.item15,
          item16: a.item16 ?? n.plan.item16,
          item18: a.item18 ?? n.plan.item18,
        };
        if (a.item18?.dofMs !== undefined) n.dofMs = a.item18.dofMs;
        if (a.item13 || a.item18?.dofMs !== undefined) n.departureMs = planTimeMs(n.dofMs, n.plan.item13.minutes);
        n.status = 'changed';
        break;
      }
    }
    return { ok: true, notification: n };
  }
}

/** A notification's corridor, from its plan as it stands; the error names the item and token. */
export function corridorOf(n: Notification, resolver: PlaceResolver, options?: CorridorOptions): { ok: true; value: Corridor } | { ok: false; error: ItemError } {
  return buildCorridor(n.plan, n.departureMs, resolver, options);
}
