import type { Page } from '@otc/contracts';

/** Keyset paging: callers fetch `limit + 1` rows; the extra row only says whether a next page exists. */
export function toPage<R, T>(rows: R[], limit: number, item: (row: R) => T, cursorOf: (row: R) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(item), nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/** A keyset position: the exact timestamp text and id of the last row of the previous page. */
export interface Cursor {
  at: string;
  id: string;
}

/** Opaque to clients: base64url of "at|id". */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url');
}

/** The position a cursor from encodeCursor names, or null for anything this API did not issue. */
export function decodeCursor(raw: string, idPattern: RegExp): Cursor | null {
  const [at, id, extra] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!at || !id || extra !== undefined || !idPattern.test(id) || Number.isNaN(new Date(at).getTime())) return null;
  return { at, id };
}
