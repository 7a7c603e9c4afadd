// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX records → Reports, checked against an independent decoder's text (CroatiaControl) and against
// records built from known physical values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AsterixCodec } from '../../src/asterix/codec.ts';
import { readSource } from '../../src/asterix/io/source.ts';
import type { AsterixRecord } from '../../src/asterix/record.ts';
import { M_PER_FT, M_PER_NM } from '../../src/core/units.ts';
import { AdapterCounters, reportsFromRecords } from '../../src/surveillance/from-asterix.ts';
import type { Report } from '../../src/surveillance/report.ts';
import { SensorRegistry } from '../../src/surveillance/sensors.ts';
import { resolveTimeOfDay } from '../../src/surveillance/time-of-day.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/asterix/${name}`, import.meta.url));

/** The seven radars of the CroatiaControl capture; their sites are not published, so any sites will do. */
function croatianRadars(): SensorRegistry {
  const sics = [11, 12, 13, 14, 201, 204, 205];
  return SensorRegistry.fromConfig(
    sics.map((sic, i) => ({ id: `hr-${sic}`, party: 'hr', kind: 'radar', lat: 43 + i * 0.5, lon: 14 + i * 0.4, heightM: 300, sac: 25, sic })),
    'test-sensors',
  );
}

interface ExpectedPlot {
  typ: number;
  rhoNm: number;
  thetaDeg: number;
  squawk?: string;
  fl?: number;
  address?: string;
  callsign?: string;
  xNm?: number;
  yNm?: number;
}

/** CAT048 records of the CroatiaControl decoder's text output, in order. */
function expectedPlots(): ExpectedPlot[] {
  const text = readFileSync(new URL('../fixtures/asterix/cat_034_048_expected_croatiacontrol.txt', import.meta.url), 'utf8');
  const out: ExpectedPlot[] = [];
  for (const rec of text.split(/Data Record \d+/).slice(1)) {
    if (!/Item 040 : Measured Position in Polar/.test(rec)) continue;
    const grab = (re: RegExp) => re.exec(rec)?.[1];
    const plot: ExpectedPlot = {
      typ: Number(grab(/TYP: (\d+)/)),
      rhoNm: Number(grab(/RHO: \d+ \(([\d.]+) NM\)/)),
      thetaDeg: Number(grab(/THETA: \d+ \(([\d.]+) deg\)/)),
    };
    if (/V: 0 \(Code validated\)\n\s+G: 0 \(Default\)\n\s+L: \d[^\n]*\n[^\n]*\n\s+Mode-3\/A reply code: (\d+)/.test(rec)) {
      plot.squawk = grab(/Mode-3\/A reply code: (\d+)/);
    }
    const fl = grab(/V: 0 \(Code validated\)\n\s+G: 0 \(Default\)\n\s+FlightLevel: -?\d+ \((-?[\d.]+) FL\)/);
    if (fl !== undefined) plot.fl = Number(fl);
    plot.address = grab(/AircraftAddress: ([0-9A-F]{6})/)?.toLowerCase();
    plot.callsign = grab(/defining target identification: ([^\n]*)/)?.trim() || undefined;
    const x = grab(/X component: -?\d+ \((-?[\d.]+) NM\)/);
    const y = grab(/Y component: -?\d+ \((-?[\d.]+) NM\)/);
    if (x !== undefined && y !== undefined) {
      plot.xNm = Number(x);
      plot.yNm = Number(y);
    }
    out.push(plot);
  }
  return out;
}

