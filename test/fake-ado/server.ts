// A fake Azure DevOps organization host, faithful to docs/ado-rest.md for the calls Vigil makes.
// Product code only ever sees an organization URL (http://127.0.0.1:PORT/contoso), as it would for
// an ADO Server collection.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  contentSha,
  DEFAULT_FIXTURES_DIR,
  derivedSha,
  listRepoFiles,
  loadOrgs,
  repoFolder,
  type CredentialDef,
  type IdentityDef,
  type OrgDef,
  type ProjectDef,
  type RepoDef,
} from './model';
import {
  sendAdoError,
  sendMissingScope,
  sendSignInPage,
  sendThrottled,
  sendUnauthorized,
  setCommonHeaders,
  setRateLimitHeaders,
} from './responses';
import { buildRepoZip } from './zip';

export interface RateLimit {
  /** Requests answered normally before one 429. */
  after: number;
  retryAfterSeconds: number;
}

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
}

export interface RecordedRequest {
  /** Arrival time, epoch ms. */
  at: number;
  method: string;
  /** Path without query, as sent. */
  path: string;
  query: string;
  /** 'pat:full', 'bearer:admin', 'pat:unknown', 'none'... never the secret itself. */
  auth: string;
  suppressRedirect: boolean;
  /** Set once the answer is sent. */
  status?: number;
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
  /** full / noCode (lacks vso.code) / revoked: contoso; fabrikam: fabrikam's full PAT. */
  pats: { full: string; noCode: string; revoked: string; fabrikam: string };
  /** admin (org admin) and dev (member): contoso; fabrikamAdmin: fabrikam. */
  users: { admin: FakeAdoUser; dev: FakeAdoUser; fabrikamAdmin: FakeAdoUser };
  requests: RecordedRequest[];
  setRateLimit(limit: RateLimit | false): void;
  /** Every 200 carries Retry-After (and X-RateLimit-*) while set: ADO's "delayed" state. */
  setRetryAfterOn200(seconds: number | null): void;
  /** The next `times` requests fail with `status` (an ADO error body), then service resumes. */
  failNext(status: number, times?: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const DEFAULT_BRANCH = 'refs/heads/main';
const COLLECTION_NAMESPACE = '3e65f728-f8bc-4ecd-8764-7e378b19bfa7';
const GENERIC_READ = 1;

interface Locals {
  org: OrgDef;
  credential: CredentialDef;
  identity: IdentityDef;
  record: RecordedRequest;
}

const locals = (res: Response): Locals => res.locals as Locals;

/** ADO's "delayed" state: a 200 that carries Retry-After. Error answers keep their own headers. */
function addRateLimitHeadersOn200(res: Response, seconds: number): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    const status = typeof args[0] === 'number' ? args[0] : res.statusCode;
    if (status === 200) setRateLimitHeaders(res, seconds, '1.842');
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as typeof res.writeHead;
}

/** Query parameters are case-insensitive in ADO; the first value wins. */
function q(req: Request, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(req.query)) {
    if (key.toLowerCase() !== lower) continue;
    const v = Array.isArray(value) ? value[0] : value;
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

const eqi = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function encodeToken(kind: string, offset: number): string {
  return Buffer.from(`${kind}:${offset}`).toString('base64url');
}

function decodeToken(kind: string, token: string): number | null {
  const [k, n] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  const offset = Number(n);
  return k === kind && Number.isInteger(offset) && offset >= 0 ? offset : null;
}

export async function startFakeAdo(opts: FakeAdoOptions = {}): Promise<FakeAdo> {
  const fixturesDir = opts.fixturesDir ?? DEFAULT_FIXTURES_DIR;
  const orgs = loadOrgs(fixturesDir);
  const projectPageSize = opts.projectPageSize ?? 1;
  const refPageSize = opts.refPageSize ?? 1;
  const requests: RecordedRequest[] = [];
  let rateLimit: RateLimit | null = opts.rateLimit || null;
  let counted = 0;
  let throttled = false;
  let retryAfterOn200: number | null = null;
  let failure: { status: number; remaining: number; retryAfterSeconds?: number } | null = null;
  let baseUrl = '';

  const orgUrlOf = (org: OrgDef) => `${baseUrl}/${org.name}`;
  const findOrg = (name: string) => orgs.find((o) => eqi(o.name, name));

  const repoFiles = (org: OrgDef, repo: RepoDef) => {
    const folder = repoFolder(fixturesDir, org, repo);
    return folder ? listRepoFiles(folder) : [];
  };
  const headOf = (org: OrgDef, repo: RepoDef): string | null =>
    repo.empty ? null : contentSha(repoFiles(org, repo), repo.extraZipEntries);

  // ---- JSON shapes --------------------------------------------------------------------------

  const projectRef = (org: OrgDef, p: ProjectDef) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    url: `${orgUrlOf(org)}/_apis/projects/${p.id}`,
    state: p.state ?? 'wellFormed',
    revision: p.revision,
    visibility: p.visibility,
    lastUpdateTime: p.lastUpdateTime,
  });

