// Scan one pull request and post the gate (ARCHITECTURE.md flow 6, issue 14 §4): read the pull request
// and its newest iteration, the files that iteration changes against the target (iteration changes
// API), post a pending status, download the tree at the iteration's source commit and scan all of it
// (dependency, code and IaC scanners need the context), keep the findings of the changed files, split
// them into new (on a line the PR adds or changes, and unknown on the target branch) and existing,
// post one thread per new finding (never a second one per fingerprint; fixed when a later iteration
// drops the finding), store the scan, then post the verdict: failed when a new finding is at or above
// the gate severity. Only pull requests into the repository's default branch are gated for now.
//
// ADO writes need vso.code_status (statuses) and vso.threads_full (threads): refused, the scan still
// records its verdict, with a warning naming the scope. Scanned code is never stored; the findings of a
// PR scan live with the scan (pull_request_scans), never in the findings table.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AdoClient } from '../ado/client';
import type { NewPullRequestStatus, PullRequest, PullRequestChange, PullRequestIteration } from '../ado/areas/git-pull-requests';
import { AdoError } from '../ado/types';
import type { AppContext } from '../context';
import type { ScanWarning } from '../contract/model';
import { repositoryWebUrl } from '../contract/places';
import { changedLines, filesToDiff, presentFiles, repoPathOf, type ChangedFile, type FileLineDiff } from '../gate/changes';
import { classifyFindings, fingerprintsInChangedFiles, type ClassifiedFinding } from '../gate/classify';
import { threadComment } from '../gate/comment';
import { pullRequestWebUrl, toPullRequestFinding } from '../gate/pr-findings';
import { FINGERPRINT_PROPERTY, planThreads, threadAnchor, type ListedThread, type ThreadState } from '../gate/threads';
import { effectiveGateSeverity, errorDescription, gateVerdict, pendingDescription, STATUS_CONTEXT } from '../gate/verdict';
import { getCredential, getOrganization } from '../store/organizations';
import {
  addPullRequestScanWarnings,
  discardPullRequestScan,
  failPullRequestScan,
  finishPullRequestScan,
  listPullRequestThreads,
  recordPullRequestScanTarget,
  recordPullRequestThread,
  setPullRequestIteration,
  setPullRequestThreadState,
  startPullRequestScan,
  targetBranchFindings,
} from '../store/pull-requests';
import { getRepository } from '../store/repositories';
import type { OrganizationRow, RepositoryRow } from '../store/schema';
import { recordPullRequest, type ScanPullRequestJob } from './pull-request-queue';
import { INFLATED_BYTES_PER_REPO_BYTE, scanArchive } from './scan-archive';
import { dependencyScanOptions } from './scan-datasets';
import { claimOwner, scanTempPrefix, withTempDir } from './scan-temp';

const SCANNER = 'pr-gate';
/** Threads one scan creates at most (gate/threads.ts maxCreate); the next scan of the PR posts more, within the same cap. */
export const MAX_NEW_THREADS_PER_SCAN = 50;

export interface ScanPullRequestOptions {
  /** The scan's id: its pg-boss job id (the row requestPullRequestScan queued); a new one when run directly. */
  prScanId?: string;
  signal?: AbortSignal;
}

export interface ScanPullRequestResult {
  state: 'done' | 'failed' | 'skipped';
  prScanId?: string;
  verdict?: 'succeeded' | 'failed' | 'error';
  /** Why skipped or failed. */
  reason?: string;
  newFindings?: number;
  existingFindings?: number;
  warnings?: ScanWarning[];
}

/** This process's temp folder owner for PR scans (scan-temp.ts: a sweep can tell a dead process's folders). */
let tempOwner: ReturnType<typeof claimOwner> | undefined;
const tempPrefix = () => scanTempPrefix((tempOwner ??= claimOwner()).owner);

/** A write ADO refused for a missing scope (or permission): the warning names it. */
function refusedWrite(err: unknown): boolean {
  return err instanceof AdoError && (err.status === 401 || err.status === 403);
}

