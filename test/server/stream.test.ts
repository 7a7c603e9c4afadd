// SPDX-License-Identifier: GPL-3.0-or-later
// The live stream: over a real WebSocket, one snapshot per data second with the data time of the scenario and
// every aircraft of the truth; alerts as they happen; refusal without a token. And the fan-out's drop-to-latest
// for a slow client, with a socket whose writes finish only when the test says so.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Track } from '../../src/fusion/track.ts';
import { loadScenario } from '../../src/sim/scenario.ts';
import { createSimulation } from '../../src/sim/simulation.ts';
import { type StreamSocket, StreamHub } from '../../src/server/stream.ts';
import { startTestServer, type TestServer, type WsClient, wsConnect } from './helpers.ts';

type Msg = { type: 'tracks'; timeMs: number; tracks: Track[] } | { type: 'alert'; event: { type: string } } | { type: string };

/** Collects messages; `next(pred)` resolves with the first (queued or future) message that matches. */
function inbox(ws: WsClient) {
  const queue: Msg[] = [];
  const waiting: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString('utf8')) as Msg;
    const w = waiting.findIndex((x) => x.pred(m));
    if (w >= 0) waiting.splice(w, 1)[0].resolve(m);
    else queue.push(m);
  });
  return {
    queue,
    next(pred: (m: Msg) => boolean): Promise<Msg> {
      const i = queue.findIndex(pred);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]);
      return new Promise((resolve) => waiting.push({ pred, resolve }));
    },
  };
}

describe('live stream', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer('sk681-2014-03-03');
  });
  after(async () => {
    await s?.close();
  });

  it('refuses a connection without a valid token', async () => {
    await assert.rejects(wsConnect(`${s.url.replace('http', 'ws')}/api/v1/stream`), /401/);
    await assert.rejects(wsConnect(`${s.url.replace('http', 'ws')}/api/v1/stream?token=wrong`), /401/);
  });

  it('sends one snapshot per data second, at the data time, with every aircraft of the truth', async () => {
    const truth = createSimulation(loadScenario('sk681-2014-03-03'));
    const ws = await wsConnect(`${s.url.replace('http', 'ws')}/api/v1/stream?token=${s.tokens.se}`);
    const ws2 = await wsConnect(`${s.url.replace('http', 'ws')}/api/v1/stream?token=${s.tokens.dk}`);
    const box = inbox(ws);
    const box2 = inbox(ws2);
    try {
      let prev: number | undefined;
      for (let i = 0; i < 90; i++) {
        const states = truth.step()!;
        s.source.advance(1);
        const m = (await box.next((x) => x.type === 'tracks')) as { timeMs: number; tracks: Track[] };
        const m2 = (await box2.next((x) => x.type === 'tracks')) as { timeMs: number; tracks: Track[] };
        assert.equal(m.timeMs, states[0]?.timeMs ?? m.timeMs, 'the scenario time of the tick');
        if (prev !== undefined) assert.equal(m.timeMs - prev, 1000, '1 Hz of data time');
        prev = m.timeMs;
        assert.equal(m.tracks.length, states.length);
        assert.deepEqual(m2, m, 'every client gets the same snapshot');
      }
    } finally {
      ws.close();
      ws2.close();
    }
  });

  it('sends alerts as they happen, between snapshots', async () => {
    const ws = await wsConnect(`${s.url.replace('http', 'ws')}/api/v1/stream?token=${s.tokens.se}`);
    const box = inbox(ws);
    try {
      // SK681 and the dark Il-20 come into conflict a little over six minutes into the scenario.
      let alert: Msg | undefined;
      for (let i = 0; i < 600 && !alert; i++) {
        s.source.advance(1);
        await box.next((x) => x.type === 'tracks');
        alert = box.queue.find((x) => x.type === 'alert');
      }
      assert.ok(alert, 'an alert message');
      assert.equal((alert as { event: { type: string } }).event.type, 'new');
    } finally {
      ws.close();
    }
  });
});

/** A socket whose writes complete only when `flush` is called. */
class SlowSocket implements StreamSocket {
  readyState = 1;
  bufferedAmount = 0;
  sent: Buffer[] = [];
  private callbacks: (() => void)[] = [];
  send(data: Buffer, _o: { binary: boolean }, cb?: () => void): void {
    this.sent.push(data);
    if (cb) this.callbacks.push(cb);
  }
  flush(): void {
    const cbs = this.callbacks;
    this.callbacks = [];
    for (const cb of cbs) cb();
  }
  on(): this {
    return this;
  }
  close(): void {}
  terminate(): void {
    this.readyState = 3;
  }
}

describe('stream fan-out', () => {
  it('a slow client gets the latest snapshot, never a queue; a fast one gets all', () => {
    const hub = new StreamHub();
    const slow = new SlowSocket();
    const fast = new SlowSocket();
    hub.add(slow, 'se');
    hub.add(fast, 'dk');
    const frames = [1, 2, 3, 4].map((i) => Buffer.from(`{"type":"tracks","timeMs":${i}}`));
    hub.snapshot(frames[0]);
    fast.flush();
    for (const f of frames.slice(1)) {
      hub.snapshot(f);
      fast.flush();
    }
    assert.deepEqual(fast.sent, frames);
    assert.deepEqual(slow.sent, [frames[0]], 'nothing more while the first is being written');
    slow.flush();
    assert.deepEqual(slow.sent, [frames[0], frames[3]], 'then the latest, skipping 2 and 3');
    assert.equal(hub.stats().snapshotsDropped, 2, 'frames 2 and 3 never went to the slow client');
    // The same bytes, not copies: the frame is serialized once for every client.
    assert.equal(fast.sent[3], slow.sent[1]);
  });
});
