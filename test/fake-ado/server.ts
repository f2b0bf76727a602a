// A fake Azure DevOps organization host, faithful to docs/ado-rest.md for the calls Vigil makes.
// Product code only ever sees an organization URL (http://127.0.0.1:PORT/contoso), as it would for
// an ADO Server collection, so every area (graph, audit...) lives at that URL too. The front door
// (middleware.ts) records, injects faults, authenticates; one route module per area (routes/*.ts).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DEFAULT_BRANCH, makeContext, type FakeContext } from './context';
import {
  authenticate,
  findOrganization,
  injectFaults,
  recordRequests,
  type FaultControls,
  type RateLimit,
  type RecordedRequest,
} from './middleware';
import { completeBuild, type CompleteBuildInput } from './build-store';
import { loadCompliance, seedCompliance } from './compliance-store';
import { makeDeliveries, type DeliveryOptions, type FakeDeliveries } from './deliveries';
import type { RepoHistory } from './git-history';
import { DEFAULT_FIXTURES_DIR, loadAreas, loadOrgs, type Json, type OrgDef } from './model';
import { completePullRequest, createPullRequest, pullRequestJson, pullRequestsOfOrg } from './pull-request-store';
import { pushFiles, targetByName, type PushFilesInput } from './repo-actions';
import { sendAdoError } from './responses';
import { advancedSecurityRoutes } from './routes/advanced-security';
import { auditRoutes } from './routes/audit';
import { buildRoutes } from './routes/build';
import { coreRoutes } from './routes/core';
import { distributedTaskRoutes } from './routes/distributed-task';
import { entraTokenRoutes } from './routes/entra-token';
import { extensionRoutes } from './routes/extensions';
import { gitRoutes } from './routes/git';
import { graphRoutes } from './routes/graph';
import { hooksRoutes } from './routes/hooks';
import { pipelinesRoutes } from './routes/pipelines';
import { policyRoutes } from './routes/policy';
import { portalRoutes } from './routes/portal';
import { pullRequestRoutes } from './routes/pull-requests';
import { releaseRoutes } from './routes/release';
import { securityRoutes } from './routes/security';
import { serviceEndpointRoutes } from './routes/service-endpoints';

export type { RateLimit, RecordedRequest } from './middleware';
export type { PushFilesInput } from './repo-actions';
export type { BuildTaskInput, CompleteBuildInput } from './build-store';
export type { DeliveryAttempt, DeliveryOptions, FakeDeliveries, SentEvent } from './deliveries';
export type { FakeContext } from './context';

export interface FakeAdoOptions {
  /** Default 0 (any free port). */
  port?: number;
  host?: string;
  /** After `after` requests, answer one 429 with Retry-After, then recover. */
  rateLimit?: RateLimit | false;
  /** A copy of fixtures/ (to change repo content and see the head SHA move). */
  fixturesDir?: string;
  /** Projects per page at most (ADO's is ~100); small so that paging is exercised. Default 1. */
  projectPageSize?: number;
  /** Refs per page at most when $top or a continuation token is sent. Default 1. */
  refPageSize?: number;
  /** Policy configurations, build definitions (and variable groups when $top is sent) per page at most. Default 2. */
  listPageSize?: number;
  /** Webhook delivery: retries, delay, failures before disabledBySystem, timeout (deliveries.ts). */
  deliveries?: DeliveryOptions;
  /**
   * Routes served before the areas', behind the front door (rate limit, authentication): a benchmark's
   * generated answers (test/bench/compliance: 50,000 pull requests made on demand, never held).
   */
  extraRoutes?: (ctx: FakeContext) => express.Router;
}

export interface FakeAdoUser {
  id: string;
  displayName: string;
  uniqueName: string;
  accessToken: string;
}

export interface FakeRepoInfo {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  defaultBranch?: string;
  isDisabled: boolean;
  isEmpty: boolean;
}

export interface FakeProjectInfo {
  id: string;
  name: string;
  state: string;
  repos: FakeRepoInfo[];
}

