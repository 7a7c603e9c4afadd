// SPDX-License-Identifier: GPL-3.0-or-later
// SIAP measures (Single Integrated Air Picture, Votruba et al. 2001, as Stone Soup computes them) over a run:
// completeness, ambiguity, spuriousness, position and velocity accuracy, track-number changes and ID
// correctness, from truths and tracks sampled at the same scan times.
//
// Association of tracks to truths, scan by scan in time order (gate G metres, horizontal, see plane.ts):
//   0. Address: a track that states the ICAO address of a truth present at the scan is associated with that
//      truth while within G of it, and with no other truth (as EUROCONTROL's SASS-C associates Mode S targets
//      with the reference by address): two aircraft in close formation, each tracked under its own address,
//      are not counted as swapping tracks when the errors exceed their spacing.
//   1. Hold: a track that was associated with truth T keeps T while T is present and the track is within G
//      of it, even if another truth is nearer (SIAP's "assignment held while it stays within the gate").
//      A hold survives scans at which the track is absent; it ends when the track is seen outside G of T or
//      T is absent while the track is present.
//   2. Otherwise a track is associated with the nearest truth within G (ties: lowest truth id), or none.
// Each track has at most one truth; a truth may have several tracks (that is ambiguity).
//
// Track number of a truth: its "primary" track. While the primary stays associated with the truth it stays
// primary; when it is not (and the truth has other associated tracks), the nearest associated track (ties:
// lowest track id) becomes primary. Each change of primary to a different track id counts one track-number
// change. A truth's first primary is no change, and a truth that is lost and later picked up again by the
// same track has no change either (a different track: one change).
//
// Sums over scans, with J = truths present, JT = truths with ≥ 1 associated track, N = tracks present,
// NA = associated tracks (= associated pairs):
//   completeness = ΣJT / ΣJ, ambiguity = ΣNA / ΣJT, spuriousness = Σ(N − NA) / ΣN,
//   position accuracy = mean and RMS of the pair distances (m), velocity accuracy = mean and RMS of the
//   horizontal velocity-vector differences (m/s) over the pairs whose track has a velocity,
//   track-number changes per 100 aircraft-hours = 100 · changes / Σ_truths (last − first time) in hours,
//   ID correctness = fraction of associated pairs whose track states an identity (icao and/or callsign) that
//   all matches the truth's; idIncorrect = some stated identity differs; idUnknown = none stated. ICAO
//   addresses compare case-insensitively, callsigns trimmed and case-insensitively.
// Every scan counts the same (sample both at a fixed interval to weight by time). A ratio with a zero
// denominator is NaN.

import { MetricPlane, type Scan, scans, trackVelocity, truthVelocity } from './plane.ts';
import { scanDistances } from './ospa.ts';
import type { MetricTrack, MetricTruth } from './types.ts';

export interface SiapParams {
  /** Association gate, m (horizontal). */
  gateM: number;
  /** The plane distances are measured in; by default one at the run's first truth state. */
  plane?: MetricPlane;
}

/** The association made at one scan. */
export interface ScanAssociation {
  /** For each track of the scan (scan order), the index of its truth in the scan, or -1. */
  trackToTruth: Int32Array;
  /** For each truth of the scan, the index of its primary track in the scan, or -1 when it has none now. */
  primary: Int32Array;
  /** Track-number changes that happened at this scan. */
  changes: number;
}

type Id = string | number;

const normIcao = (s: string | undefined): string => (s ?? '').trim().toLowerCase();

/** The stateful association rule above, one scan at a time. */
export class SiapAssociator {
  private readonly held = new Map<Id, Id>(); // trackId → truth id
  private readonly primaryOf = new Map<Id, Id>(); // truth id → trackId

  constructor(readonly gateM: number) {
    if (!(gateM > 0)) throw new RangeError(`SIAP: gate must be > 0, got ${gateM}`);
  }

