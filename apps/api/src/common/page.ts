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
