// What every route module of the fake shares: the fixture data, the state writes create, the shapes
// ADO wraps its objects in (project and identity references, repositories) and the lookups that
// answer ADO's 404s.
import type { Request, Response } from 'express';
import { RepoHistory } from './git-history';
import { eqi } from './http';
import {
  contentSha,
  listRepoFiles,
  repoFolder,
  type CredentialDef,
  type IdentityDef,
  type Json,
  type OrgAreasDef,
  type OrgDef,
  type PolicyConfigDef,
  type ProjectAreasDef,
  type ProjectDef,
  type RepoDef,
  type SharedDef,
} from './model';
import { sendAdoError } from './responses';

export const DEFAULT_BRANCH = 'refs/heads/main';

export interface Locals {
  org: OrgDef;
  credential: CredentialDef;
  identity: IdentityDef;
}

export const locals = (res: Response): Locals => res.locals as Locals;

export interface PageSizes {
  projects: number;
  refs: number;
  /** Policy configurations, build definitions, variable groups. */
  lists: number;
}

/** What writes create, per organization name (hooks) or per pull request key. */
export interface FakeState {
  hookSubscriptions: Map<string, Map<string, Json>>;
  /** A subscription's consumer inputs as posted (the password unmasked), by subscription id: what deliveries send. */
  hookSecrets: Map<string, Json>;
  prStatuses: Map<string, Json[]>;
  prThreads: Map<string, Json[]>;
  /** Git history per `${org}/${repoId}`, created on first use. */
  histories: Map<string, RepoHistory>;
  /** Policy configurations created through the REST API, per `${org}/${projectId}`. */
  policyConfigurations: Map<string, PolicyConfigDef[]>;
}

/**
 * Something that happened which ADO would publish to service hooks (routes/hooks.ts delivers it):
 * the event type, the resource as the REST API shapes it, and what subscriptions filter on.
 */
export interface PublishedEvent {
  org: OrgDef;
  project: ProjectDef;
  eventType: string;
  resource: Json;
  /** The repository id (git events). */
  repositoryId?: string;
  /** Branches the event is about (git.push: every updated ref; PR events: the target). */
  branches?: string[];
  /** git.pullrequest.updated: PushNotification, StatusUpdateNotification... */
  notificationType?: string;
  /** Identity key of who caused it. */
  actor: string;
  message: string;
  /** build.complete: definition name and result, for the subscription filters. */
  definitionName?: string;
  buildStatus?: string;
}

export interface FakeContext {
  fixturesDir: string;
  orgs: OrgDef[];
  areas: Record<string, OrgAreasDef>;
  pageSizes: PageSizes;
  state: FakeState;
  /** http://127.0.0.1:PORT, set once the server listens. */
  baseUrl: string;
  orgUrlOf(org: OrgDef): string;
  findOrg(name: string): OrgDef | undefined;
  findProject(org: OrgDef, idOrName: string): ProjectDef | undefined;
  projectAreas(org: OrgDef, project: ProjectDef): ProjectAreasDef;
  identity(org: OrgDef, key: string): IdentityDef;
  /** The graph subject descriptor of an identity (aad.<base64url id>), as IdentityRef and connectionData carry it. */
  subjectDescriptor(who: IdentityDef): string;
  identityRef(org: OrgDef, who: IdentityDef): Json;
  /**
   * The `…ProjectReferences` of an object shared between projects (service connection, variable group):
   * one {projectReference: {id, name}, name, description} per project it names.
   */
  sharedProjectReferences(org: OrgDef, def: SharedDef): Json[];
  /** The project reference other areas (pull requests, builds) embed, every field set. */
  projectRef(org: OrgDef, p: ProjectDef): Json;
  /** A project as the projects API answers it: minimal unless the fixture opts into every field. */
  teamProject(org: OrgDef, p: ProjectDef): Json;
  /**
   * A GitRepository as the list ('list') or the single-repository ('single') answer carries it:
   * the official examples' minimal shape unless the fixture opts into every field; the single answer
   * always has `_links` (self, project, web, commits, refs, pullRequests, items, pushes).
   */
  gitRepository(org: OrgDef, p: ProjectDef, r: RepoDef, form: 'list' | 'single'): Json;
  /** The head of the default branch (pushes move it); null when the repository has no commit. */
  headOf(org: OrgDef, repo: RepoDef): string | null;
  /** The fixture folder's commit id as the folder is now (the first commit), whatever pushes did since. */
  fixtureHeadOf(org: OrgDef, repo: RepoDef): string | null;
  repoFiles(org: OrgDef, repo: RepoDef): ReturnType<typeof listRepoFiles>;
  /** The project of `req.params.project`; sends the 404 itself. */
  requireProject(req: Request, res: Response): ProjectDef | null;
  /** Repository by id (any project) or, inside a project, by name. Sends the 404 itself. */
  resolveRepo(req: Request, res: Response, opts: { allowDisabled: boolean }): { project: ProjectDef; repo: RepoDef } | null;
  repoNotFound(res: Response, name: string, extra?: string): void;
  /** The repository's git history (the fixture folder is its first commit). */
  history(org: OrgDef, repo: RepoDef): RepoHistory;
  /** Hands an event to the service hooks publisher (set by server.ts; a no-op until then). */
  publish(event: PublishedEvent): void;
  /** A subscription's notifications (delivery history) in ADO's Notification shape, newest first (set by server.ts). */
  notifications(subscriptionId: string): Json[];
}

