// SPDX-License-Identifier: GPL-3.0-or-later
// The registry of `jointsky` commands, one file each.

import { analyzeCommand } from './analyze.ts';
import { asterixCommand } from './asterix.ts';
import { conflictsCommand } from './conflicts.ts';
import { decodeCommand } from './decode.ts';
import { demoCommand } from './demo.ts';
import { keysCommand } from './keys.ts';
import { ledgerCommand } from './ledger.ts';
import { notifyCommand } from './notify.ts';
import { scoreCommand } from './score.ts';
import { serveCommand } from './serve.ts';
import { simCommand } from './sim.ts';
import { trackCommand } from './track.ts';
import type { Command } from './usage.ts';

export const COMMANDS: readonly Command[] = [decodeCommand, asterixCommand, keysCommand, ledgerCommand, simCommand, trackCommand, scoreCommand, demoCommand, serveCommand, conflictsCommand, notifyCommand, analyzeCommand];
