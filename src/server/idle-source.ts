// SPDX-License-Identifier: GPL-3.0-or-later
// A PictureSource with no data: the configured sensors and their feeds listed as not connected. `jointsky
// serve` uses it until the processing pipeline (feeds → decoders → fusion → safety) is plugged in.

import type { FeedHealth, PictureSink, PictureSource, SensorInfo } from './picture.ts';

export class IdleSource implements PictureSource {
  readonly finished: Promise<void> = new Promise(() => {});

  constructor(
    readonly sensors: readonly SensorInfo[],
    private readonly feeds: readonly FeedHealth[],
  ) {}

  start(sink: PictureSink): void {
    sink({ type: 'health', feeds: [...this.feeds] });
  }

  async stop(): Promise<void> {}
}
