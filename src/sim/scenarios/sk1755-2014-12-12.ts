// SPDX-License-Identifier: GPL-3.0-or-later
// sk1755-2014-12-12: the 12 December 2014 case south of Sweden.
//
// What is on record (Aviation Safety Network, 13 December 2014, from Dagens Nyheter and the LiveATC audio;
// Reuters 14–15 December 2014): SAS SK1755, Copenhagen to Poznań, a Cimber-operated CRJ-200 (OY-RJK),
// took off at 11:12 local time (10:12 UTC) and proceeded south-east, in contact with Sweden Control. Swedish
// military radar saw an aircraft with no transponder near it and warned Malmö ATC. At 11:21 the controller
// said "initial stop climb flight level 220 … due to unidentified traffic", between FL230 and FL250 and
// crossing from right to left, later given as FL250; at 11:23 the traffic had passed behind and SK1755 was
// cleared to climb. A Gripen identified it as a Russian Il-20.
//
// Not on record, and chosen here: the runway (22R), the route, the Il-20's track (north-east, 047° true, at
// 330 kt), and where it crossed: SK1755's track about 18 km behind the airliner at 10:23:00 UTC, so that the
// horizontal closest approach is about 12 km (at 10:22), at 3000 ft vertical separation.
// Reproduced (test/sim/historical.test.ts): SK1755 level at FL220 from about 10:21:20 to 10:23, the Il-20 at
// FL250 with its transponder off, crossing SK1755's track from right to left behind it around 10:23.

import type { ScenarioInput } from '../scenario.ts';
import { PARTIES, SOUTH_SENSORS } from './common.ts';

export const sk1755: ScenarioInput = {
  name: 'sk1755-2014-12-12',
  description: 'SK1755 (Copenhagen–Poznań) stopped at FL220 for an Il-20 that only Swedish military radar sees.',
  seed: 1755,
  start: '2014-12-12T10:05:00Z',
  durationS: 2400,
  tickMs: 1000,
  atmosphere: { qnhHpa: 1005, tempDeviationC: -3, geoidM: 36, windFromDeg: 220 },
  parties: [PARTIES.se, PARTIES.dk],
  sensors: SOUTH_SENSORS,
  flights: [
    {
      id: 'sk1755',
      callsign: 'SAS1755',
      country: 'dk',
      type: 'CRJ2',
      start: { atS: 420, airport: 'EKCH', runway: '22R' },
      route: [
        { lat: 55.25, lon: 13.2 },
        { lat: 54.3, lon: 14.7 },
      ],
      end: { land: 'EPPO' },
      cruiseFl: 290,
      events: [
        // 11:21 local: "initial stop climb flight level 220"; 11:23: cleared to continue the climb.
        { atS: 960, altFt: 22000 },
        { atS: 1080, altFt: null },
      ],
    },
    {
      id: 'il20',
      callsign: 'RFF1212',
      country: 'ru',
      type: 'IL20',
      category: 'military',
      transponder: 'off',
      start: { atS: 840, lat: 54.81162, lon: 13.03919, altFt: 25000, speedKt: 330, trackDeg: 47 },
      route: [
        { lat: 55.0624, lon: 13.5042, altFt: 25000, speedKt: 330 },
        { lat: 55.2, lon: 13.8, altFt: 25000, speedKt: 330 },
        { lat: 55.0, lon: 14.35, altFt: 25000, speedKt: 330 },
        { lat: 54.8, lon: 16.0, altFt: 25000, speedKt: 330 },
      ],
      cruiseFl: 250,
    },
  ],
  traffic: [{ kind: 'civil', flightsPerHour: 40, airborneAtStart: 12, airports: ['EKCH', 'ESMS', 'EKRN', 'ESGG', 'EDDH', 'EDDB', 'EPGD', 'ESSA'] }],
};
