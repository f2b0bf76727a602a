// What every collection module shares: the client, one concurrency limit for every ADO call of the
// collection (the client paces by Retry-After and the rate-limit headers; this keeps the number of
// requests in flight small, as ADO asks), and the helpers that turn a failed read into a reason.
import type { AdoClient } from '../../ado/client';
import type { AreaStatus, Facet, PartialFailure, ProjectSnap, Unavailable } from '../snapshot';
import { unavailableFrom } from './reasons';

export interface CollectContext {
  client: AdoClient;
  /** The canonical organization URL, for web links. */
  orgUrl: string;
  /** Runs one ADO call inside the concurrency limit. Never nest: a limited call must not wait on another. */
  call: <T>(fn: () => Promise<T>) => Promise<T>;
  signal?: AbortSignal;
}

/** At most `max` functions running at once, in arrival order. */
export function limiter(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(max) || max < 1) throw new Error('concurrency must be a positive integer');
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await fn();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/** A shutdown is not an area failure: let it through. */
function rethrowAbort(ctx: CollectContext, err: unknown): void {
  if (ctx.signal?.aborted) throw err;
}

/** One limited call as a facet: its value, or why it could not be read. */
export async function facet<T>(ctx: CollectContext, fn: () => Promise<T>): Promise<Facet<T>> {
  try {
    return { state: 'available', value: await ctx.call(fn) };
  } catch (err) {
    rethrowAbort(ctx, err);
    return { state: 'not-available', reason: unavailableFrom(err) };
  }
}

/** Any async work (possibly several limited calls) as a facet. */
export async function attempt<T>(ctx: CollectContext, fn: () => Promise<T>): Promise<Facet<T>> {
  try {
    return { state: 'available', value: await fn() };
  } catch (err) {
    rethrowAbort(ctx, err);
    return { state: 'not-available', reason: unavailableFrom(err) };
  }
}

export interface AreaResult<T> {
  items: T[];
  status: AreaStatus;
}

export const notAvailableArea = <T>(reason: Unavailable): AreaResult<T> => ({ items: [], status: { state: 'not-available', reason } });

/**
 * One list per project, read concurrently: the area is not available when every project's read
 * failed (the first reason), available with partial failures when some did.
 */
export async function perProject<T>(ctx: CollectContext, projects: ProjectSnap[], what: string, read: (p: ProjectSnap) => Promise<T[]>): Promise<AreaResult<T>> {
  const results = await Promise.all(projects.map(async (p) => ({ p, r: await attempt(ctx, () => read(p)) })));
  const failures: PartialFailure[] = [];
  const items: T[] = [];
  for (const { p, r } of results) {
    if (r.state === 'available') items.push(...r.value);
    else failures.push({ what: `the ${what} of project ${p.name}`, projectId: p.id, projectName: p.name, reason: r.reason });
  }
  if (failures.length > 0 && failures.length === projects.length) return notAvailableArea(failures[0].reason);
  return { items, status: failures.length ? { state: 'available', partialFailures: failures } : { state: 'available' } };
}

/** The area's status from one whole-area read. */
export async function wholeArea<T>(ctx: CollectContext, read: () => Promise<T>): Promise<{ value?: T; status: AreaStatus }> {
  const r = await attempt(ctx, read);
  return r.state === 'available' ? { value: r.value, status: { state: 'available' } } : { status: { state: 'not-available', reason: r.reason } };
}

/** Web URL of a project page. */
export const projectUrl = (ctx: CollectContext, projectName: string): string => `${ctx.orgUrl}/${encodeURIComponent(projectName)}`;
