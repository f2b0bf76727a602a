// The thread plan across iterations: create for a new fingerprint, keep (never a second thread, also
// when only ADO's property knows it), fix when it is gone, reopen what Vigil fixed when it is back,
// leave what a person resolved or deleted, nothing new with comments off; and the comment and anchor.
import type { Finding } from '../contract/model';
import { threadComment } from './comment';
import { toPullRequestFinding } from './pr-findings';
import { planThreads, threadAnchor, type ListedThread, type RecordedThread } from './threads';

const finding = (fingerprint: string, over: Partial<Finding> = {}): Finding => ({
  ruleId: 'SEC-AWS-KEY',
  title: 'AWS access key',
  severity: 'critical',
  category: 'secret',
  confidence: 'high',
  message: 'An AWS access key id and secret',
  location: { kind: 'file', path: 'src/config.js', line: 3, endLine: 4 },
  fingerprint,
  remediation: 'Rotate the key and read it from a secret store',
  helpUri: 'https://example.com/rules/SEC-AWS-KEY',
  ...over,
});
const rec = (fingerprint: string, threadId: number, state: RecordedThread['state'] = 'active'): RecordedThread => ({ fingerprint, threadId, state });

describe('planThreads', () => {
  it('first iteration: one thread per new fingerprint', () => {
    const plan = planThreads({ newFindings: [finding('a'), finding('b'), finding('a')], recorded: [], listed: [], commentsEnabled: true });
    expect(plan.create.map((f) => f.fingerprint)).toEqual(['a', 'b']);
    expect([plan.keep, plan.fix, plan.reopen, plan.adopt, plan.capped]).toEqual([[], [], [], [], 0]);
  });

  it('second iteration: keeps the thread of a finding still new, fixes the one that is gone, creates for a newcomer', () => {
    const listed: ListedThread[] = [
      { threadId: 1, fingerprint: 'a', status: 'active' },
      { threadId: 2, fingerprint: 'b', status: 'active' },
      { threadId: 3, status: 'active' }, // a person's thread
    ];
    const plan = planThreads({ newFindings: [finding('a'), finding('c')], recorded: [rec('a', 1), rec('b', 2)], listed, commentsEnabled: true });
    expect(plan.create.map((f) => f.fingerprint)).toEqual(['c']);
    expect(plan.keep).toEqual([{ fingerprint: 'a', threadId: 1, state: 'active' }]);
    expect(plan.fix).toEqual([{ fingerprint: 'b', threadId: 2, patch: true }]);
    expect(plan.adopt).toEqual([]);
  });

  it('never posts a second thread for a fingerprint only ADO still knows (the record was lost): adopts it', () => {
    const plan = planThreads({ newFindings: [finding('a')], recorded: [], listed: [{ threadId: 7, fingerprint: 'a', status: 'active' }], commentsEnabled: true });
    expect(plan.create).toEqual([]);
    expect(plan.adopt).toEqual([{ fingerprint: 'a', threadId: 7, state: 'active' }]);
    expect(plan.keep).toEqual([{ fingerprint: 'a', threadId: 7, state: 'active' }]);
  });

  it('reopens a thread Vigil fixed when the finding comes back; leaves one a person resolved, or a dismissal closed', () => {
    const listed: ListedThread[] = [
      { threadId: 1, fingerprint: 'a', status: 'fixed' },
      { threadId: 2, fingerprint: 'b', status: 'wontFix' },
      { threadId: 3, fingerprint: 'c', status: 'closed' },
    ];
    const plan = planThreads({ newFindings: [finding('a'), finding('b'), finding('c')], recorded: [rec('a', 1, 'fixed'), rec('b', 2, 'fixed'), rec('c', 3, 'closed')], listed, commentsEnabled: true });
    expect(plan.reopen).toEqual([{ fingerprint: 'a', threadId: 1 }]);
    expect(plan.keep).toEqual([
      { fingerprint: 'b', threadId: 2, state: 'closed' },
      { fingerprint: 'c', threadId: 3, state: 'closed' },
    ]);
    expect(plan.create).toEqual([]);
  });

  it('records a thread a person already resolved as fixed without patching it, and leaves a deleted one', () => {
    const listed: ListedThread[] = [
      { threadId: 1, fingerprint: 'a', status: 'closed' },
      { threadId: 2, fingerprint: 'b', status: 'active', isDeleted: true },
    ];
    const plan = planThreads({ newFindings: [], recorded: [rec('a', 1), rec('b', 2)], listed, commentsEnabled: true });
    expect(plan.fix).toEqual([
      { fingerprint: 'a', threadId: 1, patch: false },
      { fingerprint: 'b', threadId: 2, patch: false },
    ]);
  });

  it('with the threads not listed, the record decides', () => {
    const plan = planThreads({ newFindings: [finding('a')], recorded: [rec('a', 1, 'fixed'), rec('b', 2)], commentsEnabled: true });
    expect(plan.reopen).toEqual([{ fingerprint: 'a', threadId: 1 }]);
    expect(plan.fix).toEqual([{ fingerprint: 'b', threadId: 2, patch: true }]);
  });

  it('creates at most maxCreate threads, the most severe first, and counts the rest', () => {
    const findings = [finding('low1', { severity: 'low' }), finding('crit', { severity: 'critical' }), finding('med', { severity: 'medium' }), finding('high', { severity: 'high' })];
    const plan = planThreads({ newFindings: findings, recorded: [], listed: [], commentsEnabled: true, maxCreate: 2 });
    expect(plan.create.map((f) => f.fingerprint)).toEqual(['crit', 'high']);
    expect(plan.capped).toBe(2);
    expect(planThreads({ newFindings: findings, recorded: [], listed: [], commentsEnabled: true, maxCreate: 10 }).capped).toBe(0);
  });

  it('comments off: no thread created or reopened, but Vigil’s active threads of fixed findings are still resolved', () => {
    const plan = planThreads({ newFindings: [finding('a'), finding('n')], recorded: [rec('a', 1, 'fixed'), rec('b', 2)], listed: [], commentsEnabled: false });
    expect(plan.create).toEqual([]);
    expect(plan.reopen).toEqual([]);
    expect(plan.keep).toEqual([{ fingerprint: 'a', threadId: 1, state: 'fixed' }]);
    expect(plan.fix).toEqual([{ fingerprint: 'b', threadId: 2, patch: true }]);
  });
});

