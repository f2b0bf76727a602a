// Client for Vigil's /api/v1. One of the two modules that talk to the SDK (the other is bootstrap):
// every request carries fresh tokens from the host frame and the organization hint.
import * as SDK from 'azure-devops-extension-sdk';
// Types only from the contract: zod stays out of the bundle.
import type {
  Overview,
  AdvisoryStatusResponse,
  ConnectRequest,
  CreateExemptionRequest,
  DependenciesPage,
  DependenciesQuery,
  DismissRequest,
  FindingSort,
  FindingSource,
  ExemptionDto,
  FindingDto,
  LicensePolicy,
  LicensePolicyResponse,
  MeResponse,
  OrganizationDto,
  OrganizationSettingsPatch,
  Paged,
  PostureAssessmentDto,
  PostureControlDetail,
  PostureControlsResponse,
  PostureSummary,
  Problem,
  RepositoriesQuery,
  RepositoryDto,
  ScanDto,
  ScansQuery,
  TriggerPostureResponse,
  TriggerScanRequest,
  TriggerScanResponse,
} from '../../service/contract/api';
import type { FindingGroupCount, FindingGrouping } from '../../service/contract/api';
import type { BulkDismissRequest, BulkTriageResponse } from '../../service/contract/findings-bulk-api';
import type { RepositorySelectionRequest, RepositorySelectionResponse } from '../../service/contract/selection-api';
import type {
  AuditLogPage,
  CredentialDto,
  FullOrganizationSettings,
  RepositoryScannersDto,
  RepositoryScannersRequest,
  ScanSettings,
} from '../../service/contract/settings-api';
import type { EventDeliveryDto } from '../../service/contract/events-api';
import type {
  Category,
  CodeLanguage,
  Confidence,
  Ecosystem,
  FindingState,
  IacPlatform,
  Outcome,
  PostureArea,
  PostureControlOutcome,
  Severity,
  VerificationFilter,
} from '../../service/contract/vocabulary';
import type { PullRequestSecurityDto } from '../../service/contract/events-api';
import type { RepositoryGateDto, RequireStatusPolicyRequest, RequireStatusPolicyResponse } from '../../service/contract/gate-api';
import type { CreatedPipelineToken, CreatePipelineTokenRequest, PipelineTokenList } from '../../service/contract/pipeline-api';
import type {
  ComplianceBranchDto,
  ComplianceCheckId,
  ComplianceOutcome,
  CompliancePullRequestDetailDto,
  CompliancePullRequestDto,
  ComplianceRepositoryDto,
  ComplianceRepositoryRequest,
  ComplianceSettingsDto,
  ComplianceSettingsRequest,
  ComplianceSummaryDto,
} from '../../service/contract/compliance-api';

/** A failed call, in words a user can read: the problem+json title and detail when the service sent one. */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the service could not be reached at all. */
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly problem?: Problem,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
  }
}

export interface PageQuery {
  cursor?: string;
  limit?: number;
}
export interface FindingQuery extends PageQuery {
  severity?: Severity[];
  category?: Category[];
  /** Absent: every confidence. */
  confidence?: Confidence[];
  repository?: string;
  project?: string;
  /** Absent: the service answers with open findings. */
  state?: FindingState[];
  /** 'credential': one item per alert, with every location of the same secret in `locations`. */
  group?: 'credential';
  /** Secrets by what their provider said ('none': never verified). */
  verification?: VerificationFilter[];
  /** Package findings of these ecosystems. */
  ecosystem?: Ecosystem[];
  /** Package findings by how the package is used. */
  dependency?: 'direct' | 'transitive';
  /** Findings with (true) or without (false) a fixed version. */
  hasFix?: boolean;
  /** IaC findings from these platforms. */
  platform?: IacPlatform[];
  /** Code findings in these languages. */
  language?: CodeLanguage[];
  /** Words in the title, rule id, path or repository name. */
  q?: string;
  /** One rule's findings (an expanded rule group). */
  rule?: string;
  sort?: FindingSort;
  order?: 'asc' | 'desc';
  /** 'pipeline': the pipeline runs' findings (absent: the scans'). */
  source?: FindingSource;
}
export type DependencyQuery = Omit<DependenciesQuery, 'limit' | 'ecosystem' | 'direct' | 'hasAdvisory'> &
  PageQuery & { ecosystem?: Ecosystem[]; direct?: boolean; hasAdvisory?: boolean };

