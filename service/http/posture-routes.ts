// /api/v1/posture: DevOps posture. Rights as for findings: organization administrators see every object
// and make every change (run now, exempt, revoke); others read one project they can see in Azure DevOps
// (?project=ID), which shows that project's objects only. Mounted by routes.ts behind its authentication.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context';
import {
  createExemptionRequestSchema,
  exemptionsQuerySchema,
  postureAssessmentsQuerySchema,
  postureControlQuerySchema,
  postureControlsQuerySchema,
  type ExemptionDto,
  type PostureAssessmentDto,
  type PostureControlDetail,
  type PostureControlsResponse,
  type PostureSummary,
  type TriggerPostureResponse,
} from '../contract/api';
import { EXEMPTION_DEFAULT_DAYS, EXEMPTION_MAX_DAYS, isCalendarDate } from '../contract/vocabulary';
import { AppError, badRequest, forbidden, notFound } from '../errors';
import { postureQueued, requestPostureAssessment } from '../jobs/assess-posture';
import { postureControls } from '../posture/controls';
import type { Control } from '../posture/controls/control';
import {
  ExemptionConflict,
  createExemption,
  getExemption,
  listExemptions,
  listPostureAssessments,
  listPostureResults,
  postureCounts,
  postureObjectKey,
  postureObjects,
  posturePairExists,
  postureStatus,
  revokeExemption,
} from '../store/posture';
import { dayOf } from '../triage/dismissal';
import { canSeeProject } from '../usecases/identify-caller';
import { requireCaller, requireOrg, requireOrgAdmin } from './auth';
import { toExemptionDto, toPostureAssessmentDto, toPostureResultDto } from './dto';
import { decodeCursor, paged } from './paging';
import { assessmentForProject, controlDto, controlOutcome, countsByControl, postureSummary, zeroCounts, controlArea } from './posture-views';

/** Failing objects listed per control in GET /posture/controls. */
const FAILING_PER_CONTROL = 20;
const DAY_MS = 86_400_000;

const addDays = (day: string, days: number): string => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));

