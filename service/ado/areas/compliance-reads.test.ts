// The reads compliance evidence needs, against an injected fetch answering ADO's shapes: vote updates from
// a pull request's system threads (CodeReviewThreadType VoteUpdate, the voter as a key into the thread's
// identities), its commits across continuation pages, a policy's revisions across $top/$skip pages,
// a project's pull-request builds with deleted ones, and the request tally (each answer, 429s apart).
import { withRequestTally } from '../request-tally';
import { stubFetch, testClient, type StubAnswer } from '../testdata/stub-fetch';

const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const REPO = '278d5cd2-584d-4b63-824a-2ba458937249';

function clientWith(answer: (url: URL, index: number) => StubAnswer) {
  const stub = stubFetch((c, i) => answer(c.url, i));
  return { ...testClient(stub.fetchImpl, { maxRetries: 2 }), calls: stub.calls };
}

const person = (n: number, name: string) => ({ displayName: name, id: `00000000-0000-0000-0000-00000000000${n}`, uniqueName: `${name.toLowerCase()}@contoso.com` });
const prop = (value: string) => ({ $type: 'System.String', $value: value });

/** A VoteUpdate system thread as ADO lists it (commentType system, identities keyed "1"). */
const voteThread = (id: number, at: string, vote: string, voter: ReturnType<typeof person>, initiator = voter) => ({
  id,
  publishedDate: at,
  lastUpdatedDate: at,
  comments: [{ id: 1, parentCommentId: 0, author: voter, content: `${voter.displayName} voted ${vote}`, publishedDate: at, commentType: 'system', usersLiked: [] }],
  status: 'active',
  threadContext: null,
  properties: {
    CodeReviewThreadType: prop('VoteUpdate'),
    CodeReviewVoteResult: prop(vote),
    CodeReviewVotedByInitiatorIdentity: prop(initiator === voter ? '1' : '2'),
    CodeReviewVotedByIdentity: prop('1'),
  },
  identities: initiator === voter ? { 1: voter } : { 1: voter, 2: initiator },
  isDeleted: false,
});

describe('vote updates', () => {
  it('reads who voted what and when from the VoteUpdate threads, oldest first, and skips the rest', async () => {
    const adele = person(1, 'Adele');
    const diego = person(2, 'Diego');
    const { client } = clientWith(() => ({
      body: {
        count: 5,
        value: [
          voteThread(4, '2026-11-02T10:00:00Z', '10', adele),
          voteThread(2, '2026-11-01T09:00:00Z', '-5', diego),
          { ...voteThread(3, '2026-11-01T09:30:00Z', '10', diego), isDeleted: true },
          // A reset by the system on a push: the initiator differs from the voter.
          voteThread(5, '2026-11-02T11:00:00Z', '0', adele, diego),
          { id: 6, publishedDate: '2026-11-02T12:00:00Z', comments: [{ id: 1, content: 'looks good', author: adele, commentType: 'text' }], properties: {}, isDeleted: false },
        ],
      },
    }));
    const votes = await client.pullRequests.listVoteUpdates(PROJECT, REPO, 42);
    expect(votes.map((v) => [v.threadId, v.voter.displayName, v.vote, v.at, v.initiator?.displayName])).toEqual([
      [2, 'Diego', -5, '2026-11-01T09:00:00Z', undefined],
      [4, 'Adele', 10, '2026-11-02T10:00:00Z', undefined],
      [5, 'Adele', 0, '2026-11-02T11:00:00Z', 'Diego'],
    ]);
  });

  it('takes the system comment author when the thread has no identities map', async () => {
    const kim = person(3, 'Kim');
    const thread = { ...voteThread(7, '2026-11-03T08:00:00Z', '5', kim), identities: undefined };
    const { client } = clientWith(() => ({ body: { count: 1, value: [thread] } }));
    const [vote] = await client.pullRequests.listVoteUpdates(PROJECT, REPO, 42);
    expect(vote).toMatchObject({ vote: 5, voter: { displayName: 'Kim' } });
  });
});

