// SPDX-License-Identifier: GPL-3.0-or-later
// The tracker's tunables, with documented defaults, validated with zod (a bad value fails at start-up and
// names the key). Times in ms, distances in m, speeds in m/s.

import { z } from 'zod';
import { parseConfig } from '../../core/config.ts';
import type { SensorRegistry } from '../../surveillance/sensors.ts';
import type { TrackCategory } from '../track.ts';

const ICAO = /^[0-9a-f]{6}$/;
const category = z.enum(['civil', 'military', 'state', 'unknown']);

export const TrackerTunablesSchema = z
  .object({
    /** Reports older than the newest seen minus this are dropped ('late'); within it they are re-ordered. */
    reorderWindowMs: z.number().min(0).max(60_000).default(2000),
    /** Primary plots of one sensor within this span form one assignment batch (one radar sector). */
    psrBatchMs: z.number().min(0).max(5000).default(250),
    /** Gate: chi-square of the 2-D position innovation (13.8 = 99.9 %). */
    gateChi2: z.number().positive().default(13.8),
    /** Cost added to a tentative track in the assignment, so that confirmed tracks win contested plots. */
    tentativePenalty: z.number().min(0).default(4),
    /** Cooperative (ICAO/Mode 3/A) tracks are confirmed after this many consistent updates after birth. */
    coopConfirmUpdates: z.number().int().min(0).max(20).default(2),
    /** Primary-only tracks: confirmed after M plots with at most N - M scans missed (3 of 4). */
    psrConfirmM: z.number().int().min(2).max(20).default(3),
    psrConfirmN: z.number().int().min(2).max(30).default(4),
    /** Primary-only tracks must move at least this fast to confirm (stationary clutter never does). */
    psrMinSpeedMps: z.number().min(0).default(20),
    /** Primary-only tracks start with this speed as their 3-sigma bound and must not confirm faster (≈ Mach 1.8). */
    psrInitSpeedMps: z.number().positive().default(600),
    /** Primary-only tracks confirm only if their plots after the second fit the predicted track: mean chi-square (2 dof) at most this. */
    psrConfirmNis: z.number().positive().default(4),
    /** Height assumed for a primary-only track (no Mode C), and its uncertainty, m: dark aircraft over the Baltic fly FL150–FL350. */
    psrHeightM: z.number().min(0).max(20_000).default(7000),
    psrHeightSigmaM: z.number().positive().default(1500),
    /** Kinematic plausibility: no aircraft moves faster (about Mach 3). */
    maxSpeedMps: z.number().positive().default(1000),
    /** A confirmed track moves at most this factor times its own or its reported speed (+100 m/s) between reports. */
    speedMarginFactor: z.number().min(1).default(1.5),
    /** A cooperative report outside this chi-square of its track is an outlier (rejected unless it persists). */
    outlierChi2: z.number().positive().default(40),
    /** Sole source (no radar corroborating the track): a plausible report beyond outlierChi2 is followed with inflated covariance, not rejected. */
    robustSoleSource: z.boolean().default(true),
    /** A reported velocity whose chi-square (2 dof) exceeds this is down-weighted to fit it. */
    velGateChi2: z.number().positive().default(13.8),
    /** The largest horizontal acceleration of a manoeuvre (8 g: fighters), m/s²: what a robust update may follow. */
    manoeuvreAccelMps2: z.number().positive().default(80),
    /** After a sole-source position beyond outlierChi2, the track's reported velocities are ignored for this long. */
    velDistrustMs: z.number().min(0).default(60_000),
    /**
     * Spoofing tell: an ADS-B report above minSpeedFloorM whose ground speed is below the slowest true airspeed
     * there (equivalent airspeed minEasMps, ≈ 120 kt for the jets that fly that high) less maxWindMps is rejected.
     * minEasMps 0 disables the rule (stratospheric balloons would need that).
     */
    minEasMps: z.number().min(0).default(62),
    maxWindMps: z.number().min(0).default(60),
    minSpeedFloorM: z.number().min(0).default(7600),
    /** Consecutive mutually consistent outliers from the only source after which the track re-initialises on them. */
    outlierPersist: z.number().int().min(1).max(100).default(3),
    /** A rejected cooperative report is a spoof (never followed) when an independent sensor (radar) updated the track this recently. */
    corroborationMs: z.number().min(0).default(15_000),
    /** After a track's cooperative identity was rejected, new reports of that address must stay within maxSpeedMps of the last good position for this long. */
    quarantineMs: z.number().min(0).default(1_800_000),
    /** A confirmed address track deleted (a coverage gap) gives its number to a new track of that address within this time; 0: never. */
    trackIdReuseMs: z.number().min(0).default(900_000),
    /** Status 'coasting' when every contributing sensor is this many of its update periods late. */
    coastPeriods: z.number().positive().default(2.5),
    /** Deletion when every contributing sensor is this many update periods late, clamped to [deleteMinMs, deleteMaxMs]. */
    deletePeriods: z.number().positive().default(6),
    deleteMinMs: z.number().min(0).default(20_000),
    deleteMaxMs: z.number().positive().default(90_000),
    /** Tentative tracks die when every sensor is this many of its periods late. */
    tentativePeriods: z.number().positive().default(2.2),
    /** ...but never before this (sparse ADS-B, as OpenSky records it, comes every few seconds). */
    tentativeMinMs: z.number().min(0).default(8000),
    /** Transponder 'off': no cooperative report for this long while primary plots keep the track (3 scans of 5 s). */
    transponderOffMs: z.number().positive().default(15_000),
    /** Sensors (and parties) listed in a Track: those that contributed within this window. */
    sensorWindowMs: z.number().positive().default(30_000),
    /** Update events of one track at most this often (status, identity and transponder changes always emit). */
    minEventIntervalMs: z.number().min(0).default(1000),
    /** false: constant velocity alone (the IMM's CV model without the coordinated-turn model), for comparison. */
    imm: z.boolean().default(true),
    /** Process noise of the constant-velocity model: white acceleration spectral density, m²/s³. */
    qCv: z.number().positive().default(0.5),
    /** Process noise of the coordinated-turn model: acceleration (m²/s³) and turn-rate (rad²/s³) densities. */
    qCt: z.number().positive().default(4),
    qTurn: z.number().positive().default(2e-4),
    /** Mean time the IMM expects to stay in each model, s (sets the Markov switching probabilities). */
    sojournCvS: z.number().positive().default(60),
    sojournCtS: z.number().positive().default(20),
    /** Vertical channel: acceleration density (m²/s³), altitude and vertical-rate measurement sigmas. */
    qVertical: z.number().positive().default(1),
    altSigmaM: z.number().positive().default(15),
    vrSigmaMps: z.number().positive().default(1.5),
    /** Sigma of a reported velocity (ADS-B, CAT062) per axis, m/s; 0 disables velocity updates. */
    velSigmaMps: z.number().min(0).default(2),
    /** Position sigma when a report gives none, m. */
    defaultPosSigmaM: z.number().positive().default(150),
    /** Expected update period of a sensor before it is measured: ADS-B receivers and radars/systems, ms. */
    adsbPeriodMs: z.number().positive().default(1000),
    radarPeriodMs: z.number().positive().default(5000),
    /** The per-track local tangent plane is re-centred when the track is this far from its origin. */
    recenterM: z.number().positive().default(30_000),
    /** Altitude difference (m) beyond which a report cannot join a track by position. */
    altGateM: z.number().positive().default(300),
    /** Configuration overrides: ICAO address → category (wins over address ranges and callsigns). */
    categoryOverrides: z.record(z.string().regex(ICAO, '6 lowercase hex digits'), category).default({}),
    /** Extra callsign prefixes for military and state flights (added to the built-in lists). */
    militaryCallsignPrefixes: z.array(z.string().regex(/^[A-Z0-9]{2,7}$/)).default([]),
    stateCallsignPrefixes: z.array(z.string().regex(/^[A-Z0-9]{2,7}$/)).default([]),
  })
  .strict();

export type TrackerTunables = z.output<typeof TrackerTunablesSchema>;
export type TrackerTunablesInput = z.input<typeof TrackerTunablesSchema>;

export interface TrackerOptions extends Partial<TrackerTunablesInput> {
  registry: SensorRegistry;
}

/** Validates the tunables (naming `source` and the key on error) and fills in the defaults. */
export function parseTunables(options: TrackerOptions, source = 'tracker options'): TrackerTunables {
  const { registry: _registry, ...rest } = options;
  const t = parseConfig(TrackerTunablesSchema, rest, source);
  if (t.psrConfirmN < t.psrConfirmM) throw new Error(`${source}: psrConfirmN (${t.psrConfirmN}) must be at least psrConfirmM (${t.psrConfirmM})`);
  return t;
}

export type CategoryOverrides = Readonly<Record<string, TrackCategory>>;
