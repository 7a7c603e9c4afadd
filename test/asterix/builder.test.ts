// SPDX-License-Identifier: GPL-3.0-or-later
// RecordBuilder: typed encoding with precompiled field handles. Checked byte for byte against the hand-made
// sample and the value-tree encoder (which round-trips through the decoder), against the decoder's values,
// and against tshark.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { toHex } from '../../src/asterix/bits.ts';
import { icaoCallsignBits, octalCode4, type RecordBuilder } from '../../src/asterix/builder.ts';
import { AsterixCodec, availableEditions } from '../../src/asterix/codec.ts';
import { EncodeError } from '../../src/asterix/encode.ts';
import { K_COMPOUND, K_ELEMENT, K_EXTENDED, K_GROUP, type PlanNode } from '../../src/asterix/plan.ts';
import type { ItemsValue, ItemValue } from '../../src/asterix/values.ts';
import { mulberry32 } from '../helpers/prng.ts';
import { type Agreement, compareWithTshark, fixture, randomRecord, rawOnly, TSHARK_MISSING, tsharkAvailable, tsharkDecode } from './helpers.ts';

/** The raw number of a leaf value (quantities by raw, BDS and wide fields as hex, strings as text). */
function leafSet(b: RecordBuilder, path: string, v: ItemValue): void {
  const h = b.field(path);
  if (typeof v === 'number') b.setRaw(h, v);
  else if (typeof v === 'string') b.setValue(h, v);
  else {
    const raw = (v as { raw: number | string }).raw;
    if (typeof raw === 'number') b.setRaw(h, raw);
    else b.setValue(h, raw);
  }
}

/** Sets every member of a group or extended item, by path. */
function setMembers(b: RecordBuilder, node: PlanNode, prefix: string, v: ItemsValue): void {
  for (const e of node.entries) {
    if (e.name === null || e.node === null || v[e.name] === undefined) continue;
    if (e.node.kind === K_ELEMENT) leafSet(b, `${prefix}/${e.name}`, v[e.name]);
    else setMembers(b, e.node, `${prefix}/${e.name}`, v[e.name] as ItemsValue);
  }
}

/** Feeds a value-tree record to the builder: fields where the layout is fixed, setItem elsewhere. */
function buildFrom(b: RecordBuilder, items: ItemsValue): void {
  const setPart = (node: PlanNode, path: string, v: ItemValue): void => {
    if (node.kind === K_ELEMENT) leafSet(b, path, v);
    else if (node.kind === K_GROUP || node.kind === K_EXTENDED) {
      const o = v as ItemsValue;
      setMembers(b, node, path, o);
      // an extended item sent with only its first extent still needs touching
      if (Object.keys(o).length === 0) b.setItem(path, v);
    } else b.setItem(path, v);
  };
  for (const [name, v] of Object.entries(items)) {
    const node = b.cc.items.get(name) as PlanNode;
    if (node.kind === K_COMPOUND && path0(v)) {
      for (const [sub, sv] of Object.entries(v as ItemsValue)) {
        const e = node.entries[node.index.get(sub) as number];
        setPart(e.node as PlanNode, `${name}/${sub}`, sv);
      }
      if (Object.keys(v as ItemsValue).length === 0) b.setItem(name, v);
    } else setPart(node, name, v);
  }
}

/** Compound values without non-canonical FSPEC markers can go sub-item by sub-item. */
function path0(v: ItemValue): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !('_fspecLen' in v);
}

