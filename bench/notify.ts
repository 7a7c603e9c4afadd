// SPDX-License-Identifier: GPL-3.0-or-later
// Notification matching: 10,000 active notifications (random direct routes over the Baltic) against 20,000 live
// tracks updated once a second — 3,000 notified flights with their callsign, 3,000 dark ones flying notified
// corridors, 12,000 civil flights and 2,000 dark unnotified ones. The figure is CPU milliseconds per second of
// traffic on one core (target: at most 10). The reference is the exhaustive matcher (every dark track against
// every live leg), measured on a sample and given as a ratio. Also: corridor expansion rate.

import type { Track } from '../src/fusion/track.ts';
import type { BookEntry } from '../src/notify/book.ts';
import { buildCorridor, type Corridor, type FlightPlanItems } from '../src/notify/corridor.ts';
import { parseAtsMessage } from '../src/notify/message.ts';
import { NotificationMonitor } from '../src/notify/monitor.ts';
import { loadPlaces } from '../src/notify/places.ts';
import { Rng } from '../src/sim/random.ts';
import { type BenchResult, measureRate } from './harness.ts';

const NOTIFICATIONS = 10_000;
const TRACKS = 20_000;
const NOTIFIED_ID = 3_000;
const NOTIFIED_DARK = 3_000;
const DARK_UNNOTIFIED = 2_000;
const SECONDS_PER_RUN = 10;
const RUNS = 5;
const T0 = Date.UTC(2024, 5, 1, 12, 0);

const coord = (lat: number, lon: number): string => {
  const la = Math.round(lat * 60);
  const lo = Math.round(lon * 60);
  return `${String(Math.floor(la / 60)).padStart(2, '0')}${String(la % 60).padStart(2, '0')}N${String(Math.floor(lo / 60)).padStart(3, '0')}${String(lo % 60).padStart(2, '0')}E`;
};

function makeEntries(rng: Rng): BookEntry[] {
  const out: BookEntry[] = [];
  for (let i = 0; i < NOTIFICATIONS; i++) {
    const pts: string[] = [];
    let lat = rng.uniform(54, 64);
    let lon = rng.uniform(12, 28);
    for (let k = 0; k < 6; k++) {
      pts.push(coord(lat, lon));
      lat = Math.min(65.5, Math.max(53.5, lat + rng.uniform(-1.5, 1.5)));
      lon = Math.min(30, Math.max(10, lon + rng.uniform(-3, 3)));
    }
    // Off blocks between 40 and 5 minutes before the measured traffic starts: all in flight during it.
    const dep = new Date(T0 - rng.int(5, 40) * 60_000);
    const hhmm = `${String(dep.getUTCHours()).padStart(2, '0')}${String(dep.getUTCMinutes()).padStart(2, '0')}`;
    const text = `(FPL-N${i}-IM-IL20/M-S/C-ZZZZ${hhmm}-N0${rng.int(300, 480)}F${rng.int(15, 40) * 10} DCT ${pts.slice(1).join(' DCT ')}-ZZZZ0300-DOF/240601 DEP/${pts[0]} DEST/${pts[5]})`;
    const r = parseAtsMessage(text);
    if (!r.ok) throw new Error(`bench message ${text}: ${JSON.stringify(r.error)}`);
    out.push({ index: i, party: 'p', timeMs: T0 - 86_400_000, message: r.value });
  }
  return out;
}

/** Position on a corridor at a time (clamped to its ends), by linear interpolation between its points. */
function along(c: Corridor, t: number): { lat: number; lon: number; k: number } {
  const n = c.timeMs.length;
  if (t <= c.timeMs[0]) return { lat: c.lat[0], lon: c.lon[0], k: 0 };
  for (let k = 0; k + 1 < n; k++) {
    if (t <= c.timeMs[k + 1]) {
      const f = (t - c.timeMs[k]) / (c.timeMs[k + 1] - c.timeMs[k]);
      return { lat: c.lat[k] + f * (c.lat[k + 1] - c.lat[k]), lon: c.lon[k] + f * (c.lon[k + 1] - c.lon[k]), k };
    }
  }
  return { lat: c.lat[n - 1], lon: c.lon[n - 1], k: n - 2 };
}

