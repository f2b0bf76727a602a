// Replace the credential of a connected organization (PUT /api/v1/organization/credential): checked
// against Azure DevOps exactly as connect checks one (connect-organization.ts checkCredentialRequest),
// for the same organization URL only. Nothing is stored until the check passes, so a failed attempt
// leaves the old credential in place. The change is audited: kind and who it acts as, never the secret.
import type { AppContext } from '../context';
import type { ConnectRequest } from '../contract/api';
import { parseOrgUrl } from '../ado/org-url';
import { badRequest, notFound } from '../errors';
import { requestSubscriptionRepair } from '../jobs/event-workers';
import { getCredentialInfo, replaceCredential as storeCredential } from '../store/organizations';
import { audited, type AuditActor } from './audited';
import { checkCredentialRequest } from './connect-organization';
import type { Caller } from './identify-caller';

/** The same organization whatever the spelling (case, trailing slash, visualstudio.com or dev.azure.com form). */
function sameOrganization(a: string, b: string): boolean {
  try {
    const x = parseOrgUrl(a);
    const y = parseOrgUrl(b);
    return x.url.toLowerCase() === y.url.toLowerCase() || (x.kind !== 'server' && y.kind !== 'server' && x.name.toLowerCase() === y.name.toLowerCase());
  } catch {
    return false;
  }
}

export async function replaceCredential(ctx: AppContext, caller: Caller, orgId: string, orgUrl: string, request: ConnectRequest, actor: AuditActor): Promise<void> {
  if (!sameOrganization(request.organizationUrl, orgUrl)) {
    throw badRequest(`Give a credential for ${orgUrl}, the organization Vigil is connected to; to watch another one, connect from that organization`, 'org-mismatch');
  }
  const checked = await checkCredentialRequest(ctx, caller, request);
  const stored = await audited(ctx.store.db, orgId, { actor, action: 'credential.replaced', target: 'credential' }, async (trx) => {
    const before = await getCredentialInfo(trx, orgId);
    if (!before) return { result: false, changed: false };
    await storeCredential(trx, ctx.config.encryptionKey, orgId, {
      ...checked.secret,
      ownerId: checked.owner.id,
      ownerName: checked.owner.name,
      scopeGaps: checked.secret.pat !== undefined ? checked.gaps : null,
      replacedByName: caller.displayName,
    });
    return {
      result: true,
      changed: true,
      before: { kind: before.kind, actsAs: before.owner_name ?? before.owner_id },
      after: { kind: checked.credential.kind, actsAs: checked.owner.name ?? checked.owner.id, postureScopeGaps: checked.gaps.map((g) => g.scope) },
    };
  });
  if (!stored) throw notFound('The organization is no longer connected');
  // A new credential may be allowed what the old one was not (service hooks): set them up again.
  await requestSubscriptionRepair(ctx, orgId).catch((err) => ctx.log.warn({ orgId, err: (err as Error).message }, 'could not queue the service hook set-up'));
  ctx.log.info({ orgId, by: caller.userId, credentialKind: checked.credential.kind }, 'credential replaced');
}
