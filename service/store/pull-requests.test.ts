// Pull requests in the store: upserts that never erase what an event did not say, a reactivated pull
// request open again, scans from queued to done or failed (the latest one per pull request), one thread
// per fingerprint, the target branch's findings that make a PR's finding existing, a dismissal's
// fingerprints, and organization isolation of every read.
import { databaseKinds } from '../../test/support/databases';
import type { Finding } from '../contract/model';
import type { Store } from './db';
import { dismissFindingGroup, reconcileFindings } from './findings';
import {
  activeThreadsFor,
  addPullRequestScanWarnings,
  alertFingerprints,
  failPullRequestScan,
  finishPullRequestScan,
  getPullRequest,
  getPullRequestScan,
  latestPullRequestScan,
  listPullRequestThreads,
  queuePullRequestScan,
  recordPullRequestScanTarget,
  recordPullRequestThread,
  setPullRequestIteration,
  setPullRequestThreadState,
  startPullRequestScan,
  targetBranchFindings,
  upsertPullRequest,
  type PullRequestInput,
} from './pull-requests';
import { syncRepositories } from './repositories';
import { requestScan } from './scan-queue';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const pr = (over: Partial<PullRequestInput> = {}): PullRequestInput => ({
  repoId: 'r1',
  pullRequestId: 7,
  projectId: 'p1',
  title: 'Add a feature',
  status: 'active',
  sourceRef: 'refs/heads/feature',
  targetRef: 'refs/heads/main',
  sourceCommit: 'a'.repeat(40),
  targetCommit: 'b'.repeat(40),
  createdBy: 'u1',
  createdByName: 'Uma',
  createdAt: new Date('2026-12-01T10:00:00Z'),
  ...over,
});

