// SPDX-License-Identifier: GPL-3.0-or-later
// Bundles the CLI, the benchmarks and the ledger's worker into dist/ with esbuild: plain ESM that Node runs at full speed
// (running the TypeScript through a loader costs a factor of two or more on the hot paths).
// Then builds the web UI (web/ → web/dist, served by the server at `/`) with Vite.
// Usage: node scripts/build.mjs [web | node]   (only the web UI, or only the Node bundles; default both)
import { build } from 'esbuild';

const only = process.argv[2];

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external', // dependencies stay in node_modules (better-sqlite3 is native)
  logLevel: 'warning',
  // Bundled ESM has no `require`; some dependencies expect it.
  banner: { js: "import { createRequire as __jointskyCreateRequire } from 'node:module'; const require = __jointskyCreateRequire(import.meta.url);" },
};

if (only !== 'web') {
  await build({ ...common, entryPoints: { jointsky: 'src/cli/main.ts' }, outdir: 'dist' });
  await build({ ...common, entryPoints: { bench: 'bench/run.ts' }, outdir: 'dist' });
  // The ledger's signature-verification worker (src/ledger/sigpool.ts loads it from next to the bundle).
  await build({ ...common, entryPoints: { 'ledger-verify-worker': 'src/ledger/verify-worker.ts' }, outdir: 'dist' });
}
if (only !== 'node') {
  const vite = await import('vite');
  await vite.build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
}
