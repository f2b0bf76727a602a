// The words every layer shares, defined once: severities, categories, outcomes, states, dismissal
// reasons, reference kinds and ADO object kinds, with the labels pages show. Plain data with no
// dependency at all, so the hub pages import it at run time without pulling in zod.

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** 0 is the most severe. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);
export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
/** The severities a pull-request gate can fail at ('info' never blocks a merge); default high. */
export const GATE_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type GateSeverity = (typeof GATE_SEVERITIES)[number];
export const DEFAULT_GATE_SEVERITY: GateSeverity = 'high';

/**
 * How sure a rule is that a finding is real. Secrets: high = provider-specific, with a distinctive
 * prefix or a checksum; medium = keyed (a value assigned to a name that says what it is, generic
 * password/secret/token assignments included); low = entropy only.
 */
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
/** 0 is the most confident. */
export const confidenceRank = (c: Confidence): number => CONFIDENCES.indexOf(c);
export const CONFIDENCE_LABELS: Record<Confidence, string> = { high: 'High', medium: 'Medium', low: 'Low' };
export const CONFIDENCE_DESCRIPTIONS: Record<Confidence, string> = {
  high: 'Recognised by its provider-specific format (a distinctive prefix or a checksum).',
  medium: 'Recognised by the name it is assigned to or the structure around it.',
  low: 'Recognised by its randomness alone: check what it is.',
};
/** What gates count by default (the CLI's --fail-on, a PR status): medium and above; low only when asked. */
export const GATE_MIN_CONFIDENCE: Confidence = 'medium';
/** True when `c` is `min` or more confident. */
export const meetsConfidence = (c: Confidence, min: Confidence): boolean => confidenceRank(c) <= confidenceRank(min);