const warning = (code: string, message: string, p?: string): ScanWarning => ({ scanner: SCANNER, code, message, ...(p ? { path: p } : {}) });

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** ADO's change entries as the gate's changed files (repository paths). */
export function toChangedFiles(changes: readonly PullRequestChange[]): ChangedFile[] {
  const byPath = new Map<string, ChangedFile>();
  for (const c of changes) {
    const p = repoPathOf(c.path);
    if (!p) continue;
    const kinds = new Set(c.changeTypes);
    const change: ChangedFile['change'] = kinds.has('delete') ? 'delete' : kinds.has('add') ? 'add' : kinds.has('rename') ? 'rename' : 'edit';
    byPath.set(p, { path: p, change, ...(change === 'rename' && c.originalPath ? { originalPath: repoPathOf(c.originalPath) } : {}) });
  }
  return [...byPath.values()];
}

/**
 * Scans one pull request. Never throws for ADO or data trouble: a scan that cannot run is recorded as
 * failed (verdict error) and an 'error' status says why. Rejects only when `signal` aborted it.
 */
export async function scanPullRequest(ctx: AppContext, job: ScanPullRequestJob, opts: ScanPullRequestOptions = {}): Promise<ScanPullRequestResult> {
  const { db } = ctx.store;
  const prScanId = opts.prScanId ?? randomUUID();
  const { orgId, repoId, pullRequestId } = job;
  const log = ctx.log.child({ orgId, repoId, pullRequestId, prScanId, job: 'scan-pull-request' });
  const skip = async (reason: string): Promise<ScanPullRequestResult> => {
    await discardPullRequestScan(db, orgId, prScanId);
    log.debug({ reason }, 'pull request not scanned');
    return { state: 'skipped', prScanId, reason };
  };
  const org = await getOrganization(db, orgId);
  if (!org) return skip('the organization is not connected');
  const repo = await getRepository(db, orgId, repoId);
  if (!repo || repo.removed_at) return skip('the repository is not known to Vigil');
  if (repo.skip_reason) return skip(`the repository is not scanned: ${repo.skip_reason}`);

  const started = Date.now();
  const warnings: ScanWarning[] = [];
  const gate = effectiveGateSeverity(repo.gate_severity, org.gate_severity).severity;
  let client: AdoClient | undefined;
  let iterationId: number | undefined;
  let targetUrl: string | undefined;
  let scanStarted = false;
  try {
    client = ctx.adoClient(org.url, await getCredential(db, ctx.config.encryptionKey, orgId));
    const pr = await client.pullRequests.get(repo.project_id, repoId, pullRequestId);
    await recordPullRequest(ctx, orgId, withRepository(pr, repo));
    if (pr.status !== 'active') return await skip(`the pull request is ${pr.status}`);
    if (!repo.default_branch || pr.targetRefName.toLowerCase() !== repo.default_branch.toLowerCase()) {
      return await skip(`the pull request targets ${pr.targetRefName}, not the default branch`);
    }
    await startPullRequestScan(db, orgId, prScanId, repoId, pullRequestId);
    scanStarted = true;
    const repoWeb = repo.web_url ?? repositoryWebUrl(org.url, repo.project_name, repo.name);
    targetUrl = pullRequestWebUrl(repoWeb, pullRequestId);

    const iteration = lastOf(await client.pullRequests.listIterations(repo.project_id, repoId, pullRequestId));
    if (!iteration) throw new Error('The pull request has no iteration');
    iterationId = iteration.id;
    const changes = await client.pullRequests.getIterationChanges(repo.project_id, repoId, pullRequestId, iteration.id);
    const files = toChangedFiles(changes);
    const trackingIds = new Map(changes.map((c) => [repoPathOf(c.path), c.changeTrackingId]));
    await setPullRequestIteration(db, orgId, repoId, pullRequestId, { iterationId: iteration.id, sourceCommit: iteration.sourceCommit, targetCommit: iteration.targetCommit });
    await recordPullRequestScanTarget(db, orgId, prScanId, { iterationId: iteration.id, sourceCommit: iteration.sourceCommit, targetCommit: iteration.targetCommit, filesChanged: files.length });

    await postStatus(client, repo, pullRequestId, { state: 'pending', description: pendingDescription(files.length), context: STATUS_CONTEXT, targetUrl, iterationId: iteration.id }, warnings);

    const present = presentFiles(files);
    const findings = present.length ? await scanSourceTree(ctx, client, org, repo, iteration, warnings, opts.signal) : [];
    const diffs = present.length ? await lineDiffs(client, repo, iteration, files, warnings) : [];
    const { lines, undiffed } = changedLines(files, diffs);
    for (const p of undiffed) warnings.push(warning('diff-unavailable', 'No line diff came back for this file: every line of it counts as changed', p));
    const onTarget = new Map([...(await targetBranchFindings(db, orgId, repoId, fingerprintsInChangedFiles(findings, lines))).values()].map((f) => [f.fingerprint, f.findingId]));
    const classified = classifyFindings(findings, lines, onTarget);

    const threads = await keepThreads(ctx, client, { org, repo, pullRequestId, iteration, newFindings: classified.newFindings, trackingIds, targetUrl, warnings }, log);

    const verdict = gateVerdict(
      classified.newFindings.map((c) => c.finding),
      gate,
    );
    const links = { repoWebUrl: repoWeb, sourceCommit: iteration.sourceCommit };
    opts.signal?.throwIfAborted();
    await finishPullRequestScan(db, orgId, prScanId, {
      verdict: verdict.verdict,
      gateSeverity: gate,
      newFindings: classified.newFindings.map((c) => toPullRequestFinding(c, true, links, threads.get(c.finding.fingerprint))),
      existingFindings: classified.existingFindings.map((c) => toPullRequestFinding(c, false, links)),
      warnings,
      durationMs: Date.now() - started,
    });
    const late: ScanWarning[] = [];
    await postStatus(client, repo, pullRequestId, { state: verdict.verdict, description: verdict.description, context: STATUS_CONTEXT, targetUrl, iterationId: iteration.id }, late);
    await addPullRequestScanWarnings(db, orgId, prScanId, late);
    log.info(
      { iterationId: iteration.id, files: files.length, new: classified.newFindings.length, existing: classified.existingFindings.length, verdict: verdict.verdict, ms: Date.now() - started },
      'pull request scanned',
    );
    return { state: 'done', prScanId, verdict: verdict.verdict, newFindings: classified.newFindings.length, existingFindings: classified.existingFindings.length, warnings: [...warnings, ...late] };
  } catch (err) {
    if (opts.signal?.aborted) {
      if (scanStarted) await failPullRequestScan(db, orgId, prScanId, { error: 'Interrupted: the service stopped during the scan', warnings, durationMs: Date.now() - started, gateSeverity: gate });
      throw err;
    }
    const reason = messageOf(err);
    log.warn({ err: reason }, 'pull request scan failed');
    if (!scanStarted) {
      // The pull request could not even be read: nothing to gate; the row says why.
      await startPullRequestScan(db, orgId, prScanId, repoId, pullRequestId);
    }
    await failPullRequestScan(db, orgId, prScanId, { error: reason, warnings, durationMs: Date.now() - started, gateSeverity: gate });
    if (client && scanStarted) {
      const late: ScanWarning[] = [];
      await postStatus(client, repo, pullRequestId, { state: 'error', description: errorDescription(reason), context: STATUS_CONTEXT, targetUrl, iterationId }, late);
      await addPullRequestScanWarnings(db, orgId, prScanId, late);
    }
    return { state: 'failed', prScanId, verdict: 'error', reason, warnings };
  }
}

