// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX records as Reports: CAT048 radar plots (polar, converted with the radar's position), CAT021 ADS-B
// reports, CAT062 system tracks; CAT034 service messages update the radar's status instead.
// Records from sensors the registry does not know are counted and dropped: a Report must name its party.

import { type Enu, type Geodetic, radarPolarToEnu } from '../core/geodesy.ts';
import { M_PER_FT, M_PER_NM, MPS_PER_FPM } from '../core/units.ts';
import { AsterixField, type AsterixRecord } from '../asterix/record.ts';
import { icaoHex } from '../modes/bits.ts';
import { squawkEmergency } from '../modes/identity.ts';
import type { Emergency } from '../modes/message.ts';
import { nacPEpuM } from '../modes/adsb/accuracy.ts';
import { type Report, type ReportKind, SIGMA_PER_R95 } from './report.ts';
import type { Sensor, SensorRegistry } from './sensors.ts';
import { resolveTimeOfDay } from './time-of-day.ts';

export type AdapterDrop = 'unknown-sensor' | 'no-detection' | 'no-position' | 'no-time' | 'bad-geometry';

/** Counts of records that gave no Report, by reason. */
export class AdapterCounters {
  readonly dropped = new Map<AdapterDrop, number>();
  reports = 0;
  serviceMessages = 0;

  drop(reason: AdapterDrop): undefined {
    this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1);
    return undefined;
  }
}

/** I048/020 TYP → report kind (0 = no detection). */
const KIND_BY_TYP: readonly (ReportKind | undefined)[] = [undefined, 'psr', 'ssr', 'combined', 'modes', 'modes', 'combined', 'combined'];

/** DO-260B emergency/priority codes (ASTERIX I021/200 PS). */
const EMERGENCY_BY_PS: readonly Emergency[] = ['none', 'general', 'lifeguard', 'minfuel', 'nocomm', 'unlawful', 'downed', 'reserved'];

/** Compiled field handles for CAT048 (a handle caches its layout per category edition). */
const F48 = {
  I020_TYP: new AsterixField('020/TYP'),
  I020_SPI: new AsterixField('020/SPI'),
  I140: new AsterixField('140'),
  I040_RHO: new AsterixField('040/RHO'),
  I040_THETA: new AsterixField('040/THETA'),
  I090_V: new AsterixField('090/V'),
  I090_G: new AsterixField('090/G'),
  I090_FL: new AsterixField('090/FL'),
  I070_V: new AsterixField('070/V'),
  I070_G: new AsterixField('070/G'),
  I070_MODE3A: new AsterixField('070/MODE3A'),
  I220: new AsterixField('220'),
  I240: new AsterixField('240'),
  I161_TRN: new AsterixField('161/TRN'),
  I200_GSP: new AsterixField('200/GSP'),
  I200_HDG: new AsterixField('200/HDG'),
};

/** Compiled field handles for CAT021 (a handle caches its layout per category edition). */
const F21 = {
  I131_LAT: new AsterixField('131/LAT'),
  I131_LON: new AsterixField('131/LON'),
  I130_LAT: new AsterixField('130/LAT'),
  I130_LON: new AsterixField('130/LON'),
  I071: new AsterixField('071'),
  I073: new AsterixField('073'),
  I077: new AsterixField('077'),
  I145: new AsterixField('145'),
  I140: new AsterixField('140'),
  I080: new AsterixField('080'),
  I170: new AsterixField('170'),
  I070_MODE3A: new AsterixField('070/MODE3A'),
  I160_GS: new AsterixField('160/GS'),
  I160_TA: new AsterixField('160/TA'),
  I155_BVR: new AsterixField('155/BVR'),
  I157_GVR: new AsterixField('157/GVR'),
  I040_GBS: new AsterixField('040/GBS'),
  I161_TRNUM: new AsterixField('161/TRNUM'),
  I200_PS: new AsterixField('200/PS'),
  I090_NACP: new AsterixField('090/NACP'),
  I090_SIL: new AsterixField('090/SIL'),
};

