// SPDX-License-Identifier: GPL-3.0-or-later
// SBS-1 (BaseStation) lines as Reports. An SBS line carries one transmission's fields: identity, position and
// velocity arrive on separate lines, so a small per-aircraft memory joins them, as a BaseStation client does.
// Only lines with a position (transmission types 2 and 3) become Reports.

import { M_PER_FT, MPS_PER_FPM, MPS_PER_KT } from '../core/units.ts';
import type { SbsRecord } from '../feeds/sbs.ts';
import { squawkEmergency } from '../modes/identity.ts';
import { newReport, type Report, SIGMA_PER_R95 } from './report.ts';
import type { Sensor } from './sensors.ts';

/** SBS gives no accuracy: assume NACp 8 (EPU < 92.6 m), typical of GNSS. */
const ASSUMED_EPU_M = 92.6;

/** Velocity and identity older than this are not attached to a new position, ms. */
const STALE_MS = 30_000;

interface Known {
  callsign?: string;
  squawk?: string;
  altFt?: number;
  gsKt?: number;
  trackDeg?: number;
  vrFpm?: number;
  velocityMs: number;
  emergency?: boolean;
  spi?: boolean;
}

export class SbsReportAdapter {
  private readonly known = new Map<string, Known>();

  constructor(private readonly sensor: Sensor) {}

  /** Takes one SBS record; returns the Report when it carries a position. */
  record(r: SbsRecord): Report | undefined {
    if (r.nonIcao) return undefined;
    let k = this.known.get(r.icao);
    if (k === undefined) {
      k = { velocityMs: Number.NEGATIVE_INFINITY };
      this.known.set(r.icao, k);
    }
    if (r.callsign !== undefined && r.callsign !== '') k.callsign = r.callsign;
    if (r.squawk !== undefined) k.squawk = r.squawk;
    if (r.altFt !== undefined) k.altFt = r.altFt;
    if (r.emergency !== undefined) k.emergency = r.emergency;
    if (r.spi !== undefined) k.spi = r.spi;
    if (r.gsKt !== undefined && r.trackDeg !== undefined) {
      k.gsKt = r.gsKt;
      k.trackDeg = r.trackDeg;
      k.velocityMs = r.timeMs;
    }
    if (r.vrFpm !== undefined) k.vrFpm = r.vrFpm;
    if (r.lat === undefined || r.lon === undefined || !Number.isFinite(r.timeMs)) return undefined;

    const s = this.sensor;
    const report = newReport(r.timeMs + s.timeBiasMs, s.id, s.party, 'adsb', r.lat, r.lon);
    report.icao = r.icao;
    report.posSigmaM = ASSUMED_EPU_M * SIGMA_PER_R95;
    const altFt = r.altFt ?? k.altFt;
    if (altFt !== undefined) {
      report.altM = altFt * M_PER_FT;
      report.altSource = 'baro';
    }
    if (r.onGround !== undefined) report.onGround = r.onGround;
    if (k.gsKt !== undefined && k.trackDeg !== undefined && r.timeMs - k.velocityMs <= STALE_MS) {
      report.gsMps = k.gsKt * MPS_PER_KT;
      report.trackDeg = k.trackDeg;
      if (k.vrFpm !== undefined) report.vrMps = k.vrFpm * MPS_PER_FPM;
    }
    if (k.callsign !== undefined) report.callsign = k.callsign;
    if (k.squawk !== undefined) report.squawk = k.squawk;
    if (k.spi) report.spi = true;
    const emergency = (k.squawk !== undefined ? squawkEmergency(k.squawk) : undefined) ?? (k.emergency ? 'general' : undefined);
    if (emergency !== undefined) report.emergency = emergency;
    return report;
  }
}
