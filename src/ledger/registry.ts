// SPDX-License-Identifier: GPL-3.0-or-later
// The party registry: who may sign entries, with which key, from which entry on. It starts from the
// configuration and changes only through entries in the log (registration, approval, rotation, removal), so
// every verifier replaying the log reaches the same registry at every index.
//
// Admission is by all, "in conditions of equity": a party-registration entry only proposes a newcomer (with the
// new key's proof of possession). The newcomer is admitted by the entry after which every current party (not
// removed, not itself pending) has approved the proposal: the proposer by proposing, each other party by a
// party-approval entry that names the proposal's leaf index and leaf hash. A party that withdraws is no longer
// waited for, so its removal can complete a proposal; proposals that complete on one entry are admitted in
// the order they were made, each then waiting for the approval of those admitted before it. Until admitted,
// the newcomer signs nothing, co-signs nothing and counts toward no quorum. Nothing is withdrawn: neither a
// proposal nor an approval can be taken back.

import type { LedgerConfig } from './config.ts';
import { type SignedEntry, entrySignatureValid, possessionMessage } from './entry.ts';
import { bytesEqual, fromBase64, toBase64 } from './hash.ts';
import { type PublicKey, fingerprint, parsePublicKey, verifyBytes } from './keys.ts';

/** Why an entry is refused. */
export type RefusalCode =
  | 'invalid-entry'
  | 'unknown-party'
  | 'removed-party'
  | 'rotated-key'
  | 'bad-signature'
  | 'bad-key-proof'
  | 'party-exists'
  | 'key-in-use'
  | 'pending-party'
  | 'no-such-proposal'
  | 'already-approved';

export interface Refusal {
  code: RefusalCode;
  reason: string;
}

/** A key and the entries it may sign: index in [from, until). */
export interface KeySpan {
  key: PublicKey;
  from: number;
  until?: number;
}

export interface PartyRecord {
  id: string;
  name?: string;
  keys: KeySpan[];
  /**
   * Index of the entry that admitted the party (the last approval its proposal needed); -1 for a founding
   * party from the configuration.
   */
  registeredAt: number;
  /** Index of the party-registration entry that proposed the party. */
  proposedAt?: number;
  /** The party that proposed it. */
  sponsor?: string;
  removedAt?: number;
}

/** A party-registration entry that not every current party has approved yet. */
export interface PendingParty {
  id: string;
  name?: string;
  key: PublicKey;
  /** Leaf index and leaf hash of the party-registration entry. */
  proposedAt: number;
  leafHash: Uint8Array;
  sponsor: string;
  /** Parties that approved it (the sponsor first, then in log order) and the entries that did. */
  approvals: { party: string; index: number }[];
}

export class PartyRegistry {
  private readonly parties = new Map<string, PartyRecord>();
  /** Proposals by the index of their party-registration entry, in log order. */
  private readonly pendingByIndex = new Map<number, PendingParty>();
  private readonly usedKeys = new Set<string>();

  private constructor(readonly origin: string) {}

  static fromConfig(config: LedgerConfig): PartyRegistry {
    const r = new PartyRegistry(config.origin);
    r.usedKeys.add(config.logPublicKey);
    for (const p of config.parties) {
      const key = parsePublicKey(p.publicKey);
      if (!key) throw new Error(`party ${p.id}: invalid public key`);
      const record: PartyRecord = { id: p.id, keys: [{ key, from: 0 }], registeredAt: -1 };
      if (p.name !== undefined) record.name = p.name;
      r.parties.set(p.id, record);
      r.usedKeys.add(key.base64);
    }
    return r;
  }

  clone(): PartyRegistry {
    const r = new PartyRegistry(this.origin);
    for (const [id, p] of this.parties) r.parties.set(id, { ...p, keys: p.keys.map((k) => ({ ...k })) });
    for (const [i, p] of this.pendingByIndex) r.pendingByIndex.set(i, { ...p, approvals: [...p.approvals] });
    for (const k of this.usedKeys) r.usedKeys.add(k);
    return r;
  }

