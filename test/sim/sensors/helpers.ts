// SPDX-License-Identifier: GPL-3.0-or-later
// Hand-made truth for the sensor tests: aircraft on straight lines, constant-rate turns and constant climbs,
// exact at any instant, and a runner that feeds them tick by tick to a SensorSuite.

import { EnuFrame, type Geodetic } from '../../../src/core/geodesy.ts';
import { M_PER_FT } from '../../../src/core/units.ts';
import { type SimSensor, type SimSensorInput, SimSensorSchema } from '../../../src/sim/sensors/config.ts';
import { SensorSuite } from '../../../src/sim/sensors/suite.ts';
import type { TruthState } from '../../../src/sim/truth.ts';
import { AvrFramer } from '../../../src/feeds/avr.ts';
import { BeastFramer } from '../../../src/feeds/beast.ts';
import type { FramingError } from '../../../src/feeds/framing.ts';
import { type SbsRecord, SbsFramer } from '../../../src/feeds/sbs.ts';
import { isReject, type ModeSMessage } from '../../../src/modes/message.ts';
import { frameTimeMs } from '../../../src/modes/receive.ts';
import { ModeSStreamDecoder } from '../../../src/modes/stream.ts';

export const START_MS = Date.UTC(2014, 2, 3, 14, 0, 0);

export interface FlightSpec {
  id: string;
  icao: string;
  callsign?: string;
  squawk?: string;
  /** Position at START_MS. */
  lat: number;
  lon: number;
  heightM: number;
  gsMps: number;
  trackDeg: number;
  /** Turn rate, deg/s (positive right). */
  turnDegS?: number;
  vrMps?: number;
  transponder?: 'on' | 'off';
  onGround?: boolean;
}

const geo: Geodetic = { latDeg: 0, lonDeg: 0, hM: 0 };

/** A flight's exact state at time t (ms since the epoch). Pressure altitude equals the geometric height. */
export function stateAt(f: FlightSpec, t: number): TruthState {
  const frame = new EnuFrame(f.lat, f.lon, 0);
  const dt = (t - START_MS) / 1000;
  const w = ((f.turnDegS ?? 0) * Math.PI) / 180;
  const trk0 = (f.trackDeg * Math.PI) / 180;
  let e: number;
  let n: number;
  let trk: number;
  if (Math.abs(w) < 1e-12) {
    trk = trk0;
    e = f.gsMps * Math.sin(trk0) * dt;
    n = f.gsMps * Math.cos(trk0) * dt;
  } else {
    trk = trk0 + w * dt;
    e = (f.gsMps / w) * (Math.cos(trk0) - Math.cos(trk));
    n = (f.gsMps / w) * (Math.sin(trk) - Math.sin(trk0));
  }
  frame.toGeodetic(e, n, 0, geo);
  const heightM = f.heightM + (f.vrMps ?? 0) * dt;
  const trackDeg = ((((trk * 180) / Math.PI) % 360) + 360) % 360;
  return {
    timeMs: t,
    id: f.id,
    icao: f.icao,
    callsign: f.callsign ?? '',
    squawk: f.squawk ?? '1000',
    category: 'civil',
    aircraftClass: 'airliner',
    typeDesignator: 'A320',
    lat: geo.latDeg,
    lon: geo.lonDeg,
    heightM,
    pressureAltFt: heightM / M_PER_FT,
    gsMps: f.gsMps,
    trackDeg,
    vrMps: f.vrMps ?? 0,
    transponder: f.transponder ?? 'on',
    onGround: f.onGround ?? false,
  };
}

export function sensor(input: SimSensorInput): SimSensor {
  return SimSensorSchema.parse(input);
}

export interface RunResult {
  suite: SensorSuite;
  /** Every sensor's output, concatenated, by sensor id. */
  bytes: Map<string, Uint8Array>;
  /** Units (messages or datagrams) per sensor id, with their times. */
  units: Map<string, { bytes: Uint8Array; timeMs: number }[]>;
}

/** Runs flights past sensors from START_MS for `seconds`, one tick every `tickMs`. */
export function run(sensors: SimSensor[], flights: FlightSpec[], seconds: number, opts: { tickMs?: number; seed?: number } = {}): RunResult {
  const tickMs = opts.tickMs ?? 1000;
  const suite = new SensorSuite(sensors, { seed: opts.seed ?? 1, startMs: START_MS });
  const parts = sensors.map(() => [] as Uint8Array[]);
  const units = new Map(sensors.map((s) => [s.id, [] as { bytes: Uint8Array; timeMs: number }[]]));
  for (let t = START_MS; t <= START_MS + seconds * 1000; t += tickMs) {
    suite.observe(
      flights.map((f) => stateAt(f, t)),
      t,
    );
    sensors.forEach((s, i) => {
      const c = suite.drain(i);
      parts[i].push(c.bytes.slice());
      let start = 0;
      for (let u = 0; u < c.count; u++) {
        units.get(s.id)!.push({ bytes: c.bytes.slice(start, c.ends[u]), timeMs: c.timesMs[u] });
        start = c.ends[u];
      }
    });
  }
  const bytes = new Map<string, Uint8Array>();
  sensors.forEach((s, i) => {
    bytes.set(s.id, Buffer.concat(parts[i]));
  });
  return { suite, bytes, units };
}


export interface Decoded {
  messages: ModeSMessage[];
  rejected: number;
  framingErrors: Map<FramingError, number>;
  decoder: ModeSStreamDecoder;
  /** Per frame as framed: 12 MHz counter and signal level. */
  counters: number[];
  signals: number[];
}

/**
 * Frames a receiver's Beast or AVR bytes and decodes them with the stream decoder, the frame's time being the
 * receiver's 12 MHz counter from START_MS.
 */
export function decodeFrames(format: 'beast' | 'avr', bytes: Uint8Array, receiver: { lat: number; lon: number }): Decoded {
  const decoder = new ModeSStreamDecoder({ receiver });
  const out: Decoded = { messages: [], rejected: 0, framingErrors: new Map(), decoder, counters: [], signals: [] };
  const framer = format === 'beast' ? new BeastFramer() : new AvrFramer();
  const sink = {
    frame(_kind: string, buf: Uint8Array, off: number, len: number, timeMs: number, mlat12MHz: number, signal: number) {
      out.counters.push(mlat12MHz);
      out.signals.push(signal);
      const m = decoder.decode(buf, off, len, frameTimeMs(timeMs, mlat12MHz) + START_MS);
      if (isReject(m)) out.rejected++;
      else out.messages.push({ ...m });
    },
    error(reason: FramingError) {
      out.framingErrors.set(reason, (out.framingErrors.get(reason) ?? 0) + 1);
    },
  };
  framer.push(bytes, sink);
  framer.end(sink);
  return out;
}

export function decodeSbs(bytes: Uint8Array): SbsRecord[] {
  const records: SbsRecord[] = [];
  const framer = new SbsFramer();
  const sink = {
    record: (r: SbsRecord) => records.push(r),
    error: (reason: string, detail: string) => {
      throw new Error(`${reason}: ${detail}`);
    },
  };
  framer.push(bytes, sink);
  framer.end(sink);
  return records;
}

/** Horizontal distance between two positions, m (local flat Earth: for errors of metres). */
export function horizontalM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const n = (lat2 - lat1) * 111_195;
  const e = (lon2 - lon1) * 111_195 * Math.cos((lat1 * Math.PI) / 180);
  return Math.hypot(n, e);
}
