// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP and WebSocket access to the jointsky API with the party's bearer token (kept in localStorage).

import type { StreamMessage } from './types.ts';

const API = '/api/v1';
const TOKEN_KEY = 'jointsky.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function storeToken(token: string): void {
  localStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  localStorage.removeItem(TOKEN_KEY);
}

async function request(method: string, path: string, accept: string, extra: Record<string, string> = {}, json?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, ...extra };
  const token = storedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(API + path, { method, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: string };
      if (body.error) message = body.error;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, message);
  }
  return res;
}

export async function apiGet<T>(path: string): Promise<T> {
  return (await request('GET', path, 'application/json')).json() as Promise<T>;
}

/** POST, with `json` as the request body when given. */
export async function apiPost<T>(path: string, json?: unknown): Promise<T> {
  return (await request('POST', path, 'application/json', {}, json)).json() as Promise<T>;
}

/** A text answer (the incident report); `language` asks the server for that language via Accept-Language. */
export async function apiText(path: string, language: string): Promise<string> {
  return (await request('GET', path, 'text/html', { 'Accept-Language': language })).text();
}

/** The demo's parties, without a token (loopback only); null when the server is not in demo mode. */
export async function demoParties<T>(): Promise<T | null> {
  const res = await fetch(`${API}/demo/parties`, { headers: { Accept: 'application/json' } });
  return res.ok ? ((await res.json()) as T) : null;
}

export type StreamStatus = 'connecting' | 'open' | 'closed';

/** Opens the live stream and keeps it open, reconnecting with backoff (1 s doubling to 15 s). */
export function openStream(onMessage: (m: StreamMessage) => void, onStatus: (s: StreamStatus) => void): () => void {
  let socket: WebSocket | null = null;
  let delayMs = 1000;
  let stopped = false;
  let timer: number | undefined;
  const connect = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}${API}/stream?token=${encodeURIComponent(storedToken() ?? '')}`;
    onStatus('connecting');
    socket = new WebSocket(url);
    socket.onopen = () => {
      delayMs = 1000;
      onStatus('open');
    };
    socket.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: StreamMessage;
      try {
        msg = JSON.parse(ev.data) as StreamMessage;
      } catch {
        return; // a malformed frame is dropped, not fatal
      }
      onMessage(msg);
    };
    socket.onclose = () => {
      onStatus('closed');
      if (stopped) return;
      timer = window.setTimeout(connect, delayMs);
      delayMs = Math.min(delayMs * 2, 15000);
    };
  };
  connect();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    socket?.close();
  };
}
