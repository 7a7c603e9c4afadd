// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX records as Reports: CAT048 radar plots (polar, converted with the radar's position), CAT021 ADS-B
// reports, CAT062 system tracks; CAT034 service messages update the radar's status instead.
// Records from sensors the registry does not know are counted and dropped: a Report must name its party.

import { ecefToLatLon, gaussianRadiusM, geodeticToEcef } from '../core/geodesy.ts';
import { M_PER_FT, M_PER_NM, MPS_PER_FPM } from '../core/units.ts';
import type { AsterixCodec } from '../asterix/codec.ts';
import type { BlockErrorReason } from '../asterix/decode.ts';
import type { CompiledCategory } from '../asterix/plan.ts';
import { AsterixField, type AsterixRecord } from '../asterix/record.ts';
import { RecordScanner, type ScanField } from '../asterix/scan.ts';
import { icaoString48, octal4 } from '../asterix/values.ts';
import { icaoHex } from '../modes/bits.ts';
import { squawkEmergency } from '../modes/identity.ts';
import type { Emergency } from '../modes/message.ts';
import { nacPEpuM } from '../modes/adsb/accuracy.ts';
import { newReport, type Report, type ReportKind, SIGMA_PER_R95 } from './report.ts';
import type { Sensor, SensorRegistry } from './sensors.ts';
import { resolveTimeOfDay, resolveTimeOfDayIn } from './time-of-day.ts';

export type AdapterDrop = 'unknown-sensor' | 'no-detection' | 'no-position' | 'no-time' | 'bad-geometry';

/** Counts of records that gave no Report, by reason (and, from reportsFromDatagram, of rejected data blocks). */
export class AdapterCounters {
  readonly dropped = new Map<AdapterDrop, number>();
  readonly blockErrors = new Map<BlockErrorReason, number>();
  reports = 0;
  serviceMessages = 0;

  drop(reason: AdapterDrop): undefined {
    this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1);
    return undefined;
  }

  blockError(reason: BlockErrorReason): void {
    this.blockErrors.set(reason, (this.blockErrors.get(reason) ?? 0) + 1);
  }
}

/** I048/020 TYP → report kind (0 = no detection). */
const KIND_BY_TYP: readonly (ReportKind | undefined)[] = [undefined, 'psr', 'ssr', 'combined', 'modes', 'modes', 'combined', 'combined'];

/** DO-260B emergency/priority codes (ASTERIX I021/200 PS). */
const EMERGENCY_BY_PS: readonly Emergency[] = ['none', 'general', 'lifeguard', 'minfuel', 'nocomm', 'unlawful', 'downed', 'reserved'];

/**
 * The CAT048 fields a Report is made from, in the order of a plot row: raw bits or values in the spec's units
 * (s, NM, °, FL, NM/s), NaN when absent. Both ways of reading a record (the scanner over a whole block, and
 * AsterixRecord) fill such rows, and one function makes the Report from a row.
 */
const CAT048_FIELDS: readonly ScanField[] = [
  { path: '010/SAC', as: 'bits' },
  { path: '010/SIC', as: 'bits' },
  { path: '020/TYP', as: 'bits' },
  { path: '020/SPI', as: 'bits' },
  { path: '140', as: 'value' },
  { path: '040/RHO', as: 'value' },
  { path: '040/THETA', as: 'value' },
  { path: '090/V', as: 'bits' },
  { path: '090/G', as: 'bits' },
  { path: '090/FL', as: 'value' },
  { path: '070/V', as: 'bits' },
  { path: '070/G', as: 'bits' },
  { path: '070/MODE3A', as: 'bits' },
  { path: '220', as: 'bits' },
  { path: '240', as: 'bits' },
  { path: '161/TRN', as: 'bits' },
  { path: '200/GSP', as: 'value' },
  { path: '200/HDG', as: 'value' },
];
const P_SAC = 0;
const P_SIC = 1;
const P_TYP = 2;
const P_SPI = 3;
const P_TOD = 4;
const P_RHO = 5;
const P_THETA = 6;
const P_FL_V = 7;
const P_FL_G = 8;
const P_FL = 9;
const P_M3A_V = 10;
const P_M3A_G = 11;
const P_M3A = 12;
const P_ADDR = 13;
const P_CS = 14;
const P_TRN = 15;
const P_GSP = 16;
const P_HDG = 17;
const P_COUNT = CAT048_FIELDS.length;

