// SPDX-License-Identifier: GPL-3.0-or-later
// Stateless Mode S decoding of one frame: downlink format, parity, address, and the fields of each DF.
// ADS-B payloads go to adsb/, Comm-B payloads to commb/. Never throws on bad bytes.

import { decodeExtendedSquitter, decodeMe, nicIsUnambiguous } from './adsb/index.ts';
import { bit, bits, icaoHex, toHex } from './bits.ts';
import { decodeAc13 as ac13ToFt, ac13IsMetric } from './altitude.ts';
import { decodeAcasMv } from './commb/bds30.ts';
import type { KnownState } from './commb/fields.ts';
import { decodeCommB } from './commb/index.ts';
import { copyResidualLong, copyResidualShort, flipBit, singleBitErrorAt } from './crc.ts';
import { decodeSquawk, squawkEmergency } from './identity.ts';
import type { DecodeOptions, DecodeResult, ModeSMessage, RejectReason } from './message.ts';

/** Frame length in bytes that each DF must have; 0 for formats the downlink does not define. */
const LENGTH_BY_DF = new Uint8Array(32);
for (const df of [0, 4, 5, 11]) LENGTH_BY_DF[df] = 7;
for (const df of [16, 17, 18, 19, 20, 21, 22]) LENGTH_BY_DF[df] = 14;
for (let df = 24; df < 32; df++) LENGTH_BY_DF[df] = 14;

/** The DF of a frame's first byte; formats 24..31 (Comm-D) are all reported as 24. */
export function downlinkFormat(firstByte: number): number {
  return Math.min(firstByte >> 3, 24);
}

/** Frame length in bytes for a DF (0 when undefined): what framers need to split AVR/raw streams. */
export function frameLengthForDf(df: number): number {
  return LENGTH_BY_DF[df];
}

const DEFAULTS: Required<DecodeOptions> = {
  raw: false,
  correctExtendedSquitter: true,
  correctAllCall: false,
  keepBad: false,
  meteo: false,
};

/** Scratch copy of the frame: correction flips bits, and the caller's buffer must stay untouched. */
const scratch = new Uint8Array(14);

function reject(reason: RejectReason, df: number, timeMs: number, raw: string | undefined): DecodeResult {
  return raw === undefined ? { reject: reason, df, timeMs } : { reject: reason, df, timeMs, raw };
}

/** What the caller knows of an aircraft by its ICAO address (6 lowercase hex), used only to settle ambiguous Comm-B replies. */
export type KnownLookup = (icao: string) => KnownState | undefined;

/**
 * Whether an address recovered from address/parity belongs to an aircraft the caller trusts (seen recently
 * in parity-checked DF11/17/18). Checked before the payload is decoded: most AP garbage costs nothing more.
 */
export type AddressFilter = (icao: string) => boolean;

/**
 * Decodes the frame at buf[offset .. offset+lenBytes). `known` looks up what the caller knows of the
 * aircraft, and `acceptAddress` filters address/parity replies; the stateless decoder passes neither.
 */
