// SPDX-License-Identifier: GPL-3.0-or-later
// Downlink-format level decoding: lengths, parity, address recovery, header fields.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { hexToBytes } from '../../src/modes/bits.ts';
import { crcResidual } from '../../src/modes/crc.ts';
import { decodeModeS } from '../../src/modes/decode.ts';
import { type DecodeResult, isReject, type ModeSMessage } from '../../src/modes/message.ts';

const riddle = JSON.parse(readFileSync(new URL('../fixtures/modes/riddle_vectors.json', import.meta.url), 'utf8'));

function decodeHex(hex: string, opts = {}): DecodeResult {
  const b = hexToBytes(hex)!;
  return decodeModeS(b, 0, b.length, 0, { raw: true, ...opts });
}

function message(hex: string, opts = {}): ModeSMessage {
  const r = decodeHex(hex, opts);
  assert.ok(!isReject(r), `${hex} rejected: ${JSON.stringify(r)}`);
  return r;
}

test('Riddle surveillance replies: DF11 address, DF4 altitude, DF5 squawk, DF20 address from parity', () => {
  for (const v of riddle.surveillance) {
    const m = message(v.msg);
    assert.equal(m.df, v.df);
    if (v.icao) assert.equal(m.icao, v.icao);
    if (v.altFt !== undefined) assert.equal(m.altFt, v.altFt);
    if (v.squawk !== undefined) assert.equal(m.squawk, v.squawk);
    assert.equal(m.raw, v.msg.toUpperCase());
  }
  assert.equal(message('A0001838CA380031440000F24177').crc, 'ap');
  assert.equal(message('5D484FDEA248F5').crc, 'ok');
});

test('Riddle identification frames: CRC status and the corrupted one rejected with reason crc', () => {
  for (const v of riddle.identification) {
    const r = decodeHex(v.msg, { correctExtendedSquitter: false });
    if (v.crc === 'bad') {
      assert.ok(isReject(r));
      assert.equal(r.reject, 'crc');
      const kept = message(v.msg, { correctExtendedSquitter: false, keepBad: true });
      assert.equal(kept.crc, 'bad');
    } else {
      assert.ok(!isReject(r));
      assert.equal(r.crc, v.crc);
      assert.equal(r.icao, v.icao);
      assert.equal(r.callsign, v.callsign);
    }
  }
});

test('a single flipped bit in a DF17 is corrected back to the original content; two are not', () => {
  const good = hexToBytes('8D4840D6202CC371C32CE0576098')!;
  const reference = message('8D4840D6202CC371C32CE0576098');
  for (let bitIndex = 5; bitIndex < 112; bitIndex++) {
    const f = good.slice();
    f[bitIndex >> 3] ^= 0x80 >> (bitIndex & 7);
    const r = decodeModeS(f, 0, 14, 0);
    assert.ok(!isReject(r), `bit ${bitIndex}`);
    assert.equal(r.crc, 'corrected');
    assert.equal(r.correctedBit, bitIndex);
    assert.equal(r.callsign, reference.callsign);
    assert.equal(r.icao, reference.icao);
    assert.deepEqual(f, (() => { const g = good.slice(); g[bitIndex >> 3] ^= 0x80 >> (bitIndex & 7); return g; })(), 'input untouched');
    assert.ok(isReject(decodeModeS(f, 0, 14, 0, { correctExtendedSquitter: false })));
  }
  // Two errors: the syndrome of two bits is never that of one bit for a 112-bit frame with this code (d = 6).
  const f = good.slice();
  f[5] ^= 0x10;
  f[9] ^= 0x01;
  const r = decodeModeS(f, 0, 14, 0);
  assert.ok(isReject(r) && r.reject === 'crc');
});

test('DF11 correction only when asked, and only with a zero interrogator code', async () => {
  const { encodeAllCall } = await import('../../src/modes/encode.ts');
  const f = encodeAllCall(0x484fde, 5, 0);
  f[3] ^= 0x04;
  assert.ok(isReject(decodeModeS(f, 0, 7, 0)), 'not corrected unless asked');
  const r = decodeModeS(f, 0, 7, 0, { correctAllCall: true });
  assert.ok(!isReject(r) && r.crc === 'corrected' && r.icao === '484fde');
  // The Riddle's DF11 answers interrogator code 22 (its residual is 0x16): a flipped bit there cannot be
  // told from another interrogator's code, so it is never corrected.
  const withCode = hexToBytes('5D484FDEA248F5')!;
  assert.equal(message('5D484FDEA248F5').iid, 0x16);
  withCode[3] ^= 0x04;
  assert.ok(isReject(decodeModeS(withCode, 0, 7, 0, { correctAllCall: true })));
});

