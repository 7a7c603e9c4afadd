// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky serve --config jointsky.yaml`: the shared picture for real feeds: validates the whole
// configuration at start (file, key, what is allowed), opens the picture store and the shared log, and serves
// the API, live stream and web UI.

import { existsSync, readFileSync } from 'node:fs';
import { ConfigError } from '../core/config.ts';
import { type LedgerConfig, parseConfig as parseLedgerConfig } from '../ledger/config.ts';
import type { KeyPair } from '../ledger/keys.ts';
import { Ledger } from '../ledger/log.ts';
import { loadAddressBlocks, partyByAddress } from '../notify/attribution.ts';
import type { NotificationMonitor } from '../notify/monitor.ts';
import { loadPlaces } from '../notify/places.ts';
import { LiveFeedsSource } from '../pipeline/live-source.ts';
import { loggedNotifications } from '../pipeline/notifications.ts';
import { PartyAuth } from '../server/auth.ts';
import { loadServeConfig, type ResolvedServeConfig } from '../server/config.ts';
import { LedgerService } from '../server/ledger.ts';
import { startServer } from '../server/run.ts';
import { SqliteLedgerStore } from '../store/sqlite.ts';
import { SensorRegistry } from '../surveillance/sensors.ts';
import { parseLevel, parsePort, untilSignal } from './demo.ts';
import { loadPrivateKey } from './keys.ts';
import { type CliIO, type Command, parseCommandArgs, UsageError } from './usage.ts';

const HELP = `jointsky serve: the shared air picture from real feeds, with the API, live stream and web UI

Usage:
  jointsky serve --config FILE [--port N] [--host ADDR] [--check] [--log-level LEVEL]

Reads the configuration (YAML; see jointsky.example.yaml for every key): where to listen, the picture's
database, the shared log, the parties (each with the SHA-256 of its API token or the environment variable
that holds it, and its signing key) and every party's sensors with their feeds: Beast, AVR or SBS over TCP
from receivers, ASTERIX over UDP (unicast or multicast) from radars. The whole file is checked before
anything starts; a problem is reported as FILE: KEY: what is allowed, and serve exits with code 1.

Options:
  --config FILE      the configuration file (required)
  --port N           listen on this port instead of the file's listen.port
  --host ADDR        listen on this address instead of the file's listen.host
  --check            validate the configuration (and the keys and the log it names), print a summary, exit
  --log-level LEVEL  fatal, error, warn, info or debug (default info)
  -h, --help         this help

Examples:
  jointsky serve --config jointsky.yaml
  jointsky serve --config jointsky.yaml --check
  JOINTSKY_TOKEN_SE=... jointsky serve --config jointsky.yaml --port 9090
`;

interface Prepared {
  config: ResolvedServeConfig;
  keys: Map<string, KeyPair>;
  logKey: KeyPair | undefined;
  ledgerConfig: LedgerConfig;
}

