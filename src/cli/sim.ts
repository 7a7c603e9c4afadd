// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky sim`: fly a scenario past its sensors, faster than real time into files (each sensor's wire stream
// and the truth as NDJSON), or live on loopback ports as real receivers and radars would serve it.
// The simulation never reads the wall clock: only --serve's pacing and the progress bar do, at this edge.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writePcap } from '../asterix/io/pcap.ts';
import { type ScenarioNotification, scenarioNotifications } from '../sim/flight-plans.ts';
import { builtinScenarioNames, loadScenario, type Scenario } from '../sim/scenario.ts';
import { registryConfig, sensorFormat, type SimSensor } from '../sim/sensors/config.ts';
import { MANIFEST_NAME, RECORDING_FORMAT, type Recording } from '../surveillance/recording.ts';
import type { SensorChunk } from '../sim/sensors/output.ts';
import { SensorSuite, sensorFileName } from '../sim/sensors/suite.ts';
import { createSimulation, truthLine } from '../sim/simulation.ts';
import { loadWorld } from '../sim/world.ts';
import { type CliIO, type Command, parseCommandArgs, UsageError } from './usage.ts';

const HELP = `jointsky sim: fly a scenario past its sensors and emit what they send, with the ground truth

Usage: jointsky sim SCENARIO --out DIR [options]
       jointsky sim SCENARIO --serve [--speed X] [options]

SCENARIO is a built-in scenario (${builtinScenarioNames().join(', ')}) or a scenario file (JSON).
Its sensors each belong to a party and emit their real wire format: ADS-B receivers Beast (12 MHz counter
from the scenario's start), AVR or SBS; radars ASTERIX CAT048 plots with CAT034 north markers and sector
crossings. The same scenario and seed give byte-identical output.

--out DIR runs as fast as it can and writes into DIR (created if missing):
  SENSOR.beast / .avr / .sbs   each receiver's stream
  SENSOR.ast                   each radar's ASTERIX data blocks, back to back (.pcap with --pcap)
  recording.json               the manifest: each sensor's file, format and registry entry, and the start
                               time (jointsky track reads it)
  truth.ndjson                 one line per aircraft per tick: timeMs, id, icao, callsign, squawk, category,
                               class, type, lat, lon, heightM, pressureAltFt, gsMps, trackDeg, vrMps,
                               transponder, onGround
  notifications-PARTY.txt      the flight notifications the scenario's parties file (ICAO FPL, ready for
                               jointsky notify submit), if it has any
  and prints one line per sensor (file, messages or datagrams, bytes).

--serve plays the scenario live on 127.0.0.1 and prints where each sensor is: a TCP server per receiver that
serves its stream to every client (as dump1090 serves Beast on 30005, AVR on 30002, SBS on 30003), and a UDP
sender per radar, one data block per datagram to 127.0.0.1:PORT. Ports come from the sensors' "port" in the
scenario; otherwise receivers take a free port and radars 8600, 8601, ... It stops at the scenario's end.

Options:
  --out DIR        write files into DIR (faster than real time).
  --serve          serve live on loopback ports.
  --speed X        with --serve: X times real time (default 1; 10 plays an hour in six minutes).
  --seconds S      run only the first S seconds of the scenario.
  --seed N         replace the scenario's seed (traffic and every sensor's errors).
  --pcap           with --out: write radars as pcap (Ethernet/IPv4/UDP, one datagram a packet) instead of .ast.
  --no-truth       with --out: do not write truth.ndjson.

Examples:
  jointsky sim sk681-2014-03-03 --out runs/sk681
  jointsky sim baltic-day --out runs/day --seconds 600 --pcap
  jointsky sim my-scenario.json --out runs/mine --seed 7
  jointsky sim intercept --serve --speed 4
  jointsky sim baltic-day --serve &  jointsky decode tcp://127.0.0.1:PORT    (PORT as printed)
  jointsky asterix decode runs/sk681/se-mil-south.ast
  jointsky decode --summary runs/sk681/dk-kastrup-adsb.beast
`;

/** First UDP destination port for radars without one. */
const FIRST_RADAR_PORT = 8600;

