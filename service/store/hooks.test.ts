// Service hook records in the store: the webhook secret (sealed, bound to its organization, made once),
// event ids remembered once (a replay is refused) and forgotten after 7 days, ignored events counted,
// subscriptions replaced as checked, builds upserted, and organization isolation.
import { randomBytes } from 'node:crypto';
import { databaseKinds } from '../../test/support/databases';
import {
  deleteOrganization,
  ensureHookSecret,
  eventOutcomes,
  getHookEndpoint,
  getHookSecret,
  lastEventAt,
  listSubscriptions,
  pruneEvents,
  receiverCredentials,
  recordEvent,
  replaceSubscriptions,
  repositoryScanState,
  setEventMode,
  settleEvent,
  upsertBuild,
} from './hooks';
import { setRepositoryScanState, syncRepositories } from './repositories';
import { claimNextScan, requestScan } from './scan-queue';
import { recordScanCommit } from './scans';
import { connectTestOrg, TEST_KEY, useTestStore } from './testdata/test-store';

describe.each(databaseKinds)('hook records on %s', (kind) => {
  const store = useTestStore(kind);
  const db = () => store().db;

  test('a secret is made once per organization, sealed with it, and opens only for it', async () => {
    const a = await connectTestOrg(store(), 'hooks-a');
    const b = await connectTestOrg(store(), 'hooks-b');
    expect(await getHookSecret(db(), TEST_KEY, a.org_id)).toBeUndefined();
    const secret = await ensureHookSecret(db(), TEST_KEY, a.org_id);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await ensureHookSecret(db(), TEST_KEY, a.org_id)).toBe(secret);
    expect(await ensureHookSecret(db(), TEST_KEY, b.org_id)).not.toBe(secret);
    const row = await db().selectFrom('hook_endpoints').selectAll().where('org_id', '=', a.org_id).executeTakeFirstOrThrow();
    expect(row.ciphertext.toString('utf8')).not.toContain(secret);
    // The sealed secret of A moved to B does not open (the organization is its associated data).
    await db().updateTable('hook_endpoints').set({ iv: row.iv, tag: row.tag, ciphertext: row.ciphertext }).where('org_id', '=', b.org_id).execute();
    await expect(getHookSecret(db(), TEST_KEY, b.org_id)).rejects.toThrow();
    await expect(getHookSecret(db(), randomBytes(32), a.org_id)).rejects.toThrow(/different VIGIL_ENCRYPTION_KEY/);
    expect(await receiverCredentials(db(), TEST_KEY, a.org_id)).toEqual({ instanceId: a.instance_id, secret });
  });

  test('an event id is recorded once; ignored ones are counted; old ids are forgotten', async () => {
    const org = await connectTestOrg(store(), 'hooks-events');
    const other = await connectTestOrg(store(), 'hooks-events-other');
    await ensureHookSecret(db(), TEST_KEY, org.org_id);
    expect(await recordEvent(db(), org.org_id, 'e1', 'git.push', 'received')).toBe(true);
    expect(await recordEvent(db(), org.org_id, 'e1', 'git.push', 'received')).toBe(false);
    // Another organization's event of the same id is its own.
    expect(await recordEvent(db(), other.org_id, 'e1', 'git.push', 'received')).toBe(true);
    await settleEvent(db(), org.org_id, 'e1', 'queued');
    expect(await recordEvent(db(), org.org_id, 'e2', 'x.y', 'received')).toBe(true);
    await settleEvent(db(), org.org_id, 'e2', 'ignored');
    expect(await eventOutcomes(db(), org.org_id)).toEqual({ queued: 1, ignored: 1 });
    expect((await getHookEndpoint(db(), org.org_id))?.events_ignored).toBe(1);
    expect(await lastEventAt(db(), org.org_id)).toBeInstanceOf(Date);

    await db().updateTable('hook_events').set({ received_at: new Date(Date.now() - 8 * 86_400_000) }).where('org_id', '=', org.org_id).where('event_id', '=', 'e1').execute();
    expect(await pruneEvents(db())).toBeGreaterThanOrEqual(1);
    expect(await recordEvent(db(), org.org_id, 'e1', 'git.push', 'received')).toBe(true);
    expect(await recordEvent(db(), org.org_id, 'e2', 'x.y', 'received')).toBe(false);
  });

  test('subscriptions are replaced as checked; the mode and its reason are kept', async () => {
    const org = await connectTestOrg(store(), 'hooks-subs');
    await ensureHookSecret(db(), TEST_KEY, org.org_id);
    await replaceSubscriptions(db(), org.org_id, [
      { subscriptionId: 's1', eventType: 'git.push', projectId: 'p1', status: 'enabled' },
      { subscriptionId: 'missing:p1:build.complete', eventType: 'build.complete', projectId: 'p1', status: 'missing', lastError: 'boom' },
    ]);
    expect((await listSubscriptions(db(), org.org_id)).map((s) => [s.subscription_id, s.status, s.last_error])).toEqual([
      ['missing:p1:build.complete', 'missing', 'boom'],
      ['s1', 'enabled', null],
    ]);
    await replaceSubscriptions(db(), org.org_id, [{ subscriptionId: 's2', eventType: 'build.complete', projectId: 'p1', status: 'enabled' }]);
    expect((await listSubscriptions(db(), org.org_id)).map((s) => s.subscription_id)).toEqual(['s2']);
    await setEventMode(db(), org.org_id, 'polling', 'no scope');
    expect(await getHookEndpoint(db(), org.org_id)).toMatchObject({ mode: 'polling', mode_reason: 'no scope' });
  });

  test('the scan state of a repository: waiting, and the commit of the running scan', async () => {
    const org = await connectTestOrg(store(), 'hooks-scan-state');
    await syncRepositories(db(), org.org_id, [{ id: 'r1', name: 'r1', projectId: 'p1', projectName: 'P', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null }]);
    expect(await repositoryScanState(db(), org.org_id, 'r1')).toEqual({ pending: false, scannedHead: null });
    await requestScan(db(), org.org_id, 'r1', 'push');
    expect(await repositoryScanState(db(), org.org_id, 'r1')).toEqual({ pending: true, scannedHead: null });
    // Claimed: running, its head not read yet; then the head it reads.
    let claim = await claimNextScan(db(), { workerId: 'w', leaseSeconds: 60, maxPerOrg: 4 });
    while (claim && claim.orgId !== org.org_id) claim = await claimNextScan(db(), { workerId: 'w', leaseSeconds: 60, maxPerOrg: 4 });
    expect(claim).toMatchObject({ orgId: org.org_id, repoId: 'r1' });
    expect(await repositoryScanState(db(), org.org_id, 'r1')).toEqual({ pending: false, runningCommit: null, scannedHead: null });
    await recordScanCommit(db(), org.org_id, claim!.scanId, 'a'.repeat(40));
    expect(await repositoryScanState(db(), org.org_id, 'r1')).toEqual({ pending: false, runningCommit: 'a'.repeat(40), scannedHead: null });
    await requestScan(db(), org.org_id, 'r1', 'push');
    expect(await repositoryScanState(db(), org.org_id, 'r1')).toEqual({ pending: true, runningCommit: 'a'.repeat(40), scannedHead: null });
    // The head a finished scan recorded is read in the same statement.
    await setRepositoryScanState(db(), org.org_id, 'r1', 'done', { lastScanId: claim!.scanId, headSha: 'a'.repeat(40) });
    expect((await repositoryScanState(db(), org.org_id, 'r1')).scannedHead).toBe('a'.repeat(40));
  });

  test('builds are upserted; disconnecting deletes everything of the organization', async () => {
    const org = await connectTestOrg(store(), 'hooks-builds');
    await ensureHookSecret(db(), TEST_KEY, org.org_id);
    await upsertBuild(db(), org.org_id, { buildId: 581, projectId: 'p1', result: 'failed', pullRequestId: 42, tasks: [{ name: 'Run tests', result: 'failed' }] });
    await upsertBuild(db(), org.org_id, { buildId: 581, projectId: 'p1', result: 'succeeded', pullRequestId: 42, tasks: [] });
    const rows = await db().selectFrom('builds').selectAll().where('org_id', '=', org.org_id).execute();
    expect(rows.map((r) => [r.build_id, r.result, r.pull_request_id, r.tasks])).toEqual([[581, 'succeeded', 42, []]]);
    await recordEvent(db(), org.org_id, 'e9', 'build.complete', 'queued');
    expect(await deleteOrganization(db(), org.org_id)).toBe(true);
    expect(await deleteOrganization(db(), org.org_id)).toBe(false);
    for (const table of ['builds', 'hook_events', 'hook_endpoints', 'credentials'] as const) {
      expect(await db().selectFrom(table).select('org_id').where('org_id', '=', org.org_id).execute()).toHaveLength(0);
    }
  });
});
