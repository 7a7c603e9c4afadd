// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger: an append-only RFC 9162 Merkle log of signed entries over a LedgerStore, with log-signed and
// party-co-signed checkpoints. It checks every entry before it is stored and refuses, with a reason, what the
// party registry does not allow. It never reads a clock: times come from the entries and the callers.

import type { LedgerStore, StoredCheckpoint } from '../store/store.ts';
import { parseCanonical } from './canonical.ts';
import {
  type Checkpoint,
  checkpointBody,
  cosignCheckpoint,
  openCheckpoint,
  openCosignature,
  parseSignedNote,
  signCheckpoint,
} from './checkpoint.ts';
import { ConfigError, type LedgerConfig, configJson, validateConfig } from './config.ts';
import { type Checked, type SignedEntry, checkEntryShape, entryLeafData, entrySigningMessage } from './entry.ts';
import { bytesEqual, fromBase64, leafHash, nodeHash, toBase64 } from './hash.ts';
import { type KeyPair, type PublicKey, SIGNATURE_SIZE, parsePublicKey } from './keys.ts';
import type { SigItem } from './sigjob.ts';
import { MIN_PARALLEL_BATCH, SignaturePool, defaultVerifyThreads } from './sigpool.ts';
import { BLOCK_BYTES, BLOCK_LEAVES, BLOCK_LEVELS, blockNodeIds, blockOf, blockOffset, hashInBlock, inBlocks } from './blocks.ts';
import {
  Frontier,
  type NodeReader,
  type NodeWrite,
  consistencyProof,
  describeNode,
  inclusionRanges,
  nodeId,
  nodeIndex,
  nodeLeaves,
  nodeLevel,
  rangeHashes,
  rootAt,
} from './tree.ts';
import { PartyRegistry, type PreverifiedSignature, type RefusalCode, isPartyEntry } from './registry.ts';

export const STORE_FORMAT = 'jointsky-ledger/1';

/** An entry the log would not accept, with the reason. */
export class LedgerRefusal extends Error {
  override name = 'LedgerRefusal';
  constructor(
    readonly code: RefusalCode,
    readonly reason: string,
    /** Position in the batch of the refused entry (0 for a single append). */
    readonly position = 0,
  ) {
    super(`entry refused: ${reason}`);
  }
}

export interface AppendResult {
  index: number;
  leafHash: Uint8Array;
}

export interface LogEntry {
  index: number;
  entry: SignedEntry;
  data: Uint8Array;
  leafHash: Uint8Array;
}

export interface InclusionProof {
  index: number;
  size: number;
  leafHash: Uint8Array;
  path: Uint8Array[];
  root: Uint8Array;
}

export interface ConsistencyProof {
  size1: number;
  size2: number;
  root1: Uint8Array;
  root2: Uint8Array;
  path: Uint8Array[];
}

export interface LedgerOptions {
  /**
   * Worker threads that verify signatures of batches of at least MIN_PARALLEL_BATCH entries alongside the
   * main thread; 0 verifies everything on the main thread. Default: one per core beyond the first, at most 7.
   */
  verifyThreads?: number;
}

export interface CheckpointStatus {
  checkpoint: Checkpoint;
  /** The signed note with the log's signature and every valid co-signature. */
  note: string;
  /** Parties whose co-signature verifies, sorted. */
  cosigners: string[];
  /** Active parties that have not co-signed yet, sorted. */
  missing: string[];
  /** Co-signatures needed. */
  needed: number;
  agreed: boolean;
}

/** Co-signatures a checkpoint needs, given the quorum and the parties active at its size. */
export function quorumNeeded(quorum: LedgerConfig['quorum'], active: number): number {
  return quorum === 'all' ? active : Math.min(quorum, active);
}

/**
 * Nodes at this level and above (subtrees of 64 entries or more) are kept in memory, packed 32 bytes each:
 * about n/32 hashes, 10 MB at 10 million entries. The levels below are stored in blocks of 64 entries
 * (blocks.ts), so a proof reads one row from the store.
 */
export const CACHED_LEVEL = BLOCK_LEVELS;

/** Immutable stored nodes of the upper levels, one growable buffer of 32-byte hashes per level. */
class UpperLevels {
  private readonly levels: { buf: Buffer; count: number }[] = [];