interface Sink {
  write(index: number, sensor: SimSensor, chunk: SensorChunk): void;
  truth?(lines: string): void;
  close(): Promise<void> | void;
}

function parsePositive(option: string, value: string | undefined, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0 || (integer && !Number.isInteger(x))) {
    throw new UsageError(`sim: ${option} must be a positive ${integer ? 'integer' : 'number'}, got '${value}'`);
  }
  return x;
}

function scenarioFrom(arg: string, seed: number | undefined): Scenario {
  const named = builtinScenarioNames().some((n) => n === arg || (n === 'stress-N' && /^stress-\d{1,6}$/.test(arg)));
  if (!named && !existsSync(arg)) {
    throw new UsageError(`sim: '${arg}' is neither a built-in scenario (${builtinScenarioNames().join(', ')}) nor a file`);
  }
  const scenario = loadScenario(arg);
  return seed === undefined ? scenario : { ...scenario, seed };
}

/** Radar ports: the configured one, else 8600, 8601, ... skipping configured ones. */
function radarPorts(sensors: readonly SimSensor[]): Map<string, number> {
  const taken = new Set(sensors.map((s) => s.port).filter((p): p is number => p !== undefined));
  const out = new Map<string, number>();
  let next = FIRST_RADAR_PORT;
  for (const s of sensors) {
    if (s.kind !== 'radar') continue;
    if (s.port !== undefined) out.set(s.id, s.port);
    else {
      while (taken.has(next)) next++;
      out.set(s.id, next);
      taken.add(next++);
    }
  }
  return out;
}

class FileSink implements Sink {
  private readonly fds: number[];
  readonly units: number[];
  readonly bytes: number[];
  private readonly truthFd: number | undefined;
  truthLines = 0;

  constructor(
    dir: string,
    sensors: readonly SimSensor[],
    private readonly pcap: boolean,
    truth: boolean,
    private readonly ports: Map<string, number>,
    manifest: Recording,
  ) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    this.fds = sensors.map((s) => openSync(join(dir, sensorFileName(s, pcap)), 'w'));
    this.units = sensors.map(() => 0);
    this.bytes = sensors.map(() => 0);
    this.truthFd = truth ? openSync(join(dir, 'truth.ndjson'), 'w') : undefined;
    if (pcap) {
      // the pcap global header once; each tick's packets follow
      sensors.forEach((s, i) => {
        if (sensorFormat(s) === 'asterix') this.bytes[i] += writeSync(this.fds[i], writePcap([]));
      });
    }
  }

  write(i: number, s: SimSensor, c: SensorChunk): void {
    if (c.count === 0) return;
    this.units[i] += c.count;
    if (this.pcap && sensorFormat(s) === 'asterix') {
      const frames = [];
      let start = 0;
      for (let u = 0; u < c.count; u++) {
        frames.push({ timeMs: c.timesMs[u], payload: c.bytes.subarray(start, c.ends[u]), dstPort: this.ports.get(s.id), dstIp: '127.0.0.1' });
        start = c.ends[u];
      }
      const file = writePcap(frames);
      this.bytes[i] += writeSync(this.fds[i], file, 24);
      return;
    }
    this.bytes[i] += writeSync(this.fds[i], c.bytes);
  }

  truth(lines: string): void {
    if (this.truthFd !== undefined) writeSync(this.truthFd, lines);
  }

  get writesTruth(): boolean {
    return this.truthFd !== undefined;
  }

  close(): void {
    for (const fd of this.fds) closeSync(fd);
    if (this.truthFd !== undefined) closeSync(this.truthFd);
  }
}

class ServeSink implements Sink {
  private readonly servers: (Server | undefined)[] = [];
  private readonly clients: Set<Socket>[] = [];
  private udp: UdpSocket | undefined;
  readonly where: string[] = [];

  constructor(
    private readonly sensors: readonly SimSensor[],
    private readonly ports: Map<string, number>,
  ) {}

