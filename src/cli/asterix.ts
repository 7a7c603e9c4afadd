// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky asterix`: decode ASTERIX (pcap, pcapng, raw block files, UDP) to NDJSON, count it, or encode
// that NDJSON back into the identical bytes.

import { readFile, writeFile } from 'node:fs/promises';
import { type AsterixConfig, AsterixCodec, AsterixConfigError, availableEditions } from '../asterix/codec.ts';
import { commBHook } from '../asterix/commb.ts';
import type { DataBlock } from '../asterix/decode.ts';
import { EncodeError } from '../asterix/encode.ts';
import { writePcap } from '../asterix/io/pcap.ts';
import { readSource, type SourceDatagram, stripOradis } from '../asterix/io/source.ts';
import { AsterixUdpReceiver, AsterixUdpSender } from '../asterix/io/udp.ts';
import { blockLines, LineEncoder, type Line, parseLine } from '../asterix/ndjson.ts';
import { type CliIO, type Command, parseCommandArgs, UsageError } from './usage.ts';

const HELP = `jointsky asterix: decode and encode EUROCONTROL ASTERIX

Usage: jointsky asterix decode [options] SOURCE
       jointsky asterix encode [options] [NDJSON]
       jointsky asterix --summary [options] SOURCE     (the same as: decode --summary)

decode reads SOURCE and writes one JSON object per record (NDJSON): dg and blk (datagram and block index),
ts (capture time, ms since the epoch, for captures), cat, edition, uap (categories with several UAPs),
sac, sic, and items: every item by name, with sub-items by name. Raw values are kept (numbers; hex strings
above 52 bits); quantities are {"raw","value","unit"} with the unit of the standard (NM, FL, ft, deg, s);
strings (callsign, Mode 3/A octal) are text. A block that cannot be decoded is written as
{"error": REASON, "detail", "hex"} and skipped using its LEN.

SOURCE is a capture (pcap or pcapng: the UDP payloads), a raw file of data blocks, '-' for raw blocks on
stdin, or udp://[ADDR:]PORT to listen (udp://239.1.2.3:8600?iface=10.0.0.5 joins a multicast group).

encode reads that NDJSON (a file, or stdin) and writes the identical bytes: raw blocks, a pcap, or UDP.

Decode options:
  --edition CAT=ED      edition for a category, e.g. --edition 48=1.31 (repeatable; default: the newest).
  --sensor S:CAT=ED     edition for one sensor, e.g. --sensor 25/201:48=1.32 (SAC/SIC in decimal; repeatable).
  --config FILE         JSON {"editions":{"48":"1.31"},"sensors":{"25/201":{"48":"1.32"}},"refs":{"48":"1.13"}}.
  --partial             keep the records before an error in a broken block (default strict: none).
  --summary             print records by category and by sensor (SAC/SIC), and rejected blocks by reason.
  --port P              captures: only UDP packets to port P (repeatable).
  --oradis              strip ORADIS framing (2-byte length and 4 header bytes) before each block.
  --bds                 decode Comm-B registers (BDS elements) with the Mode S decoder.
  --count N             udp: stop after N datagrams.
  --seconds S           udp: stop after S seconds.

Encode options:
  --out FILE            write to FILE instead of stdout.
  --pcap                write a pcap (Ethernet/IPv4/UDP, one datagram per packet) instead of raw blocks.
  --udp HOST:PORT       send each datagram by UDP instead.
  --port P              destination port in the pcap (default 8600).

Editions: ${Object.entries(availableEditions())
  .map(([c, e]) => `CAT${c.padStart(3, '0')} ${e.join(', ')}`)
  .join('; ')}.

Examples:
  jointsky asterix decode test/fixtures/asterix/cat_034_048.pcap
  jointsky asterix --summary test/fixtures/asterix/cat_034_048.pcap
  jointsky asterix decode --edition 48=1.32 --sensor 25/201:48=1.31 test/fixtures/asterix/cat048.raw
  jointsky asterix decode --oradis test/fixtures/asterix/cat_001_002.pcap
  jointsky asterix decode udp://8600 --count 100
  jointsky asterix decode rec.pcap > rec.ndjson && jointsky asterix encode rec.ndjson --out rec.bin
  jointsky asterix encode rec.ndjson --udp 127.0.0.1:8600
`;

