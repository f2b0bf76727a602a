// Scan one repository: resolve the head SHA, stream the zip to a temp dir, scan it in place with
// guards (scan-archive.ts: nothing unpacked), reconcile findings, keep the other outcomes, record
// per-scanner figures and coverage. The temp dir is always removed.
import path from 'node:path';
import type { Kysely } from 'kysely';
import { withTempDir } from './scan-temp';
import { parseOrgUrl } from '../ado/org-url';
import type { ScanWarning } from '../engine/types';
import { reconcileFindings } from '../store/findings';
import { replaceInventory } from '../store/inventories';
import { getCredential, getOrganization } from '../store/organizations';
import { getRepository, setRepositoryScanState } from '../store/repositories';
import { replaceResults } from '../store/results';
import { failScan, finishScan, getScan, recordScanCommit } from '../store/scans';
import type { Database } from '../store/schema';
import type { AppContext } from '../context';
import type { ScanRepoJob } from './queue';
import { INFLATED_BYTES_PER_REPO_BYTE, scanArchive } from './scan-archive';
import { dependencyScanOptions, packageInventory, unjudgedCategories } from './scan-datasets';

/** What the worker pool (scan-workers.ts) hands a scan it claimed from the scan queue. */
export interface ScanLease {
  /** withTempDir prefix naming the owning process, so a sweep can tell the folders of dead ones (scan-temp.ts). */
  tempPrefix: string;
  /** Renews the claim now; throws when it lapsed (another worker took the repository over). */
  confirm(): Promise<void>;
  /** In the transaction that writes the outcome: throws when the claim was lost, else holds it until the commit. */
  hold(trx: Kysely<Database>): Promise<void>;
}

/** The organization's name when it is an Azure DevOps Services one (its PATs are checked against it), else undefined. */
function adoServicesName(orgUrl: string): string | undefined {
  try {
    const parsed = parseOrgUrl(orgUrl);
    return parsed.kind === 'server' ? undefined : parsed.name;
  } catch {
    return undefined;
  }
}

/**
 * Resolves when the scan ended, done or failed (both recorded here). Rejects when `signal` aborts it
 * (shutdown, or a lapsed claim): the worker pool then records the interruption and queues the
 * repository again. The claim (claimNextScan) already marked the scan and the repository running.
 */
export async function scanRepository(ctx: AppContext, job: ScanRepoJob, signal: AbortSignal, lease: ScanLease): Promise<void> {
  const { db } = ctx.store;
  const { orgId, repoId, scanId } = job;
  const log = ctx.log.child({ orgId, repoId, scanId, job: 'scan-repo' });
  const org = await getOrganization(db, orgId);
  const scan = await getScan(db, orgId, scanId);
  if (!org || !scan) return; // organization disconnected or scan removed meanwhile
  const started = Date.now();
  const warnings: ScanWarning[] = [];
  try {
    const repo = await getRepository(db, orgId, repoId);
    if (!repo || repo.removed_at) throw new Error('The repository no longer exists in Azure DevOps');
    if (repo.skip_reason) throw new Error(`The repository cannot be scanned: ${repo.skip_reason}`);

    const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, orgId));
    const sha = await client.git.getBranchHead(repo.project_id, repo.repo_id, repo.default_branch!);
    if (!sha) throw new Error(`The default branch ${repo.default_branch} was not found`);
    await recordScanCommit(db, orgId, scanId, sha);
    const scannerOptions = await dependencyScanOptions(ctx, orgId);

    await withTempDir(
      lease.tempPrefix,
      async (dir) => {
        const zipFile = path.join(dir, 'repo.zip');
        await client.git.downloadRepositoryZip({ projectId: repo.project_id, repoId, commitSha: sha, destFile: zipFile, maxBytes: ctx.config.maxRepoBytes, signal });
        // Limits never fail the scan: what they keep out is in result.coverage (and its warnings).
        const result = await scanArchive(zipFile, {
          salt: org.secret_salt,
          maxFileBytes: ctx.config.maxFileBytes,
          maxFiles: ctx.config.maxFiles,
          maxDepth: ctx.config.maxDepth,
          maxInflatedBytes: ctx.config.maxRepoBytes * INFLATED_BYTES_PER_REPO_BYTE,
          ...(org.verify_secrets ? { verify: { verifier: ctx.secretVerifier, context: { adoOrganization: adoServicesName(org.url) } } } : {}),
          scannerOptions,
          signal,
        });
        if (result.verification) log.info({ ...result.verification }, 'secrets verified');
        warnings.push(...result.warnings);
        // Only the holder of the repository's current claim writes its outcome, all of it or nothing: the
        // lease is renewed, then held (no reaper takes it over) by the transaction that writes.
        signal.throwIfAborted();
        await lease.confirm();
        const counts = await db.transaction().execute(async (trx) => {
          await lease.hold(trx);
          // The repository's row before its findings, as discovery (syncRepositories) locks them.
          await setRepositoryScanState(trx, orgId, repoId, 'done', { lastScanId: scanId, headSha: sha });
          // A category no scanner could judge (its dataset missing, a failure) keeps its findings as they are.
          const reconciled = await reconcileFindings(trx, orgId, repoId, scanId, sha, result.findings, { except: unjudgedCategories(result.scanners) });
          // The packages, for the Dependencies view, the SBOM and the re-match after an advisory sync.
          await replaceInventory(trx, orgId, repoId, { scanId, commitSha: sha }, packageInventory(result));
          // Outcomes other than fail (passed, not applicable, not available) replace the repository's last ones.
          await replaceResults(trx, orgId, { source: 'scan', repoId, projectId: repo.project_id }, scanId, result.results);
          await finishScan(trx, orgId, scanId, {
            durationMs: Date.now() - started,
            filesScanned: result.stats.filesScanned,
            bytesScanned: result.stats.bytesScanned,
            findingsNew: reconciled.new,
            findingsFixed: reconciled.fixed,
            findingsOpen: reconciled.open,
            scanners: result.scanners,
            warnings,
            coverage: result.coverage,
          });
          return reconciled;
        });
        log.info({ ms: Date.now() - started, files: result.stats.filesScanned, ...counts, warnings: warnings.length }, 'scan done');
      },
      ctx.config.tmpDir,
    );
  } catch (err) {
    // Aborted (shutdown, or the claim lapsed): the worker pool records it and queues the repository again.
    if (signal.aborted) throw err;
    const message = err instanceof Error ? err.message : String(err);
    await failScan(db, orgId, scanId, message, warnings);
    await setRepositoryScanState(db, orgId, repoId, 'failed', { lastScanId: scanId });
    log.warn({ err: message }, 'scan failed');
  }
}
