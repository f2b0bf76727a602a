// Discover: list the organization's repositories (and its TFVC projects, recorded as not scanned), store
// them, and queue a scan for every repository whose default-branch head moved, whose last scan failed,
// or whose last scan is older than the rescan interval.
import type { AdoClient } from '../ado/client';
import { AdoError, type AdoProject, type AdoRepository } from '../ado/types';
import { TFVC_REPOSITORY_ID_PREFIX } from '../contract/vocabulary';
import type { Logger } from '../log';
import { expireDismissals } from '../store/findings';
import { getCredential, getOrganization, recordDiscovery } from '../store/organizations';
import { organizationsOnServiceSchedule } from '../store/scan-settings';
import { scannableRepositories, syncRepositories, type DiscoveredRepository } from '../store/repositories';
import { getScans } from '../store/scans';
import type { AppContext } from '../context';
import { enqueueScan, requestDiscoveryOf, type DiscoverJob } from './queue';

export interface DiscoverResult {
  repositories: number;
  queued: number;
}

/** Why a repository is not scanned, or null when it can be. `hasBranches`: known to have branches. */
export function skipReasonOf(repo: Pick<AdoRepository, 'isDisabled' | 'defaultBranch' | 'isInMaintenance'>, hasBranches = false): string | null {
  if (repo.isDisabled) return 'Repository is disabled';
  if (repo.isInMaintenance) return 'Repository is in maintenance';
  if (!repo.defaultBranch) return hasBranches ? 'No default branch set (the repository has branches)' : 'Repository is empty (no branches)';
  return null;
}

/** A discovered repository; `hasBranches` when it has branches but no default one. */
export const toDiscoveredRepository = (r: AdoRepository, hasBranches = false): DiscoveredRepository => ({
  id: r.id,
  name: r.name,
  projectId: r.project.id,
  projectName: r.project.name,
  defaultBranch: r.defaultBranch,
  webUrl: r.webUrl,
  // Unknown stays unknown: the documented list answer has no size.
  sizeBytes: r.size,
  isDisabled: !!r.isDisabled,
  isFork: !!r.isFork,
  skipReason: skipReasonOf(r, hasBranches),
});

/** The row a TFVC project gets, so an administrator sees what Vigil does not cover. */
export function tfvcRepository(orgUrl: string, project: AdoProject): DiscoveredRepository {
  return {
    id: `${TFVC_REPOSITORY_ID_PREFIX}${project.id}`,
    name: `$/${project.name}`,
    projectId: project.id,
    projectName: project.name,
    webUrl: `${orgUrl.replace(/\/+$/, '')}/${encodeURIComponent(project.name)}/_versionControl`,
    isDisabled: false,
    isFork: false,
    skipReason: 'TFVC: not scanned (this project keeps its code in Team Foundation Version Control; Vigil scans Git repositories)',
  };
}

/**
 * The list answer may leave `defaultBranch` out even when the repository has one (Microsoft's own
 * examples do): ask the repository itself, then its branches, before calling it empty.
 */
export async function confirmDefaultBranch(client: AdoClient, repo: AdoRepository): Promise<DiscoveredRepository> {
  if (repo.defaultBranch || repo.isDisabled || repo.isInMaintenance) return toDiscoveredRepository(repo);
  try {
    const single = await client.git.getRepository(repo.project.id, repo.id);
    if (single.defaultBranch) return toDiscoveredRepository({ ...repo, defaultBranch: single.defaultBranch });
    const heads = await client.git.listRefs(repo.project.id, repo.id, 'heads/');
    return toDiscoveredRepository(repo, heads.length > 0);
  } catch (err) {
    if (err instanceof AdoError && err.kind === 'not-found') return toDiscoveredRepository(repo); // gone meanwhile
    throw err;
  }
}

/** Projects whose code is in TFVC (their capabilities say so); a project that cannot be read is left out. */
export async function tfvcProjects(client: AdoClient, log: Logger): Promise<AdoProject[]> {
  const out: AdoProject[] = [];
  for (const project of await client.core.listProjects()) {
    try {
      const details = await client.core.getProject(project.id, { includeCapabilities: true });
      if (details.sourceControlType?.toLowerCase() === 'tfvc') out.push(project);
    } catch (err) {
      log.warn({ projectId: project.id, err: (err as Error).message }, 'could not read the version control of a project');
    }
  }
  return out;
}

/** VIGIL_DISCOVERY_CRON: organizations without a discovery interval of their own (org-schedules.ts asks for the others'). */
export async function discoverAll(ctx: AppContext): Promise<void> {
  for (const orgId of await organizationsOnServiceSchedule(ctx.store.db)) await requestDiscoveryOf(ctx, orgId, 'schedule');
}

/**
 * Run by the worker pool (scan-workers.ts) for a claimed discovery request. `signal` stops it between
 * repositories (shutdown, or its claim lapsed): it then rejects, and the pool queues it again.
 */
export async function discover(ctx: AppContext, job: DiscoverJob, signal?: AbortSignal): Promise<DiscoverResult> {
  const { db } = ctx.store;
  const org = await getOrganization(db, job.orgId);
  if (!org) return { repositories: 0, queued: 0 }; // disconnected since
  const log = ctx.log.child({ orgId: org.org_id, job: 'discover' });
  try {
    const client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, org.org_id));
    const repos: DiscoveredRepository[] = [];
    for (const repo of await client.git.listRepositories()) {
      signal?.throwIfAborted();
      repos.push(await confirmDefaultBranch(client, repo));
    }
    for (const project of await tfvcProjects(client, log)) repos.push(tfvcRepository(org.url, project));
    await syncRepositories(db, org.org_id, repos);
    await recordDiscovery(db, org.org_id);
    await expireDismissals(db, org.org_id);

    let queued = 0;
    const staleBefore = Date.now() - (org.scan_interval_hours ?? ctx.config.rescanHours) * 3600_000;
    const scannable = await scannableRepositories(db, org.org_id);
    const lastScans = await getScans(db, org.org_id, scannable.flatMap((r) => (r.last_scan_id ? [r.last_scan_id] : [])));
    for (const repo of scannable) {
      signal?.throwIfAborted();
      const head = await client.git.getBranchHead(repo.project_id, repo.repo_id, repo.default_branch!);
      if (!head) continue; // default branch deleted between the two calls; the next discovery sees it
      const last = repo.last_scan_id ? lastScans.get(repo.last_scan_id) : undefined;
      // A running scan is enough when it reads this head (or has not read one yet), else a request waits
      // behind it. A request for a repository that already has one waiting coalesces into it (enqueueScan
      // returns null), so a queued repository is simply asked for again.
      const due =
        last?.state === 'running'
          ? last.commit_sha !== null && last.commit_sha !== head
          : !last || last.state !== 'done' || repo.head_sha !== head || new Date(last.finished_at ?? 0).getTime() < staleBefore;
      // The head goes with the request: the scan starts from it while it is fresh (scan-repo.ts).
      if (due && (await enqueueScan(ctx, org.org_id, repo.repo_id, job.trigger, { headSha: head }))) queued++;
    }
    log.info({ repositories: repos.length, queued }, 'discovery done');
    return { repositories: repos.length, queued };
  } catch (err) {
    if (signal?.aborted) throw err;
    const message = err instanceof AdoError || err instanceof Error ? err.message : String(err);
    await recordDiscovery(db, org.org_id, message);
    log.warn({ err: message }, 'discovery failed');
    return { repositories: 0, queued: 0 };
  }
}
