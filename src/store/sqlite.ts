// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger store in SQLite (better-sqlite3). WAL journal with synchronous=FULL: each append is one
// transaction whose commit syncs the WAL to disk before append returns, so an acknowledged entry survives a
// crash or a power cut. Writers take the write lock up front (BEGIN IMMEDIATE) and re-check the size inside
// the transaction, so two processes appending to one file cannot interleave.

import Database from 'better-sqlite3';
import {
  type AppendBatch,
  type LedgerStore,
  StoreConflictError,
  type StoredCheckpoint,
  type StoredCosignature,
  type StoredEntry,
} from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS node_blocks (idx INTEGER PRIMARY KEY, hashes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS party_events (idx INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cosignatures (
  size INTEGER NOT NULL, party TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (size, party)
) WITHOUT ROWID;
`;

/** Entries read per query when iterating (the connection cannot run other queries during an iteration). */
const PAGE = 512;

export interface SqliteStoreOptions {
  /** Open an existing file only; fail if it does not exist. */
  mustExist?: boolean;
  readonly?: boolean;
}

type Stmt = Database.Statement<unknown[], unknown>;

const asBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export class SqliteLedgerStore implements LedgerStore {
  readonly location: string;
  private readonly db: Database.Database;
  private readonly stmt: Record<string, Stmt>;
  private readonly readNodes: (ids: readonly number[]) => (Uint8Array | undefined)[];
  private readonly appendTx: (batch: AppendBatch) => void;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.location = path;
    this.db = new Database(path, { fileMustExist: options.mustExist ?? false, readonly: options.readonly ?? false });
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec(SCHEMA);
    }
    this.db.pragma('busy_timeout = 5000');
    // Proofs read nodes at random: map the file and keep a larger page cache to avoid a read() per page.
    this.db.pragma('mmap_size = 1073741824');
    this.db.pragma('cache_size = -32768');
    const p = (sql: string) => this.db.prepare(sql);
    this.stmt = {
      getMeta: p('SELECT value FROM meta WHERE key = ?').pluck(),
      putMeta: p('INSERT INTO meta (key, value) VALUES (?, ?)'),
      countMeta: p('SELECT count(*) FROM meta').pluck(),
      size: p('SELECT coalesce(max(idx) + 1, 0) FROM entries').pluck(),
      insertEntry: p('INSERT INTO entries (idx, data) VALUES (?, ?)'),
      insertNode: p('INSERT INTO nodes (id, hash) VALUES (?, ?)'),
      insertPartyEvent: p('INSERT INTO party_events (idx) VALUES (?)'),
      insertBlock: p('INSERT INTO node_blocks (idx, hashes) VALUES (?, ?)'),
      block: p('SELECT hashes FROM node_blocks WHERE idx = ?').pluck(),
      blockCount: p('SELECT count(*) FROM node_blocks').pluck(),
      entry: p('SELECT data FROM entries WHERE idx = ?').pluck(),
      entryPage: p('SELECT idx, data FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx LIMIT ?').raw(),
      node: p('SELECT hash FROM nodes WHERE id = ?').pluck(),
      nodeCount: p('SELECT count(*) FROM nodes').pluck(),
      nodeRange: p('SELECT id, hash FROM nodes WHERE id >= ? AND id < ? ORDER BY id').raw(),
      partyEvents: p('SELECT idx FROM party_events ORDER BY idx').pluck(),
      putCheckpoint: p('INSERT OR IGNORE INTO checkpoints (size, note) VALUES (?, ?)'),
      checkpoint: p('SELECT size, note FROM checkpoints WHERE size = ?'),
      checkpoints: p('SELECT size, note FROM checkpoints ORDER BY size'),
      putCosignature: p('INSERT OR REPLACE INTO cosignatures (size, party, line) VALUES (?, ?, ?)'),
      cosignaturesAll: p('SELECT size, party, line FROM cosignatures ORDER BY size, party'),
      cosignaturesAt: p('SELECT size, party, line FROM cosignatures WHERE size = ? ORDER BY party'),
    };
    const tx = this.db.transaction((batch: AppendBatch) => {
      const size = this.stmt.size.get() as number;
      if (batch.leaves.length > 0 && batch.leaves[0].index !== size) {
        throw new StoreConflictError(`${path}: the log has ${size} entries, not ${batch.leaves[0].index}; another writer appended`);
      }
      for (const leaf of batch.leaves) {
        this.stmt.insertEntry.run(leaf.index, leaf.data);
        if (leaf.partyEvent) this.stmt.insertPartyEvent.run(leaf.index);
      }
      for (const node of batch.nodes) this.stmt.insertNode.run(node.id, node.hash);
      for (const block of batch.blocks ?? []) this.stmt.insertBlock.run(block.index, block.hashes);
    });
    this.appendTx = (batch) => tx.immediate(batch);
    const read = this.db.transaction((ids: readonly number[]) =>
      ids.map((id) => {
        const h = this.stmt.node.get(id) as Buffer | undefined;
        return h ? asBytes(h) : undefined;
      }),
    );
    this.readNodes = (ids) => (ids.length === 0 ? [] : read.deferred(ids));
  }

  getMeta(key: string): string | undefined {
    return this.stmt.getMeta.get(key) as string | undefined;
  }

  initialize(meta: Readonly<Record<string, string>>): void {
    this.db
      .transaction(() => {
        if ((this.stmt.countMeta.get() as number) > 0) throw new Error(`${this.location}: the store is already initialised`);
        for (const [k, v] of Object.entries(meta)) this.stmt.putMeta.run(k, v);
      })
      .immediate();
  }

  size(): number {
    return this.stmt.size.get() as number;
  }

  append(batch: AppendBatch): void {
    this.appendTx(batch);
  }

  entry(index: number): StoredEntry | undefined {
    const data = this.stmt.entry.get(index) as Buffer | undefined;
    return data ? { index, data: asBytes(data) } : undefined;
  }

  *entries(from: number, to: number): Iterable<StoredEntry> {
    let at = from;
    while (at < to) {
      const rows = this.stmt.entryPage.all(at, to, PAGE) as [number, Buffer][];
      if (rows.length === 0) return;
      for (const [index, data] of rows) yield { index, data: asBytes(data) };
      at = rows[rows.length - 1][0] + 1;
    }
  }

  nodeHashes(ids: readonly number[]): (Uint8Array | undefined)[] {
    // Point reads inside one read transaction: in WAL mode each transaction start costs a wal-index lock,
    // and point reads measured faster than one "id IN (...)" query.
    return this.readNodes(ids);
  }

  nodeCount(): number {
    return this.stmt.nodeCount.get() as number;
  }

  nodeRange(fromId: number, toId: number): { id: number; hash: Uint8Array }[] {
    const rows = this.stmt.nodeRange.all(fromId, Math.min(toId, Number.MAX_SAFE_INTEGER)) as [number, Buffer][];
    return rows.map(([id, hash]) => ({ id, hash: asBytes(hash) }));
  }

  nodeBlock(index: number): Uint8Array | undefined {
    const h = this.stmt.block.get(index) as Buffer | undefined;
    return h ? asBytes(h) : undefined;
  }

  blockCount(): number {
    return this.stmt.blockCount.get() as number;
  }

  partyEventIndexes(): number[] {
    return this.stmt.partyEvents.all() as number[];
  }

  putCheckpoint(cp: StoredCheckpoint): StoredCheckpoint {
    this.stmt.putCheckpoint.run(cp.size, cp.note);
    return this.checkpoint(cp.size)!;
  }

  checkpoint(size: number): StoredCheckpoint | undefined {
    return this.stmt.checkpoint.get(size) as StoredCheckpoint | undefined;
  }

  checkpoints(): StoredCheckpoint[] {
    return this.stmt.checkpoints.all() as StoredCheckpoint[];
  }

  putCosignature(c: StoredCosignature): void {
    this.stmt.putCosignature.run(c.size, c.party, c.line);
  }

  cosignatures(size?: number): StoredCosignature[] {
    return (size === undefined ? this.stmt.cosignaturesAll.all() : this.stmt.cosignaturesAt.all(size)) as StoredCosignature[];
  }

  close(): void {
    this.db.close();
  }
}

/** True if the file starts with the SQLite header (used to tell a database from an exported log). */
export function isSqliteHeader(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 16)).toString('latin1') === 'SQLite format 3\0';
}
