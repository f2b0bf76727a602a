// Test data and fakes for the web component tests (jsdom). Not part of any page bundle.
import type { DependenciesPage, DependencyDto, FindingDto, FindingLocationDto, FindingPlace, LicensePolicy, Overview, Paged, RepositoryDto, ScanDto } from '../../service/contract/api';
import type { Location, ScannerRun, ScanWarning } from '../../service/contract/model';
import type { RepositorySelectionRequest, RepositorySelectionResponse } from '../../service/contract/selection-api';
import type { EventDeliveryDto } from '../../service/contract/events-api';
import { locationText } from '../../service/contract/places';
import type { VigilApi } from '../common/api';
import { COMPLIANCE_PRS, COMPLIANCE_REPOSITORIES, makeCompliancePrDetail, makeComplianceSettings, makeComplianceSummary } from './compliance';
import { locationsOf } from '../common/locations';
import { makeControl, makeControlDetail, makeExemption, makeSummary, EXEMPTED_CONTROL, UNAVAILABLE_CONTROL } from './posture';
import type { CredentialDto, FullOrganizationSettings } from '../../service/contract/settings-api';
import { effectiveScanners, type ScannerFamily } from '../../service/contract/settings-vocabulary';
import { makePullRequestSecurity, makeRequireStatusResults } from './pull-requests';

export const NOW = Date.parse('2025-06-01T12:00:00Z');

const REPOSITORIES: Record<string, { name: string; projectId: string; projectName: string }> = {
  'repo-1': { name: 'payments-api', projectId: 'proj-1', projectName: 'Payments' },
  'repo-2': { name: 'infra', projectId: 'proj-2', projectName: 'Platform' },
};

/** A location's place fields as the service sends them: text from places.ts, a link when given. */
export function placeAt(location: Location, webUrl?: string): Pick<FindingPlace, 'location' | 'locationText' | 'webUrl'> {
  return { location, locationText: locationText(location), webUrl };
}

/** A file at a line in a repository (repo-1 or repo-2), with its link into Azure DevOps. */
export function fileAt(path: string, line: number, repositoryId = 'repo-1'): FindingPlace {
  const repo = REPOSITORIES[repositoryId];
  return {
    repositoryId,
    repositoryName: repo.name,
    projectId: repo.projectId,
    projectName: repo.projectName,
    ...placeAt(
      { kind: 'file', path, line },
      `https://dev.azure.com/contoso/${repo.projectName}/_git/${repo.name}?path=/${path}&line=${line}`,
    ),
  };
}

export function makeFinding(overrides: Partial<FindingDto> = {}): FindingDto {
  return {
    id: 'f-1',
    fingerprint: 'fp-1',
    ruleId: 'SEC-AWS-ACCESS-KEY',
    title: 'AWS access key',
    severity: 'critical',
    category: 'secret',
    confidence: 'high',
    message: 'An AWS access key id and secret key are committed.',
    state: 'open',
    ...fileAt('config/settings.json', 12),
    preview: 'AKIA************MPLE',
    remediation: 'Revoke the key in AWS IAM, then remove it from the repository history.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    firstSeenAt: new Date(NOW - 3 * 3600_000).toISOString(),
    lastSeenAt: new Date(NOW - 600_000).toISOString(),
    ...overrides,
  };
}

/** A location of finding f-1's alert; override to place it elsewhere. */
export function makeLocation(overrides: Partial<FindingLocationDto> = {}): FindingLocationDto {
  return { ...locationsOf(makeFinding())[0], ...overrides };
}

export function makeScannerRun(overrides: Partial<ScannerRun> = {}): ScannerRun {
  return {
    scanner: 'secrets',
    version: '1.4.0',
    category: 'secret',
    status: 'ran',
    filesScanned: 1204,
    filesSkipped: {},
    rulesRun: 247,
    findings: 3,
    results: { pass: 0, notApplicable: 0, notAvailable: 0 },
    warnings: 0,
    durationMs: 1240,
    ...overrides,
  };
}