/** Compiled field handles for CAT062 (a handle caches its layout per category edition). */
const F62 = {
  I105_LAT: new AsterixField('105/LAT'),
  I105_LON: new AsterixField('105/LON'),
  I070: new AsterixField('070'),
  I040: new AsterixField('040'),
  I136: new AsterixField('136'),
  I130: new AsterixField('130'),
  I185_VX: new AsterixField('185/VX'),
  I185_VY: new AsterixField('185/VY'),
  I220: new AsterixField('220'),
  I060_MODE3A: new AsterixField('060/MODE3A'),
  I380_ADR: new AsterixField('380/ADR'),
  I245_CHR: new AsterixField('245/CHR'),
  I380_ID: new AsterixField('380/ID'),
  I080_SPI: new AsterixField('080/SPI'),
};

/** Compiled field handles for CAT034 (a handle caches its layout per category edition). */
const F34 = {
  I000: new AsterixField('000'),
  I030: new AsterixField('030'),
  I041: new AsterixField('041'),
  I050_COM_NOGO: new AsterixField('050/COM/NOGO'),
};

const enu: Enu = { eastM: 0, northM: 0, upM: 0 };
const geo: Geodetic = { latDeg: 0, lonDeg: 0, hM: 0 };

function num(r: AsterixRecord, path: AsterixField): number | undefined {
  const v = r.value(path);
  return typeof v === 'number' ? v : undefined;
}

function text(r: AsterixRecord, path: AsterixField): string | undefined {
  const v = r.value(path);
  return typeof v === 'string' ? v : undefined;
}

/** A callsign as DESIGN wants it: trimmed, without the padding of 6-bit coding ('@', '_' or spaces). */
function callsign(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let end = raw.length;
  while (end > 0) {
    const c = raw.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x40 && c !== 0x5f) break;
    end--;
  }
  let start = 0;
  while (start < end && raw.charCodeAt(start) === 0x20) start++;
  return start === end ? undefined : raw.slice(start, end);
}

/** Barometric altitude from a flight level when there is one, else the geometric height (ft). */
function setAltitude(report: Report, flightLevel: number | undefined, geometricFt: number | undefined): void {
  if (flightLevel !== undefined) {
    report.altM = flightLevel * 100 * M_PER_FT;
    report.altSource = 'baro';
  } else if (geometricFt !== undefined) {
    report.altM = geometricFt * M_PER_FT;
    report.altSource = 'gnss';
  }
}

function timeMs(r: AsterixRecord, path: AsterixField, referenceMs: number, sensor: Sensor): number | undefined {
  const tod = num(r, path);
  if (tod === undefined || !Number.isFinite(referenceMs)) return undefined;
  return resolveTimeOfDay(tod, referenceMs) + sensor.timeBiasMs;
}

/**
 * CAT048 target report → Report. The slant range and azimuth are corrected for the radar's known biases and
 * converted with its position; the target's height is its flight level (pressure altitude, the best height
 * a radar has) or, for primary-only plots, the height the sensor configuration assumes.
 */
