// Connect (or reconnect) an organization: check the PAT against ADO, name every missing scope,
// store it encrypted, and queue the first discovery.
import type { AdoClient } from '../ado/client';
import { OrgUrlError, parseOrgUrl } from '../ado/org-url';
import { AdoError } from '../ado/types';
import type { AppContext } from '../context';
import type { ConnectRequest } from '../contract/api';
import { AppError, badRequest } from '../errors';
import { enqueueDiscover } from '../jobs/queue';
import { connectOrganization as storeConnection } from '../store/organizations';
import type { OrganizationRow } from '../store/schema';
import type { Caller } from './identify-caller';

export async function connectOrganization(ctx: AppContext, caller: Caller, request: ConnectRequest): Promise<OrganizationRow> {
  let url;
  try {
    url = parseOrgUrl(request.organizationUrl);
  } catch (err) {
    if (err instanceof OrgUrlError) throw badRequest(err.message);
    throw err;
  }
  if (url.name.toLowerCase() !== caller.orgName.toLowerCase()) {
    throw badRequest(`The URL names organization '${url.name}', but you are in '${caller.orgName}'`, 'org-mismatch');
  }
  const client = ctx.adoClient(url.url, { kind: 'pat', token: request.pat });
  const owner = await verifyPat(client, caller);
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
  await enqueueDiscover(ctx.boss, org.org_id, 'manual');
  ctx.log.info({ orgId: org.org_id, by: caller.userId }, 'organization connected');
  return org;
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
    throw patProblem(err, 'Azure DevOps rejected the PAT');
  }
  if (cd.instanceId !== caller.instanceId) throw badRequest('The PAT belongs to a different Azure DevOps organization', 'invalid-credential');
  const missing: string[] = [];
  const probes: [string, () => Promise<unknown>][] = [
    ['Project and Team (Read) — vso.project', () => client.core.listProjects()],
    ['Code (Read) — vso.code', () => client.git.listRepositories()],
  ];
  for (const [scope, probe] of probes) {
    try {
      await probe();
    } catch (err) {
      if (err instanceof AdoError && (err.kind === 'forbidden' || err.kind === 'auth')) missing.push(scope);
      else throw patProblem(err, 'Could not verify the PAT');
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
