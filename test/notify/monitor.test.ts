// SPDX-License-Identifier: GPL-3.0-or-later
// The matcher against an exhaustive reference: every corridor sampled every kilometre along WGS84 geodesics
// (geographiclib), every sample tested against every track position for distance, planned time and level. The
// grid-and-cursor matcher must agree wherever the answer is not within a whisker of a tolerance. Also: identity
// matching (callsign, CODE/ address, SSR code), no-shows, notifications that count only from their log time,
// and byte-identical output for identical input.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import geographiclib from 'geographiclib-geodesic';
import type { Track } from '../../src/fusion/track.ts';
import type { BookEntry } from '../../src/notify/book.ts';
import { parseAtsMessage } from '../../src/notify/message.ts';
import { NotificationMonitor } from '../../src/notify/monitor.ts';
import { loadPlaces } from '../../src/notify/places.ts';
import { mulberry32 } from '../helpers/prng.ts';

const geod = geographiclib.Geodesic.WGS84;
const places = loadPlaces();
const DAY = Date.UTC(2024, 5, 1);
const LATERAL_M = 10 * 1852;
const WINDOW_MS = 15 * 60_000;
const LEVEL_TOL_FT = 1000;

function entry(party: string, text: string, timeMs = DAY - 3_600_000, index = 0): BookEntry {
  const r = parseAtsMessage(text);
  if (!r.ok) throw new Error(`${text}: ${JSON.stringify(r.error)}`);
  return { index, party, timeMs, message: r.value };
}

function track(id: number, timeMs: number, lat: number, lon: number, altFt: number | undefined, extra: Partial<Track> = {}): Track {
  return {
    trackId: id,
    timeMs,
    lastUpdateMs: timeMs,
    status: 'confirmed',
    lat,
    lon,
    ...(altFt === undefined ? {} : { altM: altFt * 0.3048, altSource: 'baro' as const }),
    velEastMps: 0,
    velNorthMps: 0,
    vrMps: 0,
    gsMps: 0,
    trackDeg: 0,
    posCovM2: [0, 0, 0],
    category: 'unknown',
    transponder: 'never',
    sensors: [],
    parties: [],
    updates: 1,
    quality: 1,
    ...extra,
  };
}

const coord = (lat: number, lon: number) => {
  const la = Math.round(lat * 60);
  const lo = Math.round(lon * 60);
  return `${String(Math.floor(la / 60)).padStart(2, '0')}${String(la % 60).padStart(2, '0')}N${String(Math.floor(lo / 60)).padStart(3, '0')}${String(lo % 60).padStart(2, '0')}E`;
};
const fromCoord = (c: string) => [Number(c.slice(0, 2)) + Number(c.slice(2, 4)) / 60, Number(c.slice(5, 8)) + Number(c.slice(8, 10)) / 60];

interface RefPlan {
  samples: { lat: number; lon: number; timeMs: number }[];
  levelFt: number;
}

/** The reference corridor: samples every km along geodesics, planned time from the filed speed. */
function reference(points: string[], depMs: number, speedKt: number, levelFt: number): RefPlan {
  const samples: RefPlan['samples'] = [];
  let t = depMs;
  const v = (speedKt * 1852) / 3600;
  for (let k = 0; k + 1 < points.length; k++) {
    const [a1, o1] = fromCoord(points[k]);
    const [a2, o2] = fromCoord(points[k + 1]);
    const line = geod.InverseLine(a1, o1, a2, o2);
    const n = Math.ceil(line.s13 / 1000);
    for (let i = 0; i <= n; i++) {
      const s = (line.s13 * i) / n;
      const p = line.Position(s);
      samples.push({ lat: p.lat2!, lon: p.lon2!, timeMs: t + (s / v) * 1000 });
    }
    t += (line.s13 / v) * 1000;
  }
  return { samples, levelFt };
}

type Verdict = 'in' | 'out' | 'edge';

function referenceVerdict(plans: RefPlan[], lat: number, lon: number, timeMs: number, altFt: number): Verdict {
  let edge = false;
  for (const p of plans) {
    const levelOff = Math.abs(altFt - p.levelFt) - LEVEL_TOL_FT;
    if (Math.abs(levelOff) < 50) edge = true;
    for (const s of p.samples) {
      // Cheap prefilter (degrees), then the geodesic.
      if (Math.abs(s.lat - lat) > 0.3 || Math.abs(s.lon - lon) > 0.6) continue;
      const d = geod.Inverse(lat, lon, s.lat, s.lon).s12!;
      if (d > LATERAL_M * 1.03) continue;
      const dt = Math.abs(timeMs - s.timeMs) - WINDOW_MS;
      if (d > LATERAL_M * 0.97 || Math.abs(dt) < 30_000) {
        if (levelOff <= 0) edge = true;
        continue;
      }
      if (dt < 0 && levelOff < -50) return 'in';
    }
  }
  return edge ? 'edge' : 'out';
}

