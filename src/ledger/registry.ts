// SPDX-License-Identifier: GPL-3.0-or-later
// The party registry: who may sign entries, with which key, from which entry on. It starts from the
// configuration and changes only through entries in the log (registration, rotation, removal), so every
// verifier replaying the log reaches the same registry at every index.

import type { LedgerConfig } from './config.ts';
import { type SignedEntry, entrySignatureValid, possessionMessage } from './entry.ts';
import { fromBase64 } from './hash.ts';
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
  | 'key-in-use';

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
  /** Index of the registration entry; -1 for a founding party from the configuration. */
  registeredAt: number;
  sponsor?: string;
  removedAt?: number;
}

export class PartyRegistry {
  private readonly parties = new Map<string, PartyRecord>();
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

  /** Ids of the parties that may sign now, sorted. */
  activeIds(): string[] {
    return [...this.parties.values()]
      .filter((p) => p.removedAt === undefined)
      .map((p) => p.id)
      .sort();
  }

  /** Why the next entry must be refused, or undefined if the registry allows it. */
  check(entry: SignedEntry): Refusal | undefined {
    const p = this.parties.get(entry.party);
    if (!p) return { code: 'unknown-party', reason: `party "${entry.party}" is not a registered party` };
    if (p.removedAt !== undefined) {
      return { code: 'removed-party', reason: `party "${p.id}" was removed at entry ${p.removedAt} and can sign nothing after it` };
    }
    const current = p.keys[p.keys.length - 1];
    if (!entrySignatureValid(this.origin, entry, current.key)) {
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
    if (entry.kind === 'party-registration' || entry.kind === 'party-rotation') {
      const subject = entry.kind === 'party-registration' ? b.party : entry.party;
      if (entry.kind === 'party-registration' && this.parties.has(subject)) {
        return { code: 'party-exists', reason: `party "${subject}" is already registered` };
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

  /** Applies an accepted entry at `index`: registrations, rotations and removals take effect after it. */
  apply(entry: SignedEntry, index: number): void {
    const b = entry.body as Record<string, string>;
    if (entry.kind === 'party-registration') {
      const key = parsePublicKey(b.publicKey)!;
      const record: PartyRecord = { id: b.party, keys: [{ key, from: index + 1 }], registeredAt: index, sponsor: entry.party };
      if (typeof b.name === 'string') record.name = b.name;
      this.parties.set(b.party, record);
      this.usedKeys.add(key.base64);
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
    }
  }
}

/** Entry kinds that change the registry. */
export function isPartyEntry(kind: string): boolean {
  return kind === 'party-registration' || kind === 'party-rotation' || kind === 'party-removal';
}
