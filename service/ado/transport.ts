// The HTTP side of Azure DevOps for one identity and organization: hosts, auth headers, api-version,
// retries (Retry-After, backoff), rate-limit pacing, paging, JSON and sign-in-page checks, error
// mapping, binary streams and writes. The area modules (areas/*.ts) build on it. Knows HTTP and
// ADO only. See docs/ado-rest.md §0 and §14.
import { EntraError, type EntraTokens } from './entra';
import { errorForStatus, signInPageError } from './errors';
import { describeError, discardBody, readTextCapped } from './http-body';
import { parseOrgUrl, type OrgUrl } from './org-url';
import { badResponse, collectionItems, requireArray, requireBody } from './parse';
import { readRateLimitHeaders, spacingFor } from './rate-limit';
import type { RequestBudget } from './request-budget';
import { tallyAnswer } from './request-tally';
import { backoffDelay, parseRetryAfter, realSleep, RETRYABLE_STATUSES } from './retry';
import { AdoError, type AdoCredential } from './types';

export const API_VERSION = '7.1';

const DEFAULT_USER_AGENT = 'Vigil/0.1 (+azure-devops-security-scanner)';
const DEFAULT_TIMEOUT_MS = 100_000;
const MAX_PAGES = 10_000;
/** Connection errors that prove the request never reached ADO, so even a POST may be sent again. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** The hosts ADO spreads its areas over (ado-rest.md §0); 'org' is the organization URL itself. */
export type AdoHost = 'org' | 'vssps' | 'vsaex' | 'auditservice' | 'advsec' | 'vsrm' | 'extmgmt';

/**
 * Base URL of `host` for an organization. dev.azure.com/{org} -> https://{host}.dev.azure.com/{org};
 * {org}.visualstudio.com -> https://{org}.{host}.visualstudio.com for the hosts that have that legacy
 * form, else the dev.azure.com form (every organization answers there too). ADO Server collections
 * (and the fake organization) serve every area at the collection URL.
 */
export function hostBaseUrl(org: OrgUrl, host: AdoHost): string {
  if (host === 'org') return org.url;
  if (org.kind === 'dev.azure.com') return `https://${host}.dev.azure.com/${encodeURIComponent(org.name)}`;
  if (org.kind === 'visualstudio.com') {
    // UNVERIFIED: whether auditservice, advsec and extmgmt have a *.visualstudio.com form; not used.
    if (host === 'vssps' || host === 'vsaex' || host === 'vsrm') return `https://${org.name}.${host}.visualstudio.com`;
    return `https://${host}.dev.azure.com/${encodeURIComponent(org.name)}`;
  }
  return org.url;
}

export interface AdoLogger {
  warn(obj: object, msg: string): void;
}

export interface AdoTransportOptions {
  /** https://dev.azure.com/{org}, https://{org}.visualstudio.com or an ADO Server collection URL. */
  orgUrl: string;
  credential: AdoCredential;
  /** Where a service principal's tokens come from (required for one; VIGIL_ENTRA_AUTHORITY). */
  entraTokens?: EntraTokens;
  fetchImpl?: typeof fetch;
  /** Retries after the first attempt, for requests that may be retried (see WriteSpec). Default 4. */
  maxRetries?: number;
  /** Injected by tests to avoid real waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock, injected by tests together with sleep. */
  now?: () => number;
  /** Jitter source for backoff. */
  random?: () => number;
  logger?: AdoLogger;
  userAgent?: string;
  /** Per JSON request, including its body. Downloads have none (large zips take minutes). Default 100 s. */
  requestTimeoutMs?: number;
  /**
   * Asked before every request (each retry too), told of every 429 with Retry-After: the identity's
   * budget shared with other processes (request-budget.ts). Without it, only this client paces itself.
   */
  budget?: RequestBudget;
}

export type QueryValue = string | number | boolean | undefined;

