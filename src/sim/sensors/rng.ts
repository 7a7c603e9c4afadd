// SPDX-License-Identifier: GPL-3.0-or-later
// Each sensor draws from its own stream of the simulator's generator, forked by name (the sensor id, or
// 'transponders') and the sensor's own seed: adding a sensor or a draw never shifts another's numbers.

import { Rng } from '../random.ts';

/** The generator of one sensor (or of the transponders) for a scenario seed. */
export function sensorRng(seed: number, stream: string, extra = 0): Rng {
  return new Rng(seed).fork(stream).fork(`seed:${extra >>> 0}`);
}
