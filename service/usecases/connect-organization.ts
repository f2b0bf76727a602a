// Connect (or reconnect) an organization: check the credential (a PAT, or an Entra ID service
// principal's token) against ADO, name every missing scope or permission, store it encrypted, and
// queue the first discovery. The URL an administrator types is where the
// service will send requests: only Azure DevOps hosts are reached (see allowedOrgUrl), each
// verification call with a short timeout and no retries, so a dead host cannot hold the request.
import { AdoClient } from '../ado/client';
import { EntraError, EntraTokens } from '../ado/entra';
import { OrgUrlError, parseOrgUrl, type OrgUrl } from '../ado/org-url';
import { scopeForPath } from '../ado/scopes';
import { AdoError, type AdoCredential } from '../ado/types';
import type { Config } from '../config';
import type { AppContext } from '../context';
import type { ConnectRequest, PostureScopeGap, ServicePrincipalRequest } from '../contract/api';
import { AppError, badRequest } from '../errors';
import { requestPostureAssessment } from '../jobs/assess-posture';
import { requestDiscoveryOf } from '../jobs/queue';
import { requestSubscriptionRepair } from '../jobs/event-workers';
import { requestComplianceCollection } from '../jobs/collect-compliance';
import { ensureComplianceSettings } from '../store/compliance';
import { recordAudit } from '../store/audit-log';
import { inTransaction } from '../store/db';
import { connectOrganization as storeConnection, type CredentialKind, type CredentialSecret, type StoredServicePrincipal } from '../store/organizations';
import type { OrganizationRow } from '../store/schema';
import type { AuditActor } from './audited';
import type { Caller } from './identify-caller';
import { postureScopeGaps } from './posture-scopes';

/**
 * The organization connected, how, and the PAT scopes a full posture assessment lacks (with the areas
 * each leaves not available; none for a service principal, which has permissions, not scopes).
 */
export type ConnectedOrganization = OrganizationRow & { credentialKind: CredentialKind; postureScopeGaps: PostureScopeGap[] };

export async function connectOrganization(ctx: AppContext, caller: Caller, request: ConnectRequest, actor?: AuditActor): Promise<ConnectedOrganization> {
  const checked = await checkCredentialRequest(ctx, caller, request);
  // The organization's row and its audit entry commit together (the entry needs the org id the row gets).
  const org = await inTransaction(ctx.store.db, async (trx) => {
    const row = await storeConnection(trx, ctx.config.encryptionKey, {
      name: caller.orgName,
      url: checked.url.url,
      instanceId: caller.instanceId,
      connectedBy: caller.userId,
      connectedByName: caller.displayName,
      ...checked.secret,
      patOwnerId: checked.owner.id,
      patOwnerName: checked.owner.name,
      scopeGaps: checked.secret.pat !== undefined ? checked.gaps : null,
    });
    await recordAudit(trx, row.org_id, {
      actor: actor ?? { id: caller.userId, name: caller.displayName },
      action: 'organization.connected',
      target: row.url,
      after: { credentialKind: checked.credential.kind, actsAs: checked.owner.name ?? checked.owner.id, postureScopeGaps: checked.gaps.map((g) => g.scope) },
    });
    return row;
  });
  await requestDiscoveryOf(ctx, org.org_id, 'manual');
  await requestPostureAssessment(ctx, org.org_id, 'connect');
  // Compliance evidence: the settings (start date 90 days back) now, the backfill once discovery has run.
  await ensureComplianceSettings(ctx.store.db, org.org_id);
  await requestComplianceCollection(ctx, org.org_id, 'connect');
  // Service hooks (or polling) are set up by a job: its trouble never fails the connect.
  await requestSubscriptionRepair(ctx, org.org_id).catch((err) => ctx.log.warn({ orgId: org.org_id, err: (err as Error).message }, 'could not queue the service hook set-up'));
  ctx.log.info({ orgId: org.org_id, by: caller.userId, credentialKind: checked.credential.kind, postureScopeGaps: checked.gaps.map((g) => g.scope) }, 'organization connected');
  return { ...org, credentialKind: checked.credential.kind, postureScopeGaps: checked.gaps };
}

