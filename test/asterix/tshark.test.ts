// SPDX-License-Identifier: GPL-3.0-or-later
// The independent oracle: Debian's tshark decodes the same data blocks; every value we decode must equal
// tshark's, field by field. Editions as tshark 4.0 has them: CAT021 2.6, CAT034 1.29, CAT048 1.31, CAT062 1.19.
// tshark 4.0 misreads I062/510 (checked against jASTERIX in codec.test.ts instead). If tshark is missing,
// these tests fail (the CI installs it: apt-get install -y tshark).

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AsterixCodec } from '../../src/asterix/codec.ts';
import type { AsterixRecord } from '../../src/asterix/record.ts';
import { readSource } from '../../src/asterix/io/source.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { type Agreement, compareWithTshark, fixture, randomRecord, TSHARK_MISSING, tsharkAvailable, tsharkDecode } from './helpers.ts';

const EDITIONS = { 21: '2.6', 34: '1.29', 48: '1.31', 62: '1.19' };
const codec = new AsterixCodec({ editions: EDITIONS });

/** Fields tshark shows differently by design (not value disagreements). */
function ignore(key: string): boolean {
  return key.startsWith('asterix.062_510');
}

/** Decodes blocks with both decoders and compares record by record. */
function agreement(blocks: Uint8Array[]): Agreement & { records: number } {
  const theirs = tsharkDecode(blocks);
  const acc: Agreement & { records: number } = { compared: 0, agreed: 0, unmatched: 0, mismatches: [], mismatchKeys: new Map(), records: 0 };
  blocks.forEach((b, i) => {
    const ours: AsterixRecord[] = [];
    for (const blk of codec.decode(b)) ours.push(...blk.records);
    const t = theirs[i] ?? [];
    // tshark 4.0 reads I062/510 with the wrong length and loses its way after it: compare up to that record.
    const bad510 = ours.findIndex((r) => r.cat === 62 && r.has('510'));
    const n = bad510 >= 0 ? bad510 + 1 : ours.length;
    if (bad510 < 0) assert.equal(t.length, ours.length, `block ${i}: tshark sees ${t.length} records, we see ${ours.length}`);
    for (let k = 0; k < n; k++) {
      acc.records++;
      compareWithTshark(ours[k], t[k], ignore, acc);
    }
  });
  return acc;
}

/** Splits datagrams into single data blocks (tshark gets one block per packet). */
function splitBlocks(payloads: Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const p of payloads) {
    for (const b of codec.decode(p)) if (!b.error) out.push(p.slice(b.offset, b.offset + b.length));
  }
  return out;
}

describe('asterix: tshark oracle', () => {
  before(() => {
    assert.ok(tsharkAvailable(), TSHARK_MISSING);
  });

  it('agrees on every sample record, item by item', (t) => {
    const files = ['cat_034_048.pcap', 'cat_062_065.pcap', 'cat048.raw', 'cat034.raw', 'cat062cat065.raw', 'cat21_re.ast', 'handmade_cat048_two_records.bin', 'handmade_cat034_north_marker.bin', 'libasterix_readme_example.bin', 'jasterix_cat048ed1.23.bin', 'jasterix_cat062ed1.16.bin', 'jasterix_cat021ed2.1.bin'];
    const blocks: Uint8Array[] = [];
    for (const f of files) blocks.push(...splitBlocks(readSource(fixture(f)).datagrams.map((d) => d.payload)));
    const a = agreement(blocks);
    t.diagnostic(`records ${a.records}, values compared ${a.compared}, agreed ${a.agreed}, not named alike ${a.unmatched}`);
    assert.deepEqual(a.mismatches, []);
    assert.ok(a.records >= 170, `records compared: ${a.records}`);
    assert.ok(a.compared >= 2500, `values compared: ${a.compared}`);
    assert.ok(a.unmatched <= a.compared * 0.05, `values tshark does not name like us: ${a.unmatched} of ${a.compared + a.unmatched}`);
  });

  for (const [cat, edition] of Object.entries(EDITIONS)) {
    it(`agrees on 1000 random CAT${cat.padStart(3, '0')} ${edition} records`, (t) => {
      const rand = mulberry32(0xa57e0000 + Number(cat));
      const cc = codec.resolve(Number(cat));
      const blocks: Uint8Array[] = [];
      for (let i = 0; i < 1000; i++) {
        const r = randomRecord(rand, cc, { noExplicit: true, skip: new Set(['510']) });
        blocks.push(codec.encodeBlock(Number(cat), [r]));
      }
      const a = agreement(blocks);
      t.diagnostic(`records ${a.records}, values compared ${a.compared}, agreed ${a.agreed}, not named alike ${a.unmatched}`);
      assert.deepEqual([...a.mismatchKeys], [], a.mismatches.slice(0, 5).join('\n'));
      assert.ok(a.compared >= 10000, `values compared: ${a.compared}`);
      assert.ok(a.unmatched <= a.compared * 0.05, `values tshark does not name like us: ${a.unmatched} of ${a.compared + a.unmatched}`);
    });
  }
});