export function postureRouter(ctx: AppContext, controls: readonly Control[] = postureControls): Router {
  const r = Router();
  const byId = new Map(controls.map((c) => [c.meta.id, c]));
  const today = () => dayOf(new Date());

  /** Organization-wide for administrators; one visible project for others. */
  async function requireScope(req: Request, projectId?: string): Promise<void> {
    if (await canSeeProject(ctx, requireCaller(req), projectId)) return;
    if (!projectId) throw forbidden('Organization-wide posture needs a Project Collection Administrator; ask for one project (?project=ID)');
    throw forbidden('You cannot see this project in Azure DevOps');
  }

  /** The last assessment as the caller may see it (a project's members: that project's part). */
  async function lastAssessmentFor(orgId: string, projectId: string | undefined, isAdmin: boolean, day: string) {
    const status = await postureStatus(ctx.store.db, orgId);
    if (!status.last) return { running: status.running };
    const dto = toPostureAssessmentDto(status.last);
    if (!projectId || isAdmin) return { running: status.running, last: dto };
    const totals = zeroCounts();
    for (const c of countsByControl(await postureCounts(ctx.store.db, orgId, { today: day, projectId })).values()) {
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += c[k];
    }
    return { running: status.running, last: assessmentForProject(dto, projectId, totals) };
  }

  r.get('/summary', async (req, res) => {
    const org = requireOrg(req);
    const q = z.object({ project: postureControlsQuerySchema.shape.project }).parse(req.query);
    await requireScope(req, q.project);
    const day = today();
    const { last, running } = await lastAssessmentFor(org.org_id, q.project, requireCaller(req).isOrgAdmin, day);
    const rows = await postureCounts(ctx.store.db, org.org_id, { today: day, projectId: q.project });
    const inProgress = running || (await postureQueued(ctx, org.org_id));
    const body: PostureSummary = postureSummary({ controls, rows, lastAssessment: last, inProgress });
    res.json(body);
  });

  r.get('/controls', async (req, res) => {
    const org = requireOrg(req);
    const q = postureControlsQuerySchema.parse(req.query);
    await requireScope(req, q.project);
    const day = today();
    const { last } = await lastAssessmentFor(org.org_id, q.project, requireCaller(req).isOrgAdmin, day);
    const counts = countsByControl(await postureCounts(ctx.store.db, org.org_id, { today: day, projectId: q.project }));
    const chosen = controls
      .map((c) => ({ c, counts: counts.get(c.meta.id) ?? zeroCounts() }))
      .filter(({ c, counts: n }) => {
        if (q.severity && !q.severity.includes(c.meta.severity)) return false;
        if (q.area && !q.area.includes(controlArea(c))) return false;
        if (q.outcome && !q.outcome.includes(controlOutcome(n, !!last))) return false;
        if (q.exempted !== undefined && q.exempted !== n.exempted > 0) return false;
        return true;
      });
    const withFails = chosen.filter(({ counts: n }) => n.fail + n.exempted > 0).map(({ c }) => c.meta.id);
    const { rows } = withFails.length
      ? await listPostureResults(ctx.store.db, org.org_id, { today: day, ruleIds: withFails, outcomes: ['fail'], projectId: q.project, perRule: FAILING_PER_CONTROL }, { limit: withFails.length * FAILING_PER_CONTROL, offset: 0 })
      : { rows: [] };
    const failing = new Map<string, ReturnType<typeof toPostureResultDto>[]>();
    for (const row of rows) failing.set(row.ruleId, [...(failing.get(row.ruleId) ?? []), toPostureResultDto(row, day)]);
    const body: PostureControlsResponse = {
      items: chosen.map(({ c, counts: n }) => controlDto(c, n, !!last, failing.get(c.meta.id) ?? [])),
      ...(last ? { lastAssessment: last } : {}),
    };
    res.json(body);
  });

  r.get('/controls/:id', async (req, res) => {
    const org = requireOrg(req);
    const control = byId.get(String(req.params.id));
    if (!control) throw notFound('No such posture control');
    const q = postureControlQuerySchema.parse(req.query);
    await requireScope(req, q.project);
    const day = today();
    const { last } = await lastAssessmentFor(org.org_id, q.project, requireCaller(req).isOrgAdmin, day);
    const counts = countsByControl(await postureCounts(ctx.store.db, org.org_id, { today: day, projectId: q.project })).get(control.meta.id) ?? zeroCounts();
    const offset = decodeCursor(q.cursor);
    const filters = { today: day, ruleIds: [control.meta.id], outcomes: q.outcome, projectId: q.project, exempted: q.exempted };
    const { rows, total } = await listPostureResults(ctx.store.db, org.org_id, filters, { limit: q.limit, offset });
    const results = rows.map((row) => toPostureResultDto(row, day));
    const body: PostureControlDetail = {
      control: controlDto(control, counts, !!last, results.filter((x) => x.outcome === 'fail').slice(0, FAILING_PER_CONTROL)),
      results: paged(results, total, offset, q.limit),
    };
    res.json(body);
  });

  r.post('/assessments', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const queued = await requestPostureAssessment(ctx, org.org_id, 'manual');
    ctx.log.info({ orgId: org.org_id, by: caller.userId, queued }, 'posture assessment asked for');
    const body: TriggerPostureResponse = { queued: queued ? 1 : 0 };
    res.status(202).json(body);
  });

  r.get('/assessments', async (req, res) => {
    requireOrgAdmin(req);
    const org = requireOrg(req);
    const q = postureAssessmentsQuerySchema.parse(req.query);
    const offset = decodeCursor(q.cursor);
    const { rows, total } = await listPostureAssessments(ctx.store.db, org.org_id, { limit: q.limit, offset });
    res.json(paged<PostureAssessmentDto>(rows.map(toPostureAssessmentDto), total, offset, q.limit));
  });

  const exemptionDtos = async (orgId: string, rows: Awaited<ReturnType<typeof listExemptions>>['rows'], day: string): Promise<ExemptionDto[]> => {
    const objects = await postureObjects(ctx.store.db, orgId, rows.map((e) => ({ controlId: e.control_id, subjectKey: e.subject_key })));
    return rows.map((e) => toExemptionDto(e, day, objects.get(postureObjectKey(e.control_id, e.subject_key))));
  };

  r.get('/exemptions', async (req, res) => {
    requireOrgAdmin(req);
    const org = requireOrg(req);
    const q = exemptionsQuerySchema.parse(req.query);
    const offset = decodeCursor(q.cursor);
    const day = today();
    const { rows, total } = await listExemptions(ctx.store.db, org.org_id, { statuses: q.status, controlId: q.control, today: day }, { limit: q.limit, offset });
    res.json(paged(await exemptionDtos(org.org_id, rows, day), total, offset, q.limit));
  });

  r.post('/exemptions', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const body = createExemptionRequestSchema.parse(req.body);
    const control = byId.get(body.controlId);
    if (!control) throw notFound('No such posture control');
    const day = today();
    const expires = body.expires ?? addDays(day, EXEMPTION_DEFAULT_DAYS[control.meta.severity]);
    if (!isCalendarDate(expires) || expires < day) throw badRequest('expires: must not be in the past', 'validation');
    if (expires > addDays(day, EXEMPTION_MAX_DAYS)) throw badRequest(`expires: must be at most ${EXEMPTION_MAX_DAYS} days ahead; renew it then`, 'validation');
    if (!(await posturePairExists(ctx.store.db, org.org_id, body.controlId, body.subjectKey))) {
      throw notFound('This control has assessed no such object in this organization');
    }
    let row;
    try {
      row = await createExemption(
        ctx.store.db,
        org.org_id,
        { controlId: body.controlId, subjectKey: body.subjectKey, reason: body.reason, comment: body.comment, expires, by: caller.userId, byName: caller.displayName },
        day,
      );
    } catch (err) {
      if (err instanceof ExemptionConflict) throw new AppError(409, 'exemption-exists', 'Already exempted', `The object already has an active exemption (${err.message}); revoke it first`);
      throw err;
    }
    ctx.log.info({ orgId: org.org_id, by: caller.userId, controlId: body.controlId, reason: body.reason, expires }, 'posture exemption made');
    res.status(201).json((await exemptionDtos(org.org_id, [row], day))[0]);
  });

  r.delete('/exemptions/:id', async (req, res) => {
    const caller = requireOrgAdmin(req);
    const org = requireOrg(req);
    const id = z.uuid('exemption ids are UUIDs').parse(req.params.id);
    const day = today();
    if (!(await getExemption(ctx.store.db, org.org_id, id))) throw notFound('No such exemption in this organization');
    const row = (await revokeExemption(ctx.store.db, org.org_id, id, caller.userId, day))!;
    ctx.log.info({ orgId: org.org_id, by: caller.userId, exemptionId: id }, 'posture exemption revoked');
    res.json((await exemptionDtos(org.org_id, [row], day))[0]);
  });

  return r;
}
