// Issue 14 §3: a push to the default branch is scanned incrementally against the fake ADO: the files
// it changed are read (diffs/commits, one blobs zip), their findings reconciled, every other finding
// carried forward as it was; a lockfile or too many changes make the scan full. The real scan job on
// a PGlite (or PostgreSQL) store, a real ADO client, the fake's REST pushes and history.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { AdoClient } from '../../service/ado/client';
import type { AdoCredential } from '../../service/ado/types';
import type { Config } from '../../service/config';
import type { AppContext } from '../../service/context';
import type { ScanTrigger } from '../../service/contract/vocabulary';
import { BASE62, randomToken } from '../../service/engine/secrets/examples';
import { scanRepository, type ScanLease } from '../../service/jobs/scan-repo';
import { connectOrganization } from '../../service/store/organizations';
import { syncRepositories } from '../../service/store/repositories';
import { claimNextScan, completeClaim, requestScan } from '../../service/store/scan-queue';
import { TEST_KEY, useTestStore } from '../../service/store/testdata/test-store';
import { startFakeAdo, type FakeAdo } from '../fake-ado/server';
import { databaseKinds } from '../support/databases';

const token = (seed: string) => `ghp_${randomToken(`incremental-${seed}`, BASE62, 36)}`;
const lease: ScanLease = { tempPrefix: 'vigil-incremental-it-', confirm: async () => undefined, hold: async () => undefined };

