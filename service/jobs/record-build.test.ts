// What is kept of a build.complete: the PR it ran for (triggerInfo's pr.number, else its merge ref), the
// repository (Azure Repos only) and its tasks in timeline order, from the documented build shape.
import type { Build, TimelineRecord } from '../ado/areas/build';
import { buildRecordOf, pullRequestOf } from './record-build';

const build = (over: Partial<Build> = {}): Build => ({
  id: 581,
  buildNumber: '20251105.3',
  status: 'completed',
  result: 'failed',
  reason: 'pullRequest',
  definition: { id: 12, name: 'Fabrikam-Fiber-Git CI' },
  repository: { id: '278d5cd2-584d-4b63-824a-2ba458937249', type: 'TfsGit' },
  sourceBranch: 'refs/pull/42/merge',
  sourceVersion: 'eef717f69257a6333f221566c1c987dc94cc0d72',
  queueTime: '2025-11-05T08:00:02.81Z',
  finishTime: '2025-11-05T08:04:37.38Z',
  triggerInfo: { 'pr.number': '42', 'pr.isFork': 'False' },
  ...over,
});

const record = (type: string, order: number, name: string, result: string, task?: TimelineRecord['task']): TimelineRecord => ({ id: `${type}-${order}-${name}`, type, order, name, result, task });

describe('pullRequestOf', () => {
  it('reads pr.number, else refs/pull/{id}/merge, else nothing', () => {
    expect(pullRequestOf(build())).toBe(42);
    expect(pullRequestOf(build({ triggerInfo: {}, sourceBranch: 'refs/pull/7/merge' }))).toBe(7);
    expect(pullRequestOf(build({ triggerInfo: { 'pr.number': 'x' }, sourceBranch: 'refs/heads/main' }))).toBeUndefined();
  });
});

describe('buildRecordOf', () => {
  it('keeps the tasks in timeline order with their reference and result, and the Azure Repos repository', () => {
    const timeline = [
      record('Stage', 1, '__default', 'failed'),
      record('Task', 2, 'Run tests', 'failed', { id: 'd9bafed4-0b18-4f58-968d-86655b4d2ce9', name: 'CmdLine', version: '2.250.1' }),
      record('Job', 1, 'Job', 'failed'),
      record('Task', 1, 'Checkout', 'succeeded'),
    ];
    expect(buildRecordOf('p1', build(), timeline)).toEqual({
      buildId: 581,
      projectId: 'p1',
      definitionId: 12,
      definitionName: 'Fabrikam-Fiber-Git CI',
      buildNumber: '20251105.3',
      status: 'completed',
      result: 'failed',
      reason: 'pullRequest',
      sourceBranch: 'refs/pull/42/merge',
      sourceVersion: 'eef717f69257a6333f221566c1c987dc94cc0d72',
      repoId: '278d5cd2-584d-4b63-824a-2ba458937249',
      pullRequestId: 42,
      queueTime: '2025-11-05T08:00:02.81Z',
      finishTime: '2025-11-05T08:04:37.38Z',
      tasks: [
        { name: 'Checkout', task: undefined, result: 'succeeded' },
        { name: 'Run tests', task: { id: 'd9bafed4-0b18-4f58-968d-86655b4d2ce9', name: 'CmdLine', version: '2.250.1' }, result: 'failed' },
      ],
    });
  });

  it('names no repository for a build of GitHub sources', () => {
    expect(buildRecordOf('p1', build({ repository: { id: 'octo/demo', type: 'GitHub' } }), []).repoId).toBeUndefined();
  });
});
