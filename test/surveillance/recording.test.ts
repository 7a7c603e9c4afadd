// SPDX-License-Identifier: GPL-3.0-or-later
// Recordings and simulated feeds into Reports: every sensor's wire bytes decode to positions that agree with the
// simulator's truth (ADS-B within its quantization; radar plots within their declared range/azimuth noise), a
// recording written by `jointsky sim --out` gives the same Reports as the in-process path, and bad manifests fail
// with the file and the key.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sphericalDistanceM } from '../../src/core/geo.ts';
import { simulateReports } from '../../src/surveillance/ingest.ts';
import { readRecording, recordingReports } from '../../src/surveillance/recording.ts';
import type { TruthState } from '../../src/sim/truth.ts';
import { runCli } from '../helpers/cli.ts';

const SECONDS = 420;
const sim = simulateReports('sk681-2014-03-03', { seconds: SECONDS, truth: true });

/** Truth position of an aircraft at any time, interpolated between the 1 s ticks. */
function truthAt(truth: readonly TruthState[]): (icao: string, timeMs: number) => { lat: number; lon: number } | undefined {
  const byKey = new Map<string, TruthState>();
  for (const s of truth) byKey.set(`${s.icao}@${s.timeMs}`, s);
  return (icao, timeMs) => {
    const t0 = Math.floor(timeMs / 1000) * 1000;
    const a = byKey.get(`${icao}@${t0}`);
    const b = byKey.get(`${icao}@${t0 + 1000}`);
    if (!a || !b) return undefined;
    const f = (timeMs - t0) / 1000;
    return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f };
  };
}

describe('simulated feeds to Reports', () => {
  it('every sensor produces Reports, in time order, with no unexpected rejections', () => {
    const { reports, world } = sim;
    assert.ok(reports.length > 10_000, `${reports.length} reports`);
    for (let i = 1; i < reports.length; i++) assert.ok(reports[i].timeMs >= reports[i - 1].timeMs, `order at ${i}`);
    for (const f of world.feeds) {
      assert.ok(f.counters.reports > 0, `${f.sensor.id} produced no report`);
      // bit errors the sensor model injects are the only rejections a receiver should see: under 1 % of frames
      let rejected = 0;
      for (const n of f.counters.rejected.values()) rejected += n;
      assert.ok(rejected <= f.counters.units * 0.01, `${f.sensor.id}: ${JSON.stringify(f.counters.rejectedObject())}`);
    }
  });

  it('positions agree with the truth: ADS-B to its CPR resolution, radar plots within 6 sigma of their noise', () => {
    const at = truthAt(sim.truth);
    let adsb = 0;
    let radar = 0;
    for (const r of sim.reports) {
      if (r.icao === undefined) continue;
      const t = at(r.icao, r.timeMs);
      if (!t) continue;
      const errM = sphericalDistanceM(t.lat, t.lon, r.lat, r.lon);
      if (r.kind === 'adsb') {
        adsb++;
        assert.ok(errM < 20, `${r.sensorId} ${r.icao} ADS-B ${errM.toFixed(1)} m off`);
      } else {
        radar++;
        const sensor = sim.registry.get(r.sensorId)!;
        const sigmaM = Math.hypot(sensor.rangeSigmaM, ((r.rangeM ?? 0) * sensor.azimuthSigmaDeg * Math.PI) / 180);
        // the slant range projected to the ground adds at most the height error of a Mode C altitude (25-100 ft)
        assert.ok(errM < 6 * sigmaM + 100, `${r.sensorId} ${r.icao} ${r.kind} ${errM.toFixed(0)} m off (sigma ${sigmaM.toFixed(0)} m)`);
      }
    }
    assert.ok(adsb > 5000 && radar > 500, `${adsb} ADS-B and ${radar} radar reports checked`);
  });

  it('an aircraft with its transponder off is never reported with an identity, only as primary plots', () => {
    const off = new Set(sim.truth.filter((s) => s.transponder === 'off').map((s) => `${s.icao}@${s.timeMs}`));
    assert.ok(off.size > 0, 'the scenario has a dark aircraft');
    for (const r of sim.reports) {
      if (r.icao === undefined) continue;
      // the tick before and after the report: both off means the transponder was off when the report was made
      const t0 = Math.floor(r.timeMs / 1000) * 1000;
      assert.ok(!(off.has(`${r.icao}@${t0}`) && off.has(`${r.icao}@${t0 + 1000}`)), `${r.sensorId} reported ${r.icao} while dark`);
    }
    assert.ok(sim.reports.some((r) => r.kind === 'psr'));
  });
});

describe('recordings', () => {
  it('jointsky sim --out writes a manifest whose feeds decode to the same Reports as the in-process path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jointsky-rec-'));
    const r = await runCli(['sim', 'sk681-2014-03-03', '--out', dir, '--seconds', String(SECONDS), '--no-truth']);
    assert.equal(r.code, 0, r.err);
    const fromFiles = recordingReports(dir).reports.map((x) => JSON.stringify(x));
    const inProcess = sim.reports.map((x) => JSON.stringify(x));
    assert.equal(fromFiles.length, inProcess.length);
    assert.deepEqual(fromFiles.slice().sort(), inProcess.slice().sort());
  });

  it('a bad manifest fails naming the file and the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jointsky-rec-bad-'));
    const file = join(dir, 'recording.json');
    writeFileSync(file, JSON.stringify({ format: 'jointsky-recording/1', startMs: 0, feeds: [{ file: 'a.beast', format: 'mp3', sensor: {} }] }));
    assert.throws(() => readRecording(dir), (e: Error) => e.message.includes(file) && e.message.includes('feeds[0].format'));
    assert.throws(() => readRecording(join(dir, 'missing')), /cannot read/);
    assert.throws(() => readRecording(tmpdir()), /without recording.json/);
  });
});
