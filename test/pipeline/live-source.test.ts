// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky serve`'s source on real sockets (127.0.0.1): a receiver's SBS stream over TCP and a radar's ASTERIX
// datagrams over UDP, both from a simulated recording, go through decoding and fusion into tracks of the aircraft
// that the recording holds; a feed that is down is reported as not connected while the others go on.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { readSource } from '../../src/asterix/io/source.ts';
import { formatSbsTime, parseSbsTime } from '../../src/feeds/sbs.ts';
import { LiveFeedsSource, type LiveSensor } from '../../src/pipeline/live-source.ts';
import type { FeedHealth, PictureEvent } from '../../src/server/picture.ts';
import { readRecording } from '../../src/surveillance/recording.ts';
import { SensorRegistry } from '../../src/surveillance/sensors.ts';
import { runCli } from '../helpers/cli.ts';

/** SBS lines with their date/time fields moved so that the first line is now (the rest keep their spacing). */
function shiftSbsToNow(text: string): string {
  let offsetMs = Number.NaN;
  return text
    .split('\n')
    .map((line) => {
      const f = line.split(',');
      if (f.length < 10) return line;
      const t = parseSbsTime(f[6], f[7]);
      if (Number.isNaN(t)) return line;
      if (Number.isNaN(offsetMs)) offsetMs = Date.now() - t;
      const [date, time] = formatSbsTime(t + offsetMs);
      f[6] = date;
      f[7] = time;
      f[8] = date;
      f[9] = time;
      return f.join(',');
    })
    .join('\n');
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

describe('live feeds over loopback', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jointsky-live-'));
  const r = await runCli(['sim', 'sk681-2014-03-03', '--out', dir, '--seconds', '240', '--no-truth']);
  assert.equal(r.code, 0, r.err);
  const { recording } = readRecording(dir);
  const sbsFeed = recording.feeds.find((f) => f.format === 'sbs')!;
  const radarFeed = recording.feeds.find((f) => f.format === 'asterix')!;
  // a live receiver stamps lines with the current time: shift the recording's 2014 times to now
  const sbs = Buffer.from(shiftSbsToNow(readFileSync(join(dir, sbsFeed.file), 'latin1')), 'latin1');
  // the aircraft the receiver heard, from the SBS text itself
  const heard = new Set([...sbs.toString('latin1').matchAll(/^MSG,3,\d*,\d*,([0-9A-F]{6}),/gim)].map((m) => m[1].toLowerCase()));

  const clients = new Set<Socket>();
  const tcp = createServer((s) => {
    clients.add(s);
    s.on('error', () => {});
    s.end(sbs);
  });
  const tcpPort = await listen(tcp);
  const udpPort = 20_000 + Math.floor(Math.random() * 20_000);
  const dead = createServer();
  const deadPort = await listen(dead);
  await new Promise<void>((resolve) => dead.close(() => resolve()));

  const sensors: LiveSensor[] = [
    { ...sbsFeed.sensor, feed: { format: 'sbs', tcp: `127.0.0.1:${tcpPort}` } },
    { ...radarFeed.sensor, feed: { format: 'asterix', udp: { port: udpPort, address: '127.0.0.1' } } },
    { ...sbsFeed.sensor, id: 'down-adsb', feed: { format: 'sbs', tcp: `127.0.0.1:${deadPort}` } },
  ];
  const registry = new SensorRegistry();
  for (const { feed: _f, ...s } of sensors) registry.add(s);
  const events: PictureEvent[] = [];
  const source = new LiveFeedsSource({ sensors, registry, healthEveryMs: 200, clockTickMs: 50 });
  source.start((e) => events.push(e));
  after(async () => {
    await source.stop();
    for (const c of clients) c.destroy();
    tcp.close();
  });

  it('an SBS receiver over TCP gives tracks of the aircraft it heard, with their addresses', async () => {
    let icaos = new Set<string>();
    for (let i = 0; i < 100 && icaos.size < Math.min(3, heard.size); i++) {
      await sleep(100);
      icaos = new Set(events.flatMap((e) => (e.type === 'track' && e.event.type === 'update' && e.event.track.icao ? [e.event.track.icao] : [])));
    }
    assert.ok(icaos.size >= Math.min(3, heard.size), `tracks for ${[...icaos].join(', ')}`);
    for (const icao of icaos) assert.ok(heard.has(icao), `${icao} was not in the feed`);
    assert.ok(events.some((e) => e.type === 'tick'), 'the picture is sampled');
  });

  it('ASTERIX datagrams over UDP are decoded into reports; the feed that is down is reported not connected', async () => {
    const datagrams = readSource(new Uint8Array(readFileSync(join(dir, radarFeed.file))));
    const sock = createSocket('udp4');
    // a raw block file is one stream: send it as datagrams of one block each
    const bytes = datagrams.datagrams[0].payload;
    let sent = 0;
    for (let o = 0; o + 3 <= bytes.length && sent < 200; sent++) {
      const len = (bytes[o + 1] << 8) | bytes[o + 2];
      await new Promise<void>((resolve) => sock.send(bytes.subarray(o, o + len), udpPort, '127.0.0.1', () => resolve()));
      o += len;
    }
    sock.close();
    let health: FeedHealth[] = [];
    for (let i = 0; i < 50; i++) {
      await sleep(100);
      const last = events.filter((e) => e.type === 'health').at(-1);
      health = last?.type === 'health' ? last.feeds : [];
      if ((health.find((f) => f.id === radarFeed.sensor.id)?.messages ?? 0) >= sent) break;
    }
    const radar = health.find((f) => f.id === radarFeed.sensor.id)!;
    assert.equal(radar.messages, sent, 'every datagram counted');
    assert.equal(radar.connected, true);
    assert.deepEqual(radar.rejected, {});
    const down = health.find((f) => f.id === 'down-adsb')!;
    assert.equal(down.connected, false);
    assert.equal(down.messages, 0);
  });
});
