// SPDX-License-Identifier: GPL-3.0-or-later
// The decoded Mode S message: one flat object with fixed field names (units in the names, standard units
// as the Mode S standards give them: ft, kt, ft/min). Absent fields are simply not set.

import type { AdsbFields } from './adsb/fields.ts';
import type { CommBFields } from './commb/fields.ts';

/** How the address of a message was established. */
export type CrcStatus =
  /** Parity checked (DF11/17/18): the frame is intact. */
  | 'ok'
  /** Parity checked after flipping one bit. */
  | 'corrected'
  /** Address overlaid on parity (DF0/4/5/16/20/21): the address is recovered, not checked. */
  | 'ap'
  /** Parity check failed. */
  | 'bad';

export type Emergency = 'none' | 'general' | 'lifeguard' | 'minfuel' | 'nocomm' | 'unlawful' | 'downed' | 'reserved';

export type AltSource = 'baro' | 'gnss';

export interface CommonFields {
  /** Reception time, ms since the Unix epoch (or since the start of the source when no clock is known). */
  timeMs: number;
  /** Downlink format; 24 stands for all Comm-D (ELM) formats 24..31. */
  df: number;
  /** ICAO 24-bit address, 6 lowercase hex characters (for AP formats: recovered from parity). */
  icao: string;
  crc: CrcStatus;
  /** The frame as uppercase hex, when asked for (DecodeOptions.raw). */
  raw?: string;
  /** Bit index (0-based) that was corrected, when crc is 'corrected'. */
  correctedBit?: number;
  /** Receiver signal level, 0..1 of full scale (from Beast), when known. */
  signal?: number;
  /** 12 MHz receiver timestamp (Beast/AVR @), when known. */
  mlat12MHz?: number;
  /** Transponder capability (DF11/17) */
  capability?: number;
  /** Flight status (DF4/5/20/21), 0..7. */
  flightStatus?: number;
  /** Downlink request (DF4/5/20/21). */
  dr?: number;
  /** Utility message (DF4/5/20/21). */
  um?: number;
  /** Interrogator identifier from the DF11 parity (II or SI code), when nonzero. */
  iid?: number;
  onGround?: boolean;
  /** Alert bit (flight status 2..4): squawk changed. */
  alert?: boolean;
  /** Special position identification (flight status 4..5 or TC28/SPI condition). */
  spi?: boolean;
  altFt?: number;
  altSource?: AltSource;
  /** Altitude reported in metres (M bit set); altFt then holds the converted value. */
  altM?: number;
  /** Mode 3/A code, 4 octal digits. */
  squawk?: string;
  emergency?: Emergency;
  // ACAS (DF0/16)
  /** Vertical status: true when on the ground (DF0/16). */
  sensitivityLevel?: number;
  replyInformation?: number;
  crossLinkCapability?: boolean;
  /** DF16 MV field as 14 hex digits; for VDS 3,0 the RA fields below. */
  mv?: string;
  // DF19
  /** DF19 application field; 0 means the frame carries ADS-B. */
  af?: number;
}

export type ModeSMessage = CommonFields & AdsbFields & CommBFields;

/** Why a frame was not decoded at all. */
export type RejectReason =
  | 'bad-length' // not 56 or 112 bits for its DF
  | 'unknown-df' // a DF that the standard does not define for downlink
  | 'crc' // parity failed for a DF whose parity is checked, and no correction applied
  | 'ap-unknown-address' // address/parity address not seen recently in DF11/17/18 (stream decoder)
  | 'cpr-implausible'; // (stream decoder) a position that would need an impossible speed

export interface ModeSReject {
  reject: RejectReason;
  df: number;
  timeMs: number;
  raw?: string;
}

export type DecodeResult = ModeSMessage | ModeSReject;

export function isReject(r: DecodeResult): r is ModeSReject {
  return (r as ModeSReject).reject !== undefined;
}

export interface DecodeOptions {
  /** Attach the frame's hex as `raw` (default false; the CLI turns it on). */
  raw?: boolean;
  /** Try single-bit correction on DF17/18 (default true). */
  correctExtendedSquitter?: boolean;
  /** Try single-bit correction on DF11 too (default false). */
  correctAllCall?: boolean;
  /** Keep frames that fail parity, marked crc 'bad', instead of rejecting them (default false). */
  keepBad?: boolean;
  /** Decode meteorological Comm-B registers (4,4 and 4,5); default false. */
  meteo?: boolean;
}
