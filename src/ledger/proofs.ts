// SPDX-License-Identifier: GPL-3.0-or-later
// Proof verification, step by step as RFC 9162 writes it:
//   §2.1.3.2 verifying an inclusion proof,
//   §2.1.4.2 verifying a consistency proof.
// Both return a result with a reason instead of throwing: a bad proof is an expected outcome, not a fault.

import { EMPTY_ROOT, HASH_SIZE, bytesEqual, nodeHash } from './hash.ts';

export type ProofCheck = { ok: true } | { ok: false; reason: string };

const OK: ProofCheck = { ok: true };
const fail = (reason: string): ProofCheck => ({ ok: false, reason });

function badHash(list: readonly Uint8Array[]): number {
  return list.findIndex((h) => h.length !== HASH_SIZE);
}

/** Shifts fn and sn right together until fn's least significant bit is set or fn is 0 (numbers may exceed 2^32). */
function shiftUntilOdd(fn: number, sn: number): [number, number] {
  while (fn !== 0 && fn % 2 === 0) {
    fn /= 2;
    sn = Math.floor(sn / 2);
  }
  return [fn, sn];
}

/**
 * §2.1.3.2: the root that an inclusion proof leads to, or a reason why the proof cannot be right for this
 * leaf index and tree size.
 */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): { ok: true; root: Uint8Array } | { ok: false; reason: string } {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0) {
    return { ok: false, reason: 'leaf index and tree size must be non-negative integers' };
  }
  // 1. leaf_index must be smaller than tree_size.
  if (leafIndex >= treeSize) return { ok: false, reason: `leaf index ${leafIndex} is not below tree size ${treeSize}` };
  if (leaf.length !== HASH_SIZE) return { ok: false, reason: `leaf hash has ${leaf.length} bytes, not ${HASH_SIZE}` };
  const bad = badHash(proof);
  if (bad >= 0) return { ok: false, reason: `proof element ${bad} has ${proof[bad].length} bytes, not ${HASH_SIZE}` };
  // 2. fn = leaf_index, sn = tree_size - 1.  3. r = hash.
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  // 4. For each p in the inclusion path:
  for (const p of proof) {
    //    a. if sn is 0, stop and fail (the proof is too long).
    if (sn === 0) return { ok: false, reason: 'proof has more elements than the tree has levels' };
    if (fn % 2 === 1 || fn === sn) {
      //  b. LSB(fn) set or fn == sn: r = HASH(0x01 || p || r); then, if LSB(fn) is not set,
      //     shift fn and sn right until LSB(fn) is set or fn is 0.
      r = nodeHash(p, r);
      if (fn % 2 === 0) [fn, sn] = shiftUntilOdd(fn, sn);
    } else {
      //  c. otherwise r = HASH(0x01 || r || p).
      r = nodeHash(r, p);
    }
    //    d. shift fn and sn right once.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 5. sn must be 0 (the proof is not too short).
  if (sn !== 0) return { ok: false, reason: 'proof has fewer elements than the path to the root' };
  return { ok: true, root: r };
}

/** §2.1.3.2: does `proof` show that `leaf` is entry `leafIndex` of the tree of `treeSize` with `root`? */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofCheck {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leaf, proof);
  if (!computed.ok) return computed;
  if (root.length !== HASH_SIZE) return fail(`root hash has ${root.length} bytes, not ${HASH_SIZE}`);
  return bytesEqual(computed.root, root) ? OK : fail('proof leads to a different root hash');
}

/**
 * §2.1.4.2: does `proof` show that the tree of size `size1` with `root1` is a prefix of the tree of size
 * `size2` with `root2`? RFC 9162 defines the proof for 0 < size1 < size2; equal sizes need an empty proof and
 * equal roots; a proof from the empty tree is refused, since it would prove nothing.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): ProofCheck {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0) {
    return fail('tree sizes must be non-negative integers');
  }
  if (size1 > size2) return fail(`first size ${size1} is larger than second size ${size2}`);
  if (size1 === size2) {
    if (proof.length > 0) return fail('sizes are equal, so the proof must be empty');
    if (size1 === 0 && !bytesEqual(root1, EMPTY_ROOT)) return fail('the root of the empty tree must be SHA-256 of nothing');
    return bytesEqual(root1, root2) ? OK : fail('sizes are equal but the root hashes differ');
  }
  if (size1 === 0) return fail('a consistency proof from the empty tree proves nothing (RFC 9162 needs 0 < first)');
  // 1. An empty consistency path fails.
  if (proof.length === 0) return fail('proof is empty');
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) return fail(`root hashes must have ${HASH_SIZE} bytes`);
  const bad = badHash(proof);
  if (bad >= 0) return fail(`proof element ${bad} has ${proof[bad].length} bytes, not ${HASH_SIZE}`);
  // 2. If first is an exact power of two, prepend first_hash to the path.
  const path = Number.isInteger(Math.log2(size1)) ? [root1, ...proof] : [...proof];
  // 3. fn = first - 1, sn = second - 1.  4. If LSB(fn) is set, shift fn and sn right until it is not.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  // 5. fr = sr = the first value of the path.
  let fr = path[0];
  let sr = path[0];
  // 6. For each subsequent value c:
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    //    a. if sn is 0, stop and fail.
    if (sn === 0) return fail('proof has more elements than needed');
    if (fn % 2 === 1 || fn === sn) {
      //  b. LSB(fn) set or fn == sn: fr = HASH(0x01 || c || fr), sr = HASH(0x01 || c || sr); then, if LSB(fn)
      //     is not set, shift fn and sn right until LSB(fn) is set or fn is 0.
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) [fn, sn] = shiftUntilOdd(fn, sn);
    } else {
      //  c. otherwise sr = HASH(0x01 || sr || c).
      sr = nodeHash(sr, c);
    }
    //    d. shift fn and sn right once.
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // 7. fr must equal first_hash, sr second_hash, and sn must be 0.
  if (sn !== 0) return fail('proof has fewer elements than needed');
  if (!bytesEqual(fr, root1)) return fail('proof does not lead to the first root hash');
  if (!bytesEqual(sr, root2)) return fail('proof does not lead to the second root hash');
  return OK;
}
