// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky sim` end to end: usage, --out files that decode with the project's own decoders, determinism,
// pcap output, and --serve on loopback (a TCP client on a receiver, a UDP listener for a radar).
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import { AsterixCodec } from '../../src/asterix/codec.ts';
import { readCapture } from '../../src/asterix/io/pcap.ts';
import { main } from '../../src/cli/main.ts';
import { BeastFramer } from '../../src/feeds/beast.ts';
import { loadScenario } from '../../src/sim/scenario.ts';
import { runCli } from '../helpers/cli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'jointsky-sim-'));

test('--help explains both modes with examples', async () => {
  const r = await runCli(['sim', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /Usage: jointsky sim SCENARIO --out DIR/);
  assert.match(r.out, /--serve/);
  assert.match(r.out, /Examples:/);
  assert.match(r.out, /sk681-2014-03-03/);
});

test('usage mistakes exit 2 with one line naming the problem', async () => {
  const cases: [string[], RegExp][] = [
    [['sim'], /give one SCENARIO/],
    [['sim', 'intercept'], /either --out DIR or --serve/],
    [['sim', 'intercept', '--out', 'x', '--serve'], /either --out DIR or --serve/],
    [['sim', 'no-such-scenario', '--out', 'x'], /'no-such-scenario' is neither a built-in scenario/],
    [['sim', 'intercept', '--out', 'x', '--speed', '2'], /--speed goes with --serve/],
    [['sim', 'intercept', '--serve', '--speed', '0'], /--speed must be a positive number/],
    [['sim', 'intercept', '--out', 'x', '--seconds', 'ten'], /--seconds must be a positive number/],
    [['sim', 'intercept', '--out', 'x', '--seed', '-1'], /--seed/],
    [['sim', 'intercept', '--serve', '--pcap'], /--pcap and --no-truth go with --out/],
  ];
  for (const [args, pattern] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, pattern);
    assert.equal(r.err.trim().split('\n').length, 1, `one line: ${r.err}`);
  }
});

test('a scenario file with a bad sensor fails naming the file and the key', async () => {
  const dir = tmp();
  const scenario = JSON.parse(JSON.stringify(loadScenario('sk681-2014-03-03')));
  scenario.sensors[0].format = 'asterix';
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify(scenario));
  const r = await runCli(['sim', file, '--out', join(dir, 'out')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.json: sensors\[0\]\.format: a receiver sends 'beast', 'avr' or 'sbs'/);
});

