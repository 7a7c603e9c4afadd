// SPDX-License-Identifier: GPL-3.0-or-later
// The live stream under load: 5,000 tracks, 50 WebSocket clients on loopback (in a child process, so their
// CPU is not counted), snapshots published ever faster through the real server (picture, store, fan-out).
// Reports the highest snapshot rate at which every client received every snapshot, the server's CPU per
// snapshot, and the serialization alone.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Track } from '../src/fusion/track.ts';
import { Ledger } from '../src/ledger/log.ts';
import { generateKeyPair } from '../src/ledger/keys.ts';
import { createServer } from '../src/server/app.ts';
import { hashToken, PartyAuth } from '../src/server/auth.ts';
import { LedgerService } from '../src/server/ledger.ts';
import { LivePicture } from '../src/server/state.ts';
import { Rng } from '../src/sim/random.ts';
import { PictureStore } from '../src/store/picture.ts';
import { SqliteLedgerStore } from '../src/store/sqlite.ts';
import { type BenchResult, measureRate } from './harness.ts';

const TRACKS = 5000;
const CLIENTS = 50;
const RATES = [1, 2, 4, 8, 12, 16, 24, 32];

/** 5,000 plausible tracks over the Baltic (seeded). */
function makeTracks(t0: number): Track[] {
  const rng = new Rng('bench-server');
  const sensors = ['dk-kastrup-adsb', 'se-mil-south', 'se-sturup-adsb', 'pl-gdansk-ssr', 'ru-kaliningrad-radar'];
  return Array.from({ length: TRACKS }, (_, i) => {
    const trk = rng.next() * 360;
    const gs = 120 + rng.next() * 130;
    const dark = i % 50 === 0;
    const t: Track = {
      trackId: i + 1,
      timeMs: t0,
      lastUpdateMs: t0,
      status: 'confirmed',
      lat: 53.5 + rng.next() * 7,
      lon: 10 + rng.next() * 20,
      altM: 300 + rng.next() * 12000,
      altSource: 'baro',
      velEastMps: gs * Math.sin((trk * Math.PI) / 180),
      velNorthMps: gs * Math.cos((trk * Math.PI) / 180),
      vrMps: (rng.next() - 0.5) * 10,
      gsMps: gs,
      trackDeg: trk,
      posCovM2: [400 + rng.next() * 100, rng.next() * 10, 400 + rng.next() * 100],
      category: dark ? 'unknown' : i % 20 === 0 ? 'military' : 'civil',
      transponder: dark ? 'never' : 'on',
      sensors: sensors.slice(i % 3, (i % 3) + 2),
      parties: ['dk', 'se'],
      updates: 100 + i,
      quality: 0.9,
    };
    if (!dark) {
      t.icao = (0x400000 + i).toString(16);
      t.callsign = `SAS${(100 + (i % 9000)).toString()}`;
      t.squawk = (1000 + (i % 7000)).toString(8).slice(0, 4).padStart(4, '0');
    }
    return t;
  });
}

/** The clients: a child process with CLIENTS sockets that counts snapshots and gaps in their data time. */
const CLIENT_JS = `
const { createRequire } = require('node:module');
const WebSocket = createRequire(process.argv[1] + '/')('ws');
const [url, n] = [process.argv[2], Number(process.argv[3])];
const stats = [];
let open = 0;
for (let i = 0; i < n; i++) {
  const s = { count: 0, last: 0, missed: 0 };
  stats.push(s);
  const ws = new WebSocket(url);
  ws.on('open', () => { if (++open === n) process.stdout.write('ready\\n'); });
  ws.on('message', (data) => {
    const m = /"timeMs":(\\d+)/.exec(data.toString('latin1', 0, 48));
    if (!m) return;
    const t = Number(m[1]);
    if (s.last && t - s.last > 1000) s.missed += (t - s.last) / 1000 - 1;
    s.last = t;
    s.count++;
  });
}
process.stdin.on('data', () => process.stdout.write(JSON.stringify(stats) + '\\n'));
`;

