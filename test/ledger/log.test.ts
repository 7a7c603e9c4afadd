// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger on real SQLite files: appends, refusals (wrong party, unknown, rotated, removed), proofs against
// the stored tree, checkpoints, co-signatures and quorum, forks.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkpointBody, openCheckpoint, parseSignedNote } from '../../src/ledger/checkpoint.ts';
import { canonicalJson } from '../../src/ledger/canonical.ts';
import { ConfigError, parseConfig, validateConfig } from '../../src/ledger/config.ts';
import { possessionProof } from '../../src/ledger/entry.ts';
import { storeVerifyInput } from '../../src/ledger/exchange.ts';
import { generateKeyPair } from '../../src/ledger/keys.ts';
import { Ledger, LedgerRefusal } from '../../src/ledger/log.ts';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/proofs.ts';
import { verifyLog } from '../../src/ledger/verify.ts';
import { SqliteLedgerStore } from '../../src/store/sqlite.ts';
import { ORIGIN, T0, incident, makeWorld, openLedger, signed } from './helpers.ts';

function refused(fn: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof LedgerRefusal, String(err));
    assert.equal(err.code, code);
    assert.match(err.reason, pattern);
    return true;
  });
}

describe('ledger: appends and refusals', () => {
  const world = makeWorld();
  after(() => world.cleanup());

  it('appends signed entries of every kind and survives reopening', () => {
    const ledger = openLedger(world);
    const entries = [
      signed(world, incident('se', 1)),
      signed(world, { v: 1, kind: 'alert-ack', party: 'dk', timeMs: T0 + 5, body: { alertId: 'stca-17', acknowledgedBy: 'ACC Copenhagen sup.' } }),
      signed(world, {
        v: 1,
        kind: 'flight-notification',
        party: 'ru',
        timeMs: T0 + 9,
        body: { notificationId: 'n-1', messageType: 'FPL', message: '(FPL-RFF1234-IM-IL20/M-SDFGRY/S-ULLI1200-N0400F250 DCT-UMKK0100)' },
      }),
      signed(world, {
        v: 1,
        kind: 'compliance-stats',
        party: 'se',
        timeMs: T0 + 10,
        body: { periodStartMs: T0 - 86400000, periodEndMs: T0, counts: { flights: 12, darkFlights: 3, transponderOff: 4 } },
      }),
    ];
    const results = entries.map((e) => ledger.append(e));
    assert.deepEqual(
      results.map((r) => r.index),
      [0, 1, 2, 3],
    );
    const root = ledger.root();
    ledger.close();
    const again = openLedger(world);
    assert.equal(again.size, 4);
    assert.deepEqual(again.root(), root);
    assert.equal(canonicalJson(again.entry(2).entry), canonicalJson(entries[2]));
    again.close();
  });

  it('refuses an entry where one party claims to be another, naming the party', () => {
    const ledger = openLedger(world);
    // se's key signs an entry claiming to be ru.
    refused(() => ledger.append(signed(world, incident('ru', 50), 'se')), 'bad-signature', /registered key .* of party "ru"/);
    assert.equal(ledger.size, 4);
    ledger.close();
  });

  it('refuses unknown parties, bad signatures and malformed entries', () => {
    const ledger = openLedger(world);
    const e = { ...incident('xx', 1) };
    refused(
      () => ledger.append({ ...e, sig: Buffer.from(new Uint8Array(64)).toString('base64') }),
      'unknown-party',
      /"xx" is not a registered party/,
    );
    const s = signed(world, incident('se', 60));
    refused(() => ledger.append({ ...s, timeMs: s.timeMs + 1 }), 'bad-signature', /does not verify/);
    refused(() => ledger.append({ ...s, extra: 1 }), 'invalid-entry', /"extra" is not allowed/);
    refused(() => ledger.append({ ...s, body: { ...s.body, riskClass: 'Z' } }), 'invalid-entry', /riskClass must be one of A, B/);
    assert.equal(ledger.size, 4);
    ledger.close();
  });

  it('a rotated-out key can no longer sign; the new key can', () => {
    const ledger = openLedger(world);
    const fresh = generateKeyPair();
    const rotation = signed(world, {
      v: 1,
      kind: 'party-rotation',
      party: 'se',
      timeMs: T0 + 100,
      body: { publicKey: fresh.publicKey.base64, proof: possessionProof(ORIGIN, 'se', fresh) },
    });
    const { index } = ledger.append(rotation);
    const oldKey = world.keys.se;
    refused(() => ledger.append(signed(world, incident('se', 70))), 'rotated-key', new RegExp(`rotated out at entry ${index}`));
    world.keys.se = fresh;
    ledger.append(signed(world, incident('se', 71)));
    ledger.close();
    // The refusal holds after reopening (the registry is rebuilt from the stored party entries).
    const again = openLedger(world);
    world.keys.se = oldKey;
    refused(() => again.append(signed(world, incident('se', 72))), 'rotated-key', /rotated out/);
    world.keys.se = fresh;
    again.close();
  });

  it('refuses a rotation whose new key does not prove possession', () => {
    const ledger = openLedger(world);
    const fresh = generateKeyPair();
    const other = generateKeyPair();
    const rotation = signed(world, {
      v: 1,
      kind: 'party-rotation',
      party: 'dk',
      timeMs: T0 + 200,
      body: { publicKey: fresh.publicKey.base64, proof: possessionProof(ORIGIN, 'dk', other) },
    });
    refused(() => ledger.append(rotation), 'bad-key-proof', /not a signature by the new key/);
    ledger.close();
  });

  it('admits a proposed party once every party approved, and a removed party can sign nothing after its removal', () => {
    const ledger = openLedger(world);
    const fi = generateKeyPair();
    const proposal = ledger.append(
      signed(world, {
        v: 1,
        kind: 'party-registration',
        party: 'dk',
        timeMs: T0 + 300,
        body: { party: 'fi', publicKey: fi.publicKey.base64, proof: possessionProof(ORIGIN, 'fi', fi) },
      }),
    );
    world.keys.fi = fi;
    refused(() => ledger.append(signed(world, incident('fi', 0))), 'pending-party', /not admitted yet: it still needs the approval of ru, se/);
    for (const party of ['ru', 'se']) {
      ledger.append(
        signed(world, {
          v: 1,
          kind: 'party-approval',
          party,
          timeMs: T0 + 301,
          body: { registration: proposal.index, leafHash: Buffer.from(proposal.leafHash).toString('base64') },
        }),
      );
    }
    ledger.append(signed(world, incident('fi', 1)));
    const removal = ledger.append(signed(world, { v: 1, kind: 'party-removal', party: 'fi', timeMs: T0 + 400, body: { reason: 'withdraws' } }));
    refused(() => ledger.append(signed(world, incident('fi', 2))), 'removed-party', new RegExp(`removed at entry ${removal.index}`));
    assert.deepEqual(ledger.parties().activeIds(), ['dk', 'ru', 'se']);
    ledger.close();
  });

  it('a batch is all or nothing', () => {
    const ledger = openLedger(world);
    const before = ledger.size;
    assert.throws(
      () => ledger.appendBatch([signed(world, incident('ru', 80)), signed(world, incident('ru', 81), 'dk')]),
      (err: unknown) => err instanceof LedgerRefusal && err.position === 1,
    );
    assert.equal(ledger.size, before);
    assert.equal(new SqliteLedgerStore(join(world.dir, 'ledger.db')).size(), before);
    ledger.close();
  });

  it('the whole log verifies', () => {
    const store = new SqliteLedgerStore(join(world.dir, 'ledger.db'));
    const report = verifyLog(storeVerifyInput(store));
    assert.ok(report.ok, JSON.stringify(report.problems));
    store.close();
  });
});

