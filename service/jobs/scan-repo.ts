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
import { listResults, replaceResults, type ResultInput } from '../store/results';
import type { Category } from '../contract/vocabulary';
import { failScan, finishScan, getScan, recordScanCommit, recordScanProgress } from '../store/scans';
import type { Database } from '../store/schema';
import type { AppContext } from '../context';
import type { ScanRepoJob } from './queue';
import { INFLATED_BYTES_PER_REPO_BYTE, scanArchive, type ArchiveScanResult, type ArchiveScanSettings } from './scan-archive';
import { mergeResults, planScan, rulesDigest, scanIncrementally, wholeTreeCategories, type IncrementalOutcome } from './scan-incremental';
import { dependencyScanOptions, packageInventory, unjudgedCategories } from './scan-datasets';
import { chooseScanners } from './scanner-switches';
import { ScanProgressReporter } from './scan-progress';

/** What the worker pool (scan-workers.ts) hands a scan it claimed from the scan queue. */
export interface ScanLease {
  /** withTempDir prefix naming the owning process, so a sweep can tell the folders of dead ones (scan-temp.ts). */
  tempPrefix: string;
  /** Renews the claim now; throws when it lapsed (another worker took the repository over). */
  confirm(): Promise<void>;
  /** In the transaction that writes the outcome: throws when the claim was lost, else holds it until the commit. */
  hold(trx: Kysely<Database>): Promise<void>;
}

/** What a scan read: the whole tree, or the files changed since the last scan. */
type ScanOutcome = { kind: 'full'; result: ArchiveScanResult } | Extract<IncrementalOutcome, { kind: 'incremental' }>;

