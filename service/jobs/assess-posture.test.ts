// The assess-posture job against the fake organization: a full assessment stores the snapshot (without
// plain variable values) and the outcomes; an assessment with a PAT that lost scopes reports those areas
// not available and leaves every fail of their controls open (not available is never fixed).
import { AdoClient } from '../ado/client';
import type { Config } from '../config';
import { createLogger } from '../log';
import { postureControls } from '../posture/controls';
import type { Store } from '../store/db';
import { connectOrganization } from '../store/organizations';
import { countPostureSnapshots, latestPostureSnapshot, listPostureAssessments } from '../store/posture';
import { TEST_KEY, useTestStore } from '../store/testdata/test-store';
import { startFakeAdo, type FakeAdo } from '../../test/fake-ado/server';
import { assessPosture } from './assess-posture';

describe('assess-posture job', () => {
  const openStore = useTestStore('pglite');
  let store: Store;
  let fake: FakeAdo;
  let pat: string;
  let orgId: string;
  beforeAll(async () => {
    store = openStore();
    fake = await startFakeAdo();
    pat = fake.pats.full;
    const org = await connectOrganization(store.db, TEST_KEY, {
      name: 'contoso',
      url: fake.orgUrl('contoso'),
      instanceId: fake.orgs.contoso.id,
      connectedBy: 'u1',
      pat: fake.pats.full,
      patOwnerId: 'u1',
    });
    orgId = org.org_id;
  });
  afterAll(async () => {
    await fake.close();
  });

  const ctx = () => ({
    store,
    config: { encryptionKey: TEST_KEY, posture: { cron: 'off', snapshotsKept: 2, concurrency: 4 } } as unknown as Config,
    log: createLogger('silent'),
    // The stored credential is the full PAT; the PAT used is switched here to take scopes away.
    adoClient: (orgUrl: string) => new AdoClient({ orgUrl, credential: { kind: 'pat', token: pat }, maxRetries: 0 }),
  });
  const postureStates = async () =>
    (await store.db.selectFrom('findings').select(['rule_id', 'fingerprint', 'state']).where('org_id', '=', orgId).where('category', '=', 'posture').execute());

  test('a full assessment stores the snapshot without plain values, and its outcomes', async () => {
    const r = await assessPosture(ctx(), { orgId, trigger: 'connect' });
    expect(r.state).toBe('done');
    expect(r.counts!.fail).toBeGreaterThan(0);
    expect(r.newFailures).toBe(r.counts!.fail);
    const stored = await latestPostureSnapshot(store.db, orgId);
    expect(JSON.stringify(stored!.snapshot)).not.toMatch(/"plainValueForSecretsScan":"[^"]/);
    const [a] = (await listPostureAssessments(store.db, orgId, { limit: 1, offset: 0 })).rows;
    expect(a).toMatchObject({ state: 'done', trigger: 'connect', controls: postureControls.length });
    expect((await postureStates()).every((f) => f.state === 'open')).toBe(true);
    expect(a.new_failures).toBe(r.counts!.fail); // the assessment's changes are posture outcomes only
  }, 60_000);

  test('a PAT without build scopes: those areas are not available and their fails stay open', async () => {
    const before = await postureStates();
    const readsBuilds = new Set(postureControls.filter((c) => c.areas.some((a) => a === 'buildDefinitions' || a === 'projectPipelineSettings')).map((c) => c.meta.id));
    expect(before.some((f) => readsBuilds.has(f.rule_id))).toBe(true);
    pat = fake.pats.codeOnly;
    const r = await assessPosture(ctx(), { orgId, trigger: 'manual' });
    expect(r.state).toBe('done');
    const [a] = (await listPostureAssessments(store.db, orgId, { limit: 1, offset: 0 })).rows;
    const builds = (a.areas as { area: string; state: string; missingScope?: { scope: string } }[]).find((x) => x.area === 'buildDefinitions');
    expect(builds).toMatchObject({ state: 'not-available', missingScope: { scope: 'vso.build' } });
    const after = new Map((await postureStates()).map((f) => [f.fingerprint, f.state]));
    for (const f of before.filter((x) => readsBuilds.has(x.rule_id))) expect([f.rule_id, after.get(f.fingerprint)]).toEqual([f.rule_id, 'open']);
    expect(a.changes.fixed.filter((c) => readsBuilds.has(c.controlId))).toEqual([]);
    expect(await countPostureSnapshots(store.db, orgId)).toBe(2);
  }, 60_000);

  test('an organization disconnected meanwhile is skipped', async () => {
    expect(await assessPosture(ctx(), { orgId: '00000000-0000-0000-0000-000000000000', trigger: 'schedule' })).toEqual({ state: 'skipped' });
  });
});
