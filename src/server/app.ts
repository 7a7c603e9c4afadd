// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP API (docs/api.md) and live stream on fastify: party authentication on every /api/v1 route, a zod
// schema on every route, the WebSocket stream fanned out by the StreamHub, and the web UI from web/dist.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PictureStore } from '../store/picture.ts';
import { bearerToken, type PartyAuth, type PartyCredential } from './auth.ts';
import { GEO_LAYERS, GeoLayers } from './geo.ts';
import type { LedgerService } from './ledger.ts';
import type { NotificationDesk } from './notifications.ts';
import type { SensorInfo } from './picture.ts';
import { languageNames } from '../safety/report/i18n/index.ts';
import { renderReport } from '../safety/report/html.ts';
import type { LivePicture } from './state.ts';
import { type StreamSocket, StreamHub } from './stream.ts';

export interface ServerOptions {
  picture: LivePicture;
  store: PictureStore;
  auth: PartyAuth;
  ledger: LedgerService;
  sensors: readonly SensorInfo[];
  /** Demo mode: GET /api/v1/demo/parties hands loopback clients the parties' tokens. */
  demoTokens?: ReadonlyMap<string, string>;
  /** The built web UI; default web/dist next to the sources or the bundle. */
  webDir?: string;
  /** pino logging (default: info to stdout); false for none. */
  logger?: boolean | { level: string };
  /** How far back the picture at a past time looks for a track's last stored state (default 10 s). */
  pastWindowMs?: number;
  /** Takes flight notifications filed through the API (none: POST /notifications answers 404). */
  notificationDesk?: NotificationDesk;
}

export interface JointskyServer {
  app: FastifyInstance;
  hub: StreamHub;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    party?: PartyCredential;
  }
}

const whole = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const timeMs = z.coerce.number().int().min(0).max(253402300799999);
const NoQuery = z.object({ token: z.string().optional() });
const TRACKS_Q = z.object({ at: timeMs.optional() });
const TRACK_P = z.object({ trackId: whole });
const HISTORY_Q = z.object({ from: timeMs.optional(), to: timeMs.optional() });
const ALERTS_Q = z.object({ active: z.enum(['0', '1', 'true', 'false']).optional() });
const ALERT_P = z.object({ alertId: z.string().min(1).max(200) });
const ENC_P = z.object({ encounterId: z.string().min(1).max(200) });
const REPORT_LANGS = languageNames() as [string, ...string[]];

/** The first language of an Accept-Language header that reports come in (quality values ignored), else English. */
function preferredLanguage(header: string | undefined): string {
  for (const part of (header ?? '').split(',')) {
    const code = part.trim().split(/[;-]/)[0].toLowerCase();
    if (REPORT_LANGS.includes(code)) return code;
  }
  return 'en';
}
const REPORT_Q = z.object({ lang: z.enum(REPORT_LANGS).optional(), token: z.string().optional() });
const NOTIF_Q = z.object({ party: z.string().max(64).optional(), activeAt: timeMs.optional() });
const NOTIF_B = z.object({ message: z.string().min(1).max(10_000) }).strict();
const ENTRIES_Q = z.object({ from: whole.optional(), limit: z.coerce.number().int().min(1).max(1000).optional() });
const PROOF_P = z.object({ index: whole });
const GEO_P = z.object({ name: z.enum(GEO_LAYERS) });
const EmptyBody = z.union([z.undefined(), z.null(), z.object({}).strict()]);

