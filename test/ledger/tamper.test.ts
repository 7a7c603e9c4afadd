// SPDX-License-Identifier: GPL-3.0-or-later
// Tampering: flip bytes directly in the rows of the SQLite file (entries, signatures, tree hashes, checkpoints,
// co-signatures) and in an exported file; verify must fail and name the first bad index.

import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { exportLines, parseExport, storeVerifyInput } from '../../src/ledger/exchange.ts';
import { nodeId } from '../../src/ledger/tree.ts';
import { type VerifyReport, verifyLog } from '../../src/ledger/verify.ts';
import { SqliteLedgerStore } from '../../src/store/sqlite.ts';
import { mulberry32, randInt } from '../helpers/prng.ts';
import { type World, incident, makeWorld, openLedger, signed } from './helpers.ts';

const SIZE = 21;
const CHECKPOINT = 16;
let world: World;
let pristine: string;
let copies = 0;

/** A fresh copy of the pristine log, to tamper with. */
function copy(): string {
  const path = join(world.dir, `copy-${copies++}.db`);
  copyFileSync(pristine, path);
  return path;
}

function verifyFile(path: string): VerifyReport {
  const store = new SqliteLedgerStore(path);
  try {
    return verifyLog(storeVerifyInput(store));
  } finally {
    store.close();
  }
}

function flip(bytes: Uint8Array, at: number, mask = 0x01): Uint8Array {
  const out = new Uint8Array(bytes);
  out[at] ^= mask;
  return out;
}

before(() => {
  world = makeWorld(['dk', 'ru', 'se']);
  const ledger = openLedger(world, 'pristine.db');
  const parties = ['dk', 'ru', 'se'];
  for (let i = 0; i < CHECKPOINT; i++) ledger.append(signed(world, incident(parties[i % 3], i)));
  ledger.createCheckpoint(world.log);
  for (const p of parties) ledger.cosign(p, world.keys[p], 1717243200 + parties.indexOf(p));
  for (let i = CHECKPOINT; i < SIZE; i++) ledger.append(signed(world, incident(parties[i % 3], i)));
  ledger.createCheckpoint(world.log);
  ledger.close(); // closing the last connection folds the WAL into the file
  pristine = join(world.dir, 'pristine.db');
});
after(() => world.cleanup());