test('CAT048 plots of a real capture agree with an independent decoder, field by field', () => {
  const registry = croatianRadars();
  // Edition 1.32: its flight level is two's complement, as the CroatiaControl decoder reads it (FL -1 on the
  // ground); edition 1.31's table says unsigned, which would make that FL 4095.
  const codec = new AsterixCodec({ editions: { 48: '1.32' } });
  const counters = new AdapterCounters();
  const reports: Report[] = [];
  for (const d of readSource(new Uint8Array(fixture('cat_034_048.pcap'))).datagrams) {
    for (const block of codec.decode(d.payload)) reportsFromRecords(block.records, registry, d.timeMs ?? Number.NaN, counters, reports);
  }
  const expected = expectedPlots();
  // 128 CAT048 records: 126 plots and 2 track-end messages without a detection (TYP 0), which give no report.
  assert.equal(expected.length, 126);
  assert.equal(reports.length, expected.length);
  assert.equal(counters.dropped.get('no-detection'), 2);
  const kindByTyp = ['', 'psr', 'ssr', 'combined', 'modes', 'modes', 'combined', 'combined'];
  let withCartesian = 0;
  reports.forEach((r, i) => {
    const e = expected[i];
    assert.equal(r.kind, kindByTyp[e.typ], `record ${i}`);
    assert.ok(Math.abs(r.rangeM! - e.rhoNm * M_PER_NM) < 0.01, `range ${i}`);
    assert.ok(Math.abs(r.azimuthDeg! - e.thetaDeg) < 1e-6, `azimuth ${i}`);
    assert.equal(r.squawk, e.squawk, `squawk ${i}`);
    if (e.fl === undefined) assert.equal(r.altM, undefined);
    else assert.ok(Math.abs(r.altM! - e.fl * 100 * M_PER_FT) < 1e-6, `altitude ${i}`);
    assert.equal(r.icao, e.address, `address ${i}`);
    assert.equal(r.callsign, e.callsign, `callsign ${i}`);
    assert.equal(r.partyId, 'hr');
    // Physical invariants of the conversion: the position lies at the measured slant range from the antenna,
    // in the measured azimuth, at the reported height.
    const sensor = registry.get(r.sensorId)!;
    const enu = sensor.frame.toEnu(r.lat, r.lon, r.altM ?? sensor.psrAssumedHeightM);
    assert.ok(Math.abs(Math.hypot(enu.eastM, enu.northM, enu.upM) - r.rangeM!) < 2, `slant range ${i}`);
    const azDeg = ((Math.atan2(enu.eastM, enu.northM) * 180) / Math.PI + 360) % 360;
    assert.ok(Math.abs(azDeg - r.azimuthDeg!) < 1e-6, `azimuth ${i}`);
    // The radar's own cartesian position (I048/042) is the slant range along the azimuth: same convention.
    if (e.xNm !== undefined && e.yNm !== undefined) {
      withCartesian++;
      const xAzDeg = ((Math.atan2(e.xNm, e.yNm) * 180) / Math.PI + 360) % 360;
      // X and Y come in 1/128 NM steps and from the radar's own processing (up to 0.07° apart
      // from the plot in this capture): a wrong convention would be off by tens of degrees.
      const tolDeg = 0.1 + ((1 / 128 / e.rhoNm) * 180) / Math.PI;
      assert.ok(Math.abs(xAzDeg - azDeg) < tolDeg, `I048/042 azimuth ${i}: ${xAzDeg} vs ${azDeg}`);
      assert.ok(Math.abs(Math.hypot(e.xNm, e.yNm) - e.rhoNm) < 0.05, `I048/042 range ${i}`);
    }
  });
  assert.ok(withCartesian > 0, 'some plots carry I048/042');
  // Every report is placed on the day of the capture, at the time of day the radar gave.
  for (const r of reports) assert.ok(r.timeMs > Date.UTC(2016, 4, 5) && r.timeMs < Date.UTC(2016, 4, 6));
});

test('records from radars the registry does not know are counted, not reported', () => {
  const registry = SensorRegistry.fromConfig([{ id: 'only-201', party: 'hr', kind: 'radar', lat: 45, lon: 16, sac: 25, sic: 201 }], 'x');
  // 25/201 sends 28 CAT048 records, all plots.
  const codec = new AsterixCodec({ editions: { 48: '1.31' } });
  const counters = new AdapterCounters();
  const reports: Report[] = [];
  for (const d of readSource(new Uint8Array(fixture('cat_034_048.pcap'))).datagrams) {
    for (const block of codec.decode(d.payload)) reportsFromRecords(block.records, registry, d.timeMs ?? Number.NaN, counters, reports);
  }
  assert.equal(reports.length, 28);
  assert.ok(reports.every((r) => r.sensorId === 'only-201'));
  assert.ok((counters.dropped.get('unknown-sensor') ?? 0) > 0);
});

function oneRecord(codec: AsterixCodec, cat: number, items: Record<string, unknown>): AsterixRecord {
  const block = codec.decode(codec.encodeBlock(cat, [{ items: items as never }]))[0];
  assert.equal(block.error, undefined, JSON.stringify(block.error));
  return block.records[0];
}

