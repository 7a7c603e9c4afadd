// SPDX-License-Identifier: GPL-3.0-or-later
// Moving a log as a file, so that any party or an outsider can verify it without a server, and merging a
// party's copy into another's. The export is JSON Lines, each line canonical JSON:
//
//   {"config":{...},"format":"jointsky-ledger-export/1","size":N}           header
//   {"data":"<entry bytes as a string>","index":i,"leafHash":"<base64>"}   one line per entry, in order
//   {"checkpoint":{"note":"...","size":S}}                                  log-signed checkpoints
//   {"cosignature":{"line":"— ...","party":"se","size":S}}                  co-signatures
//
// The entry bytes are kept as a string, not re-encoded, so the file carries exactly the leaf data.

import { writeSync } from 'node:fs';
import type { LedgerStore, StoredCheckpoint, StoredCosignature } from '../store/store.ts';
import { canonicalJson } from './canonical.ts';
import { ConfigError, type LedgerConfig, configJson, validateConfig } from './config.ts';
import { bytesEqual, fromBase64, toBase64 } from './hash.ts';
import { Ledger } from './log.ts';
import { nodeId } from './tree.ts';
import { type VerifyInput, type VerifyReport, verifyLog } from './verify.ts';

export const EXPORT_FORMAT = 'jointsky-ledger-export/1';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A parsed export file. */
export interface ExportedLog extends VerifyInput {
  entries: { index: number; data: Uint8Array; leafHash?: Uint8Array; damaged?: string }[];
}

/** The lines of an export of `store`, each without its newline. */
export function* exportLines(store: LedgerStore): Iterable<string> {
  const config = JSON.parse(store.getMeta('config') ?? 'null') as LedgerConfig;
  const size = store.size();
  yield canonicalJson({ format: EXPORT_FORMAT, config, size });
  const BATCH = 512;
  let batch: { index: number; data: Uint8Array }[] = [];
  const emit = function* (): Iterable<string> {
    const hashes = store.nodeHashes(batch.map((e) => nodeId(0, e.index)));
    for (let i = 0; i < batch.length; i++) {
      const h = hashes[i];
      yield canonicalJson({ index: batch[i].index, data: decoder.decode(batch[i].data), leafHash: h ? toBase64(h) : undefined });
    }
    batch = [];
  };
  for (const e of store.entries(0, size)) {
    batch.push(e);
    if (batch.length >= BATCH) yield* emit();
  }
  yield* emit();
  for (const cp of store.checkpoints()) yield canonicalJson({ checkpoint: { size: cp.size, note: cp.note } });
  for (const c of store.cosignatures()) yield canonicalJson({ cosignature: { size: c.size, party: c.party, line: c.line } });
}

/** Writes the export of `store` to a file descriptor (a file, or 1 for stdout). Returns lines written. */
export function writeExport(store: LedgerStore, fd: number): number {
  let n = 0;
  let chunk: string[] = [];
  const write = () => {
    writeSync(fd, encoder.encode(chunk.join('')));
    chunk = [];
  };
  for (const line of exportLines(store)) {
    chunk.push(`${line}\n`);
    n++;
    if (chunk.length >= 1024) write();
  }
  write();
  return n;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses an export file. A damaged header fails (ConfigError naming the file); a damaged entry line is kept as
 * a damaged entry at its position, so that verify names its index; damaged checkpoint lines become
 * checkpoints that fail to verify.
 */
export function parseExport(text: string, source: string): ExportedLog {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let header: unknown;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    throw new ConfigError(`${source}: line 1 is not a jointsky ledger export header`);
  }
  if (!isRecord(header) || header.format !== EXPORT_FORMAT) {
    throw new ConfigError(`${source}: line 1 must be a header with "format": "${EXPORT_FORMAT}"`);
  }
  const config = validateConfig(header.config, `${source} (header config)`);
  const size = header.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new ConfigError(`${source}: header key "size" must be a whole number of entries`);
  }
  const entries: ExportedLog['entries'] = [];
  const checkpoints: StoredCheckpoint[] = [];
  const cosignatures: StoredCosignature[] = [];
  for (let ln = 1; ln < lines.length; ln++) {
    const position = ln - 1;
    let value: unknown;
    try {
      value = JSON.parse(lines[ln]);
    } catch {
      value = undefined;
    }
    if (position < size) {
      const ok = isRecord(value) && value.index === position && typeof value.data === 'string';
      if (!ok) {
        entries.push({ index: position, data: new Uint8Array(), damaged: `line ${ln + 1} of ${source} is not a valid entry line` });
        continue;
      }
      const v = value as { data: string; leafHash?: unknown };
      const leafHash = typeof v.leafHash === 'string' ? fromBase64(v.leafHash) : undefined;
      entries.push({ index: position, data: encoder.encode(v.data), leafHash: leafHash ?? new Uint8Array() });
      continue;
    }
    if (isRecord(value) && isRecord(value.checkpoint)) {
      const cp = value.checkpoint;
      if (typeof cp.size === 'number' && typeof cp.note === 'string') {
        checkpoints.push({ size: cp.size, note: cp.note });
        continue;
      }
    }
    if (isRecord(value) && isRecord(value.cosignature)) {
      const c = value.cosignature;
      if (typeof c.size === 'number' && typeof c.party === 'string' && typeof c.line === 'string') {
        cosignatures.push({ size: c.size, party: c.party, line: c.line });
        continue;
      }
    }
    // A checkpoint or co-signature line that no longer parses: keep it as an unverifiable checkpoint.
    checkpoints.push({ size: -1, note: `line ${ln + 1} of ${source} is damaged` });
  }
  return { location: source, config, size, entries, checkpoints, cosignatures };
}

