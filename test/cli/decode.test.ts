// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky decode` end to end: NDJSON, SBS and summary output, usage errors, stdin and a live TCP receiver.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { parseSbsLine } from '../../src/feeds/sbs.ts';
import { runCli } from '../helpers/cli.ts';
import { fixturePath } from '../helpers/decode-file.ts';

const riddle = JSON.parse(readFileSync(fixturePath('riddle_vectors.json'), 'utf8'));

test('--help and the command list', async () => {
  const help = await runCli(['decode', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /Usage: jointsky decode/);
  const overview = await runCli([]);
  assert.equal(overview.code, 0);
  assert.match(overview.out, /decode/);
});

test('usage mistakes exit 2 with one line naming the problem', async () => {
  const cases: [string[], RegExp][] = [
    [['decode'], /expected one SOURCE/],
    [['decode', '--format', 'xml', 'f'], /--format must be one of auto, beast, avr, sbs, hex; got 'xml'/],
    [['decode', '--ref', '91,0', 'f'], /--ref must be LAT,LON/],
    [['decode', '--limit', '0', 'f'], /--limit must be a whole number/],
    [['decode', '--bogus', 'f'], /bogus/],
    [['decode', 'tcp://localhost'], /port/],
    [['nosuchcommand'], /unknown command 'nosuchcommand'/],
  ];
  for (const [args, pattern] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, pattern);
    assert.equal(r.err.trim().split('\n').length, 1, `one line: ${r.err}`);
  }
});

test('a missing file is an error (exit 1) that names it', async () => {
  const r = await runCli(['decode', '/nonexistent/rec.beast']);
  assert.equal(r.code, 1);
  assert.match(r.err, /nonexistent/);
});

test('NDJSON from hex lines on stdin: the Riddle vectors with their fields', async () => {
  const lines = riddle.identification.map((v: { msg: string }) => v.msg).join('\n');
  const r = await runCli(['decode', '--stateless', '--rejects', '--no-fix', '-'], lines);
  assert.equal(r.code, 0, r.err);
  const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 3);
  assert.deepEqual(Object.keys(out[0]).slice(0, 5), ['timeMs', 'raw', 'df', 'icao', 'crc']);
  assert.equal(out[0].callsign, 'KLM1023');
  assert.equal(out[1].callsign, 'EZY85MH');
  assert.equal(out[2].reject, 'crc');
  assert.match(r.err, /decoder rejected: crc 1/);
  // The corrupted frame's remainder (16) is the syndrome of one parity bit: with correction on (the default)
  // it is repaired there, and the content is untouched.
  const fixed = JSON.parse((await runCli(['decode', '--stateless', '-'], riddle.identification[2].msg)).out);
  assert.equal(fixed.crc, 'corrected');
  assert.ok(fixed.correctedBit >= 88, 'the flipped bit is in the parity field');
});

test('Beast recording: every message written, positions with the receiver reference', async () => {
  const r = await runCli(['decode', fixturePath('toulouse_2020.beast'), '--ref', '43.629,1.364']);
  assert.equal(r.code, 0, r.err);
  const out = r.out.trim().split('\n').map((l) => JSON.parse(l));
  // 239 frames: 233 decoded, 6 address/parity replies from addresses never confirmed (see the stderr line).
  assert.equal(out.length, 233);
  assert.match(r.err, /239 frames .* 233 decoded .*ap-unknown-address 6/);
  assert.equal(out.filter((m) => m.lat !== undefined).length, 3);
  for (const m of out) assert.ok(typeof m.mlat12MHz === 'number' && m.timeMs === m.mlat12MHz / 12_000);
});

test('--output sbs writes BaseStation lines that parse back to the decoded values', async () => {
  const json = await runCli(['decode', fixturePath('sample_data_adsb.csv')]);
  const sbs = await runCli(['decode', '--output', 'sbs', fixturePath('sample_data_adsb.csv')]);
  assert.equal(sbs.code, 0, sbs.err);
  const records = sbs.out.trim().split('\r\n').map((l) => parseSbsLine(l));
  const decoded = json.out.trim().split('\n').map((l) => JSON.parse(l));
  const withPosition = decoded.filter((m) => m.lat !== undefined);
  const sbsPositions = records.flatMap((p) => (p.kind === 'msg' && p.record.lat !== undefined ? [p.record] : []));
  assert.equal(sbsPositions.length, withPosition.length);
  for (let i = 0; i < withPosition.length; i++) {
    assert.ok(Math.abs(sbsPositions[i].lat! - withPosition[i].lat) < 1e-6);
    assert.equal(sbsPositions[i].transmissionType, 3);
    assert.equal(sbsPositions[i].altFt, withPosition[i].altFt);
  }
});

test('--summary: a table per aircraft and the rejections by reason', async () => {
  const r = await runCli(['decode', '--summary', fixturePath('hist_2015_data.txt')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^icao\s+callsign\s+squawk\s+msgs/);
  assert.match(r.out, /\d+ aircraft/);
  assert.match(r.out, /rejected frames \(decoder\)\n\s+ap-unknown-address\s+\d+/);
});

test('a live receiver over TCP: Beast frames decoded, --limit stops the run', async () => {
  const beast = readFileSync(fixturePath('toulouse_2020.beast'));
  const server = createServer((socket) => socket.end(beast));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const r = await runCli(['decode', '--stateless', '--limit', '100', `tcp://127.0.0.1:${port}`]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim().split('\n').length, 100);
    assert.match(r.err, /connected to tcp:\/\/127\.0\.0\.1/);
    assert.match(r.err, /stopped at --limit 100, 100 frames/);
  } finally {
    server.close();
  }
});