export interface FakeOrgInfo {
  name: string;
  id: string;
  url: string;
  projects: FakeProjectInfo[];
  repos: Record<string, FakeRepoInfo>;
  /** Current head of the default branch, from the fixture content; null when empty. */
  headSha(repoName: string): string | null;
}

export interface FakeAdo {
  url: string;
  orgUrl(name: string): string;
  orgs: { contoso: FakeOrgInfo; fabrikam: FakeOrgInfo };
  /**
   * contoso: full (every scope), noCode (lacks vso.code, vso.code_status, vso.hooks_write...),
   * codeOnly (vso.project and vso.code only), revoked; fabrikam: fabrikam's full PAT.
   */
  pats: { full: string; noCode: string; codeOnly: string; revoked: string; fabrikam: string };
  /** admin (org admin) and dev (member): contoso; fabrikamAdmin: fabrikam. */
  users: { admin: FakeAdoUser; dev: FakeAdoUser; fabrikamAdmin: FakeAdoUser };
  requests: RecordedRequest[];
  setRateLimit(limit: RateLimit | false): void;
  /** Every 200 carries Retry-After (and X-RateLimit-*) while set: ADO's "delayed" state. */
  setRetryAfterOn200(seconds: number | null): void;
  /** The next `times` requests fail with `status` (an ADO error body), then service resumes. */
  failNext(status: number, times?: number, retryAfterSeconds?: number): void;
  /**
   * One commit onto a branch (created from `from`, default main, when missing), exactly as a push
   * through the REST API: git.push is published and PRs from that branch get a new iteration.
   * Returns the new commit id.
   */
  push(org: string, repo: string, input: PushFilesInput): string;
  /** A pull request as the REST API creates it (git.pullrequest.created, then .merged); returns its id. */
  createPullRequest(
    org: string,
    repo: string,
    input: { source: string; target?: string; title?: string; description?: string; createdBy?: string; reviewers?: string[]; isDraft?: boolean },
  ): number;
  /** Completes an active PR (merge commit pushed onto the target; default strategy noFastForward); returns the merge commit id. */
  completePullRequest(org: string, id: number, opts?: { mergeStrategy?: 'noFastForward' | 'squash' | 'rebase' | 'rebaseMerge'; deleteSourceBranch?: boolean; by?: string }): string;
  /** A pull request in the REST shape (GitPullRequest). */
  pullRequest(org: string, id: number): Json;
  /** The repository's git history: refs(), ref(name), commit(id) with its tree, blob(id), pushes. */
  git(org: string, repo: string): RepoHistory;
  /**
   * Records a completed build of a fixture definition (a PR build on refs/pull/{id}/merge at its merge
   * commit, or a branch build) with a timeline of `tasks`, and publishes build.complete. Returns the build id.
   */
  completeBuild(org: string, project: string, input: CompleteBuildInput): number;
  /** Service hook deliveries: `settled()`, `log`, `events`, `redeliver(eventId)`, `sendRaw(subscriptionId, body, {auth})`. */
  deliveries: FakeDeliveries;
  close(): Promise<void>;
}

/**
 * Azure DevOps Services answers browsers of other origins (an extension's frame calling REST with its
 * bearer token): the request's origin and headers are allowed, preflights answered before authentication.
 */
function crossOrigin(req: Request, res: Response, next: NextFunction): void {
  const origin = req.get('origin');
  if (origin) {
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Allow-Credentials', 'true');
    res.set('Vary', 'Origin');
    res.set('Access-Control-Expose-Headers', 'x-ms-continuationtoken, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Content-Disposition');
  }
  if (req.method === 'OPTIONS' && origin && req.get('access-control-request-method')) {
    res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
    res.set('Access-Control-Allow-Headers', req.get('access-control-request-headers') ?? 'Authorization, Content-Type, Accept');
    res.set('Access-Control-Max-Age', '3600');
    return void res.status(204).end();
  }
  next();
}

