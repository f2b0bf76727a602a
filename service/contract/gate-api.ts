// The /api/v1 wire contract of the pull-request gate's settings (issue 14): a repository's own gate
// severity, and the helper that makes Vigil's PR status a required check. Same conventions as api.ts
// (zod schemas; the hub takes type-only imports).
import { z } from 'zod';
import { GATE_SEVERITIES } from './vocabulary';

/** The PR status Vigil posts: a Status branch policy requires `vigil/security` (genre/name). */
export const VIGIL_STATUS_CONTEXT = { genre: 'vigil', name: 'security' } as const;

const repositoryId = z.string().min(1).max(100);

/** PUT /api/v1/repositories/:repoId/gate: the repository's gate severity; null follows the organization's. */
export const repositoryGateRequestSchema = z.object({ severity: z.enum(GATE_SEVERITIES).nullable() }).strict();
export type RepositoryGateRequest = z.infer<typeof repositoryGateRequestSchema>;

/** GET and PUT .../gate: the severity in force for the repository's pull requests and where it comes from. */
export const repositoryGateDtoSchema = z.object({
  repositoryId: z.string(),
  severity: z.enum(GATE_SEVERITIES),
  source: z.enum(['organization', 'repository']),
});
export type RepositoryGateDto = z.infer<typeof repositoryGateDtoSchema>;

/** POST /api/v1/repositories/required-status-policy: require Vigil's status on each repository's default branch. */
export const requireStatusPolicyRequestSchema = z
  .object({
    repositoryIds: z.array(repositoryId).min(1).max(200),
    /** false: an optional policy (shown on the PR, does not block completion). Default true. */
    blocking: z.boolean().default(true),
  })
  .strict();
export type RequireStatusPolicyRequest = z.input<typeof requireStatusPolicyRequestSchema>;

export const REQUIRE_STATUS_OUTCOMES = ['created', 'exists', 'failed'] as const;

export const requireStatusPolicyResultSchema = z.object({
  repositoryId: z.string(),
  repositoryName: z.string().optional(),
  outcome: z.enum(REQUIRE_STATUS_OUTCOMES),
  /** The branch the policy guards. */
  refName: z.string().optional(),
  /** The created or found policy configuration. */
  policyId: z.number().int().optional(),
  /** Why it failed, in words an administrator acts on. */
  reason: z.string().optional(),
});
export type RequireStatusPolicyResult = z.infer<typeof requireStatusPolicyResultSchema>;

export const requireStatusPolicyResponseSchema = z.object({ results: z.array(requireStatusPolicyResultSchema) });
export type RequireStatusPolicyResponse = z.infer<typeof requireStatusPolicyResponseSchema>;
