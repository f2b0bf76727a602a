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
  requireArray,
  requireBody,
  requireObject,
  requireString,
  seg,
  webLink,
  type Json,
  type ParseContext,
} from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import { AdoError, type AdoRef, type AdoRepository, type IdentityRef } from '../types';

export interface DownloadZipOptions {
  projectId: string;
  repoId: string;
  commitSha: string;
  /** Created exclusively (an existing file is an error, never overwritten); removed on any failure. */
  destFile: string;
  maxBytes: number;
  signal?: AbortSignal;
}

export interface CommitDiffsOptions {
  projectId: string;
  repoId: string;
  baseCommit: string;
  targetCommit: string;
  /** Stop once more blob changes than this were read: the answer is then `truncated`. */
  maxChanges: number;
  /** Changes per page ($top); ADO's default is 100. */
  pageSize?: number;
  signal?: AbortSignal;
}

/** One file changed between two commits, its path relative to the repository root (no leading '/'). */
export interface CommitDiffChange {
  path: string;
  /** ADO's change type flags ('add', 'edit', 'delete', 'rename', ...): "edit, rename" is two. */
  changeTypes: string[];
  /** The blob at the target commit; absent for a deletion. */
  objectId?: string;
  /** A rename's path at the base commit. */
  originalPath?: string;
}

export interface CommitDiffs {
  changes: CommitDiffChange[];
  /** More than maxChanges files changed (or ADO said the list is incomplete): `changes` stops short. */
  truncated: boolean;
}

export interface BlobsZipOptions {
  projectId: string;
  repoId: string;
  /** 40-hex blob ids; each comes back as one zip entry named by its id. */
  blobIds: readonly string[];
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

  /**
   * The files that differ between two commits (diffs/commits with diffCommonCommit=false: base against
   * target, not against their merge base), page after page ($top/$skip), until more than
   * `maxChanges` were read. Folders are left out.
   */
  async getCommitDiffs(o: CommitDiffsOptions): Promise<CommitDiffs> {
    if (!SHA.test(o.baseCommit) || !SHA.test(o.targetCommit)) throw new Error('baseCommit and targetCommit must be 40-hex commit ids');
    const top = o.pageSize ?? 100;
    const changes: CommitDiffChange[] = [];
    for (let skip = 0; ; skip += top) {
      const spec: RequestSpec = {
        path: `${seg(o.projectId)}/_apis/git/repositories/${seg(o.repoId)}/diffs/commits`,
        query: {
          baseVersion: o.baseCommit,
          baseVersionType: 'commit',
          targetVersion: o.targetCommit,
          targetVersionType: 'commit',
          diffCommonCommit: false,
          $top: top,
          $skip: skip,
        },
        operation: `compare commits ${o.baseCommit.slice(0, 12)} and ${o.targetCommit.slice(0, 12)} of repository ${o.repoId}`,
        signal: o.signal,
      };
      const body = requireBody(await this.t.getJson(spec), spec);
      const page = body.changes === undefined ? [] : requireArray(body, 'changes', spec);
      for (const raw of page) {
        const change = toCommitDiffChange(raw, spec);
        if (change) changes.push(change);
      }
      if (changes.length > o.maxChanges) return { changes: changes.slice(0, o.maxChanges + 1), truncated: true };
      // UNVERIFIED: whether allChangesIncluded is false on every page but the last, or only when ADO
      // cut the diff short; only the last page's answer is read, and false there means incomplete.
      if (page.length < top) return { changes, truncated: body.allChangesIncluded === false };
    }
  }

  /**
   * Streams a zip of the given blobs into `destFile` (POST blobs with the ids as a JSON array; a read,
   * retried like a GET). Each entry is named by its blob id (UNVERIFIED: whether under a folder),
   * so the caller keeps its own id -> path map. Past `maxBytes` it stops with AdoError('too-large').
   */
  getBlobsZip(o: BlobsZipOptions): Promise<{ bytes: number }> {
    if (o.blobIds.length === 0) throw new Error('blobIds must name at least one blob');
    const bad = o.blobIds.find((id) => !SHA.test(id));
    if (bad !== undefined) throw new Error(`blobIds must be 40-hex blob ids (got ${JSON.stringify(bad)})`);
    if (!(o.maxBytes > 0)) throw new Error('maxBytes must be positive');
    return downloadToFile(this.t, {
      method: 'POST',
      body: [...o.blobIds],
      path: `${seg(o.projectId)}/_apis/git/repositories/${seg(o.repoId)}/blobs`,
      query: { $format: 'zip', filename: 'blobs.zip' },
      operation: `download ${o.blobIds.length} blobs of repository ${o.repoId}`,
      accept: 'application/zip',
      destFile: o.destFile,
      maxBytes: o.maxBytes,
      signal: o.signal,
      tooLargeMessage: `The blobs of repository ${o.repoId} exceed the ${o.maxBytes}-byte cap`,
    });
  }

  /**
   * The text of one file at a commit (items with includeContent), or null when the commit has no
   * such file (404). For small text files such as .vigil.yml: the content comes inside the JSON.
   */
  async getItemText(o: { projectId: string; repoId: string; path: string; commitSha: string; signal?: AbortSignal }): Promise<string | null> {
    if (!SHA.test(o.commitSha)) throw new Error('commitSha must be a 40-hex commit id');
    const spec: RequestSpec = {
      path: `${seg(o.projectId)}/_apis/git/repositories/${seg(o.repoId)}/items`,
      query: {
        path: `/${treePath(o.path)}`,
        'versionDescriptor.version': o.commitSha,
        'versionDescriptor.versionType': 'commit',
        includeContent: true,
        $format: 'json',
      },
      operation: `read ${o.path} of repository ${o.repoId} at ${o.commitSha.slice(0, 12)}`,
      signal: o.signal,
    };
    let body: Json;
    try {
      body = requireBody(await this.t.getJson(spec), spec);
    } catch (err) {
      if (err instanceof AdoError && err.kind === 'not-found') return null;
      throw err;
    }
    if (body.isFolder === true) return null;
    const content = body.content;
    if (typeof content !== 'string') throw badResponse(spec, `content missing (${o.path})`);
    return content;
  }
}

/**
 * A GitChange of diffs/commits: the changed item's path, its blob id at the target commit, and for
 * a rename the old path (`sourceServerItem`, or `originalPath`). Folders and submodules are none of
 * Vigil's business: null.
 */
export function toCommitDiffChange(raw: unknown, ctx: ParseContext): CommitDiffChange | null {
  const change = requireItem(raw, ctx, 'change');
  const item = requireObject(change, 'item', ctx, 'change');
  if (item.isFolder === true || (item.gitObjectType !== undefined && item.gitObjectType !== 'blob')) return null;
  const path = treePath(requireString(item, 'path', ctx, 'change.item'));
  const changeTypes = requireString(change, 'changeType', ctx, 'change')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const out: CommitDiffChange = { path, changeTypes };
  if (!changeTypes.includes('delete')) {
    const objectId = optString(item.objectId);
    if (!objectId || !SHA.test(objectId)) throw badResponse(ctx, `change.item.objectId is not a 40-hex blob id (${path})`);
    out.objectId = objectId.toLowerCase();
  }
  const original = optString(change.sourceServerItem) ?? optString(change.originalPath);
  if (original !== undefined && treePath(original) !== path) out.originalPath = treePath(original);
  return out;
}

/** ADO item paths start with '/': '/src/a.js' is 'src/a.js' in the tree. */
const treePath = (p: string): string => p.replace(/^\/+/, '');

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
