// SPDX-License-Identifier: GPL-3.0-or-later
// The CAT048 fast path (a block scanner reading the plot fields straight from the bytes) against the generic
// decoder (AsterixRecord per record): identical Reports, drops and block errors on every sample and on
// thousands of seeded random records, broken blocks included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AsterixCodec, type AsterixConfig } from '../../src/asterix/codec.ts';
import type { RecordValues } from '../../src/asterix/encode.ts';
import { readSource } from '../../src/asterix/io/source.ts';
import type { PlanNode } from '../../src/asterix/plan.ts';
import type { ItemsValue } from '../../src/asterix/values.ts';
import { AdapterCounters, reportsFromDatagram, reportsFromRecords } from '../../src/surveillance/from-asterix.ts';
import type { Report } from '../../src/surveillance/report.ts';
import { SensorRegistry } from '../../src/surveillance/sensors.ts';
import { fixture, randomItem, randomRecord } from '../asterix/helpers.ts';
import { mulberry32, randInt } from '../helpers/prng.ts';

const SICS = [11, 12, 13, 14, 201, 204, 205];

/**
 * Radars for SAC 25: one with biases and a PSR height, so that every correction is exercised; and one at SAC/SIC
 * 0/0, which a record without I010 must never be taken for.
 */
function registry(): SensorRegistry {
  return SensorRegistry.fromConfig(
    [[0, 0], ...SICS.map((sic) => [25, sic])].map(([sac, sic], i) => ({
      id: `r-${sac}-${sic}`,
      party: 'hr',
      kind: 'radar',
      lat: 43 + i * 0.5,
      lon: 14 + i * 0.4,
      heightM: 50 * i,
      sac,
      sic,
      ...(sic === 13 ? { rangeBiasM: 35, azimuthBiasDeg: 0.3, timeBiasMs: -20, psrAssumedHeightM: 3000 } : {}),
    })),
    'test-sensors',
  );
}

interface Outcome {
  reports: Report[];
  counters: AdapterCounters;
}

/** The reference: the generic decoder, then the adapter on its records. */
function generic(codec: AsterixCodec, reg: SensorRegistry, payloads: readonly Uint8Array[], referenceMs: number): Outcome {
  const counters = new AdapterCounters();
  const reports: Report[] = [];
  for (const buf of payloads) {
    for (const block of codec.decode(buf)) {
      if (block.error) counters.blockError(block.error.reason);
      reportsFromRecords(block.records, reg, referenceMs, counters, reports);
    }
  }
  return { reports, counters };
}

function fast(codec: AsterixCodec, reg: SensorRegistry, payloads: readonly Uint8Array[], referenceMs: number): Outcome {
  const counters = new AdapterCounters();
  const reports: Report[] = [];
  for (const buf of payloads) reportsFromDatagram(codec, buf, reg, referenceMs, counters, reports);
  return { reports, counters };
}

function assertSame(a: Outcome, b: Outcome, what: string): void {
  assert.equal(a.reports.length, b.reports.length, `${what}: report count`);
  for (let i = 0; i < a.reports.length; i++) {
    assert.deepStrictEqual(a.reports[i], b.reports[i], `${what}: report ${i}`);
    // Same properties in the same order (serialised Reports must not depend on the path taken).
    assert.deepStrictEqual(Object.keys(a.reports[i]), Object.keys(b.reports[i]), `${what}: keys of report ${i}`);
  }
  assert.equal(a.counters.reports, b.counters.reports, `${what}: reports counted`);
  assert.deepStrictEqual([...a.counters.dropped].sort(), [...b.counters.dropped].sort(), `${what}: drops`);
  assert.deepStrictEqual([...a.counters.blockErrors].sort(), [...b.counters.blockErrors].sort(), `${what}: block errors`);
}

const CONFIGS: AsterixConfig[] = [
  { editions: { 48: '1.31' } },
  { editions: { 48: '1.32' } },
  { editions: { 48: '1.32' }, mode: 'partial' },
  // Per-sensor editions: the fast path must pick the edition the generic decoder picks.
  { editions: { 48: '1.32' }, sensors: { '25/13': { 48: '1.31' }, '25/201': { 48: '1.31' } } },
];

