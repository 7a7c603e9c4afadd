// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP API over real sockets and a real SQLite store, driven by the SK681 scenario stepped by hand: every
// route answers a valid token and refuses a missing or wrong one, every party sees the same data, an
// acknowledgement is a log entry signed by the caller's key (checked with the ledger's own verification, apart
// from the server), and the picture at a past time is the simulator's truth at that time.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Track } from '../../src/fusion/track.ts';
import { canonicalBytes } from '../../src/ledger/canonical.ts';
import { entrySignatureValid, type SignedEntry } from '../../src/ledger/entry.ts';
import { fromBase64, leafHash } from '../../src/ledger/hash.ts';
import { parsePublicKey } from '../../src/ledger/keys.ts';
import { verifyInclusion } from '../../src/ledger/proofs.ts';
import { en as EN } from '../../src/safety/report/i18n/en.ts';
import { ru as RU } from '../../src/safety/report/i18n/ru.ts';
import { loadScenario } from '../../src/sim/scenario.ts';
import { createSimulation } from '../../src/sim/simulation.ts';
import type { TruthState } from '../../src/sim/truth.ts';
import { SqliteLedgerStore } from '../../src/store/sqlite.ts';
import { startTestServer, type TestServer } from './helpers.ts';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

/** Truth of the same scenario run independently, by time, then by ICAO address (or id for dark aircraft). */
function truthAt(name: string, times: number[]): Map<number, TruthState[]> {
  const sim = createSimulation(loadScenario(name));
  const want = new Set(times);
  const out = new Map<number, TruthState[]>();
  for (let s = sim.step(); s !== undefined && out.size < want.size; s = sim.step()) {
    if (want.has(s[0]?.timeMs ?? -1)) out.set(s[0].timeMs, [...s]);
  }
  return out;
}

