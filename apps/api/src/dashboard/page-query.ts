import { UUID_PATTERN } from '@otc/contracts';
import { Cursor, decodeCursor } from '../common/page';
import { DEFAULT_PAGE_SIZE } from './dto/query-fields';

export interface PageQuery {
  limit: number;
  cursor: Cursor | null;
}

/** The page a validated query asks for. */
export function pageOf(query: { limit?: number; cursor?: string }): PageQuery {
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor ? decodeCursor(query.cursor, UUID_PATTERN) : null };
}
