// SPDX-License-Identifier: GPL-3.0-or-later
// The notifications of a real signed log as the server lists them: replayed under the ownership rule, with the period
// their corridor covers (from the filed times and speeds), and matched by the live monitor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAtsMessage } from '../../src/notify/message.ts';
import { loadPlaces } from '../../src/notify/places.ts';
import { notificationEntry } from '../../src/notify/record.ts';
import { loggedNotifications } from '../../src/pipeline/notifications.ts';
import { makeWorld, openLedger, signed } from '../ledger/helpers.ts';

const T = Date.UTC(2024, 2, 12, 7, 0);
// Off blocks 09:00, one hour (EET 0100) at 330 kt: the corridor covers 09:00 to about 10:00.
const FPL = '(FPL-RFF7315-IM-IL20/M-S/C-ZZZZ0900-N0330F240 DCT 5542N01945E-ZZZZ0100-DOF/240312 DEP/5503N01936E DEST/5542N01945E)';
const CNL = '(CNL-RFF7315-ZZZZ0900-ZZZZ-DOF/240312)';
const ID = 'RFF7315-ZZZZ-ZZZZ-240312';

describe('notifications of the shared log', () => {
  it('lists each notification with its party, message and corridor period; a CNL by another party changes nothing, one by the owner cancels', () => {
    const world = makeWorld(['ru', 'se']);
    try {
      const ledger = openLedger(world);
      const fpl = parseAtsMessage(FPL);
      const cnl = parseAtsMessage(CNL);
      assert.ok(fpl.ok && cnl.ok);
      ledger.append(signed(world, notificationEntry(fpl.value, ID, 'ru', T)));
      ledger.append(signed(world, notificationEntry(cnl.value, ID, 'se', T + 60_000)));
      const places = loadPlaces();
      const first = loggedNotifications(ledger, places);
      assert.equal(first.notifications.length, 1);
      const n = first.notifications[0];
      assert.equal(n.notificationId, ID);
      assert.equal(n.party, 'ru');
      assert.equal(n.callsign, 'RFF7315');
      assert.equal(n.messageType, 'FPL');
      assert.equal(n.status, 'pending');
      assert.ok(n.message.startsWith('(FPL-RFF7315'), n.message);
      assert.equal(n.fromMs, Date.UTC(2024, 2, 12, 9, 0));
      // the route 5503N01936E → 5542N01945E is about 73 km: some 7 minutes at 330 kt
      const minutes = (n.toMs - n.fromMs) / 60_000;
      assert.ok(minutes > 5 && minutes < 10, `${minutes} min`);
      assert.equal(first.book.refusals.length, 1, 'the CNL by se is refused');
      ledger.append(signed(world, notificationEntry(cnl.value, ID, 'ru', T + 120_000)));
      const second = loggedNotifications(ledger, places);
      assert.equal(second.notifications[0].status, 'cancelled');
      assert.equal(second.notifications[0].messageType, 'CNL');
      ledger.close();
    } finally {
      world.cleanup();
    }
  });
});