describe('server API (sk681, stepped)', () => {
  let s: TestServer;
  const TICKS = 900; // past the closest approach (about 520 s) and the end of the encounter window
  let startMs: number;
  let alertId: string;
  let encounterId: string;
  let trackId: number;

  before(async () => {
    s = await startTestServer('sk681-2014-03-03');
    startMs = s.source.driver.startMs;
    s.source.advance(TICKS);
    const alerts = (await s.get('/api/v1/alerts', s.tokens.se)).body as { alerts: { alertId: string }[] };
    alertId = alerts.alerts[0]?.alertId;
    const enc = (await s.get('/api/v1/encounters', s.tokens.se)).body as { encounters: { encounterId: string }[] };
    encounterId = enc.encounters[0]?.encounterId;
    const tracks = (await s.get('/api/v1/tracks', s.tokens.se)).body as { tracks: Track[] };
    trackId = tracks.tracks.find((t) => t.callsign === 'SAS681')?.trackId ?? -1;
  });
  after(async () => {
    await s?.close();
  });

  /** Every authenticated GET route (with real ids), for the refusal and equal-data checks. */
  const routes = () => [
    '/api/v1/me',
    '/api/v1/sensors',
    '/api/v1/tracks',
    `/api/v1/tracks?at=${startMs + 300_000}`,
    `/api/v1/tracks/${trackId}/history`,
    '/api/v1/alerts',
    '/api/v1/alerts?active=1',
    '/api/v1/encounters',
    `/api/v1/encounters/${encodeURIComponent(encounterId)}/report`,
    `/api/v1/encounters/${encodeURIComponent(encounterId)}/replay`,
    '/api/v1/compliance',
    '/api/v1/notifications',
    '/api/v1/ledger/entries',
    '/api/v1/ledger/checkpoint',
    '/api/v1/ledger/proof/0',
    '/api/v1/health',
    '/api/v1/geo/coastline',
    '/api/v1/geo/land',
    '/api/v1/geo/firs',
    '/api/v1/geo/airports',
  ];

  it('the scenario raised the SK681 alert and encounter with the dark aircraft', () => {
    assert.ok(alertId?.startsWith('stca-'), 'an alert');
    assert.ok(encounterId?.startsWith('enc-'), 'an encounter');
    assert.ok(trackId > 0, 'SAS681 is a track');
  });

  it('an acknowledgement is a log entry signed by the caller party, verifiable apart from the server', async () => {
    const res = await s.post(`/api/v1/alerts/${encodeURIComponent(alertId)}/ack`, s.tokens.dk);
    assert.equal(res.status, 200, res.text);
    const ack = res.body as { entryIndex: number; party: string; leafHash: string };
    assert.equal(ack.party, 'dk');
    // Read the log file directly, not through the server.
    const store = new SqliteLedgerStore(join(s.dir, 'ledger.db'), { mustExist: true, readonly: true });
    try {
      const stored = store.entry(ack.entryIndex);
      assert.ok(stored);
      const entry = JSON.parse(Buffer.from(stored.data).toString('utf8')) as SignedEntry;
      assert.equal(entry.kind, 'alert-ack');
      assert.equal(entry.party, 'dk');
      assert.equal((entry.body as { alertId: string }).alertId, alertId);
      const origin = JSON.parse(store.getMeta('config') as string).origin as string;
      const dkKey = parsePublicKey(s.world.publicKeys.get('dk') as string)!;
      const seKey = parsePublicKey(s.world.publicKeys.get('se') as string)!;
      assert.equal(entrySignatureValid(origin, entry, dkKey), true, "dk's key verifies the signature");
      assert.equal(entrySignatureValid(origin, entry, seKey), false, "se's key does not");
      // RFC 9162 leaf hash of the stored bytes, and the inclusion proof the API gives, against the checkpoint root.
      assert.equal(Buffer.from(leafHash(canonicalBytes(entry))).toString('hex'), ack.leafHash);
      const cp = (await s.get('/api/v1/ledger/checkpoint', s.tokens.se)).body as { size: number; rootHash: string; cosignatures: { party: string }[]; agreed: boolean };
      const proof = (await s.get(`/api/v1/ledger/proof/${ack.entryIndex}`, s.tokens.se)).body as { size: number; leafHash: string; path: string[] };
      assert.equal(cp.size, proof.size);
      assert.equal(verifyInclusion(ack.entryIndex, proof.size, hex(proof.leafHash), proof.path.map(hex), hex(cp.rootHash)).ok, true);
      assert.deepEqual(cp.cosignatures.map((c) => c.party).sort(), ['dk', 'se']);
      assert.ok(fromBase64(entry.sig)?.length === 64);
    } finally {
      store.close();
    }
    const alerts = (await s.get('/api/v1/alerts', s.tokens.se)).body as { alerts: { alertId: string; acks: { party: string; entryIndex: number }[] }[] };
    assert.deepEqual(alerts.alerts.find((a) => a.alertId === alertId)?.acks.map((a) => [a.party, a.entryIndex]), [['dk', ack.entryIndex]]);
    const entries = (await s.get('/api/v1/ledger/entries', s.tokens.se)).body as { size: number; entries: { index: number; party: string; kind: string }[] };
    assert.equal(entries.entries[ack.entryIndex].party, 'dk');
    const verify = (await s.post('/api/v1/ledger/verify', s.tokens.se)).body as { ok: boolean; problems: string[] };
    assert.deepEqual(verify, { ...verify, ok: true, problems: [] });
    assert.equal((await s.post('/api/v1/alerts/no-such-alert/ack', s.tokens.dk)).status, 404);
    const again = await s.post(`/api/v1/alerts/${encodeURIComponent(alertId)}/ack`, s.tokens.dk);
    assert.equal(again.status, 409, 'a party acknowledges an alert once');
    assert.equal((again.body as { entryIndex: number }).entryIndex, ack.entryIndex);
  });

  it('refuses every route without a token and with a wrong token (401), POSTs included', async () => {
    for (const path of [...routes(), '/api/v1/stream']) {
      assert.equal((await s.get(path)).status, 401, `${path} without a token`);
      assert.equal((await s.get(path, 'not-a-token')).status, 401, `${path} with a wrong token`);
      assert.equal((await s.get(path, `${s.tokens.se}x`)).status, 401, `${path} with a token one character longer`);
    }
    for (const path of [`/api/v1/alerts/${alertId}/ack`, '/api/v1/ledger/verify', '/api/v1/notifications']) {
      assert.equal((await s.post(path)).status, 401, `POST ${path} without a token`);
      assert.equal((await s.post(path, 'nope')).status, 401, `POST ${path} with a wrong token`);
    }
    // The stream refuses the upgrade too, and a token in the query of an ordinary route is not accepted.
    assert.equal((await s.get(`/api/v1/tracks?token=${s.tokens.se}`)).status, 401);
  });

  it('answers every route with a valid token, and every party sees the same data', async () => {
    for (const path of routes()) {
      const a = await s.get(path, s.tokens.se);
      const b = await s.get(path, s.tokens.dk);
      assert.equal(a.status, 200, `${path}: ${a.text.slice(0, 200)}`);
      assert.equal(b.status, 200, path);
      if (path === '/api/v1/me') {
        assert.deepEqual(a.body, { party: 'se', name: 'Swedish Armed Forces' });
        assert.deepEqual(b.body, { party: 'dk', name: 'Naviair (Danish ANSP)' });
      } else if (path !== '/api/v1/health') {
        assert.equal(a.text, b.text, `${path}: the same data for se and dk`);
      }
    }
  });

  it('serves GeoJSON layers from the reference data', async () => {
    const airports = (await s.get('/api/v1/geo/airports', s.tokens.se)).body as { features: { properties: { icao: string }; geometry: { coordinates: number[] } }[] };
    const ekch = airports.features.find((f) => f.properties.icao === 'EKCH');
    // Copenhagen Kastrup, 55°37′N 12°39′E (AIP Denmark).
    assert.ok(ekch && Math.abs(ekch.geometry.coordinates[1] - 55.618) < 0.01 && Math.abs(ekch.geometry.coordinates[0] - 12.656) < 0.01);
    const land = (await s.get('/api/v1/geo/land', s.tokens.se)).body as { features: { geometry: { type: string; coordinates: unknown[] } }[] };
    assert.equal(land.features[0].geometry.type, 'MultiPolygon');
    assert.ok(land.features[0].geometry.coordinates.length > 10);
    assert.equal((await s.get('/api/v1/geo/oceans', s.tokens.se)).status, 400);
  });

  it('the picture at a past time and the track history are the truth at those times', async () => {
    const t1 = startMs + 300_000; // a stored instant (one point per 5 s)
    const t2 = startMs + 302_000; // between stored instants: dead-reckoned 2 s
    const truth = truthAt('sk681-2014-03-03', [t1, t2]);
    for (const [t, tolM] of [
      [t1, 1e-6],
      [t2, 150],
    ] as const) {
      const res = (await s.get(`/api/v1/tracks?at=${t}`, s.tokens.se)).body as { timeMs: number; tracks: Track[] };
      assert.equal(res.timeMs, t);
      const states = truth.get(t)!;
      assert.equal(res.tracks.length, states.length, `as many tracks as aircraft at ${t}`);
      const byIcao = new Map(states.map((x) => [x.icao, x]));
      let compared = 0;
      for (const tr of res.tracks) {
        if (!tr.icao) continue;
        const x = byIcao.get(tr.icao)!;
        const dNorthM = (tr.lat - x.lat) * 111_195;
        const dEastM = (tr.lon - x.lon) * 111_195 * Math.cos((x.lat * Math.PI) / 180);
        assert.ok(Math.hypot(dNorthM, dEastM) <= tolM, `${tr.icao} at ${t}: ${Math.hypot(dNorthM, dEastM)} m off`);
        compared++;
      }
      assert.ok(compared >= 5);
    }
    const hist = (await s.get(`/api/v1/tracks/${trackId}/history?from=${startMs}&to=${startMs + 360_000}`, s.tokens.se)).body as {
      points: { timeMs: number; lat: number; lon: number }[];
    };
    const sas = hist.points.find((p) => p.timeMs === t1)!;
    const x = truth.get(t1)!.find((y) => y.callsign === 'SAS681')!;
    assert.ok(Math.abs(sas.lat - x.lat) < 1e-9 && Math.abs(sas.lon - x.lon) < 1e-9);
    // Before the alert the history is downsampled to one point per 5 s of data time.
    const early = hist.points.filter((p) => p.timeMs < startMs + 300_000);
    for (let i = 1; i < early.length; i++) assert.equal(early[i].timeMs - early[i - 1].timeMs, 5000);
  });

  it('serves the encounter report in English and Russian, and its replay', async () => {
    const en = await s.get(`/api/v1/encounters/${encounterId}/report`, s.tokens.se);
    assert.match(en.type, /text\/html/);
    assert.ok(en.text.includes(EN['report.heading']), 'the English heading');
    assert.match(en.text, /SAS681/);
    const ru = await s.get(`/api/v1/encounters/${encounterId}/report?lang=ru`, s.tokens.se);
    assert.ok(ru.text.includes(RU['report.heading']), 'the Russian heading');
    const replay = (await s.get(`/api/v1/encounters/${encounterId}/replay`, s.tokens.se)).body as {
      fromMs: number;
      toMs: number;
      encounter: { cpaMs: number; members: { trackId: number }[] };
      tracks: { trackId: number; points: { timeMs: number }[] }[];
    };
    for (const m of replay.encounter.members) {
      const t = replay.tracks.find((x) => x.trackId === m.trackId);
      assert.ok(t, `member ${m.trackId} in the replay`);
      // During the alert the pair is stored at full rate (every second): the closest point (interpolated between
      // updates) lies within a second of a stored point.
      assert.ok(t.points.some((p) => Math.abs(p.timeMs - replay.encounter.cpaMs) <= 1000));
      assert.ok(t.points.every((p) => p.timeMs >= replay.fromMs && p.timeMs <= replay.toMs));
    }
  });

  it('lists the dark aircraft as a compliance event and in the flights, with its dark time', async () => {
    const c = (await s.get('/api/v1/compliance', s.tokens.se)).body as {
      events: { type: string; trackId: number; timeMs: number }[];
      flights: { trackId: number; flightHours: number; darkHours: number; firstMs: number; lastMs: number }[];
      parties: { party: string; flightHours: number; transponderOnShare: number | null }[];
    };
    const dark = (await s.get('/api/v1/alerts', s.tokens.se)).body as { alerts: { members: { trackId: number; transponder: string }[] }[] };
    const darkId = dark.alerts[0].members.find((m) => m.transponder !== 'on')!.trackId;
    const appeared = c.events.find((e) => e.type === 'dark-appeared' && e.trackId === darkId);
    assert.ok(appeared, 'the dark aircraft appeared');
    const f = c.flights.find((x) => x.trackId === darkId)!;
    // Dark all the way: its dark time is its whole time in the picture (1 s ticks, ms → hours).
    assert.equal(f.darkHours, f.flightHours);
    assert.ok(Math.abs(f.flightHours - (f.lastMs - f.firstMs) / 3_600_000) < 1e-4);
    for (const p of c.parties) assert.ok(p.transponderOnShare === null || (p.transponderOnShare >= 0 && p.transponderOnShare <= 1));
  });

  it('rejects bad parameters with 400 naming the field', async () => {
    const r = await s.get('/api/v1/tracks?at=yesterday', s.tokens.se);
    assert.equal(r.status, 400);
    assert.match((r.body as { error: string }).error, /at/);
    assert.equal((await s.get('/api/v1/ledger/proof/999999', s.tokens.se)).status, 404);
    assert.equal((await s.get('/api/v1/ledger/entries?limit=0', s.tokens.se)).status, 400);
  });

  it('hands the demo tokens to loopback clients without a token', async () => {
    const r = await s.get('/api/v1/demo/parties');
    assert.equal(r.status, 200);
    const parties = (r.body as { parties: { party: string; token: string }[] }).parties;
    assert.deepEqual(parties.map((p) => p.party).sort(), ['dk', 'se']);
    for (const p of parties) assert.equal((await s.get('/api/v1/me', p.token)).status, 200);
  });
});
