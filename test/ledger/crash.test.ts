// SPDX-License-Identifier: GPL-3.0-or-later
// Crash safety: kill -9 a child process while it appends. After each restart no acknowledged entry is lost
// and the log verifies.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { nodeId } from '../../src/ledger/tree.ts';
import { storeVerifyInput } from '../../src/ledger/exchange.ts';
import { toHex } from '../../src/ledger/hash.ts';
import { privateKeyToPem } from '../../src/ledger/keys.ts';
import { verifyLog } from '../../src/ledger/verify.ts';
import { SqliteLedgerStore } from '../../src/store/sqlite.ts';
import { makeWorld } from './helpers.ts';

/** Runs the child until it has acknowledged `count` more entries, then SIGKILLs it; returns the acks. */
function runAndKill(dir: string, count: number, delayMs: number): Promise<Map<number, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/ledger/crash-child.ts', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks = new Map<number, string>();
    let buffered = '';
    let stderr = '';
    let killing = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [i, h] = line.split(' ');
        acks.set(Number(i), h);
      }
      if (acks.size >= count && !killing) {
        killing = true;
        // Kill a little later, at an arbitrary point inside the append loop.
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code}: ${stderr}`));
      else resolve(acks);
    });
  });
}

describe('crash safety (kill -9 during appends)', () => {
  const world = makeWorld(['dk', 'ru', 'se']);
  after(() => world.cleanup());
  writeFileSync(join(world.dir, 'config.json'), JSON.stringify(world.config));
  for (const [id, k] of Object.entries(world.keys)) writeFileSync(join(world.dir, `${id}.key`), privateKeyToPem(k.privateKey), { mode: 0o600 });

  it('loses no acknowledged entry over three kills, and the log verifies after each', async () => {
    const all = new Map<number, string>();
    for (let round = 0; round < 3; round++) {
      const acks = await runAndKill(world.dir, 60, round * 7);
      for (const [i, h] of acks) all.set(i, h);
      const store = new SqliteLedgerStore(join(world.dir, 'ledger.db'));
      const maxAcked = Math.max(...all.keys());
      assert.ok(store.size() >= maxAcked + 1, `round ${round}: size ${store.size()} but entry ${maxAcked} was acknowledged`);
      const stored = store.nodeHashes([...all.keys()].map((i) => nodeId(0, i)));
      [...all.values()].forEach((h, k) => {
        assert.equal(stored[k] && toHex(stored[k]), h, `round ${round}: acknowledged entry changed`);
      });
      const report = verifyLog(storeVerifyInput(store));
      assert.ok(report.ok, JSON.stringify(report.problems.slice(0, 3)));
      store.close();
    }
  });
});
