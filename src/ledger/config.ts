// SPDX-License-Identifier: GPL-3.0-or-later
// The ledger's founding configuration: the log's identity (origin and public key), the parties and their
// public keys, and the co-signing quorum. Validated by hand; every message names the file, the key and what is
// allowed, because a bad config must fail at start-up and say how to fix it.

import { canonicalJson } from './canonical.ts';
import { parsePublicKey } from './keys.ts';

export interface PartyConfig {
  /** Short lowercase id, also the key name on the party's co-signature lines. */
  id: string;
  /** Display name. */
  name?: string;
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
}

export interface LedgerConfig {
  /** The log's identity: the first line of every checkpoint and the key name of the log's signature. */
  origin: string;
  /** Base64 of the log's Ed25519 public key, which signs checkpoints. */
  logPublicKey: string;
  /** Co-signatures needed for a checkpoint to be agreed: 'all' active parties, or a number of them. */
  quorum: 'all' | number;
  parties: PartyConfig[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Origin and key names: printable ASCII without spaces or '+' (C2SP signed-note key names). */
export const KEY_NAME_PATTERN = /^[\x21-\x2a\x2c-\x7e]{1,200}$/;
/** Party ids: a lowercase letter, then lowercase letters, digits or '-', at most 32 characters. */
export const PARTY_ID_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

const TOP_KEYS = ['origin', 'logPublicKey', 'quorum', 'parties'];
const PARTY_KEYS = ['id', 'name', 'publicKey'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const show = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * Checks a parsed configuration value. `source` names where it came from (a file path) for the messages.
 * Throws ConfigError naming the source, the key and what is allowed.
 */
export function validateConfig(value: unknown, source: string): LedgerConfig {
  const bad = (key: string, what: string, got?: unknown): never => {
    throw new ConfigError(`${source}: key "${key}" ${what}${got === undefined ? '' : `; got ${show(got)}`}`);
  };
  if (!isRecord(value)) throw new ConfigError(`${source}: must be a JSON object with keys ${TOP_KEYS.join(', ')}`);
  for (const key of Object.keys(value)) {
    if (!TOP_KEYS.includes(key)) bad(key, `is not allowed (allowed: ${TOP_KEYS.join(', ')})`);
  }
  const { origin, logPublicKey, quorum, parties } = value;
  if (typeof origin !== 'string' || !KEY_NAME_PATTERN.test(origin)) {
    bad('origin', 'must be a non-empty name of printable ASCII without spaces or "+", e.g. "baltic.jointsky.example/ledger"', origin);
  }
  if (typeof logPublicKey !== 'string' || !parsePublicKey(logPublicKey)) {
    bad('logPublicKey', 'must be the base64 of a 32-byte Ed25519 public key (jointsky keys generate prints one)', logPublicKey);
  }
  if (!Array.isArray(parties) || parties.length === 0) bad('parties', 'must be a non-empty array of {id, name?, publicKey}', parties);
  const list = parties as unknown[];
  const seenIds = new Set<string>();
  const seenKeys = new Map<string, string>([[logPublicKey as string, 'logPublicKey']]);
  const out: PartyConfig[] = list.map((p, i) => {
    const at = `parties[${i}]`;
    if (!isRecord(p)) return bad(at, 'must be an object {id, name?, publicKey}', p);
    for (const key of Object.keys(p)) {
      if (!PARTY_KEYS.includes(key)) bad(`${at}.${key}`, `is not allowed (allowed: ${PARTY_KEYS.join(', ')})`);
    }
    if (typeof p.id !== 'string' || !PARTY_ID_PATTERN.test(p.id)) {
      bad(`${at}.id`, 'must be a lowercase letter then up to 31 lowercase letters, digits or "-", e.g. "se"', p.id);
    }
    const id = p.id as string;
    if (seenIds.has(id)) bad(`${at}.id`, 'must be unique; this id is listed twice', id);
    seenIds.add(id);
    if (p.name !== undefined && (typeof p.name !== 'string' || p.name.length === 0 || p.name.length > 100)) {
      bad(`${at}.name`, 'must be a string of 1 to 100 characters when given', p.name);
    }
    if (typeof p.publicKey !== 'string' || !parsePublicKey(p.publicKey)) {
      bad(`${at}.publicKey`, 'must be the base64 of a 32-byte Ed25519 public key', p.publicKey);
    }
    const other = seenKeys.get(p.publicKey as string);
    if (other) bad(`${at}.publicKey`, `must differ from every other key; it equals ${other}`);
    seenKeys.set(p.publicKey as string, `${at}.publicKey`);
    const party: PartyConfig = { id, publicKey: p.publicKey as string };
    if (p.name !== undefined) party.name = p.name as string;
    return party;
  });
  let q: 'all' | number = 'all';
  if (quorum !== undefined) {
    if (quorum === 'all') q = 'all';
    else if (typeof quorum === 'number' && Number.isInteger(quorum) && quorum >= 1 && quorum <= out.length) q = quorum;
    else bad('quorum', `must be "all" or a whole number from 1 to ${out.length} (the number of parties)`, quorum);
  }
  return { origin: origin as string, logPublicKey: logPublicKey as string, quorum: q, parties: out };
}

/** Parses and validates configuration text (JSON). */
export function parseConfig(text: string, source: string): LedgerConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${source}: not valid JSON (${(err as Error).message})`);
  }
  return validateConfig(value, source);
}

/** The configuration as canonical JSON: how it is stored in the log and compared between copies. */
export function configJson(config: LedgerConfig): string {
  return canonicalJson(config);
}
