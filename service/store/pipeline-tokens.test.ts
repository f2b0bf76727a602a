// Pipeline tokens and runs in the store: a token authenticates as its own organization until revoked, only
// its SHA-256 is stored, one organization can neither list, revoke nor read the runs of another, and the
// hub's list holds the latest run of each repository, pipeline and branch.
import { severityRank } from '../contract/vocabulary';
import { databaseKinds } from '../../test/support/databases';
import { listPipelineFindings, recordPipelineRun, type PipelineFindingInput, type PipelineRunRecord } from './pipeline-runs';
import { authenticatePipelineToken, createPipelineToken, listPipelineTokens, revokePipelineToken, tokenDigest } from './pipeline-tokens';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const finding = (over: Partial<PipelineFindingInput> = {}): PipelineFindingInput => ({
  fingerprint: 'fp-1',
  tool: 'Vigil',
  ruleId: 'SEC-NPM-ACCESS-TOKEN',
  category: 'secret',
  severity: 'critical',
  confidence: 'high',
  title: 'npm access token',
  message: 'npm access token found',
  location: { kind: 'file', path: '.npmrc', line: 2 },
  suppressed: false,
  ...over,
});

describe.each(databaseKinds)('pipeline tokens and runs on %s', (kind) => {
  const store = useTestStore(kind);
  const db = () => store().db;

  test('a token authenticates as its organization until revoked; only its digest is kept; organizations stay apart', async () => {
    const a = await connectTestOrg(store(), 'pipe-a');
    const b = await connectTestOrg(store(), 'pipe-b');
    const created = await createPipelineToken(db(), a.org_id, { name: 'ci', by: 'user-1', byName: 'Ada' });
    expect(created.token).toMatch(/^vgp_[A-Za-z0-9_-]{43}$/);
    expect(created.info).not.toHaveProperty('token_hash');
    const row = await db().selectFrom('pipeline_tokens').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(row.token_hash).equals(tokenDigest(created.token))).toBe(true);

    expect(await authenticatePipelineToken(db(), created.token)).toEqual({ orgId: a.org_id, tokenId: created.info.token_id });
    expect((await listPipelineTokens(db(), a.org_id))[0].last_used_at).not.toBeNull();
    expect(await authenticatePipelineToken(db(), created.token + 'x')).toBeUndefined();
    expect(await authenticatePipelineToken(db(), 'not-a-vgp-token')).toBeUndefined();

    // B neither lists nor revokes A's token.
    expect(await listPipelineTokens(db(), b.org_id)).toEqual([]);
    expect(await revokePipelineToken(db(), b.org_id, created.info.token_id, 'user-9')).toBe(false);
    expect(await authenticatePipelineToken(db(), created.token)).toBeDefined();

    expect(await revokePipelineToken(db(), a.org_id, created.info.token_id, 'user-1')).toBe(true);
    expect(await revokePipelineToken(db(), a.org_id, created.info.token_id, 'user-1')).toBe(false);
    expect(await authenticatePipelineToken(db(), created.token)).toBeUndefined();
    expect((await listPipelineTokens(db(), a.org_id))[0]).toMatchObject({ revoked_by: 'user-1' });
  });

  test("the hub's list: the latest run of each repository, pipeline and branch, of this organization only", async () => {
    const a = await connectTestOrg(store(), 'runs-a');
    const b = await connectTestOrg(store(), 'runs-b');
    const token = await createPipelineToken(db(), a.org_id, { name: 'ci', by: 'u' });
    const run = (over: Partial<PipelineRunRecord>): PipelineRunRecord => ({
      tokenId: token.info.token_id,
      projectId: 'p-1',
      pipelineId: 7,
      buildId: 1,
      sourceBranch: 'refs/heads/main',
      repoId: 'r-1',
      repoName: 'web',
      verdict: 'failed',
      categories: ['secret'],
      counts: { critical: 1 },
      ...over,
    });
    const t0 = Date.now();
    await recordPipelineRun(db(), a.org_id, run({ buildId: 1, commitSha: 'old' }), [finding()], new Date(t0 - 60_000));
    await recordPipelineRun(db(), a.org_id, run({ buildId: 2, commitSha: 'new' }), [finding(), finding({ fingerprint: 'fp-2', severity: 'low', suppressed: true })], new Date(t0));
    await recordPipelineRun(db(), a.org_id, run({ buildId: 3, sourceBranch: 'refs/pull/4/merge', commitSha: 'pr' }), [finding({ fingerprint: 'fp-3', severity: 'medium', ruleId: 'CODE-JS-OPEN-REDIRECT', title: 'Open redirect', location: { kind: 'file', path: 'src/a.js', line: 5 } })], new Date(t0));
    await recordPipelineRun(db(), b.org_id, run({ buildId: 9, commitSha: 'b' }), [finding()], new Date(t0));

    const open = await listPipelineFindings(db(), a.org_id, {}, { limit: 50, offset: 0 });
    expect(open.total).toBe(2);
    expect(open.rows.map((r) => [r.commit_sha, r.fingerprint, r.state])).toEqual([
      ['new', 'fp-1', 'open'],
      ['pr', 'fp-3', 'open'],
    ]);
    expect(open.rows[0]).toMatchObject({ severity_rank: severityRank('critical'), repo_name: 'web', location: { kind: 'file', path: '.npmrc', line: 2 } });
    const suppressed = await listPipelineFindings(db(), a.org_id, { states: ['suppressed'] }, { limit: 50, offset: 0 });
    expect(suppressed.rows.map((r) => r.fingerprint)).toEqual(['fp-2']);
    expect((await listPipelineFindings(db(), a.org_id, { severities: ['medium'], search: 'npm' }, { limit: 50, offset: 0 })).total).toBe(0);
    expect((await listPipelineFindings(db(), a.org_id, { severities: ['medium'] }, { limit: 50, offset: 0 })).rows.map((r) => r.fingerprint)).toEqual(['fp-3']);
    expect((await listPipelineFindings(db(), a.org_id, { search: '.npmrc' }, { limit: 50, offset: 0 })).total).toBe(1);
    expect((await listPipelineFindings(db(), b.org_id, {}, { limit: 50, offset: 0 })).rows.map((r) => r.commit_sha)).toEqual(['b']);
  });
});
