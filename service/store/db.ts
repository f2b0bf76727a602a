// Opens the one database Vigil uses: embedded PGlite (default) or a PostgreSQL server (DATABASE_URL).
// The same SQL and the same Kysely code run on both.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type PostgresPool } from 'kysely';
import { Pool } from 'pg';
import { migrations as allMigrations, type Migration } from './migrations';
import { PGliteAdapter } from './pglite-adapter';
import type { Database } from './schema';
import { isProcessAlive } from '../process-alive';

export interface Store {
  db: Kysely<Database>;
  kind: 'pglite' | 'postgres';
  /** For pg-boss: runs through the same connection discipline as Kysely. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl?: string;
  dataDir: string;
  /** The migrations to apply on opening; all of them unless a test builds an older schema. */
  migrations?: readonly Migration[];
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  const store = opts.databaseUrl ? openPostgres(opts.databaseUrl) : await openPGlite(opts.dataDir);
  try {
    await migrate(store, opts.migrations);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

function openPostgres(url: string): Store {
  const pool = new Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    executeSql: (text, values) => pool.query(text, values),
    close: () => db.destroy(),
  };
}

async function openPGlite(dataDir: string): Promise<Store> {
  const dir = path.resolve(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(path.resolve(dataDir));
  try {
    // The CJS build of PGlite; loaded lazily so the PostgreSQL path never pays for the WASM.
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = await PGlite.create(dir);
    const adapter = new PGliteAdapter(pg);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: adapter.pool as unknown as PostgresPool }) });
    return {
      db,
      kind: 'pglite',
      executeSql: adapter.executeSql,
      close: async () => {
        await db.destroy();
        await pg.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

/** Two processes must never open the same PGlite directory (PGlite has no lock of its own). */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'vigil.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (pid && pid !== process.pid && isProcessAlive(pid)) {
        throw new Error(
          `The data directory ${dataDir} is in use by process ${pid}. Embedded mode allows one process; ` +
            'stop it, choose another VIGIL_DATA_DIR, or use DATABASE_URL for several processes.',
        );
      }
      rmSync(lockFile, { force: true }); // stale lock from a process that died
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}`);
}

/**
 * Runs `fn` in `db`'s transaction when `db` is one, else in a transaction of its own: a write of several
 * statements can join the transaction of a caller that writes more (a scan's outcome, scan-repo.ts).
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

const MIGRATION_LOCK = 74_110_042; // arbitrary, fixed: serialises migrations across processes
const QUEUE_SETUP_LOCK = 74_110_043; // the same, for the job queue's schema and queues

/**
 * Runs `fn` while holding a cross-process lock, so that processes starting at the same moment set the
 * job queue up one after the other: pg-boss's own schema creation is not safe against a concurrent one
 * (duplicate pg_namespace rows, deadlocks in create_queue). PostgreSQL only: an embedded database
 * has one process, and holding its single connection would starve `fn`.
 */
export async function withQueueSetupLock<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  if (store.kind !== 'postgres') return fn();
  return store.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${QUEUE_SETUP_LOCK})`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`SELECT pg_advisory_unlock(${QUEUE_SETUP_LOCK})`.execute(conn);
    }
  });
}

/** Applies the given migrations that are not applied yet, in order; returns the ids it applied. */
export async function migrate(store: Store, migrations: readonly Migration[] = allMigrations): Promise<string[]> {
  return store.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(conn);
      const done = await sql<{ id: string }>`SELECT id FROM schema_migrations`.execute(conn);
      const applied = new Set(done.rows.map((r) => r.id));
      const appliedNow: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.id)) continue;
        await conn.transaction().execute(async (trx) => {
          await sql.raw(m.sql).execute(trx);
          await sql`INSERT INTO schema_migrations (id) VALUES (${m.id})`.execute(trx);
        });
        appliedNow.push(m.id);
      }
      return appliedNow;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
