// What the two queue tables (scan_requests, scan-queue.ts; discovery_requests, discovery-queue.ts)
// share: a claim is a lease (`claim_token`, `lease_until` in database time) that its worker renews,
// and one NOTIFY channel on which idle workers of every process hear that work became claimable.
import { sql, type Kysely } from 'kysely';
import { Client } from 'pg';
import type { Database } from './schema';

/** The tables whose rows are claimed under a lease. */
export type LeasedTable = 'scan_requests' | 'discovery_requests';

export interface NotifyOption {
  /** pg_notify this channel when work becomes claimable (PostgreSQL; leave unset on PGlite). */
  notifyChannel?: string;
}

/**
 * The channel of one installation's queues. A channel name is an identifier: quoted, from the
 * lower-case identifier the config validated. It keeps the name it had when only scans used it, so
 * that processes of the previous release hear those of this one during an upgrade.
 */
export const queueChannelOf = (namespace: string): string => `vigil_scan_requests_${namespace}`.slice(0, 63);

/** Tells the listeners of the channel (if any) that work became claimable; sent when `db`'s transaction commits. */
export async function notify(db: Kysely<Database>, opts: NotifyOption): Promise<void> {
  if (opts.notifyChannel) await sql`SELECT pg_notify(${opts.notifyChannel}, '')`.execute(db);
}

/** Extends the leases of the claims of `table` still held; returns the tokens that are (the others were lost). */
export async function renewLeases(db: Kysely<Database>, table: LeasedTable, tokens: readonly string[], leaseSeconds: number): Promise<Set<string>> {
  if (tokens.length === 0) return new Set();
  const rows = await db
    .updateTable(table)
    .set({ lease_until: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where('claim_token', 'in', tokens)
    .returning('claim_token')
    .execute();
  return new Set(rows.map((r) => r.claim_token!));
}

/**
 * In a transaction: whether the claim of `token` is still held; if so its row stays locked until the
 * commit (FOR KEY SHARE), so a reaper skips it (its FOR UPDATE SKIP LOCKED) while the heartbeat's
 * renewals (a non-key UPDATE) still go through. What a worker writes under it is written by the holder.
 */
export async function holdLease(trx: Kysely<Database>, table: LeasedTable, token: string): Promise<boolean> {
  const row = await trx.selectFrom(table).select('claim_token').where('claim_token', '=', token).forKeyShare().executeTakeFirst();
  return !!row;
}

/**
 * LISTENs on `channel` over a connection of its own (PostgreSQL only) and calls `onNotify` for each
 * notification, and once after every (re)connection to catch up on what it may have missed. A broken
 * connection is re-opened after a second.
 */
export function listenForQueuedWork(
  databaseUrl: string,
  channel: string,
  onNotify: () => void,
  onError: (err: unknown) => void,
): { close(): Promise<void> } {
  let closed = false;
  let current: Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const retry = (client: Client) => {
    if (current === client) current = undefined;
    client.end().catch(() => undefined);
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, 1000);
  };
  const connect = async () => {
    const client = new Client({ connectionString: databaseUrl });
    client.on('notification', () => onNotify());
    client.on('error', (err) => {
      onError(err);
      retry(client);
    });
    client.on('end', () => {
      if (!closed) retry(client);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${channel.replace(/"/g, '')}"`);
      if (closed) {
        await client.end().catch(() => undefined);
        return;
      }
      current = client;
      onNotify();
    } catch (err) {
      onError(err);
      retry(client);
    }
  };
  void connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await current?.end().catch(() => undefined);
    },
  };
}
