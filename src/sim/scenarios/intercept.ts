// SPDX-License-Identifier: GPL-3.0-or-later
// intercept: air policing meets a dark aircraft. An Il-20 leaves the Kaliningrad area northbound over
// international waters with its transponder off; NATO's Baltic Air Policing pair at Šiauliai (EYSA) is
// scrambled, joins it west of Lithuania (lead off its right wing, wingman in trail), shadows it for ten
// minutes and returns to land at Šiauliai. Light civil traffic around it.

import type { ScenarioInput } from '../scenario.ts';
import { KALININGRAD_GULF_CORRIDOR } from '../traffic.ts';
import { EAST_SENSORS, PARTIES } from './common.ts';

export const intercept: ScenarioInput = {
  name: 'intercept',
  description: 'Baltic Air Policing QRA pair from Šiauliai joins a dark Il-20 over international waters.',
  seed: 4242,
  start: '2024-03-12T09:00:00Z',
  durationS: 3600,
  tickMs: 1000,
  atmosphere: { qnhHpa: 1008, tempDeviationC: -6, geoidM: 28, windFromDeg: 300 },
  parties: [PARTIES.lt, PARTIES.ee, PARTIES.fi, PARTIES.pl, PARTIES.ru],
  sensors: EAST_SENSORS,
  flights: [
    {
      id: 'unknown-1',
      callsign: 'RFF7315',
      country: 'ru',
      type: 'IL20',
      category: 'military',
      transponder: 'off',
      start: { atS: 0, lat: 55.05, lon: 19.6, altFt: 24000, speedKt: 320, trackDeg: 8 },
      // The corridor north from Kaliningrad, as far as the middle of the Gulf of Finland.
      route: KALININGRAD_GULF_CORRIDOR.slice(1, 8),
      cruiseFl: 240,
    },
  ],
  traffic: [
    { kind: 'civil', flightsPerHour: 60, airborneAtStart: 40, airports: ['EYVI', 'EYKA', 'EVRA', 'EETN', 'EPGD', 'EFHK', 'ESSA', 'UMKK'] },
    { kind: 'qra', base: 'EYSA', target: 'unknown-1', scrambleAtS: 240, shadowS: 600, type: 'F16', country: 'pl', callsign: 'PLF' },
  ],
};