/** The default web UI directory: web/dist at the project root (from src/server or from dist/). */
function defaultWebDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../web/dist', '../web/dist']) {
    const dir = join(here, up);
    if (existsSync(dir)) return dir;
  }
  return join(here, '../../web/dist');
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>jointsky</title>
<style>body{background:#0b0f14;color:#dde;font:16px system-ui,sans-serif;margin:3em}code{color:#8cf}</style></head>
<body><h1>jointsky</h1><p>The web UI is not built yet (no <code>web/dist</code>). Build it with <code>npm run build:web</code>
(or <code>npx vite build web</code>), then reload. The API is up: <code>/api/v1/health</code> with a party token.</p></body></html>`;

const isLoopback = (ip: string): boolean => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';

/** Removes ?token= from URLs before they are logged. */
const redactUrl = (url: string): string => url.replace(/([?&]token=)[^&]*/g, '$1[redacted]');

export async function createServer(o: ServerOptions): Promise<JointskyServer> {
  const app = Fastify({
    logger:
      o.logger === false
        ? false
        : {
            level: typeof o.logger === 'object' ? o.logger.level : 'info',
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), ip: req.ip }),
            },
          },
    bodyLimit: 64 * 1024,
  });
  // Route schemas are zod schemas: validate (and coerce) with zod, answer 400 naming the field.
  app.setValidatorCompiler(({ schema }) => (data: unknown) => {
    const r = (schema as z.ZodType).safeParse(data);
    if (r.success) return { value: r.data };
    const issue = r.error.issues[0];
    const err = new Error(`${issue.path.join('.') || 'request'}: ${issue.message}`);
    return { error: err };
  });
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    const status = err.validation ? 400 : (err.statusCode ?? 500);
    if (status >= 500) app.log.error(err);
    reply.code(status).send({ error: err.message });
  });

  const hub = new StreamHub();
  const geo = new GeoLayers();
  const pastWindowMs = o.pastWindowMs ?? 10_000;
  const unlisten = o.picture.listen({
    snapshot: (s) => hub.snapshot(s.streamFrame),
    alert: (event) => hub.event(Buffer.from(JSON.stringify({ type: 'alert', event }))),
    encounter: (encounter) => hub.event(Buffer.from(JSON.stringify({ type: 'encounter', encounter }))),
  });
  const unlistenLedger = o.ledger.onGrow((size) => hub.event(Buffer.from(JSON.stringify({ type: 'ledger', size }))));

  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });

  // Every /api/v1 route needs a party token, except the demo's token hand-out (loopback only).
  const QUERY_TOKEN_ROUTES = new Set(['/api/v1/stream', '/api/v1/encounters/:encounterId/report']);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const route = req.routeOptions.url ?? '';
    if (!req.url.startsWith('/api/')) return;
    if (route === '/api/v1/demo/parties') return;
    let token = bearerToken(req.headers.authorization);
    if (token === undefined && QUERY_TOKEN_ROUTES.has(route)) {
      const q = req.query as Record<string, unknown> | undefined;
      if (typeof q?.token === 'string') token = q.token;
    }
    const party = o.auth.authenticate(token);
    if (!party) {
      reply.code(401).header('www-authenticate', 'Bearer').send({ error: token === undefined ? 'a party token is required (Authorization: Bearer <token>)' : 'unknown token' });
      return reply;
    }
    req.party = party;
  });

  const api = '/api/v1';
  const party = (req: FastifyRequest): PartyCredential => req.party as PartyCredential;
  const json = (reply: FastifyReply, body: string) => reply.type('application/json; charset=utf-8').send(body);

  app.get(`${api}/demo/parties`, { schema: { querystring: NoQuery } }, async (req, reply) => {
    if (!o.demoTokens) return reply.code(404).send({ error: 'not in demo mode' });
    if (!isLoopback(req.socket.remoteAddress ?? '')) return reply.code(403).send({ error: 'the demo hands out tokens to loopback clients only' });
    return { parties: o.auth.list().map((p) => ({ party: p.id, name: p.name, token: o.demoTokens?.get(p.id) ?? null })) };
  });

  app.get(`${api}/me`, { schema: { querystring: NoQuery } }, async (req) => ({ party: party(req).id, name: party(req).name }));

  app.get(`${api}/sensors`, { schema: { querystring: NoQuery } }, async () => ({ sensors: o.sensors }));

  app.get(`${api}/tracks`, { schema: { querystring: TRACKS_Q } }, async (req, reply) => {
    const q = req.query as z.output<typeof TRACKS_Q>;
    if (q.at === undefined) {
      const s = o.picture.snapshot();
      return s ? json(reply, s.body) : { timeMs: null, tracks: [] };
    }
    return { timeMs: q.at, tracks: o.store.tracksAt(q.at, pastWindowMs) };
  });

  app.get(`${api}/tracks/:trackId/history`, { schema: { params: TRACK_P, querystring: HISTORY_Q } }, async (req) => {
    const { trackId } = req.params as z.output<typeof TRACK_P>;
    const q = req.query as z.output<typeof HISTORY_Q>;
    return { trackId, points: o.store.history(trackId, q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER) };
  });

  app.get(`${api}/alerts`, { schema: { querystring: ALERTS_Q } }, async (req) => {
    const q = req.query as z.output<typeof ALERTS_Q>;
    const active = q.active === '1' || q.active === 'true';
    return {
      alerts: o.picture.alerts(active).map((a) => ({ ...a.alert, ended: a.ended, ...(a.endMs !== undefined ? { endMs: a.endMs } : {}), acks: a.acks })),
    };
  });

  app.post(`${api}/alerts/:alertId/ack`, { schema: { params: ALERT_P, body: EmptyBody } }, async (req, reply) => {
    const { alertId } = req.params as z.output<typeof ALERT_P>;
    const a = o.picture.alert(alertId);
    if (!a) return reply.code(404).send({ error: `no alert ${alertId}` });
    const p = party(req);
    if (!o.ledger.canSign(p.id)) return reply.code(403).send({ error: `this server holds no signing key for party ${p.id}` });
    const earlier = a.acks.find((x) => x.party === p.id);
    if (earlier) return reply.code(409).send({ error: `party ${p.id} acknowledged this alert already (log entry ${earlier.entryIndex})`, entryIndex: earlier.entryIndex });
    const t = o.picture.timeMs ?? a.alert.timeMs;
    const { entryIndex, leafHash } = o.ledger.acknowledge(p.id, a.alert, t);
    o.picture.addAck(alertId, p.id, t, entryIndex);
    return { entryIndex, party: p.id, leafHash };
  });

  app.get(`${api}/encounters`, { schema: { querystring: NoQuery } }, async () => ({ encounters: o.picture.encounters() }));

  const REPLAY_BEFORE_MS = 120_000;
  const REPLAY_AFTER_MS = 60_000;
  app.get(`${api}/encounters/:encounterId/report`, { schema: { params: ENC_P, querystring: REPORT_Q } }, async (req, reply) => {
    const { encounterId } = req.params as z.output<typeof ENC_P>;
    const q = req.query as z.output<typeof REPORT_Q>;
    const e = o.picture.encounter(encounterId);
    if (!e) return reply.code(404).send({ error: `no encounter ${encounterId}` });
    const record = o.store.encounterRecord(encounterId);
    if (!record) return reply.code(404).send({ error: `no incident report was kept for encounter ${encounterId}` });
    return reply.type('text/html; charset=utf-8').send(renderReport(record, { lang: q.lang ?? preferredLanguage(req.headers['accept-language']) }));
  });

  app.get(`${api}/encounters/:encounterId/replay`, { schema: { params: ENC_P, querystring: NoQuery } }, async (req, reply) => {
    const { encounterId } = req.params as z.output<typeof ENC_P>;
    const e = o.picture.encounter(encounterId);
    if (!e) return reply.code(404).send({ error: `no encounter ${encounterId}` });
    const fromMs = e.startMs - REPLAY_BEFORE_MS;
    const toMs = e.endMs + REPLAY_AFTER_MS;
    // The pair and everything within about 30 NM of the closest point.
    const dLat = 0.5;
    const dLon = 0.5 / Math.max(0.2, Math.cos((e.cpaLat * Math.PI) / 180));
    const tracks = o.store.replay(fromMs, toMs, { minLat: e.cpaLat - dLat, maxLat: e.cpaLat + dLat, minLon: e.cpaLon - dLon, maxLon: e.cpaLon + dLon });
    for (const m of e.members) {
      if (!tracks.some((t) => t.trackId === m.trackId)) {
        tracks.push({ trackId: m.trackId, ...(m.callsign ? { callsign: m.callsign } : {}), category: m.category, points: o.store.history(m.trackId, fromMs, toMs) });
      }
    }
    return { encounter: e, fromMs, toMs, tracks };
  });

  app.get(`${api}/compliance`, { schema: { querystring: NoQuery } }, async () => o.picture.compliance());

  app.get(`${api}/notifications`, { schema: { querystring: NOTIF_Q } }, async (req) => {
    const q = req.query as z.output<typeof NOTIF_Q>;
    return { notifications: o.picture.notifications(q.party, q.activeAt) };
  });

  app.post(`${api}/notifications`, { schema: { body: NOTIF_B } }, async (req, reply) => {
    if (!o.notificationDesk) return reply.code(404).send({ error: 'this server takes no notifications through the API' });
    if (o.picture.timeMs === undefined) return reply.code(409).send({ error: 'no data yet: a notification is filed at the data time of the picture' });
    const { message } = req.body as z.output<typeof NOTIF_B>;
    const p = party(req);
    const r = o.notificationDesk.file(p.id, message, o.picture.timeMs);
    if (!r.ok) return reply.code(r.status).send({ error: r.error });
    return { notification: r.notification, entryIndex: r.entryIndex, party: p.id, leafHash: r.leafHash };
  });

  app.get(`${api}/ledger/entries`, { schema: { querystring: ENTRIES_Q } }, async (req) => {
    const q = req.query as z.output<typeof ENTRIES_Q>;
    return o.ledger.entries(q.from ?? 0, q.limit ?? 100);
  });

  app.get(`${api}/ledger/checkpoint`, { schema: { querystring: NoQuery } }, async () => o.ledger.checkpoint());

  app.get(`${api}/ledger/proof/:index`, { schema: { params: PROOF_P } }, async (req, reply) => {
    const { index } = req.params as z.output<typeof PROOF_P>;
    const p = o.ledger.proof(index);
    if (!p) return reply.code(404).send({ error: `no entry ${index} (the log has ${o.ledger.ledger.size} entries)` });
    return p;
  });

  app.post(`${api}/ledger/verify`, { schema: { body: EmptyBody } }, async () => o.ledger.verify());

  app.get(`${api}/health`, { schema: { querystring: NoQuery } }, async () => ({ ...o.picture.health(), stream: hub.stats() }));

  app.get(`${api}/geo/:name`, { schema: { params: GEO_P } }, async (req, reply) => {
    const { name } = req.params as z.output<typeof GEO_P>;
    return reply.type('application/geo+json; charset=utf-8').send(geo.get(name));
  });

  app.get(`${api}/stream`, { websocket: true, schema: { querystring: NoQuery } }, (socket: StreamSocket, req: FastifyRequest) => {
    hub.add(socket, party(req).id, o.picture.snapshot()?.streamFrame);
  });

  // Unknown /api routes: 404 in JSON (after authentication, so their existence is not revealed either).
  const webDir = o.webDir ?? defaultWebDir();
  if (existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true });
  } else {
    app.get('/', { schema: { querystring: z.object({}) } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT));
  }

  return {
    app,
    hub,
    close: async () => {
      unlisten();
      unlistenLedger();
      hub.closeAll();
      await app.close();
    },
  };
}
