// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsterixCodec } from '../../../src/asterix/codec.ts';
import { EnuFrame } from '../../../src/core/geodesy.ts';
import { M_PER_FT } from '../../../src/core/units.ts';
import type { SimSensor } from '../../../src/sim/sensors/config.ts';
import { AdapterCounters, reportsFromRecords } from '../../../src/surveillance/from-asterix.ts';
import type { Report } from '../../../src/surveillance/report.ts';
import type { SensorRegistry } from '../../../src/surveillance/sensors.ts';
import { type FlightSpec, horizontalM, run, type RunResult, sensor, stateAt } from './helpers.ts';

const SITE = { lat: 55.5, lon: 13.4, heightM: 100 };
const radar = (extra: Record<string, unknown> = {}) =>
  sensor({ id: 'se-r1', party: 'se', kind: 'radar', ...SITE, sac: 1, sic: 10, noise: false, rotationPeriodS: 4, ...extra });

const FLIGHTS: FlightSpec[] = [
  { id: 'sk681', icao: '4ca123', callsign: 'SAS681', squawk: '2301', lat: 55.55, lon: 12.7, heightM: 1500, gsMps: 130, trackDeg: 190, vrMps: 12 },
  { id: 'turn', icao: '45ac01', callsign: 'NAX71', squawk: '4417', lat: 55.9, lon: 14.1, heightM: 9000, gsMps: 230, trackDeg: 90, turnDegS: 1.5 },
  { id: 'far', icao: '4b1805', callsign: 'SWR1', squawk: '1000', lat: 56.9, lon: 15.0, heightM: 11000, gsMps: 250, trackDeg: 45, vrMps: -5 },
];
const DARK: FlightSpec = { id: 'il20', icao: '150abc', lat: 55.1, lon: 13.9, heightM: 6000, gsMps: 170, trackDeg: 300, transponder: 'off' };
const all = [...FLIGHTS, DARK];
const byIcao = new Map(all.map((f) => [f.icao, f]));

/** Decodes every datagram of a radar with the project's codec and adapter, against a registry of the same sensors. */
function reports(r: RunResult, id: string): { reports: Report[]; registry: SensorRegistry; counters: AdapterCounters; blocks: number } {
  const registry = r.suite.registry();
  const codec = new AsterixCodec({ sensors: registry.asterixEditions() });
  const counters = new AdapterCounters();
  const out: Report[] = [];
  let blocks = 0;
  for (const u of r.units.get(id)!) {
    const decoded = codec.decode(u.bytes);
    assert.equal(decoded.length, 1, 'one data block per datagram');
    const [block] = decoded;
    assert.equal(block.error, undefined);
    blocks++;
    reportsFromRecords(block.records, registry, u.timeMs, counters, out);
  }
  assert.equal(counters.dropped.size, 0, JSON.stringify([...counters.dropped]));
  return { reports: out, registry, counters, blocks };
}

/** True slant range (m) and azimuth (deg) of a flight from the radar at a time. */
function polar(cfg: SimSensor, f: FlightSpec, t: number): { rangeM: number; azimuthDeg: number } {
  const s = stateAt(f, t);
  const e = new EnuFrame(cfg.lat, cfg.lon, cfg.heightM).toEnu(s.lat, s.lon, s.heightM);
  return { rangeM: Math.hypot(e.eastM, e.northM, e.upM), azimuthDeg: ((Math.atan2(e.eastM, e.northM) * 180) / Math.PI + 360) % 360 };
}

