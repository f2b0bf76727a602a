// Paging of /api/v1 lists (the query schema is the contract's pageQuerySchema).
import type { Paged } from '../contract/api';
import { badRequest } from '../errors';

/**
 * The largest offset a cursor may carry: far beyond any list (a page past the end is empty), far below
 * PostgreSQL's bigint (an offset of 1e20 is a database error, not an empty page).
 */
export const MAX_OFFSET = 2 ** 31 - 1;

/** Cursors are opaque to clients; today they carry an offset. */
export function decodeCursor(cursor?: string): number {
  if (!cursor) return 0;
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Number.isSafeInteger(o) && o >= 0 && o <= MAX_OFFSET) return o;
  } catch {
    /* fall through */
  }
  throw badRequest('The cursor is not valid; start again without it', 'bad-cursor');
}

export const encodeCursor = (offset: number): string => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

export function paged<T>(items: T[], total: number, offset: number, limit: number): Paged<T> {
  const next = offset + items.length;
  return { items, total, ...(items.length === limit && next < total ? { nextCursor: encodeCursor(next) } : {}) };
}
