// SPDX-License-Identifier: GPL-3.0-or-later
// The ideal tracker: ground truth as system tracks. It is the reference against which fusion is scored, and it lets
// the safety and notification monitors be checked on exact kinematics, apart from tracking error.

import type { Track, TrackEvent } from '../fusion/track.ts';
import { loadScenario, type Scenario } from './scenario.ts';
import { createSimulation } from './simulation.ts';
import type { TruthState } from './truth.ts';

const DEG = Math.PI / 180;

/**
 * One truth state as the Track a perfect tracker would show. Identity follows what the aircraft transmits: a dark
 * aircraft has no icao, callsign or squawk, its category is 'unknown' and its transponder 'never' (or 'off' once it
 * was seen with the transponder on: pass `everOn`).
 */
export function truthToTrack(s: TruthState, trackId: number, everOn = s.transponder === 'on'): Track {
  const on = s.transponder === 'on';
  const trackRad = s.trackDeg * DEG;
  return {
    trackId,
    timeMs: s.timeMs,
    lastUpdateMs: s.timeMs,
    status: 'confirmed',
    lat: s.lat,
    lon: s.lon,
    altM: on ? s.pressureAltFt * 0.3048 : s.heightM,
    altSource: on ? 'baro' : 'gnss',
    velEastMps: s.gsMps * Math.sin(trackRad),
    velNorthMps: s.gsMps * Math.cos(trackRad),
    vrMps: s.vrMps,
    gsMps: s.gsMps,
    trackDeg: s.trackDeg,
    posCovM2: [0, 0, 0],
    ...(on ? { icao: s.icao, callsign: s.callsign, squawk: s.squawk } : {}),
    onGround: s.onGround,
    category: on ? s.category : everOn ? s.category : 'unknown',
    transponder: on ? 'on' : everOn ? 'off' : 'never',
    sensors: [],
    parties: [],
    updates: 1,
    quality: 1,
  };
}

/** Assigns each truth id a track number in order of first appearance and remembers who was ever cooperative. */
export class TruthTracker {
  private readonly ids = new Map<string, { trackId: number; everOn: boolean }>();

  track(s: TruthState): Track {
    let entry = this.ids.get(s.id);
    if (!entry) {
      entry = { trackId: this.ids.size + 1, everOn: false };
      this.ids.set(s.id, entry);
    }
    if (s.transponder === 'on') entry.everOn = true;
    return truthToTrack(s, entry.trackId, entry.everOn);
  }
}

/** TrackEvents from the Tracks of each tick, as a tracker emits them: an update per track, a delete when one is gone. */
export class TickEventStream {
  private live = new Set<number>();

  /** The events for one tick: updates in the given order, then deletes (in trackId order) for tracks gone. */
  tick(timeMs: number, tracks: readonly Track[]): TrackEvent[] {
    const out: TrackEvent[] = [];
    const now = new Set<number>();
    for (const track of tracks) {
      now.add(track.trackId);
      out.push({ type: 'update', track });
    }
    const gone = [...this.live].filter((id) => !now.has(id)).sort((a, b) => a - b);
    for (const trackId of gone) out.push({ type: 'delete', trackId, timeMs, reason: 'timeout' });
    this.live = now;
    return out;
  }

  /** Deletes for every live track (end of the run). */
  end(timeMs: number): TrackEvent[] {
    const out: TrackEvent[] = [...this.live].sort((a, b) => a - b).map((trackId) => ({ type: 'delete', trackId, timeMs, reason: 'timeout' }) as const);
    this.live.clear();
    return out;
  }
}

/** A scenario through the ideal tracker, as TrackEvents (optionally only its first `seconds`). */
export function* idealTrackEvents(scenario: string | Scenario, seconds?: number): Generator<TrackEvent> {
  const sim = createSimulation(typeof scenario === 'string' ? loadScenario(scenario) : scenario);
  const tracker = new TruthTracker();
  const stream = new TickEventStream();
  const endMs = seconds === undefined ? sim.endMs : Math.min(sim.endMs, sim.startMs + seconds * 1000);
  let t = sim.startMs;
  for (let states = sim.step(); states !== undefined; states = sim.step()) {
    t = sim.nextTimeMs - sim.tickMs;
    if (t > endMs) break;
    yield* stream.tick(
      t,
      states.map((s) => tracker.track(s)),
    );
  }
  yield* stream.end(Math.min(t, endMs));
}
