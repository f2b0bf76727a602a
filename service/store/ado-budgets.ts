// ADO request budgets (migration 015): one row per identity and organization, a token bucket shared by
// every process. A request takes a token; tokens come back at `requests / windowSeconds` per second, up
// to `burst`; a 429's Retry-After pauses the row and empties it. Each take is one statement under the
// row's lock, so the count is exact across processes, in database time (the processes' clocks do not
// matter).
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

export interface BudgetSettings {
  /** Requests per window. */
  requests: number;
  windowSeconds: number;
  /** Tokens the bucket holds at most (a new bucket is full). */
  burst: number;
}

/** Creates the bucket of `key`, full, unless it exists. */
export async function ensureAdoBudget(db: Kysely<Database>, key: string, budget: BudgetSettings): Promise<void> {
  await db
    .insertInto('ado_request_budgets')
    .values({ identity_key: key, tokens: Math.max(1, budget.burst), refilled_at: sql`now()` })
    .onConflict((oc) => oc.column('identity_key').doNothing())
    .execute();
}

/**
 * Takes one token of `key`'s bucket (ensureAdoBudget first) when it has one and is not paused. Returns 0
 * when taken, else the milliseconds after which one may be (a token refilled, or the pause over);
 * undefined when the bucket does not exist.
 */
export async function takeAdoRequest(db: Kysely<Database>, key: string, budget: BudgetSettings): Promise<number | undefined> {
  const rate = budget.requests / budget.windowSeconds;
  const burst = Math.max(1, budget.burst);
  const { rows } = await sql<{ wait_ms: number }>`
    WITH cur AS (
      SELECT identity_key,
             least(${burst}::float8, tokens + greatest(0, extract(epoch FROM now() - refilled_at)::float8) * ${rate}::float8) AS t,
             coalesce(paused_until > now(), false) AS paused,
             ceil(extract(epoch FROM paused_until - now())::float8 * 1000) AS pause_ms
      FROM ado_request_budgets WHERE identity_key = ${key} FOR UPDATE
    )
    UPDATE ado_request_budgets AS b SET
      tokens = CASE WHEN cur.paused THEN b.tokens WHEN cur.t >= 1 THEN cur.t - 1 ELSE cur.t END,
      refilled_at = CASE WHEN cur.paused THEN b.refilled_at ELSE greatest(b.refilled_at, now()) END
    FROM cur WHERE b.identity_key = cur.identity_key
    RETURNING (CASE WHEN cur.paused THEN cur.pause_ms WHEN cur.t >= 1 THEN 0 ELSE ceil((1 - cur.t) / ${rate}::float8 * 1000) END)::float8 AS wait_ms`.execute(db);
  return rows[0] ? Number(rows[0].wait_ms) : undefined;
}

/** ADO said to wait `ms` (a 429's Retry-After): the bucket is paused that long (or longer, if it already was) and refills only after. */
export async function pauseAdoRequests(db: Kysely<Database>, key: string, ms: number): Promise<void> {
  const until = sql<Date>`now() + make_interval(secs => ${ms / 1000})`;
  await db
    .updateTable('ado_request_budgets')
    .set({
      paused_until: sql`greatest(coalesce(paused_until, now()), ${until})`,
      refilled_at: sql`greatest(refilled_at, ${until})`,
      tokens: 0,
    })
    .where('identity_key', '=', key)
    .execute();
}
