// SPDX-License-Identifier: GPL-3.0-or-later
// Child process for crash.test.ts: appends entries to DIR/ledger.db forever, printing "index leafHashHex"
// after each append returns (that is, after the entry is acknowledged as durable). The parent kills it with
// SIGKILL at an arbitrary moment.

import { readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/ledger/config.ts';
import { signEntry } from '../../src/ledger/entry.ts';
import { toHex } from '../../src/ledger/hash.ts';
import { parsePrivateKeyPem } from '../../src/ledger/keys.ts';
import { Ledger } from '../../src/ledger/log.ts';
import { SqliteLedgerStore } from '../../src/store/sqlite.ts';

const dir = process.argv[2];
const config = parseConfig(readFileSync(join(dir, 'config.json'), 'utf8'), 'config.json');
const keys = Object.fromEntries(config.parties.map((p) => [p.id, parsePrivateKeyPem(readFileSync(join(dir, `${p.id}.key`), 'utf8'))]));
const ledger = Ledger.openOrCreate(new SqliteLedgerStore(join(dir, 'ledger.db')), config);
const T0 = Date.UTC(2024, 5, 1);
for (;;) {
  const index = ledger.size;
  const party = config.parties[index % config.parties.length].id;
  const entry = signEntry(
    config.origin,
    { v: 1, kind: 'incident-report', party, timeMs: T0 + index * 1000, body: { incidentId: `crash-${index}`, riskClass: 'C', summary: 'x'.repeat(1 + (index % 300)) } },
    keys[party].privateKey,
  );
  const { leafHash } = ledger.append(entry);
  writeSync(1, `${index} ${toHex(leafHash)}\n`);
}
