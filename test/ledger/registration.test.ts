// SPDX-License-Identifier: GPL-3.0-or-later
// Admission of new parties in conditions of equity: a proposal takes effect only when every current party has
// approved it. One party alone cannot admit anyone; after all approvals the newcomer appends and co-signs and
// counts toward the quorum; verify recomputes the registry from an export alone and catches a tampered
// approval. A naive model of the rules, written here from the rules' text, is replayed against the ledger.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { canonicalBytes } from '../../src/ledger/canonical.ts';
import type { SignedEntry, UnsignedEntry } from '../../src/ledger/entry.ts';
import { possessionProof } from '../../src/ledger/entry.ts';
import { exportLines, parseExport, storeVerifyInput } from '../../src/ledger/exchange.ts';
import { generateKeyPair } from '../../src/ledger/keys.ts';
import { type Ledger, LedgerRefusal } from '../../src/ledger/log.ts';
import { verifyLog } from '../../src/ledger/verify.ts';
import { SqliteLedgerStore } from '../../src/store/sqlite.ts';
import { mulberry32, randInt } from '../helpers/prng.ts';
import { ORIGIN, T0, type World, incident, makeWorld, openLedger, signed } from './helpers.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

function refused(fn: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof LedgerRefusal, String(err));
    assert.equal(err.code, code, err.reason);
    assert.match(err.reason, pattern);
    return true;
  });
}

function propose(world: World, by: string, id: string, t = T0): SignedEntry {
  const key = generateKeyPair();
  world.keys[id] = key;
  return signed(world, {
    v: 1,
    kind: 'party-registration',
    party: by,
    timeMs: t,
    body: { party: id, publicKey: key.publicKey.base64, proof: possessionProof(ORIGIN, id, key) },
  });
}

function approval(world: World, by: string, registration: number, leafHash: Uint8Array, t = T0): SignedEntry {
  const e: UnsignedEntry<'party-approval'> = { v: 1, kind: 'party-approval', party: by, timeMs: t, body: { registration, leafHash: b64(leafHash) } };
  return world.keys[by] ? signed(world, e) : { ...e, sig: b64(new Uint8Array(64)) };
}

