// The /api/v1 wire contract: zod schemas from which the service validates requests (and tests check
// responses) and the hub pages take their types (type-only imports: zod never reaches the bundle).
// Every request carries:
//   Authorization: Bearer <SDK.getAppToken()>          (HS256, verified by the service)
//   X-Vigil-Access-Token: <SDK.getAccessToken()>       (used by the service to ask ADO who the user is)
//   X-Vigil-Org: <SDK.getHost().name>                  (a hint of where to ask; never trusted as identity)
// Errors are RFC 9457 problem+json: { type, title, status, detail, errors? }.
import { z } from 'zod';
import {
  adoObjectLocationSchema,
  categorySchema,
  confidenceSchema,
  evidenceSchema,
  flowStepSchema,
  reasonSchema,
  coverageSchema,
  locationSchema,
  referenceSchema,
  scannerRunSchema,
  scanWarningSchema,
  severitySchema,
  suppressionSchema,
  verificationSchema,
} from './model';
import {
  CATEGORIES,
  CODE_LANGUAGES,
  CONFIDENCES,
  DISMISSAL_REASONS,
  ECOSYSTEMS,
  EXEMPTION_REASONS,
  EXEMPTION_STATUSES,
  FINDING_STATES,
  GATE_SEVERITIES,
  IAC_PLATFORMS,
  isCalendarDate,
  LICENSE_CATEGORIES,
  OUTCOMES,
  POSTURE_AREAS,
  POSTURE_ASSESSMENT_STATES,
  POSTURE_CONTROL_OUTCOMES,
  POSTURE_TRIGGERS,
  SCAN_STATES,
  SCAN_TRIGGERS,
  SEVERITIES,
  VERIFICATION_FILTERS,
} from './vocabulary';

/** A date that exists (no 2025-02-30), YYYY-MM-DD. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a date that exists, YYYY-MM-DD');
const isoTime = z.string();
/**
 * C0 controls (NUL, CR, LF...) and DEL: never part of an ADO id or name, and PostgreSQL refuses NUL in
 * text and JSON. `whitespace` lets tabs and line breaks through (free text).
 */
const hasControl = (v: string, whitespace = false): boolean => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c < 0x20 || c === 0x7f) && !(whitespace && (c === 0x09 || c === 0x0a || c === 0x0d))) return true;
  }
  return false;
};
const id = z
  .string()
  .min(1)
  .max(100)
  .refine((v) => !hasControl(v), 'must not contain control characters (NUL, CR, LF...)');

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** Field-level validation messages. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const pagedSchema = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    /** Opaque; pass back as ?cursor= for the next page. Absent on the last page. */
    nextCursor: z.string().optional(),
  });
export interface Paged<T> {
  items: T[];
  total: number;
  nextCursor?: string;
}

// ---- queries --------------------------------------------------------------------------------------

/** `a,b,c` in a query string -> a validated list. */
const csv = <T extends string>(allowed: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(allowed)))
    .optional();

/** `true` / `false` in a query string. */
const booleanParam = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const repositoriesQuerySchema = pageQuerySchema.extend({ project: id.optional() });
export const scansQuerySchema = pageQuerySchema.extend({ repository: id.optional() });
/** The columns a findings list sorts by: severity, rule id, repository/path, first seen, last seen. */
export const FINDING_SORTS = ['severity', 'rule', 'location', 'firstSeen', 'lastSeen'] as const;
/** Where a finding comes from: Vigil's own scans of default branches, or a pipeline task's run. */
export const FINDING_SOURCES = ['scan', 'pipeline'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];
export const findingsQuerySchema = pageQuerySchema.extend({
  severity: csv(SEVERITIES),
  category: csv(CATEGORIES),
  /** `high,medium`: only findings of these confidences (absent: all). */
  confidence: csv(CONFIDENCES),
  /** Absent: open findings only. */
  state: csv(FINDING_STATES),
  repository: id.optional(),
  project: id.optional(),
  /** 'credential': one item per alert (group), every location in `locations`. */
  group: z.enum(['credential']).optional(),
  /** Secrets by what their provider said; `none`: never verified. Verified live secrets always sort first. */
  verification: csv(VERIFICATION_FILTERS),
  /** Package findings (deps, license, package-risk) of these ecosystems. */
  ecosystem: csv(ECOSYSTEMS),
  /** Package findings by how the package is used: named by the project, or pulled in by another package. */
  dependency: z.enum(['direct', 'transitive']).optional(),
  /** IaC findings from these platforms (terraform, bicep, helm...). */
  platform: csv(IAC_PLATFORMS),
  /** Code findings in these languages (python, javascript, csharp). */
  language: csv(CODE_LANGUAGES),
  /** `true`: findings with a fixed version to upgrade to; `false`: without one. */
  hasFix: booleanParam,
  /** Findings of this rule only (a rule group of the Findings list, expanded). */
  rule: id.optional(),
  /** Words (all of them, case-insensitive) in the title, rule id, path or repository name. */
  q: z
    .string()
    .trim()
    .max(200)
    .refine((v) => !hasControl(v), 'must not contain control characters')
    .optional(),
  /** A column to sort by (absent: verified live secrets, then severity, then last seen). */
  sort: z.enum(FINDING_SORTS).optional(),
  /** With `sort`; absent: descending for severity and times, ascending for rule and location. */
  order: z.enum(['asc', 'desc']).optional(),
  /**
   * `scan` (absent): the findings Vigil's scans track on default branches. `pipeline`: the findings the
   * pipeline task reported, from the latest run of each repository, pipeline and branch (severity,
   * category, confidence, state, repository, project and q apply; sort does not).
   */
  source: z.enum(FINDING_SOURCES).optional(),
});
export type FindingSort = (typeof FINDING_SORTS)[number];

