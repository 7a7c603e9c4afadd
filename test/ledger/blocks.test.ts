// SPDX-License-Identifier: GPL-3.0-or-later
// Blocks of the lowest tree levels: proofs served through them equal those of a naive RFC 9162 reference
// written here; a proof reads one stored row; the blocks agree with the node table; a log without blocks
// still proves; verify catches a tampered or surplus block.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { BLOCK_BYTES, blockNodeIds } from '../../src/ledger/blocks.ts';
import { canonicalBytes } from '../../src/ledger/canonical.ts';
import { storeVerifyInput } from '../../src/ledger/exchange.ts';
import { Ledger } from '../../src/ledger/log.ts';
import { verifyInclusion } from '../../src/ledger/proofs.ts';
import { inclusionProof } from '../../src/ledger/tree.ts';
import { verifyLog } from '../../src/ledger/verify.ts';
import type { LedgerStore } from '../../src/store/store.ts';
import { SqliteLedgerStore } from '../../src/store/sqlite.ts';
import { incident, makeWorld, openLedger, signed } from './helpers.ts';

// Naive MTH and PATH straight from RFC 9162 §2.1.1 and §2.1.3.1, over leaf data.
function sha(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}
function naiveRoot(d: Uint8Array[]): Uint8Array {
  if (d.length === 1) return sha(new Uint8Array([0]), d[0]);
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return sha(new Uint8Array([1]), naiveRoot(d.slice(0, k)), naiveRoot(d.slice(k)));
}
function naivePath(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...naivePath(m, d.slice(0, k)), naiveRoot(d.slice(k))] : [...naivePath(m - k, d.slice(k)), naiveRoot(d.slice(0, k))];
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const SIZE = 200;

const world = makeWorld(['dk', 'ru', 'se']);
after(() => world.cleanup());
const data: Uint8Array[] = [];

/** A store that counts the reads a ledger makes. */
function counting(store: LedgerStore): { store: LedgerStore; reads: { blocks: number; nodes: number } } {
  const reads = { blocks: 0, nodes: 0 };
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'nodeBlock') {
        return (i: number) => {
          reads.blocks++;
          return target.nodeBlock(i);
        };
      }
      if (prop === 'nodeHashes') {
        return (ids: readonly number[]) => {
          reads.nodes += ids.length;
          return target.nodeHashes(ids);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, reads };
}

