// HTTP for the registry sources: per host a rate limit (requests at once, and a gap between starts),
// a short timeout, a byte cap, and a breaker: after a few failures in a row a host is left alone for a
// while, so an unreachable registry costs a few timeouts, not one per package. A document asked for
// several versions at once (npm, PyPI: one document per package) is fetched once.
import { HttpStatusError, readTextCapped, withTimeout } from '../http';

export interface RegistryClientOptions {
  timeoutMs: number;
  /** Bytes of one answer (npm documents of very old, busy packages reach tens of MB). */
  maxBytes?: number;
  /** Requests in flight per host. */
  perHostConcurrency?: number;
  /** Milliseconds between two request starts on one host. */
  perHostIntervalMs?: number;
  /** Failures in a row that open the breaker, and how long it stays open. */
  breakerFailures?: number;
  breakerMs?: number;
  fetchImpl?: typeof fetch;
  userAgent?: string;
}

export class HostUnavailableError extends Error {
  override name = 'HostUnavailableError';
}

class HostLimiter {
  private active = 0;
  private lastStart = 0;
  private readonly waiting: (() => void)[] = [];
  failures = 0;
  openUntil = 0;

  constructor(
    private readonly concurrency: number,
    private readonly intervalMs: number,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const wait = this.lastStart + this.intervalMs - Date.now();
      this.lastStart = Math.max(Date.now(), this.lastStart + this.intervalMs);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const MEMO_SIZE = 64;

export class RegistryClient {
  private readonly hosts = new Map<string, HostLimiter>();
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly opts: Required<Omit<RegistryClientOptions, 'fetchImpl'>> & { fetchImpl?: typeof fetch };

  constructor(opts: RegistryClientOptions) {
    this.opts = {
      maxBytes: 64 * 1024 ** 2,
      perHostConcurrency: 4,
      perHostIntervalMs: 25,
      breakerFailures: 3,
      breakerMs: 10 * 60_000,
      userAgent: 'Vigil (package metadata)',
      ...opts,
    };
  }

  private limiter(url: string): HostLimiter {
    const host = new URL(url).host;
    let l = this.hosts.get(host);
    if (!l) this.hosts.set(host, (l = new HostLimiter(this.opts.perHostConcurrency, this.opts.perHostIntervalMs)));
    return l;
  }

  /** The body, or undefined when the registry says the thing does not exist (404, 410). Throws on failure. */
  async getText(url: string, accept = 'application/json'): Promise<string | undefined> {
    const host = this.limiter(url);
    if (host.openUntil > Date.now()) throw new HostUnavailableError(`${new URL(url).host} failed ${host.failures} times in a row; not asked until ${new Date(host.openUntil).toISOString()}`);
    return host.run(async () => {
      try {
        const res = await this.fetchOnce(url, accept).catch((err: unknown) => {
          // A pooled connection the registry closed meanwhile: a GET is safe to send again, once.
          if ((err as { cause?: { code?: string } })?.cause?.code === 'ECONNRESET') return this.fetchOnce(url, accept);
          throw err;
        });
        if (res.status === 404 || res.status === 410) {
          await res.body?.cancel().catch(() => undefined);
          host.failures = 0;
          return undefined;
        }
        if (!res.ok) {
          await res.body?.cancel().catch(() => undefined);
          throw new HttpStatusError(url, res.status);
        }
        const text = await readTextCapped(res, this.opts.maxBytes);
        host.failures = 0;
        return text;
      } catch (err) {
        if (++host.failures >= this.opts.breakerFailures) host.openUntil = Date.now() + this.opts.breakerMs;
        throw err;
      }
    });
  }

  private fetchOnce(url: string, accept: string): Promise<Response> {
    return (this.opts.fetchImpl ?? fetch)(url, {
      headers: { accept, 'user-agent': this.opts.userAgent },
      signal: withTimeout(this.opts.timeoutMs),
      redirect: 'follow',
    });
  }

  async getJson<T>(url: string): Promise<T | undefined> {
    const text = await this.getText(url);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  /** `fn()` once per key while its answer is among the last few asked (one document, several versions). */
  once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const seen = this.memo.get(key);
    if (seen) return seen as Promise<T>;
    const p = fn();
    this.memo.set(key, p);
    p.catch(() => this.memo.delete(key)); // a failure is asked again next time
    if (this.memo.size > MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
    return p;
  }
}
