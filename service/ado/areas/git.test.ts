// Core and git calls against the fake organization: project details, repositories, refs, pull
// requests with the statuses and comment threads Vigil writes. Repositories and refs also on the
// documented shapes (testdata/ copies of the official examples) and with every optional field.
import { startFakeAdo, type FakeAdo } from '../../../test/fake-ado/server';
import { adoErrorOf, fakeClient, sample, stubFetch, testClient } from '../testdata/stub-fetch';
import { repositoryWebUrlOf } from './git';
import { toPullRequest } from './git-pull-requests';

let fake: FakeAdo;
beforeAll(async () => {
  fake = await startFakeAdo();
});
afterAll(() => fake.close());

const client = (token?: string) => fakeClient(fake, token).client;
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

/** A client whose every answer is `body`. */
const answering = (body: unknown) => testClient(stubFetch(() => ({ body })).fetchImpl).client;
const byName = <T extends { name: string }>(items: T[], name: string): T => {
  const found = items.find((x) => x.name === name);
  if (!found) throw new Error(`no ${name} in ${items.map((x) => x.name).join(', ')}`);
  return found;
};

describe('the web URL of a repository', () => {
  const remote = (remoteUrl: string) => repositoryWebUrlOf({ remoteUrl });

  it('is the clone URL without its user info, on the cloud, visualstudio.com and ADO Server', () => {
    expect(remote('https://fabrikam@dev.azure.com/fabrikam/Fiber%20Git/_git/Web%20App')).toBe('https://dev.azure.com/fabrikam/Fiber%20Git/_git/Web%20App');
    expect(remote('https://dev.azure.com/fabrikam/_git/Fiber-Git')).toBe('https://dev.azure.com/fabrikam/_git/Fiber-Git'); // named like its project
    expect(remote('https://fabrikam.visualstudio.com/DefaultCollection/Fiber-Git/_git/api')).toBe('https://fabrikam.visualstudio.com/DefaultCollection/Fiber-Git/_git/api');
    expect(remote('https://fabrikam.visualstudio.com/Fiber-Git/_git/api')).toBe('https://fabrikam.visualstudio.com/Fiber-Git/_git/api');
    expect(remote('http://tfs.corp.local:8080/tfs/DefaultCollection/Fiber/_git/api')).toBe('http://tfs.corp.local:8080/tfs/DefaultCollection/Fiber/_git/api');
    expect(remote('https://user:s3cret@tfs.corp.local/tfs/Main/Fiber/_git/api/?x=1#top')).toBe('https://tfs.corp.local/tfs/Main/Fiber/_git/api');
  });

  it('prefers _links.web.href, then webUrl, then remoteUrl', () => {
    const remoteUrl = 'https://fabrikam@dev.azure.com/fabrikam/P/_git/r';
    expect(repositoryWebUrlOf({ remoteUrl, webUrl: 'https://dev.azure.com/fabrikam/P/_git/r-web', _links: { web: { href: 'https://dev.azure.com/fabrikam/P/_git/r-link' } } })).toBe(
      'https://dev.azure.com/fabrikam/P/_git/r-link',
    );
    expect(repositoryWebUrlOf({ remoteUrl, webUrl: 'https://dev.azure.com/fabrikam/P/_git/r-web' })).toBe('https://dev.azure.com/fabrikam/P/_git/r-web');
    expect(repositoryWebUrlOf({ remoteUrl, _links: { forkSyncOperation: { href: 'https://x/y' } } })).toBe('https://dev.azure.com/fabrikam/P/_git/r');
  });

  it('is absent when nothing is a browser URL of a repository page (the caller builds it from the names)', () => {
    expect(repositoryWebUrlOf({})).toBeUndefined();
    expect(remote('git@ssh.dev.azure.com:v3/fabrikam/P/r')).toBeUndefined();
    expect(remote('https://dev.azure.com/fabrikam/P/_apis/git/repositories/1')).toBeUndefined();
    expect(remote('not a url')).toBeUndefined();
    expect(repositoryWebUrlOf({ webUrl: 'javascript:alert(1)', _links: { web: { href: 'file:///etc/passwd' } } })).toBeUndefined();
    expect(repositoryWebUrlOf({ webUrl: 42, remoteUrl: null })).toBeUndefined();
  });
});

