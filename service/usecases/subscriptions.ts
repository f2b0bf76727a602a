// Service hook subscriptions (issue 14 §1): per project Vigil scans, one webHooks subscription per event
// type of HOOK_EVENT_TYPES, delivering to `${publicUrl}/hooks/ado/${orgId}` with the organization's
// secret as the basic-auth password: ADO masks that input in every answer, while httpHeaders come back
// as they were sent to anyone who may view the project's subscriptions (so the X-Vigil-Hook-Secret
// header, which the receiver also accepts, is for subscriptions an administrator makes by hand). `ensureSubscriptions` is
// idempotent: it lists ADO's subscriptions, keeps Vigil's (matched by url, event type and project),
// creates the missing, re-enables those ADO put on probation or disabled after failed deliveries, deletes
// duplicates and those of projects no longer scanned, and records what it found. Without a public URL, or
// with a PAT that may not manage service hooks, the organization is polled instead (jobs/poll-events.ts).
import type { AdoClient } from '../ado/client';
import { webhookSubscription, type HookSubscription, type NewHookSubscription } from '../ado/areas/hooks';
import { AdoError } from '../ado/types';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { HOOK_EVENT_TYPES } from '../contract/events-api';
import { ensureHookSecret, getHookSecret, listSubscriptions, replaceSubscriptions, setEventMode, watchedProjects, type SubscriptionRecord } from '../store/hooks';
import { getCredential, getOrganization } from '../store/organizations';
import type { OrganizationRow } from '../store/schema';

/** The basic-auth user name ADO sends; the password is the organization's secret. */
export const HOOK_USERNAME = 'vigil';
/** The custom header the receiver also accepts the secret in (the webHooks consumer's other way to authenticate). */
export const HOOK_SECRET_HEADER = 'X-Vigil-Hook-Secret';
/** ADO's statuses of a subscription it stopped (or slowed) after failed deliveries: Vigil re-enables them. */
const REENABLE = new Set(['onProbation', 'disabledBySystem']);

export const NO_PUBLIC_URL_REASON = 'VIGIL_PUBLIC_URL is not set: ADO cannot reach this service';
export const noHookScopeReason = (pollMinutes: number) =>
  `The PAT lacks the Service Hooks (read and write) scope, vso.hooks_write: Vigil polls every ${pollMinutes} minutes instead. ` +
  'Add the scope to the PAT and reconnect to get events.';

/** Where ADO delivers an organization's events; undefined without a public URL. */
export const receiverUrl = (config: Pick<Config, 'publicUrl'>, orgId: string): string | undefined =>
  config.publicUrl ? `${config.publicUrl}/hooks/ado/${orgId}` : undefined;

export interface EnsureOutcome {
  mode: 'hooks' | 'polling' | 'skipped';
  reason?: string;
  created: number;
  reenabled: number;
  /** Given a new secret (the stored one was lost). */
  updated: number;
  deleted: number;
  subscriptions: SubscriptionRecord[];
}

type Ctx = Pick<AppContext, 'store' | 'config' | 'log' | 'adoClient'>;

const isRefused = (err: unknown) => err instanceof AdoError && (err.kind === 'auth' || err.kind === 'forbidden');

/** Whether `s` is one of Vigil's subscriptions for this organization's receiver. */
const ours = (s: HookSubscription, url: string) => s.consumerId === 'webHooks' && s.consumerInputs.url === url;

/** The projects to subscribe: those of the repositories Vigil scans; before the first discovery, those ADO lists with a live repository. */
async function projectsToWatch(ctx: Ctx, client: AdoClient, org: OrganizationRow): Promise<string[]> {
  const watched = await watchedProjects(ctx.store.db, org.org_id);
  if (watched.length || org.last_discovery_at) return watched;
  const live = (await client.git.listRepositories()).filter((r) => !r.isDisabled);
  return [...new Set(live.map((r) => r.project.id))].sort();
}