test('CAT048 fast path gives the generic decoder’s Reports on every sample', () => {
  const files: [string, boolean][] = [
    ['cat_034_048.pcap', false],
    ['asterix.pcap', false],
    ['cat048.raw', false],
    ['handmade_cat048_two_records.bin', false],
    ['jasterix_cat048ed1.23.bin', false],
    ['libasterix_readme_example.bin', false],
    ['cat_062_065.pcap', false],
    ['cat_001_002.pcap', true],
  ];
  const reg = registry();
  let total = 0;
  for (const config of CONFIGS) {
    const codec = new AsterixCodec(config);
    for (const [file, oradis] of files) {
      const src = readSource(fixture(file), { oradis });
      for (const referenceMs of [Date.UTC(2016, 4, 5, 12), Number.NaN]) {
        const payloads = src.datagrams.map((d) => d.payload);
        const a = fast(codec, reg, payloads, referenceMs);
        assertSame(a, generic(codec, reg, payloads, referenceMs), `${file} ${JSON.stringify(config)}`);
        total += a.reports.length;
      }
    }
  }
  // The CroatiaControl capture alone gives 126 plots per configuration: the comparison is not vacuous.
  assert.ok(total >= 4 * 126, `${total} reports compared`);
});

/** A random CAT048 record that usually carries what a Report needs, from one of the known radars or another. */
function randomPlot(rand: () => number, codec: AsterixCodec): RecordValues {
  const cc = codec.resolve(48);
  const rec = randomRecord(rand, cc, {}, 0.4);
  const items = rec.items as ItemsValue;
  items['010'] = { SAC: rand() < 0.9 ? 25 : randInt(rand, 0, 255), SIC: rand() < 0.9 ? SICS[randInt(rand, 0, SICS.length - 1)] : randInt(rand, 0, 255) };
  for (const name of ['020', '140', '040', '090', '070']) {
    if (rand() < 0.85 && items[name] === undefined) items[name] = randomItem(rand, cc.items.get(name) as PlanNode, cc);
  }
  // Mostly ranges and flight levels a radar sees, so that most plots are placed (the rest: bad geometry).
  const pos = items['040'] as ItemsValue | undefined;
  if (pos && rand() < 0.8) pos.RHO = { raw: randInt(rand, 256, 200 * 256), value: 0, unit: 'NM' };
  const fl = items['090'] as ItemsValue | undefined;
  if (fl && rand() < 0.8) fl.FL = { raw: randInt(rand, -4, 1600), value: 0, unit: 'FL' };
  const m3a = items['070'] as ItemsValue | undefined;
  if (m3a && rand() < 0.1) m3a.MODE3A = ['7500', '7600', '7700', '7000', '7577'][randInt(rand, 0, 4)];
  if (rand() < 0.05) delete items['010'];
  return { items };
}

test('CAT048 fast path gives the generic decoder’s Reports on thousands of random records, broken blocks included', () => {
  const rand = mulberry32(0x048f);
  const reg = registry();
  let reports = 0;
  let broken = 0;
  const errors = new Set<string>();
  let emergencies = 0;
  for (const config of CONFIGS) {
    const codec = new AsterixCodec(config);
    const payloads: Uint8Array[] = [];
    for (let b = 0; b < 500; b++) {
      const records: RecordValues[] = [];
      for (let k = randInt(rand, 1, 8); k > 0; k--) records.push(randomPlot(rand, codec));
      // Blocks in the sensor's own edition, as a radar configured so would send them.
      const first = records[0].items['010'] as ItemsValue | undefined;
      const sensorKey = first ? `${first.SAC}/${first.SIC}` : '';
      const edition = config.sensors?.[sensorKey]?.[48] ?? config.editions?.[48];
      let block = codec.encodeBlock(48, records, edition);
      const r = rand();
      if (r < 0.1) {
        // Broken: truncated (LEN still claims the whole block), bits flipped, or an octet with every FX set.
        block = block.slice(0, randInt(rand, 1, block.length - 1));
        broken++;
      } else if (r < 0.3) {
        for (let f = randInt(rand, 1, 3); f > 0; f--) block[randInt(rand, 3, block.length - 1)] ^= 1 << randInt(rand, 0, 7);
        broken++;
      } else if (r < 0.45) {
        block[randInt(rand, 3, block.length - 1)] = 0xff;
        broken++;
      }
      // Now and then two blocks in one datagram, or a block of another category before it.
      if (rand() < 0.1 && payloads.length > 0) {
        const prev = payloads.pop() as Uint8Array;
        const both = new Uint8Array(prev.length + block.length);
        both.set(prev);
        both.set(block, prev.length);
        block = both;
      }
      payloads.push(block);
    }
    // FSPECs longer than the UAP: padding octets are allowed, a bit beyond the UAP is not.
    for (const tail of [0x00, 0x40, 0x02]) {
      const rec = [0x81, 0x01, 0x01, 0x01, tail, 25, 11];
      payloads.push(Uint8Array.from([48, 0, 3 + rec.length, ...rec]));
    }
    // Records without items (an FSPEC of 0x00 each): a block of many of them, named by no sensor.
    payloads.push(Uint8Array.from([48, (3 + 400) >> 8, (3 + 400) & 0xff, ...new Array(400).fill(0)]));
    for (const referenceMs of [Date.UTC(2014, 2, 3, 23, 59), Number.NaN]) {
      const a = fast(codec, reg, payloads, referenceMs);
      assertSame(a, generic(codec, reg, payloads, referenceMs), `random, ${JSON.stringify(config)}`);
      reports += a.reports.length;
      for (const rep of a.reports) {
        // Emergencies are the ICAO codes 7500 (unlawful interference), 7600 (radio failure), 7700 (general).
        const expected = { '7500': 'unlawful', '7600': 'nocomm', '7700': 'general' }[rep.squawk ?? ''];
        assert.equal(rep.emergency, expected, `emergency of squawk ${rep.squawk}`);
        if (expected) emergencies++;
      }
      for (const k of a.counters.blockErrors.keys()) errors.add(k);
    }
  }
  // Enough of everything to mean something: placed plots, and broken blocks that the fast path hands over.
  assert.ok(reports > 2000, `${reports} reports`);
  assert.ok(broken > 600, `${broken} broken blocks`);
  assert.ok(emergencies > 20, `${emergencies} emergency squawks`);
  assert.ok(errors.size >= 4, `block errors of several kinds: ${[...errors]}`);
});

