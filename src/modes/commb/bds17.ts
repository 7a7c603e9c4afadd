// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 1,7 common usage GICB capability report (ICAO Doc 9871 Table A-2-23): MB bits 1-24 say which
// registers the transponder updates; bits 25-56 are reserved and zero.

import type { ModeSMessage } from '../message.ts';
import { loadMb, mbAnySet, mbBit, mbBits, mbMask } from './mb.ts';

/** The register that each of MB bits 1..24 stands for. */
export const GICB_REGISTERS: readonly string[] = [
  '0,5', '0,6', '0,7', '0,8', '0,9', '0,A', '2,0', '2,1', '4,0', '4,1', '4,2', '4,3',
  '4,4', '4,5', '4,8', '5,0', '5,1', '5,2', '5,3', '5,4', '5,5', '5,6', '5,F', '6,0',
];

/** MB bit (1-based) of a register in the capability map. */
export const GICB_BIT = {
  es: 1, // 0,5 .. 0,9 are bits 1..5
  ident: 7, // 2,0
  vertIntent: 9, // 4,0
  trackTurn: 16, // 5,0
  headingSpeed: 24, // 6,0
} as const;

const RESERVED = mbMask(25, 56);

/**
 * Reserved bits 25-56 zero, and register 2,0 among the capabilities: every transponder that can
 * answer GICB requests can say who it is (the same rule as pyModeS).
 */
export function isBds17(f: Uint8Array): boolean {
  loadMb(f);
  return fits17();
}

/** isBds17 on the loaded MB field. */
export function fits17(): boolean {
  return mbBit(GICB_BIT.ident) === 1 && !mbAnySet(RESERVED);
}

/** Last capability map decoded, so that a stream of identical reports shares one array. */
let lastMap = -1;
let lastList: string[] = [];

export function decodeBds17(f: Uint8Array, msg: ModeSMessage): void {
  loadMb(f);
  const map = mbBits(1, 24);
  if (map !== lastMap) {
    const list: string[] = [];
    for (let i = 0; i < 24; i++) if ((map >> (23 - i)) & 1) list.push(GICB_REGISTERS[i]);
    lastMap = map;
    lastList = list;
  }
  msg.capabilities = lastList;
}
