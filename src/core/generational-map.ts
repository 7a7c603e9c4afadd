// SPDX-License-Identifier: GPL-3.0-or-later
// A map whose entries expire when not touched for a while, with O(1) work per operation and no scan:
// two generations, where the older one is dropped whole each time the newer one has lived `periodMs`.
// An entry touched within the last `periodMs` is always kept; one untouched for 2 × `periodMs` is always gone.

export class GenerationalMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private generationStartMs = Number.NaN;

  constructor(private readonly periodMs: number) {
    if (!(periodMs > 0)) throw new RangeError(`periodMs must be positive, got ${periodMs}`);
  }

  /** Advances the clock (data time, ms); drops the oldest generation when due. */
  advance(nowMs: number): void {
    if (Number.isNaN(this.generationStartMs)) {
      this.generationStartMs = nowMs;
      return;
    }
    const elapsedMs = nowMs - this.generationStartMs;
    if (elapsedMs < this.periodMs) return;
    // Generations start on a fixed grid of periods, so an entry lives at most two periods untouched.
    // Two or more boundaries crossed at once: everything is stale.
    this.previous = elapsedMs >= 2 * this.periodMs ? new Map() : this.current;
    this.current = new Map();
    this.generationStartMs += Math.floor(elapsedMs / this.periodMs) * this.periodMs;
  }

  /** The value for `key`, refreshed into the current generation; undefined when absent or expired. */
  get(key: K): V | undefined {
    const v = this.current.get(key);
    if (v !== undefined) return v;
    const old = this.previous.get(key);
    if (old !== undefined) {
      this.previous.delete(key);
      this.current.set(key, old);
    }
    return old;
  }

  /** The value without refreshing it. */
  peek(key: K): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  set(key: K, value: V): void {
    this.previous.delete(key);
    this.current.set(key, value);
  }

  /** Number of live entries (both generations). */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Every live entry, newest generation first. */
  *entries(): IterableIterator<[K, V]> {
    yield* this.current.entries();
    yield* this.previous.entries();
  }
}
