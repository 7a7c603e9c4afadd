// SPDX-License-Identifier: GPL-3.0-or-later
// Party authentication: each party's bearer token, kept only as its SHA-256 hash and compared in constant
// time. Every party that authenticates sees the same data; the party decides only who signs what.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface PartyCredential {
  id: string;
  name: string;
  /** SHA-256 of the token, 32 bytes. */
  tokenSha256: Buffer;
}

/** The SHA-256 of a token (UTF-8), as stored. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A fresh random token: 32 bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export class PartyAuth {
  private readonly parties: readonly PartyCredential[];

  constructor(parties: readonly PartyCredential[]) {
    for (const p of parties) if (p.tokenSha256.length !== 32) throw new Error(`party ${p.id}: token hash must be 32 bytes`);
    const hashes = new Set(parties.map((p) => p.tokenSha256.toString('hex')));
    if (hashes.size !== parties.length) throw new Error('two parties have the same token');
    this.parties = parties;
  }

  /**
   * The party whose token this is, or undefined. Every party's hash is compared (in constant time each), so
   * the time taken does not tell which party, or how much of a hash, matched.
   */
  authenticate(token: string | undefined): PartyCredential | undefined {
    if (token === undefined || token.length === 0 || token.length > 512) return undefined;
    const h = hashToken(token);
    let found: PartyCredential | undefined;
    for (const p of this.parties) if (timingSafeEqual(h, p.tokenSha256) && found === undefined) found = p;
    return found;
  }

  get(id: string): PartyCredential | undefined {
    return this.parties.find((p) => p.id === id);
  }

  list(): readonly PartyCredential[] {
    return this.parties;
  }
}

/** The token of a request: `Authorization: Bearer T`, or `?token=T` where the route allows it. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}
