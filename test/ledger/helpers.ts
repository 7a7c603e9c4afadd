// SPDX-License-Identifier: GPL-3.0-or-later
// Shared set-up for ledger tests: parties with keys, a configuration, temporary SQLite files, entries.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerConfig } from '../../src/ledger/config.ts';
import { type EntryKind, type SignedEntry, type UnsignedEntry, signEntry } from '../../src/ledger/entry.ts';
import { type KeyPair, generateKeyPair } from '../../src/ledger/keys.ts';
import { Ledger } from '../../src/ledger/log.ts';
import { SqliteLedgerStore } from '../../src/store/sqlite.ts';

export const ORIGIN = 'baltic.jointsky.test/ledger';
export const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);

export interface World {
  dir: string;
  config: LedgerConfig;
  log: KeyPair;
  keys: Record<string, KeyPair>;
  cleanup(): void;
}

export function makeWorld(partyIds: string[] = ['dk', 'ru', 'se'], quorum: LedgerConfig['quorum'] = 'all'): World {
  const dir = mkdtempSync(join(tmpdir(), 'jointsky-ledger-'));
  const log = generateKeyPair();
  const keys: Record<string, KeyPair> = {};
  for (const id of partyIds) keys[id] = generateKeyPair();
  const config: LedgerConfig = {
    origin: ORIGIN,
    logPublicKey: log.publicKey.base64,
    quorum,
    parties: partyIds.map((id) => ({ id, publicKey: keys[id].publicKey.base64 })),
  };
  return { dir, config, log, keys, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openLedger(world: World, name = 'ledger.db'): Ledger {
  return Ledger.openOrCreate(new SqliteLedgerStore(join(world.dir, name)), world.config);
}

export function incident(party: string, n: number, timeMs = T0 + n * 1000): UnsignedEntry<'incident-report'> {
  return {
    v: 1,
    kind: 'incident-report',
    party,
    timeMs,
    body: { incidentId: `inc-${party}-${n}`, riskClass: 'B', summary: `close encounter ${n} over the Baltic` },
  };
}

export function signed<K extends EntryKind>(world: World, entry: UnsignedEntry<K>, signer = entry.party): SignedEntry<K> {
  return signEntry(ORIGIN, entry, world.keys[signer].privateKey);
}
