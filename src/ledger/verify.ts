// SPDX-License-Identifier: GPL-3.0-or-later
// Offline verification of a whole log, from a store or from an exported file: every entry's form and
// signature (replaying the party registry), every stored hash against the entries, every checkpoint's log
// signature and root, every co-signature, and a consistency proof from every checkpoint to the current tree.
// It reports all problems it finds, sorted so the first bad entry index comes first.

import type { StoredCheckpoint, StoredCosignature } from '../store/store.ts';
import { parseCanonical } from './canonical.ts';
import { type Checkpoint, checkpointBody, openCheckpoint, openCosignature } from './checkpoint.ts';
import { type LedgerConfig, configJson } from './config.ts';
import { type SignedEntry, checkEntryShape } from './entry.ts';
import { EMPTY_ROOT, bytesEqual, leafHash, toBase64 } from './hash.ts';
import { BLOCK_BYTES, BLOCK_LEAVES, BLOCK_LEVELS, blockNodeIds, blockOffset, hashInBlock, inBlocks } from './blocks.ts';
import { parsePublicKey } from './keys.ts';
import { quorumNeeded } from './log.ts';
import { verifyConsistency } from './proofs.ts';
import { PartyRegistry, isPartyEntry } from './registry.ts';
import {
  Frontier,
  type NodeReader,
  type NodeWrite,
  consistencyProof,
  describeNode,
  nodeId,
  nodeIndex,
  nodeLeaves,
  nodeLevel,
} from './tree.ts';

/** What is verified: a log as a store or an export presents it. */
export interface VerifyInput {
  /** For messages: a file path. */
  location: string;
  config: LedgerConfig;
  /** Number of entries the source claims. */
  size: number;
  /** Entries in index order. `leafHash` is the hash the source stored with the entry, if it stores one. */
  entries: Iterable<{ index: number; data: Uint8Array; leafHash?: Uint8Array; damaged?: string }>;
  /** Stored tree nodes (a store has them; an export does not), and the stored blocks of low nodes. */
  nodes?: NodeReader & { nodeCount(): number; nodeBlock?(index: number): Uint8Array | undefined; blockCount?(): number };
  checkpoints: StoredCheckpoint[];
  cosignatures: StoredCosignature[];
}

export type ProblemKind = 'entry' | 'signature' | 'hash' | 'node' | 'size' | 'checkpoint' | 'cosignature' | 'config';

export interface Problem {
  kind: ProblemKind;
  /** The entry the problem is at (for checkpoints: the last entry the checkpoint covers). */
  index?: number;
  /** The checkpoint size, for checkpoint and co-signature problems. */
  size?: number;
  reason: string;
}

export interface CheckpointReport {
  size: number;
  root: string;
  cosigners: string[];
  missing: string[];
  needed: number;
  agreed: boolean;
}

export interface VerifyReport {
  ok: boolean;
  location: string;
  origin: string;
  size: number;
  root: string;
  /** The lowest entry index with a problem, if any. */
  firstBadIndex?: number;
  problems: Problem[];
  checkpoints: CheckpointReport[];
}

const FLUSH = 4096;

export interface VerifyOptions {
  /** A configuration the verifier holds independently; the log's own must equal it. */
  trustedConfig?: LedgerConfig;
}

