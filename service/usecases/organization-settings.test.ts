// The organization's settings as the jobs read them (migration 013): the hourly discovery claim, the
// retention prune, scanner switches, and audited changes (one entry each, none for a no-op, none when the
// change fails: the transaction takes both).
import { randomUUID } from 'node:crypto';
import { databaseKinds } from '../../test/support/databases';
import { chooseScanners } from '../jobs/scanner-switches';
import { audited } from './audited';
import { changeRepositoryScanners, changeScanSettings } from './organization-settings';
import { listAuditLog, recordAudit, withoutSecrets } from '../store/audit-log';
import { syncRepositories } from '../store/repositories';
import { claimDueDiscoveries, claimDuePrunes, getScanSettings, organizationsOnServiceSchedule, pruneHistory } from '../store/scan-settings';
import { connectTestOrg, useTestStore } from '../store/testdata/test-store';

const actor = { id: 'admin-1', name: 'Ada Admin', requestId: 'req-1' };
const HOUR = 3600_000;

describe.each(databaseKinds)('organization settings in the store on %s', (kind) => {
  const store = useTestStore(kind);

  it('asks for discoveries of organizations whose own interval passed; the others follow the service schedule', async () => {
    const { db } = store();
    const own = await connectTestOrg(store(), `own-${kind}`);
    const service = await connectTestOrg(store(), `svc-${kind}`);
    await changeScanSettings(db, own.org_id, actor, { discoveryIntervalHours: 4, scanIntervalHours: null, disabledScanners: [], historyRetentionDays: null });
    const t0 = new Date('2026-12-07T10:00:00Z');
    expect(await claimDueDiscoveries(db, t0)).toEqual([own.org_id]);
    expect(await claimDueDiscoveries(db, new Date(t0.getTime() + 3 * HOUR))).toEqual([]);
    expect(await claimDueDiscoveries(db, new Date(t0.getTime() + 4 * HOUR))).toEqual([own.org_id]);
    const onService = await organizationsOnServiceSchedule(db, t0);
    expect(onService).toContain(service.org_id);
    expect(onService).not.toContain(own.org_id);
  });

  it('prunes history older than the retention, never a repository’s last scan nor open findings', async () => {
    const { db } = store();
    const org = await connectTestOrg(store(), `prune-${kind}`);
    await syncRepositories(db, org.org_id, [{ id: 'r1', name: 'r1', projectId: 'p1', projectName: 'p1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null }]);
    const old = new Date(Date.now() - 400 * 24 * HOUR);
    const scan = (id: string, at: Date) => ({ org_id: org.org_id, scan_id: id, repo_id: 'r1', state: 'done', trigger: 'manual', queued_at: at, finished_at: at });
    const [oldScan, lastScan, recentScan] = [randomUUID(), randomUUID(), randomUUID()];
    await db.insertInto('scans').values([scan(oldScan, old), scan(lastScan, old), scan(recentScan, new Date())]).execute();
    await db.updateTable('repositories').set({ last_scan_id: lastScan }).where('org_id', '=', org.org_id).execute();
    const finding = (state: string, fixedAt: Date | null) => ({
      org_id: org.org_id,
      finding_id: randomUUID(),
      repo_id: 'r1',
      project_id: 'p1',
      fingerprint: randomUUID(),
      group_key: randomUUID(),
      rule_id: 'SEC-TEST',
      category: 'secret',
      severity: 'high',
      severity_rank: 3,
      confidence: 'high',
      title: 't',
      message: 'm',
      location: JSON.stringify({ kind: 'file', path: 'a.txt' }),
      remediation: 'r',
      state,
      first_seen_scan: oldScan,
      last_seen_scan: oldScan,
      first_seen_at: old,
      last_seen_at: old,
      fixed_at: fixedAt,
    });
    await db.insertInto('findings').values([finding('fixed', old), finding('open', null), finding('fixed', new Date())]).execute();

    await changeScanSettings(db, org.org_id, actor, { discoveryIntervalHours: null, scanIntervalHours: null, disabledScanners: [], historyRetentionDays: 365 });
    const due = await claimDuePrunes(db, 24);
    expect(due).toContainEqual({ orgId: org.org_id, days: 365 });
    expect(await claimDuePrunes(db, 24)).not.toContainEqual(expect.objectContaining({ orgId: org.org_id }));
    const counts = await pruneHistory(db, org.org_id, new Date(Date.now() - 365 * 24 * HOUR));
    expect(counts).toMatchObject({ scans: 1, findings: 1 });
    const scans = (await db.selectFrom('scans').select('scan_id').where('org_id', '=', org.org_id).execute()).map((r) => r.scan_id);
    expect(scans.sort()).toEqual([lastScan, recentScan].sort());
    const states = (await db.selectFrom('findings').select('state').where('org_id', '=', org.org_id).execute()).map((r) => r.state);
    expect(states.sort()).toEqual(['fixed', 'open']);
  });

  it('writes one audit entry per change with only what changed, none for a no-op, none when the change fails', async () => {
    const { db } = store();
    const org = await connectTestOrg(store(), `audit-${kind}`);
    await syncRepositories(db, org.org_id, [{ id: 'r1', name: 'payments', projectId: 'p1', projectName: 'p1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null }]);
    const entries = async () => listAuditLog(db, org.org_id, { limit: 100 });
    const base = (await entries()).length;

    await changeScanSettings(db, org.org_id, actor, { discoveryIntervalHours: null, scanIntervalHours: 12, disabledScanners: ['iac'], historyRetentionDays: null });
    let log = await entries();
    expect(log.length).toBe(base + 1);
    expect(log[0]).toMatchObject({
      action: 'settings.changed',
      actorId: 'admin-1',
      actorName: 'Ada Admin',
      requestId: 'req-1',
      before: { scanIntervalHours: null, disabledScanners: [] },
      after: { scanIntervalHours: 12, disabledScanners: ['iac'] },
    });
    expect(Object.keys(log[0].after as object).sort()).toEqual(['disabledScanners', 'scanIntervalHours']);

    await changeScanSettings(db, org.org_id, actor, { discoveryIntervalHours: null, scanIntervalHours: 12, disabledScanners: ['iac'], historyRetentionDays: null });
    expect((await entries()).length).toBe(base + 1);

    const own = await changeRepositoryScanners(db, org.org_id, actor, 'r1', { iac: true, secret: false });
    expect(own?.scanners.find((s) => s.family === 'iac')).toEqual({ family: 'iac', enabled: true, source: 'repository' });
    log = await entries();
    expect(log.length).toBe(base + 2);
    expect(log[0]).toMatchObject({ action: 'repository.settings-changed', target: 'repository payments', before: { scannerOverrides: {} }, after: { scannerOverrides: { iac: true, secret: false } } });
    expect(await changeRepositoryScanners(db, org.org_id, actor, 'no-such-repo', { iac: true })).toBeUndefined();
    expect((await entries()).length).toBe(base + 2);

    // A change that throws after writing leaves neither the change nor its entry.
    await expect(
      audited(db, org.org_id, { actor, action: 'settings.changed' }, async (trx) => {
        await trx.updateTable('organizations').set({ scan_interval_hours: 99 }).where('org_id', '=', org.org_id).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await getScanSettings(db, org.org_id))?.scanIntervalHours).toBe(12);
    expect((await entries()).length).toBe(base + 2);

    // Secrets never reach the log, whatever a caller hands it.
    await recordAudit(db, org.org_id, { actor, action: 'credential.replaced', after: { kind: 'pat', pat: 'abc123', servicePrincipal: { clientId: 'c', clientSecret: 's3cret' }, verifySecrets: true } });
    expect((await entries())[0].after).toEqual({ kind: 'pat', pat: '[redacted]', servicePrincipal: { clientId: 'c', clientSecret: '[redacted]' }, verifySecrets: true });
    expect(withoutSecrets([{ token: 'x', path: 'src/a.ts' }])).toEqual([{ token: '[redacted]', path: 'src/a.ts' }]);

    // Another organization's log holds none of these.
    const other = await connectTestOrg(store(), `audit-other-${kind}`);
    expect((await listAuditLog(db, other.org_id, { limit: 100 })).map((e) => e.action)).not.toContain('settings.changed');
  });

  it('chooses the scanners a repository runs: the organization’s switches, then the repository’s own', () => {
    const names = (c: ReturnType<typeof chooseScanners>) => c.run.map((s) => s.category);
    const all = chooseScanners([], null);
    expect(all.turnedOff).toEqual([]);
    const noIac = chooseScanners(['iac'], null);
    expect(names(noIac)).not.toContain('iac');
    expect(noIac.turnedOff).toEqual([expect.objectContaining({ scanner: 'iac', status: 'not-run', reason: { code: 'turned-off', text: 'turned off in settings' } })]);
    expect(names(chooseScanners(['iac'], { iac: true }))).toContain('iac');
    const noCode = chooseScanners([], { code: false });
    expect(noCode.turnedOff.map((r) => r.scanner).sort()).toEqual(['code-csharp', 'code-javascript', 'code-python']);
    // Unknown families stored (a family since removed) are ignored.
    expect(chooseScanners(['antivirus'], { nope: false }).turnedOff).toEqual([]);
  });
});