const lastOf = (its: readonly PullRequestIteration[]): PullRequestIteration | undefined => its[its.length - 1];

/** The job knows the repository and project; an answer without them (UNVERIFIED that ADO ever omits them) gets them. */
function withRepository(pr: PullRequest, repo: RepositoryRow): PullRequest {
  return pr.repository?.id && pr.repository.projectId ? pr : { ...pr, repository: { id: repo.repo_id, name: repo.name, projectId: repo.project_id } };
}

/** Posts a status; a refusal (no vso.code_status) or another failure becomes a warning, never the scan's end. */
async function postStatus(client: AdoClient, repo: RepositoryRow, pullRequestId: number, status: NewPullRequestStatus, warnings: ScanWarning[]): Promise<void> {
  try {
    await client.pullRequests.createStatus(repo.project_id, repo.repo_id, pullRequestId, status);
  } catch (err) {
    warnings.push(
      refusedWrite(err)
        ? warning('status-refused', `Azure DevOps refused the ${status.state} status: the credential needs the "Code (status)" scope (vso.code_status). ${messageOf(err)}`)
        : warning('status-failed', `The ${status.state} status could not be posted: ${messageOf(err)}`),
    );
  }
}

/** Downloads the tree at the iteration's source commit and scans it whole, as scan-repo does (secrets are not verified here). */
async function scanSourceTree(
  ctx: AppContext,
  client: AdoClient,
  org: OrganizationRow,
  repo: RepositoryRow,
  iteration: PullRequestIteration,
  warnings: ScanWarning[],
  signal?: AbortSignal,
) {
  const scannerOptions = await dependencyScanOptions(ctx, org.org_id);
  return withTempDir(
    tempPrefix(),
    async (dir) => {
      const zipFile = path.join(dir, 'source.zip');
      await client.git.downloadRepositoryZip({ projectId: repo.project_id, repoId: repo.repo_id, commitSha: iteration.sourceCommit, destFile: zipFile, maxBytes: ctx.config.maxRepoBytes, signal });
      const result = await scanArchive(zipFile, {
        salt: org.secret_salt,
        maxFileBytes: ctx.config.maxFileBytes,
        maxFiles: ctx.config.maxFiles,
        maxDepth: ctx.config.maxDepth,
        maxInflatedBytes: ctx.config.maxRepoBytes * INFLATED_BYTES_PER_REPO_BYTE,
        scannerOptions,
        signal,
      });
      warnings.push(...result.warnings);
      return result.findings;
    },
    ctx.config.tmpDir,
  );
}

