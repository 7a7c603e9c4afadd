// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX codec throughput on one core: CAT048 decode (structure, then the typed reads an adapter makes) and
// encode. Median of several runs. Prints nothing on import; bench/run.ts prints the results.

import { readFileSync } from 'node:fs';
import { ByteWriter } from '../src/asterix/bits.ts';
import { AsterixCodec } from '../src/asterix/codec.ts';
import type { RecordValues } from '../src/asterix/encode.ts';
import { readSource } from '../src/asterix/io/source.ts';
import { type BenchResult, measureRate } from './harness.ts';

/** Real CAT048 traffic: the CAT048 blocks of the CroatiaControl capture (128 records, 1.31 layout). */
function cat048Datagrams(codec: AsterixCodec): Uint8Array[] {
  const src = readSource(new Uint8Array(readFileSync(new URL('../test/fixtures/asterix/cat_034_048.pcap', import.meta.url))));
  const out: Uint8Array[] = [];
  for (const d of src.datagrams) {
    for (const b of codec.decode(d.payload)) if (b.cat === 48 && !b.error) out.push(d.payload.slice(b.offset, b.offset + b.length));
  }
  return out;
}

export async function benchAsterix(): Promise<BenchResult[]> {
  const codec = new AsterixCodec({ editions: { 48: '1.31' } });
  const blocks = cat048Datagrams(codec);
  let perPass = 0;
  for (const b of blocks) perPass += codec.decode(b)[0].records.length;
  const runs = 5;
  const passes = Math.ceil(200000 / perPass);
  const n = passes * perPass;

  // Structural decode: blocks → records with every item located.
  const decode = measureRate(n, runs, () => {
    let records = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < blocks.length; i++) records += codec.decode(blocks[i])[0].records.length;
    }
    return records;
  });

  // Decode plus the typed reads a CAT048 → Report adapter makes.
  const reads = measureRate(n, runs, () => {
    let sum = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < blocks.length; i++) {
        const recs = codec.decode(blocks[i])[0].records;
        for (let k = 0; k < recs.length; k++) {
          const r = recs[k];
          sum += r.sac + (r.bits('020/TYP') ?? 0) + (r.bits('040/RHO') ?? 0) + (r.bits('040/THETA') ?? 0) + (r.bits('090/FL') ?? 0) + (r.bits('220') ?? 0);
        }
      }
    }
    return sum;
  });

  // Encode: value trees → bytes (one data block per source block).
  const values: RecordValues[][] = blocks.map((b) => codec.decode(b)[0].records.map((r) => ({ items: r.items() })));
  const cc = codec.resolve(48);
  const w = new ByteWriter(1 << 20);
  const encode = measureRate(n, runs, () => {
    let bytes = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < values.length; i++) {
        w.reset();
        const recs = values[i];
        for (let k = 0; k < recs.length; k++) codec.writeRecord(cc, w, recs[k]);
        bytes += w.pos;
      }
    }
    return bytes;
  });
  return [
    { name: 'asterix CAT048 decode (structure)', value: decode.perSecond, unit: 'records/s', n, runs, note: `target 2,000,000: ${(decode.perSecond / 2e6).toFixed(2)}x` },
    { name: 'asterix CAT048 decode + typed reads', value: reads.perSecond, unit: 'records/s', n, runs },
    { name: 'asterix CAT048 encode', value: encode.perSecond, unit: 'records/s', n, runs, note: `target 2,000,000: ${(encode.perSecond / 2e6).toFixed(2)}x` },
  ];
}
