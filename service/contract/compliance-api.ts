// The /api/v1 wire contract of pull-request compliance evidence (issue 15): the five change-management
// checks, their outcomes per merged pull request and per production branch, the settings, the collection's
// state and the auditor's export. Same conventions as api.ts (zod schemas; the hub takes type-only imports).
import { z } from 'zod';

/** The five checks, in the order an auditor reads them. Ids are stable (CMP- family). */
export const COMPLIANCE_CHECK_IDS = ['CMP-BRANCH-APPROVAL', 'CMP-PR-APPROVAL', 'CMP-PR-SAST', 'CMP-PR-TESTS', 'CMP-PR-DEPENDENCIES'] as const;
export type ComplianceCheckId = (typeof COMPLIANCE_CHECK_IDS)[number];

export const COMPLIANCE_CHECK_LABELS: Record<ComplianceCheckId, string> = {
  'CMP-BRANCH-APPROVAL': 'Branch requires independent approval',
  'CMP-PR-APPROVAL': 'Independent approval before merge',
  'CMP-PR-SAST': 'SAST before merge',
  'CMP-PR-TESTS': 'Integration testing before merge',
  'CMP-PR-DEPENDENCIES': 'Dependency checks before merge',
};

/**
 * A check's outcome on one subject. `exempt`: the pull request carries the organization's emergency label
 * (listed for after-the-fact review); `not-available`: the evidence is gone or could not be read (never
 * counted as pass or fail); `not-applicable`: not a production branch, or closed before the start date.
 */
export const COMPLIANCE_OUTCOMES = ['pass', 'fail', 'not-applicable', 'exempt', 'not-available'] as const;
export type ComplianceOutcome = (typeof COMPLIANCE_OUTCOMES)[number];
export const COMPLIANCE_OUTCOME_LABELS: Record<ComplianceOutcome, string> = {
  pass: 'Passed',
  fail: 'Failed',
  'not-applicable': 'Not applicable',
  exempt: 'Exempt (emergency)',
  'not-available': 'Not available',
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** A production-branch pattern: a full or short branch name, `*` as a wildcard within a segment, `**` across. */
const branchPattern = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s~^:?[\\]+$/, 'a branch name or pattern such as release/* (no spaces or ~ ^ : ? [ \\)');

/** Names of tasks (timeline task names or ids) and status contexts (genre/name) the org adds to Vigil's lists. */
export const evidenceSourcesSchema = z
  .object({
    sastTasks: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    sastStatuses: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    testTasks: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    testStatuses: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    dependencyTasks: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    dependencyStatuses: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  })
  .strict();
export type EvidenceSources = z.infer<typeof evidenceSourcesSchema>;

/** GET /api/v1/compliance/settings; PUT takes the same fields (all optional). */
export const complianceSettingsDtoSchema = z.object({
  /** Pull requests closed before it are not-applicable. Default: 90 days before connect. */
  startDate: isoDate,
  emergencyLabel: z.string().trim().min(1).max(100),
  /** Production branches besides each repository's default branch, for repositories without their own. */
  branchPatterns: z.array(branchPattern).max(50),
  /** Checks applied to repositories without their own list, including repositories created later. */
  checks: z.array(z.enum(COMPLIANCE_CHECK_IDS)),
  evidenceSources: evidenceSourcesSchema,
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
});
export type ComplianceSettingsDto = z.infer<typeof complianceSettingsDtoSchema>;

export const complianceSettingsRequestSchema = complianceSettingsDtoSchema
  .omit({ updatedAt: true, updatedBy: true })
  // Each list given replaces that list; lists left out stay as they are (no defaults filled in here).
  .extend({ evidenceSources: z.object(Object.fromEntries(Object.keys(evidenceSourcesSchema.shape).map((k) => [k, z.array(z.string().trim().min(1).max(200)).max(100).optional()])) as { [K in keyof EvidenceSources]: z.ZodOptional<z.ZodArray<z.ZodString>> }).strict() })
  .partial()
  .strict();
export type ComplianceSettingsRequest = z.infer<typeof complianceSettingsRequestSchema>;

/** PUT /api/v1/compliance/repositories/:repoId: a repository's own patterns and checks; null follows the organization. */
export const complianceRepositoryRequestSchema = z
  .object({
    branchPatterns: z.array(branchPattern).max(50).nullable(),
    checks: z.array(z.enum(COMPLIANCE_CHECK_IDS)).nullable(),
  })
  .partial()
  .strict();
export type ComplianceRepositoryRequest = z.infer<typeof complianceRepositoryRequestSchema>;

/** One piece of evidence, in words, with a link to where an auditor can see it in ADO. */
export const complianceEvidenceItemSchema = z.object({
  label: z.string(),
  value: z.string(),
  url: z.string().optional(),
  at: z.string().optional(),
});
export type ComplianceEvidenceItem = z.infer<typeof complianceEvidenceItemSchema>;

export const complianceCheckResultDtoSchema = z.object({
  checkId: z.enum(COMPLIANCE_CHECK_IDS),
  outcome: z.enum(COMPLIANCE_OUTCOMES),
  /** One sentence: why this outcome. */
  message: z.string().optional(),
  /** Set for not-available and not-applicable. */
  reason: z.string().optional(),
  evidence: z.array(complianceEvidenceItemSchema),
});
export type ComplianceCheckResultDto = z.infer<typeof complianceCheckResultDtoSchema>;

