// SPDX-License-Identifier: GPL-3.0-or-later
// Published vectors: transparency-dev/merkle's inclusion and consistency cases (happy paths must verify, every
// tampered case must fail) and the RFC 6962 reference roots for sizes 0..8.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { leafHash, toHex } from '../../src/ledger/hash.ts';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/proofs.ts';
import { Frontier, consistencyProof, inclusionProof, type NodeReader } from '../../src/ledger/tree.ts';

const ROOT = 'test/fixtures/merkle';
const DATA = join(ROOT, 'testdata-transparency-dev/testdata');

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

const b64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

describe('transparency-dev inclusion vectors', () => {
  const files = jsonFiles(join(DATA, 'inclusion'));
  it('has the expected number of cases', () => assert.ok(files.length >= 90, `${files.length} files`));
  for (const file of files) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as InclusionCase;
    it(`${file.slice(DATA.length + 1)}: ${c.desc} → ${c.wantErr ? 'fails' : 'verifies'}`, () => {
      const result = verifyInclusion(c.leafIdx, c.treeSize, b64(c.leafHash), (c.proof ?? []).map(b64), b64(c.root));
      assert.equal(result.ok, !c.wantErr, result.ok ? 'verified' : result.reason);
    });
  }
});

describe('transparency-dev consistency vectors', () => {
  const files = jsonFiles(join(DATA, 'consistency'));
  it('has the expected number of cases', () => assert.ok(files.length >= 90, `${files.length} files`));
  for (const file of files) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as ConsistencyCase;
    it(`${file.slice(DATA.length + 1)}: ${c.desc} → ${c.wantErr ? 'fails' : 'verifies'}`, () => {
      const result = verifyConsistency(c.size1, c.size2, b64(c.root1), b64(c.root2), (c.proof ?? []).map(b64));
      assert.equal(result.ok, !c.wantErr, result.ok ? 'verified' : result.reason);
    });
  }
});

describe('RFC 6962 reference roots', () => {
  const ref = JSON.parse(readFileSync(join(ROOT, 'merkle_rfc6962_reference.json'), 'utf8')) as {
    leafInputsHex: string[];
    rootHashesBySizeHex: string[];
  };
  const leaves = ref.leafInputsHex.map((h) => leafHash(new Uint8Array(Buffer.from(h, 'hex'))));
  // A store that is just a map of the nodes the frontier emits.
  const nodes = new Map<number, Uint8Array>();
  const reader: NodeReader = { nodeHashes: (ids) => ids.map((id) => nodes.get(id)) };
  const frontier = Frontier.empty();
  const roots = [toHex(frontier.root())];
  for (const leaf of leaves) {
    for (const w of frontier.append(leaf)) nodes.set(w.id, w.hash);
    roots.push(toHex(frontier.root()));
  }

  it('computes every root for sizes 0..8 incrementally', () => {
    assert.deepEqual(roots, ref.rootHashesBySizeHex);
  });

  it('proves every leaf and every pair of sizes against the reference roots', () => {
    const root = (n: number) => new Uint8Array(Buffer.from(ref.rootHashesBySizeHex[n], 'hex'));
    for (let n = 1; n <= 8; n++) {
      for (let m = 0; m < n; m++) {
        const ok = verifyInclusion(m, n, leaves[m], inclusionProof(reader, m, n), root(n));
        assert.ok(ok.ok, `inclusion ${m} in ${n}`);
      }
      for (let m = 1; m <= n; m++) {
        const ok = verifyConsistency(m, n, root(m), root(n), consistencyProof(reader, m, n));
        assert.ok(ok.ok, `consistency ${m} → ${n}`);
      }
    }
  });
});
