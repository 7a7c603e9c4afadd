// SPDX-License-Identifier: GPL-3.0-or-later
// baltic-day, the demo: an hour of civil traffic over the Baltic — departures, arrivals and overflights
// between the region's airports, several hundred aircraft in the air at once — with a few Russian state
// flights on the Kaliningrad – Gulf of Finland corridor (an Il-20 dark all the way and intercepted by the
// Ämari quick-reaction pair, an Il-76 with two Su-27 escorts that switches its transponder off over
// international waters, a dark Il-20 on the southern leg), watched by seven parties' sensors. Russia notifies
// some of its flights in the shared log: the northern Il-20 as flown, the Il-76 formation only as far as
// abeam Gotland (it flies on), and a patrol that never flies; the southern Il-20 goes unnotified.

import type { ScenarioInput } from '../scenario.ts';
import { KALININGRAD_GULF_CORRIDOR } from '../traffic.ts';
import { EAST_SENSORS, PARTIES, SOUTH_SENSORS } from './common.ts';

export const balticDay: ScenarioInput = {
  name: 'baltic-day',
  description: 'One hour of Baltic civil traffic with a few military flights, some of them dark.',
  seed: 20160713,
  start: '2024-06-04T07:00:00Z',
  durationS: 3600,
  tickMs: 1000,
  atmosphere: { qnhHpa: 1018, tempDeviationC: 4, geoidM: 30, windFromDeg: 240 },
  parties: Object.values(PARTIES),
  sensors: [...SOUTH_SENSORS, ...EAST_SENSORS],
  flights: [
    {
      id: 'rff-il20-north',
      callsign: 'RFF9021',
      country: 'ru',
      type: 'IL20',
      category: 'military',
      transponder: 'off',
      start: { atS: 0, lat: 57.2, lon: 19.92, altFt: 26000, speedKt: 320, trackDeg: 5 },
      // The corridor from abeam Gotland to the end of the Gulf of Finland.
      route: KALININGRAD_GULF_CORRIDOR.slice(3),
      cruiseFl: 260,
    },
  ],
  traffic: [
    { kind: 'civil', flightsPerHour: 420, airborneAtStart: 320, overflightShare: 0.2, externalShare: 0.35 },
    { kind: 'qra', base: 'EEEI', target: 'rff-il20-north', scrambleAtS: 600, shadowS: 900, type: 'EUFI', country: 'de', callsign: 'GAF' },
    { kind: 'state', count: 1, type: 'IL76', transponder: 'partial', minFl: 220, maxFl: 280, escorts: 2, escortType: 'SU27', callsignPrefix: 'RFF' },
    { kind: 'state', count: 1, type: 'IL20', transponder: 'off', minFl: 200, maxFl: 260 },
  ],
  notifications: [
    { flight: 'rff-il20-north', party: 'ru' },
    { flight: 'il76-1', party: 'ru', routePoints: 2 },
    {
      party: 'ru',
      message:
        '(FPL-RFF7302-IM-IL38/M-S/C-ZZZZ0705-N0340F280 DCT 5450N01900E DCT 5500N01700E-ZZZZ0025-STS/STATE DOF/240604 DEP/5446N02024E DEST/5500N01700E)',
    },
  ],
};
