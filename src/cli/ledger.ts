// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky ledger <subcommand>`: the shared record. Append signed entries, list them, prove inclusion and
// consistency, sign and co-sign checkpoints, verify offline, and move the log as a file.

import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { describeEntry, ENTRY_KINDS, type EntryKind, signEntry, type UnsignedEntry } from '../ledger/entry.ts';
import { exportLines, ForkError, importLog, parseExport, storeVerifyInput, writeExport } from '../ledger/exchange.ts';
import { toBase64 } from '../ledger/hash.ts';
import { fingerprint, type KeyPair } from '../ledger/keys.ts';
import { type Ledger, LedgerRefusal } from '../ledger/log.ts';
import { verifyConsistency, verifyInclusion } from '../ledger/proofs.ts';
import { formatReport, type VerifyReport, verifyLog } from '../ledger/verify.ts';
import { isSqliteHeader, SqliteLedgerStore } from '../store/sqlite.ts';
import { loadLedgerConfig, openLedgerAt, readInput } from './inputs.ts';
import { loadPrivateKey } from './keys.ts';
import { type CliIO, type Command, parseCommandArgs, UsageError } from './usage.ts';

export const DEFAULT_DB = 'jointsky-ledger.db';
export const DEFAULT_LOG_KEY = 'jointsky-log.key';

