// SPDX-License-Identifier: GPL-3.0-or-later
// Why an ATS message or a notification was refused: the item (field type) and the token at fault.

export interface ItemError {
  /** ICAO field type ('3', '7', '8', '9', '10', '13', '15', '16', '17', '18', '22'), or 'message' for the frame. */
  item: string;
  /** The offending token as written ('' when something is missing). */
  token: string;
  reason: string;
}

export function itemError(item: string, token: string, reason: string): ItemError {
  return { item, token, reason };
}

/** One line: `item 15, token 'N045F350': expected ...`. */
export function formatItemError(e: ItemError): string {
  const where = e.item === 'message' ? 'message' : `item ${e.item}`;
  return e.token === '' ? `${where}: ${e.reason}` : `${where}, token '${e.token}': ${e.reason}`;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ItemError };
