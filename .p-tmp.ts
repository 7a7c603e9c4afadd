import { simulatedStore } from './bench/ledger.ts';
import { generateKeyPair } from './src/ledger/keys.ts';
import { Ledger } from './src/ledger/log.ts';
import { SqliteLedgerStore } from './src/store/sqlite.ts';
import { inclusionProof, inclusionRanges, perfectSubtrees } from './src/ledger/tree.ts';
import { rmSync } from 'node:fs';
const path = '/tmp/jsky/sim.db';
rmSync(path, { force: true }); rmSync(path + '-wal', { force: true }); rmSync(path + '-shm', { force: true });
const log = generateKeyPair(); const se = generateKeyPair();
const config = { origin: 'o/x', logPublicKey: log.publicKey.base64, quorum: 'all' as const, parties: [{ id: 'se', publicKey: se.publicKey.base64 }] };
let t = performance.now();
simulatedStore(path, 10_000_000, 2 ** 20, config);
console.log('sim s', (performance.now() - t) / 1000);
t = performance.now();
const ledger = Ledger.open(new SqliteLedgerStore(path));
console.log('open s', (performance.now() - t) / 1000);
const K = 20000; let x = 0;
for (let r = 0; r < 2; r++) {
t = performance.now();
for (let k = 0; k < K; k++) x += ledger.proveInclusion(Math.floor(Math.random() * 2 ** 20)).path.length;
console.log('prove us', (performance.now() - t) / K * 1000);
}
t = performance.now();
for (let k = 0; k < K; k++) x += inclusionRanges(Math.floor(Math.random() * 2 ** 20), 10_000_000).flatMap((r) => perfectSubtrees(r.start, r.end)).length;
console.log('ranges us', (performance.now() - t) / K * 1000);
const reader = (ledger as any).reader;
t = performance.now();
for (let k = 0; k < K; k++) { const m = Math.floor(Math.random() * 2 ** 20); x += reader.nodeHashes(inclusionRanges(m, 10_000_000).flatMap((r) => perfectSubtrees(r.start, r.end))).length; }
console.log('reads us', (performance.now() - t) / K * 1000);
const store = (ledger as any).store;
const { nodeId } = await import('./src/ledger/tree.ts');
t = performance.now();
for (let k = 0; k < K; k++) { const m = Math.floor(Math.random() * 2 ** 20); const ids = [0,1,2,3,4,5,6,7].map((l) => nodeId(l, Math.floor(m / 2 ** l) ^ 1)); x += store.nodeHashes(ids).length; }
console.log('8-id IN us', (performance.now() - t) / K * 1000);
t = performance.now();
for (let k = 0; k < K; k++) { const m = Math.floor(Math.random() * 2 ** 20); x += store.nodeHashes([nodeId(0, m)]).length; }
console.log('1-id us', (performance.now() - t) / K * 1000);
const { nodeHash } = await import('./src/ledger/hash.ts');
const a = new Uint8Array(32);
t = performance.now();
for (let k = 0; k < K; k++) x += nodeHash(a, a).length;
console.log('nodeHash us', (performance.now() - t) / K * 1000);
