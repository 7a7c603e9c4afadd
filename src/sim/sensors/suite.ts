// SPDX-License-Identifier: GPL-3.0-or-later
// All the sensors of a run, watching one truth: each tick the suite takes the simulation's TruthState[],
// schedules and encodes the aircraft's squitters once, hands each to the receivers in cover, and lets each
// radar sweep the tick. Every sensor's output collects in its own log until it is drained.

import { AsterixCodec } from '../../asterix/codec.ts';
import { SensorRegistry } from '../../surveillance/sensors.ts';
import type { TruthState } from '../truth.ts';
import { registryConfig, type SimFormat, type SimSensor, sensorFormat } from './config.ts';
import type { SensorChunk } from './output.ts';
import { RadarModel } from './radar.ts';
import { AdsbReceiver } from './receiver.ts';
import {
  FRAME_STRIDE,
  KIN_FIELDS,
  KIN_GS,
  KIN_LAT,
  KIN_LON,
  KIN_PALT,
  KIN_TRK,
  KIN_VR,
  SQ_VELOCITY,
  SQUITTER_KINDS,
  type SquitterBatch,
  Transponders,
} from './transponders.ts';
import { newInterpolated, TruthTable } from './truth-table.ts';

export interface SensorSuiteOptions {
  /** The scenario's seed; each sensor mixes in its id and its own seed. */
  seed: number;
  /** Scenario start, ms since the epoch: receivers' 12 MHz counters start here, radars' phases are drawn from it. */
  startMs: number;
  /** Codec for the radars' ASTERIX (default: a new one). */
  codec?: AsterixCodec;
}

export type SimSensorModel = AdsbReceiver | RadarModel;

/** File extension per format, for `jointsky sim --out`. */
export const FORMAT_EXTENSION: Readonly<Record<SimFormat, string>> = { beast: 'beast', avr: 'avr', sbs: 'sbs', asterix: 'ast' };

export class SensorSuite {
  readonly table = new TruthTable();
  readonly transponders: Transponders;
  /** Every sensor, in the order of the configuration. */
  readonly models: SimSensorModel[] = [];
  readonly receivers: AdsbReceiver[] = [];
  readonly radars: RadarModel[] = [];
  readonly configs: readonly SimSensor[];
  private hearers = new Uint32Array(1024);
  private readonly st = newInterpolated();
  /** A bit per SBS receiver (as in the coverage masks; all bits when there are more than 32 receivers). */
  private readonly sbsMask: number;

  constructor(configs: readonly SimSensor[], opts: SensorSuiteOptions) {
    this.configs = configs;
    this.transponders = new Transponders(opts.seed);
    const codec = opts.codec ?? new AsterixCodec();
    for (const c of configs) {
      if (c.kind === 'radar') {
        const r = new RadarModel(c, opts.seed, opts.startMs, codec);
        this.radars.push(r);
        this.models.push(r);
      } else {
        const r = new AdsbReceiver(c, opts.seed, opts.startMs);
        this.receivers.push(r);
        this.models.push(r);
      }
    }
    let sbs = 0;
    this.receivers.forEach((r, i) => {
      if (r.format === 'sbs') sbs |= i < 32 ? 1 << i : 0x8000_0000;
    });
    this.sbsMask = this.receivers.length > 32 && sbs !== 0 ? -1 : sbs;
  }

  /** The truth at the next tick: every sensor observes the time since the previous tick. */
  observe(states: readonly TruthState[], timeMs: number): void {
    const table = this.table;
    table.update(states, timeMs);
    if (this.receivers.length > 0) {
      const hearers = this.coverage();
      this.dispatch(this.transponders.collect(table, hearers), hearers);
    }
    for (const r of this.radars) r.step(table);
  }

  /** Per aircraft, a bit per receiver (the first 32; bit 31 for all others) that has it in cover at this tick. */
  private coverage(): Uint32Array {
    const table = this.table;
    const receivers = this.receivers;
    if (this.hearers.length < table.size) this.hearers = new Uint32Array(Math.max(table.size, this.hearers.length * 2));
    const hearers = this.hearers;
    hearers.fill(0);
    for (let r = 0; r < receivers.length; r++) {
      if (receivers[r].prepare(table) === 0) continue;
      const v = receivers[r].visible;
      const bit = r < 32 ? 1 << r : 0x8000_0000;
      for (let i = 0; i < table.presentCount; i++) {
        const slot = table.present[i];
        if (v[slot] === 1) hearers[slot] |= bit;
      }
    }
    return hearers;
  }

  /** Hands each squitter of the tick (encoded by collect) to every receiver that hears it, in time order. */
  private dispatch(batch: SquitterBatch, hearers: Uint32Array): void {
    const table = this.table;
    const receivers = this.receivers;
    const nr = receivers.length;
    const st = this.st;
    const keys = batch.keys;
    const origin = batch.originMs;
    const first = batch.first;
    const frames = batch.frames;
    const lens = batch.len;
    const kin = batch.state;
    const sbsMask = this.sbsMask;
    for (let e = 0; e < batch.count; e++) {
      // the key: µs after the tick's start, then slot * 8 + kind (see SquitterBatch)
      const key = keys[e];
      const us = Math.floor(key / 8_388_608);
      const rest = key - us * 8_388_608;
      const slot = rest >>> 3;
      const kind = rest & 7;
      const t = origin + us / 1000;
      // this aircraft's squitters of this kind come in time order: the next one kept is this one
      const j = first[slot * SQUITTER_KINDS + kind]++;
      const off = j * FRAME_STRIDE;
      const len = lens[j];
      const s = table.cur[slot];
      const mask = nr <= 32 ? hearers[slot] : sbsMask;
      st.timeMs = t;
      if (kind <= SQ_VELOCITY && (mask & sbsMask) !== 0) {
        // only SBS lines need the kinematics again (Beast and AVR carry the frame)
        const o = j * KIN_FIELDS;
        st.lat = kin[o + KIN_LAT];
        st.lon = kin[o + KIN_LON];
        st.pressureAltFt = kin[o + KIN_PALT];
        st.gsMps = kin[o + KIN_GS];
        st.trackDeg = kin[o + KIN_TRK];
        st.vrMps = kin[o + KIN_VR];
      }
      if (nr <= 32) {
        let m = mask;
        while (m !== 0) {
          const low = m & -m;
          receivers[31 - Math.clz32(low)].receive(frames, off, len, kind, slot, s, st);
          m ^= low;
        }
      } else {
        for (let r = 0; r < nr; r++) if (receivers[r].visible[slot] === 1) receivers[r].receive(frames, off, len, kind, slot, s, st);
      }
    }
  }

  /** What sensor `index` (configuration order) emitted since the last call; views valid until the next observe(). */
  drain(index: number): SensorChunk {
    return this.models[index].log.drain();
  }

  /** A registry of the same sensors (position, SAC/SIC, editions, accuracy, biases), for decoding their output. */
  registry(): SensorRegistry {
    const reg = new SensorRegistry();
    for (const c of this.configs) reg.add(registryConfig(c));
    return reg;
  }
}

/** The file a sensor's stream is written to under `--out`: its id and its format's extension. */
export function sensorFileName(s: SimSensor, pcap = false): string {
  const format = sensorFormat(s);
  return `${s.id}.${format === 'asterix' && pcap ? 'pcap' : FORMAT_EXTENSION[format]}`;
}
