// SPDX-License-Identifier: GPL-3.0-or-later
// The shape of an RFC 9162 Merkle tree, kept apart from storage:
//   §2.1.1   MTH: a tree of n > 1 leaves splits at k, the largest power of two smaller than n.
//   §2.1.3.1 PATH(m, D[n]): the inclusion proof of leaf m, as the list of subtree ranges whose hashes it holds.
//   §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true): the consistency proof, likewise.
// Every range a proof needs is a run of perfect subtrees (2^level leaves, aligned), which the log stores once
// when the last leaf of the subtree is appended. A proof therefore costs O(log n) stored hashes.

import { EMPTY_ROOT, nodeHash } from './hash.ts';

/** Leaves per level-index stride in a node id; limits a log to 2^40 (about 10^12) entries. */
const INDEX_SPAN = 2 ** 40;

/** The id of the perfect subtree of 2^level leaves whose first leaf is index * 2^level. */
export function nodeId(level: number, index: number): number {
  return level * INDEX_SPAN + index;
}

export function nodeLevel(id: number): number {
  return Math.floor(id / INDEX_SPAN);
}

export function nodeIndex(id: number): number {
  return id % INDEX_SPAN;
}

/** The leaves [start, end) that a node covers. */
export function nodeLeaves(id: number): { start: number; end: number } {
  const width = 2 ** nodeLevel(id);
  const start = nodeIndex(id) * width;
  return { start, end: start + width };
}

/** A half-open range of leaf indexes [start, end). */
export interface LeafRange {
  start: number;
  end: number;
}

