// SPDX-License-Identifier: GPL-3.0-or-later
// decode → encode gives the identical bytes: for every sample (whole datagrams, rejected blocks included, via
// NDJSON lines) and for thousands of random records of every category edition.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHex } from '../../src/asterix/bits.ts';
import { AsterixCodec, availableEditions } from '../../src/asterix/codec.ts';
import { readSource } from '../../src/asterix/io/source.ts';
import { blockLines, LineEncoder, parseLine } from '../../src/asterix/ndjson.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { fixture, randomRecord, rawOnly } from './helpers.ts';

const SAMPLES: [string, boolean][] = [
  ['cat_034_048.pcap', false],
  ['asterix.pcap', false],
  ['cat_062_065.pcap', false],
  ['cat_001_002.pcap', true],
  ['cat048.raw', false],
  ['cat034.raw', false],
  ['cat062cat065.raw', false],
  ['cat21_re.ast', false],
  ['handmade_cat048_two_records.bin', false],
  ['handmade_cat034_north_marker.bin', false],
  ['libasterix_readme_example.bin', false],
  ['jasterix_cat048ed1.23.bin', false],
  ['jasterix_cat062ed1.16.bin', false],
  ['jasterix_cat021ed2.1.bin', false],
];

describe('asterix: round trip', () => {
  const editionSets: Record<number, string>[] = [{}, { 21: '2.6', 48: '1.31', 62: '1.19' }];
  for (const editions of editionSets) {
    for (const mode of ['strict', 'partial'] as const) {
      it(`every sample survives decode → NDJSON → encode byte for byte (${mode}, editions ${JSON.stringify(editions)})`, () => {
        const codec = new AsterixCodec({ editions, mode });
        for (const [file, oradis] of SAMPLES) {
          const src = readSource(fixture(file), { oradis });
          assert.ok(src.datagrams.length > 0, file);
          const enc = new LineEncoder(codec);
          src.datagrams.forEach((d, dg) => {
            for (const line of blockLines(codec.decode(d.payload), d.payload, dg, d.timeMs)) enc.add(parseLine(line));
          });
          const out = enc.finish();
          assert.equal(out.length, src.datagrams.length, `${file}: datagram count`);
          out.forEach((b, i) => {
            assert.equal(toHex(b), toHex(src.datagrams[i].payload), `${file}: datagram ${i}`);
          });
        }
      });
    }
  }

  const editions = availableEditions();
  for (const [cat, eds] of Object.entries(editions)) {
    for (const edition of eds) {
      it(`1000 random CAT${cat.padStart(3, '0')} ${edition} records: encode → decode → encode is identical`, () => {
        const codec = new AsterixCodec({ editions: { [cat]: edition } });
        const cc = codec.resolve(Number(cat));
        const rand = mulberry32(0x5eed + Number(cat) * 100 + Number(edition.split('.')[1]));
        for (let i = 0; i < 1000; i++) {
          const r = randomRecord(rand, cc);
          const bytes = codec.encodeBlock(Number(cat), [r]);
          const blocks = codec.decode(bytes);
          assert.equal(blocks.length, 1);
          assert.equal(blocks[0].error, undefined, `record ${i}: ${JSON.stringify(blocks[0].error)}`);
          const rec = blocks[0].records[0];
          assert.deepEqual(rawOnly(rec.items()), rawOnly(r.items), `record ${i}`);
          const again = codec.encodeBlock(Number(cat), [{ items: rec.items(), uap: rec.uapName }]);
          assert.equal(toHex(again), toHex(bytes), `record ${i}`);
        }
      });
    }
  }

  it('random blocks of many records round-trip through NDJSON', () => {
    const codec = new AsterixCodec();
    const rand = mulberry32(77);
    const cc = codec.resolve(48);
    const recs = Array.from({ length: 200 }, () => randomRecord(rand, cc));
    const bytes = codec.encodeBlock(48, recs);
    const enc = new LineEncoder(codec);
    for (const line of blockLines(codec.decode(bytes), bytes, 0)) enc.add(parseLine(line));
    assert.equal(toHex(enc.finish()[0]), toHex(bytes));
  });
});