describe('tampering with the SQLite file', () => {
  it('the pristine log verifies', () => {
    const r = verifyFile(pristine);
    assert.ok(r.ok, JSON.stringify(r.problems));
    assert.equal(r.size, SIZE);
    assert.deepEqual(
      r.checkpoints.map((c) => [c.size, c.agreed]),
      [
        [CHECKPOINT, true],
        [SIZE, false],
      ],
    );
  });

  it('any flipped byte of an entry is caught and named by index', () => {
    const path = copy();
    const db = new Database(path);
    const target = 7;
    const original = db.prepare('SELECT data FROM entries WHERE idx = ?').pluck().get(target) as Buffer;
    const update = db.prepare('UPDATE entries SET data = ? WHERE idx = ?');
    for (let at = 0; at < original.length; at++) {
      update.run(flip(original, at, 1 << (at % 8)), target);
      const r = verifyFile(path);
      assert.equal(r.ok, false, `byte ${at}`);
      assert.equal(r.firstBadIndex, target, `byte ${at}: ${JSON.stringify(r.problems[0])}`);
    }
    db.close();
  });

  it('a flipped signature byte is reported as a bad signature at that index', () => {
    const path = copy();
    const db = new Database(path);
    const data = (db.prepare('SELECT data FROM entries WHERE idx = 3').pluck().get() as Buffer).toString();
    const sig = /"sig":"([^"]+)"/.exec(data)![1];
    const other = sig[0] === 'A' ? 'B' : 'A';
    db.prepare('UPDATE entries SET data = ? WHERE idx = 3').run(Buffer.from(data.replace(`"sig":"${sig}"`, `"sig":"${other}${sig.slice(1)}"`)));
    db.close();
    const r = verifyFile(path);
    assert.equal(r.firstBadIndex, 3);
    assert.equal(r.problems[0].kind, 'signature');
    assert.match(r.problems[0].reason, /signature does not verify with the registered key .* of party "dk"/);
  });

  it('a flipped leaf hash or tree node hash is caught and named', () => {
    for (const [level, index, first] of [
      [0, 12, 12],
      [1, 5, 10],
      [3, 1, 8],
      [4, 0, 0],
    ]) {
      const path = copy();
      const db = new Database(path);
      const id = nodeId(level, index);
      const hash = db.prepare('SELECT hash FROM nodes WHERE id = ?').pluck().get(id) as Buffer;
      db.prepare('UPDATE nodes SET hash = ? WHERE id = ?').run(flip(hash, 31, 0x80), id);
      db.close();
      const r = verifyFile(path);
      assert.equal(r.ok, false);
      assert.equal(r.firstBadIndex, first, `node level ${level} index ${index}`);
      assert.equal(r.problems[0].kind, level === 0 ? 'hash' : 'node');
    }
  });

  it('any flipped byte of a checkpoint note is caught', () => {
    const path = copy();
    const db = new Database(path);
    const note = db.prepare('SELECT note FROM checkpoints WHERE size = ?').pluck().get(CHECKPOINT) as string;
    const bytes = Buffer.from(note);
    const update = db.prepare('UPDATE checkpoints SET note = ? WHERE size = ?');
    for (let at = 0; at < bytes.length; at++) {
      update.run(Buffer.from(flip(bytes, at, 0x02)).toString('latin1'), CHECKPOINT);
      const r = verifyFile(path);
      assert.equal(r.ok, false, `note byte ${at}`);
      assert.ok(r.problems.some((p) => p.kind === 'checkpoint' || p.kind === 'cosignature'), `note byte ${at}`);
    }
    db.close();
  });

  it('any flipped byte of a co-signature line is caught', () => {
    const path = copy();
    const db = new Database(path);
    const line = db.prepare("SELECT line FROM cosignatures WHERE size = ? AND party = 'ru'").pluck().get(CHECKPOINT) as string;
    const bytes = Buffer.from(line);
    const update = db.prepare("UPDATE cosignatures SET line = ? WHERE size = ? AND party = 'ru'");
    for (let at = 0; at < bytes.length; at++) {
      update.run(Buffer.from(flip(bytes, at, 0x04)).toString('latin1'), CHECKPOINT);
      const r = verifyFile(path);
      assert.equal(r.ok, false, `co-signature byte ${at}`);
      assert.ok(r.problems.some((p) => p.kind === 'cosignature' && /"ru"/.test(p.reason)), `co-signature byte ${at}`);
      assert.equal(r.checkpoints[0].agreed, false);
    }
    db.close();
  });

  it('a truncated log and a rewritten history are caught', () => {
    let path = copy();
    let db = new Database(path);
    db.prepare('DELETE FROM entries WHERE idx = ?').run(SIZE - 1);
    db.close();
    let r = verifyFile(path);
    assert.equal(r.ok, false);
    assert.ok(r.problems.some((p) => /beyond the end of the log/.test(p.reason)));

    // Rewrite entry 2 validly (re-signed by its own party) and fix every stored hash: the signatures verify,
    // but the co-signed checkpoint no longer matches the tree.
    path = copy();
    const ledger = openLedger(world, 'rewritten.db');
    for (let i = 0; i < SIZE; i++) ledger.append(signed(world, i === 2 ? incident('se', 999) : incident(['dk', 'ru', 'se'][i % 3], i)));
    ledger.close();
    const source = new Database(join(world.dir, 'rewritten.db'));
    db = new Database(path);
    db.prepare('DELETE FROM entries').run();
    db.prepare('DELETE FROM nodes').run();
    const putE = db.prepare('INSERT INTO entries (idx, data) VALUES (?, ?)');
    const putN = db.prepare('INSERT INTO nodes (id, hash) VALUES (?, ?)');
    for (const row of source.prepare('SELECT idx, data FROM entries').raw().all() as [number, Buffer][]) putE.run(...row);
    for (const row of source.prepare('SELECT id, hash FROM nodes').raw().all() as [number, Buffer][]) putN.run(...row);
    db.close();
    source.close();
    r = verifyFile(path);
    assert.equal(r.ok, false);
    assert.ok(r.problems.some((p) => p.kind === 'checkpoint' && /rewritten or forked/.test(p.reason)));
  });
});

describe('tampering with an exported file', () => {
  it('the export verifies, and any flipped byte fails, naming the entry it falls in', () => {
    const store = new SqliteLedgerStore(pristine);
    const lines = [...exportLines(store)];
    store.close();
    const text = `${lines.join('\n')}\n`;
    const clean = verifyLog(parseExport(text, 'log.jsonl'));
    assert.ok(clean.ok, JSON.stringify(clean.problems));

    const bytes = Buffer.from(text);
    const lineStart: number[] = [0];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) lineStart.push(i + 1);
    const lineOf = (at: number) => lineStart.findLastIndex((s) => s <= at);
    const rand = mulberry32(42);
    for (let trial = 0; trial < 400; trial++) {
      const at = trial < 50 ? trial : randInt(rand, 0, bytes.length - 1);
      const tampered = Buffer.from(flip(bytes, at, 1 << randInt(rand, 0, 7)));
      let report: VerifyReport;
      try {
        report = verifyLog(parseExport(tampered.toString('utf8'), 'log.jsonl'));
      } catch (err) {
        assert.equal(lineOf(at), 0, `only a damaged header may stop parsing (byte ${at}): ${err}`);
        continue;
      }
      assert.equal(report.ok, false, `byte ${at} (line ${lineOf(at) + 1}) went unnoticed`);
      const line = lineOf(at);
      if (line >= 1 && line <= SIZE) assert.equal(report.firstBadIndex, line - 1, `byte ${at}: ${JSON.stringify(report.problems[0])}`);
    }
  });

  it('reads the export written to disk the same way', () => {
    const store = new SqliteLedgerStore(pristine);
    const path = join(world.dir, 'log.jsonl');
    writeFileSync(path, `${[...exportLines(store)].join('\n')}\n`);
    store.close();
    assert.ok(verifyLog(parseExport(readFileSync(path, 'utf8'), path)).ok);
  });
});
