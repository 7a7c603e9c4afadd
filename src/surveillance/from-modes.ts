// SPDX-License-Identifier: GPL-3.0-or-later
// ADS-B as Reports: every decoded airborne or surface position becomes one report, carrying what the stream
// decoder knows of the aircraft at that moment (velocity, identity, accuracy). Mode S replies without a
// position (DF4/5/11/20/21 heard by a passive receiver) give no report: they only feed the stream state.

import { M_PER_FT, MPS_PER_FPM, MPS_PER_KT } from '../core/units.ts';
import { nacPEpuM } from '../modes/adsb/accuracy.ts';
import type { ModeSMessage } from '../modes/message.ts';
import type { AircraftState } from '../modes/stream.ts';
import { newReport, type Report, SIGMA_PER_R95 } from './report.ts';
import type { Sensor } from './sensors.ts';

/** Accuracy assumed for a position whose NACp is unknown: NACp 8 (EPU < 92.6 m), typical of GNSS. */
const DEFAULT_EPU_M = 92.6;

/** The Report for a decoded ADS-B position, or undefined when the message carries none. */
export function reportFromModeS(msg: ModeSMessage, state: AircraftState | undefined, sensor: Sensor): Report | undefined {
  if (msg.lat === undefined || msg.lon === undefined) return undefined;
  if (msg.df !== 17 && msg.df !== 18 && msg.df !== 19) return undefined;
  const report = newReport(msg.timeMs + sensor.timeBiasMs, sensor.id, sensor.party, 'adsb', msg.lat, msg.lon);
  report.icao = msg.icao;
  if (msg.altFt !== undefined) {
    report.altM = msg.altFt * M_PER_FT;
    report.altSource = msg.altSource ?? 'baro';
  } else if (state?.altFt !== undefined) {
    report.altM = state.altFt * M_PER_FT;
    report.altSource = 'baro';
  }
  if (msg.onGround !== undefined) report.onGround = msg.onGround;
  const service = msg.service ?? state?.service;
  if (service !== undefined) report.service = service;
  if (msg.nic !== undefined) report.nic = msg.nic;
  if (state) {
    if (state.gsKt !== undefined) report.gsMps = state.gsKt * MPS_PER_KT;
    if (state.trackDeg !== undefined) report.trackDeg = state.trackDeg;
    if (state.vrFpm !== undefined) report.vrMps = state.vrFpm * MPS_PER_FPM;
    if (state.callsign !== undefined) report.callsign = state.callsign;
    if (state.squawk !== undefined) report.squawk = state.squawk;
    if (state.emergency !== undefined && state.emergency !== 'none') report.emergency = state.emergency;
    if (state.nacP !== undefined) report.nacP = state.nacP;
    if (state.sil !== undefined) report.sil = state.sil;
  }
  // Surface positions carry their own movement and track.
  if (msg.tc !== undefined && msg.tc >= 5 && msg.tc <= 8) {
    if (msg.gsKt !== undefined) report.gsMps = msg.gsKt * MPS_PER_KT;
    if (msg.trackDeg !== undefined) report.trackDeg = msg.trackDeg;
  }
  const epuM = report.nacP !== undefined ? nacPEpuM(report.nacP) : Number.NaN;
  report.posSigmaM = (Number.isFinite(epuM) ? epuM : DEFAULT_EPU_M) * SIGMA_PER_R95;
  return report;
}
