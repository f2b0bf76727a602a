// The compliance checks as a catalog family: the generic rule test replays every check's examples through
// the same path the evaluation job takes (evaluatePullRequest / evaluateBranch). The catalog's outcomes
// have no "exempt": an exempt pull request is out of the checks' judgement, so it replays as not-applicable
// here, and compliance's own test replays the exempt examples against `exempt` itself.
import type { ComplianceOutcome } from '../contract/compliance-api';
import type { EvaluatedOutcome, RuleFamily } from '../engine/types';
import type { ComplianceCheck, ComplianceExample } from './check';
import { complianceChecks } from './checks';
import { evaluateBranchCheck, evaluatePullRequestChecks, type CheckEvaluation } from './evaluate';

/** One check's evaluation of one example (the branch check needs `branch` and `now`, the others `pr`). */
export function evaluateExample(check: ComplianceCheck, input: ComplianceExample): CheckEvaluation {
  if (check.subject === 'branch') {
    if (!input.branch || !input.now) throw new Error(`${check.meta.id}: an example needs a branch and a time`);
    return evaluateBranchCheck(input.branch, input.ctx, new Date(input.now));
  }
  if (!input.pr) throw new Error(`${check.meta.id}: an example needs a pull request`);
  const found = evaluatePullRequestChecks(input.pr, input.ctx).find((e) => e.result.checkId === check.meta.id);
  if (!found) throw new Error(`${check.meta.id}: the example's repository does not apply the check`);
  return found;
}

function asCatalogOutcome(e: CheckEvaluation): EvaluatedOutcome {
  const outcome: ComplianceOutcome = e.result.outcome;
  if (outcome === 'not-available') return { outcome, reason: { code: e.reasonCode ?? 'error', text: e.result.reason ?? e.result.message ?? 'Not available' } };
  return { outcome: outcome === 'exempt' ? 'not-applicable' : outcome };
}

export function makeComplianceFamily(checks: readonly ComplianceCheck[] = complianceChecks): RuleFamily<ComplianceExample> {
  const byId = new Map(checks.map((c) => [c.meta.id, c]));
  return {
    name: 'compliance',
    title: 'Pull-request compliance',
    category: 'compliance',
    units: checks.map((c) => ({ meta: c.meta, examples: c.examples })),
    evaluate(unit, input) {
      const check = byId.get(unit.meta.id);
      if (!check) throw new Error(`no compliance check ${unit.meta.id}`);
      return asCatalogOutcome(evaluateExample(check, input));
    },
  };
}
