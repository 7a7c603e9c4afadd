// SPDX-License-Identifier: GPL-3.0-or-later
// The storage interface of the ledger. A store keeps bytes and hashes; it knows nothing of signatures or
// parties. SQLite (sqlite.ts) is the embedded default; other backends can implement the same interface.
//
// What a store holds:
//   meta          a few named strings (format, origin, the founding configuration)
//   entries       the leaf data of entry i at index i, contiguous from 0
//   nodes         hashes of perfect subtrees by node id (level and index, see ledger/tree.ts), level 0 included
//   node blocks   the same hashes of levels 0..5 again, one row per complete 64-entry block (ledger/blocks.ts),
//                 so that an inclusion proof reads one row instead of seven; an index, checked by verify
//   checkpoints   log-signed checkpoint notes, at most one per tree size
//   cosignatures  co-signature lines, at most one per (size, party)

/** One new entry of an append. */
export interface LeafWrite {
  index: number;
  data: Uint8Array;
  /** True for entries that change the party registry, so the registry can be rebuilt without a full scan. */
  partyEvent: boolean;
}

/** Everything one append writes, in one transaction. */
export interface AppendBatch {
  leaves: LeafWrite[];
  nodes: { id: number; hash: Uint8Array }[];
  /** Blocks of node hashes completed by this batch: block index and its packed hashes. */
  blocks?: { index: number; hashes: Uint8Array }[];
}

export interface StoredEntry {
  index: number;
  data: Uint8Array;
}

export interface StoredCheckpoint {
  size: number;
  /** The checkpoint as a signed note with the log's signature. */
  note: string;
}

export interface StoredCosignature {
  size: number;
  party: string;
  /** The signature line, without its newline. */
  line: string;
}

/** Thrown when the store is not at the size the writer expected (another writer appended meanwhile). */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
}

export interface LedgerStore {
  /** Where the store lives, for messages (a file path). */
  readonly location: string;
  getMeta(key: string): string | undefined;
  /** Writes the metadata of a new, empty store. Throws if the store already has metadata. */
  initialize(meta: Readonly<Record<string, string>>): void;
  /** Number of entries. */
  size(): number;
  /**
   * Appends entries and their nodes atomically. The first leaf's index must equal size(), else
   * StoreConflictError. When append returns, the entries are durable (they survive a crash or power loss).
   */
  append(batch: AppendBatch): void;
  entry(index: number): StoredEntry | undefined;
  /** Entries with from <= index < to, in order. */
  entries(from: number, to: number): Iterable<StoredEntry>;
  /** Stored node hashes for the ids, in the same order; undefined where a node is not stored. */
  nodeHashes(ids: readonly number[]): (Uint8Array | undefined)[];
  nodeCount(): number;
  /** Stored nodes with fromId <= id < toId, by ascending id. */
  nodeRange(fromId: number, toId: number): { id: number; hash: Uint8Array }[];
  /** The packed node hashes of block `index`, if stored. */
  nodeBlock(index: number): Uint8Array | undefined;
  /** Number of stored node blocks. */
  blockCount(): number;
  /** Indexes of the entries written with partyEvent, ascending. */
  partyEventIndexes(): number[];
  /** Stores a checkpoint; a checkpoint already stored at that size is kept and returned instead. */
  putCheckpoint(cp: StoredCheckpoint): StoredCheckpoint;
  checkpoint(size: number): StoredCheckpoint | undefined;
  /** All checkpoints by ascending size. */
  checkpoints(): StoredCheckpoint[];
  /** Stores a co-signature, replacing one by the same party at the same size. */
  putCosignature(c: StoredCosignature): void;
  /** Co-signatures, of one size or all, by size then party. */
  cosignatures(size?: number): StoredCosignature[];
  close(): void;
}