  async open(): Promise<void> {
    for (const s of this.sensors) {
      const clients = new Set<Socket>();
      this.clients.push(clients);
      if (s.kind === 'radar') {
        this.servers.push(undefined);
        this.udp ??= createSocket('udp4');
        this.where.push(`udp://127.0.0.1:${this.ports.get(s.id)}`);
        continue;
      }
      const server = createServer((socket) => {
        clients.add(socket);
        socket.on('close', () => clients.delete(socket));
        socket.on('error', () => clients.delete(socket));
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', (e) => reject(new Error(`cannot listen for ${s.id} on 127.0.0.1:${s.port ?? 0}: ${e.message}`)));
        server.listen(s.port ?? 0, '127.0.0.1', () => resolve());
      });
      this.servers.push(server);
      const addr = server.address();
      this.where.push(`tcp://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : s.port}`);
    }
  }

  write(i: number, s: SimSensor, c: SensorChunk): void {
    if (c.count === 0) return;
    if (s.kind === 'radar') {
      const port = this.ports.get(s.id)!;
      let start = 0;
      for (let u = 0; u < c.count; u++) {
        this.udp!.send(c.bytes.slice(start, c.ends[u]), port, '127.0.0.1');
        start = c.ends[u];
      }
      return;
    }
    if (this.clients[i].size === 0) return;
    const copy = Buffer.from(c.bytes);
    for (const socket of this.clients[i]) if (!socket.destroyed) socket.write(copy);
  }

  async close(): Promise<void> {
    for (const set of this.clients) for (const socket of set) socket.end();
    await Promise.all(this.servers.map((s) => (s ? new Promise<void>((resolve) => s.close(() => resolve())) : undefined)));
    if (this.udp) await new Promise<void>((resolve) => this.udp!.close(() => resolve()));
  }
}