/** A connect (or replace) request checked against Azure DevOps: where, what, who it acts as, and the PAT scopes posture lacks. */
export interface CheckedCredential {
  url: OrgUrl;
  credential: Extract<AdoCredential, { kind: 'pat' | 'service-principal' }>;
  secret: CredentialSecret;
  owner: { id: string; name?: string };
  gaps: PostureScopeGap[];
}

/**
 * Everything connect checks before it stores anything: the URL (allowed, this organization's), the
 * principal's token, the credential against connectionData and each area Vigil reads (missing scopes or
 * permissions named), and for a PAT the posture scopes it lacks. Throws an AppError naming what is wrong.
 */
export async function checkCredentialRequest(ctx: AppContext, caller: Caller, request: ConnectRequest): Promise<CheckedCredential> {
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
  const principal = request.servicePrincipal && principalOf(request.servicePrincipal);
  if (!principal && request.pat === undefined) throw badRequest('Give a personal access token or a service principal');
  const credential: CheckedCredential['credential'] = principal ? { kind: 'service-principal', principal } : { kind: 'pat', token: request.pat! };
  // A token cache of its own: the principal's secret is checked now, not answered from an earlier token.
  const entraTokens = new EntraTokens({ authority: ctx.config.entraAuthority, timeoutMs: ctx.config.adoConnectTimeoutMs });
  if (principal) await checkPrincipalToken(entraTokens, principal);
  // Not the shared client (ctx.adoClient): its requests wait up to 100 s and retry for seconds, which
  // an administrator's typo would hold the request for. This one gives up after adoConnectTimeoutMs.
  const client = new AdoClient({
    orgUrl: url.url,
    credential,
    entraTokens,
    logger: ctx.log,
    requestTimeoutMs: ctx.config.adoConnectTimeoutMs,
    maxRetries: 0,
  });
  const owner = await verifyCredential(client, caller, principal ? PRINCIPAL_WORDS : PAT_WORDS);
  let gaps: PostureScopeGap[] = [];
  if (!principal) {
    const firstProject = (await client.core.listProjects().catch(() => []))[0];
    gaps = await postureScopeGaps(client, firstProject?.id);
  }
  return { url, credential, secret: principal ? { servicePrincipal: principal } : { pat: request.pat! }, owner, gaps };
}

function principalOf(request: ServicePrincipalRequest): StoredServicePrincipal {
  return {
    tenantId: request.tenantId.toLowerCase(),
    clientId: request.clientId.toLowerCase(),
    ...(request.certificate !== undefined ? { certificatePem: request.certificate } : { clientSecret: request.clientSecret }),
  };
}

