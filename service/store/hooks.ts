// Service hooks (migration 011): per organization, the webhook secret (sealed like the PAT, bound to
// the organization), how events reach it (hooks or polling, and why), the subscriptions Vigil made in
// ADO, and the ids of delivered events, kept 7 days so that a replay is dropped.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { EventMode } from '../contract/events-api';
import { open, seal } from './crypto';
import { selectedRepository } from './repository-selection';
import type { Database, HookSubscriptionRow } from './schema';

/** How long a delivered event id is remembered (a replay within it is a duplicate). */
export const EVENT_MEMORY_DAYS = 7;

/** The associated data a secret is sealed with: a sealed secret moved to another organization does not open. */
const secretAad = (orgId: string) => `hook-secret:${orgId}`;

/** The organization's webhook secret, made (random, 32 bytes) and sealed on first use. */
export async function ensureHookSecret(db: Kysely<Database>, key: Buffer, orgId: string): Promise<string> {
  const existing = await getHookSecret(db, key, orgId);
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  const sealed = seal(secret, key, secretAad(orgId));
  await db
    .insertInto('hook_endpoints')
    .values({ org_id: orgId, key_id: sealed.keyId, iv: sealed.iv, tag: sealed.tag, ciphertext: sealed.ciphertext })
    .onConflict((oc) => oc.column('org_id').doNothing())
    .execute();
  // Two callers may race: the stored one wins.
  return (await getHookSecret(db, key, orgId))!;
}

/** The secret, or undefined when the organization has none (not connected, or never set up). */
export async function getHookSecret(db: Kysely<Database>, key: Buffer, orgId: string): Promise<string | undefined> {
  const row = await db.selectFrom('hook_endpoints').select(['key_id', 'iv', 'tag', 'ciphertext']).where('org_id', '=', orgId).executeTakeFirst();
  return row && open({ keyId: row.key_id, iv: row.iv, tag: row.tag, ciphertext: row.ciphertext }, key, secretAad(orgId));
}

