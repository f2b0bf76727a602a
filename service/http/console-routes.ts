// The security console's reads: a repository's scan history, and the Findings list grouped by rule or
// repository (counts per group, over the same filters, search and visibility as GET /findings).
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import { findingGroupsQuerySchema, pageQuerySchema, type FindingGroupCount } from '../contract/api';
import { listFindingGroupCounts, type FindingGrouping, type FindingGroupRow } from '../store/finding-groups';
import { listScans } from '../store/scans';
import { requireOrg } from './auth';
import { toScanDto } from './dto';
import { findingFiltersOf, requireFindingsScope } from './findings-query';
import { decodeCursor, paged } from './paging';

/** A repository id in a path: an ADO GUID, or Vigil's tfvc: id. */
const repositoryIdParam = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._$/-]+$/, 'is not a repository id');

const NO_REPOSITORY = 'Organization and project findings';

function toGroupDto(by: FindingGrouping, g: FindingGroupRow): FindingGroupCount {
  return {
    key: g.key,
    name: by === 'rule' ? g.key : g.repoName ?? (g.key || NO_REPOSITORY),
    ...(g.title ? { title: g.title } : {}),
    ...(g.category ? { category: g.category as FindingGroupCount['category'] } : {}),
    ...(g.projectName ? { projectName: g.projectName } : {}),
    count: g.count,
    severities: g.severities,
  };
}

export function consoleRouter(ctx: AppContext): Router {
  const r = Router();

  // Newest first: when, how long, full or incremental, the commit, files, findings new and fixed, the
  // scanners' figures, warnings and what ended a failed scan. Whoever sees the repository may read it.
  r.get('/repositories/:id/scans', async (req, res) => {
    const org = requireOrg(req);
    const repoId = repositoryIdParam.parse(req.params.id);
    await requireFindingsScope(ctx, req, org.org_id, { repository: repoId });
    const q = pageQuerySchema.parse(req.query);
    const offset = decodeCursor(q.cursor);
    const { rows, total } = await listScans(ctx.store.db, org.org_id, { repoId, limit: q.limit, offset });
    res.json(paged(rows.map(toScanDto), total, offset, q.limit));
  });

  r.get('/findings/groups', async (req, res) => {
    const org = requireOrg(req);
    const q = findingGroupsQuerySchema.parse(req.query);
    await requireFindingsScope(ctx, req, org.org_id, q);
    const offset = decodeCursor(q.cursor);
    const { rows, total } = await listFindingGroupCounts(ctx.store.db, org.org_id, q.by, findingFiltersOf(q), { limit: q.limit, offset });
    res.json(paged(rows.map((g) => toGroupDto(q.by, g)), total, offset, q.limit));
  });

  return r;
}