/** Compiled field handles for the CAT048 plot row (a handle caches its layout per category edition). */
const F48 = CAT048_FIELDS.map((f) => new AsterixField(f.path));

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

const CS_SLOTS = 1024;
const csKeys = new Float64Array(CS_SLOTS).fill(-1);
const csTrimmed: (string | undefined)[] = new Array(CS_SLOTS).fill(undefined);

/** callsign() of a 48-bit ICAO-coded field: the trimmed strings are cached, as callsigns repeat scan after scan. */
function callsign48(bits: number): string | undefined {
  const hi = Math.floor(bits / 16777216);
  const lo = bits - hi * 16777216;
  const slot = (hi ^ (hi >>> 10) ^ lo ^ (lo >>> 10)) & (CS_SLOTS - 1);
  if (csKeys[slot] === bits) return csTrimmed[slot];
  const cs = callsign(icaoString48(hi, lo));
  csKeys[slot] = bits;
  csTrimmed[slot] = cs;
  return cs;
}

/**
 * The identity strings of the aircraft lately seen, by Mode S address (a direct-mapped cache: a newcomer takes
 * the slot over): its address as hex, and its last Mode 3/A code and callsign (raw, and as text). A plot of a
 * known aircraft with the same codes as before then costs one slot instead of three string caches.
 */
const ID_SLOTS = 4096;
/** Per slot, side by side: address, Mode 3/A code and callsign bits (-1: none yet), and a pad. */
const idRaw = new Float64Array(ID_SLOTS * 4).fill(-1);
/** Per slot: the address as hex, the code as text, the trimmed callsign. */
const idText: (string | undefined)[] = new Array<string | undefined>(ID_SLOTS * 3).fill(undefined);

