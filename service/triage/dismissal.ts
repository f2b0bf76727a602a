// Dismissal rules: when a dismissal holds, and what state a finding takes when it is dismissed,
// reopened, or its dismissal expires. Pure: `today` (YYYY-MM-DD, UTC) is always handed in.
import type { DismissalReason, FindingState } from '../contract/vocabulary';

export interface Dismissal {
  reason: DismissalReason;
  comment?: string;
  /** YYYY-MM-DD, inclusive: the dismissal holds through that day, then the finding reopens. */
  expires?: string;
  by: string;
  byName?: string;
  at: string;
  /** Set when the expiry passed and the finding reopened; kept for the record. */
  expired?: boolean;
}

/** The UTC day of an instant, as dismissal expiries are written. */
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);

export const isActiveDismissal = (d: Dismissal | null | undefined, today: string): d is Dismissal =>
  !!d && !d.expired && (!d.expires || d.expires >= today);

/** The expiry passed but the record does not say so yet. */
export const hasLapsed = (d: Dismissal | null | undefined, today: string): d is Dismissal =>
  !!d && !d.expired && !!d.expires && d.expires < today;

/** A finding's state while the latest scan still reports it. */
export function presentState(dismissal: Dismissal | null | undefined, suppressed: boolean, today: string): FindingState {
  if (isActiveDismissal(dismissal, today)) return 'dismissed';
  return suppressed ? 'suppressed' : 'open';
}

/** Dismissing covers every location of the alert; a fixed location stays fixed. */
export const stateAfterDismiss = (state: FindingState): FindingState => (state === 'fixed' ? 'fixed' : 'dismissed');

/** Reopening (by hand or by expiry): a dismissed location goes back to suppressed or open; others keep their state. */
export const stateAfterReopen = (state: FindingState, suppressed: boolean): FindingState =>
  state === 'dismissed' ? (suppressed ? 'suppressed' : 'open') : state;

/** One stored location of an alert, as the dismissal rules need it. */
export interface DismissalSubject {
  findingId: string;
  state: FindingState;
  dismissal: Dismissal | null;
  suppressed: boolean;
}

/** What to write for one location. */
export interface DismissalChange {
  findingId: string;
  state: FindingState;
  dismissal: Dismissal | null;
}

/** Dismiss every location of an alert with one dismissal. */
export const planDismiss = (locations: readonly DismissalSubject[], dismissal: Dismissal): DismissalChange[] =>
  locations.map((l) => ({ findingId: l.findingId, state: stateAfterDismiss(l.state), dismissal }));

/** Reopen every location of an alert: the dismissal is removed. */
export const planReopen = (locations: readonly DismissalSubject[]): DismissalChange[] =>
  locations.map((l) => ({ findingId: l.findingId, state: stateAfterReopen(l.state, l.suppressed), dismissal: null }));

/** Lapsed dismissals stop holding: the location reopens and the record says the dismissal expired. */
export const planExpiry = (locations: readonly DismissalSubject[], today: string): DismissalChange[] =>
  locations
    .filter((l) => hasLapsed(l.dismissal, today))
    .map((l) => ({ findingId: l.findingId, state: stateAfterReopen(l.state, l.suppressed), dismissal: { ...l.dismissal!, expired: true } }));
