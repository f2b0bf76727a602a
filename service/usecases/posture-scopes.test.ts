// At connect: the posture scopes a PAT lacks, each with the areas it leaves not available, found against
// the fake organization (which refuses a read its PAT has no scope for, as ADO does).
import { AdoClient } from '../ado/client';
import { postureAreasOfScope } from '../ado/scopes';
import { startFakeAdo, type FakeAdo } from '../../test/fake-ado/server';
import { postureScopeGaps } from './posture-scopes';

const STOREFRONT = '4df10531-7bba-4f8a-bb7a-96df392d15f3';

describe('posture scope gaps at connect', () => {
  let fake: FakeAdo;
  beforeAll(async () => {
    fake = await startFakeAdo();
  });
  afterAll(async () => {
    await fake.close();
  });
  const client = (pat: string) => new AdoClient({ orgUrl: fake.orgUrl('contoso'), credential: { kind: 'pat', token: pat }, maxRetries: 0 });

  test('a full PAT lacks nothing', async () => {
    expect(await postureScopeGaps(client(fake.pats.full), STOREFRONT)).toEqual([]);
  });

  test('a code-only PAT: every other posture scope named with the areas it leaves not available', async () => {
    const gaps = await postureScopeGaps(client(fake.pats.codeOnly), STOREFRONT);
    const scopes = gaps.map((g) => g.scope);
    expect(scopes).toEqual(expect.arrayContaining(['vso.build', 'vso.release', 'vso.serviceendpoint', 'vso.variablegroups_read', 'vso.agentpools', 'vso.graph']));
    expect(scopes).not.toContain('vso.code');
    expect(scopes).not.toContain('vso.project');
    expect(gaps.find((g) => g.scope === 'vso.build')).toEqual({ scope: 'vso.build', label: 'Build (Read)', areas: ['buildDefinitions', 'projectPipelineSettings'] });
    for (const g of gaps) expect(g.areas).toEqual(postureAreasOfScope(g.scope));
  });
});