test('CAT021 and CAT062 reports carry position, altitude, velocity and identity in SI units', () => {
  const registry = SensorRegistry.fromConfig(
    [
      { id: 'se-adsb', party: 'se', kind: 'adsb', lat: 57.6, lon: 18.3, sac: 1, sic: 2 },
      { id: 'pl-sdps', party: 'pl', kind: 'system', lat: 52.2, lon: 21.0, sac: 3, sic: 4 },
    ],
    'x',
  );
  const codec = new AsterixCodec({});
  const counters = new AdapterCounters();
  const ref = Date.UTC(2014, 11, 12, 10, 0, 0);
  // CAT021: 55.5° N 16.25° E, FL350, 450 kt track 090, 7700, callsign SAS1755, address 4ca123.
  const adsb = oneRecord(codec, 21, {
    '010': { SAC: 1, SIC: 2 },
    '040': { ATP: 0, ARC: 1, RC: 0, RAB: 0, DCR: 0, GBS: 0, SIM: 0, TST: 0, SAA: 0, CL: 0 },
    '131': { LAT: { value: 55.5 }, LON: { value: 16.25 } },
    '073': { value: 36_000 },
    '080': 0x4ca123,
    '145': { value: 350 },
    '160': { RE: 0, GS: { value: 450 / 3600 }, TA: { value: 90 } },
    '170': 'SAS1755 ',
    '200': { ICF: 0, LNAV: 0, ME: 0, PS: 1, SS: 0 },
  });
  const [a] = reportsFromRecords([adsb], registry, ref, counters);
  assert.equal(a.kind, 'adsb');
  assert.equal(a.partyId, 'se');
  assert.ok(Math.abs(a.lat - 55.5) < 1e-6 && Math.abs(a.lon - 16.25) < 1e-6);
  assert.ok(Math.abs(a.altM! - 35_000 * 0.3048) < 1e-6);
  assert.ok(Math.abs(a.gsMps! - (450 * 1852) / 3600) < 0.2);
  assert.ok(Math.abs(a.trackDeg! - 90) < 0.01);
  assert.equal(a.timeMs, Date.UTC(2014, 11, 12, 10, 0, 0));
  assert.equal(a.icao, '4ca123');
  assert.equal(a.callsign, 'SAS1755');
  assert.equal(a.emergency, 'general');
  // CAT062: velocity components east 228.75 m/s and north -47.25 m/s: 233.58 m/s on track 101.67°.
  const track = oneRecord(codec, 62, {
    '010': { SAC: 3, SIC: 4 },
    '015': 1,
    '070': { value: 36_001 },
    '105': { LAT: { value: 54.25 }, LON: { value: 19.5 } },
    '185': { VX: { value: 228.75 }, VY: { value: -47.25 } },
    '040': 4713,
    '136': { value: 390 },
  });
  const [t] = reportsFromRecords([track], registry, ref, counters);
  assert.equal(t.kind, 'track');
  assert.equal(t.sensorTrackNumber, 4713);
  assert.ok(Math.abs(t.gsMps! - Math.hypot(228.75, 47.25)) < 1e-9);
  assert.ok(Math.abs(t.trackDeg! - (90 + (Math.atan(47.25 / 228.75) * 180) / Math.PI)) < 1e-9);
  assert.ok(Math.abs(t.altM! - 39_000 * 0.3048) < 1e-6);
  assert.equal(t.timeMs, ref + 1000);
});

test('CAT034 north markers give the radar rotation period; sector crossings are counted', () => {
  const registry = croatianRadars();
  const codec = new AsterixCodec({ editions: { 48: '1.31' } });
  const counters = new AdapterCounters();
  // Two north markers 4.8 s apart, built from the standard's layout.
  for (const tod of [1000, 1004.8]) {
    const r = oneRecord(codec, 34, { '010': { SAC: 25, SIC: 13 }, '000': 1, '030': { value: tod } });
    reportsFromRecords([r], registry, Date.UTC(2020, 0, 1), counters);
  }
  const status = registry.get('hr-13')!.status;
  assert.equal(status.northMarkers, 2);
  assert.ok(Math.abs(status.rotationPeriodS - 4.8) < 0.01);
  for (const d of readSource(new Uint8Array(fixture('cat_034_048.pcap'))).datagrams) {
    for (const block of codec.decode(d.payload)) reportsFromRecords(block.records, registry, d.timeMs ?? Number.NaN, counters);
  }
  assert.ok(registry.get('hr-13')!.status.sectorCrossings > 0);
});

test('time of day resolves to the day nearest the reference, across midnight', () => {
  const ref = Date.UTC(2014, 2, 3, 23, 59, 58);
  assert.equal(resolveTimeOfDay(86_399, ref), Date.UTC(2014, 2, 3, 23, 59, 59));
  assert.equal(resolveTimeOfDay(1, ref), Date.UTC(2014, 2, 4, 0, 0, 1));
  assert.equal(resolveTimeOfDay(86_399, Date.UTC(2014, 2, 4, 0, 0, 2)), Date.UTC(2014, 2, 3, 23, 59, 59));
});
