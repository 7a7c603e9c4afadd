// SPDX-License-Identifier: GPL-3.0-or-later
// From a framed frame to a decoded message: the frame's time, then stateless or stateful decoding, then
// the receiver's own data (12 MHz counter, signal level) attached. Framers call this through their sink.

import { decodeModeS } from './decode.ts';
import { type DecodeOptions, type DecodeResult, isReject } from './message.ts';
import type { ModeSStreamDecoder } from './stream.ts';

/**
 * The frame's time in ms: the source's own time when it has one, else the receiver's 12 MHz counter
 * (ms since the receiver's counter started), else NaN.
 */
export function frameTimeMs(timeMs: number, mlat12MHz: number): number {
  if (!Number.isNaN(timeMs)) return timeMs;
  if (!Number.isNaN(mlat12MHz)) return mlat12MHz / 12_000;
  return Number.NaN;
}

/** Decodes one framed Mode S frame, statelessly or through a stream decoder. */
export function decodeFramed(
  decoder: ModeSStreamDecoder | DecodeOptions,
  buf: Uint8Array,
  off: number,
  len: number,
  timeMs: number,
  mlat12MHz: number,
  signal: number,
): DecodeResult {
  const t = frameTimeMs(timeMs, mlat12MHz);
  const r = 'decode' in decoder ? decoder.decode(buf, off, len, t) : decodeModeS(buf, off, len, t, decoder);
  if (!isReject(r)) {
    if (!Number.isNaN(mlat12MHz)) r.mlat12MHz = mlat12MHz;
    if (!Number.isNaN(signal)) r.signal = Math.round(signal * 1e4) / 1e4;
  }
  return r;
}
