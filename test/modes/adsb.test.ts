// SPDX-License-Identifier: GPL-3.0-or-later
// ADS-B extended squitter decoding against independent references: the worked examples of "The 1090 MHz
// Riddle", pyModeS 2.21's decoding of 200 DF17 messages, physical invariants over a real recording, and
// frames built bit by bit here from the field layouts of DO-260B.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { containmentRadius, decodeExtendedSquitter, nacPEpuM, nucP, nucPHplM } from '../../src/modes/adsb/index.ts';
import { bits, hexToBytes, icaoHex } from '../../src/modes/bits.ts';
import { cprAirborneGlobal, cprAirborneLocal, type LatLon } from '../../src/modes/cpr.ts';
import { crcResidual } from '../../src/modes/crc.ts';
import type { ModeSMessage } from '../../src/modes/message.ts';

const FIX = new URL('../fixtures/modes/', import.meta.url);
const riddle = JSON.parse(readFileSync(new URL('riddle_vectors.json', FIX), 'utf8'));

function decodeBytes(f: Uint8Array): ModeSMessage {
  const msg: ModeSMessage = { timeMs: 0, df: f[0] >> 3, icao: icaoHex(bits(f, 9, 24)), crc: 'ok' };
  decodeExtendedSquitter(f, msg);
  return msg;
}

function decodeHex(hex: string): ModeSMessage {
  const f = hexToBytes(hex);
  assert.ok(f, `hex ${hex}`);
  return decodeBytes(f);
}

/** Builds a 14-byte frame from [first bit (1-based), count, value] triples; bits not named are 0. */
function frame(fields: [number, number, number][]): Uint8Array {
  const f = new Uint8Array(14);
  for (const [first, count, value] of fields) {
    for (let k = 0; k < count; k++) {
      if ((value >>> (count - 1 - k)) & 1) {
        const pos = first - 1 + k;
        f[pos >> 3] |= 0x80 >> (pos & 7);
      }
    }
  }
  return f;
}

/** A DF17 frame with ME fields given as [ME bit (1-based), count, value]. */
function df17(me: [number, number, number][], icao = 0xabcdef): Uint8Array {
  return frame([[1, 5, 17], [6, 3, 5], [9, 24, icao], ...me.map(([b, n, v]) => [b + 32, n, v] as [number, number, number])]);
}

function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = 6371008.8;
  const p1 = (lat1 * Math.PI) / 180;
  const p2 = (lat2 * Math.PI) / 180;
  const dp = p2 - p1;
  const dl = ((lon2 - lon1) * Math.PI) / 180;
  const a = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
}

describe('Riddle worked examples', () => {
  it('identification', () => {
    for (const v of riddle.identification.filter((x: { crc: string }) => x.crc === 'ok')) {
      const m = decodeHex(v.msg);
      assert.equal(m.callsign, v.callsign);
      assert.equal(m.icao, v.icao);
      if (v.tc !== undefined) assert.equal(m.tc, v.tc);
      if (v.category !== undefined) assert.equal(m.category, v.category);
    }
    const m = decodeHex(riddle.identification[0].msg);
    assert.equal(m.categoryCode, 'A0');
    assert.equal(m.service, 'adsb');
  });

  it('airborne position: altitude and CPR fields, pair decodes globally', () => {
    const g = riddle.airborne_position_global;
    const e = decodeHex(g.even.msg);
    const o = decodeHex(g.odd.msg);
    assert.equal(e.altFt, g.expected.altFt);
    assert.equal(e.altSource, 'baro');
    assert.equal(e.cprFormat, 0);
    assert.equal(o.cprFormat, 1);
    assert.equal(e.onGround, false);
    assert.equal(e.lat, undefined, 'the stateless decoder leaves positions to the stream decoder');
    const out: LatLon = { lat: 0, lon: 0 };
    assert.ok(cprAirborneGlobal(e.cprLat!, e.cprLon!, o.cprLat!, o.cprLon!, g.odd.t > g.even.t, out));
    assert.ok(Math.abs(out.lat - g.expected.lat) < 1e-9);
    assert.ok(Math.abs(out.lon - g.expected.lon) < 1e-9);
  });

  it('surface position: movement and ground track', () => {
    const v = riddle.surface_position_local;
    const m = decodeHex(v.msg);
    assert.equal(m.onGround, true);
    assert.equal(m.gsKt, v.expected.gsKt);
    assert.equal(m.trackValid, true);
    assert.equal(m.trackDeg, v.expected.trackDeg);
    assert.equal(m.tc, 7);
  });

  it('velocity subtypes 1 and 3', () => {
    for (const v of riddle.velocity) {
      const m = decodeHex(v.msg);
      assert.equal(m.velSubtype, v.subtype);
      if (v.gsKt !== undefined) assert.ok(Math.abs(m.gsKt! - v.gsKt) < 0.01, `gs ${m.gsKt}`);
      if (v.trackDeg !== undefined) assert.ok(Math.abs(m.trackDeg! - v.trackDeg) < 0.01, `trk ${m.trackDeg}`);
      if (v.tasKt !== undefined) assert.equal(m.tasKt, v.tasKt);
      if (v.headingDeg !== undefined) assert.ok(Math.abs(m.headingDeg! - v.headingDeg) < 0.01);
      assert.equal(m.vrFpm, v.vrFpm);
      if (v.vrSource !== undefined) assert.equal(m.vrSource, v.vrSource);
      if (v.geoMinusBaroFt !== undefined) assert.equal(m.geoMinusBaroFt, v.geoMinusBaroFt);
    }
  });
});

