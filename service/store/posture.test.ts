// Posture in the store: the reconcile of one assessment's outcomes (new / still failing / fixed, a fail
// back after a fix is new again, not available never fixed), exemptions (suppress, survive, lapse,
// revoke), snapshots kept per organization, and organization isolation of every read.
import { databaseKinds } from '../../test/support/databases';
import type { AdoObjectLocation, Finding } from '../contract/model';
import type { Store } from './db';
import {
  applyExemptions,
  countPostureSnapshots,
  createExemption,
  ExemptionConflict,
  latestPostureSnapshot,
  listPostureResults,
  postureCounts,
  recordPostureOutcomes,
  revokeExemption,
  startPostureAssessment,
  storePostureSnapshot,
} from './posture';
import type { ResultInput } from './results';
import { connectTestOrg, useTestStore } from './testdata/test-store';

const pipeline = (id: string, projectId = 'p1'): AdoObjectLocation => ({ kind: 'ado-object', objectKind: 'pipeline', id, name: `pipe-${id}`, project: { id: projectId, name: projectId } });
const fail = (ruleId: string, id: string, projectId = 'p1'): Finding => ({
  ruleId,
  title: `${ruleId} title`,
  severity: 'high',
  category: 'posture',
  confidence: 'high',
  message: `pipe-${id} fails`,
  location: pipeline(id, projectId),
  fingerprint: `${ruleId}-${id}`,
  details: { evidence: [{ label: 'Setting', value: 'off' }] },
  remediation: 'Turn it on',
});
const result = (ruleId: string, id: string, outcome: ResultInput['outcome'] = 'pass'): ResultInput => ({
  ruleId,
  category: 'posture',
  outcome,
  location: pipeline(id),
  subjectKey: `${ruleId}-${id}`,
  projectId: 'p1',
  evidence: [],
  ...(outcome === 'not-available' ? { reason: { code: 'forbidden', text: 'HTTP 403' } } : {}),
});
const TODAY = '2026-12-07';

