// SPDX-License-Identifier: GPL-3.0-or-later
// A progress bar on stderr for long runs over files, drawn only when stderr is a terminal.
// The wall clock is used here for display only, never for data.

export class ProgressBar {
  private lastDrawMs = 0;
  private readonly startMs = Date.now();
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly totalBytes: number,
    private readonly label: string,
  ) {}

  /** Redraws at most 10 times a second. */
  update(doneBytes: number, items: number): void {
    const now = Date.now();
    if (now - this.lastDrawMs < 100) return;
    this.lastDrawMs = now;
    this.draw(doneBytes, items, now);
  }

  private draw(doneBytes: number, items: number, now: number): void {
    const width = 30;
    const fraction = this.totalBytes > 0 ? Math.min(1, doneBytes / this.totalBytes) : 0;
    const filled = Math.round(fraction * width);
    const seconds = Math.max(1e-3, (now - this.startMs) / 1000);
    const rate = Math.round(items / seconds).toLocaleString('en-US');
    const mb = (n: number) => (n / 1e6).toFixed(1);
    this.out.write(
      `\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
        `${mb(doneBytes)}/${mb(this.totalBytes)} MB  ${rate} msg/s `,
    );
    this.drawn = true;
  }

  /** Draws the final state and ends the line. */
  finish(doneBytes: number, items: number): void {
    this.draw(doneBytes, items, Date.now());
    if (this.drawn) this.out.write('\n');
  }
}