export interface RequestSpec {
  /** Default 'org'. */
  host?: AdoHost;
  /** Relative to the host's organization URL, segments already encoded, no query. */
  path: string;
  query?: Record<string, QueryValue>;
  /** What is being done, as a verb phrase for error messages: 'list projects'. */
  operation: string;
  /** Default API_VERSION; null for the portal pages that take none. */
  apiVersion?: string | null;
  /** Default application/json. */
  accept?: string;
  signal?: AbortSignal;
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface WriteSpec extends RequestSpec {
  method: WriteMethod;
  /** Sent as JSON. */
  body?: unknown;
  /** Default application/json. */
  contentType?: string;
  /**
   * A POST that only reads (subjectlookup, HierarchyQuery without settings) is retried like a GET.
   * Other POSTs are retried only on a 429 with Retry-After (blocked before processing)
   * or when the connection was never made; PUT and DELETE are idempotent and retried like a GET.
   */
  readOnly?: boolean;
}

interface SendSpec extends RequestSpec {
  method: 'GET' | WriteMethod;
  body?: unknown;
  contentType?: string;
  retryAll: boolean;
  timeoutMs?: number;
}

/** Items of a body-token page, e.g. {items, continuationToken, totalCount} or {decoratedAuditLogEntries, continuationToken, hasMore}. */
export interface BodyPageShape {
  items: string;
}

export class AdoTransport {
  readonly org: OrgUrl;
  private readonly credential: AdoCredential;
  /** The Authorization header of the next request. */
  private readonly authorization: (path: string) => Promise<string>;
  private readonly fetchImpl: typeof fetch;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly logger?: AdoLogger;
  private readonly userAgent: string;
  private readonly timeoutMs: number;
  private readonly budget?: RequestBudget;
  /** Epoch ms before which no request leaves (Retry-After, also when sent on a 200). */
  private notBefore = 0;
  /** While the rate-limit budget is low: the gap between request starts, until the reset. */
  private pacing: { gapMs: number; untilMs: number } | null = null;
  private lastPacedStart = 0;

  constructor(opts: AdoTransportOptions) {
    this.org = parseOrgUrl(opts.orgUrl);
    this.authorization = authorizationFor(opts.credential, opts.entraTokens);
    this.credential = opts.credential;
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.maxRetries = opts.maxRetries ?? 4;
    this.sleep = opts.sleep ?? realSleep;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.logger = opts.logger;
    this.userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
    this.timeoutMs = opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.budget = opts.budget;
  }

  get orgUrl(): string {
    return this.org.url;
  }

