// Store rows -> /api/v1 wire shapes. Nothing secret crosses: credentials are never selected here,
// findings carry only the masked preview.
import type { AppContext } from '../context';
import type { FindingGroup, FindingWithRepo } from '../store/findings';
import type { RepositoryWithCounts } from '../store/repositories';
import type { OrganizationRow, ScanRow } from '../store/schema';
import type { FindingDto, FindingLocationDto, FindingPlace, OrganizationDto, RepositoryDto, ScanDto, SeverityCounts } from './api-types';

const iso = (d: unknown): string | undefined => (d ? new Date(d as string | Date).toISOString() : undefined);
const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));

export async function toOrganizationDto(ctx: AppContext, org: OrganizationRow): Promise<OrganizationDto> {
  const [{ n }] = await ctx.store.db
    .selectFrom('repositories')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', org.org_id)
    .where('removed_at', 'is', null)
    .execute();
  return {
    id: org.org_id,
    name: org.name,
    url: org.url,
    connectedAt: iso(org.created_at)!,
    connectedBy: org.connected_by_name ?? org.connected_by,
    credentialKind: 'pat',
    lastDiscoveryAt: iso(org.last_discovery_at),
    lastDiscoveryError: org.last_discovery_error ?? undefined,
    repositoryCount: Number(n),
  };
}

export function toScanDto(s: ScanRow & { repo_name?: string | null }): ScanDto {
  return {
    id: s.scan_id,
    repositoryId: s.repo_id,
    repositoryName: s.repo_name ?? undefined,
    commitSha: s.commit_sha ?? undefined,
    state: s.state as ScanDto['state'],
    trigger: s.trigger as ScanDto['trigger'],
    queuedAt: iso(s.queued_at)!,
    startedAt: iso(s.started_at),
    finishedAt: iso(s.finished_at),
    durationMs: num(s.duration_ms),
    error: s.error ?? undefined,
    filesScanned: num(s.files_scanned),
    findingsNew: num(s.findings_new),
    findingsFixed: num(s.findings_fixed),
    findingsOpen: num(s.findings_open),
    scanners: (s.scanners as unknown as ScanDto['scanners']) ?? [],
    warnings: (s.warnings as unknown as ScanDto['warnings']) ?? [],
  };
}

export function toRepositoryDto(r: RepositoryWithCounts, lastScan?: ScanRow): RepositoryDto {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const [sev, n] of Object.entries(r.open_counts)) if (sev in counts) counts[sev as keyof SeverityCounts] = n;
  return {
    id: r.repo_id,
    name: r.name,
    projectId: r.project_id,
    projectName: r.project_name,
    defaultBranch: r.default_branch ?? undefined,
    webUrl: r.web_url ?? undefined,
    isDisabled: r.is_disabled,
    isEmpty: !r.default_branch,
    scanState: r.scan_state as RepositoryDto['scanState'],
    skipReason: r.skip_reason ?? undefined,
    lastScan: lastScan ? toScanDto({ ...lastScan, repo_name: r.name }) : undefined,
    openFindings: counts,
  };
}

/** A link to the file at that line in the Azure DevOps web UI. */
export function fileWebUrl(repoWebUrl: string | null, path: string, line: number, commitSha?: string | null): string | undefined {
  if (!repoWebUrl) return undefined;
  const u = new URL(repoWebUrl);
  u.searchParams.set('path', `/${path}`);
  if (commitSha) u.searchParams.set('version', `GC${commitSha}`);
  u.searchParams.set('line', String(line));
  u.searchParams.set('lineEnd', String(line));
  u.searchParams.set('lineStartColumn', '1');
  u.searchParams.set('lineEndColumn', '1000');
  u.searchParams.set('lineStyle', 'plain');
  u.searchParams.set('_a', 'contents');
  return u.toString();
}

function toFindingPlace(f: FindingWithRepo): FindingPlace {
  return {
    repositoryId: f.repo_id,
    repositoryName: f.repo_name,
    projectId: f.project_id,
    projectName: f.project_name,
    path: f.path,
    line: f.line,
    webUrl: fileWebUrl(f.repo_web_url, f.path, f.line, f.commit_sha),
  };
}

export function toFindingDto(f: FindingWithRepo): FindingDto {
  return {
    id: f.finding_id,
    fingerprint: f.fingerprint,
    ruleId: f.rule_id,
    title: f.title,
    severity: f.severity as FindingDto['severity'],
    category: f.category as FindingDto['category'],
    confidence: f.confidence as FindingDto['confidence'],
    message: f.message,
    state: f.state as FindingDto['state'],
    ...toFindingPlace(f),
    preview: f.preview ?? undefined,
    remediation: f.remediation,
    helpUri: f.help_uri ?? undefined,
    firstSeenAt: iso(f.first_seen_at)!,
    lastSeenAt: iso(f.last_seen_at)!,
    fixedAt: iso(f.fixed_at),
    commitSha: f.commit_sha ?? undefined,
    suppression: (f.suppression as unknown as FindingDto['suppression']) ?? undefined,
    dismissal: (f.dismissal as unknown as FindingDto['dismissal']) ?? undefined,
  };
}

export function toFindingGroupDto(g: FindingGroup): FindingDto {
  return {
    ...toFindingDto(g.representative),
    locations: g.locations.map(
      (l): FindingLocationDto => ({
        findingId: l.finding_id,
        ...toFindingPlace(l),
        state: l.state as FindingLocationDto['state'],
        lastSeenAt: iso(l.last_seen_at)!,
      }),
    ),
  };
}
