// Store rows -> /api/v1 wire shapes (service/contract/api.ts). Pure: no SQL, no I/O. Nothing secret
// crosses: credentials are never selected, findings carry the masked preview but never the salted
// hash nor the raw details.
import type {
  AdvisoryDto,
  DependencyDto,
  ExemptionDto,
  FindingDto,
  FindingLocationDto,
  FindingPlace,
  InventoryDto,
  OrganizationDto,
  PostureAreaStatus,
  PostureAssessmentDto,
  PostureResultDto,
  RepositoryDto,
  ScanDto,
  SeverityCounts,
} from '../contract/api';
import type { AdoObjectLocation, FindingDetails, JsonValue, Location, Reason, Verification } from '../contract/model';
import { locationText, locationWebUrl, repositoryWebUrl } from '../contract/places';
import { CODE_LANGUAGES, IAC_PLATFORMS, SEVERITIES, type Category, type CodeLanguage, type IacPlatform, type Ecosystem, type Confidence, type FindingState, type RepositoryScanState, type ScanTrigger, type Severity, TFVC_REPOSITORY_ID_PREFIX, type VerificationState } from '../contract/vocabulary';
import type { FindingGroup, FindingWithRepo } from '../store/finding-queries';
import type { DependencyRow, InventoryMeta } from '../store/inventories';
import type { RepositoryWithCounts } from '../store/repositories';
import { exemptionStatus, type PostureResultRow } from '../store/posture';
import type { OrganizationRow, PostureAssessmentRow, PostureChangeJson, PostureExemptionRow, ScanRow } from '../store/schema';

const iso = (d: Date | string | null | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);
const num = (v: number | string | bigint | null | undefined): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/** `credentialKind` from connect, `credential_kind` from the store's organization reads; neither: a PAT (the only kind before service principals). */
export function toOrganizationDto(org: OrganizationRow & { credentialKind?: string; credential_kind?: string | null }, repositoryCount: number): OrganizationDto {
  return {
    id: org.org_id,
    name: org.name,
    url: org.url,
    connectedAt: iso(org.created_at)!,
    connectedBy: org.connected_by_name ?? org.connected_by,
    credentialKind: (org.credentialKind ?? org.credential_kind) === 'service-principal' ? 'service-principal' : 'pat',
    lastDiscoveryAt: iso(org.last_discovery_at),
    lastDiscoveryError: opt(org.last_discovery_error),
    repositoryCount,
  };
}

export function toScanDto(s: ScanRow & { repo_name?: string | null }): ScanDto {
  return {
    id: s.scan_id,
    repositoryId: s.repo_id,
    repositoryName: opt(s.repo_name),
    commitSha: opt(s.commit_sha),
    state: s.state as ScanDto['state'],
    trigger: s.trigger as ScanTrigger,
    queuedAt: iso(s.queued_at)!,
    startedAt: iso(s.started_at),
    finishedAt: iso(s.finished_at),
    durationMs: num(s.duration_ms),
    error: opt(s.error),
    filesScanned: num(s.files_scanned),
    findingsNew: num(s.findings_new),
    findingsFixed: num(s.findings_fixed),
    findingsOpen: num(s.findings_open),
    scanners: s.scanners ?? [],
    warnings: s.warnings ?? [],
    coverage: opt(s.coverage),
    kind: s.kind === 'incremental' ? 'incremental' : 'full',
    ...(s.state === 'running' && s.progress ? { progress: s.progress } : {}),
  };
}

/** ADO's list answer has no webUrl (ado-rest.md §1.2): build it from the organization URL when missing. */
const repoWebUrl = (orgUrl: string, r: { web_url: string | null; project_name: string; name: string }): string =>
  r.web_url || repositoryWebUrl(orgUrl, r.project_name, r.name);

export function toRepositoryDto(r: RepositoryWithCounts, orgUrl: string, lastScan?: ScanRow): RepositoryDto {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, r.open_counts[s] ?? 0])) as SeverityCounts;
  return {
    id: r.repo_id,
    name: r.name,
    projectId: r.project_id,
    projectName: r.project_name,
    defaultBranch: opt(r.default_branch),
    webUrl: repoWebUrl(orgUrl, r),
    isDisabled: r.is_disabled,
    isEmpty: !r.default_branch,
    versionControl: r.repo_id.startsWith(TFVC_REPOSITORY_ID_PREFIX) ? 'tfvc' : 'git',
    ...(r.size_bytes === null || r.size_bytes === undefined ? {} : { sizeBytes: Number(r.size_bytes) }),
    scanState: r.scan_state as RepositoryScanState,
    skipReason: opt(r.skip_reason),
    lastScan: lastScan ? toScanDto({ ...lastScan, repo_name: r.name }) : undefined,
    openFindings: counts,
  };
}

/** The project an ADO-object location names, for findings of a project rather than a repository. */
function projectOf(loc: Location): { id: string; name: string } | undefined {
  if (loc.kind !== 'ado-object') return undefined;
  return loc.objectKind === 'project' ? { id: loc.id, name: loc.name } : loc.project;
}

