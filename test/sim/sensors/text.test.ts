// SPDX-License-Identifier: GPL-3.0-or-later
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAvr } from '../../../src/feeds/avr.ts';
import { formatSbs, type SbsRecord } from '../../../src/feeds/sbs.ts';
import { UnitLog } from '../../../src/sim/sensors/output.ts';
import { quantise, SbsClock, writeAvrLine, writeSbsLine } from '../../../src/sim/sensors/text.ts';
import { mulberry32, randBytes, uniform } from '../../helpers/prng.ts';

const text = (log: UnitLog) => Buffer.from(log.drain().bytes).toString('latin1');

describe('text writers', () => {
  const rand = mulberry32(681);

  it('AVR lines are formatAvr’s, with a newline', () => {
    const log = new UnitLog(16, 4);
    for (let i = 0; i < 2000; i++) {
      const frame = randBytes(rand, rand() < 0.5 ? 7 : 14);
      const counter = i === 0 ? 0 : i === 1 ? 2 ** 48 + 5 : Math.floor(rand() * 2 ** 48);
      writeAvrLine(log, frame, frame.length, counter);
      assert.equal(text(log), `${formatAvr(frame, 0, frame.length, counter)}\n`);
    }
  });

  it('SBS lines are formatSbs’s, with CR LF, for quantised records', () => {
    const log = new UnitLog(16, 4);
    const clock = new SbsClock();
    const maybe = <T>(v: T): T | undefined => (rand() < 0.2 ? undefined : v);
    const flag = () => (rand() < 0.3 ? undefined : rand() < 0.5);
    let t = Date.UTC(2016, 1, 28, 23, 59, 0);
    for (let i = 0; i < 5000; i++) {
      t += rand() * 2000;
      const r: SbsRecord = {
        transmissionType: 1 + Math.floor(rand() * 8),
        icao: Math.floor(rand() * 0xffffff)
          .toString(16)
          .padStart(6, '0'),
        nonIcao: rand() < 0.05 ? true : undefined,
        timeMs: t,
        callsign: maybe(['SAS681', 'SK1755', 'RFF7011', ''][i % 4]),
        altFt: maybe(Math.round(uniform(rand, -1200, 60_000))),
        gsKt: maybe(quantise(i % 50 === 0 ? 0 : uniform(rand, 0, 1200), 3)),
        trackDeg: maybe(quantise(uniform(rand, 0, 360), 3)),
        lat: maybe(quantise(i % 40 === 0 ? -1e-7 : uniform(rand, -90, 90), 6)),
        lon: maybe(quantise(uniform(rand, -180, 180), 6)),
        vrFpm: maybe(Math.round(uniform(rand, -6000, 6000) / 64) * 64),
        squawk: maybe('7700'),
        alert: flag(),
        emergency: flag(),
        spi: flag(),
        onGround: flag(),
      };
      writeSbsLine(log, r, clock);
      assert.equal(text(log), `${formatSbs(r)}\r\n`);
    }
  });
});
