// SPDX-License-Identifier: GPL-3.0-or-later
// The stateful stream decoder: per-aircraft CPR pairing, last position, the address filter for
// address/parity replies, and the known state that settles ambiguous Comm-B replies.
// O(1) work per message; aircraft state expires by generations (no scan), so memory stays bounded.

import { GenerationalMap } from '../core/generational-map.ts';
import { sphericalDistanceM } from '../core/geo.ts';
import { M_PER_NM } from '../core/units.ts';
import { type Containment, containmentRadius } from './adsb/accuracy.ts';
import { type LatLon, cprAirborneGlobal, cprAirborneLocal, cprSurfaceGlobal, cprSurfaceLocal } from './cpr.ts';
import { decodeModeS } from './decode.ts';
import type { KnownState } from './commb/fields.ts';
import { type DecodeOptions, type DecodeResult, type Emergency, isReject, type ModeSMessage, type RejectReason } from './message.ts';

export interface StreamOptions extends DecodeOptions {
  /** Receiver position: the reference for surface positions and the range check. */
  receiver?: { lat: number; lon: number };
  /** Positions farther than this from the receiver are implausible (default 300 NM). */
  maxRangeNm?: number;
  /** Even/odd airborne frames pair only within this time (default 10 s, DO-260B). */
  airbornePairWindowMs?: number;
  /** Surface frames pair within this time (default 25 s). */
  surfacePairWindowMs?: number;
  /** Fastest airborne ground speed believed (default 1500 kt: faster than any fighter in level flight). */
  maxAirborneSpeedKt?: number;
  /** Fastest surface movement believed (default 200 kt). */
  maxSurfaceSpeedKt?: number;
  /** Address/parity replies are kept only for addresses confirmed by DF11/17/18 within this time (default 60 s). */
  addressFilterWindowMs?: number;
  /** An aircraft not heard for this long may be forgotten; after twice as long it always is (default 300 s). */
  aircraftExpiryMs?: number;
}

/** What the stream remembers of one aircraft. */
export interface AircraftState extends KnownState {
  icao: string;
  firstSeenMs: number;
  lastSeenMs: number;
  /** Last time its address was confirmed by a parity-checked DF11/17/18. */
  confirmedMs: number;
  messages: number;
  squawk?: string;
  emergency?: Emergency;
  /** Vertical rate from ADS-B velocity, ft/min. */
  vrFpm?: number;
  /** Position accuracy and integrity from ADS-B status messages (TC29/31). */
  nacP?: number;
  sil?: number;
  service?: 'adsb' | 'tisb' | 'adsr';
  lat?: number;
  lon?: number;
  posTimeMs: number;
  onGround?: boolean;
  /** ADS-B version from operational status (TC31); 0 until one is heard. */
  adsbVersion: number;
  /** NIC supplements A and C from operational status (TC31), for the NIC of later positions. */
  nicA: number;
  nicC: number;
  evenLat: number;
  evenLon: number;
  evenTimeMs: number;
  evenSurface: boolean;
  oddLat: number;
  oddLon: number;
  oddTimeMs: number;
  oddSurface: boolean;
}

/** Why a decoded position was dropped (the message itself is still delivered). */
export type PositionRejectReason = 'cpr-zone' | 'cpr-speed' | 'cpr-range' | 'cpr-no-reference';

export class ModeSStreamDecoder {
  readonly rejected = new Map<RejectReason, number>();
  readonly positionRejected = new Map<PositionRejectReason, number>();
  decoded = 0;
  positions = 0;
  private readonly aircraft: GenerationalMap<string, AircraftState>;
  private readonly opts: Required<Omit<StreamOptions, 'receiver'>> & Pick<StreamOptions, 'receiver'>;
  private readonly lookup = (icao: string): KnownState | undefined => this.aircraft.peek(icao);
  /** Address/parity replies only from addresses confirmed by parity-checked DF11/17/18 within the window. */
  private readonly acceptAddress = (icao: string): boolean => {
    const ac = this.aircraft.peek(icao);
    return ac !== undefined && this.nowMs - ac.confirmedMs <= this.opts.addressFilterWindowMs;
  };
  /** Time of the frame being decoded (the last known time when the frame has none). */
  private nowMs = 0;
  private readonly pos: LatLon = { lat: 0, lon: 0 };
  private readonly containment: Containment = { nic: 0, rcM: Number.NaN };
  private lastTimeMs = 0;