const HELP = `jointsky ledger: the shared record, an append-only RFC 9162 Merkle log of signed entries with
checkpoints signed by the log and co-signed by the parties

Usage:
  jointsky ledger append --party P --key FILE [--time ISO] ENTRY.json|-
  jointsky ledger approve N --party P --key FILE [--time ISO]
  jointsky ledger parties [--json]
  jointsky ledger show [--from N] [--limit K] [--json]
  jointsky ledger prove N [--size S] [--json]
  jointsky ledger prove --consistency M [--size S] [--json]
  jointsky ledger checkpoint [--log-key FILE]
  jointsky ledger cosign --party P --key FILE [--size S] [--time ISO]
  jointsky ledger verify [DB|EXPORT] [--json]
  jointsky ledger export [--out FILE]
  jointsky ledger import FILE

Subcommands:
  append      Signs ENTRY.json as party P with its private key and appends it. The log refuses, with the
              reason, an entry whose signature does not verify or whose party is not registered (or only
              proposed), was removed, or signs with a rotated-out key. The entry is durable on disk when append
              reports it.
  approve     Party P approves the party registration at entry N: appends a party-approval entry that names
              entry N by its index and leaf hash. A proposed party is admitted only when every current party
              has approved it (see Parties below).
  parties     Lists the active and removed parties with their key fingerprints, and every pending proposal
              with the approvals it has and the ones it still needs.
  show        Lists entries: index, time, party, kind and a summary (--json: one signed entry per line).
  prove       Prints the inclusion proof of entry N (or the consistency proof from size M) in the tree of
              size S (default: the whole log), and checks it.
  checkpoint  The log signs a checkpoint of the current tree (origin, size, root hash, as a C2SP signed note)
              with its key, and prints it with its co-signing state.
  cosign      Party P checks the latest checkpoint (or the one at size S) against its own copy of the log,
              verifying the whole log first, then co-signs it (C2SP cosignature/v1). A checkpoint is agreed
              when the quorum of the configuration (default: all parties) has co-signed it.
  verify      Checks offline every entry, signature and stored hash, every checkpoint (log signature, root,
              consistency with the current tree) and co-signature, in a database or an exported file.
              On tampering it names the first bad index and why. Exit code 1 when anything fails.
  export      Writes the whole log (configuration, entries, checkpoints, co-signatures) as JSON Lines, so
              anyone can verify it without a server.
  import      Verifies an exported log and adds it to the database: a new database takes it whole; an
              existing one takes the entries, checkpoints and co-signatures it lacks, and refuses a fork.

Options:
  --db FILE          the log database (default ${DEFAULT_DB} in the current directory)
  --parties FILE     the founding configuration (JSON), needed to create a new log; with an existing log it
                     must match the stored one, and verify then checks against it rather than trusting the
                     copy stored in the log. Keys: origin, logPublicKey, quorum ("all" or a number),
                     parties: [{id, name?, publicKey}]
  --party P          a party id from the configuration
  --key FILE         that party's private key (from jointsky keys generate; must have mode 0600)
  --log-key FILE     the log's private key (default ${DEFAULT_LOG_KEY})
  --time ISO         append: the entry's time (e.g. 2024-06-01T12:00:00Z), which overrides the time in the
                     file; without it the file must give "timeMs" (milliseconds since 1970) or "time" (ISO).
                     approve, cosign: the approval's or co-signature's time; without it, the current time of
                     this computer (the party states it and signs it; the log itself never reads a clock).
  --from N, --limit K   show: the first index and the number of entries (default: all from 0)
  --size S           prove, cosign: the tree size to use
  --consistency M    prove: a consistency proof from size M instead of an inclusion proof
  --json             machine-readable output
  --out FILE         export: write to FILE instead of standard output
  -h, --help         this help

Entries (ENTRY.json): {"kind": K, "time"|"timeMs": ..., "body": {...}} with kind one of
  incident-report      body {incidentId, riskClass: A..E, summary, ...evidence}
  alert-ack            body {alertId, acknowledgedBy, ...}
  flight-notification  body {notificationId, messageType: FPL|CHG|CNL|DLA|DEP|ARR, message}
  compliance-stats     body {periodStartMs, periodEndMs, counts: {name: whole number}}
  party-registration   body {party, publicKey, proof, name?}  (proposes a new party; see Parties)
  party-approval       body {registration: N, leafHash}       (approves the proposal at entry N; or use approve)
  party-rotation       body {publicKey, proof}                (signed with the old key)
  party-removal        body {reason}                          (the submitting party withdraws)
  proof = the new key's signature of "jointsky/key-possession/v1\\n<origin>\\n<party>\\n<publicKey>\\n".
Times come only from the entry or --time: the log never reads the clock, so every party computes the same
bytes.

Parties (admission in conditions of equity):
  The founding parties come from the configuration. Any party may propose a newcomer with a
  party-registration entry, but the newcomer is admitted only by the entry after which every current party
  (not removed) has approved the proposal: the proposer by proposing, every other party by a party-approval
  entry naming the proposal's index and leaf hash. Until then the newcomer can append nothing, co-sign
  nothing, and counts toward no quorum; so no party, nor a numeric quorum, can add co-signers on its own. A
  party that withdraws is no longer waited for (its removal may complete a proposal). Proposals completed by
  the same entry are admitted in the order they were made, and a later one then also waits for those just
  admitted. An approval by anyone but a current party is refused, as is a second approval by the same party
  or one of an entry that is not a pending proposal; nothing can be withdrawn (neither a proposal nor an
  approval). A proposal stays pending until it is complete. Verify recomputes all of this from the log alone.

Examples:
  jointsky keys generate --out keys/log && jointsky keys generate --out keys/se
  jointsky ledger append --parties parties.json --party se --key keys/se.key incident.json
  jointsky ledger append --party se --key keys/se.key --time 2024-06-01T12:00:00Z ack.json
  jointsky keys proof --key keys/fi.key --party fi --origin baltic.example/ledger   (the newcomer: the body)
  jointsky ledger append --party se --key keys/se.key --time 2024-06-02T09:00:00Z register-fi.json
  jointsky ledger approve 42 --party ru --key keys/ru.key    (and every other current party likewise)
  jointsky ledger parties
  jointsky ledger show --from 10 --limit 5
  jointsky ledger prove 3
  jointsky ledger checkpoint --log-key keys/log.key
  jointsky ledger cosign --party ru --key keys/ru.key
  jointsky ledger export --out baltic.jsonl && jointsky ledger verify baltic.jsonl
  jointsky ledger import --db my-copy.db baltic.jsonl
`;

const SUBCOMMANDS = ['append', 'approve', 'parties', 'show', 'prove', 'checkpoint', 'cosign', 'verify', 'export', 'import'] as const;

