// The fake ADO's webHooks consumer (test/fake-ado/deliveries.ts): pushes and pull request changes are
// POSTed to the matching subscriptions with the service hooks envelope, basic auth and custom headers;
// failures are retried, then put the subscription on probation and disable it; replays and raw
// bodies for the receiver's tests.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

let fake: FakeAdo;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Status the receiver answers, by path (default 200). */
const answers = new Map<string, number>();

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // a raw body stays text
      }
      received.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = answers.get(req.url ?? '') ?? 200;
      res.end();
    });
  }).listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  fake = await startFakeAdo({ deliveries: { retries: 2, retryDelayMs: 1, disableAfter: 3 } });
});
afterAll(async () => {
  await fake.close();
  receiver.close();
});

const storefront = () => fake.orgs.contoso.repos['web-storefront'];
const platform = () => fake.orgs.contoso.repos['platform-infra'];

async function subscribe(
  eventType: string,
  path: string,
  publisherInputs: Record<string, string> = {},
  projectId = storefront().projectId,
  consumerInputs: Record<string, string> = {},
) {
  const res = await fetch(`${fake.orgUrl('contoso')}/_apis/hooks/subscriptions?api-version=7.1`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      publisherId: 'tfs',
      eventType,
      resourceVersion: '1.0',
      consumerId: 'webHooks',
      consumerActionId: 'httpRequest',
      publisherInputs: { projectId, ...publisherInputs },
      consumerInputs: { url: `${receiverUrl}${path}`, basicAuthUsername: 'vigil', basicAuthPassword: 's3cret', httpHeaders: 'X-Vigil-Key:abc\nX-Other: def', ...consumerInputs },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

const getSubscription = async (id: string) =>
  (await (
    await fetch(`${fake.orgUrl('contoso')}/_apis/hooks/subscriptions/${id}?api-version=7.1`, {
      headers: { authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}` },
    })
  ).json()) as any;

const at = (path: string) => received.filter((r) => r.path === path);

it('delivers git.push to the matching subscription with the envelope, basic auth and custom headers; the branch filter holds', async () => {
  const all = await subscribe('git.push', '/push-all', { repository: storefront().id, branch: '' });
  await subscribe('git.push', '/push-main', { repository: storefront().id, branch: 'main' });
  await subscribe('git.push', '/push-other-project', {}, platform().projectId);
  const head = fake.orgs.contoso.headSha('web-storefront');
  const commit = fake.push('contoso', 'web-storefront', { branch: 'feature/hooks', changes: { 'hooks.txt': 'x' } });
  await fake.deliveries.settled();

  expect(at('/push-main')).toHaveLength(0);
  expect(at('/push-other-project')).toHaveLength(0);
  const [delivery] = at('/push-all');
  expect(delivery.headers.authorization).toBe(`Basic ${Buffer.from('vigil:s3cret').toString('base64')}`);
  expect(delivery.headers['x-vigil-key']).toBe('abc');
  expect(delivery.headers['x-other']).toBe('def');
  expect(delivery.body).toMatchObject({
    subscriptionId: all,
    notificationId: 1,
    eventType: 'git.push',
    publisherId: 'tfs',
    resourceVersion: '1.0',
    resourceContainers: { collection: { id: expect.any(String) }, project: { id: storefront().projectId } },
    resource: {
      refUpdates: [{ name: 'refs/heads/feature/hooks', oldObjectId: '0'.repeat(40), newObjectId: commit }],
      commits: [{ commitId: commit }],
      repository: { id: storefront().id, project: { id: storefront().projectId } },
      pushedBy: { displayName: 'Vigil Scanner' },
    },
  });
  expect(delivery.body.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(delivery.body.message.text).toMatch(/pushed updates to web-storefront:feature\/hooks/);
  expect(head).toBe(fake.orgs.contoso.headSha('web-storefront'));

  fake.push('contoso', 'web-storefront', { changes: { 'hooks.txt': 'y' } });
  await fake.deliveries.settled();
  expect(at('/push-main')).toHaveLength(1);
  expect(at('/push-all').map((r) => r.body.notificationId)).toEqual([1, 2]);
  expect(fake.deliveries.log.filter((l) => l.subscriptionId === all).map((l) => l.status)).toEqual([200, 200]);
});

it('publishes pull request events: created, merged (merge attempted), updated with PushNotification and StatusUpdateNotification', async () => {
  await subscribe('git.pullrequest.created', '/pr-created', { repository: storefront().id });
  await subscribe('git.pullrequest.updated', '/pr-pushed', { repository: storefront().id, notificationType: 'PushNotification' });
  await subscribe('git.pullrequest.updated', '/pr-updated');
  await subscribe('git.pullrequest.merged', '/pr-merged');
  fake.push('contoso', 'web-storefront', { branch: 'feature/pr-hooks', changes: { 'pr.txt': '1' } });
  const id = fake.createPullRequest('contoso', 'web-storefront', { source: 'feature/pr-hooks', title: 'Hooks' });
  const second = fake.push('contoso', 'web-storefront', { branch: 'feature/pr-hooks', changes: { 'pr.txt': '2' } });
  const merge = fake.completePullRequest('contoso', id);
  await fake.deliveries.settled();

  expect(at('/pr-created').map((r) => [r.body.resource.pullRequestId, r.body.resource.mergeStatus])).toEqual([[id, 'queued']]);
  expect(at('/pr-pushed').map((r) => r.body.resource.lastMergeSourceCommit.commitId)).toEqual([second]);
  expect(at('/pr-updated').map((r) => r.body.resource.status)).toEqual(['active', 'completed']);
  const merged = at('/pr-merged').map((r) => r.body.resource);
  expect(merged.map((r) => r.status)).toEqual(['active', 'active', 'completed']);
  expect(merged[2]).toMatchObject({ lastMergeCommit: { commitId: merge }, closedBy: { displayName: 'Vigil Scanner' } });
});

it('retries a failing endpoint, puts the subscription on probation, disables it, and a PUT re-enables it', async () => {
  const id = await subscribe('git.push', '/failing', { repository: platform().id }, platform().projectId);
  answers.set('/failing', 503);
  fake.push('contoso', 'platform-infra', { changes: { 'f1.txt': '1' } });
  await fake.deliveries.settled();
  expect(fake.deliveries.log.filter((l) => l.subscriptionId === id).map((l) => [l.attempt, l.status])).toEqual([
    [1, 503],
    [2, 503],
    [3, 503],
  ]);
  expect((await getSubscription(id)).status).toBe('onProbation');
  const history = (await (
    await fetch(`${fake.orgUrl('contoso')}/_apis/hooks/subscriptions/${id}/notifications?result=failed&api-version=7.1`, {
      headers: { authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}` },
    })
  ).json()) as any;
  expect(history.value).toEqual([expect.objectContaining({ id: 1, subscriptionId: id, eventType: 'git.push', result: 'failed', details: expect.objectContaining({ response: 'HTTP 503' }) })]);

  fake.push('contoso', 'platform-infra', { changes: { 'f2.txt': '2' } });
  fake.push('contoso', 'platform-infra', { changes: { 'f3.txt': '3' } });
  await fake.deliveries.settled();
  expect((await getSubscription(id)).status).toBe('disabledBySystem');
  const before = at('/failing').length;
  fake.push('contoso', 'platform-infra', { changes: { 'f4.txt': '4' } });
  await fake.deliveries.settled();
  expect(at('/failing')).toHaveLength(before); // a disabled subscription gets nothing

  answers.set('/failing', 200);
  const sub = await getSubscription(id);
  const put = await fetch(`${fake.orgUrl('contoso')}/_apis/hooks/subscriptions/${id}?api-version=7.1`, {
    method: 'PUT',
    headers: { authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...sub, status: 'enabled' }),
  });
  expect(((await put.json()) as any).status).toBe('enabled');
  fake.push('contoso', 'platform-infra', { changes: { 'f5.txt': '5' } });
  await fake.deliveries.settled();
  const last = at('/failing').at(-1)!;
  // The masked password sent back in the PUT kept the stored one.
  expect(last.headers.authorization).toBe(`Basic ${Buffer.from('vigil:s3cret').toString('base64')}`);
  expect(fake.deliveries.log.at(-1)).toMatchObject({ subscriptionId: id, status: 200, attempt: 1 });
  answers.delete('/failing');
});

