import Database from 'better-sqlite3';
import { SqliteLedgerStore } from './src/store/sqlite.ts';
import { Ledger } from './src/ledger/log.ts';
import { inclusionRanges, perfectSubtrees, nodeId } from './src/ledger/tree.ts';
import { mkdtempSync } from 'node:fs';
// build a simulated store via the bench internals: reuse bench by copying code is long; use the bench DB? quick: small synthetic
const path = '/tmp/jsky/fill.db';
const db = new Database(path);
db.pragma('mmap_size = 1073741824');
const N = 10_000_000;
const one = db.prepare('SELECT hash FROM nodes WHERE id = ?').pluck();
const K = 20000; let x = 0;
for (const win of [N, 2**20, 2**16, 1024]) {
  let t = performance.now();
  for (let k = 0; k < K; k++) x += (one.get(Math.floor(Math.random() * win)) as Buffer).length;
  console.log('point get us window', win, (performance.now() - t) / K * 1000);
}
let t = performance.now();
for (let k = 0; k < K; k++) x += (one.get(5) as Buffer).length;
console.log('same id us', (performance.now() - t) / K * 1000);
const cnt = db.prepare('SELECT 1').pluck();
t = performance.now();
for (let k = 0; k < K; k++) x += cnt.get() as number;
console.log('select 1 us', (performance.now() - t) / K * 1000);
