// SPDX-License-Identifier: GPL-3.0-or-later
// Log entries: typed statements by one party, in canonical JSON, signed with the party's Ed25519 key.
//
//   { "v": 1, "kind": "...", "party": "se", "timeMs": 1700000000000, "body": { ... }, "sig": "base64" }
//
// The leaf stored in the tree is the canonical JSON of the whole signed entry, so the signature is covered by
// the tree as well. The signature covers "jointsky/entry/v1\n" || origin || "\n" || canonical JSON of the
// entry without "sig": binding the log's origin stops an entry being replayed into a different log.
// timeMs is the time of the statement, given by the submitter; the log never reads a clock.

import { type JsonValue, canonicalBytes, canonicalJson } from './canonical.ts';
import { PARTY_ID_PATTERN } from './config.ts';
import { fromBase64, toBase64 } from './hash.ts';
import { type PublicKey, SIGNATURE_SIZE, parsePublicKey, signBytes, verifyBytes } from './keys.ts';
import type { KeyObject } from 'node:crypto';

export const ENTRY_VERSION = 1;

export const ENTRY_KINDS = [
  'incident-report',
  'alert-ack',
  'flight-notification',
  'compliance-stats',
  'party-registration',
  'party-approval',
  'party-rotation',
  'party-removal',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type JsonObject = { [key: string]: JsonValue };

export const RISK_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const;
export const ATS_MESSAGE_TYPES = ['FPL', 'CHG', 'CNL', 'DLA', 'DEP', 'ARR'] as const;

/** An airprox or loss-of-separation report, with its ICAO risk class. Further evidence fields are allowed. */
export interface IncidentReportBody extends JsonObject {
  incidentId: string;
  riskClass: (typeof RISK_CLASSES)[number];
  summary: string;
}

/** A controller's or liaison officer's acknowledgement of a conflict alert. */
export interface AlertAckBody extends JsonObject {
  alertId: string;
  acknowledgedBy: string;
}

/** A notified state flight as an ICAO ATS message. */
export interface FlightNotificationBody extends JsonObject {
  notificationId: string;
  messageType: (typeof ATS_MESSAGE_TYPES)[number];
  message: string;
}

/** Transponder-compliance counters over a period. */
export interface ComplianceStatsBody extends JsonObject {
  periodStartMs: number;
  periodEndMs: number;
  counts: { [name: string]: number };
}

/**
 * The submitting party proposes a new party; `proof` is the new key's signature (proof of possession). The
 * newcomer is admitted only once every current party has approved the proposal (see registry.ts).
 */
export interface PartyRegistrationBody extends JsonObject {
  party: string;
  publicKey: string;
  proof: string;
}

/** The submitting party approves the party registration at leaf index `registration`, whose leaf hash is `leafHash`. */
export interface PartyApprovalBody extends JsonObject {
  registration: number;
  leafHash: string;
}

/** The submitting party replaces its key; the entry is signed with the old key, `proof` with the new one. */
export interface PartyRotationBody extends JsonObject {
  publicKey: string;
  proof: string;
}

/** The submitting party withdraws: its key signs nothing after this entry. */
export interface PartyRemovalBody extends JsonObject {
  reason: string;
}

export interface EntryBodies {
  'incident-report': IncidentReportBody;
  'alert-ack': AlertAckBody;
  'flight-notification': FlightNotificationBody;
  'compliance-stats': ComplianceStatsBody;
  'party-registration': PartyRegistrationBody;
  'party-approval': PartyApprovalBody;
  'party-rotation': PartyRotationBody;
  'party-removal': PartyRemovalBody;
}

/** An entry before it is signed. */
export interface UnsignedEntry<K extends EntryKind = EntryKind> {
  v: typeof ENTRY_VERSION;
  kind: K;
  party: string;
  timeMs: number;
  body: EntryBodies[K];
}

export interface SignedEntry<K extends EntryKind = EntryKind> extends UnsignedEntry<K> {
  /** Base64 Ed25519 signature by `party` over entrySigningMessage. */
  sig: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Latest timeMs accepted: year 9999. */
const MAX_TIME_MS = 253402300799999;

function text(body: Record<string, unknown>, key: string, max: number): string | undefined {
  const v = body[key];
  return typeof v === 'string' && v.length > 0 && v.length <= max ? undefined : `body.${key} must be a string of 1 to ${max} characters`;
}

function oneOf(body: Record<string, unknown>, key: string, allowed: readonly string[]): string | undefined {
  return allowed.includes(body[key] as string) ? undefined : `body.${key} must be one of ${allowed.join(', ')}`;
}

function timeField(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_TIME_MS
    ? undefined
    : `body.${key} must be a time in whole milliseconds since 1970-01-01T00:00:00Z`;
}

function key(body: Record<string, unknown>, name: string): string | undefined {
  return typeof body[name] === 'string' && parsePublicKey(body[name] as string)
    ? undefined
    : `body.${name} must be the base64 of a 32-byte Ed25519 public key`;
}

function sig(body: Record<string, unknown>, name: string): string | undefined {
  const bytes = typeof body[name] === 'string' ? fromBase64(body[name] as string) : undefined;
  return bytes?.length === SIGNATURE_SIZE ? undefined : `body.${name} must be the base64 of a 64-byte Ed25519 signature`;
}

/** Per kind: the first problem with the body, or undefined. Extra fields are allowed (they are signed too). */
const BODY_CHECKS: { [K in EntryKind]: (b: Record<string, unknown>) => string | undefined } = {
  'incident-report': (b) => text(b, 'incidentId', 200) ?? oneOf(b, 'riskClass', RISK_CLASSES) ?? text(b, 'summary', 10000),
  'alert-ack': (b) => text(b, 'alertId', 200) ?? text(b, 'acknowledgedBy', 200),
  'flight-notification': (b) =>
    text(b, 'notificationId', 200) ?? oneOf(b, 'messageType', ATS_MESSAGE_TYPES) ?? text(b, 'message', 10000),
  'compliance-stats': (b) => {
    const problem = timeField(b, 'periodStartMs') ?? timeField(b, 'periodEndMs');
    if (problem) return problem;
    if ((b.periodEndMs as number) <= (b.periodStartMs as number)) return 'body.periodEndMs must be after body.periodStartMs';
    const counts = b.counts;
    if (!isRecord(counts)) return 'body.counts must be an object of named non-negative whole numbers';
    for (const [name, n] of Object.entries(counts)) {
      if (!(typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) return `body.counts.${name} must be a non-negative whole number`;
    }
    return undefined;
  },
  'party-registration': (b) =>
    (typeof b.party === 'string' && PARTY_ID_PATTERN.test(b.party)
      ? undefined
      : 'body.party must be a party id (a lowercase letter, then up to 31 lowercase letters, digits or "-")') ??
    key(b, 'publicKey') ??
    sig(b, 'proof'),
  'party-approval': (b) => {
    const r = b.registration;
    if (!(typeof r === 'number' && Number.isSafeInteger(r) && r >= 0)) return 'body.registration must be the leaf index of a party-registration entry';
    const h = typeof b.leafHash === 'string' ? fromBase64(b.leafHash) : undefined;
    return h?.length === 32 ? undefined : 'body.leafHash must be the base64 of the 32-byte leaf hash of that entry';
  },
  'party-rotation': (b) => key(b, 'publicKey') ?? sig(b, 'proof'),
  'party-removal': (b) => text(b, 'reason', 1000),
};

const TOP_KEYS = ['v', 'kind', 'party', 'timeMs', 'body', 'sig'];

/** Checks the shape of an entry (signed when `signed`), naming the first field that is wrong. */
export function checkEntryShape(value: unknown, signed: true): Checked<SignedEntry>;
export function checkEntryShape(value: unknown, signed: false): Checked<UnsignedEntry>;
export function checkEntryShape(value: unknown, signed: boolean): Checked<UnsignedEntry | SignedEntry> {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (!isRecord(value)) return fail('entry must be a JSON object');
  for (const k of Object.keys(value)) {
    if (!TOP_KEYS.includes(k) || (k === 'sig' && !signed)) return fail(`field "${k}" is not allowed in an entry`);
  }
  if (value.v !== ENTRY_VERSION) return fail(`v must be ${ENTRY_VERSION}`);
  if (!ENTRY_KINDS.includes(value.kind as EntryKind)) return fail(`kind must be one of ${ENTRY_KINDS.join(', ')}`);
  if (typeof value.party !== 'string' || !PARTY_ID_PATTERN.test(value.party)) return fail('party must be a party id');
  const t = value.timeMs;
  if (!(typeof t === 'number' && Number.isSafeInteger(t) && t >= 0 && t <= MAX_TIME_MS)) {
    return fail('timeMs must be a time in whole milliseconds since 1970-01-01T00:00:00Z');
  }
  if (!isRecord(value.body)) return fail('body must be a JSON object');
  const problem = BODY_CHECKS[value.kind as EntryKind](value.body);
  if (problem) return fail(`${value.kind}: ${problem}`);
  if (signed) {
    const s = typeof value.sig === 'string' ? fromBase64(value.sig) : undefined;
    if (s?.length !== SIGNATURE_SIZE) return fail('sig must be the base64 of a 64-byte Ed25519 signature');
  }
  try {
    canonicalJson(value);
  } catch (err) {
    return fail((err as Error).message);
  }
  return { ok: true, value: value as unknown as SignedEntry };
}

const encoder = new TextEncoder();

/** The bytes a party signs for an entry in the log `origin`. */
export function entrySigningMessage(origin: string, entry: UnsignedEntry): Uint8Array {
  const { v, kind, party, timeMs, body } = entry;
  return encoder.encode(`jointsky/entry/v1\n${origin}\n${canonicalJson({ v, kind, party, timeMs, body })}`);
}

/** Signs an entry as its party. The caller must hold that party's private key. */
export function signEntry<K extends EntryKind>(origin: string, entry: UnsignedEntry<K>, privateKey: KeyObject): SignedEntry<K> {
  const { v, kind, party, timeMs, body } = entry;
  const sig = toBase64(signBytes(privateKey, entrySigningMessage(origin, entry)));
  return { v, kind, party, timeMs, body, sig };
}

/** Does the entry's signature verify with `key`? */
export function entrySignatureValid(origin: string, entry: SignedEntry, key: PublicKey): boolean {
  const s = fromBase64(entry.sig);
  return s !== undefined && verifyBytes(key, entrySigningMessage(origin, entry), s);
}

/** The leaf data of an entry: canonical JSON of the signed entry. */
export function entryLeafData(entry: SignedEntry): Uint8Array {
  return canonicalBytes(entry);
}

/** The message a new key signs to show its holder controls it (registration and rotation). */
export function possessionMessage(origin: string, party: string, publicKey: string): Uint8Array {
  return encoder.encode(`jointsky/key-possession/v1\n${origin}\n${party}\n${publicKey}\n`);
}

/** The proof-of-possession signature for a new key. */
export function possessionProof(origin: string, party: string, newKey: { privateKey: KeyObject; publicKey: PublicKey }): string {
  return toBase64(signBytes(newKey.privateKey, possessionMessage(origin, party, newKey.publicKey.base64)));
}

/** A one-line description of an entry for listings. */
export function describeEntry(entry: SignedEntry): string {
  const b = entry.body as Record<string, JsonValue>;
  switch (entry.kind) {
    case 'incident-report':
      return `incident ${b.incidentId} class ${b.riskClass}: ${b.summary}`;
    case 'alert-ack':
      return `alert ${b.alertId} acknowledged by ${b.acknowledgedBy}`;
    case 'flight-notification':
      return `${b.messageType} ${b.notificationId}`;
    case 'compliance-stats':
      return `compliance ${new Date(b.periodStartMs as number).toISOString()}..${new Date(b.periodEndMs as number).toISOString()}`;
    case 'party-registration':
      return `proposes party ${b.party}`;
    case 'party-approval':
      return `approves the party proposed at entry ${b.registration}`;
    case 'party-rotation':
      return 'rotates its key';
    case 'party-removal':
      return `withdraws: ${b.reason}`;
  }
}
