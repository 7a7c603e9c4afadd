// SPDX-License-Identifier: GPL-3.0-or-later
// What several commands read the same way: a text input (a file, or '-' for standard input), and the shared log
// (opened, or created from a parties file).

import { existsSync, readFileSync } from 'node:fs';
import { type LedgerConfig, parseConfig } from '../ledger/config.ts';
import { Ledger } from '../ledger/log.ts';
import { SqliteLedgerStore } from '../store/sqlite.ts';
import { type CliIO, UsageError } from './usage.ts';

/** The whole text of a file, or of standard input for '-'. */
export async function readInput(path: string, io: CliIO): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** A log's founding configuration (its parties) from a file; errors name the file and the key. */
export function loadLedgerConfig(path: string): LedgerConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read parties file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return parseConfig(text, path);
}

/**
 * Opens the log at `path` (checked against `config` when given); creates it from `config` when the file does not
 * exist and `create` allows. `command` names the caller in usage errors.
 */
export function openLedgerAt(path: string, config: LedgerConfig | undefined, create: boolean, command: string): Ledger {
  if (!existsSync(path)) {
    if (!create) throw new Error(`no log at ${path} (give the log's file, or create it with --parties FILE)`);
    if (!config) throw new UsageError(`${command}: ${path} does not exist; give --parties FILE to create the log`);
    // the configuration is checked before the file is made, so a bad one leaves nothing behind
    return Ledger.create(new SqliteLedgerStore(path), config);
  }
  const store = new SqliteLedgerStore(path, { mustExist: true });
  try {
    return Ledger.open(store, config);
  } catch (err) {
    store.close();
    throw err;
  }
}
