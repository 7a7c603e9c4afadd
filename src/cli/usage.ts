// SPDX-License-Identifier: GPL-3.0-or-later
// The contract every `jointsky <command>` follows: its own --help, and usage errors that exit with code 2
// and a one-line message.

import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how a command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Streams a command writes to; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** True when stderr is a terminal (progress bars go there only then). */
  stderrIsTTY: boolean;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text, printed by --help. */
  help: string;
  /** Runs the command; returns the exit code. Throws UsageError for bad arguments. */
  run(argv: string[], io: CliIO): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with errors turned into UsageError and `--help` always accepted. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(`${command}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Parses "LAT,LON" in degrees, naming the option on failure. */
export function parseLatLon(option: string, value: string): { lat: number; lon: number } {
  const parts = value.split(',');
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (parts.length !== 2 || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new UsageError(`${option} must be LAT,LON in degrees (e.g. 54.5,18.2), got '${value}'`);
  }
  return { lat, lon };
}

/** Parses a choice among fixed values, naming the option and the allowed values on failure. */
export function parseChoice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')}; got '${value}'`);
}