export function makeWarning(overrides: Partial<ScanWarning> = {}): ScanWarning {
  return { code: 'file-too-large', message: 'Larger than 5 MB; not read.', path: 'assets/video.mp4', scanner: 'secrets', ...overrides };
}

export function makeScan(overrides: Partial<ScanDto> = {}): ScanDto {
  return {
    id: 'scan-1',
    repositoryId: 'repo-1',
    state: 'done',
    trigger: 'manual',
    queuedAt: new Date(NOW - 700_000).toISOString(),
    startedAt: new Date(NOW - 690_000).toISOString(),
    finishedAt: new Date(NOW - 600_000).toISOString(),
    durationMs: 9_500,
    commitSha: '3f2a9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b',
    filesScanned: 412,
    scanners: [],
    warnings: [],
    ...overrides,
  };
}

export function makeRepo(overrides: Partial<RepositoryDto> = {}): RepositoryDto {
  return {
    id: 'repo-1',
    name: 'payments-api',
    projectId: 'proj-1',
    projectName: 'Payments',
    defaultBranch: 'refs/heads/main',
    isDisabled: false,
    isEmpty: false,
    versionControl: 'git',
    scanState: 'done',
    lastScan: makeScan(),
    openFindings: { critical: 1, high: 2, medium: 0, low: 0, info: 0 },
    ...overrides,
  };
}

export const page = <T>(items: T[], nextCursor?: string, total = items.length): Paged<T> => ({ items, total, nextCursor });

export function makeDependency(overrides: Partial<DependencyDto> = {}): DependencyDto {
  return {
    ecosystem: 'npm',
    name: 'lodash',
    version: '4.17.15',
    purl: 'pkg:npm/lodash@4.17.15',
    path: 'package-lock.json',
    line: 87,
    direct: true,
    license: 'MIT',
    dependencyPath: ['lodash'],
    advisories: 2,
    worstSeverity: 'high',
    webUrl: 'https://dev.azure.com/contoso/Payments/_git/payments-api?path=/package-lock.json&line=87',
    ...overrides,
  };
}

export function dependenciesPage(items: DependencyDto[], extra: Partial<DependenciesPage> = {}): DependenciesPage {
  return {
    items,
    total: items.length,
    inventory: { scanId: 'scan-1', commitSha: '3f2a9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b', storedAt: new Date(NOW - 600_000).toISOString(), packageCount: items.length },
    ...extra,
  };
}

/** A vulnerable-dependency finding with its advisory. */
export function makeDepsFinding(overrides: Partial<FindingDto> = {}): FindingDto {
  const location = { kind: 'package' as const, path: 'package-lock.json', line: 123, ecosystem: 'npm' as const, name: 'qs', version: '6.7.0', purl: 'pkg:npm/qs@6.7.0', dependencyPath: ['express', 'body-parser', 'qs'] };
  return makeFinding({
    id: 'f-deps',
    ruleId: 'DEP-VULNERABLE-PACKAGE',
    title: 'qs@6.7.0: qs vulnerable to Prototype Pollution',
    severity: 'high',
    category: 'deps',
    message: 'qs 6.7.0 (npm) is affected by GHSA-hrpp-h998-j3pp, CVE-2022-24999: upgrade to 6.7.3.',
    ...placeAt(location, 'https://dev.azure.com/contoso/Payments/_git/payments-api?path=/package-lock.json&line=123'),
    preview: undefined,
    remediation: 'Upgrade qs to 6.7.3 (through the direct dependency that pulls it in, or an override).',
    helpUri: 'https://osv.dev/vulnerability/GHSA-hrpp-h998-j3pp',
    direct: false,
    advisory: {
      id: 'GHSA-hrpp-h998-j3pp',
      aliases: ['CVE-2022-24999'],
      summary: 'qs vulnerable to Prototype Pollution',
      cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', score: 7.5 },
      fixedVersions: ['6.7.3'],
      upgrade: '6.7.3',
      references: ['https://github.com/advisories/GHSA-hrpp-h998-j3pp'],
    },
    ...overrides,
  });
}

