// SPDX-License-Identifier: GPL-3.0-or-later
// Checkpoints in the manner of C2SP tlog-checkpoint, signed-note and tlog-cosignature:
//
//   <origin>\n<tree size>\n<base64 root hash>\n       the note text (the checkpoint body)
//   \n                                                 a blank line
//   — <origin> base64(key ID || Ed25519 signature)\n  the log's signature (signature type 0x01)
//   — <party> base64(key ID || u64 time || sig)\n      co-signatures by parties (type 0x04, cosignature/v1)
//
// A co-signature signs "cosignature/v1\ntime <seconds>\n" followed by the checkpoint body. Its time is given by
// the caller (the library never reads a clock).

import type { KeyObject } from 'node:crypto';
import type { Checked } from './entry.ts';
import { HASH_SIZE, bytesEqual, fromBase64, toBase64 } from './hash.ts';
import { type PublicKey, SIGNATURE_SIZE, SIG_TYPE_COSIGNATURE_V1, SIG_TYPE_ED25519, noteKeyId, signBytes, verifyBytes } from './keys.ts';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
}

const encoder = new TextEncoder();
const EM_DASH = '\u2014';

/** The note text of a checkpoint: origin, size and base64 root hash, each ending in a newline. */
export function checkpointBody(cp: Checkpoint): string {
  return `${cp.origin}\n${cp.size}\n${toBase64(cp.rootHash)}\n`;
}

/** Parses a checkpoint body (exactly three lines; this log writes no extension lines). */
export function parseCheckpointBody(body: string): Checked<Checkpoint> {
  const lines = body.split('\n');
  if (lines.length !== 4 || lines[3] !== '') return { ok: false, reason: 'checkpoint body must be exactly three lines' };
  const [origin, sizeText, rootText] = lines;
  if (origin.length === 0) return { ok: false, reason: 'checkpoint origin line is empty' };
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    return { ok: false, reason: 'checkpoint size line is not a decimal number without leading zeroes' };
  }
  const rootHash = fromBase64(rootText);
  if (rootHash?.length !== HASH_SIZE) return { ok: false, reason: 'checkpoint root hash line is not the base64 of 32 bytes' };
  return { ok: true, value: { origin, size: Number(sizeText), rootHash } };
}

export interface SignatureLine {
  name: string;
  keyId: Uint8Array;
  /** The bytes after the key ID. */
  payload: Uint8Array;
}

/** Parses one signature line "— <name> <base64>" (without its newline). */
export function parseSignatureLine(line: string): Checked<SignatureLine> {
  const m = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/=]+)$/.exec(line);
  if (!m) return { ok: false, reason: 'not a signature line "— <name> <base64>"' };
  const bytes = fromBase64(m[2]);
  if (!bytes || bytes.length < 5) return { ok: false, reason: 'signature is not base64 of a key ID and a signature' };
  return { ok: true, value: { name: m[1], keyId: bytes.subarray(0, 4), payload: bytes.subarray(4) } };
}

export interface SignedNote {
  body: string;
  signatures: string[];
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
  }
  return false;
}

/** Splits a signed note into its text and its signature lines (without newlines). */
export function parseSignedNote(note: string): Checked<SignedNote> {
  if (hasControlCharacter(note)) return { ok: false, reason: 'note contains control characters' };
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { ok: false, reason: 'note has no blank line before its signatures' };
  const body = note.slice(0, split + 1);
  const signatures = note.slice(split + 2, -1).split('\n');
  if (signatures.length === 0 || signatures.some((s) => !s.startsWith(`${EM_DASH} `))) {
    return { ok: false, reason: 'note signature lines must start with "— "' };
  }
  return { ok: true, value: { body, signatures } };
}

function line(name: string, bytes: Uint8Array[]): string {
  return `${EM_DASH} ${name} ${toBase64(Buffer.concat(bytes))}`;
}

