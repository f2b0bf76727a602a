// DevOps posture through the service: connect queues an assessment (the connect answer names the PAT
// scopes posture lacks), the assessment collects the fake organization and stores its outcomes, the
// /api/v1/posture routes answer by the contract (summary, controls, one control, history), exemptions
// suppress a fail and survive a re-assessment, and the rights hold: project members read their
// project only, writes need an administrator, and one organization never reads another's posture.
import { z } from 'zod';
import {
  connectResponseSchema,
  exemptionDtoSchema,
  pagedSchema,
  postureAssessmentDtoSchema,
  postureControlDetailSchema,
  postureControlsResponseSchema,
  postureSummarySchema,
  triggerPostureResponseSchema,
  type PostureAssessmentDto,
} from '../../service/contract/api';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';
import { contractApi } from './contract';

const assessmentsPage = pagedSchema(postureAssessmentDtoSchema);
const exemptionsPage = pagedSchema(exemptionDtoSchema);
const STOREFRONT = '4df10531-7bba-4f8a-bb7a-96df392d15f3';

describe.each(databaseKinds)('DevOps posture through the service on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;

  const assessments = async (orgName = 'contoso', user = stack.users.admin) =>
    (await api.ok(assessmentsPage, user, 'GET', '/api/v1/posture/assessments', undefined, orgName)).body.items;
  const waitForAssessments = (count: number, orgName = 'contoso', user = stack.users.admin): Promise<PostureAssessmentDto[]> =>
    waitFor(
      () => `${count} finished posture assessment(s) of ${orgName}`,
      async () => {
        const items = await assessments(orgName, user);
        return items.filter((a) => a.state !== 'running').length >= count && items;
      },
      90_000,
      250,
    );

  beforeAll(async () => {
    stack = await startStack({ database: kind, env: { VIGIL_POSTURE_CRON: 'off' } });
    api = contractApi(stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  test('connect names no posture scope gap for a full PAT and assesses the organization', async () => {
    const res = await api.ok(connectResponseSchema, stack.users.admin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.org.url, pat: stack.fakeAdo.pats.full });
    expect(res.status).toBe(201);
    expect(res.body.postureScopeGaps).toEqual([]);
    const [first] = await waitForAssessments(1);
    expect(first).toMatchObject({ trigger: 'connect', state: 'done' });
    expect(first.controls).toBeGreaterThan(0);
    expect(first.counts.fail).toBeGreaterThan(0);
    // The first assessment finds every failure new.
    expect(first.newFailures).toBe(first.counts.fail);
    expect(first.fixed).toBe(0);
    expect(first.areas.map((a) => a.area)).toContain('orgPolicies');
  }, 120_000);

  test('summary, controls and one control follow the contract and agree with each other', async () => {
    const summary = (await api.ok(postureSummarySchema, stack.users.admin, 'GET', '/api/v1/posture/summary')).body;
    expect(summary.lastAssessment?.state).toBe('done');
    const controls = (await api.ok(postureControlsResponseSchema, stack.users.admin, 'GET', '/api/v1/posture/controls')).body.items;
    const fails = controls.reduce((n, c) => n + c.counts.fail, 0);
    expect(fails).toBe(summary.totals.results.fail);
    expect(summary.byArea.reduce((n, a) => n + a.results.fail, 0)).toBe(fails);
    expect(controls.filter((c) => c.outcome === 'fail').length).toBe(summary.totals.controls.fail);
    const failing = controls.find((c) => c.outcome === 'fail')!;
    expect(failing.failing.length).toBeGreaterThan(0);
    expect(failing.failing.every((r) => r.outcome === 'fail' && r.evidence.length >= 0 && r.subjectKey)).toBe(true);

    const detail = (await api.ok(postureControlDetailSchema, stack.users.admin, 'GET', `/api/v1/posture/controls/${failing.id}?limit=500`)).body;
    const total = failing.counts.pass + failing.counts.fail + failing.counts.exempted + failing.counts.notApplicable + failing.counts.notAvailable;
    expect(detail.results.total).toBe(total);
    expect(detail.results.items[0].outcome).toBe('fail');

    // Filters: only failing high or critical controls.
    const high = (await api.ok(postureControlsResponseSchema, stack.users.admin, 'GET', '/api/v1/posture/controls?severity=critical,high&outcome=fail')).body.items;
    expect(high.every((c) => (c.severity === 'critical' || c.severity === 'high') && c.outcome === 'fail')).toBe(true);
    expect((await api.problem(stack.users.admin, 'GET', '/api/v1/posture/controls?severity=urgent')).status).toBe(400);
    expect((await api.problem(stack.users.admin, 'GET', '/api/v1/posture/controls/ADO-NOPE-1')).status).toBe(404);
  });

  test('an exemption suppresses one fail, survives a re-assessment, and its revocation reopens it', async () => {
    const controls = (await api.ok(postureControlsResponseSchema, stack.users.admin, 'GET', '/api/v1/posture/controls?outcome=fail')).body.items;
    const control = controls[0];
    const target = control.failing[0];
    const bad = await api.problem(stack.users.admin, 'POST', '/api/v1/posture/exemptions', { controlId: control.id, subjectKey: target.subjectKey, reason: 'because' });
    expect(bad.status).toBe(400);
    expect((await api.problem(stack.users.admin, 'POST', '/api/v1/posture/exemptions', { controlId: control.id, subjectKey: 'nothing-here', reason: 'will-fix-later' })).status).toBe(404);
    expect((await api.problem(stack.users.admin, 'POST', '/api/v1/posture/exemptions', { controlId: control.id, subjectKey: target.subjectKey, reason: 'will-fix-later', expires: '2001-01-01' })).status).toBe(400);

    const made = await api.ok(exemptionDtoSchema, stack.users.admin, 'POST', '/api/v1/posture/exemptions', { controlId: control.id, subjectKey: target.subjectKey, reason: 'approved-exception', comment: 'CAB-1234' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'active', reason: 'approved-exception', controlId: control.id });
    // The default expiry follows the severity ladder.
    const days = { critical: 7, high: 30, medium: 60, low: 90, info: 90 }[control.severity];
    expect(made.body.expires).toBe(new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10));
    expect((await api.problem(stack.users.admin, 'POST', '/api/v1/posture/exemptions', { controlId: control.id, subjectKey: target.subjectKey, reason: 'will-not-fix' })).status).toBe(409);

    const exempted = async () => (await api.ok(postureControlDetailSchema, stack.users.admin, 'GET', `/api/v1/posture/controls/${control.id}?exempted=true`)).body;
    let view = await exempted();
    expect(view.results.items.map((r) => r.subjectKey)).toEqual([target.subjectKey]);
    expect(view.control.counts.exempted).toBe(1);
    expect(view.control.counts.fail).toBe(control.counts.fail - 1);

    // Run now: the second assessment changes nothing, and the exemption still holds.
    expect((await api.ok(triggerPostureResponseSchema, stack.users.admin, 'POST', '/api/v1/posture/assessments')).status).toBe(202);
    // Waiting or running, until it is done.
    const busy = (await api.ok(postureSummarySchema, stack.users.admin, 'GET', '/api/v1/posture/summary')).body;
    expect(busy.inProgress || busy.lastAssessment?.trigger === 'manual').toBe(true);
    const [second] = await waitForAssessments(2);
    expect(second).toMatchObject({ trigger: 'manual', state: 'done', newFailures: 0, fixed: 0 });
    expect((await api.ok(postureSummarySchema, stack.users.admin, 'GET', '/api/v1/posture/summary')).body.inProgress).toBe(false);
    expect(second.counts.exempted).toBe(1);
    view = await exempted();
    expect(view.results.items.map((r) => r.subjectKey)).toEqual([target.subjectKey]);

    const list = (await api.ok(exemptionsPage, stack.users.admin, 'GET', '/api/v1/posture/exemptions?status=active')).body;
    expect(list.items.map((e) => e.id)).toEqual([made.body.id]);
    expect(list.items[0].object?.id).toBe(target.object.id);
    const revoked = await api.ok(exemptionDtoSchema, stack.users.admin, 'DELETE', `/api/v1/posture/exemptions/${made.body.id}`);
    expect(revoked.body.status).toBe('revoked');
    view = await exempted();
    expect(view.results.total).toBe(0);
    expect(view.control.counts.fail).toBe(control.counts.fail);
  }, 120_000);

  test('rights: project members read their project only; every write needs an administrator', async () => {
    const { dev } = stack.users;
    expect((await api.problem(dev, 'GET', '/api/v1/posture/summary')).status).toBe(403);
    expect((await api.problem(dev, 'GET', '/api/v1/posture/controls')).status).toBe(403);
    const mine = (await api.ok(postureSummarySchema, dev, 'GET', `/api/v1/posture/summary?project=${STOREFRONT}`)).body;
    expect(mine.byProject.every((p) => p.projectId === STOREFRONT)).toBe(true);
    expect(mine.lastAssessment?.changes.newFailures.every((c) => c.object.project?.id === STOREFRONT)).toBe(true);
    const controls = (await api.ok(postureControlsResponseSchema, dev, 'GET', `/api/v1/posture/controls?project=${STOREFRONT}`)).body.items;
    const results = controls.flatMap((c) => c.failing);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.projectId === STOREFRONT)).toBe(true);
    expect((await api.problem(dev, 'POST', '/api/v1/posture/assessments')).status).toBe(403);
    expect((await api.problem(dev, 'GET', '/api/v1/posture/assessments')).status).toBe(403);
    expect((await api.problem(dev, 'GET', '/api/v1/posture/exemptions')).status).toBe(403);
    expect((await api.problem(dev, 'POST', '/api/v1/posture/exemptions', { controlId: results[0].controlId, subjectKey: results[0].subjectKey, reason: 'not-an-issue' })).status).toBe(403);
    expect((await api.problem(dev, 'DELETE', '/api/v1/posture/exemptions/00000000-0000-0000-0000-000000000000')).status).toBe(403);
  });

  test('org isolation: fabrikam never reads nor changes contoso posture', async () => {
    const { fabrikamAdmin, admin } = stack.users;
    const contosoControls = (await api.ok(postureControlsResponseSchema, admin, 'GET', '/api/v1/posture/controls?outcome=fail')).body.items;
    const theirs = contosoControls[0].failing[0];
    await api.ok(z.any(), fabrikamAdmin, 'POST', '/api/v1/organization/connect', { organizationUrl: stack.fakeAdo.orgUrl('fabrikam'), pat: stack.fakeAdo.pats.fabrikam }, 'fabrikam');
    await waitForAssessments(1, 'fabrikam', fabrikamAdmin);
    const controls = (await api.ok(postureControlsResponseSchema, fabrikamAdmin, 'GET', '/api/v1/posture/controls', undefined, 'fabrikam')).body.items;
    const contosoKeys = new Set(contosoControls.flatMap((c) => c.failing.map((r) => r.subjectKey)));
    expect(controls.flatMap((c) => c.failing).some((r) => contosoKeys.has(r.subjectKey))).toBe(false);
    expect(controls.flatMap((c) => c.failing).every((r) => r.object.project?.id !== STOREFRONT)).toBe(true);
    const history = await assessments('fabrikam', fabrikamAdmin);
    const contosoIds = new Set((await assessments()).map((a) => a.id));
    expect(history.some((a) => contosoIds.has(a.id))).toBe(false);
    // contoso's pair is not fabrikam's to exempt; contoso's exemption ids are not fabrikam's to revoke.
    expect((await api.problem(fabrikamAdmin, 'POST', '/api/v1/posture/exemptions', { controlId: theirs.controlId, subjectKey: theirs.subjectKey, reason: 'not-an-issue' }, 'fabrikam')).status).toBe(404);
    const made = await api.ok(exemptionDtoSchema, admin, 'POST', '/api/v1/posture/exemptions', { controlId: theirs.controlId, subjectKey: theirs.subjectKey, reason: 'will-fix-later' });
    expect((await api.problem(fabrikamAdmin, 'DELETE', `/api/v1/posture/exemptions/${made.body.id}`, undefined, 'fabrikam')).status).toBe(404);
    expect((await api.ok(exemptionsPage, fabrikamAdmin, 'GET', '/api/v1/posture/exemptions', undefined, 'fabrikam')).body.total).toBe(0);
  }, 120_000);
});
