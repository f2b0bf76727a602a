// Optional verification of found secrets: while a scan's raw values are in memory (the secrets
// scanner's onSecret hook fills a collector), ask each secret's provider a harmless "who am I"
// question on that provider's own host, within limits, and put the answer on the findings. Values
// are never stored, logged or put in an answer's words; the collector forgets them once checked.
import type { Finding, Verification } from '../contract/model';
import type { FoundSecret } from '../engine/secrets/scanner';
import { HostGate, retryAfterMs, type HostLimits } from './limiter';
import { VERIFIERS } from './providers';
import { httpsTransport, providerUrl } from './transport';
import type { SecretToVerify, Verdict, Verifier, VerifyContext, VerifyTransport } from './types';

export interface VerifyLimits extends HostLimits {
  /** Distinct secrets checked per scan; the others are "unknown: not checked". */
  maxPerScan: number;
  /** Per request, answer included. */
  timeoutMs: number;
  /** A 429's Retry-After pauses the host for at most this long (60 s when it names no time). */
  maxPauseMs: number;
  /** Secrets a collector holds per scan (their values stay in memory until checked). */
  maxCollected: number;
}

export const DEFAULT_VERIFY_LIMITS: VerifyLimits = {
  maxPerScan: 100,
  concurrency: 2,
  minIntervalMs: 250,
  timeoutMs: 5_000,
  maxPauseMs: 10 * 60_000,
  maxCollected: 10_000,
};

const DEFAULT_PAUSE_MS = 60_000;

export interface VerifierOptions {
  /** Tests only: reach the fake providers. Production code never passes one. */
  transport?: VerifyTransport;
  limits?: Partial<VerifyLimits>;
  verifiers?: readonly Verifier[];
  now?: () => Date;
}

/** What verifyFindings did, for the scan's log line. */
export interface VerifyReport {
  verified: number;
  invalid: number;
  unknown: number;
}

/**
 * One scan's raw secrets, by finding fingerprint, for the rules some verifier checks; pass `onSecret`
 * as the secrets scanner's option. Values are held only until verifyFindings ends (it clears them).
 */
export class SecretCollector {
  private readonly secrets = new Map<string, SecretToVerify>();

  constructor(
    private readonly wanted: ReadonlySet<string>,
    private readonly max: number,
  ) {}

  readonly onSecret = (s: FoundSecret): void => {
    if (!this.wanted.has(s.ruleId) || this.secrets.has(s.fingerprint) || this.secrets.size >= this.max) return;
    this.secrets.set(s.fingerprint, { ruleId: s.ruleId, value: s.value, ...(s.paired !== undefined ? { paired: s.paired } : {}) });
  };

  get(fingerprint: string): SecretToVerify | undefined {
    return this.secrets.get(fingerprint);
  }

  get size(): number {
    return this.secrets.size;
  }

  clear(): void {
    this.secrets.clear();
  }
}

export class SecretVerifier {
  readonly limits: VerifyLimits;
  private readonly transport: VerifyTransport;
  private readonly byRule = new Map<string, Verifier>();
  private readonly gates = new Map<string, HostGate>();
  private readonly now: () => Date;

  constructor(opts: VerifierOptions = {}) {
    this.limits = { ...DEFAULT_VERIFY_LIMITS, ...opts.limits };
    this.transport = opts.transport ?? httpsTransport;
    this.now = opts.now ?? (() => new Date());
    for (const v of opts.verifiers ?? VERIFIERS) for (const id of v.ruleIds) this.byRule.set(id, v);
  }

  /** The rules whose secrets can be checked. */
  get ruleIds(): string[] {
    return [...this.byRule.keys()];
  }

  /** The verifier of a rule, if any. */
  verifierOf(ruleId: string): Verifier | undefined {
    return this.byRule.get(ruleId);
  }

  /** A collector for one scan. */
  collector(): SecretCollector {
    return new SecretCollector(new Set(this.byRule.keys()), this.limits.maxCollected);
  }

  /**
   * The findings with a verification on each secret the collector holds (suppressed ones are not
   * checked). One check per distinct secret, at most maxPerScan; the collector is cleared after.
   */
  async verifyFindings(
    findings: readonly Finding[],
    collector: SecretCollector,
    ctx: VerifyContext,
    signal?: AbortSignal,
  ): Promise<{ findings: Finding[]; report: VerifyReport }> {
    try {
      const distinct = new Map<string, { secret: SecretToVerify; fingerprints: string[] }>();
      for (const f of findings) {
        if (f.category !== 'secret' || f.suppressed) continue;
        const secret = collector.get(f.fingerprint);
        if (!secret) continue;
        const key = `${secret.ruleId}\0${secret.value}\0${secret.paired ?? ''}`;
        const entry = distinct.get(key) ?? { secret, fingerprints: [] };
        entry.fingerprints.push(f.fingerprint);
        distinct.set(key, entry);
      }
      const answers = new Map<string, Verification>();
      const report: VerifyReport = { verified: 0, invalid: 0, unknown: 0 };
      await Promise.all(
        [...distinct.values()].map(async ({ secret, fingerprints }, i) => {
          const v =
            i < this.limits.maxPerScan
              ? await this.check(secret, ctx, signal)
              : this.answer(this.byRule.get(secret.ruleId)!, secret, { state: 'unknown', detail: `not checked: more than ${this.limits.maxPerScan} secrets in one scan` });
          if (!v) return;
          report[v.state]++;
          for (const fp of fingerprints) answers.set(fp, v);
        }),
      );
      return { findings: findings.map((f) => (answers.has(f.fingerprint) ? { ...f, verification: answers.get(f.fingerprint)! } : f)), report };
    } finally {
      collector.clear();
    }
  }