/** What a rule, control or check is about; one per family of the catalog. */
export const CATEGORIES = ['secret', 'iac', 'code', 'deps', 'license', 'package-risk', 'posture', 'compliance'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The languages the code family reads (javascript covers TypeScript, JSX and TSX). */
export const CODE_LANGUAGES = ['python', 'javascript', 'csharp'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];
export const CODE_LANGUAGE_LABELS: Record<CodeLanguage, string> = { python: 'Python', javascript: 'JavaScript/TypeScript', csharp: 'C#' };
export const CATEGORY_LABELS: Record<Category, string> = {
  secret: 'Secrets',
  iac: 'Infrastructure as code',
  code: 'Code',
  deps: 'Dependencies',
  license: 'Licenses',
  'package-risk': 'Package risk',
  posture: 'DevOps posture',
  compliance: 'PR compliance',
};

/**
 * What evaluating one rule on one object gave. A finding is a `fail`. `not-available` means the
 * evidence could not be read (a missing scope, a 403, a parse error): never counted as pass or fail.
 */
export const OUTCOMES = ['pass', 'fail', 'not-applicable', 'not-available'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  pass: 'Passed',
  fail: 'Failed',
  'not-applicable': 'Not applicable',
  'not-available': 'Not available',
};

/** Why a result is not available; `text` beside it says it in words. */
export const NOT_AVAILABLE_REASONS = [
  'missing-scope', // the credential lacks an ADO scope
  'forbidden', // the identity lacks a permission
  'not-found', // the object vanished or is hidden
  'parse-error', // the file could not be read as its format
  'unsupported', // a construct the evaluator cannot follow (a computed value, an unknown module)
  'no-dataset', // the data the rule needs (advisories, ...) was not handed in
  'evidence-expired', // e.g. builds lost to retention
  'error', // anything else; the text says what
] as const;
export type NotAvailableReason = (typeof NOT_AVAILABLE_REASONS)[number];

/** suppressed: an inline `vigil:ignore` or a .vigil.yml entry in the repository says so. */
export const FINDING_STATES = ['open', 'fixed', 'dismissed', 'suppressed'] as const;
export type FindingState = (typeof FINDING_STATES)[number];
export const FINDING_STATE_LABELS: Record<FindingState, string> = { open: 'Open', fixed: 'Fixed', dismissed: 'Dismissed', suppressed: 'Suppressed' };

/**
 * What a secret's provider said when asked who the secret belongs to (optional verification, off by
 * default): verified = it works (live); invalid = the provider refused it (revoked, expired, fake);
 * unknown = no answer worth trusting (network error, rate limit, 5xx, or not asked), with the reason.
 */
export const VERIFICATION_STATES = ['verified', 'invalid', 'unknown'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];
export const VERIFICATION_LABELS: Record<VerificationState, string> = { verified: 'Verified live', invalid: 'Invalid', unknown: 'Not verified' };
/** Findings filter: a verification state, or `none` for findings never verified. */
export const VERIFICATION_FILTERS = [...VERIFICATION_STATES, 'none'] as const;
export type VerificationFilter = (typeof VERIFICATION_FILTERS)[number];

/** exemption: an organization administrator exempted a posture (control, object) pair (posture exemptions). */
export const SUPPRESSION_KINDS = ['inline', 'file', 'baseline', 'exemption'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

export const DISMISSAL_REASONS = ['false-positive', 'accepted-risk', 'used-in-tests', 'revoked'] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];
export const DISMISSAL_REASON_INFO: Record<DismissalReason, { label: string; description: string }> = {
  'false-positive': { label: 'False positive', description: 'Not a real problem: a placeholder, an example or a look-alike.' },
  'accepted-risk': { label: 'Accepted risk', description: 'Real, kept on purpose; the risk is known and accepted.' },
  'used-in-tests': { label: 'Used in tests', description: 'Only used by tests; it grants access to nothing real.' },
  revoked: { label: 'Revoked', description: 'The credential was revoked and no longer works.' },
};

/** interrupted: the worker stopped (shutdown, crash) before the scan ended; it was queued again. */
export const SCAN_STATES = ['queued', 'running', 'done', 'failed', 'interrupted'] as const;
export type ScanState = (typeof SCAN_STATES)[number];
/** A repository that was never scanned is 'never'; skipped ones (disabled, empty) stay 'never'. */
export type RepositoryScanState = ScanState | 'never';
/** Queued or running: the scan is not over yet. */
export const isScanActive = (state: RepositoryScanState | undefined): boolean => state === 'queued' || state === 'running';
/** The repository id Vigil gives a TFVC project's code (recorded, never scanned: Vigil scans Git). */
export const TFVC_REPOSITORY_ID_PREFIX = 'tfvc:';

export const SCAN_TRIGGERS = ['discovery', 'manual', 'push', 'schedule'] as const;
export type ScanTrigger = (typeof SCAN_TRIGGERS)[number];

/** Whether a scanner ran on a repository: "ran, 0 results" and "not run" must never look alike. */
export const SCANNER_STATUSES = ['ran', 'not-run', 'failed'] as const;
export type ScannerStatus = (typeof SCANNER_STATUSES)[number];

/** The catalogs and tools a rule can be cross-referenced with (SARIF properties, docs, hub). */
export const REFERENCE_TYPES = [
  'cwe',
  'owasp',
  'owasp-cicd', // OWASP Top 10 CI/CD Security Risks (CICD-SEC-n)
  'cis', // CIS benchmarks (Azure, Kubernetes, Docker, Azure DevOps)
  'checkov', // CKV_*
  'bandit', // B101...
  'eslint', // plugin/rule
  'scs', // Security Code Scan (SCS0001)
  'defender', // Defender for Cloud assessment
  'azsk', // AzSK ADO Scanner control id
  'legitify', // Legit Security's legitify policy (Azure DevOps namespace)
  'scorecard', // OpenSSF Scorecard check
  'gitleaks', // gitleaks rule id
  'trufflehog', // trufflehog detector name
  'other',
] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

/** Azure DevOps objects a posture control or compliance check can point at. */
export const ADO_OBJECT_KINDS = [
  'organization',
  'project',
  'pipeline',
  'service-connection',
  'variable-group',
  'secure-file',
  'agent-pool',
  'environment',
  'repository',
  'branch',
  'pull-request',
  'user',
  'extension',
] as const;
export type AdoObjectKind = (typeof ADO_OBJECT_KINDS)[number];
export const ADO_OBJECT_LABELS: Record<AdoObjectKind, string> = {
  organization: 'Organization',
  project: 'Project',
  pipeline: 'Pipeline',
  'service-connection': 'Service connection',
  'variable-group': 'Variable group',
  'secure-file': 'Secure file',
  'agent-pool': 'Agent pool',
  environment: 'Environment',
  repository: 'Repository',
  branch: 'Branch',
  'pull-request': 'Pull request',
  user: 'User',
  extension: 'Extension',
};

/** Package ecosystems, as OSV names them. */
export const ECOSYSTEMS = ['npm', 'PyPI', 'NuGet', 'Maven', 'Go', 'crates.io', 'RubyGems', 'Packagist', 'Pub', 'Hex', 'SwiftURL', 'Other'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** The input syntaxes the IaC scanner reads: the platform a finding came from (API and hub filter by it). */
export const IAC_PLATFORMS = [
  'terraform',
  'terraform-plan',
  'arm',
  'bicep',
  'cloudformation',
  'sam',
  'serverless',
  'kubernetes',
  'helm',
  'kustomize',
  'dockerfile',
  'openapi',
] as const;
export type IacPlatform = (typeof IAC_PLATFORMS)[number];
export const IAC_PLATFORM_LABELS: Record<IacPlatform, string> = {
  terraform: 'Terraform',
  'terraform-plan': 'Terraform plan',
  arm: 'ARM template',
  bicep: 'Bicep',
  cloudformation: 'CloudFormation',
  sam: 'AWS SAM',
  serverless: 'Serverless framework',
  kubernetes: 'Kubernetes',
  helm: 'Helm',
  kustomize: 'Kustomize',
  dockerfile: 'Dockerfile',
  openapi: 'OpenAPI',
};

/**
 * Why files of a repository were not scanned (or only in part), as the coverage of a scan lists them
 * (model.ts coverageSchema). Limits: file-too-large (bytes), file-limit (files), depth-limit (folders),
 * archive-size-limit (bytes unpacked), compression-ratio (ratio). Others have no limit.
 */
export const COVERAGE_REASONS = [
  'file-too-large',
  'file-limit',
  'depth-limit',
  'archive-size-limit',
  'compression-ratio',
  'partly-scanned',
  'unreadable',
  'zip-entry-rejected',
  'archive-damaged',
  'binary',
  'symlink',
  'special-file',
  'excluded',
] as const;
export type CoverageReason = (typeof COVERAGE_REASONS)[number];

/** Example paths a coverage entry keeps per reason (the first ones skipped). */
export const MAX_COVERAGE_EXAMPLES = 10;

/**
 * Skips that leave nothing readable unscanned: a binary file (NUL bytes) is not text any scanner
 * reads, and a link or special file has no content of its own. They are listed, but the coverage of
 * a scan that has only these is still complete. An excluded path (the CLI's .gitignore, --exclude and
 * build or dependency folders) was left out by a decision, not a limit: listed, still complete.
 */
export const COVERAGE_INFO_REASONS: readonly CoverageReason[] = ['binary', 'symlink', 'special-file', 'excluded'];

/** Whether `text` is YYYY-MM-DD of a day that exists: no 2025-02-30, no 2025-02-29. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/**
 * How a license policy sorts licenses (the organization's policy, licenses scanner): by what a license
 * asks of those who ship the code. unknown: no license found, or one Vigil cannot identify.
 */
export const LICENSE_CATEGORIES = ['permissive', 'weak-copyleft', 'strong-copyleft', 'network-copyleft', 'proprietary', 'unknown'] as const;
export type LicenseCategory = (typeof LICENSE_CATEGORIES)[number];
export const LICENSE_CATEGORY_LABELS: Record<LicenseCategory, string> = {
  permissive: 'Permissive',
  'weak-copyleft': 'Weak copyleft',
  'strong-copyleft': 'Strong copyleft',
  'network-copyleft': 'Network copyleft',
  proprietary: 'Proprietary',
  unknown: 'Unknown',
};

// ---- DevOps posture -------------------------------------------------------------------------------

/**
 * The areas a posture snapshot is collected in (service/posture/snapshot.ts AREA_NAMES is this list):
 * each ends available or not available, and every control belongs to the first area it reads.
 */
export const POSTURE_AREAS = [
  'orgPolicies',
  'orgPipelineSettings',
  'projects',
  'projectPipelineSettings',
  'buildDefinitions',
  'releaseDefinitions',
  'serviceConnections',
  'variableGroups',
  'secureFiles',
  'agentPools',
  'environments',
  'repositories',
  'advancedSecurity',
  'audit',
  'users',
  'adminGroups',
  'extensions',
] as const;
export type PostureArea = (typeof POSTURE_AREAS)[number];
export const POSTURE_AREA_LABELS: Record<PostureArea, string> = {
  orgPolicies: 'Organization policies',
  orgPipelineSettings: 'Organization pipeline settings',
  projects: 'Projects',
  projectPipelineSettings: 'Project pipeline settings',
  buildDefinitions: 'Pipelines',
  releaseDefinitions: 'Classic releases',
  serviceConnections: 'Service connections',
  variableGroups: 'Variable groups',
  secureFiles: 'Secure files',
  agentPools: 'Agent pools',
  environments: 'Environments',
  repositories: 'Repositories and branch policies',
  advancedSecurity: 'GitHub Advanced Security',
  audit: 'Auditing',
  users: 'Users',
  adminGroups: 'Administrator groups',
  extensions: 'Extensions',
};

/** A posture control's verdict over every object it judged; `exempted`: it fails only where exempted. */
export const POSTURE_CONTROL_OUTCOMES = ['fail', 'exempted', 'not-available', 'pass', 'not-applicable'] as const;
export type PostureControlOutcome = (typeof POSTURE_CONTROL_OUTCOMES)[number];

/** Why an administrator exempts a posture (control, object) pair: AzSK's attestation states. */
export const EXEMPTION_REASONS = ['not-an-issue', 'will-fix-later', 'will-not-fix', 'approved-exception'] as const;
export type ExemptionReason = (typeof EXEMPTION_REASONS)[number];
export const EXEMPTION_REASON_INFO: Record<ExemptionReason, { label: string; description: string }> = {
  'not-an-issue': { label: 'Not an issue', description: 'The control does not apply here as it reads, or the risk is covered another way.' },
  'will-fix-later': { label: 'Will fix later', description: 'Real; a fix is planned before the exemption expires.' },
  'will-not-fix': { label: 'Will not fix', description: 'Real, kept on purpose; the risk is known and accepted.' },
  'approved-exception': { label: 'Approved exception', description: 'An exception approved by the security owner (reference it in the comment).' },
};
/** Days an exemption holds when no expiry is given, by the control's severity (critical 7, high 30, medium 60, low 90). */
export const EXEMPTION_DEFAULT_DAYS: Record<Severity, number> = { critical: 7, high: 30, medium: 60, low: 90, info: 90 };
/** The longest an exemption may hold (a year); it can be renewed. */
export const EXEMPTION_MAX_DAYS = 365;
export const EXEMPTION_STATUSES = ['active', 'expired', 'revoked'] as const;
export type ExemptionStatus = (typeof EXEMPTION_STATUSES)[number];

/** What started a posture assessment. */
export const POSTURE_TRIGGERS = ['connect', 'schedule', 'manual'] as const;
export type PostureTrigger = (typeof POSTURE_TRIGGERS)[number];
export const POSTURE_ASSESSMENT_STATES = ['running', 'done', 'failed'] as const;
export type PostureAssessmentState = (typeof POSTURE_ASSESSMENT_STATES)[number];
