// Kysely's view of the tables (see migrations.ts). Every table carries org_id.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Coverage, Evidence, FindingDetails, Location, ScannerRun, ScanWarning, Suppression } from '../contract/model';
import type { Dismissal } from '../triage/dismissal';

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
  advisories: AdvisoriesTable;
  advisory_packages: AdvisoryPackagesTable;
  advisory_sync: AdvisorySyncTable;
  package_metadata: PackageMetadataTable;
  package_inventories: PackageInventoriesTable;
  inventory_packages: InventoryPackagesTable;
  posture_assessments: PostureAssessmentsTable;
  posture_snapshots: PostureSnapshotsTable;
  posture_exemptions: PostureExemptionsTable;
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