/** Entra ID must issue the principal a token for Azure DevOps; its refusal is said in Entra's terms. */
async function checkPrincipalToken(tokens: EntraTokens, principal: StoredServicePrincipal): Promise<void> {
  try {
    await tokens.accessToken(principal);
  } catch (err) {
    if (!(err instanceof EntraError)) throw err;
    if (err.kind === 'network') throw new AppError(502, 'entra-unreachable', 'Microsoft Entra ID unreachable', err.message);
    if (err.kind === 'bad-response') throw new AppError(502, 'entra-error', 'Microsoft Entra ID error', err.message);
    // No AADSTS code: Vigil could not even sign an assertion with what it was given.
    if (err.kind === 'invalid-certificate' && !err.aadCode) throw new AppError(400, 'invalid-credential', 'The certificate cannot be used', err.message);
    throw new AppError(400, 'invalid-credential', 'Microsoft Entra ID refused the service principal', err.message);
  }
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

/** How the checks below name the credential and what it lacks. */
interface CredentialWords {
  /** 'the PAT' */
  the: string;
  invalidTitle: string;
  /** What a 401 or sign-in page at connectionData means, when not the generic message. */
  rejected?: string;
  lacks(missing: { label: string; scope: string }[]): AppError;
}

const PAT_WORDS: CredentialWords = {
  the: 'the PAT',
  invalidTitle: 'Invalid PAT',
  lacks: (missing) =>
    new AppError(
      400,
      'insufficient-scope',
      'The PAT lacks scopes',
      `The PAT is missing these scopes: ${missing.map((m) => `${m.label} — ${m.scope}`).join('; ')}. Create an organization-scoped PAT with them.`,
    ),
};

/** A principal has no scopes: what ADO refuses it is a permission or its access level. */
const PRINCIPAL_WORDS: CredentialWords = {
  the: 'the service principal',
  invalidTitle: 'The service principal is not a user of this organization',
  rejected: 'The service principal got a token but is not a user of this organization: add it in Organization settings › Users',
  lacks: (missing) =>
    new AppError(
      400,
      'insufficient-permission',
      'The service principal lacks permissions',
      `The service principal may not read: ${missing.map((m) => m.label.replace(/ \(.*\)$/, '')).join('; ')}. ` +
        'Give it the Basic access level (Organization settings › Users) and add it to a group that can read every project and its code, e.g. each project’s Readers.',
    ),
};

/**
 * The credential must work, belong to this organization and be allowed the reads Vigil makes: for a
 * PAT its scopes, for a service principal its permissions. Everything missing is named in one message.
 */
async function verifyCredential(client: AdoClient, caller: Caller, words: CredentialWords): Promise<{ id: string; name?: string }> {
  let cd;
  try {
    cd = await client.core.connectionData();
  } catch (err) {
    // No organization (or collection) at this URL: the URL is wrong, not Azure DevOps.
    if (err instanceof AdoError && err.kind === 'not-found') {
      throw new AppError(400, 'org-not-found', 'No organization at this URL', `No Azure DevOps organization answers at this URL: ${err.message}`);
    }
    // An answer Vigil cannot read is not a rejected PAT: say what was wrong with it.
    if (err instanceof AdoError && err.kind === 'bad-response') throw credentialProblem(err, `Could not read who ${words.the} belongs to`, words);
    // A principal Entra gave a token to but ADO refuses (401, sign-in page): it was never added to the organization.
    if (err instanceof AdoError && err.kind === 'auth' && words.rejected) throw new AppError(400, 'invalid-credential', words.invalidTitle, words.rejected);
    throw credentialProblem(err, `Azure DevOps rejected ${words.the}`, words);
  }
  if (cd.instanceId !== caller.instanceId) throw badRequest(`${capitalized(words.the)} belongs to a different Azure DevOps organization`, 'invalid-credential');
  const missing: { label: string; scope: string }[] = [];
  const probes: (() => Promise<unknown>)[] = [() => client.core.listProjects(), () => client.git.listRepositories()];
  for (const probe of probes) {
    try {
      await probe();
    } catch (err) {
      if (!(err instanceof AdoError && (err.kind === 'forbidden' || err.kind === 'auth'))) throw credentialProblem(err, `Could not verify ${words.the}`, words);
      // The scope is the one the refused path needs (ado/scopes.ts); a path it does not map is a problem of its own.
      const scope = err.path ? scopeForPath(err.path) : null;
      if (!scope) throw credentialProblem(err, `Could not verify ${words.the}`, words);
      missing.push(scope);
    }
  }
  if (missing.length) throw words.lacks(missing);
  return { id: cd.authenticatedUser.id, name: cd.authenticatedUser.providerDisplayName };
}

const capitalized = (s: string) => s[0].toUpperCase() + s.slice(1);

function credentialProblem(err: unknown, prefix: string, words: CredentialWords): AppError {
  if (err instanceof AdoError) {
    if (err.kind === 'auth') return new AppError(400, 'invalid-credential', words.invalidTitle, `${prefix}: ${err.message}`);
    if (err.kind === 'network') return new AppError(502, 'ado-unreachable', 'Azure DevOps unreachable', `${prefix}: ${err.message}`);
    return new AppError(502, 'ado-error', 'Azure DevOps error', `${prefix}: ${err.message}`);
  }
  return new AppError(502, 'ado-error', 'Azure DevOps error', `${prefix}: ${(err as Error).message}`);
}
