// Kysely's view of the tables (see migrations.ts). Every table carries org_id.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Coverage, Evidence, FindingDetails, Location, ScannerRun, ScanWarning, Suppression } from '../contract/model';
import type { Dismissal } from '../triage/dismissal';
import type { ScanProgressDto as ScanProgress } from '../contract/api';

/** Optional on insert (the column has a default). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | null | undefined, string | null>;
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
type JsonRequired<T> = ColumnType<T, string, string>;
/** int8 comes back as a string from pg and as a number or bigint from PGlite: normalise on read. */
type BigIntish = ColumnType<string | number | bigint, number | undefined, number>;

export interface OrganizationsTable {
  org_id: string;
  name: string;
  url: string;
  instance_id: string;
  connected_by: string;
  connected_by_name: string | null;
  secret_salt: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_discovery_at: NullableTimestamp;
  last_discovery_error: string | null;
  /** Ask found secrets' providers whether they are live (migration 007; off by default). */
  verify_secrets: Generated<boolean>;
  /** The organization's license policy (migration 009); null: the default policy. */
  license_policy: Json<unknown>;
  /** Lowest severity of a new finding that fails the pull-request gate (migration 011). */
  gate_severity: Generated<string>;
  /** Post comment threads on pull requests (migration 011). */
  pr_comments: Generated<boolean>;
  /** Which repositories are scanned (migration 011): {mode: 'all-future' | 'all' | 'selected', ...}. */
  repo_selection: JsonWithDefault<unknown>;
  /** Hours between discoveries (migration 013); null: the service's VIGIL_DISCOVERY_CRON. */
  discovery_interval_hours: number | null;
  /** Hours after which a repository is scanned again in full (migration 013); null: VIGIL_RESCAN_HOURS. */
  scan_interval_hours: number | null;
  /** Scanner families turned off for the organization (migration 013): categories, e.g. ["iac"]. */
  disabled_scanners: JsonWithDefault<string[]>;
  /** Scans, fixed findings and other history older than this many days are pruned (migration 013); null: kept. */
  history_retention_days: number | null;
  /** When the schedule last asked for a discovery of this organization (its own interval, migration 013). */
  last_discovery_requested_at: NullableTimestamp;
  /** When the retention job last pruned this organization's history (migration 013). */
  last_pruned_at: NullableTimestamp;
}

export interface CredentialsTable {
  org_id: string;
  kind: string;
  key_id: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
  owner_id: string | null;
  owner_name: string | null;
  created_at: Timestamp;
  verified_at: Timestamp;
  /** PAT scopes a full posture assessment lacked at the last check (migration 013); null: not checked, or a principal. */
  scope_gaps: Json<unknown[] | null>;
  /** When and by whom the credential was last replaced from the hub (migration 013). */
  replaced_at: NullableTimestamp;
  replaced_by_name: string | null;
}

export interface RepositoriesTable {
  org_id: string;
  repo_id: string;
  project_id: string;
  project_name: string;
  name: string;
  default_branch: string | null;
  web_url: string | null;
  size_bytes: BigIntish | null;
  is_disabled: Generated<boolean>;
  is_fork: Generated<boolean>;
  head_sha: string | null;
  scan_state: Generated<string>;
  skip_reason: string | null;
  last_scan_id: string | null;
  discovered_at: Timestamp;
  updated_at: Timestamp;
  removed_at: NullableTimestamp;
  /** The organization's gate severity overridden for this repository (migration 011). */
  gate_severity: string | null;
  /** The last full (not incremental) scan; a full one is due every rescanHours (migration 011). */
  last_full_scan_at: NullableTimestamp;
  /** The scanner set and rules of the last full scan: another digest means a full rescan (migration 011). */
  rules_digest: string | null;
  /** This repository's own on/off per scanner family, over the organization's (migration 013); null: as the organization. */
  scanner_overrides: Json<Record<string, boolean> | null>;
}

export interface ScansTable {
  org_id: string;
  scan_id: string;
  repo_id: string;
  commit_sha: string | null;
  state: string;
  trigger: string;
  queued_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  duration_ms: number | null;
  error: string | null;
  files_scanned: number | null;
  bytes_scanned: BigIntish | null;
  findings_new: number | null;
  findings_fixed: number | null;
  findings_open: number | null;
  scanners: JsonWithDefault<ScannerRun[]>;
  warnings: JsonWithDefault<ScanWarning[]>;
  /** Null until the scan finished (and on scans recorded before migration 005). */
  coverage: Json<Coverage | null>;
  /** 'full' | 'incremental' (migration 011). */
  kind: Generated<string>;
  /** For an incremental scan: the commit whose findings the unchanged files carried forward. */
  base_commit: string | null;
  /** While the scan runs: its phase, files done of total and findings so far (migration 016). */
  progress: Json<ScanProgress | null>;
}

