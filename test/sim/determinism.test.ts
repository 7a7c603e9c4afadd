// SPDX-License-Identifier: GPL-3.0-or-later
// Determinism: the same scenario and seed give byte-identical truth; another seed gives other traffic. The
// PRNG is reproducible and its forks independent.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { Rng } from '../../src/sim/random.ts';
import { loadScenario } from '../../src/sim/scenario.ts';
import { SensorSuite } from '../../src/sim/sensors/suite.ts';
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

  it('stepShared gives the states step gives, and the sensors the same bytes from either', () => {
    const sc = loadScenario('stress-300');
    sc.durationS = 90;
    const a = createSimulation(sc);
    const b = createSimulation(sc);
    const sa = new SensorSuite(a.sensors, { seed: sc.seed, startMs: a.startMs });
    const sb = new SensorSuite(b.sensors, { seed: sc.seed, startMs: b.startMs });
    const ha = a.sensors.map(() => createHash('sha256'));
    const hb = b.sensors.map(() => createHash('sha256'));
    let ticks = 0;
    let shared: readonly unknown[] | undefined;
    for (;;) {
      const fresh = a.step();
      const reused = b.stepShared();
      if (fresh === undefined || reused === undefined) {
        assert.equal(fresh, reused);
        break;
      }
      // one array and one object per aircraft, from tick to tick
      if (shared !== undefined) assert.equal(reused, shared);
      shared = reused;
      assert.equal(reused.length, fresh.length);
      for (let i = 0; i < fresh.length; i++) assert.equal(truthLine(reused[i]), truthLine(fresh[i]));
      assert.deepEqual(reused, fresh);
      const t = a.nextTimeMs - a.tickMs;
      sa.observe(fresh, t);
      sb.observe(reused, t);
      for (let i = 0; i < a.sensors.length; i++) {
        ha[i].update(sa.drain(i).bytes);
        hb[i].update(sb.drain(i).bytes);
      }
      ticks++;
    }
    assert.equal(ticks, 91);
    assert.deepEqual(
      hb.map((h) => h.digest('hex')),
      ha.map((h) => h.digest('hex')),
    );
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