export function reportFromCat048(r: AsterixRecord, sensor: Sensor, referenceMs: number, counters: AdapterCounters): Report | undefined {
  const kind = KIND_BY_TYP[r.bits(F48.I020_TYP) ?? 0];
  if (kind === undefined) return counters.drop('no-detection');
  const t = timeMs(r, F48.I140, referenceMs, sensor);
  if (t === undefined) return counters.drop('no-time');
  const rhoNm = num(r, F48.I040_RHO);
  const thetaDeg = num(r, F48.I040_THETA);
  if (rhoNm === undefined || thetaDeg === undefined) return counters.drop('no-position');
  const rangeM = rhoNm * M_PER_NM - sensor.rangeBiasM;
  const azimuthDeg = (((thetaDeg - sensor.azimuthBiasDeg) % 360) + 360) % 360;
  const fl = r.has('090') && r.bits(F48.I090_V) === 0 && r.bits(F48.I090_G) === 0 ? num(r, F48.I090_FL) : undefined;
  const altM = fl === undefined ? undefined : fl * 100 * M_PER_FT;
  const heightM = altM ?? sensor.psrAssumedHeightM;
  if (!radarPolarToEnu(rangeM, azimuthDeg, sensor.position, heightM, enu)) return counters.drop('bad-geometry');
  sensor.frame.toGeodetic(enu.eastM, enu.northM, enu.upM, geo);
  const crossRangeM = rangeM * ((sensor.azimuthSigmaDeg * Math.PI) / 180);
  const report: Report = {
    timeMs: t,
    sensorId: sensor.id,
    partyId: sensor.party,
    kind,
    lat: geo.latDeg,
    lon: geo.lonDeg,
    rangeM,
    azimuthDeg,
    posSigmaM: Math.sqrt((sensor.rangeSigmaM ** 2 + crossRangeM ** 2) / 2),
  };
  if (altM !== undefined) {
    report.altM = altM;
    report.altSource = 'baro';
  }
  if (r.bits(F48.I020_SPI) === 1) report.spi = true;
  if (r.has('070') && r.bits(F48.I070_V) === 0 && r.bits(F48.I070_G) === 0) {
    const squawk = text(r, F48.I070_MODE3A);
    if (squawk !== undefined) {
      report.squawk = squawk;
      const emergency = squawkEmergency(squawk);
      if (emergency !== undefined) report.emergency = emergency;
    }
  }
  if (r.has('220')) report.icao = icaoHex(r.bits(F48.I220) ?? 0);
  const cs = callsign(text(r, F48.I240));
  if (cs !== undefined) report.callsign = cs;
  if (r.has('161')) report.sensorTrackNumber = r.bits(F48.I161_TRN);
  const gsp = num(r, F48.I200_GSP);
  const hdg = num(r, F48.I200_HDG);
  if (gsp !== undefined && hdg !== undefined) {
    report.gsMps = gsp * M_PER_NM;
    report.trackDeg = hdg;
  }
  counters.reports++;
  return report;
}

/** CAT021 ADS-B target report → Report (position from I021/131 high resolution, else I021/130). */
export function reportFromCat021(r: AsterixRecord, sensor: Sensor, referenceMs: number, counters: AdapterCounters): Report | undefined {
  const hiRes = r.has('131');
  const lat = num(r, hiRes ? F21.I131_LAT : F21.I130_LAT);
  const lon = num(r, hiRes ? F21.I131_LON : F21.I130_LON);
  if (lat === undefined || lon === undefined) return counters.drop('no-position');
  const timePath = r.has('071') ? F21.I071 : r.has('073') ? F21.I073 : r.has('077') ? F21.I077 : undefined;
  const t = timePath === undefined ? undefined : timeMs(r, timePath, referenceMs, sensor);
  if (t === undefined) return counters.drop('no-time');
  const report: Report = { timeMs: t, sensorId: sensor.id, partyId: sensor.party, kind: 'adsb', lat, lon };
  setAltitude(report, num(r, F21.I145), num(r, F21.I140));
  if (r.has('080')) report.icao = icaoHex(r.bits(F21.I080) ?? 0);
  const cs = callsign(text(r, F21.I170));
  if (cs !== undefined) report.callsign = cs;
  if (r.has('070')) report.squawk = text(r, F21.I070_MODE3A);
  const gs = num(r, F21.I160_GS);
  const ta = num(r, F21.I160_TA);
  if (gs !== undefined && ta !== undefined) {
    report.gsMps = gs * M_PER_NM;
    report.trackDeg = ta;
  }
  const vr = num(r, F21.I155_BVR) ?? num(r, F21.I157_GVR);
  if (vr !== undefined) report.vrMps = vr * MPS_PER_FPM;
  if (r.has('040')) report.onGround = r.bits(F21.I040_GBS) === 1;
  if (r.has('161')) report.sensorTrackNumber = r.bits(F21.I161_TRNUM);
  if (r.has('200')) {
    const e = EMERGENCY_BY_PS[r.bits(F21.I200_PS) ?? 0];
    if (e !== 'none') report.emergency = e;
  }
  const nacP = r.bits(F21.I090_NACP);
  if (nacP !== undefined) report.nacP = nacP;
  const sil = r.bits(F21.I090_SIL);
  if (sil !== undefined) report.sil = sil;
  const epuM = nacP !== undefined ? nacPEpuM(nacP) : Number.NaN;
  report.posSigmaM = (Number.isFinite(epuM) ? epuM : 92.6) * SIGMA_PER_R95;
  counters.reports++;
  return report;
}