  /** `dist` holds the truth×track distances of the scan (row-major, truth rows), as scanDistances gives. */
  step(scan: Scan, dist: Float64Array): ScanAssociation {
    const m = scan.truths.length;
    const n = scan.tracks.length;
    const truthIndex = new Map<Id, number>();
    const byIcao = new Map<string, number>();
    for (let i = 0; i < m; i++) {
      truthIndex.set(scan.truths[i].id, i);
      const icao = normIcao(scan.truths[i].icao);
      if (icao !== '') byIcao.set(icao, i);
    }
    const trackToTruth = new Int32Array(n).fill(-1);
    for (let j = 0; j < n; j++) {
      const id = scan.tracks[j].trackId;
      const ai = byIcao.get(normIcao(scan.tracks[j].icao));
      if (ai !== undefined) {
        // The track of that aircraft: associated with it within the gate, else with none.
        if (dist[ai * n + j] <= this.gateM) {
          trackToTruth[j] = ai;
          this.held.set(id, scan.truths[ai].id);
        } else this.held.delete(id);
        continue;
      }
      const heldTruth = this.held.get(id);
      const hi = heldTruth === undefined ? undefined : truthIndex.get(heldTruth);
      if (hi !== undefined && dist[hi * n + j] <= this.gateM) {
        trackToTruth[j] = hi;
        continue;
      }
      let best = -1;
      let bestD = Number.POSITIVE_INFINITY;
      for (let i = 0; i < m; i++) {
        const d = dist[i * n + j];
        if (d <= this.gateM && d < bestD) {
          best = i;
          bestD = d;
        }
      }
      trackToTruth[j] = best;
      if (best >= 0) this.held.set(id, scan.truths[best].id);
      else this.held.delete(id);
    }

    const primary = new Int32Array(m).fill(-1);
    let changes = 0;
    for (let i = 0; i < m; i++) {
      const truthId = scan.truths[i].id;
      const prev = this.primaryOf.get(truthId);
      let keep = -1;
      let nearest = -1;
      let nearestD = Number.POSITIVE_INFINITY;
      for (let j = 0; j < n; j++) {
        if (trackToTruth[j] !== i) continue;
        if (scan.tracks[j].trackId === prev) keep = j;
        if (dist[i * n + j] < nearestD) {
          nearest = j;
          nearestD = dist[i * n + j];
        }
      }
      const chosen = keep >= 0 ? keep : nearest;
      primary[i] = chosen;
      if (chosen >= 0 && keep < 0) {
        if (prev !== undefined) changes++;
        this.primaryOf.set(truthId, scan.tracks[chosen].trackId);
      }
    }
    return { trackToTruth, primary, changes };
  }
}

export interface SiapAtTime {
  timeMs: number;
  /** J, JT, N, NA at this scan. */
  truths: number;
  associatedTruths: number;
  tracks: number;
  associatedTracks: number;
  completeness: number;
  ambiguity: number;
  spuriousness: number;
  /** Mean pair distance (m) and mean velocity difference (m/s) at this scan. */
  positionErrorM: number;
  velocityErrorMps: number;
  trackNumberChanges: number;
}

export interface SiapResult {
  completeness: number;
  ambiguity: number;
  spuriousness: number;
  positionErrorMeanM: number;
  positionErrorRmsM: number;
  velocityErrorMeanMps: number;
  velocityErrorRmsMps: number;
  trackNumberChanges: number;
  /** Σ over truths of (last − first time), hours. */
  truthHours: number;
  trackNumberChangesPer100h: number;
  idCorrect: number;
  idIncorrect: number;
  idUnknown: number;
  /** The sums behind the ratios. */
  totals: {
    truths: number;
    associatedTruths: number;
    tracks: number;
    associatedTracks: number;
    velocityPairs: number;
    idCorrect: number;
    idIncorrect: number;
    idUnknown: number;
  };
  perTime: SiapAtTime[];
}

const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : a / b);
const normCallsign = (s: string | undefined): string => (s ?? '').trim().toUpperCase();

/** 1 = correct, -1 = incorrect, 0 = no identity stated. */
function idVerdict(track: MetricTrack, truth: MetricTruth): number {
  const icao = normIcao(track.icao);
  const callsign = normCallsign(track.callsign);
  if (icao === '' && callsign === '') return 0;
  if (icao !== '' && icao !== normIcao(truth.icao)) return -1;
  if (callsign !== '' && callsign !== normCallsign(truth.callsign)) return -1;
  return 1;
}

