// SPDX-License-Identifier: GPL-3.0-or-later
// The Comm-B hook: hands an ASTERIX BDS element's 56-bit MB field to the Mode S Comm-B decoder
// (src/modes/commb), which infers the register (checked against the one ASTERIX names, when it does)
// and decodes its fields.

import { decodeCommB } from '../modes/commb/index.ts';
import type { ModeSMessage } from '../modes/message.ts';
import type { BdsHook } from './values.ts';

const HEADER_KEYS = new Set(['timeMs', 'df', 'icao', 'crc']);

/**
 * Builds a Comm-B hook. The result is the decoder's Comm-B fields (bds, and the register's values), or
 * undefined when the MB is empty or no register fits.
 */
export function commBHook(meteo = false): BdsHook {
  const frame = new Uint8Array(14);
  return (mb, _bds) => {
    frame.fill(0);
    frame[0] = 20 << 3; // DF20: the MB field sits at frame bits 33..88
    frame.set(mb.subarray(0, 7), 4);
    const msg: ModeSMessage = { timeMs: 0, df: 20, icao: '000000', crc: 'ap' };
    decodeCommB(frame, msg, meteo);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(msg)) if (!HEADER_KEYS.has(k)) out[k] = v;
    return Object.keys(out).length > 0 ? out : undefined;
  };
}