/** §2.1.1: k, the largest power of two strictly smaller than n (n > 1). */
export function splitPoint(n: number): number {
  if (!(n > 1)) throw new RangeError(`splitPoint needs n > 1, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that make up the range [start, end), left to right (largest first). MTH(D[start:end])
 * is their hashes folded from the right, provided start is a multiple of a power of two at least as large as
 * the range, which holds for every range of a tree and of its proofs.
 */
export function perfectSubtrees(start: number, end: number): number[] {
  const ids: number[] = [];
  while (start < end) {
    // The widest aligned subtree at start: limited by start's lowest set bit and by the room left.
    let level = 0;
    let width = 1;
    const room = end - start;
    while (width * 2 <= room && start % (width * 2) === 0) {
      width *= 2;
      level++;
    }
    ids.push(level * INDEX_SPAN + start / width);
    start += width;
  }
  return ids;
}

/** MTH of a range from the hashes of its perfect subtrees, left to right. */
export function foldRight(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) return EMPTY_ROOT;
  let root = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i], root);
  return root;
}

/** §2.1.3.1 PATH(m, D[n]) as ranges, in proof order (the sibling nearest the leaf first). Needs 0 <= m < n. */
export function inclusionRanges(m: number, n: number): LeafRange[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m >= 0 && m < n)) {
    throw new RangeError(`no inclusion proof for leaf ${m} in a tree of ${n}`);
  }
  // Walk down from the root; each step records the sibling subtree, so the list is reversed at the end.
  const topDown: LeafRange[] = [];
  let lo = 0;
  let size = n;
  let leaf = m;
  while (size > 1) {
    const k = splitPoint(size);
    if (leaf < k) {
      // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])
      topDown.push({ start: lo + k, end: lo + size });
      size = k;
    } else {
      // PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])
      topDown.push({ start: lo, end: lo + k });
      lo += k;
      leaf -= k;
      size -= k;
    }
  }
  return topDown.reverse();
}

/** §2.1.4.1 PROOF(m, D[n]) as ranges, in proof order. Needs 0 < m < n (equal sizes need the empty proof). */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m > 0 && m <= n)) {
    throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  }
  const topDown: LeafRange[] = [];
  let lo = 0;
  let size = n;
  let first = m;
  let complete = true; // SUBPROOF's flag b: true while the old tree is still a left-edge subtree of the new one
  while (first !== size) {
    const k = splitPoint(size);
    if (first <= k) {
      // SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
      topDown.push({ start: lo + k, end: lo + size });
      size = k;
    } else {
      // SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
      topDown.push({ start: lo, end: lo + k });
      lo += k;
      first -= k;
      size -= k;
      complete = false;
    }
  }
  // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}
  if (!complete) topDown.push({ start: lo, end: lo + size });
  return topDown.reverse();
}

/** Reads stored perfect-subtree hashes by node id; undefined for a node that is not stored. */
export interface NodeReader {
  nodeHashes(ids: readonly number[]): (Uint8Array | undefined)[];
  /** Optionally, MTH(D[start:end]) when the reader already knows it (a log caches its right edge). */
  rangeHash?(start: number, end: number): Uint8Array | undefined;
}

/** The hashes MTH(D[start:end]) of several ranges, fetching every stored node they need in one batch. */
export function rangeHashes(reader: NodeReader, ranges: readonly LeafRange[]): Uint8Array[] {
  const known = ranges.map((r) => reader.rangeHash?.(r.start, r.end));
  const parts = ranges.map((r, i) => (known[i] ? [] : perfectSubtrees(r.start, r.end)));
  const hashes = reader.nodeHashes(parts.flat());
  let at = 0;
  return parts.map((ids, i) => {
    const k = known[i];
    if (k) return k;
    const hs = hashes.slice(at, at + ids.length);
    at += ids.length;
    hs.forEach((h, i) => {
      if (!h) throw new Error(`tree node ${describeNode(ids[i])} is missing from the store`);
    });
    return foldRight(hs as Uint8Array[]);
  });
}

export function describeNode(id: number): string {
  const { start, end } = nodeLeaves(id);
  return `(level ${nodeLevel(id)}, index ${nodeIndex(id)}; entries ${start}..${end - 1})`;
}

/** MTH(D[0:size]) from stored nodes. */
export function rootAt(reader: NodeReader, size: number): Uint8Array {
  if (size === 0) return EMPTY_ROOT;
  return rangeHashes(reader, [{ start: 0, end: size }])[0];
}

/** The inclusion proof of leaf m in the tree of size n, from stored nodes. */
export function inclusionProof(reader: NodeReader, m: number, n: number): Uint8Array[] {
  return rangeHashes(reader, inclusionRanges(m, n));
}

/** The consistency proof from size m to size n, from stored nodes (empty when m = n). */
export function consistencyProof(reader: NodeReader, m: number, n: number): Uint8Array[] {
  if (m === n) return [];
  return rangeHashes(reader, consistencyRanges(m, n));
}

/** A node that an append completes: stored so that later proofs need not rehash the leaves below it. */
export interface NodeWrite {
  id: number;
  hash: Uint8Array;
}

/**
 * The right edge of a tree of `size` leaves: the perfect subtrees for the set bits of size, largest first.
 * Appending a leaf merges equal-sized subtrees (a binary counter); the root folds them from the right.
 */
export class Frontier {
  private readonly hashes: Uint8Array[];
  private count: number;

  private constructor(size: number, hashes: Uint8Array[]) {
    this.count = size;
    this.hashes = hashes;
  }

  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /** The node ids that form the frontier of a tree of `size` leaves, largest first. */
  static ids(size: number): number[] {
    const ids: number[] = [];
    for (let level = Math.floor(Math.log2(Math.max(size, 1))) + 1; level >= 0; level--) {
      const count = Math.floor(size / 2 ** level);
      if (count % 2 === 1) ids.push(nodeId(level, count - 1));
    }
    return ids;
  }

  static load(reader: NodeReader, size: number): Frontier {
    const ids = Frontier.ids(size);
    const hashes = reader.nodeHashes(ids);
    hashes.forEach((h, i) => {
      if (!h) throw new Error(`tree node ${describeNode(ids[i])} is missing from the store`);
    });
    return new Frontier(size, hashes as Uint8Array[]);
  }

  get size(): number {
    return this.count;
  }

  clone(): Frontier {
    return new Frontier(this.count, [...this.hashes]);
  }

  /** Adds a leaf; returns the nodes it completes, the leaf itself (level 0) first. */
  append(leaf: Uint8Array): NodeWrite[] {
    let index = this.count;
    let level = 0;
    let hash = leaf;
    const out: NodeWrite[] = [{ id: nodeId(0, index), hash }];
    while (index % 2 === 1) {
      hash = nodeHash(this.hashes.pop()!, hash);
      level++;
      index = (index - 1) / 2;
      out.push({ id: nodeId(level, index), hash });
    }
    this.hashes.push(hash);
    this.count++;
    return out;
  }

  root(): Uint8Array {
    return foldRight(this.hashes);
  }

  /** The frontier's nodes by id (largest first). */
  nodes(): Map<number, Uint8Array> {
    const ids = Frontier.ids(this.count);
    return new Map(ids.map((id, i) => [id, this.hashes[i]]));
  }
}
