// Project visibility is asked of Azure DevOps with the caller's own token. An answer that did not come
// (throttled, down, unreachable) is not "no projects": it fails the request and is not remembered.
import { AdoError } from '../ado/types';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { canSeeProject, visibleProjectIds, type Caller } from './identify-caller';

function fakeContext(answers: (() => Promise<{ id: string }[]>)[]) {
  const listProjects = jest.fn(() => answers.shift()!());
  const warn = jest.fn();
  const ctx = { adoClient: () => ({ core: { listProjects } }), log: { warn } } as unknown as AppContext;
  return { ctx, listProjects, warn };
}

const caller = (isOrgAdmin = false): Caller => ({
  userId: 'u1',
  displayName: 'User One',
  orgName: 'contoso',
  orgUrl: 'https://dev.azure.com/contoso',
  instanceId: 'i1',
  isOrgAdmin,
  accessToken: 'token',
});

const projects = (...ids: string[]) => async () => ids.map((id) => ({ id }));
const failing = (err: Error) => async () => {
  throw err;
};

describe('visibleProjectIds', () => {
  test.each([
    ['throttled', new AdoError('rate-limited', 'Too many requests', 429)],
    ['down', new AdoError('server', 'Service unavailable', 503)],
    ['unreachable', new AdoError('network', 'ECONNRESET')],
    ['broken', new Error('socket hang up')],
  ])('ADO %s: a 502 problem, logged, and the next request asks again', async (_what, err) => {
    const { ctx, listProjects, warn } = fakeContext([failing(err), projects('p1')]);
    const c = caller();
    const refused = visibleProjectIds(ctx, c);
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ status: 502, type: 'ado-unavailable', detail: expect.stringContaining(err.message) });
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ userId: 'u1', err: err.message }), expect.any(String));
    // Not cached: the same caller (within the caller cache's 60 s) gets a fresh answer.
    await expect(visibleProjectIds(ctx, c)).resolves.toEqual(new Set(['p1']));
    expect(listProjects).toHaveBeenCalledTimes(2);
  });

  test('a token ADO no longer accepts: 401, not cached', async () => {
    const { ctx, listProjects } = fakeContext([failing(new AdoError('auth', 'The token has expired', 401)), projects('p1')]);
    const c = caller();
    await expect(visibleProjectIds(ctx, c)).rejects.toMatchObject({ status: 401, type: 'unauthorized' });
    await expect(visibleProjectIds(ctx, c)).resolves.toEqual(new Set(['p1']));
    expect(listProjects).toHaveBeenCalledTimes(2);
  });

  test('an answer is asked once per caller', async () => {
    const { ctx, listProjects } = fakeContext([projects('p1', 'p2')]);
    const c = caller();
    await expect(visibleProjectIds(ctx, c)).resolves.toEqual(new Set(['p1', 'p2']));
    await expect(visibleProjectIds(ctx, c)).resolves.toEqual(new Set(['p1', 'p2']));
    expect(listProjects).toHaveBeenCalledTimes(1);
  });
});

describe('canSeeProject', () => {
  test('an organization admin sees every project and what belongs to none, without asking ADO', async () => {
    const { ctx, listProjects } = fakeContext([]);
    await expect(canSeeProject(ctx, caller(true), 'p9')).resolves.toBe(true);
    await expect(canSeeProject(ctx, caller(true), null)).resolves.toBe(true);
    expect(listProjects).not.toHaveBeenCalled();
  });

  test('others see the projects ADO shows them, and nothing without a project', async () => {
    const { ctx } = fakeContext([projects('p1')]);
    const c = caller();
    await expect(canSeeProject(ctx, c, 'p1')).resolves.toBe(true);
    await expect(canSeeProject(ctx, c, 'p2')).resolves.toBe(false);
    await expect(canSeeProject(ctx, c, null)).resolves.toBe(false);
    await expect(canSeeProject(ctx, c, undefined)).resolves.toBe(false);
  });

  test('ADO not answering is an error, not "cannot see"', async () => {
    const { ctx } = fakeContext([failing(new AdoError('server', 'Service unavailable', 503))]);
    await expect(canSeeProject(ctx, caller(), 'p1')).rejects.toMatchObject({ status: 502 });
  });
});
