import pino from 'pino';
import type { AdoClient } from '../ado/client';
import { AdoError, type AdoRepository } from '../ado/types';
import { confirmDefaultBranch, skipReasonOf, tfvcProjects, tfvcRepository } from './discover';

const repo = (over: Partial<AdoRepository> = {}): AdoRepository => ({ id: 'r1', name: 'api', project: { id: 'p1', name: 'Shop' }, ...over });

/** Only what discovery asks of the client; any other call fails the test. */
function client(git: { getRepository?: () => Promise<Partial<AdoRepository>>; listRefs?: () => Promise<unknown[]> }, core?: object): AdoClient {
  const unexpected = () => Promise.reject(new Error('unexpected call'));
  return { git: { getRepository: git.getRepository ?? unexpected, listRefs: git.listRefs ?? unexpected }, core } as unknown as AdoClient;
}

describe('skipReasonOf', () => {
  test.each([
    [{ defaultBranch: 'refs/heads/main' }, false, null],
    [{ defaultBranch: 'refs/heads/main', isDisabled: true }, false, 'Repository is disabled'],
    [{ defaultBranch: 'refs/heads/main', isInMaintenance: true }, false, 'Repository is in maintenance'],
    [{}, false, 'Repository is empty (no branches)'],
    [{}, true, 'No default branch set (the repository has branches)'],
  ])('%j (branches: %s) -> %s', (fields, hasBranches, reason) => {
    expect(skipReasonOf(fields, hasBranches)).toBe(reason);
  });
});

describe('confirmDefaultBranch: never empty from the list alone', () => {
  it('keeps a listed default branch without asking again', async () => {
    expect(await confirmDefaultBranch(client({}), repo({ defaultBranch: 'refs/heads/main' }))).toMatchObject({ defaultBranch: 'refs/heads/main', skipReason: null });
  });

  it('takes the default branch from the single-repository answer when the list left it out', async () => {
    const found = await confirmDefaultBranch(client({ getRepository: async () => ({ defaultBranch: 'refs/heads/master' }) }), repo());
    expect(found).toMatchObject({ defaultBranch: 'refs/heads/master', skipReason: null });
  });

  it('says "no default branch set" when the repository has branches but no default, "empty" when it has none', async () => {
    const branches = client({ getRepository: async () => ({}), listRefs: async () => [{ name: 'refs/heads/dev', objectId: 'a'.repeat(40) }] });
    expect((await confirmDefaultBranch(branches, repo())).skipReason).toBe('No default branch set (the repository has branches)');
    const none = client({ getRepository: async () => ({}), listRefs: async () => [] });
    expect((await confirmDefaultBranch(none, repo())).skipReason).toBe('Repository is empty (no branches)');
  });

  it('does not ask about a disabled repository (ADO answers 404 for it), and keeps one that vanished meanwhile', async () => {
    expect((await confirmDefaultBranch(client({}), repo({ isDisabled: true }))).skipReason).toBe('Repository is disabled');
    const gone = client({ getRepository: () => Promise.reject(new AdoError('not-found', 'TF401019: gone', 404)) });
    expect((await confirmDefaultBranch(gone, repo())).skipReason).toBe('Repository is empty (no branches)');
    const broken = client({ getRepository: () => Promise.reject(new AdoError('server', 'HTTP 500', 500)) });
    await expect(confirmDefaultBranch(broken, repo())).rejects.toThrow('HTTP 500');
  });

  it('keeps an unknown size unknown', async () => {
    expect((await confirmDefaultBranch(client({}), repo({ defaultBranch: 'refs/heads/main' }))).sizeBytes).toBeUndefined();
  });
});

describe('TFVC projects', () => {
  it('are the projects whose capabilities say Tfvc; one that cannot be read is left out with a warning', async () => {
    const projects = [
      { id: 'p1', name: 'Shop' },
      { id: 'p2', name: 'Legacy' },
      { id: 'p3', name: 'Locked' },
    ];
    const core = {
      listProjects: async () => projects,
      getProject: async (id: string) => {
        if (id === 'p3') throw new AdoError('forbidden', 'HTTP 403', 403);
        return { id, sourceControlType: id === 'p2' ? 'Tfvc' : 'Git' };
      },
    };
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => void lines.push(l) });
    expect(await tfvcProjects(client({}, core), log)).toEqual([{ id: 'p2', name: 'Legacy' }]);
    expect(lines.join('')).toContain('could not read the version control of a project');
  });

  it('are recorded as a repository row that says why it is not scanned, linking to its version control page', () => {
    expect(tfvcRepository('https://dev.azure.com/contoso/', { id: 'p2', name: 'Legacy Apps' })).toMatchObject({
      id: 'tfvc:p2',
      name: '$/Legacy Apps',
      projectId: 'p2',
      webUrl: 'https://dev.azure.com/contoso/Legacy%20Apps/_versionControl',
      skipReason: expect.stringMatching(/^TFVC: not scanned/),
    });
  });
});