describe.each(databaseKinds)('posture store on %s', (kind) => {
  const openStoreOf = useTestStore(kind);
  let store: Store;
  beforeAll(() => {
    store = openStoreOf();
  });

  async function assess(orgId: string, findings: Finding[], results: ResultInput[], today = TODAY, unjudged?: { rules: Set<string>; subjects: Set<string>; secrets?: boolean }) {
    const id = await startPostureAssessment(store.db, orgId, 'manual');
    return recordPostureOutcomes(store.db, orgId, id, { findings, results }, today, new Date(), unjudged);
  }
  const states = async (orgId: string) =>
    Object.fromEntries(
      (await store.db.selectFrom('findings').select(['fingerprint', 'state']).where('org_id', '=', orgId).where('category', '=', 'posture').execute()).map((r) => [r.fingerprint, r.state]),
    );

  test('new, still failing, fixed, and back again', async () => {
    const { org_id: org } = await connectTestOrg(store, 'reconcile');
    let r = await assess(org, [fail('ADO-PIPE-1', 'a'), fail('ADO-PIPE-1', 'b')], [result('ADO-PIPE-1', 'c')]);
    expect(r.newFailures.map((c) => c.subjectKey).sort()).toEqual(['ADO-PIPE-1-a', 'ADO-PIPE-1-b']);
    r = await assess(org, [fail('ADO-PIPE-1', 'a')], [result('ADO-PIPE-1', 'b'), result('ADO-PIPE-1', 'c')]);
    expect(r.newFailures).toEqual([]);
    expect(r.fixedFailures.map((c) => c.subjectKey)).toEqual(['ADO-PIPE-1-b']);
    expect(await states(org)).toEqual({ 'ADO-PIPE-1-a': 'open', 'ADO-PIPE-1-b': 'fixed' });
    r = await assess(org, [fail('ADO-PIPE-1', 'a'), fail('ADO-PIPE-1', 'b')], [result('ADO-PIPE-1', 'c')]);
    expect(r.newFailures.map((c) => c.subjectKey)).toEqual(['ADO-PIPE-1-b']);
    const counts = await postureCounts(store.db, org, { today: TODAY });
    expect(counts.filter((c) => c.outcome === 'fail').reduce((n, c) => n + c.n, 0)).toBe(2);
    expect(counts.filter((c) => c.outcome === 'pass').reduce((n, c) => n + c.n, 0)).toBe(1);
  });

  test('not available is never fixed: a control whose area was not read, an object that could not be judged', async () => {
    const { org_id: org } = await connectTestOrg(store, 'unjudged');
    await assess(org, [fail('ADO-PIPE-1', 'a'), fail('ADO-PIPE-2', 'a')], []);
    const r = await assess(org, [], [result('ADO-PIPE-2', 'a', 'not-available')], TODAY, { rules: new Set(['ADO-PIPE-1']), subjects: new Set(['ADO-PIPE-2-a']) });
    expect(r.fixedFailures).toEqual([]);
    expect(await states(org)).toEqual({ 'ADO-PIPE-1-a': 'open', 'ADO-PIPE-2-a': 'open' });
  });

  test('an exemption suppresses the fail, survives re-assessment, lapses after its expiry and ends when revoked', async () => {
    const { org_id: org } = await connectTestOrg(store, 'exempt');
    await assess(org, [fail('ADO-PIPE-1', 'a'), fail('ADO-PIPE-1', 'b')], []);
    const e = await createExemption(store.db, org, { controlId: 'ADO-PIPE-1', subjectKey: 'ADO-PIPE-1-a', reason: 'will-fix-later', comment: 'next sprint', expires: '2026-12-10', by: 'u1' }, TODAY);
    expect(await states(org)).toEqual({ 'ADO-PIPE-1-a': 'suppressed', 'ADO-PIPE-1-b': 'open' });
    await expect(createExemption(store.db, org, { controlId: 'ADO-PIPE-1', subjectKey: 'ADO-PIPE-1-a', reason: 'will-not-fix', expires: '2026-12-31', by: 'u1' }, TODAY)).rejects.toBeInstanceOf(ExemptionConflict);
    const r = await assess(org, [fail('ADO-PIPE-1', 'a'), fail('ADO-PIPE-1', 'b')], []);
    expect(r.exempted).toBe(1);
    expect(await states(org)).toEqual({ 'ADO-PIPE-1-a': 'suppressed', 'ADO-PIPE-1-b': 'open' });
    const suppression = await store.db.selectFrom('findings').select('suppression').where('org_id', '=', org).where('fingerprint', '=', 'ADO-PIPE-1-a').executeTakeFirstOrThrow();
    expect(suppression.suppression).toEqual({ kind: 'exemption', reason: 'Will fix later: next sprint', expires: '2026-12-10' });
    const listed = await listPostureResults(store.db, org, { today: TODAY, exempted: true }, { limit: 10, offset: 0 });
    expect(listed.rows.map((x) => [x.subjectKey, x.exemption?.exemption_id])).toEqual([['ADO-PIPE-1-a', e.exemption_id]]);

    // The day after the expiry: no longer exempted in reads at once, and open again once applied.
    const later = '2026-12-11';
    expect((await listPostureResults(store.db, org, { today: later, exempted: true }, { limit: 10, offset: 0 })).total).toBe(0);
    expect(await applyExemptions(store.db, org, later)).toBe(1);
    expect(await states(org)).toEqual({ 'ADO-PIPE-1-a': 'open', 'ADO-PIPE-1-b': 'open' });
    // A lapsed exemption gives way to a new one; revoking that reopens the fail.
    const again = await createExemption(store.db, org, { controlId: 'ADO-PIPE-1', subjectKey: 'ADO-PIPE-1-a', reason: 'approved-exception', expires: '2027-01-31', by: 'u2' }, later);
    expect((await states(org))['ADO-PIPE-1-a']).toBe('suppressed');
    await revokeExemption(store.db, org, again.exemption_id, 'u2', later);
    expect((await states(org))['ADO-PIPE-1-a']).toBe('open');
  });

  test('secrets in pipeline configuration: reconciled with the posture fails, kept out of the posture changes, not fixed when unjudged', async () => {
    const { org_id: org } = await connectTestOrg(store, 'pipeline-secrets');
    const secret: Finding = {
      ...fail('SEC-GENERIC-PASSWORD', 'a'),
      category: 'secret',
      groupKey: 'secret:abc',
      fingerprint: 'sec-pipe-a-password',
      details: { secret: { preview: 'hu****ne' }, evidence: [{ label: 'Variable', value: 'feedPassword' }] },
    };
    let r = await assess(org, [fail('ADO-PIPE-1', 'a'), secret], []);
    expect(r.newFailures.map((c) => c.controlId)).toEqual(['ADO-PIPE-1']);
    const stored = await store.db.selectFrom('findings').selectAll().where('org_id', '=', org).where('category', '=', 'secret').execute();
    expect(stored.map((f) => [f.repo_id, f.group_key, f.state, f.location.kind])).toEqual([[null, 'secret:abc', 'open', 'ado-object']]);
    // The pipelines could not be read this time: the secret is neither refreshed nor fixed.
    r = await assess(org, [fail('ADO-PIPE-1', 'a')], [], TODAY, { rules: new Set(), subjects: new Set(), secrets: true });
    expect((await states(org))['ADO-PIPE-1-a']).toBe('open');
    expect((await store.db.selectFrom('findings').select('state').where('org_id', '=', org).where('category', '=', 'secret').executeTakeFirstOrThrow()).state).toBe('open');
    // Read again without it: fixed, and still not a posture change.
    r = await assess(org, [fail('ADO-PIPE-1', 'a')], []);
    expect(r.fixedFailures).toEqual([]);
    expect((await store.db.selectFrom('findings').select('state').where('org_id', '=', org).where('category', '=', 'secret').executeTakeFirstOrThrow()).state).toBe('fixed');
  });

  test('snapshots: the newest few are kept per organization', async () => {
    const { org_id: org } = await connectTestOrg(store, 'snapshots');
    for (let i = 1; i <= 4; i++) {
      const id = await startPostureAssessment(store.db, org, 'schedule');
      await storePostureSnapshot(store.db, org, id, `2026-12-0${i}T00:00:00Z`, { n: i }, 2);
    }
    expect(await countPostureSnapshots(store.db, org)).toBe(2);
    expect((await latestPostureSnapshot(store.db, org))?.snapshot).toEqual({ n: 4 });
  });

  test('organization isolation: one organization never reads or exempts another one\'s posture', async () => {
    const { org_id: a } = await connectTestOrg(store, 'iso-a');
    const { org_id: b } = await connectTestOrg(store, 'iso-b');
    await assess(a, [fail('ADO-PIPE-9', 'x')], [result('ADO-PIPE-9', 'y')]);
    expect(await postureCounts(store.db, b, { today: TODAY })).toEqual([]);
    expect((await listPostureResults(store.db, b, { today: TODAY }, { limit: 10, offset: 0 })).total).toBe(0);
    const e = await createExemption(store.db, a, { controlId: 'ADO-PIPE-9', subjectKey: 'ADO-PIPE-9-x', reason: 'not-an-issue', expires: '2026-12-31', by: 'u1' }, TODAY);
    expect(await revokeExemption(store.db, b, e.exemption_id, 'intruder', TODAY)).toBeUndefined();
    expect((await states(a))['ADO-PIPE-9-x']).toBe('suppressed');
  });
});
