// SPDX-License-Identifier: GPL-3.0-or-later
// stress-N: N aircraft cruising, climbing and descending across the Baltic from the first tick, watched by
// receivers and radars of several parties. For benchmarks: `stress-20000` must run with all its sensors at
// least ten times faster than real time on one core.

import type { ScenarioInput } from '../scenario.ts';
import { EAST_SENSORS, PARTIES, SOUTH_SENSORS } from './common.ts';

export function stress(n: number): ScenarioInput {
  return {
    name: `stress-${n}`,
    description: `${n} aircraft airborne over the Baltic from the start, for benchmarks.`,
    seed: 20000 + n,
    start: '2024-06-01T12:00:00Z',
    durationS: 600,
    tickMs: 1000,
    parties: Object.values(PARTIES),
    sensors: [...SOUTH_SENSORS, ...EAST_SENSORS],
    traffic: [{ kind: 'stress', count: n }],
  };
}