test('CAT048 identity (address, Mode 3/A, callsign) follows each record when aircraft share a cache slot and change codes', () => {
  // The expected strings come from the decoder's own values of each record (I220 as hex, I070 as octal text,
  // I240 trimmed of its padding), record by record: whatever the adapter remembers between plots must not leak.
  const codec = new AsterixCodec({ editions: { 48: '1.32' } });
  const reg = registry();
  const b = codec.builder(48);
  const a1 = 0x4b1a2c;
  // Addresses that differ in bits 0 and 12 (and 1 and 13) land in the same slot of a 4096-entry cache hashed
  // as a ^ (a >>> 12); the test holds for any direct-mapped cache since every record is checked on its own.
  const addrs = [a1, a1 ^ 0x1001, a1 ^ 0x2002, a1];
  const codes = ['1234', '1234', '7700', '0000', '7500'];
  const callsigns = ['SAS681', 'SAS681', 'AFL2', undefined, 'SAS1755'];
  const rand = mulberry32(0x1d);
  const expected: { icao?: string; squawk?: string; callsign?: string }[] = [];
  for (let i = 0; i < 400; i++) {
    const addr = rand() < 0.9 ? addrs[randInt(rand, 0, addrs.length - 1)] : undefined;
    const code = rand() < 0.9 ? codes[randInt(rand, 0, codes.length - 1)] : undefined;
    const cs = callsigns[randInt(rand, 0, callsigns.length - 1)];
    b.set('010/SAC', 25).set('010/SIC', 11).set('140', 3600 + i).set('020/TYP', 5).set('040/RHO', 50).set('040/THETA', i % 360);
    b.set('090/FL', 300);
    if (addr !== undefined) b.set('220', addr);
    if (code !== undefined) b.set('070/MODE3A', code);
    if (cs !== undefined) b.set('240', cs);
    b.finishRecord();
    expected.push({
      icao: addr === undefined ? undefined : addr.toString(16).padStart(6, '0'),
      squawk: code,
      callsign: cs,
    });
  }
  const payloads = [b.block()];
  for (const path of [fast, generic]) {
    const { reports } = path(codec, reg, payloads, Date.UTC(2014, 2, 3, 12));
    assert.equal(reports.length, expected.length);
    reports.forEach((r, i) => {
      assert.equal(r.icao, expected[i].icao, `record ${i}: icao`);
      assert.equal(r.squawk, expected[i].squawk, `record ${i}: squawk`);
      assert.equal(r.callsign, expected[i].callsign, `record ${i}: callsign`);
      assert.equal(r.emergency, { '7500': 'unlawful', '7700': 'general' }[expected[i].squawk ?? ''], `record ${i}: emergency`);
    });
  }
  // The decoder reads back what was built (the expectations are the record's own values).
  const records = codec.decode(payloads[0])[0].records;
  records.forEach((r, i) => {
    assert.equal(r.has('220') ? r.hex('220') : undefined, expected[i].icao);
    assert.equal(r.value('070/MODE3A'), expected[i].squawk);
  });
});
