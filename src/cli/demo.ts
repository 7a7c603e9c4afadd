// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky demo`: a built-in scenario flown live through the server: the API, the live stream and the web UI
// on http://127.0.0.1:8080, with a temporary shared log and the scenario's parties, whose tokens it prints.

import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { loadScenario } from '../sim/scenario.ts';
import { startDemo } from '../server/run.ts';
import { type CliIO, type Command, UsageError, parseCommandArgs } from './usage.ts';

const HELP = `jointsky demo: the shared Baltic air picture, live, with no configuration

Usage:
  jointsky demo [--port N] [--host ADDR] [--speed X] [--scenario NAME] [--ideal] [--data DIR] [--log-level LEVEL]

Runs a built-in scenario (default baltic-day) in real time (or --speed times faster) and serves the API, the
live stream and the web UI at http://127.0.0.1:8080. A temporary directory (removed at the end; --data DIR to
keep it) holds the picture's database and a fresh shared log whose parties are the scenario's parties; their keys are made for the run, and each party's
API token is printed at start (the UI on this computer can also pick a party by itself). Acknowledging an
alert appends an entry signed by that party's key, and the log's checkpoint is co-signed by every party.

The whole pipeline runs: each simulated sensor's real wire bytes (Beast, AVR, SBS, ASTERIX), the decoders,
fusion, the short-term conflict alert, encounter analysis and transponder compliance. --ideal shows the
simulator's truth as the tracks instead (a perfect tracker), with the same monitors.

Options:
  --port N           TCP port (default 8080; 0 for any free port)
  --host ADDR        address to listen on (default 127.0.0.1; the token hand-out answers loopback only)
  --speed X          data seconds per real second, e.g. 10 (default 1; "max" for as fast as possible)
  --scenario NAME    baltic-day, sk681-2014-03-03, sk1755-2014-12-12, intercept, stress-N, or a JSON file
  --ideal            the truth as tracks (an ideal tracker) instead of the sensors and fusion
  --data DIR         keep the picture's database, the log and its keys in DIR (a new, empty or missing
                     directory) instead of a temporary one removed at the end
  --log-level LEVEL  server log level: fatal, error, warn, info, debug (default warn)
  -h, --help         this help

Stop it with Ctrl-C.

Examples:
  jointsky demo
  jointsky demo --scenario sk681-2014-03-03 --speed 5
  jointsky demo --port 9090 --scenario stress-2000
`;

export function parseSpeed(value: string | undefined): number {
  if (value === undefined) return 1;
  if (value === 'max') return Number.POSITIVE_INFINITY;
  const x = Number(value);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || !(x > 0) || x > 10_000) {
    throw new UsageError(`demo: --speed must be a number above 0 and at most 10000, or "max"; got '${value}'`);
  }
  return x;
}

export function parsePort(command: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^[0-9]{1,5}$/.test(value) || n > 65_535) throw new UsageError(`${command}: --port must be a whole number from 0 to 65535; got '${value}'`);
  return n;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'] as const;

export function parseLevel(command: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (!(LEVELS as readonly string[]).includes(value)) throw new UsageError(`${command}: --log-level must be one of ${LEVELS.join(', ')}; got '${value}'`);
  return value;
}

/** Resolves on SIGINT or SIGTERM (or when `stop` is called, for tests). */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(sig);
    };
    const onInt = () => on('SIGINT');
    const onTerm = () => on('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'demo',
    argv,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      speed: { type: 'string' },
      scenario: { type: 'string' },
      data: { type: 'string' },
      ideal: { type: 'boolean' },
      'log-level': { type: 'string' },
    },
    false,
  );
  if (positionals.length) throw new UsageError('demo: takes no positional arguments');
  const port = parsePort('demo', values.port, 8080);
  const speed = parseSpeed(values.speed);
  const level = parseLevel('demo', values['log-level'], 'warn');
  const scenario = loadScenario(values.scenario ?? 'baltic-day');
  if (values.data !== undefined) {
    if (existsSync(values.data) && readdirSync(values.data).length > 0) throw new UsageError(`demo: --data ${values.data} is not empty`);
    mkdirSync(values.data, { recursive: true });
  }
  const demo = await startDemo({
    scenario,
    speed,
    ideal: values.ideal === true,
    host: values.host ?? '127.0.0.1',
    port,
    logger: { level },
    ...(values.data !== undefined ? { dir: values.data } : {}),
  });
  const url = demo.url.replace('://localhost', '://127.0.0.1');
  io.stdout.write(
    `jointsky demo: ${scenario.name} at ${Number.isFinite(speed) ? `${speed}×` : 'maximum'} speed from ${new Date(demo.driver.startMs).toISOString()}\n` +
      `  open ${url}\n` +
      `  data: ${demo.world.dir}\n` +
      '  party tokens (Authorization: Bearer TOKEN):\n' +
      demo.world.parties.map((p) => `    ${p.id.padEnd(4)} ${p.token}  ${p.name}\n`).join('') +
      '  Ctrl-C to stop\n',
  );
  demo.driver.finished.then(() => io.stdout.write('jointsky demo: the scenario has ended; the picture stays up until Ctrl-C\n'));
  await untilSignal();
  await demo.close();
  if (values.data === undefined) rmSync(demo.world.dir, { recursive: true, force: true });
  io.stdout.write('jointsky demo: stopped\n');
  return 0;
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'the live Baltic picture: a scenario through the API, stream and web UI on http://127.0.0.1:8080',
  help: HELP,
  run,
};
