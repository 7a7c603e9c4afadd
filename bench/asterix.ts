// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX codec throughput on one core: CAT048 decode (structure, then the typed reads an adapter makes) and
// encode. Median of several runs. Prints nothing on import; bench/run.ts prints the results.

import { readFileSync } from 'node:fs';
import { ByteWriter } from '../src/asterix/bits.ts';
import { AsterixCodec } from '../src/asterix/codec.ts';
import type { RecordValues } from '../src/asterix/encode.ts';
import { readSource } from '../src/asterix/io/source.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  n: number;
  runs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Real CAT048 traffic: the CAT048 blocks of the CroatiaControl capture (128 records, 1.31 layout). */
function cat048Datagrams(codec: AsterixCodec): Uint8Array[] {
  const src = readSource(new Uint8Array(readFileSync('test/fixtures/asterix/cat_034_048.pcap')));
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
  const decodeRates: number[] = [];
  let sink = 0;
  for (let run = 0; run < runs + 1; run++) {
    const t0 = process.hrtime.bigint();
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < blocks.length; i++) sink += codec.decode(blocks[i])[0].records.length;
    }
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (run > 0) decodeRates.push(n / s);
  }

  // Decode plus the typed reads a CAT048 → Report adapter makes.
  const readRates: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const t0 = process.hrtime.bigint();
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < blocks.length; i++) {
        const recs = codec.decode(blocks[i])[0].records;
        for (let k = 0; k < recs.length; k++) {
          const r = recs[k];
          sink += r.sac + (r.bits('020/TYP') ?? 0) + (r.bits('040/RHO') ?? 0) + (r.bits('040/THETA') ?? 0) + (r.bits('090/FL') ?? 0) + (r.bits('220') ?? 0);
        }
      }
    }
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (run > 0) readRates.push(n / s);
  }

  // Encode: value trees → bytes (one data block per source block).
  const values: RecordValues[][] = blocks.map((b) => codec.decode(b)[0].records.map((r) => ({ items: r.items() })));
  const cc = codec.resolve(48);
  const w = new ByteWriter(1 << 20);
  const encodeRates: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const t0 = process.hrtime.bigint();
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < values.length; i++) {
        w.reset();
        const recs = values[i];
        for (let k = 0; k < recs.length; k++) codec.writeRecord(cc, w, recs[k]);
        sink += w.pos;
      }
    }
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (run > 0) encodeRates.push(n / s);
  }
  if (sink === -1) console.log(sink);
  return [
    { name: 'asterix CAT048 decode (structure)', value: Math.round(median(decodeRates)), unit: 'records/s', n, runs },
    { name: 'asterix CAT048 decode + typed reads', value: Math.round(median(readRates)), unit: 'records/s', n, runs },
    { name: 'asterix CAT048 encode', value: Math.round(median(encodeRates)), unit: 'records/s', n, runs },
  ];
}