  get(id: string): PartyRecord | undefined {
    return this.parties.get(id);
  }

  all(): PartyRecord[] {
    return [...this.parties.values()];
  }

  /** The key a party signs with now, or undefined if it is unknown or removed. */
  activeKey(id: string): PublicKey | undefined {
    const p = this.parties.get(id);
    if (!p || p.removedAt !== undefined) return undefined;
    return p.keys[p.keys.length - 1].key;
  }

  /** Proposed parties not admitted yet, in the order they were proposed. */
  pending(): PendingParty[] {
    return [...this.pendingByIndex.values()];
  }

  /** The proposal made by the party-registration entry at `index`, while it is pending. */
  pendingAt(index: number): PendingParty | undefined {
    return this.pendingByIndex.get(index);
  }

  /** Active parties whose approval the pending proposal still lacks, sorted. */
  missingApprovals(proposal: PendingParty): string[] {
    return this.activeIds().filter((id) => !proposal.approvals.some((a) => a.party === id));
  }

  private pendingById(id: string): PendingParty | undefined {
    for (const p of this.pendingByIndex.values()) if (p.id === id) return p;
    return undefined;
  }

  /** Ids of the parties that may sign now, sorted. */
  activeIds(): string[] {
    return [...this.parties.values()]
      .filter((p) => p.removedAt === undefined)
      .map((p) => p.id)
      .sort();
  }

  /** Why the next entry must be refused, or undefined if the registry allows it. */
  check(entry: SignedEntry, preverified?: PreverifiedSignature): Refusal | undefined {
    const p = this.parties.get(entry.party);
    if (!p) {
      const proposal = this.pendingById(entry.party);
      if (proposal) {
        return {
          code: 'pending-party',
          reason: `party "${entry.party}" was proposed at entry ${proposal.proposedAt} but is not admitted yet: it still needs the approval of ${this.missingApprovals(proposal).join(', ')}`,
        };
      }
      return { code: 'unknown-party', reason: `party "${entry.party}" is not a registered party` };
    }
    if (p.removedAt !== undefined) {
      return { code: 'removed-party', reason: `party "${p.id}" was removed at entry ${p.removedAt} and can sign nothing after it` };
    }
    const current = p.keys[p.keys.length - 1];
    const valid =
      preverified !== undefined && preverified.key === current.key.base64 && preverified.valid
        ? true
        : entrySignatureValid(this.origin, entry, current.key);
    if (!valid) {
      const old = p.keys.slice(0, -1).find((k) => entrySignatureValid(this.origin, entry, k.key));
      if (old) {
        return {
          code: 'rotated-key',
          reason: `signed with key ${fingerprint(old.key)} of party "${p.id}", which was rotated out at entry ${(old.until ?? 0) - 1}`,
        };
      }
      return {
        code: 'bad-signature',
        reason: `signature does not verify with the registered key ${fingerprint(current.key)} of party "${p.id}"`,
      };
    }
    const b = entry.body as Record<string, string>;
    if (entry.kind === 'party-approval') return this.checkApproval(entry);
    if (entry.kind === 'party-registration' || entry.kind === 'party-rotation') {
      const subject = entry.kind === 'party-registration' ? b.party : entry.party;
      if (entry.kind === 'party-registration' && this.parties.has(subject)) {
        return { code: 'party-exists', reason: `party "${subject}" is already registered` };
      }
      const proposed = entry.kind === 'party-registration' ? this.pendingById(subject) : undefined;
      if (proposed) {
        return { code: 'party-exists', reason: `party "${subject}" was already proposed at entry ${proposed.proposedAt}, which is pending` };
      }
      if (this.usedKeys.has(b.publicKey)) {
        return { code: 'key-in-use', reason: 'the new key is already used (or was used) by the log or a party' };
      }
      const key = parsePublicKey(b.publicKey);
      const proof = fromBase64(b.proof);
      if (!key || !proof || !verifyBytes(key, possessionMessage(this.origin, subject, b.publicKey), proof)) {
        return { code: 'bad-key-proof', reason: `body.proof is not a signature by the new key of party "${subject}"` };
      }
    }
    return undefined;
  }

