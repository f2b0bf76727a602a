// The /api/v1 wire contract of the organization's settings (issue 20): the schedule, the scanners turned
// on or off (for the organization and per repository), history retention, the credential and the audit
// log. Same conventions as api.ts (zod schemas; the hub takes type-only imports and the plain constants).
import { z } from 'zod';
import { postureScopeGapSchema, organizationSettingsSchema } from './api';
import { DISCOVERY_INTERVAL_HOURS, RETENTION_DAYS, SCAN_INTERVAL_HOURS, SCANNER_FAMILIES } from './settings-vocabulary';

export * from './settings-vocabulary';

const families = z
  .array(z.enum(SCANNER_FAMILIES))
  .max(SCANNER_FAMILIES.length)
  .refine((xs) => new Set(xs).size === xs.length, 'must not name a scanner family twice');

const hours = (b: { min: number; max: number }) =>
  z
    .number()
    .int('must be a whole number of hours')
    .min(b.min, `must be at least ${b.min} hour${b.min === 1 ? '' : 's'}`)
    .max(b.max, `must be at most ${b.max} hours`)
    .nullable();

// ---- organization settings ------------------------------------------------------------------------

/**
 * PUT /api/v1/organization/settings (organization administrators): the schedule, the scanners and the
 * retention, all four replaced (null: the service's default; for retention, keep everything). The
 * other settings (secret verification, gate, comments) change through PATCH, as before.
 */
export const scanSettingsSchema = z
  .object({
    /** Hours between discoveries of the organization's repositories; null: the service's schedule. */
    discoveryIntervalHours: hours(DISCOVERY_INTERVAL_HOURS),
    /** A repository is scanned again in full when its last full scan is older than this; null: the service's. */
    scanIntervalHours: hours(SCAN_INTERVAL_HOURS),
    /** Scanner families no repository runs, unless the repository turns one on for itself. */
    disabledScanners: families,
    /** Scans, fixed findings and assessment history older than this many days are deleted daily; null: kept. */
    historyRetentionDays: z
      .number()
      .int('must be a whole number of days')
      .min(RETENTION_DAYS.min, `must be at least ${RETENTION_DAYS.min} days`)
      .max(RETENTION_DAYS.max, `must be at most ${RETENTION_DAYS.max} days`)
      .nullable(),
  })
  .strict();
export type ScanSettings = z.infer<typeof scanSettingsSchema>;

/** What null means in the schedule: the service's own configuration. */
export const scheduleDefaultsSchema = z.object({
  /** VIGIL_DISCOVERY_CRON, e.g. "0 *\/8 * * *". */
  discoveryCron: z.string(),
  /** The cron in hours when it is a plain "every N hours" (the hub says "every 8 hours"). */
  discoveryEveryHours: z.number().int().optional(),
  /** VIGIL_RESCAN_HOURS. */
  scanIntervalHours: z.number().int(),
});
export type ScheduleDefaults = z.infer<typeof scheduleDefaultsSchema>;

/** GET /api/v1/organization/settings (any member of the organization; the answer of PATCH and PUT). */
export const fullOrganizationSettingsSchema = organizationSettingsSchema.extend(scanSettingsSchema.shape).extend({
  defaults: scheduleDefaultsSchema,
});
export type FullOrganizationSettings = z.infer<typeof fullOrganizationSettingsSchema>;

// ---- per repository -------------------------------------------------------------------------------

/**
 * PUT /api/v1/repositories/:repoId/scanners (organization administrators): the repository's own on/off
 * per scanner family; a family left out follows the organization. `{}` clears every override.
 */
export const repositoryScannersRequestSchema = z
  .object({
    overrides: z.partialRecord(z.enum(SCANNER_FAMILIES), z.boolean()),
  })
  .strict();
export type RepositoryScannersRequest = z.infer<typeof repositoryScannersRequestSchema>;

/** GET and PUT .../scanners: each family on or off for this repository, and why. */
export const repositoryScannersDtoSchema = z.object({
  repositoryId: z.string(),
  scanners: z.array(
    z.object({
      family: z.enum(SCANNER_FAMILIES),
      enabled: z.boolean(),
      /** 'repository': this repository's own choice; 'organization': the organization's. */
      source: z.enum(['organization', 'repository']),
    }),
  ),
});
export type RepositoryScannersDto = z.infer<typeof repositoryScannersDtoSchema>;

// ---- credential -----------------------------------------------------------------------------------

/** GET /api/v1/organization/credential (administrators): how Vigil reaches the organization. Never the secret. */
export const credentialDtoSchema = z.object({
  kind: z.enum(['pat', 'service-principal']),
  /** Who the credential acts as in Azure DevOps (connectionData's user). */
  actsAs: z.string().optional(),
  connectedBy: z.string(),
  connectedAt: z.string(),
  replacedAt: z.string().optional(),
  replacedBy: z.string().optional(),
  /** When Vigil last checked the credential's scopes or permissions against Azure DevOps. */
  checkedAt: z.string(),
  /** PAT scopes a full posture assessment lacked at that check (none: every area readable; absent: not known). */
  postureScopeGaps: z.array(postureScopeGapSchema).optional(),
});
export type CredentialDto = z.infer<typeof credentialDtoSchema>;

// PUT /api/v1/organization/credential takes connectRequestSchema (api.ts): the same organization URL
// and a PAT or a service principal; checked against Azure DevOps exactly as connect does. Answer: CredentialDto.

// ---- audit log ------------------------------------------------------------------------------------

/** "area.verb": lower case words and dashes, at least one dot. */
export const AUDIT_ACTION_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

/** GET /api/v1/organization/audit-log?action=&cursor=&limit= (administrators; newest first). */
export const auditLogQuerySchema = z.object({
  action: z.string().max(100).regex(AUDIT_ACTION_PATTERN, 'is not an audit action (area.verb)').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export const auditEntryDtoSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), displayName: z.string().optional() }),
  action: z.string(),
  target: z.string().optional(),
  /** The changed values before and after (settings only; never a secret). */
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  requestId: z.string().optional(),
});
export type AuditEntryDto = z.infer<typeof auditEntryDtoSchema>;

export const auditLogPageSchema = z.object({
  items: z.array(auditEntryDtoSchema),
  /** Opaque; pass back as ?cursor= for the next (older) page. Absent on the last page. */
  nextCursor: z.string().optional(),
  /** Every action the organization's log holds, for the filter. */
  actions: z.array(z.string()),
});
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;

