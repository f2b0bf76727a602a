// Per-snapshot lookup indexes the controls share, built lazily on first use and dropped with the
// snapshot (WeakMap): a control judging every pipeline looks its repository or queue up in a Map,
// not with a scan of the whole list per pipeline (5,000 pipelines × 3,000 repositories).
import type { AgentPoolSnap, AgentQueueSnap, OrgSnapshot, RepositorySnap } from '../snapshot';

/** A lookup built once per snapshot; the first object of a key wins, as Array.find would give. */
function lazyIndex<T>(list: (s: OrgSnapshot) => readonly T[], keyOf: (item: T) => string | number): (s: OrgSnapshot, key: string | number) => T | undefined {
  const cache = new WeakMap<OrgSnapshot, Map<string | number, T>>();
  return (s, key) => {
    let index = cache.get(s);
    if (!index) {
      index = new Map();
      for (const item of list(s)) {
        const k = keyOf(item);
        if (!index.has(k)) index.set(k, item);
      }
      cache.set(s, index);
    }
    return index.get(key);
  };
}

export const repositoryById: (s: OrgSnapshot, id: string) => RepositorySnap | undefined = lazyIndex((s) => s.repositories, (r) => r.id);

const queueByKey = lazyIndex((s) => s.agentQueues, (q: AgentQueueSnap) => `${q.projectId}\u0000${q.id}`);
/** The agent queue `id` of project `projectId`. */
export const agentQueueIn = (s: OrgSnapshot, projectId: string, id: number): AgentQueueSnap | undefined => queueByKey(s, `${projectId}\u0000${id}`);

export const agentPoolById: (s: OrgSnapshot, id: number) => AgentPoolSnap | undefined = lazyIndex((s) => s.agentPools, (p) => p.id);
