// SPDX-License-Identifier: GPL-3.0-or-later
// `jointsky keys`: make and inspect Ed25519 key pairs for parties and for the log.

import { chmodSync, closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { KEY_NAME_PATTERN, PARTY_ID_PATTERN } from '../ledger/config.ts';
import { possessionProof } from '../ledger/entry.ts';
import { fingerprint, generateKeyPair, type KeyPair, parsePrivateKeyPem, privateKeyToPem } from '../ledger/keys.ts';
import { type CliIO, type Command, UsageError, parseCommandArgs } from './usage.ts';

const HELP = `jointsky keys: make and inspect Ed25519 key pairs (parties and the log)

Usage:
  jointsky keys generate --out PREFIX [--force]
  jointsky keys public --key FILE
  jointsky keys proof --key FILE --party ID --origin ORIGIN

Subcommands:
  generate   Makes a new key pair: PREFIX.key holds the private key (PKCS#8 PEM, file mode 0600, readable
             only by you) and PREFIX.pub the public key (base64 of its 32 raw bytes). Prints the public key,
             ready to paste into the parties file ("publicKey", or "logPublicKey" for the log's key).
             Refuses to overwrite existing files unless --force.
  public     Prints the public key and fingerprint of a private key file.
  proof      Prints the body of a party-registration entry for the new party ID holding this key, with the
             key's proof of possession for the log ORIGIN: {"party", "publicKey", "proof"}. The newcomer runs
             it and hands the body to a current party, who proposes it (jointsky ledger --help, Parties).

Options:
  --out PREFIX   path prefix of the two files to write (e.g. keys/se)
  --key FILE     a private key file written by generate
  --party ID     proof: the id the new party will have
  --origin NAME  proof: the log's origin (its configuration's "origin")
  --force        overwrite existing files
  -h, --help     this help

Examples:
  jointsky keys generate --out keys/se
  jointsky keys generate --out keys/log
  jointsky keys public --key keys/se.key
  jointsky keys generate --out keys/fi && jointsky keys proof --key keys/fi.key --party fi --origin baltic.example/ledger
`;

/** Loads a private key file, refusing one that others can read (as ssh does). */
export function loadPrivateKey(path: string): KeyPair {
  let text: string;
  let mode: number;
  try {
    text = readFileSync(path, 'utf8');
    mode = statSync(path).mode & 0o777;
  } catch (err) {
    throw new Error(`cannot read key file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(`key file ${path} is readable by others (mode 0${mode.toString(8)}); run chmod 600 ${path}`);
  }
  try {
    return parsePrivateKeyPem(text);
  } catch (err) {
    throw new Error(`key file ${path}: ${(err as Error).message}; expected an Ed25519 key from jointsky keys generate`);
  }
}

function writeNew(path: string, text: string, mode: number, force: boolean): void {
  let fd: number;
  try {
    fd = openSync(path, force ? 'w' : 'wx', mode);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new Error(`${path} exists; use --force to overwrite it`);
    throw new Error(`cannot write ${path}: ${code ?? (err as Error).message}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'generate') {
    const { values } = parseCommandArgs('keys generate', rest, { out: { type: 'string' }, force: { type: 'boolean' } }, false);
    if (!values.out) throw new UsageError('keys generate: --out PREFIX is required (e.g. --out keys/se)');
    const pair = generateKeyPair();
    const force = values.force ?? false;
    writeNew(`${values.out}.key`, privateKeyToPem(pair.privateKey), 0o600, force);
    // openSync's mode is filtered by the umask, and 'w' keeps an existing file's mode: make sure of 0600.
    chmodSync(`${values.out}.key`, 0o600);
    writeNew(`${values.out}.pub`, `${pair.publicKey.base64}\n`, 0o644, force);
    io.stdout.write(
      `private key: ${values.out}.key (mode 0600)\npublic key:  ${values.out}.pub\n${pair.publicKey.base64}\nfingerprint: ${fingerprint(pair.publicKey)}\n`,
    );
    return 0;
  }
  if (sub === 'public') {
    const { values } = parseCommandArgs('keys public', rest, { key: { type: 'string' } }, false);
    if (!values.key) throw new UsageError('keys public: --key FILE is required');
    const pair = loadPrivateKey(values.key);
    io.stdout.write(`${pair.publicKey.base64}\nfingerprint: ${fingerprint(pair.publicKey)}\n`);
    return 0;
  }
  if (sub === 'proof') {
    const { values } = parseCommandArgs(
      'keys proof',
      rest,
      { key: { type: 'string' }, party: { type: 'string' }, origin: { type: 'string' } },
      false,
    );
    if (!values.key) throw new UsageError('keys proof: --key FILE is required');
    if (!values.party || !PARTY_ID_PATTERN.test(values.party)) {
      throw new UsageError('keys proof: --party ID is required (a lowercase letter, then up to 31 lowercase letters, digits or "-")');
    }
    if (!values.origin || !KEY_NAME_PATTERN.test(values.origin)) throw new UsageError("keys proof: --origin NAME is required (the log's origin)");
    const pair = loadPrivateKey(values.key);
    const body = { party: values.party, publicKey: pair.publicKey.base64, proof: possessionProof(values.origin, values.party, pair) };
    io.stdout.write(`${JSON.stringify(body)}\n`);
    return 0;
  }
  if (sub === undefined) throw new UsageError('keys: a subcommand is required: generate, public or proof (see jointsky keys --help)');
  throw new UsageError(`keys: unknown subcommand '${sub}' (expected generate, public or proof)`);
}

export const keysCommand: Command = {
  name: 'keys',
  summary: 'make Ed25519 key pairs for parties and the log (private key file mode 0600)',
  help: HELP,
  run,
};