/** A file the service sent for download (an SBOM). */
export interface DownloadedFile {
  fileName: string;
  contentType: string;
  blob: Blob;
}
export type RepositoryQuery = Omit<RepositoriesQuery, 'limit'> & PageQuery;

/** GET /posture/controls: every control of the catalog, filtered by its verdict and facts. */
export interface PostureControlsFilter {
  project?: string;
  severity?: Severity[];
  area?: PostureArea[];
  outcome?: PostureControlOutcome[];
  /** true: controls with an exempted object; false: without one. */
  exempted?: boolean;
}
/** GET /posture/controls/{id}: the objects it judged. */
export interface PostureControlQuery extends PageQuery {
  project?: string;
  outcome?: Outcome[];
  exempted?: boolean;
}
export type ScanQuery = Omit<ScansQuery, 'limit'> & PageQuery;

/** The compliance reads' period (days, both included) and scope; `check` + `outcome` narrow the pull requests. */
export interface ComplianceQuery extends PageQuery {
  from?: string;
  to?: string;
  project?: string;
  repository?: string;
  check?: ComplianceCheckId[];
  outcome?: ComplianceOutcome[];
  emergency?: boolean;
}

export interface VigilApi {
  me(): Promise<MeResponse>;
  connect(request: ConnectRequest): Promise<OrganizationDto>;
  organization(): Promise<OrganizationDto>;
  repositories(query?: RepositoryQuery): Promise<Paged<RepositoryDto>>;
  findings(query?: FindingQuery): Promise<Paged<FindingDto>>;
  scans(query?: ScanQuery): Promise<Paged<ScanDto>>;
  /** The repository's scans, newest first. */
  repositoryScans(repositoryId: string, query?: PageQuery): Promise<Paged<ScanDto>>;
  /** The list's findings (same filters) grouped by rule or repository, with counts. */
  findingGroups(query: FindingQuery, by: FindingGrouping): Promise<Paged<FindingGroupCount>>;
  triggerScan(request: TriggerScanRequest): Promise<TriggerScanResponse>;
  /** The pull request's gate verdict and findings; a 404 ApiError (problem type pull-request-not-seen) until Vigil saw it. */
  pullRequestSecurity(repositoryId: string, pullRequestId: number): Promise<PullRequestSecurityDto>;
  /** The gate severity in force for the repository's pull requests, and whether it is its own. */
  repositoryGate(repositoryId: string): Promise<RepositoryGateDto>;
  /** Organization administrators: the repository's own gate severity (null: the organization's). */
  setRepositoryGate(repositoryId: string, severity: RepositoryGateDto['severity'] | null): Promise<RepositoryGateDto>;
  /** Organization administrators: a Status branch policy requiring Vigil's check on each repository's default branch. */
  requireStatusPolicy(request: RequireStatusPolicyRequest): Promise<RequireStatusPolicyResponse>;
  /** Dismisses every location of the finding's alert (organization administrators only). */
  dismissFinding(findingId: string, request: DismissRequest): Promise<FindingDto>;
  /** Removes the dismissal of the finding's alert. */
  reopenFinding(findingId: string): Promise<FindingDto>;
  /** One reason for many alerts (at most BULK_MAX_IDS); each id answers for itself. */
  bulkDismissFindings(request: BulkDismissRequest): Promise<BulkTriageResponse>;
  bulkReopenFindings(ids: string[]): Promise<BulkTriageResponse>;
  /** The whole filtered list (every page) as CSV or SARIF. */
  exportFindings(query: FindingQuery, format: 'csv' | 'sarif'): Promise<DownloadedFile>;
  organizationSettings(): Promise<FullOrganizationSettings>;
  /** Organization administrators only. */
  updateOrganizationSettings(patch: OrganizationSettingsPatch): Promise<FullOrganizationSettings>;
  /** Organization administrators only: the schedule, scanners and retention (all four). */
  updateScanSettings(settings: ScanSettings): Promise<FullOrganizationSettings>;
  repositoryScanners(repositoryId: string): Promise<RepositoryScannersDto>;
  /** Organization administrators only: the repository's own on/off per family; {} follows the organization. */
  setRepositoryScanners(repositoryId: string, overrides: RepositoryScannersRequest['overrides']): Promise<RepositoryScannersDto>;
  /** Organization administrators only. */
  credential(): Promise<CredentialDto>;
  /** Organization administrators only: checked against Azure DevOps as connect; the old one stays on failure. */
  replaceCredential(request: ConnectRequest): Promise<CredentialDto>;
  /** Organization administrators only; newest first. */
  auditLog(query?: { action?: string; cursor?: string; limit?: number }): Promise<AuditLogPage>;
  /** Organization administrators only: deletes everything Vigil stores of the organization. */
  disconnect(): Promise<void>;
  /** The packages of a repository's last scan, with their open advisories. */
  dependencies(repositoryId: string, query?: DependencyQuery): Promise<DependenciesPage>;
  /** The repository's CycloneDX SBOM, as a file to save. */
  sbom(repositoryId: string): Promise<DownloadedFile>;
  licensePolicy(): Promise<LicensePolicyResponse>;
  /** Organization administrators only. */
  updateLicensePolicy(policy: LicensePolicy): Promise<LicensePolicyResponse>;
  /** The OSV mirror: records per ecosystem, last sync, errors. */
  advisoryStatus(): Promise<AdvisoryStatusResponse>;
  /** Where the organization (or one project, for its members) stands: open findings, trend, coverage. */
  overview(query: { project?: string; days: number }): Promise<Overview>;
  /** DevOps posture at a glance (one project's objects with `project`). */
  postureSummary(project?: string): Promise<PostureSummary>;
  postureControls(filter?: PostureControlsFilter): Promise<PostureControlsResponse>;
  postureControl(controlId: string, query?: PostureControlQuery): Promise<PostureControlDetail>;
  /** Organization administrators: newest first. */
  postureAssessments(query?: PageQuery): Promise<Paged<PostureAssessmentDto>>;
  /** Organization administrators: queue an assessment now. */
  assessPosture(): Promise<TriggerPostureResponse>;
  /** Organization administrators: exempt one (control, object) pair. */
  createExemption(request: CreateExemptionRequest): Promise<ExemptionDto>;
  revokeExemption(exemptionId: string): Promise<ExemptionDto>;
  /** Organization administrators: which repositories are scanned, and every repository to choose from. */
  repositorySelection(): Promise<RepositorySelectionResponse>;
  /** Organization administrators: a 409 ApiError (problem.repositoriesToDelete) until `confirmDelete` when findings would be deleted. */
  updateRepositorySelection(request: RepositorySelectionRequest): Promise<RepositorySelectionResponse>;
  /** How ADO's events reach the organization (service hooks or polling) and each subscription's state. */
  eventDelivery(): Promise<EventDeliveryDto>;
  /** Organization administrators: set up the subscriptions again (re-create the missing, re-enable the disabled). */
  repairEventDelivery(): Promise<EventDeliveryDto>;
  /** Organization administrators: the pipeline task's upload tokens (never a token itself). */
  pipelineTokens(): Promise<PipelineTokenList>;
  /** Organization administrators: a new pipeline token; the answer is the only place it is shown. */
  createPipelineToken(request: CreatePipelineTokenRequest): Promise<CreatedPipelineToken>;
  revokePipelineToken(tokenId: string): Promise<void>;
  /** Pull-request compliance: per check over the period, the emergencies, the collection's state. */
  complianceSummary(query: ComplianceQuery): Promise<ComplianceSummaryDto>;
  compliancePullRequests(query: ComplianceQuery): Promise<Paged<CompliancePullRequestDto>>;
  compliancePullRequest(repositoryId: string, pullRequestId: number): Promise<CompliancePullRequestDetailDto>;
  complianceBranches(query: Pick<ComplianceQuery, 'project' | 'repository'>): Promise<{ items: ComplianceBranchDto[] }>;
  complianceSettings(): Promise<ComplianceSettingsDto>;
  /** Organization administrators only. */
  updateComplianceSettings(request: ComplianceSettingsRequest): Promise<ComplianceSettingsDto>;
  complianceRepositories(project?: string): Promise<{ items: ComplianceRepositoryDto[] }>;
  /** Organization administrators only: null follows the organization. */
  updateComplianceRepository(repositoryId: string, request: ComplianceRepositoryRequest): Promise<ComplianceRepositoryDto>;
  /** Every pull request of the period with its outcomes and evidence, plus the summary sheet. */
  exportCompliance(query: ComplianceQuery, format: 'csv' | 'json'): Promise<DownloadedFile>;
}

