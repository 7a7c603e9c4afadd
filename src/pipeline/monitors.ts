// SPDX-License-Identifier: GPL-3.0-or-later
// The safety monitors over the picture, whoever tracks it (fusion, or the ideal tracker in tests and the
// ideal-track demo): STCA once per sample, encounter analysis and transponder compliance on every track event.
// What they find goes out as PictureEvents, in data-time order.

import type { Track, TrackEvent } from '../fusion/track.ts';
import type { NotificationMonitor } from '../notify/monitor.ts';
import { type EncounterConfig, parseEncounterConfig } from '../safety/encounters/config.ts';
import { EncounterDetector, type EncounterRecord } from '../safety/encounters/detector.ts';
import { parseStcaConfig, type StcaConfig } from '../safety/stca/config.ts';
import { StcaMonitor } from '../safety/stca/monitor.ts';
import { TransponderMonitor } from '../safety/transponder/monitor.ts';
import type { PictureSink } from '../server/picture.ts';

export interface MonitorOptions {
  stca?: StcaConfig;
  encounters?: EncounterConfig;
  /** Flight notifications to match the tracks against (unnotified flights, deviations, no-shows). */
  notifications?: NotificationMonitor;
}

export class PictureMonitors {
  readonly stca: StcaMonitor;
  readonly encounters: EncounterDetector;
  readonly transponders: TransponderMonitor;
  readonly notifications: NotificationMonitor | undefined;
  /** Notification events already passed on. */
  private notificationEvents = 0;
  /** Every encounter closed so far, with the evidence its report needs. */
  readonly encounterRecords: EncounterRecord[] = [];

  constructor(
    options: MonitorOptions,
    private readonly sink: PictureSink,
  ) {
    this.stca = new StcaMonitor(options.stca ?? parseStcaConfig());
    this.encounters = new EncounterDetector(options.encounters ?? parseEncounterConfig());
    this.transponders = new TransponderMonitor();
    this.notifications = options.notifications;
  }

  /** A track event (an update within a sample, or a deletion): passed on, then analysed. */
  trackEvent(e: TrackEvent): void {
    this.sink({ type: 'track', event: e });
    for (const c of this.transponders.push(e)) this.sink({ type: 'compliance', event: c });
    const n = this.notifications;
    if (n !== undefined) {
      n.push(e);
      while (this.notificationEvents < n.events.length) this.sink({ type: 'compliance', event: n.events[this.notificationEvents++] });
      for (const state of n.takeChanged()) this.sink({ type: 'notification-state', state });
    }
    for (const r of this.encounters.push(e)) {
      this.encounterRecords.push(r);
      this.sink({ type: 'encounter', encounter: r.encounter, record: r });
    }
  }

  /** The picture at one sampling instant: every track's update, one STCA cycle, then the tick that closes it. */
  sample(timeMs: number, tracks: readonly Track[]): void {
    for (const t of tracks) this.trackEvent({ type: 'update', track: t });
    for (const a of this.stca.cycle(tracks, timeMs)) this.sink({ type: 'alert', event: a });
    this.sink({ type: 'tick', timeMs });
  }
}
