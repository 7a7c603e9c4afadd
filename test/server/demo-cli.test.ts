// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky demo` end to end in-process: it prints the URL and every party's token, the API answers those
// tokens, the local token hand-out lists the same parties, and a signal stops it cleanly and removes its
// temporary directory. Usage mistakes exit with code 2.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { PARTIES } from '../../src/sim/scenarios/common.ts';
import { runCli } from '../helpers/cli.ts';

describe('jointsky demo', () => {
  it('rejects bad options with exit code 2 and names them', async () => {
    for (const [args, want] of [
      [['--speed', 'fast'], /--speed must be a number/],
      [['--speed', '0'], /--speed must be a number/],
      [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
      [['--log-level', 'loud'], /--log-level must be one of/],
      [['extra'], /does not take positional arguments/],
    ] as const) {
      const r = await runCli(['demo', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, want);
    }
    const r = await runCli(['demo', '--scenario', 'no-such-scenario']);
    assert.equal(r.code, 1);
    assert.match(r.err, /no-such-scenario: no such file, and not a built-in scenario/);
    assert.match((await runCli(['demo', '--help'])).out, /jointsky demo \[--port N\]/);
  });

  it('prints the URL and the tokens of the scenario parties, serves them, and stops on a signal', async () => {
    let out = '';
    let notify: () => void = () => {};
    const io = {
      stdout: new Writable({
        write(chunk, _e, done) {
          out += chunk.toString();
          notify();
          done();
        },
      }),
      stderr: new Writable({ write: (_c, _e, done) => done() }),
      stdin: Readable.from([]),
      stderrIsTTY: false,
    };
    const exit = main(['demo', '--port', '0', '--scenario', 'sk681-2014-03-03', '--speed', '1', '--log-level', 'error'], io);
    while (!out.includes('Ctrl-C')) await new Promise<void>((r) => (notify = r));
    const url = /open (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] as string;
    const dir = /data: (\S+)/.exec(out)?.[1] as string;
    const printed = [...out.matchAll(/^ {4}(\w+)\s+(\S+)\s{2}(.+)$/gm)].map((m) => ({ party: m[1], token: m[2], name: m[3] }));
    // The SK681 scenario's sensors belong to Sweden and Denmark (src/sim/scenarios/common.ts).
    assert.deepEqual(printed.map((p) => p.party).sort(), ['dk', 'se']);
    for (const p of printed) {
      assert.equal(p.name, PARTIES[p.party as 'se' | 'dk'].name);
      const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${p.token}` } });
      assert.deepEqual(await me.json(), { party: p.party, name: p.name });
    }
    const handout = (await (await fetch(`${url}/api/v1/demo/parties`)).json()) as { parties: { party: string; token: string }[] };
    assert.deepEqual(
      handout.parties.map((p) => [p.party, p.token]).sort(),
      printed.map((p) => [p.party, p.token]).sort(),
    );
    assert.ok(existsSync(dir));
    process.emit('SIGINT');
    assert.equal(await exit, 0);
    assert.equal(existsSync(dir), false, 'the temporary directory is removed');
  });
});