export const DEFAULT_POLICY: LicensePolicy = { mode: 'categories', flag: { 'network-copyleft': 'high', 'strong-copyleft': 'high', unknown: 'low' }, ignoreDevScope: true };

/** A VigilApi whose every method is a jest.fn; override per test. */
/** Every setting at its default, as GET /organization/settings answers for a new organization. */
export function makeSettings(overrides: Partial<FullOrganizationSettings> = {}): FullOrganizationSettings {
  return {
    verifySecrets: false,
    gateSeverity: 'high',
    prComments: true,
    discoveryIntervalHours: null,
    scanIntervalHours: null,
    disabledScanners: [],
    historyRetentionDays: null,
    defaults: { discoveryCron: '0 */8 * * *', discoveryEveryHours: 8, scanIntervalHours: 24 },
    ...overrides,
  };
}

export function makeCredential(overrides: Partial<CredentialDto> = {}): CredentialDto {
  return {
    kind: 'pat',
    actsAs: 'Vigil Scanner',
    connectedBy: 'Ada Admin',
    connectedAt: '2026-11-01T09:00:00.000Z',
    checkedAt: '2026-11-01T09:00:00.000Z',
    postureScopeGaps: [],
    ...overrides,
  };
}

export function fakeApi(overrides: Partial<{ [K in keyof VigilApi]: jest.Mock }> = {}): { [K in keyof VigilApi]: jest.Mock } {
  return {
    me: jest.fn(async () => ({
      user: { id: 'user-0001', displayName: 'Ada Admin' },
      organization: { name: 'contoso', connected: true, id: 'org-1', url: 'https://dev.azure.com/contoso' },
      isOrgAdmin: true,
    })),
    connect: jest.fn(),
    organization: jest.fn(),
    repositories: jest.fn(async () => page([makeRepo()])),
    findings: jest.fn(async () => page([makeFinding()])),
    scans: jest.fn(async () => page([makeScan()])),
    repositoryScans: jest.fn(async () => page([makeScan()])),
    findingGroups: jest.fn(async () => page([])),
    triggerScan: jest.fn(async () => ({ queued: 1, scans: [{ id: 'scan-2', repositoryId: 'repo-1' }] })),
    pullRequestSecurity: jest.fn(async () => makePullRequestSecurity()),
    repositoryGate: jest.fn(async (repositoryId: string) => ({ repositoryId, severity: 'high', source: 'organization' })),
    setRepositoryGate: jest.fn(async (repositoryId: string, severity: string | null) => ({ repositoryId, severity: severity ?? 'high', source: severity ? 'repository' : 'organization' })),
    requireStatusPolicy: jest.fn(async () => makeRequireStatusResults()),
    dismissFinding: jest.fn(async (id: string) => makeFinding({ id, state: 'dismissed' })),
    reopenFinding: jest.fn(async (id: string) => makeFinding({ id, state: 'open' })),
    bulkDismissFindings: jest.fn(async ({ ids }: { ids: string[] }) => ({ results: ids.map((id) => ({ id, outcome: 'dismissed' as const, locations: 1 })), changed: ids.length })),
    bulkReopenFindings: jest.fn(async (ids: string[]) => ({ results: ids.map((id) => ({ id, outcome: 'reopened' as const, locations: 1 })), changed: ids.length })),
    exportFindings: jest.fn(async (_query: unknown, format: 'csv' | 'sarif') => ({ fileName: `vigil-findings.${format}`, contentType: 'text/csv', blob: new Blob(['x']) })),
    organizationSettings: jest.fn(async () => makeSettings()),
    updateOrganizationSettings: jest.fn(async (patch: object) => ({ ...makeSettings(), ...patch })),
    updateScanSettings: jest.fn(async (settings: object) => ({ ...makeSettings(), ...settings })),
    repositoryScanners: jest.fn(async (repositoryId: string) => ({ repositoryId, scanners: effectiveScanners([], null) })),
    setRepositoryScanners: jest.fn(async (repositoryId: string, overrides: Partial<Record<ScannerFamily, boolean>>) => ({ repositoryId, scanners: effectiveScanners([], overrides) })),
    credential: jest.fn(async () => makeCredential()),
    replaceCredential: jest.fn(async () => makeCredential({ replacedAt: '2026-12-07T10:00:00.000Z', replacedBy: 'Ada Admin' })),
    auditLog: jest.fn(async () => ({ items: [], actions: [] })),
    disconnect: jest.fn(async () => undefined),
    dependencies: jest.fn(async () => dependenciesPage([makeDependency()])),
    sbom: jest.fn(async () => ({ fileName: 'payments-api-3f2a9c0d1e2f.cdx.json', contentType: 'application/vnd.cyclonedx+json', blob: new Blob(['{}']) })),
    licensePolicy: jest.fn(async () => ({ policy: DEFAULT_POLICY, isDefault: true })),
    updateLicensePolicy: jest.fn(async (policy: LicensePolicy) => ({ policy, isDefault: false })),
    advisoryStatus: jest.fn(async () => ({ ecosystems: [] })),
    overview: jest.fn(async () => makeOverview()),
    postureSummary: jest.fn(async () => makeSummary()),
    postureControls: jest.fn(async () => ({ items: [makeControl(), EXEMPTED_CONTROL(), UNAVAILABLE_CONTROL()], lastAssessment: makeSummary().lastAssessment })),
    postureControl: jest.fn(async () => makeControlDetail()),
    postureAssessments: jest.fn(async () => page([makeSummary().lastAssessment!, { ...makeSummary().lastAssessment!, id: 'pa-1' }])),
    assessPosture: jest.fn(async () => ({ queued: 1 })),
    createExemption: jest.fn(async (request: { controlId: string; subjectKey: string; expires?: string }) =>
      makeExemption({ ...request, id: 'ex-9', expires: request.expires ?? '2025-07-01' }),
    ),
    revokeExemption: jest.fn(async (id: string) => makeExemption({ id, status: 'revoked' })),
    repositorySelection: jest.fn(async () => makeRepositorySelection()),
    updateRepositorySelection: jest.fn(async ({ confirmDelete: _confirm, ...selection }: RepositorySelectionRequest) => ({ ...makeRepositorySelection(), selection, deleted: { repositories: 0, findings: 0 } })),
    eventDelivery: jest.fn(async () => makeEventDelivery()),
    repairEventDelivery: jest.fn(async () => makeEventDelivery()),
    pipelineTokens: jest.fn(async () => ({ items: [] })),
    createPipelineToken: jest.fn(),
    revokePipelineToken: jest.fn(async () => undefined),
    complianceSummary: jest.fn(async () => makeComplianceSummary()),
    compliancePullRequests: jest.fn(async (q: { emergency?: boolean }) => page(COMPLIANCE_PRS().filter((p) => !q?.emergency || p.outcome === 'exempt'))),
    compliancePullRequest: jest.fn(async (_repo: string, id: number) => makeCompliancePrDetail(COMPLIANCE_PRS().find((p) => p.pullRequestId === id))),
    complianceBranches: jest.fn(async () => ({ items: [] })),
    complianceSettings: jest.fn(async () => makeComplianceSettings()),
    updateComplianceSettings: jest.fn(async (request: object) => makeComplianceSettings(request)),
    complianceRepositories: jest.fn(async () => ({ items: COMPLIANCE_REPOSITORIES() })),
    updateComplianceRepository: jest.fn(async (repositoryId: string, request: object) => ({ ...COMPLIANCE_REPOSITORIES().find((r) => r.repositoryId === repositoryId)!, ...request })),
    exportCompliance: jest.fn(async (_query: unknown, format: 'csv' | 'json') => ({ fileName: `vigil-compliance.${format}`, contentType: 'text/csv', blob: new Blob(['x']) })),
    ...overrides,
  };
}

