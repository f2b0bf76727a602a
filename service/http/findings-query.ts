// What GET /findings and its export share: the filters, the order, the cursor that carries the order,
// and who may read which scope.
import type { Request } from 'express';
import type { AppContext } from '../context';
import type { findingsQuerySchema, Paged } from '../contract/api';
import { badRequest, forbidden, notFound } from '../errors';
import type { FindingFilters, FindingOrder } from '../store/finding-queries';
import { getRepository } from '../store/repositories';
import { canSeeProject } from '../usecases/identify-caller';
import { requireCaller } from './auth';
import { MAX_OFFSET } from './paging';
import type { z } from 'zod';

/** The list's filters and order (paging aside: the export has none). */
export type FindingsQuery = Omit<z.infer<typeof findingsQuerySchema>, 'cursor' | 'limit' | 'group'>;

export function findingFiltersOf(q: FindingsQuery): FindingFilters {
  return {
    severities: q.severity,
    categories: q.category,
    confidences: q.confidence,
    states: q.state ?? ['open'],
    repoId: q.repository,
    projectId: q.project,
    verifications: q.verification,
    ecosystems: q.ecosystem,
    dependency: q.dependency,
    hasFix: q.hasFix,
    platforms: q.platform,
    languages: q.language,
    search: q.q || undefined,
    ruleId: q.rule,
  };
}

/** The chosen column and direction; without a direction, the one a reader expects of that column. */
export function findingOrderOf(q: FindingsQuery): FindingOrder | undefined {
  if (!q.sort) return undefined;
  return { sort: q.sort, order: q.order ?? (q.sort === 'rule' || q.sort === 'location' ? 'asc' : 'desc') };
}

const orderKey = (order?: FindingOrder): string | undefined => (order ? `${order.sort}:${order.order}` : undefined);

/**
 * Cursors of a sorted list carry the sort: a cursor of one order used with another would skip and
 * repeat rows, so it is refused. The default order's cursors are paging.ts's own.
 */
export function encodeFindingsCursor(offset: number, order?: FindingOrder): string {
  const s = orderKey(order);
  return Buffer.from(JSON.stringify(s ? { o: offset, s } : { o: offset })).toString('base64url');
}

export function decodeFindingsCursor(cursor: string | undefined, order?: FindingOrder): number {
  if (!cursor) return 0;
  let parsed: { o?: unknown; s?: unknown } | undefined;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const o = parsed?.o;
  if (!parsed || typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0 || o > MAX_OFFSET) {
    throw badRequest('The cursor is not valid; start again without it', 'bad-cursor');
  }
  if (parsed.s !== orderKey(order)) throw badRequest('The cursor belongs to another sort order; start again without it', 'bad-cursor');
  return o;
}

export function pagedFindings<T>(items: T[], total: number, offset: number, limit: number, order?: FindingOrder): Paged<T> {
  const next = offset + items.length;
  return { items, total, ...(items.length === limit && next < total ? { nextCursor: encodeFindingsCursor(next, order) } : {}) };
}

/**
 * A repository the caller may not see is answered as one that does not exist (ids cannot be probed);
 * organization-wide lists need an organization administrator, a project one the project's visibility.
 */
export async function requireFindingsScope(ctx: AppContext, req: Request, orgId: string, q: Pick<FindingsQuery, 'project' | 'repository'>): Promise<void> {
  const caller = requireCaller(req);
  if (q.repository) {
    const repo = await getRepository(ctx.store.db, orgId, q.repository);
    if (!repo || !(await canSeeProject(ctx, caller, repo.project_id))) throw notFound('No such repository in this organization');
    return;
  }
  if (await canSeeProject(ctx, caller, q.project)) return;
  if (!q.project) throw forbidden('Organization-wide views need a Project Collection Administrator; ask for one project or repository');
  throw forbidden('You cannot see this project in Azure DevOps');
}
