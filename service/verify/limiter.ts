// Per provider host: requests in flight, spacing between request starts, and a pause after the
// provider said 429 (its Retry-After). Shared by every scan of a process, so that concurrent scans
// together stay within the limits.
export interface HostLimits {
  /** Requests in flight to one host. */
  concurrency: number;
  /** Between two request starts to one host (250 ms: at most 4 a second). */
  minIntervalMs: number;
}

export class HostGate {
  private active = 0;
  private nextStart = 0;
  private readonly waiting: (() => void)[] = [];
  /** Epoch ms until which the host asked us to stay away (429 Retry-After). */
  pausedUntil = 0;

  constructor(
    private readonly limits: HostLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits for a slot and for the spacing; resolves with the release. Rejects when `signal` aborts. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    while (this.active >= this.limits.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      signal?.throwIfAborted();
    }
    this.active++;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.();
    };
    const now = this.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + this.limits.minIntervalMs;
    try {
      if (start > now) await sleep(start - now, signal);
    } catch (err) {
      release();
      throw err;
    }
    return release;
  }

  paused(): boolean {
    return this.pausedUntil > this.now();
  }

  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After in ms: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d{1,9}$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
