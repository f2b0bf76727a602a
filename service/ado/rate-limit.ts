// ADO's throttling headers (ado-rest.md §14). X-RateLimit-* arrive before delays start; when the budget
// left drops below LOW_BUDGET_RATIO, requests of the identity are spaced until X-RateLimit-Reset.

export interface RateLimitHeaders {
  /** TSTUs allowed before delays (X-RateLimit-Limit). */
  limit: number;
  /** TSTUs left (X-RateLimit-Remaining); 0 once delayed or blocked. */
  remaining: number;
  /** When usage would be back to 0 (X-RateLimit-Reset, epoch seconds), in epoch ms. */
  resetAtMs: number;
  /** Service and threshold name, for logs only (X-RateLimit-Resource). */
  resource?: string;
}

export const LOW_BUDGET_RATIO = 0.2;
export const MIN_SPACING_MS = 250;
export const MAX_SPACING_MS = 3_000;

const numberHeader = (headers: Headers, name: string): number | null => {
  const text = headers.get(name)?.trim();
  if (!text || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
};

/** Null unless Limit, Remaining and Reset are all present and numeric. */
export function readRateLimitHeaders(headers: Headers): RateLimitHeaders | null {
  const limit = numberHeader(headers, 'x-ratelimit-limit');
  const remaining = numberHeader(headers, 'x-ratelimit-remaining');
  const reset = numberHeader(headers, 'x-ratelimit-reset');
  if (limit === null || remaining === null || reset === null || limit <= 0) return null;
  return { limit, remaining, resetAtMs: reset * 1000, resource: headers.get('x-ratelimit-resource') ?? undefined };
}

/**
 * Gap to keep between two request starts: 0 while the budget is healthy or once the reset time has
 * passed; from MIN_SPACING_MS just under the threshold up to MAX_SPACING_MS with nothing left, and
 * never past the reset.
 */
export function spacingFor(rl: RateLimitHeaders, nowMs: number): number {
  if (nowMs >= rl.resetAtMs) return 0;
  const ratio = Math.min(rl.remaining / rl.limit, 1);
  if (ratio >= LOW_BUDGET_RATIO) return 0;
  const gap = MIN_SPACING_MS + (MAX_SPACING_MS - MIN_SPACING_MS) * (1 - ratio / LOW_BUDGET_RATIO);
  return Math.round(Math.min(gap, rl.resetAtMs - nowMs));
}
