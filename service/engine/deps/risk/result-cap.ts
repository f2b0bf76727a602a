// Outcomes other than fail (pass, not applicable, not available) kept per rule by the package
// scanners: a lockfile of 100,000 entries would otherwise give 100,000 results per rule. Findings are
// never capped; past the cap a rule's remaining outcomes are dropped with one warning, so a dropped
// outcome reads as "not recorded", never as a pass.
import type { RuleResult, Warn } from '../../types';

export const MAX_RESULTS_PER_RULE = 2000;

export class ResultCap {
  private readonly perRule = new Map<string, number>();
  private warned = false;

  constructor(
    private readonly warn: Warn | undefined,
    private readonly max = MAX_RESULTS_PER_RULE,
  ) {}

  /** True when this rule keeps no more results (checked before building one). */
  isFull(ruleId: string): boolean {
    if ((this.perRule.get(ruleId) ?? 0) < this.max) return false;
    this.admit({ ruleId });
    return true;
  }

  /** True when one more result of this rule may be kept (counts it). */
  admit(result: Pick<RuleResult, 'ruleId'>): boolean {
    const n = this.perRule.get(result.ruleId) ?? 0;
    if (n >= this.max) {
      if (!this.warned) {
        this.warned = true;
        this.warn?.({ code: 'results-capped', message: `More than ${this.max} packages: only the first ${this.max} outcomes other than findings are recorded per rule (every finding is).` });
      }
      return false;
    }
    this.perRule.set(result.ruleId, n + 1);
    return true;
  }
}