function lineReader(stream: NodeJS.ReadableStream): () => Promise<string> {
  let buf = '';
  const lines: string[] = [];
  const waiting: ((l: string) => void)[] = [];
  stream.on('data', (c: Buffer) => {
    buf += c.toString();
    let i = buf.indexOf('\n');
    while (i >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiting.shift();
      if (w) w(line);
      else lines.push(line);
      i = buf.indexOf('\n');
    }
  });
  return () => (lines.length ? Promise.resolve(lines.shift()!) : new Promise((r) => waiting.push(r)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchServer(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-server-'));
  const t0 = Date.parse('2024-06-04T07:00:00Z');
  const tracks = makeTracks(t0);
  const results: BenchResult[] = [];

  // Serialization alone: one snapshot of 5,000 tracks to the bytes every client is sent.
  const ser = measureRate(1, 9, () => Buffer.from(`{"type":"tracks","timeMs":${t0},"tracks":${JSON.stringify(tracks)}}`).length);
  const frameBytes = Buffer.byteLength(JSON.stringify(tracks));
  results.push({ name: 'server snapshot serialize (5,000 tracks)', value: 1000 / ser.perSecond, unit: 'ms CPU', n: TRACKS, runs: 9, note: `${(frameBytes / 1e6).toFixed(2)} MB per snapshot` });

  const store = new PictureStore(join(dir, 'picture.db'));
  const picture = new LivePicture(store);
  const key = generateKeyPair();
  const ledger = Ledger.create(new SqliteLedgerStore(join(dir, 'ledger.db')), {
    origin: 'bench/server',
    logPublicKey: generateKeyPair().publicKey.base64,
    quorum: 'all',
    parties: [{ id: 'se', publicKey: key.publicKey.base64 }],
  });
  const token = 'bench-token-0123456789';
  const server = await createServer({
    picture,
    store,
    auth: new PartyAuth([{ id: 'se', name: 'se', tokenSha256: hashToken(token) }]),
    ledger: new LedgerService(ledger, { partyKeys: new Map([['se', key]]) }),
    sensors: [],
    logger: false,
    webDir: join(dir, 'none'),
  });
  const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
  const child = spawn(process.execPath, ['-e', CLIENT_JS, process.cwd(), `${address.replace('http', 'ws')}/api/v1/stream?token=${token}`, String(CLIENTS)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const read = lineReader(child.stdout);
  if ((await read()) !== 'ready') throw new Error('bench clients did not connect');

  let timeMs = t0;
  /** One data second: every track updated, then the tick (store write, serialization, fan-out). */
  const publish = () => {
    timeMs += 1000;
    for (const t of tracks) {
      const u = { ...t, timeMs, lastUpdateMs: timeMs };
      picture.handle({ type: 'track', event: { type: 'update', track: u } });
    }
    picture.handle({ type: 'tick', timeMs });
  };
  const report = async (): Promise<{ count: number; missed: number }[]> => {
    child.stdin.write('r\n');
    return JSON.parse(await read()) as { count: number; missed: number }[];
  };

  let best = 0;
  let cpuPerSnapshotMs = 0;
  for (const rate of RATES) {
    const n = Math.max(10, rate * 3);
    const before = await report();
    const cpu0 = process.cpuUsage();
    const dropped0 = server.hub.stats().snapshotsDropped;
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      publish();
      const wait = start + ((i + 1) * 1000) / rate - performance.now();
      await sleep(Math.max(0, wait));
    }
    // Let the last snapshot arrive (bounded wait), then count.
    let after = await report();
    for (let k = 0; k < 50 && after.some((s, i) => s.count - before[i].count < n); k++) {
      await sleep(100);
      after = await report();
    }
    const cpu = process.cpuUsage(cpu0);
    const received = after.map((s, i) => s.count - before[i].count);
    const behind = received.filter((c) => c < n).length + (server.hub.stats().snapshotsDropped - dropped0 > 0 ? 1 : 0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / n;
    console.error(`  server bench: ${rate} Hz: ${n} snapshots, min received ${Math.min(...received)}, dropped ${server.hub.stats().snapshotsDropped - dropped0}, ${cpuMs.toFixed(1)} ms CPU per snapshot`);
    if (behind > 0) break;
    best = rate;
    cpuPerSnapshotMs = cpuMs;
  }
  results.push({
    name: `server stream max snapshot rate (${TRACKS.toLocaleString('en-US')} tracks, ${CLIENTS} clients, none behind)`,
    value: best,
    unit: 'snapshots/s',
    n: TRACKS,
    runs: 1,
    note: `${cpuPerSnapshotMs.toFixed(1)} ms server CPU per snapshot at that rate (update + store + serialize + fan-out); ${best >= 1 ? 'meets' : 'misses'} the 1 Hz target`,
  });
  child.kill();
  await server.close();
  store.close();
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
  return results;
}
