// SPDX-License-Identifier: GPL-3.0-or-later
// A small pool of worker threads that verify Ed25519 signatures alongside the main thread. Node's crypto
// verifies some 5,000-7,000 signatures a second per core, the bound on appends; with the pool a batch uses
// every core. The API stays synchronous: the main thread posts a shared job, goes on with its own work, then
// claims chunks of the job itself and waits (Atomics.wait) for the chunks the workers claimed. A worker that
// is still starting, slow or dead costs nothing but time: the main thread verifies whatever is left.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { DONE, INVALID, type SigItem, type SigJob, VALID, packJob, verifyItem, work } from './sigjob.ts';

/** Batches smaller than this are verified on the main thread: posting a job costs more than it saves. */
export const MIN_PARALLEL_BATCH = 64;

/** How long the main thread waits for chunks a worker claimed before verifying them itself. */
const STALL_MS = 2000;

/** Starts a worker: the bundled file next to the bundle in dist/, or the TypeScript source under tsx. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./ledger-verify-worker.js', import.meta.url));
  // From source (tests, or the CLI without a fresh bundle): Node 20 does not hand tsx's loader hooks on to a
  // worker, so the worker registers them before it imports its TypeScript entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./verify-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true,
  });
}

/** Default worker count: the cores beyond the main thread's, at most 7. */
export function defaultVerifyThreads(): number {
  return Math.min(7, Math.max(0, availableParallelism() - 1));
}

/** A started verification: finish() helps with the remaining work and returns one verdict per item. */
export interface PendingVerification {
  /** True once every signature has a verdict (the workers finished the job), without waiting. */
  settled(): boolean;
  finish(): boolean[];
}

export class SignaturePool {
  private workers: Worker[] | undefined;
  private broken = false;
  /** Signatures of the last finished job that the main thread verified itself (the rest were the workers'). */
  lastMainShare = 0;

  constructor(readonly threads = defaultVerifyThreads()) {}

  /** Whether a batch of `count` signatures goes to the pool. */
  worthIt(count: number): boolean {
    return this.threads > 0 && !this.broken && count >= MIN_PARALLEL_BATCH;
  }

  /**
   * Starts verifying `items` (each with the index of its key in `keys`: raw 32-byte keys and Node's key objects
   * for them). The workers begin at once; the caller may do other work before finish().
   */
  start(keys: readonly { raw: Uint8Array; key: KeyObject }[], items: readonly SigItem[]): PendingVerification {
    const job = packJob(
      keys.map((k) => k.raw),
      items,
    );
    const keyObjects = keys.map((k) => k.key);
    if (this.worthIt(items.length)) for (const w of this.ensureWorkers()) w.postMessage(job.sab);
    return { settled: () => Atomics.load(job.control, DONE) >= job.count, finish: () => this.finish(job, keyObjects) };
  }

  private finish(job: SigJob, keys: readonly KeyObject[]): boolean[] {
    this.lastMainShare = work(job, keys);
    const deadline = Date.now() + STALL_MS;
    for (;;) {
      const done = Atomics.load(job.control, DONE);
      if (done >= job.count) break;
      const left = deadline - Date.now();
      if (left <= 0) {
        // A worker claimed chunks and has not finished them: do them here (the verdicts cannot differ).
        for (let i = 0; i < job.count; i++) {
          if (Atomics.load(job.verdicts, i) === 0) {
            verifyItem(job, keys, i);
            this.lastMainShare++;
          }
        }
        break;
      }
      Atomics.wait(job.control, DONE, done, left);
    }
    const out: boolean[] = new Array(job.count);
    for (let i = 0; i < job.count; i++) {
      const v = Atomics.load(job.verdicts, i);
      if (v !== VALID && v !== INVALID) throw new Error(`signature ${i} of a batch was not verified`);
      out[i] = v === VALID;
    }
    return out;
  }

  private ensureWorkers(): Worker[] {
    if (this.workers) return this.workers;
    this.workers = [];
    for (let i = 0; i < this.threads; i++) {
      const w = startWorker();
      w.unref(); // an idle pool never keeps the process alive
      w.on('error', () => {
        // It cannot verify; the main thread covers what it does not do. Stop posting to the pool.
        this.broken = true;
      });
      this.workers.push(w);
    }
    return this.workers;
  }

  /** Stops the workers. The pool can be used again (it starts new workers). */
  close(): void {
    const workers = this.workers;
    this.workers = undefined;
    for (const w of workers ?? []) void w.terminate();
  }
}
