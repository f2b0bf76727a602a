// Git: repositories, refs (list and update), items (one file, a folder, the zip of the tree at a
// commit), commits, pushes (create, list, get), commit diffs and blobs, over the in-memory history
// (git-history.ts) whose first commit is the fixture folder.
import type { Readable } from 'node:stream';
import { Router, type Request, type Response } from 'express';
import { locals, type FakeContext } from '../context';
import { diffTrees, GitError, normalizePath, treeIdOf, type Commit, type PushChange, type Tree, type TreeChange } from '../git-history';
import { applyPush, commitRef, gitCommit, gitPush, repoUrlOf, type NewCommit, type RepoTarget } from '../git-ops';
import { badArgument, pageOf, q, sendCollection, sendJson } from '../http';
import { requireJsonBody, requireScope } from '../middleware';
import type { Json } from '../model';
import { onPushed } from '../repo-actions';
import { sendAdoError } from '../responses';
import { buildBufferZip, buildRepoZip } from '../zip';

export const sendGitError = (res: Response, err: unknown) => {
  if (!(err instanceof GitError)) throw err;
  sendAdoError(res, err.status, { message: err.message, typeKey: err.typeKey });
};

/** ADO's answer to a version that resolves to nothing. UNVERIFIED wording (ado-samples/git-items-zip-download-synth.json). */
export function sendUnresolvable(res: Response, repoName: string, version: string | undefined, versionType: string): void {
  const type = versionType.toLowerCase();
  const descriptor = version ? `<${type[0].toUpperCase()}${type.slice(1)}: ${version}>` : '<Branch: default branch>';
  sendAdoError(res, 404, {
    message: `TF401175:The version descriptor ${descriptor} could not be resolved to a version in the repository ${repoName}`,
    typeKey: 'GitUnresolvableToCommitException',
    typeName: 'Microsoft.TeamFoundation.Git.Server.GitUnresolvableToCommitException, Microsoft.TeamFoundation.SourceControl.WebServer',
  });
}

/** The folders above each path (not the root). */
function foldersOf(tree: Tree): Map<string, Tree> {
  const folders = new Map<string, Tree>();
  for (const [path, e] of tree) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      let sub = folders.get(folder);
      if (!sub) folders.set(folder, (sub = new Map()));
      sub.set(parts.slice(i).join('/'), e);
    }
  }
  return folders;
}

function sendZip(res: Response, repoName: string, zip: Readable): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('Content-Disposition', `attachment; filename=${repoName}.zip; filename*=utf-8''${encodeURIComponent(repoName)}.zip`);
  zip.on('error', () => res.destroy());
  zip.pipe(res);
}

const wantsJson = (req: Request) => /application\/json/i.test(req.get('accept') ?? '');