export interface FindingsTable {
  org_id: string;
  finding_id: string;
  /** Null for a finding of a project or of the organization (posture, compliance). */
  repo_id: string | null;
  project_id: string | null;
  fingerprint: string;
  group_key: string;
  rule_id: string;
  category: string;
  severity: string;
  severity_rank: number;
  confidence: string;
  title: string;
  message: string;
  location: JsonRequired<Location>;
  details: JsonWithDefault<FindingDetails>;
  cwe: Json<string[] | null>;
  remediation: string;
  help_uri: string | null;
  state: string;
  suppression: Json<Suppression | null>;
  dismissal: Json<Dismissal | null>;
  commit_sha: string | null;
  first_seen_scan: string;
  last_seen_scan: string;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  fixed_at: NullableTimestamp;
  /** Secrets checked with their provider (migration 007): state, when, provider, a short word; null when never. */
  verification: string | null;
  verified_at: NullableTimestamp;
  verification_provider: string | null;
  verification_detail: string | null;
}

export interface ResultsTable {
  org_id: string;
  result_id: string;
  source: string;
  run_id: string;
  category: string;
  rule_id: string;
  subject_key: string;
  repo_id: string | null;
  project_id: string | null;
  location: JsonRequired<Location>;
  outcome: string;
  reason_code: string | null;
  reason_text: string | null;
  evidence: JsonWithDefault<Evidence[]>;
  assessed_at: Timestamp;
  /** When the (rule, subject) pair was first stored (migration 010); kept by the upsert. Last seen: assessed_at. */
  first_seen_at: Timestamp;
}

/** One row per repository that was ever queued: its pending request and its running claim (migration 004). */
export interface ScanRequestsTable {
  org_id: string;
  repo_id: string;
  pending_scan_id: string | null;
  pending_since: NullableTimestamp;
  running_scan_id: string | null;
  claim_token: string | null;
  claimed_by: string | null;
  claimed_at: NullableTimestamp;
  lease_until: NullableTimestamp;
  interruptions: Generated<number>;
  /** The default branch's head its discovery read, carried to the scan (migration 015); null: read it again. */
  pending_head_sha: string | null;
  pending_head_read_at: NullableTimestamp;
}

/** One ADO identity's request budget in one organization, shared by every process (migration 015). */
export interface AdoRequestBudgetsTable {
  identity_key: string;
  tokens: number;
  refilled_at: Timestamp;
  paused_until: NullableTimestamp;
}

/** One row per organization ever discovered through the discovery queue (migration 006). */
export interface DiscoveryRequestsTable {
  org_id: string;
  pending_since: NullableTimestamp;
  pending_trigger: string | null;
  running_trigger: string | null;
  claim_token: string | null;
  claimed_by: string | null;
  claimed_at: NullableTimestamp;
  lease_until: NullableTimestamp;
}

export interface ScanQueueTurnsTable {
  org_id: string;
  last_claimed_at: Timestamp;
}

/** Per repository, the inventory its last scan extracted (migration 009). */
export interface PackageInventoriesTable {
  org_id: string;
  repo_id: string;
  scan_id: string;
  commit_sha: string | null;
  package_count: number;
  stored_at: Timestamp;
  /** When stored packages were last matched against advisories after a sync (null: at the scan only). */
  matched_at: NullableTimestamp;
}

/** One package entry of a repository's inventory, in extraction order (migration 009). */
export interface InventoryPackagesTable {
  org_id: string;
  repo_id: string;
  ordinal: number;
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  path: string;
  line: number | null;
  direct: boolean | null;
  scope: string | null;
  declared: string | null;
  license: string | null;
  dependency_path: Json<string[] | null>;
  depends_on: Json<string[] | null>;
  extractor: string;
}

// Migration 008: advisories and package metadata are global (public data), the only tables without org_id.
export interface AdvisoriesTable {
  id: string;
  kind: 'advisory' | 'malicious';
  ecosystems: ColumnType<string[], string[] | undefined, string[]>;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  modified: ColumnType<Date, Date | string, Date | string>;
  published: NullableTimestamp;
  withdrawn: NullableTimestamp;
  record: JsonRequired<unknown>;
  stored_at: Timestamp;
}

export interface AdvisoryPackagesTable {
  ecosystem: string;
  name: string;
  advisory_id: string;
}

