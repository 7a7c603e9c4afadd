// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a recording through the real framer and a decoder, collecting everything, for tests.
import { readFileSync } from 'node:fs';
import { createFramer, detectFormat } from '../../src/feeds/detect.ts';
import { FramingCounters } from '../../src/feeds/framing.ts';
import type { DecodeOptions, DecodeResult } from '../../src/modes/message.ts';
import { decodeFramed } from '../../src/modes/receive.ts';
import { ModeSStreamDecoder, type StreamOptions } from '../../src/modes/stream.ts';

export interface DecodedFile {
  results: DecodeResult[];
  counters: FramingCounters;
  stream?: ModeSStreamDecoder;
}

/** The real Mode S recordings in test/fixtures/modes (all but the JSON vectors and the readsb trace). */
export const MODES_RECORDINGS = [
  'toulouse_2020.beast',
  'toulouse_2020.avr',
  'modes1.avr',
  'hist_2015_data.txt',
  'hist_2016_ehs.csv',
  'sample_data_adsb.csv',
  'sample_data_commb_df20.csv',
  'sample_data_commb_df21.csv',
  'opensky_java_adsb_messages.txt',
] as const;

export function fixturePath(name: string): string {
  return new URL(`../fixtures/modes/${name}`, import.meta.url).pathname;
}

/** Decodes a whole fixture; stateless when `stateless` is set, else through a stream decoder. */
export function decodeFile(name: string, options: StreamOptions & { stateless?: boolean } = {}): DecodedFile {
  const bytes = readFileSync(fixturePath(name));
  const format = detectFormat(bytes);
  if (format === 'sbs') throw new Error('SBS carries no frames');
  const framer = createFramer(format);
  const counters = new FramingCounters();
  const stream = options.stateless ? undefined : new ModeSStreamDecoder({ raw: true, ...options });
  const decoder: ModeSStreamDecoder | DecodeOptions = stream ?? { raw: true, ...options };
  const results: DecodeResult[] = [];
  const sink = counters.tee({
    frame: (kind, buf, off, len, timeMs, mlat, signal) => {
      if (kind === 'modes') results.push(decodeFramed(decoder, buf, off, len, timeMs, mlat, signal));
    },
    error: () => {},
  });
  framer.push(bytes, sink);
  framer.end(sink);
  return { results, counters, stream };
}
