// The IaC rules as a RuleFamily: each example (one syntax, one file or a small tree) runs through
// the real scanner (detection, parsing, normalisation, the rule) restricted to the rule under test.
import { scanFiles } from '../scan';
import type { EvaluatedOutcome, RuleExamples, RuleFamily, RuleUnit } from '../types';
import { iacRuleMeta } from './evaluate';
import { exampleFiles } from './examples';
import { iacRules } from './rules';
import { IAC_SCANNER_NAME, iacScanner } from './scanner';
import type { IacExampleInput, IacRule, IacSyntax } from './types';

/** One example as the family's input: which syntax, and the file(s). */
export interface IacExample {
  syntax: IacSyntax;
  input: IacExampleInput;
}

const encode = (syntax: IacSyntax, input: IacExampleInput): string => JSON.stringify({ syntax, input } satisfies IacExample);

export function ruleExamples(rule: IacRule): RuleExamples<string> {
  const out: RuleExamples<string> = { mustFlag: [], mustNotFlag: [], notAvailable: [] };
  for (const [syntax, set] of Object.entries(rule.examples) as [IacSyntax, NonNullable<IacRule['examples'][IacSyntax]>][]) {
    out.mustFlag.push(...set.fail.map((i) => encode(syntax, i)));
    out.mustNotFlag.push(...set.pass.map((i) => encode(syntax, i)));
    out.notAvailable!.push(...(set.unknown ?? []).map((i) => encode(syntax, i)));
  }
  return out;
}

/** What one rule gives on one example: fail, else not-available, else pass, else not-applicable (never judged). */
export async function evaluateIacExample(ruleId: string, example: IacExample): Promise<EvaluatedOutcome> {
  const files = exampleFiles(example.syntax, example.input);
  const result = await scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { scanners: [iacScanner], options: { [IAC_SCANNER_NAME]: { rules: [ruleId] } } },
  );
  if (result.findings.some((f) => f.ruleId === ruleId && !f.suppressed)) return { outcome: 'fail' };
  const mine = result.results.filter((r) => r.ruleId === ruleId);
  const unavailable = mine.find((r) => r.outcome === 'not-available');
  if (unavailable) return { outcome: 'not-available', reason: unavailable.reason };
  if (mine.some((r) => r.outcome === 'pass')) return { outcome: 'pass' };
  const problems = result.warnings.map((w) => `${w.path ?? ''} ${w.message}`).join('; ');
  return { outcome: 'not-applicable', ...(problems ? { reason: { code: 'parse-error', text: problems.slice(0, 2000) } } : {}) };
}

export const iacUnits: readonly RuleUnit<string>[] = iacRules.map((rule) => ({ meta: iacRuleMeta(rule), examples: ruleExamples(rule) }));

export const iacRuleFamily: RuleFamily<string> = {
  name: 'iac',
  title: 'Infrastructure as code',
  category: 'iac',
  units: iacUnits,
  evaluate: (unit, input) => evaluateIacExample(unit.meta.id, JSON.parse(input) as IacExample),
};
