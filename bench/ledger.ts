// SPDX-License-Identifier: GPL-3.0-or-later
// Ledger benchmarks:
//   - appends with signature verification and durable commits (WAL, synchronous=FULL), in batches of 1000
//     (group commit: one fsync per batch) on the main thread alone and with the signature pool (worker
//     threads), and one by one (one fsync per entry);
//   - Ed25519 verification alone (node:crypto), the bound on the first figure;
//   - inclusion proofs at 10 million entries. The tree is simulated: upper levels and the right edge are
//     stored in full, levels 0..5 and their blocks for a window of 2^20 entries (proofs are drawn from it),
//     so the node table has 2 million rows instead of 20 million; JOINTSKY_BENCH_FULL=1 stores every node
//     (about 25 s, 0.9 GB).
// Importing this file prints nothing; run it through bench/run.ts or call benchLedger().

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BLOCK_BYTES, BLOCK_LEAVES, BLOCK_LEVELS } from '../src/ledger/blocks.ts';
import { configJson, type LedgerConfig } from '../src/ledger/config.ts';
import { type SignedEntry, entrySignatureValid, signEntry } from '../src/ledger/entry.ts';
import { generateKeyPair, parsePublicKey } from '../src/ledger/keys.ts';
import { CACHED_LEVEL, Ledger, STORE_FORMAT } from '../src/ledger/log.ts';
import { defaultVerifyThreads } from '../src/ledger/sigpool.ts';
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

/**
 * Appends/s for each worker-thread setting (undefined: the default pool), runs interleaved so that the
 * settings share the machine's noise alike; also the cores the process used on average (its CPU time over
 * the wall time), since on a shared machine the wall figure depends on what else runs.
 */
function appendBench(dir: string, batch: number, n: number, runs: number, settings: (number | undefined)[]): { rates: number[]; cores: number[] }[] {
  const { config, entries } = world();
  const out = settings.map(() => ({ rates: [] as number[], cores: [] as number[] }));
  const signed = entries(n, 0); // signing is the submitter's work, not the log's
  for (let r = 0; r <= runs; r++) {
    settings.forEach((verifyThreads, k) => {
      const options = verifyThreads === undefined ? {} : { verifyThreads };
      const ledger = Ledger.create(new SqliteLedgerStore(join(dir, `append-${batch}-${r}-${k}.db`)), config, options);
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i += batch) ledger.appendBatch(signed.slice(i, i + batch));
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      const cpu = process.cpuUsage(cpu0);
      if (r > 0) {
        // run 0 warms up (and starts the pool's workers)
        out[k].rates.push(n / s);
        out[k].cores.push((cpu.user + cpu.system) / 1e6 / s);
      }
      ledger.close();
    });
  }
  return out;
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
    // The blocks of the low levels (ledger/blocks.ts) for the complete blocks in the window, from the nodes.
    const range = db.prepare('SELECT hash FROM nodes WHERE id >= ? AND id < ? ORDER BY id').pluck();
    const putBlock = db.prepare('INSERT INTO node_blocks (idx, hashes) VALUES (?, ?)');
    const blocks = Math.floor(Math.min(window, size) / BLOCK_LEAVES);
    const CHUNK = 4096;
    for (let b0 = 0; b0 < blocks; b0 += CHUNK) {
      const n = Math.min(CHUNK, blocks - b0);
      const out = Array.from({ length: n }, () => Buffer.alloc(BLOCK_BYTES));
      for (let level = 0, at = 0; level < BLOCK_LEVELS; at += BLOCK_LEAVES >> level, level++) {
        const width = BLOCK_LEAVES >> level;
        const hashes = range.all(nodeId(level, b0 * width), nodeId(level, (b0 + n) * width)) as Buffer[];
        hashes.forEach((h, i) => {
          h.copy(out[Math.floor(i / width)], 32 * (at + (i % width)));
        });
      }
      out.forEach((block, i) => {
        putBlock.run(b0 + i, block);
      });
    }
  })();
  db.close();
}

/**
 * Microseconds per inclusion proof (through Ledger.proveInclusion) in a simulated tree: with the stored
 * blocks of low nodes, and again with the blocks dropped (every low node read from the node table, as
 * before blocks existed), runs interleaved. The two must give byte-identical proofs.
 */
