// The one finding and outcome model every family shares (engine, store, API, web). zod schemas,
// so the service validates what crosses its edges and everyone else types from them; no Node types.
import { z } from 'zod';
import {
  ADO_OBJECT_KINDS,
  CATEGORIES,
  CONFIDENCES,
  COVERAGE_REASONS,
  ECOSYSTEMS,
  MAX_COVERAGE_EXAMPLES,
  NOT_AVAILABLE_REASONS,
  OUTCOMES,
  REFERENCE_TYPES,
  SCANNER_STATUSES,
  SEVERITIES,
  SUPPRESSION_KINDS,
  VERIFICATION_STATES,
} from './vocabulary';

export const severitySchema = z.enum(SEVERITIES);
export const categorySchema = z.enum(CATEGORIES);
export const confidenceSchema = z.enum(CONFIDENCES);
export const outcomeSchema = z.enum(OUTCOMES);

const line = z.number().int().min(1);
const column = z.number().int().min(1);
/** Repository-relative POSIX path, no leading slash. */
const repoPath = z.string().min(1).max(4096);

/** A place in a file: a secret, a code finding. */
export const fileLocationSchema = z.object({
  kind: z.literal('file'),
  path: repoPath,
  line,
  column: column.optional(),
  endLine: line.optional(),
  endColumn: column.optional(),
  /** Hash of the flagged snippet, when the family keeps one (never the snippet itself). */
  snippetHash: z.string().max(128).optional(),
});

/** An attribute of a resource in an IaC file: `azurerm_storage_account.logs` -> `min_tls_version`. */
export const resourceLocationSchema = z.object({
  kind: z.literal('resource'),
  path: repoPath,
  line,
  column: column.optional(),
  endLine: line.optional(),
  /** e.g. `azurerm_storage_account.logs`, `Deployment/default/web`, `AWS::S3::Bucket Logs`. */
  address: z.string().min(1).max(1000),
  /** Dotted attribute path inside the resource, e.g. `site_config.min_tls_version`. */
  attribute: z.string().max(1000).optional(),
  /** The value the rule evaluated, when it is a literal worth showing (never a secret). */
  value: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]).optional(),
});

/** A package in a manifest or lockfile. */
export const packageLocationSchema = z.object({
  kind: z.literal('package'),
  /** The manifest or lockfile. */
  path: repoPath,
  line: line.optional(),
  ecosystem: z.enum(ECOSYSTEMS),
  name: z.string().min(1).max(500),
  version: z.string().max(200),
  purl: z.string().max(1000).optional(),
  /** From a direct dependency down to this package, names only. */
  dependencyPath: z.array(z.string().max(500)).max(100).optional(),
});

/** An Azure DevOps object: a pipeline, a service connection, a pull request... */
export const adoObjectLocationSchema = z.object({
  kind: z.literal('ado-object'),
  objectKind: z.enum(ADO_OBJECT_KINDS),
  id: z.string().min(1).max(500),
  name: z.string().max(500),
  project: z.object({ id: z.string(), name: z.string() }).optional(),
  /** Deep link into Azure DevOps. */
  url: z.string().url().optional(),
});

export const locationSchema = z.discriminatedUnion('kind', [
  fileLocationSchema,
  resourceLocationSchema,
  packageLocationSchema,
  adoObjectLocationSchema,
]);

export type FileLocation = z.infer<typeof fileLocationSchema>;
export type ResourceLocation = z.infer<typeof resourceLocationSchema>;
export type PackageLocation = z.infer<typeof packageLocationSchema>;
export type AdoObjectLocation = z.infer<typeof adoObjectLocationSchema>;
export type Location = z.infer<typeof locationSchema>;

/** A cross-reference to another catalog: `{type: 'checkov', id: 'CKV_AZURE_35'}`. */
export const referenceSchema = z.object({
  type: z.enum(REFERENCE_TYPES),
  id: z.string().min(1).max(200),
  url: z.string().url().optional(),
});
export type Reference = z.infer<typeof referenceSchema>;

