// SPDX-License-Identifier: GPL-3.0-or-later
// Parties and sensors shared by the built-in scenarios. Sites are plausible, not the real radar heads;
// SAC/SIC codes are made up (unique within the scenarios).

import type { SimSensorInput } from '../sensors/config.ts';

export const PARTIES = {
  se: { id: 'se', name: 'Swedish Armed Forces', country: 'se' },
  dk: { id: 'dk', name: 'Naviair (Danish ANSP)', country: 'dk' },
  lt: { id: 'lt', name: 'Lithuanian Air Force', country: 'lt' },
  ee: { id: 'ee', name: 'Estonian Air Force', country: 'ee' },
  fi: { id: 'fi', name: 'Fintraffic ANS', country: 'fi' },
  pl: { id: 'pl', name: 'PANSA (Polish ANSP)', country: 'pl' },
  ru: { id: 'ru', name: 'Russian ATM Kaliningrad', country: 'ru' },
} as const;

/** Sensors around the southern Baltic (Øresund, Skåne, Bornholm). */
export const SOUTH_SENSORS: SimSensorInput[] = [
  { id: 'dk-kastrup-adsb', party: 'dk', kind: 'adsb', lat: 55.618, lon: 12.65, heightM: 45, format: 'beast' },
  { id: 'dk-stevns-ssr', party: 'dk', kind: 'radar', lat: 55.32, lon: 12.45, heightM: 80, sac: 10, sic: 1, psr: false, ssr: true, modeS: true, rotationPeriodS: 4 },
  { id: 'se-sturup-adsb', party: 'se', kind: 'adsb', lat: 55.537, lon: 13.376, heightM: 120, format: 'sbs' },
  { id: 'se-mil-south', party: 'se', kind: 'radar', lat: 55.43, lon: 13.98, heightM: 110, sac: 20, sic: 1, psr: true, ssr: true, modeS: true, rotationPeriodS: 10 },
];

/** Sensors along the eastern Baltic (Lithuania, Estonia, Finland, Kaliningrad). */
export const EAST_SENSORS: SimSensorInput[] = [
  { id: 'lt-mil-radar', party: 'lt', kind: 'radar', lat: 55.9, lon: 21.1, heightM: 90, sac: 30, sic: 1, psr: true, ssr: true, modeS: true, rotationPeriodS: 10 },
  { id: 'ee-tallinn-adsb', party: 'ee', kind: 'adsb', lat: 59.413, lon: 24.833, heightM: 60, format: 'avr' },
  { id: 'ee-mil-radar', party: 'ee', kind: 'radar', lat: 59.0, lon: 23.4, heightM: 100, sac: 40, sic: 1, psr: true, ssr: true, modeS: true, rotationPeriodS: 10 },
  { id: 'fi-helsinki-adsb', party: 'fi', kind: 'adsb', lat: 60.317, lon: 24.963, heightM: 70, format: 'beast' },
  { id: 'pl-gdansk-ssr', party: 'pl', kind: 'radar', lat: 54.38, lon: 18.47, heightM: 150, sac: 50, sic: 1, psr: false, ssr: true, modeS: true, rotationPeriodS: 5 },
  { id: 'ru-kaliningrad-radar', party: 'ru', kind: 'radar', lat: 54.89, lon: 20.59, heightM: 60, sac: 60, sic: 1, psr: true, ssr: true, modeS: true, rotationPeriodS: 10 },
];
