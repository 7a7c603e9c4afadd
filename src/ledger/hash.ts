// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 9162 §2.1.1: the Merkle Tree Hash with SHA-256 and domain separation between leaves and nodes.
//   leaf hash = SHA-256(0x00 || data)
//   node hash = SHA-256(0x01 || left || right)
//   the hash of an empty tree is SHA-256 of the empty string.

import { createHash } from 'node:crypto';

/** Bytes in every hash of the tree. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** The hash of an empty tree: MTH({}) = SHA-256(). */
export const EMPTY_ROOT: Uint8Array = new Uint8Array(createHash('sha256').digest());

/** MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(LEAF_PREFIX).update(data).digest());
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest());
}

/** Constant-length byte comparison (hashes are public, so timing does not matter; this is for clarity). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Strict standard base64 (RFC 4648 §4, with padding); undefined when the text is not canonical base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  // Reject non-canonical encodings (stray bits in the last character), so that one value has one text.
  return toBase64(bytes) === text ? bytes : undefined;
}
