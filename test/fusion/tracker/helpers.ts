// SPDX-License-Identifier: GPL-3.0-or-later
// Test scenes for the tracker: a sensor registry, a local plane to place truth in metres, and Report builders
// (ADS-B, Mode S, primary plots with their true range and azimuth), with seeded Gaussian noise.

import { EnuFrame, radarPolarToEnu } from '../../../src/core/geodesy.ts';
import type { Report } from '../../../src/surveillance/report.ts';
import { SensorConfigSchema, SensorRegistry } from '../../../src/surveillance/sensors.ts';
import type { Track } from '../../../src/fusion/track.ts';
import { mulberry32 } from '../../helpers/prng.ts';

export const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
/** The scene's plane: east/north metres around this origin. */
export const scene = new EnuFrame(55.5, 14.8, 0);

export function registry(): SensorRegistry {
  const reg = new SensorRegistry();
  reg.add(SensorConfigSchema.parse({ id: 'rx1', party: 'a', kind: 'adsb', lat: 55.6, lon: 14.9 }));
  reg.add(SensorConfigSchema.parse({ id: 'rx2', party: 'b', kind: 'adsb', lat: 55.4, lon: 14.5 }));
  reg.add(SensorConfigSchema.parse({ id: 'rad1', party: 'b', kind: 'radar', lat: 55.2, lon: 14.2, heightM: 50, rangeSigmaM: 50, azimuthSigmaDeg: 0.05 }));
  reg.add(SensorConfigSchema.parse({ id: 'rad2', party: 'c', kind: 'radar', lat: 55.9, lon: 15.3, heightM: 50, rangeSigmaM: 50, azimuthSigmaDeg: 0.05 }));
  return reg;
}

/** lat/lon (on the ellipsoid) whose east/north in the scene plane are (e, n): fixed-point on the frame's inverse. */
export function at(e: number, n: number): { lat: number; lon: number } {
  let ee = e;
  let nn = n;
  let g = scene.toGeodetic(ee, nn, 0);
  for (let k = 0; k < 5; k++) {
    const p = scene.toEnu(g.latDeg, g.lonDeg, 0);
    ee += e - p.eastM;
    nn += n - p.northM;
    g = scene.toGeodetic(ee, nn, -(ee * ee + nn * nn) / (2 * 6371000));
  }
  return { lat: g.latDeg, lon: g.lonDeg };
}

/** East/north of a track in the scene plane. */
export function enuOf(t: { lat: number; lon: number }): [number, number] {
  const p = scene.toEnu(t.lat, t.lon, 0);
  return [p.eastM, p.northM];
}

export function gaussian(seed: number): () => number {
  const u = mulberry32(seed);
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = Number.NaN;
      return s;
    }
    let a = 0;
    while (a === 0) a = u();
    const b = u();
    const r = Math.sqrt(-2 * Math.log(a));
    spare = r * Math.sin(2 * Math.PI * b);
    return r * Math.cos(2 * Math.PI * b);
  };
}

export function adsb(timeMs: number, icao: string, e: number, n: number, extra: Partial<Report> = {}): Report {
  const p = at(e, n);
  return { timeMs, sensorId: 'rx1', partyId: 'a', kind: 'adsb', lat: p.lat, lon: p.lon, icao, posSigmaM: 10, altM: 10000, altSource: 'baro', ...extra };
}

/**
 * A radar plot of the registry's sensor for an aircraft at scene (e, n) and true height heightM, as the
 * ASTERIX adapter makes it: slant range and azimuth (with the sensor's noise when `g` is given), converted to
 * lat/lon with the plot's own altitude (Mode C) or, for a primary plot, the sensor's assumed height.
 */
export function plot(
  reg: SensorRegistry,
  sensorId: string,
  timeMs: number,
  e: number,
  n: number,
  kind: Report['kind'] = 'psr',
  extra: Partial<Report> = {},
  heightM = extra.altM ?? 7000,
  g?: () => number,
): Report {
  const s = reg.get(sensorId)!;
  const p = at(e, n);
  const v = s.frame.toEnu(p.lat, p.lon, heightM);
  const rangeM = Math.hypot(v.eastM, v.northM, v.upM) + (g ? g() * s.rangeSigmaM : 0);
  const azimuthDeg = ((((Math.atan2(v.eastM, v.northM) * 180) / Math.PI + (g ? g() * s.azimuthSigmaDeg : 0)) % 360) + 360) % 360;
  const enu = { eastM: 0, northM: 0, upM: 0 };
  if (!radarPolarToEnu(rangeM, azimuthDeg, s.position, extra.altM ?? s.psrAssumedHeightM, enu)) throw new Error('bad plot geometry');
  const geo = s.frame.toGeodetic(enu.eastM, enu.northM, enu.upM);
  const cross = rangeM * ((s.azimuthSigmaDeg * Math.PI) / 180);
  return { timeMs, sensorId, partyId: s.party, kind, lat: geo.latDeg, lon: geo.lonDeg, rangeM, azimuthDeg, posSigmaM: Math.sqrt((s.rangeSigmaM ** 2 + cross ** 2) / 2), ...extra };
}

/** plot() with the sensor's range and azimuth noise. */
export function noisyPlot(reg: SensorRegistry, sensorId: string, timeMs: number, e: number, n: number, g: () => number, kind: Report['kind'] = 'psr', extra: Partial<Report> = {}, heightM = extra.altM ?? 7000): Report {
  return plot(reg, sensorId, timeMs, e, n, kind, extra, heightM, g);
}

export function byId(tracks: Track[], id: number): Track | undefined {
  return tracks.find((t) => t.trackId === id);
}
