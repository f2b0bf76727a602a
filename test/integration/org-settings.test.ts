// Organization settings through the real service on the fake ADO (issue 20): the schedule, scanners and
// retention (administrators write, members read, bad values are problem+json), a scanner turned off is
// "not run: turned off in settings" in the next scan and its findings stay, a repository's own switch,
// the credential replaced (checked as connect; a failing one keeps the old), and the audit log: one entry
// per change with before/after, never a secret, newest first, filtered, per organization only.
import { fullOrganizationSettingsSchema, auditLogPageSchema, credentialDtoSchema, repositoryScannersDtoSchema, type ScanSettings } from '../../service/contract/settings-api';
import { scanDtoSchema, pagedSchema } from '../../service/contract/api';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';
import { contractApi } from './contract';

const SETTINGS = '/api/v1/organization/settings';
const AUDIT = '/api/v1/organization/audit-log';
const CREDENTIAL = '/api/v1/organization/credential';

describe.each(databaseKinds)('organization settings and the audit log on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  beforeAll(async () => {
    stack = await startStack({ database: kind });
    api = contractApi(stack);
    await stack.connectAndScan();
    const fab = await stack.api(stack.users.fabrikamAdmin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.fakeAdo.orgUrl('fabrikam'), pat: stack.fakeAdo.pats.fabrikam }, 'fabrikam');
    expect(fab.status).toBe(201);
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const db = () => stack.service.context.store.db;
  const auditRows = async (orgName = 'contoso') => {
    const org = await db().selectFrom('organizations').select('org_id').where('name', '=', orgName).executeTakeFirstOrThrow();
    return db().selectFrom('audit_log').selectAll().where('org_id', '=', org.org_id).orderBy('at', 'desc').execute();
  };
  const sealed = async () => Buffer.from((await db().selectFrom('credentials as c').innerJoin('organizations as o', 'o.org_id', 'c.org_id').select(['c.ciphertext', 'c.kind']).where('o.name', '=', 'contoso').executeTakeFirstOrThrow()).ciphertext);

  test('schedule, scanners and retention: members read, administrators write (one audit entry each), bad values refused', async () => {
    const { admin, dev } = stack.users;
    const initial = (await api.ok(fullOrganizationSettingsSchema, dev, 'GET', SETTINGS)).body;
    expect(initial).toMatchObject({ discoveryIntervalHours: null, scanIntervalHours: null, disabledScanners: [], historyRetentionDays: null });
    expect(initial.defaults.scanIntervalHours).toBeGreaterThan(0);

    const wanted: ScanSettings = { discoveryIntervalHours: 4, scanIntervalHours: 48, disabledScanners: [], historyRetentionDays: 180 };
    expect((await api.problem(dev, 'PUT', SETTINGS, wanted)).status).toBe(403);
    for (const bad of [
      { ...wanted, discoveryIntervalHours: 0 },
      { ...wanted, scanIntervalHours: 1.5 },
      { ...wanted, historyRetentionDays: 5 },
      { ...wanted, disabledScanners: ['antivirus'] },
      { ...wanted, disabledScanners: ['iac', 'iac'] },
      { ...wanted, extra: true },
      { discoveryIntervalHours: 4 },
    ]) {
      const p = await api.problem(admin, 'PUT', SETTINGS, bad);
      expect(p.status).toBe(400);
    }
    const before = (await auditRows()).length;
    const saved = (await api.ok(fullOrganizationSettingsSchema, admin, 'PUT', SETTINGS, wanted)).body;
    expect(saved).toMatchObject(wanted);
    const rows = await auditRows();
    expect(rows.length).toBe(before + 1);
    expect(rows[0]).toMatchObject({
      action: 'settings.changed',
      actor_id: admin.id,
      target: 'organization',
      before: { discoveryIntervalHours: null, scanIntervalHours: null, historyRetentionDays: null },
      after: { discoveryIntervalHours: 4, scanIntervalHours: 48, historyRetentionDays: 180 },
    });
    expect(rows[0].request_id).toBeTruthy();
    // Saving the same values again changes nothing and records nothing.
    await api.ok(fullOrganizationSettingsSchema, admin, 'PUT', SETTINGS, wanted);
    expect((await auditRows()).length).toBe(before + 1);
    // PATCH (gate, comments) is audited too, with only what changed.
    await api.ok(fullOrganizationSettingsSchema, admin, 'PATCH', SETTINGS, { gateSeverity: 'critical' });
    expect((await auditRows())[0]).toMatchObject({ action: 'settings.changed', before: { gateSeverity: 'high' }, after: { gateSeverity: 'critical' } });
    await api.ok(fullOrganizationSettingsSchema, admin, 'PATCH', SETTINGS, { gateSeverity: 'high' });
    // Back to the defaults.
    await api.ok(fullOrganizationSettingsSchema, admin, 'PUT', SETTINGS, { discoveryIntervalHours: null, scanIntervalHours: null, disabledScanners: [], historyRetentionDays: null });
  });

  test('a scanner family turned off is "not run: turned off in settings" at the next scan and its findings stay; a repository may turn it back on', async () => {
    const { admin, dev } = stack.users;
    const repo = stack.fakeAdo.orgs.contoso.repos['platform-infra'];
    const iacOpen = async () =>
      Number((await db().selectFrom('findings').select((eb) => eb.fn.countAll<string>().as('n')).where('repo_id', '=', repo.id).where('category', '=', 'iac').where('state', '=', 'open').executeTakeFirstOrThrow()).n);
    const openBefore = await iacOpen();
    expect(openBefore).toBeGreaterThan(0);
    await api.ok(fullOrganizationSettingsSchema, admin, 'PUT', SETTINGS, { discoveryIntervalHours: null, scanIntervalHours: null, disabledScanners: ['iac'], historyRetentionDays: null });
    const scanned = async () => {
      const res = await stack.api(admin, 'POST', '/api/v1/scans', { repositoryId: repo.id });
      expect(res.status).toBe(202);
      const scanId = res.body.scans[0].id as string;
      return waitFor('the scan to end', async () => {
        const page = (await api.ok(pagedSchema(scanDtoSchema), admin, 'GET', `/api/v1/scans?repository=${repo.id}&limit=5`)).body;
        const scan = page.items.find((s) => s.id === scanId);
        return scan && (scan.state === 'done' || scan.state === 'failed') && scan;
      });
    };
    const off = await scanned();
    expect(off.state).toBe('done');
    const iacRun = off.scanners.find((s) => s.category === 'iac');
    expect(iacRun).toMatchObject({ status: 'not-run', reason: { code: 'turned-off', text: 'turned off in settings' } });
    expect(off.scanners.find((s) => s.category === 'secret')?.status).not.toBe('not-run');
    expect(await iacOpen()).toBe(openBefore);

    // The repository turns IaC back on for itself: its next scan runs it.
    const path = `/api/v1/repositories/${repo.id}/scanners`;
    expect((await api.problem(dev, 'PUT', path, { overrides: { iac: true } })).status).toBe(403);
    expect((await api.problem(admin, 'PUT', path, { overrides: { antivirus: true } })).status).toBe(400);
    expect((await api.problem(admin, 'PUT', '/api/v1/repositories/no-such-repo/scanners', { overrides: {} })).status).toBe(404);
    const own = (await api.ok(repositoryScannersDtoSchema, admin, 'PUT', path, { overrides: { iac: true } })).body;
    expect(own.scanners.find((s) => s.family === 'iac')).toEqual({ family: 'iac', enabled: true, source: 'repository' });
    expect(own.scanners.find((s) => s.family === 'secret')).toEqual({ family: 'secret', enabled: true, source: 'organization' });
    expect((await auditRows())[0]).toMatchObject({ action: 'repository.settings-changed', target: `repository ${repo.name}`, after: { scannerOverrides: { iac: true } } });
    const on = await scanned();
    expect(on.scanners.find((s) => s.category === 'iac')?.reason?.code).not.toBe('turned-off');

    await api.ok(repositoryScannersDtoSchema, admin, 'PUT', path, { overrides: {} });
    await api.ok(fullOrganizationSettingsSchema, admin, 'PUT', SETTINGS, { discoveryIntervalHours: null, scanIntervalHours: null, disabledScanners: [], historyRetentionDays: null });
  }, 120_000);

  test('replacing the credential: checked as connect, the same organization only, a failing one keeps the old; audited without the secret', async () => {
    const { admin, dev } = stack.users;
    const first = (await api.ok(credentialDtoSchema, admin, 'GET', CREDENTIAL)).body;
    expect(first).toMatchObject({ kind: 'pat' });
    expect((await api.problem(dev, 'GET', CREDENTIAL)).status).toBe(403);
    expect((await api.problem(dev, 'PUT', CREDENTIAL, { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.codeOnly })).status).toBe(403);

    const old = await sealed();
    const count = (await auditRows()).length;
    const revoked = await api.problem(admin, 'PUT', CREDENTIAL, { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.revoked });
    expect(revoked.status).toBe(400);
    const elsewhere = await api.problem(admin, 'PUT', CREDENTIAL, { organizationUrl: stack.fakeAdo.orgUrl('fabrikam'), pat: stack.fakeAdo.pats.fabrikam });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.type).toMatch(/org-mismatch/);
    expect((await sealed()).equals(old)).toBe(true);
    expect((await auditRows()).length).toBe(count);

    // A PAT with code and project scopes only: accepted, the posture scopes it lacks named.
    const replaced = (await api.ok(credentialDtoSchema, admin, 'PUT', CREDENTIAL, { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.codeOnly })).body;
    expect(replaced.replacedAt).toBeDefined();
    expect(replaced.postureScopeGaps?.length).toBeGreaterThan(0);
    expect(replaced.postureScopeGaps!.every((g) => g.scope.length > 0 && g.label.length > 0)).toBe(true);
    expect((await sealed()).equals(old)).toBe(false);
    const entry = (await auditRows())[0];
    expect(entry).toMatchObject({ action: 'credential.replaced', actor_id: admin.id, before: { kind: 'pat' }, after: { kind: 'pat' } });
    expect(JSON.stringify(entry)).not.toContain(stack.fakeAdo.pats.codeOnly);
    expect(JSON.stringify(entry)).not.toContain(stack.fakeAdo.pats.full);

    await api.ok(credentialDtoSchema, admin, 'PUT', CREDENTIAL, { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
  }, 60_000);

  test('the audit log: administrators only, newest first, paged, filtered by action, one organization each; connect, dismissals and the rest recorded', async () => {
    const { admin, dev, fabrikamAdmin } = stack.users;
    expect((await api.problem(dev, 'GET', AUDIT)).status).toBe(403);
    expect((await api.problem(admin, 'GET', `${AUDIT}?action=DROP TABLE`)).status).toBe(400);
    expect((await api.problem(admin, 'GET', `${AUDIT}?cursor=nope`)).status).toBe(400);

    // A dismissal and its reopening.
    const finding = (await stack.api(admin, 'GET', '/api/v1/findings?state=open&limit=1')).body.items[0];
    expect((await stack.api(admin, 'PUT', `/api/v1/findings/${finding.id}/dismissal`, { reason: 'false-positive', comment: 'a test fixture' })).status).toBe(200);
    expect((await stack.api(admin, 'DELETE', `/api/v1/findings/${finding.id}/dismissal`)).status).toBe(200);

    const all = (await api.ok(auditLogPageSchema, admin, 'GET', `${AUDIT}?limit=200`)).body;
    const actions = all.items.map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['finding.reopened', 'finding.dismissed']);
    expect(actions).toContain('organization.connected');
    expect(actions).toContain('credential.replaced');
    expect(all.actions).toEqual(expect.arrayContaining(['organization.connected', 'settings.changed', 'finding.dismissed']));
    const times = all.items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.items[1]).toMatchObject({ target: `finding ${finding.id}`, after: { reason: 'false-positive', comment: 'a test fixture' }, actor: { id: admin.id } });

    // Pages of 2 give the same entries in the same order.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await api.ok(auditLogPageSchema, admin, 'GET', `${AUDIT}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((e) => e.id));

    const filtered = (await api.ok(auditLogPageSchema, admin, 'GET', `${AUDIT}?action=settings.changed`)).body;
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((e) => e.action === 'settings.changed')).toBe(true);

    // fabrikam's log holds its own connect only.
    const fab = (await api.ok(auditLogPageSchema, fabrikamAdmin, 'GET', AUDIT, undefined, 'fabrikam')).body;
    expect(fab.items.map((e) => e.action)).toEqual(['organization.connected']);
    expect(fab.items.map((e) => e.id)).not.toEqual(expect.arrayContaining([all.items[0].id]));
    // No entry anywhere holds a PAT.
    const everything = JSON.stringify(await db().selectFrom('audit_log').selectAll().execute());
    for (const pat of Object.values(stack.fakeAdo.pats)) expect(everything).not.toContain(pat);
  }, 60_000);
});