export interface AdvisorySyncTable {
  ecosystem: string;
  last_sync_at: NullableTimestamp;
  last_full_sync_at: NullableTimestamp;
  last_success_at: NullableTimestamp;
  record_count: Generated<number>;
  last_modified: NullableTimestamp;
  last_error: string | null;
  last_error_at: NullableTimestamp;
  warnings: Generated<number>;
}

export interface PackageMetadataTable {
  ecosystem: string;
  name: string;
  version: string;
  metadata: Json<unknown>;
  fetched_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** One posture assessment of an organization (migration 010). */
export interface PostureAssessmentsTable {
  org_id: string;
  assessment_id: string;
  trigger: string;
  state: string;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  duration_ms: number | null;
  collect_ms: number | null;
  error: string | null;
  controls: Generated<number>;
  counts: JsonWithDefault<PostureCountsJson>;
  new_failures: Generated<number>;
  fixed: Generated<number>;
  changes: JsonWithDefault<PostureChangesJson>;
  areas: JsonWithDefault<unknown[]>;
}

export interface PostureCountsJson {
  pass?: number;
  fail?: number;
  exempted?: number;
  notApplicable?: number;
  notAvailable?: number;
}

export interface PostureChangeJson {
  controlId: string;
  title: string;
  subjectKey: string;
  object: Location;
}

export interface PostureChangesJson {
  newFailures: PostureChangeJson[];
  fixed: PostureChangeJson[];
}

/** A collected posture snapshot, plain variable values stripped (migration 010). */
export interface PostureSnapshotsTable {
  org_id: string;
  assessment_id: string;
  collected_at: ColumnType<Date, Date | string, Date | string>;
  snapshot: JsonRequired<unknown>;
}

/** An administrator's exemption of one posture (control, subject) pair (migration 010). */
export interface PostureExemptionsTable {
  org_id: string;
  exemption_id: string;
  control_id: string;
  subject_key: string;
  reason: string;
  comment: string | null;
  /** YYYY-MM-DD, inclusive (text: compares as the days do, and reads back the same on pg and PGlite). */
  expires_on: string;
  created_by: string;
  created_by_name: string | null;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

/** Where ADO's webhooks deliver for one organization (migration 011): the sealed secret and the delivery mode. */
export interface HookEndpointsTable {
  org_id: string;
  key_id: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
  /** 'hooks' | 'polling' | 'unknown' */
  mode: Generated<string>;
  /** Why polling (e.g. the missing PAT scope), for the hub. */
  mode_reason: string | null;
  checked_at: NullableTimestamp;
  last_event_at: NullableTimestamp;
  last_poll_at: NullableTimestamp;
  events_ignored: Generated<number>;
  created_at: Timestamp;
}

/** A service hook subscription Vigil created (migration 011). */
export interface HookSubscriptionsTable {
  org_id: string;
  subscription_id: string;
  event_type: string;
  project_id: string;
  /** ADO's status (enabled, onProbation, disabledBySystem...) or 'missing'. */
  status: string;
  created_at: Timestamp;
  checked_at: Timestamp;
  last_error: string | null;
}

/** A delivered event, kept 7 days so that a replay of its id is dropped (migration 011). */
export interface HookEventsTable {
  org_id: string;
  event_id: string;
  event_type: string;
  /** queued | ignored | duplicate | ... */
  outcome: string;
  received_at: Timestamp;
}

export interface PullRequestsTable {
  org_id: string;
  repo_id: string;
  pull_request_id: number;
  project_id: string;
  title: string | null;
  /** active | abandoned | completed */
  status: string;
  is_draft: Generated<boolean>;
  created_by: string | null;
  created_by_name: string | null;
  source_ref: string;
  target_ref: string;
  source_commit: string | null;
  target_commit: string | null;
  merge_commit: string | null;
  last_iteration: number | null;
  created_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface PullRequestScansTable {
  org_id: string;
  pr_scan_id: string;
  repo_id: string;
  pull_request_id: number;
  iteration_id: number | null;
  source_commit: string | null;
  target_commit: string | null;
  /** queued | running | done | failed */
  state: string;
  /** succeeded | failed | error, once done */
  verdict: string | null;
  gate_severity: string | null;
  files_changed: number | null;
  new_findings: JsonWithDefault<unknown[]>;
  existing_findings: JsonWithDefault<unknown[]>;
  warnings: JsonWithDefault<ScanWarning[]>;
  error: string | null;
  queued_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  duration_ms: number | null;
}

/** A comment thread Vigil posted for one new finding of a pull request (migration 011). */
export interface PullRequestThreadsTable {
  org_id: string;
  repo_id: string;
  pull_request_id: number;
  fingerprint: string;
  thread_id: number;
  /** active | fixed | closed */
  state: string;
  rule_id: string | null;
  file_path: string | null;
  line: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A completed build seen by build.complete, with the tasks it ran (migration 011). */
export interface BuildsTable {
  org_id: string;
  build_id: number;
  project_id: string;
  definition_id: number | null;
  definition_name: string | null;
  build_number: string | null;
  status: string | null;
  result: string | null;
  reason: string | null;
  source_branch: string | null;
  source_version: string | null;
  repo_id: string | null;
  pull_request_id: number | null;
  queue_time: NullableTimestamp;
  finish_time: NullableTimestamp;
  tasks: JsonWithDefault<unknown[]>;
  recorded_at: Timestamp;
}

/** Pipeline upload tokens (migration 014): only the token's SHA-256 is kept. */
export interface PipelineTokensTable {
  org_id: string;
  token_id: string;
  name: string;
  token_hash: Buffer;
  created_by: string;
  created_by_name: string | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  revoked_by: string | null;
}

/** A run of the pipeline task, as it reported it (migration 014). */
export interface PipelineRunsTable {
  org_id: string;
  run_id: string;
  token_id: string;
  project_id: string;
  project_name: string | null;
  pipeline_id: number;
  pipeline_name: string | null;
  build_id: number;
  build_number: string | null;
  reason: string | null;
  source_branch: string | null;
  commit_sha: string | null;
  repo_id: string | null;
  repo_name: string | null;
  pull_request_id: number | null;
  target_branch: string | null;
  verdict: string;
  categories: JsonWithDefault<string[]>;
  counts: JsonWithDefault<Record<string, number>>;
  findings: Generated<number>;
  received_at: Timestamp;
}

/** The findings of one pipeline run (migration 014). */
export interface PipelineFindingsTable {
  org_id: string;
  run_id: string;
  finding_id: string;
  repo_id: string | null;
  project_id: string;
  fingerprint: string;
  tool: string;
  rule_id: string;
  category: string;
  severity: string;
  severity_rank: number;
  confidence: string;
  title: string;
  message: string;
  location: JsonRequired<Location>;
  remediation: Generated<string>;
  help_uri: string | null;
  cwe: Json<string[] | null>;
  baseline_state: string | null;
  suppressed: Generated<boolean>;
}

/** The organization's compliance settings (migration 012); a row is written at connect. */
export interface ComplianceSettingsTable {
  org_id: string;
  /** YYYY-MM-DD: pull requests closed before it are not-applicable. */
  start_date: string;
  emergency_label: Generated<string>;
  /** Production-branch patterns for repositories without their own (besides the default branch). */
  branch_patterns: JsonWithDefault<string[]>;
  /** The checks that apply to repositories without their own list (so also to repositories created later). */
  checks: JsonWithDefault<string[]>;
  /** The organization's additions to the recognised SAST / test / dependency tasks and statuses. */
  evidence_sources: JsonWithDefault<Record<string, unknown>>;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** A repository's own production-branch patterns and checks; null columns follow the organization. */
export interface ComplianceRepositoriesTable {
  org_id: string;
  repo_id: string;
  branch_patterns: Json<string[] | null>;
  checks: Json<string[] | null>;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** One merged pull request into a production branch and its evidence as recorded (migration 012). */
export interface CompliancePullRequestsTable {
  org_id: string;
  repo_id: string;
  pull_request_id: number;
  project_id: string;
  target_ref: string;
  title: string | null;
  author_id: string | null;
  author_name: string | null;
  closed_at: Timestamp;
  labels: JsonWithDefault<string[]>;
  /** A MergedPullRequestEvidence (service/compliance/evidence.ts). */
  evidence: JsonRequired<unknown>;
  evidence_version: Generated<number>;
  collected_at: Timestamp;
  /** Only the list's data was recorded: the target was not a production branch when collected (the next collection completes it if it becomes one). */
  partial: Generated<boolean>;
  /** The digest of what judged the results now stored (settings, policies, checks' revision); null: judge again (new or changed evidence). */
  evaluated_digest: string | null;
}

/** A revision of a branch policy configuration as read from ADO (policy/configurations/{id}/revisions). */
export interface CompliancePolicyRevisionsTable {
  org_id: string;
  project_id: string;
  policy_id: number;
  revision: number;
  type_id: string;
  is_enabled: boolean;
  is_blocking: boolean;
  is_deleted: Generated<boolean>;
  scope: JsonWithDefault<unknown[]>;
  settings: JsonWithDefault<Record<string, unknown>>;
  revised_at: NullableTimestamp;
  revised_by: string | null;
  recorded_at: Timestamp;
}

/** One compliance check's outcome on one subject: `pr:{id}` or `branch:{refName}` (migration 012). */
export interface ComplianceResultsTable {
  org_id: string;
  repo_id: string;
  subject_key: string;
  check_id: string;
  project_id: string;
  pull_request_id: number | null;
  branch: string | null;
  closed_at: NullableTimestamp;
  /** pass | fail | not-applicable | exempt | not-available */
  outcome: string;
  reason: Json<unknown | null>;
  message: string | null;
  evidence: JsonWithDefault<unknown[]>;
  evaluated_at: Timestamp;
}

/** The state of an organization's evidence collection (backfill and keeping current). */
export interface ComplianceCollectionsTable {
  org_id: string;
  /** never | running | done | failed */
  state: Generated<string>;
  collected_from: string | null;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  pull_requests: Generated<number>;
  ado_requests: Generated<number>;
  /** Answers 429 among ado_requests. */
  throttled: Generated<number>;
  /** The start of the last collection that finished: the next one lists pull requests closed since (less a margin). */
  collected_until: NullableTimestamp;
  /** Project id -> why its branch policies could not be read at the last collection. */
  policies_unavailable: JsonWithDefault<Record<string, string>>;
  error: string | null;
  warnings: JsonWithDefault<unknown[]>;
}

/** One change an administrator made (migration 013). before/after never hold a secret. */
export interface AuditLogTable {
  org_id: string;
  id: string;
  at: Timestamp;
  actor_id: string;
  actor_name: string | null;
  action: string;
  target: string | null;
  before: Json<unknown>;
  after: Json<unknown>;
  request_id: string | null;
}

export interface Database {
  organizations: OrganizationsTable;
  credentials: CredentialsTable;
  repositories: RepositoriesTable;
  scans: ScansTable;
  findings: FindingsTable;
  results: ResultsTable;
  scan_requests: ScanRequestsTable;
  scan_queue_turns: ScanQueueTurnsTable;
  discovery_requests: DiscoveryRequestsTable;
  ado_request_budgets: AdoRequestBudgetsTable;
  advisories: AdvisoriesTable;
  advisory_packages: AdvisoryPackagesTable;
  advisory_sync: AdvisorySyncTable;
  package_metadata: PackageMetadataTable;
  package_inventories: PackageInventoriesTable;
  inventory_packages: InventoryPackagesTable;
  posture_assessments: PostureAssessmentsTable;
  posture_snapshots: PostureSnapshotsTable;
  posture_exemptions: PostureExemptionsTable;
  hook_endpoints: HookEndpointsTable;
  hook_subscriptions: HookSubscriptionsTable;
  hook_events: HookEventsTable;
  pull_requests: PullRequestsTable;
  pull_request_scans: PullRequestScansTable;
  pull_request_threads: PullRequestThreadsTable;
  builds: BuildsTable;
  compliance_settings: ComplianceSettingsTable;
  compliance_repositories: ComplianceRepositoriesTable;
  compliance_pull_requests: CompliancePullRequestsTable;
  compliance_policy_revisions: CompliancePolicyRevisionsTable;
  compliance_results: ComplianceResultsTable;
  compliance_collections: ComplianceCollectionsTable;
  audit_log: AuditLogTable;
  pipeline_tokens: PipelineTokensTable;
  pipeline_runs: PipelineRunsTable;
  pipeline_findings: PipelineFindingsTable;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type RepositoryRow = Selectable<RepositoriesTable>;
export type ScanRow = Selectable<ScansTable>;
export type FindingRow = Selectable<FindingsTable>;
export type NewFinding = Insertable<FindingsTable>;
export type FindingUpdate = Updateable<FindingsTable>;
export type ResultRow = Selectable<ResultsTable>;
export type ScanRequestRow = Selectable<ScanRequestsTable>;
export type PostureAssessmentRow = Selectable<PostureAssessmentsTable>;
export type PostureExemptionRow = Selectable<PostureExemptionsTable>;
export type HookSubscriptionRow = Selectable<HookSubscriptionsTable>;
export type PullRequestRow = Selectable<PullRequestsTable>;
export type PullRequestScanRow = Selectable<PullRequestScansTable>;
export type PullRequestThreadRow = Selectable<PullRequestThreadsTable>;
export type BuildRow = Selectable<BuildsTable>;
export type CompliancePullRequestRow = Selectable<CompliancePullRequestsTable>;
export type ComplianceResultRow = Selectable<ComplianceResultsTable>;
export type PipelineTokenRow = Selectable<PipelineTokensTable>;
export type PipelineRunRow = Selectable<PipelineRunsTable>;
export type PipelineFindingRow = Selectable<PipelineFindingsTable>;
