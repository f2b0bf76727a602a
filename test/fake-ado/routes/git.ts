// Git: repositories, refs, and items (the zip of the tree at a commit).
import { Router, type Request, type Response } from 'express';
import { DEFAULT_BRANCH, locals, type FakeContext } from '../context';
import { eqi, pageOf, q, sendCollection, sendJson } from '../http';
import { requireScope } from '../middleware';
import { derivedSha } from '../model';
import { sendAdoError } from '../responses';
import { buildRepoZip } from '../zip';

export function gitRoutes(ctx: FakeContext): Router {
  const r = Router({ mergeParams: true });
  const code = requireScope('vso.code');

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
    const found = ctx.resolveRepo(req, res, { allowDisabled: false });
    if (!found) return;
    const { org, identity } = locals(res);
    const head = ctx.headOf(org, found.repo);
    const repoUrl = `${ctx.orgUrlOf(org)}/${found.project.id}/_apis/git/repositories/${found.repo.id}`;
    const refs = head
      ? [DEFAULT_BRANCH, ...(found.repo.extraRefs ?? [])]
          .map((name) => ({ name, objectId: name === DEFAULT_BRANCH ? head : derivedSha(name, head) }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      : [];
    const filter = q(req, 'filter');
    const contains = q(req, 'filterContains');
    const matching = refs
      .filter((ref) => !filter || ref.name.slice('refs/'.length).startsWith(filter))
      .filter((ref) => !contains || ref.name.includes(contains))
      // The official example's shape {name, objectId, url}; creator and isLocked when the repository opts in.
      .map((ref) => ({
        ...ref,
        url: `${repoUrl}/refs?filter=${encodeURIComponent(ref.name.slice('refs/'.length))}`,
        ...(found.repo.optionalFields === 'all' ? { creator: ctx.identityRef(org, identity), isLocked: false } : {}),
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

  const getItems = (req: Request, res: Response) => {
    const found = ctx.resolveRepo(req, res, { allowDisabled: false });
    if (!found) return;
    const { org } = locals(res);
    const { repo } = found;
    const head = ctx.headOf(org, repo);
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
      return sendAdoError(res, 400, { message: `The fake Azure DevOps serves items for path=/ only (asked: ${itemPath}).`, typeKey: 'ArgumentException' });
    }
    if ((q(req, '$format') ?? '').toLowerCase() !== 'zip') {
      return sendJson(res, {
        objectId: derivedSha('tree', head),
        gitObjectType: 'tree',
        commitId: head,
        path: '/',
        isFolder: true,
        url: `${ctx.orgUrlOf(org)}/${found.project.id}/_apis/git/repositories/${repo.id}/items?path=%2F&versionType=Commit&version=${head}`,
      });
    }
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename=${repo.name}.zip; filename*=utf-8''${encodeURIComponent(repo.name)}.zip`);
    const zip = buildRepoZip(ctx.repoFiles(org, repo), repo.extraZipEntries);
    zip.on('error', () => res.destroy());
    zip.pipe(res);
  };
  r.get('/_apis/git/repositories/:repo/items', code, getItems);
  r.get('/:project/_apis/git/repositories/:repo/items', code, getItems);

  return r;
}
