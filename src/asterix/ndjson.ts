// SPDX-License-Identifier: GPL-3.0-or-later
// The NDJSON form of decoded ASTERIX, one line per record (and one per rejected block), and its inverse.
// Lines carry enough (datagram and block indices, UAP, non-canonical FSPEC length, rejected bytes as hex) for
// `asterix encode` to rebuild the identical byte stream.
//
//   {"dg":0,"blk":0,"cat":48,"edition":"1.31","sac":25,"sic":201,"items":{"010":{"SAC":25,"SIC":201},...}}
//   {"dg":3,"blk":1,"cat":65,"error":"unknown-category","detail":"no spec for CAT065","hex":"41000c..."}

import { ByteWriter, fromHex, toHex } from './bits.ts';
import type { AsterixCodec } from './codec.ts';
import type { DataBlock } from './decode.ts';
import { EncodeError, type RecordValues, writeRecord } from './encode.ts';
import type { AsterixRecord } from './record.ts';
import type { ItemsValue } from './values.ts';

export interface RecordLine {
  dg: number;
  blk: number;
  /** Capture time in ms since the epoch, when the source has one. */
  ts?: number;
  cat: number;
  edition: string;
  uap?: string;
  sac?: number;
  sic?: number;
  fspecLen?: number;
  /** The record belongs to a block that was rejected (partial mode): the block's hex is on the error line. */
  partial?: true;
  items: ItemsValue;
}

export interface ErrorLine {
  dg: number;
  blk: number;
  ts?: number;
  cat: number;
  error: string;
  detail: string;
  /** The rejected block's bytes (for a block whose LEN is unusable: the rest of the datagram). */
  hex: string;
}

/** Bytes passed through verbatim: an empty block. */
export interface VerbatimLine {
  dg: number;
  blk: number;
  ts?: number;
  cat: number;
  empty: true;
  hex: string;
}

export type Line = RecordLine | ErrorLine | VerbatimLine;

function itemsJson(rec: AsterixRecord, items: ItemsValue): string {
  // Top-level item names look numeric ("010"); JS objects would reorder some of them, so write wire order by hand.
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const n of rec.itemNames()) {
    if (seen.has(n)) continue;
    seen.add(n);
    const v = items[n];
    if (v !== undefined) parts.push(`${JSON.stringify(n)}:${JSON.stringify(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** One NDJSON line (without newline) for a record. */
export function recordLine(rec: AsterixRecord, dg: number, blk: number, ts?: number, partial = false): string {
  let head = `{"dg":${dg},"blk":${blk}`;
  if (ts !== undefined) head += `,"ts":${ts}`;
  head += `,"cat":${rec.cat},"edition":"${rec.edition}"`;
  if (rec.cc.uaps.length > 1) head += `,"uap":${JSON.stringify(rec.uapName)}`;
  const sac = rec.sac;
  if (sac >= 0) head += `,"sac":${sac},"sic":${rec.sic}`;
  // Non-canonical FSPEC (trailing zero octets): keep its length.
  const b = rec.buf;
  if (rec.fspecLen > 1 && (b[rec.start + rec.fspecLen - 1] & 0xfe) === 0) head += `,"fspecLen":${rec.fspecLen}`;
  if (partial) head += ',"partial":true';
  return `${head},"items":${itemsJson(rec, rec.items())}}`;
}

/** NDJSON lines for the blocks of one datagram. */
export function blockLines(blocks: readonly DataBlock[], buf: Uint8Array, dg: number, ts?: number): string[] {
  const out: string[] = [];
  blocks.forEach((b, blk) => {
    for (const r of b.records) out.push(recordLine(r, dg, blk, ts, b.error !== undefined));
    if (!b.error && b.records.length === 0) {
      // An empty block: nothing to decode, but the bytes must come back.
      out.push(`{"dg":${dg},"blk":${blk}${ts !== undefined ? `,"ts":${ts}` : ''},"cat":${b.cat},"empty":true,"hex":"${toHex(buf, b.offset, b.offset + b.length)}"}`);
    }
    if (b.error) {
      const e: ErrorLine = { dg, blk, cat: b.cat, error: b.error.reason, detail: b.error.detail, hex: toHex(buf, b.offset, b.offset + b.length) };
      if (ts !== undefined) e.ts = ts;
      out.push(JSON.stringify(e));
    }
  });
  return out;
}

function isBytesLine(l: Line): l is ErrorLine | VerbatimLine {
  return typeof (l as ErrorLine).hex === 'string' && (l as RecordLine).items === undefined;
}

/** Parses one NDJSON line; throws EncodeError naming what is wrong. */
export function parseLine(text: string): Line {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new EncodeError(`not JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null) throw new EncodeError('a line must be a JSON object');
  const o = v as Record<string, unknown>;
  if (typeof o.cat !== 'number') throw new EncodeError('missing "cat"');
  if (typeof o.dg !== 'number' || typeof o.blk !== 'number') throw new EncodeError('missing "dg" or "blk"');
  if (o.items === undefined && typeof o.hex === 'string') return o as unknown as ErrorLine | VerbatimLine;
  if (typeof o.items !== 'object' || o.items === null) throw new EncodeError('missing "items"');
  return o as unknown as RecordLine;
}