describe('repositories and refs in the documented shapes', () => {
  it('lists the official example: links from remoteUrl, no size or flags, no defaultBranch when empty', async () => {
    const repos = await answering(sample('git-repositories-list')).git.listRepositories();
    expect(repos.map((r) => r.webUrl)).toEqual([
      'https://dev.azure.com/fabrikam/Fiber-Git/_git/EmptyRepository',
      'https://dev.azure.com/fabrikam/_git/Fiber-Git',
      'https://dev.azure.com/fabrikam/Sandbox/_git/Web%20App',
    ]);
    expect(repos[0]).toEqual({
      id: 'a3d5e0f1-2b4c-4d6e-8f01-23456789abcd',
      name: 'EmptyRepository',
      project: { id: '3f2e8a47-1c6b-4e55-8d0a-5b9f7c21e6a4', name: 'Fiber-Git' },
      defaultBranch: undefined,
      size: undefined,
      webUrl: 'https://dev.azure.com/fabrikam/Fiber-Git/_git/EmptyRepository',
      remoteUrl: 'https://dev.azure.com/fabrikam/Fiber-Git/_git/EmptyRepository',
      isDisabled: undefined,
      isFork: undefined,
      isInMaintenance: undefined,
    });
    expect(repos[1].defaultBranch).toBe('refs/heads/master');
  });

  it('lists the full modern shape: webUrl, size, disabled, fork and maintenance flags', async () => {
    const repos = await answering(sample('git-repositories-list-synth')).git.listRepositories();
    expect(repos[0]).toMatchObject({ webUrl: 'https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_git/Fabrikam-Fiber-Git', size: 48213097, isDisabled: false, isInMaintenance: false });
    expect(repos[1]).toMatchObject({ isFork: true });
    expect(repos[2]).toMatchObject({ defaultBranch: undefined, size: 0, isDisabled: true });
  });

  it('exposes a repository in maintenance', async () => {
    const [repo] = await answering({ count: 1, value: [{ ...sample<{ value: object[] }>('git-repositories-list').value[1], isInMaintenance: true }] }).git.listRepositories();
    expect(repo.isInMaintenance).toBe(true);
  });

  it('reads the single-repository example: the link from _links.web.href', async () => {
    const repo = await answering(sample('git-repositories-get')).git.getRepository('Fiber-Git', 'a3d5e0f1-2b4c-4d6e-8f01-23456789abcd');
    expect(repo).toMatchObject({ name: 'Another Repository', defaultBranch: 'refs/heads/master', webUrl: 'https://dev.azure.com/fabrikam/Fiber-Git/_git/Another%20Repository' });
    expect(repo.size).toBeUndefined();
  });

  it('reads the fork example: _links without web, so the link comes from remoteUrl', async () => {
    const repo = await answering(sample('git-repositories-fork-create')).git.getRepository('Fiber-Git', 'f0e1d2c3-b4a5-4968-8776-655443322110');
    expect(repo).toMatchObject({ size: 0, isFork: true, webUrl: 'https://dev.azure.com/fabrikam/Fiber-Git/_git/forked-repository', defaultBranch: undefined });
  });

  it('lists the refs example: name, objectId and url only', async () => {
    const refs = await answering(sample('git-refs-list-heads')).git.listRefs('Fiber-Git', 'c7e9a1b3-5d7f-4a1c-9e2b-4d6f8a0c2e4b', 'heads/');
    expect(refs.map((r) => r.name)).toEqual(['refs/heads/develop', 'refs/heads/master', 'refs/heads/users/kim/feature']);
    expect(refs[1]).toEqual({ name: 'refs/heads/master', objectId: '23d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7', isLocked: undefined, creator: undefined });
  });

  it.each([
    ['a repository without id', [{ name: 'r', project: { id: 'p', name: 'P' } }], 'repository.id missing'],
    ['a repository without project', [{ id: 'r1', name: 'r' }], 'repository.project missing'],
    ['a project without name', [{ id: 'r1', name: 'r', project: { id: 'p' } }], 'repository.project.name missing'],
    ['a numeric name', [{ id: 'r1', name: 3, project: { id: 'p', name: 'P' } }], 'repository.name is not a string (a number)'],
  ])('names the field of %s', async (_case, value, what) => {
    const err = await adoErrorOf(answering({ count: value.length, value }).git.listRepositories());
    expect(err).toMatchObject({ kind: 'bad-response', path: '_apis/git/repositories' });
    expect(err.message).toBe(`unexpected answer from Azure DevOps to list repositories: ${what}`);
  });

  it.each([
    ['a ref without objectId', { name: 'refs/heads/main' }, 'ref.objectId missing (refs/heads/main)'],
    ['a ref with a short objectId', { name: 'refs/heads/main', objectId: 'abc' }, 'ref.objectId is not a 40-hex commit id (refs/heads/main)'],
    ['a ref without name', { objectId: 'a'.repeat(40) }, 'ref.name missing'],
  ])('names the field of %s', async (_case, ref, what) => {
    const err = await adoErrorOf(answering({ count: 1, value: [ref] }).git.listRefs('P', 'r', 'heads/'));
    expect(err.message).toBe(`unexpected answer from Azure DevOps to read the refs of repository r: ${what}`);
  });
});