describe('matching by space and time against the exhaustive reference', () => {
  it('agrees on 600 dark positions around 25 corridors', () => {
    const rand = mulberry32(8);
    const rng = { next: rand };
    const entries: BookEntry[] = [];
    const plans: RefPlan[] = [];
    const routes: { points: string[]; depMs: number; speedKt: number; levelFt: number }[] = [];
    for (let i = 0; i < 25; i++) {
      const pts: string[] = [];
      let lat = 54 + rng.next() * 6;
      let lon = 12 + rng.next() * 12;
      for (let k = 0; k < 4; k++) {
        pts.push(coord(lat, lon));
        lat = Math.min(65, Math.max(53.5, lat + (rng.next() - 0.5) * 2));
        lon = Math.min(30, Math.max(10, lon + (rng.next() - 0.5) * 4));
      }
      const depMin = Math.floor(rng.next() * 120);
      const speedKt = 250 + Math.floor(rng.next() * 250);
      const fl = 100 + Math.floor(rng.next() * 30) * 10;
      const hhmm = `${String(Math.floor(depMin / 60)).padStart(2, '0')}${String(depMin % 60).padStart(2, '0')}`;
      entries.push(
        entry(
          'ru',
          `(FPL-X${i}-IM-99IL20/M-S/C-ZZZZ${hhmm}-N0${speedKt}F${fl} DCT ${pts.slice(1).join(' DCT ')}-ZZZZ0300-DOF/240601 DEP/${pts[0]} DEST/${pts[3]})`,
          DAY - 3_600_000,
          i,
        ),
      );
      const depMs = DAY + depMin * 60_000;
      routes.push({ points: pts, depMs, speedKt, levelFt: fl * 100 });
      plans.push(reference(pts, depMs, speedKt, fl * 100));
    }
    // Positions: near a random corridor (offsets up to twice each tolerance), plus some anywhere. Each is its own
    // track, so the plans are filed for formations of 99 (a plan takes no more tracks by position than aircraft).
    const probes: { lat: number; lon: number; timeMs: number; altFt: number }[] = [];
    for (let j = 0; j < 600; j++) {
      const p = plans[Math.floor(rng.next() * plans.length)];
      const s = p.samples[Math.floor(rng.next() * p.samples.length)];
      const off = geod.Direct(s.lat, s.lon, rng.next() * 360, rng.next() * 2 * LATERAL_M);
      const far = j % 10 === 0;
      probes.push({
        lat: far ? 54 + rng.next() * 8 : off.lat2!,
        lon: far ? 12 + rng.next() * 14 : off.lon2!,
        timeMs: Math.round(s.timeMs + (rng.next() - 0.5) * 4 * WINDOW_MS),
        altFt: p.levelFt + (rng.next() - 0.5) * 4 * LEVEL_TOL_FT,
      });
    }
    probes.sort((a, b) => a.timeMs - b.timeMs);
    const monitor = new NotificationMonitor(entries, places, { unnotifiedMs: 0 });
    let agreed = 0;
    let inside = 0;
    probes.forEach((p, j) => {
      monitor.update(track(j + 1, p.timeMs, p.lat, p.lon, p.altFt));
      const verdict = referenceVerdict(plans, p.lat, p.lon, p.timeMs, p.altFt);
      if (verdict === 'edge') return;
      const got = monitor.matchOf(j + 1) !== undefined ? 'in' : 'out';
      assert.equal(got, verdict, `probe ${j} at ${p.lat},${p.lon} ${new Date(p.timeMs).toISOString()} ${p.altFt} ft`);
      agreed++;
      if (got === 'in') inside++;
    });
    // The probes must exercise both answers substantially.
    assert.ok(agreed > 450, `${agreed}`);
    assert.ok(inside > 80 && agreed - inside > 80, `${inside} inside of ${agreed}`);
    // Every unmatched probe in the region was flagged at once (unnotifiedMs 0); matched ones never.
    const flagged = new Set(monitor.events.filter((e) => e.type === 'unnotified-flight').map((e) => e.trackId));
    probes.forEach((p, j) => {
      if (p.lat >= 53 && p.lat <= 66 && p.lon >= 9 && p.lon <= 31) assert.equal(flagged.has(j + 1), monitor.matchOf(j + 1) === undefined);
    });
  });
});

