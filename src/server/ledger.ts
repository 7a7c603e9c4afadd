// SPDX-License-Identifier: GPL-3.0-or-later
// The server's view of the shared log: alert acknowledgements appended as entries signed by the caller's own
// party key, listings, checkpoints, inclusion proofs and a full verification, in the API's JSON shapes.

import type { EntryKind, UnsignedEntry } from '../ledger/entry.ts';
import { signEntry } from '../ledger/entry.ts';
import { storeVerifyInput } from '../ledger/exchange.ts';
import { fromBase64, toHex } from '../ledger/hash.ts';
import type { KeyPair } from '../ledger/keys.ts';
import type { AppendResult, Ledger } from '../ledger/log.ts';
import { verifyLog } from '../ledger/verify.ts';
import type { Alert } from '../safety/types.ts';

export interface LedgerServiceOptions {
  /** Each party's private key, used only to sign that party's own statements. */
  partyKeys: ReadonlyMap<string, KeyPair>;
  /** The log's key: with it the server signs a checkpoint after each append. */
  logKey?: KeyPair;
  /** Demo only: every party co-signs each new checkpoint at once (the demo holds all their keys). */
  autoCosign?: boolean;
}

/** Base64 (as signed notes and entries carry it) to the API's hex. */
const b64ToHex = (b64: string): string => toHex(fromBase64(b64) ?? new Uint8Array(0));

export class LedgerService {
  private readonly listeners = new Set<(size: number) => void>();

  constructor(
    readonly ledger: Ledger,
    private readonly options: LedgerServiceOptions,
  ) {}

  onGrow(l: (size: number) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  canSign(party: string): boolean {
    return this.options.partyKeys.has(party);
  }

  /**
   * Party `party` acknowledges `alert` at `timeMs` (the picture's data time): a signed alert-ack entry. The log
   * checks the signature against the party's registered key before it accepts the entry, and the entry is
   * durable when this returns.
   */
  acknowledge(party: string, alert: Alert, timeMs: number): { entryIndex: number; leafHash: string } {
    const [a, b] = alert.members;
    const unsigned: UnsignedEntry<'alert-ack'> = {
      v: 1,
      kind: 'alert-ack',
      party,
      timeMs,
      body: {
        alertId: alert.alertId,
        acknowledgedBy: party,
        severity: alert.severity,
        alertTimeMs: alert.timeMs,
        trackIds: [a.trackId, b.trackId],
        callsigns: [a.callsign ?? null, b.callsign ?? null],
      },
    };
    const [{ index, leafHash }] = this.appendAs([unsigned], timeMs);
    return { entryIndex: index, leafHash: toHex(leafHash) };
  }

  /**
   * Appends statements, each signed with the key of its own party (never another's), as one batch; then a
   * checkpoint at `timeMs`. Throws, appending nothing, when this server holds no key for one of the parties.
   */
  appendAs(entries: readonly UnsignedEntry<EntryKind>[], timeMs: number): AppendResult[] {
    const signed = entries.map((e) => {
      const key = this.options.partyKeys.get(e.party);
      if (!key) throw new Error(`this server holds no signing key for party ${e.party}`);
      return signEntry(this.ledger.origin, e, key.privateKey);
    });
    const results = this.ledger.appendBatch(signed);
    this.afterAppend(timeMs);
    return results;
  }

  private afterAppend(timeMs: number): void {
    const logKey = this.options.logKey;
    if (logKey) {
      const cp = this.ledger.createCheckpoint(logKey);
      if (this.options.autoCosign) {
        for (const [party, key] of this.options.partyKeys) {
          if (this.ledger.parties().activeKey(party)) this.ledger.cosign(party, key, Math.floor(timeMs / 1000), cp.size);
        }
      }
    }
    for (const l of this.listeners) l(this.ledger.size);
  }

  entries(from: number, limit: number) {
    const size = this.ledger.size;
    const to = Math.min(size, from + limit);
    const entries: { index: number; kind: EntryKind; party: string; timeMs: number; payload: unknown; signature: string; leafHash: string }[] = [];
    for (let i = from; i < to; i++) {
      const e = this.ledger.entry(i);
      entries.push({
        index: e.index,
        kind: e.entry.kind,
        party: e.entry.party,
        timeMs: e.entry.timeMs,
        payload: e.entry.body,
        signature: b64ToHex(e.entry.sig),
        leafHash: toHex(e.leafHash),
      });
    }
    return { size, entries };
  }

  /** The latest checkpoint with its valid co-signatures; before any checkpoint, the current tree unsigned. */
  checkpoint() {
    const latest = this.ledger.latestCheckpoint();
    if (!latest) {
      return { size: this.ledger.size, rootHash: toHex(this.ledger.root()), cosignatures: [], signed: false, agreed: false, needed: 0, note: null };
    }
    const status = this.ledger.checkpointStatus(latest.size);
    const lines = status.note.split('\n');
    const cosignatures = status.cosigners.map((party) => {
      const line = lines.find((l) => l.startsWith(`\u2014 ${party} `)) ?? '';
      return { party, signature: b64ToHex(line.split(' ').pop() ?? ''), line };
    });
    return {
      size: latest.size,
      rootHash: toHex(status.checkpoint.rootHash),
      cosignatures,
      signed: true,
      agreed: status.agreed,
      needed: status.needed,
      note: status.note,
    };
  }

  proof(index: number): { index: number; size: number; leafHash: string; rootHash: string; path: string[] } | undefined {
    const size = this.ledger.size;
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) return undefined;
    const p = this.ledger.proveInclusion(index, size);
    return { index: p.index, size: p.size, leafHash: toHex(p.leafHash), rootHash: toHex(p.root), path: p.path.map(toHex) };
  }

  verify(): { ok: boolean; size: number; rootHash: string; problems: string[] } {
    const report = verifyLog(storeVerifyInput(this.ledger.store));
    return {
      ok: report.ok,
      size: report.size,
      rootHash: toHex(this.ledger.root()),
      problems: report.problems.map((p) => `${p.kind}${p.index !== undefined ? ` at entry ${p.index}` : ''}: ${p.reason}`),
    };
  }

  close(): void {
    this.ledger.close();
  }
}
