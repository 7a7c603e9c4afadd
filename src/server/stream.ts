// SPDX-License-Identifier: GPL-3.0-or-later
// The live stream's fan-out: each second's snapshot is serialized once and the same bytes go to every client.
// A client that is still writing the previous snapshot gets only the latest one when it is done (drop to
// latest), so a slow client never makes the server queue without bound; events (alerts, encounters, ledger)
// are small and always sent.

/** What the hub needs of a server-side WebSocket (the `ws` package's, as @fastify/websocket hands it over). */
export interface StreamSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: Buffer, options: { binary: boolean }, cb?: (err?: Error) => void): void;
  on(event: 'close' | 'error', listener: () => void): unknown;
  close(code?: number, reason?: string): void;
  terminate(): void;
}

const OPEN = 1;

/** Close a client whose unsent bytes exceed this (a dead or stalled connection). */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

interface Client {
  ws: StreamSocket;
  party: string;
  /** A snapshot is being written to the socket. */
  writing: boolean;
  /** The latest snapshot that arrived while writing. */
  pending: Buffer | undefined;
  sent: number;
  dropped: number;
}

export interface StreamStats {
  clients: number;
  snapshotsSent: number;
  snapshotsDropped: number;
}

export class StreamHub {
  private readonly clients = new Set<Client>();
  private sentTotal = 0;
  private droppedTotal = 0;

  add(ws: StreamSocket, party: string, first?: Buffer): void {
    const c: Client = { ws, party, writing: false, pending: undefined, sent: 0, dropped: 0 };
    this.clients.add(c);
    const remove = () => this.clients.delete(c);
    ws.on('close', remove);
    ws.on('error', remove);
    if (first) this.sendSnapshot(c, first);
  }

  /** Sends a snapshot to every client (drop to latest per client). */
  snapshot(frame: Buffer): void {
    for (const c of this.clients) this.sendSnapshot(c, frame);
  }

  /** Sends a small event to every client. */
  event(frame: Buffer): void {
    for (const c of this.clients) {
      if (c.ws.readyState !== OPEN) continue;
      if (c.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        c.ws.terminate();
        continue;
      }
      c.ws.send(frame, { binary: false });
    }
  }

  stats(): StreamStats {
    return { clients: this.clients.size, snapshotsSent: this.sentTotal, snapshotsDropped: this.droppedTotal };
  }

  closeAll(): void {
    for (const c of this.clients) c.ws.close(1001, 'server stopping');
  }

  private sendSnapshot(c: Client, frame: Buffer): void {
    if (c.ws.readyState !== OPEN) return;
    if (c.writing) {
      if (c.pending) {
        c.dropped++;
        this.droppedTotal++;
      }
      c.pending = frame;
      return;
    }
    c.writing = true;
    c.sent++;
    this.sentTotal++;
    // The callback fires once the frame is handed to the socket: then the next (latest) one may go.
    c.ws.send(frame, { binary: false }, () => {
      c.writing = false;
      const next = c.pending;
      c.pending = undefined;
      if (next) this.sendSnapshot(c, next);
    });
  }
}
