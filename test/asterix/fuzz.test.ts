// SPDX-License-Identifier: GPL-3.0-or-later
// Bad bytes: truncated blocks, wrong LEN, FSPEC past the end, unknown categories, random garbage. The decoder
// must return typed errors, never throw, never hang, and skip a broken block by its LEN.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsterixCodec } from '../../src/asterix/codec.ts';
import type { BlockErrorReason } from '../../src/asterix/decode.ts';
import { readCapture } from '../../src/asterix/io/pcap.ts';
import { mulberry32, randBytes, randInt } from '../helpers/prng.ts';
import { fixture, randomRecord } from './helpers.ts';

const codec = new AsterixCodec();
const partial = new AsterixCodec({ mode: 'partial' });
const sample = fixture('handmade_cat048_two_records.bin');

function reasons(buf: Uint8Array, c = codec): (BlockErrorReason | 'ok')[] {
  return c.decode(buf).map((b) => b.error?.reason ?? 'ok');
}

describe('asterix: bad input', () => {
  it('a truncated block header is reported', () => {
    assert.deepEqual(reasons(new Uint8Array([48, 0])), ['truncated-header']);
  });

  it('LEN below 3 and LEN past the datagram are reported, the rest skipped', () => {
    assert.deepEqual(reasons(new Uint8Array([48, 0, 2, 0x80, 1, 2])), ['bad-length']);
    const cut = sample.slice(0, sample.length - 4);
    const r = codec.decode(cut);
    assert.equal(r.length, 1);
    assert.equal(r[0].error?.reason, 'length-overrun');
    assert.equal(r[0].records.length, 0);
  });

  it('an FSPEC running past the end of the block is reported', () => {
    assert.deepEqual(reasons(new Uint8Array([48, 0, 5, 0xff, 0xff])), ['fspec-overrun']);
  });

  it('an item running past the end is reported; partial mode keeps the records before it', () => {
    // Two records; cut LEN so the second one's last item is short.
    const b = sample.slice(0, sample.length - 2);
    b[1] = b.length >> 8;
    b[2] = b.length & 0xff;
    const strict = codec.decode(b)[0];
    assert.equal(strict.error?.reason, 'item-overrun');
    assert.equal(strict.records.length, 0);
    const part = partial.decode(b)[0];
    assert.equal(part.error?.reason, 'item-overrun');
    assert.equal(part.records.length, 1);
    assert.equal(part.records[0].value('040/RHO'), 50);
  });

  it('an unknown category is skipped by its LEN and the next block decodes', () => {
    const unknown = new Uint8Array([65, 0, 6, 0x80, 1, 2]);
    const both = new Uint8Array([...unknown, ...sample]);
    const r = codec.decode(both);
    assert.deepEqual(
      r.map((b) => [b.cat, b.error?.reason ?? 'ok', b.records.length]),
      [
        [65, 'unknown-category', 0],
        [48, 'ok', 2],
      ],
    );
  });

  it('an FSPEC bit for a spare slot or beyond the UAP is reported', () => {
    // CAT034 1.29: FRN 1 (010) and FRN 16, beyond its 14-slot UAP.
    assert.deepEqual(reasons(new Uint8Array([34, 0, 8, 0x81, 0x01, 0x40, 0, 0])), ['unknown-item']);
    // CAT001 plot UAP: FRN 16 is a spare slot.
    assert.deepEqual(reasons(new Uint8Array([1, 0, 8, 0x81, 0x01, 0x40, 0, 0])), ['unknown-item']);
  });

  it('an extended item whose last extent sets FX is reported', () => {
    // CAT048 I020: FX set on every extent, the last included.
    const n = codec.resolve(48).items.get('020')?.extentEnds.length ?? 0;
    assert.ok(n >= 2);
    assert.deepEqual(reasons(new Uint8Array([48, 0, 4 + n, 0x20, ...new Array(n).fill(1)])), ['bad-extension']);
  });

  it('random bytes, truncations and bit flips: typed results, no throw, no hang', () => {
    const rand = mulberry32(1234);
    const cc = codec.resolve(48);
    const kinds = new Set<string>();
    let blocks = 0;
    for (let i = 0; i < 20000; i++) {
      let buf: Uint8Array;
      const what = i % 4;
      if (what === 0) buf = randBytes(rand, randInt(rand, 0, 64));
      else {
        const cat = [1, 2, 21, 34, 48, 62][randInt(rand, 0, 5)];
        const good = codec.encodeBlock(cat, [randomRecord(rand, codec.resolve(cat)), randomRecord(rand, codec.resolve(cat))]);
        buf = good.slice();
        if (what === 1) buf = buf.slice(0, randInt(rand, 0, buf.length));
        else if (what === 2) for (let k = 0; k < 3; k++) buf[randInt(rand, 0, buf.length - 1)] ^= 1 << randInt(rand, 0, 7);
        else buf[randInt(rand, 1, 2)] = randInt(rand, 0, 255);
      }
      for (const c of [codec, partial]) {
        const r = c.decode(buf);
        blocks += r.length;
        for (const b of r) {
          kinds.add(b.error?.reason ?? 'ok');
          // Whatever came out must be readable without throwing.
          for (const rec of b.records) {
            rec.items();
            rec.value('010/SAC');
          }
        }
      }
    }
    assert.ok(blocks > 20000);
    for (const k of ['ok', 'item-overrun', 'length-overrun', 'unknown-category']) assert.ok(kinds.has(k), `saw ${k}: ${[...kinds]}`);
    void cc;
  });

  it('bad capture files are reported, not thrown', () => {
    assert.equal(readCapture(new Uint8Array([1, 2, 3])).error, 'file too short for a capture header');
    assert.equal(readCapture(new Uint8Array(8)).error, 'not a pcap or pcapng file');
    const cap = fixture('cat_034_048.pcap');
    const cut = readCapture(cap.slice(0, 1000));
    assert.match(cut.error ?? '', /truncated|trailing/);
    assert.ok(cut.packets.length > 0);
  });
});
