// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmark corpus: every Mode S frame of the real recordings in test/fixtures/modes, in data time
// order per file, re-encoded as one Beast binary stream with 12 MHz timestamps from the data.
// The OpenSky set has its parity zeroed; its parity is recomputed so that the content counts as valid.

import { readFileSync } from 'node:fs';
import { createFramer, detectFormat } from '../src/feeds/detect.ts';
import { encodeBeast } from '../src/feeds/beast.ts';
import { crcResidual } from '../src/modes/crc.ts';
import { frameTimeMs } from '../src/modes/receive.ts';
import { MODES_RECORDINGS } from '../test/helpers/decode-file.ts';

// The Beast and AVR copies of the Toulouse recording hold the same frames: count them once.
const FILES = MODES_RECORDINGS.filter((name) => name !== 'toulouse_2020.avr');

interface CorpusFrame {
  frame: Uint8Array;
  timeMs: number;
}

function framesOf(name: string): CorpusFrame[] {
  const bytes = readFileSync(new URL(`../test/fixtures/modes/${name}`, import.meta.url));
  const format = detectFormat(bytes);
  if (format === 'sbs') return [];
  const out: CorpusFrame[] = [];
  const framer = createFramer(format);
  const sink = {
    frame: (kind: string, buf: Uint8Array, off: number, len: number, timeMs: number, mlat: number) => {
      if (kind === 'modes') out.push({ frame: buf.slice(off, off + len), timeMs: frameTimeMs(timeMs, mlat) });
    },
    error: () => {},
  };
  framer.push(bytes, sink);
  framer.end(sink);
  if (name.startsWith('opensky')) {
    for (const f of out) {
      const r = crcResidual(f.frame, 14);
      f.frame[11] ^= r >> 16;
      f.frame[12] ^= (r >> 8) & 0xff;
      f.frame[13] ^= r & 0xff;
    }
  }
  // Files without times get 10 ms spacing; times start at 0 for every file.
  const t0 = out.find((f) => !Number.isNaN(f.timeMs))?.timeMs ?? 0;
  out.forEach((f, i) => {
    f.timeMs = Number.isNaN(f.timeMs) ? i * 10 : f.timeMs - t0;
  });
  return out;
}

export interface BeastCorpus {
  beast: Uint8Array;
  frames: number;
}

/** The whole corpus `repeat` times, one file after another, time running on across repetitions. */
export function buildBeastCorpus(repeat: number): BeastCorpus {
  const all = FILES.flatMap(framesOf);
  const parts: Uint8Array[] = [];
  let offsetMs = 0;
  let frames = 0;
  for (let r = 0; r < repeat; r++) {
    let fileStart = offsetMs;
    let last = 0;
    let prevTime = -1;
    for (const f of all) {
      if (f.timeMs < prevTime) {
        // A new file starts: continue after the previous one.
        fileStart += last + 1000;
      }
      prevTime = f.timeMs;
      last = f.timeMs;
      const t = fileStart + f.timeMs;
      parts.push(encodeBeast(f.frame.length === 7 ? 'modes' : 'modes', f.frame, Math.round(t * 12_000), 0.5));
      frames++;
    }
    offsetMs = fileStart + last + 1000;
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const beast = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    beast.set(p, o);
    o += p.length;
  }
  return { beast, frames };
}
