// Git writes shared by the REST routes and the test handles (a push is a push, however it arrives),
// and the shapes ADO gives commits and pushes (GitCommitRef, GitCommit, GitPush).
import { DEFAULT_BRANCH, type FakeContext } from './context';
import { GitError, ZERO_SHA, type Commit, type GitUserDate, type PushChange, type PushRecord, type RefUpdate } from './git-history';
import type { Json, OrgDef, ProjectDef, RepoDef } from './model';

export interface RepoTarget {
  org: OrgDef;
  project: ProjectDef;
  repo: RepoDef;
}

export interface NewCommit {
  comment: string;
  /** Defaults to the ref's current commit (none for a new branch without parents: an orphan). */
  parents?: string[];
  changes: PushChange[];
  author?: GitUserDate;
}

export interface PushInput {
  /** Exactly one ref when commits are pushed. */
  refUpdates: { name: string; oldObjectId: string; newObjectId?: string }[];
  commits: NewCommit[];
  /** Identity key of the pusher. */
  pushedBy: string;
}

export const repoUrlOf = (ctx: FakeContext, t: RepoTarget) => `${ctx.orgUrlOf(t.org)}/${t.project.id}/_apis/git/repositories/${t.repo.id}`;

/** The GitRepository reference pushes, PRs and events embed. */
export function repositoryRef(ctx: FakeContext, t: RepoTarget): Json {
  const names = `${encodeURIComponent(t.project.name)}/_git/${encodeURIComponent(t.repo.name)}`;
  return {
    id: t.repo.id,
    name: t.repo.name,
    url: repoUrlOf(ctx, t),
    project: ctx.projectRef(t.org, t.project),
    ...(t.repo.empty ? {} : { defaultBranch: DEFAULT_BRANCH }),
    remoteUrl: `${ctx.baseUrl.replace('//', `//${t.org.name}@`)}/${t.org.name}/${names}`,
  };
}

export function identityDate(ctx: FakeContext, org: OrgDef, key: string, date: string): GitUserDate {
  const who = ctx.identity(org, key);
  return { name: who.displayName, email: who.uniqueName, date };
}

/** GitCommitRef as lists and pushes carry it. */
export function commitRef(ctx: FakeContext, t: RepoTarget, c: Commit): Json {
  const history = ctx.history(t.org, t.repo);
  const counts = { Add: 0, Edit: 0, Delete: 0 };
  const parent = c.parents[0] ? history.commit(c.parents[0]) : undefined;
  for (const [path, e] of c.tree) {
    const old = parent?.tree.get(path);
    if (!old) counts.Add++;
    else if (old.blobId !== e.blobId) counts.Edit++;
  }
  if (parent) for (const path of parent.tree.keys()) if (!c.tree.has(path)) counts.Delete++;
  return {
    commitId: c.commitId,
    author: c.author,
    committer: c.committer,
    comment: c.comment,
    changeCounts: counts,
    url: `${repoUrlOf(ctx, t)}/commits/${c.commitId}`,
    remoteUrl: `${ctx.orgUrlOf(t.org)}/${encodeURIComponent(t.project.name)}/_git/${encodeURIComponent(t.repo.name)}/commit/${c.commitId}`,
  };
}

/** GitCommit as `…/commits/{id}` answers it: parents, treeId, the push that brought it. */
export function gitCommit(ctx: FakeContext, t: RepoTarget, c: Commit): Json {
  const url = `${repoUrlOf(ctx, t)}/commits/${c.commitId}`;
  const push = c.pushId === undefined ? undefined : ctx.history(t.org, t.repo).pushes.find((p) => p.pushId === c.pushId);
  return {
    treeId: c.treeId,
    parents: c.parents,
    ...(push ? { push: { pushedBy: ctx.identityRef(t.org, ctx.identity(t.org, push.pushedBy)), pushId: push.pushId, date: push.date } } : {}),
    ...commitRef(ctx, t, c),
    _links: {
      self: { href: url },
      repository: { href: repoUrlOf(ctx, t) },
      web: { href: `${ctx.orgUrlOf(t.org)}/${encodeURIComponent(t.project.name)}/_git/${encodeURIComponent(t.repo.name)}/commit/${c.commitId}` },
      changes: { href: `${url}/changes` },
    },
  };
}

