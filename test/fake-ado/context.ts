// What every route module of the fake shares: the fixture data, the state writes create, the shapes
// ADO wraps its objects in (project and identity references, repositories) and the lookups that
// answer ADO's 404s.
import type { Request, Response } from 'express';
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
  type ProjectAreasDef,
  type ProjectDef,
  type RepoDef,
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
  prStatuses: Map<string, Json[]>;
  prThreads: Map<string, Json[]>;
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
  identityRef(org: OrgDef, who: IdentityDef): Json;
  projectRef(org: OrgDef, p: ProjectDef): Json;
  gitRepository(org: OrgDef, p: ProjectDef, r: RepoDef): Json;
  headOf(org: OrgDef, repo: RepoDef): string | null;
  repoFiles(org: OrgDef, repo: RepoDef): ReturnType<typeof listRepoFiles>;
  /** The project of `req.params.project`; sends the 404 itself. */
  requireProject(req: Request, res: Response): ProjectDef | null;
  /** Repository by id (any project) or, inside a project, by name. Sends the 404 itself. */
  resolveRepo(req: Request, res: Response, opts: { allowDisabled: boolean }): { project: ProjectDef; repo: RepoDef } | null;
  repoNotFound(res: Response, name: string, extra?: string): void;
}

export function makeContext(fixturesDir: string, orgs: OrgDef[], areas: Record<string, OrgAreasDef>, pageSizes: PageSizes): FakeContext {
  const ctx: FakeContext = {
    fixturesDir,
    orgs,
    areas,
    pageSizes,
    state: { hookSubscriptions: new Map(), prStatuses: new Map(), prThreads: new Map() },
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
    identityRef: (org, who) => ({
      displayName: who.displayName,
      url: `${ctx.orgUrlOf(org)}/_apis/Identities/${who.id}`,
      id: who.id,
      uniqueName: who.uniqueName,
      descriptor: `aad.${Buffer.from(who.id).toString('base64url')}`,
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
    gitRepository: (org, p, r) => {
      const orgUrl = ctx.orgUrlOf(org);
      const host = new URL(ctx.baseUrl).host;
      const size = ctx.repoFiles(org, r).reduce((sum, f) => sum + f.size, 0);
      return {
        id: r.id,
        name: r.name,
        url: `${orgUrl}/${p.id}/_apis/git/repositories/${r.id}`,
        project: ctx.projectRef(org, p),
        ...(r.empty ? {} : { defaultBranch: DEFAULT_BRANCH }),
        size: r.empty ? 0 : size,
        remoteUrl: `${ctx.baseUrl.replace('//', `//${org.name}@`)}/${org.name}/${encodeURIComponent(p.name)}/_git/${encodeURIComponent(r.name)}`,
        sshUrl: `git@ssh.${host}:v3/${org.name}/${encodeURIComponent(p.name)}/${encodeURIComponent(r.name)}`,
        webUrl: `${orgUrl}/${encodeURIComponent(p.name)}/_git/${encodeURIComponent(r.name)}`,
        isDisabled: r.disabled === true,
        isInMaintenance: false,
      };
    },
    repoFiles: (org, repo) => {
      const folder = repoFolder(fixturesDir, org, repo);
      return folder ? listRepoFiles(folder) : [];
    },
    headOf: (org, repo) => (repo.empty ? null : contentSha(ctx.repoFiles(org, repo), repo.extraZipEntries)),
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