export const FINDING_GROUPINGS = ['rule', 'repository'] as const;
export type FindingGrouping = (typeof FINDING_GROUPINGS)[number];
/** GET /api/v1/findings/groups?by=rule|repository&(the list's filters and q): the groups with their counts. */
export const findingGroupsQuerySchema = findingsQuerySchema.omit({ group: true, sort: true, order: true, source: true }).extend({
  by: z.enum(FINDING_GROUPINGS),
});
export type FindingGroupsQuery = z.input<typeof findingGroupsQuerySchema>;
/** GET /api/v1/repositories/{repoId}/dependencies: the packages of the repository's last scan. */
export const dependenciesQuerySchema = pageQuerySchema.extend({
  ecosystem: csv(ECOSYSTEMS),
  /** `true`: direct dependencies only; `false`: transitive only (packages whose file does not say are neither). */
  direct: booleanParam,
  /** `true`: packages with an open advisory; `false`: without. */
  hasAdvisory: booleanParam,
  /** Part of the package name, case-insensitive. */
  search: z
    .string()
    .trim()
    .max(200)
    .refine((v) => !hasControl(v), 'must not contain control characters')
    .optional(),
});
export type DependenciesQuery = z.input<typeof dependenciesQuerySchema>;
/** What a page sends (before the service applies defaults and splits lists). */
export type RepositoriesQuery = z.input<typeof repositoriesQuerySchema>;
export type ScansQuery = z.input<typeof scansQuerySchema>;

// ---- requests -------------------------------------------------------------------------------------

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guidOf = (what: string) => z.string().trim().regex(GUID, `must be the ${what} of the app registration: a GUID like 00000000-0000-0000-0000-000000000000`);

/** An Entra ID app registration: its tenant and client ids, and a client secret or a certificate (PEM with its private key), not both. */
export const servicePrincipalRequestSchema = z
  .object({
    tenantId: guidOf('Directory (tenant) ID'),
    clientId: guidOf('Application (client) ID'),
    /** The secret's value (not its id); printable ASCII. */
    clientSecret: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(1000)
      .regex(/^[\x21-\x7e]*$/, 'must not contain spaces, line breaks or control characters (give the secret’s value)')
      .optional(),
    /** PEM text holding the certificate and its unencrypted private key. */
    certificate: z
      .string()
      .trim()
      .max(30_000, 'is too long for a certificate and its key')
      .refine((v) => v.includes('-----BEGIN CERTIFICATE-----'), 'must be PEM text with the certificate (-----BEGIN CERTIFICATE-----)')
      .refine((v) => /-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(v), 'must hold the private key too (-----BEGIN PRIVATE KEY-----), in the same PEM')
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.clientSecret === undefined && p.certificate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['clientSecret'], message: 'give a client secret or a certificate' });
    } else if (p.clientSecret !== undefined && p.certificate !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['certificate'], message: 'give a client secret or a certificate, not both' });
    }
  });
export type ServicePrincipalRequest = z.infer<typeof servicePrincipalRequestSchema>;

/** POST /api/v1/organization/connect: with a PAT or with an Entra ID service principal. */
export const connectRequestSchema = z
  .object({
    /** https://dev.azure.com/{org} (or an ADO Server collection URL). */
    organizationUrl: z.url({ protocol: /^https?$/ }).max(300),
    /** Printable ASCII: a PAT has no spaces, line breaks or control characters (it is sent in a header). */
    pat: z
      .string()
      .trim()
      .min(20, 'looks too short for a personal access token')
      .max(500)
      .regex(/^[\x21-\x7e]*$/, 'must not contain spaces, line breaks or control characters')
      .optional(),
    servicePrincipal: servicePrincipalRequestSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.pat === undefined && r.servicePrincipal === undefined) {
      ctx.addIssue({ code: 'custom', path: ['pat'], message: 'give a personal access token (pat) or a service principal (servicePrincipal)' });
    } else if (r.pat !== undefined && r.servicePrincipal !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['servicePrincipal'], message: 'give a personal access token or a service principal, not both' });
    }
  });
export type ConnectRequest = z.infer<typeof connectRequestSchema>;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** PUT /api/v1/findings/:id/dismissal — dismisses every location of the finding's alert. DELETE reopens. */
export const dismissRequestSchema = z.object({
  reason: z.enum(DISMISSAL_REASONS),
  comment: z
    .string()
    .trim()
    .max(1000)
    .refine((v) => !hasControl(v, true), 'must not contain control characters (NUL...) other than tabs and line breaks')
    // A lone UTF-16 surrogate has no UTF-8 form: PostgreSQL would refuse it (a 500, found by the fuzzer).
    .refine((v) => !LONE_SURROGATE.test(v), 'must be valid Unicode text (no unpaired surrogate characters)')
    .optional(),
  /** YYYY-MM-DD, inclusive; after it the alert reopens by itself. */
  expires: isoDate.optional(),
});
export type DismissRequest = z.infer<typeof dismissRequestSchema>;