const finding = (fp: string, group?: string): Finding => ({
  ruleId: 'SEC-TEST',
  title: 'Test secret',
  severity: 'critical',
  category: 'secret',
  confidence: 'high',
  message: 'A test secret',
  location: { kind: 'file', path: `src/${fp}.js`, line: 1 },
  fingerprint: fp,
  ...(group ? { groupKey: group } : {}),
  remediation: 'Rotate it',
});

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe.each(databaseKinds)('pull requests store on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  beforeAll(() => {
    store = openStoreOf();
  });

  it('upserts a pull request, keeps what a later event does not say, and records its merge and its iteration', async () => {
    const org = await connectTestOrg(store, 'pr-upsert');
    await upsertPullRequest(store.db, org.org_id, pr());
    await upsertPullRequest(store.db, org.org_id, pr({ title: undefined, sourceCommit: undefined, isDraft: true }));
    let row = await getPullRequest(store.db, org.org_id, 'r1', 7);
    expect(row).toMatchObject({ title: 'Add a feature', source_commit: 'a'.repeat(40), is_draft: true, status: 'active', closed_at: null, merge_commit: null });

    await setPullRequestIteration(store.db, org.org_id, 'r1', 7, { iterationId: 3, sourceCommit: 'c'.repeat(40) });
    await upsertPullRequest(store.db, org.org_id, pr({ status: 'completed', sourceCommit: undefined, mergeCommit: 'm'.repeat(40), closedAt: new Date('2026-12-02T10:00:00Z') }));
    row = await getPullRequest(store.db, org.org_id, 'r1', 7);
    expect(row).toMatchObject({ status: 'completed', merge_commit: 'm'.repeat(40), last_iteration: 3, source_commit: 'c'.repeat(40), target_commit: 'b'.repeat(40) });
    expect(row?.closed_at?.toISOString()).toBe('2026-12-02T10:00:00.000Z');

    // Reactivated (an abandoned pull request can be): open again.
    await upsertPullRequest(store.db, org.org_id, pr({ status: 'active' }));
    expect((await getPullRequest(store.db, org.org_id, 'r1', 7))?.closed_at).toBeNull();
  });

  it('takes a scan from queued to running to done, and the latest scan is the newest request', async () => {
    const org = await connectTestOrg(store, 'pr-scans');
    await queuePullRequestScan(store.db, org.org_id, uuid(1), 'r1', 7);
    await queuePullRequestScan(store.db, org.org_id, uuid(1), 'r1', 7); // a repeated request: no second row
    expect(await getPullRequestScan(store.db, org.org_id, uuid(1))).toMatchObject({ state: 'queued', started_at: null });

    await startPullRequestScan(store.db, org.org_id, uuid(1), 'r1', 7);
    await recordPullRequestScanTarget(store.db, org.org_id, uuid(1), { iterationId: 2, sourceCommit: 's1', targetCommit: 't1', filesChanged: 4 });
    const newFinding = { fingerprint: 'f1', ruleId: 'SEC-X', title: 'X', severity: 'high' as const, category: 'secret' as const, path: 'a.txt', line: 3, isNew: true };
    await finishPullRequestScan(store.db, org.org_id, uuid(1), {
      verdict: 'failed',
      gateSeverity: 'high',
      newFindings: [newFinding],
      existingFindings: [],
      warnings: [{ scanner: 'pr-gate', code: 'status-forbidden', message: 'no vso.code_status' }],
      durationMs: 12.4,
    });
    await addPullRequestScanWarnings(store.db, org.org_id, uuid(1), [{ scanner: 'pr-gate', code: 'threads-forbidden', message: 'no vso.threads_full' }]);
    const done = await getPullRequestScan(store.db, org.org_id, uuid(1));
    expect(done).toMatchObject({ state: 'done', verdict: 'failed', gate_severity: 'high', iteration_id: 2, source_commit: 's1', files_changed: 4, duration_ms: 12 });
    expect(done?.new_findings).toEqual([newFinding]);
    expect(done?.warnings.map((w) => w.code)).toEqual(['status-forbidden', 'threads-forbidden']);

    // A scan started without a request (run directly) is created running.
    await startPullRequestScan(store.db, org.org_id, uuid(2), 'r1', 7);
    await failPullRequestScan(store.db, org.org_id, uuid(2), { error: 'The source commit is gone', warnings: [], durationMs: 5 });
    expect(await getPullRequestScan(store.db, org.org_id, uuid(2))).toMatchObject({ state: 'failed', verdict: 'error', error: 'The source commit is gone' });
    expect((await latestPullRequestScan(store.db, org.org_id, 'r1', 7))?.pr_scan_id).toBe(uuid(2));
    expect(await latestPullRequestScan(store.db, org.org_id, 'r1', 8)).toBeUndefined();
  });

  it('keeps one thread per fingerprint and pull request, and finds the active ones of fingerprints', async () => {
    const org = await connectTestOrg(store, 'pr-threads');
    const base = { repoId: 'r1', pullRequestId: 7, ruleId: 'SEC-X', filePath: '/a.txt', line: 3 };
    await recordPullRequestThread(store.db, org.org_id, { ...base, fingerprint: 'f1', threadId: 11, state: 'active' });
    await recordPullRequestThread(store.db, org.org_id, { ...base, fingerprint: 'f1', threadId: 11, state: 'active' });
    await recordPullRequestThread(store.db, org.org_id, { ...base, fingerprint: 'f2', threadId: 12, state: 'active' });
    await recordPullRequestThread(store.db, org.org_id, { ...base, pullRequestId: 8, fingerprint: 'f1', threadId: 3, state: 'active' });
    expect((await listPullRequestThreads(store.db, org.org_id, 'r1', 7)).map((t) => [t.fingerprint, t.thread_id, t.state])).toEqual([
      ['f1', 11, 'active'],
      ['f2', 12, 'active'],
    ]);
    await setPullRequestThreadState(store.db, org.org_id, { repoId: 'r1', pullRequestId: 7, fingerprint: 'f2' }, 'fixed');
    const active = await activeThreadsFor(store.db, org.org_id, ['f1', 'f2']);
    expect(active.map((t) => [t.pull_request_id, t.fingerprint])).toEqual([
      [7, 'f1'],
      [8, 'f1'],
    ]);
  });

  it('finds the target branch findings that are not fixed, and the fingerprints of an alert', async () => {
    const org = await connectTestOrg(store, 'pr-target');
    await syncRepositories(store.db, org.org_id, [
      { id: 'r1', name: 'r1', projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    const scan = async () => (await requestScan(store.db, org.org_id, 'r1', 'manual')).scanId;
    await reconcileFindings(store.db, org.org_id, 'r1', await scan(), 'c1', [finding('open1', 'cred'), finding('open2', 'cred'), finding('gone'), finding('dismissed')]);
    await reconcileFindings(store.db, org.org_id, 'r1', await scan(), 'c2', [finding('open1', 'cred'), finding('open2', 'cred'), finding('dismissed')]);
    const dismissedId = (await store.db.selectFrom('findings').select('finding_id').where('org_id', '=', org.org_id).where('fingerprint', '=', 'dismissed').executeTakeFirstOrThrow()).finding_id;
    await dismissFindingGroup(store.db, org.org_id, dismissedId, { reason: 'false-positive', by: 'u1', at: '2026-12-07T00:00:00Z' });

    const found = await targetBranchFindings(store.db, org.org_id, 'r1', ['open1', 'gone', 'dismissed', 'never']);
    expect([...found.keys()].sort()).toEqual(['dismissed', 'open1']);
    expect(found.get('dismissed')?.state).toBe('dismissed');
    // Another repository's findings do not count.
    expect((await targetBranchFindings(store.db, org.org_id, 'r2', ['open1'])).size).toBe(0);

    const open1 = found.get('open1')!.findingId;
    expect((await alertFingerprints(store.db, org.org_id, open1)).sort()).toEqual(['open1', 'open2']);
  });

  it('never reads another organization’s pull requests, scans, threads or findings', async () => {
    const a = await connectTestOrg(store, 'pr-iso-a');
    const b = await connectTestOrg(store, 'pr-iso-b');
    await upsertPullRequest(store.db, a.org_id, pr());
    await startPullRequestScan(store.db, a.org_id, uuid(9), 'r1', 7);
    await recordPullRequestThread(store.db, a.org_id, { repoId: 'r1', pullRequestId: 7, fingerprint: 'f1', threadId: 1, state: 'active' });
    await syncRepositories(store.db, a.org_id, [
      { id: 'r1', name: 'r1', projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    await reconcileFindings(store.db, a.org_id, 'r1', (await requestScan(store.db, a.org_id, 'r1', 'manual')).scanId, 'c1', [finding('f1')]);
    const fid = (await store.db.selectFrom('findings').select('finding_id').where('org_id', '=', a.org_id).executeTakeFirstOrThrow()).finding_id;

    expect(await getPullRequest(store.db, b.org_id, 'r1', 7)).toBeUndefined();
    expect(await getPullRequestScan(store.db, b.org_id, uuid(9))).toBeUndefined();
    expect(await latestPullRequestScan(store.db, b.org_id, 'r1', 7)).toBeUndefined();
    expect(await listPullRequestThreads(store.db, b.org_id, 'r1', 7)).toEqual([]);
    expect(await activeThreadsFor(store.db, b.org_id, ['f1'])).toEqual([]);
    expect((await targetBranchFindings(store.db, b.org_id, 'r1', ['f1'])).size).toBe(0);
    expect(await alertFingerprints(store.db, b.org_id, fid)).toEqual([]);
  });
});
