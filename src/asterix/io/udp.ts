// SPDX-License-Identifier: GPL-3.0-or-later
// ASTERIX over UDP: a receiver (unicast or multicast; port, bind address and interface configurable) and a
// sender for the output side. Reception time is taken at this edge; the pipeline uses it as data.

import { createSocket, type Socket } from 'node:dgram';

export interface UdpReceiverOptions {
  /** UDP port to listen on (0 = any free port; see `port` after start). */
  port: number;
  /** Local address to bind (default 0.0.0.0; for multicast usually left at the default). */
  address?: string;
  /** Multicast group to join (e.g. 239.1.2.3). */
  group?: string;
  /** Address of the local interface for multicast membership. */
  iface?: string;
  /** Allow several receivers on one port (default true for multicast). */
  reuseAddr?: boolean;
}

export interface Datagram {
  payload: Uint8Array;
  /** Reception time, ms since the epoch. */
  timeMs: number;
  srcIp: string;
  srcPort: number;
}

export class AsterixUdpReceiver {
  private readonly opts: UdpReceiverOptions;
  private socket: Socket | null = null;
  private readonly handlers: ((d: Datagram) => void)[] = [];
  private readonly errorHandlers: ((e: Error) => void)[] = [];
  /** Datagrams received so far. */
  received = 0;
  /** The bound port (after start). */
  port = 0;

  constructor(opts: UdpReceiverOptions) {
    this.opts = opts;
  }

  onDatagram(h: (d: Datagram) => void): this {
    this.handlers.push(h);
    return this;
  }

  onError(h: (e: Error) => void): this {
    this.errorHandlers.push(h);
    return this;
  }

  /** Binds (and joins the multicast group); resolves with the bound port. */
  start(): Promise<number> {
    const { port, address, group, iface } = this.opts;
    const s = createSocket({ type: 'udp4', reuseAddr: this.opts.reuseAddr ?? group !== undefined });
    this.socket = s;
    s.on('message', (msg, rinfo) => {
      this.received++;
      const d: Datagram = { payload: new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength), timeMs: Date.now(), srcIp: rinfo.address, srcPort: rinfo.port };
      for (const h of this.handlers) h(d);
    });
    return new Promise((resolve, reject) => {
      const onErr = (e: Error) => reject(e);
      s.once('error', onErr);
      s.bind(port, address ?? (group ? undefined : '0.0.0.0'), () => {
        s.off('error', onErr);
        s.on('error', (e) => {
          for (const h of this.errorHandlers) h(e);
        });
        try {
          if (group) s.addMembership(group, iface);
        } catch (e) {
          reject(e);
          return;
        }
        this.port = s.address().port;
        resolve(this.port);
      });
    });
  }

  close(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    if (!s) return Promise.resolve();
    return new Promise((resolve) => s.close(() => resolve()));
  }
}

export interface UdpSenderOptions {
  host: string;
  port: number;
  /** Local interface address for multicast output. */
  iface?: string;
  /** Multicast TTL (default 1). */
  ttl?: number;
}

export class AsterixUdpSender {
  private readonly opts: UdpSenderOptions;
  private readonly socket: Socket;
  private ready: Promise<void>;
  sent = 0;

  constructor(opts: UdpSenderOptions) {
    this.opts = opts;
    this.socket = createSocket('udp4');
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.bind(0, () => {
        this.socket.off('error', reject);
        const first = Number(opts.host.split('.')[0]);
        if (first >= 224 && first <= 239) {
          this.socket.setMulticastTTL(opts.ttl ?? 1);
          if (opts.iface) this.socket.setMulticastInterface(opts.iface);
        }
        resolve();
      });
    });
  }

  /** Sends one datagram. */
  async send(payload: Uint8Array): Promise<void> {
    await this.ready;
    await new Promise<void>((resolve, reject) => {
      this.socket.send(payload, this.opts.port, this.opts.host, (err) => (err ? reject(err) : resolve()));
    });
    this.sent++;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