function blankTrack(id: number): Track {
  return {
    trackId: id,
    timeMs: 0,
    lastUpdateMs: 0,
    status: 'confirmed',
    lat: 0,
    lon: 0,
    altM: 0,
    altSource: 'baro',
    velEastMps: 0,
    velNorthMps: 0,
    vrMps: 0,
    gsMps: 200,
    trackDeg: 0,
    posCovM2: [0, 0, 0],
    category: 'civil',
    transponder: 'on',
    sensors: [],
    parties: [],
    updates: 1,
    quality: 1,
  };
}

export async function benchNotify(): Promise<BenchResult[]> {
  const rng = new Rng('bench-notify');
  const places = loadPlaces();
  const entries = makeEntries(rng);
  // Corridor expansion rate (what the monitor does once per notification).
  const plans: { plan: FlightPlanItems; dep: number }[] = entries.map((e) => {
    const m = e.message;
    return {
      plan: { item7: m.item7, item8: m.item8!, item9: m.item9!, item13: m.item13, item15: m.item15!, item16: m.item16!, item18: m.item18 },
      dep: Date.UTC(2024, 5, 1) + m.item13.minutes * 60_000,
    };
  });
  const corridors: Corridor[] = [];
  const expand = measureRate(2000, 3, () => {
    let legs = 0;
    for (let i = 0; i < 2000; i++) {
      const c = buildCorridor(plans[i].plan, plans[i].dep, places);
      if (c.ok) legs += c.value.loFt.length;
    }
    return legs;
  });
  for (const p of plans) {
    const c = buildCorridor(p.plan, p.dep, places);
    if (!c.ok) throw new Error('bench corridor');
    corridors.push(c.value);
  }

  // Traffic: positions for every track and second, computed before measuring.
  const seconds = SECONDS_PER_RUN * (RUNS + 2) + 1;
  const lat = new Float64Array(TRACKS * seconds);
  const lon = new Float64Array(TRACKS * seconds);
  const alt = new Float64Array(TRACKS * seconds);
  const tracks: Track[] = [];
  for (let i = 0; i < TRACKS; i++) {
    const t = blankTrack(i + 1);
    const notified = i < NOTIFIED_ID + NOTIFIED_DARK;
    const c = notified ? corridors[i % NOTIFICATIONS] : undefined;
    const base = { lat: rng.uniform(54, 65), lon: rng.uniform(11, 29) };
    const v = { lat: rng.uniform(-0.002, 0.002), lon: rng.uniform(-0.004, 0.004) };
    const offLat = rng.uniform(-0.03, 0.03);
    const offLon = rng.uniform(-0.05, 0.05);
    // Civil traffic anywhere; the dark unnotified flights low (below FL100), under every notified level block, so
    // that none is matched by chance among 10,000 corridors (whose tubes cover the region many times over).
    const levelFt = i >= TRACKS - DARK_UNNOTIFIED ? rng.uniform(3000, 9000) : rng.uniform(20000, 39000);
    if (i < NOTIFIED_ID) {
      t.category = 'military';
      t.callsign = `N${i}`;
    } else if (notified || i >= TRACKS - DARK_UNNOTIFIED) {
      t.category = 'unknown';
      t.transponder = 'never';
      t.altSource = 'gnss';
    } else {
      t.category = 'civil';
      t.callsign = `CIV${i}`;
      t.icao = (0x400000 + i).toString(16);
      t.squawk = (i % 4096).toString(8).padStart(4, '0');
    }
    for (let s = 0; s < seconds; s++) {
      const j = i * seconds + s;
      if (c) {
        const p = along(c, T0 + s * 1000);
        lat[j] = p.lat + offLat;
        lon[j] = p.lon + offLon;
        alt[j] = c.loFt[Math.min(p.k, c.loFt.length - 1)] * 0.3048;
      } else {
        lat[j] = base.lat + v.lat * s;
        lon[j] = base.lon + v.lon * s;
        alt[j] = levelFt * 0.3048;
      }
    }
    tracks.push(t);
  }

  /** One second of traffic after another into `m`: every track moved to its next position. */
  const stepper = (m: NotificationMonitor): (() => number) => {
    let second = 0;
    return () => {
      const s = second++;
      const timeMs = T0 + s * 1000;
      for (let i = 0; i < TRACKS; i++) {
        const t = tracks[i];
        const j = i * seconds + s;
        t.timeMs = timeMs;
        t.lastUpdateMs = timeMs;
        t.lat = lat[j];
        t.lon = lon[j];
        t.altM = alt[j];
        m.update(t);
      }
      return m.events.length;
    };
  };
  const rate = (m: NotificationMonitor) => {
    const step = stepper(m);
    return measureRate(TRACKS * SECONDS_PER_RUN, RUNS, () => {
      let n = 0;
      for (let k = 0; k < SECONDS_PER_RUN; k++) n += step();
      return n;
    });
  };
  const monitor = new NotificationMonitor(entries, places, {});
  const match = rate(monitor);
  // The same traffic with every update judged (no 5 s spacing of checks and searches): the raw cost.
  const eager = new NotificationMonitor(entries, places, { checkMs: 0, requeryMs: 0 });
  const eagerMatch = rate(eager);
  let matched = 0;
  for (let i = 0; i < NOTIFIED_ID + NOTIFIED_DARK; i++) if (monitor.matchOf(i + 1) !== undefined) matched++;
  const flagged = monitor.events.filter((e) => e.type === 'unnotified-flight' && e.trackId! > TRACKS - DARK_UNNOTIFIED).length;

  // Exhaustive reference: a dark track against every leg of every corridor (planar distance only), on a sample.
  const sample = 100;
  const brute = measureRate(sample, 3, () => {
    let hits = 0;
    for (let q = 0; q < sample; q++) {
      const i = TRACKS - DARK_UNNOTIFIED + q;
      const pl = lat[i * seconds];
      const po = lon[i * seconds];
      const kx = Math.cos((pl * Math.PI) / 180) * 111195;
      for (const c of corridors) {
        for (let k = 0; k + 1 < c.lat.length; k++) {
          const dx = (c.lon[k + 1] - c.lon[k]) * kx;
          const dy = (c.lat[k + 1] - c.lat[k]) * 111195;
          const px = (po - c.lon[k]) * kx;
          const py = (pl - c.lat[k]) * 111195;
          const len2 = dx * dx + dy * dy;
          let u = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
          u = u < 0 ? 0 : Math.min(u , 1);
          if ((px - u * dx) ** 2 + (py - u * dy) ** 2 < 18520 ** 2) hits++;
        }
      }
    }
    return hits;
  });
  const msPerTrafficSecond = (TRACKS / match.perSecond) * 1000;
  const eagerMs = (TRACKS / eagerMatch.perSecond) * 1000;
  const bruteMsPerSecond = (TRACKS / brute.perSecond) * 1000;
  return [
    {
      name: 'notify corridor expansion',
      value: expand.perSecond,
      unit: 'notifications/s',
      n: 2000,
      runs: 3,
      note: `${(corridors.reduce((a, c) => a + c.loFt.length, 0) / NOTIFICATIONS).toFixed(1)} legs each`,
    },
    {
      name: 'notify matching (10,000 notifications × 20,000 tracks, 1 update/s)',
      value: msPerTrafficSecond,
      unit: 'CPU ms per second of traffic',
      n: TRACKS * SECONDS_PER_RUN,
      runs: RUNS,
      note: `target ≤ 10; tracks judged every 5 s; ${(match.perSecond / 1e6).toFixed(2)} M track updates/s; ${matched} of ${NOTIFIED_ID + NOTIFIED_DARK} notified flights matched, ${flagged} of ${DARK_UNNOTIFIED} dark unnotified flagged; exhaustive matcher ${Math.round(bruteMsPerSecond).toLocaleString('en-US')} ms per second of traffic (${Math.round(bruteMsPerSecond / msPerTrafficSecond).toLocaleString('en-US')}× slower)`,
    },
    {
      name: 'notify matching, every update judged (10,000 × 20,000)',
      value: eagerMs,
      unit: 'CPU ms per second of traffic',
      n: TRACKS * SECONDS_PER_RUN,
      runs: RUNS,
      note: 'checkMs = requeryMs = 0: the raw cost of judging each track every second',
    },
  ];
}