  constructor(options: StreamOptions = {}) {
    this.opts = {
      raw: options.raw ?? false,
      correctExtendedSquitter: options.correctExtendedSquitter ?? true,
      correctAllCall: options.correctAllCall ?? false,
      // Frames whose parity failed would pollute the state: kept only when asked (recordings with zeroed parity).
      keepBad: options.keepBad ?? false,
      meteo: options.meteo ?? false,
      receiver: options.receiver,
      maxRangeNm: options.maxRangeNm ?? 300,
      airbornePairWindowMs: options.airbornePairWindowMs ?? 10_000,
      surfacePairWindowMs: options.surfacePairWindowMs ?? 25_000,
      maxAirborneSpeedKt: options.maxAirborneSpeedKt ?? 1500,
      maxSurfaceSpeedKt: options.maxSurfaceSpeedKt ?? 200,
      addressFilterWindowMs: options.addressFilterWindowMs ?? 60_000,
      aircraftExpiryMs: options.aircraftExpiryMs ?? 300_000,
    };
    this.aircraft = new GenerationalMap(this.opts.aircraftExpiryMs);
  }

  /** Aircraft currently remembered (bounded by the expiry). */
  get aircraftCount(): number {
    return this.aircraft.size;
  }

  /** The remembered state of one aircraft, if any. */
  state(icao: string): AircraftState | undefined {
    return this.aircraft.peek(icao);
  }

  /**
   * Decodes one frame. `timeMs` is the frame's time from the data; NaN when the source has none
   * (the last known time is then used, and time windows cannot be checked).
   */
  decode(buf: Uint8Array, offset: number, lenBytes: number, timeMs: number): DecodeResult {
    const timeKnown = !Number.isNaN(timeMs);
    const t = timeKnown ? timeMs : this.lastTimeMs;
    if (timeKnown) {
      this.lastTimeMs = timeMs;
      this.aircraft.advance(timeMs);
    }
    this.nowMs = t;
    const r = decodeModeS(buf, offset, lenBytes, timeMs, this.opts, this.lookup, this.acceptAddress);
    if (isReject(r)) return this.count(r.reject, r);
    const msg = r;
    const key = msg.nonIcao ? `~${msg.icao}` : msg.icao;
    // An address/parity reply got here only if its aircraft is known (acceptAddress).
    let ac = this.aircraft.get(key);
    if (ac === undefined) {
      ac = newAircraft(key, t);
      this.aircraft.set(key, ac);
    }
    if (msg.crc !== 'ap' && !msg.nonIcao) ac.confirmedMs = t;
    ac.lastSeenMs = t;
    ac.messages++;
    this.remember(ac, msg);
    if (msg.cprLat !== undefined && msg.cprLon !== undefined && msg.cprFormat !== undefined) {
      this.locate(ac, msg, t, timeKnown);
      this.setContainment(ac, msg);
    }
    this.decoded++;
    return msg;
  }

  private count(reason: RejectReason, r: DecodeResult): DecodeResult {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
    return r;
  }

  private dropPosition(reason: PositionRejectReason): void {
    this.positionRejected.set(reason, (this.positionRejected.get(reason) ?? 0) + 1);
  }

  /** Keeps what later messages need: Comm-B inference state, summary fields, ADS-B version. */
  private remember(ac: AircraftState, msg: ModeSMessage): void {
    // Only the fields each message type can carry are read: messages come in many object layouts, and
    // every read of an absent field costs a lookup.
    if (msg.onGround !== undefined) ac.onGround = msg.onGround;
    switch (msg.df) {
      case 0:
      case 4:
      case 16:
      case 20:
        if (msg.altFt !== undefined) ac.altFt = msg.altFt;
        if (msg.df === 20 && msg.callsign !== undefined) ac.callsign = msg.callsign;
        return;
      case 5:
      case 21:
        if (msg.squawk !== undefined) this.rememberSquawk(ac, msg.squawk, msg.emergency);
        if (msg.df === 21 && msg.callsign !== undefined) ac.callsign = msg.callsign;
        return;
      case 17:
      case 18:
        this.rememberSquitter(ac, msg);
        return;
      default:
        return;
    }
  }

