// A repository's git history, in memory: commits with whole trees (path -> blob), blobs by their git
// SHA-1, refs that pushes move, and the pushes themselves. The fixture folder is the first commit:
// until a push moves it, refs/heads/main is the folder as it is on disk now (its id is today's head
// SHA, model.ts contentSha), so a test that edits a fixtures copy still sees the head move.
// Commit and tree ids are SHA-1s over git-like texts, not git's own object encoding (no client can
// tell: ADO only hands them out as opaque 40-hex ids); blob ids ARE git's ("blob <len>\0<content>").
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { derivedSha, type RepoFile } from './model';

export const ZERO_SHA = '0'.repeat(40);

export interface GitUserDate {
  name: string;
  email: string;
  date: string;
}

export interface TreeEntry {
  blobId: string;
  executable: boolean;
}

/** Repository-relative POSIX path (no leading slash) -> entry. */
export type Tree = Map<string, TreeEntry>;

export interface Commit {
  commitId: string;
  treeId: string;
  parents: string[];
  author: GitUserDate;
  committer: GitUserDate;
  comment: string;
  tree: Tree;
  /** The push that brought the commit; absent for the fixture's own commits. */
  pushId?: number;
}

export interface RefUpdate {
  name: string;
  oldObjectId: string;
  newObjectId: string;
}

export interface PushRecord {
  pushId: number;
  date: string;
  /** Identity key of the pusher (fixtures/orgs.json). */
  pushedBy: string;
  refUpdates: RefUpdate[];
  /** Commit ids the push brought, newest first (as ADO lists them). */
  commitIds: string[];
}

/** A change as a push describes it (Pushes - Create `changes[]`). */
export type PushChange =
  | { changeType: 'add'; path: string; content: Buffer }
  | { changeType: 'edit'; path: string; content: Buffer }
  | { changeType: 'delete'; path: string }
  | { changeType: 'rename'; path: string; sourcePath: string };

/** A file-level difference between two trees. */
export interface TreeChange {
  changeType: 'add' | 'edit' | 'delete' | 'rename';
  path: string;
  objectId?: string;
  originalObjectId?: string;
  /** For a rename: where the file was. */
  sourcePath?: string;
}

export const FIXTURE_DATE = '2025-01-15T10:00:00Z';
const FIXTURE_USER: GitUserDate = { name: 'Fixture', email: 'fixture@fake-ado.invalid', date: FIXTURE_DATE };

export const blobIdOf = (content: Buffer): string =>
  createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');

export function treeIdOf(tree: Tree): string {
  const h = createHash('sha1');
  for (const path of [...tree.keys()].sort()) {
    const e = tree.get(path)!;
    h.update(`${e.executable ? '100755' : '100644'} ${path}\0${e.blobId}\n`);
  }
  return h.digest('hex');
}

export const normalizePath = (p: string) => p.replace(/\\/g, '/').replace(/^\/+/, '').replace(/\/+$/, '');

