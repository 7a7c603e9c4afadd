// SPDX-License-Identifier: GPL-3.0-or-later
// Filing flight notifications through the API (SK681, stepped): the caller's ATS message becomes a log entry
// signed by the caller's own party (checked by the log's own verification), is listed at once, and the live
// matching finds the dark Il-20 flying it; only the filing party may cancel it; bad messages are refused
// naming the item, and nothing is filed before the picture has a data time.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Track } from '../../src/fusion/track.ts';
import type { FlightNotification } from '../../src/server/picture.ts';
import { startTestServer, type TestServer } from './helpers.ts';

// A notification of the scenario's Il-20 (test/fixtures/notify/sk681-rff0303.fpl: from the scenario's route).
const FPL = readFileSync(new URL('../fixtures/notify/sk681-rff0303.fpl', import.meta.url), 'utf8');
const ID = 'RFF0303-ZZZZ-ZZZZ-140303';
const CNL = '(CNL-RFF0303-ZZZZ1101-ZZZZ-DOF/140303)';

interface Entry {
  index: number;
  kind: string;
  party: string;
  payload: { notificationId?: string; messageType?: string };
}

describe('filing notifications through the API (sk681, stepped)', () => {
  let s: TestServer;
  const list = async (): Promise<FlightNotification[]> => ((await s.get('/api/v1/notifications', s.tokens.se)).body as { notifications: FlightNotification[] }).notifications;

  before(async () => {
    s = await startTestServer('sk681-2014-03-03', { notifications: true });
  });
  after(async () => {
    await s?.close();
  });

  it('refuses without a token, and before the picture has a data time', async () => {
    assert.equal((await s.post('/api/v1/notifications', undefined, { message: FPL })).status, 401);
    assert.equal((await s.post('/api/v1/notifications', 'nope', { message: FPL })).status, 401);
    const early = await s.post('/api/v1/notifications', s.tokens.dk, { message: FPL });
    assert.equal(early.status, 409);
    assert.match(early.text, /no data yet/);
  });

  it('refuses a malformed message naming the item, and a body without a message', async () => {
    s.source.advance(30);
    const bad = await s.post('/api/v1/notifications', s.tokens.dk, { message: FPL.replace('-N0330F175', '-N0330X175') });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /item 15/);
    assert.equal((await s.post('/api/v1/notifications', s.tokens.dk, { text: FPL })).status, 400);
    assert.equal((await s.post('/api/v1/notifications', s.tokens.dk, { message: `${CNL} ${CNL}` })).status, 400);
  });

  it('files an FPL as the caller, lists it, and the matching finds the dark Il-20 flying it', async () => {
    const res = await s.post('/api/v1/notifications', s.tokens.dk, { message: FPL });
    assert.equal(res.status, 200, res.text);
    const body = res.body as { notification: FlightNotification; entryIndex: number; party: string };
    assert.equal(body.party, 'dk');
    assert.equal(body.notification.notificationId, ID);
    const entries = ((await s.get('/api/v1/ledger/entries', s.tokens.se)).body as { entries: Entry[] }).entries;
    const entry = entries[body.entryIndex];
    assert.deepEqual([entry.kind, entry.party, entry.payload.notificationId, entry.payload.messageType], ['flight-notification', 'dk', ID, 'FPL']);
    assert.equal(((await s.post('/api/v1/ledger/verify', s.tokens.se)).body as { ok: boolean }).ok, true);
    assert.deepEqual(
      (await list()).map((n) => [n.notificationId, n.party, n.status]),
      [[ID, 'dk', 'pending']],
    );

    s.source.advance(300);
    const [n] = await list();
    assert.equal(n.status, 'flown');
    // The track it took is the dark one: the Il-20 has no transponder in this scenario.
    const tracks = ((await s.get('/api/v1/tracks', s.tokens.se)).body as { tracks: Track[] }).tracks;
    const dark = tracks.filter((t) => t.transponder !== 'on').map((t) => t.trackId);
    assert.equal(dark.length, 1);
    assert.deepEqual(n.trackIds, dark);
    // The dark aircraft has no address to attribute it by: it counts for the party whose notification it flies.
    const c = (await s.get('/api/v1/compliance', s.tokens.se)).body as { parties: { party: string; notifiedShare: number; darkHours: number }[] };
    const dk = c.parties.find((p) => p.party === 'dk');
    assert.equal(dk?.notifiedShare, 1);
    assert.ok((dk?.darkHours ?? 0) > 0, JSON.stringify(dk));
  });

  it('only the filing party may cancel it', async () => {
    const other = await s.post('/api/v1/notifications', s.tokens.se, { message: CNL });
    assert.equal(other.status, 409);
    assert.match(other.text, /dk/);
    const own = await s.post('/api/v1/notifications', s.tokens.dk, { message: CNL });
    assert.equal(own.status, 200, own.text);
    assert.equal((await list())[0].status, 'cancelled');
    s.source.advance(5);
    assert.equal((await list())[0].status, 'cancelled', 'the matching agrees');
  });
});