/** GET /api/v1/organization/settings (any member); PATCH changes them (organization administrators). */
export const organizationSettingsSchema = z.object({
  /**
   * Ask each found secret's provider whether it is live (a harmless "who am I" call to that provider's
   * own host only). Off by default: turning it on sends found secrets to their providers.
   */
  verifySecrets: z.boolean(),
  /** The lowest severity of a new finding that fails the pull-request gate (a repository may override it). */
  gateSeverity: z.enum(GATE_SEVERITIES),
  /** Post one comment thread per new finding on pull requests. */
  prComments: z.boolean(),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;
/** PATCH /api/v1/organization/settings: the settings to change; others keep their value. */
export const organizationSettingsPatchSchema = organizationSettingsSchema.partial().strict();
export type OrganizationSettingsPatch = z.infer<typeof organizationSettingsPatchSchema>;

/** POST /api/v1/scans { repositoryId? } — omit repositoryId to scan every repository. 202 */
/** POST /api/v1/scans: one repository, every repository of one project, or (neither) every repository. */
export const triggerScanRequestSchema = z.object({ repositoryId: id.optional(), projectId: id.optional() });
export type TriggerScanRequest = z.infer<typeof triggerScanRequestSchema>;

// ---- responses ------------------------------------------------------------------------------------

/** GET /api/v1/me */
export const meResponseSchema = z.object({
  user: z.object({ id: z.string(), displayName: z.string() }),
  organization: z.object({ name: z.string(), connected: z.boolean(), id: z.string().optional(), url: z.string().optional() }),
  isOrgAdmin: z.boolean(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** GET /api/v1/organization (and the 201 of connect) */
export const organizationDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  connectedAt: isoTime,
  connectedBy: z.string(),
  /** How Vigil reaches the organization: a PAT, or an Entra ID service principal. */
  credentialKind: z.enum(['pat', 'service-principal']),
  lastDiscoveryAt: isoTime.optional(),
  /** Why the last discovery failed (e.g. the PAT expired); absent after a good one. */
  lastDiscoveryError: z.string().optional(),
  repositoryCount: z.number().int().min(0),
});
export type OrganizationDto = z.infer<typeof organizationDtoSchema>;

export const severityCountsSchema = z.object(
  Object.fromEntries(SEVERITIES.map((s) => [s, z.number().int().min(0)])) as Record<(typeof SEVERITIES)[number], z.ZodNumber>,
);
export type SeverityCounts = z.infer<typeof severityCountsSchema>;

/** What a running scan is doing; a queued scan has no progress yet. */
export const SCAN_PHASES = ['downloading', 'unpacking', 'scanning', 'saving'] as const;
export type ScanPhase = (typeof SCAN_PHASES)[number];

/** A running scan's progress, as its job last reported it (at most every half second and at each phase). */
export const scanProgressSchema = z.object({
  phase: z.enum(SCAN_PHASES),
  /** Files the engine went through; with filesTotal when the source listed them ahead (a full scan's zip). */
  filesDone: z.number().int().min(0),
  filesTotal: z.number().int().min(0).optional(),
  findings: z.number().int().min(0),
  updatedAt: isoTime,
});
export type ScanProgressDto = z.infer<typeof scanProgressSchema>;

/** GET /api/v1/scans?repository=&cursor=&limit= and GET /api/v1/repositories/:id/scans (newest first) */
export const scanDtoSchema = z.object({
  id: z.string(),
  repositoryId: z.string(),
  repositoryName: z.string().optional(),
  commitSha: z.string().optional(),
  state: z.enum(SCAN_STATES),
  trigger: z.enum(SCAN_TRIGGERS),
  queuedAt: isoTime,
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  durationMs: z.number().optional(),
  error: z.string().optional(),
  filesScanned: z.number().int().optional(),
  findingsNew: z.number().int().optional(),
  findingsFixed: z.number().int().optional(),
  findingsOpen: z.number().int().optional(),
  /** Per scanner: ran (with its figures), not run (and why) or failed. */
  scanners: z.array(scannerRunSchema),
  warnings: z.array(scanWarningSchema),
  /**
   * What the scan did not see, by reason; `complete: false` means findings may be missing (a gate
   * reads it). Absent on scans that did not finish and on scans recorded before coverage existed.
   */
  coverage: coverageSchema.optional(),
  /** full: the whole tree was read; incremental: only the files changed since the previous scan. */
  kind: z.enum(['full', 'incremental']).optional(),
  /** While the scan runs. */
  progress: scanProgressSchema.optional(),
});
export type ScanDto = z.infer<typeof scanDtoSchema>;

/**
 * One group of GET /findings/groups: the most severe first, then the largest. `key` is what the list
 * filters by to expand it (?rule= or ?repository=); '' for findings of no repository (posture).
 */
export const findingGroupCountSchema = z.object({
  key: z.string(),
  /** The rule id, or the repository's name. */
  name: z.string(),
  /** By rule: one finding's title and the category. By repository: its project. */
  title: z.string().optional(),
  category: categorySchema.optional(),
  projectName: z.string().optional(),
  count: z.number().int().min(0),
  severities: severityCountsSchema,
});
export type FindingGroupCount = z.infer<typeof findingGroupCountSchema>;

/** GET /api/v1/repositories?project=&cursor=&limit= */
export const repositoryDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  defaultBranch: z.string().optional(),
  webUrl: z.string().optional(),
  isDisabled: z.boolean(),
  isEmpty: z.boolean(),
  /** 'tfvc': a TFVC project's code, listed so that what Vigil does not scan is visible. */
  versionControl: z.enum(['git', 'tfvc']),
  /** Compressed size as ADO reports it; absent when ADO did not say (the list answer often does not). */
  sizeBytes: z.number().int().min(0).optional(),
  /** never: not scanned yet; skipped repos (disabled / empty) stay 'never' with skipReason. */
  scanState: z.enum([...SCAN_STATES, 'never']),
  skipReason: z.string().optional(),
  lastScan: scanDtoSchema.optional(),
  /** Open findings by severity. */
  openFindings: severityCountsSchema,
});
export type RepositoryDto = z.infer<typeof repositoryDtoSchema>;

/** POST /api/v1/scans: 202 */
export const triggerScanResponseSchema = z.object({
  queued: z.number().int().min(0),
  scans: z.array(z.object({ id: z.string(), repositoryId: z.string() })),
});
export type TriggerScanResponse = z.infer<typeof triggerScanResponseSchema>;

/** POST /api/v1/discover: 202. `queued` is 0 when a discovery of the organization was already waiting. */
export const discoverResponseSchema = z.object({ queued: z.number().int().min(0).max(1) });
export type DiscoverResponse = z.infer<typeof discoverResponseSchema>;

export const dismissalDtoSchema = dismissRequestSchema.extend({
  by: z.string(),
  byName: z.string().optional(),
  at: isoTime,
  /** The expiry passed and the alert reopened. */
  expired: z.boolean().optional(),
});
export type DismissalDto = z.infer<typeof dismissalDtoSchema>;

/** Where a finding is: its location, in words and as a link, and the repository or project it belongs to. */
export const findingPlaceSchema = z.object({
  repositoryId: z.string().optional(),
  repositoryName: z.string().optional(),
  projectId: z.string().optional(),
  projectName: z.string().optional(),
  location: locationSchema,
  /** `src/app.ts:42`, `main.tf:12 azurerm_storage_account.logs › min_tls_version`, … (places.ts). */
  locationText: z.string(),
  /** The location in the ADO web UI. */
  webUrl: z.string().optional(),
});
export type FindingPlace = z.infer<typeof findingPlaceSchema>;

/** One place an alert was seen (a secret can sit in several files and repositories). */
export const findingLocationDtoSchema = findingPlaceSchema.extend({
  findingId: z.string(),
  state: z.enum(FINDING_STATES),
  lastSeenAt: isoTime,
});
export type FindingLocationDto = z.infer<typeof findingLocationDtoSchema>;

/** The advisory behind a vulnerable-dependency finding (OSV record facts). */
export const advisoryDtoSchema = z.object({
  /** The OSV id: GHSA-…, PYSEC-…, RUSTSEC-…, GO-… */
  id: z.string(),
  /** Other ids of the same advisory (CVE-…, GHSA-…). */
  aliases: z.array(z.string()),
  summary: z.string(),
  cvss: z.object({ version: z.string(), vector: z.string(), score: z.number() }).optional(),
  /** Versions that remove it, lowest first. */
  fixedVersions: z.array(z.string()),
  /** The smallest version that removes every advisory of the package, when there is one. */
  upgrade: z.string().optional(),
  references: z.array(z.string()),
});
export type AdvisoryDto = z.infer<typeof advisoryDtoSchema>;

/**
 * GET /api/v1/findings?severity=high,critical&category=secret&confidence=high,medium&repository=ID&state=open&project=ID&group=credential&cursor=&limit=
 * With group=credential, one item per alert: every location of one secret value is in `locations`.
 */
export const findingDtoSchema = findingPlaceSchema.extend({
  id: z.string(),
  fingerprint: z.string(),
  ruleId: z.string(),
  title: z.string(),
  severity: severitySchema,
  category: categorySchema,
  confidence: confidenceSchema,
  message: z.string(),
  state: z.enum(FINDING_STATES),
  /** Secrets only: masked preview. */
  preview: z.string().optional(),
  /** 'pipeline' for a finding a pipeline run reported (absent: Vigil's scan). */
  source: z.enum(FINDING_SOURCES).optional(),
  /** source 'pipeline': the run that reported it (read-only: triage happens on the default branch's finding). */
  pipelineRun: z
    .object({
      runId: z.string(),
      pipelineId: z.number().int(),
      pipelineName: z.string().optional(),
      buildId: z.number().int(),
      buildNumber: z.string().optional(),
      /** The build's results page in Azure DevOps. */
      buildUrl: z.string().optional(),
      sourceBranch: z.string().optional(),
      pullRequestId: z.number().int().optional(),
      commitSha: z.string().optional(),
    })
    .optional(),
  remediation: z.string(),
  helpUri: z.string().optional(),
  cwe: z.array(z.string()).optional(),
  references: z.array(referenceSchema).optional(),
  firstSeenAt: isoTime,
  lastSeenAt: isoTime,
  fixedAt: isoTime.optional(),
  commitSha: z.string().optional(),
  /** Why it is suppressed (inline comment or .vigil.yml), when state is 'suppressed'. */
  suppression: suppressionSchema.optional(),
  /** Present when dismissed (or when a dismissal expired). */
  dismissal: dismissalDtoSchema.optional(),
  /** Secrets checked with their provider (organization setting verifySecrets): the latest answer. */
  verification: verificationSchema.optional(),
  /** With group=credential: every location of this alert, this one included. */
  locations: z.array(findingLocationDtoSchema).optional(),
  /** Vulnerable dependencies: the advisory and the way out. */
  advisory: advisoryDtoSchema.optional(),
  /** Package findings: whether the project names the package itself, when the file says. */
  direct: z.boolean().optional(),
  /** Package findings: dev, optional, test… when the file says (absent: a runtime dependency). */
  scope: z.string().optional(),
  /** IaC findings: the platform and resource type, the equivalent Checkov check, the corrected snippet. */
  iac: z
    .object({ platform: z.enum(IAC_PLATFORMS), resourceType: z.string(), checkov: z.string().optional(), fix: z.string().optional() })
    .optional(),
  /**
   * Code findings: the language, the upstream tool's id for the same test (Bandit B602, ESLint
   * no-eval, Security Code Scan SCS0001) and, for taint rules, the flow from source to sink.
   */
  code: z
    .object({
      language: z.enum(CODE_LANGUAGES),
      upstream: z.object({ type: z.enum(['bandit', 'eslint', 'scs']), id: z.string() }).optional(),
      flow: z.array(flowStepSchema).optional(),
    })
    .optional(),
});
export type FindingDto = z.infer<typeof findingDtoSchema>;

// ---- dependencies, SBOM, license policy ----

/** One package of a repository's inventory (its last scan), with its open advisories. */
export const dependencyDtoSchema = z.object({
  ecosystem: z.enum(ECOSYSTEMS),
  name: z.string(),
  /** '' when the file gives only a range (see `declared`). */
  version: z.string(),
  purl: z.string(),
  /** The manifest or lockfile. */
  path: z.string(),
  line: z.number().int().min(1).optional(),
  direct: z.boolean().optional(),
  scope: z.string().optional(),
  declared: z.string().optional(),
  /** As the lockfile records it, else as the registry does; absent when neither says. */
  license: z.string().optional(),
  dependencyPath: z.array(z.string()).optional(),
  /** Open advisories (deps findings) of this package in this file. */
  advisories: z.number().int().min(0),
  /** The worst severity among them. */
  worstSeverity: severitySchema.optional(),
  /** The entry in the ADO web UI. */
  webUrl: z.string().optional(),
});
export type DependencyDto = z.infer<typeof dependencyDtoSchema>;

/** Which scan the inventory comes from. */
export const inventoryDtoSchema = z.object({
  scanId: z.string(),
  commitSha: z.string().optional(),
  storedAt: isoTime,
  packageCount: z.number().int().min(0),
  /** Last re-matched against advisories after a sync, when it was. */
  matchedAt: isoTime.optional(),
});
export type InventoryDto = z.infer<typeof inventoryDtoSchema>;

/** GET /api/v1/repositories/{repoId}/dependencies?ecosystem=&direct=&hasAdvisory=&search=&cursor=&limit= */
export const dependenciesPageSchema = pagedSchema(dependencyDtoSchema).extend({
  /** Absent: the repository was never scanned since dependencies are kept. */
  inventory: inventoryDtoSchema.optional(),
});
export interface DependenciesPage extends Paged<DependencyDto> {
  inventory?: InventoryDto;
}

/** A license as a policy lists it: an SPDX id or expression (MIT, GPL-3.0-only, Apache-2.0 WITH LLVM-exception), a family (AGPL-*) or a raw declaration (UNLICENSED). */
const licenseEntry = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 .+:*()-]*$/, 'must be an SPDX license id or expression such as MIT or GPL-3.0-only, or a family such as AGPL-*');