describe('pyModeS 2.21 golden messages', () => {
  const golden = JSON.parse(readFileSync(new URL('golden_v2.json', FIX), 'utf8')) as Record<string, Record<string, unknown>>;
  const df17s = Object.entries(golden).filter(([, v]) => v.df === 17);

  it('has the 200 DF17 messages', () => assert.equal(df17s.length, 200));

  it('every DF17 message matches', () => {
    for (const [hex, ref] of df17s) {
      const f = hexToBytes(hex)!;
      assert.equal(crcResidual(f, 14), 0, hex);
      const m = decodeBytes(f);
      const ctx = `${hex}: ${JSON.stringify(m)}`;
      assert.equal(m.icao, ref.icao, ctx);
      assert.equal(m.tc, ref.typecode, ctx);
      if ('callsign' in ref) assert.equal(m.callsign, (ref.callsign as string).replace(/[_#]/g, ' ').trim(), ctx);
      if ('category' in ref) assert.equal(m.category, ref.category, ctx);
      if ('altitude' in ref) assert.equal(m.altFt, ref.altitude, ctx);
      if ('cpr_format' in ref) assert.equal(m.cprFormat, ref.cpr_format, ctx);
      if ('groundspeed' in ref) assert.equal(Math.floor(m.gsKt!), ref.groundspeed, ctx); // pyModeS 2 truncates
      if ('track' in ref) assert.ok(Math.abs(m.trackDeg! - (ref.track as number)) < 1e-9, ctx);
      if ('vertical_rate' in ref) assert.equal(m.vrFpm, ref.vertical_rate, ctx);
    }
  });
});

describe('recorded flight 406B90 (sample_data_adsb.csv)', () => {
  it('even/odd pairs decode to a physically consistent track', () => {
    const lines = readFileSync(new URL('sample_data_adsb.csv', FIX), 'utf8').trim().split('\n');
    lines.sort((a, b) => Number(a.split(',')[0]) - Number(b.split(',')[0])); // stable: time order
    const last: { t: number; lat: number; lon: number }[] = [
      { t: -1e9, lat: 0, lon: 0 },
      { t: -1e9, lat: 0, lon: 0 },
    ];
    const out: LatLon = { lat: 0, lon: 0 };
    const local: LatLon = { lat: 0, lon: 0 };
    let prev: { t: number; lat: number; lon: number } | undefined;
    let fixes = 0;
    let localChecks = 0;
    let alts = 0;
    for (const line of lines) {
      const [ts, hexQ] = line.split(',');
      const t = Number(ts);
      const m = decodeHex(hexQ.replace(/"/g, ''));
      assert.equal(m.icao, '406b90');
      if (m.tc === 19) {
        assert.ok(m.gsKt! > 50 && m.gsKt! < 700, `gs ${m.gsKt}`);
        assert.ok(Math.abs(m.vrFpm!) < 6000);
      }
      if (m.tc === undefined || m.tc < 9 || m.tc > 18) continue;
      assert.ok(m.altFt! > -1000 && m.altFt! < 50000, `alt ${m.altFt}`);
      alts++;
      const fmt = m.cprFormat!;
      last[fmt] = { t, lat: m.cprLat!, lon: m.cprLon! };
      const other = last[1 - fmt];
      if (t - other.t > 10) continue;
      const even = last[0];
      const odd = last[1];
      if (!cprAirborneGlobal(even.lat, even.lon, odd.lat, odd.lon, fmt === 1, out)) continue;
      fixes++;
      assert.ok(out.lat > 35 && out.lat < 70 && out.lon > -15 && out.lon < 30, `position ${out.lat},${out.lon}`);
      if (prev) {
        const d = haversineM(prev.lat, prev.lon, out.lat, out.lon);
        // Timestamps are whole seconds and messages within a second are not in reception order (two
        // positions stamped alike can be ~2 s apart), so allow two seconds of timing slack.
        const maxM = ((700 * 1852) / 3600) * (t - prev.t + 2);
        assert.ok(d < maxM, `jump of ${d} m in ${t - prev.t} s`);
        assert.ok(cprAirborneLocal(m.cprLat!, m.cprLon!, fmt === 1, prev.lat, prev.lon, local));
        assert.ok(haversineM(local.lat, local.lon, out.lat, out.lon) < 5, 'local and global decoding agree');
        localChecks++;
      }
      prev = { t, lat: out.lat, lon: out.lon };
    }
    assert.ok(fixes > 800, `fixes ${fixes}`);
    assert.ok(localChecks > 800);
    assert.ok(alts > 900);
  });
});

describe('OpenSky java-adsb messages (parity zeroed)', () => {
  it('every message decodes without exception, fields in physical ranges', () => {
    const lines = readFileSync(new URL('opensky_java_adsb_messages.txt', FIX), 'utf8').trim().split('\n');
    assert.equal(lines.length, 15000);
    const seen = new Set<number>();
    for (const line of lines) {
      const m = decodeHex(line.trim());
      const ctx = `${line}: ${JSON.stringify(m)}`;
      if (m.tc !== undefined) seen.add(m.tc);
      if (m.altFt !== undefined) assert.ok(m.altFt >= -1000 && m.altFt <= 130000, ctx);
      if (m.gsKt !== undefined) assert.ok(m.gsKt >= 0 && m.gsKt <= 4 * 1022 * Math.SQRT2, ctx);
      if (m.trackDeg !== undefined) assert.ok(m.trackDeg >= 0 && m.trackDeg < 360, ctx);
      if (m.headingDeg !== undefined) assert.ok(m.headingDeg >= 0 && m.headingDeg < 360, ctx);
      if (m.selHeadingDeg !== undefined) assert.ok(m.selHeadingDeg >= 0 && m.selHeadingDeg < 360, ctx);
      if (m.vrFpm !== undefined) assert.ok(Math.abs(m.vrFpm) <= 64 * 510, ctx);
      if (m.cprLat !== undefined) assert.ok(m.cprLat >= 0 && m.cprLat < 131072 && m.cprLon! < 131072, ctx);
      if (m.callsign !== undefined) assert.match(m.callsign, /^[A-Z0-9][A-Z0-9 ]*$/, ctx);
      if (m.selAltMcpFt !== undefined) assert.ok(m.selAltMcpFt >= 0 && m.selAltMcpFt <= 65472, ctx);
      if (m.baroSettingMb !== undefined) assert.ok(m.baroSettingMb >= 800 && m.baroSettingMb <= 1208.8, ctx);
      if (m.version !== undefined) assert.ok(m.version <= 2, ctx);
      if (m.df === 18) assert.equal(m.cf, 0);
    }
    for (const tc of [4, 2, 6, 11, 19, 28, 29, 31]) assert.ok(seen.has(tc), `type code ${tc} present`);
  });
});

describe('type codes built bit by bit from DO-260B layouts', () => {
  it('GNSS airborne position TC 20: height in metres', () => {
    const m = decodeBytes(df17([[1, 5, 20], [6, 2, 3], [8, 1, 1], [9, 12, 3000], [21, 1, 1], [22, 1, 1], [23, 17, 1234], [40, 17, 99999]]));
    assert.equal(m.altSource, 'gnss');
    assert.equal(m.altM, 3000);
    assert.equal(m.altFt, Math.round(3000 / 0.3048));
    assert.equal(m.surveillanceStatus, 3);
    assert.equal(m.spi, true);
    assert.equal(m.nicB, 1);
    assert.equal(m.timeSync, true);
    assert.equal(m.cprFormat, 1);
    assert.equal(m.cprLat, 1234);
    assert.equal(m.cprLon, 99999);
    assert.equal(m.nic, 11);
    assert.equal(m.rcM, 7.5);
  });

  it('TC 0, 23, 24, 25..27: type code only', () => {
    for (const tc of [0, 23, 24, 25, 26, 27]) {
      const m = decodeBytes(df17([[1, 5, tc], [6, 27, 0x5a5a5a5], [33, 24, 0xa5a5a5]]));
      const keys = Object.keys(m).sort();
      assert.deepEqual(keys, ['crc', 'df', 'icao', 'service', 'tc', 'timeMs'], `tc ${tc}: ${keys}`);
    }
  });

  it('supersonic velocity (subtype 2) multiplies by 4; subtype 4 airspeed too', () => {
    const m = decodeBytes(df17([[1, 5, 19], [6, 3, 2], [14, 1, 1], [15, 10, 301], [25, 1, 0], [26, 10, 1], [36, 1, 1], [37, 1, 0], [38, 9, 11]]));
    assert.equal(m.gsKt, 1200);
    assert.equal(m.trackDeg, 270);
    assert.equal(m.vrFpm, 640);
    assert.equal(m.vrSource, 'baro');
    const a = decodeBytes(df17([[1, 5, 19], [6, 3, 4], [14, 1, 1], [15, 10, 256], [25, 1, 0], [26, 10, 301]]));
    assert.equal(a.iasKt, 1200);
    assert.equal(a.headingDeg, 90);
    assert.equal(a.vrFpm, undefined);
  });

  it('surface movement table (DO-260B 2.2.3.2.4.2)', () => {
    const expect: [number, number | undefined][] = [
      [0, undefined], [1, 0], [2, 0.125], [8, 0.875], [9, 1], [12, 1.75], [13, 2], [38, 14.5], [39, 15],
      [93, 69], [94, 70], [108, 98], [109, 100], [123, 170], [124, 175], [125, undefined], [127, undefined],
    ];
    for (const [code, kt] of expect) {
      const m = decodeBytes(df17([[1, 5, 6], [6, 7, code], [13, 1, 0]]));
      assert.equal(m.gsKt, kt, `movement ${code}`);
      assert.equal(m.trackDeg, undefined);
      assert.equal(m.trackValid, false);
      assert.equal(m.nic, 10);
    }
  });

  it('TC 28 subtype 1: emergency and Mode A code', () => {
    // squawk 7700: A=7 B=7 C=0 D=0 → ID bits C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4 = 0 1 0 1 0 1 0 1 0 1 0 1 0
    const m = decodeBytes(df17([[1, 5, 28], [6, 3, 1], [9, 3, 1], [12, 13, 0b0101010101010]]));
    assert.equal(m.subtype, 1);
    assert.equal(m.emergency, 'general');
    assert.equal(m.squawk, '7700');
    const names = ['none', 'general', 'lifeguard', 'minfuel', 'nocomm', 'unlawful', 'downed', 'reserved'];
    for (let e = 0; e < 8; e++) assert.equal(decodeBytes(df17([[1, 5, 28], [6, 3, 1], [9, 3, e]])).emergency, names[e]);
    assert.equal(decodeBytes(df17([[1, 5, 28], [6, 3, 1]])).squawk, undefined);
  });

  it('TC 28 subtype 2: ACAS RA broadcast with ICAO and with range/bearing/altitude threat', () => {
    const a = decodeBytes(df17([[1, 5, 28], [6, 3, 2], [9, 14, 0b10000000000000 | 0b100], [23, 4, 0b1000], [27, 1, 1], [28, 1, 0], [29, 2, 1], [31, 24, 0x4840d6]]));
    assert.equal(a.ara, 0b10000000000100);
    assert.equal(a.rac, 8);
    assert.equal(a.raTerminated, true);
    assert.equal(a.multipleThreats, false);
    assert.equal(a.threatType, 1);
    assert.equal(a.threatIcao, '4840d6');
    // Threat altitude code Q=1: 13-bit AC with n = 1040 (25 ft steps, -1000) → 25000 ft
    const n = (25000 + 1000) / 25;
    const ac13 = ((n >> 5) << 7) | (((n >> 4) & 1) << 5) | (1 << 4) | (n & 15);
    const b = decodeBytes(df17([[1, 5, 28], [6, 3, 2], [28, 1, 1], [29, 2, 2], [31, 13, ac13], [44, 7, 21], [51, 6, 16]]));
    assert.equal(b.multipleThreats, true);
    assert.equal(b.threatType, 2);
    assert.equal(b.threatAltFt, 25000);
    assert.equal(b.threatRangeNm, 2);
    assert.equal(b.threatBearingDeg, 93, 'TIDB 16: sector 90..96 degrees');
    assert.equal(b.threatIcao, undefined);
  });

  it('TC 29 subtype 1 (version 2 target state and status)', () => {
    const m = decodeBytes(
      df17([
        [1, 5, 29], [6, 2, 1], [8, 1, 1], [9, 1, 0], [10, 11, 1 + 35008 / 32], [21, 9, 1 + 267], [30, 1, 1], [31, 9, 128],
        [40, 4, 10], [44, 1, 1], [45, 2, 3], [47, 1, 1], [48, 1, 1], [49, 1, 0], [50, 1, 1], [52, 1, 0], [53, 1, 1], [54, 1, 1],
      ]),
    );
    assert.equal(m.subtype, 1);
    assert.equal(m.silSupplement, 'sample');
    assert.equal(m.selAltMcpFt, 35008);
    assert.equal(m.selAltFmsFt, undefined);
    assert.equal(m.baroSettingMb, 1013.6);
    assert.equal(m.selHeadingDeg, 90);
    assert.equal(m.nacP, 10);
    assert.equal(m.nicBaro, 1);
    assert.equal(m.sil, 3);
    assert.equal(m.autopilot, true);
    assert.equal(m.vnav, false);
    assert.equal(m.altHold, true);
    assert.equal(m.approach, false);
    assert.equal(m.tcasOperational, true);
    assert.equal(m.lnav, true);
    const fms = decodeBytes(df17([[1, 5, 29], [6, 2, 1], [9, 1, 1], [10, 11, 1 + 10000 / 32 + 0.5 - 0.5]]));
    assert.equal(fms.selAltFmsFt, 9984);
    assert.equal(fms.autopilot, undefined, 'mode bits not valid');
  });

  it('TC 29 subtype 0 (version 1 target state and status)', () => {
    const m = decodeBytes(
      df17([[1, 5, 29], [6, 2, 0], [8, 2, 1], [10, 1, 0], [14, 2, 2], [16, 10, 360], [26, 2, 3], [28, 9, 271], [37, 1, 1], [38, 2, 1], [40, 4, 9], [45, 2, 2], [52, 2, 3], [54, 3, 4]]),
    );
    assert.equal(m.targetAltSource, 'mcp');
    assert.equal(m.targetAltFt, 35000);
    assert.equal(m.targetAltIsFl, true);
    assert.equal(m.verticalMode, 2);
    assert.equal(m.targetHeadingDeg, 271);
    assert.equal(m.targetIsTrack, true);
    assert.equal(m.horizontalMode, 1);
    assert.equal(m.nacP, 9);
    assert.equal(m.sil, 2);
    assert.equal(m.acasRaActive, true);
    assert.equal(m.emergency, 'nocomm');
  });

  it('TC 31 airborne version 2', () => {
    const m = decodeBytes(
      df17([[1, 5, 31], [6, 3, 0], [11, 1, 1], [12, 1, 1], [16, 1, 1], [17, 2, 2], [27, 1, 1], [30, 1, 1], [31, 2, 2], [41, 3, 2], [44, 1, 1], [45, 4, 9], [49, 2, 2], [51, 2, 3], [53, 1, 1], [54, 1, 0], [55, 1, 1]]),
    );
    assert.equal(m.version, 2);
    assert.equal(m.ccAcas, true);
    assert.equal(m.cc1090In, true);
    assert.equal(m.ccTs, true);
    assert.equal(m.ccTc, 2);
    assert.equal(m.acasRaActive, true);
    assert.equal(m.identActive, false);
    assert.equal(m.singleAntenna, true);
    assert.equal(m.sda, 2);
    assert.equal(m.nicA, 1);
    assert.equal(m.nacP, 9);
    assert.equal(m.gva, 2);
    assert.equal(m.sil, 3);
    assert.equal(m.nicBaro, 1);
    assert.equal(m.headingRef, 'true');
    assert.equal(m.silSupplement, 'sample');
  });

  it('TC 31 surface version 2 with length/width and antenna offset', () => {
    const m = decodeBytes(
      df17([[1, 5, 31], [6, 3, 1], [11, 1, 1], [17, 3, 2], [20, 1, 1], [21, 4, 13], [33, 1, 1], [34, 2, 2], [36, 5, 6], [41, 3, 2], [45, 4, 8], [53, 1, 1], [54, 1, 1]]),
    );
    assert.equal(m.subtype, 1);
    assert.equal(m.ccPoa, true);
    assert.equal(m.nacV, 2);
    assert.equal(m.nicC, 1);
    assert.equal(m.lengthWidthCode, 13);
    assert.equal(m.lengthM, 75);
    assert.equal(m.widthM, 80);
    assert.equal(m.gpsLateralOffsetM, 4);
    assert.equal(m.gpsLongitudinalOffsetM, 10);
    assert.equal(m.headingRef, 'magnetic');
    assert.equal(m.surfaceAngle, 'heading');
    assert.equal(m.gva, undefined);
  });

  it('TC 31 versions 0 and 1', () => {
    const v1 = decodeBytes(df17([[1, 5, 31], [6, 3, 0], [11, 1, 1], [12, 1, 1], [41, 3, 1], [44, 1, 1], [55, 1, 1]]));
    assert.equal(v1.version, 1);
    assert.equal(v1.ccAcas, false, 'version 1 sends "not TCAS"');
    assert.equal(v1.ccCdti, true);
    assert.equal(v1.silSupplement, undefined);
    const v0 = decodeBytes(df17([[1, 5, 31], [6, 3, 0], [41, 3, 0]]));
    assert.equal(v0.version, 0);
    assert.equal(v0.nacP, undefined);
  });
});

describe('DF18 control field', () => {
  function df18(cf: number, me: [number, number, number][]): Uint8Array {
    return frame([[1, 5, 18], [6, 3, cf], [9, 24, 0x123456], ...me.map(([b, n, v]) => [b + 32, n, v] as [number, number, number])]);
  }
  const pos: [number, number, number][] = [[1, 5, 11], [8, 1, 1], [9, 12, 0xc38]];

  it('CF0 and CF1 are ADS-B; CF1 has a non-ICAO address', () => {
    const a = decodeBytes(df18(0, pos));
    assert.equal(a.service, 'adsb');
    assert.equal(a.nonIcao, undefined);
    assert.equal(a.nicB, 1);
    const b = decodeBytes(df18(1, pos));
    assert.equal(b.service, 'adsb');
    assert.equal(b.nonIcao, true);
  });

  it('CF2 fine TIS-B and CF6 ADS-R read the IMF bit', () => {
    const t = decodeBytes(df18(2, pos));
    assert.equal(t.service, 'tisb');
    assert.equal(t.imf, 1);
    assert.equal(t.nonIcao, true);
    assert.equal(t.nicB, undefined);
    const r = decodeBytes(df18(6, [[1, 5, 11], [8, 1, 0]]));
    assert.equal(r.service, 'adsr');
    assert.equal(r.imf, 0);
    assert.equal(r.nonIcao, undefined);
    const s = decodeBytes(df18(2, [[1, 5, 6], [21, 1, 1]]));
    assert.equal(s.imf, 1);
    const v = decodeBytes(df18(6, [[1, 5, 19], [6, 3, 1], [9, 1, 1]]));
    assert.equal(v.imf, 1);
  });

  it('CF3 coarse TIS-B, CF5 non-ICAO TIS-B, CF4/CF7 identified only', () => {
    const c = decodeBytes(df18(3, [[1, 1, 1], [2, 4, 5], [6, 12, 0xc38], [18, 1, 1], [19, 5, 8], [24, 6, 30], [30, 1, 1], [31, 12, 2048], [43, 12, 100]]));
    assert.equal(c.service, 'tisb');
    assert.equal(c.cf, 3);
    assert.equal(c.tc, undefined);
    assert.equal(c.nonIcao, true);
    assert.equal(c.svid, 5);
    assert.equal(c.altFt, 38000);
    assert.equal(c.trackDeg, 90);
    assert.equal(c.gsKt, 480);
    assert.equal(c.cprFormat, 1);
    assert.equal(c.cprLat, 2048);
    assert.equal(c.cprLon, 100);
    const f5 = decodeBytes(df18(5, pos));
    assert.equal(f5.service, 'tisb');
    assert.equal(f5.nonIcao, true);
    for (const cf of [4, 7]) {
      const m = decodeBytes(df18(cf, pos));
      assert.equal(m.cf, cf);
      assert.equal(m.tc, undefined);
      assert.equal(m.altFt, undefined);
    }
  });
});

describe('position quality by version', () => {
  const NM = 1852;
  it('NUCp and HPL (DO-260, version 0)', () => {
    assert.equal(nucP(9), 9);
    assert.equal(nucP(18), 0);
    assert.equal(nucP(5), 9);
    assert.equal(nucP(8), 6);
    assert.equal(nucP(20), 9);
    assert.equal(nucP(21), 8);
    assert.equal(nucP(19), -1);
    assert.equal(nucPHplM(9), 7.5);
    assert.equal(nucPHplM(7), 0.1 * NM);
    assert.ok(Number.isNaN(nucPHplM(0)));
    assert.deepEqual(containmentRadius(11, 0), { nic: 8, rcM: 0.1 * NM });
  });

  it('NIC and Rc (DO-260B Table 2-14 and 2-15)', () => {
    const cases: [number, number, number, number, number, number, number][] = [
      // tc, version, A, B, C, nic, rcM
      [9, 2, 0, 0, 0, 11, 7.5],
      [10, 2, 0, 0, 0, 10, 25],
      [11, 2, 1, 1, 0, 9, 75],
      [11, 2, 0, 0, 0, 8, 0.1 * NM],
      [11, 1, 1, 0, 0, 9, 75],
      [12, 2, 0, 0, 0, 7, 0.2 * NM],
      [13, 2, 0, 1, 0, 6, 0.3 * NM],
      [13, 2, 0, 0, 0, 6, 0.5 * NM],
      [13, 2, 1, 1, 0, 6, 0.6 * NM],
      [13, 1, 1, 0, 0, 6, 0.6 * NM],
      [14, 2, 0, 0, 0, 5, 1 * NM],
      [15, 2, 0, 0, 0, 4, 2 * NM],
      [16, 2, 1, 1, 0, 3, 4 * NM],
      [16, 2, 0, 0, 0, 2, 8 * NM],
      [17, 2, 0, 0, 0, 1, 20 * NM],
      [20, 2, 0, 0, 0, 11, 7.5],
      [21, 2, 0, 0, 0, 10, 25],
      [5, 2, 0, 0, 0, 11, 7.5],
      [6, 2, 0, 0, 0, 10, 25],
      [7, 2, 1, 0, 0, 9, 75],
      [7, 2, 0, 0, 0, 8, 0.1 * NM],
      [8, 2, 1, 0, 1, 7, 0.2 * NM],
      [8, 2, 1, 0, 0, 6, 0.3 * NM],
      [8, 2, 0, 0, 1, 6, 0.6 * NM],
    ];
    for (const [tc, ver, a, b, c, nic, rc] of cases) {
      const r = containmentRadius(tc, ver, a, b, c);
      assert.equal(r.nic, nic, `tc ${tc} v${ver} A${a} B${b} C${c}`);
      assert.ok(Math.abs(r.rcM - rc) < 1e-9, `tc ${tc}: ${r.rcM}`);
    }
    for (const tc of [0, 18, 22]) assert.equal(containmentRadius(tc, 2).nic, 0);
    assert.equal(nacPEpuM(11), 3);
    assert.equal(nacPEpuM(8), 0.05 * NM);
  });
});

describe('through decodeModeS (decode.ts)', async () => {
  const { decodeModeS } = await import('../../src/modes/decode.ts');
  const { isReject } = await import('../../src/modes/message.ts');

  it('rejects the corrupted Riddle frame and decodes the good ones', () => {
    const bad = riddle.identification.find((x: { crc: string }) => x.crc === 'bad');
    const fb = hexToBytes(bad.msg)!;
    const r = decodeModeS(fb, 0, 14, 0, { correctExtendedSquitter: false });
    assert.ok(isReject(r));
    assert.equal(r.reject, 'crc');
    const good = riddle.identification[0];
    const m = decodeModeS(hexToBytes(good.msg)!, 0, 14, 1000);
    assert.ok(!isReject(m));
    assert.equal(m.callsign, good.callsign);
    assert.equal(m.tc, good.tc);
    assert.equal(m.service, 'adsb');
    const v = decodeModeS(hexToBytes(riddle.velocity[0].msg)!, 0, 14, 0);
    assert.ok(!isReject(v));
    assert.equal(v.vrFpm, riddle.velocity[0].vrFpm);
  });
});
