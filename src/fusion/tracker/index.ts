// SPDX-License-Identifier: GPL-3.0-or-later
// The tracker's public surface: Tracker and its options, the category classifier, CAT062 output.

export { type Cat062Options, encodeCat062 } from './cat062.ts';
export { CategoryClassifier, isMilitaryAddress, MILITARY_CALLSIGN_PREFIXES, STATE_CALLSIGN_PREFIXES } from './identity.ts';
export { parseTunables, type TrackerOptions, type TrackerTunables, TrackerTunablesSchema } from './options.ts';
export { compareReports, Tracker, type TrackerCounters } from './tracker.ts';
