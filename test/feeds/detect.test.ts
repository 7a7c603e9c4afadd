// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat, peekFormat } from '../../src/feeds/detect.ts';
import { fixture } from './collect.ts';

const enc = (s: string) => new TextEncoder().encode(s);

test('detectFormat: Beast, AVR, SBS, hex lines', () => {
  assert.equal(detectFormat(fixture('toulouse_2020.beast')), 'beast');
  // A Beast stream joined mid-frame still has 0x1a + type soon after.
  assert.equal(detectFormat(fixture('toulouse_2020.beast').subarray(5)), 'beast');
  assert.equal(detectFormat(enc('*8D4840D6202CC371C32CE0576098;\n')), 'avr');
  assert.equal(detectFormat(enc('\r\n@0000000929E28e3ff6e6990c4684000011548194;\r\n')), 'avr');
  assert.equal(detectFormat(enc('<FFFFFFFFFFFF805D4840D6F87407;\n')), 'avr');
  for (const t of ['MSG', 'SEL', 'ID', 'AIR', 'STA', 'CLK']) assert.equal(detectFormat(enc(`${t},3,1,1,4CA2D6`)), 'sbs', t);
  assert.equal(detectFormat(fixture('sample_data_commb_df20.csv')), 'hex');
  assert.equal(detectFormat(enc('8D4840D6202CC371C32CE0576098\n')), 'hex');
  assert.equal(detectFormat(new Uint8Array(0)), 'hex');
  assert.equal(detectFormat(enc('MSGX,1')), 'hex');
});

test('peekFormat replays every chunk, the sniffed ones included', async () => {
  const data = fixture('toulouse_2020.beast');
  async function* pieces() {
    for (let i = 0; i < data.length; i += 100) yield data.subarray(i, i + 100);
  }
  const { format, chunks } = await peekFormat(pieces());
  assert.equal(format, 'beast');
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  assert.deepEqual(Buffer.concat(parts), data);
  async function* empty() {}
  const e = await peekFormat(empty());
  assert.equal(e.format, 'hex');
  for await (const _ of e.chunks) assert.fail('no chunks expected');
});
