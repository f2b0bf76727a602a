// Reconcile rules: given what is stored for a repository and what the latest scan reports, decide
// which findings are new, which are still present (and in what state), and which are fixed.
// Identity is the fingerprint, never the line. Pure: ids and `today` are handed in.
import type { Finding } from '../contract/model';
import type { FindingState } from '../contract/vocabulary';
import { isActiveDismissal, presentState, type Dismissal } from './dismissal';

/** A stored finding of the repository being reconciled. */
export interface ExistingFinding {
  findingId: string;
  fingerprint: string;
  state: FindingState;
  dismissal: Dismissal | null;
  groupKey: string;
}

/** A dismissal stored on some location of a group, anywhere in the organization. */
export interface GroupDismissal {
  groupKey: string;
  dismissal: Dismissal;
}

export interface FindingInsert {
  findingId: string;
  groupKey: string;
  finding: Finding;
  state: FindingState;
  dismissal: Dismissal | null;
}

export interface FindingRefresh {
  findingId: string;
  groupKey: string;
  finding: Finding;
  state: FindingState;
}

export interface ReconcilePlan {
  inserts: FindingInsert[];
  /** Still reported: take the latest fields and this state (a fixed one present again reopens). */
  refreshes: FindingRefresh[];
  /** Ids of stored findings the scan no longer reports and that are not fixed yet. */
  fixed: string[];
}

export interface ReconcileInput {
  existing: readonly ExistingFinding[];
  current: readonly Finding[];
  /** Dismissals on the groups named by groupKeysToCheck; inactive ones are ignored. */
  groupDismissals: readonly GroupDismissal[];
  today: string;
  newId: () => string;
}

/** One finding per fingerprint: the first reported wins. */
export function uniqueByFingerprint(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) if (!seen.has(f.fingerprint)) seen.set(f.fingerprint, f);
  return [...seen.values()];
}

/**
 * The groups whose dismissals a reconcile must look up: those of reported findings not stored yet.
 * A finding without a group key is its own group, new by definition, so nothing to look up.
 */
export function groupKeysToCheck(existing: readonly ExistingFinding[], current: readonly Finding[]): string[] {
  const stored = new Set(existing.map((e) => e.fingerprint));
  const keys = new Set<string>();
  for (const f of current) if (f.groupKey && !stored.has(f.fingerprint)) keys.add(f.groupKey);
  return [...keys];
}

/** The dismissal that holds for each group: the most recent active one. */
function activeByGroup(dismissals: readonly GroupDismissal[], today: string): Map<string, Dismissal> {
  const byGroup = new Map<string, Dismissal>();
  for (const { groupKey, dismissal } of dismissals) {
    if (!isActiveDismissal(dismissal, today)) continue;
    const held = byGroup.get(groupKey);
    if (!held || dismissal.at > held.at) byGroup.set(groupKey, dismissal);
  }
  return byGroup;
}

export function planReconcile(input: ReconcileInput): ReconcilePlan {
  const current = uniqueByFingerprint(input.current);
  const existingByFingerprint = new Map(input.existing.map((e) => [e.fingerprint, e]));
  const dismissedGroups = activeByGroup(input.groupDismissals, input.today);

  const inserts: FindingInsert[] = [];
  const refreshes: FindingRefresh[] = [];
  for (const finding of current) {
    const stored = existingByFingerprint.get(finding.fingerprint);
    if (stored) {
      refreshes.push({
        findingId: stored.findingId,
        groupKey: finding.groupKey ?? stored.groupKey,
        finding,
        // A dismissal holds while the finding is present; a lapsed one no longer does.
        state: presentState(stored.dismissal, !!finding.suppressed, input.today),
      });
      continue;
    }
    const findingId = input.newId();
    const groupKey = finding.groupKey ?? findingId;
    // A new location of an alert dismissed elsewhere in the organization starts dismissed.
    const dismissal = dismissedGroups.get(groupKey) ?? null;
    inserts.push({ findingId, groupKey, finding, state: presentState(dismissal, !!finding.suppressed, input.today), dismissal });
  }

  const reported = new Set(current.map((f) => f.fingerprint));
  // Gone from the default branch: fixed, whatever it was (a dismissal is kept for the record).
  const fixed = input.existing.filter((e) => !reported.has(e.fingerprint) && e.state !== 'fixed').map((e) => e.findingId);
  return { inserts, refreshes, fixed };
}
