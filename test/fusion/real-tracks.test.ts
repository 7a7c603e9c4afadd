// SPDX-License-Identifier: GPL-3.0-or-later
// Real trajectories (decoded ADS-B from the OpenSky Network, xoolive/traffic samples) as Reports through the tracker:
//   - the Bornholm calibration pattern and the French tanker's refuelling orbits are followed closely, on one track;
//   - THY9BP's GNSS-spoofed positions: no track ever moves faster than an airliner can (jumps are not followed);
//     and with an independent Mode S radar measuring the true path, the spoofed ADS-B positions are rejected and
//     the track stays on the radar's path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { sphericalDistanceM } from '../../src/core/geo.ts';
import { EnuFrame } from '../../src/core/geodesy.ts';
import { M_PER_FT, MPS_PER_FPM, MPS_PER_KT } from '../../src/core/units.ts';
import type { Track } from '../../src/fusion/track.ts';
import { Tracker } from '../../src/fusion/tracker/index.ts';
import type { Report } from '../../src/surveillance/report.ts';
import { SensorRegistry } from '../../src/surveillance/sensors.ts';
import { mulberry32 } from '../helpers/prng.ts';

interface Row {
  timeMs: number;
  icao: string;
  callsign?: string;
  lat: number | null;
  lon: number | null;
  altFt: number | null;
  gsKt: number | null;
  trackDeg: number | null;
  vrFpm: number | null;
  /** When the position was received (the spoofing sample repeats stale positions on later rows). */
  positionMs: number | null;
}

type Json = Record<string, unknown>;

/** Both layouts of the samples: a list of records, or pandas' column form {column: {row: value}}. */
function loadRows(name: string): Row[] {
  const data = JSON.parse(gunzipSync(readFileSync(new URL(`../fixtures/tracks/${name}`, import.meta.url))).toString('utf8')) as Json[] | Record<string, Json>;
  const records: Json[] = Array.isArray(data)
    ? data
    : Object.keys(data.timestamp).map((k) => Object.fromEntries(Object.keys(data).map((c) => [c, data[c][k]])));
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return records.map((r) => ({
    timeMs: r.timestamp as number,
    icao: r.icao24 as string,
    callsign: typeof r.callsign === 'string' ? r.callsign.trim() : undefined,
    lat: num(r.latitude),
    lon: num(r.longitude),
    altFt: num(r.altitude),
    gsKt: num(r.groundspeed),
    trackDeg: num(r.track),
    vrFpm: num(r.vertical_rate),
    positionMs: num(r.last_position),
  }));
}

const registry = new SensorRegistry();
registry.add({ ...baseSensor('opensky', 'adsb'), lat: 55, lon: 15 });

function baseSensor(id: string, kind: 'adsb' | 'radar') {
  return {
    id,
    party: 'x',
    kind,
    lat: 0,
    lon: 0,
    heightM: 0,
    editions: {},
    rangeSigmaM: 70,
    azimuthSigmaDeg: 0.08,
    rangeBiasM: 0,
    azimuthBiasDeg: 0,
    timeBiasMs: 0,
    psrAssumedHeightM: 0,
    maxRangeNm: 2000,
  };
}

/** ADS-B Reports from the rows: one per new position (a repeated stale position is not a new report). */
function adsbReports(rows: readonly Row[]): Report[] {
  const out: Report[] = [];
  let lastPositionMs = Number.NaN;
  let lastLat = Number.NaN;
  let lastLon = Number.NaN;
  for (const r of rows) {
    if (r.lat === null || r.lon === null) continue;
    const t = r.positionMs ?? r.timeMs;
    // OpenSky state vectors repeat the last position until a new one arrives: only a new position is a report
    if (t === lastPositionMs || (r.lat === lastLat && r.lon === lastLon)) continue;
    lastPositionMs = t;
    lastLat = r.lat;
    lastLon = r.lon;
    const rep: Report = { timeMs: t, sensorId: 'opensky', partyId: 'x', kind: 'adsb', lat: r.lat, lon: r.lon, icao: r.icao, posSigmaM: 50 };
    if (r.callsign) rep.callsign = r.callsign;
    if (r.altFt !== null) {
      rep.altM = r.altFt * M_PER_FT;
      rep.altSource = 'baro';
    }
    if (r.gsKt !== null && r.trackDeg !== null) {
      rep.gsMps = r.gsKt * MPS_PER_KT;
      rep.trackDeg = (r.trackDeg + 360) % 360;
    }
    if (r.vrFpm !== null) rep.vrMps = r.vrFpm * MPS_PER_FPM;
    out.push(rep);
  }
  return out;
}

