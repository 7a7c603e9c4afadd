import { benchLedger } from './bench/ledger.ts';
import { formatResult } from './bench/harness.ts';
const t = performance.now();
for (const r of await benchLedger()) console.log(formatResult(r));
console.log('total s', (performance.now() - t) / 1000);
