// SPDX-License-Identifier: GPL-3.0-or-later
// Configuration errors that name the file, the key and what is allowed, from zod schema issues.

import type { z } from 'zod';

/** A configuration that cannot be used: the message names the file, the key and what is allowed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `sensors[2].lat` from a zod issue path. */
function keyPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s === '' ? '(top level)' : s;
}

/** Parses `value` with `schema`, or throws one ConfigError listing every problem as `FILE: KEY: what is allowed`. */
export function parseConfig<T extends z.ZodType>(schema: T, value: unknown, file: string): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const lines = r.error.issues.map((issue) => {
    const at = keyPath(issue.path);
    if (issue.code === 'unrecognized_keys') return `${file}: ${at}: unknown key(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    return `${file}: ${at}: ${issue.message}`;
  });
  throw new ConfigError(lines.join('\n'));
}