export function gitRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const code = requireScope('vso.code');
  const codeWrite = requireScope('vso.code_write');

  const target = (req: Request, res: Response): RepoTarget | null => {
    const found = ctx.resolveRepo(req, res, { allowDisabled: false });
    return found ? { org: locals(res).org, ...found } : null;
  };

  const listRepositories = (req: Request, res: Response) => {
    const { org } = locals(res);
    let projects = org.projects;
    if (req.params.project !== undefined) {
      const p = ctx.requireProject(req, res);
      if (!p) return;
      projects = [p];
    }
    sendCollection(req, res, projects.flatMap((p) => p.repos.map((repo) => ctx.gitRepository(org, p, repo, 'list'))));
  };
  r.get('/_apis/git/repositories', code, listRepositories);
  r.get('/:project/_apis/git/repositories', code, listRepositories);

  const getRepository = (req: Request, res: Response) => {
    const found = ctx.resolveRepo(req, res, { allowDisabled: true });
    if (found) sendJson(res, ctx.gitRepository(locals(res).org, found.project, found.repo, 'single'));
  };
  r.get('/_apis/git/repositories/:repo', code, getRepository);
  r.get('/:project/_apis/git/repositories/:repo', code, getRepository);

  const listRefs = (req: Request, res: Response) => {
    const t = target(req, res);
    if (!t) return;
    const { identity } = locals(res);
    const repoUrl = repoUrlOf(ctx, t);
    const filter = q(req, 'filter');
    const contains = q(req, 'filterContains');
    const matching = ctx
      .history(t.org, t.repo)
      .refs()
      .filter((ref) => !filter || ref.name.slice('refs/'.length).startsWith(filter))
      .filter((ref) => !contains || ref.name.includes(contains))
      // The official example's shape {name, objectId, url}; creator and isLocked when the repository opts in.
      .map((ref) => ({
        ...ref,
        url: `${repoUrl}/refs?filter=${encodeURIComponent(ref.name.slice('refs/'.length))}`,
        ...(t.repo.optionalFields === 'all' ? { creator: ctx.identityRef(t.org, identity), isLocked: false } : {}),
      }));
    // Without $top or a token ADO returns every ref; otherwise pages.
    const paged = pageOf(req, res, matching, {
      token: 'refs',
      maxPage: ctx.pageSizes.refs,
      paged: q(req, '$top') !== undefined || q(req, 'continuationToken') !== undefined,
    });
    if (paged) sendCollection(req, res, paged.items, paged.next);
  };
  r.get('/_apis/git/repositories/:repo/refs', code, listRefs);
  r.get('/:project/_apis/git/repositories/:repo/refs', code, listRefs);

  // Refs - Update Refs: create (oldObjectId zeros), move or delete (newObjectId zeros) branches; a push without commits.
  const updateRefs = (req: Request, res: Response) => {
    const t = target(req, res);
    if (!t) return;
    const body = req.body as unknown;
    if (!Array.isArray(body) || !body.length) return badArgument(res, 'The body must be a non-empty array of ref updates.');
    const refUpdates = (body as Json[]).map((u) => ({ name: String(u.name ?? ''), oldObjectId: String(u.oldObjectId ?? ''), newObjectId: String(u.newObjectId ?? '') }));
    try {
      const push = applyPush(ctx, t, { refUpdates, commits: [], pushedBy: locals(res).identity.key });
      onPushed(ctx, t, push);
      sendCollection(
        req,
        res,
        push.refUpdates.map((u) => ({ repositoryId: t.repo.id, name: u.name, oldObjectId: u.oldObjectId, newObjectId: u.newObjectId, isLocked: false, success: true, updateStatus: 'succeeded', customMessage: null, rejectedBy: null })),
      );
    } catch (err) {
      sendGitError(res, err);
    }
  };
  r.post('/_apis/git/repositories/:repo/refs', codeWrite, updateRefs);
  r.post('/:project/_apis/git/repositories/:repo/refs', codeWrite, updateRefs);

  const getItems = (req: Request, res: Response) => {
    const t = target(req, res);
    if (!t) return;
    const history = ctx.history(t.org, t.repo);
    const itemPath = q(req, 'path') ?? q(req, 'scopePath') ?? '/';
    const versionType = q(req, 'versionDescriptor.versionType') ?? q(req, 'versionType') ?? 'branch';
    const version = q(req, 'versionDescriptor.version') ?? q(req, 'version');
    const path = normalizePath(itemPath);
    const format = (q(req, '$format') ?? '').toLowerCase();
    // The fixture's own commit zips straight from disk, without loading its tree into memory.
    if (path === '' && format === 'zip') {
      const id = versionType.toLowerCase() === 'commit' ? version : history.ref(!version ? 'refs/heads/main' : version.startsWith('refs/') ? version : `refs/${versionType.toLowerCase() === 'tag' ? 'tags' : 'heads'}/${version}`);
      if (id && history.isLiveFixture(id)) return sendZip(res, t.repo.name, buildRepoZip(ctx.repoFiles(t.org, t.repo), t.repo.extraZipEntries));
    }
    const commit = history.resolve(version, versionType);
    if (!commit) return sendUnresolvable(res, t.repo.name, version, versionType);
    const itemUrl = (p: string) => `${repoUrlOf(ctx, t)}/items?path=${encodeURIComponent(`/${p}`)}&versionType=Commit&version=${commit.commitId}`;
    if (path === '') {
      if (format !== 'zip') {
        return sendJson(res, { objectId: commit.treeId, gitObjectType: 'tree', commitId: commit.commitId, path: '/', isFolder: true, url: itemUrl('') });
      }
      return sendZip(
        res,
        t.repo.name,
        buildBufferZip(
          [...commit.tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, e]) => ({ name, content: history.blob(e.blobId)!, executable: e.executable })),
          t.repo.extraZipEntries,
        ),
      );
    }
    const file = commit.tree.get(path);
    if (!file) {
      const folder = foldersOf(commit.tree).get(path);
      if (folder && format !== 'zip') {
        return sendJson(res, { objectId: treeIdOf(folder), gitObjectType: 'tree', commitId: commit.commitId, path: `/${path}`, isFolder: true, url: itemUrl(path) });
      }
      if (folder) return badArgument(res, `The fake Azure DevOps zips path=/ only (asked: ${itemPath}).`);
      // UNVERIFIED wording.
      return sendAdoError(res, 404, {
        message: `TF401174: The item '/${path}' could not be found in the repository '${t.repo.name}' at the version specified by '<Commit: ${commit.commitId}>' (resolved to commit '${commit.commitId}').`,
        typeKey: 'GitItemNotFoundException',
      });
    }
    const content = history.blob(file.blobId)!;
    const includeContent = /^true$/i.test(q(req, 'includeContent') ?? '');
    // UNVERIFIED: which representation ADO picks for a file without $format; JSON when asked for it, the bytes otherwise.
    if (format === 'json' || (format === '' && (wantsJson(req) || includeContent))) {
      return sendJson(res, {
        objectId: file.blobId,
        gitObjectType: 'blob',
        commitId: commit.commitId,
        path: `/${path}`,
        ...(includeContent ? { content: content.toString('utf8') } : {}),
        url: itemUrl(path),
      });
    }
    if (/^true$/i.test(q(req, 'download') ?? '')) res.setHeader('Content-Disposition', `attachment; filename=${path.split('/').pop()}`);
    res.status(200).type(format === 'text' || /text\/plain/i.test(req.get('accept') ?? '') ? 'text/plain' : 'application/octet-stream').send(content);
  };
  r.get('/_apis/git/repositories/:repo/items', code, getItems);
  r.get('/:project/_apis/git/repositories/:repo/items', code, getItems);

  // Commits - Get Commits (searchCriteria.itemVersion, $top, $skip) and Commits - Get.
  r.get(['/_apis/git/repositories/:repo/commits', '/:project/_apis/git/repositories/:repo/commits'], code, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const history = ctx.history(t.org, t.repo);
    const version = q(req, 'searchCriteria.itemVersion.version');
    const versionType = q(req, 'searchCriteria.itemVersion.versionType') ?? 'branch';
    const from = history.resolve(version, versionType);
    if (!from) return sendUnresolvable(res, t.repo.name, version, versionType);
    const top = Number(q(req, 'searchCriteria.$top') ?? q(req, '$top') ?? 100);
    const skip = Number(q(req, 'searchCriteria.$skip') ?? q(req, '$skip') ?? 0);
    if (!Number.isInteger(top) || top <= 0 || !Number.isInteger(skip) || skip < 0) return badArgument(res, 'Invalid $top or $skip value.');
    sendCollection(req, res, history.log(from.commitId).slice(skip, skip + top).map((c) => commitRef(ctx, t, c)));
  });

  r.get(['/_apis/git/repositories/:repo/commits/:commitId', '/:project/_apis/git/repositories/:repo/commits/:commitId'], code, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const commit = ctx.history(t.org, t.repo).commit(String(req.params.commitId));
    if (!commit) return sendUnresolvable(res, t.repo.name, String(req.params.commitId), 'commit');
    sendJson(res, gitCommit(ctx, t, commit));
  });

  // Stats - Get (branch stats): the tip commit and ahead/behind counts against the default branch (or baseVersionDescriptor).
  r.get(['/_apis/git/repositories/:repo/stats/branches', '/:project/_apis/git/repositories/:repo/stats/branches'], code, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const history = ctx.history(t.org, t.repo);
    const baseVersion = q(req, 'baseVersionDescriptor.version');
    const base = history.resolve(baseVersion, q(req, 'baseVersionDescriptor.versionType') ?? 'branch');
    if (!base) return sendUnresolvable(res, t.repo.name, baseVersion, 'branch');
    const stat = (name: string, id: string) => {
      const ofBranch = history.ancestors(id);
      const ofBase = history.ancestors(base.commitId);
      return {
        commit: { ...commitRef(ctx, t, history.commit(id)!), parents: history.commit(id)!.parents },
        name,
        aheadCount: [...ofBranch].filter((x) => !ofBase.has(x)).length,
        behindCount: [...ofBase].filter((x) => !ofBranch.has(x)).length,
        isBaseVersion: id === base.commitId && (baseVersion === undefined ? name === 'main' : name === baseVersion.replace(/^refs\/heads\//, '')),
      };
    };
    const branches = history
      .refs()
      .filter((ref) => ref.name.startsWith('refs/heads/'))
      .map((ref) => ({ name: ref.name.slice('refs/heads/'.length), id: ref.objectId }))
      .filter((b) => history.commit(b.id));
    const name = q(req, 'name');
    if (name !== undefined) {
      const found = branches.find((b) => b.name === name.replace(/^refs\/heads\//, ''));
      // UNVERIFIED wording.
      if (!found) return sendAdoError(res, 404, { message: `TF401175: Branch ${name} does not exist in ${t.repo.name}.`, typeKey: 'GitUnresolvableToCommitException' });
      return sendJson(res, stat(found.name, found.id));
    }
    sendCollection(req, res, branches.map((b) => stat(b.name, b.id)));
  });

  // Pushes - Create: commits onto one ref, with ADO's stale-ref check.
  r.post(['/_apis/git/repositories/:repo/pushes', '/:project/_apis/git/repositories/:repo/pushes'], codeWrite, requireJsonBody, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const body = req.body as Json;
    const refUpdates = Array.isArray(body.refUpdates) ? (body.refUpdates as Json[]) : [];
    const commitsIn = Array.isArray(body.commits) ? (body.commits as Json[]) : [];
    let commits: NewCommit[];
    try {
      commits = commitsIn.map(parseCommit);
    } catch (err) {
      return badArgument(res, (err as Error).message);
    }
    try {
      const push = applyPush(ctx, t, {
        refUpdates: refUpdates.map((u) => ({ name: String(u.name ?? ''), oldObjectId: String(u.oldObjectId ?? ''), ...(u.newObjectId ? { newObjectId: String(u.newObjectId) } : {}) })),
        commits,
        pushedBy: locals(res).identity.key,
      });
      onPushed(ctx, t, push);
      sendJson(res, gitPush(ctx, t, push), 201);
    } catch (err) {
      sendGitError(res, err);
    }
  });

  r.get(['/_apis/git/repositories/:repo/pushes', '/:project/_apis/git/repositories/:repo/pushes'], code, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const pushes = [...ctx.history(t.org, t.repo).pushes].reverse();
    const page = pageOf(req, res, pushes, {});
    if (page) sendCollection(req, res, page.items.map((p) => ({ ...gitPush(ctx, t, p), commits: undefined })));
  });

  r.get(['/_apis/git/repositories/:repo/pushes/:pushId', '/:project/_apis/git/repositories/:repo/pushes/:pushId'], code, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const push = ctx.history(t.org, t.repo).pushes.find((p) => String(p.pushId) === req.params.pushId);
    // UNVERIFIED wording.
    if (!push) return sendAdoError(res, 404, { message: `TF401227: The push ${req.params.pushId} could not be found.`, typeKey: 'GitPushNotFoundException' });
    sendJson(res, gitPush(ctx, t, push));
  });

  // Diffs - Get (diffs/commits): the changes from the common commit (or the base) to the target, folders included, paged by $top/$skip.
  r.get(['/_apis/git/repositories/:repo/diffs/commits', '/:project/_apis/git/repositories/:repo/diffs/commits'], code, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const history = ctx.history(t.org, t.repo);
    const baseVersion = q(req, 'baseVersion');
    const baseType = q(req, 'baseVersionType') ?? 'branch';
    const targetVersion = q(req, 'targetVersion');
    const targetType = q(req, 'targetVersionType') ?? 'branch';
    const base = history.resolve(baseVersion, baseType);
    if (!base) return sendUnresolvable(res, t.repo.name, baseVersion, baseType);
    const tip = history.resolve(targetVersion, targetType);
    if (!tip) return sendUnresolvable(res, t.repo.name, targetVersion, targetType);
    const commonId = history.mergeBase(base.commitId, tip.commitId);
    // UNVERIFIED default: diffCommonCommit true (diff from the merge base, as the web's compare view).
    const fromCommon = !/^false$/i.test(q(req, 'diffCommonCommit') ?? 'true');
    const from: Commit = fromCommon && commonId ? history.commit(commonId)! : base;
    const changes = withFolders(diffTrees(from.tree, tip.tree), from.tree, tip.tree);
    // UNVERIFIED default page size 100.
    const page = pageOf(req, res, changes, { defaultTop: 100 });
    if (!page) return;
    const skip = Number(q(req, '$skip') ?? 0);
    const counts: Record<string, number> = {};
    for (const c of page.items) {
      const key = c.changeType[0].toUpperCase() + c.changeType.slice(1);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const ofBase = history.ancestors(base.commitId);
    const ofTip = history.ancestors(tip.commitId);
    const repoUrl = repoUrlOf(ctx, t);
    sendJson(res, {
      allChangesIncluded: skip + page.items.length >= changes.length,
      changeCounts: counts,
      changes: page.items.map((c) => ({
        item: {
          ...(c.objectId ? { objectId: c.objectId } : {}),
          ...(c.originalObjectId ? { originalObjectId: c.originalObjectId } : {}),
          gitObjectType: c.isFolder ? 'tree' : 'blob',
          commitId: tip.commitId,
          path: `/${c.path}`,
          ...(c.isFolder ? { isFolder: true } : {}),
          url: `${repoUrl}/items/${c.path}?versionType=Commit&version=${tip.commitId}`,
        },
        changeType: c.changeType,
        ...(c.sourcePath ? { sourceServerItem: `/${c.sourcePath}` } : {}),
      })),
      commonCommit: commonId ?? undefined,
      baseCommit: base.commitId,
      targetCommit: tip.commitId,
      aheadCount: [...ofTip].filter((id) => !ofBase.has(id)).length,
      behindCount: [...ofBase].filter((id) => !ofTip.has(id)).length,
    });
  });

  // Blobs - Get Blobs Zip: a JSON array of blob ids, a zip whose entries are named by id.
  r.post(['/_apis/git/repositories/:repo/blobs', '/:project/_apis/git/repositories/:repo/blobs'], code, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const ids = req.body as unknown;
    if (!Array.isArray(ids) || !ids.length || ids.some((id) => typeof id !== 'string' || !/^[0-9a-fA-F]{40}$/.test(id))) {
      return badArgument(res, 'The body must be a non-empty JSON array of 40-character blob ids.');
    }
    const history = ctx.history(t.org, t.repo);
    const entries = [...new Set((ids as string[]).map((id) => id.toLowerCase()))].map((id) => ({ name: id, content: history.blob(id) }));
    const missing = entries.find((e) => !e.content);
    if (missing) return blobNotFound(res, missing.name);
    const filename = q(req, 'filename') ?? 'blobs.zip';
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename=${filename}`);
    const zip = buildBufferZip(entries.map((e) => ({ name: e.name, content: e.content! })));
    zip.on('error', () => res.destroy());
    zip.pipe(res);
  });

  // Blobs - Get Blob: JSON (GitBlobRef), the bytes ($format=octetstream or Accept) or a zip of one.
  r.get(['/_apis/git/repositories/:repo/blobs/:sha1', '/:project/_apis/git/repositories/:repo/blobs/:sha1'], code, (req, res) => {
    const t = target(req, res);
    if (!t) return;
    const id = String(req.params.sha1).toLowerCase();
    const content = ctx.history(t.org, t.repo).blob(id);
    if (!content) return blobNotFound(res, id);
    const format = (q(req, '$format') ?? '').toLowerCase();
    if (format === 'zip') {
      res.status(200).setHeader('Content-Type', 'application/zip');
      const zip = buildBufferZip([{ name: q(req, 'fileName') ?? id, content }]);
      zip.on('error', () => res.destroy());
      zip.pipe(res);
      return;
    }
    if (format === 'json' || (format === '' && wantsJson(req))) {
      const url = `${repoUrlOf(ctx, t)}/blobs/${id}`;
      return sendJson(res, { objectId: id, size: content.length, url, _links: { self: { href: url }, repository: { href: repoUrlOf(ctx, t) } } });
    }
    if (/^true$/i.test(q(req, 'download') ?? '')) res.setHeader('Content-Disposition', `attachment; filename=${q(req, 'fileName') ?? id}`);
    res.status(200).type(format === 'text' ? 'text/plain' : 'application/octet-stream').send(content);
  });

  return r;
}

// UNVERIFIED wording.
const blobNotFound = (res: Response, id: string) =>
  sendAdoError(res, 404, { message: `TF401030: The blob ${id} could not be found in the repository.`, typeKey: 'GitObjectNotFoundException' });

interface ListedChange extends TreeChange {
  isFolder?: boolean;
}

/** Adds the folders above changed files, as ADO's diffs list them: added, deleted or edited (UNVERIFIED: the root is left out). */
function withFolders(files: TreeChange[], from: Tree, to: Tree): ListedChange[] {
  const before = foldersOf(from);
  const after = foldersOf(to);
  const touched = new Set<string>();
  for (const c of files) {
    for (const p of [c.path, c.sourcePath].filter((x): x is string => !!x)) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) touched.add(parts.slice(0, i).join('/'));
    }
  }
  const folders: ListedChange[] = [...touched].map((path) => {
    const old = before.get(path);
    const now = after.get(path);
    return {
      changeType: !old ? 'add' : !now ? 'delete' : 'edit',
      path,
      isFolder: true,
      ...(now ? { objectId: treeIdOf(now) } : {}),
      ...(old ? { originalObjectId: treeIdOf(old) } : {}),
    };
  });
  return [...folders, ...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One commit of a Pushes - Create body; throws on a malformed change. */
function parseCommit(raw: Json): NewCommit {
  const changes = Array.isArray(raw.changes) ? (raw.changes as Json[]) : [];
  if (typeof raw.comment !== 'string') throw new Error('Each pushed commit needs a comment.');
  if (!changes.length) throw new Error('Each pushed commit needs at least one change.');
  const author = raw.author as Json | undefined;
  return {
    comment: raw.comment,
    ...(Array.isArray(raw.parents) ? { parents: (raw.parents as unknown[]).map(String) } : {}),
    ...(author && typeof author.name === 'string' && typeof author.email === 'string'
      ? { author: { name: author.name, email: author.email, date: typeof author.date === 'string' ? author.date : new Date().toISOString() } }
      : {}),
    changes: changes.map((c): PushChange => {
      const changeType = String(c.changeType ?? '').toLowerCase();
      const path = String((c.item as Json | undefined)?.path ?? '');
      if (!path) throw new Error('Each change needs item.path.');
      if (changeType === 'delete') return { changeType, path };
      if (changeType === 'rename') {
        const source = c.sourceServerItem;
        if (typeof source !== 'string') throw new Error('A rename needs sourceServerItem.');
        return { changeType, path, sourcePath: source };
      }
      if (changeType !== 'add' && changeType !== 'edit') throw new Error(`Unsupported changeType ${String(c.changeType)}.`);
      const newContent = c.newContent as Json | undefined;
      if (typeof newContent?.content !== 'string') throw new Error(`The ${changeType} of ${path} needs newContent.content.`);
      const type = String(newContent.contentType ?? 'rawtext').toLowerCase();
      if (type !== 'rawtext' && type !== 'base64encoded') throw new Error(`Unsupported contentType ${String(newContent.contentType)}.`);
      return { changeType, path, content: Buffer.from(newContent.content, type === 'base64encoded' ? 'base64' : 'utf8') };
    }),
  };
}