export interface ApiClientOptions {
  /** Base URL of the service, without trailing slash; "" means the page's own origin. */
  serviceUrl: string;
  /** Called before every request: tokens expire, so they are never kept here. */
  headers: () => Promise<Record<string, string>>;
  fetch?: typeof fetch;
}

type QueryValue = string | number | readonly string[] | undefined;

/** ?a=1&b=x,y — undefined values and empty lists are left out. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) parts.push(`${encodeURIComponent(key)}=${value.map(encodeURIComponent).join(',')}`);
    } else {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** GET /findings's query string (and the export's, with `extra`). */
export function findingsQueryString(q: FindingQuery, extra: Record<string, string> = {}): string {
  return toQueryString({
    project: q.project,
    repository: q.repository,
    severity: q.severity,
    category: q.category,
    confidence: q.confidence,
    state: q.state,
    group: q.group,
    verification: q.verification,
    ecosystem: q.ecosystem,
    dependency: q.dependency,
    hasFix: q.hasFix === undefined ? undefined : String(q.hasFix),
    platform: q.platform,
    language: q.language,
    q: q.q,
    rule: q.rule,
    sort: q.sort,
    order: q.sort ? q.order : undefined,
    source: q.source,
    cursor: q.cursor,
    limit: q.limit,
    ...extra,
  });
}