  private urlOf(spec: Pick<RequestSpec, 'host' | 'path' | 'query' | 'apiVersion'>): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) parts.push(`${key}=${encodeURIComponent(String(value))}`);
    }
    if (spec.apiVersion !== null) parts.push(`api-version=${encodeURIComponent(spec.apiVersion ?? API_VERSION)}`);
    return `${hostBaseUrl(this.org, spec.host ?? 'org')}/${spec.path}${parts.length ? `?${parts.join('&')}` : ''}`;
  }

  // ---- reads --------------------------------------------------------------------------------

  /** GET a JSON endpoint; a sign-in page in any disguise is an 'auth' error. */
  async getJson(spec: RequestSpec): Promise<unknown> {
    return (await this.getJsonWithHeaders(spec)).body;
  }

  private async getJsonWithHeaders(spec: RequestSpec): Promise<{ body: unknown; headers: Headers }> {
    const { res, attempts } = await this.send({ timeoutMs: this.timeoutMs, ...spec, method: 'GET', retryAll: true });
    const body = await this.readJson(res, spec, attempts, false);
    return { body, headers: res.headers };
  }

  /** Pages of a collection, following the x-ms-continuationtoken header until ADO stops sending it. */
  async *pages(spec: RequestSpec): AsyncGenerator<unknown[]> {
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 1; ; page++) {
      const { body, headers } = await this.getJsonWithHeaders({ ...spec, query: { ...spec.query, continuationToken: token } });
      yield collectionItems(body, spec);
      const next = headers.get('x-ms-continuationtoken');
      if (!next) return;
      token = this.nextToken(next, seen, page, spec);
    }
  }

  /**
   * Pages whose continuation token is in the body (userentitlements, audit log). Stops when the token
   * is absent, `hasMore` is false, a page is empty, or `totalCount` items have been read.
   */
  async *bodyTokenPages(spec: RequestSpec, shape: BodyPageShape): AsyncGenerator<unknown[]> {
    const seen = new Set<string>();
    let token: string | undefined;
    let read = 0;
    for (let page = 1; ; page++) {
      const body = requireBody(await this.getJson({ ...spec, query: { ...spec.query, continuationToken: token } }), spec);
      const items = requireArray(body, shape.items, spec);
      yield items;
      read += items.length;
      const next = body.continuationToken;
      const total = body.totalCount;
      if (typeof next !== 'string' || next === '' || body.hasMore === false || items.length === 0) return;
      if (typeof total === 'number' && read >= total) return;
      token = this.nextToken(next, seen, page, spec);
    }
  }

  /** $top/$skip paging (pull requests, policy evaluations): stops at the first page shorter than $top. */
  async *skipPages(spec: RequestSpec, top: number): AsyncGenerator<unknown[]> {
    for (let page = 0, skip = 0; page < MAX_PAGES; page++) {
      const items = collectionItems(await this.getJson({ ...spec, query: { ...spec.query, $top: top, $skip: skip } }), spec);
      yield items;
      if (items.length < top) return;
      skip += items.length;
    }
    throw badResponse(spec, 'the pages never ended');
  }

  private nextToken(next: string, seen: Set<string>, page: number, spec: RequestSpec): string {
    if (seen.has(next) || page >= MAX_PAGES) throw badResponse(spec, 'the continuation tokens never ended');
    seen.add(next);
    return next;
  }

  // ---- writes -------------------------------------------------------------------------------

  /** POST/PUT/DELETE with a JSON body; the parsed answer, undefined when ADO sends none (204). */
  async write(spec: WriteSpec): Promise<unknown> {
    const retryAll = spec.method === 'PUT' || spec.method === 'DELETE' || spec.readOnly === true;
    const { res, attempts, notRetried } = await this.send({ timeoutMs: this.timeoutMs, ...spec, retryAll });
    return this.readJson(res, spec, attempts, true, notRetried);
  }

  // ---- streams ------------------------------------------------------------------------------

  /**
   * GET a binary answer (retried like any GET) and hand back the response once its status and type
   * say a file is coming: a sign-in page is an 'auth' error, JSON where a file was expected a
   * 'bad-response'. Without a request timeout: large downloads take minutes. A POST that only reads
   * (the blobs zip, whose body lists the blob ids) is retried like a GET.
   */
  async openStream(spec: RequestSpec & { method?: 'GET' | 'POST'; body?: unknown }): Promise<Response> {
    const method = spec.method ?? 'GET';
    const { res, attempts } = await this.send({ ...spec, method, retryAll: true });
    try {
      if (res.status === 203) throw signInPageError(203, this.credential.kind, spec.path);
      if (!res.ok) throw this.errorFrom(res.status, await readTextCapped(res), spec, method, attempts, false);
      const type = res.headers.get('content-type') ?? '';
      if (/html/i.test(type)) throw signInPageError(res.status, this.credential.kind, spec.path);
      if (/json/i.test(type)) throw badResponse(spec, `got ${type} where a file was expected`);
      if (!res.body) throw badResponse(spec, 'empty body');
      return res;
    } catch (err) {
      await discardBody(res);
      throw err instanceof AdoError ? this.scrub(err) : err;
    }
  }

  get credentialKind(): AdoCredential['kind'] {
    return this.credential.kind;
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private headers(spec: SendSpec, authorization: string): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: authorization,
      Accept: spec.accept ?? 'application/json',
      // Without it a bad credential gets a 203 HTML sign-in page instead of a 401.
      'X-TFS-FedAuthRedirect': 'Suppress',
      'User-Agent': this.userAgent,
    };
    if (spec.body !== undefined) headers['Content-Type'] = spec.contentType ?? 'application/json';
    return headers;
  }

  private deferUntil(epochMs: number): void {
    if (epochMs > this.notBefore) this.notBefore = epochMs;
  }

  /**
   * Waits for Retry-After and, while the budget is low, for this request's paced slot. Slots are
   * reserved synchronously, so concurrent callers of the same identity line up one gap apart.
   */
  private async waitForTurn(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    const held = this.notBefore;
    let start = Math.max(now, held);
    if (this.pacing && now < this.pacing.untilMs) {
      start = Math.max(start, this.lastPacedStart + this.pacing.gapMs);
      this.lastPacedStart = start;
    }
    if (start > now) await abortable(this.sleep(start - now), signal);
    if (this.notBefore === held) this.notBefore = 0;
  }

  /** Retry-After (even on a 200) holds back the next request; a low X-RateLimit budget spaces them. */
  private observe(res: Response): number | null {
    const now = this.now();
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now);
    if (retryAfter !== null) this.deferUntil(now + retryAfter);
    const rl = readRateLimitHeaders(res.headers);
    if (rl) {
      const gapMs = spacingFor(rl, now);
      if (gapMs > 0 && !this.pacing) {
        this.logger?.warn(
          {
            remaining: rl.remaining,
            limit: rl.limit,
            resetAt: new Date(rl.resetAtMs).toISOString(),
            gapMs,
            rateLimitResource: rl.resource,
            activityId: res.headers.get('activityid') ?? undefined,
          },
          'Azure DevOps rate-limit budget is low; spacing requests until the reset',
        );
      }
      this.pacing = gapMs > 0 ? { gapMs, untilMs: rl.resetAtMs } : null;
    } else if (this.pacing && now >= this.pacing.untilMs) {
      this.pacing = null;
    }
    return retryAfter;
  }

  /**
   * One request with retries up to maxRetries: 429/5xx and network failures when `retryAll`, else
   * only a 429 with Retry-After or a connection that was never made. Waits Retry-After when given,
   * else exponential backoff with jitter. Returns the last response, whatever its status, and
   * `notRetried` when a GET would have been retried on that status but this write was not (it may have
   * taken effect); false when the retries ran out.
   */
  private async send(spec: SendSpec): Promise<{ res: Response; attempts: number; notRetried: boolean }> {
    const url = this.urlOf(spec);
    for (let attempt = 1; ; attempt++) {
      await this.waitForTurn(spec.signal);
      if (spec.signal?.aborted) throw spec.signal.reason;
      await this.takeFromBudget(spec.signal);
      // A Retry-After that arrived while the shared budget was asked holds this request back too.
      while (this.notBefore > this.now()) await this.waitForTurn(spec.signal);
      const authorization = await this.authorization(spec.path);
      const signals = [spec.signal, spec.timeoutMs ? AbortSignal.timeout(spec.timeoutMs) : undefined].filter(
        (s): s is AbortSignal => s !== undefined,
      );
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          method: spec.method,
          headers: this.headers(spec, authorization),
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: signals.length ? AbortSignal.any(signals) : undefined,
        });
      } catch (err) {
        if (spec.signal?.aborted) throw err;
        const retryable = spec.retryAll || neverSent(err);
        if (!retryable || attempt > this.maxRetries) throw this.networkError(spec, attempt, err, retryable);
        const wait = backoffDelay(attempt - 1, this.random);
        this.deferUntil(this.now() + wait);
        this.logger?.warn({ path: spec.path, attempt, waitMs: wait, error: describeError(err) }, 'Azure DevOps unreachable; retrying');
        continue;
      }

      tallyAnswer(res.status);
      const retryAfter = this.observe(res);
      if (res.status === 429 && retryAfter !== null) await this.pauseBudget(retryAfter);
      const retryable = spec.retryAll ? RETRYABLE_STATUSES.has(res.status) : res.status === 429 && retryAfter !== null;
      if (!retryable) return { res, attempts: attempt, notRetried: !spec.retryAll && RETRYABLE_STATUSES.has(res.status) };
      if (attempt > this.maxRetries) return { res, attempts: attempt, notRetried: false };

      await discardBody(res);
      const wait = retryAfter ?? backoffDelay(attempt - 1, this.random);
      this.deferUntil(this.now() + wait);
      this.logger?.warn(
        {
          path: spec.path,
          method: spec.method,
          status: res.status,
          attempt,
          waitMs: wait,
          rateLimitResource: res.headers.get('x-ratelimit-resource') ?? undefined,
          activityId: res.headers.get('activityid') ?? undefined,
        },
        'Azure DevOps asked to retry',
      );
    }
  }

  /** The shared budget's turn; when it cannot be asked (its database fails), the request goes on paced by this client alone. */
  private async takeFromBudget(signal?: AbortSignal): Promise<void> {
    if (!this.budget) return;
    try {
      await this.budget.take(signal);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      this.logger?.warn({ error: describeError(err) }, 'could not ask the shared ADO request budget; sending without it');
    }
  }

  private async pauseBudget(ms: number): Promise<void> {
    try {
      await this.budget?.pause(ms);
    } catch (err) {
      this.logger?.warn({ error: describeError(err) }, 'could not pause the shared ADO request budget');
    }
  }

  private networkError(spec: SendSpec, attempts: number, err: unknown, retryable: boolean): AdoError {
    const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
    const note = retryable ? '' : '; not retried, as it may have reached Azure DevOps: check whether it took effect';
    return new AdoError(
      'network',
      `Could not reach Azure DevOps at ${this.org.url} to ${spec.operation} (${tries}${note}): ${describeError(err)}`,
      undefined,
      undefined,
      spec.path,
    );
  }

  private async readJson(res: Response, spec: RequestSpec & { method?: string }, attempts: number, allowEmpty: boolean, notRetried = false): Promise<unknown> {
    let text: string;
    try {
      text = res.ok ? await res.text() : await readTextCapped(res);
    } catch (err) {
      throw new AdoError('network', `The answer of Azure DevOps to ${spec.operation} broke off: ${describeError(err)}`, res.status, undefined, spec.path);
    }
    if (res.status === 203) throw signInPageError(203, this.credential.kind, spec.path);
    if (!res.ok) throw this.errorFrom(res.status, text, spec, spec.method ?? 'GET', attempts, notRetried);
    if (allowEmpty && (res.status === 204 || text.trim() === '')) return undefined;
    const type = res.headers.get('content-type') ?? '';
    if (!/json/i.test(type) || text.trimStart().startsWith('<')) throw signInPageError(res.status, this.credential.kind, spec.path);
    try {
      return JSON.parse(text);
    } catch {
      throw badResponse(spec, `malformed JSON (HTTP ${res.status})`);
    }
  }

  private errorFrom(status: number, body: string, spec: RequestSpec, method: string, attempts: number, notRetried: boolean): AdoError {
    return this.scrub(
      errorForStatus(status, body, {
        operation: spec.operation,
        path: spec.path,
        method,
        credentialKind: this.credential.kind,
        attempts,
        notRetried,
      }),
    );
  }

  /** Belt and braces: ADO's messages never echo the credential, but make sure ours cannot either. */
  private scrub(err: AdoError): AdoError {
    const token = this.credential.kind === 'service-principal' ? this.credential.principal.clientSecret : this.credential.token;
    if (!token || !err.message.includes(token)) return err;
    return new AdoError(err.kind, err.message.split(token).join('***'), err.status, err.tfCode, err.path);
  }
}

