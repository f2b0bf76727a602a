// The fake ADO's git history and pull requests (test/fake-ado/git-history.ts, pull-request-store.ts):
// pushes through the REST API and the test handle, reads at any commit, commit diffs, blobs, PR
// iterations and their changes, file diffs, thread updates and policy creation, in ADO's shapes.
import { createHash } from 'node:crypto';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { lineDiff, splitLines } from '../fake-ado/line-diff';
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';

let fake: FakeAdo;
beforeAll(async () => {
  fake = await startFakeAdo();
});
afterAll(() => fake.close());

const ZERO = '0'.repeat(40);
const auth = (pat: string) => ({ authorization: `Basic ${Buffer.from(`:${pat}`).toString('base64')}`, 'x-tfs-fedauthredirect': 'Suppress' });
const repo = (name: string) => fake.orgs.contoso.repos[name];
const repoPath = (name: string) => `/${repo(name).projectId}/_apis/git/repositories/${repo(name).id}`;

async function call(method: string, path: string, body?: unknown, opts: { pat?: string; accept?: string; version?: string } = {}) {
  const sep = path.includes('?') ? '&' : '?';
  const res = await fetch(`${fake.orgUrl('contoso')}${path}${sep}api-version=${opts.version ?? '7.1'}`, {
    method,
    headers: { ...auth(opts.pat ?? fake.pats.full), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(opts.accept ? { accept: opts.accept } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res;
}
const json = async (method: string, path: string, body?: unknown, opts?: { pat?: string; version?: string }) => {
  const res = await call(method, path, body, { ...opts, accept: 'application/json' });
  return { status: res.status, body: (await res.json()) as any };
};

function unzip(buf: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    fromBuffer(buf, { lazyEntries: true }, (err, zip?: ZipFile) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, string>();
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

const gitBlobId = (text: string) => createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0`).update(text).digest('hex');

describe('pushes', () => {
  it('creates a commit on main through Pushes - Create (201), moves the ref and keeps the fixture commit readable', async () => {
    const before = fake.orgs.contoso.headSha('orders-service')!;
    const push = await json('POST', `${repoPath('orders-service')}/pushes`, {
      refUpdates: [{ name: 'refs/heads/main', oldObjectId: before }],
      commits: [
        {
          comment: 'Add notes',
          changes: [
            { changeType: 'add', item: { path: '/docs/notes.md' }, newContent: { content: 'one\ntwo\n', contentType: 'rawtext' } },
            { changeType: 'add', item: { path: '/bin/data.bin' }, newContent: { content: Buffer.from([0, 1, 2]).toString('base64'), contentType: 'base64encoded' } },
          ],
        },
      ],
    });
    expect(push.status).toBe(201);
    const after = push.body.refUpdates[0].newObjectId;
    expect(push.body).toMatchObject({ pushId: 1, refUpdates: [{ name: 'refs/heads/main', oldObjectId: before }], pushedBy: { displayName: 'Vigil Scanner' }, repository: { id: repo('orders-service').id } });
    expect(push.body.commits).toEqual([expect.objectContaining({ commitId: after, comment: 'Add notes', changeCounts: { Add: 2, Edit: 0, Delete: 0 } })]);
    expect(fake.orgs.contoso.headSha('orders-service')).toBe(after);

    const refs = await json('GET', `${repoPath('orders-service')}/refs?filter=heads/main`);
    expect(refs.body.value.map((r: any) => r.objectId)).toEqual([after]);
    const commit = await json('GET', `${repoPath('orders-service')}/commits/${after}`);
    expect(commit.body).toMatchObject({ commitId: after, parents: [before], push: { pushId: 1 }, author: { name: 'Vigil Scanner' } });

    const file = await call('GET', `${repoPath('orders-service')}/items?path=/docs/notes.md&versionDescriptor.version=${after}&versionDescriptor.versionType=commit`);
    expect(await file.text()).toBe('one\ntwo\n');
    const missingBefore = await json('GET', `${repoPath('orders-service')}/items?path=/docs/notes.md&versionDescriptor.version=${before}&versionDescriptor.versionType=commit`);
    expect(missingBefore.status).toBe(404);
    expect(missingBefore.body.message).toMatch(/^TF401174/);
    const item = await json('GET', `${repoPath('orders-service')}/items?path=/bin/data.bin&versionDescriptor.version=main&versionDescriptor.versionType=branch`);
    expect(item.body).toMatchObject({ gitObjectType: 'blob', commitId: after, path: '/bin/data.bin' });

    const zipAt = async (sha: string) =>
      unzip(Buffer.from(await (await call('GET', `${repoPath('orders-service')}/items?path=/&$format=zip&versionDescriptor.version=${sha}&versionDescriptor.versionType=commit`)).arrayBuffer()));
    expect((await zipAt(after)).get('docs/notes.md')).toBe('one\ntwo\n');
    expect((await zipAt(before)).has('docs/notes.md')).toBe(false);
    expect([...(await zipAt(after)).keys()].filter((k) => k !== 'docs/notes.md' && k !== 'bin/data.bin').sort()).toEqual([...(await zipAt(before)).keys()].sort());
  });

  it('refuses a stale oldObjectId (409 TF401028) and changes nothing; needs vso.code_write', async () => {
    const head = fake.orgs.contoso.headSha('inventory-service')!;
    fake.push('contoso', 'inventory-service', { changes: { 'a.txt': 'a' } });
    const stale = await json('POST', `${repoPath('inventory-service')}/pushes`, {
      refUpdates: [{ name: 'refs/heads/main', oldObjectId: head }],
      commits: [{ comment: 'late', changes: [{ changeType: 'add', item: { path: '/b.txt' }, newContent: { content: 'b', contentType: 'rawtext' } }] }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/^TF401028/);
    expect(fake.git('contoso', 'inventory-service').pushes).toHaveLength(1);
    const denied = await json('POST', `${repoPath('inventory-service')}/pushes`, { refUpdates: [], commits: [] }, { pat: fake.pats.codeOnly });
    expect(denied.status).toBe(403);
    const editMissing = await json('POST', `${repoPath('inventory-service')}/pushes`, {
      refUpdates: [{ name: 'refs/heads/main', oldObjectId: fake.orgs.contoso.headSha('inventory-service') }],
      commits: [{ comment: 'x', changes: [{ changeType: 'edit', item: { path: '/nope.txt' }, newContent: { content: 'b', contentType: 'rawtext' } }] }],
    });
    expect(editMissing.status).toBe(400);
  });

  it('creates and deletes branches (zeros as old or new object id), through pushes and Refs - Update Refs', async () => {
    const main = fake.orgs.contoso.headSha('billing-dotnet')!;
    const created = await json('POST', `${repoPath('billing-dotnet')}/refs`, [{ name: 'refs/heads/topic', oldObjectId: ZERO, newObjectId: main }]);
    expect(created.body.value).toEqual([expect.objectContaining({ name: 'refs/heads/topic', newObjectId: main, success: true })]);
    const tip = fake.push('contoso', 'billing-dotnet', { branch: 'topic', changes: { 'README.md': null } });
    const refs = await json('GET', `${repoPath('billing-dotnet')}/refs?filter=heads/`);
    expect(refs.body.value.map((r: any) => [r.name, r.objectId])).toEqual([
      ['refs/heads/main', main],
      ['refs/heads/topic', tip],
    ]);
    const deleted = await json('POST', `${repoPath('billing-dotnet')}/pushes`, { refUpdates: [{ name: 'refs/heads/topic', oldObjectId: tip, newObjectId: ZERO }], commits: [] });
    expect(deleted.status).toBe(201);
    expect((await json('GET', `${repoPath('billing-dotnet')}/refs?filter=heads/`)).body.value.map((r: any) => r.name)).toEqual(['refs/heads/main']);
  });
});

describe('commit diffs and blobs', () => {
  it('lists the changes between two commits with blob ids that the blobs zip serves', async () => {
    const base = fake.orgs.contoso.headSha('platform-infra')!;
    const baseTree = fake.git('contoso', 'platform-infra').commit(base)!.tree;
    const [edited] = [...baseTree.keys()].filter((p) => p.includes('/'));
    const [removed] = [...baseTree.keys()].filter((p) => p !== edited);
    const target = fake.push('contoso', 'platform-infra', { changes: { [edited]: 'changed\n', 'new/dir/file.txt': 'fresh\n', [removed]: null } });
    const diff = await json('GET', `${repoPath('platform-infra')}/diffs/commits?baseVersion=${base}&baseVersionType=commit&targetVersion=${target}&targetVersionType=commit`);
    expect(diff.body).toMatchObject({ commonCommit: base, baseCommit: base, targetCommit: target, aheadCount: 1, behindCount: 0, allChangesIncluded: true });
    const files = diff.body.changes.filter((c: any) => !c.item.isFolder);
    expect(files.map((c: any) => [c.changeType, c.item.path]).sort()).toEqual(
      [
        ['add', '/new/dir/file.txt'],
        ['delete', `/${removed}`],
        ['edit', `/${edited}`],
      ].sort(),
    );
    const add = files.find((c: any) => c.changeType === 'add');
    expect(add.item).toMatchObject({ objectId: gitBlobId('fresh\n'), gitObjectType: 'blob' });
    expect(diff.body.changes.filter((c: any) => c.item.isFolder).map((c: any) => c.item.path)).toEqual(expect.arrayContaining(['/new', '/new/dir']));

    const page = await json('GET', `${repoPath('platform-infra')}/diffs/commits?baseVersion=${base}&baseVersionType=commit&targetVersion=${target}&targetVersionType=commit&$top=1&$skip=1`);
    expect(page.body.changes).toHaveLength(1);
    expect(page.body.allChangesIncluded).toBe(false);

    const ids = files.filter((c: any) => c.changeType !== 'delete').map((c: any) => c.item.objectId);
    const zip = await call('POST', `${repoPath('platform-infra')}/blobs`, ids, { accept: 'application/zip' });
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const entries = await unzip(Buffer.from(await zip.arrayBuffer()));
    expect(entries.get(gitBlobId('fresh\n'))).toBe('fresh\n');
    expect(entries.get(gitBlobId('changed\n'))).toBe('changed\n');
    const one = await call('GET', `${repoPath('platform-infra')}/blobs/${gitBlobId('changed\n')}?$format=octetstream`);
    expect(await one.text()).toBe('changed\n');
    // By repository id, without the project, as ADO also routes it.
    const byId = await json('GET', `/_apis/git/repositories/${repo('platform-infra').id}/blobs/${gitBlobId('changed\n')}`);
    expect(byId.body).toMatchObject({ objectId: gitBlobId('changed\n'), size: 8 });
    expect((await json('POST', `${repoPath('platform-infra')}/blobs`, ['f'.repeat(40)])).status).toBe(404);
  });

  it('lists a rename (same blob, new path) once, with the path it came from', async () => {
    const from = fake.push('contoso', 'orders-service', { changes: { 'docs/old-name.md': 'kept\n' } });
    const push = await json('POST', `${repoPath('orders-service')}/pushes`, {
      refUpdates: [{ name: 'refs/heads/main', oldObjectId: from }],
      commits: [{ comment: 'Rename', changes: [{ changeType: 'rename', sourceServerItem: '/docs/old-name.md', item: { path: '/docs/new-name.md' } }] }],
    });
    expect(push.status).toBe(201);
    const to = push.body.refUpdates[0].newObjectId;
    const diff = await json('GET', `${repoPath('orders-service')}/diffs/commits?baseVersion=${from}&baseVersionType=commit&targetVersion=${to}&targetVersionType=commit`);
    expect(diff.body.changes.filter((c: any) => !c.item.isFolder)).toEqual([
      expect.objectContaining({ changeType: 'rename', sourceServerItem: '/docs/old-name.md', item: expect.objectContaining({ path: '/docs/new-name.md', objectId: gitBlobId('kept\n') }) }),
    ]);
  });

  it('lists a branch tip with the commits API and walks parents newest first', async () => {
    const first = fake.push('contoso', 'web-storefront', { changes: { 'x.txt': '1' }, comment: 'first' });
    const second = fake.push('contoso', 'web-storefront', { changes: { 'x.txt': '2' }, comment: 'second' });
    const list = await json('GET', `${repoPath('web-storefront')}/commits?searchCriteria.itemVersion.version=main&searchCriteria.itemVersion.versionType=branch&searchCriteria.$top=2`);
    expect(list.body.value.map((c: any) => c.commitId)).toEqual([second, first]);
    fake.push('contoso', 'web-storefront', { branch: 'stats', from: first, changes: { 'y.txt': 'y' } });
    const stats = await json('GET', `${repoPath('web-storefront')}/stats/branches?name=stats`);
    expect(stats.body).toMatchObject({ name: 'stats', aheadCount: 1, behindCount: 1, isBaseVersion: false });
    expect((await json('GET', `${repoPath('web-storefront')}/stats/branches?name=main`)).body).toMatchObject({ commit: { commitId: second }, aheadCount: 0, isBaseVersion: true });
  });
});

describe('line diff', () => {
  it('gives add, delete and edit blocks with 1-based starts', () => {
    expect(lineDiff(splitLines('a\nb\nc\n'), splitLines('a\nB\nc\nd\n'))).toEqual([
      { changeType: 'edit', originalLineNumberStart: 2, originalLinesCount: 1, modifiedLineNumberStart: 2, modifiedLinesCount: 1 },
      { changeType: 'add', originalLineNumberStart: 4, originalLinesCount: 0, modifiedLineNumberStart: 4, modifiedLinesCount: 1 },
    ]);
    expect(lineDiff(['a', 'b', 'c'], ['a', 'c'])).toEqual([{ changeType: 'delete', originalLineNumberStart: 2, originalLinesCount: 1, modifiedLineNumberStart: 2, modifiedLinesCount: 0 }]);
    expect(lineDiff([], ['x', 'y'])).toEqual([{ changeType: 'add', originalLineNumberStart: 1, originalLinesCount: 0, modifiedLineNumberStart: 1, modifiedLinesCount: 2 }]);
    expect(lineDiff(['a', 'b'], ['a', 'b'])).toEqual([]);
    // A rewritten middle too large for the LCS table is one edit block, still placed after the common head.
    const big = (tag: string) => Array.from({ length: 3000 }, (_, i) => `${tag}${i}`);
    expect(lineDiff(['same', ...big('x'), 'end'], ['same', ...big('y'), 'end'])).toEqual([
      { changeType: 'edit', originalLineNumberStart: 2, originalLinesCount: 3000, modifiedLineNumberStart: 2, modifiedLinesCount: 3000 },
    ]);
  });
});

describe('pull requests', () => {
  it('creates a PR, adds an iteration per push to its source, lists iteration changes and file diffs, completes it with a merge commit', async () => {
    const name = 'payments-api';
    const main = fake.orgs.contoso.headSha(name)!;
    fake.push('contoso', name, { branch: 'feature/gate', changes: { 'app/secret.py': 'a = 1\nb = 2\n' } });
    const created = await json('POST', `${repoPath(name)}/pullrequests`, { sourceRefName: 'refs/heads/feature/gate', targetRefName: 'refs/heads/main', title: 'Gate' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'active', mergeStatus: 'queued', sourceRefName: 'refs/heads/feature/gate' });
    expect(created.body.lastMergeCommit).toBeUndefined();
    const id = created.body.pullRequestId;
    expect(id).toBeGreaterThan(9);
    const duplicate = await json('POST', `${repoPath(name)}/pullrequests`, { sourceRefName: 'refs/heads/feature/gate', targetRefName: 'refs/heads/main', title: 'Again' });
    expect(duplicate.status).toBe(409);

    const second = fake.push('contoso', name, { branch: 'feature/gate', changes: { 'app/secret.py': 'a = 1\nb = 3\nc = 4\n' } });
    const iterations = await json('GET', `${repoPath(name)}/pullRequests/${id}/iterations`);
    expect(iterations.body.value.map((it: any) => [it.id, it.reason, it.sourceRefCommit.commitId, it.commonRefCommit.commitId])).toEqual([
      [1, 'create', expect.any(String), main],
      [2, 'push', second, main],
    ]);
    const changes = await json('GET', `${repoPath(name)}/pullRequests/${id}/iterations/2/changes`);
    expect(changes.body).toMatchObject({ nextSkip: 0, nextTop: 0 });
    expect(changes.body.changeEntries).toEqual([
      { changeTrackingId: 1, changeId: 1, item: { objectId: gitBlobId('a = 1\nb = 3\nc = 4\n'), path: '/app/secret.py' }, changeType: 'add' },
    ]);
    const sinceFirst = await json('GET', `${repoPath(name)}/pullRequests/${id}/iterations/2/changes?$compareTo=1`);
    expect(sinceFirst.body.changeEntries).toEqual([expect.objectContaining({ changeTrackingId: 1, changeType: 'edit', item: expect.objectContaining({ originalObjectId: gitBlobId('a = 1\nb = 2\n') }) })]);

    const scoped = await json('POST', `${repoPath(name)}/pullRequests/${id}/iterations/2/statuses`, { state: 'pending', context: { name: 'security', genre: 'vigil' } });
    expect(scoped.body).toMatchObject({ state: 'pending', iterationId: 2 });
    expect((await json('GET', `${repoPath(name)}/pullRequests/${id}/iterations/1/statuses`)).body.value).toEqual([]);
    expect((await json('GET', `${repoPath(name)}/pullRequests/${id}/iterations/2/statuses`)).body.value).toEqual([scoped.body]);
    expect((await json('POST', `${repoPath(name)}/pullRequests/${id}/iterations/9/statuses`, { state: 'pending', context: { name: 'security' } })).status).toBe(404);

    const first = iterations.body.value[0].sourceRefCommit.commitId;
    const diffs = await json(
      'POST',
      `${repoPath(name)}/filediffs`,
      { baseVersionCommit: first, targetVersionCommit: second, fileDiffParams: [{ path: '/app/secret.py', originalPath: '/app/secret.py' }] },
      { version: '7.1-preview.1' },
    );
    expect(diffs.body.value).toEqual([
      {
        path: '/app/secret.py',
        originalPath: '/app/secret.py',
        lineDiffBlocks: [{ changeType: 'edit', originalLineNumberStart: 2, originalLinesCount: 1, modifiedLineNumberStart: 2, modifiedLinesCount: 2 }],
      },
    ]);
    expect((await json('POST', `${repoPath(name)}/filediffs`, { baseVersionCommit: first, targetVersionCommit: second, fileDiffParams: [{ path: '/x' }] })).status).toBe(400);

    const pr = await json('GET', `${repoPath(name)}/pullrequests/${id}`);
    expect(pr.body).toMatchObject({ mergeStatus: 'succeeded', lastMergeSourceCommit: { commitId: second }, lastMergeTargetCommit: { commitId: main } });
    const stale = await json('PATCH', `${repoPath(name)}/pullrequests/${id}`, { status: 'completed', lastMergeSourceCommit: { commitId: first } });
    expect(stale.status).toBe(409);
    const done = await json('PATCH', `${repoPath(name)}/pullrequests/${id}`, { status: 'completed', lastMergeSourceCommit: { commitId: second } });
    expect(done.body).toMatchObject({ status: 'completed', closedBy: { displayName: 'Vigil Scanner' } });
    const merge = done.body.lastMergeCommit.commitId;
    expect(fake.orgs.contoso.headSha(name)).toBe(merge);
    expect(fake.git('contoso', name).commit(merge)!.parents).toEqual([main, second]);
    const merged = await call('GET', `${repoPath(name)}/items?path=/app/secret.py&versionDescriptor.version=main`);
    expect(await merged.text()).toBe('a = 1\nb = 3\nc = 4\n');
  });

  it('squash-completes through the handle (one parent) and abandons through PATCH', async () => {
    fake.push('contoso', 'hostile-samples', { branch: 'squash-me', changes: { 's.txt': 's' } });
    const id = fake.createPullRequest('contoso', 'hostile-samples', { source: 'squash-me' });
    const main = fake.orgs.contoso.headSha('hostile-samples');
    const merge = fake.completePullRequest('contoso', id, { mergeStrategy: 'squash' });
    expect(fake.git('contoso', 'hostile-samples').commit(merge)!.parents).toEqual([main]);
    expect(fake.pullRequest('contoso', id)).toMatchObject({ status: 'completed', completionOptions: { mergeStrategy: 'squash' } });

    fake.push('contoso', 'hostile-samples', { branch: 'dropped', changes: { 'd.txt': 'd' } });
    const other = fake.createPullRequest('contoso', 'hostile-samples', { source: 'dropped' });
    const abandoned = await json('PATCH', `/${repo('hostile-samples').projectId}/_apis/git/repositories/${repo('hostile-samples').id}/pullrequests/${other}`, { status: 'abandoned' });
    expect(abandoned.body).toMatchObject({ status: 'abandoned', closedBy: { displayName: 'Vigil Scanner' } });
  });

  it('keeps thread context and properties, updates a thread status by number or name', async () => {
    const path = `${repoPath('web-storefront')}/pullRequests/8/threads`;
    const posted = await json('POST', path, {
      comments: [{ parentCommentId: 0, content: 'Secret on this line', commentType: 1 }],
      status: 1,
      threadContext: { filePath: '/src/app.js', rightFileStart: { line: 3, offset: 1 }, rightFileEnd: { line: 3, offset: 20 } },
      pullRequestThreadContext: { changeTrackingId: 1, iterationContext: { firstComparingIteration: 1, secondComparingIteration: 1 } },
      properties: { 'vigil.fingerprint': { $type: 'System.String', $value: 'fp-1' } },
    });
    expect(posted.body).toMatchObject({ status: 'active', threadContext: { filePath: '/src/app.js' }, properties: { 'vigil.fingerprint': { $value: 'fp-1' } } });
    const fixed = await json('PATCH', `${path}/${posted.body.id}`, { status: 4 });
    expect(fixed.body.status).toBe('closed');
    expect((await json('PATCH', `${path}/${posted.body.id}`, { status: 'fixed' })).body.status).toBe('fixed');
    expect((await json('GET', `${path}/${posted.body.id}`)).body).toMatchObject({ status: 'fixed', pullRequestThreadContext: { changeTrackingId: 1 } });
    expect((await json('GET', path)).body.value.find((t: any) => t.id === posted.body.id).status).toBe('fixed');
    expect((await json('PATCH', `${path}/${posted.body.id}`, { status: 'bogus' })).status).toBe(400);
    expect((await json('PATCH', `${path}/999`, { status: 1 })).status).toBe(404);
  });
});

describe('policy configurations', () => {
  it('creates a status policy that the reads then list, scoped to a repository and branch', async () => {
    const { projectId, id } = repo('web-storefront');
    const created = await json('POST', `/${projectId}/_apis/policy/configurations`, {
      isEnabled: true,
      isBlocking: true,
      type: { id: 'cbdc66da-9728-4af8-aada-9a5a32e4a226' },
      settings: { statusGenre: 'vigil', statusName: 'security', invalidateOnSourceUpdate: true, scope: [{ repositoryId: id, refName: 'refs/heads/main', matchKind: 'Exact' }] },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: { displayName: 'Status' }, settings: { statusGenre: 'vigil', scope: [{ repositoryId: id, refName: 'refs/heads/main', matchKind: 'Exact' }] } });
    const applying = await json('GET', `/${projectId}/_apis/git/policy/configurations?repositoryId=${id}&refName=refs/heads/main&policyType=cbdc66da-9728-4af8-aada-9a5a32e4a226&$top=100`);
    expect(applying.body.value.map((p: any) => p.id)).toContain(created.body.id);
    expect((await json('GET', `/${projectId}/_apis/policy/configurations/${created.body.id}`)).body.isBlocking).toBe(true);
    const bad = await json('POST', `/${projectId}/_apis/policy/configurations`, { type: { id: 'nope' }, settings: { scope: [{}] } });
    expect(bad.status).toBe(400);
    expect((await json('POST', `/${projectId}/_apis/policy/configurations`, created.body, { pat: fake.pats.codeOnly })).status).toBe(403);
  });
});
