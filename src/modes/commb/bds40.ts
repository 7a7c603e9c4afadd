// SPDX-License-Identifier: GPL-3.0-or-later
// BDS 4,0 selected vertical intention (ICAO Doc 9871 Table A-2-64).
// MB bits: 1 status + 2-13 MCP/FCU selected altitude (16 ft), 14 status + 15-26 FMS selected altitude,
// 27 status + 28-39 barometric pressure setting (800 + 0.1 mb), 40-47 reserved, 48 status + 49-51
// VNAV / alt hold / approach, 52-53 reserved, 54 status + 55-56 target altitude source.

import type { ModeSMessage } from '../message.ts';
import type { TargetAltSource } from './fields.ts';
import { loadMb, mbAnySet, mbBit, mbBits, mbEmpty, mbMask, statusConsistent, statusLayout } from './mb.ts';

/** Codes 1..3; code 0 (unknown) sets nothing. */
const SOURCES: readonly (TargetAltSource | undefined)[] = [undefined, 'holding', 'mcp', 'fms'];

const STATUS = statusLayout([
  [1, 2, 13],
  [14, 15, 26],
  [27, 28, 39],
  [48, 49, 51],
  [54, 55, 56],
]);
const RESERVED_A = mbMask(40, 47);
const RESERVED_B = mbMask(52, 53);

/** Every status bit consistent with its field, and the reserved bits zero. */
export function isBds40(f: Uint8Array): boolean {
  loadMb(f);
  return fits40();
}

/** isBds40 on the loaded MB field; the reserved bits first, as they reject most other registers. */
export function fits40(): boolean {
  if (mbAnySet(RESERVED_A) || mbAnySet(RESERVED_B) || mbEmpty()) return false;
  return statusConsistent(STATUS);
}

export function decodeBds40(f: Uint8Array, msg: ModeSMessage): void {
  loadMb(f);
  if (mbBit(1)) msg.selAltMcpFt = mbBits(2, 12) * 16;
  if (mbBit(14)) msg.selAltFmsFt = mbBits(15, 12) * 16;
  // Integer tenths first, so that 1013.2 comes out as the nearest double to 1013.2.
  if (mbBit(27)) msg.baroSettingMb = (8000 + mbBits(28, 12)) / 10;
  if (mbBit(48)) {
    msg.vnav = mbBit(49) === 1;
    msg.altHold = mbBit(50) === 1;
    msg.approach = mbBit(51) === 1;
  }
  if (mbBit(54)) {
    const source = SOURCES[mbBits(55, 2)];
    if (source !== undefined) msg.targetAltSource = source;
  }
}
