// SPDX-License-Identifier: GPL-3.0-or-later
// The codec API: typed lookups by path, every structure (multiple UAPs, RFS, RE through the ref spec, SP,
// compound, repetitive FX), editions per sensor, the Comm-B hook, and jASTERIX's published expectations for
// its CAT062 sample (the oracle for I062/510, which tshark 4.0 misreads).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHex } from '../../src/asterix/bits.ts';
import { AsterixCodec, AsterixConfigError } from '../../src/asterix/codec.ts';
import { commBHook } from '../../src/asterix/commb.ts';
import type { ItemsValue } from '../../src/asterix/values.ts';
import { fixture } from './helpers.ts';

const codec = new AsterixCodec({ editions: { 48: '1.31', 62: '1.19', 21: '2.6' } });

describe('asterix: codec', () => {
  it('reads the hand-made CAT048 plots by item name and path, with units', () => {
    const [block] = codec.decode(fixture('handmade_cat048_two_records.bin'));
    assert.equal(block.error, undefined);
    const [psr, ssr] = block.records;
    assert.equal(psr.sac, 25);
    assert.equal(psr.sic, 201);
    assert.equal(psr.raw('020/TYP'), 1); // single PSR: a transponder-off target
    assert.equal(psr.has('070'), false);
    assert.equal(psr.value('040/RHO'), 50);
    assert.equal(psr.raw('040/RHO'), 12800);
    assert.deepEqual(psr.info('040/RHO'), { bits: 16, kind: 'quantity', signed: false, lsb: 1 / 256, unit: 'NM' });
    assert.equal(ssr.value('240'), 'SAS123  ');
    assert.equal(ssr.value('090/FL'), 350);
    assert.equal(ssr.value('070/MODE3A'), '7000');
    assert.equal(ssr.hex('220'), '4ca123');
    assert.equal(ssr.raw('220'), 0x4ca123);
    assert.equal(ssr.value('nope/X'), undefined);
    assert.deepEqual(ssr.itemNames(), ['010', '140', '020', '040', '070', '090', '220', '240', '161', '200', '170']);
  });

  it('matches jASTERIX on its CAT062 sample, I062/510 included', () => {
    const [block] = codec.decode(fixture('jasterix_cat062ed1.16.bin'));
    const r = block.records[0];
    assert.equal(r.sac, 0);
    assert.equal(r.sic, 5);
    assert.equal(r.raw('015'), 21);
    assert.equal(r.value('070'), 57617.2265625);
    assert.ok(Math.abs((r.value('105/LAT') as number) - 35.13864398) < 1e-6);
    assert.ok(Math.abs((r.value('105/LON') as number) + 12.1660387516) < 1e-6);
    assert.equal(r.value('100/X'), -276095);
    assert.equal(r.value('100/Y'), -398036);
    assert.equal(r.value('185/VX'), 127.25);
    assert.equal(r.value('185/VY'), 181.25);
    assert.equal(r.value('060/MODE3A'), '6204');
    assert.equal(r.raw('040'), 5533);
    assert.deepEqual([r.raw('080/SRC'), r.raw('080/KOS'), r.raw('080/PSR'), r.raw('080/SSR'), r.raw('080/MDS'), r.raw('080/ADS')], [6, 1, 1, 0, 1, 1]);
    assert.deepEqual([r.value('290/PSR'), r.value('290/SSR'), r.value('290/MDS')], [63.75, 9, 63.75]);
    assert.equal(r.value('136'), 380);
    assert.equal(r.value('130'), 34837.5);
    assert.equal(r.value('135/CTB'), 380);
    assert.equal(r.value('220'), 0);
    // I062/510: one composed track number, SUI 6, STN 3551, no extension.
    assert.deepEqual(r.item('510'), [{ IDENT: 6, TRACK: 3551 }]);
    assert.equal(r.raw('510/0/TRACK'), 3551);
    assert.deepEqual([r.raw('340/SID/SAC'), r.raw('340/SID/SIC'), r.value('340/MDC/LMC'), r.value('340/MDA/MODE3A')], [0, 3, 380, '6204']);
  });

  it('chooses the CAT001 UAP by I001/020 TYP (plot or track)', () => {
    const c = new AsterixCodec();
    const plot = c.encodeBlock(1, [{ uap: 'plot', items: { '010': { SAC: 1, SIC: 2 }, '020': { TYP: 0, SIM: 0, SSRPSR: 1, ANT: 0, SPI: 0, RAB: 0 }, '040': { RHO: 256, THETA: 0 } } }]);
    const track = c.encodeBlock(1, [{ uap: 'track', items: { '010': { SAC: 1, SIC: 2 }, '020': { TYP: 1, SIM: 0, SSRPSR: 1, ANT: 0, SPI: 0, RAB: 0 }, '161': 77 } }]);
    assert.equal(c.decode(plot)[0].records[0].uapName, 'plot');
    const t = c.decode(track)[0].records[0];
    assert.equal(t.uapName, 'track');
    assert.equal(t.raw('161'), 77);
    // The same FSPEC bit means I040 in a plot and I161 in a track.
    assert.equal(toHex(plot).slice(6, 8), 'e0');
    assert.equal(toHex(track).slice(6, 8), 'e0');
  });

  it('decodes and encodes random field sequencing (RFS)', () => {
    const c = new AsterixCodec();
    const items: ItemsValue = {
      '010': { SAC: 1, SIC: 2 },
      '020': { TYP: 0, SIM: 0, SSRPSR: 1, ANT: 0, SPI: 0, RAB: 0 },
      RFS: [
        ['070', { V: 0, G: 0, L: 0, MODE3A: '1234' }],
        ['040', { RHO: { raw: 512, value: 4, unit: 'NM' }, THETA: { raw: 0, value: 0, unit: '°' } }],
      ],
    };
    const bytes = c.encodeBlock(1, [{ uap: 'plot', items }]);
    const [b] = c.decode(bytes);
    assert.equal(b.error, undefined);
    const r = b.records[0];
    assert.equal(r.has('040'), true);
    assert.equal(r.value('040/RHO'), 4);
    assert.equal(r.value('070/MODE3A'), '1234');
    assert.deepEqual(r.itemNames(), ['010', '020', 'RFS', '070', '040']);
    assert.equal(toHex(c.encodeBlock(1, [{ uap: 'plot', items: r.items() }])), toHex(bytes));
  });

  it('decodes the Reserved Expansion field through its ref spec (CAT021 RE)', () => {
    const blocks = codec.decode(fixture('cat21_re.ast'));
    assert.equal(blocks.length, 2);
    const re = blocks.map((b) => b.records[0].item('RE'));
    for (const v of re) {
      assert.ok(v && typeof v === 'object' && 'ref' in v, JSON.stringify(v));
      assert.equal((v as { ref: string }).ref, '1.5');
    }
  });

  it('picks the edition per sensor (SAC/SIC), with a default per category', () => {
    const c = new AsterixCodec({ editions: { 48: '1.32' }, sensors: { '25/201': { 48: '1.31' } } });
    const [a] = c.decode(fixture('handmade_cat048_two_records.bin')); // SAC 25, SIC 201
    assert.equal(a.edition, '1.31');
    const [b] = c.decode(fixture('libasterix_readme_example.bin').slice(15)); // SAC 1, SIC 2
    assert.equal(b.edition, '1.32');
    assert.throws(() => new AsterixCodec({ editions: { 48: '9.9' } }), AsterixConfigError);
    assert.throws(() => new AsterixCodec({ sensors: { x: { 48: '1.31' } } }), /SAC\/SIC/);
  });

  it('hands BDS registers to the Comm-B decoder when a hook is set', () => {
    const c = new AsterixCodec({ editions: { 62: '1.19' }, bdsHook: commBHook() });
    const cc = c.resolve(62);
    // I062/380 MB: one BDS 4,0 register (selected altitude 33008 ft: MCP status 1, 2063 × 16 ft).
    const items: ItemsValue = { '010': { SAC: 1, SIC: 2 }, '380': { MB: [{ raw: 'c0780031bc000040' }] } };
    const [b] = c.decode(c.encodeBlock(62, [{ items }]));
    const mb = (b.records[0].item('380') as { MB: { bds?: string; decoded?: { bds?: string; selAltMcpFt?: number } }[] }).MB[0];
    assert.equal(mb.bds, '4,0');
    assert.equal(mb.decoded?.bds, '4,0');
    void cc;
  });

  it('keeps a non-canonical compound FSPEC so encoding is byte-identical', () => {
    const [b] = codec.decode(fixture('cat062cat065.raw'));
    const r = b.records[1];
    const v = r.item('390') as ItemsValue;
    assert.equal(v._fspecLen, 3);
    assert.equal(toHex(codec.encodeBlock(62, b.records.map((x) => ({ items: x.items() })))), toHex(fixture('cat062cat065.raw').slice(0, b.length)));
  });
});