/** A merged pull request with its outcomes (list row); `checks` holds the PR checks in COMPLIANCE_CHECK_IDS order. */
export const compliancePullRequestDtoSchema = z.object({
  projectId: z.string(),
  projectName: z.string().optional(),
  repositoryId: z.string(),
  repositoryName: z.string().optional(),
  pullRequestId: z.number().int(),
  title: z.string().optional(),
  url: z.string().optional(),
  author: z.string().optional(),
  targetRef: z.string(),
  closedAt: z.string(),
  labels: z.array(z.string()),
  /** The worst outcome of its checks: fail > not-available > exempt > pass > not-applicable. */
  outcome: z.enum(COMPLIANCE_OUTCOMES),
  checks: z.array(complianceCheckResultDtoSchema),
});
export type CompliancePullRequestDto = z.infer<typeof compliancePullRequestDtoSchema>;

/** A production branch of a repository and the branch check's outcome on it. */
export const complianceBranchDtoSchema = z.object({
  projectId: z.string(),
  repositoryId: z.string(),
  repositoryName: z.string().optional(),
  branch: z.string(),
  result: complianceCheckResultDtoSchema,
});
export type ComplianceBranchDto = z.infer<typeof complianceBranchDtoSchema>;

/** Per check over the period: counts by outcome and the pass rate (pass / (pass + fail); null when both are 0). */
export const complianceCheckSummarySchema = z.object({
  checkId: z.enum(COMPLIANCE_CHECK_IDS),
  counts: z.record(z.enum(COMPLIANCE_OUTCOMES), z.number().int()),
  passRate: z.number().min(0).max(1).nullable(),
});
export type ComplianceCheckSummary = z.infer<typeof complianceCheckSummarySchema>;

export const COLLECTION_STATES = ['never', 'running', 'done', 'failed'] as const;

/** GET /api/v1/compliance/summary?from=&to=&project=&repository= */
export const complianceSummaryDtoSchema = z.object({
  from: isoDate,
  to: isoDate,
  pullRequests: z.number().int(),
  checks: z.array(complianceCheckSummarySchema),
  emergency: z.number().int(),
  /** The production branches' CMP-BRANCH-APPROVAL outcomes now (not bound to the period). */
  branches: z.record(z.enum(COMPLIANCE_OUTCOMES), z.number().int()).optional(),
  collection: z.object({
    state: z.enum(COLLECTION_STATES),
    collectedFrom: z.string().optional(),
    finishedAt: z.string().optional(),
    pullRequests: z.number().int(),
    error: z.string().optional(),
    warnings: z.array(z.string()),
  }),
});
export type ComplianceSummaryDto = z.infer<typeof complianceSummaryDtoSchema>;

// ---- queries and the reads the hub needs (CMP-SURFACES) -------------------------------------------------

/** A real calendar day (2026-02-30 is refused). */
const calendarDay = isoDate.refine((d) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
}, 'not a calendar day');
const listOf = <T extends string>(allowed: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(allowed)))
    .optional();
const queryId = z
  .string()
  .min(1)
  .max(100)
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'must not contain control characters');

/**
 * The period and scope every compliance read shares: closed between `from` and `to` (days, UTC, both
 * included; `to` defaults to today, `from` to the organization's start date), in one project or repository.
 * `check` and `outcome` narrow the pull requests: with `check`, that check's outcome; without, the pull
 * request's overall outcome. `emergency=true`: only pull requests exempted by the emergency label.
 */
export const complianceScopeQuerySchema = z.object({
  from: calendarDay.optional(),
  to: calendarDay.optional(),
  project: queryId.optional(),
  repository: queryId.optional(),
});
export const complianceFilterQuerySchema = complianceScopeQuerySchema.extend({
  check: listOf(COMPLIANCE_CHECK_IDS),
  outcome: listOf(COMPLIANCE_OUTCOMES),
  emergency: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const compliancePullRequestsQuerySchema = complianceFilterQuerySchema.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CompliancePullRequestsQuery = z.input<typeof compliancePullRequestsQuerySchema>;

/** GET /compliance/export?format=csv|json[&sheet=summary]: every pull request of the filtered period. */
export const complianceExportQuerySchema = complianceFilterQuerySchema.extend({
  format: z.enum(['csv', 'json']),
  /** CSV only: `summary` answers the summary sheet alone; absent, the CSV holds the pull requests then the summary. */
  sheet: z.enum(['pull-requests', 'summary']).optional(),
});

/** GET /compliance/pull-requests/:repoId/:pullRequestId: the list row plus what was recorded. */
export const compliancePullRequestDetailDtoSchema = compliancePullRequestDtoSchema.extend({
  sourceRef: z.string().optional(),
  collectedAt: z.string().optional(),
  reviewers: z.array(z.object({ name: z.string(), vote: z.number().int(), isContainer: z.boolean().optional() })),
  builds: z.array(z.object({ buildId: z.number().int(), name: z.string().optional(), result: z.string().optional(), url: z.string().optional(), gone: z.boolean().optional() })),
  statuses: z.array(z.object({ context: z.string(), state: z.string(), url: z.string().optional() })),
  /** What ADO could not give (the checks that needed it say not-available). */
  unavailable: z.array(z.object({ facet: z.string(), reason: z.string() })),
});
export type CompliancePullRequestDetailDto = z.infer<typeof compliancePullRequestDetailDtoSchema>;

/** GET /compliance/repositories: each repository with its own patterns and checks (null: the organization's). */
export const complianceRepositoryDtoSchema = z.object({
  repositoryId: z.string(),
  repositoryName: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  defaultBranch: z.string().optional(),
  branchPatterns: z.array(z.string()).nullable(),
  checks: z.array(z.enum(COMPLIANCE_CHECK_IDS)).nullable(),
});
export type ComplianceRepositoryDto = z.infer<typeof complianceRepositoryDtoSchema>;