function parseEditionArg(opt: string, s: string, into: Record<number, string>): void {
  const m = /^(\d{1,3})=(\d+\.\d+)$/.exec(s);
  if (!m) throw new UsageError(`asterix: ${opt} must be CAT=ED (e.g. 48=1.31), got '${s}'`);
  into[Number(m[1])] = m[2];
}

async function loadConfig(path: string): Promise<AsterixConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`asterix: cannot read --config ${path}: ${(e as Error).message}`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`asterix: ${path}: not JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UsageError(`asterix: ${path}: must be a JSON object`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['editions', 'sensors', 'refs', 'mode'].includes(k)) throw new UsageError(`asterix: ${path}: unknown key '${k}' (allowed: editions, sensors, refs, mode)`);
  }
  const cfg: AsterixConfig = {};
  const editionMap = (key: string, x: unknown): Record<number, string> => {
    if (typeof x !== 'object' || x === null) throw new UsageError(`asterix: ${path}: ${key} must be an object of CAT: "ED"`);
    const out: Record<number, string> = {};
    for (const [c, e] of Object.entries(x)) {
      if (!/^\d{1,3}$/.test(c) || typeof e !== 'string' || !/^\d+\.\d+$/.test(e)) throw new UsageError(`asterix: ${path}: ${key}.${c} must map a category number to an edition like "1.31"`);
      out[Number(c)] = e;
    }
    return out;
  };
  if (o.editions !== undefined) cfg.editions = editionMap('editions', o.editions);
  if (o.refs !== undefined) cfg.refs = editionMap('refs', o.refs);
  if (o.sensors !== undefined) {
    if (typeof o.sensors !== 'object' || o.sensors === null) throw new UsageError(`asterix: ${path}: sensors must be an object`);
    const s: Record<string, Record<number, string>> = {};
    for (const [k, m] of Object.entries(o.sensors)) s[k] = editionMap(`sensors.${k}`, m);
    cfg.sensors = s;
  }
  if (o.mode !== undefined) {
    if (o.mode !== 'strict' && o.mode !== 'partial') throw new UsageError(`asterix: ${path}: mode must be strict or partial`);
    cfg.mode = o.mode;
  }
  return cfg;
}

function positiveInt(opt: string, s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`asterix: ${opt} must be a positive integer, got '${s}'`);
  return n;
}

function parsePort(opt: string, s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`asterix: ${opt} must be a UDP port (0..65535), got '${s}'`);
  return n;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

class Summary {
  datagrams = 0;
  blocks = 0;
  records = 0;
  byCat = new Map<string, number>();
  bySensor = new Map<string, Map<string, number>>();
  rejected = new Map<string, number>();

  add(blocks: readonly DataBlock[]): void {
    this.datagrams++;
    for (const b of blocks) {
      this.blocks++;
      if (b.error) this.rejected.set(b.error.reason, (this.rejected.get(b.error.reason) ?? 0) + 1);
      for (const r of b.records) {
        this.records++;
        const cat = `CAT${String(r.cat).padStart(3, '0')} ${r.edition}`;
        this.byCat.set(cat, (this.byCat.get(cat) ?? 0) + 1);
        const sensor = r.sac >= 0 ? `${r.sac}/${r.sic}` : '(no 010)';
        let m = this.bySensor.get(sensor);
        if (!m) {
          m = new Map();
          this.bySensor.set(sensor, m);
        }
        const c = `CAT${String(r.cat).padStart(3, '0')}`;
        m.set(c, (m.get(c) ?? 0) + 1);
      }
    }
  }

  text(): string {
    const lines = [`datagrams ${this.datagrams}, blocks ${this.blocks}, records ${this.records}, rejected blocks ${[...this.rejected.values()].reduce((a, b) => a + b, 0)}`, '', 'records by category:'];
    for (const [k, v] of [...this.byCat].sort()) lines.push(`  ${k.padEnd(14)} ${String(v).padStart(8)}`);
    lines.push('', 'records by sensor (SAC/SIC):');
    const sensorKey = (s: string) => s.split('/').map((x) => x.padStart(3, '0')).join('/');
    for (const [s, m] of [...this.bySensor].sort((a, b) => sensorKey(a[0]).localeCompare(sensorKey(b[0])))) {
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      lines.push(`  ${s.padEnd(9)} ${String(total).padStart(8)}   ${[...m].sort().map(([c, n]) => `${c} ${n}`).join(', ')}`);
    }
    if (this.rejected.size > 0) {
      lines.push('', 'rejected blocks by reason:');
      for (const [k, v] of [...this.rejected].sort()) lines.push(`  ${k.padEnd(20)} ${String(v).padStart(8)}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

