// Connect (or reconnect) an organization: check the PAT against ADO, name every missing scope,
// store it encrypted, and queue the first discovery. The URL an administrator types is where the
// service will send requests: only Azure DevOps hosts are reached (see allowedOrgUrl), each
// verification call with a short timeout and no retries, so a dead host cannot hold the request.
import { AdoClient } from '../ado/client';
import { OrgUrlError, parseOrgUrl, type OrgUrl } from '../ado/org-url';
import { scopeForPath } from '../ado/scopes';
import { AdoError } from '../ado/types';
import type { Config } from '../config';
import type { AppContext } from '../context';
import type { ConnectRequest, PostureScopeGap } from '../contract/api';
import { AppError, badRequest } from '../errors';
import { requestPostureAssessment } from '../jobs/assess-posture';
import { requestDiscoveryOf } from '../jobs/queue';
import { connectOrganization as storeConnection } from '../store/organizations';
import type { OrganizationRow } from '../store/schema';
import type { Caller } from './identify-caller';
import { postureScopeGaps } from './posture-scopes';

/** The organization connected, and the PAT scopes a full posture assessment lacks (with the areas each leaves not available). */
export type ConnectedOrganization = OrganizationRow & { postureScopeGaps: PostureScopeGap[] };

export async function connectOrganization(ctx: AppContext, caller: Caller, request: ConnectRequest): Promise<ConnectedOrganization> {
  let url: OrgUrl;
  try {
    url = parseOrgUrl(request.organizationUrl);
  } catch (err) {
    if (err instanceof OrgUrlError) throw badRequest(err.message);
    throw err;
  }
  const refusal = allowedOrgUrl(url, ctx.config);
  if (refusal) throw badRequest(refusal, 'url-not-allowed');
  if (url.name.toLowerCase() !== caller.orgName.toLowerCase()) {
    throw badRequest(`The URL names organization '${url.name}', but you are in '${caller.orgName}'`, 'org-mismatch');
  }
  // Not the shared client (ctx.adoClient): its requests wait up to 100 s and retry for seconds, which
  // an administrator's typo would hold the request for. This one gives up after adoConnectTimeoutMs.
  const client = new AdoClient({
    orgUrl: url.url,
    credential: { kind: 'pat', token: request.pat },
    logger: ctx.log,
    requestTimeoutMs: ctx.config.adoConnectTimeoutMs,
    maxRetries: 0,
  });
  const owner = await verifyPat(client, caller);
  const firstProject = (await client.core.listProjects().catch(() => []))[0];
  const gaps = await postureScopeGaps(client, firstProject?.id);
  const org = await storeConnection(ctx.store.db, ctx.config.encryptionKey, {
    name: caller.orgName,
    url: url.url,
    instanceId: caller.instanceId,
    connectedBy: caller.userId,
    connectedByName: caller.displayName,
    pat: request.pat,
    patOwnerId: owner.id,
    patOwnerName: owner.name,
  });
  await requestDiscoveryOf(ctx, org.org_id, 'manual');
  await requestPostureAssessment(ctx, org.org_id, 'connect');
  ctx.log.info({ orgId: org.org_id, by: caller.userId, postureScopeGaps: gaps.map((g) => g.scope) }, 'organization connected');
  return { ...org, postureScopeGaps: gaps };
}

const ADO_SERVICES_HOST = /^(dev\.azure\.com|[a-z0-9][a-z0-9-]*\.visualstudio\.com)$/i;

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Why the service may not send requests to `url`, or undefined when it may. Allowed:
 * - Azure DevOps Services over https on the default port (dev.azure.com, {org}.visualstudio.com);
 * - the origin of VIGIL_ADO_BASE_URL, where the service already asks who its users are;
 * - hosts in VIGIL_ADO_ALLOWED_HOSTS (`host` on the scheme's default port, or `host:port`), http or https;
 * - http or https to a loopback address when not in production (a local Azure DevOps Server, the tests).
 */
export function allowedOrgUrl(url: OrgUrl, config: Pick<Config, 'adoBaseUrl' | 'adoAllowedHosts' | 'production'>): string | undefined {
  const u = new URL(url.url);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `The organization URL must use https, not ${u.protocol}`;
  const host = u.hostname.toLowerCase();
  if (u.protocol === 'https:' && !u.port && ADO_SERVICES_HOST.test(host)) return undefined;
  if (u.origin === new URL(config.adoBaseUrl).origin) return undefined;
  if (config.adoAllowedHosts.includes(u.host.toLowerCase()) || (!u.port && config.adoAllowedHosts.includes(host))) return undefined;
  if (!config.production && isLoopback(host)) return undefined;
  return (
    `Vigil does not send requests to ${u.protocol}//${u.host}: it reaches Azure DevOps Services over https ` +
    `(https://dev.azure.com/{organization}), the server of VIGIL_ADO_BASE_URL and the hosts an operator lists in VIGIL_ADO_ALLOWED_HOSTS` +
    (config.production ? '' : ', and loopback addresses in development')
  );
}

/**
 * The PAT must work, belong to this organization and carry the scopes Vigil reads with. Every missing
 * scope is named in one message.
 */
async function verifyPat(client: AdoClient, caller: Caller): Promise<{ id: string; name?: string }> {
  let cd;
  try {
    cd = await client.core.connectionData();
  } catch (err) {
    // No organization (or collection) at this URL: the URL is wrong, not Azure DevOps.
    if (err instanceof AdoError && err.kind === 'not-found') {
      throw new AppError(400, 'org-not-found', 'No organization at this URL', `No Azure DevOps organization answers at this URL: ${err.message}`);
    }
    // An answer Vigil cannot read is not a rejected PAT: say what was wrong with it.
    if (err instanceof AdoError && err.kind === 'bad-response') throw patProblem(err, 'Could not read who the PAT belongs to');
    throw patProblem(err, 'Azure DevOps rejected the PAT');
  }
  if (cd.instanceId !== caller.instanceId) throw badRequest('The PAT belongs to a different Azure DevOps organization', 'invalid-credential');
  const missing: string[] = [];
  const probes: (() => Promise<unknown>)[] = [() => client.core.listProjects(), () => client.git.listRepositories()];
  for (const probe of probes) {
    try {
      await probe();
    } catch (err) {
      if (!(err instanceof AdoError && (err.kind === 'forbidden' || err.kind === 'auth'))) throw patProblem(err, 'Could not verify the PAT');
      // The scope is the one the refused path needs (ado/scopes.ts); a path it does not map is a problem of its own.
      const scope = err.path ? scopeForPath(err.path) : null;
      if (!scope) throw patProblem(err, 'Could not verify the PAT');
      missing.push(`${scope.label} — ${scope.scope}`);
    }
  }
  if (missing.length) {
    throw new AppError(400, 'insufficient-scope', 'The PAT lacks scopes', `The PAT is missing these scopes: ${missing.join('; ')}. Create an organization-scoped PAT with them.`);
  }
  return { id: cd.authenticatedUser.id, name: cd.authenticatedUser.providerDisplayName };
}

function patProblem(err: unknown, prefix: string): AppError {
  if (err instanceof AdoError) {
    if (err.kind === 'auth') return new AppError(400, 'invalid-credential', 'Invalid PAT', `${prefix}: ${err.message}`);
    if (err.kind === 'network') return new AppError(502, 'ado-unreachable', 'Azure DevOps unreachable', `${prefix}: ${err.message}`);
    return new AppError(502, 'ado-error', 'Azure DevOps error', `${prefix}: ${err.message}`);
  }
  return new AppError(502, 'ado-error', 'Azure DevOps error', `${prefix}: ${(err as Error).message}`);
}
