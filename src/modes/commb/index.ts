// SPDX-License-Identifier: GPL-3.0-or-later
// Comm-B (DF20/21 MB field, frame bits 33..88): infer the register, then decode its fields into the message.

import type { ModeSMessage } from '../message.ts';
import { decodeBds10 } from './bds10.ts';
import { decodeBds17 } from './bds17.ts';
import { decodeBds20 } from './bds20.ts';
import { decodeBds30 } from './bds30.ts';
import { decodeBds40 } from './bds40.ts';
import { decodeBds44 } from './bds44.ts';
import { decodeBds45 } from './bds45.ts';
import { decodeBds50 } from './bds50.ts';
import { decodeBds60 } from './bds60.ts';
import type { KnownState } from './fields.ts';
import { candidateMask, REGISTERS, registersOf, settle, singleRegister } from './infer.ts';
import { loadMb, mbEmpty } from './mb.ts';

export type { CommBFields, KnownState } from './fields.ts';
export { REGISTERS } from './infer.ts';

/** Decoders in the order of REGISTERS. */
const DECODERS: readonly ((f: Uint8Array, msg: ModeSMessage) => void)[] = [
  decodeBds10,
  decodeBds17,
  decodeBds20,
  decodeBds30,
  decodeBds40,
  decodeBds44,
  decodeBds45,
  decodeBds50,
  decodeBds60,
];

const contenders = { mask: 0 };

/**
 * Infers the register of a Comm-B reply and decodes it into `msg` (`f`: the 14-byte frame, header fields
 * already set). Sets `bds` and the register's fields; when several registers fit and scoring cannot
 * settle them, sets only `bdsCandidates` (sorted); when none fits (or the MB field is empty), neither.
 * `meteo` lets 4,4 and 4,5 compete; `known` (ADS-B state of the aircraft) helps settle 5,0 against 6,0.
 */
export function decodeCommB(f: Uint8Array, msg: ModeSMessage, meteo: boolean, known?: KnownState): void {
  loadMb(f);
  if (mbEmpty()) return;
  const mask = candidateMask(f, meteo);
  if (mask === 0) return;
  let reg = singleRegister(mask);
  if (reg < 0) {
    const altFt = msg.df === 20 && msg.altFt !== undefined ? msg.altFt : (known?.altFt ?? Number.NaN);
    reg = settle(f, mask, altFt, known, contenders);
    if (reg < 0) {
      msg.bdsCandidates = registersOf(contenders.mask);
      return;
    }
  }
  msg.bds = REGISTERS[reg];
  DECODERS[reg](f, msg);
}