function toFindingPlace(f: FindingWithRepo, orgUrl: string): FindingPlace {
  const project = projectOf(f.location);
  const repoUrl = f.repo_id && f.repo_name && f.project_name ? repoWebUrl(orgUrl, { web_url: f.repo_web_url, project_name: f.project_name, name: f.repo_name }) : undefined;
  return {
    repositoryId: opt(f.repo_id),
    repositoryName: opt(f.repo_name),
    projectId: f.project_id ?? project?.id,
    projectName: f.project_name ?? project?.name,
    location: f.location,
    locationText: locationText(f.location),
    webUrl: locationWebUrl(f.location, { webUrl: repoUrl, commitSha: opt(f.commit_sha) }),
  };
}

export function toFindingDto(f: FindingWithRepo, orgUrl: string): FindingDto {
  const d = f.dismissal;
  const s = f.suppression;
  return {
    id: f.finding_id,
    fingerprint: f.fingerprint,
    ruleId: f.rule_id,
    title: f.title,
    severity: f.severity as Severity,
    category: f.category as Category,
    confidence: f.confidence as Confidence,
    message: f.message,
    state: f.state as FindingState,
    ...toFindingPlace(f, orgUrl),
    preview: f.details.secret?.preview,
    remediation: f.remediation,
    helpUri: opt(f.help_uri),
    cwe: opt(f.cwe),
    firstSeenAt: iso(f.first_seen_at)!,
    lastSeenAt: iso(f.last_seen_at)!,
    fixedAt: iso(f.fixed_at),
    commitSha: opt(f.commit_sha),
    suppression: s ? { kind: s.kind, reason: s.reason, expires: s.expires } : undefined,
    dismissal: d
      ? { reason: d.reason, comment: d.comment, expires: d.expires, by: d.by, byName: d.byName, at: d.at, expired: d.expired }
      : undefined,
    verification: verificationOf(f),
    ...packageFactsOf(f.details),
    ...iacFactsOf(f.details),
    ...codeFactsOf(f.details),
  };
}

const UPSTREAM_TYPES = ['bandit', 'eslint', 'scs'] as const;

/** What a code finding's details say: its language, the upstream test it matches, its flow. */
function codeFactsOf(details: FindingDetails | undefined): Pick<FindingDto, 'code'> {
  const x = details?.extra;
  if (!x || typeof x.language !== 'string' || !(CODE_LANGUAGES as readonly string[]).includes(x.language)) return {};
  const upstream = x.upstream;
  const up =
    upstream && typeof upstream === 'object' && !Array.isArray(upstream) && typeof upstream.id === 'string' &&
    (UPSTREAM_TYPES as readonly unknown[]).includes(upstream.type)
      ? { type: upstream.type as (typeof UPSTREAM_TYPES)[number], id: upstream.id }
      : undefined;
  return {
    code: {
      language: x.language as CodeLanguage,
      ...(up ? { upstream: up } : {}),
      ...(details?.flow?.length ? { flow: details.flow } : {}),
    },
  };
}

/** What an IaC finding's details say about its resource, in the contract's words. */
function iacFactsOf(details: FindingDetails | undefined): Pick<FindingDto, 'iac'> {
  const x = details?.extra;
  if (!x || typeof x.platform !== 'string' || !(IAC_PLATFORMS as readonly string[]).includes(x.platform)) return {};
  return {
    iac: {
      platform: x.platform as IacPlatform,
      resourceType: typeof x.resourceType === 'string' ? x.resourceType : '',
      ...(typeof x.checkov === 'string' ? { checkov: x.checkov } : {}),
      ...(typeof x.fix === 'string' ? { fix: x.fix } : {}),
    },
  };
}

const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/**
 * What a package finding's details say about its advisory and its package, in the contract's words
 * (details itself never crosses: it may hold what only the service should see).
 */
