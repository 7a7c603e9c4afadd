// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky serve`'s configuration file (YAML): where to listen, the picture store, the shared log, the
// parties (token hash or token variable, signing key) and every party's sensors with their feeds. Validated
// in full at start; every problem names the file, the key and what is allowed.

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError, parseConfig } from '../core/config.ts';
import { PARTY_ID_PATTERN } from '../ledger/config.ts';
import { SensorConfigSchema } from '../surveillance/sensors.ts';
import { hashToken } from './auth.ts';

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;
const port = z.number().int().min(1).max(65_535);

const TcpFeed = z.strictObject({
  /** Receiver output: Beast binary, AVR text or SBS (BaseStation) lines over TCP. */
  format: z.enum(['beast', 'avr', 'sbs']),
  /** host:port of the receiver's TCP server (e.g. dump1090's 30005 for Beast, 30002 AVR, 30003 SBS). */
  tcp: z.string().regex(HOST_PORT, 'host:port, e.g. 192.0.2.10:30005'),
  /** Seconds before the first reconnect attempt after the feed drops (doubles up to 60 s). */
  reconnectS: z.number().min(0.1).max(600).default(2),
});

const UdpFeed = z.strictObject({
  /** Radar output: ASTERIX (CAT048 plots, CAT034 service messages) over UDP. */
  format: z.literal('asterix'),
  udp: z.strictObject({
    port,
    /** IPv4 multicast group to join (224.0.0.0–239.255.255.255); omit for unicast. */
    group: z
      .string()
      .regex(/^(22[4-9]|23\d)\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'an IPv4 multicast address, 224.0.0.0 to 239.255.255.255')
      .optional(),
    /** Local address to listen on (default all interfaces). */
    address: z.string().min(1).optional(),
  }),
});

export const FeedSchema = z.discriminatedUnion('format', [TcpFeed, UdpFeed], {
  error: () => "one of: {format: beast|avr|sbs, tcp: 'host:port'} or {format: asterix, udp: {port, group?}}",
});

export const ServeSensorSchema = SensorConfigSchema.extend({ feed: FeedSchema });

const PartySchema = z
  .strictObject({
    id: z.string().regex(PARTY_ID_PATTERN, 'a party id: a lowercase letter, then up to 31 lowercase letters, digits or "-"'),
    name: z.string().min(1).max(100),
    /** SHA-256 of the party's API token, 64 hex digits (e.g. `printf %s TOKEN | sha256sum`). */
    tokenSha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the token: 64 hex digits')
      .optional(),
    /** Or: the name of an environment variable that holds the token (hashed at start, never stored). */
    tokenEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
      .optional(),
    /** The party's Ed25519 private key (jointsky keys generate), to sign its alert acknowledgements. */
    key: z.string().min(1).optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.tokenSha256 === undefined) === (p.tokenEnv === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['tokenSha256'], message: 'give exactly one of tokenSha256 or tokenEnv' });
    }
  });