describe('party registration needs the approval of every party', () => {
  const world = makeWorld(['dk', 'ru', 'se'], 2);
  after(() => world.cleanup());
  let ledger: Ledger;
  let proposal: { index: number; leafHash: Uint8Array };

  it('a party alone cannot admit a newcomer, even with a numeric quorum', () => {
    ledger = openLedger(world);
    ledger.append(signed(world, incident('se', 1)));
    proposal = ledger.append(propose(world, 'dk', 'fi'));
    // The newcomer (controlled by dk, say) can neither append nor co-sign, nor approve itself.
    refused(() => ledger.append(signed(world, incident('fi', 1))), 'pending-party', /"fi" was proposed at entry 1 but is not admitted yet: it still needs the approval of ru, se$/);
    refused(() => ledger.append(approval(world, 'fi', proposal.index, proposal.leafHash)), 'pending-party', /not admitted yet/);
    ledger.createCheckpoint(world.log);
    assert.throws(() => ledger.cosign('fi', world.keys.fi, 1), /"fi" is not an active party at size 2/);
    // The quorum of 2 counts only the three admitted parties; dk and a second founding party are needed.
    ledger.cosign('dk', world.keys.dk, 1);
    let status = ledger.checkpointStatus(2);
    assert.deepEqual([status.needed, status.agreed, status.missing], [2, false, ['ru', 'se']]);
    // The sponsor cannot approve twice, nor propose the same party again, nor propose a party under a used key.
    refused(() => ledger.append(approval(world, 'dk', proposal.index, proposal.leafHash)), 'already-approved', /"dk" already approved the proposal at entry 1 by making it/);
    const fiKey = world.keys.fi;
    refused(() => ledger.append(propose(world, 'se', 'fi')), 'party-exists', /"fi" was already proposed at entry 1, which is pending/);
    world.keys.fi = fiKey;
    const sameKey = signed(world, {
      v: 1,
      kind: 'party-registration',
      party: 'ru',
      timeMs: T0,
      body: { party: 'fi2', publicKey: world.keys.fi.publicKey.base64, proof: possessionProof(ORIGIN, 'fi2', world.keys.fi) },
    });
    refused(() => ledger.append(sameKey), 'key-in-use', /already used/);
    // Approvals by non-parties and approvals of anything but the pending proposal are refused with a reason.
    refused(() => ledger.append(approval(world, 'xx', proposal.index, proposal.leafHash)), 'unknown-party', /"xx" is not a registered party/);
    refused(() => ledger.append(approval(world, 'ru', 0, proposal.leafHash)), 'no-such-proposal', /entry 0 is not a pending party registration/);
    refused(() => ledger.append(approval(world, 'ru', 7, proposal.leafHash)), 'no-such-proposal', /entry 7 is not a pending party registration/);
    const wrong = new Uint8Array(proposal.leafHash);
    wrong[0] ^= 1;
    refused(() => ledger.append(approval(world, 'ru', proposal.index, wrong)), 'no-such-proposal', /body\.leafHash does not match the leaf hash .* at entry 1/);
    refused(() => ledger.append({ ...approval(world, 'ru', proposal.index, proposal.leafHash), party: 'se' }), 'bad-signature', /"se"/);

    // One more approval is still not enough.
    const ru = ledger.append(approval(world, 'ru', proposal.index, proposal.leafHash));
    assert.equal(ru.index, 2);
    refused(() => ledger.append(approval(world, 'ru', proposal.index, proposal.leafHash)), 'already-approved', /"ru" already approved the proposal at entry 1 at entry 2$/);
    refused(() => ledger.append(signed(world, incident('fi', 2))), 'pending-party', /still needs the approval of se$/);
    assert.deepEqual(ledger.parties().activeIds(), ['dk', 'ru', 'se']);
    assert.deepEqual(
      ledger.parties().pending().map((p) => [p.id, p.approvals.map((a) => a.party)]),
      [['fi', ['dk', 'ru']]],
    );
    status = ledger.checkpointStatus(2);
    assert.equal(status.needed, 2);
  });

  it('after every approval the newcomer appends and co-signs, and quorum counts follow', () => {
    const last = ledger.append(approval(world, 'se', proposal.index, proposal.leafHash));
    const fi = ledger.parties().get('fi')!;
    assert.deepEqual([fi.proposedAt, fi.registeredAt, fi.sponsor, fi.keys[0].from], [1, last.index, 'dk', last.index + 1]);
    assert.deepEqual(ledger.parties().pending(), []);
    assert.deepEqual(ledger.parties().activeIds(), ['dk', 'fi', 'ru', 'se']);
    refused(() => ledger.append(approval(world, 'ru', proposal.index, proposal.leafHash)), 'no-such-proposal', /the proposal at entry 1 was already admitted \(party "fi" at entry 3\)$/);
    ledger.append(signed(world, incident('fi', 3)));
    const cp = ledger.createCheckpoint(world.log);
    // The checkpoint before admission still has only three parties; the new one has four.
    assert.deepEqual(ledger.checkpointStatus(2).missing, ['ru', 'se']);
    ledger.cosign('fi', world.keys.fi, 2);
    let status = ledger.checkpointStatus(cp.size);
    assert.deepEqual([status.cosigners, status.needed, status.agreed], [['fi'], 2, false]);
    ledger.cosign('ru', world.keys.ru, 3);
    status = ledger.checkpointStatus(cp.size);
    assert.deepEqual([status.cosigners, status.needed, status.agreed, status.missing], [['fi', 'ru'], 2, true, ['dk', 'se']]);
    ledger.close();

    // The registry rebuilt from the store on reopening is the same.
    const again = openLedger(world);
    assert.deepEqual(again.parties().activeIds(), ['dk', 'fi', 'ru', 'se']);
    assert.equal(again.parties().get('fi')!.registeredAt, last.index);
    again.close();
  });

  it('with quorum "all" the newcomer raises the count needed', () => {
    const w = makeWorld(['dk', 'ru']);
    const l = openLedger(w);
    const p = l.append(propose(w, 'ru', 'lt'));
    l.createCheckpoint(w.log);
    assert.equal(l.checkpointStatus(1).needed, 2);
    l.append(approval(w, 'dk', p.index, p.leafHash));
    l.createCheckpoint(w.log);
    const status = l.checkpointStatus(2);
    assert.deepEqual([status.needed, status.missing], [3, ['dk', 'lt', 'ru']]);
    for (const id of ['dk', 'ru']) l.cosign(id, w.keys[id], 1, 2);
    assert.equal(l.checkpointStatus(2).agreed, false);
    l.cosign('lt', w.keys.lt, 1, 2);
    assert.equal(l.checkpointStatus(2).agreed, true);
    l.close();
    w.cleanup();
  });

  it('a sole party admits by proposing; a withdrawal completes a proposal that waited only for the leaver', () => {
    const w = makeWorld(['se']);
    const l = openLedger(w);
    l.append(propose(w, 'se', 'dk'));
    assert.deepEqual(l.parties().activeIds(), ['dk', 'se']);
    l.append(propose(w, 'dk', 'ee'));
    // A second proposal waits for the first's newcomer too, once that one is admitted.
    const q = l.append(propose(w, 'se', 'lv'));
    refused(() => l.append(signed(w, incident('ee', 1))), 'pending-party', /still needs the approval of se$/);
    const removal = l.append(signed(w, { v: 1, kind: 'party-removal', party: 'se', timeMs: T0, body: { reason: 'withdraws' } }));
    // se's removal completes ee's proposal (dk approved by proposing); lv's now waits for dk and ee.
    assert.deepEqual(l.parties().activeIds(), ['dk', 'ee']);
    assert.equal(l.parties().get('ee')!.registeredAt, removal.index);
    assert.deepEqual(l.parties().missingApprovals(l.parties().pendingAt(q.index)!), ['dk', 'ee']);
    l.append(signed(w, incident('ee', 2)));
    l.close();
    w.cleanup();
  });
});

