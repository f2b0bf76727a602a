// The receiver's schemas: the envelope every delivery shares, then the resource of each event type Vigil
// handles; an unknown type is judged by the envelope alone.
import { parseDelivery } from './ado-events';

const envelope = (eventType: string, resource: unknown) => ({ id: 'a8a5b5a1-0f7e-4c38-9c1c-58d3b0b0b0b0', eventType, publisherId: 'tfs', resource, resourceContainers: { collection: { id: 'c1' } } });
const repository = { id: 'r1', name: 'web', project: { id: 'p1', name: 'Storefront' } };
const sha = 'a'.repeat(40);

describe('parseDelivery', () => {
  it('reads a git.push with its ref updates, keeping fields it does not name', () => {
    const parsed = parseDelivery(envelope('git.push', { repository, refUpdates: [{ name: 'refs/heads/main', oldObjectId: '0'.repeat(40), newObjectId: sha }], pushId: 14, commits: [{ commitId: sha }] }));
    expect(parsed.kind).toBe('event');
    if (parsed.kind !== 'event' || parsed.event.eventType !== 'git.push') throw new Error('not a push');
    expect(parsed.event.resource.refUpdates[0].newObjectId).toBe(sha);
    expect((parsed.event.resource as Record<string, unknown>).commits).toEqual([{ commitId: sha }]);
  });

  it('reads pull request and build events', () => {
    const pr = { repository, pullRequestId: 7, status: 'active', sourceRefName: 'refs/heads/f', targetRefName: 'refs/heads/main', lastMergeSourceCommit: { commitId: sha } };
    for (const t of ['git.pullrequest.created', 'git.pullrequest.updated', 'git.pullrequest.merged']) expect(parseDelivery(envelope(t, pr)).kind).toBe('event');
    expect(parseDelivery(envelope('build.complete', { id: 581, project: { id: 'p1' } })).kind).toBe('event');
  });

  it('names what is wrong: no id, a bad commit id, a pull request without its number', () => {
    const noId = parseDelivery({ ...envelope('git.push', {}), id: undefined });
    expect(noId).toMatchObject({ kind: 'invalid', problems: [expect.stringMatching(/^id:/)] });
    const badSha = parseDelivery(envelope('git.push', { repository, refUpdates: [{ name: 'refs/heads/main', newObjectId: 'nope' }] }));
    expect(badSha).toMatchObject({ kind: 'invalid', problems: [expect.stringMatching(/^resource\.refUpdates\.0\.newObjectId: must be a 40-hex commit id/)] });
    expect(parseDelivery(envelope('git.pullrequest.created', { repository, status: 'active' })).kind).toBe('invalid');
    expect(parseDelivery('not an object').kind).toBe('invalid');
  });

  it('takes an unknown event type by its envelope alone', () => {
    expect(parseDelivery(envelope('ms.vss-code.git-pullrequest-comment-event', { comment: {} }))).toMatchObject({ kind: 'unknown-type', envelope: { eventType: 'ms.vss-code.git-pullrequest-comment-event' } });
    expect(parseDelivery(envelope('x', 'not a resource')).kind).toBe('invalid');
  });
});