/**
 * How requests authenticate: a PAT as Basic with an empty user, a bearer token as is, a service
 * principal with a token from Entra ID per request (cached until shortly before it expires). A token
 * Entra refuses is an 'auth' error of the request, one it cannot be reached for a 'network' error.
 */
function authorizationFor(credential: AdoCredential, entraTokens: EntraTokens | undefined): (path: string) => Promise<string> {
  if (credential?.kind === 'service-principal') {
    const { principal } = credential;
    if (!entraTokens) throw new Error('AdoClient needs an Entra token source (entraTokens) for a service principal');
    if (!principal?.tenantId || !principal.clientId || !(principal.clientSecret || principal.certificatePem)) {
      throw new Error('AdoClient needs a service principal with a tenant id, a client id and a secret or certificate');
    }
    return async (path) => {
      try {
        return `Bearer ${await entraTokens.accessToken(principal)}`;
      } catch (err) {
        if (err instanceof EntraError) throw new AdoError(err.kind === 'network' ? 'network' : 'auth', err.message, undefined, undefined, path);
        throw err;
      }
    };
  }
  if (!credential || typeof credential.token !== 'string' || credential.token.trim() === '') {
    throw new Error('AdoClient needs a non-empty credential');
  }
  if (/[\r\n]/.test(credential.token)) throw new Error('The credential contains a line break');
  const header = credential.kind === 'pat' ? `Basic ${Buffer.from(`:${credential.token}`).toString('base64')}` : `Bearer ${credential.token}`;
  return async () => header;
}

function neverSent(err: unknown): boolean {
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && NEVER_SENT_CODES.has(code);
}

/** A wait that ends early, rejecting with the signal's reason, when the signal fires (a shutdown). */
function abortable(wait: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return wait;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    wait.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