const DB_OPTIONS = { db: { type: 'string' }, parties: { type: 'string' } } as const;

/** Parses a whole number option, naming it on failure. */
function whole(option: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min) {
    throw new UsageError(`ledger: ${option} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, got '${value}'`);
  }
  return Number(value);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 time with a zone into milliseconds since 1970. */
function isoTime(option: string, value: string): number {
  const ms = ISO.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new UsageError(`ledger: ${option} must be an ISO time with a zone, e.g. 2024-06-01T12:00:00Z; got '${value}'`);
  }
  return ms;
}

/** Opens the log at --db; creates it from --parties if the file does not exist yet. */
function openLedger(values: { db?: string; parties?: string }, create: boolean): Ledger {
  const path = values.db ?? DEFAULT_DB;
  if (!existsSync(path) && !create) throw new Error(`no log at ${path} (use --db FILE, or create it with append/import and --parties FILE)`);
  return openLedgerAt(path, values.parties ? loadLedgerConfig(values.parties) : undefined, create, 'ledger');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds the unsigned entry from ENTRY.json, --party and --time. */
function unsignedEntry(text: string, source: string, party: string, timeOption: string | undefined): UnsignedEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`ledger append: ${source} is not valid JSON (${(err as Error).message})`);
  }
  if (!isRecord(value)) throw new UsageError(`ledger append: ${source} must be a JSON object {kind, time|timeMs, body}`);
  const allowed = ['v', 'kind', 'party', 'time', 'timeMs', 'body'];
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  if (extra) throw new UsageError(`ledger append: ${source}: key "${extra}" is not allowed (allowed: ${allowed.join(', ')})`);
  if (value.party !== undefined && value.party !== party) {
    throw new UsageError(`ledger append: ${source} says party "${String(value.party)}" but --party is "${party}"`);
  }
  if (!ENTRY_KINDS.includes(value.kind as EntryKind)) {
    throw new UsageError(`ledger append: ${source}: key "kind" must be one of ${ENTRY_KINDS.join(', ')}`);
  }
  let timeMs: number;
  if (timeOption !== undefined) timeMs = isoTime('--time', timeOption);
  else if (typeof value.timeMs === 'number') timeMs = value.timeMs;
  else if (typeof value.time === 'string') timeMs = isoTime(`${source} "time"`, value.time);
  else throw new UsageError(`ledger append: ${source} has no time: give "timeMs" or "time" in the file, or --time ISO`);
  if (!isRecord(value.body)) throw new UsageError(`ledger append: ${source}: key "body" must be an object`);
  return { v: 1, kind: value.kind as EntryKind, party, timeMs, body: value.body } as UnsignedEntry;
}

const b64 = (h: Uint8Array) => toBase64(h);

function reportText(report: VerifyReport, json: boolean): string {
  return json ? `${JSON.stringify(report)}\n` : formatReport(report);
}

async function append(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('ledger append', argv, {
    ...DB_OPTIONS,
    party: { type: 'string' },
    key: { type: 'string' },
    time: { type: 'string' },
  });
  if (!values.party) throw new UsageError('ledger append: --party P is required');
  if (!values.key) throw new UsageError('ledger append: --key FILE is required');
  if (positionals.length !== 1) throw new UsageError('ledger append: give exactly one ENTRY.json (or - for standard input)');
  const text = await readInput(positionals[0], io);
  const unsigned = unsignedEntry(text, positionals[0], values.party, values.time);
  const key = loadPrivateKey(values.key);
  const ledger = openLedger(values, true);
  try {
    checkSigner(ledger, values.party, key, values.key);
    const { index, leafHash } = ledger.append(signEntry(ledger.origin, unsigned, key.privateKey));
    io.stdout.write(`appended entry ${index} (leaf hash ${b64(leafHash)}); the log has ${ledger.size} entries, root ${b64(ledger.root())}\n`);
    if (unsigned.kind === 'party-registration' || unsigned.kind === 'party-approval') io.stdout.write(admissionText(ledger));
    return 0;
  } finally {
    ledger.close();
  }
}

