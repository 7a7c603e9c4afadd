// SPDX-License-Identifier: GPL-3.0-or-later
// The simulator's truth as a PictureSource: a scenario flown tick by tick, its truth turned into system tracks by
// the ideal tracker, then the real safety monitors (STCA, encounters, compliance). It shows the picture a perfect
// tracker would give (`jointsky demo --ideal`, and the server tests, which compare the picture with the truth).
// Paced at `speed` × real time at this edge (the only place that reads the clock); data time inside.

import type { Track } from '../fusion/track.ts';
import type { NotificationMonitor } from '../notify/monitor.ts';
import { PictureMonitors } from '../pipeline/monitors.ts';
import { Pacer } from '../pipeline/pacer.ts';
import type { Scenario } from '../sim/scenario.ts';
import { sensorFormat } from '../sim/sensors/config.ts';
import { createSimulation, type Simulation } from '../sim/simulation.ts';
import type { TruthState } from '../sim/truth.ts';
import { TruthTracker } from '../sim/truth-tracks.ts';
import { loadWorld, type World } from '../sim/world.ts';
import type { FeedHealth, PictureSink, PictureSource, SensorInfo } from './picture.ts';

const DEG = Math.PI / 180;
const R_M = 6371008.8;

export interface SimDriverOptions {
  /** Data seconds per wall second; Infinity runs as fast as it can (still yielding to the event loop). */
  speed: number;
  /** Flight notifications to match the tracks against. */
  notifications?: NotificationMonitor;
  /** Emit feed health every this many ticks (default 10). */
  healthEveryTicks?: number;
  world?: World;
}

interface SimSensorView extends SensorInfo {
  format: FeedHealth['format'];
  /** Primary radar sees dark aircraft; receivers and secondary radars only transponders. */
  seesDark: boolean;
  cosLat: number;
  rangeM: number;
  messages: number;
}

/** Drives a scenario into a picture sink. */
export class SimDriver implements PictureSource {
  readonly sensors: readonly SensorInfo[];
  readonly finished: Promise<void>;
  private readonly sim: Simulation;
  private readonly tracker = new TruthTracker();
  private monitors: PictureMonitors | undefined;
  private readonly views: SimSensorView[];
  private readonly world: World;
  private readonly partyIds: Set<string>;
  private readonly party = new Map<number, string | undefined>();
  private live = new Set<number>();
  private pacer: Pacer | undefined;
  private ticks = 0;
  private resolveFinished!: () => void;

  constructor(
    readonly scenario: Scenario,
    private readonly options: SimDriverOptions,
  ) {
    this.world = options.world ?? loadWorld();
    this.sim = createSimulation(scenario, { world: this.world });
    this.partyIds = new Set(scenario.parties.map((p) => p.id));
    this.views = scenario.sensors.map((s) => ({
      id: s.id,
      party: s.party,
      kind: s.kind,
      lat: s.lat,
      lon: s.lon,
      maxRangeNm: s.maxRangeNm,
      format: sensorFormat(s) === 'asterix' ? 'asterix' : sensorFormat(s),
      seesDark: s.kind === 'radar' && s.psr,
      cosLat: Math.cos(s.lat * DEG),
      rangeM: s.maxRangeNm * 1852,
      messages: 0,
    }));
    this.sensors = this.views.map(({ id, party, kind, lat, lon, maxRangeNm }) => ({ id, party, kind, lat, lon, maxRangeNm }));
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
  }

  /** Data time of the next tick, ms. */
  get nextTimeMs(): number {
    return this.sim.nextTimeMs;
  }

  get startMs(): number {
    return this.sim.startMs;
  }

  partyOf(trackId: number): string | undefined {
    return this.party.get(trackId);
  }

  start(sink: PictureSink): void {
    this.pacer = new Pacer(this.options.speed, () => this.sim.nextTimeMs, () => this.tick(sink));
    this.pacer.start();
  }

  async stop(): Promise<void> {
    this.pacer?.stop();
  }

  /**
   * Runs `n` ticks synchronously into `sink` (tests and benchmarks: no pacing). Returns false once the
   * scenario has ended.
   */
  advance(n: number, sink: PictureSink): boolean {
    for (let i = 0; i < n; i++) if (!this.tick(sink)) return false;
    return true;
  }



  /** One scenario tick: tracks, deletions, alerts, health, then the tick that closes the second. */
  private tick(sink: PictureSink): boolean {
    const states = this.sim.step();
    if (states === undefined) {
      this.resolveFinished();
      return false;
    }
    const timeMs = this.sim.nextTimeMs - this.sim.tickMs;
    if (this.monitors === undefined) this.monitors = new PictureMonitors(this.options.notifications ? { notifications: this.options.notifications } : {}, sink);
    const now = new Set<number>();
    const tracks: Track[] = [];
    for (const s of states) {
      const track = this.tracker.track(s);
      this.observe(s, track);
      if (!this.party.has(track.trackId)) this.party.set(track.trackId, this.attribute(s));
      now.add(track.trackId);
      tracks.push(track);
    }
    for (const id of this.live) if (!now.has(id)) this.monitors.trackEvent({ type: 'delete', trackId: id, timeMs, reason: 'timeout' });
    this.live = now;
    this.ticks++;
    if (this.ticks % (this.options.healthEveryTicks ?? 10) === 1) sink({ type: 'health', feeds: this.health() });
    // the tracks, one STCA cycle, encounters and compliance, then the tick that closes the second
    this.monitors.sample(timeMs, tracks);
    return true;
  }

  /** Which sensors see the aircraft (in range; a dark one only by primary radar). */
  private observe(s: TruthState, track: Track): void {
    const sensors: string[] = [];
    const parties = new Set<string>();
    for (const v of this.views) {
      if (s.transponder === 'off' && !v.seesDark) continue;
      const dx = (s.lon - v.lon) * DEG * R_M * v.cosLat;
      const dy = (s.lat - v.lat) * DEG * R_M;
      if (dx * dx + dy * dy > v.rangeM * v.rangeM) continue;
      sensors.push(v.id);
      parties.add(v.party);
      v.messages++;
    }
    track.sensors = sensors.sort();
    track.parties = [...parties].sort();
  }

  /** The party of the aircraft's address block, if that country is a party of the scenario. */
  private attribute(s: TruthState): string | undefined {
    const cc = this.world.countryOf(Number.parseInt(s.icao, 16))?.cc;
    return cc !== undefined && this.partyIds.has(cc) ? cc : undefined;
  }

  /** Per sensor: observations so far (one per aircraft in view per tick) and their mean rate per data second. */
  private health(): FeedHealth[] {
    const seconds = Math.max(1, (this.ticks * this.sim.tickMs) / 1000);
    return this.views.map((v) => ({
      id: v.id,
      party: v.party,
      format: v.format,
      connected: true,
      messages: v.messages,
      ratePerS: Math.round((v.messages / seconds) * 10) / 10,
      rejected: {},
    }));
  }
}
