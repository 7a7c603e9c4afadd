// SPDX-License-Identifier: GPL-3.0-or-later
// A simulated sensor: the registry's SensorConfig (where it stands, who owns it, its declared accuracy and
// systematic errors) plus what the simulator needs to play it: wire format, port, antenna rotation, detection
// and error rates, radar modes. The scenario validates each of its sensors with SimSensorSchema.

import { z } from 'zod';
import { type SensorConfig, SensorConfigSchema } from '../../surveillance/sensors.ts';

/** Wire formats: receivers speak Beast, AVR or SBS; radars speak ASTERIX (CAT048 plots, CAT034 service messages). */
export const SIM_FORMATS = ['beast', 'avr', 'sbs', 'asterix'] as const;
export type SimFormat = (typeof SIM_FORMATS)[number];

const probability = z.number().min(0).max(1);

/** ASTERIX editions a radar sends unless its `editions` say otherwise. */
export const DEFAULT_EDITIONS: Readonly<Record<'48' | '34', string>> = { '48': '1.31', '34': '1.29' };

export const SimSensorSchema = SensorConfigSchema.extend({
  /** Only receivers and radars can be simulated (a 'system' sensor is a tracker, not a sensor). */
  kind: z.enum(['adsb', 'radar']),
  /** Wire format. Default: beast for receivers, asterix for radars. */
  format: z.enum(SIM_FORMATS).optional(),
  /** Loopback port for `jointsky sim --serve`: a TCP server for a receiver, the UDP destination for a radar. Default: free port. */
  port: z.number().int().min(1).max(65_535).optional(),
  /**
   * false: a perfect sensor (no measurement noise, every target detected, no false plots, bit errors or missed
   * frames). The declared biases (rangeBiasM, azimuthBiasDeg, timeBiasMs) are applied either way: the registry
   * built from the same configuration removes them again.
   */
  noise: z.boolean().default(true),
  /** Antenna rotation period, s (radars). */
  rotationPeriodS: z.number().min(0.5).max(60).default(4),
  /** Probability that a target in cover is detected on one sweep (radars). */
  detectionProbability: probability.default(0.97),
  /** Mean number of false plots per scan (Poisson), uniformly spread in cover (radars). */
  falsePlotsPerScan: z.number().min(0).max(1000).default(0.5),
  /** Sectors per scan (radars): a CAT034 north marker at north, a sector crossing at each other sector boundary; 1: north markers only. */
  sectorsPerScan: z.number().int().min(1).max(256).default(8),
  /** Primary radar: plots for every target, and the only plots for aircraft with transponders off. */
  psr: z.boolean().default(true),
  /** Secondary radar: Mode 3/A and Mode C replies. */
  ssr: z.boolean().default(true),
  /** Mode S: address, callsign and 25 ft altitude from Mode S transponders (needs ssr). */
  modeS: z.boolean().default(true),
  /** Put a track number (I048/161) on every plot of a target (radars). */
  trackNumbers: z.boolean().default(false),
  /** Probability per bit that a received frame is corrupted (receivers). One error at most per frame. */
  bitErrorRate: probability.default(1e-5),
  /** Probability that a frame is lost before the receiver (receivers). */
  missedFrameRate: probability.default(0.02),
  /** Extra seed for this sensor's random numbers, mixed with the scenario's seed and the sensor id. */
  seed: z.number().int().min(0).max(0xffff_ffff).default(0),
}).superRefine((s, ctx) => {
  for (const [key, message] of simSensorProblems(s)) ctx.addIssue({ code: 'custom', path: [key], message });
});

export type SimSensorInput = z.input<typeof SimSensorSchema>;
export type SimSensor = z.output<typeof SimSensorSchema>;

/** The format the sensor emits: its own, or its kind's default. */
export function sensorFormat(s: Pick<SimSensor, 'kind' | 'format'>): SimFormat {
  return s.format ?? (s.kind === 'radar' ? 'asterix' : 'beast');
}

type SimSensorFields = Pick<SimSensor, 'kind' | 'format' | 'sac' | 'sic' | 'psr' | 'ssr' | 'modeS'>;

/** Combinations of fields that no single field's schema rejects, as [key, what is allowed]. */
export function simSensorProblems(s: SimSensorFields): [string, string][] {
  const out: [string, string][] = [];
  const format = sensorFormat(s);
  if (s.kind === 'radar' && format !== 'asterix') out.push(['format', `a radar sends 'asterix', not '${format}'`]);
  if (s.kind === 'adsb' && format === 'asterix') out.push(['format', `a receiver sends 'beast', 'avr' or 'sbs', not 'asterix'`]);
  if (s.kind === 'radar' && (s.sac === undefined || s.sic === undefined)) out.push(['sac', 'a radar needs sac and sic']);
  if (s.kind === 'radar' && !s.psr && !s.ssr) out.push(['psr', 'a radar needs psr or ssr (or both)']);
  if (s.kind === 'radar' && s.modeS && !s.ssr) out.push(['modeS', 'Mode S needs ssr']);
  return out;
}

/** The registry's view of a simulated sensor (the same id, place, SAC/SIC, accuracy and biases), for decoding its output. */
export function registryConfig(s: SimSensor): SensorConfig {
  return {
    id: s.id,
    party: s.party,
    kind: s.kind,
    lat: s.lat,
    lon: s.lon,
    heightM: s.heightM,
    sac: s.sac,
    sic: s.sic,
    editions: s.kind === 'radar' ? { ...DEFAULT_EDITIONS, ...s.editions } : s.editions,
    rangeSigmaM: s.rangeSigmaM,
    azimuthSigmaDeg: s.azimuthSigmaDeg,
    rangeBiasM: s.rangeBiasM,
    azimuthBiasDeg: s.azimuthBiasDeg,
    timeBiasMs: s.timeBiasMs,
    psrAssumedHeightM: s.psrAssumedHeightM,
    maxRangeNm: s.maxRangeNm,
  };
}