describe('ledger: proofs from the stored tree', () => {
  const world = makeWorld(['se']);
  after(() => world.cleanup());

  it('proves inclusion of every entry and consistency between every pair of sizes up to 40', () => {
    const ledger = openLedger(world);
    const roots = [ledger.root()];
    for (let i = 0; i < 40; i++) {
      ledger.append(signed(world, incident('se', i)));
      roots.push(ledger.root());
    }
    for (let n = 1; n <= 40; n++) {
      assert.deepEqual(ledger.rootAt(n), roots[n]);
      for (let m = 0; m < n; m++) {
        const p = ledger.proveInclusion(m, n);
        assert.ok(verifyInclusion(m, n, ledger.entry(m).leafHash, p.path, roots[n]).ok);
      }
      for (let m = 1; m <= n; m++) {
        const c = ledger.proveConsistency(m, n);
        assert.ok(verifyConsistency(m, n, roots[m], roots[n], c.path).ok, `${m} → ${n}`);
      }
    }
    assert.throws(() => ledger.proveInclusion(40), /not in a tree of 40/);
    assert.throws(() => ledger.proveConsistency(0, 5), /needs 0 < first/);
    ledger.close();
  });
});

describe('ledger: checkpoints, co-signatures, quorum, forks', () => {
  const world = makeWorld(['dk', 'ru', 'se']);
  after(() => world.cleanup());

  it('the log signs a C2SP-style checkpoint; parties co-sign; it is agreed only at quorum', () => {
    const ledger = openLedger(world);
    for (let i = 0; i < 5; i++) ledger.append(signed(world, incident(['dk', 'ru', 'se'][i % 3], i)));
    const stored = ledger.createCheckpoint(world.log);
    assert.equal(stored.size, 5);
    const lines = stored.note.split('\n');
    assert.equal(lines[0], ORIGIN);
    assert.equal(lines[1], '5');
    assert.equal(lines[2], Buffer.from(ledger.root()).toString('base64'));
    assert.equal(lines[3], '');
    assert.match(lines[4], new RegExp(`^\u2014 ${ORIGIN.replace(/\./g, '\\.')} [A-Za-z0-9+/=]+$`));
    assert.ok(openCheckpoint(stored.note, ORIGIN, world.log.publicKey).ok);
    assert.throws(() => ledger.createCheckpoint(world.keys.se), /not the log's key/);

    assert.equal(ledger.checkpointStatus(5).agreed, false);
    ledger.cosign('se', world.keys.se, 1717243200);
    ledger.cosign('dk', world.keys.dk, 1717243201);
    let status = ledger.checkpointStatus(5);
    assert.deepEqual(status.cosigners, ['dk', 'se']);
    assert.deepEqual(status.missing, ['ru']);
    assert.equal(status.agreed, false);
    assert.throws(() => ledger.cosign('ru', world.keys.se, 1717243202), /not the registered key of party "ru"/);
    const line = ledger.cosign('ru', world.keys.ru, 1717243202);
    assert.match(line, /^\u2014 ru /);
    status = ledger.checkpointStatus(5);
    assert.equal(status.agreed, true);
    assert.equal(parseSignedNote(status.note).ok, true);
    assert.equal(status.note.split('\n').filter((l) => l.startsWith('\u2014')).length, 4);

    // A co-signature over a different checkpoint body is rejected.
    assert.throws(() => ledger.addCosignature(5, 'ru', line.replace(/.$/, line.endsWith('A') ? 'B' : 'A')), /does not verify|not base64|key ID/);
    ledger.close();
  });

  it('a numeric quorum is met by that many co-signatures', () => {
    const w = makeWorld(['dk', 'ru', 'se'], 2);
    const ledger = openLedger(w);
    ledger.append(signed(w, incident('se', 1)));
    ledger.createCheckpoint(w.log);
    ledger.cosign('se', w.keys.se, 1);
    assert.equal(ledger.checkpointStatus(1).agreed, false);
    ledger.cosign('ru', w.keys.ru, 2);
    assert.equal(ledger.checkpointStatus(1).agreed, true);
    ledger.close();
    w.cleanup();
  });

  it('detects a fork: two different trees with log-signed checkpoints at the same size', () => {
    // Two copies start alike, then the log operator signs a different entry 3 in each.
    const a = openLedger(world, 'a.db');
    const b = Ledger.openOrCreate(new SqliteLedgerStore(join(world.dir, 'b.db')), world.config);
    for (let i = 0; i < 3; i++) {
      const e = signed(world, incident('se', 100 + i));
      a.append(e);
      b.append(e);
    }
    a.append(signed(world, incident('ru', 200)));
    b.append(signed(world, incident('ru', 201)));
    const cpA = a.createCheckpoint(world.log);
    const cpB = b.createCheckpoint(world.log);
    assert.equal(cpA.size, cpB.size);
    const check = a.checkCheckpoint(cpB.note);
    assert.equal(check.ok, false);
    assert.ok(!check.ok && check.fork, 'reported as a fork');
    assert.match(!check.ok ? check.reason : '', /^fork: the log signed root .* at size 4, but this copy has/);
    // A party refuses to co-sign a checkpoint of a tree that is not its own.
    const storeA = new SqliteLedgerStore(join(world.dir, 'a.db'));
    storeA.close();
    // Verify sees both checkpoints side by side in one log's record and reports the fork.
    const input = storeVerifyInput(new SqliteLedgerStore(join(world.dir, 'a.db')));
    input.checkpoints = [...input.checkpoints, cpB];
    const report = verifyLog(input);
    assert.equal(report.ok, false);
    assert.ok(report.problems.some((p) => /fork: the log signed two different roots at size 4/.test(p.reason)));
    // A checkpoint ahead of this copy is not (yet) a fork.
    b.append(signed(world, incident('ru', 202)));
    const ahead = a.checkCheckpoint(b.createCheckpoint(world.log).note);
    assert.ok(!ahead.ok && !ahead.fork);
    assert.equal(checkpointBody({ origin: 'o', size: 1, rootHash: new Uint8Array(32) }), `o\n1\n${'A'.repeat(43)}=\n`);
    a.close();
    b.close();
  });
});

describe('ledger configuration', () => {
  const world = makeWorld(['se', 'ru']);
  after(() => world.cleanup());
  const good = JSON.parse(JSON.stringify(world.config));

  it('accepts a valid configuration and defaults the quorum to all', () => {
    const { quorum, ...rest } = good;
    void quorum;
    assert.equal(validateConfig(rest, 'parties.json').quorum, 'all');
  });

  it('names the file, the key and what is allowed', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...good, parties: [{ ...good.parties[0], publicKey: 'abc' }] }, /^parties\.json: key "parties\[0\]\.publicKey" must be the base64 of a 32-byte Ed25519 public key; got "abc"$/],
      [{ ...good, parties: [good.parties[0], { ...good.parties[1], id: 'SE' }] }, /key "parties\[1\]\.id" must be a lowercase letter/],
      [{ ...good, parties: [good.parties[0], { ...good.parties[1], id: 'se' }] }, /key "parties\[1\]\.id" must be unique/],
      [{ ...good, quorum: 5 }, /key "quorum" must be "all" or a whole number from 1 to 2/],
      [{ ...good, origin: 'has space' }, /key "origin" must be a non-empty name/],
      [{ ...good, colour: 'red' }, /key "colour" is not allowed \(allowed: origin, logPublicKey, quorum, parties\)/],
      [{ ...good, parties: [{ ...good.parties[0], publicKey: good.logPublicKey }] }, /must differ from every other key; it equals logPublicKey/],
    ];
    for (const [value, pattern] of cases) {
      assert.throws(() => validateConfig(value, 'parties.json'), (err: unknown) => err instanceof ConfigError && pattern.test(err.message));
    }
    assert.throws(() => parseConfig('{', 'parties.json'), /^ConfigError: parties\.json: not valid JSON/);
  });

  it('refuses to open a log with a different configuration', () => {
    openLedger(world).close();
    const other = makeWorld(['se', 'ru']);
    assert.throws(
      () => Ledger.open(new SqliteLedgerStore(join(world.dir, 'ledger.db')), other.config),
      /created with a different configuration/,
    );
    other.cleanup();
  });
});
