// The pipeline task's side of the service (issue 17; wire contract: contract/pipeline-api.ts).
//
// pipelineReceiver (mounted by app.ts beside the hook receiver, outside the app-token authentication):
//   POST /api/v1/pipeline/runs       a run's report: its build, verdict and SARIF log (20 MB at most)
//   GET  /api/v1/pipeline/baseline   the fingerprints of a branch's last Vigil results
// authenticated ONLY by a pipeline token (Authorization: Bearer vgp_…). A missing, unknown or revoked
// token gets 401 problem+json with no detail, whatever was wrong; the token is checked before the body
// is read. A run of another organization than the token's gets 403.
//
// pipelineTokenRouter (inside /api/v1, the hub's authentication): list, create and revoke tokens;
// Project Collection Administrators only. A token is shown once, at creation.
import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import {
  createPipelineTokenRequestSchema,
  pipelineBaselineQuerySchema,
  pipelineRunUploadSchema,
  type CreatedPipelineToken,
  type PipelineBaselineResponse,
  type PipelineTokenDto,
  type PipelineTokenList,
} from '../contract/pipeline-api';
import { notFound } from '../errors';
import { getOrganization } from '../store/organizations';
import { latestPipelineRun, openFindingFingerprints, pipelineRunFingerprints } from '../store/pipeline-runs';
import { authenticatePipelineToken, createPipelineToken, listPipelineTokens, revokePipelineToken, type PipelineTokenInfo } from '../store/pipeline-tokens';
import { getRepository } from '../store/repositories';
import { getScan } from '../store/scans';
import { recordPipelineUpload } from '../usecases/record-pipeline-run';
import { requireOrg, requireOrgAdmin } from './auth';
import { sendProblem } from './problem';

/** A run's SARIF log: the task's own stays far below; other tools' logs can be large. */
export const PIPELINE_BODY_LIMIT = '20mb';

interface PipelineCaller {
  orgId: string;
  tokenId: string;
}

const refuse = (res: express.Response) => {
  res.set('WWW-Authenticate', 'Bearer realm="vigil-pipeline"');
  sendProblem(res, { type: 'https://vigil.dev/problems/unauthorized', title: 'Not authenticated', status: 401 });
};

const callerOf = (res: express.Response): PipelineCaller => res.locals.pipeline as PipelineCaller;

/** `refs/heads/main` for `main`; full ref names stay as they are. */
const refName = (branch: string): string => (branch.startsWith('refs/') ? branch : `refs/heads/${branch}`);

export function pipelineReceiver(ctx: AppContext): Router {
  const router = Router();

  const authenticateToken: RequestHandler = async (req, res, next) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    const found = m ? await authenticatePipelineToken(ctx.store.db, m[1]) : undefined;
    if (!found) return refuse(res);
    res.locals.pipeline = found satisfies PipelineCaller;
    next();
  };

  const organizationOf = async (res: express.Response) => {
    const org = await getOrganization(ctx.store.db, callerOf(res).orgId);
    // A token outlives nothing: its organization's deletion cascades to it.
    if (!org) throw notFound('The organization is no longer connected');
    return org;
  };

  router.post('/api/v1/pipeline/runs', authenticateToken, express.json({ limit: PIPELINE_BODY_LIMIT }), async (req, res) => {
    const upload = pipelineRunUploadSchema.parse(req.body);
    const org = await organizationOf(res);
    const answer = await recordPipelineUpload(ctx, org, callerOf(res).tokenId, upload);
    res.status(201).json(answer);
  });

  router.get('/api/v1/pipeline/baseline', authenticateToken, async (req, res) => {
    const q = pipelineBaselineQuerySchema.parse(req.query);
    const org = await organizationOf(res);
    const branch = refName(q.branch);
    const body = await baselineOf(ctx, org.org_id, q.repositoryId, branch);
    if (!body) throw notFound('No Vigil results for that branch', 'no-baseline');
    // The salt travels only to a holder of the organization's pipeline token, who already reads the
    // fingerprints and builds the sources; it is an HMAC key, so it turns no fingerprint back into a value.
    res.set('Cache-Control', 'no-store').json({ ...body, secretSalt: org.secret_salt } satisfies PipelineBaselineResponse);
  });

  return router;
}