  set(id: number, hash: Uint8Array): void {
    const level = nodeLevel(id) - CACHED_LEVEL;
    const index = nodeIndex(id);
    while (this.levels.length <= level) this.levels.push({ buf: Buffer.alloc(32 * 64), count: 0 });
    const l = this.levels[level];
    if (index !== l.count) return; // nodes arrive in order; anything else is left to the store
    if ((index + 1) * 32 > l.buf.length) {
      const bigger = Buffer.alloc(l.buf.length * 2);
      l.buf.copy(bigger);
      l.buf = bigger;
    }
    l.buf.set(hash, index * 32);
    l.count++;
  }

  get(id: number): Uint8Array | undefined {
    const level = nodeLevel(id) - CACHED_LEVEL;
    if (level < 0) return undefined;
    const l = this.levels[level];
    const index = nodeIndex(id);
    if (!l || index >= l.count) return undefined;
    return new Uint8Array(l.buf.buffer, l.buf.byteOffset + index * 32, 32);
  }
}

export class Ledger {
  private frontier: Frontier;
  private registry: PartyRegistry;
  private readonly logKey: PublicKey;
  /** Stored nodes are immutable, so a cache of them never goes stale. */
  private readonly upper = new UpperLevels();
  private frontierNodes: Map<number, Uint8Array> | undefined;
  /** MTH(D[start:size]) for each frontier node's start: the right-hand ranges of every proof to the full tree. */
  private suffixRoots: Map<number, Uint8Array> | undefined;
  /** Node reads for proofs: the frontier and the upper levels from memory, the rest from the store. */
  private readonly reader: NodeReader = {
    nodeHashes: (ids) => {
      const edge = this.edgeNodes();
      const size = this.frontier.size;
      const complete = Math.floor(size / BLOCK_LEAVES);
      let block: { index: number; hashes: Uint8Array | undefined } | undefined;
      const out: (Uint8Array | undefined)[] = new Array(ids.length);
      const missing: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        let h = edge.get(id) ?? this.upper.get(id);
        if (!h && inBlocks(id)) {
          const b = blockOf(id);
          if (b < complete) {
            // One stored row holds every low node of the block (a proof's low siblings share the leaf's block).
            if (block?.index !== b) block = { index: b, hashes: this.store.nodeBlock(b) };
            if (block.hashes) h = hashInBlock(block.hashes, id);
          } else if (b === complete && nodeLeaves(id).end <= size) {
            h = hashInBlock(this.openBlock, id);
          }
        }
        out[i] = h;
        if (!h) missing.push(id);
      }
      if (missing.length) {
        const fetched = this.store.nodeHashes(missing);
        let k = 0;
        for (let i = 0; i < out.length; i++) if (!out[i]) out[i] = fetched[k++];
      }
      return out;
    },
    rangeHash: (start, end) => {
      if (end !== this.frontier.size) return undefined;
      if (!this.suffixRoots) {
        const ids = Frontier.ids(this.frontier.size);
        const edge = this.edgeNodes();
        this.suffixRoots = new Map();
        let root: Uint8Array | undefined;
        for (let j = ids.length - 1; j >= 0; j--) {
          const h = edge.get(ids[j])!;
          root = root ? nodeHash(h, root) : h;
          this.suffixRoots.set(nodeLeaves(ids[j]).start, root);
        }
      }
      return this.suffixRoots.get(start);
    },
  };

  /** Hashes of the low nodes of the block being filled (entries from 64 * floor(size / 64) on). */
  private openBlock: Uint8Array;
  /** Worker threads that verify the signatures of large batches (created on first use, closed by close()). */
  private pool: SignaturePool | undefined;
  private readonly verifyThreads: number;

  private constructor(
    readonly store: LedgerStore,
    readonly config: LedgerConfig,
    options: LedgerOptions = {},
  ) {
    this.verifyThreads = options.verifyThreads ?? defaultVerifyThreads();
    this.logKey = parsePublicKey(config.logPublicKey)!;
    const size = store.size();
    this.frontier = Frontier.load(store, size);
    this.registry = this.registryAt(size);
    this.openBlock = new Uint8Array(BLOCK_BYTES);
    const open = blockNodeIds(Math.floor(size / BLOCK_LEAVES)).filter((id) => nodeLeaves(id).end <= size);
    store.nodeHashes(open).forEach((h, i) => {
      if (!h) throw new Error(`tree node ${describeNode(open[i])} is missing from the store`);
      this.openBlock.set(h, blockOffset(open[i]));
    });
    for (const n of store.nodeRange(nodeId(CACHED_LEVEL, 0), Number.MAX_SAFE_INTEGER)) this.upper.set(n.id, n.hash);
  }

  private edgeNodes(): Map<number, Uint8Array> {
    if (!this.frontierNodes) this.frontierNodes = this.frontier.nodes();
    return this.frontierNodes;
  }

  /** Starts a new log in an empty store with a founding configuration. */
  static create(store: LedgerStore, config: LedgerConfig, options?: LedgerOptions): Ledger {
    const checked = validateConfig(config, store.location);
    store.initialize({ format: STORE_FORMAT, origin: checked.origin, config: configJson(checked) });
    return new Ledger(store, checked, options);
  }

  /**
   * Opens an existing log. With `expected`, the log's founding configuration must equal it (a party checks
   * that the copy it holds is the log it agreed to).
   */
  static open(store: LedgerStore, expected?: LedgerConfig, options?: LedgerOptions): Ledger {
    const format = store.getMeta('format');
    if (format === undefined) throw new ConfigError(`${store.location}: not a jointsky ledger (no metadata); create it first`);
    if (format !== STORE_FORMAT) throw new ConfigError(`${store.location}: ledger format "${format}" is not ${STORE_FORMAT}`);
    const config = validateConfig(JSON.parse(store.getMeta('config') ?? 'null'), `${store.location} (stored configuration)`);
    if (expected && configJson(expected) !== configJson(config)) {
      throw new ConfigError(`${store.location}: the log was created with a different configuration than the one given`);
    }
    return new Ledger(store, config, options);
  }

  /** Opens the log if the store has one, else creates it with `config`. */
  static openOrCreate(store: LedgerStore, config: LedgerConfig, options?: LedgerOptions): Ledger {
    return store.getMeta('format') === undefined ? Ledger.create(store, config, options) : Ledger.open(store, config, options);
  }

  get origin(): string {
    return this.config.origin;
  }

  get size(): number {
    return this.frontier.size;
  }

  /** The root hash of the whole tree. */
  root(): Uint8Array {
    return this.reader.rangeHash?.(0, this.size) ?? this.frontier.root();
  }

  rootAt(size: number): Uint8Array {
    this.checkSize(size);
    return size === this.size ? this.root() : rootAt(this.reader, size);
  }

  /** The party registry as of now (after every entry). */
  parties(): PartyRegistry {
    return this.registry.clone();
  }

  /** The party registry as it stood before entry `size` (after entries 0..size-1). */
  registryAt(size: number): PartyRegistry {
    const registry = PartyRegistry.fromConfig(this.config);
    for (const index of this.store.partyEventIndexes()) {
      if (index >= size) break;
      const e = this.entry(index);
      registry.apply(e.entry, index, e.leafHash);
    }
    return registry;
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) {
      throw new RangeError(`tree size ${size} is not between 0 and the log's size ${this.size}`);
    }
  }

  /** Why the log would refuse `value` as its next entry, or undefined if it would accept it. */
  check(value: unknown): LedgerRefusal | undefined {
    const shape = checkEntryShape(value, true);
    if (!shape.ok) return new LedgerRefusal('invalid-entry', shape.reason);
    const refusal = this.registry.check(shape.value);
    return refusal ? new LedgerRefusal(refusal.code, refusal.reason) : undefined;
  }

  /** Appends one signed entry; it is durable when this returns. Throws LedgerRefusal with the reason. */
  append(value: unknown): AppendResult {
    return this.appendBatch([value])[0];
  }

  /**
   * Appends signed entries in order, all or none, in one durable transaction (group commit). Entries may
   * depend on earlier ones in the batch (a rotation, then an entry signed with the new key).
   */
  appendBatch(values: readonly unknown[]): AppendResult[] {
    const frontier = this.frontier.clone();
    const changesParties = values.some((v) => isPartyEntry((v as { kind?: unknown } | null)?.kind as string));
    const registry = changesParties ? this.registry.clone() : this.registry;
    const shapes = values.map((v) => checkEntryShape(v, true));
    // Large batches: signatures are verified in parallel (worker threads and this thread), against each
    // party's key as the batch starts. The pass below still decides every entry in order; a verdict only
    // saves it a verification when the registry would check the same key, so refusals are unchanged.
    const pending = this.preverify(shapes);
    const data = shapes.map((s) => (s.ok ? entryLeafData(s.value) : undefined));
    const hashes = data.map((d) => (d ? leafHash(d) : undefined));
    const verdicts = pending?.finish();
    const leaves: { index: number; data: Uint8Array; partyEvent: boolean }[] = [];
    const nodes: NodeWrite[] = [];
    const results: AppendResult[] = [];
    const block = new Uint8Array(this.openBlock);
    const blocks: { index: number; hashes: Uint8Array }[] = [];
    shapes.forEach((shape, position) => {
      if (!shape.ok) throw new LedgerRefusal('invalid-entry', shape.reason, position);
      const entry = shape.value;
      const refusal = registry.check(entry, verdicts?.[position]);
      if (refusal) throw new LedgerRefusal(refusal.code, refusal.reason, position);
      const index = frontier.size;
      const hash = hashes[position]!;
      for (const n of frontier.append(hash)) {
        nodes.push(n);
        if (inBlocks(n.id)) block.set(n.hash, blockOffset(n.id));
      }
      if (frontier.size % BLOCK_LEAVES === 0) {
        blocks.push({ index: frontier.size / BLOCK_LEAVES - 1, hashes: block.slice() });
        block.fill(0);
      }
      const partyEvent = isPartyEntry(entry.kind);
      if (partyEvent) registry.apply(entry, index, hash);
      leaves.push({ index, data: data[position]!, partyEvent });
      results.push({ index, leafHash: hash });
    });
    if (leaves.length === 0) return [];
    this.store.append({ leaves, nodes, blocks });
    this.frontier = frontier;
    this.openBlock = block;
    this.frontierNodes = undefined;
    this.suffixRoots = undefined;
    this.registry = registry;
    const firstCached = nodeId(CACHED_LEVEL, 0);
    for (const n of nodes) if (n.id >= firstCached) this.upper.set(n.id, n.hash);
    return results;
  }

  /**
   * Starts verifying, on the signature pool, the signature of every well-formed entry whose party has an
   * active key now. Returns undefined for batches too small to pay for it.
   */
  private preverify(shapes: readonly Checked<SignedEntry>[]): { finish(): (PreverifiedSignature | undefined)[] } | undefined {
    if (this.verifyThreads === 0 || shapes.length < MIN_PARALLEL_BATCH) return undefined;
    if (!this.pool) this.pool = new SignaturePool(this.verifyThreads);
    const keys: PublicKey[] = [];
    const keyIndex = new Map<string, number>();
    const items: SigItem[] = [];
    const itemOf: number[] = new Array(shapes.length).fill(-1);
    shapes.forEach((shape, position) => {
      if (!shape.ok) return;
      const key = this.registry.activeKey(shape.value.party);
      const signature = fromBase64(shape.value.sig);
      if (!key || signature?.length !== SIGNATURE_SIZE) return;
      let k = keyIndex.get(key.base64);
      if (k === undefined) {
        k = keys.length;
        keys.push(key);
        keyIndex.set(key.base64, k);
      }
      itemOf[position] = items.length;
      items.push({ key: k, message: entrySigningMessage(this.origin, shape.value), signature });
    });
    if (items.length < MIN_PARALLEL_BATCH) return undefined;
    const started = this.pool.start(keys, items);
    return {
      finish: () => {
        const valid = started.finish();
        return itemOf.map((i) => (i < 0 ? undefined : { key: keys[items[i].key].base64, valid: valid[i] }));
      },
    };
  }

  /** Entry `index`, parsed. Throws if it is missing or no longer parses (use verify to diagnose). */
  entry(index: number): LogEntry {
    const stored = this.store.entry(index);
    if (!stored) throw new RangeError(`entry ${index} does not exist (the log has ${this.store.size()} entries)`);
    return this.parseStored(index, stored.data);
  }

  private parseStored(index: number, data: Uint8Array): LogEntry {
    const parsed = parseCanonical(data);
    if (!parsed.ok) throw new Error(`entry ${index} is damaged: ${parsed.reason} (run ledger verify)`);
    const shape = checkEntryShape(parsed.value, true);
    if (!shape.ok) throw new Error(`entry ${index} is damaged: ${shape.reason} (run ledger verify)`);
    return { index, entry: shape.value, data, leafHash: leafHash(data) };
  }

  /** Entries with from <= index < to. */
  *entries(from = 0, to = this.size): Iterable<LogEntry> {
    for (const e of this.store.entries(from, Math.min(to, this.size))) yield this.parseStored(e.index, e.data);
  }

  /** RFC 9162 §2.1.3.1: the inclusion proof of entry `index` in the tree of `size` entries (default: now). */
  proveInclusion(index: number, size = this.size): InclusionProof {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`entry ${index} is not in a tree of ${size} entries`);
    }
    if (size === this.size) return this.proveInclusionNow(index);
    // One batch of stored reads for the whole path and the leaf itself (the last range).
    const path = rangeHashes(this.reader, [...inclusionRanges(index, size), { start: index, end: index + 1 }]);
    const leaf = path.pop()!;
    return { index, size, leafHash: leaf, path, root: this.rootAt(size) };
  }

  /**
   * The inclusion proof of entry m in the whole tree, walking up from the leaf: at each level the sibling of
   * the node that holds m is either beyond the end (the node is carried up unchanged, no proof element), a
   * stored perfect subtree, or the part of a subtree up to the end, MTH(D[start:n]), which the log keeps for
   * its right edge. This gives PATH(m, D[n]) of §2.1.3.1, sibling nearest the leaf first, without building
   * the ranges, and all stored reads (the leaf's block) in one batch.
   */
  private proveInclusionNow(m: number): InclusionProof {
    const n = this.frontier.size;
    const ids: number[] = [nodeId(0, m)];
    const slots: (number | Uint8Array)[] = [];
    for (let level = 0, width = 1; width < n; level++, width *= 2) {
      const i = Math.floor(m / width);
      const sibling = i % 2 === 0 ? i + 1 : i - 1;
      const start = sibling * width;
      if (start >= n) continue;
      if (start + width <= n) {
        slots.push(ids.length);
        ids.push(nodeId(level, sibling));
      } else {
        slots.push(this.reader.rangeHash!(start, n)!);
      }
    }
    const hashes = this.reader.nodeHashes(ids);
    hashes.forEach((h, i) => {
      if (!h) throw new Error(`tree node ${describeNode(ids[i])} is missing from the store`);
    });
    const path = slots.map((x) => (typeof x === 'number' ? hashes[x]! : x));
    return { index: m, size: n, leafHash: hashes[0]!, path, root: this.root() };
  }

  /** RFC 9162 §2.1.4.1: the consistency proof from tree size `size1` to `size2` (default: now). */
  proveConsistency(size1: number, size2 = this.size): ConsistencyProof {
    this.checkSize(size2);
    if (!Number.isSafeInteger(size1) || size1 < 1 || size1 > size2) {
      throw new RangeError(`no consistency proof from size ${size1} to size ${size2} (needs 0 < first <= second)`);
    }
    return {
      size1,
      size2,
      root1: this.rootAt(size1),
      root2: this.rootAt(size2),
      path: consistencyProof(this.reader, size1, size2),
    };
  }

  /**
   * The log signs a checkpoint of the current tree and stores it. If a checkpoint at this size is already
   * stored, that one is returned. `logKey` must be the key the configuration names.
   */
  createCheckpoint(logKey: KeyPair): StoredCheckpoint {
    if (logKey.publicKey.base64 !== this.config.logPublicKey) {
      throw new Error("the key given is not the log's key named in the configuration (logPublicKey)");
    }
    const existing = this.store.checkpoint(this.size);
    if (existing) return existing;
    const note = signCheckpoint({ origin: this.origin, size: this.size, rootHash: this.root() }, logKey);
    return this.store.putCheckpoint({ size: this.size, note });
  }

  /** Checks a stored or foreign checkpoint note: the log's signature and that it agrees with this tree. */
  checkCheckpoint(note: string): { ok: true; checkpoint: Checkpoint } | { ok: false; fork: boolean; reason: string } {
    const opened = openCheckpoint(note, this.origin, this.logKey);
    if (!opened.ok) return { ok: false, fork: false, reason: opened.reason };
    const cp = opened.value;
    if (cp.size > this.size) {
      return { ok: false, fork: false, reason: `checkpoint at size ${cp.size} is ahead of this copy of the log (${this.size} entries)` };
    }
    const root = this.rootAt(cp.size);
    if (!bytesEqual(root, cp.rootHash)) {
      return {
        ok: false,
        fork: true,
        reason: `fork: the log signed root ${toBase64(cp.rootHash)} at size ${cp.size}, but this copy has ${toBase64(root)}`,
      };
    }
    return { ok: true, checkpoint: cp };
  }

  /** The latest stored checkpoint, if any. */
  latestCheckpoint(): StoredCheckpoint | undefined {
    const all = this.store.checkpoints();
    return all[all.length - 1];
  }

  /**
   * A party co-signs the checkpoint at `size` (default: the latest): it checks the log's signature and that
   * the checkpoint's root is the root of its own copy of the tree at that size, then signs (cosignature/v1)
   * with the time it is given, and stores the line. Returns the line.
   */
  cosign(party: string, key: KeyPair, timeSec: number, size?: number): string {
    const stored = size === undefined ? this.latestCheckpoint() : this.store.checkpoint(size);
    if (!stored) throw new Error(size === undefined ? 'the log has no checkpoint to co-sign' : `no checkpoint at size ${size}`);
    const registry = this.registryAt(stored.size);
    const active = registry.activeKey(party);
    if (!active) throw new Error(`party "${party}" is not an active party at size ${stored.size}`);
    if (active.base64 !== key.publicKey.base64) throw new Error(`the key given is not the registered key of party "${party}"`);
    const checked = this.checkCheckpoint(stored.note);
    if (!checked.ok) throw new Error(`refusing to co-sign the checkpoint at size ${stored.size}: ${checked.reason}`);
    const line = cosignCheckpoint(checkpointBody(checked.checkpoint), party, key, timeSec);
    this.store.putCosignature({ size: stored.size, party, line });
    return line;
  }

  /** Adds a co-signature line received from a party after checking it; throws with the reason otherwise. */
  addCosignature(size: number, party: string, line: string): void {
    const stored = this.store.checkpoint(size);
    if (!stored) throw new Error(`no checkpoint at size ${size} for the co-signature of party "${party}"`);
    const key = this.registryAt(size).activeKey(party);
    if (!key) throw new Error(`party "${party}" is not an active party at size ${size}`);
    const body = parseSignedNote(stored.note);
    if (!body.ok) throw new Error(`stored checkpoint at size ${size} is damaged: ${body.reason}`);
    const opened = openCosignature(body.value.body, line, party, key);
    if (!opened.ok) throw new Error(opened.reason);
    this.store.putCosignature({ size, party, line });
  }

  /** The co-signing state of the checkpoint at `size`. */
  checkpointStatus(size: number): CheckpointStatus {
    const stored = this.store.checkpoint(size);
    if (!stored) throw new Error(`no checkpoint at size ${size}`);
    const opened = openCheckpoint(stored.note, this.origin, this.logKey);
    if (!opened.ok) throw new Error(`stored checkpoint at size ${size} is damaged: ${opened.reason}`);
    const registry = this.registryAt(size);
    const body = checkpointBody(opened.value);
    const lines: string[] = [];
    const cosigners: string[] = [];
    for (const c of this.store.cosignatures(size)) {
      const key = registry.activeKey(c.party);
      if (key && openCosignature(body, c.line, c.party, key).ok) {
        cosigners.push(c.party);
        lines.push(c.line);
      }
    }
    const active = registry.activeIds();
    const needed = quorumNeeded(this.config.quorum, active.length);
    const note = `${stored.note}${lines.map((l) => `${l}\n`).join('')}`;
    const missing = active.filter((p) => !cosigners.includes(p));
    return { checkpoint: opened.value, note, cosigners, missing, needed, agreed: cosigners.length >= needed };
  }

  close(): void {
    this.pool?.close();
    this.pool = undefined;
    this.store.close();
  }
}
