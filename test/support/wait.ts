// Waiting for something to become true in tests, benchmarks and helpers: one polling loop for all.

/**
 * Polls `probe` until it returns something other than undefined/false, and returns that. Throws after
 * `timeoutMs`, naming `what` (a function is asked at that moment, to say what it saw).
 */
export async function waitFor<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined && got !== false) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
