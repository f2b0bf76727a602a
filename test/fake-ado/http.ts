// Request and answer helpers shared by the fake's routes: ADO's case-insensitive query, its
// collections, its continuation tokens and $top/$skip paging.
import type { Request, Response } from 'express';
import { sendAdoError } from './responses';

/** Query parameters are case-insensitive in ADO; the first value wins. */
export function q(req: Request, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(req.query)) {
    if (key.toLowerCase() !== lower) continue;
    const v = Array.isArray(value) ? value[0] : value;
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

export const eqi = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function sendJson(res: Response, body: unknown, status = 200): void {
  res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** {count, value}, or the bare array when Accept carries noArrayWrap=true. */
export function sendCollection(req: Request, res: Response, items: unknown[], continuationToken?: string): void {
  if (continuationToken) res.setHeader('x-ms-continuationtoken', continuationToken);
  const bare = /noArrayWrap=true/i.test(req.get('accept') ?? '');
  sendJson(res, bare ? items : { count: items.length, value: items });
}

export function encodeToken(kind: string, offset: number): string {
  return Buffer.from(`${kind}:${offset}`).toString('base64url');
}

export function decodeToken(kind: string, token: string): number | null {
  const [k, n] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  const offset = Number(n);
  return k === kind && Number.isInteger(offset) && offset >= 0 ? offset : null;
}

export const badArgument = (res: Response, message: string) => sendAdoError(res, 400, { message, typeKey: 'InvalidArgumentValueException' });

export interface PageOptions {
  /**
   * The kind of continuation token the route sends in x-ms-continuationtoken and accepts back
   * ('projects', 'refs'...). Without one, $top/$skip only: no token is read or sent, and the caller
   * stops at a short page (pull requests, policy evaluations).
   */
  token?: string;
  /** The largest page served, whatever $top asks. Default: no cap. */
  maxPage?: number;
  /** $top when the request has none. Default 100. */
  defaultTop?: number;
  /** false: every item at once, after checking the input (ADO returns every ref without $top or a token). Default true. */
  paged?: boolean;
}

/** $top / $skip / continuationToken paging; sends the 400 itself when the input is bad. */
export function pageOf<T>(req: Request, res: Response, items: T[], opts: PageOptions): { items: T[]; next?: string } | null {
  const tokenText = opts.token === undefined ? undefined : q(req, 'continuationToken');
  let offset = Number(q(req, '$skip') ?? 0);
  if (opts.token !== undefined && tokenText !== undefined) {
    const decoded = decodeToken(opts.token, tokenText);
    if (decoded === null) {
      badArgument(res, `The continuation token is not valid: ${tokenText}`);
      return null;
    }
    offset = decoded;
  }
  const topText = q(req, '$top');
  const top = topText === undefined ? (opts.defaultTop ?? 100) : Number(topText);
  if (!Number.isInteger(top) || top <= 0 || !Number.isInteger(offset) || offset < 0) {
    badArgument(res, 'Invalid $top or $skip value.');
    return null;
  }
  if (opts.paged === false) return { items };
  const size = Math.min(top, opts.maxPage ?? Infinity);
  const slice = items.slice(offset, offset + size);
  const next = opts.token !== undefined && offset + size < items.length ? encodeToken(opts.token, offset + size) : undefined;
  return { items: slice, next };
}
