// SPDX-License-Identifier: GPL-3.0-or-later
// TC 1..4: aircraft identification and emitter category (DO-260B §2.2.3.2.5).

import { bits } from '../bits.ts';
import type { ModeSMessage } from '../message.ts';

/** The 6-bit identification character set (IA-5 subset); '#' marks codes that carry no character. */
export const CALLSIGN_CHARSET = '#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######';

/** Character codes per 6-bit code; 0 for an invalid code, 32 for a space. */
const CHAR_CODE = (() => {
  const t = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    const c = CALLSIGN_CHARSET.charCodeAt(i);
    t[i] = c === 35 ? 0 : c;
  }
  return t;
})();

/** 'A0'..'D7' by TC * 8 + category (TC 4 → set A, 3 → B, 2 → C, 1 → D). */
const CATEGORY_CODE: string[] = (() => {
  const t: string[] = [];
  for (let tc = 0; tc < 5; tc++) for (let c = 0; c < 8; c++) t.push(tc === 0 ? '' : 'DCBA'[tc - 1] + c);
  return t;
})();

export function categoryCode(tc: number, category: number): string {
  return CATEGORY_CODE[(tc & 7) * 8 + (category & 7)] ?? '';
}

const scratch = new Uint8Array(8);

/** Decodes the 8 characters of ME bits 9..56; trims spaces and drops codes with no character. */
export function decodeCallsign(f: Uint8Array, firstBit: number): string {
  let first = -1;
  let last = -1;
  for (let i = 0; i < 8; i++) {
    const c = CHAR_CODE[bits(f, firstBit + 6 * i, 6)];
    scratch[i] = c;
    if (c !== 0 && c !== 32) {
      if (first < 0) first = i;
      last = i;
    }
  }
  let s = '';
  for (let i = first; i >= 0 && i <= last; i++) if (scratch[i] !== 0) s += String.fromCharCode(scratch[i]);
  return s;
}

export function decodeIdentification(f: Uint8Array, msg: ModeSMessage, tc: number): void {
  const category = bits(f, 38, 3);
  msg.category = category;
  msg.categoryCode = CATEGORY_CODE[tc * 8 + category];
  const callsign = decodeCallsign(f, 41);
  if (callsign !== '') msg.callsign = callsign;
}
