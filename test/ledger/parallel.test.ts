// SPDX-License-Identifier: GPL-3.0-or-later
// Signatures of large batches are verified by worker threads alongside the main thread. The results must be
// those of the plain sequential path: the same roots and leaf hashes, and the same refusal (code, reason and
// position of the first bad entry in order), whoever verified what.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { SignedEntry } from '../../src/ledger/entry.ts';
import { possessionProof } from '../../src/ledger/entry.ts';
import { generateKeyPair, signBytes } from '../../src/ledger/keys.ts';
import { Ledger, LedgerRefusal } from '../../src/ledger/log.ts';
import { MIN_PARALLEL_BATCH, SignaturePool } from '../../src/ledger/sigpool.ts';
import { SqliteLedgerStore } from '../../src/store/sqlite.ts';
import { ORIGIN, T0, incident, makeWorld, signed } from './helpers.ts';

const world = makeWorld(['dk', 'ru', 'se']);
after(() => world.cleanup());
let files = 0;
const ledgerWith = (verifyThreads: number) =>
  Ledger.create(new SqliteLedgerStore(`${world.dir}/p-${files++}.db`), world.config, { verifyThreads });

function batch(n: number, from = 0): SignedEntry[] {
  return Array.from({ length: n }, (_, i) => signed(world, incident(['dk', 'ru', 'se'][(from + i) % 3], from + i)));
}

/** The refusal a batch gets, as plain data (or 'accepted'). */
function outcome(ledger: Ledger, values: unknown[]): unknown {
  try {
    const r = ledger.appendBatch(values);
    return { accepted: r.map((x) => [x.index, Buffer.from(x.leafHash).toString('hex')]), root: Buffer.from(ledger.root()).toString('hex') };
  } catch (err) {
    assert.ok(err instanceof LedgerRefusal, String(err));
    return { code: err.code, reason: err.reason, position: err.position };
  }
}

describe('parallel signature verification', () => {
  it('accepts the same entries with the same tree as the sequential path', () => {
    const entries = batch(300);
    const a = ledgerWith(0);
    const b = ledgerWith(1);
    assert.deepEqual(outcome(b, entries), outcome(a, entries));
    a.close();
    b.close();
  });

  it('refuses at the first bad entry in order, with the same reason, whichever thread found which', () => {
    for (const bad of [[5, 150], [190], [MIN_PARALLEL_BATCH * 3 - 1, 7]]) {
      const entries: unknown[] = batch(MIN_PARALLEL_BATCH * 3);
      for (const at of bad) {
        const e = entries[at] as SignedEntry;
        entries[at] = { ...e, timeMs: e.timeMs + 1 }; // the signature no longer verifies
      }
      const a = ledgerWith(0);
      const b = ledgerWith(2);
      const expected = outcome(a, entries);
      assert.deepEqual(outcome(b, entries), expected);
      assert.equal((expected as { position: number }).position, Math.min(...bad));
      assert.equal(b.size, 0, 'nothing of a refused batch is stored');
      a.close();
      b.close();
    }
  });

  it('keeps in-batch key changes in order: a rotation, then entries signed with the new and the old key', () => {
    const fresh = generateKeyPair();
    const entries: unknown[] = batch(100);
    entries.splice(40, 0, signed(world, {
      v: 1,
      kind: 'party-rotation',
      party: 'se',
      timeMs: T0,
      body: { publicKey: fresh.publicKey.base64, proof: possessionProof(ORIGIN, 'se', fresh) },
    }));
    const old = world.keys.se;
    world.keys.se = fresh;
    const good = [...entries.slice(0, 41), ...batch(60, 500).map((e) => (e.party === 'se' ? signed(world, e) : e))];
    world.keys.se = old;
    const a = ledgerWith(0);
    const b = ledgerWith(1);
    assert.deepEqual(outcome(b, good), outcome(a, good));
    // An entry signed with se's old key after the rotation: a rotated-key refusal from both.
    const stale = [...entries.slice(0, 41), ...batch(60, 900)];
    const c = ledgerWith(0);
    const d = ledgerWith(1);
    const expected = outcome(c, stale) as { code: string; position: number };
    assert.deepEqual(outcome(d, stale), expected);
    assert.equal(expected.code, 'rotated-key');
    for (const l of [a, b, c, d]) l.close();
  });

  it('the worker (loaded from TypeScript here) verifies a whole job when the main thread leaves it', async () => {
    const pool = new SignaturePool(1);
    const key = generateKeyPair();
    const items = Array.from({ length: 200 }, (_, i) => {
      const message = new TextEncoder().encode(`message ${i}`);
      const signature = signBytes(key.privateKey, message);
      if (i % 17 === 3) signature[0] ^= 1;
      return { key: 0, message, signature };
    });
    const started = pool.start([{ raw: key.publicKey.raw, key: key.publicKey.key }], items);
    // Give the worker time to start and finish before the main thread joins in.
    const deadline = Date.now() + 60000;
    while (!started.settled() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const verdicts = started.finish();
    assert.deepEqual(
      verdicts,
      items.map((_, i) => i % 17 !== 3),
    );
    assert.equal(pool.lastMainShare, 0, 'the worker did every verification');
    pool.close();
  });
});