  const gitRepository = (org: OrgDef, p: ProjectDef, r: RepoDef) => {
    const orgUrl = orgUrlOf(org);
    const host = new URL(baseUrl).host;
    const size = repoFiles(org, r).reduce((sum, f) => sum + f.size, 0);
    return {
      id: r.id,
      name: r.name,
      url: `${orgUrl}/${p.id}/_apis/git/repositories/${r.id}`,
      project: projectRef(org, p),
      ...(r.empty ? {} : { defaultBranch: DEFAULT_BRANCH }),
      size: r.empty ? 0 : size,
      remoteUrl: `${baseUrl.replace('//', `//${org.name}@`)}/${org.name}/${encodeURIComponent(p.name)}/_git/${encodeURIComponent(r.name)}`,
      sshUrl: `git@ssh.${host}:v3/${org.name}/${encodeURIComponent(p.name)}/${encodeURIComponent(r.name)}`,
      webUrl: `${orgUrl}/${encodeURIComponent(p.name)}/_git/${encodeURIComponent(r.name)}`,
      isDisabled: r.disabled === true,
      isInMaintenance: false,
    };
  };

  const identityRef = (org: OrgDef, who: IdentityDef) => ({
    displayName: who.displayName,
    url: `${orgUrlOf(org)}/_apis/Identities/${who.id}`,
    id: who.id,
    uniqueName: who.uniqueName,
    descriptor: `aad.${Buffer.from(who.id).toString('base64url')}`,
  });

  /** {count, value}, or the bare array when Accept carries noArrayWrap=true. */
  const sendCollection = (req: Request, res: Response, items: unknown[], continuationToken?: string) => {
    if (continuationToken) res.setHeader('x-ms-continuationtoken', continuationToken);
    const bare = /noArrayWrap=true/i.test(req.get('accept') ?? '');
    res.type('application/json; charset=utf-8').send(JSON.stringify(bare ? items : { count: items.length, value: items }));
  };

  const sendJson = (res: Response, body: unknown) => {
    res.type('application/json; charset=utf-8').send(JSON.stringify(body));
  };

  // ---- lookups ------------------------------------------------------------------------------

  const findProject = (org: OrgDef, idOrName: string) => org.projects.find((p) => eqi(p.id, idOrName) || eqi(p.name, idOrName));

  const projectNotFound = (res: Response, name: string) =>
    sendAdoError(res, 404, {
      message: `TF200016: The following project does not exist: ${name}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`,
      typeKey: 'ProjectDoesNotExistWithNameException',
    });

  const repoNotFound = (res: Response, name: string, extra = '') =>
    sendAdoError(res, 404, {
      message: `TF401019: The Git repository with name or identifier ${name} does not exist or you do not have permissions for the operation you are attempting.${extra}`,
      typeKey: 'GitRepositoryNotFoundException',
      typeName: 'Microsoft.TeamFoundation.Git.Server.GitRepositoryNotFoundException, Microsoft.TeamFoundation.Git.Server',
    });

