// The one shape of a posture control (ARCHITECTURE.md, STYLE.md "scorecard"): metadata, the snapshot
// area(s) it reads, a pure evaluation giving one result per ADO object with typed evidence, and its
// own examples (snapshots that must fail, pass, be not applicable, be not available).
import type { AdoObjectLocation, Evidence, Reason, RuleMeta } from '../../contract/model';
import type { Outcome } from '../../contract/vocabulary';
import type { EvaluatedOutcome, RuleExamples } from '../../engine/types';
import type { AreaName, OrgSnapshot } from '../snapshot';

/** One control's verdict on one object. */
export interface ControlResult {
  outcome: Outcome;
  /** The object judged; `url` is the ADO page where the setting is changed, when there is one. */
  object: AdoObjectLocation;
  /** The settings read and their values: what the UI shows as "why". */
  evidence: Evidence[];
  /** Set for not-available (the area or the object's facet could not be read), and said in words. */
  reason?: Reason;
  /** For a fail: what is wrong with this object, in one sentence (defaults to the control's title). */
  message?: string;
}

export interface Control {
  meta: RuleMeta & { category: 'posture' };
  /** The snapshot areas it reads; when one is not available, every result is not-available. */
  areas: readonly AreaName[];
  evaluate(snapshot: OrgSnapshot): ControlResult[];
  examples: RuleExamples<OrgSnapshot>;
}

/**
 * What a control's results on one snapshot come to, for its examples: fail when any object fails;
 * otherwise not-available when any could not be judged; otherwise pass when any passed; otherwise
 * (nothing to judge) not-applicable.
 */
export function overallOutcome(results: readonly ControlResult[]): EvaluatedOutcome {
  if (results.some((r) => r.outcome === 'fail')) return { outcome: 'fail' };
  const unavailable = results.find((r) => r.outcome === 'not-available');
  if (unavailable) return { outcome: 'not-available', reason: unavailable.reason ?? { code: 'error', text: 'Not available' } };
  if (results.some((r) => r.outcome === 'pass')) return { outcome: 'pass' };
  return { outcome: 'not-applicable' };
}
