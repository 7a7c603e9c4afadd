// SPDX-License-Identifier: GPL-3.0-or-later
// A simulated scenario through the whole pipeline, as a PictureSource for the server: the sensors' real wire
// bytes, every feed's decoder, fusion, STCA, encounters and compliance. Paced at `speed` × real time at this
// edge (the only place that reads the clock); the picture itself runs on the scenario's data time.

import type { PictureSink, PictureSource, SensorInfo } from '../server/picture.ts';
import type { Scenario } from '../sim/scenario.ts';
import { loadWorld } from '../sim/world.ts';
import { SimulatedWorld } from '../surveillance/ingest.ts';
import { FeedHealthMeter } from './health.ts';
import { Pacer } from './pacer.ts';
import { PicturePipeline, type PipelineOptions } from './picture.ts';

export interface SimulatedSourceOptions {
  /** Data seconds per wall second; Infinity runs as fast as it can (still yielding to the event loop). */
  speed: number;
  /** Run only the first S seconds of the scenario. */
  seconds?: number;
  /** Feed health every this many data seconds (default 10). */
  healthEveryS?: number;
  pipeline?: Omit<PipelineOptions, 'registry' | 'startMs'>;
}

export class SimulatedPictureSource implements PictureSource {
  readonly sensors: readonly SensorInfo[];
  readonly finished: Promise<void>;
  readonly world: SimulatedWorld;
  private pipeline: PicturePipeline | undefined;
  private sink: PictureSink | undefined;
  private pacer: Pacer | undefined;
  private done = false;
  private resolveFinished!: () => void;
  private nextTickMs: number;
  private readonly healthMeter: FeedHealthMeter;
  /** Party of each track, from the country block of the first address it showed (parties of the scenario only). */
  private readonly party = new Map<number, string>();
  private readonly partyIds: Set<string>;

  constructor(
    scenario: string | Scenario,
    private readonly options: SimulatedSourceOptions,
  ) {
    this.world = new SimulatedWorld(scenario, options.seconds === undefined ? {} : { seconds: options.seconds });
    this.sensors = this.world.registry.all().map((s) => ({ id: s.id, party: s.party, kind: s.kind, lat: s.lat, lon: s.lon, maxRangeNm: s.maxRangeNm }));
    this.healthMeter = new FeedHealthMeter(this.world.feeds);
    this.nextTickMs = this.world.startMs;
    this.partyIds = new Set(this.world.scenario.parties.map((p) => p.id));
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
  }

  get startMs(): number {
    return this.world.startMs;
  }

  /** The pipeline, once started (the server reads encounter records and tracks from it). */
  get picture(): PicturePipeline | undefined {
    return this.pipeline;
  }

  partyOf(trackId: number): string | undefined {
    return this.party.get(trackId);
  }

  start(downstream: PictureSink): void {
    const world = loadWorld();
    const sink: PictureSink = (e) => {
      if (e.type === 'track' && e.event.type === 'update' && e.event.track.icao !== undefined && !this.party.has(e.event.track.trackId)) {
        const cc = world.countryOf(Number.parseInt(e.event.track.icao, 16))?.cc;
        if (cc !== undefined && this.partyIds.has(cc)) this.party.set(e.event.track.trackId, cc);
      }
      downstream(e);
    };
    this.sink = sink;
    this.pipeline = new PicturePipeline({ ...this.options.pipeline, registry: this.world.registry, startMs: this.world.startMs }, sink);
    this.pacer = new Pacer(this.options.speed, () => this.nextTickMs, () => this.tick());
    this.pacer.start();
  }

  async stop(): Promise<void> {
    this.pacer?.stop();
  }

  /** Runs `n` scenario ticks synchronously (tests and benchmarks: no pacing). False once the scenario has ended. */
  advance(n: number): boolean {
    for (let i = 0; i < n; i++) if (!this.tick()) return false;
    return true;
  }



  private tick(): boolean {
    const pipeline = this.pipeline;
    const sink = this.sink;
    if (pipeline === undefined || sink === undefined || this.done) return false;
    const tick = this.world.next();
    if (tick === undefined) {
      for (const r of this.world.finish()) pipeline.add(r);
      pipeline.finish(this.nextTickMs);
      this.done = true;
      this.resolveFinished();
      return false;
    }
    this.nextTickMs = tick.timeMs + this.world.sim.tickMs;
    for (const r of tick.reports) pipeline.add(r);
    pipeline.advanceTo(tick.timeMs);
    const lastHealthMs = this.healthMeter.lastReportMs;
    if (Number.isNaN(lastHealthMs) || tick.timeMs - lastHealthMs >= (this.options.healthEveryS ?? 10) * 1000) {
      sink({ type: 'health', feeds: this.healthMeter.report(tick.timeMs, () => true) });
    }
    return true;
  }
}
