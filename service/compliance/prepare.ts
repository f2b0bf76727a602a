// What every check reads of a context, worked out once per context rather than once per pull request
// (the evaluation job runs 50,000 of them): the recognised sources as sets, the policy histories, the
// policies that ever covered each branch, the start date as a time.
import type { ComplianceContext } from './evaluate';
import { isProductionRef } from './branches';
import { everCovers, policiesPageUrl, policyHistories, type PolicyHistory } from './policy-scope';
import { sourceMatchers, type SourceKind, type SourceMatcher } from './sources';

export interface PreparedContext {
  ctx: ComplianceContext;
  sources: Record<SourceKind, SourceMatcher>;
  /** Start of the start date, UTC, epoch ms. */
  startMs: number;
  isProduction(refName: string): boolean;
  /** The repository's branch policies page for the branch, when its web page is known. */
  policiesPageUrl(refName: string): string | undefined;
  /** Histories of the given policy type that covered `refName` in any revision. */
  policiesFor(typeId: string, refName: string): PolicyHistory[];
}

const prepared = new WeakMap<ComplianceContext, PreparedContext>();

/** Parses 'YYYY-MM-DD' as UTC midnight; a clear error otherwise. */
export function utcDayStart(date: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) throw new Error(`compliance: the start date "${date}" is not a date as YYYY-MM-DD`);
  return ms;
}

/**
 * The prepared form of a context, made on first use and kept while the context object lives: callers
 * evaluating many pull requests pass the same context object for every one of a repository.
 */
export function prepareContext(ctx: ComplianceContext): PreparedContext {
  let p = prepared.get(ctx);
  if (p) return p;
  const histories = policyHistories(ctx.policies);
  const covering = new Map<string, PolicyHistory[]>();
  const production = new Map<string, boolean>();
  const pages = new Map<string, string | undefined>();
  const repo = ctx.repository;
  p = {
    ctx,
    sources: sourceMatchers(ctx.evidenceSources),
    startMs: utcDayStart(ctx.startDate),
    isProduction(refName) {
      let yes = production.get(refName);
      if (yes === undefined) production.set(refName, (yes = isProductionRef(refName, repo.defaultBranch, repo.branchPatterns)));
      return yes;
    },
    policiesPageUrl(refName) {
      if (!pages.has(refName)) pages.set(refName, policiesPageUrl(repo.url, repo.id, refName));
      return pages.get(refName);
    },
    policiesFor(typeId, refName) {
      const key = `${typeId}\n${refName}`;
      let list = covering.get(key);
      if (!list) {
        const type = typeId.toLowerCase();
        list = histories.filter((h) => h.typeId === type && everCovers(h, repo, refName));
        covering.set(key, list);
      }
      return list;
    },
  };
  prepared.set(ctx, p);
  return p;
}
