// After an advisory sync: the stored inventories holding a package whose advisories changed are
// matched again (the deps scanner's own matchInventory, so the findings are the ones a scan would
// give) and their deps findings reconciled, without downloading any repository again.
import type { Kysely } from 'kysely';
import type { AppContext } from '../context';
import type { AdvisorySyncReport } from '../deps/sync';
import { storeAdvisoryIndex } from '../deps/store-index';
import { matchInventory } from '../engine/deps/scanner';
import type { AdvisoryIndex, PackageEntry } from '../engine/deps/types';
import type { Finding } from '../engine/types';
import { advisoryPackagesChangedSince } from '../store/advisories';
import { reconcileFindings } from '../store/findings';
import { getInventoryMeta, loadInventory, markInventoryMatched, repositoriesHolding } from '../store/inventories';
import type { Database } from '../store/schema';

export interface RematchReport {
  /** Repositories whose inventory holds a changed package. */
  repositories: number;
  /** Findings added, and marked fixed, across them. */
  new: number;
  fixed: number;
  /** Repositories skipped: removed, or rescanned while they were being matched (the scan's findings stand). */
  skipped: number;
}

/**
 * Re-matches every stored inventory holding one of `changed` (ecosystem + normalised name) against
 * `advisories`, one repository at a time. A repository rescanned meanwhile is left to its scan.
 */
export async function rematchInventories(
  ctx: Pick<AppContext, 'store' | 'log'>,
  changed: readonly { ecosystem: string; name: string }[],
  advisories: AdvisoryIndex,
  signal?: AbortSignal,
): Promise<RematchReport> {
  const { db } = ctx.store;
  const report: RematchReport = { repositories: 0, new: 0, fixed: 0, skipped: 0 };
  if (changed.length === 0) return report;
  const targets = await repositoriesHolding(db, changed);
  report.repositories = targets.length;
  for (const { orgId, repoId } of targets) {
    signal?.throwIfAborted();
    const outcome = await rematchRepository(db, orgId, repoId, advisories);
    if (!outcome) {
      report.skipped++;
      continue;
    }
    report.new += outcome.new;
    report.fixed += outcome.fixed;
    if (outcome.new || outcome.fixed) ctx.log.info({ orgId, repoId, ...outcome, job: 'rematch-deps' }, 'dependencies matched again');
  }
  return report;
}

/**
 * What follows a sync: the packages it changed (all of them from the store when the report's list was
 * cut short) matched again in every stored inventory holding them, against the store's advisories.
 */
export async function rematchAfterSync(ctx: Pick<AppContext, 'store' | 'log'>, report: Pick<AdvisorySyncReport, 'changedPackages' | 'changedTruncated' | 'startedAt'>, signal?: AbortSignal): Promise<RematchReport> {
  const changed = report.changedTruncated ? await advisoryPackagesChangedSince(ctx.store.db, report.startedAt) : report.changedPackages;
  const started = Date.now();
  const result = await rematchInventories(ctx, changed, storeAdvisoryIndex(ctx.store.db), signal);
  ctx.log.info({ packages: changed.length, ...result, ms: Date.now() - started, job: 'rematch-deps' }, 'stored inventories matched after an advisory sync');
  return result;
}

/**
 * One repository: match its stored inventory, then reconcile its deps findings, provided the inventory
 * is still the one matched. Undefined when the repository is gone or was rescanned meanwhile.
 */
export async function rematchRepository(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  advisories: AdvisoryIndex,
): Promise<{ new: number; fixed: number } | undefined> {
  const meta = await getInventoryMeta(db, orgId, repoId);
  if (!meta) return undefined;
  const items = (await loadInventory(db, orgId, repoId)) as PackageEntry[];
  // Outside the transaction: the index reads the store (PGlite has one session).
  const matched = await matchInventory(items, advisories, () => undefined);
  return db.transaction().execute(async (trx) => {
    // The repository's row first, as a scan's outcome and discovery lock it, then the inventory it
    // wrote: a scan that replaced the inventory meanwhile has the newer answer.
    const repo = await trx
      .selectFrom('repositories')
      .select(['removed_at'])
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!repo || repo.removed_at) return undefined;
    const current = await trx.selectFrom('package_inventories').select('scan_id').where('org_id', '=', orgId).where('repo_id', '=', repoId).executeTakeFirst();
    if (current?.scan_id !== meta.scanId) return undefined;
    const findings = await keepSuppressions(trx, orgId, repoId, matched);
    const counts = await reconcileFindings(trx, orgId, repoId, meta.scanId, meta.commitSha ?? '', findings, { only: ['deps'] });
    await markInventoryMatched(trx, orgId, repoId);
    return { new: counts.new, fixed: counts.fixed };
  });
}

/**
 * Suppressions come from the repository's files (inline comments, .vigil.yml), which a re-match does
 * not read: a finding already stored keeps the suppression its last scan found. A finding new to the
 * repository gets its suppression, if any, at the next scan.
 */
async function keepSuppressions(db: Kysely<Database>, orgId: string, repoId: string, findings: Finding[]): Promise<Finding[]> {
  if (findings.length === 0) return findings;
  const rows = await db
    .selectFrom('findings')
    .select(['fingerprint', 'suppression'])
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('category', '=', 'deps')
    .where('suppression', 'is not', null)
    .execute();
  if (rows.length === 0) return findings;
  const suppressed = new Map(rows.map((r) => [r.fingerprint, r.suppression!]));
  return findings.map((f) => {
    const s = suppressed.get(f.fingerprint);
    return s ? { ...f, suppressed: s } : f;
  });
}
