// The PR gate's queue on a real pg-boss (no worker): one waiting scan per pull request (a second request
// coalesces into it and says so with null), each scan queued as a row with the job's id; and what
// recordPullRequest stores of a pull request ADO describes (a merge, a closing time, no repository).
import { randomBytes } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { Client } from 'pg';
import { databaseKinds } from '../../test/support/databases';
import type { PullRequest } from '../ado/areas/git-pull-requests';
import type { Config } from '../config';
import { createLogger } from '../log';
import type { Store } from '../store/db';
import { getPullRequest, getPullRequestScan } from '../store/pull-requests';
import { connectTestOrg, useTestStore } from '../store/testdata/test-store';
import { recordPullRequest, requestPullRequestScan } from './pull-request-queue';
import { startQueue } from './queue';

const pullRequest = (over: Partial<PullRequest> = {}): PullRequest => ({
  pullRequestId: 12,
  status: 'active',
  title: 'Add audit storage',
  sourceRefName: 'refs/heads/feature/audit',
  targetRefName: 'refs/heads/main',
  lastMergeSourceCommit: 'a'.repeat(40),
  lastMergeTargetCommit: 'b'.repeat(40),
  creationDate: '2026-12-01T09:00:00Z',
  closedDate: '0001-01-01T00:00:00',
  createdBy: { id: 'u1', displayName: 'Uma' },
  reviewers: [],
  labels: [],
  fromFork: false,
  repository: { id: 'r1', projectId: 'p1' },
  ...over,
});

describe.each(databaseKinds)('the pull-request queue on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  let boss: PgBoss;
  // Its own schema, dropped after (on PostgreSQL the store's cleanup drops only the store's own schema).
  const queueSchema = `pgboss_prq_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    store = openStoreOf();
    boss = await startQueue(store, { queueSchema } as Config, createLogger('silent'));
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    if (kind !== 'postgres') return; // PGlite's data dir goes with the store
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${queueSchema} CASCADE`);
    await admin.end();
  });

  it('queues one scan per pull request; a second request while it waits coalesces into it', async () => {
    const org = await connectTestOrg(store, 'prq-coalesce');
    const req = { orgId: org.org_id, repoId: 'r1', projectId: 'p1', pullRequestId: 12, trigger: 'updated' as const };
    const first = await requestPullRequestScan({ boss, store }, req);
    expect(first).toEqual(expect.any(String));
    expect(await requestPullRequestScan({ boss, store }, { ...req, trigger: 'poll' })).toBeNull();
    const other = await requestPullRequestScan({ boss, store }, { ...req, pullRequestId: 13 });
    expect(other).toEqual(expect.any(String));
    expect(other).not.toBe(first);
    expect(await getPullRequestScan(store.db, org.org_id, first!)).toMatchObject({ state: 'queued', pull_request_id: 12, repo_id: 'r1' });
    const job = await boss.getJobById('scan-pull-request', first!);
    expect(job?.data).toEqual(req);
    expect(job?.singletonKey).toBe(`${org.org_id}:r1:12`);
  });

  it('records a pull request: commits, no closing time while active, the merge commit and closing time once completed', async () => {
    const org = await connectTestOrg(store, 'prq-record');
    await recordPullRequest({ store }, org.org_id, pullRequest());
    expect(await getPullRequest(store.db, org.org_id, 'r1', 12)).toMatchObject({
      status: 'active',
      project_id: 'p1',
      source_commit: 'a'.repeat(40),
      created_by_name: 'Uma',
      closed_at: null,
      merge_commit: null,
    });
    await recordPullRequest({ store }, org.org_id, pullRequest({ status: 'completed', lastMergeCommit: 'c'.repeat(40), closedDate: '2026-12-02T10:00:00Z' }));
    const row = await getPullRequest(store.db, org.org_id, 'r1', 12);
    expect(row).toMatchObject({ status: 'completed', merge_commit: 'c'.repeat(40) });
    expect(row?.closed_at?.toISOString()).toBe('2026-12-02T10:00:00.000Z');
    await expect(recordPullRequest({ store }, org.org_id, pullRequest({ repository: undefined }))).rejects.toThrow(/names no repository/);
  });
});