/** Metadata every rule, control and check carries (ARCHITECTURE.md "one shape"). */
export const ruleMetaSchema = z.object({
  /** Stable, family-prefixed id: SEC-…, IAC-TF-…, CODE-PY-…, ADO-ORG-…, CMP-… */
  id: z.string().regex(/^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/),
  title: z.string().min(1),
  severity: severitySchema,
  confidence: confidenceSchema,
  category: categorySchema,
  description: z.string().min(1),
  remediation: z.string().min(1),
  /** A corrected snippet (IaC, code), shown beside the remediation text. */
  remediationSnippet: z.string().optional(),
  helpUri: z.string().url().optional(),
  tags: z.array(z.string()).optional(),
  /** e.g. ['CWE-798'] */
  cwe: z.array(z.string().regex(/^CWE-\d+$/)).optional(),
  references: z.array(referenceSchema).optional(),
});
export type RuleMeta = z.infer<typeof ruleMetaSchema>;

export const suppressionSchema = z.object({
  kind: z.enum(SUPPRESSION_KINDS),
  reason: z.string(),
  /** YYYY-MM-DD; present when the suppression expires. */
  expires: z.string().optional(),
});
export type Suppression = z.infer<typeof suppressionSchema>;

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One piece of evidence behind a result: "Minimum reviewers: 1", a link to the build. */
export const evidenceSchema = z.object({
  label: z.string().max(200),
  value: z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]).optional(),
  url: z.string().url().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/**
 * One step of a code finding's data flow: where untrusted data enters (the source), passes, and is
 * used (the sink, the finding's own location). Same file as the finding unless `path` says otherwise.
 */
export const flowStepSchema = z.object({
  path: repoPath.optional(),
  line,
  column: column.optional(),
  /** "request.args['q']", "query = … + q", "cursor.execute(query)" */
  label: z.string().max(300),
});
export type FlowStep = z.infer<typeof flowStepSchema>;

/** Family-specific fields of a finding, kept apart from the columns every family has. */
export const findingDetailsSchema = z.object({
  /**
   * Secrets: the masked preview. `hash` (the salted hash) is in rows stored before the group key
   * (`secret:<hash>`) became its one place; nothing writes or reads it now. Neither leaves the service.
   */
  secret: z.object({ preview: z.string().max(200), hash: z.string().max(128).optional() }).optional(),
  evidence: z.array(evidenceSchema).max(50).optional(),
  /** Code findings from taint rules: source first, sink last. */
  flow: z.array(flowStepSchema).max(50).optional(),
  /** Anything else a family keeps (evaluated keys, advisory aliases...). */
  extra: z.record(z.string(), jsonValue).optional(),
});
export type FindingDetails = z.infer<typeof findingDetailsSchema>;

/**
 * A secret checked with its provider (service/verify): the state, when, and a short word: for a
 * verified secret who it belongs to when that is harmless to show (a login, an account), otherwise
 * why it is invalid or unknown. Never the secret.
 */
export const verificationSchema = z.object({
  state: z.enum(VERIFICATION_STATES),
  /** ISO time of the check. */
  at: z.string().max(40),
  /** The provider asked, e.g. "GitHub". */
  provider: z.string().max(100),
  detail: z.string().max(200).optional(),
});
export type Verification = z.infer<typeof verificationSchema>;

/** A rule that failed on one object: what the engine, posture and compliance report. */
export const findingSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity: severitySchema,
  category: categorySchema,
  confidence: confidenceSchema,
  /** Human-readable; never contains a secret value. */
  message: z.string(),
  location: locationSchema,
  /**
   * Stable identity across scans: survives line shifts (never includes the line number).
   * Secrets: hash(ruleId, path, secretHash).
   */
  fingerprint: z.string().min(1).max(128),
  /**
   * Findings that are one thing to fix share a group (one credential in several files and
   * repositories). Absent: the finding is its own group.
   */
  groupKey: z.string().max(200).optional(),
  details: findingDetailsSchema.optional(),
  remediation: z.string(),
  helpUri: z.string().optional(),
  cwe: z.array(z.string()).optional(),
  /** Set when an inline comment or .vigil.yml entry suppresses it (still reported, flagged). */
  suppressed: suppressionSchema.optional(),
  /** Secrets, when verification ran (never by the engine itself): what the provider said. */
  verification: verificationSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** Why a result is not available, for a person and for a filter. */
