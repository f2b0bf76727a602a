// Who is calling, and for which organization — decided on the server, never taken from the browser.
//
// 1. The app token (SDK.getAppToken(), HS256 signed with the extension's Marketplace secret) proves the
//    request comes from Vigil's extension for user `nameid`. Algorithm pinned, exp/nbf/issuer checked,
//    audience (`aud`) one of config.appTokenAudiences, lifetime capped (ADO issues ~70 minutes), current
//    and previous secret accepted (the secret changes when the extension's scopes change).
// 2. The app token does not name the organization: usecases/identify-caller.ts asks Azure DevOps, with
//    the page's access token, who the user is and which organization answered.
// 3. The answer (user, organization, admin right) is cached for config.callerCacheSeconds (60 s by
//    default), never beyond the app token's expiry: a right revoked in ADO is gone within that time.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import jwt from 'jsonwebtoken';
import type { AppContext } from '../context';
import { AppError, forbidden, unauthorized } from '../errors';
import type { OrganizationRow } from '../store/schema';
import { identifyCaller, type Caller } from '../usecases/identify-caller';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

const ORG_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** An ADO access token goes back to ADO in a header: printable ASCII, no spaces, within a header's size. */
const ACCESS_TOKEN = /^[\x21-\x7e]{1,8192}$/;
const CLOCK_TOLERANCE_S = 30;
/**
 * Azure DevOps issues app tokens valid for about 70 minutes (nbf to exp). A token that lives longer, or
 * expires later than this from now, was not issued by it (or leaked with a forged lifetime): refused.
 */
export const MAX_APP_TOKEN_LIFETIME_S = 90 * 60;

export interface AppTokenCheck {
  secrets: string[];
  issuer: string;
  /** Accepted `aud` values; the token's aud (a string or a list) must hold one. */
  audiences: string[];
  /** Epoch seconds (tests). */
  now?: number;
}

export interface AppTokenClaims {
  userId: string;
  /** Epoch ms of the token's expiry. */
  expiresAt: number;
}

/**
 * A well-signed token for another audience. It names the audience (an aud is no secret), so that on a
 * first deployment the hub itself shows the administrator the value to configure.
 */
export class AudienceError extends AppError {
  constructor(readonly tokenAudience: string) {
    super(
      401,
      'unauthorized',
      'Not authenticated',
      `The app token is for audience '${tokenAudience}', which this Vigil service does not accept. If this is your extension, its administrator adds it to VIGIL_APP_TOKEN_AUDIENCE.`,
    );
  }
}

/** Every check of an app token; throws a 401 AppError naming what is wrong. */
export function checkAppToken(token: string, check: AppTokenCheck): AppTokenClaims {
  const now = check.now ?? Math.floor(Date.now() / 1000);
  let lastError: unknown;
  for (const secret of check.secrets) {
    try {
      const claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: check.issuer, clockTolerance: CLOCK_TOLERANCE_S, clockTimestamp: now }) as jwt.JwtPayload;
      if (typeof claims.exp !== 'number') throw unauthorized('The app token has no expiry');
      const issuedAt = typeof claims.nbf === 'number' ? claims.nbf : typeof claims.iat === 'number' ? claims.iat : now;
      if (claims.exp - issuedAt > MAX_APP_TOKEN_LIFETIME_S || claims.exp - now > MAX_APP_TOKEN_LIFETIME_S + CLOCK_TOLERANCE_S) {
        throw unauthorized(`The app token's lifetime is longer than Azure DevOps issues (at most ${MAX_APP_TOKEN_LIFETIME_S / 60} minutes to its expiry)`);
      }
      const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((a): a is string => typeof a === 'string');
      if (!audiences.some((a) => check.audiences.includes(a))) throw new AudienceError(audiences.join(',') || '(none)');
      const userId = (claims.nameid ?? claims.sub) as string | undefined;
      if (!userId || typeof userId !== 'string') throw unauthorized('The app token names no user (nameid)');
      return { userId, expiresAt: claims.exp * 1000 };
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

/**
 * Cache of resolved callers, keyed by a hash of both tokens and the org hint. An entry lives `ttlMs`
 * (config.callerCacheSeconds) and never beyond the app token's expiry, so a right revoked in Azure
 * DevOps (admin, project membership) stops counting within that time.
 */
export class CallerCache {
  private readonly entries = new Map<string, { caller: Caller; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}
  get(key: string): Caller | undefined {
    const e = this.entries.get(key);
    if (e && e.until > this.now()) return e.caller;
    if (e) this.entries.delete(key);
    return undefined;
  }
  /** `notAfter`: epoch ms after which the entry must not be used (the app token's expiry). */
  set(key: string, caller: Caller, notAfter: number): void {
    const until = Math.min(this.now() + this.ttlMs, notAfter);
    if (until <= this.now()) return;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { caller, until });
  }
  /** Forget every cached caller of one organization (after connect, so the org row is fresh). */
  forgetOrg(orgName: string): void {
    for (const [k, e] of this.entries) if (e.caller.orgName.toLowerCase() === orgName.toLowerCase()) this.entries.delete(k);
  }
}

export function authenticate(ctx: AppContext): RequestHandler & { cache: CallerCache } {
  const cache = new CallerCache(ctx.config.callerCacheSeconds * 1000);
  const check: AppTokenCheck = { secrets: ctx.config.appSecrets, issuer: ctx.config.appTokenIssuer, audiences: ctx.config.appTokenAudiences };
  const handler = async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const auth = req.get('authorization') ?? '';
      const appToken = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
      if (!appToken) throw unauthorized('Missing app token: send Authorization: Bearer <SDK.getAppToken()>');
      let claims: AppTokenClaims;
      try {
        claims = checkAppToken(appToken, check);
      } catch (err) {
        // What an operator needs to set VIGIL_APP_TOKEN_AUDIENCE.
        if (err instanceof AudienceError) ctx.log.warn({ tokenAudience: err.tokenAudience, accepted: check.audiences }, 'app token refused: audience not accepted');
        throw err;
      }
      const accessToken = req.get('x-vigil-access-token');
      if (!accessToken) throw unauthorized('Missing Azure DevOps access token: send X-Vigil-Access-Token: <SDK.getAccessToken()>');
      if (!ACCESS_TOKEN.test(accessToken)) throw unauthorized('The Azure DevOps access token is malformed: send SDK.getAccessToken() as it is');
      const orgHint = req.get('x-vigil-org') ?? '';
      if (!ORG_NAME.test(orgHint)) throw new AppError(400, 'bad-request', 'Bad request', 'X-Vigil-Org must name the Azure DevOps organization');

      const key = createHash('sha256').update(`${appToken}\n${accessToken}\n${orgHint.toLowerCase()}`).digest('hex');
      const cached = cache.get(key);
      if (cached) {
        req.caller = cached;
      } else {
        // Cached from now on, for at most the cache's time: a hit does not extend it.
        req.caller = await identifyCaller(ctx, { userId: claims.userId, accessToken, orgHint });
        cache.set(key, req.caller, claims.expiresAt);
      }
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