/** Verifies a log completely. Never throws for bad data; every finding is a Problem. */
export function verifyLog(input: VerifyInput, options: VerifyOptions = {}): VerifyReport {
  const problems: Problem[] = [];
  const config = input.config;
  if (options.trustedConfig && configJson(options.trustedConfig) !== configJson(config)) {
    problems.push({ kind: 'config', reason: 'the configuration stored in the log differs from the trusted configuration given' });
  }
  const logKey = parsePublicKey(config.logPublicKey)!;
  const registry = PartyRegistry.fromConfig(config);

  // Checkpoints by size; the root and registry at each of those sizes are captured during the pass.
  const checkpointSizes = new Set<number>();
  const opened: { stored: StoredCheckpoint; cp?: Checkpoint }[] = [];
  const bySize = new Map<number, Checkpoint>();
  for (const stored of input.checkpoints) {
    const o = openCheckpoint(stored.note, config.origin, logKey);
    if (!o.ok) {
      problems.push({ kind: 'checkpoint', size: stored.size, index: stored.size - 1, reason: `checkpoint at size ${stored.size}: ${o.reason}` });
      opened.push({ stored });
      continue;
    }
    if (o.value.size !== stored.size) {
      problems.push({ kind: 'checkpoint', size: stored.size, reason: `checkpoint stored at size ${stored.size} says size ${o.value.size}` });
    }
    const other = bySize.get(o.value.size);
    if (other && !bytesEqual(other.rootHash, o.value.rootHash)) {
      problems.push({
        kind: 'checkpoint',
        size: o.value.size,
        index: o.value.size - 1,
        reason: `fork: the log signed two different roots at size ${o.value.size} (${toBase64(other.rootHash)} and ${toBase64(o.value.rootHash)})`,
      });
    }
    bySize.set(o.value.size, o.value);
    checkpointSizes.add(o.value.size);
    opened.push({ stored, cp: o.value });
  }
  const rootsAt = new Map<number, Uint8Array>([[0, EMPTY_ROOT]]);
  const registriesAt = new Map<number, PartyRegistry>();
  if (checkpointSizes.has(0)) registriesAt.set(0, registry.clone());

  // The pass over the entries.
  const frontier = Frontier.empty();
  let pending: NodeWrite[] = [];
  // Stored nodes that differ from the ones computed from the entries. A node above a bad node is bad as a
  // consequence, so only the lowest bad node of a subtree is reported.
  const badNodes = new Set<number>();
  const flush = () => {
    if (!input.nodes || pending.length === 0) return;
    const stored = input.nodes.nodeHashes(pending.map((n) => n.id));
    pending.forEach((n, i) => {
      const s = stored[i];
      if (s && bytesEqual(s, n.hash)) return;
      badNodes.add(n.id);
      const level = nodeLevel(n.id);
      const { start } = nodeLeaves(n.id);
      if (level === 0) {
        problems.push({ kind: 'hash', index: start, reason: s ? 'stored leaf hash differs from the hash of the entry' : 'leaf hash is missing from the store' });
        return;
      }
      const left = nodeId(level - 1, nodeIndex(n.id) * 2);
      if (badNodes.has(left) || badNodes.has(left + 1)) return;
      problems.push({ kind: 'node', index: start, reason: `stored tree node ${describeNode(n.id)} ${s ? 'does not match its two children' : 'is missing'}` });
    });
    pending = [];
  };
  // Blocks of the low levels (blocks.ts), recomputed here and compared with the stored ones as they complete.
  const block = new Uint8Array(BLOCK_BYTES);
  const checkBlock = (b: number) => {
    const stored = input.nodes?.nodeBlock?.(b);
    if (!stored) return; // an index only: a log without it still gives every proof, from the node table
    const ids = blockNodeIds(b);
    const bad = stored.length !== BLOCK_BYTES ? ids[0] : ids.find((id) => !bytesEqual(hashInBlock(stored, id), hashInBlock(block, id)));
    if (bad === undefined) return;
    const { start, end } = nodeLeaves(nodeId(BLOCK_LEVELS, b));
    problems.push({
      kind: 'node',
      index: nodeLeaves(bad).start,
      reason: `stored node block ${b} (entries ${start}..${end - 1}) differs from the tree at node ${describeNode(bad)}`,
    });
  };
  let expected = 0;
  for (const e of input.entries) {
    if (e.index !== expected) {
      problems.push({ kind: 'entry', index: expected, reason: `entry ${expected} is missing (the next stored entry is ${e.index})` });
      break;
    }
    expected++;
    const hash = leafHash(e.data);
    for (const n of frontier.append(hash)) {
      pending.push(n);
      if (inBlocks(n.id)) block.set(n.hash, blockOffset(n.id));
    }
    if (frontier.size % BLOCK_LEAVES === 0) checkBlock(frontier.size / BLOCK_LEAVES - 1);
    if (pending.length >= FLUSH) flush();
    if (e.leafHash && !bytesEqual(e.leafHash, hash)) {
      problems.push({ kind: 'hash', index: e.index, reason: 'stored leaf hash differs from the hash of the entry' });
    }
    const entry = checkEntry(e, registry, problems);
    if (entry && isPartyEntry(entry.kind)) registry.apply(entry, e.index, hash);
    if (checkpointSizes.has(frontier.size)) {
      rootsAt.set(frontier.size, frontier.root());
      registriesAt.set(frontier.size, registry.clone());
    }
  }
  flush();
  const size = frontier.size;
  if (size !== input.size) {
    problems.push({ kind: 'size', index: size, reason: `the log claims ${input.size} entries but holds ${size}` });
  }
  if (input.nodes) {
    let expectedNodes = 0;
    for (let width = 1; width <= size; width *= 2) expectedNodes += Math.floor(size / width);
    const count = input.nodes.nodeCount();
    if (count !== expectedNodes) {
      problems.push({ kind: 'node', index: size, reason: `the store holds ${count} tree nodes where ${expectedNodes} belong to ${size} entries` });
    }
    const blocks = input.nodes.blockCount?.() ?? 0;
    if (blocks > Math.floor(size / BLOCK_LEAVES)) {
      problems.push({
        kind: 'node',
        index: size,
        reason: `the store holds ${blocks} node blocks where at most ${Math.floor(size / BLOCK_LEAVES)} belong to ${size} entries`,
      });
    }
  }
  const root = frontier.root();

  // Checkpoints: root, consistency with the current tree, co-signatures, quorum.
  const reports: CheckpointReport[] = [];
  const cosigsBySize = new Map<number, StoredCosignature[]>();
  for (const c of input.cosignatures) {
    if (!bySize.has(c.size)) {
      problems.push({ kind: 'cosignature', size: c.size, reason: `co-signature by "${c.party}" for size ${c.size}, where the log has no valid checkpoint` });
      continue;
    }
    cosigsBySize.set(c.size, [...(cosigsBySize.get(c.size) ?? []), c]);
  }
  for (const { cp } of opened) {
    if (!cp) continue;
    const where = `checkpoint at size ${cp.size}`;
    const atRoot = rootsAt.get(cp.size);
    if (!atRoot) {
      problems.push({ kind: 'checkpoint', size: cp.size, index: size, reason: `${where} is beyond the end of the log (${size} entries): entries were removed` });
      continue;
    }
    if (!bytesEqual(atRoot, cp.rootHash)) {
      problems.push({
        kind: 'checkpoint',
        size: cp.size,
        index: cp.size - 1,
        reason: `${where}: the log signed root ${toBase64(cp.rootHash)} but the entries give ${toBase64(atRoot)} (rewritten or forked)`,
      });
    } else if (input.nodes && cp.size > 0 && cp.size <= size) {
      // RFC 9162 §2.1.4: prove, from the stored tree, that the checkpoint's tree is a prefix of the current one.
      try {
        const check = verifyConsistency(cp.size, size, cp.rootHash, root, consistencyProof(input.nodes, cp.size, size));
        if (!check.ok) problems.push({ kind: 'checkpoint', size: cp.size, reason: `${where}: consistency proof fails: ${check.reason}` });
      } catch (err) {
        problems.push({ kind: 'checkpoint', size: cp.size, reason: `${where}: ${(err as Error).message}` });
      }
    }
    const reg = registriesAt.get(cp.size)!;
    const body = checkpointBody(cp);
    const cosigners: string[] = [];
    for (const c of cosigsBySize.get(cp.size) ?? []) {
      const key = reg.activeKey(c.party);
      const check = key ? openCosignature(body, c.line, c.party, key) : { ok: false as const, reason: `"${c.party}" was not an active party` };
      if (check.ok) cosigners.push(c.party);
      else problems.push({ kind: 'cosignature', size: cp.size, reason: `co-signature by "${c.party}" on ${where}: ${check.reason}` });
    }
    const active = reg.activeIds();
    const needed = quorumNeeded(config.quorum, active.length);
    cosigners.sort();
    reports.push({
      size: cp.size,
      root: toBase64(cp.rootHash),
      cosigners,
      missing: active.filter((p) => !cosigners.includes(p)),
      needed,
      agreed: cosigners.length >= needed,
    });
  }

  problems.sort((a, b) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER));
  const firstBad = problems.find((p) => p.index !== undefined && ['entry', 'signature', 'hash', 'node'].includes(p.kind));
  const report: VerifyReport = {
    ok: problems.length === 0,
    location: input.location,
    origin: config.origin,
    size,
    root: toBase64(root),
    problems,
    checkpoints: reports,
  };
  if (firstBad) report.firstBadIndex = firstBad.index;
  return report;
}

