// Who is calling, and for which organization: decided with Azure DevOps, never taken from the browser.
// The page sends its ADO access token; the organization's connectionData says whose it is and which
// organization answered (instanceId). The org hint only says where to ask: a lie there gets no answer.
import { COLLECTION_GENERIC_WRITE, COLLECTION_NAMESPACE_ID, COLLECTION_TOKEN } from '../ado/client';
import { AdoError } from '../ado/types';
import type { AppContext } from '../context';
import { AppError, forbidden, unauthorized } from '../errors';
import { findOrganizationByName } from '../store/organizations';
import type { OrganizationRow } from '../store/schema';

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

export interface CallerClaims {
  /** From the verified app token. */
  userId: string;
  accessToken: string;
  orgHint: string;
}

export async function identifyCaller(ctx: AppContext, claims: CallerClaims): Promise<Caller> {
  const { userId, accessToken, orgHint } = claims;
  const known = await findOrganizationByName(ctx.store.db, orgHint);
  const orgUrl = known?.url ?? `${ctx.config.adoBaseUrl}/${encodeURIComponent(orgHint)}`;
  const client = ctx.adoClient(orgUrl, { kind: 'bearer', token: accessToken });
  let cd;
  try {
    cd = await client.core.connectionData();
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
    isOrgAdmin = await client.security.hasPermission(COLLECTION_NAMESPACE_ID, COLLECTION_GENERIC_WRITE, COLLECTION_TOKEN);
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

const projectCache = new WeakMap<Caller, Promise<Set<string>>>();

/**
 * Ids of the projects the caller can see in Azure DevOps (asked with their own token, once per caller).
 * A failed answer is not "no projects": it is not kept, and the request fails as identifyCaller does
 * (401 for a token ADO no longer accepts, 502 when ADO could not answer).
 */
export function visibleProjectIds(ctx: AppContext, caller: Caller): Promise<Set<string>> {
  const cached = projectCache.get(caller);
  if (cached) return cached;
  const p = ctx
    .adoClient(caller.orgUrl, { kind: 'bearer', token: caller.accessToken })
    .core.listProjects()
    .then(
      (projects: { id: string }[]) => new Set(projects.map((x) => x.id)),
      (err: unknown) => {
        if (projectCache.get(caller) === p) projectCache.delete(caller);
        ctx.log.warn({ userId: caller.userId, org: caller.orgName, err: (err as Error).message }, 'could not list the projects a caller can see');
        if (err instanceof AdoError && (err.kind === 'auth' || err.kind === 'forbidden' || err.kind === 'not-found')) {
          throw unauthorized(`Azure DevOps organization '${caller.orgName}' did not accept the access token: ${err.message}`);
        }
        throw new AppError(502, 'ado-unavailable', 'Azure DevOps unavailable', `Could not ask Azure DevOps which projects you can see: ${(err as Error).message}`);
      },
    );
  projectCache.set(caller, p);
  return p;
}

/**
 * The one rights check of project data: an organization admin sees every project; others the ones
 * Azure DevOps shows them. Data without a project (organization-wide) is for admins only.
 */
export async function canSeeProject(ctx: AppContext, caller: Caller, projectId: string | null | undefined): Promise<boolean> {
  if (caller.isOrgAdmin) return true;
  return !!projectId && (await visibleProjectIds(ctx, caller)).has(projectId);
}