export class GitError extends Error {
  constructor(
    readonly status: number,
    readonly typeKey: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RepoSource {
  repoName: string;
  /** The fixture folder's files now; empty for an empty repository. */
  files(): RepoFile[];
  /** The fixture head SHA now (model.ts contentSha); null for an empty repository. */
  fixtureHead(): string | null;
  /** Refs besides main that the fixture declares; their commits are synthetic (the fixture's tree). */
  extraRefs: string[];
}

export class RepoHistory {
  readonly commits = new Map<string, Commit>();
  readonly blobs = new Map<string, Buffer>();
  readonly pushes: PushRecord[] = [];
  /** Refs a push created, moved or deleted (null); the others follow the fixture. */
  private readonly movedRefs = new Map<string, string | null>();

  constructor(private readonly source: RepoSource) {}

  /** Every ref and the commit it points to, sorted by name. */
  refs(): { name: string; objectId: string }[] {
    const out = new Map<string, string>();
    // The fixture's refs only matter while a push has not moved them all (reading the folder costs).
    const fixtureRefs = ['refs/heads/main', ...this.source.extraRefs];
    const head = fixtureRefs.every((name) => this.movedRefs.has(name)) ? null : this.source.fixtureHead();
    if (head) {
      out.set('refs/heads/main', head);
      for (const name of this.source.extraRefs) out.set(name, derivedSha(name, head));
    }
    for (const [name, id] of this.movedRefs) {
      if (id === null) out.delete(name);
      else out.set(name, id);
    }
    return [...out].map(([name, objectId]) => ({ name, objectId })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  ref(name: string): string | null {
    return this.refs().find((r) => r.name === name)?.objectId ?? null;
  }

  /** The commit, materializing the fixture's own commits on first use; undefined when unknown. */
  commit(id: string): Commit | undefined {
    const lower = id.toLowerCase();
    const known = this.commits.get(lower);
    if (known) return known;
    const head = this.source.fixtureHead();
    if (!head) return undefined;
    if (lower === head) return this.snapshotFixture(head);
    const extra = this.source.extraRefs.find((name) => derivedSha(name, head) === lower);
    if (!extra) return undefined;
    const root = this.snapshotFixture(head);
    const commit: Commit = { ...root, commitId: lower, parents: [head], comment: `Synthetic tip of ${extra}` };
    this.commits.set(lower, commit);
    return commit;
  }

  /** Whether `id` names a commit whose tree is the fixture folder as it is now (its zip streams from disk). */
  isLiveFixture(id: string): boolean {
    return id.toLowerCase() === this.source.fixtureHead();
  }

  blob(id: string): Buffer | undefined {
    return this.blobs.get(id.toLowerCase());
  }

  /**
   * A branch, tag or commit (ADO's versionDescriptor): branch 'main' or 'refs/heads/main', tag 'v1'
   * or 'refs/tags/v1', commit by full id. Undefined when it resolves to nothing.
   */
  resolve(version: string | undefined, versionType: string): Commit | undefined {
    const type = versionType.toLowerCase();
    if (type === 'commit') return version ? this.commit(version) : undefined;
    const prefix = type === 'tag' ? 'refs/tags/' : 'refs/heads/';
    const name = version === undefined ? 'refs/heads/main' : version.startsWith('refs/') ? version : `${prefix}${version}`;
    const id = this.ref(name);
    return id ? this.commit(id) : undefined;
  }

  /** Commits reachable from `id`, newest first (date, then walk order). */
  log(id: string): Commit[] {
    const seen = new Set<string>();
    const out: Commit[] = [];
    const queue = [id];
    while (queue.length) {
      const c = this.commit(queue.shift()!);
      if (!c || seen.has(c.commitId)) continue;
      seen.add(c.commitId);
      out.push(c);
      queue.push(...c.parents);
    }
    return out.sort((a, b) => (a.committer.date < b.committer.date ? 1 : a.committer.date > b.committer.date ? -1 : 0));
  }

  ancestors(id: string): Set<string> {
    return new Set(this.log(id).map((c) => c.commitId));
  }

  /** The best common ancestor (merge base) of two commits, or null. */
  mergeBase(a: string, b: string): string | null {
    const ofA = this.ancestors(a);
    // log() is newest first, so the first common one is the nearest.
    return this.log(b).find((c) => ofA.has(c.commitId))?.commitId ?? null;
  }

  /** Stores content and returns its blob id. */
  putBlob(content: Buffer): string {
    const id = blobIdOf(content);
    this.blobs.set(id, content);
    return id;
  }

  /** A new commit object (not on any ref yet). */
  makeCommit(opts: { parents: string[]; tree: Tree; author: GitUserDate; committer?: GitUserDate; comment: string; pushId?: number }): Commit {
    const treeId = treeIdOf(opts.tree);
    const committer = opts.committer ?? opts.author;
    const text = [
      `tree ${treeId}`,
      ...opts.parents.map((p) => `parent ${p}`),
      `author ${opts.author.name} <${opts.author.email}> ${opts.author.date}`,
      `committer ${committer.name} <${committer.email}> ${committer.date}`,
      `push ${opts.pushId ?? 0} ${this.commits.size}`,
      '',
      opts.comment,
    ].join('\n');
    const commit: Commit = {
      commitId: createHash('sha1').update(text).digest('hex'),
      treeId,
      parents: opts.parents,
      author: opts.author,
      committer,
      comment: opts.comment,
      tree: opts.tree,
      ...(opts.pushId !== undefined ? { pushId: opts.pushId } : {}),
    };
    this.commits.set(commit.commitId, commit);
    return commit;
  }

  /** The tree after `changes`; throws GitError (400) for an add of an existing path, an edit or delete of a missing one. */
  applyChanges(base: Tree, changes: PushChange[]): Tree {
    const tree: Tree = new Map(base);
    for (const change of changes) {
      const path = normalizePath(change.path);
      if (!path) throw new GitError(400, 'InvalidArgumentValueException', 'A change needs an item path.');
      // UNVERIFIED wordings and statuses of ADO's refusals of an impossible change.
      if (change.changeType === 'add') {
        if (tree.has(path)) throw new GitError(400, 'GitItemAlreadyExistsException', `TF401266: The item /${path} already exists and cannot be added.`);
        tree.set(path, { blobId: this.putBlob(change.content), executable: false });
      } else if (change.changeType === 'edit') {
        const old = tree.get(path);
        if (!old) throw new GitError(400, 'GitItemNotFoundException', `TF401174: The item /${path} could not be found and cannot be edited.`);
        tree.set(path, { blobId: this.putBlob(change.content), executable: old.executable });
      } else if (change.changeType === 'delete') {
        if (!tree.delete(path)) throw new GitError(400, 'GitItemNotFoundException', `TF401174: The item /${path} could not be found and cannot be deleted.`);
      } else {
        const from = normalizePath(change.sourcePath);
        const old = tree.get(from);
        if (!old) throw new GitError(400, 'GitItemNotFoundException', `TF401174: The item /${from} could not be found and cannot be renamed.`);
        if (tree.has(path)) throw new GitError(400, 'GitItemAlreadyExistsException', `TF401266: The item /${path} already exists.`);
        tree.delete(from);
        tree.set(path, old);
      }
    }
    return tree;
  }

  /**
   * Moves refs after checking each old id (ADO's optimistic concurrency): a stale one refuses the
   * whole push. Records the push and returns it.
   */
  recordPush(opts: { pushId: number; date: string; pushedBy: string; refUpdates: RefUpdate[]; commitIds: string[] }): PushRecord {
    for (const u of opts.refUpdates) this.checkRefUpdate(u);
    for (const u of opts.refUpdates) this.movedRefs.set(u.name, u.newObjectId === ZERO_SHA ? null : u.newObjectId);
    const push: PushRecord = { ...opts };
    this.pushes.push(push);
    return push;
  }

  checkRefUpdate(u: RefUpdate): void {
    const current = this.ref(u.name) ?? ZERO_SHA;
    if (current !== u.oldObjectId.toLowerCase()) {
      // UNVERIFIED: status 409 and wording of ADO's stale-ref refusal (GitReferenceStaleException, TF401028).
      throw new GitError(
        409,
        'GitReferenceStaleException',
        `TF401028: The reference '${u.name}' has already been updated by another client, so you cannot update it. Please try again.`,
      );
    }
    if (u.newObjectId !== ZERO_SHA && !this.commit(u.newObjectId)) {
      throw new GitError(400, 'GitUnresolvableToCommitException', `TF401035: The object '${u.newObjectId}' does not exist.`);
    }
  }

  private snapshotFixture(head: string): Commit {
    const known = this.commits.get(head);
    if (known) return known;
    const tree: Tree = new Map();
    for (const f of this.source.files()) {
      tree.set(f.path, { blobId: this.putBlob(readFileSync(f.absPath)), executable: f.executable });
    }
    const commit: Commit = {
      commitId: head,
      treeId: derivedSha('tree', head),
      parents: [],
      author: FIXTURE_USER,
      committer: FIXTURE_USER,
      comment: `Fixture content of ${this.source.repoName}`,
      tree,
    };
    this.commits.set(head, commit);
    return commit;
  }
}

/** The file-level changes from `base` to `target` (folders excluded); a deleted and an added path with the same blob are one rename. */
export function diffTrees(base: Tree, target: Tree): TreeChange[] {
  const added: TreeChange[] = [];
  const deleted: TreeChange[] = [];
  const out: TreeChange[] = [];
  for (const [path, e] of target) {
    const old = base.get(path);
    if (!old) added.push({ changeType: 'add', path, objectId: e.blobId });
    else if (old.blobId !== e.blobId) out.push({ changeType: 'edit', path, objectId: e.blobId, originalObjectId: old.blobId });
  }
  for (const [path, e] of base) if (!target.has(path)) deleted.push({ changeType: 'delete', path, originalObjectId: e.blobId });
  const deletedByBlob = new Map<string, TreeChange[]>();
  for (const d of deleted) deletedByBlob.set(d.originalObjectId!, [...(deletedByBlob.get(d.originalObjectId!) ?? []), d]);
  const renamed = new Set<TreeChange>();
  for (const add of added) {
    const gone = deletedByBlob.get(add.objectId!)?.find((d) => !renamed.has(d));
    if (gone) {
      renamed.add(gone);
      out.push({ changeType: 'rename', path: add.path, objectId: add.objectId, originalObjectId: gone.originalObjectId, sourcePath: gone.path });
    } else out.push(add);
  }
  out.push(...deleted.filter((d) => !renamed.has(d)));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A three-way merge of trees: what `source` changed since `base`, applied onto `target`. When both
 * sides changed a path differently, the source wins (the fake has no conflicts).
 */
export function mergeTrees(base: Tree, target: Tree, source: Tree): Tree {
  const merged: Tree = new Map(target);
  for (const change of diffTrees(base, source)) {
    if (change.changeType === 'delete') merged.delete(change.path);
    else {
      if (change.changeType === 'rename' && change.sourcePath) merged.delete(change.sourcePath);
      merged.set(change.path, source.get(change.path)!);
    }
  }
  return merged;
}
