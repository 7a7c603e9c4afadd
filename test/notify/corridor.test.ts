// SPDX-License-Identifier: GPL-3.0-or-later
// Corridors against independent references: the WGS84 meridian arc integrated numerically (not geographiclib),
// the ISA speed of sound for Mach numbers (Mach 0.82 at FL350 is 472.6 kt TAS in the standard atmosphere), the
// navaid positions of data/navaids.json, and the level-block rules of the route as filed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCorridor, type FlightPlanItems, speedMps } from '../../src/notify/corridor.ts';
import { parseAtsMessage } from '../../src/notify/message.ts';
import { loadPlaces } from '../../src/notify/places.ts';

const places = loadPlaces();

function plan(text: string): FlightPlanItems {
  const r = parseAtsMessage(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const m = r.value;
  return { item7: m.item7, item8: m.item8!, item9: m.item9!, item13: m.item13, item15: m.item15!, item16: m.item16!, item18: m.item18 };
}

/** WGS84 meridian arc between two latitudes, by Simpson integration of the meridian radius of curvature. */
function meridianArcM(lat1Deg: number, lat2Deg: number): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const m = (phi: number) => (a * (1 - e2)) / (1 - e2 * Math.sin(phi) ** 2) ** 1.5;
  const n = 1000;
  const p1 = (lat1Deg * Math.PI) / 180;
  const h = ((lat2Deg - lat1Deg) * Math.PI) / 180 / n;
  let s = m(p1) + m(p1 + n * h);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * m(p1 + i * h);
  return (s * h) / 3;
}

const T0 = Date.UTC(2024, 2, 12, 9, 0);

