// What follows a push however it arrives (REST, test handle): git.push is published, then the pull
// requests whose source branch moved get a new iteration. And the test handles' writes, built on the
// same code as the REST routes.
import type { FakeContext } from './context';
import { ZERO_SHA, type GitUserDate, type PushRecord } from './git-history';
import { applyPush, publishPush, type RepoTarget } from './git-ops';
import type { OrgDef } from './model';
import { onPush } from './pull-request-store';

export function onPushed(ctx: FakeContext, t: RepoTarget, push: PushRecord): void {
  publishPush(ctx, t, push);
  onPush(ctx, t, push);
}

/** The repository by name in an organization (test handles); throws when unknown. */
export function targetByName(ctx: FakeContext, orgName: string, repoName: string): RepoTarget {
  const org: OrgDef | undefined = ctx.findOrg(orgName);
  if (!org) throw new Error(`fake-ado: no organization ${orgName}`);
  for (const project of org.projects) {
    const repo = project.repos.find((r) => r.name === repoName);
    if (repo) return { org, project, repo };
  }
  throw new Error(`fake-ado: no repository ${repoName} in ${orgName}`);
}

export interface PushFilesInput {
  /** Short name or refs/heads/...; default main. A branch that does not exist is created from `from` (default main). */
  branch?: string;
  /** Branch or commit a new branch starts from; default main. */
  from?: string;
  /** path -> new content (string or bytes), or null to delete it. Add or edit is decided by the tree. */
  changes: Record<string, string | Buffer | null>;
  comment?: string;
  author?: GitUserDate;
  /** Identity key of the pusher; default the organization's first identity (the scanner). */
  pushedBy?: string;
}

/** One commit onto a branch, as a push through the REST API would make it; returns the new commit id. */
export function pushFiles(ctx: FakeContext, t: RepoTarget, input: PushFilesInput): string {
  const history = ctx.history(t.org, t.repo);
  const ref = !input.branch ? 'refs/heads/main' : input.branch.startsWith('refs/') ? input.branch : `refs/heads/${input.branch}`;
  const old = history.ref(ref);
  let parent = old;
  if (!parent) {
    const from = input.from ?? 'main';
    parent = /^[0-9a-f]{40}$/i.test(from) ? from : history.ref(from.startsWith('refs/') ? from : `refs/heads/${from}`);
    if (!parent) throw new Error(`fake-ado: cannot start ${ref} from ${from}`);
  }
  const tree = history.commit(parent)?.tree ?? new Map();
  const changes = Object.entries(input.changes).map(([path, content]) => {
    const key = path.replace(/^\/+/, '');
    if (content === null) return { changeType: 'delete' as const, path: key };
    return { changeType: tree.has(key) ? ('edit' as const) : ('add' as const), path: key, content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') };
  });
  const push = applyPush(ctx, t, {
    refUpdates: [{ name: ref, oldObjectId: old ?? ZERO_SHA }],
    commits: [{ comment: input.comment ?? `Update ${Object.keys(input.changes).join(', ')}`, parents: [parent], changes, ...(input.author ? { author: input.author } : {}) }],
    pushedBy: input.pushedBy ?? t.org.identities[0].key,
  });
  onPushed(ctx, t, push);
  return push.refUpdates[0].newObjectId;
}
