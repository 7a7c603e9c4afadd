// SPDX-License-Identifier: GPL-3.0-or-later
// Byte sources for feeds: a file, '-' for stdin, or `tcp://host:port` as a TCP client that reconnects with
// exponential backoff and reports its connection events. Each source is an async iterable of Buffer chunks;
// an AbortSignal ends it cleanly.
//
// This is the edge of the pipeline: the wall clock is used here, and only here, for reconnect timing, outage
// durations and (when asked for) a receive time for live chunks. Files never get a receive time.
// The usual receiver ports: 30002 AVR, 30003 SBS, 30005 Beast.

import { createReadStream } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type SourceSpec = { kind: 'file'; path: string } | { kind: 'stdin' } | { kind: 'tcp'; host: string; port: number };

/** A source spec that cannot be used; the message names the spec and what is wrong. */
export class SourceSpecError extends Error {
  override name = 'SourceSpecError';
}

/**
 * Parses a source spec: '-' (stdin), `tcp://host:port` (IPv6 as `tcp://[::1]:30005`), `file://path`, or a
 * plain file path. Throws SourceSpecError with a message that names the problem.
 */
export function parseSourceSpec(spec: string): SourceSpec {
  if (spec === '') throw new SourceSpecError('empty source: give a file path, - for stdin, or tcp://host:port');
  if (spec === '-') return { kind: 'stdin' };
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(spec);
  if (!scheme) return { kind: 'file', path: spec };
  const name = scheme[1].toLowerCase();
  const rest = spec.slice(scheme[0].length);
  if (name === 'file') {
    if (rest === '') throw new SourceSpecError(`source '${spec}': file:// needs a path`);
    return { kind: 'file', path: rest };
  }
  if (name !== 'tcp') {
    throw new SourceSpecError(`source '${spec}': unsupported scheme '${name}://' (use tcp://host:port, a file path or -)`);
  }
  const m = /^(?:\[([^\]]+)\]|([^:/[\]]*))(?::([^/]*))?\/?$/.exec(rest);
  if (!m) throw new SourceSpecError(`source '${spec}': expected tcp://host:port (IPv6 in brackets: tcp://[::1]:30005)`);
  const host = m[1] ?? m[2] ?? '';
  if (host === '') throw new SourceSpecError(`source '${spec}': missing host in tcp://host:port`);
  const portText = m[3];
  if (portText === undefined || portText === '') {
    throw new SourceSpecError(
      `source '${spec}': missing port in tcp://host:port (receivers usually serve 30002 AVR, 30003 SBS, 30005 Beast)`,
    );
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    throw new SourceSpecError(`source '${spec}': port '${portText}' is not a number from 1 to 65535`);
  }
  return { kind: 'tcp', host, port: Number(portText) };
}

/** Human-readable form of a spec, for logs. */
export function formatSourceSpec(spec: SourceSpec): string {
  switch (spec.kind) {
    case 'stdin':
      return '-';
    case 'file':
      return spec.path;
    case 'tcp':
      return spec.host.includes(':') ? `tcp://[${spec.host}]:${spec.port}` : `tcp://${spec.host}:${spec.port}`;
  }
}

/** What a TCP source reports, for the CLI and the health endpoint to log. */
export type SourceEvent =
  | { type: 'connecting'; source: string; attempt: number }
  | {
      type: 'connected';
      source: string;
      attempt: number;
      /** ms from the end of the previous connection (or from the first attempt) to this one; 0 when the first attempt succeeded. */
      outageMs: number;
    }
  | { type: 'connect-failed'; source: string; attempt: number; reason: string }
  | {
      type: 'disconnected';
      source: string;
      reason: string;
      /** How long the connection lasted, ms. */
      connectedMs: number;
      /** Bytes received on the connection. */
      bytes: number;
    }
  | { type: 'retry'; source: string; delayMs: number; attempt: number };

export interface BackoffOptions {
  /** First delay, ms (default 500). */
  initialMs: number;
  /** Largest delay, ms (default 30000). */
  maxMs: number;
  /** Growth per failed attempt (default 2). */
  factor: number;
}

/** Exponential backoff: initialMs, then times factor per failure, capped at maxMs; reset() after a good connection. */
export class Backoff {
  readonly options: BackoffOptions;
  private nextMs: number;

  constructor(options: Partial<BackoffOptions> = {}) {
    this.options = { initialMs: 500, maxMs: 30_000, factor: 2, ...options };
    this.nextMs = this.options.initialMs;
  }

  /** The delay before the next attempt; grows the one after. */
  next(): number {
    const d = this.nextMs;
    this.nextMs = Math.min(this.options.maxMs, this.nextMs * this.options.factor);
    return d;
  }

  reset(): void {
    this.nextMs = this.options.initialMs;
  }
}

export interface SourceOptions {
  /** Stops the source: the iteration ends without an error. */
  signal?: AbortSignal;
  /** Connection events of TCP sources. */
  onEvent?: (event: SourceEvent) => void;
  backoff?: Partial<BackoffOptions>;
  /** TCP: give up connecting after this many ms (default 10000). */
  connectTimeoutMs?: number;
  /** TCP: drop and reconnect a connection silent for this many ms (default 0: never). */
  idleTimeoutMs?: number;
  /** TCP only: record the wall-clock time each chunk arrives, in `receivedMs` (off by default; files never have it). */
  receiveTime?: boolean;
  /** The stream read for '-' (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** File read size in bytes (default 64 KiB). */
  readBytes?: number;
}

