// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { geodeticToEcef } from '../../../src/core/geodesy.ts';
import { M_PER_NM, MPS_PER_FPM, MPS_PER_KT } from '../../../src/core/units.ts';
import { BeastFramer, encodeBeast } from '../../../src/feeds/beast.ts';
import type { ModeSMessage } from '../../../src/modes/message.ts';
import { radioHorizonM } from '../../../src/sim/sensors/receiver.ts';
import { decodeFrames, decodeSbs, type FlightSpec, horizontalM, run, sensor, START_MS, stateAt } from './helpers.ts';

const RX = { lat: 55.6, lon: 12.6 };
const rx = (extra: Record<string, unknown> = {}) => sensor({ id: 'rx-dk', party: 'dk', kind: 'adsb', ...RX, heightM: 30, noise: false, ...extra });

const FLIGHTS: FlightSpec[] = [
  { id: 'sk681', icao: '4ca123', callsign: 'SAS681', lat: 55.55, lon: 12.7, heightM: 1500, gsMps: 130, trackDeg: 190, vrMps: 12 },
  { id: 'turn', icao: '45ac01', callsign: 'NAX71', lat: 55.9, lon: 13.1, heightM: 9000, gsMps: 230, trackDeg: 90, turnDegS: 1.5 },
  { id: 'level', icao: '4b1805', callsign: 'SWR1', lat: 55.2, lon: 12.0, heightM: 11000, gsMps: 250, trackDeg: 45, vrMps: -5 },
];
const byIcao = new Map(FLIGHTS.map((f) => [f.icao, f]));

function isAirbornePosition(m: ModeSMessage): boolean {
  return (m.df === 17 || m.df === 18) && m.tc !== undefined && m.tc >= 9 && m.tc <= 18;
}

/** Times of the decoded messages that pass `pick`, per aircraft. */
function timesOf(messages: ModeSMessage[], pick: (m: ModeSMessage) => boolean): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of messages) {
    if (!pick(m)) continue;
    const a = out.get(m.icao) ?? [];
    a.push(m.timeMs);
    out.set(m.icao, a);
  }
  return out;
}

function intervals(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]);
}

