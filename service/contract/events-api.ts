// The /api/v1 wire contract of event-driven scanning and the pull-request gate (issue 14): how ADO's
// events reach an organization (webhooks or polling), and what the PR tab shows. Same conventions as
// api.ts (zod schemas; the hub takes type-only imports).
import { z } from 'zod';
import { categorySchema, scanWarningSchema, severitySchema } from './model';

const isoTime = z.string();

// ---- event delivery ---------------------------------------------------------------------------------

/** hooks: ADO delivers service hook events; polling: Vigil asks every VIGIL_POLL_MINUTES; unknown: not yet set up. */
export const EVENT_MODES = ['hooks', 'polling', 'unknown'] as const;
export type EventMode = (typeof EVENT_MODES)[number];

/** The event types Vigil subscribes to, per project. */
export const HOOK_EVENT_TYPES = ['git.push', 'git.pullrequest.created', 'git.pullrequest.updated', 'git.pullrequest.merged', 'build.complete'] as const;
export type HookEventType = (typeof HOOK_EVENT_TYPES)[number];

export const hookSubscriptionDtoSchema = z.object({
  id: z.string(),
  eventType: z.string(),
  projectId: z.string(),
  projectName: z.string().optional(),
  /** ADO's status (enabled, onProbation, disabledBySystem, disabledByUser...) or missing (deleted in ADO). */
  status: z.string(),
  checkedAt: isoTime,
  lastError: z.string().optional(),
});
export type HookSubscriptionDto = z.infer<typeof hookSubscriptionDtoSchema>;

/** GET /api/v1/organization/events */
export const eventDeliveryDtoSchema = z.object({
  mode: z.enum(EVENT_MODES),
  /** Why polling, in words an administrator acts on (the missing PAT scope, no VIGIL_PUBLIC_URL...). */
  modeReason: z.string().optional(),
  /** Where ADO delivers (the receiver's URL without its secret); absent when no public URL is configured. */
  receiverUrl: z.string().optional(),
  pollMinutes: z.number().int().positive(),
  lastEventAt: isoTime.optional(),
  lastPollAt: isoTime.optional(),
  checkedAt: isoTime.optional(),
  eventsIgnored: z.number().int().min(0),
  subscriptions: z.array(hookSubscriptionDtoSchema),
});
export type EventDeliveryDto = z.infer<typeof eventDeliveryDtoSchema>;

// ---- the pull-request gate ----------------------------------------------------------------------------

export const PR_SCAN_STATES = ['queued', 'running', 'done', 'failed'] as const;
export const PR_VERDICTS = ['succeeded', 'failed', 'error'] as const;
export const PR_THREAD_STATES = ['active', 'fixed', 'closed'] as const;

/** A finding of a pull-request scan, as stored with the scan (these never enter the findings table). */
export const pullRequestFindingDtoSchema = z.object({
  fingerprint: z.string(),
  ruleId: z.string(),
  title: z.string(),
  severity: severitySchema,
  category: categorySchema,
  path: z.string(),
  line: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
  message: z.string().optional(),
  remediation: z.string().optional(),
  helpUrl: z.string().optional(),
  /** The file and line in ADO at the PR's source commit. */
  webUrl: z.string().optional(),
  /** On a line the PR adds or changes and not open on the target branch. */
  isNew: z.boolean(),
  /** The default branch's finding it matches (existing findings). */
  findingId: z.string().optional(),
  threadId: z.number().int().optional(),
  threadState: z.enum(PR_THREAD_STATES).optional(),
});
export type PullRequestFindingDto = z.infer<typeof pullRequestFindingDtoSchema>;

export const pullRequestScanDtoSchema = z.object({
  id: z.string(),
  repositoryId: z.string(),
  pullRequestId: z.number().int().positive(),
  iterationId: z.number().int().positive().optional(),
  sourceCommit: z.string().optional(),
  targetCommit: z.string().optional(),
  state: z.enum(PR_SCAN_STATES),
  verdict: z.enum(PR_VERDICTS).optional(),
  /** The lowest severity of a new finding that fails the gate, when this scan ran. */
  gateSeverity: severitySchema.optional(),
  filesChanged: z.number().int().min(0).optional(),
  queuedAt: isoTime,
  startedAt: isoTime.optional(),
  finishedAt: isoTime.optional(),
  durationMs: z.number().int().min(0).optional(),
  error: z.string().optional(),
  warnings: z.array(scanWarningSchema),
  newFindings: z.array(pullRequestFindingDtoSchema),
  existingFindings: z.array(pullRequestFindingDtoSchema),
});
export type PullRequestScanDto = z.infer<typeof pullRequestScanDtoSchema>;

/** GET /api/v1/repositories/:repoId/pull-requests/:prId */
export const pullRequestSecurityDtoSchema = z.object({
  pullRequest: z.object({
    id: z.number().int().positive(),
    repositoryId: z.string(),
    title: z.string().optional(),
    status: z.string(),
    sourceRef: z.string(),
    targetRef: z.string(),
    createdBy: z.string().optional(),
    webUrl: z.string().optional(),
  }),
  /** Null until Vigil scanned the PR (no event yet, or the PR's target is not a branch Vigil gates). */
  latestScan: pullRequestScanDtoSchema.nullable(),
  gate: z.object({ severity: severitySchema, source: z.enum(['organization', 'repository']) }),
  comments: z.boolean(),
  eventMode: z.enum(EVENT_MODES),
});
export type PullRequestSecurityDto = z.infer<typeof pullRequestSecurityDtoSchema>;