it('a 4xx answer is not retried; redeliver sends the same event id again; sendRaw posts any body with any credentials', async () => {
  const id = await subscribe('git.push', '/replay', { repository: storefront().id, branch: 'main' });
  answers.set('/replay', 400);
  fake.push('contoso', 'web-storefront', { changes: { 'replay.txt': '1' } });
  await fake.deliveries.settled();
  expect(fake.deliveries.log.filter((l) => l.subscriptionId === id).map((l) => l.attempt)).toEqual([1]);
  answers.delete('/replay');

  const eventId = at('/replay')[0].body.id;
  const again = await fake.deliveries.redeliver(eventId, { subscriptionId: id });
  expect(again).toEqual([expect.objectContaining({ subscriptionId: id, eventId, status: 200, redelivery: true })]);
  expect(at('/replay').map((r) => r.body.id)).toEqual([eventId, eventId]);

  const raw = await fake.deliveries.sendRaw(id, '{"not": "an event"', { auth: { username: 'vigil', password: 'wrong' } });
  expect(raw.status).toBe(200);
  const last = at('/replay').at(-1)!;
  expect(last.body).toBe('{"not": "an event"');
  expect(last.headers.authorization).toBe(`Basic ${Buffer.from('vigil:wrong').toString('base64')}`);
  await fake.deliveries.sendRaw(id, { id: 'x' }, { auth: 'none' });
  expect(at('/replay').at(-1)!.headers.authorization).toBeUndefined();
});