function buildApp(ctx: FakeContext, controls: FaultControls, requests: RecordedRequest[], extraRoutes?: FakeAdoOptions['extraRoutes']): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(recordRequests(requests));
  app.use(crossOrigin);
  app.use(entraTokenRoutes(ctx));
  app.use(injectFaults(controls));

  const orgRouter = express.Router({ mergeParams: true });
  if (extraRoutes) orgRouter.use(extraRoutes(ctx));
  for (const routes of [
    coreRoutes(ctx),
    gitRoutes(ctx),
    pullRequestRoutes(ctx),
    securityRoutes(),
    policyRoutes(ctx),
    buildRoutes(ctx),
    serviceEndpointRoutes(ctx),
    distributedTaskRoutes(ctx),
    pipelinesRoutes(ctx),
    hooksRoutes(ctx),
    releaseRoutes(ctx),
    graphRoutes(ctx),
    auditRoutes(ctx),
    advancedSecurityRoutes(ctx),
    extensionRoutes(ctx),
    portalRoutes(ctx),
  ]) {
    orgRouter.use(routes);
  }
  orgRouter.use((req, res) => {
    sendAdoError(res, 404, {
      message: `The fake Azure DevOps has no resource at ${req.method} ${req.originalUrl.split('?')[0]}.`,
      typeKey: 'ApiResourceNotFoundException',
    });
  });
  // Bodies of writes, read once authenticated; a wrong content type leaves req.body unset and the route answers 400.
  app.use('/:org', findOrganization(ctx), authenticate(ctx), express.json({ limit: '1mb' }), orgRouter);

  app.use((req: Request, res: Response) => {
    sendAdoError(res, 404, { message: `Not found: ${req.path}`, typeKey: 'NotFoundException' });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return res.destroy();
    // A body express.json could not parse: ADO answers such a request 400.
    if ((err as { type?: string }).type === 'entity.parse.failed') {
      return sendAdoError(res, 400, { message: 'The request body is not valid JSON.', typeKey: 'InvalidArgumentValueException' });
    }
    sendAdoError(res, 500, {
      message: `TF246017: internal error in the fake: ${err instanceof Error ? err.message : String(err)}`,
      typeKey: 'InternalServerErrorException',
    });
  });
  return app;
}