const flagSetting = z.enum([...SEVERITIES, 'off']);

/** A package the policy lets through whatever its license (a bought license, a legal review). */
const licenseExceptionSchema = z
  .object({
    /** Any ecosystem when absent. */
    ecosystem: z.enum(ECOSYSTEMS).optional(),
    /** Normalised as the extractors do (PEP 503 for PyPI, lower case for NuGet, group:artifact for Maven). */
    name: z.string().trim().min(1).max(500).refine((v) => !hasControl(v), 'must not contain control characters'),
    /** Any version when absent. */
    version: z.string().trim().min(1).max(200).refine((v) => !hasControl(v), 'must not contain control characters').optional(),
    reason: z.string().trim().max(500).refine((v) => !hasControl(v), 'must not contain control characters').optional(),
  })
  .strict();

const policyCommon = {
  /** Packages used only to develop, test or build are not judged. Default true. */
  ignoreDevScope: z.boolean().optional(),
  exceptions: z.array(licenseExceptionSchema).max(500).optional(),
};

/**
 * An organization's license policy (the licenses scanner's LicensePolicy, service/engine/licenses/policy.ts):
 * categories (a severity or off per category; permissive is always allowed), an allow list (anything
 * else flagged `otherwise`), or a deny list (flagged `severity`). GET /api/v1/organization/license-policy
 * (any member) answers { policy, isDefault }; PUT (organization administrators) stores a policy.
 */
