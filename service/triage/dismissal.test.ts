import type { FindingState } from '../contract/vocabulary';
import {
  dayOf,
  hasLapsed,
  isActiveDismissal,
  planDismiss,
  planExpiry,
  planReopen,
  presentState,
  stateAfterDismiss,
  stateAfterReopen,
  type Dismissal,
  type DismissalSubject,
} from './dismissal';

const TODAY = '2025-06-15';
const dismissal = (extra: Partial<Dismissal> = {}): Dismissal => ({ reason: 'accepted-risk', by: 'u1', at: '2025-06-01T10:00:00.000Z', ...extra });

describe('isActiveDismissal and hasLapsed', () => {
  test.each<[string, Dismissal | null | undefined, boolean, boolean]>([
    ['none', null, false, false],
    ['undefined', undefined, false, false],
    ['no expiry', dismissal(), true, false],
    ['expires later', dismissal({ expires: '2025-07-01' }), true, false],
    ['expires today (inclusive)', dismissal({ expires: TODAY }), true, false],
    ['expired yesterday, not yet recorded', dismissal({ expires: '2025-06-14' }), false, true],
    ['expired and recorded', dismissal({ expires: '2025-06-14', expired: true }), false, false],
    ['marked expired without a date', dismissal({ expired: true }), false, false],
  ])('%s', (_name, d, active, lapsed) => {
    expect(isActiveDismissal(d, TODAY)).toBe(active);
    expect(hasLapsed(d, TODAY)).toBe(lapsed);
  });
});

test('dayOf is the UTC day', () => {
  expect(dayOf(new Date('2025-06-15T23:59:59.999Z'))).toBe('2025-06-15');
  expect(dayOf(new Date('2025-06-16T00:30:00+02:00'))).toBe('2025-06-15');
});

describe('presentState', () => {
  test.each<[string, Dismissal | null, boolean, FindingState]>([
    ['plain', null, false, 'open'],
    ['suppressed in the repository', null, true, 'suppressed'],
    ['dismissed', dismissal(), false, 'dismissed'],
    ['dismissed wins over suppressed', dismissal(), true, 'dismissed'],
    ['lapsed dismissal', dismissal({ expires: '2025-01-01' }), false, 'open'],
    ['lapsed dismissal, suppressed', dismissal({ expires: '2025-01-01' }), true, 'suppressed'],
    ['expired dismissal', dismissal({ expired: true }), false, 'open'],
  ])('%s', (_name, d, suppressed, state) => {
    expect(presentState(d, suppressed, TODAY)).toBe(state);
  });
});

describe('state after dismiss and reopen', () => {
  test.each<[FindingState, FindingState, FindingState, FindingState]>([
    // state, after dismiss, after reopen (not suppressed), after reopen (suppressed)
    ['open', 'dismissed', 'open', 'open'],
    ['suppressed', 'dismissed', 'suppressed', 'suppressed'],
    ['dismissed', 'dismissed', 'open', 'suppressed'],
    ['fixed', 'fixed', 'fixed', 'fixed'],
  ])('%s', (state, dismissed, reopened, reopenedSuppressed) => {
    expect(stateAfterDismiss(state)).toBe(dismissed);
    expect(stateAfterReopen(state, false)).toBe(reopened);
    expect(stateAfterReopen(state, true)).toBe(reopenedSuppressed);
  });
});

describe('plans over the locations of an alert', () => {
  const locations: DismissalSubject[] = [
    { findingId: 'a', state: 'open', dismissal: null, suppressed: false },
    { findingId: 'b', state: 'suppressed', dismissal: null, suppressed: true },
    { findingId: 'c', state: 'fixed', dismissal: null, suppressed: false },
  ];

  test('dismiss: every location carries the dismissal; fixed stays fixed', () => {
    const d = dismissal({ reason: 'used-in-tests' });
    expect(planDismiss(locations, d)).toEqual([
      { findingId: 'a', state: 'dismissed', dismissal: d },
      { findingId: 'b', state: 'dismissed', dismissal: d },
      { findingId: 'c', state: 'fixed', dismissal: d },
    ]);
  });

  test('reopen: the dismissal goes, dismissed locations return to what the repository says', () => {
    const d = dismissal();
    const dismissed = planDismiss(locations, d).map((c, i) => ({ ...c, suppressed: locations[i].suppressed }));
    expect(planReopen(dismissed)).toEqual([
      { findingId: 'a', state: 'open', dismissal: null },
      { findingId: 'b', state: 'suppressed', dismissal: null },
      { findingId: 'c', state: 'fixed', dismissal: null },
    ]);
  });

  test('expiry: only lapsed dismissals change, and the record says they expired', () => {
    const lapsed = dismissal({ expires: '2025-06-01' });
    const current = dismissal({ expires: '2025-12-31' });
    const subjects: DismissalSubject[] = [
      { findingId: 'lapsed-open', state: 'dismissed', dismissal: lapsed, suppressed: false },
      { findingId: 'lapsed-suppressed', state: 'dismissed', dismissal: lapsed, suppressed: true },
      { findingId: 'lapsed-fixed', state: 'fixed', dismissal: lapsed, suppressed: false },
      { findingId: 'current', state: 'dismissed', dismissal: current, suppressed: false },
      { findingId: 'already-expired', state: 'open', dismissal: { ...lapsed, expired: true }, suppressed: false },
      { findingId: 'none', state: 'open', dismissal: null, suppressed: false },
    ];
    expect(planExpiry(subjects, TODAY)).toEqual([
      { findingId: 'lapsed-open', state: 'open', dismissal: { ...lapsed, expired: true } },
      { findingId: 'lapsed-suppressed', state: 'suppressed', dismissal: { ...lapsed, expired: true } },
      { findingId: 'lapsed-fixed', state: 'fixed', dismissal: { ...lapsed, expired: true } },
    ]);
  });
});