/** The repository's stored scan results (pass, not applicable, not available), as replaceResults takes them. */
async function storedScanResults(db: Kysely<Database>, orgId: string, repoId: string): Promise<ResultInput[]> {
  const { rows } = await listResults(db, orgId, { sources: ['scan'], repoId }, { limit: 1_000_000, offset: 0 });
  return rows.map((r) => ({
    ruleId: r.rule_id,
    category: r.category as Category,
    outcome: r.outcome as ResultInput['outcome'],
    location: r.location,
    subjectKey: r.subject_key,
    ...(r.reason_code ? { reason: { code: r.reason_code as NonNullable<ResultInput['reason']>['code'], text: r.reason_text ?? '' } } : {}),
    ...(r.evidence.length ? { evidence: r.evidence } : {}),
  }));
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
 * The head the request carried (read by its discovery) while it is at most VIGIL_SCAN_HEAD_MAX_AGE_SECONDS
 * old, saving the scan one ADO request. Safe: a push after that read is not lost but scanned next, as
 * its service hook queues a scan behind this one (or the next discovery sees a head other than the one
 * scanned), and a request that arrives while this one waits replaces or clears the carried head.
 */
function carriedHead(ctx: AppContext, job: ScanRepoJob): string | undefined {
  const { head } = job;
  return head && head.ageSeconds <= ctx.config.scanHeadMaxAgeSeconds ? head.sha : undefined;
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
  const progress = new ScanProgressReporter(
    (p) => recordScanProgress(db, orgId, scanId, p),
    (err) => log.debug({ err: err instanceof Error ? err.message : String(err) }, 'scan progress not recorded'),
  );
  progress.phase('downloading');
  try {
    const repo = await getRepository(db, orgId, repoId);
    if (!repo || repo.removed_at) throw new Error('The repository no longer exists in Azure DevOps');
    if (repo.skip_reason) throw new Error(`The repository cannot be scanned: ${repo.skip_reason}`);

    const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, orgId));
    const sha = carriedHead(ctx, job) ?? (await client.git.getBranchHead(repo.project_id, repo.repo_id, repo.default_branch!));
    if (!sha) throw new Error(`The default branch ${repo.default_branch} was not found`);
    await recordScanCommit(db, orgId, scanId, sha);
    // The organization's and the repository's scanner switches (Settings › Scanners).
    const scanners = chooseScanners(org.disabled_scanners, repo.scanner_overrides);
    const settings: ArchiveScanSettings = {
      salt: org.secret_salt,
      maxFileBytes: ctx.config.maxFileBytes,
      maxFiles: ctx.config.maxFiles,
      maxDepth: ctx.config.maxDepth,
      maxInflatedBytes: ctx.config.maxRepoBytes * INFLATED_BYTES_PER_REPO_BYTE,
      ...(org.verify_secrets ? { verify: { verifier: ctx.secretVerifier, context: { adoOrganization: adoServicesName(org.url) } } } : {}),
      scannerOptions: await dependencyScanOptions(ctx, orgId),
      scanners: scanners.run,
      signal,
      progress,
    };
    const digest = rulesDigest(scanners.run); // a scanner turned on again makes the next scan a full one
    const plan = planScan(
      { headSha: repo.head_sha, lastFullScanAt: repo.last_full_scan_at, rulesDigest: repo.rules_digest },
      { trigger: scan.trigger, digest, rescanHours: org.scan_interval_hours ?? ctx.config.rescanHours },
    );

    await withTempDir(
      lease.tempPrefix,
      async (dir) => {
        let outcome: ScanOutcome | undefined;
        if (plan.kind === 'incremental') {
          const incremental = await scanIncrementally({
            git: client.git,
            projectId: repo.project_id,
            repoId,
            baseCommit: plan.baseCommit,
            headCommit: sha,
            dir,
            settings,
            maxChangedFiles: ctx.config.incrementalMaxFiles,
            maxBytes: ctx.config.maxRepoBytes,
            signal,
          });
          if (incremental.kind === 'incremental') outcome = incremental;
          else {
            log.info({ reason: incremental.reason }, 'full scan instead of an incremental one');
            warnings.push({ code: 'full-scan', message: `Scanned in full, not only the changed files: ${incremental.reason}` });
          }
        } else {
          log.debug({ reason: plan.reason }, 'full scan');
        }
        if (!outcome) {
          const zipFile = path.join(dir, 'repo.zip');
          progress.phase('downloading');
          await client.git.downloadRepositoryZip({ projectId: repo.project_id, repoId, commitSha: sha, destFile: zipFile, maxBytes: ctx.config.maxRepoBytes, signal });
          // Limits never fail the scan: what they keep out is in result.coverage (and its warnings).
          outcome = { kind: 'full', result: await scanArchive(zipFile, settings) };
        }
        const { result } = outcome;
        // Scanners turned off are "not run: turned off in settings": not judged, their findings stay as they were.
        result.scanners.push(...scanners.turnedOff);
        const incremental = outcome.kind === 'incremental' ? outcome : undefined;
        if (result.verification) log.info({ ...result.verification }, 'secrets verified');
        warnings.push(...result.warnings);
        // Only the holder of the repository's current claim writes its outcome, all of it or nothing: the
        // lease is renewed, then held (no reaper takes it over) by the transaction that writes.
        signal.throwIfAborted();
        progress.phase('saving');
        await progress.flush();
        await lease.confirm();
        // An incremental scan keeps the stored results of the files it did not read (null: none of its files has any).
        const results = incremental
          ? mergeResults(await storedScanResults(db, orgId, repoId), result.results, incremental.paths)
          : result.results;
        const counts = await db.transaction().execute(async (trx) => {
          await lease.hold(trx);
          // The repository's row before its findings, as discovery (syncRepositories) locks them.
          await setRepositoryScanState(trx, orgId, repoId, 'done', { lastScanId: scanId, headSha: sha, ...(incremental ? {} : { fullScan: { rulesDigest: digest } }) });
          // A category no scanner could judge (its dataset missing, a failure) keeps its findings as they are;
          // an incremental scan answers for the files it read alone, and not for what needs the whole tree.
          const reconciled = await reconcileFindings(
            trx,
            orgId,
            repoId,
            scanId,
            sha,
            result.findings,
            incremental
              ? { except: [...new Set([...unjudgedCategories(result.scanners), ...wholeTreeCategories()])], paths: incremental.paths }
              : { except: unjudgedCategories(result.scanners) },
          );
          // The packages, for the Dependencies view, the SBOM and the re-match after an advisory sync
          // (an incremental scan read no manifest or lockfile: the stored inventory stands).
          if (!incremental) await replaceInventory(trx, orgId, repoId, { scanId, commitSha: sha }, packageInventory(result));
          // Outcomes other than fail (passed, not applicable, not available) replace the repository's last ones.
          if (results) await replaceResults(trx, orgId, { source: 'scan', repoId, projectId: repo.project_id }, scanId, results);
          await finishScan(trx, orgId, scanId, {
            durationMs: Date.now() - started,
            filesScanned: incremental ? incremental.changed : result.stats.filesScanned,
            bytesScanned: result.stats.bytesScanned,
            findingsNew: reconciled.new,
            findingsFixed: reconciled.fixed,
            findingsOpen: reconciled.open,
            scanners: result.scanners,
            warnings,
            coverage: result.coverage,
            ...(incremental ? { kind: 'incremental' as const, baseCommit: plan.kind === 'incremental' ? plan.baseCommit : undefined } : { kind: 'full' as const }),
          });
          return reconciled;
        });
        log.info({ ms: Date.now() - started, kind: outcome.kind, files: incremental?.changed ?? result.stats.filesScanned, ...counts, warnings: warnings.length }, 'scan done');
      },
      ctx.config.tmpDir,
    );
  } catch (err) {
    await progress.flush();
    // Aborted (shutdown, or the claim lapsed): the worker pool records it and queues the repository again.
    if (signal.aborted) throw err;
    const message = err instanceof Error ? err.message : String(err);
    await failScan(db, orgId, scanId, message, warnings);
    await setRepositoryScanState(db, orgId, repoId, 'failed', { lastScanId: scanId });
    log.warn({ err: message }, 'scan failed');
  }
}