test('--out writes every sensor’s stream and the truth; they decode, and a second run is byte-identical', async () => {
  const a = tmp();
  const b = tmp();
  const r = await runCli(['sim', 'sk681-2014-03-03', '--out', a, '--seconds', '120']);
  assert.equal(r.code, 0, r.err);
  assert.equal((await runCli(['sim', 'sk681-2014-03-03', '--out', b, '--seconds', '120'])).code, 0);
  const scenario = loadScenario('sk681-2014-03-03');
  const files = readdirSync(a).sort();
  assert.deepEqual(files, [...scenario.sensors.map((s) => `${s.id}.${s.kind === 'radar' ? 'ast' : s.format}`), 'recording.json', 'truth.ndjson'].sort());
  for (const f of files) assert.deepEqual(readFileSync(join(a, f)), readFileSync(join(b, f)), `${f} differs between runs`);
  for (const s of scenario.sensors) assert.match(r.out, new RegExp(`${s.id}\\.`));

  const truth = readFileSync(join(a, 'truth.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(truth.length > 0);
  const icaos = new Set(truth.map((t) => t.icao));
  assert.ok(truth.every((t) => t.timeMs <= Date.parse(scenario.start) + 120_000));

  // a Beast receiver: every frame frames, and the addresses are the truth's
  const beast = scenario.sensors.find((s) => s.kind === 'adsb' && s.format === 'beast')!;
  let frames = 0;
  new BeastFramer().push(readFileSync(join(a, `${beast.id}.beast`)), {
    frame(_k, buf, off) {
      frames++;
      if (buf[off] >> 3 === 17) assert.ok(icaos.has(Buffer.from(buf.subarray(off + 1, off + 4)).toString('hex')));
    },
    error(reason) {
      assert.fail(reason);
    },
  });
  assert.ok(frames > 100);

  // a radar: back-to-back CAT048/CAT034 blocks
  const radar = scenario.sensors.find((s) => s.kind === 'radar')!;
  const blocks = new AsterixCodec().decode(new Uint8Array(readFileSync(join(a, `${radar.id}.ast`))));
  assert.ok(blocks.length > 0);
  assert.ok(blocks.every((x) => x.error === undefined && (x.cat === 48 || x.cat === 34)));
  assert.ok(blocks.some((x) => x.cat === 34) && blocks.some((x) => x.cat === 48));
});

test('--pcap writes radars as captures of UDP datagrams; --no-truth leaves the truth out', async () => {
  const dir = tmp();
  const r = await runCli(['sim', 'sk681-2014-03-03', '--out', dir, '--seconds', '60', '--pcap', '--no-truth']);
  assert.equal(r.code, 0, r.err);
  const scenario = loadScenario('sk681-2014-03-03');
  assert.ok(!readdirSync(dir).includes('truth.ndjson'));
  for (const s of scenario.sensors.filter((x) => x.kind === 'radar')) {
    const cap = readCapture(new Uint8Array(readFileSync(join(dir, `${s.id}.pcap`))));
    assert.ok(cap.packets.length > 0);
    for (const p of cap.packets) assert.equal(new AsterixCodec().decode(p.payload).length, 1);
  }
});

test('--serve plays on loopback: a receiver over TCP, a radar over UDP, where it says', async () => {
  // free ports for the radar, then a scenario file that uses them
  const udp = createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));
  const port = udp.address().port;
  const datagrams: Buffer[] = [];
  udp.on('message', (m) => datagrams.push(m));
  const dir = tmp();
  const scenario = JSON.parse(JSON.stringify(loadScenario('sk681-2014-03-03')));
  scenario.sensors = scenario.sensors.filter((s: { id: string }) => s.id === 'dk-kastrup-adsb' || s.id === 'se-mil-south');
  scenario.sensors.find((s: { kind: string }) => s.kind === 'radar').port = port;
  const file = join(dir, 'serve.json');
  writeFileSync(file, JSON.stringify(scenario));

  let out = '';
  const received: Buffer[] = [];
  let connected: Promise<void> | undefined;
  const stdout = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      const m = /dk-kastrup-adsb.*tcp:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m && !connected) {
        connected = new Promise((resolve) => {
          const socket = connect(Number(m[1]), '127.0.0.1', () => resolve());
          socket.on('data', (d) => received.push(d));
        });
      }
      done();
    },
  });
  const stderr = new Writable({ write: (_c, _e, done) => done() });
  const code = await main(['sim', file, '--serve', '--speed', '20', '--seconds', '40'], { stdout, stderr, stdin: Readable.from([]), stderrIsTTY: false });
  assert.equal(code, 0);
  assert.match(out, new RegExp(`se-mil-south.*udp://127\\.0\\.0\\.1:${port}`));
  await new Promise((resolve) => setTimeout(resolve, 200));
  udp.close();
  let frames = 0;
  new BeastFramer().push(Buffer.concat(received), {
    frame: () => {
      frames++;
    },
    error: (reason) => assert.fail(reason),
  });
  assert.ok(frames > 50, `${frames} Beast frames over TCP`);
  assert.ok(datagrams.length > 5, `${datagrams.length} datagrams`);
  for (const d of datagrams) {
    const [block] = new AsterixCodec().decode(new Uint8Array(d));
    assert.ok(block.cat === 48 || block.cat === 34);
  }
});
