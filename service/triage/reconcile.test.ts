import type { Finding } from '../contract/model';
import type { FindingState } from '../contract/vocabulary';
import type { Dismissal } from './dismissal';
import { groupKeysToCheck, planReconcile, uniqueByFingerprint, type ExistingFinding, type GroupDismissal, type ReconcilePlan } from './reconcile';

const TODAY = '2025-06-15';
const active: Dismissal = { reason: 'used-in-tests', by: 'u1', at: '2025-06-01T00:00:00.000Z' };
const lapsed: Dismissal = { reason: 'accepted-risk', by: 'u2', at: '2025-01-01T00:00:00.000Z', expires: '2025-03-01' };

const finding = (fingerprint: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'SEC-TEST',
  title: 'Test secret',
  severity: 'critical',
  category: 'secret',
  confidence: 'high',
  message: 'A test secret',
  location: { kind: 'file', path: 'src/app.js', line: 3 },
  fingerprint,
  remediation: 'Rotate it',
  ...extra,
});
const stored = (fingerprint: string, state: FindingState, extra: Partial<ExistingFinding> = {}): ExistingFinding => ({
  findingId: `id-${fingerprint}`,
  fingerprint,
  state,
  dismissal: null,
  groupKey: `id-${fingerprint}`,
  ...extra,
});

function plan(existing: ExistingFinding[], current: Finding[], groupDismissals: GroupDismissal[] = []): ReconcilePlan {
  let n = 0;
  return planReconcile({ existing, current, groupDismissals, today: TODAY, newId: () => `new-${++n}` });
}

/** What happened to the one finding of a case. */
type Outcome =
  | { kind: 'insert'; state: FindingState; dismissal: Dismissal | null; groupKey: string }
  | { kind: 'refresh'; state: FindingState; groupKey: string }
  | { kind: 'fixed' }
  | { kind: 'untouched' };

function outcomeOf(p: ReconcilePlan): Outcome {
  const changes = p.inserts.length + p.refreshes.length + p.fixed.length;
  if (changes > 1) throw new Error(`expected at most one change, got ${JSON.stringify(p)}`);
  if (p.inserts[0]) return { kind: 'insert', state: p.inserts[0].state, dismissal: p.inserts[0].dismissal, groupKey: p.inserts[0].groupKey };
  if (p.refreshes[0]) return { kind: 'refresh', state: p.refreshes[0].state, groupKey: p.refreshes[0].groupKey };
  if (p.fixed[0]) return { kind: 'fixed' };
  return { kind: 'untouched' };
}

const suppressed = { kind: 'inline', reason: 'test fixture' } as const;

describe('one finding through a reconcile', () => {
  test.each<[string, ExistingFinding | null, Finding | null, GroupDismissal[], Outcome]>([
    ['new: open, its own group', null, finding('f'), [], { kind: 'insert', state: 'open', dismissal: null, groupKey: 'new-1' }],
    ['new with a group key', null, finding('f', { groupKey: 'secret:h' }), [], { kind: 'insert', state: 'open', dismissal: null, groupKey: 'secret:h' }],
    ['new, suppressed in the repository', null, finding('f', { suppressed }), [], { kind: 'insert', state: 'suppressed', dismissal: null, groupKey: 'new-1' }],
    [
      'new location of a group dismissed elsewhere: starts dismissed',
      null,
      finding('f', { groupKey: 'secret:h' }),
      [{ groupKey: 'secret:h', dismissal: active }],
      { kind: 'insert', state: 'dismissed', dismissal: active, groupKey: 'secret:h' },
    ],
    [
      'new location, suppressed, of a dismissed group: dismissed',
      null,
      finding('f', { groupKey: 'secret:h', suppressed }),
      [{ groupKey: 'secret:h', dismissal: active }],
      { kind: 'insert', state: 'dismissed', dismissal: active, groupKey: 'secret:h' },
    ],
    [
      'new location of a group whose dismissal lapsed: open',
      null,
      finding('f', { groupKey: 'secret:h' }),
      [{ groupKey: 'secret:h', dismissal: lapsed }],
      { kind: 'insert', state: 'open', dismissal: null, groupKey: 'secret:h' },
    ],
    [
      'new location, another group dismissed: open',
      null,
      finding('f', { groupKey: 'secret:h' }),
      [{ groupKey: 'secret:other', dismissal: active }],
      { kind: 'insert', state: 'open', dismissal: null, groupKey: 'secret:h' },
    ],
    ['open, still present', stored('f', 'open'), finding('f'), [], { kind: 'refresh', state: 'open', groupKey: 'id-f' }],
    ['open, now suppressed', stored('f', 'open'), finding('f', { suppressed }), [], { kind: 'refresh', state: 'suppressed', groupKey: 'id-f' }],
    ['suppressed, suppression removed', stored('f', 'suppressed'), finding('f'), [], { kind: 'refresh', state: 'open', groupKey: 'id-f' }],
    ['dismissed stays dismissed while present', stored('f', 'dismissed', { dismissal: active }), finding('f'), [], { kind: 'refresh', state: 'dismissed', groupKey: 'id-f' }],
    [
      'dismissed and suppressed: dismissed',
      stored('f', 'dismissed', { dismissal: active }),
      finding('f', { suppressed }),
      [],
      { kind: 'refresh', state: 'dismissed', groupKey: 'id-f' },
    ],
    ['dismissal lapsed: reopens', stored('f', 'dismissed', { dismissal: lapsed }), finding('f'), [], { kind: 'refresh', state: 'open', groupKey: 'id-f' }],
    ['fixed, back again: reopens', stored('f', 'fixed'), finding('f'), [], { kind: 'refresh', state: 'open', groupKey: 'id-f' }],
    ['fixed while dismissed, back again: dismissed', stored('f', 'fixed', { dismissal: active }), finding('f'), [], { kind: 'refresh', state: 'dismissed', groupKey: 'id-f' }],
    [
      'still present, the scan now names a group',
      stored('f', 'open'),
      finding('f', { groupKey: 'secret:h' }),
      [],
      { kind: 'refresh', state: 'open', groupKey: 'secret:h' },
    ],
    ['open, vanished: fixed', stored('f', 'open'), null, [], { kind: 'fixed' }],
    ['suppressed, vanished: fixed', stored('f', 'suppressed'), null, [], { kind: 'fixed' }],
    ['dismissed, vanished: fixed', stored('f', 'dismissed', { dismissal: active }), null, [], { kind: 'fixed' }],
    ['already fixed, still gone: untouched', stored('f', 'fixed'), null, [], { kind: 'untouched' }],
  ])('%s', (_name, existing, current, groupDismissals, expected) => {
    expect(outcomeOf(plan(existing ? [existing] : [], current ? [current] : [], groupDismissals))).toEqual(expected);
  });
});