/** A progress line on stderr (a terminal only), redrawn at most ten times a second. */
class SimProgress {
  private readonly wallStart = Date.now();
  private lastDraw = 0;
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly label: string,
    private readonly totalMs: number,
  ) {}

  update(doneMs: number, final = false): void {
    const now = Date.now();
    if (!final && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const f = this.totalMs > 0 ? Math.min(1, doneMs / this.totalMs) : 1;
    const width = 30;
    const filled = Math.round(f * width);
    const speed = doneMs / Math.max(1, now - this.wallStart);
    this.out.write(
      `\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}% ` +
        `${Math.round(doneMs / 1000)}/${Math.round(this.totalMs / 1000)} s  ${speed.toFixed(1)}× real time `,
    );
    if (final) this.out.write('\n');
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('sim', argv, {
    out: { type: 'string' },
    serve: { type: 'boolean' },
    speed: { type: 'string' },
    seconds: { type: 'string' },
    seed: { type: 'string' },
    pcap: { type: 'boolean' },
    'no-truth': { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('sim: give one SCENARIO (a built-in name or a file); see jointsky sim --help');
  if ((values.out === undefined) === (values.serve !== true)) throw new UsageError('sim: give either --out DIR or --serve');
  if (values.speed !== undefined && !values.serve) throw new UsageError('sim: --speed goes with --serve');
  if ((values.pcap || values['no-truth']) && values.serve) throw new UsageError('sim: --pcap and --no-truth go with --out');
  const speed = parsePositive('--speed', values.speed) ?? 1;
  const seconds = parsePositive('--seconds', values.seconds);
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!/^\d+$/.test(values.seed) || seed > 0xffff_ffff) throw new UsageError(`sim: --seed must be an integer 0..4294967295, got '${values.seed}'`);
  }

  const scenario = scenarioFrom(positionals[0], seed);
  const sim = createSimulation(scenario);
  const sensors = sim.sensors;
  const ports = radarPorts(sensors);
  const endMs = seconds === undefined ? sim.endMs : Math.min(sim.endMs, sim.startMs + seconds * 1000);
  const suite = new SensorSuite(sensors, { seed: scenario.seed, startMs: sim.startMs });

  let sink: FileSink | ServeSink;
  if (values.out !== undefined) {
    const manifest: Recording = {
      format: RECORDING_FORMAT,
      name: scenario.name,
      startMs: sim.startMs,
      feeds: sensors.map((s) => ({ file: sensorFileName(s, values.pcap === true), format: sensorFormat(s), sensor: registryConfig(s) })),
    };
    sink = new FileSink(values.out, sensors, values.pcap === true, values['no-truth'] !== true, ports, manifest);
  }
  else {
    sink = new ServeSink(sensors, ports);
    await sink.open();
    const width = Math.max(...sensors.map((s) => s.id.length));
    io.stdout.write(`${scenario.name}: ${sensors.length} sensors, ${(endMs - sim.startMs) / 1000} s at ${speed}× real time\n`);
    sensors.forEach((s, i) => {
      io.stdout.write(`  ${s.id.padEnd(width)}  ${s.party.padEnd(4)} ${sensorFormat(s).padEnd(7)} ${(sink as ServeSink).where[i]}\n`);
    });
  }

  const progress = io.stderrIsTTY ? new SimProgress(io.stderr, `sim ${scenario.name}`, endMs - sim.startMs) : undefined;
  const wallStart = Date.now();
  let ticks = 0;
  let aircraftTicks = 0;
  try {
    // Each tick is finished with before the next step: the shared states need no copy.
    for (let states = sim.stepShared(); states !== undefined; states = sim.stepShared()) {
      const t = states.length > 0 ? states[0].timeMs : sim.nextTimeMs - sim.tickMs;
      if (t > endMs) break;
      suite.observe(states, t);
      ticks++;
      aircraftTicks += states.length;
      if (sink instanceof ServeSink) {
        // pacing, at the edge: the tick's output goes out when the wall clock reaches its time
        const due = wallStart + (t - sim.startMs) / speed;
        const wait = due - Date.now();
        if (wait > 0) await sleep(wait);
      } else if (sink.writesTruth && states.length > 0) {
        let text = '';
        for (const s of states) text += `${truthLine(s)}\n`;
        sink.truth(text);
      }
      for (let i = 0; i < sensors.length; i++) sink.write(i, sensors[i], suite.drain(i));
      progress?.update(t - sim.startMs);
    }
  } finally {
    await sink.close();
  }
  progress?.update(endMs - sim.startMs, true);

  if (sink instanceof FileSink) {
    const width = Math.max(...sensors.map((s) => sensorFileName(s, values.pcap === true).length), 'truth.ndjson'.length);
    io.stdout.write(`${scenario.name}: ${ticks} ticks, ${aircraftTicks} aircraft states, into ${values.out}\n`);
    sensors.forEach((s, i) => {
      const what = s.kind === 'radar' ? 'datagrams' : 'messages';
      io.stdout.write(`  ${sensorFileName(s, values.pcap === true).padEnd(width)}  ${String(sink.units[i]).padStart(9)} ${what.padEnd(9)} ${String(sink.bytes[i]).padStart(11)} bytes\n`);
    });
    if (sink.writesTruth) io.stdout.write(`  ${'truth.ndjson'.padEnd(width)}  ${String(aircraftTicks).padStart(9)} states\n`);
    for (const [party, file] of notificationFiles(scenarioNotifications(scenario, sim.flights, loadWorld()))) {
      const name = `notifications-${party}.txt`;
      writeFileSync(join(values.out as string, name), file.text);
      io.stdout.write(`  ${name.padEnd(width)}  ${String(file.messages).padStart(9)} ATS messages (jointsky notify submit)\n`);
    }
  } else io.stdout.write(`${scenario.name}: done, ${ticks} ticks\n`);
  return 0;
}

/** Each party's notifications as one file for `jointsky notify submit`: the filing time as a comment above each. */
function notificationFiles(notifications: readonly ScenarioNotification[]): Map<string, { text: string; messages: number }> {
  const out = new Map<string, { text: string; messages: number }>();
  for (const n of notifications) {
    const file = out.get(n.party) ?? { text: '', messages: 0 };
    file.text += `${file.messages > 0 ? '\n' : ''}# filed ${new Date(n.timeMs).toISOString()} (notify submit --time)\n${n.message}\n`;
    file.messages++;
    out.set(n.party, file);
  }
  return out;
}

export const simCommand: Command = {
  name: 'sim',
  summary: 'fly a scenario past its sensors: Beast/AVR/SBS and ASTERIX streams plus ground truth',
  help: HELP,
  run,
};
