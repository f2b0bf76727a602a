// What ADO's webHooks consumer POSTs to the receiver (ado-rest.md §12 "Delivery payload"): the envelope
// every event shares, and the resource of each event type Vigil subscribes to. Only the fields Vigil
// reads are required; the rest pass through (ADO adds fields over time, and a payload sent with
// resourceDetailsToSend 'all' carries many). Unknown event types are judged by the envelope alone.
import { z } from 'zod';
import type { HookEventType } from './events-api';

const guidish = z.string().min(1).max(200);
const commitId = z.string().regex(/^[0-9a-f]{40}$/i, 'must be a 40-hex commit id');
const container = z.object({ id: guidish }).passthrough();

/** The fields every delivery carries. `id` is the event's id: a retry of the same event carries it again. */
export const hookEnvelopeSchema = z
  .object({
    id: guidish,
    eventType: z.string().min(1).max(200),
    publisherId: z.string().optional(),
    subscriptionId: z.string().optional(),
    notificationId: z.number().optional(),
    resourceVersion: z.string().optional(),
    resourceContainers: z
      .object({ collection: container.optional(), account: container.optional(), project: container.optional() })
      .passthrough()
      .optional(),
    createdDate: z.string().optional(),
    resource: z.record(z.string(), z.unknown()),
  })
  .passthrough();
export type HookEnvelope = z.infer<typeof hookEnvelopeSchema>;

const repositoryRef = z
  .object({
    id: guidish,
    name: z.string().optional(),
    project: z.object({ id: guidish, name: z.string().optional() }).passthrough(),
    defaultBranch: z.string().optional(),
  })
  .passthrough();

/** git.push: the refs it moved. A deleted branch has a newObjectId of forty zeros (UNVERIFIED, ado-rest.md §12). */
export const pushResourceSchema = z
  .object({
    repository: repositoryRef,
    refUpdates: z.array(z.object({ name: z.string().min(1), oldObjectId: commitId.optional(), newObjectId: commitId }).passthrough()).max(10_000),
    pushId: z.number().optional(),
    date: z.string().optional(),
  })
  .passthrough();
export type PushResource = z.infer<typeof pushResourceSchema>;

const commitRef = z.object({ commitId }).passthrough();

/** git.pullrequest.created / updated / merged: a GitPullRequest. */
export const pullRequestResourceSchema = z
  .object({
    repository: repositoryRef,
    pullRequestId: z.number().int().positive(),
    status: z.string().min(1),
    sourceRefName: z.string().min(1),
    targetRefName: z.string().min(1),
    title: z.string().optional(),
    isDraft: z.boolean().optional(),
    lastMergeSourceCommit: commitRef.optional(),
    lastMergeTargetCommit: commitRef.optional(),
    lastMergeCommit: commitRef.optional(),
    creationDate: z.string().optional(),
    closedDate: z.string().optional(),
    createdBy: z.object({ id: z.string(), displayName: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type PullRequestResource = z.infer<typeof pullRequestResourceSchema>;

/**
 * build.complete: modern payloads carry a full Build (ado-rest.md §11.4); the documented sample is a
 * XAML-era shape. Either way the id is what the record-build job needs: it reads the build itself.
 */
export const buildResourceSchema = z
  .object({
    id: z.number().int().positive(),
    project: z.object({ id: guidish }).passthrough().optional(),
    definition: z.object({ id: z.number().optional(), project: z.object({ id: guidish }).passthrough().optional() }).passthrough().optional(),
  })
  .passthrough();
export type BuildResource = z.infer<typeof buildResourceSchema>;

export const HOOK_RESOURCE_SCHEMAS: Record<HookEventType, z.ZodType> = {
  'git.push': pushResourceSchema,
  'git.pullrequest.created': pullRequestResourceSchema,
  'git.pullrequest.updated': pullRequestResourceSchema,
  'git.pullrequest.merged': pullRequestResourceSchema,
  'build.complete': buildResourceSchema,
};

/** A delivered event Vigil handles, its resource parsed by its type's schema. */
export type HookEvent =
  | (HookEnvelope & { eventType: 'git.push'; resource: PushResource })
  | (HookEnvelope & { eventType: 'git.pullrequest.created' | 'git.pullrequest.updated' | 'git.pullrequest.merged'; resource: PullRequestResource })
  | (HookEnvelope & { eventType: 'build.complete'; resource: BuildResource });

export type ParsedDelivery =
  | { kind: 'event'; event: HookEvent }
  | { kind: 'unknown-type'; envelope: HookEnvelope }
  | { kind: 'invalid'; problems: string[] };

const isHandled = (t: string): t is HookEventType => Object.prototype.hasOwnProperty.call(HOOK_RESOURCE_SCHEMAS, t);

/** The body of a delivery, judged by the envelope, then by its event type's resource schema. */
export function parseDelivery(body: unknown): ParsedDelivery {
  const envelope = hookEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { kind: 'invalid', problems: issues(envelope.error) };
  const { eventType } = envelope.data;
  if (!isHandled(eventType)) return { kind: 'unknown-type', envelope: envelope.data };
  const resource = HOOK_RESOURCE_SCHEMAS[eventType].safeParse(envelope.data.resource);
  if (!resource.success) return { kind: 'invalid', problems: issues(resource.error, 'resource') };
  return { kind: 'event', event: { ...envelope.data, resource: resource.data } as HookEvent };
}

const issues = (err: z.ZodError, prefix?: string): string[] =>
  err.issues.slice(0, 10).map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || 'body'}: ${i.message}`);

/** The receiver's 202 answer: what became of the event. */
export const HOOK_OUTCOMES = ['queued', 'coalesced', 'recorded', 'ignored', 'duplicate'] as const;
export type HookOutcome = (typeof HOOK_OUTCOMES)[number];
export const hookAckSchema = z.object({ outcome: z.enum(HOOK_OUTCOMES) });
export type HookAck = z.infer<typeof hookAckSchema>;
