// SPDX-License-Identifier: GPL-3.0-or-later
// System tracks for other systems: Track[] as ASTERIX CAT062 edition 1.19 records, written with the codec's
// RecordBuilder. Items: I010 SAC/SIC, I015 service, I070 time of track information, I105 WGS84 position,
// I185 velocity, I040 track number, I080 track status, I060 Mode 3/A, I245 target identification, I380 ADR,
// I136 measured flight level (barometric) or I130 geometric altitude, I220 rate of climb/descent.

import type { FieldHandle, RecordBuilder } from '../../asterix/builder.ts';
import { AsterixCodec } from '../../asterix/codec.ts';
import { M_PER_FT, MPS_PER_FPM } from '../../core/units.ts';
import type { Track } from '../track.ts';

export interface Cat062Options {
  /** System area and identification codes of this tracker. */
  sac: number;
  sic: number;
  /** Time of the picture, ms since the epoch (I070 is its UTC time of day). */
  timeMs: number;
  /** I015 service identification (default 1). */
  serviceId?: number;
}

const DAY_MS = 86_400_000;
/** Keep each data block under the 16-bit length with room for a record. */
const MAX_BLOCK_BYTES = 65_000;

/** I080 EMS code per emergency. */
const EMS: Record<string, number> = { general: 1, lifeguard: 2, minfuel: 3, nocomm: 4, unlawful: 5, downed: 6 };

class Cat062Writer {
  readonly b: RecordBuilder;
  readonly h: Record<string, FieldHandle>;
  constructor() {
    const codec = new AsterixCodec({ editions: { 62: '1.19' } });
    this.b = codec.builder(62, { edition: '1.19', capacity: 1 << 16 });
    const f = (p: string): FieldHandle => this.b.field(p);
    this.h = {
      sac: f('010/SAC'),
      sic: f('010/SIC'),
      service: f('015'),
      tod: f('070'),
      lat: f('105/LAT'),
      lon: f('105/LON'),
      vx: f('185/VX'),
      vy: f('185/VY'),
      trackNumber: f('040'),
      mon: f('080/MON'),
      src: f('080/SRC'),
      cnf: f('080/CNF'),
      cst: f('080/CST'),
      sds: f('080/SDS'),
      ems: f('080/EMS'),
      mode3a: f('060/MODE3A'),
      sti: f('245/STI'),
      chr: f('245/CHR'),
      adr: f('380/ADR'),
      fl: f('136'),
      geoAlt: f('130'),
      rocd: f('220'),
    };
  }
}

let writer: Cat062Writer | undefined;

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * Encodes the tracks as CAT062 records in one or more data blocks (concatenated). Track numbers are the
 * trackId modulo 65536; I080 SDS says whether the track is combined, cooperative only or non-cooperative only
 * (from the transponder state and its sensors), CST marks coasting tracks, CNF tentative ones.
 */
export function encodeCat062(tracks: readonly Track[], options: Cat062Options): Uint8Array {
  writer ??= new Cat062Writer();
  const { b, h } = writer;
  const tod = (((options.timeMs % DAY_MS) + DAY_MS) % DAY_MS) / 1000;
  const blocks: Uint8Array[] = [];
  for (const t of tracks) {
    b.setValue(h.sac, options.sac);
    b.setValue(h.sic, options.sic);
    b.setValue(h.service, options.serviceId ?? 1);
    b.setValue(h.tod, Math.floor(tod * 128) / 128);
    b.setValue(h.lat, t.lat);
    b.setValue(h.lon, t.lon);
    b.setValue(h.vx, clamp(t.velEastMps, -8192, 8191.75));
    b.setValue(h.vy, clamp(t.velNorthMps, -8192, 8191.75));
    b.setRaw(h.trackNumber, t.trackId & 0xffff);
    b.setRaw(h.mon, t.sensors.length > 1 ? 0 : 1);
    b.setRaw(h.src, t.altM === undefined ? 0 : t.altSource === 'gnss' ? 1 : 0);
    b.setRaw(h.cnf, t.status === 'tentative' ? 1 : 0);
    b.setRaw(h.cst, t.status === 'coasting' ? 1 : 0);
    // SDS: 0 combined, 1 co-operative only, 2 non-co-operative only.
    b.setRaw(h.sds, t.transponder === 'on' ? (t.icao === undefined && t.squawk === undefined ? 0 : 1) : 2);
    if (t.emergency !== undefined && EMS[t.emergency] !== undefined) b.setRaw(h.ems, EMS[t.emergency]);
    if (t.squawk !== undefined) b.setValue(h.mode3a, t.squawk);
    if (t.callsign !== undefined) {
      b.setRaw(h.sti, 0);
      b.setValue(h.chr, t.callsign.slice(0, 8));
    }
    if (t.icao !== undefined) b.setRaw(h.adr, Number.parseInt(t.icao, 16) & 0xffffff);
    if (t.altM !== undefined) {
      const ft = t.altM / M_PER_FT;
      if (t.altSource === 'gnss') b.setValue(h.geoAlt, clamp(ft, -1500, 150000));
      else b.setValue(h.fl, clamp(ft / 100, -15, 1500));
      b.setValue(h.rocd, clamp(t.vrMps / MPS_PER_FPM, -204800, 204793.75));
    }
    b.finishRecord();
    if (b.size > MAX_BLOCK_BYTES) blocks.push(b.block());
  }
  if (b.records > 0) blocks.push(b.block());
  if (blocks.length === 1) return blocks[0];
  let n = 0;
  for (const x of blocks) n += x.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const x of blocks) {
    out.set(x, at);
    at += x.length;
  }
  return out;
}
