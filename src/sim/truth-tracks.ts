// SPDX-License-Identifier: GPL-3.0-or-later
// The ideal tracker: ground truth as system tracks. It is the reference against which fusion is scored, and it lets
// the safety and notification monitors be checked on exact kinematics, apart from tracking error.

import type { Track } from '../fusion/track.ts';
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
