// GET /api/v1/overview: where an organization (administrators) or one project (anyone who can see it
// in Azure DevOps, ?project=ID) stands. Mounted by routes.ts behind its authentication.
import { Router, type Request } from 'express';
import type { AppContext } from '../context';
import { overviewQuerySchema, type Overview } from '../contract/api';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../contract/vocabulary';
import { forbidden } from '../errors';
import { overviewFigures } from '../store/overview';
import { canSeeProject } from '../usecases/identify-caller';
import { requireCaller, requireOrg } from './auth';

async function requireScope(ctx: AppContext, req: Request, projectId: string | undefined): Promise<void> {
  if (await canSeeProject(ctx, requireCaller(req), projectId)) return;
  throw forbidden(projectId ? 'You cannot see this project in Azure DevOps' : 'The organization overview needs a Project Collection Administrator; ask for one project');
}

export function overviewRouter(ctx: AppContext): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const org = requireOrg(req);
    const q = overviewQuerySchema.parse(req.query);
    await requireScope(ctx, req, q.project);
    const f = await overviewFigures(ctx.store.db, org.org_id, { projectId: q.project, days: q.days });
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
    for (const o of f.open) {
      bySeverity[o.severity] += o.n;
      byCategory[o.category] += o.n;
    }
    const body: Overview = {
      open: { total: f.open.reduce((a, o) => a + o.n, 0), bySeverity, byCategory },
      trend: f.trend,
      ...(f.meanDaysToFix === undefined ? {} : { meanDaysToFix: f.meanDaysToFix }),
      newInWindow: f.newInWindow,
      fixedInWindow: f.fixedInWindow,
      topRepositories: f.topRepositories,
      topRules: f.topRules,
      coverage: { repositories: f.repositories, scanners: f.scanners },
      ...(org.last_discovery_at ? { lastDiscoveryAt: new Date(org.last_discovery_at).toISOString() } : {}),
      ...(org.last_discovery_error ? { lastDiscoveryError: org.last_discovery_error } : {}),
    };
    res.json(body);
  });
  return r;
}
