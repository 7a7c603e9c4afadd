// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX records as Reports: CAT048 radar plots (polar, converted with the radar's position), CAT021 ADS-B
// reports, CAT062 system tracks; CAT034 service messages update the radar's status instead.
// Records from sensors the registry does not know are counted and dropped: a Report must name its party.

import { type Enu, type Geodetic, radarPolarToEnu } from '../core/geodesy.ts';
import { M_PER_FT, M_PER_NM, MPS_PER_FPM } from '../core/units.ts';
import type { AsterixRecord } from '../asterix/record.ts';
import { icaoHex } from '../modes/bits.ts';
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

const enu: Enu = { eastM: 0, northM: 0, upM: 0 };
const geo: Geodetic = { latDeg: 0, lonDeg: 0, hM: 0 };

function num(r: AsterixRecord, path: string): number | undefined {
  const v = r.value(path);
  return typeof v === 'number' ? v : undefined;
}

function text(r: AsterixRecord, path: string): string | undefined {
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

function timeMs(r: AsterixRecord, path: string, referenceMs: number, sensor: Sensor): number | undefined {
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
  const kind = KIND_BY_TYP[r.bits('020/TYP') ?? 0];
  if (kind === undefined) return counters.drop('no-detection');
  const t = timeMs(r, '140', referenceMs, sensor);
  if (t === undefined) return counters.drop('no-time');
  const rhoNm = num(r, '040/RHO');
  const thetaDeg = num(r, '040/THETA');
  if (rhoNm === undefined || thetaDeg === undefined) return counters.drop('no-position');
  const rangeM = rhoNm * M_PER_NM - sensor.rangeBiasM;
  const azimuthDeg = (((thetaDeg - sensor.azimuthBiasDeg) % 360) + 360) % 360;
  const fl = r.has('090') && r.bits('090/V') === 0 && r.bits('090/G') === 0 ? num(r, '090/FL') : undefined;
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
  if (r.bits('020/SPI') === 1) report.spi = true;
  if (r.has('070') && r.bits('070/V') === 0 && r.bits('070/G') === 0) report.squawk = text(r, '070/MODE3A');
  if (r.has('220')) report.icao = icaoHex(r.bits('220') ?? 0);
  const cs = callsign(text(r, '240'));
  if (cs !== undefined) report.callsign = cs;
  if (r.has('161')) report.sensorTrackNumber = r.bits('161/TRN');
  const gsp = num(r, '200/GSP');
  const hdg = num(r, '200/HDG');
  if (gsp !== undefined && hdg !== undefined) {
    report.gsMps = gsp * M_PER_NM;
    report.trackDeg = hdg;
  }
  if (report.squawk === '7500') report.emergency = 'unlawful';
  else if (report.squawk === '7600') report.emergency = 'nocomm';
  else if (report.squawk === '7700') report.emergency = 'general';
  counters.reports++;
  return report;
}

/** CAT021 ADS-B target report → Report (position from I021/131 high resolution, else I021/130). */
export function reportFromCat021(r: AsterixRecord, sensor: Sensor, referenceMs: number, counters: AdapterCounters): Report | undefined {
  const hiRes = r.has('131');
  const lat = num(r, hiRes ? '131/LAT' : '130/LAT');
  const lon = num(r, hiRes ? '131/LON' : '130/LON');
  if (lat === undefined || lon === undefined) return counters.drop('no-position');
  const timePath = r.has('071') ? '071' : r.has('073') ? '073' : r.has('077') ? '077' : undefined;
  const t = timePath === undefined ? undefined : timeMs(r, timePath, referenceMs, sensor);
  if (t === undefined) return counters.drop('no-time');
  const report: Report = { timeMs: t, sensorId: sensor.id, partyId: sensor.party, kind: 'adsb', lat, lon };
  setAltitude(report, num(r, '145'), num(r, '140'));
  if (r.has('080')) report.icao = icaoHex(r.bits('080') ?? 0);
  const cs = callsign(text(r, '170'));
  if (cs !== undefined) report.callsign = cs;
  if (r.has('070')) report.squawk = text(r, '070/MODE3A');
  const gs = num(r, '160/GS');
  const ta = num(r, '160/TA');
  if (gs !== undefined && ta !== undefined) {
    report.gsMps = gs * M_PER_NM;
    report.trackDeg = ta;
  }
  const vr = num(r, '155/BVR') ?? num(r, '157/GVR');
  if (vr !== undefined) report.vrMps = vr * MPS_PER_FPM;
  if (r.has('040')) report.onGround = r.bits('040/GBS') === 1;
  if (r.has('161')) report.sensorTrackNumber = r.bits('161/TRNUM');
  if (r.has('200')) {
    const e = EMERGENCY_BY_PS[r.bits('200/PS') ?? 0];
    if (e !== 'none') report.emergency = e;
  }
  const nacP = r.bits('090/NACP');
  if (nacP !== undefined) report.nacP = nacP;
  const sil = r.bits('090/SIL');
  if (sil !== undefined) report.sil = sil;
  const epuM = nacP !== undefined ? nacPEpuM(nacP) : Number.NaN;
  report.posSigmaM = (Number.isFinite(epuM) ? epuM : 92.6) * SIGMA_PER_R95;
  counters.reports++;
  return report;
}

/** CAT062 system track → Report of kind 'track' (WGS84 position I062/105 required). */
export function reportFromCat062(r: AsterixRecord, sensor: Sensor, referenceMs: number, counters: AdapterCounters): Report | undefined {
  const lat = num(r, '105/LAT');
  const lon = num(r, '105/LON');
  if (lat === undefined || lon === undefined) return counters.drop('no-position');
  const t = timeMs(r, '070', referenceMs, sensor);
  if (t === undefined) return counters.drop('no-time');
  const report: Report = { timeMs: t, sensorId: sensor.id, partyId: sensor.party, kind: 'track', lat, lon };
  if (r.has('040')) report.sensorTrackNumber = r.bits('040');
  setAltitude(report, num(r, '136'), num(r, '130'));
  const vx = num(r, '185/VX');
  const vy = num(r, '185/VY');
  if (vx !== undefined && vy !== undefined) {
    report.gsMps = Math.hypot(vx, vy);
    report.trackDeg = (((Math.atan2(vx, vy) * 180) / Math.PI) % 360 + 360) % 360;
  }
  const vr = num(r, '220');
  if (vr !== undefined) report.vrMps = vr * MPS_PER_FPM;
  if (r.has('060')) report.squawk = text(r, '060/MODE3A');
  if (r.has('380') && r.raw('380/ADR') !== undefined) report.icao = icaoHex(r.bits('380/ADR') ?? 0);
  const cs = callsign(text(r, '245/CHR')) ?? callsign(text(r, '380/ID'));
  if (cs !== undefined) report.callsign = cs;
  if (r.bits('080/SPI') === 1) report.spi = true;
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
  const type = r.bits('000');
  const t = timeMs(r, '030', referenceMs, sensor);
  if (type === 1 && t !== undefined) {
    if (Number.isFinite(status.lastNorthMarkerMs) && t > status.lastNorthMarkerMs) {
      status.rotationPeriodS = (t - status.lastNorthMarkerMs) / 1000;
    }
    status.lastNorthMarkerMs = t;
    status.northMarkers++;
  } else if (type === 2) status.sectorCrossings++;
  const stated = num(r, '041');
  if (stated !== undefined && stated > 0) status.rotationPeriodS = stated;
  if (r.has('050') && r.raw('050/COM/NOGO') !== undefined) status.operational = r.bits('050/COM/NOGO') === 0;
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