/** The line blocks of the edited and renamed files, merge base to source; a failure leaves them undiffed (warned by the caller). */
async function lineDiffs(client: AdoClient, repo: RepositoryRow, iteration: PullRequestIteration, files: readonly ChangedFile[], warnings: ScanWarning[]): Promise<FileLineDiff[]> {
  const toDiff = filesToDiff(files);
  const base = iteration.commonCommit ?? iteration.targetCommit;
  if (!toDiff.length || !base) return [];
  try {
    return await client.pullRequests.getFileDiffs(repo.project_id, repo.repo_id, {
      baseCommit: base,
      targetCommit: iteration.sourceCommit,
      files: toDiff.map((f) => ({ path: `/${f.path}`, ...(f.originalPath ? { originalPath: `/${f.originalPath}` } : {}) })),
    });
  } catch (err) {
    warnings.push(warning('diff-failed', `The line diffs could not be read: ${messageOf(err)}`));
    return [];
  }
}

interface ThreadWork {
  org: OrganizationRow;
  repo: RepositoryRow;
  pullRequestId: number;
  iteration: PullRequestIteration;
  newFindings: readonly ClassifiedFinding[];
  trackingIds: ReadonlyMap<string, number | undefined>;
  targetUrl: string;
  warnings: ScanWarning[];
}

/**
 * Carries out the thread plan (gate/threads.ts) and records every thread; returns the thread of each
 * new finding's fingerprint. A refused write (no vso.threads_full) stops the writes, with a warning.
 */
