// SPDX-License-Identifier: GPL-3.0-or-later
// sk681-2014-03-03: a reconstruction of the near-miss of 3 March 2014 south of Malmö.
//
// What is on record (SVT, 8 May 2014, as reported by Sveriges Radio, B.T., The Local/TT, Reuters and
// Air Journal): SAS SK681, Copenhagen to Rome, 132 passengers, Danish-registered (Air Journal: an A321),
// shortly after take-off from Copenhagen, over international waters about 50 km south of Malmö, passed
// about 90 m from a Russian Ilyushin Il-20M flying with its transponder off; the SAS crew saw it (grey, four
// turboprops, long antenna, no markings) and changed altitude; a ground radar had seen it; TCAS had not.
//
// Not on record, and chosen here: the time of day (11:00 UTC take-off roll at 11:01), the runway (22R),
// the route (climb-out, then direct to the encounter point and south), the altitude of the encounter (where
// the modelled A321 climb reaches it, about FL172) and the Il-20's course (westbound, 266° true, at 330 kt).
// The SAS crew's reaction is modelled as a stop of the climb 27 s before the closest approach.
// Reproduced (test/sim/historical.test.ts): closest approach 90 ± 30 m, about 50 km south of Malmö, with
// the Il-20 dark throughout.

import type { ScenarioInput } from '../scenario.ts';
import { PARTIES, SOUTH_SENSORS } from './common.ts';

export const sk681: ScenarioInput = {
  name: 'sk681-2014-03-03',
  description: 'SK681 (Copenhagen–Rome) climbing out meets a dark Russian Il-20 south of Malmö; closest approach about 90 m.',
  seed: 681,
  start: '2014-03-03T11:00:00Z',
  durationS: 1500,
  tickMs: 1000,
  atmosphere: { qnhHpa: 1013.25, tempDeviationC: 0, geoidM: 36, windFromDeg: 220 },
  parties: [PARTIES.se, PARTIES.dk],
  sensors: SOUTH_SENSORS,
  flights: [
    {
      id: 'sk681',
      callsign: 'SAS681',
      country: 'dk',
      type: 'A321',
      start: { atS: 60, airport: 'EKCH', runway: '22R' },
      route: [
        { lat: 55.155, lon: 13.0 },
        { lat: 54.2, lon: 13.1 },
        { lat: 53.0, lon: 12.7 },
      ],
      cruiseFl: 350,
      // The crew stops the climb as the Il-20 is seen, then climbs on.
      events: [
        { atS: 462, altFt: 17300 },
        { atS: 560, altFt: null },
      ],
    },
    {
      id: 'il20',
      callsign: 'RFF0303',
      country: 'ru',
      type: 'IL20',
      category: 'military',
      transponder: 'off',
      start: { atS: 60, lat: 55.20511, lon: 14.13752, altFt: 17480, speedKt: 330, trackDeg: 266 },
      route: [
        { lat: 55.15337, lon: 12.99406, altFt: 17480, speedKt: 330 },
        { lat: 55.01325, lon: 10.64985, altFt: 17480, speedKt: 330 },
      ],
      cruiseFl: 175,
    },
  ],
  traffic: [{ kind: 'civil', flightsPerHour: 40, airborneAtStart: 12, airports: ['EKCH', 'ESMS', 'EKRN', 'ESGG', 'EDDH', 'EDDB', 'EPGD', 'ESSA'] }],
};