export function decodeModeS(
  buf: Uint8Array,
  offset: number,
  lenBytes: number,
  timeMs: number,
  options?: DecodeOptions,
  known?: KnownLookup,
  acceptAddress?: AddressFilter,
): DecodeResult {
  const opts = options ?? DEFAULTS;
  const f = scratch;
  const raw = opts.raw ? toHex(buf.subarray(offset, offset + lenBytes)) : undefined;
  if (lenBytes !== 7 && lenBytes !== 14) return reject('bad-length', lenBytes > 0 ? downlinkFormat(buf[offset]) : -1, timeMs, raw);
  const df = downlinkFormat(buf[offset]);
  const expected = LENGTH_BY_DF[df];
  if (expected === 0) return reject('unknown-df', df, timeMs, raw);
  if (expected !== lenBytes) return reject('bad-length', df, timeMs, raw);

  const fullResidual = lenBytes === 14 ? copyResidualLong(buf, offset, f) : copyResidualShort(buf, offset, f);
  let residual = fullResidual;
  let crc: ModeSMessage['crc'];
  let icao: number;
  let correctedBit = -1;
  let iid = 0;
  if (df === 17 || df === 18 || df === 19 || df === 11) {
    if (df === 11) {
      iid = residual & 0x7f; // II/SI code overlaid on the low parity bits
      residual &= 0xffff80;
    }
    if (residual === 0) crc = 'ok';
    else {
      const mayCorrect = df === 11 ? (opts.correctAllCall ?? false) : (opts.correctExtendedSquitter ?? true);
      // A DF11 is corrected only as a reply to an interrogator code of 0, as readsb does: the whole
      // residual must then be one bit's syndrome.
      const at = mayCorrect ? singleBitErrorAt(fullResidual, lenBytes) : -1;
      if (at >= 0) {
        flipBit(f, at);
        crc = 'corrected';
        correctedBit = at;
        iid = 0;
      } else if (opts.keepBad) crc = 'bad';
      else return reject('crc', df, timeMs, raw);
    }
    icao = bits(f, 9, 24);
  } else {
    crc = 'ap';
    icao = residual;
  }

  const icaoStr = icaoHex(icao);
  if (crc === 'ap' && acceptAddress !== undefined && !acceptAddress(icaoStr)) {
    return reject('ap-unknown-address', df, timeMs, raw);
  }
  if (df === 4 || df === 5 || df === 20 || df === 21) {
    const msg = surveillanceReply(f, timeMs, df, icaoStr, crc, raw);
    if (df === 20) decodeCommB(f, msg, opts.meteo ?? false, known?.(msg.icao));
    else if (df === 21) decodeCommB(f, msg, opts.meteo ?? false, known?.(msg.icao));
    return msg;
  }

  const cb = correctedBit >= 0 ? correctedBit : undefined;
  if (df === 17 || df === 18) {
    const m = squitterMessage(f, timeMs, df, icaoStr, crc, raw, cb);
    if (m !== undefined) {
      // The header is set: straight to the payload, so the header stores do not see every layout.
      decodeMe(f, m, f[4] >> 3, false);
      return m;
    }
  }
  if (df === 11) {
    // One literal for the fields every all-call reply may get (absent ones undefined, which JSON omits, in
    // the order they were always added): later stores then change no object layout.
    const ca = f[0] & 7;
    return {
      timeMs,
      df,
      icao: icaoStr,
      crc,
      raw,
      correctedBit: cb,
      capability: ca,
      onGround: GROUND_BY_CA[ca],
      iid: iid !== 0 ? iid : undefined,
    };
  }

  const msg: ModeSMessage = { timeMs, df, icao: icaoStr, crc };
  if (raw !== undefined) msg.raw = raw;
  if (correctedBit >= 0) msg.correctedBit = correctedBit;

  switch (df) {
    case 0:
    case 16:
      decodeAcas(f, msg);
      break;
    case 18:
      decodeExtendedSquitter(f, msg);
      break;
    case 19:
      msg.af = bits(f, 6, 3);
      if (msg.af === 0) decodeExtendedSquitter(f, msg);
      break;
    default:
      break; // DF22 (military) and DF24 (Comm-D): identified only
  }
  return msg;
}

/**
 * DF17 and DF18 CF0 (nearly all squitters): one object literal per common kind, holding every field that
 * decodeExtendedSquitter (and, for positions, the stream decoder) may set, absent ones undefined (JSON omits
 * them). Stores then happen in place, with no layout change or out-of-object property array per message.
 * Fields are listed in the order the decoders set them, so key order, hence JSON, is as if added one by one.
 * Rarer kinds (CA other than 4/5, uncommon type codes) get the header only; DF18 with another control field
 * gets undefined (the caller then starts from the bare header, as before).
 */