describe('asterix: RecordBuilder', () => {
  it('builds the hand-made CAT048 plots from values in units, byte for byte', () => {
    const codec = new AsterixCodec({ editions: { 48: '1.31' } });
    const b = codec.builder(48);
    const RHO = b.field('040/RHO');
    const THETA = b.field('040/THETA');
    assert.equal(b.field('040/RHO'), RHO); // handles are cached
    b.set('010/SAC', 25).set('010/SIC', 201).set('140', 43200).set('020/TYP', 1);
    b.setValue(RHO, 50).setValue(THETA, 90);
    assert.equal(b.has(RHO), true);
    b.finishRecord();
    assert.equal(b.has(RHO), false);
    b.set('010/SAC', 25).set('010/SIC', 201).set('140', 43200).set('020/TYP', 5);
    b.setValue(RHO, 100).setValue(THETA, 45);
    b.set('070/MODE3A', '7000').set('090/FL', 350).set('220', 0x4ca123).set('240', 'SAS123');
    b.set('161/TRN', 291).set('200/GSP', 0.125).set('200/HDG', 90).set('170/RAD', 2);
    b.finishRecord();
    assert.equal(b.records, 2);
    const block = b.block();
    assert.equal(toHex(block), toHex(fixture('handmade_cat048_two_records.bin')));
    assert.equal(b.records, 0);
    assert.equal(b.size, 0);
    assert.equal(b.block().length, 0);
  });

  it('writes later extents with their FX bits, compound FSPECs, and value trees for repetitive items', () => {
    const codec = new AsterixCodec({ editions: { 48: '1.31', 62: '1.19' } });
    const b = codec.builder(48);
    b.set('010/SAC', 1).set('010/SIC', 2).set('020/TYP', 5).set('020/TST', 1); // TST is in the second extent
    b.set('130/SRL', 1.40625); // compound sub-item (SRL: 0.044° per LSB)
    b.setItem('250', [{ MBDATA: 'c0780031bc0000', BDS1: 4, BDS2: 0 }]);
    b.finishRecord();
    const [blk] = codec.decode(b.block());
    assert.equal(blk.error, undefined);
    const r = blk.records[0];
    assert.equal(r.raw('020/TYP'), 5);
    assert.equal(r.raw('020/TST'), 1);
    assert.equal(r.bytes('020')?.length, 2);
    assert.equal(r.raw('130/SRL'), Math.round(1.40625 / (360 / 2 ** 13)));
    assert.equal(r.hex('250/0/MBDATA'), 'c0780031bc0000');
    assert.equal(r.raw('250/0/BDS1'), 4);

    const t = codec.builder(62);
    t.set('010/SAC', 0).set('010/SIC', 5).set('040', 5533).set('070', 57617.2265625);
    t.set('105/LAT', 35.13864398).set('105/LON', -12.1660387516).set('100/X', -276095).set('100/Y', -398036);
    t.set('060/MODE3A', '6204').set('340/SID/SAC', 0).set('340/SID/SIC', 3).set('340/MDA/MODE3A', '6204');
    t.set('380/ADR', 'abcdef').set('380/ID', 'SAS123');
    t.setItem('510', [{ IDENT: 6, TRACK: 3551 }]);
    t.finishRecord();
    const [tb] = codec.decode(t.block());
    assert.equal(tb.error, undefined);
    const s = tb.records[0];
    assert.equal(s.value('070'), 57617.2265625);
    assert.ok(Math.abs((s.value('105/LAT') as number) - 35.13864398) < 1e-6);
    assert.ok(Math.abs((s.value('105/LON') as number) + 12.1660387516) < 1e-6);
    assert.equal(s.value('100/X'), -276095);
    assert.equal(s.value('340/MDA/MODE3A'), '6204');
    assert.equal(s.raw('340/SID/SIC'), 3);
    assert.equal(s.hex('380/ADR'), 'abcdef');
    assert.equal(s.value('380/ID'), 'SAS123  ');
    assert.equal(s.raw('510/0/TRACK'), 3551);
  });

  it('rejects what does not fit, and keeps the block intact when a record fails', () => {
    const codec = new AsterixCodec({ editions: { 48: '1.31' } });
    const b = codec.builder(48);
    assert.throws(() => b.field('999/X'), EncodeError);
    assert.throws(() => b.field('040/NOPE'), EncodeError);
    assert.throws(() => b.field('250/0/MBDATA'), /setItem/);
    assert.throws(() => b.set('010/SAC', 256), EncodeError);
    assert.throws(() => b.set('010/SAC', 1.5), EncodeError);
    assert.throws(() => b.set('090/FL', -20), EncodeError); // unsigned in 1.31
    assert.throws(() => b.set('240', 'TOOLONGCS'), EncodeError);
    b.clearRecord();
    b.set('010/SAC', 7).set('010/SIC', 8).finishRecord();
    const good = toHex(codec.decode(b.block())[0].records[0].recordBytes());
    b.set('010/SAC', 7).set('010/SIC', 8).finishRecord();
    b.set('010/SAC', 9).setItem('250', 'not an array').setItem('130', {});
    assert.throws(() => b.finishRecord(), EncodeError);
    const [blk] = codec.decode(b.block());
    assert.equal(blk.error, undefined);
    assert.equal(blk.records.length, 1);
    assert.equal(toHex(blk.records[0].recordBytes()), good);
  });

  it('sets a field twice: the last value wins', () => {
    const codec = new AsterixCodec({ editions: { 48: '1.31' } });
    const b = codec.builder(48);
    b.set('010/SAC', 0xff).set('010/SAC', 0x12).set('240', 'WWWWWWWW').set('240', 'AB').set('070/MODE3A', '7777').set('070/MODE3A', '12');
    b.finishRecord();
    const r = codec.decode(b.block())[0].records[0];
    assert.equal(r.sac, 0x12);
    assert.equal(r.value('240'), 'AB      ');
    assert.equal(r.value('070/MODE3A'), '0012');
  });

  it('recordWriter gives the bytes and errors of setValue field by field, on thousands of seeded random records', () => {
    // The reference is the general API: setValue per present field in the writer's order, then finishRecord.
    const paths = ['010/SAC', '010/SIC', '140', '020/TYP', '020/SPI', '020/TST', '040/RHO', '040/THETA', '070/MODE3A', '070/V', '090/FL', '220', '240', '161/TRN', '200/GSP', '200/HDG', '130/SRL', '130/SAM', '130/APD', '170/TRE'];
    let written = 0;
    let failed = 0;
    for (const edition of ['1.31', '1.32']) {
      const codec = new AsterixCodec({ editions: { 48: edition } });
      const ref = codec.builder(48);
      const fast = codec.builder(48);
      const used = paths.filter((path) => {
        try {
          ref.field(path);
          return true;
        } catch {
          return false;
        }
      });
      assert.ok(used.length >= 16, `${edition}: fields ${used}`);
      const handles = used.map((path) => ref.field(path));
      const w = fast.recordWriter(used);
      // Each field's range, found through the reference API itself: the largest powers of two it takes either
      // way, and whether it takes a fraction (quantities do, raw fields do not).
      const ranges = handles.map((h): [number, number, boolean] => {
        const takes = (v: number) => {
          const probe = codec.builder(48);
          try {
            probe.setValue(probe.field(used[handles.indexOf(h)]), v);
            return true;
          } catch {
            return false;
          }
        };
        let hi = 1;
        while (hi < 2 ** 50 && takes(hi * 2)) hi *= 2;
        let lo = 0;
        while (lo > -(2 ** 50) && takes(lo === 0 ? -1 : lo * 2)) lo = lo === 0 ? -1 : lo * 2;
        return [lo, hi, !takes(0.5) || !takes(1.5)];
      });
      const rand = mulberry32(0x5eed + Number(edition.split('.')[1]));
      for (let i = 0; i < 3000; i++) {
        const values = ranges.map(([lo, hi, whole]) => {
          const r = rand();
          if (r < 0.3) return Number.NaN;
          // mostly in range (whole numbers where the field takes no fractions), now and then beyond it
          if (r < 0.975) {
            const x = lo + rand() * (hi - lo);
            return whole || rand() < 0.3 ? Math.round(x) : x;
          }
          return rand() < 0.5 ? lo - 1 - rand() * hi : hi * 2 + 1;
        });
        let refError = '';
        try {
          values.forEach((v, k) => {
            if (!Number.isNaN(v)) ref.setValue(handles[k], v);
          });
          ref.finishRecord();
        } catch (e) {
          refError = String(e);
          ref.clearRecord();
        }
        let fastError = '';
        w.values.set(values);
        try {
          w.write();
        } catch (e) {
          fastError = String(e);
          fast.clearRecord();
        }
        assert.equal(fastError, refError, `${edition} record ${i}: ${values}`);
        if (refError) failed++;
        else written++;
        if (ref.size > 1000 || i % 97 === 0) assert.deepEqual(toHex(fast.block()), toHex(ref.block()), `${edition}: block at record ${i}`);
      }
      assert.deepEqual(toHex(fast.block()), toHex(ref.block()), `${edition}: last block`);
    }
    // Both outcomes often enough to mean something.
    assert.ok(written > 1000 && failed > 500, `${written} written, ${failed} failed`);
  });

  it('icaoCallsignBits and octalCode4 give the raw bits setValue writes, or -1 where it would not take the text', () => {
    const codec = new AsterixCodec({ editions: { 48: '1.32' } });
    const rand = mulberry32(0xca11);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 abz-@_/';
    let taken = 0;
    for (let i = 0; i < 2000; i++) {
      const cs = Array.from({ length: Math.floor(rand() * 10) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const code = Array.from({ length: 3 + Math.floor(rand() * 3) }, () => '0123456789'[Math.floor(rand() * 10)]).join('');
      for (const [path, text, bits] of [['240', cs, icaoCallsignBits(cs)], ['070/MODE3A', code, octalCode4(code)]] as const) {
        const byText = codec.builder(48);
        let ok = true;
        try {
          byText.set(path, text).finishRecord();
        } catch {
          ok = false;
        }
        // -1 whenever setValue throws; the same bytes whenever the helper takes the text.
        if (!ok) assert.equal(bits, -1, `${path} '${text}'`);
        if (bits >= 0) {
          taken++;
          const byBits = codec.builder(48);
          assert.deepEqual(toHex(byBits.setRaw(byBits.field(path), bits).finishRecord().block()), toHex(byText.block()), `${path} '${text}'`);
        }
      }
    }
    assert.ok(taken > 1500, `${taken} texts taken`);
  });

  const editions = availableEditions();
  for (const [cat, eds] of Object.entries(editions)) {
    for (const edition of eds) {
      it(`builds 1000 random CAT${cat.padStart(3, '0')} ${edition} records identical to the value-tree encoder`, () => {
        const codec = new AsterixCodec({ editions: { [cat]: edition } });
        const cc = codec.resolve(Number(cat));
        const rand = mulberry32(0xb0b0 + Number(cat) * 100 + Number(edition.split('.')[1]));
        const builders = new Map<string, RecordBuilder>();
        for (let i = 0; i < 100; i++) {
          const recs = Array.from({ length: 10 }, () => randomRecord(rand, cc));
          const uap = recs[0].uap;
          const same = recs.filter((r) => r.uap === uap);
          let b = builders.get(uap ?? '');
          if (!b) {
            b = codec.builder(Number(cat), { uap });
            builders.set(uap ?? '', b);
          }
          for (const r of same) {
            buildFrom(b, r.items);
            b.finishRecord();
          }
          const built = b.block();
          assert.equal(toHex(built), toHex(codec.encodeBlock(Number(cat), same)), `block ${i}`);
          const [blk] = codec.decode(built);
          assert.equal(blk.error, undefined);
          blk.records.forEach((rec, k) => {
            assert.deepEqual(rawOnly(rec.items()), rawOnly(same[k].items), `block ${i} record ${k}`);
          });
        }
      });
    }
  }

  describe('against tshark', () => {
    before(() => {
      assert.ok(tsharkAvailable(), TSHARK_MISSING);
    });
    const EDITIONS = { 48: '1.31', 62: '1.19', 21: '2.6', 34: '1.29' };
    for (const [cat, edition] of Object.entries(EDITIONS)) {
      it(`tshark reads 500 built CAT${cat.padStart(3, '0')} ${edition} records as we built them`, () => {
        const codec = new AsterixCodec({ editions: EDITIONS });
        const cc = codec.resolve(Number(cat));
        const b = codec.builder(Number(cat));
        const rand = mulberry32(0x7e57 + Number(cat));
        const blocks: Uint8Array[] = [];
        for (let i = 0; i < 500; i++) {
          buildFrom(b, randomRecord(rand, cc, { noExplicit: true, skip: new Set(['510']) }).items);
          b.finishRecord();
          blocks.push(b.block());
        }
        const theirs = tsharkDecode(blocks);
        const acc: Agreement = { compared: 0, agreed: 0, unmatched: 0, mismatches: [], mismatchKeys: new Map() };
        blocks.forEach((blk, i) => {
          const [ours] = codec.decode(blk);
          assert.equal(ours.error, undefined);
          assert.equal(theirs[i]?.length, 1, `block ${i}`);
          compareWithTshark(ours.records[0], theirs[i][0], () => false, acc);
        });
        assert.deepEqual([...acc.mismatchKeys], [], acc.mismatches.slice(0, 5).join('\n'));
        assert.ok(acc.compared >= 5000, `values compared: ${acc.compared}`);
      });
    }
  });
});
