import { readFileSync } from 'node:fs';
import { hexToBytes } from '../src/modes/bits.ts';
import { decodeModeS } from '../src/modes/decode.ts';
function load(name: string, col: number | 'last'): Uint8Array[] {
  const t = readFileSync(new URL(`../test/fixtures/modes/${name}`, import.meta.url), 'utf8').replace(/^\uFEFF/, '');
  return t.trim().split('\n').map((l) => { const m = l.match(/[0-9A-Fa-f]{28}|[0-9A-Fa-f]{14}/g)!; return hexToBytes(m[m.length - 1])!; });
}
const sets: Record<string, Uint8Array[]> = {
  adsb: load('sample_data_adsb.csv', 'last'),
  df20: load('sample_data_commb_df20.csv', 'last'),
  df21: load('sample_data_commb_df21.csv', 'last'),
  hist: load('hist_2015_data.txt', 'last'),
};
for (const [name, frames] of Object.entries(sets)) {
  let best = 0;
  for (let r = 0; r < 10; r++) {
    const t0 = performance.now();
    let k = 0;
    for (let rep = 0; rep < 50; rep++) for (const f of frames) { const m = decodeModeS(f, 0, f.length, 0); if ((m as any).icao) k++; }
    const rate = (frames.length * 50) / (performance.now() - t0) * 1000;
    best = Math.max(best, rate);
  }
  console.log(name, Math.round(best));
}