  /** Repository by id (any project) or, inside a project, by name. Sends the 404 itself. */
  const resolveRepo = (req: Request, res: Response, opts: { allowDisabled: boolean }) => {
    const { org } = locals(res);
    const repoKey = String(req.params.repo);
    let project: ProjectDef | undefined;
    if (req.params.project !== undefined) {
      project = findProject(org, String(req.params.project));
      if (!project) {
        projectNotFound(res, String(req.params.project));
        return null;
      }
    }
    const candidates = project ? [project] : org.projects;
    for (const p of candidates) {
      const repo = p.repos.find((r) => eqi(r.id, repoKey) || (project !== undefined && eqi(r.name, repoKey)));
      if (!repo) continue;
      // UNVERIFIED: ADO's exact answer for a disabled repository; TF401019-like 404 here.
      if (repo.disabled && !opts.allowDisabled) {
        repoNotFound(res, repoKey, ' The repository is disabled.');
        return null;
      }
      return { project: p, repo };
    }
    repoNotFound(res, repoKey);
    return null;
  };

  // ---- app ----------------------------------------------------------------------------------

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  // Record every request, before anything can answer it.
  app.use((req, res, next) => {
    const record: RecordedRequest = {
      at: Date.now(),
      method: req.method,
      path: req.originalUrl.split('?')[0],
      query: req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '',
      auth: req.get('authorization') ? 'unknown' : 'none',
      suppressRedirect: eqi(req.get('x-tfs-fedauthredirect') ?? '', 'Suppress'),
    };
    requests.push(record);
    locals(res).record = record;
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    setCommonHeaders(res);
    next();
  });

