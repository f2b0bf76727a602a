// Git area: repositories, refs and branch heads, the zip of a tree (ado-rest.md §1.2-§2.1). Pull
// requests with their statuses and threads (§11) are their own area, git-pull-requests.ts.
import { downloadToFile } from '../download';
import {
  asRecord,
  badResponse,
  collect,
  collectionItems,
  optBool,
  optIdentity,
  optNumber,
  optString,
  requireItem,
  requireObject,
  requireString,
  seg,
  webLink,
  type Json,
  type ParseContext,
} from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import type { AdoRef, AdoRepository, IdentityRef } from '../types';

export interface DownloadZipOptions {
  projectId: string;
  repoId: string;
  commitSha: string;
  /** Created exclusively (an existing file is an error, never overwritten); removed on any failure. */
  destFile: string;
  maxBytes: number;
  signal?: AbortSignal;
}

export interface AdoRepositoryDetails extends AdoRepository {
  /** With includeParent, for a fork. */
  parentRepository?: { id: string; name: string; projectId?: string };
}

export interface AdoRefDetails extends AdoRef {
  isLocked?: boolean;
  creator?: IdentityRef;
}

const SHA = /^[0-9a-f]{40}$/i;

export class GitArea {
  constructor(private readonly t: AdoTransport) {}

  /** Repositories of one project (by id or name), or of the whole organization. Not paged by ADO. */
  async listRepositories(projectId?: string): Promise<AdoRepository[]> {
    const spec: RequestSpec = {
      path: projectId ? `${seg(projectId)}/_apis/git/repositories` : '_apis/git/repositories',
      operation: projectId ? `list the repositories of project ${projectId}` : 'list repositories',
    };
    const body = await this.t.getJson(spec);
    return collectionItems(body, spec).map((raw) => toRepository(raw, spec));
  }

