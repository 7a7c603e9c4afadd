// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers for the server: a demo world over a manually stepped simulator, real HTTP on 127.0.0.1 and a
// WebSocket client (the `ws` package that @fastify/websocket brings).

import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PictureSink, PictureSource } from '../../src/server/picture.ts';
import { createDemoWorld, type DemoWorld, type RunningServer, startServer } from '../../src/server/run.ts';
import { NotificationMonitor } from '../../src/notify/monitor.ts';
import { loadPlaces } from '../../src/notify/places.ts';
import type { RecorderOptions } from '../../src/server/recorder.ts';
import { SimDriver } from '../../src/server/sim-driver.ts';
import { loadScenario } from '../../src/sim/scenario.ts';

/** The minimal client API of the `ws` package used here. */
export interface WsClient {
  on(event: 'message', fn: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'open' | 'close', fn: () => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
  on(event: 'unexpected-response', fn: (req: unknown, res: { statusCode: number }) => void): void;
  close(): void;
  terminate(): void;
}
type WsCtor = new (url: string) => WsClient;
const WebSocketClient = createRequire(import.meta.url)('ws') as WsCtor;

/** Opens a WebSocket; resolves once open, rejects with the HTTP status if the upgrade is refused. */
export function wsConnect(url: string): Promise<WsClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocketClient(url);
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

/** A source the test steps by hand: the driver's ticks go to the server's sink only when `advance` is called. */
export class SteppedSource implements PictureSource {
  readonly sensors;
  readonly finished: Promise<void>;
  private sink: PictureSink | undefined;

  constructor(readonly driver: SimDriver) {
    this.sensors = driver.sensors;
    this.finished = driver.finished;
  }

  partyOf(trackId: number): string | undefined {
    return this.driver.partyOf(trackId);
  }

  start(sink: PictureSink): void {
    this.sink = sink;
  }

  async stop(): Promise<void> {}

  advance(n: number): void {
    if (!this.sink) throw new Error('not started');
    this.driver.advance(n, this.sink);
  }
}

export interface TestServer {
  url: string;
  dir: string;
  world: DemoWorld;
  source: SteppedSource;
  running: RunningServer;
  tokens: Record<string, string>;
  get(path: string, token?: string): Promise<{ status: number; body: unknown; text: string; type: string }>;
  /** POST, with `json` as the body when given. */
  post(path: string, token?: string, json?: unknown): Promise<{ status: number; body: unknown; text: string; type: string }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  record?: RecorderOptions;
  /** Match the tracks against the log's notifications (and those filed through the API). */
  notifications?: boolean;
}

export async function startTestServer(scenarioName = 'sk681-2014-03-03', options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'server-test-'));
  const scenario = loadScenario(scenarioName);
  const world = createDemoWorld(scenario, dir);
  const monitor = options.notifications ? new NotificationMonitor([], loadPlaces()) : undefined;
  const source = new SteppedSource(new SimDriver(scenario, { speed: Number.POSITIVE_INFINITY, ...(monitor ? { notifications: monitor } : {}) }));
  const running = await startServer({
    source,
    storePath: world.storePath,
    host: '127.0.0.1',
    port: 0,
    auth: world.auth,
    ledger: world.ledger,
    demoTokens: world.demoTokens,
    logger: false,
    webDir: join(dir, 'no-web'),
    ...(options.record !== undefined ? { record: options.record } : {}),
    ...(monitor ? { notificationMonitor: monitor } : {}),
  });
  const url = running.url.replace('localhost', '127.0.0.1');
  const call = async (method: string, path: string, token?: string, json?: unknown) => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    if (json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, { method, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, text, type, body: type.includes('json') ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    url,
    dir,
    world,
    source,
    running,
    tokens: Object.fromEntries(world.parties.map((p) => [p.id, p.token])),
    get: (path, token) => call('GET', path, token),
    post: (path, token, json) => call('POST', path, token, json),
    close: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
