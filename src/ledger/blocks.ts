// SPDX-License-Identifier: GPL-3.0-or-later
// Blocks of the lowest tree levels. Every complete, aligned block of 64 entries also stores the hashes of its
// nodes at levels 0..5 (64 + 32 + 16 + 8 + 4 + 2 = 126 hashes, 4,032 bytes) as one row. The siblings an
// inclusion proof needs below level 6 all lie in the leaf's own block, and the log keeps levels 6 and up in
// memory, so a proof costs one stored read instead of seven. The blocks repeat what the node table holds;
// verify checks every stored block against the hashes it recomputes from the entries.

import { nodeId, nodeIndex, nodeLevel } from './tree.ts';

/** Levels 0..BLOCK_LEVELS-1 are kept in blocks. */
export const BLOCK_LEVELS = 6;
/** Entries per block. */
export const BLOCK_LEAVES = 2 ** BLOCK_LEVELS;
/** Hashes per block: 2^6 + 2^5 + ... + 2^1. */
export const BLOCK_HASHES = 2 * BLOCK_LEAVES - 2;
export const BLOCK_BYTES = 32 * BLOCK_HASHES;

/** Position of each level's first hash in a block. */
const LEVEL_START = [0, 64, 96, 112, 120, 124];

/** The block that node `id` (level below BLOCK_LEVELS) belongs to. */
export function blockOf(id: number): number {
  return Math.floor(nodeIndex(id) / (BLOCK_LEAVES >> nodeLevel(id)));
}

/** Whether the node is stored in blocks (its level is low enough). */
export function inBlocks(id: number): boolean {
  return nodeLevel(id) < BLOCK_LEVELS;
}

/** Byte offset of node `id`'s hash inside its block. */
export function blockOffset(id: number): number {
  const level = nodeLevel(id);
  return 32 * (LEVEL_START[level] + (nodeIndex(id) % (BLOCK_LEAVES >> level)));
}

/** The hash of node `id` in the packed block. */
export function hashInBlock(block: Uint8Array, id: number): Uint8Array {
  const at = blockOffset(id);
  return block.subarray(at, at + 32);
}

/** The node ids of block `b`, in their packed order. */
export function blockNodeIds(b: number): number[] {
  const ids: number[] = [];
  for (let level = 0; level < BLOCK_LEVELS; level++) {
    const width = BLOCK_LEAVES >> level;
    for (let i = 0; i < width; i++) ids.push(nodeId(level, b * width + i));
  }
  return ids;
}
