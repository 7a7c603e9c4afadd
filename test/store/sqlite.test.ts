// SPDX-License-Identifier: GPL-3.0-or-later
// The SQLite ledger store on real files: durability settings, atomic appends, conflicts between writers,
// paging, batched node reads, checkpoints and co-signatures.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { StoreConflictError } from '../../src/store/store.ts';
import { SqliteLedgerStore, isSqliteHeader } from '../../src/store/sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'jointsky-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (...v: number[]) => new Uint8Array(v);
const leaf = (index: number) => ({ index, data: bytes(index & 255, 1, 2), partyEvent: index % 7 === 0 });

describe('SqliteLedgerStore', () => {
  const path = join(dir, 'a.db');

  it('runs in WAL mode with synchronous=FULL', () => {
    const store = new SqliteLedgerStore(path);
    store.close();
    const db = new Database(path);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
    // synchronous is per connection: check the store's own setting through a second store's pragma path.
    const s2 = new SqliteLedgerStore(path);
    const raw = (s2 as unknown as { db: Database.Database }).db;
    assert.equal(raw.pragma('synchronous', { simple: true }), 2); // 2 = FULL
    s2.close();
  });

  it('stores metadata once', () => {
    const store = new SqliteLedgerStore(path);
    store.initialize({ format: 'x', origin: 'o' });
    assert.equal(store.getMeta('origin'), 'o');
    assert.throws(() => store.initialize({ format: 'y' }), /already initialised/);
    store.close();
  });

  it('appends contiguously and refuses a stale writer', () => {
    const a = new SqliteLedgerStore(path);
    const b = new SqliteLedgerStore(path);
    a.append({ leaves: [leaf(0), leaf(1)], nodes: [{ id: 0, hash: bytes(9) }] });
    assert.equal(b.size(), 2);
    assert.throws(() => b.append({ leaves: [leaf(1)], nodes: [] }), StoreConflictError);
    // A failing batch leaves nothing behind (the node id 5 insert comes before the duplicate id 0).
    assert.throws(() => a.append({ leaves: [leaf(2)], nodes: [{ id: 5, hash: bytes(1) }, { id: 0, hash: bytes(1) }] }));
    assert.equal(a.size(), 2);
    assert.deepEqual(a.nodeHashes([5]), [undefined]);
    a.close();
    b.close();
  });

  it('pages through entries, reads nodes in batches larger than one query, keeps party events', () => {
    const store = new SqliteLedgerStore(path);
    const leaves = [];
    const nodes = [];
    for (let i = 2; i < 1500; i++) {
      leaves.push(leaf(i));
      nodes.push({ id: 1000 + i, hash: bytes(i & 255, i >> 8) });
    }
    store.append({ leaves, nodes });
    assert.equal(store.size(), 1500);
    const got = [...store.entries(100, 1400)];
    assert.equal(got.length, 1300);
    assert.equal(got[0].index, 100);
    assert.deepEqual(got[1299].data, leaf(1399).data);
    const ids = [1002, 42, ...Array.from({ length: 700 }, (_, k) => 1500 + k)];
    const hashes = store.nodeHashes(ids);
    assert.deepEqual(hashes[0], bytes(2, 0));
    assert.equal(hashes[1], undefined);
    assert.deepEqual(hashes[700], bytes(1198 & 255, 1198 >> 8)); // ids[700] = 2198 = 1000 + 1198
    assert.deepEqual(store.partyEventIndexes().slice(0, 3), [0, 7, 14]);
    store.close();
  });

  it('keeps the first checkpoint at a size and replaces a party co-signature', () => {
    const store = new SqliteLedgerStore(path);
    assert.equal(store.putCheckpoint({ size: 3, note: 'first' }).note, 'first');
    assert.equal(store.putCheckpoint({ size: 3, note: 'second' }).note, 'first');
    store.putCheckpoint({ size: 1, note: 'one' });
    assert.deepEqual(
      store.checkpoints().map((c) => c.size),
      [1, 3],
    );
    store.putCosignature({ size: 3, party: 'se', line: 'a' });
    store.putCosignature({ size: 3, party: 'se', line: 'b' });
    store.putCosignature({ size: 1, party: 'dk', line: 'c' });
    assert.deepEqual(store.cosignatures(3), [{ size: 3, party: 'se', line: 'b' }]);
    assert.equal(store.cosignatures().length, 2);
    store.close();
  });

  it('recognises its file header', () => {
    assert.ok(isSqliteHeader(new TextEncoder().encode('SQLite format 3\0....')));
    assert.ok(!isSqliteHeader(new TextEncoder().encode('{"config":')));
  });
});
