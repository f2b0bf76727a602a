// The wire contract between the Vigil pipeline task (tasks/vigil-scan, issue 17) and the service: the task
// uploads a run's SARIF with the build it ran for, authenticated by a pipeline upload token an organization
// administrator creates in the hub (the task reads it from a generic service connection's password), and may
// ask for the target branch's last results as a baseline. Same conventions as api.ts (zod; type-only in web/).
import { z } from 'zod';

/** Pipeline upload tokens start with this, so a leaked one is recognisable (and the secrets scanner can find it). */
export const PIPELINE_TOKEN_PREFIX = 'vgp_';

const id = z.string().min(1).max(200);

/** What the build was, from the agent's predefined variables (System.*, Build.*). */
export const pipelineRunInfoSchema = z
  .object({
    /** System.CollectionUri, e.g. https://dev.azure.com/contoso/: must be the token's organization. */
    organizationUrl: z.string().url(),
    project: z.object({ id, name: z.string().max(200).optional() }).strict(),
    pipeline: z.object({ id: z.number().int().nonnegative(), name: z.string().max(500).optional() }).strict(),
    build: z
      .object({
        id: z.number().int().positive(),
        number: z.string().max(200).optional(),
        /** Build.Reason: PullRequest, IndividualCI, Manual, Schedule... */
        reason: z.string().max(100).optional(),
        sourceBranch: z.string().max(500).optional(),
        sourceVersion: z.string().max(100).optional(),
      })
      .strict(),
    repository: z.object({ id, name: z.string().max(500).optional(), type: z.string().max(50).optional() }).strict().optional(),
    /** System.PullRequest.PullRequestId, when the build ran for a pull request. */
    pullRequestId: z.number().int().positive().optional(),
    /** System.PullRequest.TargetBranch, when the build ran for a pull request. */
    targetBranch: z.string().max(500).optional(),
  })
  .strict();
export type PipelineRunInfo = z.infer<typeof pipelineRunInfoSchema>;

/** POST /api/v1/pipeline/runs (Authorization: Bearer vgp_…): a finished task run and its SARIF 2.1.0 log. */
export const pipelineRunUploadSchema = z
  .object({
    run: pipelineRunInfoSchema,
    /** The task's verdict by its fail-on rule. */
    verdict: z.enum(['succeeded', 'succeededWithIssues', 'failed']),
    /** The categories the task scanned (secret, iac, code, deps, license, package-risk). */
    categories: z.array(z.string().max(50)).max(20),
    /** The SARIF log the task wrote (secrets already redacted by the engine). */
    sarif: z.record(z.string(), z.unknown()),
  })
  .strict();
export type PipelineRunUpload = z.infer<typeof pipelineRunUploadSchema>;

export const pipelineRunUploadResponseSchema = z.object({
  runId: z.string(),
  findings: z.number().int(),
  /** Link to the run's findings in the hub, when the service knows its public address. */
  hubUrl: z.string().optional(),
});
export type PipelineRunUploadResponse = z.infer<typeof pipelineRunUploadResponseSchema>;

/** GET /api/v1/pipeline/baseline?repositoryId=&branch=: fingerprints of the open findings on that branch's last scan. */
export const pipelineBaselineResponseSchema = z.object({
  repositoryId: z.string(),
  branch: z.string(),
  commit: z.string().optional(),
  scannedAt: z.string().optional(),
  fingerprints: z.array(z.string()),
  /**
   * The organization's key for secrets' fingerprints (an HMAC key: a secret's fingerprint holds
   * HMAC(key, value), never the value). The task scans with it so that a secret already on the branch
   * matches, and so that its upload's fingerprints are the hub's. Never logged, never written out.
   */
  secretSalt: z.string().min(1).optional(),
});
export type PipelineBaselineResponse = z.infer<typeof pipelineBaselineResponseSchema>;

// ---- pipeline upload tokens (hub: Organization settings › Vigil › Settings › Pipeline tokens; administrators) ----

/** A token as the hub lists it: never the token, never its hash. */
export const pipelineTokenDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdBy: z.string(),
  createdByName: z.string().optional(),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
export type PipelineTokenDto = z.infer<typeof pipelineTokenDtoSchema>;

/** POST /api/v1/pipeline/tokens */
export const createPipelineTokenRequestSchema = z
  .object({ name: z.string().trim().min(1, 'Give the token a name (e.g. the pipeline or team it is for)').max(100) })
  .strict();
export type CreatePipelineTokenRequest = z.infer<typeof createPipelineTokenRequestSchema>;

/** The answer to a creation: the only time the token itself is shown. */
export const createdPipelineTokenSchema = z.object({ token: z.string().startsWith(PIPELINE_TOKEN_PREFIX), info: pipelineTokenDtoSchema });
export type CreatedPipelineToken = z.infer<typeof createdPipelineTokenSchema>;

/** GET /api/v1/pipeline/tokens */
export const pipelineTokenListSchema = z.object({ items: z.array(pipelineTokenDtoSchema) });
export type PipelineTokenList = z.infer<typeof pipelineTokenListSchema>;

/** GET /api/v1/pipeline/baseline query. */
export const pipelineBaselineQuerySchema = z
  .object({
    repositoryId: id,
    /** `main` or `refs/heads/main`. */
    branch: z.string().trim().min(1).max(500),
  })
  .strict();
