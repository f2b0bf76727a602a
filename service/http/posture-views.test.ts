// The posture figures: a control's verdict never mixes not available into pass or fail, exempted fails
// are their own count, and the summary's groups add up to the totals.
import { postureControls } from '../posture/controls';
import type { PostureCountRow } from '../store/posture';
import { controlOutcome, postureSummary, zeroCounts } from './posture-views';

const counts = (c: Partial<ReturnType<typeof zeroCounts>>) => ({ ...zeroCounts(), ...c });

describe('posture views', () => {
  test.each([
    [{ fail: 1, exempted: 1, notAvailable: 1, pass: 1 }, 'fail'],
    [{ exempted: 2, pass: 3 }, 'exempted'],
    [{ notAvailable: 1, pass: 5 }, 'not-available'],
    [{ pass: 1, notApplicable: 3 }, 'pass'],
    [{ notApplicable: 2 }, 'not-applicable'],
    [{}, 'not-applicable'],
  ] as const)('control verdict of %j is %s', (c, outcome) => {
    expect(controlOutcome(counts(c), true)).toBe(outcome);
  });

  test('before any assessment every control is not available, never passed', () => {
    expect(controlOutcome(counts({}), false)).toBe('not-available');
    const s = postureSummary({ controls: postureControls, rows: [], inProgress: true });
    expect(s.totals.controls.notAvailable).toBe(postureControls.length);
    expect(s.totals.controls.pass).toBe(0);
  });

  test('groups add up to the totals; projects count their own objects', () => {
    const [a, b] = postureControls;
    const rows: PostureCountRow[] = [
      { ruleId: a.meta.id, projectId: 'p1', projectName: 'Storefront', outcome: 'fail', exempted: false, n: 2 },
      { ruleId: a.meta.id, projectId: 'p1', projectName: 'Storefront', outcome: 'fail', exempted: true, n: 1 },
      { ruleId: b.meta.id, projectId: null, projectName: null, outcome: 'not-available', exempted: false, n: 1 },
      { ruleId: b.meta.id, projectId: 'p2', projectName: 'Platform', outcome: 'pass', exempted: false, n: 4 },
    ];
    const s = postureSummary({
      controls: postureControls,
      rows,
      inProgress: false,
      lastAssessment: {
        id: 'x', trigger: 'manual', state: 'done', startedAt: '2026-12-07T00:00:00.000Z', controls: postureControls.length,
        counts: counts({}), newFailures: 0, fixed: 0, changes: { newFailures: [], fixed: [] },
        areas: [{ area: 'audit', label: 'Auditing', state: 'not-available', reason: { code: 'missing-scope', text: 'no' }, missingScope: { scope: 'vso.auditlog', label: 'Audit Log (Read)' } }],
      },
    });
    expect(s.totals.results).toEqual({ pass: 4, fail: 2, exempted: 1, notApplicable: 0, notAvailable: 1 });
    const sum = (k: 'fail' | 'pass') => s.byArea.reduce((n, g) => n + g.results[k], 0);
    expect([sum('fail'), sum('pass')]).toEqual([2, 4]);
    expect(s.byArea.reduce((n, g) => n + g.controls.fail + g.controls.exempted + g.controls.notAvailable + g.controls.pass + g.controls.notApplicable, 0)).toBe(postureControls.length);
    expect(s.byProject).toEqual([
      { projectId: 'p2', projectName: 'Platform', results: counts({ pass: 4 }) },
      { projectId: 'p1', projectName: 'Storefront', results: counts({ fail: 2, exempted: 1 }) },
    ]);
    expect(s.notAvailableAreas.map((a) => a.missingScope?.scope)).toEqual(['vso.auditlog']);
  });
});