describe.each(databaseKinds)('incremental push scans on %s', (kind) => {
  const store = useTestStore(kind);
  let fake: FakeAdo;
  let tmpDir: string;
  let ctx: AppContext;
  let orgId: string;
  const repo = () => fake.orgs.fabrikam.repos['fiber-api'];

  beforeAll(async () => {
    fake = await startFakeAdo();
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-incremental-it-'));
    const { db } = store();
    const org = await connectOrganization(db, TEST_KEY, {
      name: 'fabrikam',
      url: fake.orgUrl('fabrikam'),
      instanceId: 'fabrikam-incremental',
      connectedBy: 'u1',
      pat: fake.pats.fabrikam,
      patOwnerId: 'u1',
    });
    orgId = org.org_id;
    const r = repo();
    await syncRepositories(db, orgId, [
      { id: r.id, name: r.name, projectId: r.projectId, projectName: r.projectName, defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    const config = {
      encryptionKey: TEST_KEY,
      tmpDir,
      maxRepoBytes: 50_000_000,
      maxFileBytes: 1_000_000,
      maxFiles: 100_000,
      maxDepth: 50,
      rescanHours: 24,
      incrementalMaxFiles: 3,
      packageMetadata: { enabled: false },
    } as Partial<Config>;
    ctx = {
      store: store(),
      config,
      log: pino({ level: 'silent' }),
      adoClient: (orgUrl: string, credential: AdoCredential) => new AdoClient({ orgUrl, credential }),
    } as unknown as AppContext;
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  /** Queues, claims and runs one scan of fiber-api; its row, and the ADO requests it sent. */
  async function scan(trigger: ScanTrigger = 'push') {
    const { db } = store();
    await requestScan(db, orgId, repo().id, trigger);
    const claim = await claimNextScan(db, { workerId: 'test', leaseSeconds: 60, maxPerOrg: 10 });
    if (claim?.orgId !== orgId) throw new Error(`expected to claim the scan just requested: ${JSON.stringify(claim)}`);
    const before = fake.requests.length;
    await scanRepository(ctx, claim, new AbortController().signal, lease);
    await completeClaim(db, claim);
    const requests = fake.requests.slice(before).map((r) => `${r.method} ${r.path.slice(r.path.indexOf('/_apis/') + 1)}`);
    const row = await db.selectFrom('scans').selectAll().where('org_id', '=', orgId).where('scan_id', '=', claim.scanId).executeTakeFirstOrThrow();
    return { row, requests };
  }

  const findings = async () =>
    Object.fromEntries(
      (await store().db.selectFrom('findings').select(['finding_id', 'fingerprint', 'state', 'location', 'last_seen_scan', 'details']).where('org_id', '=', orgId).execute()).map((f) => [
        f.fingerprint,
        { id: f.finding_id, state: f.state, path: (f.location as { path?: string }).path, lastSeen: f.last_seen_scan },
      ]),
    );

  const [kept, removed, added, inNewFile, untouched] = ['kept', 'removed', 'added', 'new-file', 'untouched'].map(token);

  test('a one-file push is scanned incrementally: one fixed, two new, every other finding unchanged', async () => {
    fake.push('fabrikam', 'fiber-api', {
      changes: {
        'src/tokens.js': `// service tokens\nconst primary = "${kept}";\n\nconst legacy = "${removed}";\nmodule.exports = { primary, legacy };\n`,
        'config/ci.env': `GITHUB_TOKEN=${untouched}\n`,
      },
    });
    const first = await scan('discovery');
    expect(first.row).toMatchObject({ state: 'done', kind: 'full', base_commit: null });
    const base = first.row.commit_sha!;
    const before = await findings();
    const secretPaths = Object.values(before).map((f) => f.path);
    expect(secretPaths).toEqual(expect.arrayContaining(['src/tokens.js', 'config/ci.env', 'src/index.js']));

    // One file edited (a secret removed, another added elsewhere in it), one file added.
    const head = fake.push('fabrikam', 'fiber-api', {
      changes: {
        'src/tokens.js': `// service tokens\nconst primary = "${kept}";\nconst extra = "${added}";\n\nmodule.exports = { primary, extra };\n`,
        'src/new.js': `exports.key = "${inNewFile}";\n`,
      },
    });
    const second = await scan('push');
    expect(second.row).toMatchObject({ state: 'done', kind: 'incremental', base_commit: base, commit_sha: head, files_scanned: 2, findings_new: 2, findings_fixed: 1 });
    // The head, the changes, .vigil.yml, the blobs: no repository zip.
    expect(second.requests).toEqual([
      'GET _apis/git/repositories/' + repo().id + '/refs',
      'GET _apis/git/repositories/' + repo().id + '/diffs/commits',
      'GET _apis/git/repositories/' + repo().id + '/items',
      'POST _apis/git/repositories/' + repo().id + '/blobs',
    ]);

    const after = await findings();
    const fixed = Object.keys(after).filter((fp) => after[fp].state === 'fixed');
    const created = Object.keys(after).filter((fp) => !before[fp]);
    expect(fixed).toHaveLength(1);
    expect(after[fixed[0]].path).toBe('src/tokens.js');
    expect(created.map((fp) => after[fp].path).sort()).toEqual(['src/new.js', 'src/tokens.js']);
    for (const fp of created) expect(after[fp]).toMatchObject({ state: 'open', lastSeen: second.row.scan_id });
    // Every other finding: the same id, still open; those of files the push did not touch not even seen again.
    for (const [fp, was] of Object.entries(before)) {
      if (fp === fixed[0]) continue;
      expect(after[fp]).toMatchObject({ id: was.id, state: 'open' });
      if (was.path !== 'src/tokens.js') expect(after[fp]).toEqual(was);
    }
    expect(second.row.findings_open).toBe(Object.values(after).filter((f) => f.state === 'open').length);
  }, 120_000);

  test('a push touching package-lock.json is scanned in full, with the reason', async () => {
    fake.push('fabrikam', 'fiber-api', { changes: { 'package-lock.json': JSON.stringify({ name: 'fabrikam-fiber-api', lockfileVersion: 3, packages: {} }) } });
    const { row, requests } = await scan('push');
    expect(row).toMatchObject({ state: 'done', kind: 'full', base_commit: null });
    expect(row.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'full-scan', message: expect.stringMatching(/lockfile.*package-lock\.json/) })]));
    expect(requests.filter((r) => r.endsWith('/items'))).toHaveLength(1); // the repository zip
    expect(requests.some((r) => r.endsWith('/blobs'))).toBe(false);
  }, 120_000);

  test('more changed files than VIGIL_INCREMENTAL_MAX_FILES: a full scan', async () => {
    const changes = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`docs/page-${i}.md`, `# Page ${i}\n`]));
    fake.push('fabrikam', 'fiber-api', { changes });
    const { row } = await scan('push');
    expect(row).toMatchObject({ state: 'done', kind: 'full' });
    expect(row.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'full-scan', message: expect.stringMatching(/more than 3 files changed/) })]));
  }, 120_000);

  test('a scan asked for by hand is full however little changed', async () => {
    fake.push('fabrikam', 'fiber-api', { changes: { 'docs/page-0.md': '# Page zero\n' } });
    expect((await scan('manual')).row).toMatchObject({ state: 'done', kind: 'full' });
  }, 120_000);
});