/** The SIAP measures of a run. */
export function siap(truths: readonly MetricTruth[], tracks: readonly MetricTrack[], params: SiapParams): SiapResult {
  const plane = params.plane ?? MetricPlane.forRun(truths, tracks);
  const associator = new SiapAssociator(params.gateM);
  const t = {
    truths: 0,
    associatedTruths: 0,
    tracks: 0,
    associatedTracks: 0,
    velocityPairs: 0,
    idCorrect: 0,
    idIncorrect: 0,
    idUnknown: 0,
  };
  let posSum = 0;
  let posSq = 0;
  let velSum = 0;
  let velSq = 0;
  let changes = 0;
  const perTime: SiapAtTime[] = [];
  const vTruth = new Float64Array(2);
  const vTrack = new Float64Array(2);

  for (const scan of scans(truths, tracks)) {
    const m = scan.truths.length;
    const n = scan.tracks.length;
    const dist = scanDistances(scan, plane);
    const a = associator.step(scan, dist);
    let jt = 0;
    for (let i = 0; i < m; i++) if (a.primary[i] >= 0) jt++;
    let na = 0;
    let scanPos = 0;
    let scanVel = 0;
    let scanVelPairs = 0;
    for (let j = 0; j < n; j++) {
      const i = a.trackToTruth[j];
      if (i < 0) continue;
      na++;
      const d = dist[i * n + j];
      scanPos += d;
      posSq += d * d;
      const truth = scan.truths[i];
      const track = scan.tracks[j];
      if (trackVelocity(track, vTrack, 0)) {
        truthVelocity(truth, vTruth, 0);
        const dv = Math.hypot(vTrack[0] - vTruth[0], vTrack[1] - vTruth[1]);
        scanVel += dv;
        velSq += dv * dv;
        scanVelPairs++;
      }
      const verdict = idVerdict(track, truth);
      if (verdict > 0) t.idCorrect++;
      else if (verdict < 0) t.idIncorrect++;
      else t.idUnknown++;
    }
    t.truths += m;
    t.associatedTruths += jt;
    t.tracks += n;
    t.associatedTracks += na;
    t.velocityPairs += scanVelPairs;
    posSum += scanPos;
    velSum += scanVel;
    changes += a.changes;
    perTime.push({
      timeMs: scan.timeMs,
      truths: m,
      associatedTruths: jt,
      tracks: n,
      associatedTracks: na,
      completeness: ratio(jt, m),
      ambiguity: ratio(na, jt),
      spuriousness: ratio(n - na, n),
      positionErrorM: ratio(scanPos, na),
      velocityErrorMps: ratio(scanVel, scanVelPairs),
      trackNumberChanges: a.changes,
    });
  }

  const span = new Map<Id, [number, number]>();
  for (const s of truths) {
    const r = span.get(s.id);
    if (!r) span.set(s.id, [s.timeMs, s.timeMs]);
    else {
      if (s.timeMs < r[0]) r[0] = s.timeMs;
      if (s.timeMs > r[1]) r[1] = s.timeMs;
    }
  }
  let truthMs = 0;
  for (const [first, last] of span.values()) truthMs += last - first;
  const truthHours = truthMs / 3_600_000;

  return {
    completeness: ratio(t.associatedTruths, t.truths),
    ambiguity: ratio(t.associatedTracks, t.associatedTruths),
    spuriousness: ratio(t.tracks - t.associatedTracks, t.tracks),
    positionErrorMeanM: ratio(posSum, t.associatedTracks),
    positionErrorRmsM: Math.sqrt(ratio(posSq, t.associatedTracks)),
    velocityErrorMeanMps: ratio(velSum, t.velocityPairs),
    velocityErrorRmsMps: Math.sqrt(ratio(velSq, t.velocityPairs)),
    trackNumberChanges: changes,
    truthHours,
    trackNumberChangesPer100h: ratio(100 * changes, truthHours),
    idCorrect: ratio(t.idCorrect, t.associatedTracks),
    idIncorrect: ratio(t.idIncorrect, t.associatedTracks),
    idUnknown: ratio(t.idUnknown, t.associatedTracks),
    totals: t,
    perTime,
  };
}
