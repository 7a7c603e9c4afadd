// SPDX-License-Identifier: GPL-3.0-or-later
// Capture files: classic pcap (either byte order, µs or ns) and pcapng, with Ethernet (802.1Q too), Linux
// cooked (SLL, SLL2), BSD loopback and raw IP link layers; IPv4 and UDP parsed to reach the ASTERIX payload.
// A writer for classic pcap with Ethernet/IPv4/UDP framing (tests use it to feed tshark).

export interface UdpPacket {
  /** Capture time, ms since the Unix epoch (fractional). */
  timeMs: number;
  /** Index of the frame in the capture (0-based). */
  frame: number;
  srcIp: string;
  dstIp: string;
  srcPort: number;
  dstPort: number;
  /** The UDP payload (a view into the file's bytes). */
  payload: Uint8Array;
}

export type CaptureSkipReason = 'not-udp' | 'not-ipv4' | 'ip-fragment' | 'truncated' | 'unknown-linktype';

export interface CaptureResult {
  packets: UdpPacket[];
  /** Frames not yielding a UDP payload, counted by reason. */
  skipped: Partial<Record<CaptureSkipReason, number>>;
  /** Set when the file itself is not a capture or is cut short. */
  error?: string;
}

const LINK_NULL = 0;
const LINK_ETHERNET = 1;
const LINK_RAW = 101;
const LINK_LOOP = 108;
const LINK_SLL = 113;
const LINK_IPV4 = 228;
const LINK_SLL2 = 276;

function ip4(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

/** Finds the IPv4 header offset of a frame, or a negative code (-1 not IPv4, -2 truncated, -3 unknown link). */
function ipOffset(link: number, d: Uint8Array, dv: DataView): number {
  switch (link) {
    case LINK_ETHERNET: {
      if (d.length < 14) return -2;
      let o = 12;
      let type = dv.getUint16(o);
      while (type === 0x8100 || type === 0x88a8) {
        o += 4;
        if (o + 2 > d.length) return -2;
        type = dv.getUint16(o);
      }
      return type === 0x0800 ? o + 2 : -1;
    }
    case LINK_SLL:
      if (d.length < 16) return -2;
      return dv.getUint16(14) === 0x0800 ? 16 : -1;
    case LINK_SLL2:
      if (d.length < 20) return -2;
      return dv.getUint16(0) === 0x0800 ? 20 : -1;
    case LINK_NULL:
    case LINK_LOOP: {
      if (d.length < 4) return -2;
      const fam = dv.getUint32(0, true) === 2 || dv.getUint32(0, false) === 2;
      return fam ? 4 : -1;
    }
    case LINK_RAW:
    case LINK_IPV4:
      return d.length > 0 && d[0] >> 4 === 4 ? 0 : -1;
    default:
      return -3;
  }
}

function frameToUdp(link: number, frame: Uint8Array, index: number, timeMs: number, out: CaptureResult): undefined {
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const ip = ipOffset(link, frame, dv);
  const skip = (r: CaptureSkipReason): undefined => {
    out.skipped[r] = (out.skipped[r] ?? 0) + 1;
    return undefined;
  };
  if (ip === -1) return skip('not-ipv4');
  if (ip === -2) return skip('truncated');
  if (ip === -3) return skip('unknown-linktype');
  if (ip + 20 > frame.length || frame[ip] >> 4 !== 4) return skip(ip + 20 > frame.length ? 'truncated' : 'not-ipv4');
  const ihl = (frame[ip] & 15) * 4;
  const total = dv.getUint16(ip + 2);
  const flags = dv.getUint16(ip + 6);
  if (frame[ip + 9] !== 17) return skip('not-udp');
  if ((flags & 0x3fff) !== 0) return skip('ip-fragment'); // MF set or offset > 0: reassembly is not supported
  const udp = ip + ihl;
  if (udp + 8 > frame.length) return skip('truncated');
  const ulen = dv.getUint16(udp + 4);
  const ipEnd = Math.min(frame.length, ip + (total || frame.length - ip));
  const end = Math.min(ipEnd, udp + (ulen >= 8 ? ulen : ipEnd - udp));
  out.packets.push({
    timeMs,
    frame: index,
    srcIp: ip4(frame, ip + 12),
    dstIp: ip4(frame, ip + 16),
    srcPort: dv.getUint16(udp),
    dstPort: dv.getUint16(udp + 2),
    payload: frame.subarray(udp + 8, end),
  });
  return undefined;
}

/** True when the bytes start like a pcap or pcapng file. */
export function isCapture(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const m = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0, false);
  return m === 0xa1b2c3d4 || m === 0xd4c3b2a1 || m === 0xa1b23c4d || m === 0x4d3cb2a1 || m === 0x0a0d0d0a;
}

