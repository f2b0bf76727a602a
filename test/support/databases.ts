// The databases every store/integration suite runs against: embedded PGlite always, and a real
// PostgreSQL server when TEST_DATABASE_URL is set (CI sets it). Each use gets a fresh schema.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface TestDatabase {
  /** DATABASE_URL for the service, undefined for PGlite. */
  databaseUrl?: string;
  /** pg-boss schema to use (unique per PostgreSQL use). */
  bossSchema: string;
  dataDir: string;
  cleanup(): Promise<void>;
}

export const databaseKinds: ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export async function makeTestDatabase(kind: 'pglite' | 'postgres'): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
  if (kind === 'pglite') {
    return { dataDir, bossSchema: 'pgboss', cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const suffix = randomBytes(4).toString('hex');
  const schema = `vigil_test_${suffix}`;
  const bossSchema = `pgboss_test_${suffix}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    databaseUrl: url.toString(),
    bossSchema,
    dataDir,
    cleanup: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
