// Counts the ADO requests a piece of work sends (each attempt, retries included) and how many of them
// were throttled (429), without threading a counter through every area: the work runs inside
// `withRequestTally`, and the transport adds to the tally of the async context it runs in. The clients
// are shared per identity (client-pool.ts), so a counter on the client would mix concurrent jobs.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestTally {
  requests: number;
  throttled: number;
}

const current = new AsyncLocalStorage<RequestTally>();

/** Runs `work` with a fresh tally; answers its result and the tally. */
export async function withRequestTally<T>(work: () => Promise<T>): Promise<{ result: T; tally: RequestTally }> {
  const tally: RequestTally = { requests: 0, throttled: 0 };
  const result = await current.run(tally, work);
  return { result, tally };
}

/** Runs `work` adding to `tally` (still counted when `work` throws). */
export function countRequests<T>(tally: RequestTally, work: () => Promise<T>): Promise<T> {
  return current.run(tally, work);
}

/** Called by the transport for each answer it gets (never for a request that did not reach ADO). */
export function tallyAnswer(status: number): void {
  const tally = current.getStore();
  if (!tally) return;
  tally.requests++;
  if (status === 429) tally.throttled++;
}
