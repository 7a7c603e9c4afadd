// SPDX-License-Identifier: GPL-3.0-or-later
// The shared record: an RFC 9162 Merkle log of signed entries with co-signed checkpoints.

export * from './canonical.ts';
export * from './checkpoint.ts';
export * from './config.ts';
export * from './entry.ts';
export * from './exchange.ts';
export * from './hash.ts';
export * from './keys.ts';
export * from './log.ts';
export * from './proofs.ts';
export * from './registry.ts';
export * from './tree.ts';
export * from './verify.ts';
