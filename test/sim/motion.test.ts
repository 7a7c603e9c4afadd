// SPDX-License-Identifier: GPL-3.0-or-later
// Motion invariants over whole scenarios: no speed, acceleration, turn rate (or the bank it implies), climb
// or descent rate beyond the aircraft class's limits; reported velocity agrees with the distance actually
// flown (measured with geographiclib, independently of the motion code); routes reach their ends.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import geographiclib from 'geographiclib-geodesic';
import { AtmosphereModel } from '../../src/sim/atmosphere.ts';
import { PERFORMANCE } from '../../src/sim/performance.ts';
import { run } from './helpers.ts';

const G0 = 9.80665;
const geod = geographiclib.Geodesic.WGS84;
const wrap180 = (d: number): number => ((((d + 180) % 360) + 360) % 360) - 180;

describe('motion invariants', () => {
  // intercept: fighters scrambling, joining, shadowing and landing; an Il-20; civil departures and arrivals.
  // sk1755: an airliner climbing, levelling off on an instruction, climbing again; a cold day (ISA−3).
  for (const name of ['intercept', 'sk1755-2014-12-12']) {
    const r = run(name);
    const dtS = r.sim.tickMs / 1000;
    // Geometric rates differ from pressure-altitude rates by the ratio of actual to ISA temperature.
    const atmFactor = (273.15 - 56.5 + Math.abs(r.sim.scenario.atmosphere.tempDeviationC)) / (273.15 - 56.5);

    it(`${name}: speeds, accelerations, turn rates, bank and vertical rates within class limits`, () => {
      let pairs = 0;
      for (const [id, states] of r.tracks) {
        const p = PERFORMANCE[states[0].aircraftClass];
        for (let k = 0; k < states.length; k++) {
          const s = states[k];
          assert.ok(s.gsMps <= p.maxSpeedMps + 1e-9, `${id} speed ${s.gsMps} > ${p.maxSpeedMps}`);
          if (!s.onGround) {
            assert.ok(s.vrMps <= p.maxClimbMps * atmFactor + 1e-9, `${id} climb ${s.vrMps}`);
            assert.ok(s.vrMps >= -p.maxDescentMps * atmFactor - 1e-9, `${id} descent ${s.vrMps}`);
          }
          if (k === 0) continue;
          const q = states[k - 1];
          if (s.timeMs - q.timeMs !== r.sim.tickMs) continue;
          pairs++;
          const acc = Math.abs(s.gsMps - q.gsMps) / dtS;
          const accLimit = Math.max(p.maxAccelMps2, p.maxDecelMps2, p.groundAccelMps2, p.groundDecelMps2);
          assert.ok(acc <= accLimit + 1e-6, `${id} acceleration ${acc} at ${s.timeMs}`);
          if (s.onGround || q.onGround) continue;
          const turn = Math.abs(wrap180(s.trackDeg - q.trackDeg)) / dtS;
          assert.ok(turn <= p.maxTurnDegS + 1e-6, `${id} turn rate ${turn} °/s > ${p.maxTurnDegS} at ${s.timeMs}`);
          // Bank needed for that turn at the lower of the two speeds (coordinated turn: tan φ = vω/g).
          const v = Math.min(s.gsMps, q.gsMps);
          const bankDeg = (Math.atan((v * turn * Math.PI) / 180 / G0) * 180) / Math.PI;
          assert.ok(bankDeg <= p.maxBankDeg + 0.5, `${id} bank ${bankDeg}° > ${p.maxBankDeg}° at ${s.timeMs}`);
          const vacc = Math.abs(s.vrMps - q.vrMps) / dtS;
          assert.ok(vacc <= p.maxVertAccelMps2 * atmFactor + 1e-6, `${id} vertical acceleration ${vacc}`);
        }
      }
      assert.ok(pairs > 1000);
    });

    it(`${name}: the distance flown between ticks matches the reported speed (geodesic)`, () => {
      for (const [id, states] of r.tracks) {
        for (let k = 1; k < states.length; k++) {
          const s = states[k];
          const q = states[k - 1];
          if (s.timeMs - q.timeMs !== r.sim.tickMs) continue;
          const { s12 } = geod.Inverse(q.lat, q.lon, s.lat, s.lon);
          const expected = ((q.gsMps + s.gsMps) / 2) * dtS;
          assert.ok(Math.abs(s12! - expected) <= 0.01 * expected + 0.5, `${id} flew ${s12} m, speed says ${expected} m at ${s.timeMs}`);
          if (expected > 50) {
            // The direction flown lies between the two reported tracks.
            const { azi1 } = geod.Inverse(q.lat, q.lon, s.lat, s.lon);
            const mid = q.trackDeg + wrap180(s.trackDeg - q.trackDeg) / 2;
            assert.ok(Math.abs(wrap180(azi1! - mid)) < 0.5, `${id} flew toward ${azi1}, tracks ${q.trackDeg}→${s.trackDeg}`);
          }
        }
      }
    });

    it(`${name}: every flight that ends before the scenario does reaches the end of its route`, () => {
      let landed = 0;
      let left = 0;
      for (const f of r.sim.flights) {
        const states = r.tracks.get(f.id);
        if (!states) continue;
        const last = states[states.length - 1];
        if (last.timeMs >= r.sim.endMs) continue; // still flying at the end
        // Its final route: the plan's, or the last one an event gave it.
        let route = f.route;
        let end = f.end;
        for (const e of f.events) if (e.action.kind === 'route' && e.atMs <= last.timeMs - r.sim.startMs) ({ route, end } = e.action);
        const target = end.kind === 'land' ? { lat: end.lat, lon: end.lon } : route[route.length - 1];
        const { s12 } = geod.Inverse(last.lat, last.lon, target.lat, target.lon);
        if (end.kind === 'land') {
          assert.ok(last.onGround, `${f.id} ended airborne`);
          // Landed and rolled out on the runway: within its length of the threshold, at its elevation.
          assert.ok(s12! < 3500, `${f.id} stopped ${s12} m from the threshold`);
          assert.ok(Math.abs(last.pressureAltFt - end.elevFt) < 600, `${f.id} on the ground at ${last.pressureAltFt} ft`);
          landed++;
        } else {
          assert.ok(s12! < last.gsMps * dtS * 5 + 100, `${f.id} left ${s12} m from its last waypoint`);
          left++;
        }
      }
      assert.ok(landed + left > 0);
      if (name === 'intercept') {
        // Both quick-reaction fighters return to Šiauliai and land.
        const qra = r.sim.flights.filter((f) => f.aircraftClass === 'fighter');
        assert.equal(qra.length, 2);
        for (const f of qra) assert.ok(r.tracks.get(f.id)!.at(-1)!.onGround, `${f.id} did not land`);
      }
    });
  }

  it('intercept: the quick-reaction pair joins the dark aircraft and keeps station on it', () => {
    const r = run('intercept');
    const target = r.tracks.get('unknown-1')!;
    const byTime = new Map(target.map((s) => [s.timeMs, s]));
    const lead = [...r.tracks.values()].find((t) => t[0].aircraftClass === 'fighter')!;
    let closest = Number.POSITIVE_INFINITY;
    let joinedFor = 0;
    for (const s of lead) {
      const t = byTime.get(s.timeMs);
      if (!t) continue;
      const { s12 } = geod.Inverse(s.lat, s.lon, t.lat, t.lon);
      const d = Math.hypot(s12!, s.heightM - t.heightM);
      closest = Math.min(closest, d);
      if (d < 1000) joinedFor++;
    }
    assert.ok(closest < 500, `lead came no closer than ${closest} m`);
    assert.ok(joinedFor > 600, `lead stayed within 1 km for only ${joinedFor} s`);
    assert.ok(target.every((s) => s.transponder === 'off'));
  });

  it('heights: geometric height follows the hydrostatic equation for the day (independent integration)', () => {
    const atm = { qnhHpa: 1030, tempDeviationC: 12, geoidM: 0 };
    const model = new AtmosphereModel(atm);
    // Integrate dp/dh = -p g / (R T(h)) upward from sea level with T = ISA + ΔT (lapse to 11 km, then constant).
    const R = 287.05287;
    let p = atm.qnhHpa * 100;
    let h = 0;
    const dh = 0.5;
    const temp = (z: number): number => 288.15 + atm.tempDeviationC - 0.0065 * Math.min(z, 11000);
    const isaAlt = (pp: number): number =>
      pp >= 22632.06 ? (288.15 / 0.0065) * (1 - (pp / 101325) ** (1 / 5.255877)) : 11000 + ((R * 216.65) / G0) * Math.log(22632.06 / pp);
    for (const target of [0, 3000, 9000, 12500]) {
      while (h < target) {
        // Midpoint rule.
        const tm = temp(h + dh / 2);
        p *= Math.exp((-G0 * dh) / (R * tm));
        h += dh;
      }
      const pressureAlt = isaAlt(p);
      assert.ok(Math.abs(model.mslFromPressureAltM(pressureAlt) - h) < 1.5, `at ${h} m: ${model.mslFromPressureAltM(pressureAlt)}`);
      assert.ok(Math.abs(model.mslFromPressureAltFast(pressureAlt) - h) < 1.5);
    }
  });
});
