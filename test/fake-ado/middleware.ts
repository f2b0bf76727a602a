// The fake's front door, in ADO's order: record the request, inject failures and throttling, find the
// organization, authenticate; then per route, the PAT scope and the api-version checks.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FakeContext } from './context';
import { locals } from './context';
import { eqi, q } from './http';
import { principalCredential } from './routes/entra-token';
import {
  sendAdoError,
  sendMissingScope,
  sendSignInPage,
  sendThrottled,
  sendUnauthorized,
  setCommonHeaders,
  setRateLimitHeaders,
} from './responses';

/** After `after` requests one 429, then service resumes; or ADO's TSTU budget (TstuLimit). */
export type RateLimit = { after: number; retryAfterSeconds: number } | TstuLimit;

/**
 * ADO's model (ado-rest.md §14): a budget of TSTUs per identity over a sliding window (200 per 5
 * minutes). A request over budget is blocked with 429 and a Retry-After until enough usage leaves the
 * window; below half the budget left, answers carry X-RateLimit-Limit/Remaining/Reset so a client
 * can slow down. ADO publishes no per-request cost: `cost` is the caller's model. Usage is counted per
 * fake, not per identity (one identity per benchmark).
 */
export interface TstuLimit {
  tstu: number;
  windowSeconds: number;
  cost(req: { method: string; path: string; query: string }): number;
}

export interface RecordedRequest {
  /** Arrival time, epoch ms. */
  at: number;
  method: string;
  /** Path without query, as sent. */
  path: string;
  query: string;
  /** 'pat:full', 'bearer:admin', 'pat:unknown', 'none'... never the secret itself. */
  auth: string;
  suppressRedirect: boolean;
  /** Set once the answer is sent. */
  status?: number;
}

/** The test controls: what the next requests get before any route sees them. */
export interface FaultControls {
  rateLimit: RateLimit | null;
  /** TSTU usage in the window, oldest first (TstuLimit only). */
  usage?: { at: number; cost: number }[];
  counted: number;
  throttled: boolean;
  retryAfterOn200: number | null;
  failure: { status: number; remaining: number; retryAfterSeconds?: number } | null;
}

const recordOf = (res: Response): RecordedRequest => (res.locals as { record: RecordedRequest }).record;

/** Records every request, before anything can answer it. */
export function recordRequests(requests: RecordedRequest[]): RequestHandler {
  return (req, res, next) => {
    const record: RecordedRequest = {
      at: Date.now(),
      method: req.method,
      path: req.originalUrl.split('?')[0],
      query: req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '',
      auth: req.get('authorization') ? 'unknown' : 'none',
      suppressRedirect: eqi(req.get('x-tfs-fedauthredirect') ?? '', 'Suppress'),
    };
    requests.push(record);
    (res.locals as { record: RecordedRequest }).record = record;
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    setCommonHeaders(res);
    next();
  };
}

/** ADO's "delayed" state: a 200 that carries Retry-After. Error answers keep their own headers. */
function addRateLimitHeadersOn200(res: Response, seconds: number): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    const status = typeof args[0] === 'number' ? args[0] : res.statusCode;
    if (status === 200) setRateLimitHeaders(res, seconds, '1.842');
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as typeof res.writeHead;
}

/** Injected failures and throttling come first, as ADO's front door does. */
export function injectFaults(c: FaultControls): RequestHandler {
  return (_req, res, next) => {
    c.counted += 1;
    if (c.failure && c.failure.remaining > 0) {
      c.failure.remaining -= 1;
      const { status, retryAfterSeconds } = c.failure;
      if (c.failure.remaining === 0) c.failure = null;
      if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
      sendAdoError(res, status, {
        message: `TF246017: Azure DevOps Services is unavailable right now (injected HTTP ${status}).`,
        typeKey: 'ServiceUnavailableException',
      });
      return;
    }
    if (c.rateLimit && 'tstu' in c.rateLimit) {
      if (!spendTstu(c, c.rateLimit, recordOf(res), res)) return;
    } else if (c.rateLimit && !c.throttled && c.counted > c.rateLimit.after) {
      c.throttled = true;
      sendThrottled(res, c.rateLimit.retryAfterSeconds);
      return;
    }
    if (c.retryAfterOn200 !== null) addRateLimitHeadersOn200(res, c.retryAfterOn200);
    next();
  };
}

