// SPDX-License-Identifier: GPL-3.0-or-later
// `npm run bench`: every hot path, one line each: `name: VALUE UNIT (n=..., median of K runs)`.
// Usage: npm run bench [-- FILTER...]  (runs only the suites whose name contains a filter)

import { formatResult, type BenchResult } from './harness.ts';
import { benchAsterix } from './asterix.ts';
import { benchBrowser } from './browser.ts';
import { benchEncounters } from './encounters.ts';
import { benchFusion } from './fusion.ts';
import { benchLedger } from './ledger.ts';
import { benchModes } from './modes.ts';
import { benchNotify } from './notify.ts';
import { benchServer } from './server.ts';
import { benchSim } from './sim.ts';
import { benchSimSensors } from './sim-sensors.ts';
import { benchStca } from './stca.ts';
import { benchSurveillance } from './surveillance.ts';

const SUITES: Record<string, () => Promise<BenchResult[]>> = {
  modes: benchModes,
  asterix: benchAsterix,
  ledger: benchLedger,
  surveillance: benchSurveillance,
  sim: benchSim,
  server: benchServer,
  'sim-sensors': benchSimSensors,
  stca: benchStca,
  fusion: benchFusion,
  encounters: benchEncounters,
  notify: benchNotify,
  browser: benchBrowser,
};

const filters = process.argv.slice(2);
for (const [name, suite] of Object.entries(SUITES)) {
  if (filters.length > 0 && !filters.some((f) => name.includes(f))) continue;
  for (const r of await suite()) console.log(formatResult(r));
}
