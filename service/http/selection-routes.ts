// /api/v1/organization/repository-selection: which repositories Vigil scans (contract/selection-api.ts).
// Reading needs an organization administrator too: the editor lists every repository of every project.
import { Router } from 'express';
import type { AppContext } from '../context';
import {
  repositorySelectionRequestSchema,
  type ConfirmDeleteProblem,
  type RepositorySelection,
  type RepositorySelectionResponse,
} from '../contract/selection-api';
import { notFound } from '../errors';
import { changeRepositorySelection, getRepositorySelection, selectableRepositories } from '../store/repository-selection';
import { audited, changedKeys } from '../usecases/audited';
import { requireOrg, requireOrgAdmin } from './auth';
import { auditActorOf } from './settings-routes';
import { sendProblem } from './problem';

/** Repositories named in the 409 answer (the count names them all). */
const NAMED = 50;

export function selectionRouter(ctx: AppContext): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    requireOrgAdmin(req);
    const org = requireOrg(req);
    const selection = await getRepositorySelection(ctx.store.db, org.org_id);
    if (!selection) throw notFound('The organization is no longer connected');
    res.json(await editorOf(ctx, org.org_id, selection));
  });

  r.put('/', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const { confirmDelete, ...wanted } = repositorySelectionRequestSchema.parse(req.body);
    const change = await audited(ctx.store.db, org.org_id, { actor: auditActorOf(req), action: 'repository-selection.changed', target: 'organization' }, async (trx) => {
      const before = await getRepositorySelection(trx, org.org_id);
      const outcome = await changeRepositorySelection(trx, org.org_id, wanted, { confirmDelete: confirmDelete === true });
      if (outcome.outcome !== 'saved' || !before) return { result: outcome, changed: false };
      const diff = changedKeys({ selection: before }, { selection: outcome.selection });
      return { result: outcome, changed: diff.changed || outcome.deleted.repositories > 0, before: diff.before, after: { ...diff.after, deleted: outcome.deleted } };
    });
    if (change.outcome === 'not-connected') throw notFound('The organization is no longer connected');
    if (change.outcome === 'needs-confirmation') {
      const n = change.repositories.length;
      const problem: ConfirmDeleteProblem = {
        type: 'https://vigil.dev/problems/confirm-delete',
        title: 'Confirmation needed',
        status: 409,
        detail: `This selection excludes ${n} ${n === 1 ? 'repository' : 'repositories'} with stored findings; saving it deletes their findings, scan results and dependency inventories. Send confirmDelete: true to go ahead.`,
        repositoriesToDelete: n,
        repositories: change.repositories.slice(0, NAMED),
      };
      return void sendProblem(res, problem);
    }
    ctx.log.info({ orgId: org.org_id, by: caller.userId, mode: change.selection.mode, deleted: change.deleted }, 'repository selection changed');
    const body: RepositorySelectionResponse = { ...(await editorOf(ctx, org.org_id, change.selection)), deleted: change.deleted };
    res.json(body);
  });

  return r;
}

async function editorOf(ctx: AppContext, orgId: string, selection: RepositorySelection): Promise<RepositorySelectionResponse> {
  const repos = await selectableRepositories(ctx.store.db, orgId);
  const projects = new Map<string, { id: string; name: string; repositories: number }>();
  for (const repo of repos) {
    const p = projects.get(repo.projectId) ?? { id: repo.projectId, name: repo.projectName, repositories: 0 };
    p.repositories++;
    projects.set(repo.projectId, p);
  }
  return {
    selection,
    projects: [...projects.values()].sort((a, b) => a.name.localeCompare(b.name)),
    repositories: repos.map(({ skipReason, ...repo }) => ({ ...repo, ...(skipReason ? { skipReason } : {}) })),
  };
}
