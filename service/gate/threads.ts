// Which comment threads Vigil creates, keeps, reopens and resolves on a pull request, one thread per new
// finding's fingerprint for the life of the pull request:
//  - a new finding without a thread gets one (when the organization allows comments);
//  - a fingerprint Vigil already has a thread for never gets a second one: the thread is known from
//    Vigil's own record or, should that be lost, from the 'Vigil.Fingerprint' property of the PR's
//    threads in ADO (adopted into the record);
//  - an active thread whose finding is no longer new (a later iteration fixed it) is marked fixed;
//  - a thread Vigil marked fixed whose finding comes back is made active again;
//  - a thread a person resolved or deleted in ADO is left as they left it.
// Pure: the job lists the threads, then carries the plan out.
import type { Finding } from '../contract/model';
import { locationLine, locationPath } from '../contract/places';
import { severityRank } from '../contract/vocabulary';

/** Thread property naming the fingerprint (visible in ADO's API to whoever lists the threads). */
export const FINGERPRINT_PROPERTY = 'Vigil.Fingerprint';

export type ThreadState = 'active' | 'fixed' | 'closed';

/** A thread Vigil recorded (pull_request_threads). */
export interface RecordedThread {
  fingerprint: string;
  threadId: number;
  state: ThreadState;
}

/** A thread of the pull request as ADO lists it. */
export interface ListedThread {
  threadId: number;
  /** Its FINGERPRINT_PROPERTY, when it is one of Vigil's. */
  fingerprint?: string;
  /** ADO's status name: active, fixed, wontFix, closed, byDesign, pending, unknown. */
  status?: string;
  isDeleted?: boolean;
}

export interface ThreadRef {
  fingerprint: string;
  threadId: number;
}

export interface ThreadPlan {
  create: Finding[];
  /** Threads that stay as they are, with the state to show. */
  keep: (ThreadRef & { state: ThreadState })[];
  /** Set active again in ADO. */
  reopen: ThreadRef[];
  /** Resolved as fixed: `patch` false when ADO already shows it resolved (only the record changes). */
  fix: (ThreadRef & { patch: boolean })[];
  /** Vigil's threads found in ADO but missing from the record: recorded as they are. */
  adopt: (ThreadRef & { state: ThreadState })[];
  /** New findings left without a thread by `maxCreate` (the least severe go first). */
  capped: number;
}

const stateOfStatus = (status: string | undefined): ThreadState => (status === 'active' || status === 'pending' || status === undefined ? 'active' : status === 'fixed' ? 'fixed' : 'closed');

export interface ThreadPlanInput {
  newFindings: readonly Finding[];
  recorded: readonly RecordedThread[];
  /** The PR's threads in ADO; undefined when they could not be listed (the record alone decides). */
  listed?: readonly ListedThread[];
  commentsEnabled: boolean;
  /**
   * At most this many threads created by one scan (a generated or vendored file can bring hundreds of
   * findings; each thread is a write against ADO's rate limits): the most severe first.
   */
  maxCreate?: number;
}

export function planThreads(input: ThreadPlanInput): ThreadPlan {
  const plan: ThreadPlan = { create: [], keep: [], reopen: [], fix: [], adopt: [], capped: 0 };
  const listedById = new Map((input.listed ?? []).map((t) => [t.threadId, t]));
  const known = new Map<string, RecordedThread>(input.recorded.map((t) => [t.fingerprint, t]));
  // Vigil's threads in ADO the record lacks (the lowest id first: the oldest one is the thread).
  for (const t of [...(input.listed ?? [])].sort((a, b) => a.threadId - b.threadId)) {
    if (!t.fingerprint || known.has(t.fingerprint)) continue;
    const adopted = { fingerprint: t.fingerprint, threadId: t.threadId, state: t.isDeleted ? 'closed' : stateOfStatus(t.status) } as const;
    known.set(t.fingerprint, adopted);
    plan.adopt.push(adopted);
  }

  const isNew = new Set<string>();
  for (const finding of input.newFindings) {
    if (isNew.has(finding.fingerprint)) continue;
    isNew.add(finding.fingerprint);
    const thread = known.get(finding.fingerprint);
    if (!thread) {
      if (input.commentsEnabled) plan.create.push(finding);
      continue;
    }
    const inAdo = listedById.get(thread.threadId);
    // Left alone: a thread a person deleted or resolved otherwise than Vigil did, or a dismissal closed.
    const resolvedByVigil = thread.state === 'fixed' && (!inAdo || (!inAdo.isDeleted && inAdo.status === 'fixed'));
    if (resolvedByVigil && input.commentsEnabled) plan.reopen.push({ fingerprint: thread.fingerprint, threadId: thread.threadId });
    else plan.keep.push({ fingerprint: thread.fingerprint, threadId: thread.threadId, state: inAdo?.isDeleted ? 'closed' : inAdo ? stateOfStatus(inAdo.status) : thread.state });
  }

  for (const thread of known.values()) {
    if (isNew.has(thread.fingerprint) || thread.state !== 'active') continue;
    const inAdo = listedById.get(thread.threadId);
    const stillActiveInAdo = !inAdo || (!inAdo.isDeleted && stateOfStatus(inAdo.status) === 'active');
    plan.fix.push({ fingerprint: thread.fingerprint, threadId: thread.threadId, patch: stillActiveInAdo });
  }
  if (input.maxCreate !== undefined && plan.create.length > input.maxCreate) {
    const kept = new Set([...plan.create].sort((a, b) => severityRank(a.severity) - severityRank(b.severity)).slice(0, Math.max(0, input.maxCreate)));
    plan.capped = plan.create.length - kept.size;
    plan.create = plan.create.filter((f) => kept.has(f));
  }
  const order = (a: ThreadRef, b: ThreadRef) => a.threadId - b.threadId;
  plan.keep.sort(order);
  plan.reopen.sort(order);
  plan.fix.sort(order);
  return plan;
}

/** Where a new finding's thread is anchored: '/path', its first and last line on the right (new) side. */
export function threadAnchor(f: Finding): { filePath: string; line?: number; endLine?: number } {
  const path = locationPath(f.location) ?? '';
  const line = locationLine(f.location);
  const end = f.location.kind === 'file' || f.location.kind === 'resource' ? f.location.endLine : undefined;
  return { filePath: `/${path}`, ...(line && line > 0 ? { line, endLine: end && end >= line ? end : line } : {}) };
}