/** An organization whose events come through service hooks: two subscriptions of one project, one disabled by ADO. */
export function makeEventDelivery(overrides: Partial<EventDeliveryDto> = {}): EventDeliveryDto {
  const sub = (id: string, eventType: string, status: string) => ({ id, eventType, projectId: 'proj-1', projectName: 'Storefront', status, checkedAt: '2025-06-01T10:00:00Z' });
  return {
    mode: 'hooks',
    receiverUrl: 'https://vigil.example.com/hooks/ado/org-1',
    pollMinutes: 5,
    lastEventAt: '2025-06-01T09:58:00Z',
    checkedAt: '2025-06-01T10:00:00Z',
    eventsIgnored: 3,
    subscriptions: [sub('sub-1', 'git.push', 'enabled'), sub('sub-2', 'git.pullrequest.created', 'disabledBySystem')],
    ...overrides,
  };
}

/** A minimal fetch Response (jsdom has no fetch). */
export function fakeResponse(status: number, body: unknown, contentType = 'application/json'): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? contentType : null) },
    text: async () => text,
    json: async () => JSON.parse(text),
  } as unknown as Response;
}

/** An overview of an organization with findings of every severity, a few fixed lately, one scanner not run. */
export function makeOverview(overrides: Partial<Overview> = {}): Overview {
  const trend = Array.from({ length: 30 }, (_, i) => ({
    day: new Date(Date.UTC(2025, 5, 1) + i * 86_400_000).toISOString().slice(0, 10),
    new: i === 29 ? 12 : i % 7 === 0 ? 3 : 0,
    fixed: i % 10 === 5 ? 2 : 0,
  }));
  return {
    open: {
      total: 23,
      bySeverity: { critical: 2, high: 6, medium: 9, low: 5, info: 1 },
      byCategory: { secret: 4, iac: 9, code: 6, deps: 3, license: 1, 'package-risk': 0, posture: 0, compliance: 0 },
    },
    trend,
    meanDaysToFix: 4.5,
    newInWindow: trend.reduce((a, p) => a + p.new, 0),
    fixedInWindow: trend.reduce((a, p) => a + p.fixed, 0),
    topRepositories: [
      { id: 'repo-1', name: 'payments-api', projectId: 'proj-1', projectName: 'Payments', open: 11, worstSeverity: 'critical' },
      { id: 'repo-2', name: 'web-storefront', projectId: 'proj-2', projectName: 'Storefront', open: 8, worstSeverity: 'high' },
    ],
    topRules: [
      { ruleId: 'IAC-TF-AZ-STORAGE-MIN-TLS', title: 'Storage accounts should use TLS 1.2', category: 'iac', severity: 'medium', open: 4 },
      { ruleId: 'SEC-AWS-ACCESS-KEY', title: 'AWS access key', category: 'secret', severity: 'critical', open: 2 },
    ],
    coverage: {
      repositories: { total: 7, scanned: 5, failing: 1, never: 0, skipped: 1, scanning: 0 },
      scanners: [
        { scanner: 'secrets', category: 'secret', ran: 5, notRun: 0, failed: 0 },
        { scanner: 'iac', category: 'iac', ran: 2, notRun: 3, failed: 0 },
      ],
    },
    lastDiscoveryAt: '2025-06-30T08:00:00.000Z',
    ...overrides,
  };
}


/** The selection editor of an organization with two projects and three repositories, every one scanned. */
export function makeRepositorySelection(overrides: Partial<RepositorySelectionResponse> = {}): RepositorySelectionResponse {
  return {
    selection: { mode: 'all-future' },
    projects: [
      { id: 'p-platform', name: 'Platform', repositories: 1 },
      { id: 'p-storefront', name: 'Storefront', repositories: 2 },
    ],
    repositories: [
      { id: 'r-infra', name: 'platform-infra', projectId: 'p-platform', projectName: 'Platform', included: true },
      { id: 'r-payments', name: 'payments-api', projectId: 'p-storefront', projectName: 'Storefront', included: true },
      { id: 'r-web', name: 'web-storefront', projectId: 'p-storefront', projectName: 'Storefront', included: true },
    ],
    ...overrides,
  };
}