/** Charges the request to the window; false (429 sent) when over budget. */
function spendTstu(c: FaultControls, limit: TstuLimit, record: RecordedRequest, res: Response): boolean {
  const now = Date.now();
  const windowMs = limit.windowSeconds * 1000;
  const usage = (c.usage ??= []);
  let drop = 0;
  while (drop < usage.length && usage[drop].at <= now - windowMs) drop++;
  if (drop) usage.splice(0, drop);
  const used = usage.reduce((sum, u) => sum + u.cost, 0);
  const cost = limit.cost({ method: record.method, path: record.path, query: record.query });
  if (used + cost > limit.tstu) {
    // Blocked until enough of the oldest usage leaves the window.
    let freed = 0;
    let until = now + windowMs;
    for (const u of usage) {
      freed += u.cost;
      if (used - freed + cost <= limit.tstu) {
        until = u.at + windowMs;
        break;
      }
    }
    sendThrottled(res, Math.max(1, Math.ceil((until - now) / 1000)));
    return false;
  }
  usage.push({ at: now, cost });
  const remaining = limit.tstu - used - cost;
  if (remaining < limit.tstu / 2) {
    res.setHeader('X-RateLimit-Resource', 'ATCPU');
    res.setHeader('X-RateLimit-Limit', String(limit.tstu));
    res.setHeader('X-RateLimit-Remaining', remaining.toFixed(2));
    res.setHeader('X-RateLimit-Reset', String(Math.ceil((now + windowMs) / 1000)));
  }
  return true;
}

export function findOrganization(ctx: FakeContext): RequestHandler {
  return (req, res, next) => {
    const org = ctx.findOrg(String(req.params.org));
    // UNVERIFIED: the exact answer of dev.azure.com for an organization that does not exist.
    if (!org) return sendAdoError(res, 404, { message: `The organization '${req.params.org}' could not be found.`, typeKey: 'HostNotFoundException' });
    locals(res).org = org;
    next();
  };
}

/** PAT (Basic, empty user) or bearer; a bad one gets the 203 sign-in page unless Suppress was sent. */
export function authenticate(ctx: FakeContext): RequestHandler {
  return (req, res, next) => {
    const { org } = locals(res);
    const record = recordOf(res);
    const header = req.get('authorization') ?? '';
    let token: string | null = null;
    let kind: 'pat' | 'bearer' | null = null;
    const basic = /^Basic\s+(.+)$/i.exec(header);
    const bearer = /^Bearer\s+(.+)$/i.exec(header);
    if (basic) {
      const decoded = Buffer.from(basic[1].trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) {
        token = decoded.slice(colon + 1);
        kind = 'pat';
      }
    } else if (bearer) {
      token = bearer[1].trim();
      kind = 'bearer';
    }
    const credential =
      org.credentials.find((c) => c.token === token && c.kind === kind) ?? (kind === 'bearer' && token ? principalCredential(ctx, org, token) : undefined);
    if (credential) record.auth = `${credential.kind}:${credential.handle}`;
    else if (kind) record.auth = `${kind}:unknown`;
    if (!credential || credential.revoked) {
      if (record.suppressRedirect) return sendUnauthorized(res, ctx.orgUrlOf(org));
      return sendSignInPage(res);
    }
    const identity = org.identities.find((i) => i.key === credential.identity);
    if (!identity) throw new Error(`fixture: credential ${credential.handle} names unknown identity ${credential.identity}`);
    locals(res).credential = credential;
    locals(res).identity = identity;
    next();
  };
}

/** A broader scope of the same family grants the narrower one: vso.code_write grants vso.code, vso.variablegroups_manage grants vso.variablegroups_read. */
function grants(held: string, needed: string): boolean {
  if (held === needed) return true;
  const base = needed.replace(/_read$/, '');
  return ['_write', '_manage', '_full'].some((suffix) => held === `${base}${suffix}`);
}

/** Bearer tokens act with the user's full rights; a PAT needs the scope of the area it calls. */
export const requireScope = (scope: string) => (_req: Request, res: Response, next: NextFunction) => {
  const { credential } = locals(res);
  if (credential.kind === 'pat' && credential.scopes !== 'all' && !(credential.scopes ?? []).some((held) => grants(held, scope))) {
    return sendMissingScope(res);
  }
  next();
};

/** Preview resources refuse an api-version without -preview, as ADO does. */
export const requirePreview = (req: Request, res: Response, next: NextFunction) => {
  const version = q(req, 'api-version');
  if (version && !/-preview/i.test(version)) {
    // UNVERIFIED wording; the -preview requirement itself is how ADO treats preview resources.
    return sendAdoError(res, 400, {
      message: `VS800075: The requested version "${version}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${version}-preview"`,
      typeKey: 'VssInvalidPreviewVersionException',
    });
  }
  next();
};

/** Writes must send a JSON object body. */
export const requireJsonBody = (req: Request, res: Response, next: NextFunction) => {
  if (!req.is('application/json') || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
    // UNVERIFIED wording of ADO's answer to a missing or non-JSON body.
    return sendAdoError(res, 400, { message: 'Value cannot be null. Parameter name: body', typeKey: 'ArgumentNullException' });
  }
  next();
};
