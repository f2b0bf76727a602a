// The /api/v1 wire shapes, shared by the service (producer) and web/ (consumer, type-only import).
// Every request carries:
//   Authorization: Bearer <SDK.getAppToken()>          (HS256, verified by the service)
//   X-Vigil-Access-Token: <SDK.getAccessToken()>       (used by the service to ask ADO who the user is)
//   X-Vigil-Org: <SDK.getHost().name>                  (a hint of where to ask; never trusted as identity)
// Errors are RFC 9457 problem+json: { type, title, status, detail, instance?, errors? }.

import type { Category, Confidence, ScannerRun, ScanWarning, Severity } from '../engine/types';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Field-level validation messages. */
  errors?: { path: string; message: string }[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  /** Opaque; pass back as ?cursor= to get the next page. Absent on the last page. */
  nextCursor?: string;
}

/** GET /api/v1/me */
export interface MeResponse {
  user: { id: string; displayName: string };
  organization: { name: string; connected: boolean; id?: string; url?: string };
  isOrgAdmin: boolean;
}

/** POST /api/v1/organization/connect */
export interface ConnectRequest {
  /** https://dev.azure.com/{org} (or an ADO Server collection URL). */
  organizationUrl: string;
  pat: string;
}

/** GET /api/v1/organization (and the 201 of connect) */
export interface OrganizationDto {
  id: string;
  name: string;
  url: string;
  connectedAt: string;
  connectedBy: string;
  credentialKind: 'pat';
  lastDiscoveryAt?: string;
  /** Why the last discovery failed (e.g. the PAT expired); absent after a good one. */
  lastDiscoveryError?: string;
  repositoryCount: number;
}

export type ScanState = 'never' | 'queued' | 'running' | 'done' | 'failed';

export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
}

/** GET /api/v1/repositories?project=&cursor=&limit= */
export interface RepositoryDto {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  defaultBranch?: string;
  webUrl?: string;
  isDisabled: boolean;
  isEmpty: boolean;
  /** never: not scanned yet; skipped repos (disabled / empty) stay 'never' with skipReason. */
  scanState: ScanState;
  skipReason?: string;
  lastScan?: ScanDto;
  /** Open findings by severity. */
  openFindings: SeverityCounts;
}

/** GET /api/v1/scans?repository=&cursor=&limit= */
export interface ScanDto {
  id: string;
  repositoryId: string;
  repositoryName?: string;
  commitSha?: string;
  state: Exclude<ScanState, 'never'>;
  trigger: 'discovery' | 'manual' | 'push' | 'schedule';
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  error?: string;
  filesScanned?: number;
  findingsNew?: number;
  findingsFixed?: number;
  findingsOpen?: number;
  scanners: ScannerRun[];
  warnings: ScanWarning[];
}

/** POST /api/v1/scans { repositoryId? } — omit repositoryId to scan every repository. 202 */
export interface TriggerScanRequest {
  repositoryId?: string;
}
export interface TriggerScanResponse {
  queued: number;
  scans: { id: string; repositoryId: string }[];
}

/** suppressed: an inline `vigil:ignore` or a .vigil.yml entry in the repository says so. */
export type FindingState = 'open' | 'fixed' | 'dismissed' | 'suppressed';

export type DismissalReason = 'false-positive' | 'accepted-risk' | 'used-in-tests' | 'revoked';

/** PUT /api/v1/findings/:id/dismissal — dismisses every location of the finding's alert. DELETE reopens. */
export interface DismissRequest {
  reason: DismissalReason;
  comment?: string;
  /** YYYY-MM-DD, inclusive; after it the alert reopens by itself. */
  expires?: string;
}

export interface DismissalDto extends DismissRequest {
  by: string;
  byName?: string;
  at: string;
  /** The expiry passed and the alert reopened. */
  expired?: boolean;
}

/** Where a finding is: repository, project, file and line, with a link to that line in ADO. */
export interface FindingPlace {
  repositoryId: string;
  repositoryName: string;
  projectId: string;
  projectName: string;
  path: string;
  line: number;
  /** Link to the file at that line in ADO. */
  webUrl?: string;
}

/** One place an alert was seen (a secret can sit in several files and repositories). */
export interface FindingLocationDto extends FindingPlace {
  findingId: string;
  state: FindingState;
  lastSeenAt: string;
}

/**
 * GET /api/v1/findings?severity=high,critical&category=secret&repository=ID&state=open&project=ID&group=credential&cursor=&limit=
 * With group=credential, one item per alert: every location of one secret value is in `locations`.
 */
export interface FindingDto extends FindingPlace {
  id: string;
  fingerprint: string;
  ruleId: string;
  title: string;
  severity: Severity;
  category: Category;
  confidence: Confidence;
  message: string;
  state: FindingState;
  /** Secrets only: masked preview. */
  preview?: string;
  remediation: string;
  helpUri?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  fixedAt?: string;
  commitSha?: string;
  /** Why it is suppressed (inline comment or .vigil.yml), when state is 'suppressed'. */
  suppression?: { kind: 'inline' | 'file' | 'baseline'; reason: string; expires?: string };
  /** Present when dismissed (or when a dismissal expired). */
  dismissal?: DismissalDto;
  /** With group=credential: every location of this alert, this one included. */
  locations?: FindingLocationDto[];
}