/** The compliance reads' query string (and the export's, with `extra`). */
export function complianceQueryString(q: ComplianceQuery, extra: Record<string, string> = {}): string {
  return toQueryString({
    from: q.from,
    to: q.to,
    project: q.project,
    repository: q.repository,
    check: q.check,
    outcome: q.outcome,
    emergency: q.emergency === undefined ? undefined : String(q.emergency),
    cursor: q.cursor,
    limit: q.limit,
    ...extra,
  });
}

export function createApiClient(options: ApiClientOptions): VigilApi {
  const base = options.serviceUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function send(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept, ...(await options.headers()) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const url = `${base}/api/v1${path}`;
    try {
      return await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new ApiError(0, 'Cannot reach the Vigil service', `${base || 'this site'}: ${(err as Error).message}`);
    }
  }

  async function download(path: string, fallbackName: string): Promise<DownloadedFile> {
    const response = await send('GET', path, undefined, '*/*');
    if (!response.ok) throw errorFromResponse(response, await response.text());
    const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
    const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
    return { fileName: named?.[1] ?? fallbackName, contentType, blob: new Blob([await response.text()], { type: contentType }) };
  }

  async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await send(method, path, body);
    const text = await response.text();
    if (!response.ok) throw errorFromResponse(response, text);
    if (response.status === 204 || !text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'Unexpected response from the Vigil service', 'The answer was not JSON.');
    }
  }

  return {
    me: () => request('GET', '/me'),
    connect: (req) => request('POST', '/organization/connect', req),
    organization: () => request('GET', '/organization'),
    repositories: (q = {}) =>
      request('GET', `/repositories${toQueryString({ project: q.project, cursor: q.cursor, limit: q.limit })}`),
    findings: (q = {}) => request('GET', `/findings${findingsQueryString(q)}`),
    bulkDismissFindings: (req) => request('POST', '/findings/bulk-dismissal', req),
    bulkReopenFindings: (ids) => request('POST', '/findings/bulk-reopen', { ids }),
    exportFindings: (q, format) =>
      download(`/findings/export${findingsQueryString({ ...q, cursor: undefined, limit: undefined, group: undefined }, { format })}`, `vigil-findings.${format}`),
    scans: (q = {}) =>
      request('GET', `/scans${toQueryString({ repository: q.repository, cursor: q.cursor, limit: q.limit })}`),
    triggerScan: (req) => request('POST', '/scans', req),
    repositoryScans: (repositoryId, q = {}) =>
      request('GET', `/repositories/${encodeURIComponent(repositoryId)}/scans${toQueryString({ cursor: q.cursor, limit: q.limit })}`),
    findingGroups: (q, by) => request('GET', `/findings/groups${findingsQueryString({ ...q, group: undefined, sort: undefined }, { by })}`),
    pullRequestSecurity: (repositoryId, pullRequestId) =>
      request('GET', `/repositories/${encodeURIComponent(repositoryId)}/pull-requests/${encodeURIComponent(String(pullRequestId))}`),
    repositoryGate: (repositoryId) => request('GET', `/repositories/${encodeURIComponent(repositoryId)}/gate`),
    setRepositoryGate: (repositoryId, severity) => request('PUT', `/repositories/${encodeURIComponent(repositoryId)}/gate`, { severity }),
    requireStatusPolicy: (req) => request('POST', '/repositories/required-status-policy', req),
    dismissFinding: (id, req) => request('PUT', `/findings/${encodeURIComponent(id)}/dismissal`, req),
    reopenFinding: (id) => request('DELETE', `/findings/${encodeURIComponent(id)}/dismissal`),
    organizationSettings: () => request('GET', '/organization/settings'),
    updateOrganizationSettings: (patch) => request('PATCH', '/organization/settings', patch),
    updateScanSettings: (settings) => request('PUT', '/organization/settings', settings),
    repositoryScanners: (repositoryId) => request('GET', `/repositories/${encodeURIComponent(repositoryId)}/scanners`),
    setRepositoryScanners: (repositoryId, overrides) => request('PUT', `/repositories/${encodeURIComponent(repositoryId)}/scanners`, { overrides }),
    credential: () => request('GET', '/organization/credential'),
    replaceCredential: (req) => request('PUT', '/organization/credential', req),
    auditLog: (q = {}) => request('GET', `/organization/audit-log${toQueryString({ action: q.action, cursor: q.cursor, limit: q.limit })}`),
    disconnect: () => request('DELETE', '/organization'),
    dependencies: (repositoryId, q = {}) =>
      request(
        'GET',
        `/repositories/${encodeURIComponent(repositoryId)}/dependencies${toQueryString({
          ecosystem: q.ecosystem,
          direct: q.direct === undefined ? undefined : String(q.direct),
          hasAdvisory: q.hasAdvisory === undefined ? undefined : String(q.hasAdvisory),
          search: q.search,
          cursor: q.cursor,
          limit: q.limit,
        })}`,
      ),
    sbom: (repositoryId) => download(`/repositories/${encodeURIComponent(repositoryId)}/sbom`, 'sbom.cdx.json'),
    licensePolicy: () => request('GET', '/organization/license-policy'),
    updateLicensePolicy: (policy) => request('PUT', '/organization/license-policy', policy),
    advisoryStatus: () => request('GET', '/advisories/status'),
    overview: ({ project, days }) => request('GET', `/overview${toQueryString({ project, days: String(days) })}`),
    postureSummary: (project) => request('GET', `/posture/summary${toQueryString({ project })}`),
    postureControls: (f = {}) =>
      request(
        'GET',
        `/posture/controls${toQueryString({
          project: f.project,
          severity: f.severity,
          area: f.area,
          outcome: f.outcome,
          exempted: f.exempted === undefined ? undefined : String(f.exempted),
        })}`,
      ),
    postureControl: (controlId, q = {}) =>
      request(
        'GET',
        `/posture/controls/${encodeURIComponent(controlId)}${toQueryString({
          project: q.project,
          outcome: q.outcome,
          exempted: q.exempted === undefined ? undefined : String(q.exempted),
          cursor: q.cursor,
          limit: q.limit,
        })}`,
      ),
    postureAssessments: (q = {}) => request('GET', `/posture/assessments${toQueryString({ cursor: q.cursor, limit: q.limit })}`),
    assessPosture: () => request('POST', '/posture/assessments'),
    createExemption: (req) => request('POST', '/posture/exemptions', req),
    revokeExemption: (id) => request('DELETE', `/posture/exemptions/${encodeURIComponent(id)}`),
    repositorySelection: () => request('GET', '/organization/repository-selection'),
    updateRepositorySelection: (req) => request('PUT', '/organization/repository-selection', req),
    eventDelivery: () => request('GET', '/organization/events'),
    repairEventDelivery: () => request('POST', '/organization/events/repair'),
    pipelineTokens: () => request('GET', '/pipeline/tokens'),
    createPipelineToken: (req) => request('POST', '/pipeline/tokens', req),
    revokePipelineToken: (id) => request('DELETE', `/pipeline/tokens/${encodeURIComponent(id)}`),
    complianceSummary: (q) => request('GET', `/compliance/summary${complianceQueryString({ ...q, cursor: undefined, limit: undefined })}`),
    compliancePullRequests: (q) => request('GET', `/compliance/pull-requests${complianceQueryString(q)}`),
    compliancePullRequest: (repositoryId, pullRequestId) =>
      request('GET', `/compliance/pull-requests/${encodeURIComponent(repositoryId)}/${encodeURIComponent(String(pullRequestId))}`),
    complianceBranches: (q) => request('GET', `/compliance/branches${toQueryString({ project: q.project, repository: q.repository })}`),
    complianceSettings: () => request('GET', '/compliance/settings'),
    updateComplianceSettings: (req) => request('PUT', '/compliance/settings', req),
    complianceRepositories: (project) => request('GET', `/compliance/repositories${toQueryString({ project })}`),
    updateComplianceRepository: (repositoryId, req) => request('PUT', `/compliance/repositories/${encodeURIComponent(repositoryId)}`, req),
    exportCompliance: (q, format) =>
      download(`/compliance/export${complianceQueryString({ ...q, cursor: undefined, limit: undefined }, { format })}`, `vigil-compliance.${format}`),
  };
}

