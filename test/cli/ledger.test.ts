// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky keys` and `jointsky ledger` end to end through main(): keys generate (mode 0600), append, show,
// prove, checkpoint, cosign, export, verify, import; refusals exit 1; usage mistakes exit 2 with one line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/cli.ts';

const jointsky = runCli;

const dir = mkdtempSync(join(tmpdir(), 'jointsky-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const p = (name: string) => join(dir, name);

describe('jointsky keys and ledger (CLI)', () => {
  const db = p('ledger.db');
  const dbOpt = ['--db', db];

  it('keys generate writes a 0600 private key and prints the public key', async () => {
    for (const name of ['log', 'se', 'ru', 'dk']) {
      const r = await jointsky(['keys', 'generate', '--out', p(name)]);
      assert.equal(r.code, 0, r.err);
      assert.equal(statSync(p(`${name}.key`)).mode & 0o777, 0o600);
      const pub = readFileSync(p(`${name}.pub`), 'utf8').trim();
      assert.match(pub, /^[A-Za-z0-9+/]{43}=$/);
      assert.ok(r.out.includes(pub));
    }
    const again = await jointsky(['keys', 'generate', '--out', p('se')]);
    assert.equal(again.code, 1);
    assert.match(again.err, /exists; use --force/);
    const pub = await jointsky(['keys', 'public', '--key', p('se.key')]);
    assert.equal(pub.out.split('\n')[0], readFileSync(p('se.pub'), 'utf8').trim());
    const pubOf = (n: string) => readFileSync(p(`${n}.pub`), 'utf8').trim();
    writeFileSync(
      p('parties.json'),
      JSON.stringify({
        origin: 'baltic.jointsky.test/ledger',
        logPublicKey: pubOf('log'),
        parties: ['dk', 'ru', 'se'].map((id) => ({ id, publicKey: pubOf(id) })),
      }),
    );
  });

  it('append creates the log from --parties, signs as the party, and refuses another party', async () => {
    writeFileSync(
      p('incident.json'),
      JSON.stringify({ kind: 'incident-report', time: '2014-03-03T13:00:00Z', body: { incidentId: 'SK681', riskClass: 'A', summary: 'SK681 passed 90 m from an Il-20' } }),
    );
    writeFileSync(p('ack.json'), JSON.stringify({ kind: 'alert-ack', body: { alertId: 'stca-1', acknowledgedBy: 'Malmö ACC' } }));
    let r = await jointsky(['ledger', 'append', ...dbOpt, '--parties', p('parties.json'), '--party', 'se', '--key', p('se.key'), p('incident.json')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^appended entry 0 /);
    r = await jointsky(['ledger', 'append', ...dbOpt, '--party', 'dk', '--key', p('dk.key'), '--time', '2014-03-03T13:05:00Z', p('ack.json')]);
    assert.equal(r.code, 0, r.err);
    // ru's entry, from standard input.
    r = await jointsky(
      ['ledger', 'append', ...dbOpt, '--party', 'ru', '--key', p('ru.key'), '-'],
      JSON.stringify({ kind: 'flight-notification', timeMs: 1393851600000, body: { notificationId: 'n1', messageType: 'FPL', message: '(FPL-RFF7001-IM)' } }),
    );
    assert.equal(r.code, 0, r.err);
    // se's key cannot append as ru.
    r = await jointsky(['ledger', 'append', ...dbOpt, '--party', 'ru', '--key', p('se.key'), '--time', '2014-03-03T14:00:00Z', p('ack.json')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /^jointsky ledger append: refused: key .* is not the registered key of party "ru"/);
    r = await jointsky(['ledger', 'append', ...dbOpt, '--party', 'xx', '--key', p('se.key'), '--time', '2014-03-03T14:00:00Z', p('ack.json')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /refused: party "xx" is not a registered party/);
  });

  it('show and prove', async () => {
    let r = await jointsky(['ledger', 'show', ...dbOpt]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^\s+0 {2}2014-03-03T13:00:00.000Z {2}se\s+incident-report\s+incident SK681 class A/);
    r = await jointsky(['ledger', 'show', ...dbOpt, '--from', '1', '--limit', '1', '--json']);
    assert.equal(JSON.parse(r.out).entry.party, 'dk');
    r = await jointsky(['ledger', 'prove', ...dbOpt, '1', '--json']);
    const proof = JSON.parse(r.out);
    assert.equal(proof.verified, true);
    assert.equal(proof.proof.length, 2);
    r = await jointsky(['ledger', 'prove', ...dbOpt, '--consistency', '2']);
    assert.equal(r.code, 0);
    assert.match(r.out, /verified \(RFC 9162 §2\.1\.4\.2\)/);
  });

  it('checkpoint, cosign to quorum, verify', async () => {
    let r = await jointsky(['ledger', 'checkpoint', ...dbOpt, '--log-key', p('log.key')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^baltic\.jointsky\.test\/ledger\n3\n[A-Za-z0-9+/]{43}=\n\n— baltic\.jointsky\.test\/ledger /);
    assert.match(r.out, /not agreed yet: 0\/3 co-signatures; waiting for dk, ru, se/);
    for (const party of ['se', 'dk']) {
      r = await jointsky(['ledger', 'cosign', ...dbOpt, '--party', party, '--key', p(`${party}.key`), '--time', '2014-03-03T15:00:00Z']);
      assert.equal(r.code, 0, r.err);
    }
    r = await jointsky(['ledger', 'cosign', ...dbOpt, '--party', 'ru', '--key', p('dk.key')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /not the registered key of party "ru"/);
    r = await jointsky(['ledger', 'cosign', ...dbOpt, '--party', 'ru', '--key', p('ru.key')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /agreed \(3\/3 co-signatures\)/);
    r = await jointsky(['ledger', 'verify', db, '--parties', p('parties.json')]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /checkpoint 3: agreed \(3\/3 co-signatures: dk, ru, se\)\nOK/);
  });

  it('export, verify the file, import into a fresh copy, and catch tampering in both', async () => {
    let r = await jointsky(['ledger', 'export', ...dbOpt, '--out', p('log.jsonl')]);
    assert.equal(r.code, 0, r.err);
    r = await jointsky(['ledger', 'verify', p('log.jsonl'), '--json']);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.out).ok, true);
    r = await jointsky(['ledger', 'import', '--db', p('copy.db'), p('log.jsonl')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /imported into .*copy\.db: 3 entries, 1 checkpoints, 3 co-signatures/);
    r = await jointsky(['ledger', 'export', '--db', p('copy.db')]);
    assert.equal(r.out, readFileSync(p('log.jsonl'), 'utf8'), 'the copy exports byte for byte the same');

    // Tamper with entry 1 in the exported file: "Malmö" becomes "Malmo".
    writeFileSync(p('bad.jsonl'), readFileSync(p('log.jsonl'), 'utf8').replace('Malmö', 'Malmo'));
    r = await jointsky(['ledger', 'verify', p('bad.jsonl')]);
    assert.equal(r.code, 1);
    assert.match(r.out, /FAILED: first bad index 1\n/);
    r = await jointsky(['ledger', 'import', '--db', p('other.db'), p('bad.jsonl')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /does not verify; nothing imported/);

    // Tamper with entry 2 in the database file.
    const raw = new Database(p('copy.db'));
    const data = raw.prepare('SELECT data FROM entries WHERE idx = 2').pluck().get() as Buffer;
    data[data.length - 5] ^= 0x01;
    raw.prepare('UPDATE entries SET data = ? WHERE idx = 2').run(data);
    raw.close();
    r = await jointsky(['ledger', 'verify', p('copy.db')]);
    assert.equal(r.code, 1);
    assert.match(r.out, /FAILED: first bad index 2\n {2}(signature|entry): entry 2: /);
  });

  it('usage mistakes exit 2 with one line', async () => {
    const cases: string[][] = [
      ['ledger'],
      ['ledger', 'frobnicate'],
      ['ledger', 'append', ...dbOpt, '--key', p('se.key'), p('ack.json')],
      ['ledger', 'append', ...dbOpt, '--party', 'se', '--key', p('se.key'), '--time', 'yesterday', p('ack.json')],
      ['ledger', 'show', ...dbOpt, '--from', '-1'],
      ['ledger', 'show', ...dbOpt, '--colour'],
      ['ledger', 'prove', ...dbOpt],
      ['ledger', 'prove', ...dbOpt, '99'],
      ['ledger', 'approve', ...dbOpt, '--party', 'se', '--key', p('se.key')],
      ['ledger', 'approve', ...dbOpt, 'x', '--party', 'se', '--key', p('se.key')],
      ['keys', 'generate'],
      ['keys', 'proof', '--key', p('se.key'), '--party', 'fi'],
      ['keys'],
    ];
    for (const args of cases) {
      const r = await jointsky(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^jointsky (ledger|keys)/);
    }
  });

  it('a bad parties file names the file, the key and what is allowed', async () => {
    writeFileSync(p('bad-parties.json'), JSON.stringify({ origin: 'o', logPublicKey: 'nope', parties: [] }));
    const r = await jointsky(['ledger', 'append', '--db', p('new.db'), '--parties', p('bad-parties.json'), '--party', 'se', '--key', p('se.key'), p('incident.json')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /bad-parties\.json: key "logPublicKey" must be the base64 of a 32-byte Ed25519 public key/);
  });

  it('keys proof, propose, approve by every party, parties: the newcomer appends only once admitted', async () => {
    let r = await jointsky(['keys', 'generate', '--out', p('lt')]);
    assert.equal(r.code, 0, r.err);
    r = await jointsky(['keys', 'proof', '--key', p('lt.key'), '--party', 'lt', '--origin', 'baltic.jointsky.test/ledger']);
    assert.equal(r.code, 0, r.err);
    const body = JSON.parse(r.out);
    assert.deepEqual(Object.keys(body), ['party', 'publicKey', 'proof']);
    assert.equal(body.publicKey, readFileSync(p('lt.pub'), 'utf8').trim());
    writeFileSync(p('register-lt.json'), JSON.stringify({ kind: 'party-registration', time: '2014-03-04T09:00:00Z', body }));
    r = await jointsky(['ledger', 'append', ...dbOpt, '--party', 'se', '--key', p('se.key'), p('register-lt.json')]);
    assert.equal(r.code, 0, r.err);
    const n = Number(/^appended entry (\d+) /.exec(r.out)![1]);
    assert.match(r.out, new RegExp(`pending: party lt proposed by se at entry ${n}; approved by se; waiting for dk, ru\n`));
    const lt = ['ledger', 'append', ...dbOpt, '--party', 'lt', '--key', p('lt.key'), '--time', '2014-03-04T10:00:00Z', p('ack.json')];
    r = await jointsky(lt);
    assert.equal(r.code, 1);
    assert.match(r.err, /refused: party "lt" was proposed at entry \d+ but is not admitted yet: it still needs the approval of dk, ru\n$/);
    r = await jointsky(['ledger', 'approve', String(n), ...dbOpt, '--party', 'se', '--key', p('se.key'), '--time', '2014-03-04T09:30:00Z']);
    assert.equal(r.code, 1);
    assert.match(r.err, /refused: party "se" already approved the proposal at entry \d+ by making it/);
    r = await jointsky(['ledger', 'approve', '0', ...dbOpt, '--party', 'dk', '--key', p('dk.key'), '--time', '2014-03-04T09:30:00Z']);
    assert.equal(r.code, 1);
    assert.match(r.err, /refused: entry 0 is not a party registration \(its kind is incident-report\)\n$/);
    r = await jointsky(['ledger', 'approve', String(n), ...dbOpt, '--party', 'dk', '--key', p('dk.key'), '--time', '2014-03-04T09:30:00Z']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /waiting for ru\n$/);
    r = await jointsky(['ledger', 'parties', ...dbOpt]);
    assert.match(r.out, /^lt +pending +key [0-9a-f]{16} {2}proposed by se at entry \d+; approved by se, dk; waiting for ru$/m);
    assert.match(r.out, /\(3 active parties after \d+ entries\)/);
    r = await jointsky(['ledger', 'approve', String(n), ...dbOpt, '--party', 'ru', '--key', p('ru.key'), '--time', '2014-03-04T09:40:00Z']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /party lt is admitted from entry \d+ on\n$/);
    r = await jointsky(lt);
    assert.equal(r.code, 0, r.err);
    r = await jointsky(['ledger', 'parties', ...dbOpt, '--json']);
    const listed = JSON.parse(r.out);
    assert.deepEqual(
      listed.parties.map((x: { id: string; state: string }) => `${x.id}:${x.state}`),
      ['dk:active', 'lt:active', 'ru:active', 'se:active'],
    );
    assert.deepEqual(listed.pending, []);
    r = await jointsky(['ledger', 'verify', db, '--parties', p('parties.json')]);
    assert.equal(r.code, 0, r.out + r.err);
  });

  it('--help prints the full help; the binary runs', () => {
    const r = spawnSync(process.execPath, ['bin/jointsky.js', 'ledger', '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage:\n {2}jointsky ledger append/);
    assert.match(r.stdout, /Examples:/);
    const v = spawnSync(process.execPath, ['bin/jointsky.js', 'ledger', 'verify', join(dir, 'log.jsonl')], { encoding: 'utf8' });
    assert.equal(v.status, 0, v.stderr);
  });
});