  /** Asks the secret's provider; undefined when no verifier checks its rule. Rejects only when `signal` aborts. */
  async check(secret: SecretToVerify, ctx: VerifyContext, signal?: AbortSignal): Promise<Verification | undefined> {
    const v = this.byRule.get(secret.ruleId);
    if (!v) return undefined;
    let request;
    try {
      request = v.request(secret, ctx, this.now());
      if (!('cannot' in request)) providerUrl(v.host, request.path);
    } catch {
      return this.answer(v, secret, { state: 'unknown', detail: 'the request could not be built' });
    }
    if ('cannot' in request) return this.answer(v, secret, { state: 'unknown', detail: `not checked: ${request.cannot}` });
    const gate = this.gateOf(v.host);
    if (gate.paused()) return this.answer(v, secret, this.pausedVerdict(v, gate));
    const release = await gate.acquire(signal);
    try {
      // Another check may have met a 429 while this one waited.
      if (gate.paused()) return this.answer(v, secret, this.pausedVerdict(v, gate));
      return this.answer(v, secret, await this.ask(v, gate, request, secret, signal));
    } finally {
      release();
    }
  }

  private async ask(v: Verifier, gate: HostGate, request: Exclude<ReturnType<Verifier['request']>, { cannot: string }>, secret: SecretToVerify, signal?: AbortSignal): Promise<Verdict> {
    const timeout = AbortSignal.timeout(this.limits.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let answer;
    try {
      answer = await this.transport(v.host, request, combined);
    } catch (err) {
      if (signal?.aborted) throw signal.reason ?? err;
      if (timeout.aborted) return { state: 'unknown', detail: `no answer from ${v.host} within ${this.limits.timeoutMs / 1000} s` };
      return { state: 'unknown', detail: `could not reach ${v.host} (${errorCode(err)})` };
    }
    if (answer.status === 429) {
      const ms = retryAfterMs(answer.headers['retry-after'], this.now().getTime()) ?? DEFAULT_PAUSE_MS;
      gate.pause(Math.min(ms, this.limits.maxPauseMs));
      return { state: 'unknown', detail: `rate limited by ${v.provider} (HTTP 429)` };
    }
    if (answer.status >= 500) return { state: 'unknown', detail: `${v.provider} failed to answer (HTTP ${answer.status})` };
    if (answer.status >= 300 && answer.status < 400) return { state: 'unknown', detail: `redirected (HTTP ${answer.status}); not followed` };
    try {
      return v.read(answer, secret);
    } catch {
      return { state: 'unknown', detail: `an answer that could not be read (HTTP ${answer.status})` };
    }
  }

  private pausedVerdict(v: Verifier, gate: HostGate): Verdict {
    return { state: 'unknown', detail: `not checked: ${v.provider} asked to wait until ${new Date(gate.pausedUntil).toISOString()}` };
  }

  private answer(v: Verifier, secret: SecretToVerify, verdict: Verdict): Verification {
    const detail = verdict.detail === undefined ? undefined : safeDetail(verdict.detail, secret);
    return { state: verdict.state, at: this.now().toISOString(), provider: v.provider, ...(detail ? { detail } : {}) };
  }

  private gateOf(host: string): HostGate {
    let gate = this.gates.get(host);
    if (!gate) {
      gate = new HostGate(this.limits, () => this.now().getTime());
      this.gates.set(host, gate);
    }
    return gate;
  }
}

/**
 * A detail fit to store and show: one line of printable text, at most 120 characters, and never the
 * secret or its pair (a provider echoing it back would otherwise put it in the database).
 */
export function safeDetail(detail: string, secret: SecretToVerify): string | undefined {
  // eslint-disable-next-line no-control-regex
  let text = detail.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (text.includes(secret.value) || (secret.paired && text.includes(secret.paired))) return '(withheld: the answer repeated the secret)';
  if (text.length > 120) text = `${text.slice(0, 119)}…`;
  return text || undefined;
}

/** A network error's code (ECONNREFUSED, ENOTFOUND...), never its message (which may name a URL). */
function errorCode(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown }; name?: unknown };
  const code = e?.cause?.code ?? e?.code ?? e?.name;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code) ? code : 'network error';
}
