// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky <command> [options]`: dispatches to one file per command.

import { COMMANDS } from './commands.ts';
import { type CliIO, UsageError } from './usage.ts';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'jointsky: a shared air picture and flight-safety measures that every party can verify',
    '',
    'Usage: jointsky <command> [options]     jointsky <command> --help',
    '',
    'Commands:',
    ...lines,
    '',
  ].join('\n');
}

export function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, stderrIsTTY: Boolean(process.stderr.isTTY) };
}

/** Runs the CLI; returns the exit code (2 for usage errors). */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`jointsky: unknown command '${name}' (try jointsky --help)\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`jointsky ${err.message}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    io.stderr.write(`jointsky ${name}: ${e.message}\n`);
    return 1;
  }
}
