// SPDX-License-Identifier: GPL-3.0-or-later
// What the server consumes: a PictureSource, a time-ordered stream of picture events (tracks, alerts,
// encounters, compliance, notifications, feed health) from the pipeline or, until it is wired, the simulator.

import type { TrackEvent } from '../fusion/track.ts';
import type { NotificationState, NotificationStatus } from '../notify/monitor.ts';
import type { EncounterRecord } from '../safety/encounters/detector.ts';
import type { AlertEvent, ComplianceEvent, Encounter } from '../safety/types.ts';

/** A notified state flight as the server shows it (the notify module's matching adds status). */
export interface FlightNotification {
  notificationId: string;
  /** The notifying party. */
  party: string;
  /** ICAO ATS message type of the latest message for it. */
  messageType: 'FPL' | 'CHG' | 'CNL' | 'DLA' | 'DEP' | 'ARR';
  /** The message text, as filed. */
  message: string;
  callsign?: string;
  /** The period the flight is notified for, ms. */
  fromMs: number;
  toMs: number;
  /** Matching against what flies, when known. */
  status?: NotificationStatus;
  /** Tracks matched to it. */
  trackIds?: number[];
}

/** One feed's counters, as the health endpoint shows them. */
export interface FeedHealth {
  id: string;
  party: string;
  format: 'beast' | 'avr' | 'sbs' | 'asterix' | 'sim';
  connected: boolean;
  messages: number;
  /** Messages per second of data time over the last interval. */
  ratePerS: number;
  /** Rejected frames by reason. */
  rejected: Record<string, number>;
}

/** A sensor as the API lists it. */
export interface SensorInfo {
  id: string;
  party: string;
  kind: 'adsb' | 'radar' | 'system';
  lat: number;
  lon: number;
  maxRangeNm: number;
}

/**
 * The events, in data-time order. A `tick` closes a data second: everything up to `timeMs` has been emitted,
 * so the server may snapshot the picture at `timeMs` (the live stream's 1 Hz in data time).
 */
export type PictureEvent =
  | { type: 'track'; event: TrackEvent }
  | { type: 'alert'; event: AlertEvent }
  /** An encounter that has closed; `record` carries the evidence for its incident report. */
  | { type: 'encounter'; encounter: Encounter; record?: EncounterRecord }
  | { type: 'compliance'; event: ComplianceEvent }
  | { type: 'notification'; notification: FlightNotification }
  /** The matching moved on for a listed notification: a flight matched it, deviated, or it became a no-show. */
  | { type: 'notification-state'; state: NotificationState }
  | { type: 'health'; feeds: FeedHealth[] }
  | { type: 'tick'; timeMs: number };

export type PictureSink = (event: PictureEvent) => void;

/**
 * The pipeline as the server sees it. Swapping the simulator driver for the real pipeline means handing the
 * server another object with this shape (or pushing into a PushSource). Emitted values belong to the server from
 * then on: the source must not mutate a Track, Alert or Encounter after emitting it (the server keeps them until
 * they are stored and serialized).
 */
export interface PictureSource {
  /** Every party's sensors, for /api/v1/sensors. */
  readonly sensors: readonly SensorInfo[];
  /** The party an aircraft is attributed to (by address block or notification), for compliance figures. */
  partyOf?(trackId: number): string | undefined;
  /** Starts emitting to `sink`; events arrive in data-time order. */
  start(sink: PictureSink): void;
  /** Stops emitting; resolves when no more events will come. */
  stop(): Promise<void>;
  /** Resolves when the source has nothing more to emit (the end of a recording or scenario). */
  readonly finished: Promise<void>;
}

/** A source the pipeline pushes into: `emit` forwards to the server once it has started; `end` marks the end. */
export class PushSource implements PictureSource {
  readonly finished: Promise<void>;
  private sink: PictureSink | undefined;
  private readonly early: PictureEvent[] = [];
  private resolveFinished!: () => void;

  constructor(
    readonly sensors: readonly SensorInfo[],
    private readonly attribute?: (trackId: number) => string | undefined,
  ) {
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
  }

  partyOf(trackId: number): string | undefined {
    return this.attribute?.(trackId);
  }

  /** Hands one event to the server (kept until the server starts, if it has not yet). */
  emit(event: PictureEvent): void {
    if (this.sink) this.sink(event);
    else this.early.push(event);
  }

  end(): void {
    this.resolveFinished();
  }

  start(sink: PictureSink): void {
    this.sink = sink;
    for (const e of this.early.splice(0)) sink(e);
  }

  async stop(): Promise<void> {
    this.sink = undefined;
  }
}
