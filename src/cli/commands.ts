// SPDX-License-Identifier: GPL-3.0-or-later
// The registry of `jointsky` commands, one file each.

import { decodeCommand } from './decode.ts';
import type { Command } from './usage.ts';

export const COMMANDS: readonly Command[] = [decodeCommand];
