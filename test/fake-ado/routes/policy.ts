// Policy: configurations (project-wide and filtered by repository and branch) and types (ado-rest.md §3).
import { Router, type Request, type Response } from 'express';
import { DEFAULT_BRANCH, locals, type FakeContext } from '../context';
import { badArgument, eqi, q, sendCollection, sendJson } from '../http';
import { requireJsonBody, requireScope } from '../middleware';
import type { Json, OrgDef, PolicyConfigDef, PolicyScopeDef, ProjectDef } from '../model';
import { olderPolicyRevisions } from '../compliance-store';
import { sendAdoError } from '../responses';

/** Type ids and the display names live ADO gives them (ado-rest.md §3.3). */
export const POLICY_TYPES: Record<string, { id: string; displayName: string }> = {
  minimumReviewers: { id: 'fa4e907d-c16b-4a4c-9dfa-4906e5d171dd', displayName: 'Minimum number of reviewers' },
  build: { id: '0609b952-1397-4640-95ec-e00a01b2c241', displayName: 'Build' },
  requiredReviewers: { id: 'fd2167ab-b0be-447a-8ec8-39368250530e', displayName: 'Required reviewers' },
  commentRequirements: { id: 'c6a1889d-b943-4856-b76f-9e46bb6b0df2', displayName: 'Comment requirements' },
  status: { id: 'cbdc66da-9728-4af8-aada-9a5a32e4a226', displayName: 'Status' },
  workItemLinking: { id: '40e92b44-2fe1-4dd6-b3d8-74a9c21d0c6e', displayName: 'Work item linking' },
  mergeStrategy: { id: 'fa4e907d-c16b-4a4c-9dfa-4916e5d171ab', displayName: 'Require a merge strategy' },
  fileSizeRestriction: { id: '2e26e725-8201-4edd-8bf5-978563c34a80', displayName: 'File size restriction' },
  fileNameRestriction: { id: '51c78909-e838-41a2-9496-c647091e3c61', displayName: 'File name restriction' },
  pathLengthRestriction: { id: '001a79cf-fda1-4c4e-9e7c-bac40ee5ead8', displayName: 'Path Length restriction' },
  reservedNamesRestriction: { id: 'db2b9b4c-180d-4529-9701-01541d19f36b', displayName: 'Reserved names restriction' },
  gitRepositorySettings: { id: '7ed39669-655c-494e-b4a0-a08b4da0fcce', displayName: 'Git repository settings' },
  commitAuthorEmailValidation: { id: '77ed4bd3-b063-4689-934a-175e4d0a78d7', displayName: 'Commit author email validation' },
};

interface Scope {
  repositoryId: string | null;
  refName?: string;
  matchKind?: string;
}