describe('corridor geometry and timing', () => {
  it('times a meridian leg from the filed speed: arc length / 360 kt', () => {
    const p = plan('(FPL-RFF1-IM-IL20/M-S/C-ZZZZ0900-N0360F240 DCT 5600N01500E-ZZZZ0100-DEP/5500N01500E DEST/5600N01500E)');
    const c = buildCorridor(p, T0, places);
    assert.ok(c.ok);
    const arc = meridianArcM(55, 56);
    const expectedS = arc / ((360 * 1852) / 3600);
    assert.ok(Math.abs((c.value.endMs - T0) / 1000 - expectedS) < 0.01, `${(c.value.endMs - T0) / 1000} vs ${expectedS}`);
    // Cut into pieces of at most 50 km, all on the meridian, times proportional to distance.
    const legs = c.value.loFt.length;
    assert.equal(legs, Math.ceil(arc / 50_000));
    for (let k = 0; k <= legs; k++) {
      assert.ok(Math.abs(c.value.lon[k] - 15) < 1e-9);
      const s = meridianArcM(55, c.value.lat[k]);
      assert.ok(Math.abs((c.value.timeMs[k] - T0) / 1000 - s / ((360 * 1852) / 3600)) < 0.01);
    }
    assert.equal(c.value.minFt, 24000);
    assert.equal(c.value.maxFt, 24000);
  });

  it('converts Mach with the ISA speed of sound (M082 at FL350 ≈ 472.6 kt)', () => {
    const kt = speedMps({ unit: 'M', value: 82, text: 'M082' }, 35000) / (1852 / 3600);
    assert.ok(Math.abs(kt - 472.6) < 0.5, `${kt}`);
    // Above the tropopause the temperature is constant: M1.00 = 573.6 kt at FL400 and FL500.
    for (const ft of [40000, 50000]) assert.ok(Math.abs(speedMps({ unit: 'M', value: 100, text: 'M100' }, ft) / (1852 / 3600) - 573.6) < 0.5);
    assert.ok(Math.abs(speedMps({ unit: 'K', value: 830, text: 'K0830' }, 0) - 830 / 3.6) < 1e-9);
  });

  it('starts at the departure aerodrome, resolves navaids, and opens the first and last legs to the ground', () => {
    const p = plan('(FPL-SAS1-IS-A321/M-S/C-EKCH1100-N0450F350 DCT KAS DCT SVD DCT ESSA-ESSA0100-0)');
    const c = buildCorridor(p, T0, places);
    assert.ok(c.ok);
    const names = c.value.waypoints.map((w) => w.name);
    assert.deepEqual(names, ['EKCH', 'KAS', 'SVD', 'ESSA']);
    assert.deepEqual([c.value.waypoints[1].lat, c.value.waypoints[1].lon], [55.5905, 12.6136]);
    assert.deepEqual([c.value.waypoints[2].lat, c.value.waypoints[2].lon], [56.1689, 12.5738]);
    assert.equal(c.value.loFt[0], 0);
    assert.equal(c.value.loFt[c.value.loFt.length - 1], 0);
    assert.ok([...c.value.loFt].some((x) => x === 35000));
  });

  it('widens the leg after a level change to both levels, and keeps a cruise climb open to PLUS', () => {
    const p = plan('(FPL-RFF1-IM-IL20/M-S/C-ZZZZ0900-N0330F240 DCT 55N015E/N0330F300 DCT 56N015E DCT C/57N015E/M060F300PLUS DCT 58N015E-ZZZZ0300-DEP/54N015E DEST/58N015E)');
    const c = buildCorridor(p, T0, places, { maxPieceM: 1e9 });
    assert.ok(c.ok);
    // Legs: DEP→55N (F240), 55N→56N (climb 240→300), 56N→57N (F300), 57N→58N (cruise climb 300..60000), 58N→DEST has no length and gives no leg.
    assert.deepEqual([...c.value.loFt].slice(0, 4), [24000, 24000, 30000, 30000]);
    assert.deepEqual([...c.value.hiFt].slice(0, 4), [24000, 30000, 30000, 60000]);
  });

  it('places NAME/bearing/distance points (bearing taken as true) and says so', () => {
    const q = plan('(FPL-RFF1-IM-IL20/M-S/C-ZZZZ0900-N0330F240 DCT KAS180040 DCT 5400N01230E-ZZZZ0100-DEP/5600N01230E DEST/5400N01230E)');
    const d = buildCorridor(q, T0, places);
    assert.ok(d.ok);
    const w = d.value.waypoints.find((x) => x.name === 'KAS180040')!;
    // 40 NM = 74 080 m due south of KAS: the meridian arc from w.lat to KAS's latitude.
    assert.ok(Math.abs(w.lon - 12.6136) < 1e-9);
    assert.ok(Math.abs(meridianArcM(w.lat, 55.5905) - 74080) < 1, `${meridianArcM(w.lat, 55.5905)}`);
    assert.ok(d.value.assumptions.some((a) => /true/.test(a)));
  });

  it('refuses unknown names and airways by item 15 and token; airways flown direct only when asked, with a note', () => {
    const unknown = buildCorridor(plan('(FPL-RFF1-IM-IL20/M-S/C-EKCH0900-N0330F240 DCT QQQQQ DCT KAS-EKCH0100-0)'), T0, places);
    assert.deepEqual(unknown.ok ? undefined : [unknown.error.item, unknown.error.token], ['15', 'QQQQQ']);
    const text = '(FPL-RFF1-IM-IL20/M-S/C-EKCH0900-N0330F240 KAS UN872 SVD-ESSA0100-0)';
    const airway = buildCorridor(plan(text), T0, places);
    assert.deepEqual(airway.ok ? undefined : [airway.error.item, airway.error.token], ['15', 'UN872']);
    const direct = buildCorridor(plan(text), T0, places, { airways: 'direct' });
    assert.ok(direct.ok);
    assert.deepEqual(direct.value.assumptions, ['airway UN872 from KAS to SVD flown direct']);
    const noDest = buildCorridor(plan('(FPL-RFF1-IM-IL20/M-S/C-ZZZZ0900-N0330F240 DCT 55N015E-ZZZZ0100-DEP/54N015E)'), T0, places);
    assert.deepEqual(noDest.ok ? undefined : [noDest.error.item, noDest.error.token], ['18', '']);
    const badAd = buildCorridor(plan('(FPL-RFF1-IM-IL20/M-S/C-XXXX0900-N0330F240 DCT 55N015E-ZZZZ0100-DEST/55N015E)'), T0, places);
    assert.deepEqual(badAd.ok ? undefined : [badAd.error.item, badAd.error.token], ['13', 'XXXX']);
  });
});
