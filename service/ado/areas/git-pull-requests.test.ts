// The pull-request calls the gate adds: iterations, iteration changes across nextSkip/nextTop pages,
// file diffs (a preview resource), thread ranges, iteration context and properties, thread reads and
// status updates; against the fake organization, and on answers in ADO's documented shapes.
import { startFakeAdo, type FakeAdo } from '../../../test/fake-ado/server';
import { adoErrorOf, fakeClient, stubFetch, testClient } from '../testdata/stub-fetch';

let fake: FakeAdo;
let prId: number;
let firstSource: string;
beforeAll(async () => {
  fake = await startFakeAdo();
  firstSource = fake.push('contoso', 'payments-api', {
    branch: 'feature/gate',
    changes: { 'app/new.py': 'print("one")\nprint("two")\n', 'app/extra.txt': 'x\n', 'app/third.txt': 'y\n' },
  });
  prId = fake.createPullRequest('contoso', 'payments-api', { source: 'feature/gate' });
  fake.push('contoso', 'payments-api', { branch: 'feature/gate', changes: { 'app/new.py': 'print("one")\nprint("2")\nprint("three")\n', 'app/extra.txt': null } });
});
afterAll(() => fake.close());

const client = (token?: string) => fakeClient(fake, token).client;
const payments = () => fake.orgs.contoso.repos['payments-api'];

describe('pull request iterations and changes', () => {
  it('lists the iterations oldest first, with their source, target and common commits', async () => {
    const { projectId, id } = payments();
    const its = await client().pullRequests.listIterations(projectId, id, prId);
    expect(its.map((i) => i.id)).toEqual([1, 2]);
    expect(its[0].sourceCommit).toBe(firstSource);
    expect(its[1].commonCommit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads the changes of an iteration page after page', async () => {
    const { projectId, id } = payments();
    const start = fake.requests.length;
    const first = await client().pullRequests.getIterationChanges(projectId, id, prId, 1, { top: 2 });
    expect(first.map((c) => [c.path, c.changeTypes])).toEqual(
      expect.arrayContaining([
        ['/app/new.py', ['add']],
        ['/app/extra.txt', ['add']],
        ['/app/third.txt', ['add']],
      ]),
    );
    expect(first).toHaveLength(3);
    expect(fake.requests.slice(start).filter((r) => r.path.endsWith('/changes'))).toHaveLength(2);
    // Iteration 2 against the merge base: extra.txt was added then deleted, so only the others remain.
    const second = await client().pullRequests.getIterationChanges(projectId, id, prId, 2);
    expect(second.map((c) => c.path).sort()).toEqual(['/app/new.py', '/app/third.txt']);
    // Against iteration 1: new.py edited, extra.txt deleted.
    const sinceFirst = await client().pullRequests.getIterationChanges(projectId, id, prId, 2, { compareTo: 1 });
    expect(sinceFirst.map((c) => [c.path, c.changeTypes]).sort()).toEqual([
      ['/app/extra.txt', ['delete']],
      ['/app/new.py', ['edit']],
    ]);
  });

  it('reads the line blocks of files between two commits', async () => {
    const { projectId, id } = payments();
    const [first, second] = await client().pullRequests.listIterations(projectId, id, prId);
    const diffs = await client().pullRequests.getFileDiffs(projectId, id, { baseCommit: first.sourceCommit, targetCommit: second.sourceCommit, files: [{ path: '/app/new.py' }] });
    expect(diffs).toHaveLength(1);
    const changed = diffs[0].lineDiffBlocks.filter((b) => b.changeType !== 'none');
    expect(changed.length).toBeGreaterThan(0);
    // Lines 2 and 3 of the new side are the edited and added ones.
    const lines = changed.flatMap((b) => Array.from({ length: b.modifiedLinesCount }, (_, i) => b.modifiedLineNumberStart + i));
    expect(lines.sort()).toEqual([2, 3]);
  });

  it('parses ADO’s change types as flags and leaves folders out', async () => {
    const answer = {
      changeEntries: [
        { changeTrackingId: 1, item: { path: '/src/b.ts' }, changeType: 'edit, rename', originalPath: '/src/a.ts' },
        { changeTrackingId: 2, item: { path: '/src', isFolder: true }, changeType: 'edit' },
        { changeTrackingId: 3, item: { path: '/src/c.ts' }, changeType: 'delete' },
      ],
      nextSkip: 0,
      nextTop: 0,
    };
    const c = testClient(stubFetch(() => ({ body: answer })).fetchImpl).client;
    expect(await c.pullRequests.getIterationChanges('p', 'r', 1, 1)).toEqual([
      { path: '/src/b.ts', originalPath: '/src/a.ts', changeTypes: ['edit', 'rename'], changeTrackingId: 1 },
      { path: '/src/c.ts', changeTypes: ['delete'], changeTrackingId: 3, originalPath: undefined },
    ]);
  });
});

describe('threads the gate keeps', () => {
  it('anchors a thread on a line range with its iteration context and a property, reads it back, and updates its status', async () => {
    const { projectId, id } = payments();
    const created = await client().pullRequests.createThread(projectId, id, prId, {
      content: 'A finding',
      filePath: '/app/new.py',
      line: 2,
      endLine: 3,
      iterationContext: { firstComparingIteration: 1, secondComparingIteration: 2 },
      changeTrackingId: 1,
      properties: { 'Vigil.Fingerprint': 'fp-1' },
    });
    expect(created).toMatchObject({ filePath: '/app/new.py', line: 2, endLine: 3, status: 'active', properties: { 'Vigil.Fingerprint': 'fp-1' } });
    expect(await client().pullRequests.getThread(projectId, id, prId, created.id)).toMatchObject({ id: created.id, line: 2 });
    const fixed = await client().pullRequests.updateThread(projectId, id, prId, created.id, { status: 'fixed' });
    expect(fixed.status).toBe('fixed');
    expect((await client().pullRequests.listThreads(projectId, id, prId)).find((t) => t.id === created.id)?.status).toBe('fixed');
    const err = await adoErrorOf(client(fake.pats.codeOnly).pullRequests.updateThread(projectId, id, prId, created.id, { status: 'closed' }));
    expect(err).toMatchObject({ status: 403 });
    expect(err.message).toMatch(/vso\.threads_full/);
  });

  it('reads properties in ADO’s {$type, $value} shape', async () => {
    const answer = { id: 4, status: 2, properties: { 'Vigil.Fingerprint': { $type: 'System.String', $value: 'fp-9' }, Other: { $type: 'System.Int32', $value: 1 } }, comments: [] };
    const c = testClient(stubFetch(() => ({ body: answer })).fetchImpl).client;
    expect(await c.pullRequests.getThread('p', 'r', 1, 4)).toMatchObject({ id: 4, status: 'fixed', properties: { 'Vigil.Fingerprint': 'fp-9' } });
  });
});