function packageFactsOf(details: FindingDetails | undefined): Pick<FindingDto, 'advisory' | 'direct' | 'scope'> {
  const x = details?.extra;
  if (!x) return {};
  const out: Pick<FindingDto, 'advisory' | 'direct' | 'scope'> = {};
  if (typeof x.direct === 'boolean') out.direct = x.direct;
  if (typeof x.scope === 'string') out.scope = x.scope;
  if (typeof x.advisory === 'string' && x.advisory) {
    const advisory: AdvisoryDto = {
      id: x.advisory,
      aliases: strings(x.aliases),
      summary: typeof x.summary === 'string' ? x.summary : '',
      fixedVersions: strings(x.fixedVersions),
      references: strings(x.references).filter((u) => /^https?:\/\//.test(u)),
    };
    const c = x.cvss;
    if (c && typeof c === 'object' && !Array.isArray(c) && typeof c.vector === 'string' && typeof c.score === 'number') {
      advisory.cvss = { version: typeof c.version === 'string' ? c.version : '', vector: c.vector, score: c.score };
    }
    if (typeof x.upgrade === 'string') advisory.upgrade = x.upgrade;
    out.advisory = advisory;
  }
  return out;
}

export function toInventoryDto(meta: InventoryMeta): InventoryDto {
  return {
    scanId: meta.scanId,
    ...(meta.commitSha ? { commitSha: meta.commitSha } : {}),
    storedAt: iso(meta.storedAt)!,
    packageCount: meta.packageCount,
    ...(meta.matchedAt ? { matchedAt: iso(meta.matchedAt) } : {}),
  };
}

/** A package of the inventory, linked to its entry at the inventory's commit. */
export function toDependencyDto(p: DependencyRow, repo: { webUrl?: string; commitSha?: string }): DependencyDto {
  return {
    ecosystem: p.ecosystem as Ecosystem,
    name: p.name,
    version: p.version,
    purl: p.purl,
    path: p.path,
    ...(p.line !== undefined && p.line > 0 ? { line: p.line } : {}),
    ...(p.direct !== undefined ? { direct: p.direct } : {}),
    ...(p.scope ? { scope: p.scope } : {}),
    ...(p.declared ? { declared: p.declared } : {}),
    ...(p.resolvedLicense ? { license: p.resolvedLicense } : {}),
    ...(p.dependencyPath?.length ? { dependencyPath: p.dependencyPath } : {}),
    advisories: p.advisories,
    ...(p.worstRank !== undefined && SEVERITIES[p.worstRank] ? { worstSeverity: SEVERITIES[p.worstRank] } : {}),
    webUrl: locationWebUrl({ kind: 'package', path: p.path, ...(p.line ? { line: p.line } : {}), ecosystem: p.ecosystem, name: p.name, version: p.version }, repo),
  };
}

/** The stored answer of the secret's provider, when it was asked. */
function verificationOf(f: FindingWithRepo): Verification | undefined {
  if (!f.verification || !f.verified_at) return undefined;
  return {
    state: f.verification as VerificationState,
    at: iso(f.verified_at)!,
    provider: f.verification_provider ?? '',
    ...(f.verification_detail ? { detail: f.verification_detail } : {}),
  };
}

export function toFindingGroupDto(g: FindingGroup, orgUrl: string): FindingDto {
  return {
    ...toFindingDto(g.representative, orgUrl),
    locations: g.locations.map(
      (l): FindingLocationDto => ({
        findingId: l.finding_id,
        ...toFindingPlace(l, orgUrl),
        state: l.state as FindingState,
        lastSeenAt: iso(l.last_seen_at)!,
      }),
    ),
  };
}

// ---- DevOps posture ----

export function toPostureAssessmentDto(a: PostureAssessmentRow): PostureAssessmentDto {
  const c = a.counts ?? {};
  return {
    id: a.assessment_id,
    trigger: a.trigger as PostureAssessmentDto['trigger'],
    state: a.state as PostureAssessmentDto['state'],
    startedAt: iso(a.started_at)!,
    finishedAt: iso(a.finished_at),
    durationMs: num(a.duration_ms),
    collectMs: num(a.collect_ms),
    error: opt(a.error),
    controls: a.controls,
    counts: { pass: c.pass ?? 0, fail: c.fail ?? 0, exempted: c.exempted ?? 0, notApplicable: c.notApplicable ?? 0, notAvailable: c.notAvailable ?? 0 },
    newFailures: a.new_failures,
    fixed: a.fixed,
    changes: {
      newFailures: (a.changes?.newFailures ?? []).filter(isAdoChange),
      fixed: (a.changes?.fixed ?? []).filter(isAdoChange),
    },
    areas: (a.areas ?? []) as PostureAreaStatus[],
  };
}

const isAdoChange = (c: PostureChangeJson): c is PostureChangeJson & { object: AdoObjectLocation } => c.object?.kind === 'ado-object';

export function toExemptionDto(e: PostureExemptionRow, today: string, object?: Location): ExemptionDto {
  return {
    id: e.exemption_id,
    controlId: e.control_id,
    subjectKey: e.subject_key,
    ...(object?.kind === 'ado-object' ? { object } : {}),
    reason: e.reason as ExemptionDto['reason'],
    comment: opt(e.comment),
    expires: e.expires_on,
    status: exemptionStatus(e, today),
    createdBy: e.created_by,
    createdByName: opt(e.created_by_name),
    createdAt: iso(e.created_at)!,
    revokedAt: iso(e.revoked_at),
    revokedBy: opt(e.revoked_by),
  };
}

export function toPostureResultDto(r: PostureResultRow, today: string): PostureResultDto {
  const object = r.location as AdoObjectLocation;
  const exempted = r.outcome === 'fail' && !!r.exemption;
  return {
    controlId: r.ruleId,
    subjectKey: r.subjectKey,
    outcome: r.outcome,
    exempted,
    ...(r.exemption ? { exemption: toExemptionDto(r.exemption, today, r.location) } : {}),
    object,
    webUrl: object.url,
    projectId: opt(r.projectId ?? object.project?.id),
    projectName: object.project?.name,
    message: opt(r.message),
    evidence: r.evidence ?? [],
    ...(r.reasonCode ? { reason: { code: r.reasonCode as Reason['code'], text: r.reasonText ?? '' } } : {}),
    findingId: opt(r.findingId),
    firstSeenAt: iso(r.firstSeenAt),
    lastSeenAt: iso(r.lastSeenAt)!,
  };
}