/** Everything the configuration names, checked: keys load, the log's parties include the configured ones. */
export function prepareServe(path: string, env: NodeJS.ProcessEnv = process.env): Prepared {
  const config = loadServeConfig(path, env);
  const file = config.file;
  const keys = new Map<string, KeyPair>();
  config.parties.forEach((p, i) => {
    if (p.key === undefined) return;
    try {
      keys.set(p.id, loadPrivateKey(p.key));
    } catch (err) {
      throw new ConfigError(`${file}: parties[${i}].key: ${(err as Error).message}`);
    }
  });
  let logKey: KeyPair | undefined;
  if (config.ledger.logKey !== undefined) {
    try {
      logKey = loadPrivateKey(config.ledger.logKey);
    } catch (err) {
      throw new ConfigError(`${file}: ledger.logKey: ${(err as Error).message}`);
    }
  }
  let text: string;
  try {
    text = readFileSync(config.ledger.parties, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: ledger.parties: cannot read ${config.ledger.parties} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const ledgerConfig = parseLedgerConfig(text, config.ledger.parties);
  config.parties.forEach((p, i) => {
    const lp = ledgerConfig.parties.find((q) => q.id === p.id);
    if (!lp) {
      throw new ConfigError(`${file}: parties[${i}].id: '${p.id}' is not a party of the log (${config.ledger.parties}: ${ledgerConfig.parties.map((q) => q.id).join(', ')})`);
    }
    const key = keys.get(p.id);
    if (key && key.publicKey.base64 !== lp.publicKey) {
      throw new ConfigError(`${file}: parties[${i}].key: this key is not party ${p.id}'s public key in ${config.ledger.parties}`);
    }
  });
  if (logKey && logKey.publicKey.base64 !== ledgerConfig.logPublicKey) {
    throw new ConfigError(`${file}: ledger.logKey: this key is not the logPublicKey of ${config.ledger.parties}`);
  }
  return { config, keys, logKey, ledgerConfig };
}

/** The picture's source: every configured feed, decoded and fused, with the monitors. */
function pictureSource(config: ResolvedServeConfig, io: CliIO, notifications: NotificationMonitor): LiveFeedsSource {
  const registry = new SensorRegistry();
  for (const { feed: _feed, ...sensor } of config.sensors) registry.add(sensor);
  return new LiveFeedsSource({
    sensors: config.sensors,
    registry,
    pipeline: { notifications },
    onFeedEvent: (id, e) => {
      if (e.type === 'connected') io.stderr.write(`jointsky serve: ${id}: connected${e.outageMs > 0 ? ` after ${(e.outageMs / 1000).toFixed(1)} s down` : ''}\n`);
      else if (e.type === 'disconnected') io.stderr.write(`jointsky serve: ${id}: disconnected (${e.reason})\n`);
      else if (e.type === 'connect-failed' && e.attempt === 1) io.stderr.write(`jointsky serve: ${id}: cannot connect (${e.reason}); retrying with backoff\n`);
      else if (e.type === 'udp-error') io.stderr.write(`jointsky serve: ${id}: ${e.reason}\n`);
    },
  });
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'serve',
    argv,
    { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, check: { type: 'boolean' }, 'log-level': { type: 'string' } },
    false,
  );
  if (positionals.length) throw new UsageError('serve: takes no positional arguments (give the file with --config FILE)');
  if (!values.config) throw new UsageError('serve: --config FILE is required (see jointsky.example.yaml)');
  const port = values.port !== undefined ? parsePort('serve', values.port, 8080) : undefined;
  const level = parseLevel('serve', values['log-level'], 'info');
  let prepared: Prepared;
  try {
    prepared = prepareServe(values.config);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`jointsky serve: bad configuration:\n${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const { config, keys, logKey, ledgerConfig } = prepared;
  const summary =
    `configuration ${config.file}: ${config.parties.length} parties (${config.parties.map((p) => p.id).join(', ')}), ` +
    `${config.sensors.length} sensors, picture ${config.storage.path}, log ${config.ledger.path}\n`;
  if (values.check) {
    io.stdout.write(`${summary}ok\n`);
    return 0;
  }
  const created = !existsSync(config.ledger.path);
  const ledger = Ledger.openOrCreate(new SqliteLedgerStore(config.ledger.path), ledgerConfig);
  const ledgerService = new LedgerService(ledger, { partyKeys: keys, ...(logKey ? { logKey } : {}) });
  const auth = new PartyAuth(config.parties.map((p, i) => ({ id: p.id, name: p.name, tokenSha256: config.tokenHashes[i] })));
  // the notifications filed in the shared log: listed by the API, and matched against the tracks
  const parties = new Set(config.parties.map((p) => p.id));
  const logged = loggedNotifications(ledger, loadPlaces(), { partyOf: partyByAddress(loadAddressBlocks(), parties) });
  const source = pictureSource(config, io, logged.monitor);
  const running = await startServer({
    source,
    storePath: config.storage.path,
    host: values.host ?? config.listen.host,
    port: port ?? config.listen.port,
    auth,
    ledger: ledgerService,
    notifications: logged.notifications,
    notificationMonitor: logged.monitor,
    ...(config.record !== undefined
      ? { record: { party: config.record.party, classes: config.record.classes, complianceIntervalMs: config.record.complianceIntervalS * 1000 } }
      : {}),
    logger: { level },
  });
  io.stdout.write(
    `jointsky serve: ${summary}` +
      `  ${created ? 'created' : 'opened'} the log (${ledger.size} entries)\n` +
      `  listening on ${running.url}\n` +
      config.sensors.map((x) => `  ${x.id} (${x.party}): ${x.feed.format === 'asterix' ? `udp ${x.feed.udp.group ?? ''}:${x.feed.udp.port}` : `tcp ${x.feed.tcp}`}\n`).join(''),
  );
  await untilSignal();
  await running.close();
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'the shared picture from real feeds (Beast/AVR/SBS over TCP, ASTERIX over UDP): API, stream, web UI',
  help: HELP,
  run,
};