export async function startFakeAdo(opts: FakeAdoOptions = {}): Promise<FakeAdo> {
  const fixturesDir = opts.fixturesDir ?? DEFAULT_FIXTURES_DIR;
  const orgs = loadOrgs(fixturesDir);
  const ctx = makeContext(fixturesDir, orgs, loadAreas(fixturesDir), {
    projects: opts.projectPageSize ?? 1,
    refs: opts.refPageSize ?? 1,
    lists: opts.listPageSize ?? 2,
  });
  const requests: RecordedRequest[] = [];
  const deliveries = makeDeliveries(ctx, ctx.state.hookSecrets, opts.deliveries);
  ctx.publish = deliveries.publish;
  ctx.notifications = deliveries.notifications;
  const controls: FaultControls = { rateLimit: opts.rateLimit || null, counted: 0, throttled: false, retryAfterOn200: null, failure: null };

  const server: Server = buildApp(ctx, controls, requests, opts.extraRoutes).listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  ctx.baseUrl = `http://${address.address}:${address.port}`;
  seedCompliance(ctx, loadCompliance(fixturesDir));

  const info = (org: OrgDef): FakeOrgInfo => {
    const repos: Record<string, FakeRepoInfo> = {};
    const projects = org.projects.map((p) => ({
      id: p.id,
      name: p.name,
      state: p.state ?? 'wellFormed',
      repos: p.repos.map((r) => {
        const repo: FakeRepoInfo = {
          id: r.id,
          name: r.name,
          projectId: p.id,
          projectName: p.name,
          defaultBranch: r.empty ? undefined : DEFAULT_BRANCH,
          isDisabled: r.disabled === true,
          isEmpty: r.empty === true,
        };
        repos[r.name] = repo;
        return repo;
      }),
    }));
    return {
      name: org.name,
      id: org.id,
      url: ctx.orgUrlOf(org),
      projects,
      repos,
      headSha: (repoName) => {
        const r = org.projects.flatMap((p) => p.repos).find((x) => x.name === repoName);
        if (!r) throw new Error(`fake-ado: no repository ${repoName} in ${org.name}`);
        return ctx.headOf(org, r);
      },
    };
  };

  const orgByName = (name: string) => {
    const org = ctx.findOrg(name);
    if (!org) throw new Error(`fake-ado: fixture organization ${name} missing`);
    return org;
  };
  const credential = (handle: string) => {
    for (const org of orgs) {
      const c = org.credentials.find((x) => x.handle === handle);
      if (c) return { org, c };
    }
    throw new Error(`fake-ado: fixture credential ${handle} missing`);
  };
  const user = (handle: string): FakeAdoUser => {
    const { org, c } = credential(handle);
    const who = ctx.identity(org, c.identity);
    return { id: who.id, displayName: who.displayName, uniqueName: who.uniqueName, accessToken: c.token };
  };

  return {
    url: ctx.baseUrl,
    orgUrl: (name) => `${ctx.baseUrl}/${name}`,
    orgs: { contoso: info(orgByName('contoso')), fabrikam: info(orgByName('fabrikam')) },
    pats: {
      full: credential('full').c.token,
      noCode: credential('noCode').c.token,
      codeOnly: credential('codeOnly').c.token,
      revoked: credential('revoked').c.token,
      fabrikam: credential('fabrikam').c.token,
    },
    users: { admin: user('admin'), dev: user('dev'), fabrikamAdmin: user('fabrikamAdmin') },
    requests,
    setRateLimit: (limit) => {
      controls.rateLimit = limit || null;
      controls.counted = 0;
      controls.throttled = false;
      controls.usage = [];
    },
    setRetryAfterOn200: (seconds) => {
      controls.retryAfterOn200 = seconds;
    },
    failNext: (status, times = 1, retryAfterSeconds) => {
      controls.failure = times > 0 ? { status, remaining: times, retryAfterSeconds } : null;
    },
    push: (org, repo, input) => pushFiles(ctx, targetByName(ctx, org, repo), input),
    createPullRequest: (org, repo, input) => {
      const t = targetByName(ctx, org, repo);
      const ref = (name: string) => (name.startsWith('refs/') ? name : `refs/heads/${name}`);
      return createPullRequest(ctx, t, {
        sourceRefName: ref(input.source),
        targetRefName: ref(input.target ?? 'main'),
        title: input.title ?? `Merge ${input.source}`,
        description: input.description ?? '',
        isDraft: input.isDraft ?? false,
        reviewers: input.reviewers ?? [],
        createdBy: input.createdBy ?? t.org.identities[0].key,
      }).id;
    },
    completePullRequest: (org, id, opts = {}) => {
      const pr = pullRequestsOfOrg(ctx, org).get(id);
      if (!pr) throw new Error(`fake-ado: no pull request ${id} in ${org}`);
      const { by, ...options } = opts;
      return completePullRequest(ctx, pr, { by: by ?? pr.org.identities[0].key, completionOptions: options }).commitId;
    },
    pullRequest: (org, id) => {
      const pr = pullRequestsOfOrg(ctx, org).get(id);
      if (!pr) throw new Error(`fake-ado: no pull request ${id} in ${org}`);
      return pullRequestJson(ctx, pr);
    },
    git: (org, repo) => {
      const t = targetByName(ctx, org, repo);
      return ctx.history(t.org, t.repo);
    },
    completeBuild: (org, project, input) => completeBuild(ctx, orgByName(org), project, input).id,
    deliveries: { log: deliveries.log, events: deliveries.events, settled: deliveries.settled, redeliver: deliveries.redeliver, sendRaw: deliveries.sendRaw },
    close: async () => {
      deliveries.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
