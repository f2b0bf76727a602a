// A change and its audit entry in one transaction: both are kept or neither. The change says what it
// changed (before/after); a change that changed nothing leaves no entry.
import type { Kysely } from 'kysely';
import { inTransaction } from '../store/db';
import { recordAudit, type AuditActor } from '../store/audit-log';
import type { Database } from '../store/schema';

export type { AuditActor } from '../store/audit-log';
export { recordAudit } from '../store/audit-log';

export interface AuditedChange<T> {
  result: T;
  /** False: nothing changed (or nothing was found); no entry is written. */
  changed: boolean;
  before?: unknown;
  after?: unknown;
  /** Overrides the target given to audited(), when only the change knows it (a repository's name). */
  target?: string;
}

export async function audited<T>(
  db: Kysely<Database>,
  orgId: string,
  what: { actor: AuditActor; action: string; target?: string },
  change: (trx: Kysely<Database>) => Promise<AuditedChange<T>>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const outcome = await change(trx);
    if (outcome.changed) {
      await recordAudit(trx, orgId, { actor: what.actor, action: what.action, target: outcome.target ?? what.target, before: outcome.before, after: outcome.after });
    }
    return outcome.result;
  });
}

/** The keys whose values differ (compared as JSON), before and after; empty objects when none do. */
export function changedKeys<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T>; changed: boolean } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