/** Refuses, before signing, a key that is not the active key of `party`. */
function checkSigner(ledger: Ledger, party: string, key: KeyPair, keyFile: string): void {
  const registry = ledger.parties();
  const registered = registry.activeKey(party);
  if (!registered) {
    const known = registry.get(party);
    const proposal = registry.pending().find((p) => p.id === party);
    if (proposal) {
      throw new LedgerRefusal(
        'pending-party',
        `party "${party}" was proposed at entry ${proposal.proposedAt} but is not admitted yet: it still needs the approval of ${registry.missingApprovals(proposal).join(', ')}`,
      );
    }
    throw new LedgerRefusal(
      known ? 'removed-party' : 'unknown-party',
      known ? `party "${party}" was removed and can sign nothing` : `party "${party}" is not a registered party`,
    );
  }
  if (registered.base64 !== key.publicKey.base64) {
    throw new LedgerRefusal(
      'bad-signature',
      `key ${keyFile} (${fingerprint(key.publicKey)}) is not the registered key of party "${party}" (${fingerprint(registered)})`,
    );
  }
}

/** One line per pending proposal: who proposed whom, and whose approval it still needs. */
function admissionText(ledger: Ledger): string {
  const registry = ledger.parties();
  return registry
    .pending()
    .map(
      (p) =>
        `pending: party ${p.id} proposed by ${p.sponsor} at entry ${p.proposedAt}; approved by ${p.approvals.map((a) => a.party).join(', ')}; waiting for ${registry.missingApprovals(p).join(', ')}\n`,
    )
    .join('');
}

async function approve(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('ledger approve', argv, {
    ...DB_OPTIONS,
    party: { type: 'string' },
    key: { type: 'string' },
    time: { type: 'string' },
  });
  if (!values.party) throw new UsageError('ledger approve: --party P is required');
  if (!values.key) throw new UsageError('ledger approve: --key FILE is required');
  if (positionals.length !== 1) throw new UsageError('ledger approve: give the index N of the party-registration entry');
  const n = whole('N', positionals[0])!;
  const timeMs = values.time !== undefined ? isoTime('--time', values.time) : Date.now();
  const key = loadPrivateKey(values.key);
  const ledger = openLedger(values, false);
  try {
    if (n >= ledger.size) throw new UsageError(`ledger approve: entry ${n} does not exist (the log has ${ledger.size} entries)`);
    checkSigner(ledger, values.party, key, values.key);
    const target = ledger.entry(n);
    if (target.entry.kind !== 'party-registration') {
      throw new LedgerRefusal('no-such-proposal', `entry ${n} is not a party registration (its kind is ${target.entry.kind})`);
    }
    const unsigned: UnsignedEntry<'party-approval'> = {
      v: 1,
      kind: 'party-approval',
      party: values.party,
      timeMs,
      body: { registration: n, leafHash: b64(target.leafHash) },
    };
    const { index } = ledger.append(signEntry(ledger.origin, unsigned, key.privateKey));
    const admitted = ledger.parties().get((target.entry.body as { party: string }).party);
    io.stdout.write(
      `appended entry ${index}: ${values.party} approves the proposal of party ${admitted?.id ?? (target.entry.body as { party: string }).party} at entry ${n}\n`,
    );
    io.stdout.write(admitted ? `party ${admitted.id} is admitted from entry ${admitted.registeredAt + 1} on\n` : admissionText(ledger));
    return 0;
  } finally {
    ledger.close();
  }
}

