// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky serve`'s configuration: the documented example is valid, and each kind of mistake is reported
// with the file, the key and what is allowed; `serve` fails at once on a bad file, before listening.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { generateKeyPair, privateKeyToPem } from '../../src/ledger/keys.ts';
import { hashToken } from '../../src/server/auth.ts';
import { parseServeConfig } from '../../src/server/config.ts';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import { runCli } from '../helpers/cli.ts';

const EXAMPLE = readFileSync(new URL('../../jointsky.example.yaml', import.meta.url), 'utf8');
const ENV = { JOINTSKY_TOKEN_SE: 'se-token-0123456789abcdef', JOINTSKY_TOKEN_PL: 'pl-token-0123456789abcdef', JOINTSKY_TOKEN_RU: 'ru-token-0123456789abcdef' };

const MINIMAL = `storage: { path: p.db }
ledger: { path: l.db, parties: parties.json }
parties:
  - { id: se, name: Sweden, tokenEnv: T_SE }
sensors:
  - { id: se-adsb, party: se, kind: adsb, lat: 55.5, lon: 13.4, feed: { format: sbs, tcp: "10.0.0.1:30003" } }
`;

function problem(text: string, env: NodeJS.ProcessEnv = { T_SE: 'a-long-enough-token!' }): string {
  try {
    parseServeConfig(text, 'site.yaml', env);
  } catch (err) {
    return (err as Error).message;
  }
  return '';
}

