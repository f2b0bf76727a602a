// The audit log: one row per change an administrator made to an organization (settings, credential,
// triage, connect). Rows go with the organization (ON DELETE CASCADE): disconnecting deletes them too.
// before/after hold settings only: any key that names a secret is dropped before a row is written.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

export interface AuditActor {
  id: string;
  name?: string;
  /** The HTTP request that made the change (X-Request-Id). */
  requestId?: string;
}

export interface AuditEntry {
  actor: AuditActor;
  /** "area.verb", e.g. settings.changed (contract/settings-api.ts AUDIT_ACTIONS lists Vigil's). */
  action: string;
  /** What changed: "organization", "repository <name>", "finding <id>"... */
  target?: string;
  before?: unknown;
  after?: unknown;
}

/** Keys whose values are never written to the log, at any depth (exact names: verifySecrets is a setting, "secret" a scanner family). */
const SECRET_KEY = /^(pat|token|accesstoken|clientsecret|password|certificate|certificatepem|privatekey|ciphertext)$/i;

/** A copy without secret-named keys (their values become "[redacted]"). */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : withoutSecrets(v)]));
  }
  return value;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(withoutSecrets(v)));

/**
 * Records one change. Call it with the transaction that makes the change, so that both are kept or
 * neither (usecases/audited.ts does). Compliance settings, pipeline tokens and the like call this too.
 */
export async function recordAudit(db: Kysely<Database>, orgId: string, entry: AuditEntry): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('audit_log')
    .values({
      org_id: orgId,
      id,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name ?? null,
      action: entry.action,
      target: entry.target ?? null,
      before: json(entry.before),
      after: json(entry.after),
      request_id: entry.actor.requestId ?? null,
      at: sql<Date>`date_trunc('milliseconds', clock_timestamp())`, // ms: the page cursor carries an ISO time
    })
    .execute();
  return id;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string;
  actorName: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** Where a page ends: the last row's time and id (newest first). */
export interface AuditCursor {
  at: string;
  id: string;
}

/** Newest first; `after` continues below a row already shown. Returns one row more than `limit` when more follow. */
export async function listAuditLog(
  db: Kysely<Database>,
  orgId: string,
  opts: { action?: string; limit: number; after?: AuditCursor },
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId);
  if (opts.action) q = q.where('action', '=', opts.action);
  if (opts.after) {
    const { at, id } = opts.after;
    q = q.where(sql<boolean>`(at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(opts.limit + 1).execute();
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    target: r.target,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
  }));
}

/** The actions an organization's log holds. */
export async function auditActions(db: Kysely<Database>, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().where('org_id', '=', orgId).orderBy('action').execute();
  return rows.map((r) => r.action);
}