interface UdpSpec {
  port: number;
  address?: string;
  group?: string;
  iface?: string;
}

function parseUdp(src: string): UdpSpec {
  const m = /^udp:\/\/(?:([\d.]+):)?(\d+)(?:\?iface=([\d.]+))?$/.exec(src);
  if (!m) throw new UsageError(`asterix: UDP source must be udp://[ADDR:]PORT[?iface=IP], got '${src}'`);
  const spec: UdpSpec = { port: parsePort('udp port', m[2]) };
  if (m[1]) {
    const first = Number(m[1].split('.')[0]);
    if (first >= 224 && first <= 239) spec.group = m[1];
    else spec.address = m[1];
  }
  if (m[3]) spec.iface = m[3];
  return spec;
}

async function runDecode(argv: string[], io: CliIO, forceSummary: boolean): Promise<number> {
  const { values, positionals } = parseCommandArgs('asterix decode', argv, {
    edition: { type: 'string', multiple: true },
    sensor: { type: 'string', multiple: true },
    config: { type: 'string' },
    partial: { type: 'boolean' },
    summary: { type: 'boolean' },
    port: { type: 'string', multiple: true },
    oradis: { type: 'boolean' },
    bds: { type: 'boolean' },
    count: { type: 'string' },
    seconds: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('asterix decode: give exactly one SOURCE (a file, -, or udp://PORT)');
  const source = positionals[0];
  const cfg: AsterixConfig = values.config ? await loadConfig(values.config) : {};
  const editions: Record<number, string> = { ...(cfg.editions ?? {}) };
  for (const e of values.edition ?? []) parseEditionArg('--edition', e, editions);
  const sensors: Record<string, Record<number, string>> = { ...(cfg.sensors ?? {}) };
  for (const s of values.sensor ?? []) {
    const m = /^(\d{1,3}\/\d{1,3}):(.+)$/.exec(s);
    if (!m) throw new UsageError(`asterix: --sensor must be SAC/SIC:CAT=ED (e.g. 25/201:48=1.31), got '${s}'`);
    if (!sensors[m[1]]) sensors[m[1]] = {};
    parseEditionArg('--sensor', m[2], sensors[m[1]]);
  }
  cfg.editions = editions;
  cfg.sensors = sensors;
  if (values.partial) cfg.mode = 'partial';
  if (values.bds) cfg.bdsHook = commBHook();
  let codec: AsterixCodec;
  try {
    codec = new AsterixCodec(cfg);
  } catch (e) {
    if (e instanceof AsterixConfigError) throw new UsageError(`asterix: ${e.message}`);
    throw e;
  }
  const ports = (values.port ?? []).map((p) => parsePort('--port', p));
  const summary = forceSummary || values.summary ? new Summary() : null;
  // A closed pipe (| head) ends the output quietly.
  let closed = false;
  io.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
  });
  let dg = 0;
  const handle = (d: SourceDatagram) => {
    const blocks = codec.decode(d.payload);
    if (summary) summary.add(blocks);
    else {
      const lines = blockLines(blocks, d.payload, dg, d.timeMs);
      if (lines.length > 0 && !closed) io.stdout.write(`${lines.join('\n')}\n`);
    }
    dg++;
  };

  if (source.startsWith('udp://')) {
    const spec = parseUdp(source);
    const count = positiveInt('--count', values.count);
    const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
    if (seconds !== undefined && !(seconds > 0)) throw new UsageError(`asterix: --seconds must be a positive number, got '${values.seconds}'`);
    const rx = new AsterixUdpReceiver(spec);
    await new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const stop = () => {
        if (timer) clearTimeout(timer);
        rx.close().then(resolve, reject);
      };
      rx.onDatagram((d) => {
        const payload = values.oradis ? stripOradis(d.payload) : d.payload;
        if (payload) handle({ payload, timeMs: d.timeMs });
        if (count !== undefined && dg >= count) stop();
      });
      rx.onError(reject);
      rx.start().catch(reject);
      if (seconds !== undefined) timer = setTimeout(stop, seconds * 1000);
    });
  } else {
    const bytes = source === '-' ? await readAll(io.stdin) : await readFile(source);
    const src = readSource(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { ports: ports.length ? ports : undefined, oradis: values.oradis });
    if (src.error) io.stderr.write(`jointsky asterix: ${source}: ${src.error}\n`);
    for (const d of src.datagrams) handle(d);
    const skipped = Object.entries(src.skipped);
    if (skipped.length > 0) io.stderr.write(`jointsky asterix: skipped frames: ${skipped.map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  }
  if (summary) io.stdout.write(summary.text());
  return 0;
}

async function runEncode(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('asterix encode', argv, {
    out: { type: 'string' },
    pcap: { type: 'boolean' },
    udp: { type: 'string' },
    port: { type: 'string' },
  });
  if (positionals.length > 1) throw new UsageError('asterix encode: at most one NDJSON input (default stdin)');
  if (values.udp && (values.out || values.pcap)) throw new UsageError('asterix encode: --udp cannot be combined with --out or --pcap');
  let udp: { host: string; port: number } | undefined;
  if (values.udp) {
    const m = /^([^:]+):(\d+)$/.exec(values.udp);
    if (!m) throw new UsageError(`asterix encode: --udp must be HOST:PORT, got '${values.udp}'`);
    udp = { host: m[1], port: parsePort('--udp port', m[2]) };
  }
  const pcapPort = values.port === undefined ? 8600 : parsePort('--port', values.port);
  const input = positionals[0] ?? '-';
  const text = (input === '-' ? await readAll(io.stdin) : await readFile(input)).toString('utf8');
  const enc = new LineEncoder(new AsterixCodec());
  let n = 0;
  for (const raw of text.split('\n')) {
    n++;
    if (raw.trim() === '') continue;
    let line: Line;
    try {
      line = parseLine(raw);
      enc.add(line);
    } catch (e) {
      if (e instanceof EncodeError || e instanceof AsterixConfigError) {
        io.stderr.write(`jointsky asterix encode: ${input}:${n}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }
  let datagrams: Uint8Array[];
  try {
    datagrams = enc.finish();
  } catch (e) {
    io.stderr.write(`jointsky asterix encode: ${input}: ${(e as Error).message}\n`);
    return 1;
  }
  if (udp) {
    const tx = new AsterixUdpSender(udp);
    try {
      for (const d of datagrams) await tx.send(d);
    } finally {
      await tx.close();
    }
    return 0;
  }
  let out: Uint8Array;
  if (values.pcap) {
    out = writePcap(datagrams.map((payload, i) => ({ payload, timeMs: enc.times[i] ?? 0, dstPort: pcapPort, srcPort: pcapPort })));
  } else {
    out = Buffer.concat(datagrams);
  }
  if (values.out) await writeFile(values.out, out);
  else io.stdout.write(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  return 0;
}

export const asterixCommand: Command = {
  name: 'asterix',
  summary: 'decode ASTERIX (pcap, raw blocks, UDP) to NDJSON, count it, or encode NDJSON back to bytes',
  help: HELP,
  async run(argv: string[], io: CliIO): Promise<number> {
    const [sub, ...rest] = argv;
    if (sub === 'decode') return runDecode(rest, io, false);
    if (sub === 'encode') return runEncode(rest, io);
    if (argv.includes('--summary')) return runDecode(argv, io, true);
    if (sub === undefined) throw new UsageError('asterix: give a subcommand: decode, encode, or --summary SOURCE');
    throw new UsageError(`asterix: unknown subcommand '${sub}' (decode, encode, or --summary)`);
  },
};