export function policyRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const code = requireScope('vso.code');

  const typeOf = (def: PolicyConfigDef) => {
    const type = POLICY_TYPES[def.type];
    if (!type) throw new Error(`fixture: unknown policy type ${def.type}`);
    return type;
  };

  const scopesOf = (project: ProjectDef, def: PolicyConfigDef): Scope[] =>
    def.settings.scope.map((s) => {
      const repo = s.repository ? project.repos.find((x) => x.name === s.repository) : undefined;
      if (s.repository && !repo) throw new Error(`fixture: policy ${def.id} names unknown repository ${s.repository}`);
      return {
        repositoryId: repo?.id ?? null,
        ...(s.refName !== undefined ? { refName: s.refName } : {}),
        ...(s.matchKind !== undefined ? { matchKind: s.matchKind } : {}),
      };
    });

  const configuration = (org: OrgDef, project: ProjectDef, def: PolicyConfigDef): Json => {
    const projectUrl = `${ctx.orgUrlOf(org)}/${project.id}`;
    const type = typeOf(def);
    const { scope: _scope, ...settings } = def.settings;
    return {
      createdBy: ctx.identityRef(org, ctx.identity(org, def.createdBy)),
      createdDate: def.createdDate,
      isEnabled: def.isEnabled,
      isBlocking: def.isBlocking,
      isDeleted: false,
      settings: { ...settings, scope: scopesOf(project, def) },
      isEnterpriseManaged: false,
      _links: {
        self: { href: `${projectUrl}/_apis/policy/configurations/${def.id}` },
        policyType: { href: `${projectUrl}/_apis/policy/types/${type.id}` },
      },
      revision: def.revision,
      id: def.id,
      url: `${projectUrl}/_apis/policy/configurations/${def.id}`,
      type: { id: type.id, url: `${projectUrl}/_apis/policy/types/${type.id}`, displayName: type.displayName },
    };
  };

  /** The header token is the id of the next configuration (ado-rest.md §3.1). */
  const sendPaged = (req: Request, res: Response, project: ProjectDef, defs: PolicyConfigDef[]) => {
    const { org } = locals(res);
    const sorted = [...defs].sort((a, b) => a.id - b.id);
    const token = q(req, 'continuationToken');
    const from = token === undefined ? 0 : Number(token);
    const top = Number(q(req, '$top') ?? 100);
    if (!Number.isInteger(from) || from < 0 || !Number.isInteger(top) || top <= 0) return badArgument(res, 'Invalid $top or continuationToken value.');
    const rest = sorted.filter((d) => d.id >= from);
    const page = rest.slice(0, Math.min(top, ctx.pageSizes.lists));
    const next = rest[page.length];
    sendCollection(req, res, page.map((d) => configuration(org, project, d)), next ? String(next.id) : undefined);
  };

  const byType = (req: Request) => {
    const wanted = q(req, 'policyType');
    return (d: PolicyConfigDef) => !wanted || eqi(typeOf(d).id, wanted);
  };

  /** The fixture's configurations and those created through the REST API. */
  const configurationsOf = (org: OrgDef, project: ProjectDef): PolicyConfigDef[] => [
    ...(ctx.projectAreas(org, project).policyConfigurations ?? []),
    ...(ctx.state.policyConfigurations.get(`${org.name}/${project.id}`) ?? []),
  ];

  r.get('/:project/_apis/policy/configurations', code, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    sendPaged(req, res, project, configurationsOf(locals(res).org, project).filter(byType(req)));
  });

  // Configurations - Create: the REST reference lists vso.code_manage (UNVERIFIED against a live 403).
  r.post('/:project/_apis/policy/configurations', requireScope('vso.code_manage'), requireJsonBody, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org, identity } = locals(res);
    const body = req.body as Json;
    const typeId = String((body.type as Json | undefined)?.id ?? '');
    const typeKey = Object.keys(POLICY_TYPES).find((k) => eqi(POLICY_TYPES[k].id, typeId));
    // UNVERIFIED wordings.
    if (!typeKey) return badArgument(res, `The policy type ${typeId || '(none)'} does not exist.`);
    const settings = body.settings as Json | undefined;
    const scopes = Array.isArray(settings?.scope) ? (settings!.scope as Json[]) : null;
    if (!settings || !scopes || !scopes.length) return badArgument(res, 'The policy settings need a scope.');
    const scope: PolicyScopeDef[] = [];
    for (const s of scopes) {
      const repoId = s.repositoryId;
      const repo = typeof repoId === 'string' ? project.repos.find((x) => eqi(x.id, repoId)) : undefined;
      if (repoId !== undefined && repoId !== null && !repo) return badArgument(res, `The repository ${String(repoId)} is not in project ${project.name}.`);
      scope.push({
        repository: repo ? repo.name : null,
        ...(typeof s.refName === 'string' ? { refName: s.refName } : {}),
        ...(typeof s.matchKind === 'string' ? { matchKind: s.matchKind } : {}),
      });
    }
    const key = `${org.name}/${project.id}`;
    const all = configurationsOf(org, project);
    const def: PolicyConfigDef = {
      id: Math.max(0, ...all.map((d) => d.id)) + 1,
      revision: 1,
      type: typeKey,
      isEnabled: body.isEnabled !== false,
      isBlocking: body.isBlocking === true,
      createdBy: identity.key,
      createdDate: new Date().toISOString(),
      settings: { ...settings, scope },
    };
    ctx.state.policyConfigurations.set(key, [...(ctx.state.policyConfigurations.get(key) ?? []), def]);
    sendJson(res, configuration(org, project, def));
  });

  // The policies that apply to a repository and/or branch (ado-rest.md §3.1).
  r.get('/:project/_apis/git/policy/configurations', code, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const repoId = q(req, 'repositoryId');
    const refName = q(req, 'refName');
    const repo = repoId ? project.repos.find((x) => eqi(x.id, repoId)) : undefined;
    const refMatches = (s: Scope) => {
      if (!refName) return true;
      if (s.matchKind && eqi(s.matchKind, 'DefaultBranch')) return (repo ? !repo.empty : true) && eqi(refName, DEFAULT_BRANCH);
      if (s.refName === undefined) return repoId !== undefined; // repository-wide push policy
      return s.matchKind && eqi(s.matchKind, 'Prefix') ? refName.startsWith(s.refName) : eqi(refName, s.refName);
    };
    const repoMatches = (s: Scope) => s.repositoryId === null || (repoId !== undefined && eqi(s.repositoryId, repoId));
    const applies = (d: PolicyConfigDef) => scopesOf(project, d).some((s) => repoMatches(s) && refMatches(s));
    const defs = configurationsOf(locals(res).org, project).filter(byType(req)).filter(applies);
    sendPaged(req, res, project, defs);
  });

  r.get('/:project/_apis/policy/configurations/:id', code, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const def = configurationsOf(locals(res).org, project).find((d) => String(d.id) === req.params.id);
    // UNVERIFIED wording.
    if (!def) return sendAdoError(res, 404, { message: `The policy configuration ${req.params.id} does not exist.`, typeKey: 'PolicyConfigurationNotFoundException' });
    sendJson(res, configuration(locals(res).org, project, def));
  });

  // Policy Configurations - Revisions: every revision oldest first ($top/$skip); the current one is the last.
  r.get('/:project/_apis/policy/configurations/:id/revisions', code, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const { org } = locals(res);
    const def = configurationsOf(org, project).find((d) => String(d.id) === req.params.id);
    // UNVERIFIED wording.
    if (!def) return sendAdoError(res, 404, { message: `The policy configuration ${req.params.id} does not exist.`, typeKey: 'PolicyConfigurationNotFoundException' });
    const all = [...olderPolicyRevisions(ctx, org, project, def), def].map((d) => configuration(org, project, d));
    const top = Number(q(req, '$top') ?? 100);
    const skip = Number(q(req, '$skip') ?? 0);
    if (!Number.isInteger(top) || top <= 0 || !Number.isInteger(skip) || skip < 0) return badArgument(res, 'Invalid $top or $skip value.');
    sendCollection(req, res, all.slice(skip, skip + top));
  });

  r.get('/:project/_apis/policy/types', code, (req, res) => {
    const project = ctx.requireProject(req, res);
    if (!project) return;
    const projectUrl = `${ctx.orgUrlOf(locals(res).org)}/${project.id}`;
    sendCollection(
      req,
      res,
      Object.values(POLICY_TYPES).map((t) => ({ description: '', id: t.id, url: `${projectUrl}/_apis/policy/types/${t.id}`, displayName: t.displayName })),
    );
  });

  return r;
}
