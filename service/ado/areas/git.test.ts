// Core and git calls against the fake organization: project details, repositories, refs, pull
// requests with the statuses and comment threads Vigil writes.
import { startFakeAdo, type FakeAdo } from '../../../test/fake-ado/server';
import { AdoClient } from '../client';
import { adoErrorOf, sample } from '../testdata/stub-fetch';
import { toPullRequest } from './git-pull-requests';

let fake: FakeAdo;
beforeAll(async () => {
  fake = await startFakeAdo();
});
afterAll(() => fake.close());

const client = (token = fake.pats.full) => new AdoClient({ orgUrl: fake.orgUrl('contoso'), credential: { kind: 'pat', token }, sleep: async () => undefined });
const storefront = () => fake.orgs.contoso.repos['web-storefront'];
const payments = () => fake.orgs.contoso.repos['payments-api'];


describe('core', () => {
  it('reads one project, with its capabilities when asked', async () => {
    const plain = await client().core.getProject('Storefront');
    expect(plain).toMatchObject({ name: 'Storefront', state: 'wellFormed', visibility: 'private', description: 'Customer-facing shop' });
    expect(plain.sourceControlType).toBeUndefined();
    const full = await client().core.getProject(plain.id, { includeCapabilities: true });
    expect(full).toMatchObject({ sourceControlType: 'Git', processTemplateName: 'Agile' });
  });
});

describe('git repositories and refs', () => {
  it('reads one repository by id, disabled ones included', async () => {
    const repo = await client().git.getRepository(storefront().projectId, storefront().id);
    expect(repo).toMatchObject({ id: storefront().id, name: 'web-storefront', defaultBranch: 'refs/heads/main', isDisabled: false });
    const archived = fake.orgs.contoso.repos['archived-tools'];
    expect((await client().git.getRepository(archived.projectId, archived.id)).isDisabled).toBe(true);
  });

  it('lists the branches across ref pages, tags left out by the filter', async () => {
    const refs = await client().git.listRefs(storefront().projectId, storefront().id, 'heads/');
    expect(refs.map((r) => r.name)).toEqual(['refs/heads/feature/checkout-v2', 'refs/heads/main', 'refs/heads/main-old']);
    expect(refs.find((r) => r.name === 'refs/heads/main')?.objectId).toBe(fake.orgs.contoso.headSha('web-storefront'));
    expect(refs[0].creator?.displayName).toBe('Vigil Scanner');
  });
});

describe('pull requests', () => {
  it('lists active pull requests by default, and completed ones when asked, across $top/$skip pages', async () => {
    const { projectId, id } = storefront();
    expect((await client().git.listPullRequests(projectId, id)).map((p) => p.pullRequestId)).toEqual([8]);
    const start = fake.requests.length;
    const all = await client().git.listPullRequests(projectId, id, { status: 'all', top: 1 });
    expect(all.map((p) => p.pullRequestId)).toEqual([8, 7]);
    expect(fake.requests.slice(start).map((r) => new URLSearchParams(r.query).get('$skip'))).toEqual(['0', '1', '2']);
    const completed = await client().git.listPullRequests(projectId, id, { status: 'completed', targetRefName: 'refs/heads/main' });
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ pullRequestId: 7, status: 'completed', closedBy: { displayName: 'Diego Siciliani' } });
    expect(completed[0].reviewers).toEqual([expect.objectContaining({ displayName: 'Adele Vance', vote: 10, isRequired: false })]);
    expect(completed[0].lastMergeCommit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads one pull request: a bypassed emergency merge with a waiting vote', async () => {
    const pr = await client().git.getPullRequest(payments().projectId, payments().id, 9);
    expect(pr.completionOptions).toMatchObject({ bypassPolicy: true, bypassReason: 'Emergency fix' });
    expect(pr.labels).toEqual([{ name: 'emergency', active: true }]);
    expect(pr.reviewers.map((r) => r.vote)).toEqual([10, -5]);
    expect(pr.artifactId).toBe(`vstfs:///Git/PullRequestId/${payments().projectId}%2f${payments().id}%2f9`);
    const missing = await adoErrorOf(client().git.getPullRequest(payments().projectId, payments().id, 7)); // 7 belongs to web-storefront
    expect(missing).toMatchObject({ kind: 'not-found', tfCode: 'TF401180' });
  });

  it('parses the modern sample: group reviewers, votedFor, labels, bypass flag', () => {
    const [pr] = sample<{ value: unknown[] }>('git-pullrequests-list').value.map((raw) => toPullRequest(raw, { operation: 'test', path: 'x' }));
    expect(pr).toMatchObject({ pullRequestId: 42, status: 'completed', lastMergeCommit: 'eef717f69257a6333f221566c1c987dc94cc0d72', fromFork: false });
    expect(pr.reviewers[1]).toMatchObject({ isContainer: true, isRequired: true, votedFor: [] });
    expect(pr.completionOptions).toMatchObject({ mergeStrategy: 'squash', bypassPolicy: false });
    expect(() => toPullRequest({ pullRequestId: 'x' }, { operation: 'list pull requests', path: 'p' })).toThrow(/unexpected answer to list pull requests/);
  });

  it('posts a status and lists it; the status needs vso.code_status, not vso.code', async () => {
    const { projectId, id } = storefront();
    const posted = await client().git.createPullRequestStatus(projectId, id, 8, {
      state: 'failed',
      description: '2 new secrets',
      context: { name: 'secrets', genre: 'vigil' },
      targetUrl: 'https://vigil.example/pr/8',
    });
    expect(posted).toMatchObject({ id: 1, state: 'failed', context: { name: 'secrets', genre: 'vigil' }, createdBy: { displayName: 'Vigil Scanner' } });
    const listed = await client().git.listPullRequestStatuses(projectId, id, 8);
    expect(listed).toEqual([posted]);

    const start = fake.requests.length;
    const err = await adoErrorOf(client(fake.pats.codeOnly).git.createPullRequestStatus(projectId, id, 8, { state: 'succeeded', context: { name: 'secrets' } }));
    expect(err).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(err.message).toMatch(/"Code \(Status\)" scope \(vso\.code_status\)/);
    expect(fake.requests.slice(start)).toHaveLength(1); // a refused POST is not sent again
    expect(await client(fake.pats.codeOnly).git.listPullRequestStatuses(projectId, id, 8)).toHaveLength(1);
  });

  it('comments on a line and lists the thread; threads need vso.threads_full', async () => {
    const { projectId, id } = storefront();
    const thread = await client().git.createPullRequestThread(projectId, id, 8, { content: 'A secret on this line', filePath: '/src/config/aws.js', line: 3 });
    expect(thread).toMatchObject({ id: 1, status: 'active', filePath: '/src/config/aws.js', line: 3 });
    expect(thread.comments).toEqual([expect.objectContaining({ id: 1, parentCommentId: 0, content: 'A secret on this line', commentType: 'text' })]);
    expect(await client().git.listPullRequestThreads(projectId, id, 8)).toEqual([thread]);
    const err = await adoErrorOf(client(fake.pats.codeOnly).git.createPullRequestThread(projectId, id, 8, { content: 'x' }));
    expect(err.message).toMatch(/vso\.threads_full/);
  });

  it('refuses a status without a context name, as ADO does', async () => {
    const { projectId, id } = storefront();
    const err = await adoErrorOf(client().git.createPullRequestStatus(projectId, id, 8, { state: 'pending', context: { name: '' } }));
    expect(err).toMatchObject({ kind: 'bad-response', status: 400 });
  });
});
