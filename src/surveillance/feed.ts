// SPDX-License-Identifier: GPL-3.0-or-later
// One sensor's feed, from wire bytes to Reports, whatever its format: Beast, AVR or hex lines through the Mode S
// stream decoder, SBS-1 lines, or ASTERIX datagrams. Rejected input is counted by reason; nothing throws.

import { AsterixCodec } from '../asterix/codec.ts';
import { createFramer } from '../feeds/detect.ts';
import type { FrameKind, FrameSink, Framer, FramingError } from '../feeds/framing.ts';
import { type SbsRecord, SbsFramer, type SbsSink } from '../feeds/sbs.ts';
import { isReject } from '../modes/message.ts';
import { ModeSStreamDecoder } from '../modes/stream.ts';
import { AdapterCounters, reportsFromDatagram } from './from-asterix.ts';
import { reportFromModeS } from './from-modes.ts';
import { SbsReportAdapter } from './from-sbs.ts';
import type { Report } from './report.ts';
import type { Sensor, SensorRegistry } from './sensors.ts';

export type WireFormat = 'beast' | 'avr' | 'hex' | 'sbs' | 'asterix';
export const WIRE_FORMATS: readonly WireFormat[] = ['beast', 'avr', 'hex', 'sbs', 'asterix'];

export interface FeedOptions {
  /**
   * For Beast and AVR frames stamped with the receiver's 12 MHz counter: the time (ms since the epoch) at which
   * the counter read zero. Without it such frames take the receive time given to push().
   */
  counterEpochMs?: number;
}

/** Counts per feed: units in (frames, lines or datagrams), Reports out, and rejections by reason. */
export class FeedCounters {
  units = 0;
  reports = 0;
  readonly rejected = new Map<string, number>();

  reject(reason: string, n = 1): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + n);
  }

  /** Rejections as a plain object, reasons sorted (for JSON and the health endpoint). */
  rejectedObject(): Record<string, number> {
    return Object.fromEntries([...this.rejected].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

export interface FeedDecoder {
  readonly sensor: Sensor;
  readonly format: WireFormat;
  readonly counters: FeedCounters;
  /**
   * The next bytes: a piece of the stream (Beast, AVR, hex, SBS), or one whole datagram (ASTERIX).
   * @param receiveTimeMs when the bytes arrived: the time of frames that carry none, and the date reference
   *   for ASTERIX times of day.
   */
  push(bytes: Uint8Array, receiveTimeMs: number, out: Report[]): void;
  /** The stream has ended. */
  end(out: Report[]): void;
}

/** A feed decoder for one sensor. The registry resolves ASTERIX SAC/SIC (a radar's block names its own source). */
export function createFeedDecoder(format: WireFormat, sensor: Sensor, registry: SensorRegistry, options: FeedOptions = {}): FeedDecoder {
  switch (format) {
    case 'sbs':
      return new SbsFeed(sensor);
    case 'asterix':
      return new AsterixFeed(sensor, registry);
    default:
      return new ModeSFeed(format, sensor, options);
  }
}

class ModeSFeed implements FeedDecoder, FrameSink {
  readonly counters = new FeedCounters();
  private readonly framer: Framer;
  private readonly decoder: ModeSStreamDecoder;
  private out: Report[] = [];
  private receiveTimeMs = Number.NaN;

  constructor(
    readonly format: Exclude<WireFormat, 'sbs' | 'asterix'>,
    readonly sensor: Sensor,
    private readonly options: FeedOptions,
  ) {
    this.framer = createFramer(format);
    this.decoder = new ModeSStreamDecoder({ receiver: { lat: sensor.lat, lon: sensor.lon }, maxRangeNm: sensor.maxRangeNm });
  }

  push(bytes: Uint8Array, receiveTimeMs: number, out: Report[]): void {
    this.out = out;
    this.receiveTimeMs = receiveTimeMs;
    this.framer.push(bytes, this);
  }

  end(out: Report[]): void {
    this.out = out;
    this.framer.end(this);
  }

  frame(kind: FrameKind, buf: Uint8Array, off: number, len: number, timeMs: number, mlat12MHz: number): void {
    this.counters.units++;
    if (kind !== 'modes') return; // Mode A/C replies carry no position
    let t = timeMs;
    if (Number.isNaN(t)) {
      const epoch = this.options.counterEpochMs;
      t = epoch !== undefined && !Number.isNaN(mlat12MHz) ? epoch + mlat12MHz / 12_000 : this.receiveTimeMs;
    }
    if (Number.isNaN(t)) {
      this.counters.reject('no-time');
      return;
    }
    const r = this.decoder.decode(buf, off, len, t);
    if (isReject(r)) {
      this.counters.reject(r.reject);
      return;
    }
    const report = reportFromModeS(r, this.decoder.state(r.icao), this.sensor);
    if (report !== undefined) {
      this.counters.reports++;
      this.out.push(report);
    }
  }

  error(reason: FramingError): void {
    this.counters.reject(reason);
  }
}

class SbsFeed implements FeedDecoder, SbsSink {
  readonly format = 'sbs';
  readonly counters = new FeedCounters();
  private readonly framer = new SbsFramer();
  private readonly adapter: SbsReportAdapter;
  private out: Report[] = [];

  constructor(readonly sensor: Sensor) {
    this.adapter = new SbsReportAdapter(sensor);
  }

  push(bytes: Uint8Array, _receiveTimeMs: number, out: Report[]): void {
    this.out = out;
    this.framer.push(bytes, this);
  }

  end(out: Report[]): void {
    this.out = out;
    this.framer.end(this);
  }

  record(r: SbsRecord): void {
    this.counters.units++;
    const report = this.adapter.record(r);
    if (report !== undefined) {
      this.counters.reports++;
      this.out.push(report);
    }
  }

  other(): void {
    this.counters.units++;
  }

  error(reason: FramingError): void {
    this.counters.reject(reason);
  }
}

class AsterixFeed implements FeedDecoder {
  readonly format = 'asterix';
  readonly counters = new FeedCounters();
  private readonly codec: AsterixCodec;
  private readonly adapter = new AdapterCounters();

  constructor(
    readonly sensor: Sensor,
    private readonly registry: SensorRegistry,
  ) {
    this.codec = new AsterixCodec({ sensors: registry.asterixEditions() });
  }

  push(bytes: Uint8Array, receiveTimeMs: number, out: Report[]): void {
    this.counters.units++;
    const before = out.length;
    reportsFromDatagram(this.codec, bytes, this.registry, receiveTimeMs, this.adapter, out);
    // the adapter's counts are cumulative: mirror them
    for (const [reason, n] of this.adapter.dropped) this.counters.rejected.set(`asterix-${reason}`, n);
    for (const [reason, n] of this.adapter.blockErrors) this.counters.rejected.set(`asterix-${reason}`, n);
    this.counters.reports += out.length - before;
  }

  end(): void {}
}
