// SPDX-License-Identifier: GPL-3.0-or-later
// The server's own statements in the shared log: the SK681 near-miss (a class A encounter with a dark Il-20,
// docs/airprox.md) is filed as an incident report signed by the recording party alone, with the encounter's
// evidence; civil-only encounters are not the joint review's; compliance counters are stated at each whole
// period of data time; and a restarted server does not file the same incident twice.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogRecorder, reportable } from '../../src/server/recorder.ts';
import type { Encounter } from '../../src/safety/types.ts';
import { startTestServer } from './helpers.ts';

interface Entry {
  index: number;
  kind: string;
  party: string;
  timeMs: number;
  payload: Record<string, unknown>;
}

const encounter = (over: Partial<Encounter>): Encounter => ({
  encounterId: 'enc-1-2-0',
  members: [
    { trackId: 1, callsign: 'SAS1', category: 'civil', transponder: 'on' },
    { trackId: 2, callsign: 'DLH2', category: 'civil', transponder: 'on' },
  ],
  cpaMs: 0,
  horizM: 100,
  vertM: 50,
  slantM: 112,
  cpaLat: 55,
  cpaLon: 14,
  closureMps: 400,
  geometry: 'crossing',
  riskClass: 'A',
  riskReason: 'test',
  darkTrackIds: [],
  acasVisible: true,
  sensors: [],
  startMs: 0,
  endMs: 0,
  ...over,
});

describe('the log recorder', () => {
  it('takes encounters of the reportable classes between civil traffic and a military, state or dark aircraft', () => {
    const classes = ['A', 'B', 'C'] as const;
    const civil = encounter({}).members[0];
    assert.equal(reportable(encounter({}), classes), false, 'civil pair');
    const mil = encounter({ members: [civil, { trackId: 3, category: 'military', transponder: 'on' }] });
    assert.equal(reportable(mil, classes), true);
    assert.equal(reportable({ ...mil, riskClass: 'E' }, classes), false, 'class E is not an incident');
    assert.equal(reportable(encounter({ darkTrackIds: [2] }), classes), true, 'a civil aircraft gone dark');
    const dark = { trackId: 4, category: 'unknown', transponder: 'never' } as const;
    assert.equal(reportable(encounter({ members: [civil, dark], darkTrackIds: [4] }), classes), true, 'an unknown dark aircraft');
    const intercept = encounter({ members: [{ trackId: 3, category: 'military', transponder: 'on' }, dark], darkTrackIds: [4] });
    assert.equal(reportable(intercept, classes), false, 'an interception, no civil aircraft');
  });

  it('files the SK681 near-miss and hourly compliance, signed by its own party, once', async () => {
    const s = await startTestServer('sk681-2014-03-03', { record: { party: 'se', complianceIntervalMs: 600_000 } });
    try {
      s.source.advance(1500);
      const encounters = (await s.get('/api/v1/encounters', s.tokens.dk)).body as { encounters: Encounter[] };
      const entries = ((await s.get('/api/v1/ledger/entries?limit=1000', s.tokens.dk)).body as { entries: Entry[] }).entries;
      const reports = entries.filter((e) => e.kind === 'incident-report');
      const expected = encounters.encounters.filter((e) => reportable(e, ['A', 'B', 'C']));
      assert.ok(expected.some((e) => e.riskClass === 'A' && e.darkTrackIds.length === 1), 'the scenario has its class A encounter with a dark aircraft');
      assert.deepEqual(
        reports.map((r) => r.payload.incidentId),
        expected.map((e) => e.encounterId),
      );
      for (const r of reports) {
        const e = expected.find((x) => x.encounterId === r.payload.incidentId)!;
        assert.equal(r.party, 'se');
        assert.equal(r.payload.riskClass, e.riskClass);
        assert.equal(r.payload.horizM, Math.round(e.horizM));
        assert.equal(r.timeMs, e.endMs);
        assert.match(String(r.payload.summary), new RegExp(`closest ${Math.round(e.horizM)} m horizontally`));
        assert.deepEqual(r.payload.darkTrackIds, e.darkTrackIds);
      }
      // Statements at 11:10, 11:20 (the scenario runs 11:00 to 11:25), each counting from the first data second.
      const statements = entries.filter((e) => e.kind === 'compliance-stats');
      assert.deepEqual(
        statements.map((e) => e.payload.periodEndMs),
        [Date.UTC(2014, 2, 3, 11, 10), Date.UTC(2014, 2, 3, 11, 20)],
      );
      for (const st of statements) {
        const counts = st.payload.counts as Record<string, number>;
        assert.equal(st.party, 'se');
        assert.ok(Object.values(counts).every((n) => Number.isSafeInteger(n) && n >= 0));
        assert.ok(Object.keys(counts).some((k) => k.endsWith(':flight-s')), JSON.stringify(counts));
      }
      assert.equal(((await s.post('/api/v1/ledger/verify', s.tokens.dk)).body as { ok: boolean }).ok, true);

      // A restarted server reading the same log files nothing it has filed before.
      const again = new LogRecorder(s.running.picture, s.running.ledger, { party: 'se' });
      const size = s.running.ledger.ledger.size;
      for (const e of expected) again.handle({ type: 'encounter', encounter: e });
      assert.equal(s.running.ledger.ledger.size, size);
      assert.throws(() => new LogRecorder(s.running.picture, s.running.ledger, { party: 'xx' }), /no signing key for party xx/);
    } finally {
      await s.close();
    }
  });
});
