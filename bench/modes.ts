// SPDX-License-Identifier: GPL-3.0-or-later
// Mode S hot paths over the real corpus as Beast binary: framing, stateless decode of all fields,
// streaming decode with CPR pairing and the address filter, and memory over a long run.

import { BeastFramer } from '../src/feeds/beast.ts';
import type { FrameSink } from '../src/feeds/framing.ts';
import { decodeModeS } from '../src/modes/decode.ts';
import { isReject } from '../src/modes/message.ts';
import { ModeSStreamDecoder } from '../src/modes/stream.ts';
import { type BenchResult, measureRate } from './harness.ts';
import { buildBeastCorpus } from './modes-corpus.ts';

const RUNS = 7;

export async function benchModes(): Promise<BenchResult[]> {
  const corpus = buildBeastCorpus(20);
  const n = corpus.frames;
  const results: BenchResult[] = [];

  const framingOnly = measureRate(n, RUNS, () => {
    let count = 0;
    const sink: FrameSink = { frame: () => { count++; }, error: () => {} };
    const framer = new BeastFramer();
    framer.push(corpus.beast, sink);
    framer.end(sink);
    return count;
  });
  results.push({ name: 'beast framing', value: framingOnly.perSecond, unit: 'frames/s', n, runs: RUNS });

  const stateless = measureRate(n, RUNS, () => {
    let ok = 0;
    const sink: FrameSink = {
      frame: (kind, buf, off, len, _t, mlat) => {
        if (kind !== 'modes') return;
        const r = decodeModeS(buf, off, len, mlat / 12_000);
        if (!isReject(r)) ok++;
      },
      error: () => {},
    };
    const framer = new BeastFramer();
    framer.push(corpus.beast, sink);
    framer.end(sink);
    return ok;
  });
  results.push({
    name: 'mode-s stateless decode from beast (all fields)',
    value: stateless.perSecond,
    unit: 'msg/s',
    n,
    runs: RUNS,
    note: `target 3,000,000: ${(stateless.perSecond / 3e6).toFixed(2)}x`,
  });

  const streaming = measureRate(n, RUNS, () => {
    const decoder = new ModeSStreamDecoder();
    const sink: FrameSink = {
      frame: (kind, buf, off, len, _t, mlat) => {
        if (kind === 'modes') decoder.decode(buf, off, len, mlat / 12_000);
      },
      error: () => {},
    };
    const framer = new BeastFramer();
    framer.push(corpus.beast, sink);
    framer.end(sink);
    return decoder.positions;
  });
  results.push({
    name: 'mode-s streaming decode from beast (CPR pairing, address filter)',
    value: streaming.perSecond,
    unit: 'msg/s',
    n,
    runs: RUNS,
    note: `target 1,500,000: ${(streaming.perSecond / 1.5e6).toFixed(2)}x`,
  });

  // Memory: a long run (the corpus 100 times, time running on) must not grow the aircraft state.
  const long = buildBeastCorpus(100);
  const decoder = new ModeSStreamDecoder();
  const heapSamples: number[] = [];
  const aircraftSamples: number[] = [];
  const sink: FrameSink = {
    frame: (kind, buf, off, len, _t, mlat) => {
      if (kind === 'modes') decoder.decode(buf, off, len, mlat / 12_000);
    },
    error: () => {},
  };
  const framer = new BeastFramer();
  const slice = Math.ceil(long.beast.length / 10);
  for (let i = 0; i < 10; i++) {
    framer.push(long.beast.subarray(i * slice, Math.min(long.beast.length, (i + 1) * slice)), sink);
    globalThis.gc?.();
    heapSamples.push(process.memoryUsage().heapUsed / 1e6);
    aircraftSamples.push(decoder.aircraftCount);
  }
  framer.end(sink);
  results.push({
    name: 'mode-s stream state over a long run (aircraft remembered, max of 10 samples)',
    value: Math.max(...aircraftSamples),
    unit: 'aircraft',
    n: long.frames,
    runs: 1,
    note: `aircraft per tenth ${aircraftSamples.join(' ')}; heap MB ${heapSamples.map((h) => h.toFixed(0)).join(' ')}`,
  });
  return results;
}
