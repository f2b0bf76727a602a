// The /api/v1 wire contract of repository selection (issue 14 §5): which repositories of an
// organization Vigil scans and shows. Same conventions as api.ts (zod schemas; the hub takes type-only
// imports).
//  - 'all-future': every repository, including ones created later (the default);
//  - 'all': every repository that existed when an administrator chose this mode (their ids are stored in
//    `repositoryIds`); a repository created later is not scanned until it is chosen;
//  - 'selected': only the repositories in `repositoryIds`.
// `includeProjects` (when not empty: only these projects) and `excludeProjects` (never these) apply on
// top of the mode.
import { z } from 'zod';

export const SELECTION_MODES = ['all-future', 'all', 'selected'] as const;
export type SelectionMode = (typeof SELECTION_MODES)[number];

/** An ADO repository or project id (a GUID), or Vigil's tfvc: id of a TFVC project. */
const adoId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._$/-]+$/, 'is not an Azure DevOps id');
/** Large organizations have thousands of repositories; the cap keeps one row's JSON reasonable. */
const adoIds = z.array(adoId).max(20_000);

/** What organizations.repo_selection holds. */
export const repositorySelectionSchema = z.object({
  mode: z.enum(SELECTION_MODES),
  /** 'all': the repositories known when the mode was chosen; 'selected': the chosen ones; else absent. */
  repositoryIds: adoIds.optional(),
  includeProjects: adoIds.optional(),
  excludeProjects: adoIds.optional(),
});
export type RepositorySelection = z.infer<typeof repositorySelectionSchema>;

export const DEFAULT_SELECTION: RepositorySelection = { mode: 'all-future' };

/**
 * PUT /api/v1/organization/repository-selection. For 'all' the service stores the repositories it
 * knows at that moment (any `repositoryIds` sent are ignored; saving 'all' again keeps the list taken
 * when 'all' was chosen). When the new selection excludes repositories that have stored findings, the
 * service answers 409 (type confirm-delete, with `repositoriesToDelete`) unless `confirmDelete` is true.
 */
export const repositorySelectionRequestSchema = repositorySelectionSchema
  .extend({ confirmDelete: z.boolean().optional() })
  .strict()
  .refine((s) => s.mode !== 'selected' || s.repositoryIds !== undefined, { message: "'selected' needs repositoryIds (the chosen repositories)", path: ['repositoryIds'] });
export type RepositorySelectionRequest = z.infer<typeof repositorySelectionRequestSchema>;

export const selectableRepositoryDtoSchema = z.object({
  id: z.string(),
  name: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  /** Scanned and shown under the current selection. */
  included: z.boolean(),
  /** Why Vigil cannot scan it whatever the selection (disabled, empty, TFVC). */
  skipReason: z.string().optional(),
});
export type SelectableRepositoryDto = z.infer<typeof selectableRepositoryDtoSchema>;

/** GET (and the answer of PUT) /api/v1/organization/repository-selection: the selection and what it can pick from. */
export const repositorySelectionResponseSchema = z.object({
  selection: repositorySelectionSchema,
  projects: z.array(z.object({ id: z.string(), name: z.string(), repositories: z.number().int().nonnegative() })),
  /** Every live repository discovery found, included or not, by project then name. */
  repositories: z.array(selectableRepositoryDtoSchema),
  /** After a PUT: what was deleted with the repositories it excluded. */
  deleted: z.object({ repositories: z.number().int().nonnegative(), findings: z.number().int().nonnegative() }).optional(),
});
export type RepositorySelectionResponse = z.infer<typeof repositorySelectionResponseSchema>;

/** The 409 problem's extension members: how many repositories would lose their findings, and which (the first 50). */
export const confirmDeleteProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.literal(409),
  detail: z.string(),
  repositoriesToDelete: z.number().int().positive(),
  repositories: z.array(z.object({ id: z.string(), name: z.string(), projectName: z.string() })),
});
export type ConfirmDeleteProblem = z.infer<typeof confirmDeleteProblemSchema>;

/** The reason an excluded repository is not scanned, where one is named (a refused scan request). */
export const EXCLUDED_BY_SELECTION = "Excluded by the organization's repository selection";
