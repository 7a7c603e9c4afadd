// SPDX-License-Identifier: GPL-3.0-or-later
// Wires a PictureSource to the live picture, its store and the API server, and listens. Also builds the
// demo's world: a temporary directory with a fresh shared log, the scenario's parties, their keys and tokens.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, type KeyPair } from '../ledger/keys.ts';
import { Ledger } from '../ledger/log.ts';
import { loadAddressBlocks, partyByAddress } from '../notify/attribution.ts';
import { formatItemError } from '../notify/errors.ts';
import { prepareFilings } from '../notify/filing.ts';
import { parseAtsMessage } from '../notify/message.ts';
import type { NotificationMonitor } from '../notify/monitor.ts';
import { loadPlaces, type PlaceResolver } from '../notify/places.ts';
import { loggedNotifications } from '../pipeline/notifications.ts';
import { SimulatedPictureSource } from '../pipeline/simulated-source.ts';
import { scenarioNotifications } from '../sim/flight-plans.ts';
import type { Scenario } from '../sim/scenario.ts';
import { createSimulation } from '../sim/simulation.ts';
import { loadWorld } from '../sim/world.ts';
import { PictureStore } from '../store/picture.ts';
import { SqliteLedgerStore } from '../store/sqlite.ts';
import { createServer, type JointskyServer, type ServerOptions } from './app.ts';
import { hashToken, newToken, PartyAuth } from './auth.ts';
import { LedgerService } from './ledger.ts';
import type { FlightNotification, PictureSource } from './picture.ts';
import { NotificationDesk } from './notifications.ts';
import { LogRecorder, type RecorderOptions } from './recorder.ts';
import { SimDriver } from './sim-driver.ts';
import { LivePicture } from './state.ts';

export interface RunningServer {
  url: string;
  server: JointskyServer;
  picture: LivePicture;
  store: PictureStore;
  ledger: LedgerService;
  source: PictureSource;
  recorder: LogRecorder | undefined;
  /** Stops the source, the server and closes the stores. */
  close(): Promise<void>;
}

export interface StartOptions extends Omit<ServerOptions, 'picture' | 'store' | 'sensors'> {
  source: PictureSource;
  storePath: string;
  host: string;
  port: number;
  historyIntervalMs?: number;
  /** The flight notifications of the shared log, listed from the start. */
  notifications?: readonly FlightNotification[];
  /** Incident reports and compliance statements the server files in the log by itself, as this party. */
  record?: RecorderOptions;
  /** The live matching of notifications, told of each one filed through the API. */
  notificationMonitor?: NotificationMonitor;
}

/** Starts the server over `source` and begins consuming it. */
export async function startServer(o: StartOptions): Promise<RunningServer> {
  const store = new PictureStore(o.storePath);
  const picture = new LivePicture(store, {
    ...(o.historyIntervalMs !== undefined ? { historyIntervalMs: o.historyIntervalMs } : {}),
    ...(o.source.partyOf ? { partyOf: (id: number) => o.source.partyOf?.(id) } : {}),
  });
  const notificationDesk = new NotificationDesk(o.ledger, picture, loadPlaces(), o.notificationMonitor);
  const server = await createServer({ ...o, picture, store, sensors: o.source.sensors, notificationDesk });
  const address = await server.app.listen({ host: o.host, port: o.port });
  const url = address.replace('[::1]', 'localhost');
  for (const notification of o.notifications ?? []) picture.handle({ type: 'notification', notification });
  const recorder = o.record !== undefined ? new LogRecorder(picture, o.ledger, o.record) : undefined;
  o.source.start((e) => {
    picture.handle(e);
    recorder?.handle(e);
  });
  let closed = false;
  return {
    url,
    server,
    picture,
    store,
    ledger: o.ledger,
    source: o.source,
    recorder,
    close: async () => {
      if (closed) return;
      closed = true;
      await o.source.stop();
      await server.close();
      store.close();
      o.ledger.close();
    },
  };
}

export interface DemoWorld {
  dir: string;
  parties: { id: string; name: string; token: string }[];
  auth: PartyAuth;
  ledger: LedgerService;
  demoTokens: Map<string, string>;
  /** Each party's public key (base64), as registered in the log. */
  publicKeys: Map<string, string>;
  storePath: string;
}

