// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky asterix`: decode → NDJSON, encode back to identical bytes, --summary, usage errors, and the UDP
// receiver and sender on 127.0.0.1.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { toHex } from '../../src/asterix/bits.ts';
import { AsterixUdpReceiver, AsterixUdpSender, type Datagram } from '../../src/asterix/io/udp.ts';
import { readSource } from '../../src/asterix/io/source.ts';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/usage.ts';
import { FIXTURES, fixture } from './helpers.ts';

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: Buffer; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  const errs: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  stderr.on('data', (c: Buffer) => errs.push(c));
  const input = new PassThrough();
  input.end(stdin);
  const io: CliIO = { stdout, stderr, stdin: input, stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, out: Buffer.concat(chunks), err: Buffer.concat(errs).toString() };
}

describe('asterix: CLI', () => {
  it('decode writes NDJSON records with category, edition, sensor and items with units', async () => {
    const r = await run(['asterix', 'decode', '--edition', '48=1.31', join(FIXTURES, 'handmade_cat048_two_records.bin')]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.toString().trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[0].cat, 48);
    assert.equal(lines[0].edition, '1.31');
    assert.equal(lines[0].sac, 25);
    assert.equal(lines[0].sic, 201);
    assert.deepEqual(lines[1].items['090'].FL, { raw: 1400, value: 350, unit: 'FL' });
    assert.equal(lines[1].items['240'], 'SAS123  ');
    // Items come in wire order.
    assert.deepEqual(Object.keys(JSON.parse(r.out.toString().split('\n')[1]).items).length, 11);
  });

  it('encode turns decoded NDJSON back into identical bytes (raw and pcap)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jointsky-asterix-cli-'));
    try {
      for (const f of ['cat_034_048.pcap', 'cat062cat065.raw', 'cat21_re.ast']) {
        const dec = await run(['asterix', 'decode', join(FIXTURES, f)]);
        assert.equal(dec.code, 0, dec.err);
        const nd = join(dir, 'x.ndjson');
        writeFileSync(nd, dec.out);
        const enc = await run(['asterix', 'encode', nd]);
        assert.equal(enc.code, 0, enc.err);
        const expected = Buffer.concat(readSource(fixture(f)).datagrams.map((d) => d.payload));
        assert.equal(toHex(enc.out), toHex(expected), f);
        // From stdin, as a pcap: the same payloads again.
        const pcap = join(dir, 'x.pcap');
        const enc2 = await run(['asterix', 'encode', '--pcap', '--out', pcap], dec.out.toString());
        assert.equal(enc2.code, 0, enc2.err);
        const back = readSource(new Uint8Array(readFileSync(pcap)));
        assert.equal(toHex(Buffer.concat(back.datagrams.map((d) => d.payload))), toHex(expected));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--summary counts records by category and by sensor', async () => {
    const r = await run(['asterix', '--summary', join(FIXTURES, 'cat_034_048.pcap')]);
    assert.equal(r.code, 0, r.err);
    const s = r.out.toString();
    assert.match(s, /records 162/);
    assert.match(s, /CAT034 1\.29\s+34/);
    assert.match(s, /CAT048 1\.32\s+128/);
    assert.match(s, /25\/201\s+30\s+CAT034 2, CAT048 28/);
    const o = await run(['asterix', 'decode', '--summary', '--oradis', join(FIXTURES, 'cat_001_002.pcap')]);
    assert.match(o.out.toString(), /CAT001 1\.4\s+7/);
  });

  it('usage errors exit 2 with one line', async () => {
    for (const argv of [['asterix'], ['asterix', 'frobnicate'], ['asterix', 'decode'], ['asterix', 'decode', '--edition', '48', 'x'], ['asterix', 'decode', '--edition', '48=7.7', 'x'], ['asterix', 'decode', 'udp://nope']]) {
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
    }
    const h = await run(['asterix', '--help']);
    assert.equal(h.code, 0);
    assert.match(h.out.toString(), /Examples:/);
  });

  it('UDP sender and receiver on 127.0.0.1 carry the blocks unchanged', async () => {
    const rx = new AsterixUdpReceiver({ port: 0, address: '127.0.0.1' });
    const got: Datagram[] = [];
    const done = new Promise<void>((resolve) => {
      rx.onDatagram((d) => {
        got.push(d);
        if (got.length === 3) resolve();
      });
    });
    const port = await rx.start();
    const tx = new AsterixUdpSender({ host: '127.0.0.1', port });
    const blocks = readSource(fixture('cat_034_048.pcap')).datagrams.slice(0, 3).map((d) => d.payload);
    for (const b of blocks) await tx.send(b);
    await done;
    await tx.close();
    await rx.close();
    assert.deepEqual(
      got.map((d) => toHex(d.payload)),
      blocks.map((b) => toHex(b)),
    );
  });

  it('decode udp:// receives and decodes live datagrams; encode --udp sends them', async () => {
    // Find a free port, then let the CLI listen on it.
    const probe = new AsterixUdpReceiver({ port: 0, address: '127.0.0.1' });
    const port = await probe.start();
    await probe.close();
    const decoding = run(['asterix', 'decode', `udp://127.0.0.1:${port}`, '--count', '2', '--seconds', '10']);
    await new Promise((r) => setTimeout(r, 200));
    const dec = await run(['asterix', 'decode', join(FIXTURES, 'handmade_cat048_two_records.bin')]);
    const nd = `${dec.out.toString()}${dec.out.toString().replaceAll('"dg":0', '"dg":1')}`;
    const sent = await run(['asterix', 'encode', '--udp', `127.0.0.1:${port}`], nd);
    assert.equal(sent.code, 0, sent.err);
    const r = await decoding;
    assert.equal(r.code, 0, r.err);
    const lines = r.out.toString().trim().split('\n');
    assert.equal(lines.length, 4);
    assert.equal(JSON.parse(lines[3]).items['220'], 0x4ca123);
  });
});