describe('git repositories and refs', () => {
  it('lists a repository with every optional field (web-storefront) and one in the minimal shape (payments-api)', async () => {
    const repos = await client().git.listRepositories();
    const orgUrl = fake.orgUrl('contoso');
    expect(byName(repos, 'web-storefront')).toEqual({
      id: storefront().id,
      name: 'web-storefront',
      project: { id: storefront().projectId, name: 'Storefront' },
      defaultBranch: 'refs/heads/main',
      size: expect.any(Number),
      webUrl: `${orgUrl}/Storefront/_git/web-storefront`,
      remoteUrl: `${orgUrl.replace('//', '//contoso@')}/Storefront/_git/web-storefront`,
      isDisabled: false,
      isFork: false,
      isInMaintenance: false,
    });
    // Listed without its default branch, as in Microsoft's example; the single answer has it.
    expect(byName(repos, 'payments-api')).toEqual({
      id: payments().id,
      name: 'payments-api',
      project: { id: payments().projectId, name: 'Storefront' },
      defaultBranch: undefined,
      size: undefined,
      webUrl: `${orgUrl}/Storefront/_git/payments-api`,
      remoteUrl: `${orgUrl.replace('//', '//contoso@')}/Storefront/_git/payments-api`,
      isDisabled: undefined,
      isFork: undefined,
      isInMaintenance: undefined,
    });
    // The fake sends a flag that is true in either shape: a disabled repository says so.
    expect(byName(repos, 'archived-tools').isDisabled).toBe(true);
  });

  it('reads one repository in either shape, its link from _links.web.href', async () => {
    const orgUrl = fake.orgUrl('contoso');
    const full = await client().git.getRepository(storefront().projectId, storefront().id);
    const minimal = await client().git.getRepository(payments().projectId, payments().id);
    expect(full).toMatchObject({ webUrl: `${orgUrl}/Storefront/_git/web-storefront`, size: expect.any(Number), isInMaintenance: false });
    expect(minimal).toMatchObject({ webUrl: `${orgUrl}/Storefront/_git/payments-api`, size: undefined, isDisabled: undefined, isInMaintenance: undefined });
  });

  it('lists refs in either shape: creator only where the repository opts into every field', async () => {
    const full = await client().git.listRefs(storefront().projectId, storefront().id, 'heads/main');
    const minimal = await client().git.listRefs(payments().projectId, payments().id, 'heads/');
    expect(full[0]).toMatchObject({ name: 'refs/heads/main', isLocked: false, creator: expect.objectContaining({ displayName: 'Vigil Scanner' }) });
    expect(minimal).toEqual([{ name: 'refs/heads/main', objectId: fake.orgs.contoso.headSha('payments-api'), isLocked: undefined, creator: undefined }]);
  });

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
    expect((await client().pullRequests.list(projectId, id)).map((p) => p.pullRequestId)).toEqual([8]);
    const start = fake.requests.length;
    const all = await client().pullRequests.list(projectId, id, { status: 'all', top: 1 });
    // Newest id first: the merged pull requests of fixtures/compliance.json (101-116 but 112-115, other repositories), then areas.json's.
    const merged = [116, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101];
    expect(all.map((p) => p.pullRequestId)).toEqual([...merged, 8, 7]);
    expect(fake.requests.slice(start).map((r) => new URLSearchParams(r.query).get('$skip'))).toEqual(Array.from({ length: merged.length + 3 }, (_, i) => String(i)));
    const completed = (await client().pullRequests.list(projectId, id, { status: 'completed', targetRefName: 'refs/heads/main' })).filter((p) => !merged.includes(p.pullRequestId));
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ pullRequestId: 7, status: 'completed', closedBy: { displayName: 'Diego Siciliani' } });
    expect(completed[0].reviewers).toEqual([expect.objectContaining({ displayName: 'Adele Vance', vote: 10, isRequired: false })]);
    expect(completed[0].lastMergeCommit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads one pull request: a bypassed emergency merge with a waiting vote', async () => {
    const pr = await client().pullRequests.get(payments().projectId, payments().id, 9);
    expect(pr.completionOptions).toMatchObject({ bypassPolicy: true, bypassReason: 'Emergency fix' });
    expect(pr.labels).toEqual([{ name: 'emergency', active: true }]);
    expect(pr.reviewers.map((r) => r.vote)).toEqual([10, -5]);
    expect(pr.artifactId).toBe(`vstfs:///Git/PullRequestId/${payments().projectId}%2f${payments().id}%2f9`);
    const missing = await adoErrorOf(client().pullRequests.get(payments().projectId, payments().id, 7)); // 7 belongs to web-storefront
    expect(missing).toMatchObject({ kind: 'not-found', tfCode: 'TF401180' });
  });

  it('parses the modern sample: group reviewers, votedFor, labels, bypass flag', () => {
    const [pr] = sample<{ value: unknown[] }>('git-pullrequests-list').value.map((raw) => toPullRequest(raw, { operation: 'test', path: 'x' }));
    expect(pr).toMatchObject({ pullRequestId: 42, status: 'completed', lastMergeCommit: 'eef717f69257a6333f221566c1c987dc94cc0d72', fromFork: false });
    expect(pr.reviewers[1]).toMatchObject({ isContainer: true, isRequired: true, votedFor: [] });
    expect(pr.completionOptions).toMatchObject({ mergeStrategy: 'squash', bypassPolicy: false });
    expect(() => toPullRequest({ pullRequestId: 'x' }, { operation: 'list pull requests', path: 'p' })).toThrow(
      'unexpected answer from Azure DevOps to list pull requests: pullRequest.pullRequestId is not a number (a string)',
    );
  });

  it('posts a status and lists it; the status needs vso.code_status, not vso.code', async () => {
    const { projectId, id } = storefront();
    const posted = await client().pullRequests.createStatus(projectId, id, 8, {
      state: 'failed',
      description: '2 new secrets',
      context: { name: 'secrets', genre: 'vigil' },
      targetUrl: 'https://vigil.example/pr/8',
    });
    expect(posted).toMatchObject({ id: 1, state: 'failed', context: { name: 'secrets', genre: 'vigil' }, createdBy: { displayName: 'Vigil Scanner' } });
    const listed = await client().pullRequests.listStatuses(projectId, id, 8);
    expect(listed).toEqual([posted]);

    const start = fake.requests.length;
    const err = await adoErrorOf(client(fake.pats.codeOnly).pullRequests.createStatus(projectId, id, 8, { state: 'succeeded', context: { name: 'secrets' } }));
    expect(err).toMatchObject({ kind: 'forbidden', status: 403 });
    expect(err.message).toMatch(/"Code \(Status\)" scope \(vso\.code_status\)/);
    expect(fake.requests.slice(start)).toHaveLength(1); // a refused POST is not sent again
    expect(await client(fake.pats.codeOnly).pullRequests.listStatuses(projectId, id, 8)).toHaveLength(1);
  });

  it('comments on a line and lists the thread; threads need vso.threads_full', async () => {
    const { projectId, id } = storefront();
    const thread = await client().pullRequests.createThread(projectId, id, 8, { content: 'A secret on this line', filePath: '/src/config/aws.js', line: 3 });
    expect(thread).toMatchObject({ id: 1, status: 'active', filePath: '/src/config/aws.js', line: 3 });
    expect(thread.comments).toEqual([expect.objectContaining({ id: 1, parentCommentId: 0, content: 'A secret on this line', commentType: 'text' })]);
    expect(await client().pullRequests.listThreads(projectId, id, 8)).toEqual([thread]);
    const err = await adoErrorOf(client(fake.pats.codeOnly).pullRequests.createThread(projectId, id, 8, { content: 'x' }));
    expect(err.message).toMatch(/vso\.threads_full/);
  });

  it('refuses a status without a context name, as ADO does', async () => {
    const { projectId, id } = storefront();
    const err = await adoErrorOf(client().pullRequests.createStatus(projectId, id, 8, { state: 'pending', context: { name: '' } }));
    expect(err).toMatchObject({ kind: 'bad-response', status: 400 });
  });
});