describe('ADS-B receiver', () => {
  it('noise-free Beast decodes to the truth within the formats’ quantisation', () => {
    const r = run([rx()], FLIGHTS, 120);
    const d = decodeFrames('beast', r.bytes.get('rx-dk')!, RX);
    assert.equal(d.rejected, 0);
    assert.equal(d.framingErrors.size, 0);
    let positions = 0;
    let velocities = 0;
    let idents = 0;
    for (const m of d.messages) {
      assert.equal(m.crc, 'ok');
      const f = byIcao.get(m.icao);
      assert.ok(f, `unknown address ${m.icao}`);
      const s = stateAt(f, m.timeMs);
      if (isAirbornePosition(m)) {
        assert.ok(Math.abs(m.altFt! - s.pressureAltFt) <= 12.5 + 1e-6, `altitude ${m.altFt} vs ${s.pressureAltFt}`);
        if (m.lat !== undefined) {
          positions++;
          assert.ok(horizontalM(m.lat, m.lon!, s.lat, s.lon) < 8, `position off by ${horizontalM(m.lat, m.lon!, s.lat, s.lon)} m`);
        }
      } else if (m.tc === 19) {
        velocities++;
        assert.ok(Math.abs(m.gsKt! - s.gsMps / MPS_PER_KT) <= 0.75, `gs ${m.gsKt}`);
        const dTrk = Math.abs(((m.trackDeg! - s.trackDeg + 540) % 360) - 180);
        assert.ok(dTrk < 0.2, `track ${m.trackDeg} vs ${s.trackDeg}`);
        assert.ok(Math.abs(m.vrFpm! - s.vrMps / MPS_PER_FPM) <= 32 + 1e-6, `vr ${m.vrFpm} vs ${s.vrMps / MPS_PER_FPM}`);
      } else if (m.tc !== undefined && m.tc >= 1 && m.tc <= 4) {
        idents++;
        assert.equal(m.callsign, f.callsign);
      } else if (m.tc === 31) assert.equal(m.version, 2);
      else assert.equal(m.df, 11);
    }
    // about two positions and two velocities a second each, an identification every five seconds
    assert.ok(positions > 3 * 2 * 118 * 0.95, `positions ${positions}`);
    assert.ok(velocities > 3 * 2 * 118 * 0.95, `velocities ${velocities}`);
    assert.ok(idents >= 3 * 22, `idents ${idents}`);
  });

  it('writes the same bytes as feeds/beast encodeBeast, escapes included', () => {
    const r = run([rx()], FLIGHTS, 60);
    let escaped = 0;
    for (const u of r.units.get('rx-dk')!) {
      let framed = 0;
      new BeastFramer().push(u.bytes, {
        frame(kind, buf, off, len, _t, mlat12MHz, signal) {
          framed++;
          assert.deepEqual(u.bytes, encodeBeast(kind, buf.slice(off, off + len), mlat12MHz, signal));
          assert.equal(mlat12MHz, Math.floor((u.timeMs - START_MS) * 12_000 + 1e-6));
        },
        error(reason) {
          assert.fail(reason);
        },
      });
      assert.equal(framed, 1);
      if (u.bytes.length !== 2 + 7 + 7 && u.bytes.length !== 2 + 7 + 14) escaped++;
    }
    assert.ok(escaped > 0, 'no unit needed an escape: the test did not exercise escaping');
  });

  it('AVR carries the same frames and times as Beast', () => {
    const beast = decodeFrames('beast', run([rx()], FLIGHTS, 60).bytes.get('rx-dk')!, RX);
    const avr = decodeFrames('avr', run([rx({ format: 'avr' })], FLIGHTS, 60).bytes.get('rx-dk')!, RX);
    const strip = (m: ModeSMessage) => ({ ...m, signal: undefined });
    assert.equal(avr.rejected, 0);
    assert.deepEqual(avr.messages.map(strip), beast.messages.map(strip));
  });

  it('SBS lines carry what dump1090 decodes: identity, position once paired, altitude, velocity', () => {
    const records = decodeSbs(run([rx({ format: 'sbs' })], FLIGHTS, 60).bytes.get('rx-dk')!);
    const seen = new Set<number>();
    for (const rec of records) {
      seen.add(rec.transmissionType);
      const f = byIcao.get(rec.icao)!;
      const s = stateAt(f, rec.timeMs);
      if (rec.transmissionType === 1) assert.equal(rec.callsign, f.callsign);
      if (rec.transmissionType === 3) {
        assert.ok(Math.abs(rec.altFt! - s.pressureAltFt) <= 12.5 + 1e-6);
        assert.equal(rec.onGround, false);
        if (rec.lat !== undefined) assert.ok(horizontalM(rec.lat, rec.lon!, s.lat, s.lon) < 1);
      }
      if (rec.transmissionType === 4) {
        assert.ok(Math.abs(rec.gsKt! - s.gsMps / MPS_PER_KT) <= 0.75);
        assert.ok(Math.abs(rec.vrFpm! - s.vrMps / MPS_PER_FPM) <= 32 + 1e-6);
      }
    }
    assert.deepEqual([...seen].sort(), [1, 3, 4, 8]);
    // the first position of each aircraft cannot be decoded alone
    for (const f of FLIGHTS) {
      const pos = records.filter((r) => r.icao === f.icao && r.transmissionType === 3);
      assert.equal(pos[0].lat, undefined);
      assert.ok(pos.slice(1).every((r) => r.lat !== undefined));
    }
  });

  it('transmits at the DO-260B rates, even and odd alternating', () => {
    const flights: FlightSpec[] = [
      FLIGHTS[1],
      { id: 'taxi', icao: '4ca9aa', callsign: 'SAS2', lat: 55.62, lon: 12.65, heightM: 5, gsMps: 8, trackDeg: 220, onGround: true },
      { id: 'gate', icao: '4ca9ab', callsign: 'SAS3', lat: 55.63, lon: 12.64, heightM: 5, gsMps: 0, trackDeg: 0, onGround: true },
    ];
    const d = decodeFrames('beast', run([rx()], flights, 600).bytes.get('rx-dk')!, RX);
    const within = (xs: number[], lo: number, hi: number, what: string) => {
      assert.ok(xs.length > 0, what);
      for (const x of xs) assert.ok(x >= lo - 1e-3 && x <= hi + 1e-3, `${what}: interval ${x} ms outside ${lo}..${hi}`);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      assert.ok(Math.abs(mean - (lo + hi) / 2) < (hi - lo) * 0.1, `${what}: mean interval ${mean}`);
    };
    const air = '45ac01';
    within(intervals(timesOf(d.messages, isAirbornePosition).get(air)!), 400, 600, 'airborne position');
    within(intervals(timesOf(d.messages, (m) => m.tc === 19).get(air)!), 400, 600, 'velocity');
    within(intervals(timesOf(d.messages, (m) => m.tc === 4).get(air)!), 4800, 5200, 'identification');
    within(intervals(timesOf(d.messages, (m) => m.tc === 31).get(air)!), 2400, 2600, 'operational status');
    within(intervals(timesOf(d.messages, (m) => m.df === 11).get(air)!), 800, 1200, 'acquisition squitter');
    const formats = d.messages.filter((m) => m.icao === air && isAirbornePosition(m)).map((m) => m.cprFormat);
    formats.forEach((f, i) => {
      if (i > 0) assert.notEqual(f, formats[i - 1]);
    });
    const surface = (m: ModeSMessage) => m.tc !== undefined && m.tc >= 5 && m.tc <= 8;
    within(intervals(timesOf(d.messages, surface).get('4ca9aa')!), 400, 600, 'surface position, moving');
    within(intervals(timesOf(d.messages, surface).get('4ca9ab')!), 4800, 5200, 'surface position, stationary');
    within(intervals(timesOf(d.messages, (m) => m.tc === 4).get('4ca9ab')!), 9800, 10200, 'identification, stationary');
    assert.equal(d.messages.filter((m) => m.tc === 19 && m.icao !== air).length, 0, 'no airborne velocity on the surface');
    // surface positions decode against the receiver's position
    for (const m of d.messages.filter((x) => surface(x) && x.lat !== undefined)) {
      const s = stateAt(flights.find((f) => f.icao === m.icao)!, m.timeMs);
      assert.ok(horizontalM(m.lat!, m.lon!, s.lat, s.lon) < 3);
      assert.equal(m.onGround, true);
    }
  });

  it('hears only within radio line of sight (4/3 Earth) and its maximum range', () => {
    // two aircraft flying straight away from the receiver, low and high, at 1000 km/h
    const away = (id: string, icao: string, heightM: number): FlightSpec => ({ id, icao, lat: 55.7, lon: 12.6, heightM, gsMps: 280, trackDeg: 0 });
    const flights = [away('low', '4ca001', 3000), away('high', '4ca002', 11_000)];
    const slant = (icao: string, t: number) => {
      const s = stateAt(flights.find((f) => f.icao === icao)!, t);
      const a = geodeticToEcef(s.lat, s.lon, s.heightM);
      const b = geodeticToEcef(RX.lat, RX.lon, 30);
      return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
    };
    const farthest = (msgs: ModeSMessage[], icao: string) => Math.max(...msgs.filter((m) => m.icao === icao).map((m) => slant(icao, m.timeMs)));
    const d = decodeFrames('beast', run([rx({ maxRangeNm: 400 })], flights, 1800, { tickMs: 500 }).bytes.get('rx-dk')!, RX);
    const lowHorizon = radioHorizonM(30, 3000);
    const highHorizon = radioHorizonM(30, 11_000);
    assert.ok(farthest(d.messages, '4ca001') <= lowHorizon && farthest(d.messages, '4ca001') > lowHorizon - 500);
    assert.ok(farthest(d.messages, '4ca002') <= highHorizon && farthest(d.messages, '4ca002') > highHorizon - 500);
    // a shorter maximum range cuts both
    const short = decodeFrames('beast', run([rx({ maxRangeNm: 100 })], flights, 1800, { tickMs: 500 }).bytes.get('rx-dk')!, RX);
    assert.ok(farthest(short.messages, '4ca002') <= 100 * M_PER_NM && farthest(short.messages, '4ca002') > 100 * M_PER_NM - 500);
  });

  it('hears nothing from an aircraft whose transponder is off', () => {
    const dark: FlightSpec = { ...FLIGHTS[0], id: 'il20', icao: '150abc', transponder: 'off' };
    const d = decodeFrames('beast', run([rx()], [dark, FLIGHTS[1]], 60).bytes.get('rx-dk')!, RX);
    assert.equal(d.messages.filter((m) => m.icao === '150abc').length, 0);
    assert.ok(d.messages.filter((m) => m.icao === FLIGHTS[1].icao).length > 200);
  });

  it('misses and corrupts frames at the configured rates; what decodes is still right', () => {
    const noisy = rx({ noise: true, missedFrameRate: 0.1, bitErrorRate: 1e-3 });
    const r = run([noisy], FLIGHTS, 300);
    const c = r.suite.receivers[0].counters;
    const offered = c.heard + c.missed;
    assert.ok(Math.abs(c.missed / offered - 0.1) < 0.015, `missed ${c.missed / offered}`);
    // ~12% of long frames and ~5% of short ones have a bit error; the mix is about 5:1
    assert.ok(c.corrupted / c.heard > 0.08 && c.corrupted / c.heard < 0.13, `corrupted ${c.corrupted / c.heard}`);
    const d = decodeFrames('beast', r.bytes.get('rx-dk')!, RX);
    assert.ok(d.rejected > 0);
    assert.ok(d.messages.some((m) => m.crc === 'corrected'));
    for (const m of d.messages) {
      if (!isAirbornePosition(m) || m.lat === undefined) continue;
      const s = stateAt(byIcao.get(m.icao)!, m.timeMs);
      assert.ok(horizontalM(m.lat, m.lon!, s.lat, s.lon) < 8);
    }
  });

  it('is deterministic: the same seed gives the same bytes, another seed other bytes', () => {
    const noisy = rx({ noise: true, missedFrameRate: 0.05, bitErrorRate: 1e-4 });
    const a = run([noisy], FLIGHTS, 60, { seed: 7 }).bytes.get('rx-dk')!;
    const b = run([noisy], FLIGHTS, 60, { seed: 7 }).bytes.get('rx-dk')!;
    const c = run([noisy], FLIGHTS, 60, { seed: 8 }).bytes.get('rx-dk')!;
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });
});