function proofBench(dir: string, size: number, window: number, n: number, runs: number): { blocks: number[]; nodes: number[] } {
  const { config } = world();
  const withBlocks = join(dir, 'proofs.db');
  const withoutBlocks = join(dir, 'proofs-nodes.db');
  simulatedStore(withBlocks, size, window, config);
  copyFileSync(withBlocks, withoutBlocks);
  const db = new Database(withoutBlocks);
  db.prepare('DELETE FROM node_blocks').run();
  db.close();
  const ledgers = [withBlocks, withoutBlocks].map((p) => Ledger.open(new SqliteLedgerStore(p)));
  for (const l of ledgers) if (l.size !== size) throw new Error(`simulated log has ${l.size} entries`);
  for (let m = 0; m < window; m += 9973) {
    const [a, b] = ledgers.map((l) => Buffer.concat(l.proveInclusion(m).path).toString('hex'));
    if (a !== b) throw new Error(`proofs of entry ${m} differ with and without blocks`);
  }
  const times = { blocks: [] as number[], nodes: [] as number[] };
  for (let r = 0; r <= runs; r++) {
    ledgers.forEach((ledger, k) => {
      let x = 1 + r;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const p = ledger.proveInclusion(x % window);
        if (p.path.length < 20) throw new Error('short proof');
      }
      const us = Number(process.hrtime.bigint() - t0) / 1e3 / n;
      if (r > 0) (k === 0 ? times.blocks : times.nodes).push(us);
    });
  }
  for (const l of ledgers) l.close();
  return times;
}

export async function benchLedger(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'jointsky-bench-ledger-'));
  const runs = 3;
  try {
    const out: BenchResult[] = [];
    const nBatch = 10000;
    const threads = defaultVerifyThreads();
    const [pooled, single] = appendBench(dir, 1000, nBatch, runs, [undefined, 0]).map((r) => ({ rate: median(r.rates), cores: median(r.cores) }));
    const perCpu = (r: { rate: number; cores: number }) =>
      `${Math.round(r.rate / r.cores).toLocaleString('en-US')} appends per CPU-second, ${r.cores.toFixed(2)} cores used`;
    out.push({
      name: 'ledger append (verify + durable commit, batches of 1000, main thread only)',
      value: single.rate,
      unit: 'appends/s',
      n: nBatch,
      runs,
      note: perCpu(single),
    });
    out.push({
      name: `ledger append (verify + durable commit, batches of 1000, ${threads} verify worker${threads === 1 ? '' : 's'} + main thread)`,
      value: pooled.rate,
      unit: 'appends/s',
      n: nBatch,
      runs,
      note: `${(pooled.rate / single.rate).toFixed(2)}x the main thread alone; ${perCpu(pooled)} of ${availableParallelism()}; load average ${loadavg()[0].toFixed(1)}`,
    });
    const nSingle = 500;
    out.push({
      name: 'ledger append (verify + durable commit each)',
      value: median(appendBench(dir, 1, nSingle, runs, [undefined])[0].rates),
      unit: 'appends/s',
      n: nSingle,
      runs,
    });
    out.push({ name: 'ed25519 verify (node:crypto)', value: median(verifyBench(5000, runs)), unit: 'verifies/s', n: 5000, runs });
    const full = process.env.JOINTSKY_BENCH_FULL === '1';
    const size = 10_000_000;
    const nProofs = 20000;
    const proofs = proofBench(dir, size, full ? size : 2 ** 20, nProofs, runs);
    const [blocks, nodes] = [median(proofs.blocks), median(proofs.nodes)];
    out.push({
      name: `ledger inclusion proof at ${size.toLocaleString('en-US')} entries (${full ? 'all nodes stored' : 'simulated'}, node table only)`,
      value: nodes,
      unit: 'µs/proof',
      n: nProofs,
      runs,
    });
    out.push({
      name: `ledger inclusion proof at ${size.toLocaleString('en-US')} entries (${full ? 'all nodes stored' : 'simulated'})`,
      value: blocks,
      unit: 'µs/proof',
      n: nProofs,
      runs,
      note: `${(nodes / blocks).toFixed(2)}x faster than from the node table alone; load average ${loadavg()[0].toFixed(1)}`,
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