describe('verify recomputes admissions from the log alone', () => {
  const world = makeWorld(['dk', 'ru', 'se']);
  after(() => world.cleanup());

  let builds = 0;
  function build(): { text: string; approvalIndex: number; firstNewcomerEntry: number } {
    const name = `build-${builds++}.db`;
    const l = openLedger(world, name);
    l.append(signed(world, incident('ru', 1)));
    const p = l.append(propose(world, 'se', 'ee'));
    l.append(approval(world, 'dk', p.index, p.leafHash));
    const a = l.append(approval(world, 'ru', p.index, p.leafHash));
    const first = l.append(signed(world, incident('ee', 1)));
    l.createCheckpoint(world.log);
    for (const id of ['dk', 'ee', 'ru', 'se']) l.cosign(id, world.keys[id], 5);
    l.close();
    const store = new SqliteLedgerStore(`${world.dir}/${name}`);
    assert.ok(verifyLog(storeVerifyInput(store)).ok);
    const text = `${[...exportLines(store)].join('\n')}\n`;
    store.close();
    return { text, approvalIndex: a.index, firstNewcomerEntry: first.index };
  }

  it('the export verifies, with the newcomer among the co-signers of an agreed checkpoint', () => {
    const { text } = build();
    const report = verifyLog(parseExport(text, 'log.jsonl'));
    assert.ok(report.ok, JSON.stringify(report.problems));
    assert.deepEqual(report.checkpoints.map((c) => [c.size, c.cosigners, c.needed, c.agreed]), [[5, ['dk', 'ee', 'ru', 'se'], 4, true]]);
  });

  it('a tampered approval is caught at its index, and the newcomer it admitted is then refused', () => {
    const { text, approvalIndex, firstNewcomerEntry } = build();
    const line = text.split('\n')[approvalIndex + 1];
    const row = JSON.parse(line) as { data: string };
    const entry = JSON.parse(row.data) as SignedEntry<'party-approval'>;

    // (a) A changed byte in the approval: its signature fails.
    const flipped = text.replace(line, line.replace(`\\"registration\\":${entry.body.registration}`, '\\"registration\\":0'));
    assert.notEqual(flipped, text);
    let report = verifyLog(parseExport(flipped, 'log.jsonl'));
    assert.equal(report.ok, false);
    assert.equal(report.firstBadIndex, approvalIndex);
    assert.ok(report.problems.some((p) => p.index === firstNewcomerEntry && /"ee" was proposed at entry 1 but is not admitted yet/.test(p.reason)));

    // (b) The approving party's own valid signature over an approval of a different hash (an operator
    // swapping in an approval of something else): refused as not matching the proposal.
    const swapped = parseExport(text, 'log.jsonl');
    const other = approval(world, 'ru', entry.body.registration, new Uint8Array(32).fill(7), entry.timeMs);
    swapped.entries[approvalIndex] = { index: approvalIndex, data: canonicalBytes(other) };
    report = verifyLog(swapped);
    assert.equal(report.ok, false);
    assert.equal(report.firstBadIndex, approvalIndex);
    assert.equal(report.problems[0].kind, 'signature');
    assert.match(report.problems[0].reason, /body\.leafHash does not match the leaf hash .* of the party registration at entry 1/);
    assert.ok(report.problems.some((p) => p.index === firstNewcomerEntry && /still needs the approval of ru$/.test(p.reason)));

    // (c) The approval dropped and the later entries moved up: the newcomer's entry is refused.
    const dropped = parseExport(text, 'log.jsonl');
    dropped.entries = dropped.entries
      .filter((e) => e.index !== approvalIndex)
      .map((e, i) => ({ index: i, data: e.data }));
    dropped.size = dropped.entries.length;
    dropped.checkpoints = [];
    dropped.cosignatures = [];
    report = verifyLog(dropped);
    assert.equal(report.ok, false);
    assert.equal(report.firstBadIndex, firstNewcomerEntry - 1);
    assert.match(report.problems[0].reason, /"ee" was proposed at entry 1 but is not admitted yet: it still needs the approval of ru$/);
  });
});