  // Injected failures and throttling come first, as ADO's front door does.
  app.use((_req, res, next) => {
    counted += 1;
    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      const { status, retryAfterSeconds } = failure;
      if (failure.remaining === 0) failure = null;
      if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
      sendAdoError(res, status, {
        message: `TF246017: Azure DevOps Services is unavailable right now (injected HTTP ${status}).`,
        typeKey: 'ServiceUnavailableException',
      });
      return;
    }
    if (rateLimit && !throttled && counted > rateLimit.after) {
      throttled = true;
      sendThrottled(res, rateLimit.retryAfterSeconds);
      return;
    }
    if (retryAfterOn200 !== null) addRateLimitHeadersOn200(res, retryAfterOn200);
    next();
  });

  const orgRouter = express.Router({ mergeParams: true });

  app.use(
    '/:org',
    (req, res, next) => {
      const org = findOrg(String(req.params.org));
      // UNVERIFIED: the exact answer of dev.azure.com for an organization that does not exist.
      if (!org) return sendAdoError(res, 404, { message: `The organization '${req.params.org}' could not be found.`, typeKey: 'HostNotFoundException' });
      locals(res).org = org;
      next();
    },
    (req, res, next) => {
      const { org, record } = locals(res);
      const header = req.get('authorization') ?? '';
      let token: string | null = null;
      let kind: 'pat' | 'bearer' | null = null;
      const basic = /^Basic\s+(.+)$/i.exec(header);
      const bearer = /^Bearer\s+(.+)$/i.exec(header);
      if (basic) {
        const decoded = Buffer.from(basic[1].trim(), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon >= 0) {
          token = decoded.slice(colon + 1);
          kind = 'pat';
        }
      } else if (bearer) {
        token = bearer[1].trim();
        kind = 'bearer';
      }
      const credential = org.credentials.find((c) => c.token === token && c.kind === kind);
      if (credential) record.auth = `${credential.kind}:${credential.handle}`;
      else if (kind) record.auth = `${kind}:unknown`;
      if (!credential || credential.revoked) {
        if (record.suppressRedirect) return sendUnauthorized(res, orgUrlOf(org));
        return sendSignInPage(res);
      }
      const identity = org.identities.find((i) => i.key === credential.identity);
      if (!identity) throw new Error(`fixture: credential ${credential.handle} names unknown identity ${credential.identity}`);
      locals(res).credential = credential;
      locals(res).identity = identity;
      next();
    },
    orgRouter,
  );

  const requireScope = (scope: string) => (_req: Request, res: Response, next: NextFunction) => {
    const { credential } = locals(res);
    if (credential.kind === 'pat' && credential.scopes !== 'all' && !(credential.scopes ?? []).includes(scope)) {
      return sendMissingScope(res);
    }
    next();
  };

  // connectionData: the Location area is preview-only, so a plain "7.1" is refused as ADO does.
  orgRouter.get('/_apis/connectionData', (req, res) => {
    const { org, identity } = locals(res);
    const version = q(req, 'api-version');
    if (version && !/-preview/i.test(version)) {
      // UNVERIFIED wording; the -preview requirement itself is how ADO treats preview resources.
      return sendAdoError(res, 400, {
        message: `VS800075: The requested version "${version}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${version}-preview"`,
        typeKey: 'VssInvalidPreviewVersionException',
      });
    }
    const user = {
      id: identity.id,
      descriptor: `Microsoft.IdentityModel.Claims.ClaimsIdentity;${identity.uniqueName}`,
      subjectDescriptor: `aad.${Buffer.from(identity.id).toString('base64url')}`,
      providerDisplayName: identity.displayName,
      isActive: true,
      properties: { Account: { $type: 'System.String', $value: identity.uniqueName } },
      resourceVersion: 2,
      metaTypeId: 0,
    };
    sendJson(res, {
      authenticatedUser: user,
      authorizedUser: user,
      instanceId: org.id,
      deploymentId: org.deploymentId,
      deploymentType: 'hosted',
      locationServiceData: {
        serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7',
        defaultAccessMappingMoniker: 'PublicAccessMapping',
        lastChangeId: 1,
        lastChangeId64: 1,
      },
    });
  });

  orgRouter.get('/_apis/projects', requireScope('vso.project'), (req, res) => {
    const { org } = locals(res);
    const stateFilter = (q(req, 'stateFilter') ?? 'wellFormed').toLowerCase();
    const all = org.projects
      .filter((p) => stateFilter === 'all' || (p.state ?? 'wellFormed').toLowerCase() === stateFilter)
      .map((p) => projectRef(org, p));
    const paged = pageOf(req, res, all, 'projects', projectPageSize, true);
    if (paged) sendCollection(req, res, paged.items, paged.next);
  });

  orgRouter.get('/_apis/projects/:projectId', requireScope('vso.project'), (req, res) => {
    const { org } = locals(res);
    const p = findProject(org, String(req.params.projectId));
    if (!p) return projectNotFound(res, String(req.params.projectId));
    sendJson(res, projectRef(org, p));
  });

  const listRepositories = (req: Request, res: Response) => {
    const { org } = locals(res);
    let projects = org.projects;
    if (req.params.project !== undefined) {
      const p = findProject(org, String(req.params.project));
      if (!p) return projectNotFound(res, String(req.params.project));
      projects = [p];
    }
    sendCollection(req, res, projects.flatMap((p) => p.repos.map((r) => gitRepository(org, p, r))));
  };
  orgRouter.get('/_apis/git/repositories', requireScope('vso.code'), listRepositories);
  orgRouter.get('/:project/_apis/git/repositories', requireScope('vso.code'), listRepositories);

  const getRepository = (req: Request, res: Response) => {
    const found = resolveRepo(req, res, { allowDisabled: true });
    if (found) sendJson(res, gitRepository(locals(res).org, found.project, found.repo));
  };
  orgRouter.get('/_apis/git/repositories/:repo', requireScope('vso.code'), getRepository);
  orgRouter.get('/:project/_apis/git/repositories/:repo', requireScope('vso.code'), getRepository);

  const listRefs = (req: Request, res: Response) => {
    const found = resolveRepo(req, res, { allowDisabled: false });
    if (!found) return;
    const { org, identity } = locals(res);
    const head = headOf(org, found.repo);
    const repoUrl = `${orgUrlOf(org)}/${found.project.id}/_apis/git/repositories/${found.repo.id}`;
    const refs = head
      ? [DEFAULT_BRANCH, ...(found.repo.extraRefs ?? [])]
          .map((name) => ({ name, objectId: name === DEFAULT_BRANCH ? head : derivedSha(name, head) }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      : [];
    const filter = q(req, 'filter');
    const contains = q(req, 'filterContains');
    const matching = refs
      .filter((r) => !filter || r.name.slice('refs/'.length).startsWith(filter))
      .filter((r) => !contains || r.name.includes(contains))
      .map((r) => ({
        ...r,
        creator: identityRef(org, identity),
        url: `${repoUrl}/refs?filter=${encodeURIComponent(r.name.slice('refs/'.length))}`,
      }));
    // Without $top or a token ADO returns every ref; otherwise pages.
    const paged = pageOf(req, res, matching, 'refs', refPageSize, q(req, '$top') !== undefined || q(req, 'continuationToken') !== undefined);
    if (paged) sendCollection(req, res, paged.items, paged.next);
  };
  orgRouter.get('/_apis/git/repositories/:repo/refs', requireScope('vso.code'), listRefs);
  orgRouter.get('/:project/_apis/git/repositories/:repo/refs', requireScope('vso.code'), listRefs);

  const getItems = (req: Request, res: Response) => {
    const found = resolveRepo(req, res, { allowDisabled: false });
    if (!found) return;
    const { org } = locals(res);
    const { repo } = found;
    const head = headOf(org, repo);
    const itemPath = q(req, 'path') ?? q(req, 'scopePath') ?? '/';
    const versionType = (q(req, 'versionDescriptor.versionType') ?? 'branch').toLowerCase();
    const version = q(req, 'versionDescriptor.version');
    const descriptor = version ? `<${versionType[0].toUpperCase()}${versionType.slice(1)}: ${version}>` : '<Branch: default branch>';
    const resolved =
      head &&
      (!version ||
        (versionType === 'commit' && eqi(version, head)) ||
        (versionType === 'branch' && (version === 'main' || version === DEFAULT_BRANCH)));
    if (!resolved) {
      // UNVERIFIED wording (ado-samples/git-items-zip-download-synth.json).
      return sendAdoError(res, 404, {
        message: `TF401175:The version descriptor ${descriptor} could not be resolved to a version in the repository ${repo.name}`,
        typeKey: 'GitUnresolvableToCommitException',
        typeName: 'Microsoft.TeamFoundation.Git.Server.GitUnresolvableToCommitException, Microsoft.TeamFoundation.SourceControl.WebServer',
      });
    }
    if (itemPath !== '/') {
      return sendAdoError(res, 400, {
        message: `The fake Azure DevOps serves items for path=/ only (asked: ${itemPath}).`,
        typeKey: 'ArgumentException',
      });
    }
    if ((q(req, '$format') ?? '').toLowerCase() !== 'zip') {
      return sendJson(res, {
        objectId: derivedSha('tree', head),
        gitObjectType: 'tree',
        commitId: head,
        path: '/',
        isFolder: true,
        url: `${orgUrlOf(org)}/${found.project.id}/_apis/git/repositories/${repo.id}/items?path=%2F&versionType=Commit&version=${head}`,
      });
    }
    const files = repoFiles(org, repo);
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename=${repo.name}.zip; filename*=utf-8''${encodeURIComponent(repo.name)}.zip`);
    const zip = buildRepoZip(files, repo.extraZipEntries);
    zip.on('error', () => res.destroy());
    zip.pipe(res);
  };
  orgRouter.get('/_apis/git/repositories/:repo/items', requireScope('vso.code'), getItems);
  orgRouter.get('/:project/_apis/git/repositories/:repo/items', requireScope('vso.code'), getItems);

  orgRouter.get('/_apis/permissions/:ns/:bits', requireScope('vso.security_manage'), (req, res) => {
    const { identity } = locals(res);
    const bits = Number(req.params.bits);
    if (!Number.isInteger(bits) || bits <= 0) {
      return sendAdoError(res, 400, { message: `Invalid permissions value: ${req.params.bits}`, typeKey: 'InvalidArgumentValueException' });
    }
    const delimiter = q(req, 'delimiter') ?? ',';
    const tokens = (q(req, 'tokens') ?? '').split(delimiter).filter(Boolean);
    if (!tokens.length) tokens.push('');
    // A Project Collection Administrator holds every Collection bit; members can only read.
    const granted = eqi(String(req.params.ns), COLLECTION_NAMESPACE) && (identity.isAdmin || (bits & ~GENERIC_READ) === 0);
    sendCollection(req, res, tokens.map(() => granted));
  });

  orgRouter.use((req, res) => {
    sendAdoError(res, 404, {
      message: `The fake Azure DevOps has no resource at ${req.method} ${req.originalUrl.split('?')[0]}.`,
      typeKey: 'ApiResourceNotFoundException',
    });
  });

  app.use((req: Request, res: Response) => {
    sendAdoError(res, 404, { message: `Not found: ${req.path}`, typeKey: 'NotFoundException' });
  });

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return res.destroy();
    sendAdoError(res, 500, {
      message: `TF246017: internal error in the fake: ${err instanceof Error ? err.message : String(err)}`,
      typeKey: 'InternalServerErrorException',
    });
  });

  /** $top / continuationToken paging; sends the 400 itself when the input is bad. */
  function pageOf<T>(req: Request, res: Response, items: T[], kind: string, maxPage: number, paged: boolean) {
    const tokenText = q(req, 'continuationToken');
    let offset = Number(q(req, '$skip') ?? 0);
    if (tokenText !== undefined) {
      const decoded = decodeToken(kind, tokenText);
      if (decoded === null) {
        sendAdoError(res, 400, { message: `The continuation token is not valid: ${tokenText}`, typeKey: 'InvalidArgumentValueException' });
        return null;
      }
      offset = decoded;
    }
    const topText = q(req, '$top');
    const top = topText === undefined ? 100 : Number(topText);
    if (!Number.isInteger(top) || top <= 0 || !Number.isInteger(offset) || offset < 0) {
      sendAdoError(res, 400, { message: 'Invalid $top or $skip value.', typeKey: 'InvalidArgumentValueException' });
      return null;
    }
    if (!paged) return { items };
    const size = Math.min(top, maxPage);
    const slice = items.slice(offset, offset + size);
    const next = offset + size < items.length ? encodeToken(kind, offset + size) : undefined;
    return { items: slice, next };
  }

  const server: Server = app.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  baseUrl = `http://${address.address}:${address.port}`;

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
      url: orgUrlOf(org),
      projects,
      repos,
      headSha: (repoName) => {
        const r = org.projects.flatMap((p) => p.repos).find((x) => x.name === repoName);
        if (!r) throw new Error(`fake-ado: no repository ${repoName} in ${org.name}`);
        return headOf(org, r);
      },
    };
  };

  const orgByName = (name: string) => {
    const org = findOrg(name);
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
    const who = org.identities.find((i) => i.key === c.identity)!;
    return { id: who.id, displayName: who.displayName, uniqueName: who.uniqueName, accessToken: c.token };
  };

  return {
    url: baseUrl,
    orgUrl: (name) => `${baseUrl}/${name}`,
    orgs: { contoso: info(orgByName('contoso')), fabrikam: info(orgByName('fabrikam')) },
    pats: {
      full: credential('full').c.token,
      noCode: credential('noCode').c.token,
      revoked: credential('revoked').c.token,
      fabrikam: credential('fabrikam').c.token,
    },
    users: { admin: user('admin'), dev: user('dev'), fabrikamAdmin: user('fabrikamAdmin') },
    requests,
    setRateLimit: (limit) => {
      rateLimit = limit || null;
      counted = 0;
      throttled = false;
    },
    setRetryAfterOn200: (seconds) => {
      retryAfterOn200 = seconds;
    },
    failNext: (status, times = 1, retryAfterSeconds) => {
      failure = times > 0 ? { status, remaining: times, retryAfterSeconds } : null;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