/** GitPush as Pushes - Create answers it and the git.push event carries it. */
export function gitPush(ctx: FakeContext, t: RepoTarget, push: PushRecord): Json {
  const history = ctx.history(t.org, t.repo);
  const url = `${repoUrlOf(ctx, t)}/pushes/${push.pushId}`;
  return {
    commits: push.commitIds.map((id) => commitRef(ctx, t, history.commit(id)!)),
    refUpdates: push.refUpdates.map((u) => ({ repositoryId: t.repo.id, name: u.name, oldObjectId: u.oldObjectId, newObjectId: u.newObjectId })),
    repository: repositoryRef(ctx, t),
    pushedBy: ctx.identityRef(t.org, ctx.identity(t.org, push.pushedBy)),
    pushId: push.pushId,
    date: push.date,
    url,
    _links: {
      self: { href: url },
      repository: { href: repoUrlOf(ctx, t) },
      commits: { href: `${url}/commits` },
      pusher: { href: ctx.identityRef(t.org, ctx.identity(t.org, push.pushedBy)).url },
      refs: { href: `${repoUrlOf(ctx, t)}/refs` },
    },
  };
}

/**
 * Applies a push: creates its commits (each on top of the previous one), then moves the ref after
 * the stale check. Throws GitError for a bad push; nothing changes then. No event is published.
 */
export function applyPush(ctx: FakeContext, t: RepoTarget, input: PushInput): PushRecord {
  const history = ctx.history(t.org, t.repo);
  if (!input.refUpdates.length) throw new GitError(400, 'InvalidArgumentValueException', 'A push needs at least one refUpdate.');
  if (input.commits.length && input.refUpdates.length !== 1) {
    // UNVERIFIED wording; ADO takes commits for a single ref per push.
    throw new GitError(400, 'InvalidArgumentValueException', 'A push with commits updates exactly one ref.');
  }
  for (const u of input.refUpdates) {
    if (!/^refs\/(heads|tags)\/\S+$/.test(u.name)) throw new GitError(400, 'InvalidArgumentValueException', `TF401025: '${u.name}' is not a valid name for a Git branch or tag.`);
    if (!/^[0-9a-fA-F]{40}$/.test(u.oldObjectId ?? '')) throw new GitError(400, 'InvalidArgumentValueException', `The oldObjectId of ${u.name} must be a 40-character commit id.`);
  }
  const date = new Date().toISOString();
  const pushId = history.pushes.length + 1;
  const updates: RefUpdate[] = [];
  const commitIds: string[] = [];
  if (input.commits.length) {
    const [u] = input.refUpdates;
    const old = u.oldObjectId.toLowerCase();
    // Check the ref first, so that a stale push creates no commit.
    history.checkRefUpdate({ name: u.name, oldObjectId: old, newObjectId: ZERO_SHA });
    let tip = old === ZERO_SHA ? null : old;
    for (const nc of input.commits) {
      const parents = nc.parents?.length ? nc.parents.map((p) => p.toLowerCase()) : tip ? [tip] : [];
      const parentCommit = parents[0] ? history.commit(parents[0]) : undefined;
      if (parents[0] && !parentCommit) throw new GitError(400, 'GitUnresolvableToCommitException', `TF401035: The object '${parents[0]}' does not exist.`);
      const tree = history.applyChanges(parentCommit?.tree ?? new Map(), nc.changes);
      const author = nc.author ?? identityDate(ctx, t.org, input.pushedBy, date);
      const commit = history.makeCommit({ parents, tree, author, committer: { ...author, date }, comment: nc.comment, pushId });
      commitIds.unshift(commit.commitId);
      tip = commit.commitId;
    }
    updates.push({ name: u.name, oldObjectId: old, newObjectId: tip! });
  } else {
    for (const u of input.refUpdates) {
      if (!u.newObjectId || !/^[0-9a-fA-F]{40}$/.test(u.newObjectId)) {
        throw new GitError(400, 'InvalidArgumentValueException', `A ref update without commits needs the newObjectId of ${u.name}.`);
      }
      updates.push({ name: u.name, oldObjectId: u.oldObjectId.toLowerCase(), newObjectId: u.newObjectId.toLowerCase() });
    }
  }
  return history.recordPush({ pushId, date, pushedBy: input.pushedBy, refUpdates: updates, commitIds });
}

/** Publishes git.push for a push (REST, test handle or a completed pull request). */
export function publishPush(ctx: FakeContext, t: RepoTarget, push: PushRecord): void {
  const who = ctx.identity(t.org, push.pushedBy);
  const branch = push.refUpdates[0]?.name.replace(/^refs\/heads\//, '') ?? '';
  ctx.publish({
    org: t.org,
    project: t.project,
    eventType: 'git.push',
    resource: gitPush(ctx, t, push),
    repositoryId: t.repo.id,
    branches: push.refUpdates.map((u) => u.name),
    actor: push.pushedBy,
    message: `${who.displayName} pushed updates to ${t.repo.name}:${branch}.`,
  });
}