  private rememberSquawk(ac: AircraftState, squawk: string, emergency: Emergency | undefined): void {
    ac.squawk = squawk;
    if (emergency !== undefined) ac.emergency = emergency;
  }

  /** ADS-B speeds and tracks only: Comm-B values are what inference is checked against, not its input. */
  private rememberSquitter(ac: AircraftState, msg: ModeSMessage): void {
    if (msg.service !== undefined) ac.service = msg.service;
    const tc = msg.tc ?? 0;
    if (tc >= 1 && tc <= 4) {
      if (msg.callsign !== undefined) ac.callsign = msg.callsign;
    } else if ((tc >= 9 && tc <= 18) || (tc >= 20 && tc <= 22)) {
      if (msg.altFt !== undefined && msg.altSource === 'baro') ac.altFt = msg.altFt;
    } else if (tc >= 5 && tc <= 8) {
      if (msg.gsKt !== undefined) ac.gsKt = msg.gsKt;
      if (msg.trackDeg !== undefined) ac.trackDeg = msg.trackDeg;
    } else if (tc === 19) {
      if (msg.gsKt !== undefined) ac.gsKt = msg.gsKt;
      if (msg.trackDeg !== undefined) ac.trackDeg = msg.trackDeg;
      if (msg.tasKt !== undefined) ac.tasKt = msg.tasKt;
      if (msg.headingDeg !== undefined) ac.headingDeg = msg.headingDeg;
      if (msg.vrFpm !== undefined) ac.vrFpm = msg.vrFpm;
    } else if (tc === 28) {
      if (msg.squawk !== undefined) this.rememberSquawk(ac, msg.squawk, msg.emergency);
      else if (msg.emergency !== undefined) ac.emergency = msg.emergency;
    } else if (tc === 29) {
      if (msg.nacP !== undefined) ac.nacP = msg.nacP;
    } else if (tc === 31) {
      if (msg.nacP !== undefined) ac.nacP = msg.nacP;
      if (msg.sil !== undefined) ac.sil = msg.sil;
      if (msg.version !== undefined) {
        ac.adsbVersion = msg.version;
        if (msg.nicA !== undefined) ac.nicA = msg.nicA;
        if (msg.nicC !== undefined) ac.nicC = msg.nicC;
      }
    }
  }


  /** NIC and containment radius read with the aircraft's own ADS-B version and NIC supplements. */
  private setContainment(ac: AircraftState, msg: ModeSMessage): void {
    if (msg.tc === undefined || (msg.df !== 17 && msg.df !== 18)) return;
    const c = containmentRadius(msg.tc, ac.adsbVersion, ac.nicA, msg.nicB ?? 0, ac.nicC, this.containment);
    msg.adsbVersion = ac.adsbVersion;
    msg.nic = c.nic;
    if (!Number.isNaN(c.rcM)) msg.rcM = c.rcM;
    else if (msg.rcM !== undefined) delete msg.rcM; // rare: the version says the radius is unknown
  }