/** Runs reports through a tracker, sampling the picture at each report's time after the report. */
function run(reports: readonly Report[], reg = registry): { tracker: Tracker; samples: { report: Report; tracks: Track[] }[] } {
  const tracker = new Tracker({ registry: reg, reorderWindowMs: 0 });
  const samples: { report: Report; tracks: Track[] }[] = [];
  for (const r of reports) {
    tracker.add(r);
    tracker.advanceTo(r.timeMs);
    samples.push({ report: r, tracks: tracker.snapshot(r.timeMs) });
  }
  tracker.flush();
  return { tracker, samples };
}

function percentile(xs: number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

/**
 * Speed between consecutive samples of each track never exceeds `maxMps` (a track never teleports), beyond a
 * correction of at most `allowanceM` (a radar plot moving the track within its noise, tens of ms after a sample).
 */
function assertNoTeleport(samples: readonly { tracks: Track[] }[], maxMps: number, allowanceM = 0): void {
  const last = new Map<number, Track>();
  for (const s of samples) {
    for (const t of s.tracks) {
      const prev = last.get(t.trackId);
      if (prev !== undefined && t.timeMs > prev.timeMs) {
        const d = sphericalDistanceM(prev.lat, prev.lon, t.lat, t.lon);
        const v = d / ((t.timeMs - prev.timeMs) / 1000);
        assert.ok(d <= maxMps * ((t.timeMs - prev.timeMs) / 1000) + allowanceM, `track ${t.trackId} moved at ${v.toFixed(0)} m/s (${d.toFixed(0)} m) at ${t.timeMs}`);
      }
      last.set(t.trackId, t);
    }
  }
}

describe('real ADS-B trajectories', () => {
  for (const [name, maxErrM] of [
    ['bornholm.json.gz', 300],
    ['inflight_refuelling.json.gz', 300],
  ] as const) {
    it(`${name}: the track follows every position closely and keeps one number while reports keep coming`, () => {
      const reports = adsbReports(loadRows(name));
      const { samples } = run(reports);
      const errs: number[] = [];
      const ids = new Set<number>();
      let previousMs = Number.NaN;
      for (const { report, tracks } of samples.slice(10)) {
        const t = tracks.find((x) => x.icao === report.icao);
        // a gap longer than the deletion time may legitimately start a new track
        if (report.timeMs - previousMs < 20_000 && t) ids.add(t.trackId);
        previousMs = report.timeMs;
        if (t) errs.push(sphericalDistanceM(report.lat, report.lon, t.lat, t.lon));
      }
      assert.ok(errs.length > 0.95 * (samples.length - 10), `${errs.length} of ${samples.length - 10} positions had a track`);
      assert.ok(percentile(errs, 0.95) < maxErrM, `95th percentile ${percentile(errs, 0.95).toFixed(0)} m`);
      assertNoTeleport(samples, 400);
      assert.ok(ids.size <= 3, `track numbers ${[...ids]}`);
    });
  }

  it('the French Air Force tanker is classified military', () => {
    const { samples } = run(adsbReports(loadRows('inflight_refuelling.json.gz')).slice(0, 50));
    const t = samples.at(-1)!.tracks.find((x) => x.icao === '3b7777');
    assert.equal(t?.category, 'military');
  });

  const spoofRows = loadRows('noisy_spoofing.json.gz');

  it('noisy_spoofing, ADS-B alone: jumps are rejected, never followed (no track moves faster than 400 m/s)', () => {
    const { tracker, samples } = run(adsbReports(spoofRows));
    assertNoTeleport(samples, 400);
    const rejected = Object.entries(tracker.counters.rejected).reduce((n, [, k]) => n + k, 0);
    assert.ok(rejected >= 1, JSON.stringify(tracker.counters.rejected));
  });

  it('noisy_spoofing with an independent Mode S radar on the true path: the spoofed positions are rejected', () => {
    // The spoofing: from about row 4746 to 6771 the aircraft broadcasts positions near 49.7N 24.0E at 50 kt while
    // it really flies on towards the southern Baltic. Truth for that window: the great circle between the last
    // good position before it and the first good one after it (an airliner at FL380 flies straight).
    const good = adsbReports(spoofRows);
    const before = good.filter((r) => r.timeMs < spoofRows[4746].timeMs).at(-1)!;
    const after = good.find((r) => r.timeMs >= spoofRows[6772].timeMs - 1000 && r.lat > 53)!;
    const frame = new EnuFrame(before.lat, before.lon, 0);
    const end = frame.toEnu(after.lat, after.lon, 0);
    const truthAt = (t: number): { lat: number; lon: number } => {
      const f = (t - before.timeMs) / (after.timeMs - before.timeMs);
      const g = frame.toGeodetic(end.eastM * f, end.northM * f, end.upM * f);
      return { lat: g.latDeg, lon: g.lonDeg };
    };
    const radarReg = new SensorRegistry();
    radarReg.add({ ...baseSensor('opensky', 'adsb'), lat: 55, lon: 15 });
    const radar = radarReg.add({ ...baseSensor('mil-radar', 'radar'), lat: 50.8, lon: 20.8, heightM: 200 });
    const rand = mulberry32(42);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const plots: Report[] = [];
    const altM = 38_000 * M_PER_FT;
    for (let t = before.timeMs + 5_000; t < after.timeMs; t += 5_000) {
      const p = truthAt(t);
      const e = radar.frame.toEnu(p.lat, p.lon, altM);
      const rangeM = Math.hypot(e.eastM, e.northM, e.upM) + 70 * gauss();
      const azimuthDeg = ((Math.atan2(e.eastM, e.northM) * 180) / Math.PI + 0.08 * gauss() + 360) % 360;
      const az = (azimuthDeg * Math.PI) / 180;
      const horizontal = Math.sqrt(Math.max(0, rangeM ** 2 - e.upM ** 2));
      const g = radar.frame.toGeodetic(horizontal * Math.sin(az), horizontal * Math.cos(az), e.upM);
      plots.push({ timeMs: t, sensorId: 'mil-radar', partyId: 'x', kind: 'modes', lat: g.latDeg, lon: g.lonDeg, rangeM, azimuthDeg, altM, altSource: 'baro', icao: before.icao });
    }
    const window = good.filter((r) => r.timeMs > before.timeMs - 600_000 && r.timeMs < after.timeMs + 300_000);
    const merged = [...window, ...plots].sort((a, b) => a.timeMs - b.timeMs);
    const { tracker, samples } = run(merged, radarReg);
    let checked = 0;
    for (const { report, tracks } of samples) {
      if (report.timeMs < before.timeMs + 60_000 || report.timeMs > after.timeMs - 10_000) continue;
      const own = tracks.filter((x) => x.icao === before.icao);
      assert.equal(own.length, 1, `one track for ${before.icao} at ${report.timeMs}`);
      const p = truthAt(report.timeMs);
      const d = sphericalDistanceM(p.lat, p.lon, own[0].lat, own[0].lon);
      assert.ok(d < 3_000, `the track is ${(d / 1000).toFixed(1)} km off the radar's path at ${report.timeMs}`);
      checked++;
    }
    assert.ok(checked > 300, `${checked} samples checked`);
    const rejected = Object.entries(tracker.counters.rejected).reduce((n, [, k]) => n + k, 0);
    const spoofed = window.filter((r) => r.timeMs > before.timeMs && r.timeMs < after.timeMs - 10_000).length;
    assert.ok(rejected >= 0.9 * spoofed, `${rejected} rejected of ${spoofed} spoofed positions: ${JSON.stringify(tracker.counters.rejected)}`);
    // Radar plots (cross-range sigma about 170 m at 120 km) correct the track tens of ms after an ADS-B sample, and
    // the straight synthetic radar path meets the real ADS-B path again at an angle: corrections up to 1 km are
    // no jumps (the spoofed positions lie 5 to 560 km from the true path).
    assertNoTeleport(samples, 400, 1000);
  });
});
