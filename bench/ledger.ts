// SPDX-License-Identifier: GPL-3.0-or-later
// Ledger benchmarks:
//   - appends with signature verification and durable commits (WAL, synchronous=FULL), in batches of 1000
//     (group commit: one fsync per batch) and one by one (one fsync per entry);
//   - Ed25519 verification alone (node:crypto), the bound on the first figure;
//   - inclusion proofs at 10 million entries. The tree is simulated: upper levels and the right edge are
//     stored in full, levels 0..7 for a window of 2^20 entries (proofs are drawn from it), so the node table
//     has 2 million rows instead of 20 million; JOINTSKY_BENCH_FULL=1 stores every node (about 25 s, 0.9 GB).
// Importing this file prints nothing; run it through bench/run.ts or call benchLedger().

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { configJson, type LedgerConfig } from '../src/ledger/config.ts';
import { type SignedEntry, entrySignatureValid, signEntry } from '../src/ledger/entry.ts';
import { generateKeyPair, parsePublicKey } from '../src/ledger/keys.ts';
import { CACHED_LEVEL, Ledger, STORE_FORMAT } from '../src/ledger/log.ts';
import { Frontier, nodeId } from '../src/ledger/tree.ts';
import { SqliteLedgerStore } from '../src/store/sqlite.ts';
import { type BenchResult, median } from './harness.ts';

const ORIGIN = 'bench.jointsky.example/ledger';

function world(): { config: LedgerConfig; entries: (n: number, from: number) => SignedEntry[] } {
  const log = generateKeyPair();
  const parties = ['dk', 'ee', 'fi', 'lt', 'lv', 'pl', 'ru', 'se'].map((id) => ({ id, key: generateKeyPair() }));
  const config: LedgerConfig = {
    origin: ORIGIN,
    logPublicKey: log.publicKey.base64,
    quorum: 'all',
    parties: parties.map((p) => ({ id: p.id, publicKey: p.key.publicKey.base64 })),
  };
  const entries = (n: number, from: number) =>
    Array.from({ length: n }, (_, k) => {
      const i = from + k;
      const p = parties[i % parties.length];
      return signEntry(
        ORIGIN,
        {
          v: 1,
          kind: 'incident-report',
          party: p.id,
          timeMs: 1717243200000 + i * 1000,
          body: { incidentId: `inc-${i}`, riskClass: 'C', summary: `loss of separation ${i} between a state aircraft and civil traffic` },
        },
        p.key.privateKey,
      );
    });
  return { config, entries };
}

function appendBench(dir: string, batch: number, n: number, runs: number): number[] {
  const { config, entries } = world();
  const rates: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const ledger = Ledger.create(new SqliteLedgerStore(join(dir, `append-${batch}-${r}.db`)), config);
    const signed = entries(n, 0); // signing is the submitter's work, not the log's
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i += batch) ledger.appendBatch(signed.slice(i, i + batch));
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r > 0) rates.push(n / s); // run 0 warms up
    ledger.close();
  }
  return rates;
}

function verifyBench(n: number, runs: number): number[] {
  const { config, entries } = world();
  const signed = entries(n, 0);
  const pub = new Map(config.parties.map((p) => [p.id, parsePublicKey(p.publicKey)!]));
  const rates: number[] = [];
  for (let r = 0; r <= runs; r++) {
    let ok = 0;
    const t0 = process.hrtime.bigint();
    for (const e of signed) if (entrySignatureValid(ORIGIN, e, pub.get(e.party)!)) ok++;
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (ok !== n) throw new Error('signatures failed to verify');
    if (r > 0) rates.push(n / s);
  }
  return rates;
}

/** Builds a store that claims `size` entries, with the nodes a proof for leaves in [0, window) needs. */
export function simulatedStore(path: string, size: number, window: number, config: LedgerConfig): void {
  const store = new SqliteLedgerStore(path);
  store.initialize({ format: STORE_FORMAT, origin: config.origin, config: configJson(config) });
  store.close();
  const db = new Database(path);
  db.pragma('synchronous = OFF');
  const fill = db.prepare(
    'WITH RECURSIVE c(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?) INSERT OR IGNORE INTO nodes (id, hash) SELECT ? + i, randomblob(32) FROM c',
  );
  db.transaction(() => {
    for (let level = 0, count = size; count > 0; level++, count = Math.floor(count / 2)) {
      const base = nodeId(level, 0);
      if (level >= CACHED_LEVEL) fill.run(0, count, base);
      else fill.run(0, Math.min(count, Math.ceil(window / 2 ** level)), base);
    }
    // The right edge (the frontier) closes every proof's last ranges.
    const put = db.prepare('INSERT OR IGNORE INTO nodes (id, hash) VALUES (?, randomblob(32))');
    for (const id of Frontier.ids(size)) put.run(id);
    db.prepare('INSERT INTO entries (idx, data) VALUES (?, ?)').run(size - 1, Buffer.from('{}'));
  })();
  db.close();
}

/** Median microseconds per inclusion proof (through Ledger.proveInclusion) in a simulated tree. */
function proofBench(dir: string, size: number, window: number, n: number, runs: number): number[] {
  const { config } = world();
  const path = join(dir, 'proofs.db');
  simulatedStore(path, size, window, config);
  const ledger = Ledger.open(new SqliteLedgerStore(path));
  if (ledger.size !== size) throw new Error(`simulated log has ${ledger.size} entries`);
  let x = 1;
  const times: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < n; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const p = ledger.proveInclusion(x % window);
      if (p.path.length < 20) throw new Error('short proof');
    }
    const us = Number(process.hrtime.bigint() - t0) / 1e3 / n;
    if (r > 0) times.push(us);
  }
  ledger.close();
  return times;
}

export async function benchLedger(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jointsky-bench-ledger-'));
  const runs = 3;
  try {
    const out: BenchResult[] = [];
    const nBatch = 10000;
    out.push({
      name: 'ledger append (verify + durable commit, batches of 1000)',
      value: median(appendBench(dir, 1000, nBatch, runs)),
      unit: 'appends/s',
      n: nBatch,
      runs,
    });
    const nSingle = 500;
    out.push({
      name: 'ledger append (verify + durable commit each)',
      value: median(appendBench(dir, 1, nSingle, runs)),
      unit: 'appends/s',
      n: nSingle,
      runs,
    });
    out.push({ name: 'ed25519 verify (node:crypto)', value: median(verifyBench(5000, runs)), unit: 'verifies/s', n: 5000, runs });
    const full = process.env.JOINTSKY_BENCH_FULL === '1';
    const size = 10_000_000;
    const nProofs = 20000;
    out.push({
      name: `ledger inclusion proof at ${size.toLocaleString('en-US')} entries (${full ? 'all nodes stored' : 'simulated'})`,
      value: median(proofBench(dir, size, full ? size : 2 ** 20, nProofs, runs)),
      unit: 'µs/proof',
      n: nProofs,
      runs,
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