describe('blocks of the low tree levels', () => {
  it('appends in batches of every size, across reopenings, and stores one block per 64 entries', () => {
    let ledger = openLedger(world);
    const sizes = [1, 7, 64, 3, 100, 1, 24];
    let i = 0;
    for (const n of sizes) {
      const batch = Array.from({ length: n }, () => signed(world, incident(['dk', 'ru', 'se'][i % 3], i++)));
      ledger.appendBatch(batch);
      for (const e of batch) data.push(canonicalBytes(e));
      ledger.close(); // reopening reloads the block being filled from the node table
      ledger = openLedger(world);
    }
    assert.equal(ledger.size, SIZE);
    const store = ledger.store;
    assert.equal(store.blockCount(), Math.floor(SIZE / 64));
    for (let b = 0; b < store.blockCount(); b++) {
      const block = store.nodeBlock(b)!;
      assert.equal(block.length, BLOCK_BYTES);
      const nodes = store.nodeHashes(blockNodeIds(b));
      assert.equal(hex(block), nodes.map((h) => hex(h!)).join(''), `block ${b} repeats the node table`);
    }
    assert.equal(store.nodeBlock(3), undefined);
    ledger.close();
  });

  it('every inclusion proof at every size equals the naive reference', () => {
    const ledger = openLedger(world);
    for (const n of [1, 63, 64, 65, 127, 128, 129, 191, 192, 193, SIZE]) {
      const root = naiveRoot(data.slice(0, n));
      assert.equal(hex(ledger.rootAt(n)), hex(root));
      for (let m = 0; m < n; m++) {
        const p = ledger.proveInclusion(m, n);
        assert.deepEqual(p.path.map(hex), naivePath(m, data.slice(0, n)).map(hex), `PATH(${m}, D[${n}])`);
        assert.equal(hex(p.leafHash), hex(sha(new Uint8Array([0]), data[m])));
        assert.ok(verifyInclusion(m, n, p.leafHash, p.path, root).ok);
      }
    }
    ledger.close();
  });

  it('proofs at the current size (the direct walk up) equal the stored-node path at every size, and the naive one', () => {
    const w = makeWorld(['se']);
    const ledger = openLedger(w);
    const leaves: Uint8Array[] = [];
    const stored = { nodeHashes: (ids: readonly number[]) => ledger.store.nodeHashes(ids) };
    for (let n = 1; n <= 150; n++) {
      const e = signed(w, incident('se', n));
      ledger.append(e);
      leaves.push(canonicalBytes(e));
      const naive = [1, 2, 3, 5, 63, 64, 65, 96, 127, 128, 129, 150].includes(n);
      for (let m = 0; m < n; m++) {
        const p = ledger.proveInclusion(m);
        assert.deepEqual(p.path.map(hex), inclusionProof(stored, m, n).map(hex), `PATH(${m}, D[${n}])`);
        if (naive) assert.deepEqual(p.path.map(hex), naivePath(m, leaves).map(hex), `naive PATH(${m}, D[${n}])`);
      }
      if (naive) assert.equal(hex(ledger.root()), hex(naiveRoot(leaves)));
    }
    ledger.close();
    w.cleanup();
  });

  it('a proof of an entry in a complete block reads one stored row; one in the open block reads none', () => {
    const { store, reads } = counting(new SqliteLedgerStore(join(world.dir, 'ledger.db')));
    const ledger = Ledger.open(store);
    for (const m of [0, 63, 64, 100, 191]) {
      reads.blocks = 0;
      reads.nodes = 0;
      ledger.proveInclusion(m);
      assert.deepEqual(reads, { blocks: 1, nodes: 0 }, `entry ${m}`);
    }
    reads.blocks = 0;
    reads.nodes = 0;
    ledger.proveInclusion(SIZE - 3);
    assert.deepEqual(reads, { blocks: 0, nodes: 0 });
    ledger.close();
  });

  it('a log without blocks (an older store) proves the same from the node table and verifies', () => {
    const ledger = openLedger(world);
    const before = Array.from({ length: SIZE }, (_, m) => ledger.proveInclusion(m).path.map(hex));
    ledger.close();
    const db = new Database(join(world.dir, 'ledger.db'));
    db.prepare('DELETE FROM node_blocks').run();
    db.close();
    const again = openLedger(world);
    assert.deepEqual(
      Array.from({ length: SIZE }, (_, m) => again.proveInclusion(m).path.map(hex)),
      before,
    );
    const report = verifyLog(storeVerifyInput(again.store));
    assert.ok(report.ok, JSON.stringify(report.problems));
    again.close();
  });

  it('verify names a tampered block by the first entry under the bad node, and refuses surplus blocks', () => {
    const w = makeWorld(['se']);
    const ledger = openLedger(w);
    ledger.appendBatch(Array.from({ length: 130 }, (_, i) => signed(w, incident('se', i))));
    ledger.close();
    const path = join(w.dir, 'ledger.db');
    const db = new Database(path);
    // Node (level 2, index 21), entries 84..87: in block 1, after its 64 + 32 level-0 and level-1 hashes.
    const block = db.prepare('SELECT hashes FROM node_blocks WHERE idx = 1').pluck().get() as Buffer;
    const offset = 32 * (96 + (21 % 16));
    block[offset + 3] ^= 0x10;
    db.prepare('UPDATE node_blocks SET hashes = ? WHERE idx = 1').run(block);
    db.close();
    const verify = () => {
      const store = new SqliteLedgerStore(path);
      try {
        return verifyLog(storeVerifyInput(store));
      } finally {
        store.close();
      }
    };
    let report = verify();
    assert.equal(report.ok, false);
    assert.equal(report.firstBadIndex, 84);
    assert.equal(report.problems[0].kind, 'node');
    assert.match(report.problems[0].reason, /stored node block 1 \(entries 64\.\.127\) differs from the tree at node \(level 2, index 21; entries 84\.\.87\)/);
    // A proof served through the tampered block no longer verifies against the root.
    const l2 = openLedger(w);
    const p = l2.proveInclusion(80);
    assert.equal(verifyInclusion(80, 130, p.leafHash, p.path, l2.root()).ok, false);
    l2.close();

    const db2 = new Database(path);
    block[offset + 3] ^= 0x10; // restored
    db2.prepare('UPDATE node_blocks SET hashes = ? WHERE idx = 1').run(block);
    db2.prepare('INSERT INTO node_blocks (idx, hashes) VALUES (7, ?)').run(Buffer.alloc(BLOCK_BYTES));
    db2.close();
    report = verify();
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.problems.map((p) => p.reason),
      ['the store holds 3 node blocks where at most 2 belong to 130 entries'],
    );
    w.cleanup();
  });
});
