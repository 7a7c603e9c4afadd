// SPDX-License-Identifier: GPL-3.0-or-later
// The ownership rule: only the party that filed a notification may change, delay or cancel it — checked on the
// book and on a real signed log, where another party's CNL appended directly ('ledger append') has no effect.
// Also the ICAO association of CHG/DLA/DEP/ARR/CNL to their FPL and what each does.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BookEntry, NotificationBook } from '../../src/notify/book.ts';
import { parseAtsMessage } from '../../src/notify/message.ts';
import { notificationEntry, readNotifications } from '../../src/notify/record.ts';
import { makeWorld, openLedger, signed } from '../ledger/helpers.ts';

const T = Date.UTC(2024, 2, 12, 7, 0);
let index = 0;
function entry(party: string, text: string, timeMs = T + index * 60_000): BookEntry {
  const r = parseAtsMessage(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { index: index++, party, timeMs, message: r.value };
}

const FPL = '(FPL-RFF7315-IM-IL20/M-S/C-ZZZZ0900-N0330F240 DCT 5542N01945E-ZZZZ0100-DOF/240312 DEP/5503N01936E DEST/5542N01945E)';
const ID = 'RFF7315-ZZZZ-ZZZZ-240312';

describe('notification ownership', () => {
  it('refuses CHG, DLA, DEP, ARR and CNL from any party but the one that filed', () => {
    const book = new NotificationBook();
    assert.ok(book.apply(entry('ru', FPL)).ok);
    for (const text of [
      '(CHG-RFF7315-ZZZZ0900-ZZZZ-DOF/240312-8/IG)',
      '(DLA-RFF7315-ZZZZ1000-ZZZZ-DOF/240312)',
      '(DEP-RFF7315-ZZZZ0905-ZZZZ-DOF/240312)',
      '(ARR-RFF7315-ZZZZ0900-ZZZZ-ZZZZ1000)',
      '(CNL-RFF7315-ZZZZ0900-ZZZZ-DOF/240312)',
    ]) {
      const r = book.apply(entry('se', text));
      assert.equal(r.ok, false, text);
      if (!r.ok) {
        assert.equal(r.refusal.reason, 'not-owner');
        assert.match(r.refusal.detail, /notified by ru; party se may not/);
      }
    }
    const n = book.get(ID)!;
    assert.equal(n.status, 'filed');
    assert.equal(n.plan.item8.flightType, 'M');
    assert.equal(n.history.length, 1);
    assert.equal(book.refusals.length, 5);
    // The owner may cancel; after that nobody can change it, and the flight may be filed anew (by anyone).
    assert.ok(book.apply(entry('ru', '(CNL-RFF7315-ZZZZ0900-ZZZZ-DOF/240312)')).ok);
    assert.equal(book.get(ID)!.status, 'cancelled');
    const late = book.apply(entry('ru', '(CHG-RFF7315-ZZZZ0900-ZZZZ-DOF/240312-8/IG)'));
    assert.ok(!late.ok && late.refusal.reason === 'closed');
    const again = book.apply(entry('se', FPL));
    assert.ok(again.ok && again.notification.party === 'se');
  });

  it('refuses a second FPL for the same flight and messages about flights never filed', () => {
    const book = new NotificationBook();
    assert.ok(book.apply(entry('ru', FPL)).ok);
    const dup = book.apply(entry('ru', FPL));
    assert.ok(!dup.ok && dup.refusal.reason === 'duplicate');
    const none = book.apply(entry('ru', '(CNL-RFF9999-ZZZZ0900-ZZZZ-DOF/240312)'));
    assert.ok(!none.ok && none.refusal.reason === 'unknown-flight');
    // Another date of flight is another flight.
    const other = book.apply(entry('ru', '(CNL-RFF7315-ZZZZ0900-ZZZZ-DOF/240313)'));
    assert.ok(!other.ok && other.refusal.reason === 'unknown-flight');
  });

  it('applies DLA (new EOBT), CHG (new route and level), DEP (actual time) and ARR', () => {
    const book = new NotificationBook();
    book.apply(entry('ru', FPL));
    assert.equal(book.get(ID)!.departureMs, Date.UTC(2024, 2, 12, 9, 0));
    book.apply(entry('ru', '(DLA-RFF7315-ZZZZ0930-ZZZZ-DOF/240312)'));
    assert.equal(book.get(ID)!.departureMs, Date.UTC(2024, 2, 12, 9, 30));
    assert.equal(book.get(ID)!.status, 'delayed');
    book.apply(entry('ru', '(CHG-RFF7315-ZZZZ0930-ZZZZ-DOF/240312-15/N0330F260 DCT 5636N01951E)'));
    assert.equal(book.get(ID)!.plan.item15.level.text, 'F260');
    book.apply(entry('ru', '(DEP-RFF7315-ZZZZ0934-ZZZZ-DOF/240312)'));
    assert.equal(book.get(ID)!.departureMs, Date.UTC(2024, 2, 12, 9, 34));
    // No DOF: associated with the open notification of the same flight.
    book.apply(entry('ru', '(ARR-RFF7315-ZZZZ0934-ZZZZ-ZZZZ1015)'));
    const n = book.get(ID)!;
    assert.equal(n.status, 'arrived');
    assert.equal(n.arrivedMs, Date.UTC(2024, 2, 12, 10, 15));
    assert.deepEqual(
      n.history.map((h) => h.type),
      ['FPL', 'DLA', 'CHG', 'DEP', 'ARR'],
    );
  });
});

describe('ownership enforced from the signed log', () => {
  it('ignores a CNL signed by another party even when it is in the log', () => {
    const world = makeWorld(['ru', 'se']);
    try {
      const ledger = openLedger(world);
      const fpl = parseAtsMessage(FPL);
      const cnl = parseAtsMessage('(CNL-RFF7315-ZZZZ0900-ZZZZ-DOF/240312)');
      assert.ok(fpl.ok && cnl.ok);
      ledger.append(signed(world, notificationEntry(fpl.value, ID, 'ru', T)));
      // se appends a cancellation as itself: the log takes it (it is a valid signed statement by se) ...
      ledger.append(signed(world, notificationEntry(cnl.value, ID, 'se', T + 60_000)));
      // ... but se cannot sign as ru: the log refuses an entry claiming ru signed with se's key.
      assert.throws(() => ledger.append(signed(world, notificationEntry(cnl.value, ID, 'ru', T + 120_000), 'se')), /signature/);
      const logged = readNotifications(ledger);
      assert.equal(logged.entries.length, 2);
      const book = new NotificationBook();
      for (const e of logged.entries) book.apply(e);
      assert.equal(book.get(ID)!.status, 'filed');
      assert.deepEqual(
        book.refusals.map((r) => [r.index, r.party, r.reason]),
        [[1, 'se', 'not-owner']],
      );
      ledger.close();
    } finally {
      world.cleanup();
    }
  });
});
