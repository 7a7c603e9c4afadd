// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX codec throughput on one core: CAT048 decode (structure, then the typed reads an adapter makes) and
// encode. Median of several runs. Prints nothing on import; bench/run.ts prints the results.

import { readFileSync } from 'node:fs';
import { ByteWriter } from '../src/asterix/bits.ts';
import { icaoCallsignBits, octalCode4 } from '../src/asterix/builder.ts';
import { AsterixCodec } from '../src/asterix/codec.ts';
import type { RecordValues } from '../src/asterix/encode.ts';
import { readSource } from '../src/asterix/io/source.ts';
import { AsterixField } from '../src/asterix/record.ts';
import { RecordScanner } from '../src/asterix/scan.ts';
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

  // Decode plus everything a CAT048 → Report adapter reads, with units applied (NM, °, FL, s, NM/s) and the
  // text fields as strings (Mode 3/A, callsign, address).
  const F = ['140', '020/TYP', '040/RHO', '040/THETA', '090/FL', '161/TRN', '200/GSP', '200/HDG', '070/MODE3A', '220', '240'].map((p) => new AsterixField(p));
  const [TOD_, TYP_, RHO_, THETA_, FL_, TRN_, GSP_, HDG_, M3A_, ADDR_, CS_] = F;
  const report = measureRate(n, runs, () => {
    let sum = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < blocks.length; i++) {
        const recs = codec.decode(blocks[i])[0].records;
        for (let k = 0; k < recs.length; k++) {
          const r = recs[k];
          sum += r.sac + r.sic + num(r.value(TOD_)) + num(r.value(TYP_)) + num(r.value(RHO_)) + num(r.value(THETA_));
          sum += num(r.value(FL_)) + num(r.value(TRN_)) + num(r.value(GSP_)) + num(r.value(HDG_));
          sum += len(r.value(M3A_)) + len(r.hex(ADDR_)) + len(r.value(CS_));
        }
      }
    }
    return sum;
  });

  // The block scanner (the fast path of CAT048 → Reports): the same fields read straight from the bytes into
  // rows, values in units; text fields stay raw bits here (the adapter formats them through caches).
  const scanner = RecordScanner.compile(
    codec.resolve(48),
    ['140', '020/TYP', '040/RHO', '040/THETA', '090/FL', '161/TRN', '200/GSP', '200/HDG', '070/MODE3A', '220', '240'].map((path, i) => ({
      path,
      as: i < 8 && i !== 1 && i !== 5 ? ('value' as const) : ('bits' as const),
    })),
  );
  if (scanner === null) throw new Error('CAT048 1.31 should have a scanner');
  const scan = measureRate(n, runs, () => {
    let sum = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < blocks.length; i++) {
        const b = blocks[i];
        const k = scanner.scan(b, 3, b.length);
        const rows = scanner.rows;
        for (let j = 0; j < k * scanner.stride; j += scanner.stride) sum += rows[j] + rows[j + 2];
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

  // Encode through RecordBuilder, as a simulator or sensor gateway would: the Report fields of every record,
  // values in units, into blocks of up to ~1400 bytes (one UDP datagram each).
  const plots = blocks.flatMap((b) => codec.decode(b)[0].records).map((r) => ({
    sac: r.sac,
    sic: r.sic,
    tod: r.value('140') as number,
    typ: r.value('020/TYP') as number,
    rho: r.value('040/RHO') as number | undefined,
    theta: r.value('040/THETA') as number | undefined,
    mode3a: r.value('070/MODE3A') as string | undefined,
    fl: r.value('090/FL') as number | undefined,
    addr: r.value('220') as number | undefined,
    callsign: r.value('240') as string | undefined,
    trn: r.value('161/TRN') as number | undefined,
    gsp: r.value('200/GSP') as number | undefined,
    hdg: r.value('200/HDG') as number | undefined,
  }));
  const b = codec.builder(48);
  const [SAC, SIC, TOD, TYP, RHO, THETA, M3A, FL, ADDR, CS, TRN, GSP, HDG] = ['010/SAC', '010/SIC', '140', '020/TYP', '040/RHO', '040/THETA', '070/MODE3A', '090/FL', '220', '240', '161/TRN', '200/GSP', '200/HDG'].map((f) => b.field(f));
  const build = measureRate(n, runs, () => {
    let bytes = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < plots.length; i++) {
        const x = plots[i];
        b.setRaw(SAC, x.sac).setRaw(SIC, x.sic).setValue(TOD, x.tod).setRaw(TYP, x.typ);
        if (x.rho !== undefined && x.theta !== undefined) b.setValue(RHO, x.rho).setValue(THETA, x.theta);
        if (x.mode3a !== undefined) b.setValue(M3A, x.mode3a);
        if (x.fl !== undefined) b.setValue(FL, x.fl);
        if (x.addr !== undefined) b.setRaw(ADDR, x.addr);
        if (x.callsign !== undefined) b.setValue(CS, x.callsign);
        if (x.trn !== undefined) b.setRaw(TRN, x.trn);
        if (x.gsp !== undefined && x.hdg !== undefined) b.setValue(GSP, x.gsp).setValue(HDG, x.hdg);
        b.finishRecord();
        if (b.size >= 1400) bytes += b.block().length;
      }
    }
    return bytes + b.block().length;
  });
  // The same records through a compiled record writer (RecordBuilder.recordWriter, as the simulated radar
  // uses it): one call per record with the values in an array; the Mode 3/A and callsign text turned into
  // their raw bits on every record here (a radar model caches the callsign's).
  const wr = b.recordWriter([SAC, SIC, TOD, TYP, RHO, THETA, M3A, FL, ADDR, CS, TRN, GSP, HDG]);
  const v = wr.values;
  const writer = measureRate(n, runs, () => {
    let bytes = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < plots.length; i++) {
        const x = plots[i];
        const pos = x.rho !== undefined && x.theta !== undefined;
        const vel = x.gsp !== undefined && x.hdg !== undefined;
        v[0] = x.sac;
        v[1] = x.sic;
        v[2] = x.tod;
        v[3] = x.typ;
        v[4] = pos ? (x.rho as number) : Number.NaN;
        v[5] = pos ? (x.theta as number) : Number.NaN;
        v[6] = x.mode3a !== undefined ? octalCode4(x.mode3a) : Number.NaN;
        v[7] = x.fl ?? Number.NaN;
        v[8] = x.addr ?? Number.NaN;
        v[9] = x.callsign !== undefined ? icaoCallsignBits(x.callsign) : Number.NaN;
        v[10] = x.trn ?? Number.NaN;
        v[11] = vel ? (x.gsp as number) : Number.NaN;
        v[12] = vel ? (x.hdg as number) : Number.NaN;
        wr.write();
        if (b.size >= 1400) bytes += b.block().length;
      }
    }
    return bytes + b.block().length;
  });
  return [
    { name: 'asterix CAT048 decode (structure)', value: decode.perSecond, unit: 'records/s', n, runs, note: `target 2,000,000: ${(decode.perSecond / 2e6).toFixed(2)}x` },
    { name: 'asterix CAT048 decode + typed reads', value: reads.perSecond, unit: 'records/s', n, runs },
    { name: 'asterix CAT048 decode + Report fields in units', value: report.perSecond, unit: 'records/s', n, runs, note: `13 reads; target 2,000,000: ${(report.perSecond / 2e6).toFixed(2)}x` },
    { name: 'asterix CAT048 scan (Report fields in units, no record objects)', value: scan.perSecond, unit: 'records/s', n, runs },
    { name: 'asterix CAT048 encode (value trees)', value: encode.perSecond, unit: 'records/s', n, runs },
    { name: 'asterix CAT048 encode (RecordBuilder)', value: build.perSecond, unit: 'records/s', n, runs, note: `Report fields, units; target 2,000,000: ${(build.perSecond / 2e6).toFixed(2)}x` },
    {
      name: 'asterix CAT048 encode (RecordBuilder.recordWriter)',
      value: writer.perSecond,
      unit: 'records/s',
      n,
      runs,
      note: `the same records, one call each; target 2,000,000: ${(writer.perSecond / 2e6).toFixed(2)}x; ${(writer.perSecond / build.perSecond).toFixed(2)}x the setters`,
    },
  ];
}

function num(v: number | string | undefined): number {
  return typeof v === 'number' ? v : 0;
}

function len(v: string | undefined | number): number {
  return typeof v === 'string' ? v.length : 0;
}