test('identity is the fingerprint: a moved line keeps its id and carries the new location', () => {
  const moved = finding('f', { location: { kind: 'file', path: 'src/app.js', line: 40 } });
  const p = plan([stored('f', 'open')], [moved]);
  expect(p.refreshes).toEqual([{ findingId: 'id-f', groupKey: 'id-f', finding: moved, state: 'open' }]);
});

test('a repository rescan: new, still present and fixed together', () => {
  const p = plan([stored('kept', 'open'), stored('gone', 'open'), stored('old', 'fixed')], [finding('kept'), finding('added'), finding('added2')]);
  expect(p.inserts.map((i) => [i.findingId, i.finding.fingerprint])).toEqual([
    ['new-1', 'added'],
    ['new-2', 'added2'],
  ]);
  expect(p.refreshes.map((r) => r.findingId)).toEqual(['id-kept']);
  expect(p.fixed).toEqual(['id-gone']);
});

test('the same fingerprint reported twice is one finding: the first wins', () => {
  const first = finding('f', { message: 'first' });
  expect(uniqueByFingerprint([first, finding('f', { message: 'second' }), finding('g')]).map((f) => f.message)).toEqual(['first', 'A test secret']);
  const p = plan([], [first, finding('f', { message: 'second' })]);
  expect(p.inserts).toHaveLength(1);
  expect(p.inserts[0].finding.message).toBe('first');
});

test('of several active dismissals on a group, a new location takes the most recent', () => {
  const older: Dismissal = { reason: 'false-positive', by: 'a', at: '2025-05-01T00:00:00.000Z' };
  const newer: Dismissal = { reason: 'revoked', by: 'b', at: '2025-06-10T00:00:00.000Z' };
  const p = plan([], [finding('f', { groupKey: 'g' })], [
    { groupKey: 'g', dismissal: older },
    { groupKey: 'g', dismissal: newer },
    { groupKey: 'g', dismissal: { ...lapsed, at: '2025-06-14T00:00:00.000Z' } },
  ]);
  expect(p.inserts[0].dismissal).toEqual(newer);
});

test('groupKeysToCheck names the groups of findings not stored yet, once each', () => {
  const existing = [stored('kept', 'open', { groupKey: 'secret:kept' })];
  const current = [
    finding('kept', { groupKey: 'secret:kept' }),
    finding('a', { groupKey: 'secret:x' }),
    finding('b', { groupKey: 'secret:x' }),
    finding('c', { groupKey: 'secret:y' }),
    finding('d'),
  ];
  expect(groupKeysToCheck(existing, current).sort()).toEqual(['secret:x', 'secret:y']);
  expect(groupKeysToCheck(existing, [finding('kept', { groupKey: 'secret:kept' })])).toEqual([]);
});
