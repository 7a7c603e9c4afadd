// SPDX-License-Identifier: GPL-3.0-or-later
// RecordScanner (fields read straight from a block's bytes) against AsterixRecord's bits() and value() on the
// generic decoder's records: every sample, seeded random blocks, and blocks the scanner must hand back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsterixCodec } from '../../src/asterix/codec.ts';
import { readSource } from '../../src/asterix/io/source.ts';
import { AsterixField } from '../../src/asterix/record.ts';
import { RecordScanner, type ScanField } from '../../src/asterix/scan.ts';
import { mulberry32, randInt } from '../helpers/prng.ts';
import { fixture, randomRecord } from './helpers.ts';

const FIELDS: ScanField[] = [
  { path: '010/SAC', as: 'bits' },
  { path: '010/SIC', as: 'bits' },
  { path: '020/TYP', as: 'bits' },
  { path: '020/TST', as: 'bits' }, // second extent: absent unless FX is set
  { path: '140', as: 'value' },
  { path: '040/RHO', as: 'value' },
  { path: '040/THETA', as: 'value' },
  { path: '090/FL', as: 'value' }, // signed in 1.32
  { path: '070/MODE3A', as: 'bits' },
  { path: '220', as: 'bits' },
  { path: '240', as: 'bits' }, // 48 bits
  { path: '200/HDG', as: 'value' },
];
const HANDLES = FIELDS.map((f) => new AsterixField(f.path));

/** Scans every CAT048 block of `payloads` and checks each row against the generic decoder's records. */
function check(codec: AsterixCodec, scanner: RecordScanner, payloads: readonly Uint8Array[]): number {
  let records = 0;
  for (const buf of payloads) {
    for (const block of codec.decode(buf)) {
      if (block.cat !== 48 || block.error?.reason === 'unknown-category') continue;
      const n = scanner.scan(buf, block.offset + 3, block.offset + block.length);
      if (block.error) {
        assert.equal(n, -1, `a block the decoder rejects (${block.error.reason}) is handed back`);
        continue;
      }
      assert.equal(n, block.records.length, 'one row per record');
      block.records.forEach((r, i) => {
        FIELDS.forEach((f, k) => {
          const v = f.as === 'bits' ? r.bits(HANDLES[k]) : r.value(HANDLES[k]);
          const got = scanner.rows[i * scanner.stride + k];
          if (v === undefined) assert.ok(Number.isNaN(got), `${f.path} absent in record ${i}`);
          else assert.equal(got, v, `${f.path} of record ${i}`);
        });
      });
      records += n;
    }
  }
  return records;
}

describe('asterix: record scanner', () => {
  for (const edition of ['1.31', '1.32']) {
    it(`reads CAT048 ${edition} fields as the generic decoder does, on the samples and on random blocks`, () => {
      const codec = new AsterixCodec({ editions: { 48: edition } });
      const cc = codec.resolve(48);
      const samples = ['cat_034_048.pcap', 'asterix.pcap', 'cat048.raw', 'handmade_cat048_two_records.bin'];
      let records = 0;
      for (const file of samples) {
        const scanner = RecordScanner.compile(cc, FIELDS) as RecordScanner;
        records += check(codec, scanner, readSource(fixture(file)).datagrams.map((d) => d.payload));
      }
      const rand = mulberry32(0x5ca7 + Number(edition.slice(2)));
      const payloads: Uint8Array[] = [];
      for (let b = 0; b < 300; b++) {
        const block = codec.encodeBlock(48, Array.from({ length: randInt(rand, 1, 6) }, () => randomRecord(rand, cc, {}, 0.5)));
        if (rand() < 0.3) block[randInt(rand, 3, block.length - 1)] ^= 1 << randInt(rand, 0, 7);
        payloads.push(block);
      }
      records += check(codec, RecordScanner.compile(cc, FIELDS) as RecordScanner, payloads);
      assert.ok(records > 1000, `${records} records compared`);
    });
  }

  it('gives a row to every record, even a block of records without items', () => {
    const codec = new AsterixCodec({ editions: { 48: '1.32' } });
    for (const n of [400, 1000, 300]) {
      const scanner = RecordScanner.compile(codec.resolve(48), FIELDS) as RecordScanner;
      // n records of one FSPEC octet each (0x00: no items).
      const buf = Uint8Array.from([48, (n + 3) >> 8, (n + 3) & 0xff, ...new Array(n).fill(0)]);
      assert.equal(scanner.scan(buf, 3, buf.length), n);
      assert.ok(scanner.rows.length >= n * scanner.stride, 'room for every row');
      for (let i = 0; i < n; i++) assert.ok(Number.isNaN(scanner.rows[i * scanner.stride]), `record ${i} has no SAC`);
      assert.equal(codec.decode(buf)[0].records.length, n);
    }
  });

  it('declines editions and fields it cannot read at fixed positions', () => {
    const codec = new AsterixCodec({});
    assert.equal(RecordScanner.compile(codec.resolve(48), [{ path: '250/0/MBDATA', as: 'bits' }]), null);
    assert.equal(RecordScanner.compile(codec.resolve(48), [{ path: '240', as: 'value' }]), null, 'text is read as bits');
    assert.equal(RecordScanner.compile(codec.resolve(1), [{ path: '010/SAC', as: 'bits' }]), null, 'CAT001 has two UAPs');
  });
});