test('lengths and formats: short/long mismatch is bad-length, undefined DFs are unknown-df, Comm-D is DF24', () => {
  const long = hexToBytes('8D4840D6202CC371C32CE0576098')!;
  const r1 = decodeModeS(long, 0, 7, 0);
  assert.ok(isReject(r1) && r1.reject === 'bad-length' && r1.df === 17);
  const r2 = decodeModeS(hexToBytes('5D484FDEA248F5')!, 0, 5, 0);
  assert.ok(isReject(r2) && r2.reject === 'bad-length');
  for (const df of [1, 2, 3, 6, 7, 8, 9, 10, 12, 13, 14, 15, 23]) {
    const f = new Uint8Array(14);
    f[0] = df << 3;
    const r = decodeModeS(f, 0, 14, 0);
    assert.ok(isReject(r) && r.reject === 'unknown-df' && r.df === df, `DF${df}`);
  }
  const elm = new Uint8Array(14);
  elm[0] = 0xd5; // 11010...: Comm-D
  const r3 = decodeModeS(elm, 0, 14, 0);
  assert.ok(!isReject(r3) && r3.df === 24 && r3.crc === 'ap');
});

test('address/parity: the recovered address equals the CRC remainder of the frame', () => {
  const lines = readFileSync(new URL('../fixtures/modes/sample_data_commb_df21.csv', import.meta.url), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  for (const line of lines.slice(0, 500)) {
    const [, icao, hex] = line.trim().split(',');
    const m = message(hex);
    assert.equal(m.icao, icao.toLowerCase());
    assert.equal(parseInt(m.icao, 16), crcResidual(hexToBytes(hex)!, 14));
  }
});

test('flight status: alert and SPI from FS, ground from FS and CA', () => {
  // FS is bits 6..8 of DF4: build frames with each FS and check the standard's meaning (Annex 10 3.1.2.6.5.1).
  const expectations = [
    { fs: 0, onGround: false, alert: undefined, spi: undefined },
    { fs: 1, onGround: true, alert: undefined, spi: undefined },
    { fs: 2, onGround: false, alert: true, spi: undefined },
    { fs: 3, onGround: true, alert: true, spi: undefined },
    { fs: 4, onGround: undefined, alert: true, spi: true },
    { fs: 5, onGround: undefined, alert: undefined, spi: true },
  ];
  for (const e of expectations) {
    const f = hexToBytes('2000171806A983')!;
    f[0] = (4 << 3) | e.fs;
    const m = message(Buffer.from(f).toString('hex'));
    assert.equal(m.flightStatus, e.fs);
    assert.equal(m.onGround, e.onGround, `FS ${e.fs} ground`);
    assert.equal(m.alert, e.alert, `FS ${e.fs} alert`);
    assert.equal(m.spi, e.spi, `FS ${e.fs} spi`);
  }
});

test('emergency squawks 7500, 7600, 7700 are flagged', async () => {
  const { encodeSurveillance } = await import('../../src/modes/encode.ts');
  for (const [squawk, emergency] of [['7500', 'unlawful'], ['7600', 'nocomm'], ['7700', 'general'], ['1000', undefined]] as const) {
    const f = encodeSurveillance(5, { icao: 0x4840d6, flightStatus: 0, dr: 0, um: 0, squawk });
    const m = decodeModeS(f, 0, f.length, 0);
    assert.ok(!isReject(m));
    assert.equal(m.squawk, squawk);
    assert.equal(m.emergency, emergency);
  }
});

test('the decoder never reads outside the frame it is given', () => {
  // A 14-byte frame in the middle of a larger buffer decodes the same as on its own.
  const f = hexToBytes('8D4840D6202CC371C32CE0576098')!;
  const big = new Uint8Array(40).fill(0xff);
  big.set(f, 13);
  assert.deepEqual(decodeModeS(big, 13, 14, 5), decodeModeS(f, 0, 14, 5));
});
