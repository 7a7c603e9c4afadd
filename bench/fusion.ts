// SPDX-License-Identifier: GPL-3.0-or-later
// The tracker's hot path: Reports through association, IMM update and bookkeeping with 2,000 and 20,000 live
// tracks (the targets: ≥ 500,000 reports/s and ≥ 100,000 reports/s on one core). A synthetic Baltic
// picture: every aircraft heard by two ADS-B receivers at 1 Hz and a Mode S radar every 5 s; 5 % are dark and
// seen only as primary plots of the radar (gated and assigned per sector batch). Reports are made by newReport,
// as the adapters make them (one hidden class for every Report).

import { Tracker } from '../src/fusion/tracker/index.ts';
import { Rng } from '../src/sim/random.ts';
import { newReport, type Report } from '../src/surveillance/report.ts';
import { SensorConfigSchema, SensorRegistry } from '../src/surveillance/sensors.ts';
import { type BenchResult, measureRate } from './harness.ts';

const RUNS = 5;
const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);

export function registry(): SensorRegistry {
  const reg = new SensorRegistry();
  reg.add(SensorConfigSchema.parse({ id: 'rx-a', party: 'a', kind: 'adsb', lat: 56, lon: 16 }));
  reg.add(SensorConfigSchema.parse({ id: 'rx-b', party: 'b', kind: 'adsb', lat: 57, lon: 20 }));
  reg.add(SensorConfigSchema.parse({ id: 'rad', party: 'c', kind: 'radar', lat: 56.5, lon: 18, heightM: 60, maxRangeNm: 250 }));
  return reg;
}

/** `aircraft` straight-flying aircraft over 53–60° N, 10–26° E for `seconds`: Reports in time order. */
export function picture(aircraft: number, seconds: number): Report[] {
  const rng = new Rng(aircraft);
  const u = (): number => rng.next();
  const out: Report[] = [];
  const lat = new Float64Array(aircraft);
  const lon = new Float64Array(aircraft);
  const dLat = new Float64Array(aircraft);
  const dLon = new Float64Array(aircraft);
  const icao: string[] = [];
  const dark = new Uint8Array(aircraft);
  const phase = new Float64Array(aircraft);
  for (let i = 0; i < aircraft; i++) {
    lat[i] = 53 + 7 * u();
    lon[i] = 10 + 16 * u();
    const v = 120 + 130 * u();
    const trk = 2 * Math.PI * u();
    dLat[i] = (v * Math.cos(trk)) / 111_320;
    dLon[i] = (v * Math.sin(trk)) / (111_320 * Math.cos((lat[i] * Math.PI) / 180));
    icao.push((0x400000 + i).toString(16));
    dark[i] = u() < 0.05 ? 1 : 0;
    phase[i] = u();
  }
  const noise = (): number => (u() - 0.5) * 0.0004;
  // Both receivers decode the same squitter: the same position, a few ms apart. Each second's reports are made
  // in time order, as a feed's decoder makes them on arrival (allocation order is memory order: the tracker
  // reads reports in it, and a shuffled heap alone costs it a third of its speed).
  for (let s = 0; s < seconds; s++) {
    const batch: { timeMs: number; make: () => Report }[] = [];
    for (let i = 0; i < aircraft; i++) {
      const t = T0 + (s + phase[i]) * 1000;
      const la = lat[i] + dLat[i] * (s + phase[i]);
      const lo = lon[i] + dLon[i] * (s + phase[i]);
      if (!dark[i]) {
        const gs = Math.hypot(dLat[i] * 111_320, dLon[i] * 111_320 * Math.cos((la * Math.PI) / 180));
        const trackDeg = ((Math.atan2(dLon[i] * Math.cos((la * Math.PI) / 180), dLat[i]) * 180) / Math.PI + 360) % 360;
        const adsbLat = la + noise() * 0.1;
        const adsbLon = lo + noise() * 0.1;
        for (const rx of ['rx-a', 'rx-b']) {
          const timeMs = t + (rx === 'rx-b' ? 7 : 0);
          batch.push({
            timeMs,
            make: () => {
              const r = newReport(timeMs, rx, rx === 'rx-a' ? 'a' : 'b', 'adsb', adsbLat, adsbLon);
              r.icao = icao[i];
              r.altM = 10000;
              r.altSource = 'baro';
              r.gsMps = gs;
              r.trackDeg = trackDeg;
              r.posSigmaM = 10;
              return r;
            },
          });
        }
      }
      if ((s + i) % 5 === 0) {
        const plotLat = la + noise();
        const plotLon = lo + noise() * 1.7;
        batch.push({
          timeMs: t + 50,
          make: () => {
            const r = newReport(t + 50, 'rad', 'c', dark[i] ? 'psr' : 'modes', plotLat, plotLon);
            r.rangeM = 200_000;
            r.azimuthDeg = 0;
            r.posSigmaM = 150;
            if (!dark[i]) {
              r.icao = icao[i];
              r.altM = 10000;
              r.altSource = 'baro';
            }
            return r;
          },
        });
      }
    }
    batch.sort((a, b) => a.timeMs - b.timeMs);
    for (const b of batch) out.push(b.make());
  }
  return out;
}

/** The tracker's rate on `aircraft` for `seconds` of data, against the target for that many tracks. */
export function benchOne(aircraft: number, seconds: number, targetPerSecond: number): BenchResult {
  const reg = registry();
  const reports = picture(aircraft, seconds);
  let live = 0;
  const rate = measureRate(reports.length, RUNS, () => {
    const tr = new Tracker({ registry: reg });
    for (let i = 0; i < reports.length; i++) tr.add(reports[i]);
    tr.flush();
    live = tr.liveTracks;
    return tr.counters.tracksConfirmed;
  });
  return {
    name: `fusion tracker, ${aircraft.toLocaleString('en-US')} aircraft (ADS-B ×2, Mode S radar, 5 % primary-only)`,
    value: rate.perSecond,
    unit: 'reports/s',
    n: reports.length,
    runs: RUNS,
    note: `${live.toLocaleString('en-US')} live tracks at the end, track births included; target ${targetPerSecond.toLocaleString('en-US')}: ${(rate.perSecond / targetPerSecond).toFixed(2)}x`,
  };
}

export async function benchFusion(): Promise<BenchResult[]> {
  return [benchOne(2000, 60, 500_000), benchOne(20_000, 12, 100_000)];
}
