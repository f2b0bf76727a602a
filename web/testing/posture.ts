// Posture test data for the web component tests (jsdom): contoso assessed, three controls (failing,
// exempted, not available), one area the PAT could not read. Not part of any page bundle.
import type {
  ExemptionDto,
  PostureAreaStatus,
  PostureAssessmentDto,
  PostureControlCounts,
  PostureControlDetail,
  PostureControlDto,
  PostureCounts,
  PostureResultDto,
  PostureSummary,
} from '../../service/contract/api';
import type { AdoObjectLocation } from '../../service/contract/model';
import { POSTURE_AREA_LABELS, type PostureArea } from '../../service/contract/vocabulary';

/** The same instant as fixtures.ts NOW (kept apart so the two modules do not import each other). */
const AT = Date.parse('2025-06-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(AT - h * 3600_000).toISOString();

export const counts = (c: Partial<PostureCounts> = {}): PostureCounts => ({ pass: 0, fail: 0, exempted: 0, notApplicable: 0, notAvailable: 0, ...c });
export const controlCounts = (c: Partial<PostureControlCounts> = {}): PostureControlCounts => ({
  fail: 0,
  exempted: 0,
  notAvailable: 0,
  pass: 0,
  notApplicable: 0,
  ...c,
});

export const STOREFRONT = { id: 'proj-1', name: 'Storefront' };

export function adoObject(overrides: Partial<AdoObjectLocation> = {}): AdoObjectLocation {
  return {
    kind: 'ado-object',
    objectKind: 'service-connection',
    id: 'sc-1',
    name: 'prod-arm',
    project: STOREFRONT,
    url: 'https://dev.azure.com/contoso/Storefront/_settings/adminservices?resourceId=sc-1',
    ...overrides,
  };
}

export const AUDIT_NOT_AVAILABLE: PostureAreaStatus = {
  area: 'audit',
  label: POSTURE_AREA_LABELS.audit,
  state: 'not-available',
  reason: { code: 'missing-scope', text: 'The PAT lacks the Audit Log (Read) scope (vso.auditlog).' },
  missingScope: { scope: 'vso.auditlog', label: 'Audit Log (Read)' },
};

export function makeAssessment(overrides: Partial<PostureAssessmentDto> = {}): PostureAssessmentDto {
  return {
    id: 'pa-2',
    trigger: 'schedule',
    state: 'done',
    startedAt: new Date(AT - 2 * 3600_000 - 12_400).toISOString(),
    finishedAt: hoursAgo(2),
    durationMs: 12_400,
    controls: 3,
    counts: counts({ fail: 2, exempted: 1, pass: 4, notAvailable: 1 }),
    newFailures: 1,
    fixed: 1,
    changes: {
      newFailures: [{ controlId: 'ADO-SC-OPEN-TO-ALL', title: 'Service connection open to all pipelines', subjectKey: 'sc:sc-1', object: adoObject() }],
      fixed: [
        {
          controlId: 'ADO-REPO-MIN-REVIEWERS',
          title: 'Default branch requires two reviewers',
          subjectKey: 'repo:r-2',
          object: adoObject({ objectKind: 'repository', id: 'r-2', name: 'payments-api', url: undefined }),
        },
      ],
    },
    areas: [AUDIT_NOT_AVAILABLE],
    ...overrides,
  };
}

export function makeExemption(overrides: Partial<ExemptionDto> = {}): ExemptionDto {
  return {
    id: 'ex-1',
    controlId: 'ADO-SC-OPEN-TO-ALL',
    subjectKey: 'sc:sc-2',
    reason: 'will-fix-later',
    comment: 'Moving to per-pipeline authorization in sprint 12.',
    expires: '2025-06-30',
    status: 'active',
    createdBy: 'user-0001',
    createdByName: 'Ada Admin',
    createdAt: hoursAgo(48),
    ...overrides,
  };
}

export function makeResult(overrides: Partial<PostureResultDto> = {}): PostureResultDto {
  return {
    controlId: 'ADO-SC-OPEN-TO-ALL',
    subjectKey: 'sc:sc-1',
    outcome: 'fail',
    exempted: false,
    object: adoObject(),
    webUrl: 'https://dev.azure.com/contoso/Storefront/_settings/adminservices?resourceId=sc-1&_a=security',
    projectId: STOREFRONT.id,
    projectName: STOREFRONT.name,
    message: 'Every pipeline of Storefront can use prod-arm without being authorized.',
    evidence: [
      { label: 'Open to all pipelines', value: true },
      { label: 'Scope', value: 'Subscription 1f0c…' },
    ],
    firstSeenAt: hoursAgo(26),
    lastSeenAt: hoursAgo(2),
    ...overrides,
  };
}

export function makeControl(overrides: Partial<PostureControlDto> = {}): PostureControlDto {
  return {
    id: 'ADO-SC-OPEN-TO-ALL',
    title: 'Service connection open to all pipelines',
    severity: 'high',
    area: 'serviceConnections',
    areas: ['serviceConnections'],
    description: 'A service connection every pipeline may use lets any pipeline author deploy with its identity.',
    remediation: 'Project settings > Service connections > the connection > Security: turn off "Grant access permission to all pipelines", then authorize the pipelines that need it.',
    helpUri: 'https://learn.microsoft.com/azure/devops/pipelines/library/service-endpoints',
    references: [
      { type: 'azsk', id: 'ADO_ServiceConnection_DP_Dont_Grant_All_Pipelines_Access' },
      { type: 'defender', id: 'ab2f0a9e-…' },
      { type: 'owasp-cicd', id: 'CICD-SEC-2', url: 'https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-02-Inadequate-Identity-And-Access-Management' },
    ],
    outcome: 'fail',
    counts: counts({ fail: 1, exempted: 1, pass: 2 }),
    failing: [makeResult(), exemptedResult()],
    ...overrides,
  };
}

export function exemptedResult(): PostureResultDto {
  return makeResult({
    subjectKey: 'sc:sc-2',
    exempted: true,
    exemption: makeExemption(),
    object: adoObject({ id: 'sc-2', name: 'staging-arm', url: 'https://dev.azure.com/contoso/Storefront/_settings/adminservices?resourceId=sc-2' }),
    webUrl: undefined,
    message: 'Every pipeline of Storefront can use staging-arm without being authorized.',
  });
}

export const EXEMPTED_CONTROL = (): PostureControlDto =>
  makeControl({
    id: 'ADO-VG-SECRETS-OPEN',
    title: 'Variable group with secrets open to all pipelines',
    severity: 'medium',
    area: 'variableGroups',
    areas: ['variableGroups'],
    outcome: 'exempted',
    counts: counts({ exempted: 1, pass: 1 }),
    failing: [],
    references: [{ type: 'azsk', id: 'ADO_VariableGroup_DP_Secrets_Open' }],
  });

export const UNAVAILABLE_CONTROL = (): PostureControlDto =>
  makeControl({
    id: 'ADO-ORG-AUDIT-STREAM',
    title: 'Audit events are streamed out of the organization',
    severity: 'medium',
    area: 'audit',
    areas: ['audit'],
    outcome: 'not-available',
    counts: counts({ notAvailable: 1 }),
    failing: [],
    references: [{ type: 'owasp-cicd', id: 'CICD-SEC-10' }],
  });

export function makeControlDetail(control: PostureControlDto = makeControl(), results?: PostureResultDto[]): PostureControlDetail {
  const items = results ?? [
    ...control.failing,
    makeResult({ subjectKey: 'sc:sc-3', outcome: 'pass', object: adoObject({ id: 'sc-3', name: 'dev-arm' }), message: undefined, evidence: [] }),
    makeResult({ subjectKey: 'sc:sc-4', outcome: 'pass', object: adoObject({ id: 'sc-4', name: 'test-arm' }), message: undefined, evidence: [] }),
  ];
  return { control, results: { items, total: items.length } };
}

const area = (a: PostureArea, controls: Partial<PostureControlCounts>, status?: PostureAreaStatus) => ({
  area: a,
  label: POSTURE_AREA_LABELS[a],
  controls: controlCounts(controls),
  results: counts(),
  ...(status ? { status } : {}),
});

export function makeSummary(overrides: Partial<PostureSummary> = {}): PostureSummary {
  return {
    lastAssessment: makeAssessment(),
    inProgress: false,
    totals: { controls: controlCounts({ fail: 1, exempted: 1, notAvailable: 1 }), results: counts({ fail: 1, exempted: 2, pass: 3, notAvailable: 1 }) },
    byArea: [
      area('serviceConnections', { fail: 1 }),
      area('variableGroups', { exempted: 1 }),
      area('audit', { notAvailable: 1 }, AUDIT_NOT_AVAILABLE),
    ],
    bySeverity: [],
    byProject: [{ projectId: STOREFRONT.id, projectName: STOREFRONT.name, results: counts({ fail: 1, exempted: 2, pass: 3 }) }],
    notAvailableAreas: [AUDIT_NOT_AVAILABLE],
    ...overrides,
  };
}

/** Never assessed: every control listed, zero counts, not available (what the service answers). */
export function neverAssessedSummary(): PostureSummary {
  return makeSummary({ lastAssessment: undefined, totals: { controls: controlCounts(), results: counts() }, byArea: [], byProject: [], notAvailableAreas: [] });
}