  /** One repository; with includeParent, a fork's parent. */
  async getRepository(projectId: string, repoId: string, opts: { includeParent?: boolean } = {}): Promise<AdoRepositoryDetails> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/git/repositories/${seg(repoId)}`,
      query: { includeParent: opts.includeParent || undefined },
      operation: `read repository ${repoId}`,
    };
    const raw = await this.t.getJson(spec);
    const repo = toRepository(raw, spec, '');
    const parent = asRecord(asRecord(raw)?.parentRepository);
    return typeof parent?.id === 'string' && typeof parent.name === 'string'
      ? { ...repo, parentRepository: { id: parent.id, name: parent.name, projectId: optString(asRecord(parent.project)?.id) } }
      : repo;
  }

  /** Refs whose name without 'refs/' starts with `filter` (e.g. 'heads/'), across pages. */
  listRefs(projectId: string, repoId: string, filter?: string): Promise<AdoRefDetails[]> {
    const spec = refsSpec(projectId, repoId, filter);
    return collect(this.t.pages(spec), (raw) => toRef(raw, spec));
  }

  /**
   * The commit a branch points at, or null when the branch does not exist. `filter` is a starts-with
   * match (heads/main also returns heads/main-old), so the name is compared exactly.
   */
  async getBranchHead(projectId: string, repoId: string, refName: string): Promise<string | null> {
    if (!refName.startsWith('refs/')) throw new Error(`refName must be a full ref name such as refs/heads/main`);
    const spec = refsSpec(projectId, repoId, refName.slice('refs/'.length));
    for await (const page of this.t.pages(spec)) {
      for (const raw of page) {
        if (asRecord(raw)?.name !== refName) continue;
        const ref = toRef(raw, spec);
        return ref.objectId;
      }
    }
    return null;
  }

  /**
   * Streams the zip of the tree at `commitSha` into `destFile`, counting bytes (ADO sends no
   * Content-Length): past `maxBytes` it stops with AdoError('too-large'). Any failure removes the file.
   */
  downloadRepositoryZip(o: DownloadZipOptions): Promise<{ bytes: number }> {
    if (!SHA.test(o.commitSha)) throw new Error('commitSha must be a 40-hex commit id');
    if (!(o.maxBytes > 0)) throw new Error('maxBytes must be positive');
    return downloadToFile(this.t, {
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
      destFile: o.destFile,
      maxBytes: o.maxBytes,
      signal: o.signal,
      tooLargeMessage: `The zip of repository ${o.repoId} exceeds the ${o.maxBytes}-byte cap`,
    });
  }
}

function refsSpec(projectId: string, repoId: string, filter?: string): RequestSpec {
  return {
    path: `${seg(projectId)}/_apis/git/repositories/${seg(repoId)}/refs`,
    query: { filter, $top: 100 },
    operation: `read the refs of repository ${repoId}`,
  };
}

/**
 * A GitRepository (ado-rest.md §1.2). id, name and project {id, name} are required; everything else is
 * optional: the official list example has neither webUrl, size, sshUrl nor the is* flags, an empty
 * repository has no defaultBranch. `at` names the object in messages ("repository.project.name missing").
 */
export function toRepository(raw: unknown, ctx: ParseContext, at = 'repository'): AdoRepository {
  const r = requireItem(raw, ctx, at);
  const id = requireString(r, 'id', ctx, at);
  const name = requireString(r, 'name', ctx, at);
  const projectAt = at ? `${at}.project` : 'project';
  const project = requireObject(r, 'project', ctx, at);
  return {
    id,
    name,
    project: { id: requireString(project, 'id', ctx, projectAt), name: requireString(project, 'name', ctx, projectAt) },
    defaultBranch: optString(r.defaultBranch),
    size: optNumber(r.size),
    webUrl: repositoryWebUrlOf(r),
    remoteUrl: optString(r.remoteUrl),
    isDisabled: optBool(r.isDisabled),
    isFork: optBool(r.isFork),
    isInMaintenance: optBool(r.isInMaintenance),
  };
}

/**
 * The repository's page in the ADO web UI, from what the answer carries, in this order:
 * `_links.web.href` (the single-repository answer), `webUrl` (7.1 schema; absent from the official
 * list example), else `remoteUrl`, the HTTPS clone URL, which is the same page once its user info is
 * dropped (`https://{org}@dev.azure.com/{org}/{project}/_git/{repo}`, `https://{org}.visualstudio.com/
 * [DefaultCollection/]{project}/_git/{repo}`, `http(s)://server/tfs/{collection}/{project}/_git/{repo}`,
 * and `.../{org}/_git/{repo}` for a repository named like its project). Only http(s) URLs count, without
 * user info, query or fragment, and remoteUrl only with a `_git/{name}` path. Undefined when none
 * fits: the caller then builds the link from the names (contract/places.ts repositoryWebUrl).
 */
export function repositoryWebUrlOf(r: Json): string | undefined {
  return browserUrl(webLink(r)) ?? browserUrl(r.webUrl) ?? browserUrl(r.remoteUrl, { requireGitPath: true });
}

function browserUrl(v: unknown, opts: { requireGitPath?: boolean } = {}): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  if (opts.requireGitPath && !/\/_git\/[^/]+\/?$/.test(u.pathname)) return undefined;
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}`;
}

/** A GitRef (ado-rest.md §1.3): name and a 40-hex objectId are required; creator and isLocked are optional. */
function toRef(raw: unknown, ctx: ParseContext): AdoRefDetails {
  const r = requireItem(raw, ctx, 'ref');
  const name = requireString(r, 'name', ctx, 'ref');
  if (r.objectId === undefined || r.objectId === null || r.objectId === '') throw badResponse(ctx, `ref.objectId missing (${name})`);
  if (typeof r.objectId !== 'string' || !SHA.test(r.objectId)) throw badResponse(ctx, `ref.objectId is not a 40-hex commit id (${name})`);
  return { name, objectId: r.objectId.toLowerCase(), isLocked: optBool(r.isLocked), creator: optIdentity(r.creator) };
}