describe('thread content', () => {
  it('anchors on the finding’s line range of the right side', () => {
    expect(threadAnchor(finding('a'))).toEqual({ filePath: '/src/config.js', line: 3, endLine: 4 });
    expect(threadAnchor(finding('a', { location: { kind: 'file', path: 'a b/c.tf', line: 9 } }))).toEqual({ filePath: '/a b/c.tf', line: 9, endLine: 9 });
    expect(threadAnchor(finding('a', { location: { kind: 'package', path: 'package-lock.json', ecosystem: 'npm', name: 'qs', version: '1.0.0' } }))).toEqual({ filePath: '/package-lock.json' });
  });

  it('writes severity, title, rule, message, remediation and links, with markup escaped', () => {
    const text = threadComment(finding('a', { title: 'Key in <b>config</b>', cwe: ['CWE-798'] }), { pullRequestUrl: 'https://dev.azure.com/o/p/_git/r/pullrequest/1?_a=overview' });
    expect(text).toContain('**Critical** · **Key in \\<b\\>config\\</b\\>**');
    expect(text).toContain('**Rule:** `SEC-AWS-KEY` · CWE-798');
    expect(text).toContain('An AWS access key id and secret');
    expect(text).toContain('**Remediation:** Rotate the key and read it from a secret store');
    expect(text).toContain('[About this rule](https://example.com/rules/SEC-AWS-KEY)');
    expect(text).toContain('[Vigil on this pull request](https://dev.azure.com/o/p/_git/r/pullrequest/1?_a=overview)');
    expect(threadComment(finding('a', { helpUri: 'javascript:alert(1)' }))).not.toContain('javascript:');
  });

  it('stores a finding with its place, its link at the source commit and its thread', () => {
    const dto = toPullRequestFinding({ finding: finding('a'), targetFindingId: undefined }, true, { repoWebUrl: 'https://dev.azure.com/o/p/_git/r', sourceCommit: 'abc' }, { threadId: 4, state: 'active' });
    expect(dto).toMatchObject({ fingerprint: 'a', path: 'src/config.js', line: 3, endLine: 4, isNew: true, threadId: 4, threadState: 'active', helpUrl: 'https://example.com/rules/SEC-AWS-KEY' });
    const url = new URL(dto.webUrl!);
    expect([url.searchParams.get('path'), url.searchParams.get('version'), url.searchParams.get('line')]).toEqual(['/src/config.js', 'GCabc', '3']);
  });
});
