// getBuild and getTimeline against an injected fetch answering ADO's documented shapes: one build as the
// list sample's first item (build-builds-list-pr), a timeline as the build/timeline reference gives it.
import { sample, stubFetch, testClient, type StubAnswer } from '../testdata/stub-fetch';

const PROJECT = '6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c';
const BUILD_PATH = `/fabrikam/${PROJECT}/_apis/build/builds/581`;

function clientWith(answer: (path: string) => StubAnswer) {
  const stub = stubFetch((c) => answer(c.url.pathname));
  return { ...testClient(stub.fetchImpl, { orgUrl: 'https://dev.azure.com/fabrikam', maxRetries: 0 }), calls: stub.calls };
}

const firstBuild = () => (sample<{ value: unknown[] }>('build-builds-list-pr').value[0]) as Record<string, unknown>;

/** A timeline as ADO's Timeline resource: a stage, a job and its tasks (Checkout has no task reference in some answers). */
const timeline = {
  id: '90533c89-ff63-432a-91be-e9e2ca124ac7',
  changeId: 14,
  lastChangedOn: '2025-11-05T08:04:37.38Z',
  records: [
    { id: 's1', parentId: null, type: 'Stage', name: '__default', state: 'completed', result: 'succeeded', order: 1 },
    { id: 'j1', parentId: 's1', type: 'Job', name: 'Job', state: 'completed', result: 'succeeded', order: 1 },
    {
      id: 't1',
      parentId: 'j1',
      type: 'Task',
      name: 'Run tests',
      state: 'completed',
      result: 'failed',
      order: 2,
      startTime: '2025-11-05T08:01:00Z',
      finishTime: '2025-11-05T08:03:00Z',
      task: { id: 'd9bafed4-0b18-4f58-968d-86655b4d2ce9', name: 'CmdLine', version: '2.250.1' },
    },
    { id: 't0', parentId: 'j1', type: 'Task', name: 'Checkout repo@main', state: 'completed', result: 'succeeded', order: 1, task: null },
  ],
  url: `https://dev.azure.com/fabrikam/${PROJECT}/_apis/build/builds/581/Timeline`,
};

describe('getBuild', () => {
  it('reads one build with its definition, merge commit and PR trigger', async () => {
    const { client, calls } = clientWith((p) => (p === BUILD_PATH ? { body: firstBuild() } : { status: 404, body: { message: 'no' } }));
    const build = await client.build.getBuild(PROJECT, 581);
    expect(calls[0].url.pathname).toBe(BUILD_PATH);
    expect(calls[0].url.searchParams.get('api-version')).toBe('7.1');
    expect(build).toMatchObject({ id: 581, status: 'completed', result: 'succeeded', definition: { id: 12, name: 'Fabrikam-Fiber-Git CI' }, triggerInfo: { 'pr.number': '42' } });
    expect(build!.sourceBranch).toBe('refs/pull/42/merge');
  });

  it('is undefined when the build is gone (404)', async () => {
    const { client } = clientWith(() => ({ status: 404, body: { message: 'TF215016: The requested build 581 could not be found.', typeKey: 'BuildNotFoundException' } }));
    await expect(client.build.getBuild(PROJECT, 581)).resolves.toBeUndefined();
  });

  it('refuses an answer without an id', async () => {
    const { client } = clientWith(() => ({ body: { ...firstBuild(), id: undefined } }));
    await expect(client.build.getBuild(PROJECT, 581)).rejects.toThrow(/id missing/);
  });
});

describe('getTimeline', () => {
  it('parses every record with its type, result and task reference', async () => {
    const { client, calls } = clientWith((p) => (p === `${BUILD_PATH}/timeline` ? { body: timeline } : { status: 404, body: { message: 'no' } }));
    const records = await client.build.getTimeline(PROJECT, 581);
    expect(calls[0].url.pathname).toBe(`${BUILD_PATH}/timeline`);
    expect(records.map((r) => r.type)).toEqual(['Stage', 'Job', 'Task', 'Task']);
    expect(records[2]).toMatchObject({ name: 'Run tests', result: 'failed', task: { id: 'd9bafed4-0b18-4f58-968d-86655b4d2ce9', name: 'CmdLine', version: '2.250.1' } });
    expect(records[3].task).toBeUndefined();
  });

  it('is empty when the build has no timeline (null) or is gone', async () => {
    expect(await clientWith(() => ({ body: null })).client.build.getTimeline(PROJECT, 581)).toEqual([]);
    expect(await clientWith(() => ({ status: 404, body: { message: 'gone' } })).client.build.getTimeline(PROJECT, 581)).toEqual([]);
  });

  it('refuses records that are not an array, or a record without a type', async () => {
    await expect(clientWith(() => ({ body: { records: {} } })).client.build.getTimeline(PROJECT, 581)).rejects.toThrow(/records is not an array/);
    await expect(clientWith(() => ({ body: { records: [{ id: 'x' }] } })).client.build.getTimeline(PROJECT, 581)).rejects.toThrow(/type missing/);
  });
});
