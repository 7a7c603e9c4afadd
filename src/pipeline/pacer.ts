// SPDX-License-Identifier: GPL-3.0-or-later
// Plays data time against the wall clock at `speed` × real time: the only place where a simulated source reads
// the clock. Infinity runs as fast as it can, in slices, so that the server keeps answering meanwhile.

export class Pacer {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private wallStartMs = 0;
  private dataStartMs = 0;

  /**
   * @param nextDataMs the data time of the next tick
   * @param tick runs one tick; false at the end of the data
   */
  constructor(
    private readonly speed: number,
    private readonly nextDataMs: () => number,
    private readonly tick: () => boolean,
  ) {}

  start(): void {
    this.wallStartMs = Date.now();
    this.dataStartMs = this.nextDataMs();
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.run(), delayMs);
  }

  private run(): void {
    if (this.stopped) return;
    if (!Number.isFinite(this.speed)) {
      for (let i = 0; i < 5; i++) if (!this.tick()) return;
      this.schedule(0);
      return;
    }
    const dueMs = this.dataStartMs + (Date.now() - this.wallStartMs) * this.speed;
    while (this.nextDataMs() <= dueMs) if (!this.tick()) return;
    const waitMs = (this.nextDataMs() - this.dataStartMs) / this.speed - (Date.now() - this.wallStartMs);
    this.schedule(Math.max(1, Math.min(1000, waitMs)));
  }
}
