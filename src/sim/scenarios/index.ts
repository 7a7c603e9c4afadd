// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in scenarios, by name. Each is a plain scenario value, validated like a file.

import type { ScenarioInput } from '../scenario.ts';
import { balticDay } from './baltic-day.ts';
import { intercept } from './intercept.ts';
import { sk681 } from './sk681-2014-03-03.ts';
import { sk1755 } from './sk1755-2014-12-12.ts';
import { stress } from './stress.ts';

const BUILTIN: Readonly<Record<string, ScenarioInput>> = {
  'baltic-day': balticDay,
  'sk681-2014-03-03': sk681,
  'sk1755-2014-12-12': sk1755,
  intercept,
};

/** Names of the fixed built-in scenarios (plus `stress-N` for any N). */
export const BUILTIN_SCENARIOS: readonly string[] = Object.keys(BUILTIN);

/** A built-in scenario's (unvalidated) value, or undefined when the name is not built in. */
export function builtinScenario(name: string): ScenarioInput | undefined {
  const m = /^stress-(\d{1,6})$/.exec(name);
  if (m) return stress(Number(m[1]));
  return Object.hasOwn(BUILTIN, name) ? BUILTIN[name] : undefined;
}
