// The worker pool never idles while work is queued: a slot claims the next scan as soon as its scan
// ends, and an idle slot wakes on an enqueue (in this process) or a NOTIFY (another process, on
// PostgreSQL). The lease here is an hour, so the pool's safety-net poll (a third of the lease) never
// fires during a test: every scan below ran because the pool was woken, never because it polled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ZipFile } from 'yazl';
import { databaseKinds, makeTestDatabase, type TestDatabase } from '../../test/support/databases';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { openStore, type Store } from '../store/db';
import { queueChannelOf } from '../store/lease';
import { syncRepositories } from '../store/repositories';
import { requestScan } from '../store/scan-queue';
import { connectTestOrg, TEST_KEY } from '../store/testdata/test-store';
import { enqueueScan } from './queue';
import { startScanWorkers, type ScanWorkerPool } from './scan-workers';

async function emptyZip(): Promise<Buffer> {
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from('no secrets here\n'), 'README.md', { mtime: new Date('2025-01-01T00:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe.each(databaseKinds)('scan worker pool on %s', (kind) => {
  let tdb: TestDatabase;
  let opened: Store;
  const store = () => opened;
  let tmpDir: string;
  let pool: ScanWorkerPool | undefined;
  let n = 0;
  beforeAll(async () => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-scan-workers-test-'));
    tdb = await makeTestDatabase(kind);
    opened = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
  });
  afterEach(async () => {
    await pool?.stop(5000);
    pool = undefined;
  });
  afterAll(async () => {
    await opened?.close();
    await tdb?.cleanup();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  /** A pool of one slot whose scans record when they start and end. */
  async function poolOf(databaseUrl?: string) {
    const zip = await emptyZip();
    const events: string[] = [];
    let running = 0;
    let most = 0;
    const client = {
      git: {
        getBranchHead: async () => 'c0ffee',
        downloadRepositoryZip: async (o: { destFile: string; repoId: string }) => {
          running++;
          most = Math.max(most, running);
          events.push(`start ${o.repoId}`);
          fs.writeFileSync(o.destFile, zip);
          await new Promise((r) => setImmediate(r));
          events.push(`end ${o.repoId}`);
          running--;
        },
      },
    };
    const config = {
      encryptionKey: TEST_KEY,
      tmpDir,
      databaseUrl,
      queueSchema: `pgboss_workers_${n}`,
      scanConcurrency: 1,
      scanOrgConcurrency: 4,
      scanLeaseSeconds: 3600,
      scanMaxInterruptions: 3,
      scanHeadMaxAgeSeconds: 900,
      maxRepoBytes: 10_000_000,
      maxFileBytes: 1_000_000,
      maxFiles: 1000,
      maxDepth: 50,
      rescanHours: 24,
      incrementalMaxFiles: 500,
      packageMetadata: { enabled: false },
    } as Partial<Config>;
    const ctx = { store: store(), config, log: pino({ level: 'silent' }), adoClient: () => client } as unknown as AppContext;
    pool = await startScanWorkers(ctx);
    return { ctx, events, most: () => most };
  }

  async function orgWith(repos: number) {
    const org = await connectTestOrg(store(), `workers-${kind}-${++n}`);
    const ids = Array.from({ length: repos }, (_, i) => `r${i}`);
    await syncRepositories(
      store().db,
      org.org_id,
      ids.map((id) => ({ id, name: id, projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null })),
    );
    return { orgId: org.org_id, ids };
  }

  const scanStates = async (orgId: string) =>
    (await store().db.selectFrom('scans').select('state').where('org_id', '=', orgId).execute()).map((s) => s.state);

  async function allDone(orgId: string, count: number) {
    for (;;) {
      const states = await scanStates(orgId);
      if (states.length === count && states.every((s) => s === 'done')) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  test('one slot runs queued scans back to back: each starts as the one before it ends, none waits for a poll', async () => {
    const { orgId, ids } = await orgWith(5);
    for (const id of ids) await requestScan(store().db, orgId, id, 'manual');
    const { events, most } = await poolOf();
    await allDone(orgId, 5);
    expect(events).toEqual(ids.flatMap((id) => [`start ${id}`, `end ${id}`]));
    expect(most()).toBe(1);
  });

  test('an idle slot is woken by an enqueue in its process', async () => {
    const { orgId } = await orgWith(1);
    const { ctx, events } = await poolOf();
    await new Promise((r) => setTimeout(r, 50)); // idle by now: nothing was queued
    await enqueueScan(ctx, orgId, 'r0', 'manual');
    await allDone(orgId, 1);
    expect(events).toEqual(['start r0', 'end r0']);
  });

  if (kind === 'postgres') {
    test('an idle slot is woken by a NOTIFY from another process', async () => {
      const { orgId } = await orgWith(1);
      const { ctx, events } = await poolOf(tdb.databaseUrl);
      const other = await openStore({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir }); // another process
      try {
        await new Promise((r) => setTimeout(r, 200)); // listening by now
        await requestScan(other.db, orgId, 'r0', 'manual', { notifyChannel: queueChannelOf(ctx.config.queueSchema) });
        await allDone(orgId, 1);
        expect(events).toEqual(['start r0', 'end r0']);
      } finally {
        await other.close();
      }
    });
  }
});
