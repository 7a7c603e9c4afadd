// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MPS_PER_FPM, MPS_PER_KT } from '../../src/core/units.ts';
import { readFileSync } from 'node:fs';
import { HexLineFramer } from '../../src/feeds/hexlines.ts';
import { type DecodeResult, isReject, type ModeSMessage } from '../../src/modes/message.ts';
import { ModeSStreamDecoder } from '../../src/modes/stream.ts';
import { reportFromModeS } from '../../src/surveillance/from-modes.ts';
import type { Report } from '../../src/surveillance/report.ts';
import { SensorRegistry } from '../../src/surveillance/sensors.ts';
import { fixturePath } from '../helpers/decode-file.ts';

test('every decoded ADS-B position becomes one report with the aircraft state known at that moment', () => {
  const registry = SensorRegistry.fromConfig([{ id: 'rx', party: 'dk', kind: 'adsb', lat: 52.0, lon: 4.5 }], 'x');
  const sensor = registry.get('rx')!;
  const stream = new ModeSStreamDecoder();
  const reports: Report[] = [];
  let gs: number | undefined;
  let vr: number | undefined;
  const framer = new HexLineFramer();
  const results: DecodeResult[] = [];
  framer.push(readFileSync(fixturePath('sample_data_adsb.csv')), {
    frame: (_kind, buf, off, len, timeMs) => {
      const r = stream.decode(buf, off, len, timeMs);
      results.push(r);
      if (!isReject(r)) check(r);
    },
    error: () => assert.fail('no framing errors'),
  });
  function check(r: ModeSMessage): void {
    if (r.tc === 19 && r.gsKt !== undefined) {
      gs = r.gsKt;
      vr = r.vrFpm;
    }
    const report = reportFromModeS(r, stream.state(r.icao), sensor);
    if (r.lat === undefined) {
      assert.equal(report, undefined, 'no position, no report');
      return;
    }
    assert.ok(report);
    assert.equal(report.kind, 'adsb');
    assert.equal(report.partyId, 'dk');
    assert.equal(report.icao, '406b90');
    assert.equal(report.lat, r.lat);
    assert.equal(report.timeMs, r.timeMs);
    assert.ok(Math.abs(report.altM! - r.altFt! * 0.3048) < 1e-9);
    // Velocity: the last velocity squitter heard before this position, in SI units.
    if (gs !== undefined) assert.ok(Math.abs(report.gsMps! - gs * MPS_PER_KT) < 1e-9, `${report.gsMps} vs ${gs}`);
    if (vr !== undefined) assert.ok(Math.abs(report.vrMps! - vr * MPS_PER_FPM) < 1e-9);
    // One sigma per axis from the 95 % bound of NACp (DO-260B: NACp 7 < 185.2 m, 8 < 92.6 m, 9 < 30 m).
    const bound95M = ({ 7: 185.2, 8: 92.6, 9: 30 } as Record<number, number>)[report.nacP ?? 8];
    if (bound95M !== undefined) assert.ok(Math.abs(report.posSigmaM! * Math.sqrt(-2 * Math.log(0.05)) - bound95M) < 1e-6);
    reports.push(report);
  }
  assert.equal(results.length, 2000);
  assert.equal(reports.length, stream.positions);
  assert.ok(reports.length > 500);
  assert.ok(reports.some((r) => r.callsign === 'EZY85MH'));
});
