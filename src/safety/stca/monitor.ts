// SPDX-License-Identifier: GPL-3.0-or-later
// One full STCA cycle on live tracks: snapshot (predicted to the cycle time), grid detection, alert lifecycle.
// Keeps its buffers between cycles; deterministic (time comes from the caller, i.e. from the data).

import type { Track } from '../../fusion/track.ts';
import type { AlertEvent } from '../types.ts';
import { AlertLifecycle } from './alerts.ts';
import { parseStcaConfig, resolveRules, type StcaConfig, type StcaRules } from './config.ts';
import { ConflictSet, StcaDetector } from './detect.ts';
import { snapshotFromTracks, StcaSnapshot } from './snapshot.ts';

export class StcaMonitor {
  readonly rules: StcaRules;
  readonly detector: StcaDetector;
  readonly lifecycle: AlertLifecycle;
  /** The last cycle's snapshot and pairs (reused buffers: read them before the next cycle). */
  readonly snapshot = new StcaSnapshot();
  readonly conflicts = new ConflictSet();

  constructor(config: StcaConfig = parseStcaConfig()) {
    this.rules = resolveRules(config);
    this.detector = new StcaDetector(this.rules, 'stca');
    this.lifecycle = new AlertLifecycle({
      m: config.confirm.m,
      n: config.confirm.n,
      endAfterCycles: config.endAfterCycles,
      lookaheadS: config.lookaheadS,
    });
  }

  /** Runs one cycle at `timeMs` over the current tracks and returns the lifecycle events it produced. */
  cycle(tracks: readonly Track[], timeMs: number): AlertEvent[] {
    snapshotFromTracks(tracks, { timeMs }, this.snapshot);
    this.detector.detect(this.snapshot, this.conflicts);
    return this.lifecycle.update(timeMs, this.conflicts, this.snapshot, tracks);
  }
}
