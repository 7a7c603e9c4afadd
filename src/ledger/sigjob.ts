// SPDX-License-Identifier: GPL-3.0-or-later
// A batch of Ed25519 verifications laid out in one SharedArrayBuffer, so that the main thread and worker
// threads can share the work without copying: each thread claims chunks of CHUNK signatures with an atomic
// counter and writes one verdict byte per signature (1 valid, 2 invalid), then adds to the done count. A
// chunk is one signature: an atomic add costs nothing beside a verification (~150 µs), and the main thread,
// done with its share, then waits at most for the one signature each worker has in hand. The
// verdicts are a pure function of (key, message, signature), so who verified what never changes a result.
//
// Layout: control Int32[4] (next, done, count, keys) | msgEnd Uint32[count] | keyIndex Uint32[count] |
//         keys 32 bytes each | signatures 64 bytes each | verdicts 1 byte each | messages, concatenated

import { type KeyObject, createPublicKey, verify } from 'node:crypto';

export const CHUNK = 1;
export const NEXT = 0;
export const DONE = 1;
const COUNT = 2;
const KEYS = 3;

export const VALID = 1;
export const INVALID = 2;

export interface SigItem {
  /** Index into the job's key list. */
  key: number;
  message: Uint8Array;
  signature: Uint8Array;
}

export interface SigJob {
  sab: SharedArrayBuffer;
  control: Int32Array;
  count: number;
  msgEnd: Uint32Array;
  keyIndex: Uint32Array;
  keys: Uint8Array;
  sigs: Uint8Array;
  verdicts: Uint8Array;
  messages: Uint8Array;
}

/** Views over a job's buffer. */
export function openJob(sab: SharedArrayBuffer): SigJob {
  const control = new Int32Array(sab, 0, 4);
  const count = control[COUNT];
  const nKeys = control[KEYS];
  let at = 16;
  const msgEnd = new Uint32Array(sab, at, count);
  at += 4 * count;
  const keyIndex = new Uint32Array(sab, at, count);
  at += 4 * count;
  const keys = new Uint8Array(sab, at, 32 * nKeys);
  at += 32 * nKeys;
  const sigs = new Uint8Array(sab, at, 64 * count);
  at += 64 * count;
  const verdicts = new Uint8Array(sab, at, count);
  at += count;
  const messages = new Uint8Array(sab, at, sab.byteLength - at);
  return { sab, control, count, msgEnd, keyIndex, keys, sigs, verdicts, messages };
}

/** Packs raw 32-byte public keys and the items into a new shared job. Signatures must be 64 bytes. */
export function packJob(keys: readonly Uint8Array[], items: readonly SigItem[]): SigJob {
  const count = items.length;
  let msgBytes = 0;
  for (const it of items) msgBytes += it.message.length;
  const sab = new SharedArrayBuffer(16 + 8 * count + 32 * keys.length + 65 * count + msgBytes);
  const control = new Int32Array(sab, 0, 4);
  control[COUNT] = count;
  control[KEYS] = keys.length;
  const job = openJob(sab);
  keys.forEach((k, i) => {
    job.keys.set(k, 32 * i);
  });
  let end = 0;
  items.forEach((it, i) => {
    job.messages.set(it.message, end);
    end += it.message.length;
    job.msgEnd[i] = end;
    job.keyIndex[i] = it.key;
    job.sigs.set(it.signature, 64 * i);
  });
  return job;
}

// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410).
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Node key objects for a job's raw keys (parsing a key costs as much as a few verifications: once per job). */
export function jobKeys(job: SigJob): KeyObject[] {
  const out: KeyObject[] = [];
  for (let k = 0; k * 32 < job.keys.length; k++) {
    const raw = job.keys.subarray(32 * k, 32 * k + 32);
    out.push(createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }));
  }
  return out;
}

/** Verifies one item and records its verdict. */
export function verifyItem(job: SigJob, keys: readonly KeyObject[], i: number): void {
  const start = i === 0 ? 0 : job.msgEnd[i - 1];
  const message = job.messages.subarray(start, job.msgEnd[i]);
  const ok = verify(null, message, keys[job.keyIndex[i]], job.sigs.subarray(64 * i, 64 * i + 64));
  job.verdicts[i] = ok ? VALID : INVALID;
}

/** Claims and verifies chunks until none are left; returns how many items this thread verified. */
export function work(job: SigJob, keys: readonly KeyObject[]): number {
  let mine = 0;
  for (;;) {
    const from = Atomics.add(job.control, NEXT, CHUNK);
    if (from >= job.count) return mine;
    const to = Math.min(from + CHUNK, job.count);
    for (let i = from; i < to; i++) verifyItem(job, keys, i);
    mine += to - from;
    if (Atomics.add(job.control, DONE, to - from) + (to - from) >= job.count) Atomics.notify(job.control, DONE);
  }
}