export interface FeedSource extends AsyncIterable<Buffer> {
  readonly spec: SourceSpec;
  /** Wall-clock receive time (ms since the epoch) of the chunk yielded last; NaN unless `receiveTime` is on for TCP. */
  readonly receivedMs: number;
}

function isAbort(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'AbortError';
}

function toBuffer(chunk: unknown): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
}

/** Opens a source; nothing happens until it is iterated. Throws SourceSpecError for a bad spec string. */
export function openSource(spec: string | SourceSpec, options: SourceOptions = {}): FeedSource {
  const parsed = typeof spec === 'string' ? parseSourceSpec(spec) : spec;
  const state = { receivedMs: Number.NaN };
  const iterate = (): AsyncGenerator<Buffer> => {
    switch (parsed.kind) {
      case 'file':
        return fileChunks(parsed.path, options);
      case 'stdin':
        return streamChunks(options.stdin ?? process.stdin, options.signal);
      case 'tcp':
        return tcpChunks(parsed, options, state);
    }
  };
  return {
    spec: parsed,
    get receivedMs() {
      return state.receivedMs;
    },
    [Symbol.asyncIterator]: iterate,
  };
}

async function* fileChunks(path: string, options: SourceOptions): AsyncGenerator<Buffer> {
  if (options.signal?.aborted) return;
  const stream = createReadStream(path, { highWaterMark: options.readBytes ?? 65536, signal: options.signal });
  try {
    for await (const chunk of stream) yield toBuffer(chunk);
  } catch (err) {
    if (!isAbort(err)) throw err;
  } finally {
    stream.destroy();
  }
}

async function* streamChunks(stream: NodeJS.ReadableStream, signal: AbortSignal | undefined): AsyncGenerator<Buffer> {
  if (signal?.aborted) return;
  const it = stream[Symbol.asyncIterator]();
  // An abort ends a pending read by ending the iterator.
  const aborted = new Promise<IteratorResult<string | Buffer>>((resolve) => {
    signal?.addEventListener('abort', () => resolve({ done: true, value: undefined }), { once: true });
  });
  try {
    for (;;) {
      const r = await Promise.race([it.next(), aborted]);
      if (r.done) return;
      yield toBuffer(r.value);
    }
  } finally {
    await it.return?.();
  }
}

/** Connects once; resolves with the socket, or rejects with the reason. */
function connect(host: string, port: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    const timer = setTimeout(() => fail(new Error(`no connection after ${timeoutMs} ms`)), timeoutMs);
    const onAbort = () => fail(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    function cleanup() {
      clearTimeout(timer);
      socket.off('error', fail);
      socket.off('connect', ok);
      signal?.removeEventListener('abort', onAbort);
    }
    function fail(err: Error) {
      cleanup();
      socket.destroy();
      reject(err);
    }
    function ok() {
      cleanup();
      resolve(socket);
    }
    socket.once('error', fail);
    socket.once('connect', ok);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function reasonOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? err);
}

async function* tcpChunks(
  spec: { host: string; port: number },
  options: SourceOptions,
  state: { receivedMs: number },
): AsyncGenerator<Buffer> {
  const { signal, onEvent } = options;
  const source = formatSourceSpec({ kind: 'tcp', ...spec });
  const backoff = new Backoff(options.backoff);
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 0;
  let attempt = 0;
  /** Wall-clock start of the current outage (the first attempt counts as the start). */
  let downSinceMs = Date.now();
  while (!signal?.aborted) {
    attempt++;
    onEvent?.({ type: 'connecting', source, attempt });
    let socket: Socket;
    try {
      socket = await connect(spec.host, spec.port, connectTimeoutMs, signal);
    } catch (err) {
      if (signal?.aborted) return;
      onEvent?.({ type: 'connect-failed', source, attempt, reason: reasonOf(err) });
      const delayMs = backoff.next();
      onEvent?.({ type: 'retry', source, delayMs, attempt });
      if (!(await pause(delayMs, signal))) return;
      continue;
    }
    const connectedAtMs = Date.now();
    onEvent?.({ type: 'connected', source, attempt, outageMs: attempt > 1 ? connectedAtMs - downSinceMs : 0 });
    let bytes = 0;
    let reason = 'closed by the server';
    const onAbort = () => socket.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (idleTimeoutMs > 0) {
      socket.setTimeout(idleTimeoutMs, () => socket.destroy(new Error(`no data for ${idleTimeoutMs} ms`)));
    }
    try {
      for await (const chunk of socket) {
        const buf = toBuffer(chunk);
        bytes += buf.length;
        if (options.receiveTime) state.receivedMs = Date.now();
        yield buf;
      }
    } catch (err) {
      reason = reasonOf(err);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
    }
    if (signal?.aborted) return;
    downSinceMs = Date.now();
    onEvent?.({ type: 'disconnected', source, reason, connectedMs: downSinceMs - connectedAtMs, bytes });
    if (bytes > 0) backoff.reset();
    const delayMs = backoff.next();
    onEvent?.({ type: 'retry', source, delayMs, attempt });
    if (!(await pause(delayMs, signal))) return;
  }
}

/** Waits delayMs; false when aborted. */
async function pause(delayMs: number, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    await sleep(delayMs, undefined, { signal });
    return true;
  } catch (err) {
    if (isAbort(err)) return false;
    throw err;
  }
}
