// When and how long to wait before asking Azure DevOps again (ado-rest.md §14).

/** Throttled (429), unavailable (503) and transient gateway/server failures. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export const MAX_BACKOFF_MS = 60_000;
const BASE_BACKOFF_MS = 1_000;

/**
 * ADO's usage window is 5 minutes; a Retry-After beyond that is more likely a bad header than advice,
 * and would park a worker for too long.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * Retry-After as milliseconds from `nowMs`: delta-seconds (ADO sends integers; decimals are accepted)
 * or an HTTP-date. Null when absent or unreadable; clamped to [0, MAX_RETRY_AFTER_MS].
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (text === '') return null;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) {
    ms = Math.round(Number(text) * 1000);
  } else {
    // An HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT") has letters; Date.parse would take "-5" as a year.
    if (!/[a-z]/i.test(text)) return null;
    const at = Date.parse(text);
    if (Number.isNaN(at)) return null;
    ms = at - nowMs;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** Exponential backoff with jitter (between half and all of the step), capped at MAX_BACKOFF_MS. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
  return Math.round(step / 2 + (random() * step) / 2);
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