describe('pull request commits', () => {
  it('follows the continuation token and keeps each commit author', async () => {
    const commit = (id: string, name: string) => ({ commitId: id, author: { name, email: `${name}@contoso.com`, date: '2026-11-01T08:00:00Z' }, committer: { name, email: `${name}@contoso.com` }, comment: 'x' });
    const { client, calls } = clientWith((url) =>
      url.searchParams.get('continuationToken')
        ? { body: { count: 1, value: [commit('b'.repeat(40), 'kim')] } }
        : { body: { count: 1, value: [commit('a'.repeat(40), 'diego')] }, headers: { 'x-ms-continuationtoken': 'next' } },
    );
    const commits = await client.pullRequests.listCommits(PROJECT, REPO, 42);
    expect(commits.map((c) => [c.commitId[0], c.author?.email])).toEqual([
      ['a', 'diego@contoso.com'],
      ['b', 'kim@contoso.com'],
    ]);
    expect(calls[0].url.pathname).toBe(`/contoso/${PROJECT}/_apis/git/repositories/${REPO}/pullRequests/42/commits`);
  });

  it('names the field a commit lacks', async () => {
    const { client } = clientWith(() => ({ body: { count: 1, value: [{ author: { name: 'x' } }] } }));
    await expect(client.pullRequests.listCommits(PROJECT, REPO, 42)).rejects.toThrow(/commit\.commitId/);
  });
});

describe('policy revisions', () => {
  it('reads every revision across $top/$skip pages, oldest first, with when and by whom', async () => {
    const revision = (n: number) => ({
      id: 12,
      revision: n,
      isEnabled: n !== 2,
      isBlocking: true,
      createdBy: person(1, 'Adele'),
      createdDate: `2026-0${n}-01T00:00:00Z`,
      type: { id: 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd', displayName: 'Minimum number of reviewers' },
      settings: { minimumApproverCount: n, creatorVoteCounts: false, scope: [{ repositoryId: REPO, refName: 'refs/heads/main', matchKind: 'Exact' }] },
    });
    const all = Array.from({ length: 101 }, (_, i) => revision(((i % 9) + 1)));
    const { client, calls } = clientWith((url) => {
      const skip = Number(url.searchParams.get('$skip'));
      const top = Number(url.searchParams.get('$top'));
      return { body: { count: 0, value: all.slice(skip, skip + top) } };
    });
    const revisions = await client.policy.listRevisions(PROJECT, 12);
    expect(revisions).toHaveLength(101);
    expect(calls).toHaveLength(2);
    expect(calls[0].url.pathname).toBe(`/contoso/${PROJECT}/_apis/policy/configurations/12/revisions`);
    expect(revisions[0]).toMatchObject({ revision: 1, isEnabled: true, createdDate: '2026-01-01T00:00:00Z', scope: [{ repositoryId: REPO, refName: 'refs/heads/main', matchKind: 'Exact' }] });
    expect(revisions.at(-1)?.revision).toBe(9);
  });
});

describe('pull-request builds of a project', () => {
  it('asks once for the project with deleted builds included, and marks the deleted ones', async () => {
    const build = (id: number, deleted?: boolean) => ({
      id,
      buildNumber: `20261101.${id}`,
      status: 'completed',
      result: 'succeeded',
      reason: 'pullRequest',
      sourceBranch: `refs/pull/${id}/merge`,
      sourceVersion: 'c'.repeat(40),
      triggerInfo: { 'pr.number': String(id) },
      definition: { id: 3, name: 'CI' },
      repository: { id: REPO, type: 'TfsGit' },
      ...(deleted ? { deleted: true, deletedDate: '2026-11-20T00:00:00Z', deletedReason: 'Retention policy' } : {}),
    });
    const { client, calls } = clientWith(() => ({ body: { count: 2, value: [build(7), build(8, true)] } }));
    const builds = await client.build.pullRequestBuildsSince(PROJECT, '2026-09-01T00:00:00.000Z');
    expect(builds.map((b) => [b.id, b.deleted ?? false])).toEqual([
      [7, false],
      [8, true],
    ]);
    const q = calls[0].url.searchParams;
    expect([q.get('reasonFilter'), q.get('deletedFilter'), q.get('minTime')]).toEqual(['pullRequest', 'includeDeleted', '2026-09-01T00:00:00.000Z']);
  });
});

describe('request tally', () => {
  it('counts every answer of the work it wraps, a 429 and its retry included', async () => {
    const { client } = clientWith((_url, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: { message: 'TF400733' } } : { body: { count: 0, value: [] } }));
    const { result, tally } = await withRequestTally(() => client.pullRequests.listCommits(PROJECT, REPO, 1));
    expect(result).toEqual([]);
    expect(tally).toEqual({ requests: 2, throttled: 1 });
  });
});
