// A finished scan keeps its coverage (migration 005): what it did not see, for the API and the gate.
import { databaseKinds } from '../../test/support/databases';
import type { Coverage } from '../contract/model';
import { syncRepositories } from './repositories';
import { claimNextScan, completeClaim, requestScan } from './scan-queue';
import { failScan, finishScan, getScan, recordScanCommit } from './scans';
import { connectTestOrg, useTestStore } from './testdata/test-store';

describe.each(databaseKinds)('scan coverage on %s', (kind) => {
  const store = useTestStore(kind);

  it('is stored with the finished scan and absent from a failed one', async () => {
    const { db } = store();
    const org = await connectTestOrg(store(), `coverage-${kind}`);
    await syncRepositories(db, org.org_id, [{ id: 'r1', name: 'r1', projectId: 'p1', projectName: 'p1', defaultBranch: 'refs/heads/main', isDisabled: false, isFork: false, skipReason: null }]);
    const coverage: Coverage = {
      complete: false,
      skipped: [
        { reason: 'file-too-large', count: 3, limit: 5 * 1024 * 1024, examples: ['a.bin.txt', 'b.log', 'c.sql'] },
        { reason: 'binary', count: 1, examples: ['logo.svg'] },
      ],
    };
    // Each scan as the worker pool runs it: requested, claimed, ended, its claim given up.
    const claimed = async () => {
      await requestScan(db, org.org_id, 'r1', 'manual');
      const claim = await claimNextScan(db, { workerId: 'test', leaseSeconds: 60, maxPerOrg: 1 });
      if (!claim) throw new Error('nothing to claim');
      return claim;
    };
    const first = await claimed();
    const done = first.scanId;
    await recordScanCommit(db, org.org_id, done, 'c0ffee');
    await finishScan(db, org.org_id, done, { durationMs: 5, filesScanned: 9, bytesScanned: 90, findingsNew: 0, findingsFixed: 0, findingsOpen: 0, scanners: [], warnings: [], coverage });
    expect(await completeClaim(db, first)).toBe(true);
    expect(await getScan(db, org.org_id, done)).toMatchObject({ state: 'done', commit_sha: 'c0ffee', coverage });

    const second = await claimed();
    const failed = second.scanId;
    expect(failed).not.toBe(done);
    await failScan(db, org.org_id, failed, 'download failed');
    expect((await getScan(db, org.org_id, failed))?.coverage).toBeNull();
  });
});