function checkEntry(
  e: { index: number; data: Uint8Array; damaged?: string },
  registry: PartyRegistry,
  problems: Problem[],
): SignedEntry | undefined {
  if (e.damaged) {
    problems.push({ kind: 'entry', index: e.index, reason: e.damaged });
    return undefined;
  }
  const parsed = parseCanonical(e.data);
  if (!parsed.ok) {
    problems.push({ kind: 'entry', index: e.index, reason: `entry bytes are ${parsed.reason}` });
    return undefined;
  }
  const shape = checkEntryShape(parsed.value, true);
  if (!shape.ok) {
    problems.push({ kind: 'entry', index: e.index, reason: shape.reason });
    return undefined;
  }
  const refusal = registry.check(shape.value);
  if (refusal) {
    problems.push({ kind: 'signature', index: e.index, reason: refusal.reason });
    return undefined;
  }
  return shape.value;
}

/** The report as text lines for people. */
export function formatReport(report: VerifyReport, maxProblems = 20): string {
  const lines: string[] = [];
  lines.push(`log ${report.origin} at ${report.location}: ${report.size} entries, root ${report.root}`);
  for (const c of report.checkpoints) {
    lines.push(
      `checkpoint ${c.size}: ${c.agreed ? 'agreed' : 'not agreed'} (${c.cosigners.length}/${c.needed} co-signatures${c.cosigners.length ? `: ${c.cosigners.join(', ')}` : ''}${c.missing.length ? `; missing ${c.missing.join(', ')}` : ''})`,
    );
  }
  if (report.ok) {
    lines.push('OK: every entry, signature, hash, checkpoint and co-signature verifies');
  } else {
    const head = report.firstBadIndex !== undefined ? `first bad index ${report.firstBadIndex}` : `${report.problems.length} problem(s)`;
    lines.push(`FAILED: ${head}`);
    for (const p of report.problems.slice(0, maxProblems)) {
      const where = p.index !== undefined && p.kind !== 'checkpoint' && p.kind !== 'size' ? `entry ${p.index}: ` : '';
      lines.push(`  ${p.kind}: ${where}${p.reason}`);
    }
    if (report.problems.length > maxProblems) lines.push(`  ... and ${report.problems.length - maxProblems} more`);
  }
  return `${lines.join('\n')}\n`;
}
