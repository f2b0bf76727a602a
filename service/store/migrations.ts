// Plain PostgreSQL migrations, applied in order at start-up under an advisory lock.
// Append only: never edit a migration that has shipped.
export interface Migration {
  id: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    id: '001_foundation',
    sql: `
CREATE TABLE organizations (
  org_id            uuid PRIMARY KEY,
  name              text NOT NULL,
  url               text NOT NULL,
  instance_id       text NOT NULL UNIQUE,
  connected_by      text NOT NULL,
  connected_by_name text,
  secret_salt       text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  last_discovery_at timestamptz,
  last_discovery_error text
);
CREATE UNIQUE INDEX organizations_name ON organizations (lower(name));

CREATE TABLE credentials (
  org_id      uuid PRIMARY KEY REFERENCES organizations (org_id) ON DELETE CASCADE,
  kind        text NOT NULL,
  key_id      text NOT NULL,
  iv          bytea NOT NULL,
  tag         bytea NOT NULL,
  ciphertext  bytea NOT NULL,
  owner_id    text,
  owner_name  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  verified_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE repositories (
  org_id         uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  repo_id        text NOT NULL,
  project_id     text NOT NULL,
  project_name   text NOT NULL,
  name           text NOT NULL,
  default_branch text,
  web_url        text,
  size_bytes     bigint,
  is_disabled    boolean NOT NULL DEFAULT false,
  is_fork        boolean NOT NULL DEFAULT false,
  head_sha       text,
  scan_state     text NOT NULL DEFAULT 'never',
  skip_reason    text,
  last_scan_id   uuid,
  discovered_at  timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  removed_at     timestamptz,
  PRIMARY KEY (org_id, repo_id)
);
CREATE INDEX repositories_project ON repositories (org_id, project_id);

CREATE TABLE scans (
  org_id         uuid NOT NULL,
  scan_id        uuid NOT NULL,
  repo_id        text NOT NULL,
  commit_sha     text,
  state          text NOT NULL,
  trigger        text NOT NULL,
  queued_at      timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz,
  duration_ms    integer,
  error          text,
  files_scanned  integer,
  bytes_scanned  bigint,
  findings_new   integer,
  findings_fixed integer,
  findings_open  integer,
  scanners       jsonb NOT NULL DEFAULT '[]',
  warnings       jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (org_id, scan_id),
  FOREIGN KEY (org_id, repo_id) REFERENCES repositories (org_id, repo_id) ON DELETE CASCADE
);
CREATE INDEX scans_repo ON scans (org_id, repo_id, queued_at DESC);

CREATE TABLE findings (
  org_id            uuid NOT NULL,
  finding_id        uuid NOT NULL,
  repo_id           text NOT NULL,
  fingerprint       text NOT NULL,
  rule_id           text NOT NULL,
  category          text NOT NULL,
  severity          text NOT NULL,
  severity_rank     smallint NOT NULL,
  confidence        text NOT NULL,
  title             text NOT NULL,
  message           text NOT NULL,
  path              text NOT NULL,
  line              integer NOT NULL,
  col               integer,
  preview           text,
  secret_hash       text,
  remediation       text NOT NULL,
  help_uri          text,
  state             text NOT NULL,
  suppression       jsonb,
  dismissal         jsonb,
  commit_sha        text,
  first_seen_scan   uuid NOT NULL,
  last_seen_scan    uuid NOT NULL,
  first_seen_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at      timestamptz NOT NULL DEFAULT now(),
  fixed_at          timestamptz,
  PRIMARY KEY (org_id, finding_id),
  UNIQUE (org_id, repo_id, fingerprint),
  FOREIGN KEY (org_id, repo_id) REFERENCES repositories (org_id, repo_id) ON DELETE CASCADE
);
CREATE INDEX findings_list ON findings (org_id, state, severity_rank, last_seen_at DESC);
CREATE INDEX findings_repo ON findings (org_id, repo_id, state);
`,
  },
  {
    // One alert per unique credential: every location of the same secret value (same salted hash) in
    // an organization shares a group key; other findings are their own group.
    id: '002_finding_groups',
    sql: `
ALTER TABLE findings ADD COLUMN group_key text;
UPDATE findings SET group_key = CASE WHEN secret_hash IS NOT NULL THEN 'secret:' || secret_hash ELSE finding_id::text END;
ALTER TABLE findings ALTER COLUMN group_key SET NOT NULL;
CREATE INDEX findings_group ON findings (org_id, group_key);
`,
  },
  {
    // One house for every family. A finding's place is a contract Location (file, resource, package
    // or ADO object) and its family fields live in details; posture and compliance findings may
    // belong to a project or to the organization only (no repository). Outcomes other than fail go
    // to results, with their evidence.
    id: '003_every_family',
    sql: `
ALTER TABLE findings ADD COLUMN location jsonb;
ALTER TABLE findings ADD COLUMN details jsonb NOT NULL DEFAULT '{}';
ALTER TABLE findings ADD COLUMN project_id text;
ALTER TABLE findings ADD COLUMN cwe jsonb;
UPDATE findings SET
  location = jsonb_strip_nulls(jsonb_build_object('kind', 'file', 'path', path, 'line', line, 'column', col)),
  details = CASE WHEN preview IS NULL AND secret_hash IS NULL THEN '{}'::jsonb
    ELSE jsonb_build_object('secret', jsonb_strip_nulls(jsonb_build_object('preview', coalesce(preview, ''), 'hash', secret_hash))) END,
  category = CASE WHEN category = 'dependency' THEN 'deps' ELSE category END;
UPDATE findings AS f SET project_id = r.project_id FROM repositories AS r WHERE r.org_id = f.org_id AND r.repo_id = f.repo_id;
ALTER TABLE findings ALTER COLUMN location SET NOT NULL;
ALTER TABLE findings ALTER COLUMN repo_id DROP NOT NULL;
ALTER TABLE findings DROP COLUMN path, DROP COLUMN line, DROP COLUMN col, DROP COLUMN preview, DROP COLUMN secret_hash;
-- Findings of no repository were covered by no cascade; every finding now goes with its organization.
ALTER TABLE findings ADD CONSTRAINT findings_org FOREIGN KEY (org_id) REFERENCES organizations (org_id) ON DELETE CASCADE;
-- UNIQUE (org_id, repo_id, fingerprint) does not hold when repo_id is NULL (NULLs are distinct).
CREATE UNIQUE INDEX findings_fingerprint_no_repo ON findings (org_id, fingerprint) WHERE repo_id IS NULL;
-- Hub filters. State + severity: findings_list; repository: findings_repo; group: findings_group.
CREATE INDEX findings_category ON findings (org_id, category, state);
CREATE INDEX findings_project ON findings (org_id, project_id, state);
CREATE INDEX findings_rule ON findings (org_id, rule_id, state);

CREATE TABLE results (
  org_id      uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  result_id   uuid NOT NULL,
  source      text NOT NULL CHECK (source IN ('scan', 'posture', 'compliance')),
  run_id      text NOT NULL,
  category    text NOT NULL,
  rule_id     text NOT NULL,
  subject_key text NOT NULL,
  repo_id     text,
  project_id  text,
  location    jsonb NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('pass', 'fail', 'not-applicable', 'not-available')),
  reason_code text,
  reason_text text,
  evidence    jsonb NOT NULL DEFAULT '[]',
  assessed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, result_id),
  -- A subject key is unique within a repository (two repositories may hold the same file path).
  UNIQUE (org_id, source, repo_id, rule_id, subject_key)
);
CREATE UNIQUE INDEX results_subject_no_repo ON results (org_id, source, rule_id, subject_key) WHERE repo_id IS NULL;
CREATE INDEX results_repo ON results (org_id, repo_id, source);
CREATE INDEX results_project ON results (org_id, project_id, source);
CREATE INDEX results_rule ON results (org_id, rule_id, outcome);
`,
  },
  {
    // The scan queue (service/store/scan-queue.ts): one row per repository with at most one pending
    // request (coalesced: it scans the newest head when claimed) and at most one running claim, held
    // under a lease that the worker renews while the scan progresses. scan_queue_turns remembers
    // when each organization was last served, for round-robin between organizations. Scans the
    // previous queue (pg-boss) held are carried over: the newest queued scan of a repository becomes
    // its pending request, and a scan left running is recorded as interrupted and queued again.
    id: '004_scan_queue',
    sql: `
CREATE TABLE scan_requests (
  org_id          uuid NOT NULL,
  repo_id         text NOT NULL,
  pending_scan_id uuid,
  pending_since   timestamptz,
  running_scan_id uuid,
  claim_token     uuid,
  claimed_by      text,
  claimed_at      timestamptz,
  lease_until     timestamptz,
  interruptions   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, repo_id),
  FOREIGN KEY (org_id, repo_id) REFERENCES repositories (org_id, repo_id) ON DELETE CASCADE,
  CHECK ((pending_scan_id IS NULL) = (pending_since IS NULL)),
  CHECK ((running_scan_id IS NULL) = (claim_token IS NULL) AND (claim_token IS NULL) = (lease_until IS NULL))
);
CREATE INDEX scan_requests_claimable ON scan_requests (org_id, pending_since) WHERE pending_scan_id IS NOT NULL AND running_scan_id IS NULL;
CREATE INDEX scan_requests_running ON scan_requests (org_id) WHERE running_scan_id IS NOT NULL;
CREATE INDEX scan_requests_lease ON scan_requests (lease_until) WHERE running_scan_id IS NOT NULL;
CREATE UNIQUE INDEX scan_requests_token ON scan_requests (claim_token) WHERE claim_token IS NOT NULL;

CREATE TABLE scan_queue_turns (
  org_id          uuid PRIMARY KEY REFERENCES organizations (org_id) ON DELETE CASCADE,
  last_claimed_at timestamptz NOT NULL
);

INSERT INTO scan_requests (org_id, repo_id, pending_scan_id, pending_since)
SELECT DISTINCT ON (org_id, repo_id) org_id, repo_id, scan_id, queued_at FROM scans WHERE state = 'queued'
ORDER BY org_id, repo_id, queued_at DESC;
UPDATE scans AS s SET state = 'failed', finished_at = now(), error = 'Superseded by a newer request to scan the same repository'
WHERE s.state = 'queued' AND NOT EXISTS (SELECT 1 FROM scan_requests AS q WHERE q.org_id = s.org_id AND q.pending_scan_id = s.scan_id);
WITH interrupted AS (
  UPDATE scans SET state = 'interrupted', finished_at = now(), error = 'Interrupted: Vigil was upgraded while the scan ran; queued again'
  WHERE state = 'running' RETURNING org_id, repo_id, trigger, queued_at
), first_asked AS (
  SELECT DISTINCT ON (i.org_id, i.repo_id) i.org_id, i.repo_id, i.trigger, i.queued_at FROM interrupted AS i
  WHERE NOT EXISTS (SELECT 1 FROM scan_requests AS q WHERE q.org_id = i.org_id AND q.repo_id = i.repo_id)
  ORDER BY i.org_id, i.repo_id, i.queued_at
), requeued AS (
  INSERT INTO scans (org_id, scan_id, repo_id, state, trigger)
  SELECT org_id, gen_random_uuid(), repo_id, 'queued', trigger FROM first_asked
  RETURNING org_id, repo_id, scan_id
)
-- A re-queued scan keeps its place: it has waited since the interrupted one was asked for.
INSERT INTO scan_requests (org_id, repo_id, pending_scan_id, pending_since)
SELECT r.org_id, r.repo_id, r.scan_id, f.queued_at FROM requeued AS r JOIN first_asked AS f ON f.org_id = r.org_id AND f.repo_id = r.repo_id;
UPDATE repositories AS r SET scan_state = 'queued', last_scan_id = q.pending_scan_id
FROM scan_requests AS q WHERE q.org_id = r.org_id AND q.repo_id = r.repo_id;
`,
  },
  {
    // What each scan did not see (contract Coverage: files skipped by reason, with the limit behind
    // it, and whether the scan is complete). NULL for scans that did not finish and older ones.
    id: '005_scan_coverage',
    sql: `
ALTER TABLE scans ADD COLUMN coverage jsonb;
`,
  },
  {
    // The discovery queue (service/store/discovery-queue.ts): per organization at most one pending
    // request (coalesced) and one running claim under a lease, like scans (migration 004), so that a
    // discovery whose worker died is run again within the lease instead of pg-boss's expiry.
    id: '006_discovery_queue',
    sql: `
CREATE TABLE discovery_requests (
  org_id          uuid PRIMARY KEY REFERENCES organizations (org_id) ON DELETE CASCADE,
  pending_since   timestamptz,
  pending_trigger text,
  running_trigger text,
  claim_token     uuid,
  claimed_by      text,
  claimed_at      timestamptz,
  lease_until     timestamptz,
  CHECK ((pending_since IS NULL) = (pending_trigger IS NULL)),
  CHECK ((claim_token IS NULL) = (lease_until IS NULL) AND (claim_token IS NULL) = (running_trigger IS NULL))
);
CREATE INDEX discovery_requests_claimable ON discovery_requests (pending_since) WHERE pending_since IS NOT NULL AND claim_token IS NULL;
CREATE UNIQUE INDEX discovery_requests_token ON discovery_requests (claim_token) WHERE claim_token IS NOT NULL;
`,
  },
  {
    // Optional verification of found secrets with their providers (service/verify): an organization
    // setting, off by default, and per finding the latest answer (state, when, which provider, a short
    // word: who the secret belongs to or why it is not live). NULL: never verified.
    id: '007_secret_verification',
    sql: `
ALTER TABLE organizations ADD COLUMN verify_secrets boolean NOT NULL DEFAULT false;
ALTER TABLE findings ADD COLUMN verification text CHECK (verification IN ('verified', 'invalid', 'unknown'));
ALTER TABLE findings ADD COLUMN verified_at timestamptz;
ALTER TABLE findings ADD COLUMN verification_provider text;
ALTER TABLE findings ADD COLUMN verification_detail text;
ALTER TABLE findings ADD CONSTRAINT findings_verification_at CHECK ((verification IS NULL) = (verified_at IS NULL));
CREATE INDEX findings_verification ON findings (org_id, verification, state) WHERE verification IS NOT NULL;
`,
  },
  {
    // Advisories (OSV records) and registry metadata: GLOBAL data, not per organization. OSV and the
    // package registries are public; every organization's scans read the same rows, so these tables
    // carry no org_id (the one exception to the house rule; nothing org-scoped is stored here).
    // advisories: one row per OSV record; a withdrawn record keeps its row with `withdrawn` set (lookups
    // skip it) so that "which packages changed since T" still names the packages it used to affect.
    // advisory_packages: the affected index, (ecosystem, normalised name) -> advisory id.
    // advisory_sync: per ecosystem, the last sync and what it saw (service/deps sync-advisories).
    // package_metadata: registry answers cached with an expiry; metadata NULL = the registry had nothing.
    id: '008_advisories',
    sql: `
CREATE TABLE advisories (
  id          text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('advisory', 'malicious')),
  ecosystems  text[] NOT NULL DEFAULT '{}',
  aliases     text[] NOT NULL DEFAULT '{}',
  modified    timestamptz NOT NULL,
  published   timestamptz,
  withdrawn   timestamptz,
  record      jsonb NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX advisories_stored ON advisories (stored_at);
CREATE INDEX advisories_aliases ON advisories USING gin (aliases);

CREATE TABLE advisory_packages (
  ecosystem   text NOT NULL,
  name        text NOT NULL,
  advisory_id text NOT NULL REFERENCES advisories (id) ON DELETE CASCADE,
  PRIMARY KEY (ecosystem, name, advisory_id)
);
CREATE INDEX advisory_packages_advisory ON advisory_packages (advisory_id);

CREATE TABLE advisory_sync (
  ecosystem         text PRIMARY KEY,
  last_sync_at      timestamptz,
  last_full_sync_at timestamptz,
  last_success_at   timestamptz,
  record_count      integer NOT NULL DEFAULT 0,
  last_modified     timestamptz,
  last_error        text,
  last_error_at     timestamptz,
  warnings          integer NOT NULL DEFAULT 0
);

CREATE TABLE package_metadata (
  ecosystem   text NOT NULL,
  name        text NOT NULL,
  version     text NOT NULL,
  metadata    jsonb,
  fetched_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (ecosystem, name, version)
);
CREATE INDEX package_metadata_expiry ON package_metadata (expires_at);
`,
  },
  {
    // Package inventories (service/store/inventories.ts): what each repository's last scan extracted
    // from its manifests and lockfiles, replaced per scan, so that the hub lists dependencies, the API
    // serves an SBOM without a rescan, and an advisory sync re-matches stored packages without
    // downloading the repository again (jobs/rematch-deps.ts). inventory_packages_name finds the
    // repositories holding a package an advisory names, across organizations. Organizations get their
    // license policy (NULL: the default policy).
    id: '009_dependencies',
    sql: `
CREATE TABLE package_inventories (
  org_id        uuid NOT NULL,
  repo_id       text NOT NULL,
  scan_id       uuid NOT NULL,
  commit_sha    text,
  package_count integer NOT NULL,
  stored_at     timestamptz NOT NULL DEFAULT now(),
  matched_at    timestamptz,
  PRIMARY KEY (org_id, repo_id),
  FOREIGN KEY (org_id, repo_id) REFERENCES repositories (org_id, repo_id) ON DELETE CASCADE
);

CREATE TABLE inventory_packages (
  org_id          uuid NOT NULL,
  repo_id         text NOT NULL,
  ordinal         integer NOT NULL,
  ecosystem       text NOT NULL,
  name            text NOT NULL,
  version         text NOT NULL,
  purl            text NOT NULL,
  path            text NOT NULL,
  line            integer,
  direct          boolean,
  scope           text,
  declared        text,
  license         text,
  dependency_path jsonb,
  depends_on      jsonb,
  extractor       text NOT NULL,
  PRIMARY KEY (org_id, repo_id, ordinal),
  FOREIGN KEY (org_id, repo_id) REFERENCES package_inventories (org_id, repo_id) ON DELETE CASCADE
);
CREATE INDEX inventory_packages_name ON inventory_packages (ecosystem, name);
CREATE INDEX inventory_packages_list ON inventory_packages (org_id, repo_id, ecosystem, name);

ALTER TABLE organizations ADD COLUMN license_policy jsonb;
`,
  },
  {
    // DevOps posture (service/store/posture.ts, jobs/assess-posture.ts). posture_assessments: one row per
    // assessment (trigger, times, counts by outcome, what changed since the previous one, per-area
    // status). posture_snapshots: the collected snapshot (non-secret variable values stripped), the
    // newest few per organization, so controls re-run without Azure DevOps. posture_exemptions: an
    // administrator's exemption of one (control, object) pair with AzSK's attestation reason and an
    // expiry; revoked ones are kept for the record. Results gain first_seen_at (kept by their upsert; last seen
    // is assessed_at), which findings already have.
    id: '010_posture',
    sql: `
CREATE TABLE posture_assessments (
  org_id        uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  assessment_id uuid NOT NULL,
  trigger       text NOT NULL,
  state         text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  duration_ms   integer,
  collect_ms    integer,
  error         text,
  controls      integer NOT NULL DEFAULT 0,
  counts        jsonb NOT NULL DEFAULT '{}',
  new_failures  integer NOT NULL DEFAULT 0,
  fixed         integer NOT NULL DEFAULT 0,
  changes       jsonb NOT NULL DEFAULT '{"newFailures":[],"fixed":[]}',
  areas         jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (org_id, assessment_id)
);
CREATE INDEX posture_assessments_recent ON posture_assessments (org_id, started_at DESC);

CREATE TABLE posture_snapshots (
  org_id        uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  assessment_id uuid NOT NULL,
  collected_at  timestamptz NOT NULL,
  snapshot      jsonb NOT NULL,
  PRIMARY KEY (org_id, assessment_id)
);
CREATE INDEX posture_snapshots_recent ON posture_snapshots (org_id, collected_at DESC);

CREATE TABLE posture_exemptions (
  org_id          uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  exemption_id    uuid NOT NULL,
  control_id      text NOT NULL,
  subject_key     text NOT NULL,
  reason          text NOT NULL CHECK (reason IN ('not-an-issue', 'will-fix-later', 'will-not-fix', 'approved-exception')),
  comment         text,
  expires_on      text NOT NULL CHECK (expires_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  created_by      text NOT NULL,
  created_by_name text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz,
  revoked_by      text,
  PRIMARY KEY (org_id, exemption_id)
);
-- One exemption in force (not revoked) per pair; a lapsed one must be revoked or left before another is made.
CREATE UNIQUE INDEX posture_exemptions_pair ON posture_exemptions (org_id, control_id, subject_key) WHERE revoked_at IS NULL;

ALTER TABLE results ADD COLUMN first_seen_at timestamptz NOT NULL DEFAULT now();
`,
  },
  {
    // Event-driven scanning and the pull-request gate (issue 14): webhook endpoint secret and delivery mode,
    // the subscriptions Vigil made, received events (replays dropped for 7 days), pull requests, their
    // scans and the threads Vigil posted, builds seen by build.complete, repository selection, the gate
    // settings, and incremental scans.
    id: '011_events',
    sql: `
CREATE TABLE hook_endpoints (
  org_id          uuid PRIMARY KEY REFERENCES organizations (org_id) ON DELETE CASCADE,
  key_id          text NOT NULL,
  iv              bytea NOT NULL,
  tag             bytea NOT NULL,
  ciphertext      bytea NOT NULL,
  mode            text NOT NULL DEFAULT 'unknown' CHECK (mode IN ('hooks', 'polling', 'unknown')),
  mode_reason     text,
  checked_at      timestamptz,
  last_event_at   timestamptz,
  last_poll_at    timestamptz,
  events_ignored  integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hook_subscriptions (
  org_id          uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  subscription_id text NOT NULL,
  event_type      text NOT NULL,
  project_id      text NOT NULL,
  status          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  checked_at      timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  PRIMARY KEY (org_id, subscription_id)
);
CREATE UNIQUE INDEX hook_subscriptions_scope ON hook_subscriptions (org_id, project_id, event_type);

CREATE TABLE hook_events (
  org_id      uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  event_id    text NOT NULL,
  event_type  text NOT NULL,
  outcome     text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, event_id)
);
CREATE INDEX hook_events_received ON hook_events (received_at);

CREATE TABLE pull_requests (
  org_id          uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  repo_id         text NOT NULL,
  pull_request_id integer NOT NULL,
  project_id      text NOT NULL,
  title           text,
  status          text NOT NULL,
  is_draft        boolean NOT NULL DEFAULT false,
  created_by      text,
  created_by_name text,
  source_ref      text NOT NULL,
  target_ref      text NOT NULL,
  source_commit   text,
  target_commit   text,
  merge_commit    text,
  last_iteration  integer,
  created_at      timestamptz,
  closed_at       timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, repo_id, pull_request_id)
);

CREATE TABLE pull_request_scans (
  org_id            uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  pr_scan_id        uuid NOT NULL,
  repo_id           text NOT NULL,
  pull_request_id   integer NOT NULL,
  iteration_id      integer,
  source_commit     text,
  target_commit     text,
  state             text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  verdict           text CHECK (verdict IN ('succeeded', 'failed', 'error')),
  gate_severity     text,
  files_changed     integer,
  new_findings      jsonb NOT NULL DEFAULT '[]',
  existing_findings jsonb NOT NULL DEFAULT '[]',
  warnings          jsonb NOT NULL DEFAULT '[]',
  error             text,
  queued_at         timestamptz NOT NULL DEFAULT now(),
  started_at        timestamptz,
  finished_at       timestamptz,
  duration_ms       integer,
  PRIMARY KEY (org_id, pr_scan_id)
);
CREATE INDEX pull_request_scans_pr ON pull_request_scans (org_id, repo_id, pull_request_id, queued_at DESC);

CREATE TABLE pull_request_threads (
  org_id          uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  repo_id         text NOT NULL,
  pull_request_id integer NOT NULL,
  fingerprint     text NOT NULL,
  thread_id       integer NOT NULL,
  state           text NOT NULL CHECK (state IN ('active', 'fixed', 'closed')),
  rule_id         text,
  file_path       text,
  line            integer,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, repo_id, pull_request_id, fingerprint)
);

CREATE TABLE builds (
  org_id          uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  build_id        integer NOT NULL,
  project_id      text NOT NULL,
  definition_id   integer,
  definition_name text,
  build_number    text,
  status          text,
  result          text,
  reason          text,
  source_branch   text,
  source_version  text,
  repo_id         text,
  pull_request_id integer,
  queue_time      timestamptz,
  finish_time     timestamptz,
  tasks           jsonb NOT NULL DEFAULT '[]',
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, build_id)
);
CREATE INDEX builds_pull_request ON builds (org_id, repo_id, pull_request_id);

ALTER TABLE organizations ADD COLUMN gate_severity text NOT NULL DEFAULT 'high';
ALTER TABLE organizations ADD COLUMN pr_comments boolean NOT NULL DEFAULT true;
ALTER TABLE organizations ADD COLUMN repo_selection jsonb NOT NULL DEFAULT '{"mode":"all-future"}';
ALTER TABLE repositories ADD COLUMN gate_severity text;
ALTER TABLE repositories ADD COLUMN last_full_scan_at timestamptz;
ALTER TABLE repositories ADD COLUMN rules_digest text;
ALTER TABLE scans ADD COLUMN kind text NOT NULL DEFAULT 'full';
ALTER TABLE scans ADD COLUMN base_commit text;
`,
  },
  {
    // Pull-request compliance evidence (issue 15): the organization's settings (testing start date, emergency
    // label, production-branch patterns and checks for repositories without their own, the org's additions to
    // the recognised tasks and statuses), per-repository overrides, the evidence of each merged pull request as
    // recorded at merge time (so build retention cannot erase it), the branch-policy revisions read from ADO,
    // one result per (subject, check), and the state of the collection.
    id: '012_compliance',
    sql: `
CREATE TABLE compliance_settings (
  org_id            uuid PRIMARY KEY REFERENCES organizations (org_id) ON DELETE CASCADE,
  start_date        text NOT NULL CHECK (start_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  emergency_label   text NOT NULL DEFAULT 'emergency',
  branch_patterns   jsonb NOT NULL DEFAULT '[]',
  checks            jsonb NOT NULL DEFAULT '["CMP-BRANCH-APPROVAL","CMP-PR-APPROVAL","CMP-PR-SAST","CMP-PR-TESTS","CMP-PR-DEPENDENCIES"]',
  evidence_sources  jsonb NOT NULL DEFAULT '{}',
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text
);

CREATE TABLE compliance_repositories (
  org_id          uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  repo_id         text NOT NULL,
  branch_patterns jsonb,
  checks          jsonb,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  updated_by      text,
  PRIMARY KEY (org_id, repo_id)
);

CREATE TABLE compliance_pull_requests (
  org_id            uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  repo_id           text NOT NULL,
  pull_request_id   integer NOT NULL,
  project_id        text NOT NULL,
  target_ref        text NOT NULL,
  title             text,
  author_id         text,
  author_name       text,
  closed_at         timestamptz NOT NULL,
  labels            jsonb NOT NULL DEFAULT '[]',
  evidence          jsonb NOT NULL,
  evidence_version  integer NOT NULL DEFAULT 1,
  collected_at      timestamptz NOT NULL DEFAULT now(),
  partial           boolean NOT NULL DEFAULT false,
  evaluated_digest  text,
  PRIMARY KEY (org_id, repo_id, pull_request_id)
);
CREATE INDEX compliance_pull_requests_closed ON compliance_pull_requests (org_id, closed_at);

CREATE TABLE compliance_policy_revisions (
  org_id       uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  project_id   text NOT NULL,
  policy_id    integer NOT NULL,
  revision     integer NOT NULL,
  type_id      text NOT NULL,
  is_enabled   boolean NOT NULL,
  is_blocking  boolean NOT NULL,
  is_deleted   boolean NOT NULL DEFAULT false,
  scope        jsonb NOT NULL DEFAULT '[]',
  settings     jsonb NOT NULL DEFAULT '{}',
  revised_at   timestamptz,
  revised_by   text,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, project_id, policy_id, revision)
);

CREATE TABLE compliance_results (
  org_id          uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  repo_id         text NOT NULL,
  subject_key     text NOT NULL,
  check_id        text NOT NULL,
  project_id      text NOT NULL,
  pull_request_id integer,
  branch          text,
  closed_at       timestamptz,
  outcome         text NOT NULL CHECK (outcome IN ('pass', 'fail', 'not-applicable', 'exempt', 'not-available')),
  reason          jsonb,
  message         text,
  evidence        jsonb NOT NULL DEFAULT '[]',
  evaluated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, repo_id, subject_key, check_id)
);
CREATE INDEX compliance_results_check ON compliance_results (org_id, check_id, outcome);
CREATE INDEX compliance_results_closed ON compliance_results (org_id, closed_at);

CREATE TABLE compliance_collections (
  org_id          uuid PRIMARY KEY REFERENCES organizations (org_id) ON DELETE CASCADE,
  state           text NOT NULL DEFAULT 'never' CHECK (state IN ('never', 'running', 'done', 'failed')),
  collected_from  text,
  started_at      timestamptz,
  finished_at     timestamptz,
  pull_requests   integer NOT NULL DEFAULT 0,
  ado_requests    integer NOT NULL DEFAULT 0,
  throttled       integer NOT NULL DEFAULT 0,
  collected_until timestamptz,
  policies_unavailable jsonb NOT NULL DEFAULT '{}',
  error           text,
  warnings        jsonb NOT NULL DEFAULT '[]'
);
`,
  },
  {
    // Organization settings and their audit log (issue 20): per-organization discovery and scan intervals
    // (null: the service's defaults), scanners turned off for the organization and per repository (a
    // repository's own on/off per scanner family overrides the organization's), history retention (null:
    // keep), what the credential's last check found, and one audit row per change an administrator makes.
    // The audit log holds no secret: before/after carry settings, never a credential.
    id: '013_settings_audit',
    sql: `
ALTER TABLE organizations ADD COLUMN discovery_interval_hours integer CHECK (discovery_interval_hours BETWEEN 1 AND 168);
ALTER TABLE organizations ADD COLUMN scan_interval_hours integer CHECK (scan_interval_hours BETWEEN 1 AND 720);
ALTER TABLE organizations ADD COLUMN disabled_scanners jsonb NOT NULL DEFAULT '[]';
ALTER TABLE organizations ADD COLUMN history_retention_days integer CHECK (history_retention_days BETWEEN 30 AND 3650);
ALTER TABLE organizations ADD COLUMN last_discovery_requested_at timestamptz;
ALTER TABLE organizations ADD COLUMN last_pruned_at timestamptz;
ALTER TABLE repositories ADD COLUMN scanner_overrides jsonb;
ALTER TABLE credentials ADD COLUMN scope_gaps jsonb;
ALTER TABLE credentials ADD COLUMN replaced_at timestamptz;
ALTER TABLE credentials ADD COLUMN replaced_by_name text;

CREATE TABLE audit_log (
  org_id      uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  id          uuid NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    text NOT NULL,
  actor_name  text,
  action      text NOT NULL,
  target      text,
  before      jsonb,
  after       jsonb,
  request_id  text,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX audit_log_at ON audit_log (org_id, at DESC, id DESC);
CREATE INDEX audit_log_action ON audit_log (org_id, action, at DESC, id DESC);
`,
  },
  {
    // The pipeline task (issue 17): upload tokens an organization administrator creates (only the SHA-256
    // of the token is kept), the runs the task reported, and each run's findings as the run saw them
    // (run-scoped: a pipeline scans a PR or a branch, not the default branch the findings table tracks).
    id: '014_pipeline',
    sql: `
CREATE TABLE pipeline_tokens (
  org_id          uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  token_id        uuid NOT NULL,
  name            text NOT NULL,
  token_hash      bytea NOT NULL,
  created_by      text NOT NULL,
  created_by_name text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_used_at    timestamptz,
  revoked_at      timestamptz,
  revoked_by      text,
  PRIMARY KEY (org_id, token_id)
);
CREATE UNIQUE INDEX pipeline_tokens_hash ON pipeline_tokens (token_hash);

CREATE TABLE pipeline_runs (
  org_id          uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  run_id          uuid NOT NULL,
  token_id        uuid NOT NULL,
  project_id      text NOT NULL,
  project_name    text,
  pipeline_id     integer NOT NULL,
  pipeline_name   text,
  build_id        integer NOT NULL,
  build_number    text,
  reason          text,
  source_branch   text,
  commit_sha      text,
  repo_id         text,
  repo_name       text,
  pull_request_id integer,
  target_branch   text,
  verdict         text NOT NULL CHECK (verdict IN ('succeeded', 'succeededWithIssues', 'failed')),
  categories      jsonb NOT NULL DEFAULT '[]',
  counts          jsonb NOT NULL DEFAULT '{}',
  findings        integer NOT NULL DEFAULT 0,
  received_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, run_id)
);
CREATE INDEX pipeline_runs_branch ON pipeline_runs (org_id, repo_id, source_branch, received_at DESC);
CREATE INDEX pipeline_runs_build ON pipeline_runs (org_id, build_id);

CREATE TABLE pipeline_findings (
  org_id          uuid NOT NULL,
  run_id          uuid NOT NULL,
  finding_id      uuid NOT NULL,
  repo_id         text,
  project_id      text NOT NULL,
  fingerprint     text NOT NULL,
  tool            text NOT NULL,
  rule_id         text NOT NULL,
  category        text NOT NULL,
  severity        text NOT NULL,
  severity_rank   smallint NOT NULL,
  confidence      text NOT NULL,
  title           text NOT NULL,
  message         text NOT NULL,
  location        jsonb NOT NULL,
  remediation     text NOT NULL DEFAULT '',
  help_uri        text,
  cwe             jsonb,
  baseline_state  text,
  suppressed      boolean NOT NULL DEFAULT false,
  PRIMARY KEY (org_id, finding_id),
  FOREIGN KEY (org_id, run_id) REFERENCES pipeline_runs (org_id, run_id) ON DELETE CASCADE
);
CREATE INDEX pipeline_findings_run ON pipeline_findings (org_id, run_id, severity_rank);
`,
  },
  {
    // Scale (issue 21). A scan request carries the branch head its discovery read (and when, database
    // time), so the scan need not read it again while it is fresh. One request budget per ADO identity
    // and organization, shared by every process: a token bucket (tokens, refilled as time passes) and
    // the pause a 429's Retry-After asks for. The findings list's default order (live secrets first,
    // then severity, newest) and its date sorts as indexes, so a page reads its rows in order and stops
    // at the limit.
    id: '015_scale',
    sql: `
ALTER TABLE scan_requests ADD COLUMN pending_head_sha text, ADD COLUMN pending_head_read_at timestamptz;
CREATE TABLE ado_request_budgets (
  identity_key text PRIMARY KEY,
  tokens       double precision NOT NULL,
  refilled_at  timestamptz NOT NULL,
  paused_until timestamptz
);
CREATE INDEX findings_page ON findings
  (org_id, state, (CASE WHEN verification = 'verified' THEN 0 ELSE 1 END), severity_rank, last_seen_at DESC, finding_id);
CREATE INDEX findings_last_seen ON findings (org_id, state, last_seen_at DESC);
CREATE INDEX findings_first_seen ON findings (org_id, state, first_seen_at);
`,
  },
  {
    // Live progress of a running scan (phase, files done of total, findings so far), written by its job
    // at most every half second and at each phase; the hub polls it while something scans.
    id: '016_console',
    sql: `
ALTER TABLE scans ADD COLUMN progress jsonb;
`,
  },
];