describe('serve configuration', () => {
  it('the example file is valid, and tokens are kept as SHA-256 hashes', () => {
    const c = parseServeConfig(EXAMPLE, '/etc/jointsky/jointsky.yaml', ENV);
    assert.deepEqual(
      c.parties.map((p) => p.id),
      ['se', 'dk', 'pl', 'ru'],
    );
    assert.equal(c.sensors.length, 5);
    assert.equal(c.storage.path, '/etc/jointsky/data/picture.db');
    // dk's hash in the example is SHA-256("test") (FIPS 180-4 / the well-known digest of "test").
    assert.equal(c.tokenHashes[1].toString('hex'), '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
    assert.deepEqual(hashToken('test'), c.tokenHashes[1]);
    assert.deepEqual(c.tokenHashes[0], hashToken(ENV.JOINTSKY_TOKEN_SE));
    assert.equal(problem(MINIMAL), '');
  });

  it('names the file, the key and what is allowed', () => {
    const cases: [string, RegExp][] = [
      [MINIMAL.replace('10.0.0.1:30003', '10.0.0.1'), /^site\.yaml: sensors\[0\]\.feed\.tcp: host:port/m],
      [MINIMAL.replace('format: sbs', 'format: gdl90'), /^site\.yaml: sensors\[0\]\.feed(\.format)?: .*beast/m],
      [MINIMAL.replace('lat: 55.5', 'lat: 95.5'), /^site\.yaml: sensors\[0\]\.lat: /m],
      [MINIMAL.replace('party: se,', 'party: fi,'), /^site\.yaml: sensors\[0\]\.party: one of the parties: se/m],
      [MINIMAL.replace('kind: adsb', 'kind: radar'), /^site\.yaml: sensors\[0\]\.feed\.format: a radar sends 'asterix'/m],
      [MINIMAL.replace('tokenEnv: T_SE', 'tokenSha256: abc'), /^site\.yaml: parties\[0\]\.tokenSha256: the SHA-256 of the token: 64 hex digits/m],
      [MINIMAL.replace(', tokenEnv: T_SE', ''), /^site\.yaml: parties\[0\]\.tokenSha256: give exactly one of tokenSha256 or tokenEnv/m],
      [MINIMAL.replace('id: se,', 'id: SE,'), /^site\.yaml: parties\[0\]\.id: a party id/m],
      [`${MINIMAL}colour: blue\n`, /^site\.yaml: \(top level\): unknown key\(s\) 'colour'/m],
      [MINIMAL.replace('storage: { path: p.db }\n', ''), /^site\.yaml: storage: /m],
      [MINIMAL.replace('{ path: l.db, parties: parties.json }', '{ path: l.db }'), /^site\.yaml: ledger\.parties: /m],
      [MINIMAL.replace('sensors:', 'sensors: [\n'), /^site\.yaml: not valid YAML at line \d+/m],
      [
        `${MINIMAL}  - { id: se-radar, party: se, kind: radar, lat: 55, lon: 14, sac: 1, sic: 2, feed: { format: asterix, udp: { port: 99999 } } }\n`,
        /^site\.yaml: sensors\[1\]\.feed\.udp\.port: /m,
      ],
      [
        `${MINIMAL}  - { id: se-radar, party: se, kind: radar, lat: 55, lon: 14, sac: 1, sic: 2, feed: { format: asterix, udp: { port: 30048, group: 10.1.1.1 } } }\n`,
        /^site\.yaml: sensors\[1\]\.feed\.udp\.group: an IPv4 multicast address/m,
      ],
      [`${MINIMAL}record: { party: fi }\n`, /^site\.yaml: record\.party: one of the parties: se/m],
      [`${MINIMAL}record: { party: se }\n`, /^site\.yaml: record\.party: party 'se' has no key here to sign with/m],
      [`${MINIMAL}record: { party: se, classes: [A, F] }\n`, /^site\.yaml: record\.classes\[1\]: /m],
    ];
    for (const [text, want] of cases) assert.match(problem(text), want);
    assert.match(problem(MINIMAL, {}), /^site\.yaml: parties\[0\]\.tokenEnv: the environment variable T_SE must hold the token.*not set/);
    assert.match(problem(MINIMAL, { T_SE: 'short' }), /parties\[0\]\.tokenEnv: .*too short/);
  });
});

describe('jointsky serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'server-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is a usage error without --config (exit 2)', async () => {
    const r = await runCli(['serve']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--config FILE is required/);
  });

  it('fails at start on a bad file, naming the file and the key (exit 1)', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, MINIMAL.replace('lon: 13.4', 'lon: east'));
    const r = await runCli(['serve', '--config', file]);
    assert.equal(r.code, 1);
    assert.ok(r.err.includes(`${file}: sensors[0].lon: `), r.err);
  });

  it('checks that the keys and the log it names belong together (--check)', async () => {
    const se = generateKeyPair();
    const other = generateKeyPair();
    const log = generateKeyPair();
    const key = join(dir, 'se.key');
    writeFileSync(key, privateKeyToPem(other.privateKey));
    chmodSync(key, 0o600);
    writeFileSync(
      join(dir, 'parties.json'),
      JSON.stringify({ origin: 'test.example/log', logPublicKey: log.publicKey.base64, parties: [{ id: 'se', publicKey: se.publicKey.base64 }] }),
    );
    const file = join(dir, 'site.yaml');
    writeFileSync(file, MINIMAL.replace('tokenEnv: T_SE', `tokenSha256: ${'ab'.repeat(32)}, key: se.key`));
    let r = await runCli(['serve', '--config', file, '--check']);
    assert.equal(r.code, 1);
    assert.ok(r.err.includes(`${file}: parties[0].key: this key is not party se's public key`), r.err);
    writeFileSync(key, privateKeyToPem(se.privateKey));
    r = await runCli(['serve', '--config', file, '--check']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /1 parties \(se\), 1 sensors/);
  });

  it('serves the configured parties and sensors until a signal', async () => {
    const se = generateKeyPair();
    const log = generateKeyPair();
    const key = join(dir, 'se2.key');
    writeFileSync(key, privateKeyToPem(se.privateKey));
    chmodSync(key, 0o600);
    writeFileSync(
      join(dir, 'parties2.json'),
      JSON.stringify({ origin: 'test.example/log2', logPublicKey: log.publicKey.base64, parties: [{ id: 'se', publicKey: se.publicKey.base64 }] }),
    );
    const file = join(dir, 'run.yaml');
    writeFileSync(file, MINIMAL.replace('parties.json', 'parties2.json').replace('tokenEnv: T_SE', 'tokenEnv: T_SE, key: se2.key'));
    const token = 'serve-test-token-0123456789';
    process.env.T_SE = token;
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
    const exit = main(['serve', '--config', file, '--port', '0', '--log-level', 'error'], io);
    try {
      while (!out.includes('listening on')) await new Promise<void>((r) => (notify = r));
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1] as string;
      assert.match(out, /created the log \(0 entries\)/);
      assert.equal((await fetch(`${url}/api/v1/sensors`)).status, 401);
      const auth = { headers: { authorization: `Bearer ${token}` } };
      const sensors = (await (await fetch(`${url}/api/v1/sensors`, auth)).json()) as { sensors: { id: string; party: string }[] };
      assert.deepEqual(sensors.sensors.map((x) => [x.id, x.party]), [['se-adsb', 'se']]);
      const health = (await (await fetch(`${url}/api/v1/health`, auth)).json()) as { feeds: { id: string; format: string; connected: boolean }[] };
      assert.deepEqual(health.feeds.map((f) => [f.id, f.format, f.connected]), [['se-adsb', 'sbs', false]]);
      assert.equal((await fetch(`${url}/api/v1/demo/parties`)).status, 404, 'no token hand-out outside the demo');
    } finally {
      process.emit('SIGINT');
      assert.equal(await exit, 0);
      delete process.env.T_SE;
    }
  });
});