/** A store seen as verification input. */
export function storeVerifyInput(store: LedgerStore): VerifyInput {
  const config = validateConfig(JSON.parse(store.getMeta('config') ?? 'null'), `${store.location} (stored configuration)`);
  const nodes: VerifyInput['nodes'] = {
    nodeHashes: (ids) => store.nodeHashes(ids),
    nodeCount: () => store.nodeCount(),
    nodeBlock: (index) => store.nodeBlock(index),
    blockCount: () => store.blockCount(),
  };
  const size = store.size();
  return {
    location: store.location,
    config,
    size,
    entries: store.entries(0, size),
    nodes,
    checkpoints: store.checkpoints(),
    cosignatures: store.cosignatures(),
  };
}

export interface ImportResult {
  report: VerifyReport;
  /** Entries added to the store. */
  added: number;
  checkpointsAdded: number;
  cosignaturesAdded: number;
}

export class ForkError extends Error {
  override name = 'ForkError';
}

/**
 * Imports an exported log into a store: verifies it completely first and refuses it if anything fails. An
 * empty store takes it whole. A store that already holds the log must have the same configuration, its
 * entries must be a prefix of the export's, and checkpoints at the same size must agree (else ForkError);
 * new entries, checkpoints and co-signatures are added.
 */
export function importLog(exported: ExportedLog, store: LedgerStore): ImportResult {
  const report = verifyLog(exported);
  if (!report.ok) return { report, added: 0, checkpointsAdded: 0, cosignaturesAdded: 0 };
  const ledger = Ledger.openOrCreate(store, exported.config);
  if (configJson(ledger.config) !== configJson(exported.config)) throw new ConfigError(`${store.location}: a different log`);
  const common = Math.min(ledger.size, exported.entries.length);
  for (let start = 0; start < common; start += 512) {
    const ids: number[] = [];
    for (let i = start; i < Math.min(common, start + 512); i++) ids.push(nodeId(0, i));
    const ours = store.nodeHashes(ids);
    ours.forEach((h, k) => {
      const theirs = exported.entries[start + k].leafHash;
      if (!h || !theirs || !bytesEqual(h, theirs)) {
        throw new ForkError(`fork: entry ${start + k} differs between ${store.location} and ${exported.location}`);
      }
    });
  }
  for (const cp of exported.checkpoints) {
    const mine = store.checkpoint(cp.size);
    if (!mine || cp.size > ledger.size) continue;
    const check = ledger.checkCheckpoint(cp.note);
    if (!check.ok && check.fork) throw new ForkError(`${exported.location}: ${check.reason}`);
  }
  let added = 0;
  const fresh = exported.entries.slice(ledger.size);
  for (let i = 0; i < fresh.length; i += 1000) {
    const batch = fresh.slice(i, i + 1000).map((e) => JSON.parse(decoder.decode(e.data)) as unknown);
    added += ledger.appendBatch(batch).length;
  }
  let checkpointsAdded = 0;
  for (const cp of exported.checkpoints) {
    if (store.checkpoint(cp.size)) continue;
    const check = ledger.checkCheckpoint(cp.note);
    if (!check.ok) throw new ForkError(`${exported.location}: ${check.reason}`);
    store.putCheckpoint(cp);
    checkpointsAdded++;
  }
  let cosignaturesAdded = 0;
  const have = new Set(store.cosignatures().map((c) => `${c.size} ${c.party} ${c.line}`));
  for (const c of exported.cosignatures) {
    if (have.has(`${c.size} ${c.party} ${c.line}`)) continue;
    ledger.addCosignature(c.size, c.party, c.line);
    cosignaturesAdded++;
  }
  return { report: verifyLog(storeVerifyInput(store)), added, checkpointsAdded, cosignaturesAdded };
}