  private checkApproval(entry: SignedEntry): Refusal | undefined {
    const b = entry.body as { registration: number; leafHash: string };
    const proposal = this.pendingByIndex.get(b.registration);
    if (!proposal) {
      const admitted = this.all().find((p) => p.proposedAt === b.registration);
      return {
        code: 'no-such-proposal',
        reason: admitted
          ? `the proposal at entry ${b.registration} was already admitted (party "${admitted.id}" at entry ${admitted.registeredAt})`
          : `entry ${b.registration} is not a pending party registration`,
      };
    }
    const hash = fromBase64(b.leafHash);
    if (!hash || !bytesEqual(hash, proposal.leafHash)) {
      return {
        code: 'no-such-proposal',
        reason: `body.leafHash does not match the leaf hash ${toBase64(proposal.leafHash)} of the party registration at entry ${b.registration}`,
      };
    }
    const earlier = proposal.approvals.find((a) => a.party === entry.party);
    if (earlier) {
      return {
        code: 'already-approved',
        reason: `party "${entry.party}" already approved the proposal at entry ${b.registration} ${earlier.index === proposal.proposedAt ? 'by making it' : `at entry ${earlier.index}`}`,
      };
    }
    return undefined;
  }

  /**
   * Applies an accepted entry at `index` with leaf hash `hash`: proposals, approvals, rotations and removals
   * take effect after it.
   */
  apply(entry: SignedEntry, index: number, hash: Uint8Array): void {
    const b = entry.body as Record<string, string>;
    if (entry.kind === 'party-registration') {
      const key = parsePublicKey(b.publicKey)!;
      const proposal: PendingParty = {
        id: b.party,
        key,
        proposedAt: index,
        leafHash: hash,
        sponsor: entry.party,
        approvals: [{ party: entry.party, index }],
      };
      if (typeof b.name === 'string') proposal.name = b.name;
      this.pendingByIndex.set(index, proposal);
      this.usedKeys.add(key.base64);
      this.admitApproved(index);
    } else if (entry.kind === 'party-approval') {
      const proposal = this.pendingByIndex.get((entry.body as { registration: number }).registration)!;
      proposal.approvals.push({ party: entry.party, index });
      this.admitApproved(index);
    } else if (entry.kind === 'party-rotation') {
      const p = this.parties.get(entry.party)!;
      const key = parsePublicKey(b.publicKey)!;
      p.keys[p.keys.length - 1].until = index + 1;
      p.keys.push({ key, from: index + 1 });
      this.usedKeys.add(key.base64);
    } else if (entry.kind === 'party-removal') {
      const p = this.parties.get(entry.party)!;
      p.keys[p.keys.length - 1].until = index + 1;
      p.removedAt = index;
      this.admitApproved(index);
    }
  }

  /** Admits, in proposal order, every pending party that all active parties have approved, after entry `index`. */
  private admitApproved(index: number): void {
    for (const [at, proposal] of this.pendingByIndex) {
      if (this.missingApprovals(proposal).length > 0) continue;
      const record: PartyRecord = {
        id: proposal.id,
        keys: [{ key: proposal.key, from: index + 1 }],
        registeredAt: index,
        proposedAt: proposal.proposedAt,
        sponsor: proposal.sponsor,
      };
      if (proposal.name !== undefined) record.name = proposal.name;
      this.pendingByIndex.delete(at);
      this.parties.set(proposal.id, record);
    }
  }
}

/** A signature already checked (by a worker thread, say): `valid` says whether it verifies with `key` (base64). */
export interface PreverifiedSignature {
  key: string;
  valid: boolean;
}

/** Entry kinds that change the registry. */
export function isPartyEntry(kind: string): boolean {
  return kind === 'party-registration' || kind === 'party-approval' || kind === 'party-rotation' || kind === 'party-removal';
}
