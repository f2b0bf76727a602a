// Azure DevOps REST client: auth headers, retries and Retry-After, continuation tokens, typed calls,
// streamed zip download. Knows HTTP and ADO only (no database, no engine). See docs/ado-rest.md.
import { open, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { errorForStatus, signInPageError } from './errors';
import { parseOrgUrl } from './org-url';
import { backoffDelay, parseRetryAfter, realSleep, RETRYABLE_STATUSES } from './retry';
import {
  AdoError,
  type AdoCredential,
  type AdoProject,
  type AdoRepository,
  type ConnectionData,
} from './types';

export const API_VERSION = '7.1';
/** The Location area (connectionData) never left preview: a plain '7.1' is refused there (VS800075). */
export const CONNECTION_DATA_API_VERSION = '7.1-preview.1';

/** Collection security namespace; bit 2 (GENERIC_WRITE) on token "NAMESPACE" ~ "is an organization admin". */
export const COLLECTION_NAMESPACE_ID = '3e65f728-f8bc-4ecd-8764-7e378b19bfa7';
export const COLLECTION_GENERIC_WRITE = 2;

const DEFAULT_USER_AGENT = 'Vigil/0.1 (+azure-devops-security-scanner)';
const DEFAULT_TIMEOUT_MS = 100_000;
const MAX_PAGES = 10_000;
const MAX_ERROR_BODY_CHARS = 64 * 1024;

export interface AdoLogger {
  warn(obj: object, msg: string): void;
}

export interface AdoClientOptions {
  /** https://dev.azure.com/{org}, https://{org}.visualstudio.com or an ADO Server collection URL. */
  orgUrl: string;
  credential: AdoCredential;
  fetchImpl?: typeof fetch;
  /** Retries after the first attempt, for GETs answered 429/5xx or failing on the network. Default 4. */
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
}

export interface DownloadZipOptions {
  projectId: string;
  repoId: string;
  commitSha: string;
  /** Created exclusively (an existing file is an error, never overwritten); removed on any failure. */
  destFile: string;
  maxBytes: number;
  signal?: AbortSignal;
}

type QueryValue = string | number | boolean | undefined;

interface RequestSpec {
  /** Relative to the organization URL, segments already encoded, no query. */
  path: string;
  query?: Record<string, QueryValue>;
  operation: string;
  accept: string;
  apiVersion?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

const seg = (s: string): string => encodeURIComponent(s);

export class AdoClient {
  readonly orgUrl: string;
  private readonly credential: AdoCredential;
  private readonly fetchImpl: typeof fetch;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly logger?: AdoLogger;
  private readonly userAgent: string;
  private readonly timeoutMs: number;
  /** Epoch ms before which no request leaves this client (Retry-After, also when sent on a 200). */
  private notBefore = 0;

  constructor(opts: AdoClientOptions) {
    this.orgUrl = parseOrgUrl(opts.orgUrl).url;
    if (!opts.credential || typeof opts.credential.token !== 'string' || opts.credential.token.trim() === '') {
      throw new Error('AdoClient needs a non-empty credential');
    }
    if (/[\r\n]/.test(opts.credential.token)) throw new Error('The credential contains a line break');
    this.credential = opts.credential;
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.maxRetries = opts.maxRetries ?? 4;
    this.sleep = opts.sleep ?? realSleep;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.logger = opts.logger;
    this.userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
    this.timeoutMs = opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Who the credential is, and which organization (instanceId) answered. */
  async connectionData(): Promise<ConnectionData> {
    const path = '_apis/connectionData';
    const body = await this.getJson({
      path,
      operation: 'read the connection data',
      accept: 'application/json',
      apiVersion: CONNECTION_DATA_API_VERSION,
    });
    const data = asRecord(body);
    const user = asRecord(data?.authenticatedUser);
    if (!data || typeof user?.id !== 'string' || typeof data.instanceId !== 'string') {
      throw badResponse('read the connection data', path, 'no authenticatedUser.id or instanceId');
    }
    const authorized = asRecord(data.authorizedUser);
    return {
      authenticatedUser: {
        id: user.id,
        providerDisplayName: optString(user.providerDisplayName),
        descriptor: optString(user.descriptor),
      },
      authorizedUser:
        typeof authorized?.id === 'string'
          ? { id: authorized.id, providerDisplayName: optString(authorized.providerDisplayName) }
          : undefined,
      instanceId: data.instanceId,
      deploymentId: optString(data.deploymentId),
    };
  }

  /** Every well-formed project, across continuation-token pages. */
  async listProjects(): Promise<AdoProject[]> {
    const spec: RequestSpec = {
      path: '_apis/projects',
      query: { stateFilter: 'wellFormed', $top: 100 },
      operation: 'list projects',
      accept: 'application/json',
    };
    const projects: AdoProject[] = [];
    for await (const page of this.pages(spec)) {
      for (const raw of page) projects.push(toProject(raw, spec));
    }
    return projects;
  }

  /** Repositories of one project (by id or name), or of the whole organization. Not paged by ADO. */
  async listRepositories(projectId?: string): Promise<AdoRepository[]> {
    const spec: RequestSpec = {
      path: projectId ? `${seg(projectId)}/_apis/git/repositories` : '_apis/git/repositories',
      operation: projectId ? `list the repositories of project ${projectId}` : 'list repositories',
      accept: 'application/json',
    };
    const body = await this.getJson(spec);
    return collectionItems(body, spec).map((raw) => toRepository(raw, spec));
  }

  /**
   * The commit a branch points at, or null when the branch does not exist. `filter` is a starts-with
   * match (heads/main also returns heads/main-old), so the name is compared exactly.
   */
  async getBranchHead(projectId: string, repoId: string, refName: string): Promise<string | null> {
    if (!refName.startsWith('refs/')) throw new Error(`refName must be a full ref name such as refs/heads/main`);
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/git/repositories/${seg(repoId)}/refs`,
      query: { filter: refName.slice('refs/'.length), $top: 100 },
      operation: `read the refs of repository ${repoId}`,
      accept: 'application/json',
    };
    for await (const page of this.pages(spec)) {
      for (const raw of page) {
        const ref = asRecord(raw);
        if (ref?.name === refName) {
          if (typeof ref.objectId !== 'string' || !/^[0-9a-f]{40}$/i.test(ref.objectId)) {
            throw badResponse(spec.operation, spec.path, `ref ${refName} has no commit id`);
          }
          return ref.objectId.toLowerCase();
        }
      }
    }
    return null;
  }

  /**
   * Whether the caller holds `bits` on `token` in a security namespace. Used with a hub user's bearer
   * token and COLLECTION_NAMESPACE_ID / COLLECTION_GENERIC_WRITE / "NAMESPACE" to ask "is this user an
   * organization admin". UNVERIFIED against a live org: that this triple is the right admin test.
   */
  async hasPermission(namespaceId: string, bits: number, token: string): Promise<boolean> {
    if (!Number.isInteger(bits) || bits <= 0) throw new Error('bits must be a positive integer');
    if (token === '') throw new Error('token must not be empty');
    const spec: RequestSpec = {
      path: `_apis/permissions/${seg(namespaceId)}/${bits}`,
      query: { tokens: token },
      operation: 'check permissions',
      accept: 'application/json',
    };
    const body = await this.getJson(spec);
    const values = collectionItems(body, spec);
    if (typeof values[0] !== 'boolean') throw badResponse(spec.operation, spec.path, 'no boolean in the answer');
    return values[0];
  }

  /**
   * Streams the zip of the tree at `commitSha` into `destFile`, counting bytes (ADO sends no
   * Content-Length): past `maxBytes` it stops with AdoError('too-large'). Any failure removes the file.
   */
  async downloadRepositoryZip(o: DownloadZipOptions): Promise<{ bytes: number }> {
    if (!/^[0-9a-f]{40}$/i.test(o.commitSha)) throw new Error('commitSha must be a 40-hex commit id');
    if (!(o.maxBytes > 0)) throw new Error('maxBytes must be positive');
    const spec: RequestSpec = {
      path: `${seg(o.projectId)}/_apis/git/repositories/${seg(o.repoId)}/items`,
      query: {
        path: '/',
        $format: 'zip',
        download: true,
        recursionLevel: 'Full',
        'versionDescriptor.version': o.commitSha,
        'versionDescriptor.versionType': 'commit',
        resolveLfs: true,
        zipForUnix: true,
      },
      operation: `download the zip of repository ${o.repoId} at ${o.commitSha.slice(0, 12)}`,
      accept: 'application/zip',
    };
    const tooLarge = () =>
      new AdoError('too-large', `The zip of repository ${o.repoId} exceeds the ${o.maxBytes}-byte cap`, 200, undefined, spec.path);

    // 'wx': never overwrite, never follow a planted symlink. Opened before the request so that a
    // failure below always owns (and removes) the file.
    const handle = await open(o.destFile, 'wx');
    const controller = new AbortController();
    const signal = o.signal ? AbortSignal.any([o.signal, controller.signal]) : controller.signal;
    let bytes = 0;
    try {
      const { res, attempts } = await this.send({ ...spec, signal });
      if (res.status === 203) {
        await discardBody(res);
        throw signInPageError(203, this.credential.kind, spec.path);
      }
      if (!res.ok) throw this.errorFrom(res.status, await readTextCapped(res), spec, attempts);
      const type = res.headers.get('content-type') ?? '';
      if (/html/i.test(type)) {
        await discardBody(res);
        throw signInPageError(res.status, this.credential.kind, spec.path);
      }
      if (/json/i.test(type)) {
        await discardBody(res);
        throw badResponse(spec.operation, spec.path, `got ${type} instead of a zip`);
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        await discardBody(res);
        throw tooLarge();
      }
      if (!res.body) throw badResponse(spec.operation, spec.path, 'empty body');

      const kind = this.credential.kind;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          if (bytes === 0 && chunk.length > 0 && chunk[0] === 0x3c /* '<' */) {
            done(signInPageError(res.status, kind, spec.path));
            return;
          }
          bytes += chunk.length;
          if (bytes > o.maxBytes) done(tooLarge());
          else done(null, chunk);
        },
      });
      await pipeline(
        Readable.fromWeb(res.body as unknown as NodeReadableStream<Uint8Array>),
        counter,
        handle.createWriteStream(),
      );
      return { bytes };
    } catch (err) {
      controller.abort();
      await handle.close().catch(() => undefined);
      await rm(o.destFile, { force: true });
      if (err instanceof AdoError) throw this.scrub(err);
      if (o.signal?.aborted) throw err;
      throw new AdoError(
        'network',
        `The download of repository ${o.repoId} broke off after ${bytes} bytes: ${describeError(err)}`,
        undefined,
        undefined,
        spec.path,
      );
    }
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private buildUrl(spec: RequestSpec): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) parts.push(`${key}=${encodeURIComponent(String(value))}`);
    }
    parts.push(`api-version=${encodeURIComponent(spec.apiVersion ?? API_VERSION)}`);
    return `${this.orgUrl}/${spec.path}?${parts.join('&')}`;
  }

  private headers(accept: string): Record<string, string> {
    const { kind, token } = this.credential;
    return {
      Authorization: kind === 'pat' ? `Basic ${Buffer.from(`:${token}`).toString('base64')}` : `Bearer ${token}`,
      Accept: accept,
      // Without it a bad credential gets a 203 HTML sign-in page instead of a 401.
      'X-TFS-FedAuthRedirect': 'Suppress',
      'User-Agent': this.userAgent,
    };
  }

  private deferUntil(epochMs: number): void {
    if (epochMs > this.notBefore) this.notBefore = epochMs;
  }

  private async waitForTurn(): Promise<void> {
    const target = this.notBefore;
    const wait = target - this.now();
    if (wait > 0) await this.sleep(wait);
    if (this.notBefore === target) this.notBefore = 0;
  }

  /**
   * One GET with retries: 429/5xx and network failures are retried up to maxRetries times, waiting
   * Retry-After when given, else exponential backoff with jitter. Any Retry-After (even on a 200)
   * holds back this client's next request. Returns the last response, whatever its status.
   */
  private async send(spec: RequestSpec): Promise<{ res: Response; attempts: number }> {
    const url = this.buildUrl(spec);
    for (let attempt = 1; ; attempt++) {
      await this.waitForTurn();
      if (spec.signal?.aborted) throw spec.signal.reason;
      const signals = [spec.signal, spec.timeoutMs ? AbortSignal.timeout(spec.timeoutMs) : undefined].filter(
        (s): s is AbortSignal => s !== undefined,
      );
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          method: 'GET',
          headers: this.headers(spec.accept),
          signal: signals.length ? AbortSignal.any(signals) : undefined,
        });
      } catch (err) {
        if (spec.signal?.aborted) throw err;
        if (attempt > this.maxRetries) {
          throw new AdoError(
            'network',
            `Could not reach Azure DevOps at ${this.orgUrl} to ${spec.operation} (${attempt} attempts): ${describeError(err)}`,
            undefined,
            undefined,
            spec.path,
          );
        }
        const wait = backoffDelay(attempt - 1, this.random);
        this.deferUntil(this.now() + wait);
        this.logger?.warn(
          { path: spec.path, attempt, waitMs: wait, error: describeError(err) },
          'Azure DevOps unreachable; retrying',
        );
        continue;
      }

      const retryAfter = parseRetryAfter(res.headers.get('retry-after'), this.now());
      if (retryAfter !== null) this.deferUntil(this.now() + retryAfter);
      if (!RETRYABLE_STATUSES.has(res.status) || attempt > this.maxRetries) return { res, attempts: attempt };

      await discardBody(res);
      const wait = retryAfter ?? backoffDelay(attempt - 1, this.random);
      this.deferUntil(this.now() + wait);
      this.logger?.warn(
        {
          path: spec.path,
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

  /** GET a JSON endpoint; a sign-in page in any disguise is an 'auth' error. */
  private async getJson(spec: RequestSpec): Promise<unknown> {
    return (await this.getJsonWithHeaders(spec)).body;
  }

  private async getJsonWithHeaders(spec: RequestSpec): Promise<{ body: unknown; headers: Headers }> {
    const { res, attempts } = await this.send({ timeoutMs: this.timeoutMs, ...spec });
    let text: string;
    try {
      text = res.ok ? await res.text() : await readTextCapped(res);
    } catch (err) {
      throw new AdoError(
        'network',
        `The answer of Azure DevOps to ${spec.operation} broke off: ${describeError(err)}`,
        res.status,
        undefined,
        spec.path,
      );
    }
    if (res.status === 203) throw signInPageError(203, this.credential.kind, spec.path);
    if (!res.ok) throw this.errorFrom(res.status, text, spec, attempts);
    const type = res.headers.get('content-type') ?? '';
    if (!/json/i.test(type) || text.trimStart().startsWith('<')) {
      throw signInPageError(res.status, this.credential.kind, spec.path);
    }
    try {
      return { body: JSON.parse(text), headers: res.headers };
    } catch {
      throw badResponse(spec.operation, spec.path, `malformed JSON (HTTP ${res.status})`);
    }
  }

  /** Pages of a collection, following x-ms-continuationtoken until ADO stops sending it. */
  private async *pages(spec: RequestSpec): AsyncGenerator<unknown[]> {
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 1; ; page++) {
      const { body, headers } = await this.getJsonWithHeaders({
        ...spec,
        query: { ...spec.query, continuationToken: token },
      });
      yield collectionItems(body, spec);
      const next = headers.get('x-ms-continuationtoken');
      if (!next) return;
      if (seen.has(next) || page >= MAX_PAGES) {
        throw badResponse(spec.operation, spec.path, 'the continuation tokens never ended');
      }
      seen.add(next);
      token = next;
    }
  }

  private errorFrom(status: number, body: string, spec: RequestSpec, attempts: number): AdoError {
    return this.scrub(
      errorForStatus(status, body, {
        operation: spec.operation,
        path: spec.path,
        credentialKind: this.credential.kind,
        attempts,
      }),
    );
  }

  /** Belt and braces: ADO's messages never echo the credential, but make sure ours cannot either. */
  private scrub(err: AdoError): AdoError {
    const { token } = this.credential;
    if (!err.message.includes(token)) return err;
    return new AdoError(err.kind, err.message.split(token).join('***'), err.status, err.tfCode, err.path);
  }
}

// ---- helpers ------------------------------------------------------------------------------------

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const optNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const optBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function badResponse(operation: string, path: string, what: string): AdoError {
  return new AdoError('bad-response', `Azure DevOps gave an unexpected answer to ${operation}: ${what}`, undefined, undefined, path);
}

/** {count, value: T[]}; a bare array when the server honoured noArrayWrap. */
function collectionItems(body: unknown, spec: RequestSpec): unknown[] {
  if (Array.isArray(body)) return body;
  const value = asRecord(body)?.value;
  if (Array.isArray(value)) return value;
  throw badResponse(spec.operation, spec.path, 'no "value" array');
}

function toProject(raw: unknown, spec: RequestSpec): AdoProject {
  const p = asRecord(raw);
  if (typeof p?.id !== 'string' || typeof p.name !== 'string') {
    throw badResponse(spec.operation, spec.path, 'a project without id or name');
  }
  return {
    id: p.id,
    name: p.name,
    state: optString(p.state),
    visibility: optString(p.visibility),
    lastUpdateTime: optString(p.lastUpdateTime),
  };
}

function toRepository(raw: unknown, spec: RequestSpec): AdoRepository {
  const r = asRecord(raw);
  const project = asRecord(r?.project);
  if (typeof r?.id !== 'string' || typeof r.name !== 'string' || typeof project?.id !== 'string' || typeof project.name !== 'string') {
    throw badResponse(spec.operation, spec.path, 'a repository without id, name or project');
  }
  return {
    id: r.id,
    name: r.name,
    project: { id: project.id, name: project.name },
    defaultBranch: optString(r.defaultBranch),
    size: optNumber(r.size),
    webUrl: optString(r.webUrl),
    remoteUrl: optString(r.remoteUrl),
    isDisabled: optBool(r.isDisabled),
    isFork: optBool(r.isFork),
  };
}

async function discardBody(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    // Already consumed or errored: nothing left to free.
  }
}

/** Error bodies are read for ADO's message only; a huge HTML page is cut short. */
async function readTextCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < MAX_ERROR_BODY_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return text;
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text;
}

/** Duck-typed: errors from fetch may come from another realm (instanceof Error fails under jest). */
function describeError(err: unknown): string {
  if (err !== null && typeof err === 'object' && typeof (err as Error).message === 'string') {
    const { name, message } = err as Error;
    if (name === 'TimeoutError') return 'timed out';
    const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (typeof cause?.code === 'string') return `${message} (${cause.code})`;
    if (typeof cause?.message === 'string') return `${message}: ${cause.message}`;
    return message;
  }
  return String(err);
}
