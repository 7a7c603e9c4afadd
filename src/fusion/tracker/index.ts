// SPDX-License-Identifier: GPL-3.0-or-later
// The tracker's public surface: Tracker and its options, the category classifier, CAT062 output.

export { Tracker, compareReports, type TrackerCounters } from './tracker.ts';
export { type TrackerOptions, type TrackerTunables, TrackerTunablesSchema, parseTunables } from './options.ts';
export { CategoryClassifier, isMilitaryAddress, MILITARY_CALLSIGN_PREFIXES, STATE_CALLSIGN_PREFIXES } from './identity.ts';
export { encodeCat062, type Cat062Options } from './cat062.ts';
