// Secret verification in the store (migration 007): the organization setting, what a reconcile keeps
// of a finding's verification, and verified live secrets first in the findings lists.
import { databaseKinds } from '../../test/support/databases';
import type { Finding, Verification } from '../contract/model';
import type { Store } from './db';
import { listFindingGroups, listFindings } from './finding-queries';
import { reconcileFindings } from './findings';
import { getOrganizationSettings, updateOrganizationSettings } from './organizations';
import { syncRepositories } from './repositories';
import { requestScan } from './scan-queue';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const finding = (fp: string, severity: Finding['severity'], verification?: Verification, groupKey = `secret:${fp}`): Finding => ({
  ruleId: 'SEC-GITHUB-PAT',
  title: 'GitHub personal access token',
  severity,
  category: 'secret',
  confidence: 'high',
  message: 'GitHub personal access token found',
  location: { kind: 'file', path: `src/${fp}.js`, line: 3 },
  fingerprint: fp,
  groupKey,
  remediation: 'Rotate it',
  details: { secret: { preview: 'ghp_…yz' } },
  ...(verification ? { verification } : {}),
});

const verified = (at: string, detail = 'octocat'): Verification => ({ state: 'verified', at, provider: 'GitHub', detail });
const invalid = (at: string): Verification => ({ state: 'invalid', at, provider: 'GitHub', detail: 'HTTP 401: bad credentials' });
const unknown = (at: string): Verification => ({ state: 'unknown', at, provider: 'GitHub', detail: 'timed out' });
const page = { limit: 50, offset: 0 };

