// SPDX-License-Identifier: GPL-3.0-or-later
// Determinism: the same scenario and seed give byte-identical truth; another seed gives other traffic. The
// PRNG is reproducible and its forks independent.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { Rng } from '../../src/sim/random.ts';
import { loadScenario } from '../../src/sim/scenario.ts';
import { createSimulation, truthLine } from '../../src/sim/simulation.ts';

function digest(name: string, seed?: number): { hash: string; lines: number } {
  const sc = loadScenario(name);
  if (seed !== undefined) sc.seed = seed;
  const h = createHash('sha256');
  let lines = 0;
  for (const states of createSimulation(sc)) {
    for (const s of states) {
      h.update(truthLine(s));
      h.update('\n');
      lines++;
    }
  }
  return { hash: h.digest('hex'), lines };
}

describe('determinism', () => {
  it('the same scenario and seed give byte-identical truth', () => {
    const a = digest('intercept');
    const b = digest('intercept');
    assert.ok(a.lines > 10000);
    assert.equal(a.hash, b.hash);
  });

  it('another seed gives other traffic', () => {
    assert.notEqual(digest('intercept').hash, digest('intercept', 7).hash);
  });

  it('truthLine is JSON with the TruthState fields, fixed precision', () => {
    const sim = createSimulation(loadScenario('sk681-2014-03-03'));
    sim.step();
    const s = sim.step()![0];
    const o = JSON.parse(truthLine(s));
    assert.deepEqual(Object.keys(o), Object.keys(s));
    assert.equal(o.id, s.id);
    assert.ok(Math.abs(o.lat - s.lat) <= 5e-8 && Math.abs(o.lon - s.lon) <= 5e-8);
    assert.ok(Math.abs(o.heightM - s.heightM) <= 0.005);
  });

  it('Rng: reproducible sequences, uniform in [0, 1), independent forks', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    assert.deepEqual(
      xs,
      Array.from({ length: 1000 }, () => b.next()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    // Mean and variance of 100k uniforms: 1/2 and 1/12 within a few standard errors.
    const c = new Rng('mean');
    let sum = 0;
    let sq = 0;
    const n = 100_000;
    for (let k = 0; k < n; k++) {
      const x = c.next();
      sum += x;
      sq += x * x;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.005);
    assert.ok(Math.abs(sq / n - (sum / n) ** 2 - 1 / 12) < 0.002);
    // A fork does not advance its parent, and forks with different labels differ.
    const p = new Rng(1);
    const q = new Rng(1);
    p.fork('x').next();
    assert.equal(p.next(), q.next());
    assert.notEqual(new Rng(1).fork('x').next(), new Rng(1).fork('y').next());
  });
});