export const licensePolicySchema = z.discriminatedUnion('mode', [
  z
    .object({
      mode: z.literal('categories'),
      flag: z
        .object(
          Object.fromEntries(LICENSE_CATEGORIES.filter((c) => c !== 'permissive').map((c) => [c, flagSetting.optional()])) as Record<
            Exclude<(typeof LICENSE_CATEGORIES)[number], 'permissive'>,
            z.ZodOptional<typeof flagSetting>
          >,
        )
        .strict(),
      ...policyCommon,
    })
    .strict(),
  z.object({ mode: z.literal('allow'), allow: z.array(licenseEntry).max(500), otherwise: severitySchema, ...policyCommon }).strict(),
  z.object({ mode: z.literal('deny'), deny: z.array(licenseEntry).max(500), severity: severitySchema, ...policyCommon }).strict(),
]);
export type LicensePolicy = z.infer<typeof licensePolicySchema>;

export const licensePolicyResponseSchema = z.object({
  policy: licensePolicySchema,
  /** True while the organization has not stored a policy of its own. */
  isDefault: z.boolean(),
});
export type LicensePolicyResponse = z.infer<typeof licensePolicyResponseSchema>;

// ---- advisory database (global: the OSV mirror every organization's scans read) ----

/** One ecosystem of the OSV mirror: what it holds and how its last sync went. */
export const advisoryEcosystemStatusSchema = z.object({
  ecosystem: z.string(),
  /** Records held (withdrawn ones excluded). */
  records: z.number().int().min(0),
  lastSyncAt: isoTime.optional(),
  lastSuccessAt: isoTime.optional(),
  /** The newest record's `modified` time. */
  newestRecordAt: isoTime.optional(),
  /** Records the last sync or import skipped (unreadable, too large). */
  warnings: z.number().int().min(0),
  /** Why the last sync failed; absent once a sync succeeds. */
  lastError: z.string().optional(),
});
export type AdvisoryEcosystemStatus = z.infer<typeof advisoryEcosystemStatusSchema>;