async function parties(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('ledger parties', argv, { ...DB_OPTIONS, json: { type: 'boolean' } }, false);
  const ledger = openLedger(values, false);
  try {
    const registry = ledger.parties();
    const list = registry
      .all()
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((p) => ({
        id: p.id,
        ...(p.name !== undefined ? { name: p.name } : {}),
        state: p.removedAt === undefined ? 'active' : 'removed',
        key: b64(p.keys[p.keys.length - 1].key.raw),
        fingerprint: fingerprint(p.keys[p.keys.length - 1].key),
        admittedAt: p.registeredAt < 0 ? 'founding' : p.registeredAt,
        ...(p.proposedAt !== undefined ? { proposedAt: p.proposedAt, sponsor: p.sponsor } : {}),
        ...(p.removedAt !== undefined ? { removedAt: p.removedAt } : {}),
      }));
    const pending = registry.pending().map((p) => ({
      id: p.id,
      ...(p.name !== undefined ? { name: p.name } : {}),
      key: p.key.base64,
      fingerprint: fingerprint(p.key),
      proposedAt: p.proposedAt,
      leafHash: b64(p.leafHash),
      sponsor: p.sponsor,
      approvedBy: p.approvals.map((a) => a.party),
      waitingFor: registry.missingApprovals(p),
    }));
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ size: ledger.size, parties: list, pending })}\n`);
      return 0;
    }
    const lines = list.map(
      (p) =>
        `${p.id.padEnd(8)} ${p.state.padEnd(8)} key ${p.fingerprint}  ${p.admittedAt === 'founding' ? 'founding party' : `proposed by ${p.sponsor} at entry ${p.proposedAt}, admitted at entry ${p.admittedAt}`}${p.removedAt !== undefined ? `; removed at entry ${p.removedAt}` : ''}`,
    );
    for (const p of pending) {
      lines.push(
        `${p.id.padEnd(8)} pending  key ${p.fingerprint}  proposed by ${p.sponsor} at entry ${p.proposedAt}; approved by ${p.approvedBy.join(', ')}; waiting for ${p.waitingFor.join(', ')}`,
      );
    }
    io.stdout.write(`${lines.join('\n')}\n(${list.filter((p) => p.state === 'active').length} active parties after ${ledger.size} entries)\n`);
    return 0;
  } finally {
    ledger.close();
  }
}

async function show(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'ledger show',
    argv,
    { ...DB_OPTIONS, from: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
    false,
  );
  const from = whole('--from', values.from) ?? 0;
  const limit = whole('--limit', values.limit, 1);
  const ledger = openLedger(values, false);
  try {
    const to = limit === undefined ? ledger.size : Math.min(ledger.size, from + limit);
    const out: string[] = [];
    for (const e of ledger.entries(from, to)) {
      out.push(
        values.json
          ? JSON.stringify({ index: e.index, leafHash: b64(e.leafHash), entry: e.entry })
          : `${String(e.index).padStart(6)}  ${new Date(e.entry.timeMs).toISOString()}  ${e.entry.party.padEnd(6)}  ${e.entry.kind.padEnd(19)}  ${describeEntry(e.entry)}`,
      );
      if (out.length >= 1000) {
        io.stdout.write(`${out.join('\n')}\n`);
        out.length = 0;
      }
    }
    if (out.length) io.stdout.write(`${out.join('\n')}\n`);
    if (!values.json) io.stdout.write(`(${ledger.size} entries; root ${b64(ledger.root())})\n`);
    return 0;
  } finally {
    ledger.close();
  }
}

async function prove(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('ledger prove', argv, {
    ...DB_OPTIONS,
    size: { type: 'string' },
    consistency: { type: 'string' },
    json: { type: 'boolean' },
  });
  const ledger = openLedger(values, false);
  try {
    const size = whole('--size', values.size) ?? ledger.size;
    if (size > ledger.size) throw new UsageError(`ledger prove: --size ${size} is larger than the log (${ledger.size} entries)`);
    if (values.consistency !== undefined) {
      if (positionals.length) throw new UsageError('ledger prove: give either N or --consistency M, not both');
      const m = whole('--consistency', values.consistency, 1)!;
      if (m > size) throw new UsageError(`ledger prove: --consistency ${m} is larger than the tree size ${size}`);
      const p = ledger.proveConsistency(m, size);
      const check = verifyConsistency(p.size1, p.size2, p.root1, p.root2, p.path);
      const json = { size1: p.size1, size2: p.size2, root1: b64(p.root1), root2: b64(p.root2), proof: p.path.map(b64), verified: check.ok };
      io.stdout.write(
        values.json
          ? `${JSON.stringify(json)}\n`
          : `consistency proof from size ${m} (root ${json.root1}) to size ${size} (root ${json.root2}):\n${json.proof.map((h) => `  ${h}`).join('\n')}${json.proof.length ? '\n' : ''}${check.ok ? 'verified (RFC 9162 §2.1.4.2)' : `FAILED: ${check.reason}`}\n`,
      );
      return check.ok ? 0 : 1;
    }
    if (positionals.length !== 1) throw new UsageError('ledger prove: give the entry index N (or --consistency M)');
    const n = whole('N', positionals[0])!;
    if (n >= size) throw new UsageError(`ledger prove: entry ${n} is not in a tree of ${size} entries`);
    const p = ledger.proveInclusion(n, size);
    const check = verifyInclusion(p.index, p.size, p.leafHash, p.path, p.root);
    const json = { index: p.index, size: p.size, leafHash: b64(p.leafHash), root: b64(p.root), proof: p.path.map(b64), verified: check.ok };
    io.stdout.write(
      values.json
        ? `${JSON.stringify(json)}\n`
        : `inclusion proof of entry ${n} (leaf hash ${json.leafHash}) in the tree of size ${size} (root ${json.root}):\n${json.proof.map((h) => `  ${h}`).join('\n')}${json.proof.length ? '\n' : ''}${check.ok ? 'verified (RFC 9162 §2.1.3.2)' : `FAILED: ${check.reason}`}\n`,
    );
    return check.ok ? 0 : 1;
  } finally {
    ledger.close();
  }
}

function statusText(ledger: Ledger, size: number): string {
  const s = ledger.checkpointStatus(size);
  const state = s.agreed
    ? `agreed (${s.cosigners.length}/${s.needed} co-signatures)`
    : `not agreed yet: ${s.cosigners.length}/${s.needed} co-signatures${s.missing.length ? `; waiting for ${s.missing.join(', ')}` : ''}`;
  return `${s.note}${state}\n`;
}

async function checkpoint(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('ledger checkpoint', argv, { ...DB_OPTIONS, 'log-key': { type: 'string' } }, false);
  const logKey = loadPrivateKey(values['log-key'] ?? DEFAULT_LOG_KEY);
  const ledger = openLedger(values, false);
  try {
    const stored = ledger.createCheckpoint(logKey);
    io.stdout.write(statusText(ledger, stored.size));
    return 0;
  } finally {
    ledger.close();
  }
}

async function cosign(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'ledger cosign',
    argv,
    { ...DB_OPTIONS, party: { type: 'string' }, key: { type: 'string' }, size: { type: 'string' }, time: { type: 'string' } },
    false,
  );
  if (!values.party) throw new UsageError('ledger cosign: --party P is required');
  if (!values.key) throw new UsageError('ledger cosign: --key FILE is required');
  const size = whole('--size', values.size);
  // The co-signature's time is the moment the party attests to the checkpoint: --time, else this computer's
  // clock. It is not part of any entry, so it does not affect the tree.
  const timeSec = Math.floor((values.time !== undefined ? isoTime('--time', values.time) : Date.now()) / 1000);
  const key = loadPrivateKey(values.key);
  const ledger = openLedger(values, false);
  try {
    // A party co-signs only what it has verified: the whole log, not just the root.
    const report = verifyLog(storeVerifyInput(ledger.store), values.parties ? { trustedConfig: ledger.config } : {});
    if (!report.ok) {
      io.stderr.write(formatReport(report));
      throw new Error('refusing to co-sign: the log does not verify');
    }
    const line = ledger.cosign(values.party, key, timeSec, size);
    io.stdout.write(`${line}\n`);
    io.stdout.write(statusText(ledger, size ?? ledger.latestCheckpoint()!.size));
    return 0;
  } finally {
    ledger.close();
  }
}

async function verify(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('ledger verify', argv, { ...DB_OPTIONS, json: { type: 'boolean' } });
  if (positionals.length > 1) throw new UsageError('ledger verify: give at most one database or exported log');
  const path = positionals[0] ?? values.db ?? DEFAULT_DB;
  const trusted = values.parties ? { trustedConfig: loadLedgerConfig(values.parties) } : {};
  let head: Uint8Array;
  try {
    const fd = openSync(path, 'r');
    head = new Uint8Array(16);
    readSync(fd, head, 0, 16, 0);
    closeSync(fd);
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let report: VerifyReport;
  if (isSqliteHeader(head)) {
    const store = new SqliteLedgerStore(path, { mustExist: true });
    try {
      report = verifyLog(storeVerifyInput(store), trusted);
    } finally {
      store.close();
    }
  } else {
    report = verifyLog(parseExport(readFileSync(path, 'utf8'), path), trusted);
  }
  if (!values.parties && !values.json) {
    io.stderr.write('note: keys were taken from the log itself; give --parties FILE to check them against your own copy\n');
  }
  io.stdout.write(reportText(report, values.json ?? false));
  return report.ok ? 0 : 1;
}

async function exportLog(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('ledger export', argv, { ...DB_OPTIONS, out: { type: 'string' } }, false);
  const ledger = openLedger(values, false);
  try {
    if (values.out) {
      const fd = openSync(values.out, 'w');
      try {
        writeExport(ledger.store, fd);
      } finally {
        closeSync(fd);
      }
      io.stderr.write(`exported ${ledger.size} entries to ${values.out}\n`);
    } else {
      for (const line of exportLines(ledger.store)) io.stdout.write(`${line}\n`);
    }
    return 0;
  } finally {
    ledger.close();
  }
}

async function importLogCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('ledger import', argv, DB_OPTIONS);
  if (positionals.length !== 1) throw new UsageError('ledger import: give exactly one exported log FILE');
  const path = positionals[0];
  const exported = parseExport(await readInput(path, io), path);
  if (values.parties) {
    const trusted = loadLedgerConfig(values.parties);
    const report = verifyLog(exported, { trustedConfig: trusted });
    if (!report.ok) {
      io.stderr.write(formatReport(report));
      return 1;
    }
  }
  const db = values.db ?? DEFAULT_DB;
  const store = new SqliteLedgerStore(db);
  try {
    const result = importLog(exported, store);
    if (!result.report.ok) {
      io.stderr.write(formatReport(result.report));
      io.stderr.write(`jointsky ledger import: ${path} does not verify; nothing imported\n`);
      return 1;
    }
    io.stdout.write(
      `imported into ${db}: ${result.added} entries, ${result.checkpointsAdded} checkpoints, ${result.cosignaturesAdded} co-signatures; the log has ${result.report.size} entries, root ${result.report.root}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof ForkError) {
      io.stderr.write(`jointsky ledger import: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    store.close();
  }
}

const HANDLERS: Record<(typeof SUBCOMMANDS)[number], (argv: string[], io: CliIO) => Promise<number>> = {
  append,
  approve,
  parties,
  show,
  prove,
  checkpoint,
  cosign,
  verify,
  export: exportLog,
  import: importLogCommand,
};

async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined) throw new UsageError(`ledger: a subcommand is required: ${SUBCOMMANDS.join(', ')}`);
  const handler = HANDLERS[sub as (typeof SUBCOMMANDS)[number]];
  if (!handler) throw new UsageError(`ledger: unknown subcommand '${sub}' (expected ${SUBCOMMANDS.join(', ')})`);
  try {
    return await handler(rest, io);
  } catch (err) {
    if (err instanceof LedgerRefusal) {
      io.stderr.write(`jointsky ledger ${sub}: refused: ${err.reason}\n`);
      return 1;
    }
    throw err;
  }
}

export const ledgerCommand: Command = {
  name: 'ledger',
  summary: 'the shared record: append signed entries, admit parties, prove, checkpoint, co-sign, verify, export, import',
  help: HELP,
  run,
};
