// SPDX-License-Identifier: GPL-3.0-or-later
// Property tests: proofs built from stored perfect subtrees, for every (m, n) up to 64 and for random large
// sizes, verify against roots computed by a naive recursive MTH written here from RFC 9162 §2.1.1, and
// tampered proofs fail.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { leafHash } from '../../src/ledger/hash.ts';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from '../../src/ledger/proofs.ts';
import {
  Frontier,
  type NodeReader,
  consistencyProof,
  consistencyRanges,
  inclusionProof,
  inclusionRanges,
  nodeId,
  perfectSubtrees,
  rootAt,
} from '../../src/ledger/tree.ts';
import { mulberry32, randBytes, randInt } from '../helpers/prng.ts';

// Naive MTH, written independently of src/: hash the list recursively, splitting at the largest power of two.
function sha(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}
function naiveRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(new Uint8Array([0]), leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(new Uint8Array([1]), naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
}
// Naive PATH and PROOF straight from the RFC's recursive definitions, on leaf data.
function naivePath(m: number, d: Uint8Array[]): Uint8Array[] {
  if (d.length <= 1) return [];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m < k ? [...naivePath(m, d.slice(0, k)), naiveRoot(d.slice(k))] : [...naivePath(m - k, d.slice(k)), naiveRoot(d.slice(0, k))];
}
function naiveSubproof(m: number, d: Uint8Array[], b: boolean): Uint8Array[] {
  if (m === d.length) return b ? [] : [naiveRoot(d)];
  let k = 1;
  while (k * 2 < d.length) k *= 2;
  return m <= k
    ? [...naiveSubproof(m, d.slice(0, k), b), naiveRoot(d.slice(k))]
    : [...naiveSubproof(m - k, d.slice(k), false), naiveRoot(d.slice(0, k))];
}

function build(data: Uint8Array[]): { reader: NodeReader; frontier: Frontier; roots: Uint8Array[] } {
  const nodes = new Map<number, Uint8Array>();
  const reader: NodeReader = { nodeHashes: (ids) => ids.map((id) => nodes.get(id)) };
  const frontier = Frontier.empty();
  const roots = [frontier.root()];
  for (const d of data) {
    for (const w of frontier.append(leafHash(d))) nodes.set(w.id, w.hash);
    roots.push(frontier.root());
  }
  return { reader, frontier, roots };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('Merkle tree properties (seeded)', () => {
  const rand = mulberry32(9162);
  const N = 64;
  const data = Array.from({ length: N }, () => randBytes(rand, randInt(rand, 0, 40)));
  const { reader, roots } = build(data);

  it('incremental and stored roots equal the naive MTH for every size 0..64', () => {
    for (let n = 0; n <= N; n++) {
      const want = hex(naiveRoot(data.slice(0, n)));
      assert.equal(hex(roots[n]), want, `size ${n}`);
      assert.equal(hex(rootAt(reader, n)), want, `stored root at ${n}`);
    }
  });

  it('inclusion proofs for every (m, n), n <= 64, equal the RFC recursion and verify; tampering fails', () => {
    for (let n = 1; n <= N; n++) {
      const root = naiveRoot(data.slice(0, n));
      for (let m = 0; m < n; m++) {
        const leaf = leafHash(data[m]);
        const proof = inclusionProof(reader, m, n);
        assert.deepEqual(proof.map(hex), naivePath(m, data.slice(0, n)).map(hex), `path ${m} in ${n}`);
        assert.ok(verifyInclusion(m, n, leaf, proof, root).ok, `verify ${m} in ${n}`);
        if (proof.length > 0) {
          const bad = proof.map((p) => p.slice());
          const i = randInt(rand, 0, bad.length - 1);
          bad[i][randInt(rand, 0, 31)] ^= 1 << randInt(rand, 0, 7);
          assert.equal(verifyInclusion(m, n, leaf, bad, root).ok, false, `flipped bit ${m} in ${n}`);
          assert.equal(verifyInclusion(m, n, leaf, proof.slice(1), root).ok, false, `short proof ${m} in ${n}`);
        }
        assert.equal(verifyInclusion(m, n, leaf, [...proof, leaf], root).ok, false, `long proof ${m} in ${n}`);
        if (n > 1) assert.equal(verifyInclusion((m + 1) % n, n, leaf, proof, root).ok, false, `wrong index ${m} in ${n}`);
      }
    }
  });

  it('consistency proofs for every (m, n), 0 < m <= n <= 64, equal the RFC recursion and verify; tampering fails', () => {
    for (let n = 1; n <= N; n++) {
      const root2 = naiveRoot(data.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const root1 = naiveRoot(data.slice(0, m));
        const proof = consistencyProof(reader, m, n);
        const want = m === n ? [] : naiveSubproof(m, data.slice(0, n), true);
        assert.deepEqual(proof.map(hex), want.map(hex), `proof ${m} → ${n}`);
        assert.ok(verifyConsistency(m, n, root1, root2, proof).ok, `verify ${m} → ${n}`);
        if (m < n) {
          const bad = proof.map((p) => p.slice());
          bad[randInt(rand, 0, bad.length - 1)][randInt(rand, 0, 31)] ^= 0x80;
          assert.equal(verifyConsistency(m, n, root1, root2, bad).ok, false, `flipped ${m} → ${n}`);
          assert.equal(verifyConsistency(m, n, root2, root1, proof).ok, m === n, `swapped roots ${m} → ${n}`);
          assert.equal(verifyConsistency(m, n, root1, root2, proof.slice(0, -1)).ok, false, `truncated ${m} → ${n}`);
        }
      }
    }
  });

  it('proof ranges are O(log n) and made of perfect subtrees at very large sizes', () => {
    for (let t = 0; t < 200; t++) {
      const n = randInt(rand, 2, 2 ** 40);
      const m = randInt(rand, 0, n - 1);
      const ranges = inclusionRanges(m, n);
      assert.ok(ranges.length <= Math.ceil(Math.log2(n)), `path length ${ranges.length} for n=${n}`);
      const ids = ranges.flatMap((r) => perfectSubtrees(r.start, r.end));
      assert.ok(ids.length <= 2 * Math.ceil(Math.log2(n)) + 2, `${ids.length} stored nodes for n=${n}`);
      const c = consistencyRanges(Math.max(1, m), n);
      assert.ok(c.length <= Math.ceil(Math.log2(n)) + 1);
    }
    assert.equal(nodeId(3, 5), 3 * 2 ** 40 + 5);
  });

  it('random large trees: a path recomputes the root from stored nodes (n up to 3000)', () => {
    for (let t = 0; t < 5; t++) {
      const n = randInt(rand, 65, 3000);
      const d = Array.from({ length: n }, (_, i) => new Uint8Array([i & 255, i >> 8, t]));
      const b = build(d);
      const want = naiveRoot(d);
      assert.equal(hex(b.frontier.root()), hex(want));
      for (let k = 0; k < 20; k++) {
        const m = randInt(rand, 0, n - 1);
        const r = rootFromInclusionProof(m, n, leafHash(d[m]), inclusionProof(b.reader, m, n));
        assert.ok(r.ok && hex(r.root) === hex(want));
        const s = randInt(rand, 1, n);
        assert.ok(verifyConsistency(s, n, b.roots[s], want, consistencyProof(b.reader, s, n)).ok);
      }
    }
  });
});