/** GET /api/v1/advisories/status (any caller): empty `ecosystems` means no advisory was ever synced or imported. */
export const advisoryStatusResponseSchema = z.object({ ecosystems: z.array(advisoryEcosystemStatusSchema) });
export type AdvisoryStatusResponse = z.infer<typeof advisoryStatusResponseSchema>;

// ---- DevOps posture (service/posture, jobs/assess-posture.ts) ----
// Rights as for findings: organization administrators see everything and make every change; others
// read one project they can see in Azure DevOps (?project=ID), which shows that project's objects only.

/** A PAT scope as the PAT creation page shows it: 'vso.build', 'Build (Read)'. */
export const patScopeSchema = z.object({ scope: z.string(), label: z.string() });
export type PatScope = z.infer<typeof patScopeSchema>;

/** Whether an area of the last snapshot could be read, and if not why (the missing PAT scope named). */
export const postureAreaStatusSchema = z.object({
  area: z.enum(POSTURE_AREAS),
  label: z.string(),
  /** partial: read, but some lists failed (one project's pipelines...): objects may be missing. */
  state: z.enum(['available', 'partial', 'not-available']),
  reason: reasonSchema.optional(),
  /** With reason code missing-scope (and a forbidden that may be one): the scope to add to the PAT. */
  missingScope: patScopeSchema.optional(),
  /** With state partial: what could not be read, in words. */
  partialFailures: z.array(z.object({ what: z.string(), reason: reasonSchema })).optional(),
});
export type PostureAreaStatus = z.infer<typeof postureAreaStatusSchema>;

/**
 * Objects judged, by outcome. `fail` counts open failures only; a failure under an active exemption is
 * `exempted` (never a pass); not-available is never a pass nor a fail.
 */
export const postureCountsSchema = z.object({
  pass: z.number().int().min(0),
  fail: z.number().int().min(0),
  exempted: z.number().int().min(0),
  notApplicable: z.number().int().min(0),
  notAvailable: z.number().int().min(0),
});
export type PostureCounts = z.infer<typeof postureCountsSchema>;

/** Controls by their verdict over every object (POSTURE_CONTROL_OUTCOMES). */
export const postureControlCountsSchema = z.object({
  fail: z.number().int().min(0),
  exempted: z.number().int().min(0),
  notAvailable: z.number().int().min(0),
  pass: z.number().int().min(0),
  notApplicable: z.number().int().min(0),
});
export type PostureControlCounts = z.infer<typeof postureControlCountsSchema>;

/** One changed (control, object) pair between two assessments. */
export const postureChangeSchema = z.object({
  controlId: z.string(),
  title: z.string(),
  subjectKey: z.string(),
  object: adoObjectLocationSchema,
});
export type PostureChange = z.infer<typeof postureChangeSchema>;

/** GET /api/v1/posture/assessments (organization administrators): newest first. */
export const postureAssessmentDtoSchema = z.object({
  id: z.string(),
  trigger: z.enum(POSTURE_TRIGGERS),
  state: z.enum(POSTURE_ASSESSMENT_STATES),
  startedAt: isoTime,
  finishedAt: isoTime.optional(),
  durationMs: z.number().min(0).optional(),
  /** Of the whole assessment, the ADO collection alone. */
  collectMs: z.number().min(0).optional(),
  /** Why it failed (e.g. the credential was refused); areas that could not be read are not failures. */
  error: z.string().optional(),
  controls: z.number().int().min(0),
  counts: postureCountsSchema,
  /** Since the previous assessment: failures that appeared (new or back again) and that were fixed. */
  newFailures: z.number().int().min(0),
  fixed: z.number().int().min(0),
  /** The first of them (at most 100 each); `newFailures`/`fixed` say how many there were. */
  changes: z.object({ newFailures: z.array(postureChangeSchema), fixed: z.array(postureChangeSchema) }),
  areas: z.array(postureAreaStatusSchema),
});
export type PostureAssessmentDto = z.infer<typeof postureAssessmentDtoSchema>;