it('completes builds: listed with ADO filters, read with their timeline, and build.complete delivered', async () => {
  await subscribe('build.complete', '/build-failed', { definitionName: 'web-storefront CI', buildStatus: 'Failed' });
  await subscribe('build.complete', '/build-any');
  fake.push('contoso', 'web-storefront', { branch: 'feature/build', changes: { 'b.txt': '1' } });
  const pr = fake.createPullRequest('contoso', 'web-storefront', { source: 'feature/build' });
  const prBuild = fake.completeBuild('contoso', 'Storefront', {
    definition: 'web-storefront CI',
    pullRequestId: pr,
    result: 'failed',
    tasks: [
      { name: 'Checkout', taskName: 'Checkout', version: '1.0.0' },
      { name: 'Run Vigil scan', taskName: 'CmdLine', version: '2.212.0', result: 'failed' },
    ],
  });
  const ciBuild = fake.completeBuild('contoso', 'Storefront', { definition: 1, branch: 'main', result: 'succeeded' });
  await fake.deliveries.settled();

  expect(at('/build-failed').map((r) => r.body.resource.id)).toEqual([prBuild]);
  expect(at('/build-any').map((r) => r.body.resource.id)).toEqual([prBuild, ciBuild]);
  const resource = at('/build-failed')[0].body.resource;
  expect(resource).toMatchObject({
    status: 'completed',
    result: 'failed',
    reason: 'pullRequest',
    sourceBranch: `refs/pull/${pr}/merge`,
    sourceVersion: (fake.pullRequest('contoso', pr).lastMergeCommit as { commitId: string }).commitId,
    triggerInfo: { 'pr.number': String(pr) },
    definition: { id: 1, name: 'web-storefront CI' },
    repository: { id: storefront().id, type: 'TfsGit' },
  });

  const headers = { authorization: `Basic ${Buffer.from(`:${fake.pats.full}`).toString('base64')}` };
  const get = async (path: string) => (await (await fetch(`${fake.orgUrl('contoso')}/${storefront().projectId}/_apis/build/${path}`, { headers })).json()) as any;
  const forPr = await get(`builds?reasonFilter=pullRequest&branchName=refs/pull/${pr}/merge&repositoryId=${storefront().id}&repositoryType=TfsGit&$top=50&api-version=7.1`);
  expect(forPr.value.map((b: any) => b.id)).toEqual([prBuild]);
  const all = await get('builds?queryOrder=queueTimeDescending&api-version=7.1');
  expect(all.value.map((b: any) => b.id)).toEqual([ciBuild, prBuild]);
  // Since an hour ago: compliance.json's seeded builds finished days ago.
  const recent = `minTime=${new Date(Date.now() - 3_600_000).toISOString()}`;
  expect((await get(`builds?resultFilter=succeeded&definitions=1,2&${recent}&api-version=7.1`)).value.map((b: any) => b.id)).toEqual([ciBuild]);
  expect((await get(`builds/${ciBuild}?api-version=7.1`)).sourceVersion).toBe(fake.orgs.contoso.headSha('web-storefront'));
  const timeline = await get(`builds/${prBuild}/timeline?api-version=7.1`);
  const tasks = timeline.records.filter((r: any) => r.type === 'Task');
  expect(tasks.map((t: any) => [t.name, t.task.name, t.task.version, t.result])).toEqual([
    ['Checkout', 'Checkout', '1.0.0', 'failed'],
    ['Run Vigil scan', 'CmdLine', '2.212.0', 'failed'],
  ]);
  const job = timeline.records.find((r: any) => r.type === 'Job');
  expect(tasks.every((t: any) => t.parentId === job.id)).toBe(true);
  const missing = await fetch(`${fake.orgUrl('contoso')}/${storefront().projectId}/_apis/build/builds/99999?api-version=7.1`, { headers });
  expect(missing.status).toBe(404);
});

it('honours messagesToSend, detailedMessagesToSend and resourceDetailsToSend', async () => {
  await subscribe('git.push', '/quiet', { repository: storefront().id }, storefront().projectId, { messagesToSend: 'none', detailedMessagesToSend: 'text', resourceDetailsToSend: 'minimal' });
  fake.push('contoso', 'web-storefront', { changes: { 'quiet.txt': 'q' } });
  await fake.deliveries.settled();
  const [delivery] = at('/quiet');
  expect(delivery.body.message).toBeUndefined();
  expect(Object.keys(delivery.body.detailedMessage)).toEqual(['text']);
  expect(Object.keys(delivery.body.resource).sort()).toEqual(['pushId', 'url']);
});
