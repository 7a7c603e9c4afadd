// SPDX-License-Identifier: GPL-3.0-or-later
// Surveillance adapters: real CAT048 plots decoded and converted to Reports (the figure for
// "CAT048 decode to Reports"), polar to WGS84 included.

import { readFileSync } from 'node:fs';
import { AsterixCodec } from '../src/asterix/codec.ts';
import { readSource } from '../src/asterix/io/source.ts';
import { AdapterCounters, reportsFromDatagram, reportsFromRecords } from '../src/surveillance/from-asterix.ts';
import type { Report } from '../src/surveillance/report.ts';
import { SensorRegistry } from '../src/surveillance/sensors.ts';
import { type BenchResult, measureRate } from './harness.ts';

const RUNS = 7;

export async function benchSurveillance(): Promise<BenchResult[]> {
  const sics = [11, 12, 13, 14, 201, 204, 205];
  const registry = SensorRegistry.fromConfig(
    sics.map((sic, i) => ({ id: `hr-${sic}`, party: 'hr', kind: 'radar', lat: 43 + i * 0.5, lon: 14 + i * 0.4, sac: 25, sic })),
    'bench',
  );
  const codec = new AsterixCodec({ editions: { 48: '1.32' } });
  const capture = readSource(new Uint8Array(readFileSync(new URL('../test/fixtures/asterix/cat_034_048.pcap', import.meta.url))));
  const blocks: { bytes: Uint8Array; timeMs: number }[] = [];
  for (const d of capture.datagrams) {
    for (const b of codec.decode(d.payload)) {
      if (b.cat === 48 && !b.error) blocks.push({ bytes: d.payload.slice(b.offset, b.offset + b.length), timeMs: d.timeMs ?? 0 });
    }
  }
  let perPass = 0;
  for (const b of blocks) perPass += codec.decode(b.bytes)[0].records.length;
  const passes = Math.ceil(200_000 / perPass);
  const n = passes * perPass;
  const out: Report[] = [];
  // The pipeline's way: data blocks straight to Reports (CAT048 through the block scanner).
  const rate = measureRate(n, RUNS, () => {
    const counters = new AdapterCounters();
    for (let p = 0; p < passes; p++) {
      for (const b of blocks) {
        out.length = 0;
        reportsFromDatagram(codec, b.bytes, registry, b.timeMs, counters, out);
      }
    }
    return counters.reports;
  });
  // The reference: the generic decoder's records, then the adapter reading each record.
  const generic = measureRate(n, RUNS, () => {
    const counters = new AdapterCounters();
    for (let p = 0; p < passes; p++) {
      for (const b of blocks) {
        out.length = 0;
        reportsFromRecords(codec.decode(b.bytes)[0].records, registry, b.timeMs, counters, out);
      }
    }
    return counters.reports;
  });
  return [
    {
      name: 'asterix CAT048 decode to Reports (polar to WGS84)',
      value: rate.perSecond,
      unit: 'records/s',
      n,
      runs: RUNS,
      note: `target 2,000,000: ${(rate.perSecond / 2e6).toFixed(2)}x; ${(rate.perSecond / generic.perSecond).toFixed(2)}x the generic decoder`,
    },
    {
      name: 'asterix CAT048 decode to Reports, generic decoder (reference)',
      value: generic.perSecond,
      unit: 'records/s',
      n,
      runs: RUNS,
    },
  ];
}