/**
 * The default branch: the open findings Vigil's last scan of the repository left. Another branch: the
 * findings of the newest pipeline run on it. Undefined when neither exists.
 */
async function baselineOf(ctx: AppContext, orgId: string, repoId: string, branch: string): Promise<PipelineBaselineResponse | undefined> {
  const { db } = ctx.store;
  const repo = await getRepository(db, orgId, repoId);
  if (repo && !repo.removed_at && repo.default_branch && repo.default_branch.toLowerCase() === branch.toLowerCase() && repo.last_scan_id) {
    const scan = await getScan(db, orgId, repo.last_scan_id);
    return {
      repositoryId: repoId,
      branch,
      ...(scan?.commit_sha ? { commit: scan.commit_sha } : {}),
      ...(scan?.finished_at ? { scannedAt: new Date(scan.finished_at).toISOString() } : {}),
      fingerprints: await openFindingFingerprints(db, orgId, repoId),
    };
  }
  const run = await latestPipelineRun(db, orgId, repoId, branch);
  if (!run) return undefined;
  return {
    repositoryId: repoId,
    branch,
    ...(run.commit_sha ? { commit: run.commit_sha } : {}),
    scannedAt: new Date(run.received_at).toISOString(),
    fingerprints: await pipelineRunFingerprints(db, orgId, run.run_id),
  };
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : undefined);

function toTokenDto(t: PipelineTokenInfo): PipelineTokenDto {
  return {
    id: t.token_id,
    name: t.name,
    createdBy: t.created_by,
    ...(t.created_by_name ? { createdByName: t.created_by_name } : {}),
    createdAt: iso(t.created_at)!,
    ...(t.last_used_at ? { lastUsedAt: iso(t.last_used_at) } : {}),
    ...(t.revoked_at ? { revokedAt: iso(t.revoked_at) } : {}),
  };
}

/** /api/v1/pipeline/tokens: the organization's pipeline tokens, for its administrators. */
export function pipelineTokenRouter(ctx: AppContext): Router {
  const r = Router();
  const adminOrg = (req: Request) => {
    const caller = requireOrgAdmin(req);
    return { caller, org: requireOrg(req) };
  };

  r.get('/pipeline/tokens', async (req, res) => {
    const { org } = adminOrg(req);
    const body: PipelineTokenList = { items: (await listPipelineTokens(ctx.store.db, org.org_id)).map(toTokenDto) };
    res.json(body);
  });

  r.post('/pipeline/tokens', async (req, res) => {
    const { caller, org } = adminOrg(req);
    const { name } = createPipelineTokenRequestSchema.parse(req.body ?? {});
    const created = await createPipelineToken(ctx.store.db, org.org_id, { name, by: caller.userId, byName: caller.displayName });
    ctx.log.info({ orgId: org.org_id, tokenId: created.info.token_id, by: caller.userId }, 'pipeline token created');
    const body: CreatedPipelineToken = { token: created.token, info: toTokenDto(created.info) };
    res.status(201).set('Cache-Control', 'no-store').json(body);
  });

  r.delete('/pipeline/tokens/:id', async (req, res) => {
    const { caller, org } = adminOrg(req);
    const id = z.uuid('token ids are UUIDs').parse(req.params.id);
    if (!(await revokePipelineToken(ctx.store.db, org.org_id, id, caller.userId))) throw notFound('No such live pipeline token in this organization');
    ctx.log.info({ orgId: org.org_id, tokenId: id, by: caller.userId }, 'pipeline token revoked');
    res.status(204).end();
  });

  return r;
}