export const postureAssessmentsQuerySchema = pageQuerySchema;

/** POST /api/v1/posture/assessments (organization administrators): 202. queued 0: one was already waiting or running. */
export const triggerPostureResponseSchema = z.object({ queued: z.number().int().min(0).max(1) });
export type TriggerPostureResponse = z.infer<typeof triggerPostureResponseSchema>;

const freeText = z
  .string()
  .trim()
  .max(1000)
  .refine((v) => !hasControl(v, true), 'must not contain control characters (NUL...) other than tabs and line breaks')
  .refine((v) => !LONE_SURROGATE.test(v), 'must be valid Unicode text (no unpaired surrogate characters)');

/**
 * POST /api/v1/posture/exemptions (organization administrators): exempt one (control, object) pair.
 * `expires` (YYYY-MM-DD, inclusive) defaults by the control's severity (EXEMPTION_DEFAULT_DAYS) and may
 * not be in the past nor more than EXEMPTION_MAX_DAYS ahead. 201 with the exemption; 409 when the pair
 * already has an active one. DELETE /api/v1/posture/exemptions/{id} revokes it (200 with it).
 */
export const createExemptionRequestSchema = z
  .object({
    controlId: z.string().regex(/^ADO-[A-Z0-9]+(?:-[A-Z0-9]+)+$/, 'must be a posture control id (ADO-…)'),
    subjectKey: z.string().min(1).max(128).regex(/^[A-Za-z0-9:._-]+$/, 'must be a subject key from a posture result'),
    reason: z.enum(EXEMPTION_REASONS),
    comment: freeText.optional(),
    expires: isoDate.optional(),
  })
  .strict();
export type CreateExemptionRequest = z.infer<typeof createExemptionRequestSchema>;

export const exemptionDtoSchema = z.object({
  id: z.string(),
  controlId: z.string(),
  subjectKey: z.string(),
  /** The object exempted, as last assessed (absent when no assessment judged it since). */
  object: adoObjectLocationSchema.optional(),
  reason: z.enum(EXEMPTION_REASONS),
  comment: z.string().optional(),
  /** YYYY-MM-DD, inclusive: after that day the exemption lapses and the failure counts again. */
  expires: isoDate,
  /** active; expired (lapsed: the failure is open again); revoked (by an administrator). */
  status: z.enum(EXEMPTION_STATUSES),
  createdBy: z.string(),
  createdByName: z.string().optional(),
  createdAt: isoTime,
  revokedAt: isoTime.optional(),
  revokedBy: z.string().optional(),
});
export type ExemptionDto = z.infer<typeof exemptionDtoSchema>;

/** GET /api/v1/posture/exemptions?status=active,expired&control=ID (organization administrators). */
export const exemptionsQuerySchema = pageQuerySchema.extend({
  status: csv(EXEMPTION_STATUSES),
  control: z.string().max(100).optional(),
});

/** One object a control judged, with why. */
export const postureResultDtoSchema = z.object({
  controlId: z.string(),
  /** Stable identity of the (control, object) pair: what an exemption names. */
  subjectKey: z.string(),
  outcome: z.enum(OUTCOMES),
  /** A fail under an active exemption (`exemption` says which). */
  exempted: z.boolean(),
  exemption: exemptionDtoSchema.optional(),
  object: adoObjectLocationSchema,
  /** The ADO page where the object (or the setting) is changed. */
  webUrl: z.string().optional(),
  projectId: z.string().optional(),
  projectName: z.string().optional(),
  /** For a fail: what is wrong with this object. */
  message: z.string().optional(),
  evidence: z.array(evidenceSchema),
  /** For not-available: why (the missing scope in the text). */
  reason: reasonSchema.optional(),
  /** The finding a fail is stored as (GET /api/v1/findings/{id}). */
  findingId: z.string().optional(),
  firstSeenAt: isoTime.optional(),
  lastSeenAt: isoTime,
});
export type PostureResultDto = z.infer<typeof postureResultDtoSchema>;

/** A control's metadata (the catalog's) with its figures in the asked scope. */
export const postureControlDtoSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: severitySchema,
  area: z.enum(POSTURE_AREAS),
  /** Every area it reads (a combined risk reads several). */
  areas: z.array(z.enum(POSTURE_AREAS)),
  description: z.string(),
  remediation: z.string(),
  helpUri: z.string().optional(),
  references: z.array(referenceSchema),
  outcome: z.enum(POSTURE_CONTROL_OUTCOMES),
  counts: postureCountsSchema,
  /** In GET /posture/controls: the failing objects (exempted ones included, flagged), at most 20; `counts` says how many. */
  failing: z.array(postureResultDtoSchema),
});
export type PostureControlDto = z.infer<typeof postureControlDtoSchema>;

/**
 * GET /api/v1/posture/controls?severity=&area=&outcome=&project=&exempted=
 * outcome filters by the control's verdict; exempted=true: controls with an exempted object,
 * false: controls without one. Every control of the catalog, never paged (about a hundred).
 */
