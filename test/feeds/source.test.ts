// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { BeastFramer } from '../../src/feeds/beast.ts';
import { Backoff, openSource, parseSourceSpec, type SourceEvent, SourceSpecError } from '../../src/feeds/source.ts';
import { collector, FIXTURES, feedWhole, fixture } from './collect.ts';

test('parseSourceSpec: file, stdin, tcp, and clear errors for bad specs', () => {
  assert.deepEqual(parseSourceSpec('-'), { kind: 'stdin' });
  assert.deepEqual(parseSourceSpec('data/x.beast'), { kind: 'file', path: 'data/x.beast' });
  assert.deepEqual(parseSourceSpec('file:///tmp/a.avr'), { kind: 'file', path: '/tmp/a.avr' });
  assert.deepEqual(parseSourceSpec('tcp://localhost:30005'), { kind: 'tcp', host: 'localhost', port: 30005 });
  assert.deepEqual(parseSourceSpec('tcp://[::1]:30002'), { kind: 'tcp', host: '::1', port: 30002 });
  const bad: [string, RegExp][] = [
    ['tcp://host', /missing port/],
    ['tcp://host:', /missing port/],
    ['tcp://:30005', /missing host/],
    ['tcp://host:99999', /port '99999'/],
    ['tcp://host:abc', /port 'abc'/],
    ['udp://host:30005', /unsupported scheme 'udp:\/\/'/],
    ['', /empty source/],
  ];
  for (const [spec, message] of bad) {
    assert.throws(() => parseSourceSpec(spec), (err: unknown) => err instanceof SourceSpecError && message.test(err.message), spec);
  }
  assert.throws(() => openSource('tcp://host'), SourceSpecError);
});

test('Backoff doubles from the initial delay to the cap and resets', () => {
  const b = new Backoff();
  assert.deepEqual(
    Array.from({ length: 9 }, () => b.next()),
    [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000],
  );
  b.reset();
  assert.equal(b.next(), 500);
});

test('file and stdin sources yield the bytes of the input', async () => {
  const parts: Buffer[] = [];
  for await (const c of openSource(`${FIXTURES}/toulouse_2020.beast`, { readBytes: 1000 })) parts.push(c);
  assert.ok(parts.length > 1);
  assert.deepEqual(Buffer.concat(parts), fixture('toulouse_2020.beast'));
  const src = openSource('-', { stdin: Readable.from([Buffer.from('*5D4840D6F87407;\n'), Buffer.from('*5D4840D6F87407;\n')]) });
  const got: Buffer[] = [];
  for await (const c of src) got.push(c);
  assert.equal(Buffer.concat(got).toString(), '*5D4840D6F87407;\n'.repeat(2));
  assert.ok(Number.isNaN(src.receivedMs));
  await assert.rejects(async () => {
    for await (const _ of openSource('/nonexistent/feed.beast')) void _;
  }, /ENOENT/);
});

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const addr = server.address();
  assert.ok(addr !== null && typeof addr === 'object');
  return addr.port;
}

test('TCP: the client reconnects with backoff after a drop and gets the frames of both connections', async () => {
  const data = fixture('toulouse_2020.beast');
  // Byte offset of the end of the 100th frame, and a cut in the middle of the 101st.
  const ends: number[] = [];
  const probe = new BeastFramer();
  probe.push(data, { frame: () => ends.push(probe.framedBytes), error() {} });
  const cut = ends[99] + 7;
  let connections = 0;
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    connections++;
    if (connections === 1) socket.end(data.subarray(0, cut)); // drops mid-frame
    else socket.write(data); // and then serves the whole recording, staying open
  });
  const port = await listen(server);
  const events: SourceEvent[] = [];
  const controller = new AbortController();
  const framer = new BeastFramer();
  const { sink, result } = collector();
  const src = openSource(`tcp://127.0.0.1:${port}`, {
    signal: controller.signal,
    backoff: { initialMs: 20, maxMs: 200 },
    receiveTime: true,
    onEvent: (e) => {
      events.push(e);
      // A new connection starts a new stream: drop the partial frame of the old one.
      if (e.type === 'disconnected') framer.end(sink);
    },
  });
  const timeout = setTimeout(() => controller.abort(), 10_000);
  let received = 0;
  for await (const chunk of src) {
    received += chunk.length;
    assert.ok(Number.isFinite(src.receivedMs));
    framer.push(chunk, sink, src.receivedMs);
    if (result.frames.length >= 100 + 239) controller.abort();
  }
  clearTimeout(timeout);
  for (const s of sockets) s.destroy();
  server.close();
  assert.equal(received, cut + data.length);
  const expected = feedWhole(new BeastFramer(), data).frames.map((f) => f.hex);
  assert.deepEqual(
    result.frames.map((f) => f.hex),
    [...expected.slice(0, 100), ...expected],
  );
  assert.deepEqual(
    result.errors.map((e) => `${e.reason}:${e.bytes}`),
    ['beast-truncated:7'],
  );
  assert.ok(result.frames.every((f) => Number.isFinite(f.timeMs)), 'live frames get the receive time');
  const types = events.map((e) => e.type);
  assert.deepEqual(types, ['connecting', 'connected', 'disconnected', 'retry', 'connecting', 'connected']);
  const disc = events[2] as Extract<SourceEvent, { type: 'disconnected' }>;
  assert.equal(disc.bytes, cut);
  assert.match(disc.reason, /closed/);
  assert.equal((events[3] as Extract<SourceEvent, { type: 'retry' }>).delayMs, 20);
  const second = events[5] as Extract<SourceEvent, { type: 'connected' }>;
  assert.equal(second.attempt, 2);
  assert.ok(second.outageMs >= 15, `outage ${second.outageMs} ms`);
});

test('TCP: refused connections back off exponentially; abort stops the source', async () => {
  // A port that was just free: nothing listens there.
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((r) => probe.close(r));
  const controller = new AbortController();
  const delays: number[] = [];
  const src = openSource(`tcp://127.0.0.1:${port}`, {
    signal: controller.signal,
    backoff: { initialMs: 5, maxMs: 40 },
    onEvent: (e) => {
      if (e.type === 'retry') {
        delays.push(e.delayMs);
        if (delays.length === 6) controller.abort();
      }
      if (e.type === 'connect-failed') assert.match(e.reason, /ECONNREFUSED/);
    },
  });
  for await (const _ of src) assert.fail('no data expected');
  assert.deepEqual(delays, [5, 10, 20, 40, 40, 40]);
});