/** Reads the UDP packets of a pcap or pcapng capture. Never throws on bad bytes. */
export function readCapture(b: Uint8Array): CaptureResult {
  const out: CaptureResult = { packets: [], skipped: {} };
  if (b.length < 4) {
    out.error = 'file too short for a capture header';
    return out;
  }
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const magic = dv.getUint32(0, false);
  if (magic === 0x0a0d0d0a) return readPcapng(b, dv, out);
  let le: boolean;
  let nano: boolean;
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) {
    le = false;
    nano = magic === 0xa1b23c4d;
  } else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) {
    le = true;
    nano = magic === 0x4d3cb2a1;
  } else {
    out.error = 'not a pcap or pcapng file';
    return out;
  }
  if (b.length < 24) {
    out.error = 'truncated pcap header';
    return out;
  }
  const link = dv.getUint32(20, le) & 0x0fffffff;
  let o = 24;
  let index = 0;
  while (o + 16 <= b.length) {
    const sec = dv.getUint32(o, le);
    const frac = dv.getUint32(o + 4, le);
    const incl = dv.getUint32(o + 8, le);
    o += 16;
    if (o + incl > b.length) {
      out.error = `frame ${index} truncated`;
      break;
    }
    frameToUdp(link, b.subarray(o, o + incl), index, sec * 1000 + (nano ? frac / 1e6 : frac / 1e3), out);
    o += incl;
    index++;
  }
  if (o < b.length && !out.error) out.error = 'trailing bytes after the last frame';
  return out;
}

function readPcapng(b: Uint8Array, dv: DataView, out: CaptureResult): CaptureResult {
  let o = 0;
  let le = true;
  const ifaces: { link: number; tsPerSec: number }[] = [];
  let index = 0;
  while (o + 12 <= b.length) {
    let type = dv.getUint32(o, le);
    if (type === 0x0a0d0d0a) {
      // Section header: byte order from the magic.
      const bom = dv.getUint32(o + 8, true);
      le = bom === 0x1a2b3c4d;
      if (!le && dv.getUint32(o + 8, false) !== 0x1a2b3c4d) {
        out.error = 'bad pcapng byte-order magic';
        return out;
      }
      ifaces.length = 0;
      type = 0x0a0d0d0a;
    }
    const len = dv.getUint32(o + 4, le);
    if (len < 12 || o + len > b.length) {
      out.error = `pcapng block at ${o} truncated`;
      return out;
    }
    if (type === 1) {
      // Interface description: link type, then options (if_tsresol).
      const link = dv.getUint16(o + 8, le);
      let tsPerSec = 1e6;
      let p = o + 16;
      while (p + 4 <= o + len - 4) {
        const code = dv.getUint16(p, le);
        const olen = dv.getUint16(p + 2, le);
        if (code === 0) break;
        if (code === 9 && olen >= 1) {
          const r = b[p + 4];
          tsPerSec = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
        }
        p += 4 + ((olen + 3) & ~3);
      }
      ifaces.push({ link, tsPerSec });
    } else if (type === 6 || type === 3) {
      let ifc = ifaces[0];
      let data: Uint8Array;
      let timeMs = 0;
      if (type === 6) {
        ifc = ifaces[dv.getUint32(o + 8, le)];
        const ts = dv.getUint32(o + 12, le) * 2 ** 32 + dv.getUint32(o + 16, le);
        const cap = dv.getUint32(o + 20, le);
        if (o + 28 + cap > o + len) {
          out.error = `pcapng packet at ${o} truncated`;
          return out;
        }
        data = b.subarray(o + 28, o + 28 + cap);
        if (ifc) timeMs = (ts / ifc.tsPerSec) * 1000;
      } else {
        const orig = dv.getUint32(o + 8, le);
        data = b.subarray(o + 12, o + 12 + Math.min(orig, len - 16));
      }
      if (!ifc) out.skipped['unknown-linktype'] = (out.skipped['unknown-linktype'] ?? 0) + 1;
      else frameToUdp(ifc.link, data, index, timeMs, out);
      index++;
    }
    o += len;
  }
  return out;
}

export interface PcapFrame {
  timeMs: number;
  payload: Uint8Array;
  srcPort?: number;
  dstPort?: number;
  srcIp?: string;
  dstIp?: string;
}

function ipBytes(s: string): number[] {
  return s.split('.').map((x) => Number(x) & 255);
}

/** Writes a classic pcap (µs, little-endian) of Ethernet/IPv4/UDP frames around the given payloads. */
export function writePcap(frames: readonly PcapFrame[]): Uint8Array {
  let size = 24;
  for (const f of frames) size += 16 + 42 + f.payload.length;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 65535, true);
  dv.setUint32(20, LINK_ETHERNET, true);
  let o = 24;
  for (const f of frames) {
    const len = 42 + f.payload.length;
    const us = Math.round(f.timeMs * 1000);
    dv.setUint32(o, Math.floor(us / 1e6), true);
    dv.setUint32(o + 4, us % 1e6, true);
    dv.setUint32(o + 8, len, true);
    dv.setUint32(o + 12, len, true);
    o += 16;
    // Ethernet: locally administered MACs, IPv4.
    b.set([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00], o);
    const ip = o + 14;
    b[ip] = 0x45;
    dv.setUint16(ip + 2, 28 + f.payload.length);
    b[ip + 8] = 64;
    b[ip + 9] = 17;
    b.set(ipBytes(f.srcIp ?? '10.0.0.1'), ip + 12);
    b.set(ipBytes(f.dstIp ?? '10.0.0.2'), ip + 16);
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += dv.getUint16(ip + i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    dv.setUint16(ip + 10, ~sum & 0xffff);
    const udp = ip + 20;
    dv.setUint16(udp, f.srcPort ?? 8600);
    dv.setUint16(udp + 2, f.dstPort ?? 8600);
    dv.setUint16(udp + 4, 8 + f.payload.length);
    b.set(f.payload, udp + 8);
    o += len;
  }
  return b;
}