const FPL = '(FPL-RFF1/A4321-IM-IL20/M-S/C-ZZZZ0000-N0360F240 DCT 5600N01500E-ZZZZ0100-DOF/240601 CODE/15A3C1 DEP/5500N01500E DEST/5600N01500E)';

describe('matching by identity, no-shows and log time', () => {
  it('matches by callsign, CODE/ address or SSR code wherever the flight is, and then judges its position', () => {
    for (const id of [{ callsign: 'RFF1' }, { icao: '15a3c1' }, { squawk: '4321' }]) {
      const m = new NotificationMonitor([entry('ru', FPL)], places, {});
      // Far from the corridor (60° N 25° E) for two minutes: matched at once, a deviation after 60 s.
      for (let s = 0; s <= 120; s += 10) m.update(track(7, DAY + 10 * 60_000 + s * 1000, 60, 25, 24000, { ...id, category: 'military', transponder: 'on' }));
      assert.equal(m.matchOf(7), 'RFF1-ZZZZ-ZZZZ-240601', JSON.stringify(id));
      assert.deepEqual(
        m.events.map((e) => [e.type, e.notificationId, e.party]),
        [['deviation', 'RFF1-ZZZZ-ZZZZ-240601', 'ru']],
      );
    }
  });

  it('does not match a flight whose callsign or address is another, even inside the corridor', () => {
    for (const id of [{ callsign: 'RFF2' }, { icao: '15a3c2' }]) {
      const m = new NotificationMonitor([entry('ru', FPL)], places, {});
      // On the corridor at the planned time: 55.5 N 15 E about 5 min after 00:00.
      for (let s = 0; s <= 70; s += 10) m.update(track(3, DAY + 5 * 60_000 + s * 1000, 55.5, 15, 24000, { ...id, category: 'military', transponder: 'on' }));
      assert.equal(m.matchOf(3), undefined);
      assert.deepEqual(
        m.events.map((e) => e.type),
        ['unnotified-flight'],
      );
    }
  });

  it('reports a no-show when the window closes with nothing matched, only if the data covered its start', () => {
    const m = new NotificationMonitor([entry('ru', FPL)], places, {});
    // A civil flight elsewhere keeps the clock running for two hours.
    for (let s = 0; s <= 7200; s += 60) m.update(track(1, DAY - 600_000 + s * 1000, 58, 20, 35000, { category: 'civil', callsign: 'SAS1', transponder: 'on' }));
    m.finish(DAY + 7200_000);
    const noShow = m.events.filter((e) => e.type === 'no-show');
    assert.equal(noShow.length, 1);
    assert.equal(noShow[0].notificationId, 'RFF1-ZZZZ-ZZZZ-240601');
    assert.equal(noShow[0].party, 'ru');
    assert.equal(m.stats().find((p) => p.party === 'ru')!.noShows, 1);
    // Data starting after the planned start cannot tell.
    const late = new NotificationMonitor([entry('ru', FPL)], places, {});
    for (let s = 0; s <= 7200; s += 60) late.update(track(1, DAY + 600_000 + s * 1000, 58, 20, 35000, { category: 'civil', transponder: 'on' }));
    assert.deepEqual(late.events, []);
  });

  it('takes no more unidentified tracks by position than the aircraft filed (item 9), and frees a place when a track ends', () => {
    const m = new NotificationMonitor([entry('ru', FPL)], places, {});
    const dark = { category: 'unknown' as const, transponder: 'never' as const };
    // Two dark tracks on the corridor at the planned time (55.5 N 15 E about 5 min after 00:00), no altitude.
    for (let s = 0; s <= 70; s += 10) {
      m.update(track(1, DAY + 5 * 60_000 + s * 1000, 55.5, 15, undefined, dark));
      m.update(track(2, DAY + 5 * 60_000 + s * 1000, 55.52, 15.01, undefined, dark));
    }
    assert.equal(m.matchOf(1), 'RFF1-ZZZZ-ZZZZ-240601');
    assert.equal(m.matchOf(2), undefined, 'the plan is for one aircraft and already has its track');
    assert.deepEqual(
      m.events.map((e) => [e.type, e.trackId]),
      [['unnotified-flight', 2]],
    );
    assert.deepEqual(m.takeChanged(), [{ notificationId: 'RFF1-ZZZZ-ZZZZ-240601', status: 'flown', trackIds: [1] }]);
    // The first track is dropped (a coverage gap); a new track on the corridor takes its place.
    m.push({ type: 'delete', trackId: 1, timeMs: DAY + 6 * 60_000 + 15_000, reason: 'timeout' });
    m.update(track(3, DAY + 6 * 60_000 + 20_000, 55.6, 15, undefined, dark));
    assert.equal(m.matchOf(3), 'RFF1-ZZZZ-ZZZZ-240601');
    assert.deepEqual(m.stateOf('RFF1-ZZZZ-ZZZZ-240601'), { notificationId: 'RFF1-ZZZZ-ZZZZ-240601', status: 'flown', trackIds: [1, 3] });
    assert.deepEqual(m.takeChanged().map((c) => c.trackIds), [[1, 3]]);
    assert.deepEqual(m.takeChanged(), [], 'nothing changed since');
  });

  it('a notification recorded after the flight does not notify it; a CNL takes effect at its log time', () => {
    const fly = (m: NotificationMonitor) => {
      for (let s = 0; s <= 600; s += 10) m.update(track(5, DAY + 5 * 60_000 + s * 1000, 55.5 + s * 0.0003, 15, 24000));
    };
    const late = new NotificationMonitor([entry('ru', FPL, DAY + 3 * 3_600_000)], places, {});
    fly(late);
    assert.deepEqual(
      late.events.map((e) => e.type),
      ['unnotified-flight'],
    );
    const cancelled = new NotificationMonitor([entry('ru', FPL), entry('ru', '(CNL-RFF1-ZZZZ0000-ZZZZ-DOF/240601)', DAY - 60_000, 1)], places, {});
    fly(cancelled);
    assert.deepEqual(
      cancelled.events.map((e) => e.type),
      ['unnotified-flight'],
    );
    const cancelledAfter = new NotificationMonitor([entry('ru', FPL), entry('ru', '(CNL-RFF1-ZZZZ0000-ZZZZ-DOF/240601)', DAY + 3 * 3_600_000, 1)], places, {});
    fly(cancelledAfter);
    assert.deepEqual(cancelledAfter.events, []);
    assert.equal(cancelledAfter.matchOf(5), 'RFF1-ZZZZ-ZZZZ-240601');
  });

  it("applies the owner's CHG from its log time, and ignores another party's CNL", () => {
    const chg = '(CHG-RFF1-ZZZZ0000-ZZZZ-DOF/240601-15/N0360F300 DCT 5600N01500E)';
    const cnl = '(CNL-RFF1-ZZZZ0000-ZZZZ-DOF/240601)';
    const fly = (m: NotificationMonitor) => {
      for (let s = 0; s <= 300; s += 10) m.update(track(5, DAY + 5 * 60_000 + s * 1000, 55.5 + s * 0.0003, 15, 30000));
    };
    // At FL300 against the filed FL240 block: not this flight.
    const filed = new NotificationMonitor([entry('ru', FPL)], places, {});
    fly(filed);
    assert.equal(filed.matchOf(5), undefined);
    const changed = new NotificationMonitor([entry('ru', FPL), entry('ru', chg, DAY - 60_000, 1)], places, {});
    fly(changed);
    assert.equal(changed.matchOf(5), 'RFF1-ZZZZ-ZZZZ-240601');
    assert.deepEqual(changed.events, []);
    const foreign = new NotificationMonitor([entry('ru', FPL), entry('se', chg, DAY - 60_000, 1), entry('se', cnl, DAY - 30_000, 2)], places, {});
    fly(foreign);
    assert.equal(foreign.matchOf(5), undefined);
    // The foreign CNL has no effect: a flight at the filed level is still the notified one.
    const stillFiled = new NotificationMonitor([entry('ru', FPL), entry('se', cnl, DAY - 30_000, 2)], places, {});
    for (let s = 0; s <= 300; s += 10) stillFiled.update(track(6, DAY + 5 * 60_000 + s * 1000, 55.5 + s * 0.0003, 15, 24000));
    assert.equal(stillFiled.matchOf(6), 'RFF1-ZZZZ-ZZZZ-240601');
    assert.deepEqual(stillFiled.events, []);
    assert.deepEqual(
      foreign.refusals.map((r) => [r.party, r.reason]),
      [
        ['se', 'not-owner'],
        ['se', 'not-owner'],
      ],
    );
  });

  it('gives byte-identical events for identical input', () => {
    const run = () => {
      const m = new NotificationMonitor([entry('ru', FPL)], places, {});
      for (let s = 0; s <= 900; s += 5) {
        m.update(track(1, DAY + s * 1000, 55.1 + s * 0.0004, 15.3, 24000));
        m.update(track(2, DAY + s * 1000, 57, 18 + s * 0.001, 20000, { category: 'state', callsign: 'RSD01', transponder: 'on' }));
      }
      m.finish(DAY + 900_000);
      return JSON.stringify([m.events, m.stats()]);
    };
    const a = run();
    assert.equal(a, run());
    assert.match(a, /unnotified-flight/);
  });
});
