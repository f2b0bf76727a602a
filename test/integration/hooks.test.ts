// Service hooks through the real service against the fake ADO organization (issue 14 §1, §2, §6):
// subscriptions made at connect and repaired, the receiver's refusals (forged secret, another
// organization, malformed, oversized), replays dropped, unknown event types counted, a burst of 1,000
// push events processed exactly once each with one scan per repository and head, a PAT without the
// service hooks scope falling back to polling, and disconnection.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { hookAckSchema } from '../../service/contract/ado-events';
import { eventDeliveryDtoSchema, HOOK_EVENT_TYPES, type EventDeliveryDto } from '../../service/contract/events-api';
import { pollOrganization } from '../../service/jobs/poll-events';
import { forgetHookCredentials } from '../../service/http/hooks-routes';
import { getHookSecret } from '../../service/store/hooks';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';
import { conforming, contractApi, problemViolation } from './contract';

/** A port nothing listens on now, so that VIGIL_PUBLIC_URL can name the service before it starts. */
async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe.each(databaseKinds)('service hooks on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  let publicUrl: string;
  let orgId: string;
  let secret: string;
  const db = () => stack.service.context.store.db;
  const contoso = () => stack.fakeAdo.orgs.contoso;

  /** ADO's own REST API on the fake, as the organization's administrator's full PAT. */
  const fakeAdo = async (method: string, path: string): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${stack.org.url}/${path}${path.includes('?') ? '&' : '?'}api-version=7.1`, {
      method,
      headers: { Authorization: `Basic ${Buffer.from(`:${stack.fakeAdo.pats.full}`).toString('base64')}`, Accept: 'application/json', 'X-TFS-FedAuthRedirect': 'Suppress' },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const adoSubscriptions = async () => ((await fakeAdo('GET', '_apis/hooks/subscriptions')).body.value as any[]).filter((s) => s.consumerInputs.url === `${publicUrl}/hooks/ado/${orgId}`);

  const events = async (): Promise<EventDeliveryDto> => (await api.ok(eventDeliveryDtoSchema, stack.users.admin, 'GET', '/api/v1/organization/events')).body;

  /** POST a delivery to the receiver; `auth` false sends no credential. */
  const deliver = async (body: unknown, opts: { auth?: 'basic' | 'header' | false; password?: string; user?: string; org?: string; raw?: string } = {}) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const password = opts.password ?? secret;
    if ((opts.auth ?? 'basic') === 'basic') headers.Authorization = `Basic ${Buffer.from(`${opts.user ?? 'vigil'}:${password}`).toString('base64')}`;
    if (opts.auth === 'header') headers['X-Vigil-Hook-Secret'] = password;
    const res = await fetch(`${stack.serviceUrl}/hooks/ado/${opts.org ?? orgId}`, { method: 'POST', headers, body: opts.raw ?? JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, text, contentType: res.headers.get('content-type') ?? '', json: () => JSON.parse(text) };
  };

  const repo = (name: string) => contoso().repos[name];
  /** A git.push delivery as ADO's webHooks consumer sends it (events.md's shape). */
  const pushEvent = (repoName: string, newObjectId: string, opts: { id?: string; ref?: string; instanceId?: string } = {}) => {
    const r = repo(repoName);
    const instanceId = opts.instanceId ?? contoso().id;
    return {
      subscriptionId: randomUUID(),
      notificationId: 1,
      id: opts.id ?? randomUUID(),
      eventType: 'git.push',
      publisherId: 'tfs',
      message: { text: 'Jamal Hartnett pushed updates to main' },
      resource: {
        commits: [{ commitId: newObjectId, comment: 'change' }],
        refUpdates: [{ name: opts.ref ?? r.defaultBranch, oldObjectId: '0'.repeat(39) + '1', newObjectId }],
        repository: { id: r.id, name: r.name, project: { id: r.projectId, name: r.projectName, state: 'wellFormed' }, defaultBranch: r.defaultBranch },
        pushedBy: { id: stack.users.dev.id, displayName: stack.users.dev.displayName },
        pushId: 14,
        date: new Date().toISOString(),
      },
      resourceVersion: '1.0',
      resourceContainers: { collection: { id: instanceId }, account: { id: instanceId }, project: { id: r.projectId } },
      createdDate: new Date().toISOString(),
    };
  };

  const pushScans = async (repoId: string) =>
    db().selectFrom('scans').select(['scan_id', 'state', 'commit_sha']).where('org_id', '=', orgId).where('repo_id', '=', repoId).where('trigger', '=', 'push').execute();
  /** Until no scan of the organization waits or runs. */
  const scansSettled = () =>
    waitFor('the scans to settle', async () => {
      const busy = await db().selectFrom('scans').select('scan_id').where('org_id', '=', orgId).where('state', 'in', ['queued', 'running']).execute();
      return busy.length === 0;
    }, 120_000, 200);
  const forgetHead = (repoId: string) => db().updateTable('repositories').set({ head_sha: null }).where('org_id', '=', orgId).where('repo_id', '=', repoId).execute();

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    stack = await startStack({ database: kind, port, env: { VIGIL_PUBLIC_URL: publicUrl } });
    api = contractApi(stack);
    await stack.connectAndScan();
    orgId = (await stack.api(stack.users.admin, 'GET', '/api/v1/me')).body.organization.id;
    secret = await waitFor('the webhook secret', () => getHookSecret(db(), stack.service.config.encryptionKey, orgId), 30_000);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  test('connect subscribes each scanned project to every event type, the secret as a masked basic-auth password', async () => {
    const projects = [...new Set(Object.values(contoso().repos).filter((r) => !r.isDisabled && !r.isEmpty).map((r) => r.projectId))].sort();
    const delivery = await waitFor('the subscriptions', async () => {
      const d = await events();
      return d.mode === 'hooks' && d.subscriptions.length === projects.length * HOOK_EVENT_TYPES.length && d;
    }, 30_000);
    expect(delivery.receiverUrl).toBe(`${publicUrl}/hooks/ado/${orgId}`);
    expect(delivery.subscriptions.every((s) => s.status === 'enabled' && s.projectName)).toBe(true);

    const subs = await adoSubscriptions();
    expect(subs).toHaveLength(projects.length * HOOK_EVENT_TYPES.length);
    for (const projectId of projects) {
      expect(subs.filter((s) => s.publisherInputs.projectId === projectId).map((s) => s.eventType).sort()).toEqual([...HOOK_EVENT_TYPES].sort());
    }
    for (const s of subs) {
      expect(s.consumerInputs).toMatchObject({ basicAuthUsername: 'vigil', basicAuthPassword: '********', resourceDetailsToSend: 'all' });
      expect(JSON.stringify(s)).not.toContain(secret);
    }
    expect(secret.length).toBeGreaterThanOrEqual(32);
  });

  test('repair recreates a subscription deleted in ADO and re-enables none that is fine', async () => {
    const [victim, ...others] = await adoSubscriptions();
    expect((await fakeAdo('DELETE', `_apis/hooks/subscriptions/${victim.id}`)).status).toBe(204);
    expect(await adoSubscriptions()).toHaveLength(others.length);
    const repaired = (await api.ok(eventDeliveryDtoSchema, stack.users.admin, 'POST', '/api/v1/organization/events/repair')).body;
    const after = await adoSubscriptions();
    expect(after).toHaveLength(others.length + 1);
    // The others kept their ids; the victim's scope has a new one.
    expect(after.map((s) => s.id)).toEqual(expect.arrayContaining(others.map((s) => s.id)));
    const replacement = after.find((s) => s.eventType === victim.eventType && s.publisherInputs.projectId === victim.publisherInputs.projectId);
    expect(replacement.id).not.toBe(victim.id);
    expect(repaired.subscriptions.map((s) => s.id).sort()).toEqual(after.map((s) => s.id).sort());
    // Only administrators repair.
    expect((await api.problem(stack.users.dev, 'POST', '/api/v1/organization/events/repair')).status).toBe(403);
  });

  test('a forged, missing or misdirected credential is refused with 401 and no detail', async () => {
    const body = pushEvent('web-storefront', contoso().headSha('web-storefront')!);
    for (const res of [
      await deliver(body, { password: secret + 'x' }),
      await deliver(body, { password: 'wrong' }),
      await deliver(body, { user: 'someone', password: secret }),
      await deliver(body, { auth: false }),
      await deliver(body, { auth: 'header', password: 'wrong' }),
      await deliver(body, { org: randomUUID() }),
      await deliver(body, { org: 'not-an-id' }),
      // The right secret, but the event names another organization.
      await deliver(pushEvent('web-storefront', contoso().headSha('web-storefront')!, { instanceId: stack.fakeAdo.orgs.fabrikam.id })),
    ]) {
      expect(res.status).toBe(401);
      expect(res.text).toBe('');
    }
    const rows = await db().selectFrom('hook_events').select('event_id').where('event_id', '=', body.id).execute();
    expect(rows).toHaveLength(0);
    // The custom header is the other accepted way.
    expect((await deliver(body, { auth: 'header' })).status).toBe(202);
  });

  test('malformed and oversized bodies are refused; an unknown event type is accepted, ignored and counted', async () => {
    const notJson = await deliver(undefined, { raw: '{"id": ' });
    expect(notJson.status).toBe(400);
    expect(problemViolation(400, notJson.contentType, notJson.json())).toBeUndefined();
    const bad = pushEvent('web-storefront', 'not-a-commit');
    const invalid = await deliver(bad);
    expect(invalid.status).toBe(400);
    expect(problemViolation(400, invalid.contentType, invalid.json())).toBeUndefined();
    expect(invalid.json().detail).toMatch(/newObjectId/);
    const noId = await deliver({ ...pushEvent('web-storefront', contoso().headSha('web-storefront')!), id: undefined });
    expect(noId.status).toBe(400);

    const huge = pushEvent('web-storefront', contoso().headSha('web-storefront')!);
    (huge.resource as any).padding = 'x'.repeat(1024 * 1024);
    const tooLarge = await deliver(huge);
    expect(tooLarge.status).toBe(413);
    expect(problemViolation(413, tooLarge.contentType, tooLarge.json())).toBeUndefined();

    const ignoredBefore = (await events()).eventsIgnored;
    const comment = { ...pushEvent('web-storefront', contoso().headSha('web-storefront')!), eventType: 'ms.vss-code.git-pullrequest-comment-event', resource: { comment: { content: 'hi' } } };
    const unknown = await deliver(comment);
    expect(unknown.status).toBe(202);
    expect(conforming(hookAckSchema, unknown.json(), 'ack')).toEqual({ outcome: 'ignored' });
    expect((await events()).eventsIgnored).toBe(ignoredBefore + 1);
    // A push to another branch is ignored (and counted) too.
    const feature = await deliver(pushEvent('web-storefront', 'a'.repeat(40), { ref: 'refs/heads/feature/checkout-v2' }));
    expect(feature.json()).toEqual({ outcome: 'ignored' });
    expect((await events()).eventsIgnored).toBe(ignoredBefore + 2);
  });

  test('a replayed event is dropped: one scan', async () => {
    await scansSettled();
    const r = repo('orders-service');
    await forgetHead(r.id);
    const event = pushEvent('orders-service', contoso().headSha('orders-service')!);
    const first = await deliver(event);
    expect(first.status).toBe(202);
    expect(first.json()).toEqual({ outcome: 'queued' });
    const replay = await deliver(event);
    expect(replay.status).toBe(202);
    expect(replay.json()).toEqual({ outcome: 'duplicate' });
    await scansSettled();
    const scans = await pushScans(r.id);
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ state: 'done', commit_sha: contoso().headSha('orders-service') });
    // The head is scanned now: the same head again (a new event id) queues nothing.
    expect((await deliver(pushEvent('orders-service', contoso().headSha('orders-service')!))).json()).toEqual({ outcome: 'coalesced' });
  });

  test('a burst of 1,000 push events for three repositories: each recorded once, one scan per repository and head', async () => {
    await scansSettled();
    const names = ['web-storefront', 'payments-api', 'inventory-service'];
    for (const n of names) await forgetHead(repo(n).id);
    const before = new Map<string, number>();
    for (const n of names) before.set(n, (await pushScans(repo(n).id)).length);
    const ids = Array.from({ length: 1000 }, () => randomUUID());
    const outcomes: string[] = [];
    let next = 0;
    // 25 deliveries in flight at a time, as ADO's retries and a monorepo's pushes would arrive.
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < ids.length) {
          const i = next++;
          const name = names[i % names.length];
          const res = await deliver(pushEvent(name, contoso().headSha(name)!, { id: ids[i] }));
          expect(res.status).toBe(202);
          outcomes.push(res.json().outcome);
        }
      }),
    );
    // The same ids again: every one a duplicate.
    for (const id of ids.slice(0, 20)) expect((await deliver(pushEvent(names[0], contoso().headSha(names[0])!, { id }))).json()).toEqual({ outcome: 'duplicate' });
    await scansSettled();
    const recorded = await db().selectFrom('hook_events').select('event_id').where('org_id', '=', orgId).where('event_id', 'in', ids).execute();
    expect(recorded).toHaveLength(1000);
    expect(outcomes.filter((o) => o === 'queued')).toHaveLength(names.length);
    expect(outcomes.filter((o) => o === 'coalesced')).toHaveLength(1000 - names.length);
    for (const n of names) {
      const scans = await pushScans(repo(n).id);
      expect(scans.length - before.get(n)!).toBe(1);
      expect(scans.every((s) => s.state === 'done' && s.commit_sha === contoso().headSha(n))).toBe(true);
    }
  }, 180_000);

  test('ADO disables a subscription whose deliveries keep failing; repair re-enables it with the current secret; a push through ADO is then delivered and scanned', async () => {
    await scansSettled();
    const r = repo('inventory-service');
    // The secret ADO holds is no longer Vigil's (as after restoring an older database): every delivery gets 401.
    await db().deleteFrom('hook_endpoints').where('org_id', '=', orgId).execute();
    forgetHookCredentials(stack.service.context, orgId);
    for (let i = 0; i < 3; i++) stack.fakeAdo.push('contoso', 'inventory-service', { changes: { [`docs/hooks-note-${i}.md`]: `note ${i}\n` } });
    await stack.fakeAdo.deliveries.settled();
    const pushSub = (await adoSubscriptions()).find((s) => s.eventType === 'git.push' && s.publisherInputs.projectId === r.projectId);
    expect(pushSub.status).toBe('disabledBySystem');
    expect(stack.fakeAdo.deliveries.log.filter((a) => a.subscriptionId === pushSub.id).map((a) => a.status).slice(-3)).toEqual([401, 401, 401]);

    const repaired = (await api.ok(eventDeliveryDtoSchema, stack.users.admin, 'POST', '/api/v1/organization/events/repair')).body;
    expect(repaired.mode).toBe('hooks');
    expect(repaired.subscriptions.find((s) => s.id === pushSub.id)?.status).toBe('enabled');
    expect((await adoSubscriptions()).find((s) => s.id === pushSub.id).status).toBe('enabled');
    // Every subscription was given the new secret: the other event types reach Vigil too.
    expect((await adoSubscriptions()).every((s) => s.status === 'enabled' && s.modifiedDate > pushSub.modifiedDate)).toBe(true);
    secret = (await getHookSecret(db(), stack.service.config.encryptionKey, orgId))!;

    const head = stack.fakeAdo.push('contoso', 'inventory-service', { changes: { 'docs/hooks-note-3.md': 'delivered\n' } });
    await stack.fakeAdo.deliveries.settled();
    expect(stack.fakeAdo.deliveries.log.filter((a) => a.subscriptionId === pushSub.id).at(-1)?.status).toBe(202);
    await waitFor('the scan of the pushed head', async () => (await pushScans(r.id)).some((s) => s.commit_sha === head && s.state === 'done'), 60_000);
    await scansSettled();
  }, 120_000);

  /** A git.pullrequest.* delivery (events.md's shape: the resource is a GitPullRequest). */
  const pullRequestEvent = (eventType: string, repoName: string, pullRequestId: number, sourceCommit: string, status = 'active') => {
    const r = repo(repoName);
    return {
      ...pushEvent(repoName, sourceCommit),
      eventType,
      message: { text: `Jamal Hartnett ${eventType.split('.').pop()} pull request ${pullRequestId}` },
      resource: {
        repository: { id: r.id, name: r.name, project: { id: r.projectId, name: r.projectName } },
        pullRequestId,
        status,
        createdBy: { id: stack.users.dev.id, displayName: stack.users.dev.displayName },
        creationDate: '2025-06-01T10:00:00Z',
        title: 'Add a payment provider',
        sourceRefName: 'refs/heads/feature/pay',
        targetRefName: r.defaultBranch,
        mergeStatus: 'succeeded',
        lastMergeSourceCommit: { commitId: sourceCommit, url: 'x' },
        lastMergeTargetCommit: { commitId: contoso().headSha(repoName), url: 'x' },
        reviewers: [{ id: stack.users.admin.id, displayName: 'Ada', vote: 0 }],
      },
    };
  };

  test('pull request events: recorded; created and a new source commit ask for a PR scan, other updates do not', async () => {
    const r = repo('payments-api');
    const prRow = () => db().selectFrom('pull_requests').selectAll().where('org_id', '=', orgId).where('repo_id', '=', r.id).where('pull_request_id', '=', 9001).executeTakeFirst();
    const prScans = async () => (await db().selectFrom('pull_request_scans').select('pr_scan_id').where('org_id', '=', orgId).where('pull_request_id', '=', 9001).execute()).length;
    const created = await deliver(pullRequestEvent('git.pullrequest.created', 'payments-api', 9001, 'b'.repeat(40)));
    expect(created.json()).toEqual({ outcome: 'queued' });
    expect(await prRow()).toMatchObject({ status: 'active', source_commit: 'b'.repeat(40), target_ref: r.defaultBranch, title: 'Add a payment provider' });
    expect(await prScans()).toBe(1);
    // A vote: the same source commit.
    expect((await deliver(pullRequestEvent('git.pullrequest.updated', 'payments-api', 9001, 'b'.repeat(40)))).json()).toEqual({ outcome: 'recorded' });
    expect(await prScans()).toBe(1);
    // A push to the pull request: a new source commit (a scan, or the waiting one reads it).
    const pushed = await deliver(pullRequestEvent('git.pullrequest.updated', 'payments-api', 9001, 'c'.repeat(40)));
    expect(['queued', 'coalesced']).toContain(pushed.json().outcome);
    expect((await prRow())?.source_commit).toBe('c'.repeat(40));
    // Abandoned: recorded only.
    const before = await prScans();
    expect((await deliver(pullRequestEvent('git.pullrequest.updated', 'payments-api', 9001, 'c'.repeat(40), 'abandoned'))).json()).toEqual({ outcome: 'recorded' });
    expect((await prRow())?.status).toBe('abandoned');
    expect(await prScans()).toBe(before);
  });

  test('a pull request opened in ADO is delivered, recorded and queued for its scan; the push to its branch is ignored', async () => {
    const r = repo('payments-api');
    const commit = stack.fakeAdo.push('contoso', 'payments-api', { branch: 'feature/hooks-e2e', changes: { 'docs/hooks-e2e.md': 'e2e\n' } });
    const id = stack.fakeAdo.createPullRequest('contoso', 'payments-api', { source: 'feature/hooks-e2e', title: 'Hooks end to end' });
    await stack.fakeAdo.deliveries.settled();
    const answered = (type: string) => stack.fakeAdo.deliveries.log.filter((a) => a.eventType === type).map((a) => a.status);
    expect(answered('git.pullrequest.created').at(-1)).toBe(202);
    const row = await db().selectFrom('pull_requests').selectAll().where('org_id', '=', orgId).where('repo_id', '=', r.id).where('pull_request_id', '=', id).executeTakeFirst();
    expect(row).toMatchObject({ status: 'active', title: 'Hooks end to end', source_ref: 'refs/heads/feature/hooks-e2e', source_commit: commit });
    const scans = await db().selectFrom('pull_request_scans').select('pr_scan_id').where('org_id', '=', orgId).where('pull_request_id', '=', id).execute();
    expect(scans.length).toBeGreaterThanOrEqual(1);
    const ignored = await db().selectFrom('hook_events').select(['event_id', 'outcome']).where('org_id', '=', orgId).where('event_type', '=', 'git.push').orderBy('received_at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(ignored.outcome).toBe('ignored');
  });

  test('an event of a repository not discovered yet asks for a discovery and is ignored', async () => {
    const lastDiscovery = async () => (await db().selectFrom('organizations').select('last_discovery_at').where('org_id', '=', orgId).executeTakeFirstOrThrow()).last_discovery_at;
    const before = await lastDiscovery();
    const stranger = pushEvent('web-storefront', contoso().headSha('web-storefront')!);
    stranger.resource.repository.id = randomUUID();
    expect((await deliver(stranger)).json()).toEqual({ outcome: 'ignored' });
    await waitFor('a discovery after the event', async () => {
      const at = await lastDiscovery();
      return !!at && (!before || new Date(at).getTime() > new Date(before).getTime());
    }, 60_000);
    await scansSettled();
  });

  test('build.complete through ADO: the build, what it ran for and its tasks are recorded (no scan)', async () => {
    const r = repo('web-storefront');
    const scansBefore = (await pushScans(r.id)).length;
    const buildId = stack.fakeAdo.completeBuild('contoso', 'Storefront', {
      definition: 'web-storefront CI',
      branch: 'main',
      result: 'failed',
      tasks: [
        { name: 'Install', taskName: 'Npm', version: '1.238.1' },
        { name: 'Run tests', taskName: 'CmdLine', version: '2.250.1' },
      ],
    });
    await stack.fakeAdo.deliveries.settled();
    expect(stack.fakeAdo.deliveries.log.filter((a) => a.eventType === 'build.complete').map((a) => a.status)).toEqual([202]);
    const row = await waitFor('the build recorded', () => db().selectFrom('builds').selectAll().where('org_id', '=', orgId).where('build_id', '=', buildId).executeTakeFirst(), 60_000);
    expect(row).toMatchObject({ project_id: r.projectId, definition_name: 'web-storefront CI', result: 'failed', repo_id: r.id, source_branch: 'refs/heads/main', pull_request_id: null });
    expect((row.tasks as any[]).map((t) => [t.name, t.task?.name, t.result])).toEqual([
      ['Install', 'Npm', expect.any(String)],
      ['Run tests', 'CmdLine', expect.any(String)],
    ]);
    expect((await pushScans(r.id)).length).toBe(scansBefore);
  }, 90_000);

  test('a PAT without the service hooks scope: polling mode, named in the hub, and polling finds a moved head', async () => {
    // Reconnect with the PAT that has vso.project and vso.code only (the connect's discovery, then its scans, settle first).
    const reconnectedAt = Date.now();
    const res = await stack.api(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.codeOnly });
    expect(res.status).toBe(201);
    const delivery = await waitFor('polling mode', async () => {
      const d = await events();
      return d.mode === 'polling' && d;
    }, 30_000);
    expect(delivery.modeReason).toMatch(/vso\.hooks_write/);
    expect(delivery.modeReason).toMatch(new RegExp(`every ${stack.service.config.pollMinutes} minutes`));

    await waitFor('the discovery of the reconnect', async () => {
      const o = await db().selectFrom('organizations').select('last_discovery_at').where('org_id', '=', orgId).executeTakeFirstOrThrow();
      const q = await db().selectFrom('discovery_requests').select(['pending_since', 'claim_token']).where('org_id', '=', orgId).executeTakeFirst();
      return !!o.last_discovery_at && new Date(o.last_discovery_at).getTime() >= reconnectedAt && !q?.pending_since && !q?.claim_token;
    }, 60_000);
    await scansSettled();
    const r = repo('billing-dotnet');
    // As if the branch moved since the last scan: that scan read an older head.
    await forgetHead(r.id);
    const last = (await db().selectFrom('repositories').select('last_scan_id').where('org_id', '=', orgId).where('repo_id', '=', r.id).executeTakeFirstOrThrow()).last_scan_id!;
    await db().updateTable('scans').set({ commit_sha: '0'.repeat(39) + '2' }).where('org_id', '=', orgId).where('scan_id', '=', last).execute();
    const before = (await db().selectFrom('scans').select('scan_id').where('org_id', '=', orgId).where('repo_id', '=', r.id).execute()).length;
    const round = await pollOrganization(stack.service.context, orgId);
    expect(round.scans).toBeGreaterThanOrEqual(1);
    expect(round.errors).toBe(0);
    expect((await events()).lastPollAt).toBeDefined();
    await scansSettled();
    const after = await db().selectFrom('scans').select('scan_id').where('org_id', '=', orgId).where('repo_id', '=', r.id).execute();
    expect(after.length - before).toBe(1);
    // Nothing moved since: the next round queues nothing.
    expect((await pollOrganization(stack.service.context, orgId)).scans).toBe(0);

    // Back to the full PAT: hooks again.
    expect((await stack.api(stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full })).status).toBe(201);
    await waitFor('hooks mode', async () => (await events()).mode === 'hooks', 30_000);
  }, 120_000);

  test('disconnect deletes the subscriptions in ADO and every row of the organization', async () => {
    await scansSettled();
    expect((await adoSubscriptions()).length).toBeGreaterThan(0);
    expect((await api.problem(stack.users.dev, 'DELETE', '/api/v1/organization')).status).toBe(403);
    const res = await stack.api(stack.users.admin, 'DELETE', '/api/v1/organization');
    expect(res.status).toBe(204);
    expect(await adoSubscriptions()).toHaveLength(0);
    for (const table of ['organizations', 'repositories', 'hook_endpoints', 'hook_subscriptions', 'hook_events', 'scans'] as const) {
      const rows = await db().selectFrom(table).select('org_id').where('org_id', '=', orgId).execute();
      expect([table, rows.length]).toEqual([table, 0]);
    }
    expect((await api.problem(stack.users.admin, 'GET', '/api/v1/organization/events')).status).toBe(404);
    // The receiver no longer knows the organization.
    expect((await deliver(pushEvent('web-storefront', contoso().headSha('web-storefront')!))).status).toBe(401);
  });
});
