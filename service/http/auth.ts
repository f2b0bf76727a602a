// Who is calling, and for which organization — decided on the server, never taken from the browser.
//
// 1. The app token (SDK.getAppToken(), HS256 signed with the extension's Marketplace secret) proves the
//    request comes from Vigil's extension for user `nameid`. Algorithm pinned, exp/nbf/issuer checked,
//    current and previous secret accepted (the secret changes when the extension's scopes change).
// 2. The app token does not name the organization. The page also sends its ADO access token; the service
//    asks that organization's connectionData who the token belongs to and which organization answered
//    (instanceId). The X-Vigil-Org header only says where to ask: a lie there gets no answer from ADO.
import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import jwt from 'jsonwebtoken';
import { COLLECTION_GENERIC_WRITE, COLLECTION_NAMESPACE_ID } from '../ado/client';
import { AdoError } from '../ado/types';
import type { JobContext } from '../jobs/context';
import type { OrganizationRow } from '../store/schema';
import { AppError, forbidden, unauthorized } from './problem';


export interface Caller {
  userId: string;
  displayName: string;
  orgName: string;
  orgUrl: string;
  instanceId: string;
  /** Present when the organization is connected to Vigil. */
  org?: OrganizationRow;
  isOrgAdmin: boolean;
  /** The user's ADO access token, to check project visibility on demand. Never stored or logged. */
  accessToken: string;
}

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

export function authenticate(ctx: JobContext): RequestHandler & { cache: CallerCache } {
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
      req.caller = cache.get(key) ?? (await resolveCaller(ctx, userId, accessToken, orgHint));
      cache.set(key, req.caller);
      next();
    } catch (err) {
      next(err);
    }
  };
  return Object.assign(handler, { cache });
}

async function resolveCaller(ctx: JobContext, userId: string, accessToken: string, orgHint: string): Promise<Caller> {
  const known = await ctx.store.db
    .selectFrom('organizations')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', orgHint.toLowerCase()))
    .executeTakeFirst();
  const orgUrl = known?.url ?? `${ctx.config.adoBaseUrl}/${encodeURIComponent(orgHint)}`;
  const client = ctx.adoClient(orgUrl, { kind: 'bearer', token: accessToken });
  let cd;
  try {
    cd = await client.connectionData();
  } catch (err) {
    if (err instanceof AdoError && (err.kind === 'auth' || err.kind === 'forbidden' || err.kind === 'not-found')) {
      throw unauthorized(`Azure DevOps organization '${orgHint}' did not accept the access token: ${err.message}`);
    }
    throw new AppError(502, 'ado-unavailable', 'Azure DevOps unavailable', `Could not ask Azure DevOps who you are: ${(err as Error).message}`);
  }
  if (cd.authenticatedUser.id !== userId) {
    throw forbidden('The app token and the Azure DevOps access token belong to different users');
  }
  if (known && known.instance_id !== cd.instanceId) {
    throw forbidden(`The access token belongs to another organization than the one connected as '${known.name}'`);
  }
  let isOrgAdmin = false;
  try {
    isOrgAdmin = await client.hasPermission(COLLECTION_NAMESPACE_ID, COLLECTION_GENERIC_WRITE, 'NAMESPACE');
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message }, 'could not evaluate organization admin permission; treating the user as not an admin');
  }
  return {
    userId,
    displayName: cd.authenticatedUser.providerDisplayName ?? userId,
    orgName: known?.name ?? orgHint,
    orgUrl,
    instanceId: cd.instanceId,
    org: known,
    isOrgAdmin,
    accessToken,
  };
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
