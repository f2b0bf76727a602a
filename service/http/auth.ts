// Who is calling, and for which organization — decided on the server, never taken from the browser.
//
// 1. The app token (SDK.getAppToken(), HS256 signed with the extension's Marketplace secret) proves the
//    request comes from Vigil's extension for user `nameid`. Algorithm pinned, exp/nbf/issuer checked,
//    current and previous secret accepted (the secret changes when the extension's scopes change).
// 2. The app token does not name the organization: usecases/identify-caller.ts asks Azure DevOps, with
//    the page's access token, who the user is and which organization answered.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import jwt from 'jsonwebtoken';
import type { AppContext } from '../context';
import { AppError, forbidden, unauthorized } from '../errors';
import type { OrganizationRow } from '../store/schema';
import { identifyCaller, type Caller } from '../usecases/identify-caller';

export type { Caller };


declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

const ORG_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const CACHE_MS = 5 * 60_000;

export function verifyAppToken(token: string, secrets: string[], issuer: string): { userId: string } {
  let lastError: unknown;
  for (const secret of secrets) {
    try {
      const claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer, clockTolerance: 30 }) as jwt.JwtPayload;
      if (!claims.exp) throw unauthorized('The app token has no expiry');
      const userId = (claims.nameid ?? claims.sub) as string | undefined;
      if (!userId) throw unauthorized('The app token names no user (nameid)');
      return { userId };
    } catch (err) {
      if (err instanceof AppError) throw err;
      lastError = err;
      // A wrong signature may be the previous secret's: try the next one. Anything else is final.
      if (!(err instanceof jwt.JsonWebTokenError) || err.message !== 'invalid signature') break;
    }
  }
  if (lastError instanceof jwt.TokenExpiredError) throw unauthorized('The app token has expired; reload the page');
  if (lastError instanceof jwt.NotBeforeError) throw unauthorized('The app token is not valid yet');
  throw unauthorized(`The app token is invalid (${(lastError as Error)?.message ?? 'unknown'})`);
}

/** Cache of resolved callers, keyed by a hash of both tokens and the org hint. */
class CallerCache {
  private readonly entries = new Map<string, { caller: Caller; until: number }>();
  get(key: string): Caller | undefined {
    const e = this.entries.get(key);
    if (e && e.until > Date.now()) return e.caller;
    if (e) this.entries.delete(key);
    return undefined;
  }
  set(key: string, caller: Caller): void {
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { caller, until: Date.now() + CACHE_MS });
  }
  /** Forget every cached caller of one organization (after connect, so the org row is fresh). */
  forgetOrg(orgName: string): void {
    for (const [k, e] of this.entries) if (e.caller.orgName.toLowerCase() === orgName.toLowerCase()) this.entries.delete(k);
  }
}

export function authenticate(ctx: AppContext): RequestHandler & { cache: CallerCache } {
  const cache = new CallerCache();
  const handler = async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const auth = req.get('authorization') ?? '';
      const appToken = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
      if (!appToken) throw unauthorized('Missing app token: send Authorization: Bearer <SDK.getAppToken()>');
      const { userId } = verifyAppToken(appToken, ctx.config.appSecrets, ctx.config.appTokenIssuer);
      const accessToken = req.get('x-vigil-access-token');
      if (!accessToken) throw unauthorized('Missing Azure DevOps access token: send X-Vigil-Access-Token: <SDK.getAccessToken()>');
      const orgHint = req.get('x-vigil-org') ?? '';
      if (!ORG_NAME.test(orgHint)) throw new AppError(400, 'bad-request', 'Bad request', 'X-Vigil-Org must name the Azure DevOps organization');

      const key = createHash('sha256').update(`${appToken}\n${accessToken}\n${orgHint.toLowerCase()}`).digest('hex');
      req.caller = cache.get(key) ?? (await identifyCaller(ctx, { userId, accessToken, orgHint }));
      cache.set(key, req.caller);
      next();
    } catch (err) {
      next(err);
    }
  };
  return Object.assign(handler, { cache });
}

export function requireCaller(req: Request): Caller {
  if (!req.caller) throw unauthorized('Not authenticated');
  return req.caller;
}

export function requireOrg(req: Request): OrganizationRow {
  const org = requireCaller(req).org;
  if (!org) throw new AppError(404, 'not-connected', 'Organization not connected', 'This organization is not connected to Vigil yet; an organization administrator can connect it in Organization settings > Vigil');
  return org;
}

export function requireOrgAdmin(req: Request): Caller {
  const caller = requireCaller(req);
  if (!caller.isOrgAdmin) throw forbidden('This needs a Project Collection Administrator of the organization');
  return caller;
}