export const reasonSchema = z.object({
  code: z.enum(NOT_AVAILABLE_REASONS),
  text: z.string().max(2000),
});
export type Reason = z.infer<typeof reasonSchema>;

/**
 * The outcome of one rule on one object, when it is not a finding: pass, not applicable, not
 * available (with its reason). Kept so a page can say "12 passed, 3 not available".
 */
export const ruleResultSchema = z.object({
  ruleId: z.string(),
  category: categorySchema,
  outcome: outcomeSchema.exclude(['fail']),
  location: locationSchema,
  /** Stable identity of the evaluated object for this rule (like a finding's fingerprint). */
  subjectKey: z.string().min(1).max(128),
  reason: reasonSchema.optional(),
  evidence: z.array(evidenceSchema).max(50).optional(),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

export const scanWarningSchema = z.object({
  /** Machine-readable: 'file-too-large', 'binary', 'parse-error', 'timeout', 'zip-entry-rejected', … */
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
  scanner: z.string().optional(),
});
export type ScanWarning = z.infer<typeof scanWarningSchema>;

/** Per-scanner figures of one scan: what it looked at, what it skipped and why, what it found. */
export const scannerRunSchema = z.object({
  scanner: z.string(),
  version: z.string(),
  category: categorySchema,
  status: z.enum(SCANNER_STATUSES),
  /** Why it did not run or failed. */
  reason: z.object({ code: z.string(), text: z.string() }).optional(),
  /** Files it was handed (or read, for project scanners). */
  filesScanned: z.number().int().min(0),
  /** Files it wanted but did not get, by reason code ('file-too-large', 'binary', 'unreadable'). */
  filesSkipped: z.record(z.string(), z.number().int().min(0)),
  rulesRun: z.number().int().min(0),
  findings: z.number().int().min(0),
  /** Outcomes other than fail. */
  results: z.object({ pass: z.number().int().min(0), notApplicable: z.number().int().min(0), notAvailable: z.number().int().min(0) }),
  warnings: z.number().int().min(0),
  durationMs: z.number().min(0),
});
export type ScannerRun = z.infer<typeof scannerRunSchema>;

export const scanStatsSchema = z.object({
  filesSeen: z.number().int().min(0),
  filesScanned: z.number().int().min(0),
  filesSkipped: z.number().int().min(0),
  bytesScanned: z.number().int().min(0),
  durationMs: z.number().min(0),
});
export type ScanStats = z.infer<typeof scanStatsSchema>;

/** Files skipped for one reason: how many, the limit that caused it (when one did), a few of them. */
export const coverageSkipSchema = z.object({
  reason: z.enum(COVERAGE_REASONS),
  count: z.number().int().min(1),
  /** In the unit of the reason: bytes, files, folders, or the ratio (uncompressed / compressed). */
  limit: z.number().min(0).optional(),
  /** The first paths skipped for this reason (zip entry names as stored), at most MAX_COVERAGE_EXAMPLES. */
  examples: z.array(z.string().max(4096)).max(MAX_COVERAGE_EXAMPLES),
});
export type CoverageSkip = z.infer<typeof coverageSkipSchema>;

/**
 * What a scan did not see. `complete` is false when a file some scanner would read was skipped or
 * scanned only in part for any reason but those of COVERAGE_INFO_REASONS (vocabulary.ts): a gate
 * must not call such a repository clean.
 */
export const coverageSchema = z.object({
  complete: z.boolean(),
  skipped: z.array(coverageSkipSchema),
});
export type Coverage = z.infer<typeof coverageSchema>;