async function keepThreads(ctx: AppContext, client: AdoClient, w: ThreadWork, log: AppContext['log']): Promise<Map<string, { threadId: number; state: ThreadState }>> {
  const { db } = ctx.store;
  const { org, repo, pullRequestId, iteration } = w;
  const key = { repoId: repo.repo_id, pullRequestId };
  const out = new Map<string, { threadId: number; state: ThreadState }>();
  let listed: ListedThread[] | undefined;
  try {
    listed = (await client.pullRequests.listThreads(repo.project_id, repo.repo_id, pullRequestId)).map((t) => ({
      threadId: t.id,
      fingerprint: t.properties[FINGERPRINT_PROPERTY],
      status: t.status,
      isDeleted: t.isDeleted,
    }));
  } catch (err) {
    w.warnings.push(warning('threads-unlisted', `The pull request's threads could not be listed (Vigil's own record decides): ${messageOf(err)}`));
  }
  const plan = planThreads({
    newFindings: w.newFindings.map((c) => c.finding),
    recorded: (await listPullRequestThreads(db, org.org_id, repo.repo_id, pullRequestId)).map((t) => ({ fingerprint: t.fingerprint, threadId: t.thread_id, state: t.state as ThreadState })),
    listed,
    commentsEnabled: org.pr_comments,
    maxCreate: MAX_NEW_THREADS_PER_SCAN,
  });
  if (plan.capped) w.warnings.push(warning('threads-capped', `${plan.capped} new findings got no thread: at most ${MAX_NEW_THREADS_PER_SCAN} threads are posted per scan (the most severe first); the PR tab lists them all`));
  for (const t of plan.adopt) await recordPullRequestThread(db, org.org_id, { ...key, fingerprint: t.fingerprint, threadId: t.threadId, state: t.state });
  for (const t of plan.keep) out.set(t.fingerprint, { threadId: t.threadId, state: t.state });

  let refused = false;
  const write = async (what: string, fn: () => Promise<void>): Promise<void> => {
    if (refused) return;
    try {
      await fn();
    } catch (err) {
      if (refusedWrite(err)) {
        refused = true;
        w.warnings.push(warning('threads-refused', `Azure DevOps refused to ${what}: the credential needs the "Code (read & write) / Pull request threads" scope (vso.threads_full). ${messageOf(err)}`));
      } else {
        w.warnings.push(warning('thread-failed', `Could not ${what}: ${messageOf(err)}`));
      }
      log.warn({ err: messageOf(err) }, `could not ${what}`);
    }
  };

  for (const f of plan.create) {
    const anchor = threadAnchor(f);
    await write(`comment on ${anchor.filePath}`, async () => {
      const thread = await client.pullRequests.createThread(repo.project_id, repo.repo_id, pullRequestId, {
        content: threadComment(f, { pullRequestUrl: w.targetUrl }),
        status: 'active',
        ...anchor,
        iterationContext: { firstComparingIteration: 1, secondComparingIteration: iteration.id },
        changeTrackingId: w.trackingIds.get(anchor.filePath.slice(1)),
        properties: { [FINGERPRINT_PROPERTY]: f.fingerprint },
      });
      await recordPullRequestThread(db, org.org_id, { ...key, fingerprint: f.fingerprint, threadId: thread.id, state: 'active', ruleId: f.ruleId, filePath: anchor.filePath, line: anchor.line });
      out.set(f.fingerprint, { threadId: thread.id, state: 'active' });
    });
  }
  for (const t of plan.reopen) {
    await write(`reopen thread ${t.threadId}`, async () => {
      await client.pullRequests.updateThread(repo.project_id, repo.repo_id, pullRequestId, t.threadId, { status: 'active' });
      await setPullRequestThreadState(db, org.org_id, { ...key, fingerprint: t.fingerprint }, 'active');
      out.set(t.fingerprint, { threadId: t.threadId, state: 'active' });
    });
    if (!out.has(t.fingerprint)) out.set(t.fingerprint, { threadId: t.threadId, state: 'fixed' });
  }
  for (const t of plan.fix) {
    if (!t.patch) {
      await setPullRequestThreadState(db, org.org_id, { ...key, fingerprint: t.fingerprint }, 'fixed');
      continue;
    }
    await write(`resolve thread ${t.threadId}`, async () => {
      await client.pullRequests.updateThread(repo.project_id, repo.repo_id, pullRequestId, t.threadId, { status: 'fixed' });
      await setPullRequestThreadState(db, org.org_id, { ...key, fingerprint: t.fingerprint }, 'fixed');
    });
  }
  return out;
}
