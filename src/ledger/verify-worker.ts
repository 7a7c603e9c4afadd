// SPDX-License-Identifier: GPL-3.0-or-later
// Worker thread of the signature pool (sigpool.ts): takes shared verification jobs and works on them
// alongside the main thread. Bundled as dist/ledger-verify-worker.js; run from source under tsx in tests.

import { parentPort } from 'node:worker_threads';
import { NEXT, jobKeys, openJob, work } from './sigjob.ts';

parentPort?.on('message', (sab: SharedArrayBuffer) => {
  const job = openJob(sab);
  if (Atomics.load(job.control, NEXT) >= job.count) return; // the main thread did it all already
  work(job, jobKeys(job));
});