describe('the registry against a naive model of the rules', () => {
  it('random proposals, approvals, removals and entries give the same admissions and refusals', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 6; trial++) {
      const founders = ['a', 'b', 'c'].slice(0, randInt(rand, 1, 3));
      const w = makeWorld(founders);
      const l = openLedger(w);
      // The model: active set, removed set, proposals by index with approvers, in log order.
      const active = new Set(founders);
      const removed = new Set<string>();
      const proposals = new Map<number, { id: string; by: Set<string>; hash: Uint8Array }>();
      const pendingIds = () => new Set([...proposals.values()].map((p) => p.id));
      const admit = () => {
        for (const [i, p] of [...proposals].sort((x, y) => x[0] - y[0])) {
          if ([...active].every((id) => p.by.has(id))) {
            proposals.delete(i);
            active.add(p.id);
          }
        }
      };
      let next = 0;
      const names = ['d', 'e', 'f', 'g', 'h', 'i'];
      for (let step = 0; step < 40; step++) {
        const everyone = [...active, ...removed, ...pendingIds()];
        const who = everyone[randInt(rand, 0, everyone.length - 1)];
        const op = randInt(rand, 0, 9);
        const expectOk = active.has(who);
        if (op < 3 && next < names.length) {
          const e = propose(w, who, names[next]);
          if (!expectOk) {
            assert.throws(() => l.append(e), LedgerRefusal);
            continue;
          }
          const r = l.append(e);
          proposals.set(r.index, { id: names[next++], by: new Set([who]), hash: r.leafHash });
          admit();
        } else if (op < 7 && proposals.size > 0) {
          const list = [...proposals];
          const [index, p] = list[randInt(rand, 0, list.length - 1)];
          const e = approval(w, who, index, p.hash);
          if (!expectOk || p.by.has(who)) {
            assert.throws(() => l.append(e), LedgerRefusal, `${who} approving ${index}`);
            continue;
          }
          l.append(e);
          p.by.add(who);
          admit();
        } else if (op === 7 && active.size > 1) {
          const e = signed(w, { v: 1, kind: 'party-removal', party: who, timeMs: T0, body: { reason: 'leaves' } });
          if (!expectOk) {
            assert.throws(() => l.append(e), LedgerRefusal);
            continue;
          }
          l.append(e);
          active.delete(who);
          removed.add(who);
          admit();
        } else {
          const e = signed(w, incident(who, step));
          if (expectOk) l.append(e);
          else assert.throws(() => l.append(e), LedgerRefusal);
        }
        assert.deepEqual(l.parties().activeIds(), [...active].sort(), `trial ${trial} step ${step}`);
        assert.deepEqual(
          l.parties().pending().map((p) => p.id),
          [...proposals].sort((x, y) => x[0] - y[0]).map(([, p]) => p.id),
        );
      }
      const store = new SqliteLedgerStore(`${w.dir}/ledger.db`);
      const text = `${[...exportLines(store)].join('\n')}\n`;
      store.close();
      assert.ok(verifyLog(parseExport(text, 'log.jsonl')).ok);
      l.close();
      w.cleanup();
    }
  });
});
