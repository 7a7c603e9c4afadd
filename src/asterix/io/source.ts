// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX sources as a list of datagrams: capture files (pcap, pcapng: UDP payloads) and raw block files
// (the whole file is one stream of data blocks). Optional ORADIS framing (2-byte length, 4 more header bytes,
// then the ASTERIX block), as some recorders wrap every block.

import { isCapture, readCapture, type CaptureSkipReason } from './pcap.ts';

export interface SourceDatagram {
  payload: Uint8Array;
  /** Capture time, ms since the epoch, when the source has one. */
  timeMs?: number;
  dstPort?: number;
}

export interface SourceOptions {
  /** Keep only UDP packets to these ports (captures only). */
  ports?: readonly number[];
  /** Strip ORADIS framing from every datagram. */
  oradis?: boolean;
}

export interface SourceResult {
  kind: 'pcap' | 'raw';
  datagrams: SourceDatagram[];
  skipped: Partial<Record<CaptureSkipReason | 'port' | 'oradis', number>>;
  error?: string;
}

/** Strips ORADIS framing: returns the concatenated ASTERIX blocks, or null when the framing does not fit. */
export function stripOradis(b: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let o = 0;
  let total = 0;
  while (o < b.length) {
    if (o + 6 > b.length) return null;
    const len = (b[o] << 8) | b[o + 1];
    if (len < 6 || o + len > b.length) return null;
    parts.push(b.subarray(o + 6, o + len));
    total += len - 6;
    o += len;
  }
  const out = new Uint8Array(total);
  let p = 0;
  for (const x of parts) {
    out.set(x, p);
    p += x.length;
  }
  return out;
}

/** Splits the bytes of a file into datagrams. Never throws. */
export function readSource(bytes: Uint8Array, opts: SourceOptions = {}): SourceResult {
  const skipped: SourceResult['skipped'] = {};
  const frame = (payload: Uint8Array): Uint8Array | null => {
    if (!opts.oradis) return payload;
    const s = stripOradis(payload);
    if (!s) skipped.oradis = (skipped.oradis ?? 0) + 1;
    return s;
  };
  if (!isCapture(bytes)) {
    const p = frame(bytes);
    return { kind: 'raw', datagrams: p ? [{ payload: p }] : [], skipped };
  }
  const cap = readCapture(bytes);
  Object.assign(skipped, cap.skipped);
  const datagrams: SourceDatagram[] = [];
  for (const pkt of cap.packets) {
    if (opts.ports && !opts.ports.includes(pkt.dstPort)) {
      skipped.port = (skipped.port ?? 0) + 1;
      continue;
    }
    const p = frame(pkt.payload);
    if (p) datagrams.push({ payload: p, timeMs: pkt.timeMs, dstPort: pkt.dstPort });
  }
  const out: SourceResult = { kind: 'pcap', datagrams, skipped };
  if (cap.error) out.error = cap.error;
  return out;
}