export const getHookEndpoint = (db: Kysely<Database>, orgId: string) =>
  db
    .selectFrom('hook_endpoints')
    .select(['org_id', 'mode', 'mode_reason', 'checked_at', 'last_event_at', 'last_poll_at', 'events_ignored'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();

export async function setEventMode(db: Kysely<Database>, orgId: string, mode: EventMode, reason?: string): Promise<void> {
  await db.updateTable('hook_endpoints').set({ mode, mode_reason: reason ?? null, checked_at: new Date() }).where('org_id', '=', orgId).execute();
}

/** Organizations whose events Vigil polls for. */
export async function pollingOrganizations(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('hook_endpoints').select('org_id').where('mode', '=', 'polling').execute();
  return rows.map((r) => r.org_id);
}

export async function recordPoll(db: Kysely<Database>, orgId: string): Promise<void> {
  await db.updateTable('hook_endpoints').set({ last_poll_at: new Date() }).where('org_id', '=', orgId).execute();
}

export interface SubscriptionRecord {
  /** ADO's id; for a subscription that could not be made, `missing:<project>:<event>`. */
  subscriptionId: string;
  eventType: string;
  projectId: string;
  /** ADO's status, or 'missing'. */
  status: string;
  lastError?: string;
}

/** The subscriptions as last checked replace the stored ones (one per project and event type). */
export async function replaceSubscriptions(db: Kysely<Database>, orgId: string, subs: readonly SubscriptionRecord[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('hook_subscriptions').where('org_id', '=', orgId).execute();
    if (!subs.length) return;
    const now = new Date();
    await trx
      .insertInto('hook_subscriptions')
      .values(
        subs.map((s) => ({
          org_id: orgId,
          subscription_id: s.subscriptionId,
          event_type: s.eventType,
          project_id: s.projectId,
          status: s.status,
          checked_at: now,
          last_error: s.lastError ?? null,
        })),
      )
      .execute();
  });
}

export const listSubscriptions = (db: Kysely<Database>, orgId: string): Promise<HookSubscriptionRow[]> =>
  db.selectFrom('hook_subscriptions').selectAll().where('org_id', '=', orgId).orderBy('project_id').orderBy('event_type').execute();

/**
 * Remembers a delivered event. False when its id was already seen (a replay): the caller drops it.
 * The outcome is what happened to it (queued, coalesced, ignored...), set once dispatched.
 */
export async function recordEvent(db: Kysely<Database>, orgId: string, eventId: string, eventType: string, outcome: string): Promise<boolean> {
  const rows = await db
    .insertInto('hook_events')
    .values({ org_id: orgId, event_id: eventId, event_type: eventType, outcome })
    .onConflict((oc) => oc.columns(['org_id', 'event_id']).doNothing())
    .returning('event_id')
    .execute();
  return rows.length > 0;
}

/**
 * The outcome of a dispatched event; an ignored one is also counted on the endpoint. (The endpoint's row
 * is not touched otherwise: under a burst every event would queue on its lock. The last event's time is
 * the newest received_at, see lastEventAt.)
 */
export async function settleEvent(db: Kysely<Database>, orgId: string, eventId: string, outcome: string): Promise<void> {
  await db.updateTable('hook_events').set({ outcome }).where('org_id', '=', orgId).where('event_id', '=', eventId).execute();
  if (outcome !== 'ignored') return;
  await db
    .updateTable('hook_endpoints')
    .set((eb) => ({ events_ignored: eb('events_ignored', '+', 1) }))
    .where('org_id', '=', orgId)
    .execute();
}

/** When the organization's newest remembered event arrived (7 days at most), or undefined. */
export async function lastEventAt(db: Kysely<Database>, orgId: string): Promise<Date | undefined> {
  const row = await db.selectFrom('hook_events').select((eb) => eb.fn.max('received_at').as('at')).where('org_id', '=', orgId).executeTakeFirst();
  return row?.at ? new Date(row.at) : undefined;
}

/** Forgets an event whose dispatch failed, so that ADO's retry is handled instead of dropped. */
export async function forgetEvent(db: Kysely<Database>, orgId: string, eventId: string): Promise<void> {
  await db.deleteFrom('hook_events').where('org_id', '=', orgId).where('event_id', '=', eventId).execute();
}

/** Drops event ids older than EVENT_MEMORY_DAYS; returns how many. */
export async function pruneEvents(db: Kysely<Database>, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - EVENT_MEMORY_DAYS * 86_400_000);
  const res = await db.deleteFrom('hook_events').where('received_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Events per outcome, for an organization (support and tests). */
export async function eventOutcomes(db: Kysely<Database>, orgId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('hook_events')
    .select(['outcome', sql<string>`count(*)`.as('n')])
    .where('org_id', '=', orgId)
    .groupBy('outcome')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
}

/** Disconnect: the organization and, by cascade, everything stored of it. False when it was not there. */
export async function deleteOrganization(db: Kysely<Database>, orgId: string): Promise<boolean> {
  const res = await db.deleteFrom('organizations').where('org_id', '=', orgId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/**
 * Whether a repository has a scan waiting, the commit its running scan reads (null: not resolved yet;
 * undefined: none running), and the head its last finished scan read.
 */
export async function repositoryScanState(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
): Promise<{ pending: boolean; runningCommit?: string | null; scannedHead: string | null }> {
  // One statement, so one snapshot: a scan that ends between two reads can neither look still running
  // nor leave its head unseen (it records the head before its claim ends).
  const row = await db
    .selectFrom('repositories as r')
    .leftJoin('scan_requests as q', (j) => j.onRef('q.org_id', '=', 'r.org_id').onRef('q.repo_id', '=', 'r.repo_id'))
    .leftJoin('scans as s', (j) => j.onRef('s.org_id', '=', 'q.org_id').onRef('s.scan_id', '=', 'q.running_scan_id'))
    .select(['r.head_sha', 'q.pending_scan_id', 'q.running_scan_id', 's.commit_sha'])
    .where('r.org_id', '=', orgId)
    .where('r.repo_id', '=', repoId)
    .executeTakeFirst();
  if (!row) return { pending: false, scannedHead: null };
  return {
    pending: row.pending_scan_id != null,
    ...(row.running_scan_id != null ? { runningCommit: row.commit_sha } : {}),
    scannedHead: row.head_sha,
  };
}

/** The receiver's view of an organization: the instance id events must name, and the secret. */
export async function receiverCredentials(db: Kysely<Database>, key: Buffer, orgId: string): Promise<{ instanceId: string; secret: string } | undefined> {
  const row = await db
    .selectFrom('hook_endpoints as h')
    .innerJoin('organizations as o', 'o.org_id', 'h.org_id')
    .select(['o.instance_id', 'h.key_id', 'h.iv', 'h.tag', 'h.ciphertext'])
    .where('h.org_id', '=', orgId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { instanceId: row.instance_id, secret: open({ keyId: row.key_id, iv: row.iv, tag: row.tag, ciphertext: row.ciphertext }, key, secretAad(orgId)) };
}

// ---- builds seen by build.complete (compliance evidence) -------------------------------------------

export interface BuildTask {
  name?: string;
  task?: { id: string; name?: string; version?: string };
  result?: string;
}

export interface BuildRecord {
  buildId: number;
  projectId: string;
  definitionId?: number;
  definitionName?: string;
  buildNumber?: string;
  status?: string;
  result?: string;
  reason?: string;
  sourceBranch?: string;
  sourceVersion?: string;
  repoId?: string;
  pullRequestId?: number;
  queueTime?: string;
  finishTime?: string;
  tasks: BuildTask[];
}

/** Records a build (again: a later build.complete of the same build replaces it). */
export async function upsertBuild(db: Kysely<Database>, orgId: string, b: BuildRecord): Promise<void> {
  const values = {
    project_id: b.projectId,
    definition_id: b.definitionId ?? null,
    definition_name: b.definitionName ?? null,
    build_number: b.buildNumber ?? null,
    status: b.status ?? null,
    result: b.result ?? null,
    reason: b.reason ?? null,
    source_branch: b.sourceBranch ?? null,
    source_version: b.sourceVersion ?? null,
    repo_id: b.repoId ?? null,
    pull_request_id: b.pullRequestId ?? null,
    queue_time: b.queueTime ?? null,
    finish_time: b.finishTime ?? null,
    tasks: JSON.stringify(b.tasks),
    recorded_at: new Date(),
  };
  await db
    .insertInto('builds')
    .values({ org_id: orgId, build_id: b.buildId, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'build_id']).doUpdateSet(values))
    .execute();
}

/** Project id -> name, from the repositories discovered. */
export async function projectNames(db: Kysely<Database>, orgId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('repositories').select(['project_id', 'project_name']).distinct().where('org_id', '=', orgId).execute();
  return new Map(rows.map((r) => [r.project_id, r.project_name]));
}

/** Projects with a repository Vigil scans (live, scannable, and in the organization's repository selection). */
export async function watchedProjects(db: Kysely<Database>, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('repositories')
    .select('project_id')
    .distinct()
    .where('org_id', '=', orgId)
    .where('removed_at', 'is', null)
    .where('skip_reason', 'is', null)
    .where(selectedRepository(orgId))
    .orderBy('project_id')
    .execute();
  return rows.map((r) => r.project_id);
}