export async function ensureSubscriptions(ctx: Ctx, orgId: string): Promise<EnsureOutcome> {
  const { db } = ctx.store;
  const none = { created: 0, reenabled: 0, updated: 0, deleted: 0, subscriptions: [] };
  const org = await getOrganization(db, orgId);
  if (!org) return { mode: 'skipped', ...none };
  const log = ctx.log.child({ orgId, job: 'hook-subscriptions' });
  // A secret made now (first set-up, or the stored one was lost): ADO's subscriptions, if any, carry another one.
  const stored = await getHookSecret(db, ctx.config.encryptionKey, orgId);
  const secret = stored ?? (await ensureHookSecret(db, ctx.config.encryptionKey, orgId));
  const url = receiverUrl(ctx.config, orgId);
  if (!url) {
    await setEventMode(db, orgId, 'polling', NO_PUBLIC_URL_REASON);
    return { mode: 'polling', reason: NO_PUBLIC_URL_REASON, ...none };
  }
  const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, orgId));
  const target = { url, basicAuthUsername: HOOK_USERNAME, basicAuthPassword: secret };
  const polling = async (err: unknown) => {
    const reason = noHookScopeReason(ctx.config.pollMinutes);
    await setEventMode(db, orgId, 'polling', reason);
    log.warn({ err: (err as Error).message }, 'service hooks refused: polling instead');
    return { mode: 'polling' as const, reason, ...none };
  };

  let existing: HookSubscription[];
  try {
    existing = (await client.hooks.listSubscriptions({ publisherId: 'tfs', consumerId: 'webHooks' })).filter((s) => ours(s, url));
  } catch (err) {
    if (isRefused(err)) return polling(err);
    throw err;
  }
  const projects = await projectsToWatch(ctx, client, org);
  const out: EnsureOutcome = { mode: 'hooks', created: 0, reenabled: 0, updated: 0, deleted: 0, subscriptions: [] };
  const kept = new Set<string>();
  try {
    for (const projectId of projects) {
      for (const eventType of HOOK_EVENT_TYPES) {
        const wanted = webhookSubscription(eventType, projectId, target);
        const found = existing.find((s) => s.eventType === eventType && s.publisherInputs.projectId === projectId);
        try {
          let sub: HookSubscription;
          if (!found) {
            sub = await client.hooks.createSubscription(wanted);
            out.created++;
          } else if ((found.status && REENABLE.has(found.status)) || !stored) {
            // The same subscription sent back, enabled, with the current secret (ADO masks the one it holds).
            const enabled: NewHookSubscription = Object.assign({}, wanted, { status: 'enabled' });
            sub = await client.hooks.replaceSubscription(found.id, enabled);
            if (found.status && REENABLE.has(found.status)) out.reenabled++;
            else out.updated++;
            log.info({ subscriptionId: found.id, eventType, projectId, was: found.status }, 'service hook subscription re-enabled or given the new secret');
          } else {
            sub = found;
          }
          kept.add(sub.id);
          out.subscriptions.push({ subscriptionId: sub.id, eventType, projectId, status: sub.status ?? 'enabled' });
        } catch (err) {
          if (isRefused(err)) throw err;
          out.subscriptions.push({
            subscriptionId: found?.id ?? `missing:${projectId}:${eventType}`,
            eventType,
            projectId,
            status: found?.status ?? 'missing',
            lastError: (err as Error).message,
          });
          log.warn({ eventType, projectId, err: (err as Error).message }, 'could not set up a service hook subscription');
        }
      }
    }
  } catch (err) {
    if (isRefused(err)) return polling(err);
    throw err;
  }
  // Duplicates (two concurrent runs) and projects no longer scanned: best effort.
  for (const s of existing) {
    if (kept.has(s.id) || out.subscriptions.some((r) => r.subscriptionId === s.id)) continue;
    try {
      if (await client.hooks.deleteSubscription(s.id)) out.deleted++;
    } catch (err) {
      log.warn({ subscriptionId: s.id, err: (err as Error).message }, 'could not delete a stale service hook subscription');
    }
  }
  await replaceSubscriptions(db, orgId, out.subscriptions);
  await setEventMode(db, orgId, 'hooks');
  log.info({ projects: projects.length, created: out.created, reenabled: out.reenabled, updated: out.updated, deleted: out.deleted }, 'service hook subscriptions ensured');
  return out;
}

/**
 * Deletes Vigil's subscriptions of the organization in ADO (those pointing at its receiver, and those
 * recorded), best effort: returns what was deleted and what failed.
 */
export async function deleteSubscriptions(ctx: Ctx, orgId: string): Promise<{ deleted: number; failed: string[] }> {
  const { db } = ctx.store;
  const org = await getOrganization(db, orgId);
  if (!org) return { deleted: 0, failed: [] };
  const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, orgId));
  const ids = new Set((await listSubscriptions(db, orgId)).map((s) => s.subscription_id).filter((id) => !id.startsWith('missing:')));
  const url = receiverUrl(ctx.config, orgId);
  const failed: string[] = [];
  if (url) {
    try {
      for (const s of await client.hooks.listSubscriptions({ publisherId: 'tfs', consumerId: 'webHooks' })) if (ours(s, url)) ids.add(s.id);
    } catch (err) {
      failed.push(`list: ${(err as Error).message}`);
    }
  }
  let deleted = 0;
  for (const id of ids) {
    try {
      if (await client.hooks.deleteSubscription(id)) deleted++;
    } catch (err) {
      failed.push(`${id}: ${(err as Error).message}`);
    }
  }
  return { deleted, failed };
}