function identitySlot(addr: number): number {
  const a = addr | 0;
  return (a ^ (a >>> 12)) & (ID_SLOTS - 1);
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

const RAD = Math.PI / 180;

/**
 * A radar's constants for placing its plots, worked out once per sensor: its ENU frame (ECEF origin and the
 * rotation's sines and cosines, as EnuFrame has them), the local earth radius and the accuracy terms.
 */
class RadarGeometry {
  readonly ox: number;
  readonly oy: number;
  readonly oz: number;
  /** Rows of the ENU → ECEF rotation. */
  readonly xe: number;
  readonly xn: number;
  readonly xu: number;
  readonly ye: number;
  readonly yn: number;
  readonly yu: number;
  readonly zn: number;
  readonly zu: number;
  /** Gaussian earth radius at the radar, and that plus the antenna height (m). */
  readonly earthM: number;
  readonly antennaM: number;
  readonly rangeVar: number;
  readonly azSigmaRad: number;

  constructor(sensor: Sensor) {
    const p = sensor.position;
    const o = geodeticToEcef(p.latDeg, p.lonDeg, p.hM);
    this.ox = o.x;
    this.oy = o.y;
    this.oz = o.z;
    const sinLat = Math.sin(p.latDeg * RAD);
    const cosLat = Math.cos(p.latDeg * RAD);
    const sinLon = Math.sin(p.lonDeg * RAD);
    const cosLon = Math.cos(p.lonDeg * RAD);
    this.xe = -sinLon;
    this.xn = -sinLat * cosLon;
    this.xu = cosLat * cosLon;
    this.ye = cosLon;
    this.yn = -sinLat * sinLon;
    this.yu = cosLat * sinLon;
    this.zn = cosLat;
    this.zu = sinLat;
    this.earthM = gaussianRadiusM(p.latDeg);
    this.antennaM = this.earthM + p.hM;
    this.rangeVar = sensor.rangeSigmaM * sensor.rangeSigmaM;
    this.azSigmaRad = (sensor.azimuthSigmaDeg * Math.PI) / 180;
  }
}

const geometries = new WeakMap<Sensor, RadarGeometry>();
let lastSensor: Sensor | null = null;
let lastGeometry: RadarGeometry | null = null;

function geometryOf(sensor: Sensor): RadarGeometry {
  if (sensor === lastSensor) return lastGeometry as RadarGeometry;
  let g = geometries.get(sensor);
  if (g === undefined) {
    g = new RadarGeometry(sensor);
    geometries.set(sensor, g);
  }
  lastSensor = sensor;
  lastGeometry = g;
  return g;
}

const AZ_STEPS = 65536;
const AZ_STEPS_PER_DEG = AZ_STEPS / 360;
/** Per azimuth step: the azimuth held, its sine and cosine (and a pad): one 32-byte entry, one cache line. */
const azTable = new Float64Array(AZ_STEPS * 4).fill(Number.NaN);

/** Where radarPlotPosition puts its result. */
const plotLatLon = new Float64Array(2);

/**
 * A plot's WGS84 latitude and longitude (into plotLatLon) from slant range, azimuth and target height: the
 * elevation on the local osculating sphere (as core/geodesy radarPolarToEnu), the ENU point rotated into
 * ECEF with the radar's constants, then to latitude and longitude (core/geodesy ecefToLatLon). The
 * elevation's sine and cosine come from the sphere's geometry directly, without asin. False when the heights
 * do not fit the range.
 */
function radarPlotPosition(g: RadarGeometry, slantRangeM: number, azimuthDeg: number, targetHeightM: number): boolean {
  const rt = g.earthM + targetHeightM;
  const rr = g.antennaM;
  const sinEl = (rt * rt - rr * rr - slantRangeM * slantRangeM) / (2 * rr * slantRangeM);
  if (!(sinEl >= -1 && sinEl <= 1)) return false;
  const horizontal = slantRangeM * Math.sqrt(1 - sinEl * sinEl);
  // The azimuth's sine and cosine: remembered per azimuth code (plots come in 2^16 azimuth steps), each
  // entry keyed by the exact azimuth it holds, so a hit gives the very numbers Math.sin and Math.cos would.
  let k = azimuthDeg * AZ_STEPS_PER_DEG;
  k = (k >= 0 && k < AZ_STEPS ? k | 0 : 0) << 2;
  if (azTable[k] !== azimuthDeg) {
    const az = azimuthDeg * RAD;
    azTable[k] = azimuthDeg;
    azTable[k + 1] = Math.sin(az);
    azTable[k + 2] = Math.cos(az);
  }
  const e = horizontal * azTable[k + 1];
  const n = horizontal * azTable[k + 2];
  const u = slantRangeM * sinEl;
  const x = g.ox + g.xe * e + g.xn * n + g.xu * u;
  const y = g.oy + g.ye * e + g.yn * n + g.yu * u;
  const z = g.oz + g.zn * n + g.zu * u;
  ecefToLatLon(x, y, z, plotLatLon);
  return true;
}

const DAY_MS = 86_400_000;

/** The day (ms since the epoch of its UTC midnight) of a reference time: resolveTimeOfDayIn's second argument. */
function dayStartOf(referenceMs: number): number {
  // Datagram after datagram of a capture share their reference's day: remembered for the last one.
  if (referenceMs !== lastReferenceMs) {
    lastReferenceMs = referenceMs;
    lastDayStartMs = Math.floor(referenceMs / DAY_MS) * DAY_MS;
  }
  return lastDayStartMs;
}

let lastReferenceMs = Number.NaN;
let lastDayStartMs = Number.NaN;

/**
 * CAT048 plot row → Report. The slant range and azimuth are corrected for the radar's known biases and
 * converted with its position; the target's height is its flight level (pressure altitude, the best height
 * a radar has) or, for primary-only plots, the height the sensor configuration assumes. `g` is the sensor's
 * geometry and `dayStartMs` the day of `referenceMs` (constants of a whole block, worked out by the caller).
 * The caller counts the Report.
 */
function cat048Report(
  row: Float64Array,
  o: number,
  sensor: Sensor,
  g: RadarGeometry,
  referenceMs: number,
  dayStartMs: number,
  counters: AdapterCounters,
): Report | undefined {
  const kind = KIND_BY_TYP[row[o + P_TYP] || 0];
  if (kind === undefined) return counters.drop('no-detection');
  const tod = row[o + P_TOD];
  if (Number.isNaN(tod) || !Number.isFinite(referenceMs)) return counters.drop('no-time');
  const t = resolveTimeOfDayIn(tod, referenceMs, dayStartMs) + sensor.timeBiasMs;
  const rhoNm = row[o + P_RHO];
  const thetaDeg = row[o + P_THETA];
  if (Number.isNaN(rhoNm) || Number.isNaN(thetaDeg)) return counters.drop('no-position');
  const rangeM = rhoNm * M_PER_NM - sensor.rangeBiasM;
  // Corrected azimuth in [0, 360) (the float remainder only when needed: it is slow).
  let azimuthDeg = thetaDeg - sensor.azimuthBiasDeg;
  if (!(azimuthDeg >= 0 && azimuthDeg < 360)) azimuthDeg = ((azimuthDeg % 360) + 360) % 360;
  const hasFl = row[o + P_FL_V] === 0 && row[o + P_FL_G] === 0;
  const altM = hasFl ? row[o + P_FL] * 100 * M_PER_FT : undefined;
  if (!radarPlotPosition(g, rangeM, azimuthDeg, altM ?? sensor.psrAssumedHeightM)) return counters.drop('bad-geometry');
  const crossRangeM = rangeM * g.azSigmaRad;
  const posSigmaM = Math.sqrt((g.rangeVar + crossRangeM * crossRangeM) / 2);
  // Identity: through the per-aircraft cache when the plot has an address, else each string by its own cache.
  const addr = row[o + P_ADDR];
  const csBits = row[o + P_CS];
  const hasCode = row[o + P_M3A_V] === 0 && row[o + P_M3A_G] === 0;
  const code = row[o + P_M3A];
  let squawk: string | undefined;
  let icao: string | undefined;
  let cs: string | undefined;
  if (Number.isNaN(addr)) {
    if (hasCode) squawk = octal4(code);
    if (!Number.isNaN(csBits)) cs = callsign48(csBits);
  } else {
    const slot = identitySlot(addr);
    const k = slot * 4;
    const kt = slot * 3;
    if (idRaw[k] !== addr) {
      idRaw[k] = addr;
      idRaw[k + 1] = -1;
      idRaw[k + 2] = -1;
      idText[kt] = icaoHex(addr);
    }
    icao = idText[kt];
    if (hasCode) {
      if (idRaw[k + 1] !== code) {
        idRaw[k + 1] = code;
        idText[kt + 1] = octal4(code);
      }
      squawk = idText[kt + 1];
    }
    if (!Number.isNaN(csBits)) {
      if (idRaw[k + 2] !== csBits) {
        idRaw[k + 2] = csBits;
        idText[kt + 2] = callsign48(csBits);
      }
      cs = idText[kt + 2];
    }
  }
  const report = newReport(t, sensor.id, sensor.party, kind, plotLatLon[0], plotLatLon[1]);
  report.rangeM = rangeM;
  report.azimuthDeg = azimuthDeg;
  report.posSigmaM = posSigmaM;
  if (altM !== undefined) {
    report.altM = altM;
    report.altSource = 'baro';
  }
  if (row[o + P_SPI] === 1) report.spi = true;
  if (squawk !== undefined) {
    report.squawk = squawk;
    // The emergency codes 7500, 7600, 7700 (squawkEmergency's), tested on the code before its text.
    if (code >= 0o7500 && (code === 0o7500 || code === 0o7600 || code === 0o7700)) report.emergency = squawkEmergency(squawk);
  }
  report.icao = icao;
  report.callsign = cs;
  const trn = row[o + P_TRN];
  if (!Number.isNaN(trn)) report.sensorTrackNumber = trn;
  const gsp = row[o + P_GSP];
  const hdg = row[o + P_HDG];
  if (!Number.isNaN(gsp) && !Number.isNaN(hdg)) {
    report.gsMps = gsp * M_PER_NM;
    report.trackDeg = hdg;
  }
  return report;
}

/** One record's plot row, read through AsterixRecord (the generic decoder's way). */
const recordRow = new Float64Array(P_COUNT);

function fillCat048Row(r: AsterixRecord, row: Float64Array): void {
  for (let f = 0; f < P_COUNT; f++) {
    const v = CAT048_FIELDS[f].as === 'bits' ? r.bits(F48[f]) : r.value(F48[f]);
    row[f] = typeof v === 'number' ? v : Number.NaN;
  }
}

/** CAT048 target report → Report (see cat048Report). */
export function reportFromCat048(r: AsterixRecord, sensor: Sensor, referenceMs: number, counters: AdapterCounters): Report | undefined {
  fillCat048Row(r, recordRow);
  const report = cat048Report(recordRow, 0, sensor, geometryOf(sensor), referenceMs, dayStartOf(referenceMs), counters);
  if (report !== undefined) counters.reports++;
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
  const report = newReport(t, sensor.id, sensor.party, 'adsb', lat, lon);
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
  const report = newReport(t, sensor.id, sensor.party, 'track', lat, lon);
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

/** The CAT048 scanner of each category edition (null: the edition needs the generic decoder). */
const scanners = new WeakMap<CompiledCategory, RecordScanner | null>();

let lastCc: CompiledCategory | null = null;
let lastScanner: RecordScanner | null = null;

function scannerOf(cc: CompiledCategory): RecordScanner | null {
  if (cc === lastCc) return lastScanner;
  let s = scanners.get(cc);
  if (s === undefined) {
    s = cc.cat === 48 ? RecordScanner.compile(cc, CAT048_FIELDS) : null;
    scanners.set(cc, s);
  }
  lastCc = cc;
  lastScanner = s;
  return s;
}

/**
 * Every data block of a datagram (or raw block file) → Reports, as `codec.decode` then reportsFromRecords
 * would give them, counting rejected blocks by reason. CAT048 blocks take the fast path: one scan of the
 * block reads the plot fields from the bytes, with no record objects; a block the scan finds anything
 * wrong with goes through the generic decoder, which says what.
 */
export function reportsFromDatagram(
  codec: AsterixCodec,
  buf: Uint8Array,
  registry: SensorRegistry,
  referenceMs: number,
  counters: AdapterCounters,
  out: Report[] = [],
  start = 0,
  end = buf.length,
): Report[] {
  let off = start;
  while (off < end) {
    const len = end - off >= 3 ? (buf[off + 1] << 8) | buf[off + 2] : 0;
    if (buf[off] === 48 && len >= 3 && off + len <= end) {
      const cc = codec.blockCategory(buf, off, off + len);
      const scanner = cc === null ? null : scannerOf(cc);
      if (scanner !== null) {
        const n = scanner.scan(buf, off + 3, off + len);
        if (n >= 0) {
          cat048Rows(scanner.rows, n, scanner.stride, registry, referenceMs, counters, out);
          off += len;
          continue;
        }
      }
    }
    const block = codec.decodeBlock(buf, off, end);
    if (block.error) counters.blockError(block.error.reason);
    reportsFromRecords(block.records, registry, referenceMs, counters, out);
    off += block.length;
  }
  return out;
}

/** Reports from scanned CAT048 plot rows. */
function cat048Rows(
  rows: Float64Array,
  n: number,
  stride: number,
  registry: SensorRegistry,
  referenceMs: number,
  counters: AdapterCounters,
  out: Report[],
): void {
  const dayStartMs = dayStartOf(referenceMs);
  let key = -2;
  let sensor: Sensor | undefined;
  let g: RadarGeometry | undefined;
  let made = 0;
  for (let r = 0, o = 0; r < n; r++, o += stride) {
    const sac = rows[o + P_SAC];
    const sic = rows[o + P_SIC];
    // A record without item 010 names no sensor (AsterixRecord gives SAC and SIC -1).
    const k = Number.isNaN(sac) ? -1 : sac * 256 + sic;
    if (k !== key) {
      key = k;
      sensor = k < 0 ? registry.bySource(-1, -1) : registry.bySource(sac, sic);
      g = sensor === undefined ? undefined : geometryOf(sensor);
    }
    if (sensor === undefined || g === undefined) {
      counters.drop('unknown-sensor');
      continue;
    }
    const report = cat048Report(rows, o, sensor, g, referenceMs, dayStartMs, counters);
    if (report !== undefined) {
      out.push(report);
      made++;
    }
  }
  counters.reports += made;
}
