// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX stamps time as seconds since midnight UTC, without the date. The date comes from a reference
// time of the data (a capture timestamp, or the previous report): of the three candidate days, the one
// closest to the reference wins, which also handles reports that cross midnight.

const DAY_MS = 86_400_000;

/** ms since the epoch for a time of day (s since UTC midnight) near `referenceMs`. */
export function resolveTimeOfDay(timeOfDayS: number, referenceMs: number): number {
  return resolveTimeOfDayIn(timeOfDayS, referenceMs, Math.floor(referenceMs / DAY_MS) * DAY_MS);
}

/**
 * resolveTimeOfDay with the reference's UTC midnight (`dayStartMs`, Math.floor(referenceMs / 86400000) ×
 * 86400000) worked out by the caller, once for many reports with the same reference.
 */
export function resolveTimeOfDayIn(timeOfDayS: number, referenceMs: number, dayStartMs: number): number {
  let best = dayStartMs + timeOfDayS * 1000;
  // The day before, then the day after; a tie keeps the earlier choice.
  const before = dayStartMs - DAY_MS + timeOfDayS * 1000;
  if (Math.abs(before - referenceMs) < Math.abs(best - referenceMs)) best = before;
  const after = dayStartMs + DAY_MS + timeOfDayS * 1000;
  if (Math.abs(after - referenceMs) < Math.abs(best - referenceMs)) best = after;
  return best;
}
