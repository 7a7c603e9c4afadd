// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky notify` end to end through main(): submit signs and records, refuses (exit 1, nothing recorded) a
// malformed message, an unexpandable route or another party's cancellation; list shows the notifications and
// filters by time; check prints the events and per-party shares for recorded tracks and the simulator's truth;
// usage mistakes exit 2 with one line.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'jointsky-notify-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const p = (name: string) => join(dir, name);
const fixture = (name: string) => new URL(`../fixtures/notify/${name}`, import.meta.url).pathname;

describe('jointsky notify (CLI)', () => {
  const log = ['--log', p('log.db')];

  it('submit records a signed FPL, creating the log from the parties file', async () => {
    for (const name of ['log', 'ru', 'se', 'pl']) assert.equal((await runCli(['keys', 'generate', '--out', p(name)])).code, 0);
    const pub = (n: string) => readFileSync(p(`${n}.pub`), 'utf8').trim();
    writeFileSync(
      p('parties.json'),
      JSON.stringify({ origin: 'baltic.test/ledger', logPublicKey: pub('log'), parties: ['ru', 'se', 'pl'].map((id) => ({ id, publicKey: pub(id) })) }),
    );
    const r = await runCli(['notify', 'submit', fixture('sk681-rff0303.fpl'), '--party', 'ru', '--key', p('ru.key'), ...log, '--parties', p('parties.json'), '--time', '2014-03-03T09:00:00Z']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'recorded FPL RFF0303-ZZZZ-ZZZZ-140303 as entry 0 (party ru)\n');
    const shown = await runCli(['ledger', 'show', '--db', p('log.db')]);
    assert.match(shown.out, / ru +flight-notification +FPL RFF0303-ZZZZ-ZZZZ-140303/);
  });

  it("refuses another party's CNL and records nothing; the owner's CHG goes in", async () => {
    writeFileSync(p('cnl.txt'), '(CNL-RFF0303-ZZZZ1101-ZZZZ-DOF/140303)\n');
    const r = await runCli(['notify', 'submit', p('cnl.txt'), '--party', 'se', '--key', p('se.key'), ...log, '--time', '2014-03-03T09:10:00Z']);
    assert.equal(r.code, 1);
    assert.match(r.err, /refused, nothing recorded: RFF0303-ZZZZ-ZZZZ-140303 was notified by ru; party se may not cancel it/);
    // A key that is not the party's own is refused by the log.
    const forged = await runCli(['notify', 'submit', p('cnl.txt'), '--party', 'ru', '--key', p('se.key'), ...log, '--time', '2014-03-03T09:10:00Z']);
    assert.equal(forged.code, 1);
    assert.match(forged.err, /nothing recorded/);
    writeFileSync(p('chg.txt'), '(CHG-RFF0303-ZZZZ1101-ZZZZ-DOF/140303-18/STS/STATE DOF/140303 DEP/5512N01408E DEST/5456N00930E RMK/SURVEY)\n');
    const chg = await runCli(['notify', 'submit', p('chg.txt'), '--party', 'ru', '--key', p('ru.key'), ...log, '--time', '2014-03-03T09:20:00Z']);
    assert.equal(chg.code, 0, chg.err);
    const list = await runCli(['notify', 'list', ...log]);
    assert.match(list.out, /^RFF0303-ZZZZ-ZZZZ-140303 {2}ru {2}changed {2}IL20 {2}IM {2}FL175–175 {2}2014-03-03T11:01:00Z → /m);
    assert.match(list.out, /\(1 notification\)/);
  });

  it('refuses malformed messages and unexpandable routes by item and token, all or nothing', async () => {
    writeFileSync(p('two.txt'), `${readFileSync(fixture('intercept-rff7315.fpl'), 'utf8')}\n(FPL-PLF1-IM-F16/M-S/C-EYSA0904-N045F240 DCT 5600N02000E-EYSA0100-0)\n`);
    const bad = await runCli(['notify', 'submit', p('two.txt'), '--party', 'pl', '--key', p('pl.key'), ...log, '--time', '2024-03-12T08:00:00Z']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /message 2 refused, nothing recorded: item 15, token 'N045F240'/);
    writeFileSync(p('airway.txt'), '(FPL-PLF1-IM-F16/M-S/C-EYSA0904-N0450F240 SAU UN872 VNO-EYSA0100-0)\n');
    const airway = await runCli(['notify', 'submit', p('airway.txt'), '--party', 'pl', '--key', p('pl.key'), ...log, '--time', '2024-03-12T08:00:00Z']);
    assert.equal(airway.code, 1);
    assert.match(airway.err, /item 15, token 'UN872': airway routes are not in the data/);
    const direct = await runCli(['notify', 'submit', p('airway.txt'), '--party', 'pl', '--key', p('pl.key'), ...log, '--time', '2024-03-12T08:00:00Z', '--airways', 'direct']);
    assert.equal(direct.code, 0, direct.err);
    assert.match(direct.err, /airway UN872 from SAU to VNO flown direct/);
    const list = await runCli(['notify', 'list', ...log, '--json', '--airways', 'direct']);
    assert.deepEqual(
      list.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
      ['RFF0303-ZZZZ-ZZZZ-140303', 'PLF1-EYSA-EYSA-240312'],
    );
    const active = await runCli(['notify', 'list', ...log, '--active-at', '2014-03-03T11:20:00Z']);
    assert.match(active.out, /RFF0303/);
    assert.doesNotMatch(active.out, /PLF1/);
    const none = await runCli(['notify', 'list', ...log, '--active-at', '2014-03-03T15:00:00Z', '--party', 'ru']);
    assert.equal(none.out, '(0 notifications)\n');
  });

  it('check --ideal: the notified Il-20 of sk681 raises nothing; ru flew 1 of 1 as notified', async () => {
    const r = await runCli(['notify', 'check', '--ideal', 'sk681-2014-03-03', ...log]);
    assert.equal(r.code, 0, r.err);
    assert.doesNotMatch(r.out, /^\S+Z {2}(unnotified-flight|deviation|no-show)/m);
    assert.match(r.out, /^ {2}ru {23}1 {9}1 {10}1 {11}0 {8}0 {3}100% {7}100%$/m);
    const json = await runCli(['notify', 'check', '--ideal', 'sk1755-2014-12-12', ...log, '--json']);
    const lines = json.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.filter((l) => l.type).map((l) => [l.type, l.category, l.detail.slice(0, 20)]),
      [['unnotified-flight', 'unknown', 'unidentified flight,']],
    );
    assert.ok(lines.at(-1).stats);
  });

  it('check FILE: reads TrackEvent NDJSON, attributes by address block, reports bad lines', async () => {
    const t0 = Date.UTC(2024, 5, 1, 12);
    const lines: string[] = [];
    for (let s = 0; s <= 90; s += 10) {
      const track = {
        trackId: 9,
        timeMs: t0 + s * 1000,
        lastUpdateMs: t0 + s * 1000,
        status: 'confirmed',
        lat: 56,
        lon: 18 + s * 0.001,
        altM: 7000,
        altSource: 'baro',
        velEastMps: 6.2,
        velNorthMps: 0,
        vrMps: 0,
        gsMps: 6.2,
        trackDeg: 90,
        posCovM2: [100, 0, 100],
        category: 'military',
        transponder: 'on',
        icao: '48d80f',
        callsign: 'PLF9',
        sensors: ['r1'],
        parties: ['pl'],
        updates: s + 1,
        quality: 1,
      };
      lines.push(JSON.stringify({ type: 'update', track }));
    }
    lines.splice(3, 0, '{"type":"update","track":{"trackId":"x"}}', 'not json');
    writeFileSync(p('tracks.ndjson'), `${lines.join('\n')}\n`);
    const r = await runCli(['notify', 'check', p('tracks.ndjson'), ...log]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^2024-06-01T12:01:00Z {2}unnotified-flight {2}track 9 PLF9 48d80f {2}party pl {2}56\.000,18\.060 {2}military flight, transponder on/m);
    assert.match(r.out, /^ {2}pl {23}0 {9}0 {10}0 {11}1 {8}0 {5}0% {10}-$/m);
    assert.match(r.err, /tracks\.ndjson:4: skipped: track\.trackId: /);
    assert.match(r.err, /2 bad line\(s\) skipped/);
  });

  it('usage mistakes exit 2 with one line; --help exits 0', async () => {
    for (const args of [
      ['notify'],
      ['notify', 'file'],
      ['notify', 'submit', p('cnl.txt'), '--key', p('ru.key')],
      ['notify', 'submit', '--party', 'ru', '--key', p('ru.key')],
      ['notify', 'check', ...log],
      ['notify', 'check', p('tracks.ndjson'), '--lateral-nm', 'ten', ...log],
      ['notify', 'list', '--active-at', 'yesterday', ...log],
      ['notify', 'list', '--airways', 'maybe', ...log],
      ['notify', 'list', '--bogus'],
    ]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
    }
    const help = await runCli(['notify', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /jointsky notify submit FILE/);
    const noLog = await runCli(['notify', 'list', '--log', p('missing.db')]);
    assert.equal(noLog.code, 2);
    assert.match(noLog.err, /no log at/);
  });
});