/** CAT062 system track → Report of kind 'track' (WGS84 position I062/105 required). */
export function reportFromCat062(r: AsterixRecord, sensor: Sensor, referenceMs: number, counters: AdapterCounters): Report | undefined {
  const lat = num(r, F62.I105_LAT);
  const lon = num(r, F62.I105_LON);
  if (lat === undefined || lon === undefined) return counters.drop('no-position');
  const t = timeMs(r, F62.I070, referenceMs, sensor);
  if (t === undefined) return counters.drop('no-time');
  const report: Report = { timeMs: t, sensorId: sensor.id, partyId: sensor.party, kind: 'track', lat, lon };
  if (r.has('040')) report.sensorTrackNumber = r.bits(F62.I040);
  setAltitude(report, num(r, F62.I136), num(r, F62.I130));
  const vx = num(r, F62.I185_VX);
  const vy = num(r, F62.I185_VY);
  if (vx !== undefined && vy !== undefined) {
    report.gsMps = Math.hypot(vx, vy);
    report.trackDeg = (((Math.atan2(vx, vy) * 180) / Math.PI) % 360 + 360) % 360;
  }
  const vr = num(r, F62.I220);
  if (vr !== undefined) report.vrMps = vr * MPS_PER_FPM;
  if (r.has('060')) report.squawk = text(r, F62.I060_MODE3A);
  if (r.has('380') && r.raw(F62.I380_ADR) !== undefined) report.icao = icaoHex(r.bits(F62.I380_ADR) ?? 0);
  const cs = callsign(text(r, F62.I245_CHR)) ?? callsign(text(r, F62.I380_ID));
  if (cs !== undefined) report.callsign = cs;
  if (r.bits(F62.I080_SPI) === 1) report.spi = true;
  counters.reports++;
  return report;
}

/**
 * CAT034 service message → the radar's status: north markers give the rotation period (measured between
 * consecutive markers, or as I034/041 states it), sector crossings are counted, I034/050 NOGO marks the radar
 * not operational.
 */
export function applyCat034(r: AsterixRecord, sensor: Sensor, referenceMs: number, counters: AdapterCounters): void {
  counters.serviceMessages++;
  const status = sensor.status;
  const type = r.bits(F34.I000);
  const t = timeMs(r, F34.I030, referenceMs, sensor);
  if (type === 1 && t !== undefined) {
    if (Number.isFinite(status.lastNorthMarkerMs) && t > status.lastNorthMarkerMs) {
      status.rotationPeriodS = (t - status.lastNorthMarkerMs) / 1000;
    }
    status.lastNorthMarkerMs = t;
    status.northMarkers++;
  } else if (type === 2) status.sectorCrossings++;
  const stated = num(r, F34.I041);
  if (stated !== undefined && stated > 0) status.rotationPeriodS = stated;
  if (r.has('050') && r.raw(F34.I050_COM_NOGO) !== undefined) status.operational = r.bits(F34.I050_COM_NOGO) === 0;
}

/** Every record of a data block → Reports (CAT034 updates the registry instead). */
export function reportsFromRecords(
  records: readonly AsterixRecord[],
  registry: SensorRegistry,
  referenceMs: number,
  counters: AdapterCounters,
  out: Report[] = [],
): Report[] {
  for (const r of records) {
    const sensor = registry.bySource(r.sac, r.sic);
    if (sensor === undefined) {
      counters.drop('unknown-sensor');
      continue;
    }
    let report: Report | undefined;
    switch (r.cat) {
      case 48:
        report = reportFromCat048(r, sensor, referenceMs, counters);
        break;
      case 21:
        report = reportFromCat021(r, sensor, referenceMs, counters);
        break;
      case 62:
        report = reportFromCat062(r, sensor, referenceMs, counters);
        break;
      case 34:
        applyCat034(r, sensor, referenceMs, counters);
        break;
      default:
        break;
    }
    if (report !== undefined) out.push(report);
  }
  return out;
}
