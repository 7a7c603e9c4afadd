// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real CLI in-process with captured streams.
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/usage.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `jointsky ARGS` with `stdin` as standard input; returns the exit code and what was written. */
export async function runCli(args: string[], stdin: string | Buffer = ''): Promise<CliRun> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(chunk.toString());
        done();
      },
    });
  const io: CliIO = {
    stdout: sink((s) => {
      out += s;
    }),
    stderr: sink((s) => {
      err += s;
    }),
    stdin: Readable.from([Buffer.from(stdin)]),
    stderrIsTTY: false,
  };
  const code = await main(args, io);
  return { code, out, err };
}