/** A fresh demo world for a scenario: temporary directory, log, keys and tokens for its parties. */
export function createDemoWorld(scenario: Scenario, dir = mkdtempSync(join(tmpdir(), 'jointsky-demo-'))): DemoWorld {
  const fromSensors = [...new Set(scenario.sensors.map((s) => s.party))].map((id) => ({ id, name: id }));
  const listed = scenario.parties.length > 0 ? scenario.parties.map((p) => ({ id: p.id, name: p.name })) : fromSensors;
  const keys = new Map<string, KeyPair>(listed.map((p) => [p.id, generateKeyPair()]));
  const logKey = generateKeyPair();
  const config = {
    origin: `demo.jointsky.local/${scenario.name}`,
    logPublicKey: logKey.publicKey.base64,
    quorum: 'all' as const,
    parties: listed.map((p) => ({ id: p.id, name: p.name.slice(0, 100), publicKey: keys.get(p.id)!.publicKey.base64 })),
  };
  const ledger = Ledger.create(new SqliteLedgerStore(join(dir, 'ledger.db')), config, { verifyThreads: 0 });
  const parties = listed.map((p) => ({ ...p, token: newToken() }));
  const auth = new PartyAuth(parties.map((p) => ({ id: p.id, name: p.name, tokenSha256: hashToken(p.token) })));
  return {
    dir,
    parties,
    auth,
    ledger: new LedgerService(ledger, { partyKeys: keys, logKey, autoCosign: true }),
    demoTokens: new Map(parties.map((p) => [p.id, p.token])),
    publicKeys: new Map([...keys].map(([id, k]) => [id, k.publicKey.base64])),
    storePath: join(dir, 'picture.db'),
  };
}

/** Files the scenario's flight notifications in the log, each signed by its own party; throws naming a bad one. */
export function fileScenarioNotifications(scenario: Scenario, ledger: LedgerService, places: PlaceResolver): void {
  if (scenario.notifications.length === 0) return;
  const filings = scenarioNotifications(scenario, createSimulation(scenario).flights, loadWorld()).map((n, k) => {
    const m = parseAtsMessage(n.message);
    if (!m.ok) throw new Error(`scenario ${scenario.name}: notification ${k + 1} of ${n.party}: ${formatItemError(m.error)}`);
    return { party: n.party, timeMs: n.timeMs, message: m.value };
  });
  const prepared = prepareFilings(ledger.ledger, filings, places, { airways: 'direct' });
  if (!prepared.ok) throw new Error(`scenario ${scenario.name}: notification ${prepared.filing + 1} refused: ${prepared.reason}`);
  ledger.appendAs(
    prepared.filings.map((f) => f.entry),
    filings[filings.length - 1].timeMs,
  );
}

/** What the demo runs: the whole pipeline on the simulated sensors, or (ideal) the truth as tracks. */
export type DemoSource = SimulatedPictureSource | SimDriver;

/** The demo: a scenario flown live through the server. */
export async function startDemo(o: {
  scenario: Scenario;
  speed: number;
  /** Truth as tracks (the ideal tracker) instead of the sensors, decoders and fusion. */
  ideal?: boolean;
  host: string;
  port: number;
  logger?: ServerOptions['logger'];
  webDir?: string;
  dir?: string;
}): Promise<RunningServer & { world: DemoWorld; driver: DemoSource }> {
  const world = createDemoWorld(o.scenario, o.dir);
  // The scenario's notifications go into the log first, signed by their parties; the live tracks are matched
  // against the log's notifications as they stand, and the list shows them.
  const places = loadPlaces();
  fileScenarioNotifications(o.scenario, world.ledger, places);
  const parties = new Set(o.scenario.parties.map((p) => p.id));
  const logged = loggedNotifications(world.ledger.ledger, places, { partyOf: partyByAddress(loadAddressBlocks(), parties) });
  const notifications = logged.monitor;
  const driver: DemoSource = o.ideal
    ? new SimDriver(o.scenario, { speed: o.speed, notifications })
    : new SimulatedPictureSource(o.scenario, { speed: o.speed, pipeline: { notifications } });
  const running = await startServer({
    source: driver,
    storePath: world.storePath,
    host: o.host,
    port: o.port,
    auth: world.auth,
    ledger: world.ledger,
    demoTokens: world.demoTokens,
    notifications: logged.notifications,
    notificationMonitor: logged.monitor,
    // The demo's statements are the first party's (it holds every party's key; a real server holds its own).
    record: { party: world.parties[0].id },
    ...(o.logger !== undefined ? { logger: o.logger } : {}),
    ...(o.webDir !== undefined ? { webDir: o.webDir } : {}),
  });
  return { ...running, world, driver };
}
