// SPDX-License-Identifier: GPL-3.0-or-later
// Track category from identity, against the military ranges of data/icao-addresses.json (read here
// independently), documented callsign prefixes and configuration overrides.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CategoryClassifier, isMilitaryAddress } from '../../../src/fusion/tracker/index.ts';

const ranges = (JSON.parse(readFileSync(new URL('../../../data/icao-addresses.json', import.meta.url), 'utf8')) as { military: [string, string][] }).military;

describe('tracker: category', () => {
  it('puts the ends of every military range inside, and the addresses just outside them outside (unless another range covers them)', () => {
    const inAny = (a: number): boolean => ranges.some(([s, e]) => a >= Number.parseInt(s, 16) && a <= Number.parseInt(e, 16));
    for (const [s, e] of ranges) {
      assert.equal(isMilitaryAddress(s), true, s);
      assert.equal(isMilitaryAddress(e), true, e);
      const before = Number.parseInt(s, 16) - 1;
      const after = Number.parseInt(e, 16) + 1;
      assert.equal(isMilitaryAddress(before.toString(16).padStart(6, '0')), inAny(before));
      assert.equal(isMilitaryAddress(after.toString(16).padStart(6, '0')), inAny(after));
    }
  });

  it('classifies by override, address, callsign prefix, and unknown without identity', () => {
    const c = new CategoryClassifier({ '4ca123': 'state' }, ['ZZZ'], []);
    const civil = '4ca124';
    assert.equal(isMilitaryAddress(civil), false);
    assert.equal(c.classify('4ca123', 'EIN123', undefined), 'state');
    assert.equal(c.classify(ranges[0][0], 'SAS681', undefined), 'military');
    assert.equal(c.classify(civil, 'RCH123', undefined), 'military');
    assert.equal(c.classify(civil, 'NATO01', undefined), 'military');
    assert.equal(c.classify(civil, 'RFF0303', undefined), 'state');
    assert.equal(c.classify(civil, 'ZZZ12', undefined), 'military');
    // A prefix must be followed by a digit: RCHX is not REACH.
    assert.equal(c.classify(civil, 'RCHX', undefined), 'civil');
    assert.equal(c.classify(civil, 'SAS681', '2341'), 'civil');
    assert.equal(c.classify(undefined, undefined, '7000'), 'civil');
    assert.equal(c.classify(undefined, undefined, undefined), 'unknown');
  });
});