function errorFromResponse(response: Response, text: string): ApiError {
  let problem: Partial<Problem> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') problem = parsed as Partial<Problem>;
  } catch {
    // not JSON: fall through to a generic message
  }
  if (problem && typeof problem.title === 'string') {
    return new ApiError(
      response.status,
      problem.title,
      typeof problem.detail === 'string' ? problem.detail : undefined,
      { type: String(problem.type ?? 'about:blank'), status: response.status, ...problem } as Problem,
    );
  }
  const fallback =
    response.status === 401
      ? 'Not signed in to Vigil'
      : response.status === 403
        ? 'You do not have access to this'
        : `The Vigil service answered ${response.status}`;
  return new ApiError(response.status, fallback, response.statusText || undefined);
}

declare global {
  interface Window {
    VIGIL_CONFIG?: { serviceUrl?: string };
  }
}

/** The service URL written into ../vigil-config.js at build or package time; "" = same origin. */
export function configuredServiceUrl(win: Window = window): string {
  const url = win.VIGIL_CONFIG?.serviceUrl;
  return typeof url === 'string' ? url : '';
}

/** Headers from the host frame: app token (who, signed for Vigil), access token (for ADO), org hint. */
export async function sdkAuthHeaders(): Promise<Record<string, string>> {
  const [appToken, accessToken] = await Promise.all([SDK.getAppToken(), SDK.getAccessToken()]);
  return {
    Authorization: `Bearer ${appToken}`,
    'X-Vigil-Access-Token': accessToken,
    'X-Vigil-Org': SDK.getHost().name,
  };
}

export function createSdkApiClient(): VigilApi {
  return createApiClient({ serviceUrl: configuredServiceUrl(), headers: sdkAuthHeaders });
}
