// SPDX-License-Identifier: GPL-3.0-or-later
// Ed25519 keys with Node's crypto. A private key lives in a PKCS#8 PEM file readable only by its owner; a
// public key travels as the base64 of its 32 raw bytes (RFC 8032), the form the party registry lists.

import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { fromBase64, toBase64 } from './hash.ts';

export const PUBLIC_KEY_SIZE = 32;
export const SIGNATURE_SIZE = 64;

/** An Ed25519 public key, with its raw bytes and Node's key object (kept so each key is parsed once). */
export interface PublicKey {
  readonly raw: Uint8Array;
  readonly base64: string;
  readonly key: KeyObject;
}

/** An Ed25519 key pair; the private half never leaves this object except as PEM to its file. */
export interface KeyPair {
  readonly publicKey: PublicKey;
  readonly privateKey: KeyObject;
}

// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function wrapPublic(raw: Uint8Array, key: KeyObject): PublicKey {
  return { raw, base64: toBase64(raw), key };
}

/** Parses the base64 of a raw 32-byte Ed25519 public key; undefined if it is not one. */
export function parsePublicKey(base64: string): PublicKey | undefined {
  const raw = fromBase64(base64);
  if (!raw || raw.length !== PUBLIC_KEY_SIZE) return undefined;
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    return wrapPublic(raw, key);
  } catch {
    return undefined;
  }
}

export function publicKeyOf(key: KeyObject): PublicKey {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const der = pub.export({ format: 'der', type: 'spki' });
  return wrapPublic(new Uint8Array(der.subarray(SPKI_PREFIX.length)), pub);
}

export function generateKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKeyOf(publicKey) };
}

export function privateKeyToPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Parses a PKCS#8 PEM Ed25519 private key; throws with a plain reason otherwise. */
export function parsePrivateKeyPem(pem: string): KeyPair {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error('not a PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`an ${privateKey.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  }
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

export function signBytes(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey));
}

export function verifyBytes(publicKey: PublicKey, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_SIZE) return false;
  return verify(null, message, publicKey.key, signature);
}

/** Signature type bytes of C2SP signed-note: 0x01 Ed25519 note signature, 0x04 timestamped Ed25519 cosignature. */
export const SIG_TYPE_ED25519 = 0x01;
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

/** C2SP signed-note key ID: SHA-256(key name || 0x0A || signature type || public key)[:4]. */
export function noteKeyId(name: string, sigType: number, publicKey: PublicKey): Uint8Array {
  const digest = createHash('sha256').update(name).update('\n').update(new Uint8Array([sigType])).update(publicKey.raw).digest();
  return new Uint8Array(digest.subarray(0, 4));
}

/** A short fingerprint of a public key for people to compare: the first 8 bytes of its SHA-256, in hex. */
export function fingerprint(publicKey: PublicKey): string {
  return createHash('sha256').update(publicKey.raw).digest('hex').slice(0, 16);
}