  /** CPR: global pair when the other parity is recent, else local against the last position. */
  private locate(ac: AircraftState, msg: ModeSMessage, t: number, timeKnown: boolean): void {
    const surface = msg.tc !== undefined && msg.tc >= 5 && msg.tc <= 8;
    const odd = msg.cprFormat === 1;
    const cprLat = msg.cprLat!;
    const cprLon = msg.cprLon!;
    if (odd) {
      ac.oddLat = cprLat;
      ac.oddLon = cprLon;
      ac.oddTimeMs = t;
      ac.oddSurface = surface;
    } else {
      ac.evenLat = cprLat;
      ac.evenLon = cprLon;
      ac.evenTimeMs = t;
      ac.evenSurface = surface;
    }
    const otherTimeMs = odd ? ac.evenTimeMs : ac.oddTimeMs;
    const otherSurface = odd ? ac.evenSurface : ac.oddSurface;
    const window = surface ? this.opts.surfacePairWindowMs : this.opts.airbornePairWindowMs;
    const paired = !Number.isNaN(otherTimeMs) && otherSurface === surface && (!timeKnown || t - otherTimeMs <= window);
    const out = this.pos;
    const ref = this.reference(ac, t);
    let ok = false;
    if (paired) {
      if (surface) {
        if (ref === undefined) {
          this.dropPosition('cpr-no-reference');
          return;
        }
        ok = cprSurfaceGlobal(ac.evenLat, ac.evenLon, ac.oddLat, ac.oddLon, odd, ref.lat, ref.lon, out);
      } else {
        ok = cprAirborneGlobal(ac.evenLat, ac.evenLon, ac.oddLat, ac.oddLon, odd, out);
      }
      if (!ok) {
        this.dropPosition('cpr-zone');
        return;
      }
    } else if (ac.lat !== undefined && ac.lon !== undefined) {
      // Local decoding is exact only within half a zone of the truth; a recent own position guarantees it.
      ok = surface
        ? cprSurfaceLocal(cprLat, cprLon, odd, ac.lat, ac.lon, out)
        : cprAirborneLocal(cprLat, cprLon, odd, ac.lat, ac.lon, out);
      if (!ok) return;
    } else return;
    if (!this.plausible(ac, out, t, timeKnown, surface)) {
      // A global fix that contradicts the last position means one of them is wrong: forget the old one,
      // so that the next global pair re-establishes the aircraft instead of it being stuck on a bad fix.
      if (paired) {
        ac.lat = undefined;
        ac.lon = undefined;
      }
      return;
    }
    ac.lat = out.lat;
    ac.lon = out.lon;
    ac.posTimeMs = t;
    msg.lat = out.lat;
    msg.lon = out.lon;
    this.positions++;
  }

  /** The reference for surface decoding: the aircraft's own recent position, else the receiver. */
  private reference(ac: AircraftState, t: number): { lat: number; lon: number } | undefined {
    if (ac.lat !== undefined && ac.lon !== undefined && t - ac.posTimeMs < 600_000) return { lat: ac.lat, lon: ac.lon };
    return this.opts.receiver;
  }

  private plausible(ac: AircraftState, p: LatLon, t: number, timeKnown: boolean, surface: boolean): boolean {
    const rx = this.opts.receiver;
    if (rx && sphericalDistanceM(rx.lat, rx.lon, p.lat, p.lon) > this.opts.maxRangeNm * M_PER_NM) {
      this.dropPosition('cpr-range');
      return false;
    }
    if (ac.lat === undefined || ac.lon === undefined) return true;
    const distM = sphericalDistanceM(ac.lat, ac.lon, p.lat, p.lon);
    const speedKt = surface ? this.opts.maxSurfaceSpeedKt : this.opts.maxAirborneSpeedKt;
    // Allowance: the speed limit over the elapsed time plus CPR quantisation and receiver time jitter.
    // Without time, only a jump of a few miles between consecutive positions is believed.
    const allowedM = timeKnown ? (speedKt * M_PER_NM * Math.max(0, t - ac.posTimeMs)) / 3_600_000 + 500 : 5 * M_PER_NM;
    if (distM > allowedM) {
      this.dropPosition('cpr-speed');
      return false;
    }
    return true;
  }
}

function newAircraft(icao: string, t: number): AircraftState {
  return {
    icao,
    firstSeenMs: t,
    lastSeenMs: t,
    confirmedMs: Number.NEGATIVE_INFINITY,
    messages: 0,
    posTimeMs: Number.NaN,
    adsbVersion: 0,
    nicA: 0,
    nicC: 0,
    evenLat: 0,
    evenLon: 0,
    evenTimeMs: Number.NaN,
    evenSurface: false,
    oddLat: 0,
    oddLon: 0,
    oddTimeMs: Number.NaN,
    oddSurface: false,
  };
}