describe('radar', () => {
  it('noise-free CAT048 decodes to the truth: one plot per target per scan, Mode S identity', () => {
    const cfg = radar({ psrAssumedHeightM: DARK.heightM, trackNumbers: true });
    const r = run([cfg], all, 120);
    const { reports: reps, registry } = reports(r, 'se-r1');
    let maxErrM = 0;
    for (const rep of reps) {
      const f = rep.icao === undefined ? DARK : byIcao.get(rep.icao)!;
      const s = stateAt(f, rep.timeMs);
      maxErrM = Math.max(maxErrM, horizontalM(rep.lat, rep.lon, s.lat, s.lon));
      if (f === DARK) {
        assert.equal(rep.kind, 'psr');
        assert.equal(rep.squawk, undefined);
        assert.equal(rep.altM, undefined);
        assert.equal(rep.callsign, undefined);
      } else {
        assert.equal(rep.kind, 'combined');
        assert.equal(rep.callsign, f.callsign);
        assert.equal(rep.squawk, f.squawk);
        // Mode S altitude: 25 ft steps; the time of day is quantised to 1/128 s
        assert.ok(Math.abs(rep.altM! - s.heightM) <= 12.5 * M_PER_FT + Math.abs(f.vrMps ?? 0) * 0.004 + 1e-6, `alt ${rep.altM} vs ${s.heightM}`);
        assert.ok(rep.sensorTrackNumber! > 0);
      }
    }
    // RHO 1/256 NM, THETA 360/2^16 deg, time 1/128 s, and the decoder's spherical Earth
    assert.ok(maxErrM < 40, `max position error ${maxErrM} m`);
    for (const f of all) {
      const mine = reps.filter((x) => (x.icao ?? DARK.icao) === f.icao).map((x) => x.timeMs);
      assert.ok(mine.length >= 29 && mine.length <= 31, `${f.id}: ${mine.length} plots in 30 scans`);
      for (let i = 1; i < mine.length; i++) assert.ok(Math.abs(mine[i] - mine[i - 1] - 4000) < 40, `scan interval ${mine[i] - mine[i - 1]}`);
    }
    const status = registry.get('se-r1')!.status;
    assert.equal(status.rotationPeriodS, 4);
    assert.ok(status.northMarkers === 30 || status.northMarkers === 29);
    // eight sectors: seven sector crossings between north markers
    assert.ok(Math.abs(status.sectorCrossings - 7 * status.northMarkers) <= 7, `${status.sectorCrossings} sector crossings`);
  });

  it('detects a target when the beam sweeps its azimuth, whatever the tick', () => {
    const cfg = radar();
    const straight = FLIGHTS.map((f) => ({ ...f, turnDegS: 0, vrMps: 0 }));
    const a = reports(run([cfg], straight, 60, { tickMs: 4000 }), 'se-r1').reports;
    const b = reports(run([cfg], straight, 60, { tickMs: 250 }), 'se-r1').reports;
    const model = run([cfg], [], 0).suite.radars[0];
    for (const rep of b) {
      // the beam points at the plot at the plot's time (I140 is quantised to 1/128 s: 0.35 deg of rotation)
      const d = Math.abs(((model.beamAzimuthDeg(rep.timeMs) - rep.azimuthDeg! + 540) % 360) - 180);
      assert.ok(d <= 0.352, `beam ${model.beamAzimuthDeg(rep.timeMs)} vs plot ${rep.azimuthDeg}`);
    }
    // a 4 s tick and a 250 ms tick give the same plots (up to the first scan, which needs a previous tick)
    const key = (x: Report) => `${x.icao}@${Math.round(x.timeMs / 1000)}`;
    const bByKey = new Map(b.map((x) => [key(x), x]));
    let matched = 0;
    for (const x of a) {
      const y = bByKey.get(key(x));
      if (y === undefined) continue;
      matched++;
      assert.ok(Math.abs(x.timeMs - y.timeMs) <= 7.9);
      assert.ok(horizontalM(x.lat, x.lon, y.lat, y.lon) < 3);
    }
    assert.ok(matched >= a.length - 3);
  });

  it('gives only primary plots for dark aircraft; an SSR-only radar does not see them', () => {
    const ssrOnly = reports(run([radar({ psr: false })], all, 60), 'se-r1').reports;
    assert.ok(ssrOnly.length > 0);
    assert.ok(ssrOnly.every((x) => x.icao !== undefined && x.kind === 'modes'));
    const psrOnly = reports(run([radar({ ssr: false, modeS: false })], all, 60), 'se-r1').reports;
    assert.ok(psrOnly.every((x) => x.kind === 'psr' && x.icao === undefined && x.squawk === undefined));
    assert.equal(psrOnly.length, ssrOnly.length * (all.length / FLIGHTS.length));
  });

  it('Mode 3/A/C radars send squawk and 100 ft altitude but no address', () => {
    const reps = reports(run([radar({ modeS: false })], FLIGHTS, 60), 'se-r1').reports;
    assert.ok(reps.length > 0);
    for (const rep of reps) {
      assert.equal(rep.kind, 'combined');
      assert.equal(rep.icao, undefined);
      assert.equal(rep.callsign, undefined);
      assert.ok(FLIGHTS.some((f) => f.squawk === rep.squawk));
      assert.equal(Math.round(rep.altM! / M_PER_FT) % 100, 0);
    }
  });

  it('noise and biases as declared: the registry removes the biases, the errors have the declared sigma', () => {
    const cfg = radar({
      noise: true,
      rangeSigmaM: 70,
      azimuthSigmaDeg: 0.08,
      rangeBiasM: 150,
      azimuthBiasDeg: 0.2,
      timeBiasMs: 30,
      detectionProbability: 0.9,
      falsePlotsPerScan: 3,
    });
    // twenty aircraft around the radar, going nowhere fast
    const flights: FlightSpec[] = Array.from({ length: 20 }, (_, i) => ({
      id: `a${i}`,
      icao: (0x4ca000 + i).toString(16),
      callsign: `TST${i}`,
      squawk: '2000',
      lat: SITE.lat + 0.8 * Math.cos(i),
      lon: SITE.lon + 1.4 * Math.sin(i),
      heightM: 8000,
      gsMps: 200,
      trackDeg: i * 18,
    }));
    const r = run([cfg], flights, 600);
    const { reports: reps } = reports(r, 'se-r1');
    const model = r.suite.radars[0];
    const rangeErr: number[] = [];
    const azErr: number[] = [];
    for (const rep of reps) {
      if (rep.icao === undefined) continue;
      const f = flights.find((x) => x.icao === rep.icao)!;
      const p = polar(cfg, f, rep.timeMs);
      rangeErr.push(rep.rangeM! - p.rangeM);
      azErr.push(((rep.azimuthDeg! - p.azimuthDeg + 540) % 360) - 180);
    }
    const stats = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean: m, sd: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)) };
    };
    const rs = stats(rangeErr);
    const as = stats(azErr);
    assert.ok(Math.abs(rs.mean) < 6, `range bias left ${rs.mean}`);
    assert.ok(Math.abs(rs.sd / 70 - 1) < 0.08, `range sigma ${rs.sd}`);
    assert.ok(Math.abs(as.mean) < 0.008, `azimuth bias left ${as.mean}`);
    assert.ok(Math.abs(as.sd / 0.08 - 1) < 0.08, `azimuth sigma ${as.sd}`);
    // SSR detections: pd of the scans; primary-only: pd (1 - pd); false plots: 3 a scan
    const scans = 20 * 150;
    assert.ok(Math.abs(rangeErr.length / scans - 0.9) < 0.02, `ssr detection ratio ${rangeErr.length / scans}`);
    assert.ok(Math.abs(model.counters.psrOnly / scans - 0.09) < 0.02, `psr-only ratio ${model.counters.psrOnly / scans}`);
    assert.ok(Math.abs(model.counters.falsePlots / model.counters.scans - 3) < 0.4, `false plots a scan ${model.counters.falsePlots / model.counters.scans}`);
    assert.equal(reps.length, model.counters.plots);
  });

  it('sends negative flight levels where the edition allows them, and no flight level where it does not', () => {
    const low: FlightSpec = { id: 'low', icao: '4ca001', callsign: 'SAS1', lat: 55.6, lon: 13.5, heightM: -60, gsMps: 10, trackDeg: 0 };
    const alts = (edition: string) =>
      reports(run([radar({ editions: { '48': edition } })], [low], 30), 'se-r1').reports.map((x) => x.altM);
    const signed = alts('1.32');
    assert.ok(signed.length > 0 && signed.every((a) => a !== undefined && Math.abs(a - -60) <= 12.5 * M_PER_FT));
    // edition 1.31's table has I090 unsigned: the plots go without it
    const unsigned = alts('1.31');
    assert.ok(unsigned.length > 0 && unsigned.every((a) => a === undefined));
  });

  it('is deterministic: the same seed gives the same datagrams', () => {
    const cfg = radar({ noise: true, falsePlotsPerScan: 2 });
    const a = run([cfg], all, 60, { seed: 3 }).bytes.get('se-r1')!;
    const b = run([cfg], all, 60, { seed: 3 }).bytes.get('se-r1')!;
    const c = run([cfg], all, 60, { seed: 4 }).bytes.get('se-r1')!;
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });
});