export const ServeConfigSchema = z
  .strictObject({
    listen: z.strictObject({ host: z.string().min(1).default('127.0.0.1'), port: port.default(8080) }).default({ host: '127.0.0.1', port: 8080 }),
    storage: z.strictObject({ path: z.string().min(1) }),
    ledger: z.strictObject({
      /** The log database (SQLite). */
      path: z.string().min(1),
      /** The founding configuration (JSON: origin, logPublicKey, quorum, parties), to create the log or check it. */
      parties: z.string().min(1),
      /** The log's private key: when given, the server signs a checkpoint after each append. */
      logKey: z.string().min(1).optional(),
    }),
    parties: z.array(PartySchema).min(1),
    sensors: z.array(ServeSensorSchema).default([]),
    /** What this server states in the shared log by itself, signed as `party` (which needs a key here). */
    record: z
      .strictObject({
        party: z.string().min(1),
        /** Encounter risk classes filed as incident reports (civil traffic with a military, state or dark aircraft). */
        classes: z.array(z.enum(['A', 'B', 'C', 'D', 'E'])).default(['A', 'B', 'C']),
        /** Data time between transponder-compliance statements, s. */
        complianceIntervalS: z.number().int().min(60).max(7 * 86400).default(3600),
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.parties.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['parties', i, 'id'], message: `party '${p.id}' is listed twice` });
      ids.add(p.id);
    });
    if (c.record !== undefined) {
      const party = c.parties.find((p) => p.id === c.record?.party);
      if (!party) ctx.addIssue({ code: 'custom', path: ['record', 'party'], message: `one of the parties: ${[...ids].join(', ')}` });
      else if (party.key === undefined) ctx.addIssue({ code: 'custom', path: ['record', 'party'], message: `party '${party.id}' has no key here to sign with` });
    }
    const sensors = new Set<string>();
    const sacSic = new Set<string>();
    const endpoints = new Set<string>();
    c.sensors.forEach((s, i) => {
      if (!ids.has(s.party)) ctx.addIssue({ code: 'custom', path: ['sensors', i, 'party'], message: `one of the parties: ${[...ids].join(', ')}` });
      if (sensors.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sensors', i, 'id'], message: `sensor id '${s.id}' is used twice` });
      sensors.add(s.id);
      if ((s.sac === undefined) !== (s.sic === undefined)) ctx.addIssue({ code: 'custom', path: ['sensors', i, 'sac'], message: 'give both sac and sic, or neither' });
      if (s.sac !== undefined && s.sic !== undefined) {
        const k = `${s.sac}/${s.sic}`;
        if (sacSic.has(k)) ctx.addIssue({ code: 'custom', path: ['sensors', i, 'sic'], message: `SAC/SIC ${k} is used by another sensor` });
        sacSic.add(k);
      }
      if (s.kind === 'radar' && s.feed.format !== 'asterix') {
        ctx.addIssue({ code: 'custom', path: ['sensors', i, 'feed', 'format'], message: "a radar sends 'asterix'" });
      }
      if (s.kind === 'adsb' && s.feed.format === 'asterix') {
        ctx.addIssue({ code: 'custom', path: ['sensors', i, 'feed', 'format'], message: "a receiver sends 'beast', 'avr' or 'sbs'" });
      }
      if (s.kind === 'radar' && s.sac === undefined) ctx.addIssue({ code: 'custom', path: ['sensors', i, 'sac'], message: 'a radar needs sac and sic' });
      const ep = s.feed.format === 'asterix' ? `udp:${s.feed.udp.group ?? ''}:${s.feed.udp.port}` : `tcp:${s.feed.tcp}`;
      if (endpoints.has(ep) && s.feed.format !== 'asterix') {
        ctx.addIssue({ code: 'custom', path: ['sensors', i, 'feed'], message: `another sensor already reads ${ep}` });
      }
      endpoints.add(ep);
    });
  });

export type ServeConfig = z.output<typeof ServeConfigSchema>;
export type ServeSensor = z.output<typeof ServeSensorSchema>;

/** The configuration with relative paths resolved against the file's folder and tokens hashed. */
export interface ResolvedServeConfig extends ServeConfig {
  file: string;
  /** Per party (same order): the SHA-256 of its token. */
  tokenHashes: Buffer[];
}

/** Parses configuration text (YAML, so JSON too); `file` names it in errors. */
export function parseServeConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): ResolvedServeConfig {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const at = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : 'somewhere';
    throw new ConfigError(`${file}: not valid YAML at ${at}: ${e.message.split('\n')[0]}`);
  }
  const config = parseConfig(ServeConfigSchema, doc.toJS(), file);
  const base = dirname(file);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const tokenHashes = config.parties.map((p, i) => {
    if (p.tokenSha256 !== undefined) return Buffer.from(p.tokenSha256, 'hex');
    const token = env[p.tokenEnv as string];
    if (token === undefined || token.length < 16) {
      throw new ConfigError(
        `${file}: parties[${i}].tokenEnv: the environment variable ${p.tokenEnv} must hold the token (at least 16 characters); it is ${token === undefined ? 'not set' : 'too short'}`,
      );
    }
    return hashToken(token);
  });
  return {
    ...config,
    file,
    tokenHashes,
    storage: { path: abs(config.storage.path) },
    ledger: {
      path: abs(config.ledger.path),
      parties: abs(config.ledger.parties),
      ...(config.ledger.logKey !== undefined ? { logKey: abs(config.ledger.logKey) } : {}),
    },
    parties: config.parties.map((p) => (p.key !== undefined ? { ...p, key: abs(p.key) } : p)),
  };
}

/** Reads and validates a configuration file. */
export function loadServeConfig(path: string, env: NodeJS.ProcessEnv = process.env): ResolvedServeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${path}: cannot read the configuration (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseServeConfig(text, path, env);
}
