// Three processes (the web process and two workers) started at the same moment on an empty PostgreSQL
// database all come up: the schema migrations and the job queue's setup run one process at a time.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../support/databases';
import { spawnService, stopService, type ServiceProcess } from '../support/processes';

const run = databaseKinds.includes('postgres') ? test : test.skip;

describe('start-up on an empty PostgreSQL database', () => {
  let db: TestDatabase | undefined;
  let tmpDir: string | undefined;
  const started: ServiceProcess[] = [];

  afterAll(async () => {
    await Promise.all(started.map((p) => stopService(p, 5_000)));
    await db?.cleanup();
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  }, 60_000);

  run('the web process and two workers started together all become ready', async () => {
    db = await makeTestDatabase('postgres');
    tmpDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-startup-race-'));
    const env = (role: string, i: number): Record<string, string> => ({
      VIGIL_ROLE: role,
      PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
      DATABASE_URL: db!.databaseUrl!,
      VIGIL_QUEUE_SCHEMA: db!.bossSchema,
      VIGIL_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      VIGIL_APP_SECRET: randomBytes(32).toString('base64'),
      VIGIL_DATA_DIR: path.join(tmpDir!, `data-${i}`),
      VIGIL_TMP_DIR: path.join(tmpDir!, `scans-${i}`),
      VIGIL_ADVISORY_CRON: 'off',
    });
    const outcomes = await Promise.allSettled(['web', 'worker', 'worker'].map((role, i) => spawnService(env(role, i), { readyTimeoutMs: 120_000 })));
    for (const o of outcomes) if (o.status === 'fulfilled') started.push(o.value);
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason).slice(0, 2000)] : []));
    expect(failures).toEqual([]);
    expect(started.every((p) => p.alive)).toBe(true);
  }, 180_000);
});