function squitterMessage(
  f: Uint8Array,
  timeMs: number,
  df: number,
  icao: string,
  crc: ModeSMessage['crc'],
  raw: string | undefined,
  correctedBit: number | undefined,
): ModeSMessage | undefined {
  const tc = f[4] >> 3;
  const ident = tc >= 1 && tc <= 4;
  if (df === 18) {
    if ((f[0] & 7) !== 0) return undefined;
    return ident
      ? { timeMs, df, icao, crc, raw, correctedBit, cf: 0, service: 'adsb', tc, category: undefined, categoryCode: undefined, callsign: undefined }
      : { timeMs, df, icao, crc, raw, correctedBit, cf: 0, service: 'adsb', tc };
  }
  const ca = f[0] & 7;
  // With CA 4/5 the header sets onGround first; otherwise the payload decoder adds it later, in its own place.
  if (ca !== 4 && ca !== 5) return { timeMs, df, icao, crc, raw, correctedBit, capability: ca, service: 'adsb', tc };
  const onGround = ca === 4;
  if (tc === 19) {
    return {
      timeMs,
      df,
      icao,
      crc,
      raw,
      correctedBit,
      capability: ca,
      onGround,
      service: 'adsb',
      tc,
      velSubtype: undefined,
      intentChange: undefined,
      ifrCapability: undefined,
      nacV: undefined,
      gsKt: undefined,
      trackDeg: undefined,
      headingDeg: undefined,
      tasKt: undefined,
      iasKt: undefined,
      vrSource: undefined,
      vrFpm: undefined,
      geoMinusBaroFt: undefined,
    };
  }
  if (tc >= 9 && tc <= 18) {
    // Where the type code alone settles the NIC, the stateless decoder sets nic and rcM after nucP; where it
    // does not, only the stream decoder sets them, after adsbVersion.
    return nicIsUnambiguous(tc)
      ? {
          timeMs,
          df,
          icao,
          crc,
          raw,
          correctedBit,
          capability: ca,
          onGround,
          service: 'adsb',
          tc,
          surveillanceStatus: undefined,
          alert: undefined,
          spi: undefined,
          nicB: undefined,
          altFt: undefined,
          altSource: undefined,
          nucP: undefined,
          nic: undefined,
          rcM: undefined,
          timeSync: undefined,
          cprFormat: undefined,
          cprLat: undefined,
          cprLon: undefined,
          lat: undefined,
          lon: undefined,
          adsbVersion: undefined,
        }
      : {
          timeMs,
          df,
          icao,
          crc,
          raw,
          correctedBit,
          capability: ca,
          onGround,
          service: 'adsb',
          tc,
          surveillanceStatus: undefined,
          alert: undefined,
          spi: undefined,
          nicB: undefined,
          altFt: undefined,
          altSource: undefined,
          nucP: undefined,
          timeSync: undefined,
          cprFormat: undefined,
          cprLat: undefined,
          cprLon: undefined,
          lat: undefined,
          lon: undefined,
          adsbVersion: undefined,
          nic: undefined,
          rcM: undefined,
        };
  }
  return ident
    ? { timeMs, df, icao, crc, raw, correctedBit, capability: ca, onGround, service: 'adsb', tc, category: undefined, categoryCode: undefined, callsign: undefined }
    : { timeMs, df, icao, crc, raw, correctedBit, capability: ca, onGround, service: 'adsb', tc };
}

/** CA 4 = on the ground, CA 5 = airborne (Annex 10 Vol IV 3.1.2.5.2.2.1), else unknown. */
const GROUND_BY_CA: readonly (boolean | undefined)[] = [undefined, undefined, undefined, undefined, true, false, undefined, undefined];

/** FS (flight status, Annex 10 Vol IV 3.1.2.6.5.1) → on the ground: true, airborne: false, either: undefined. */
const GROUND_BY_FS: readonly (boolean | undefined)[] = [false, true, false, true, undefined, undefined, undefined, undefined];

/**
 * DF4/5/20/21: every header field is set at once, absent ones as undefined, so that all replies share one
 * object layout: Comm-B fields written afterwards then stay fast (mixed layouts cost more than the decode).
 */
function surveillanceReply(f: Uint8Array, timeMs: number, df: number, icao: string, crc: ModeSMessage['crc'], raw: string | undefined): ModeSMessage {
  const fs = bits(f, 6, 3);
  const code13 = bits(f, 20, 13);
  const altOrNaN = df === 4 || df === 20 ? ac13ToFt(code13) : Number.NaN;
  const hasAlt = !Number.isNaN(altOrNaN);
  const squawk = df === 5 || df === 21 ? decodeSquawk(code13) : undefined;
  return {
    timeMs,
    df,
    icao,
    crc,
    raw,
    flightStatus: fs,
    dr: bits(f, 9, 5),
    um: bits(f, 14, 6),
    onGround: GROUND_BY_FS[fs],
    alert: fs >= 2 && fs <= 4 ? true : undefined,
    spi: fs === 4 || fs === 5 ? true : undefined,
    altFt: hasAlt ? Math.round(altOrNaN) : undefined,
    altSource: hasAlt ? 'baro' : undefined,
    altM: hasAlt && ac13IsMetric(code13) ? Math.round(altOrNaN * 0.3048) : undefined,
    squawk,
    emergency: squawk === undefined ? undefined : squawkEmergency(squawk),
  };
}

function setAltitude(msg: ModeSMessage, ac13: number): void {
  const ft = ac13ToFt(ac13);
  if (Number.isNaN(ft)) return;
  msg.altFt = Math.round(ft);
  msg.altSource = 'baro';
  if (ac13IsMetric(ac13)) msg.altM = Math.round(ft * 0.3048);
}

function decodeAcas(f: Uint8Array, msg: ModeSMessage): void {
  msg.onGround = bit(f, 6) === 1;
  msg.sensitivityLevel = bits(f, 9, 3);
  msg.replyInformation = bits(f, 14, 4);
  if (msg.df === 0) msg.crossLinkCapability = bit(f, 7) === 1;
  setAltitude(msg, bits(f, 20, 13));
  if (msg.df === 16) {
    msg.mv = toHex(f.subarray(4, 11));
    if (f[4] === 0x30) decodeAcasMv(f, msg); // VDS 3,0: the same layout as Comm-B register 3,0
  }
}