/**
 * Rebuilds datagrams from NDJSON lines: consecutive records with the same (dg, blk) form one block; lines with
 * the same dg form one datagram. Returns the datagrams in order.
 */
export class LineEncoder {
  private readonly codec: AsterixCodec;
  private readonly w = new ByteWriter(1 << 16);
  private dg: number | null = null;
  private blk: number | null = null;
  private blockCat = -1;
  private blockEdition = '';
  private pending: RecordValues[] = [];
  private ts: number | undefined;
  /** Finished datagrams. */
  readonly out: Uint8Array[] = [];
  /** Capture time of each finished datagram (from its first line's ts), when known. */
  readonly times: (number | undefined)[] = [];

  constructor(codec: AsterixCodec) {
    this.codec = codec;
  }

  private flushBlock(): void {
    if (this.pending.length === 0) return;
    const cc = this.codec.resolve(this.blockCat, this.blockEdition || undefined);
    const start = this.w.reserve(3);
    for (const r of this.pending) writeRecord(cc, this.w, r);
    const len = this.w.pos - start;
    if (len > 0xffff) throw new EncodeError(`data block of ${len} bytes exceeds 65535`);
    this.w.buf[start] = cc.cat;
    this.w.buf[start + 1] = len >> 8;
    this.w.buf[start + 2] = len & 0xff;
    this.pending = [];
  }

  private flushDatagram(): void {
    this.flushBlock();
    if (this.w.pos > 0) {
      this.out.push(this.w.result());
      this.times.push(this.ts);
    }
    this.w.reset();
  }

  /** Adds one parsed line. */
  add(line: Line): void {
    if (this.dg !== null && line.dg !== this.dg) {
      this.flushDatagram();
      this.blk = null;
    }
    if (this.blk !== null && line.blk !== this.blk) this.flushBlock();
    if (this.dg !== line.dg) this.ts = line.ts;
    this.dg = line.dg;
    this.blk = line.blk;
    if (isBytesLine(line)) {
      this.pending = []; // records of a rejected block are already in its hex
      const b = fromHex(line.hex);
      if (!b) throw new EncodeError('bad "hex"');
      this.w.bytes(b);
      return;
    }
    if (line.partial) return;
    if (this.pending.length === 0) {
      this.blockCat = line.cat;
      this.blockEdition = line.edition;
    }
    const r: RecordValues = { items: line.items };
    if (line.uap !== undefined) r.uap = line.uap;
    if (line.fspecLen !== undefined) r.fspecLen = line.fspecLen;
    this.pending.push(r);
  }

  /** Flushes the last datagram; returns all datagrams. */
  finish(): Uint8Array[] {
    this.flushDatagram();
    return this.out;
  }
}
