// A claimed scan writes its outcome (findings, results, figures, the repository's state) in one
// transaction that first holds its claim: a worker whose claim was lost writes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { ZipFile } from 'yazl';
import { databaseKinds } from '../../test/support/databases';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { BASE62, randomToken } from '../engine/secrets/examples';
import { syncRepositories } from '../store/repositories';
import { claimNextScan, requestScan } from '../store/scan-queue';
import { connectTestOrg, TEST_KEY, useTestStore } from '../store/testdata/test-store';
import { scanRepository, type ScanLease } from './scan-repo';
import { ClaimLostError } from './scan-workers';

const secret = `ghp_${randomToken('scan-repo', BASE62, 36)}`;

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name, { mtime: new Date('2025-01-01T00:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe.each(databaseKinds)('scanRepository on %s', (kind) => {
  const store = useTestStore(kind);
  let tmpDir: string;
  let n = 0;
  beforeAll(() => {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-scan-repo-test-'));
  });
  afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

  async function claimed(headSha?: string) {
    const { db } = store();
    const org = await connectTestOrg(store(), `scan-repo-${kind}-${++n}`);
    await syncRepositories(db, org.org_id, [
      { id: 'r', name: 'r', projectId: 'p1', projectName: 'P1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null },
    ]);
    await requestScan(db, org.org_id, 'r', 'manual', { headSha });
    const claim = await claimNextScan(db, { workerId: 'test', leaseSeconds: 60, maxPerOrg: 10 });
    if (claim?.orgId !== org.org_id) throw new Error('expected to claim the scan just requested');
    const zip = await zipOf({ 'src/config.js': `const token = "${secret}";\n` });
    const reads = { heads: 0, zips: [] as string[] };
    const client = {
      git: {
        getBranchHead: async () => {
          reads.heads++;
          return 'c0ffee';
        },
        downloadRepositoryZip: async (o: { destFile: string; commitSha: string }) => {
          reads.zips.push(o.commitSha);
          fs.writeFileSync(o.destFile, zip);
        },
      },
    };
    const config = {
      encryptionKey: TEST_KEY,
      tmpDir,
      maxRepoBytes: 10_000_000,
      maxFileBytes: 1_000_000,
      maxFiles: 1000,
      maxDepth: 50,
      scanHeadMaxAgeSeconds: 900,
      // Scans hand the package scanners registry metadata when this is on; these tests reach no registry.
      packageMetadata: { enabled: false },
    } as Partial<Config>;
    const ctx = { store: store(), config, log: pino({ level: 'silent' }), adoClient: () => client } as unknown as AppContext;
    const written = async () => ({
      findings: (await db.selectFrom('findings').select('rule_id').where('org_id', '=', org.org_id).execute()).length,
      scan: await db.selectFrom('scans').select(['state', 'commit_sha', 'findings_new']).where('org_id', '=', org.org_id).where('scan_id', '=', claim.scanId).executeTakeFirstOrThrow(),
      repository: await db.selectFrom('repositories').select(['scan_state', 'head_sha']).where('org_id', '=', org.org_id).where('repo_id', '=', 'r').executeTakeFirstOrThrow(),
    });
    return { ctx, claim, written, reads };
  }

  test('the holder of the claim writes the whole outcome', async () => {
    const { ctx, claim, written } = await claimed();
    const held: string[] = [];
    const lease: ScanLease = {
      tempPrefix: 'vigil-scan-test-',
      confirm: async () => undefined,
      hold: async (trx) => void held.push(trx.isTransaction ? 'in a transaction' : 'outside'),
    };
    await scanRepository(ctx, claim, new AbortController().signal, lease);
    expect(held).toEqual(['in a transaction']);
    expect(await written()).toEqual({
      findings: 1,
      scan: { state: 'done', commit_sha: 'c0ffee', findings_new: 1 },
      repository: { scan_state: 'done', head_sha: 'c0ffee' },
    });
  });

  const lease: ScanLease = { tempPrefix: 'vigil-scan-test-', confirm: async () => undefined, hold: async () => undefined };

  test('a request that carries the head its discovery read scans that commit without reading the head again', async () => {
    const { ctx, claim, written, reads } = await claimed('beefcafe');
    expect(claim.head).toEqual({ sha: 'beefcafe', ageSeconds: expect.any(Number) });
    await scanRepository(ctx, claim, new AbortController().signal, lease);
    expect(reads).toEqual({ heads: 0, zips: ['beefcafe'] });
    expect((await written()).repository).toEqual({ scan_state: 'done', head_sha: 'beefcafe' });
  });

  test('a carried head older than VIGIL_SCAN_HEAD_MAX_AGE_SECONDS is read again', async () => {
    const { ctx, claim, reads } = await claimed('beefcafe');
    await scanRepository(ctx, { ...claim, head: { sha: 'beefcafe', ageSeconds: 901 } }, new AbortController().signal, lease);
    expect(reads).toEqual({ heads: 1, zips: ['c0ffee'] });
  });

  test('without a carried head the scan reads the branch head', async () => {
    const { ctx, claim, reads } = await claimed();
    expect(claim.head).toBeUndefined();
    await scanRepository(ctx, claim, new AbortController().signal, lease);
    expect(reads).toEqual({ heads: 1, zips: ['c0ffee'] });
  });

  test('a running scan keeps its progress in its row: saving, with the files of the zip and the findings, before its outcome is written', async () => {
    const { ctx, claim } = await claimed();
    let progress: unknown;
    const watching: ScanLease = {
      ...lease,
      confirm: async () => {
        const row = await ctx.store.db.selectFrom('scans').select('progress').where('scan_id', '=', claim.scanId).executeTakeFirstOrThrow();
        progress = row.progress;
      },
    };
    await scanRepository(ctx, claim, new AbortController().signal, watching);
    expect(progress).toEqual({ phase: 'saving', filesDone: 1, filesTotal: 1, findings: 1, updatedAt: expect.any(String) });
  });

  test('a worker whose claim is lost by the time it writes writes nothing', async () => {
    const { ctx, claim, written } = await claimed();
    const controller = new AbortController();
    const lease: ScanLease = {
      tempPrefix: 'vigil-scan-test-',
      confirm: async () => undefined,
      // The claim lapsed between the renewal and the write (what the pool's lease does then).
      hold: async () => {
        const lost = new ClaimLostError(`scan ${claim.scanId}`);
        controller.abort(lost);
        throw lost;
      },
    };
    await expect(scanRepository(ctx, claim, controller.signal, lease)).rejects.toBeInstanceOf(ClaimLostError);
    // Left as the claim made it: the pool of the worker that took the repository over settles it.
    expect(await written()).toEqual({
      findings: 0,
      scan: { state: 'running', commit_sha: 'c0ffee', findings_new: null },
      repository: { scan_state: 'running', head_sha: null },
    });
  });
});