export function makeContext(fixturesDir: string, orgs: OrgDef[], areas: Record<string, OrgAreasDef>, pageSizes: PageSizes): FakeContext {
  const fixtureHeads = new Map<string, { signature: string; sha: string }>();
  const ctx: FakeContext = {
    fixturesDir,
    orgs,
    areas,
    pageSizes,
    state: { hookSubscriptions: new Map(), hookSecrets: new Map(), prStatuses: new Map(), prThreads: new Map(), histories: new Map(), policyConfigurations: new Map() },
    baseUrl: '',
    orgUrlOf: (org) => `${ctx.baseUrl}/${org.name}`,
    findOrg: (name) => orgs.find((o) => eqi(o.name, name)),
    findProject: (org, idOrName) => org.projects.find((p) => eqi(p.id, idOrName) || eqi(p.name, idOrName)),
    projectAreas: (org, project) => areas[org.name]?.projects[project.name] ?? {},
    identity: (org, key) => {
      const who = org.identities.find((i) => i.key === key);
      if (!who) throw new Error(`fixture: unknown identity ${key} in ${org.name}`);
      return who;
    },
    subjectDescriptor: (who) => `aad.${Buffer.from(who.id).toString('base64url')}`,
    identityRef: (org, who) => ({
      displayName: who.displayName,
      url: `${ctx.orgUrlOf(org)}/_apis/Identities/${who.id}`,
      id: who.id,
      uniqueName: who.uniqueName,
      descriptor: ctx.subjectDescriptor(who),
    }),
    sharedProjectReferences: (org, def) =>
      def.projects.map((name) => {
        const p = ctx.findProject(org, name);
        if (!p) throw new Error(`fixture: ${def.name} names unknown project ${name}`);
        return { projectReference: { id: p.id, name: p.name }, name: def.name, description: def.description ?? '' };
      }),
    projectRef: (org, p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      url: `${ctx.orgUrlOf(org)}/_apis/projects/${p.id}`,
      state: p.state ?? 'wellFormed',
      revision: p.revision,
      visibility: p.visibility,
      lastUpdateTime: p.lastUpdateTime,
    }),
    teamProject: (org, p) => ({
      id: p.id,
      name: p.name,
      ...(p.description === undefined ? {} : { description: p.description }),
      url: `${ctx.orgUrlOf(org)}/_apis/projects/${p.id}`,
      state: p.state ?? 'wellFormed',
      ...(p.optionalFields === 'all' ? { revision: p.revision, visibility: p.visibility, lastUpdateTime: p.lastUpdateTime } : {}),
    }),
    gitRepository: (org, p, r, form) => {
      const orgUrl = ctx.orgUrlOf(org);
      const all = r.optionalFields === 'all';
      const names = `${encodeURIComponent(p.name)}/_git/${encodeURIComponent(r.name)}`;
      const apiUrl = `${orgUrl}/${p.id}/_apis/git/repositories/${r.id}`;
      const webUrl = `${orgUrl}/${names}`;
      // As on dev.azure.com, the clone URL carries the organization as user name.
      const remoteUrl = `${ctx.baseUrl.replace('//', `//${org.name}@`)}/${org.name}/${names}`;
      const project = all
        ? ctx.projectRef(org, p)
        : { id: p.id, name: p.name, url: `${orgUrl}/_apis/projects/${p.id}`, state: p.state ?? 'wellFormed', ...(form === 'single' ? { revision: p.revision } : {}) };
      const links = {
        self: { href: apiUrl },
        project: { href: `vstfs:///Classification/TeamProject/${p.id}` },
        web: { href: webUrl },
        commits: { href: `${apiUrl}/commits` },
        refs: { href: `${apiUrl}/refs` },
        pullRequests: { href: `${apiUrl}/pullRequests` },
        items: { href: `${apiUrl}/items` },
        pushes: { href: `${apiUrl}/pushes` },
      };
      const optional = all
        ? {
            size: r.empty ? 0 : ctx.repoFiles(org, r).reduce((sum, f) => sum + f.size, 0),
            sshUrl: `git@ssh.${new URL(ctx.baseUrl).host}:v3/${org.name}/${names.replace('/_git/', '/')}`,
            webUrl,
            isDisabled: r.disabled === true,
            isFork: false,
            isInMaintenance: false,
          }
        : r.disabled
          ? { isDisabled: true }
          : {};
      return {
        id: r.id,
        name: r.name,
        url: apiUrl,
        project,
        ...(r.empty || (r.defaultBranchOnlyInSingle && form === 'list') ? {} : { defaultBranch: DEFAULT_BRANCH }),
        remoteUrl,
        ...optional,
        ...(form === 'single' || all ? { _links: links } : {}),
      };
    },
    repoFiles: (org, repo) => {
      const folder = repoFolder(fixturesDir, org, repo);
      return folder ? listRepoFiles(folder) : [];
    },
    headOf: (org, repo) => ctx.history(org, repo).ref(DEFAULT_BRANCH),
    fixtureHeadOf: (org, repo) => {
      if (repo.empty) return null;
      // Hashing every file's content is what moves the head when a test edits a fixtures copy; the
      // files' sizes and times say whether that can have happened since the last time.
      const files = ctx.repoFiles(org, repo);
      const key = `${org.name}/${repo.id}`;
      const signature = files.map((f) => `${f.path}\0${f.size}\0${f.mtimeMs}`).join('\n');
      const cached = fixtureHeads.get(key);
      if (cached?.signature === signature) return cached.sha;
      const sha = contentSha(files, repo.extraZipEntries);
      fixtureHeads.set(key, { signature, sha });
      return sha;
    },
    history: (org, repo) => {
      const key = `${org.name}/${repo.id}`;
      let history = ctx.state.histories.get(key);
      if (!history) {
        history = new RepoHistory({
          repoName: repo.name,
          files: () => ctx.repoFiles(org, repo),
          fixtureHead: () => ctx.fixtureHeadOf(org, repo),
          extraRefs: repo.extraRefs ?? [],
        });
        ctx.state.histories.set(key, history);
      }
      return history;
    },
    publish: () => undefined,
    notifications: () => [],
    requireProject: (req, res) => {
      const name = String(req.params.project);
      const p = ctx.findProject(locals(res).org, name);
      if (!p) {
        sendAdoError(res, 404, {
          message: `TF200016: The following project does not exist: ${name}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`,
          typeKey: 'ProjectDoesNotExistWithNameException',
        });
        return null;
      }
      return p;
    },
    repoNotFound: (res, name, extra = '') =>
      sendAdoError(res, 404, {
        message: `TF401019: The Git repository with name or identifier ${name} does not exist or you do not have permissions for the operation you are attempting.${extra}`,
        typeKey: 'GitRepositoryNotFoundException',
        typeName: 'Microsoft.TeamFoundation.Git.Server.GitRepositoryNotFoundException, Microsoft.TeamFoundation.Git.Server',
      }),
    resolveRepo: (req, res, opts) => {
      const { org } = locals(res);
      const repoKey = String(req.params.repo);
      let project: ProjectDef | undefined;
      if (req.params.project !== undefined) {
        const found = ctx.requireProject(req, res);
        if (!found) return null;
        project = found;
      }
      for (const p of project ? [project] : org.projects) {
        const repo = p.repos.find((r) => eqi(r.id, repoKey) || (project !== undefined && eqi(r.name, repoKey)));
        if (!repo) continue;
        // UNVERIFIED: ADO's exact answer for a disabled repository; TF401019-like 404 here.
        if (repo.disabled && !opts.allowDisabled) {
          ctx.repoNotFound(res, repoKey, ' The repository is disabled.');
          return null;
        }
        return { project: p, repo };
      }
      ctx.repoNotFound(res, repoKey);
      return null;
    },
  };
  return ctx;
}