export const postureControlsQuerySchema = z.object({
  severity: csv(SEVERITIES),
  area: csv(POSTURE_AREAS),
  outcome: csv(POSTURE_CONTROL_OUTCOMES),
  project: id.optional(),
  exempted: booleanParam,
});
export type PostureControlsQuery = z.input<typeof postureControlsQuerySchema>;
export const postureControlsResponseSchema = z.object({
  items: z.array(postureControlDtoSchema),
  /** When nothing was assessed yet, items still list every control, with zero counts and outcome not-available. */
  lastAssessment: postureAssessmentDtoSchema.optional(),
});
export type PostureControlsResponse = z.infer<typeof postureControlsResponseSchema>;

/** GET /api/v1/posture/controls/{id}?outcome=&project=&exempted=&cursor=&limit= : the control and every object it judged (paged). */
export const postureControlQuerySchema = pageQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  outcome: csv(OUTCOMES),
  project: id.optional(),
  exempted: booleanParam,
});
export const postureControlDetailSchema = z.object({
  control: postureControlDtoSchema,
  /** Ordered fail, not-available, pass, not-applicable, then by object name. */
  results: pagedSchema(postureResultDtoSchema),
});
export type PostureControlDetail = z.infer<typeof postureControlDetailSchema>;

const postureGroupSchema = z.object({ controls: postureControlCountsSchema, results: postureCountsSchema });

/** GET /api/v1/posture/summary?project=ID */
export const postureSummarySchema = z.object({
  /** Absent: never assessed. */
  lastAssessment: postureAssessmentDtoSchema.optional(),
  /** An assessment is waiting or running. */
  inProgress: z.boolean(),
  totals: postureGroupSchema,
  byArea: z.array(postureGroupSchema.extend({ area: z.enum(POSTURE_AREAS), label: z.string(), status: postureAreaStatusSchema.optional() })),
  bySeverity: z.array(postureGroupSchema.extend({ severity: severitySchema })),
  /** Objects of a project (organization-wide objects are not in any). */
  byProject: z.array(z.object({ projectId: z.string(), projectName: z.string(), results: postureCountsSchema })),
  /** The areas of the last snapshot that could not be read (what the banner names). */
  notAvailableAreas: z.array(postureAreaStatusSchema),
});
export type PostureSummary = z.infer<typeof postureSummarySchema>;

/** In the 201 of POST /organization/connect: each PAT scope a full posture assessment lacks, and the areas it leaves not available. */
export const postureScopeGapSchema = patScopeSchema.extend({ areas: z.array(z.enum(POSTURE_AREAS)) });
export type PostureScopeGap = z.infer<typeof postureScopeGapSchema>;
export const connectResponseSchema = organizationDtoSchema.extend({
  /** Empty: the PAT can read every posture area. */
  postureScopeGaps: z.array(postureScopeGapSchema).optional(),
});
export type ConnectResponse = z.infer<typeof connectResponseSchema>;

// ---- overview ----

export const OVERVIEW_WINDOWS = [30, 90] as const;

/** GET /api/v1/overview?project=ID&days=30|90 */
export const overviewQuerySchema = z.object({
  project: id.optional(),
  days: z.coerce
    .number()
    .int()
    .refine((d) => (OVERVIEW_WINDOWS as readonly number[]).includes(d), { message: `must be one of ${OVERVIEW_WINDOWS.join(', ')}` })
    .default(30),
});

const count = z.number().int().min(0);

/** What an organization (or one project) stands at: open findings, their trend, where they are, what was scanned. */
export const overviewSchema = z.object({
  /** Open findings (dismissed, suppressed and fixed ones excluded). */
  open: z.object({
    total: count,
    bySeverity: z.record(z.enum(SEVERITIES), count),
    byCategory: z.record(z.enum(CATEGORIES), count),
  }),
  /** One point per UTC day of the window, oldest first: findings first seen that day, and fixed that day. */
  trend: z.array(z.object({ day: z.string(), new: count, fixed: count })),
  /** Mean days from first seen to fixed, over the findings fixed in the window; absent when none was. */
  meanDaysToFix: z.number().min(0).optional(),
  fixedInWindow: count,
  newInWindow: count,
  /** The repositories with the most open findings, most first (at most 5). */
  topRepositories: z.array(
    z.object({ id: z.string(), name: z.string(), projectId: z.string(), projectName: z.string(), open: count, worstSeverity: severitySchema }),
  ),
  /** The rules with the most open findings, most first (at most 5). */
  topRules: z.array(z.object({ ruleId: z.string(), title: z.string(), category: categorySchema, severity: severitySchema, open: count })),
  coverage: z.object({
    /** Live repositories: scanned (last scan done), failing (last scan failed or interrupted), never scanned, skipped (disabled, empty…). */
    repositories: z.object({ total: count, scanned: count, failing: count, never: count, skipped: count, scanning: count }),
    /** Per scanner, over the repositories' last completed scans: how many it ran on, did not run on, failed on. */
    scanners: z.array(z.object({ scanner: z.string(), category: categorySchema, ran: count, notRun: count, failed: count })),
  }),
  lastDiscoveryAt: isoTime.optional(),
  lastDiscoveryError: z.string().optional(),
});
export type Overview = z.infer<typeof overviewSchema>;
