// SPDX-License-Identifier: GPL-3.0-or-later
// Canonical JSON: one value, one byte string, on every party's machine. The rules are those of RFC 8785 (JCS)
// restricted to what log entries need: object keys sorted by UTF-16 code units, no whitespace, strings escaped
// as JSON.stringify does, numbers as ECMAScript prints them. Non-finite numbers, -0 and non-plain values are
// refused rather than silently changed.

/** A JSON value as it appears in an entry. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function write(value: unknown, path: string, out: string[]): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not a finite number`);
      if (Object.is(value, -0)) throw new CanonicalJsonError(`${path}: -0 has no canonical form; use 0`);
      out.push(String(value));
      return;
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(`${path}: string has an unpaired surrogate`);
      out.push(JSON.stringify(value));
      return;
    case 'object': {
      if (Array.isArray(value)) {
        out.push('[');
        value.forEach((v, i) => {
          if (i > 0) out.push(',');
          write(v, `${path}[${i}]`, out);
        });
        out.push(']');
        return;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalJsonError(`${path}: only plain objects can be canonicalised`);
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      out.push('{');
      let first = true;
      for (const key of keys) {
        const v = record[key];
        if (v === undefined) continue;
        if (!first) out.push(',');
        first = false;
        out.push(JSON.stringify(key), ':');
        write(v, `${path}.${key}`, out);
      }
      out.push('}');
      return;
    }
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} cannot be written as JSON`);
  }
}

/** The canonical JSON text of a value. Keys whose value is undefined are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, '$', out);
  return out.join('');
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The canonical JSON bytes (UTF-8) of a value. */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalJson(value));
}

/**
 * Parses bytes that must already be canonical JSON; returns the value, or a reason when the bytes are not
 * UTF-8, not JSON, or not in canonical form (which is how a flipped byte usually shows).
 */
export function parseCanonical(bytes: Uint8Array): { ok: true; value: JsonValue } | { ok: false; reason: string } {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message})` };
  }
  let again: string;
  try {
    again = canonicalJson(value);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  if (again !== text) return { ok: false, reason: 'JSON is not in canonical form' };
  return { ok: true, value };
}
