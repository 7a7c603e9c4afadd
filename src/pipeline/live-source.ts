// SPDX-License-Identifier: GPL-3.0-or-later
// Real feeds through the whole pipeline, as a PictureSource for `jointsky serve`: each receiver's Beast, AVR or
// SBS over TCP (reconnected with backoff), each radar's ASTERIX over UDP (unicast or multicast), every feed's
// decoder, fusion and the monitors. This is the edge: the receive time of each chunk comes from the clock, and
// data time advances with it, so that the picture is sampled every second even when the feeds are quiet.

import { AsterixUdpReceiver } from '../asterix/io/udp.ts';
import { openSource, type SourceEvent } from '../feeds/source.ts';
import type { PictureSink, PictureSource, SensorInfo } from '../server/picture.ts';
import { createFeedDecoder, type FeedDecoder } from '../surveillance/feed.ts';
import type { Report } from '../surveillance/report.ts';
import type { SensorConfig, SensorRegistry } from '../surveillance/sensors.ts';
import { FeedHealthMeter } from './health.ts';
import { PicturePipeline, type PipelineOptions } from './picture.ts';

/** Where a sensor's feed comes from. */
export type LiveFeed = { format: 'beast' | 'avr' | 'sbs'; tcp: string } | { format: 'asterix'; udp: { port: number; group?: string; address?: string } };

export interface LiveSensor extends SensorConfig {
  feed: LiveFeed;
}

export interface LiveSourceOptions {
  sensors: readonly LiveSensor[];
  registry: SensorRegistry;
  /** Feed health every this many ms (default 5000). */
  healthEveryMs?: number;
  /** How often data time is advanced when the feeds are quiet, ms (default 250). */
  clockTickMs?: number;
  pipeline?: Omit<PipelineOptions, 'registry' | 'startMs'>;
  /** Connection events (connecting, connected, disconnected, retry), for the log. */
  onFeedEvent?: (sensorId: string, event: SourceEvent | { type: 'udp-error'; reason: string }) => void;
  /** The clock (default Date.now); tests may pass their own. */
  now?: () => number;
}

interface FeedState {
  sensor: LiveSensor;
  decoder: FeedDecoder;
  connected: boolean;
}

export class LiveFeedsSource implements PictureSource {
  readonly sensors: readonly SensorInfo[];
  readonly finished: Promise<void> = new Promise(() => {});
  private readonly feeds: FeedState[];
  private readonly abort = new AbortController();
  private readonly receivers: AsterixUdpReceiver[] = [];
  private pipeline: PicturePipeline | undefined;
  private sink: PictureSink | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly healthMeter: FeedHealthMeter;
  private readonly now: () => number;
  /** Reports decoded from one chunk, handed to fusion in time order. */
  private readonly batch: Report[] = [];

  constructor(private readonly options: LiveSourceOptions) {
    this.now = options.now ?? Date.now;
    this.sensors = options.sensors.map(({ id, party, kind, lat, lon, maxRangeNm }) => ({ id, party, kind, lat, lon, maxRangeNm }));
    this.feeds = options.sensors.map((sensor) => {
      const registered = options.registry.get(sensor.id);
      if (registered === undefined) throw new Error(`sensor '${sensor.id}' is not in the registry`);
      return { sensor, decoder: createFeedDecoder(sensor.feed.format, registered, options.registry), connected: false };
    });
    this.healthMeter = new FeedHealthMeter(this.feeds.map((f) => f.decoder));
  }

  start(sink: PictureSink): void {
    this.sink = sink;
    this.pipeline = new PicturePipeline({ ...this.options.pipeline, registry: this.options.registry, startMs: Math.ceil(this.now() / 1000) * 1000 }, sink);
    for (const f of this.feeds) {
      if (f.sensor.feed.format === 'asterix') void this.listenUdp(f, f.sensor.feed.udp);
      else void this.readTcp(f, f.sensor.feed.tcp);
    }
    const tick = this.options.clockTickMs ?? 250;
    this.timer = setInterval(() => this.advance(), tick);
    this.health(true);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.receivers.map((r) => r.close()));
  }

  private async readTcp(f: FeedState, hostPort: string): Promise<void> {
    const source = openSource(`tcp://${hostPort}`, {
      signal: this.abort.signal,
      receiveTime: true,
      onEvent: (e) => {
        if (e.type === 'connected') f.connected = true;
        if (e.type === 'disconnected' || e.type === 'connect-failed') f.connected = false;
        this.options.onFeedEvent?.(f.sensor.id, e);
      },
    });
    try {
      for await (const chunk of source) this.take(f, chunk, source.receivedMs);
    } catch (err) {
      this.options.onFeedEvent?.(f.sensor.id, { type: 'disconnected', source: hostPort, reason: (err as Error).message, connectedMs: 0, bytes: 0 });
    }
  }

  private async listenUdp(f: FeedState, udp: { port: number; group?: string; address?: string }): Promise<void> {
    const r = new AsterixUdpReceiver({ port: udp.port, ...(udp.group ? { group: udp.group } : {}), ...(udp.address ? { address: udp.address } : {}) });
    r.onDatagram((d) => this.take(f, d.payload, d.timeMs));
    r.onError((e) => this.options.onFeedEvent?.(f.sensor.id, { type: 'udp-error', reason: e.message }));
    this.receivers.push(r);
    try {
      await r.start();
      f.connected = true;
    } catch (err) {
      this.options.onFeedEvent?.(f.sensor.id, { type: 'udp-error', reason: (err as Error).message });
    }
  }

  /** One chunk (stream) or datagram (ASTERIX): decoded, its Reports to fusion in time order. */
  private take(f: FeedState, bytes: Uint8Array, receivedMs: number): void {
    const pipeline = this.pipeline;
    if (pipeline === undefined) return;
    const t = Number.isNaN(receivedMs) ? this.now() : receivedMs;
    f.decoder.push(bytes, t, this.batch);
    this.batch.sort((a, b) => a.timeMs - b.timeMs);
    for (const r of this.batch) pipeline.add(r);
    this.batch.length = 0;
  }

  /** Data time follows the clock: samples are taken even when no report arrives. */
  private advance(): void {
    const now = this.now();
    this.pipeline?.advanceTo(now);
    this.health(false);
  }

  private health(force: boolean): void {
    const now = this.now();
    const last = this.healthMeter.lastReportMs;
    if (!force && !Number.isNaN(last) && now - last < (this.options.healthEveryMs ?? 5000)) return;
    this.sink?.({ type: 'health', feeds: this.healthMeter.report(now, (i) => this.feeds[i].connected) });
  }
}