/** The log signs a checkpoint: returns the signed note (body, blank line, the log's signature line). */
export function signCheckpoint(cp: Checkpoint, logKey: { privateKey: KeyObject; publicKey: PublicKey }): string {
  const body = checkpointBody(cp);
  const sig = signBytes(logKey.privateKey, encoder.encode(body));
  return `${body}\n${line(cp.origin, [noteKeyId(cp.origin, SIG_TYPE_ED25519, logKey.publicKey), sig])}\n`;
}

/**
 * Checks a log-signed checkpoint note: the body parses, its origin is `origin`, and a signature line by the
 * log's key verifies. Other signature lines (co-signatures) are ignored here, as signed-note requires.
 */
export function openCheckpoint(note: string, origin: string, logKey: PublicKey): Checked<Checkpoint> {
  const parsed = parseSignedNote(note);
  if (!parsed.ok) return parsed;
  const cp = parseCheckpointBody(parsed.value.body);
  if (!cp.ok) return cp;
  if (cp.value.origin !== origin) return { ok: false, reason: `checkpoint origin "${cp.value.origin}" is not this log's "${origin}"` };
  const keyId = noteKeyId(origin, SIG_TYPE_ED25519, logKey);
  const message = encoder.encode(parsed.value.body);
  let found = false;
  for (const text of parsed.value.signatures) {
    const s = parseSignatureLine(text);
    if (!s.ok || s.value.name !== origin || !bytesEqual(s.value.keyId, keyId)) continue;
    found = true;
    if (s.value.payload.length === SIGNATURE_SIZE && verifyBytes(logKey, message, s.value.payload)) return cp;
  }
  return { ok: false, reason: found ? "the log's signature does not verify" : "the checkpoint has no signature by the log's key" };
}

/** The message of a cosignature/v1: header line, time line, then the checkpoint body. */
export function cosignatureMessage(body: string, timeSec: number): Uint8Array {
  return encoder.encode(`cosignature/v1\ntime ${timeSec}\n${body}`);
}

/** A party's co-signature line (without newline) over a checkpoint body, at `timeSec` (POSIX seconds). */
export function cosignCheckpoint(body: string, party: string, key: { privateKey: KeyObject; publicKey: PublicKey }, timeSec: number): string {
  if (!Number.isSafeInteger(timeSec) || timeSec < 0) throw new RangeError('co-signature time must be whole seconds since 1970');
  const time = new Uint8Array(8);
  new DataView(time.buffer).setBigUint64(0, BigInt(timeSec));
  const sig = signBytes(key.privateKey, cosignatureMessage(body, timeSec));
  return line(party, [noteKeyId(party, SIG_TYPE_COSIGNATURE_V1, key.publicKey), time, sig]);
}

/** Checks a co-signature line by `party` with `key` over a checkpoint body; returns its time. */
export function openCosignature(body: string, text: string, party: string, key: PublicKey): Checked<{ timeSec: number }> {
  const s = parseSignatureLine(text);
  if (!s.ok) return s;
  if (s.value.name !== party) return { ok: false, reason: `signature line names "${s.value.name}", not party "${party}"` };
  if (!bytesEqual(s.value.keyId, noteKeyId(party, SIG_TYPE_COSIGNATURE_V1, key))) {
    return { ok: false, reason: `key ID is not that of the registered key of party "${party}"` };
  }
  if (s.value.payload.length !== 8 + SIGNATURE_SIZE) return { ok: false, reason: 'co-signature is not a time and a 64-byte signature' };
  const timeBig = new DataView(s.value.payload.buffer, s.value.payload.byteOffset, 8).getBigUint64(0);
  if (timeBig > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'co-signature time is out of range' };
  const timeSec = Number(timeBig);
  if (!verifyBytes(key, cosignatureMessage(body, timeSec), s.value.payload.subarray(8))) {
    return { ok: false, reason: `co-signature by party "${party}" does not verify` };
  }
  return { ok: true, value: { timeSec } };
}
