import { DEFAULT_EVIDENCE_SOURCES } from './evaluate';
import { sourceMatchers, statusContext } from './sources';

describe('recognised evidence sources', () => {
  it('always includes Vigil\'s own lists, whatever the organization adds', () => {
    const m = sourceMatchers({ sastTasks: ['FortifySCA'] });
    expect(m.sast.task({ name: 'Run Fortify', task: { name: 'FortifySCA' } })).toBe('task');
    expect(m.sast.task({ name: 'Scan', task: { name: 'VigilScan' } })).toBe('task');
    expect(m.dependency.task({ name: 'Scan', task: { name: 'VigilScan' } })).toBe('task');
    expect(sourceMatchers(undefined).sast.status({ genre: 'vigil', name: 'security', state: 'succeeded' })).toBe(true);
    expect(DEFAULT_EVIDENCE_SOURCES.sastTasks).toContain('MicrosoftSecurityDevOps');
  });

  it('matches tasks by reference name or id, never by a generic task nor by display name unless told', () => {
    const m = sourceMatchers({ testTasks: ['step:npm test', '0B0F01ED-7DDE-43FF-9CBB-E48954DAF9B1'] });
    expect(m.test.task({ name: 'Publish results', task: { id: '0b0f01ed-7dde-43ff-9cbb-e48954daf9b1', name: 'SomethingElse' } })).toBe('task');
    expect(m.test.task({ name: 'NPM Test', task: { name: 'Npm' } })).toBe('step-name');
    expect(m.test.task({ name: 'npm test' })).toBe('step-name');
    expect(m.sast.task({ name: 'MicrosoftSecurityDevOps' })).toBeUndefined(); // a display name is not a task
    expect(m.dependency.task({ name: 'npm audit', task: { name: 'CmdLine' } })).toBeUndefined();
    expect(m.sast.task({ name: 'Init', task: { name: 'AdvancedSecurity-Codeql-Init' } })).toBeUndefined();
  });

  it('matches statuses by genre/name, or by a bare name under any genre, without case', () => {
    const m = sourceMatchers({ testStatuses: ['CI/Integration', 'e2e'] });
    expect(m.test.status({ genre: 'ci', name: 'integration', state: 'succeeded' })).toBe(true);
    expect(m.test.status({ genre: 'other', name: 'integration', state: 'succeeded' })).toBe(false);
    expect(m.test.status({ genre: 'playwright', name: 'E2E', state: 'succeeded' })).toBe(true);
    expect(m.test.status({ name: 'e2e', state: 'succeeded' })).toBe(true);
    expect(m.test.hasStatuses).toBe(true);
    expect(sourceMatchers({}).test.hasStatuses).toBe(false);
    expect(statusContext({ genre: 'vigil', name: 'security', state: 'failed' })).toBe('vigil/security');
  });
});