describe.each(databaseKinds)('secret verification in the store on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  beforeAll(() => {
    store = openStoreOf();
  });

  async function orgWithRepo(name: string) {
    const org = await connectTestOrg(store, name);
    await syncRepositories(store.db, org.org_id, [
      { id: 'r1', name: 'web', projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    return org.org_id;
  }

  async function scan(orgId: string, findings: Finding[]) {
    const { scanId } = await requestScan(store.db, orgId, 'r1', 'manual');
    await reconcileFindings(store.db, orgId, 'r1', scanId, 'c1', findings);
  }

  const stored = async (orgId: string) =>
    Object.fromEntries(
      (await store.db.selectFrom('findings').select(['fingerprint', 'verification', 'verified_at', 'verification_provider', 'verification_detail']).where('org_id', '=', orgId).execute()).map(
        (r) => [r.fingerprint, r.verification && { state: r.verification, at: new Date(r.verified_at!).toISOString(), provider: r.verification_provider, detail: r.verification_detail }],
      ),
    );

  test('verifySecrets is off by default and an update changes it', async () => {
    const orgId = await orgWithRepo('settings-org');
    const defaults = { verifySecrets: false, gateSeverity: 'high', prComments: true };
    expect(await getOrganizationSettings(store.db, orgId)).toEqual(defaults);
    expect(await updateOrganizationSettings(store.db, orgId, { verifySecrets: true })).toEqual({ ...defaults, verifySecrets: true });
    expect(await getOrganizationSettings(store.db, orgId)).toEqual({ ...defaults, verifySecrets: true });
    expect(await updateOrganizationSettings(store.db, orgId, {})).toEqual({ ...defaults, verifySecrets: true });
    expect(await updateOrganizationSettings(store.db, '00000000-0000-4000-8000-000000000000', { verifySecrets: true })).toBeUndefined();
  });

  test('the pull-request gate settings: one changes, the others keep their value', async () => {
    const orgId = await orgWithRepo('gate-org');
    expect(await updateOrganizationSettings(store.db, orgId, { gateSeverity: 'medium' })).toEqual({ verifySecrets: false, gateSeverity: 'medium', prComments: true });
    expect(await updateOrganizationSettings(store.db, orgId, { prComments: false })).toEqual({ verifySecrets: false, gateSeverity: 'medium', prComments: false });
    expect(await getOrganizationSettings(store.db, orgId)).toEqual({ verifySecrets: false, gateSeverity: 'medium', prComments: false });
  });

  test('a new finding keeps its verification; a rescan replaces it, except unknown or nothing over a known answer', async () => {
    const orgId = await orgWithRepo('rescan-org');
    const t1 = '2025-06-01T10:00:00.000Z';
    const t2 = '2025-06-02T10:00:00.000Z';
    await scan(orgId, [finding('a', 'critical', verified(t1)), finding('b', 'critical', invalid(t1)), finding('c', 'critical', unknown(t1)), finding('d', 'critical')]);
    expect(await stored(orgId)).toEqual({
      a: { ...verified(t1) },
      b: { ...invalid(t1) },
      c: { ...unknown(t1) },
      d: null,
    });

    // Second scan: a and b only unknown, c verified now, d invalid now.
    await scan(orgId, [finding('a', 'critical', unknown(t2)), finding('b', 'critical'), finding('c', 'critical', verified(t2, 'hubot')), finding('d', 'critical', invalid(t2))]);
    expect(await stored(orgId)).toEqual({
      a: { ...verified(t1) },
      b: { ...invalid(t1) },
      c: { ...verified(t2, 'hubot') },
      d: { ...invalid(t2) },
    });

    // A definite answer replaces a definite one: the secret was revoked.
    await scan(orgId, [finding('a', 'critical', invalid(t2)), finding('b', 'critical'), finding('c', 'critical'), finding('d', 'critical')]);
    expect((await stored(orgId)).a).toEqual({ ...invalid(t2) });
  });

  test('verified live secrets list first, then by severity; the filter picks states and never-verified ones', async () => {
    const orgId = await orgWithRepo('order-org');
    const t = '2025-06-01T10:00:00.000Z';
    await scan(orgId, [
      finding('crit-none', 'critical'),
      finding('crit-invalid', 'critical', invalid(t)),
      finding('low-live', 'low', verified(t)),
      finding('high-live', 'high', verified(t)),
      finding('medium-unknown', 'medium', unknown(t)),
    ]);
    // The two critical ones tie (same severity, same time): their order is the id's.
    const order = (fps: string[]) => [...fps.slice(0, 2), fps.slice(2, 4).sort().join('|'), ...fps.slice(4)];
    const expected = ['high-live', 'low-live', 'crit-invalid|crit-none', 'medium-unknown'];
    const flat = await listFindings(store.db, orgId, { states: ['open'] }, page);
    expect(order(flat.rows.map((r) => r.fingerprint))).toEqual(expected);

    const groups = await listFindingGroups(store.db, orgId, { states: ['open'] }, page);
    expect(order(groups.groups.map((g) => g.representative.fingerprint))).toEqual(expected);

    const live = await listFindings(store.db, orgId, { states: ['open'], verifications: ['verified'] }, page);
    expect(live.rows.map((r) => r.fingerprint)).toEqual(['high-live', 'low-live']);
    expect(live.total).toBe(2);
    const notLive = await listFindings(store.db, orgId, { states: ['open'], verifications: ['unknown', 'none'] }, page);
    expect(notLive.rows.map((r) => r.fingerprint)).toEqual(['crit-none', 'medium-unknown']);
  });

  test('a group is represented by its verified location', async () => {
    const orgId = await orgWithRepo('group-org');
    const t = '2025-06-01T10:00:00.000Z';
    await scan(orgId, [finding('x1', 'critical', undefined, 'secret:same'), finding('x2', 'critical', verified(t), 'secret:same')]);
    const { groups } = await listFindingGroups(store.db, orgId, { states: ['open'] }, page);
    expect(groups).toHaveLength(1);
    expect(groups[0].representative.fingerprint).toBe('x2');
    expect(groups[0].locations.map((l) => l.fingerprint)).toEqual(['x2', 'x1']);
  });
});
