// The code rules as a RuleFamily: each example is a one-file tree run through the real scanner of its
// language (skips, parser, the rule) restricted to the rule under test.
import { scanFiles } from '../scan';
import type { EvaluatedOutcome, RuleExamples, RuleFamily, RuleUnit } from '../types';
import { codeAnalyzers, codeScanners } from './analyzers';
import { codeRuleMeta } from './finding';
import type { CodeLanguage, CodeRule, CodeSnippet } from './types';

/** Where an example lives when it does not say. */
export const DEFAULT_EXAMPLE_PATH: Record<CodeLanguage, string> = { python: 'app.py', javascript: 'app.js', csharp: 'Program.cs' };

export interface CodeExample {
  language: CodeLanguage;
  path: string;
  code: string;
}

function encode(rule: CodeRule, s: CodeSnippet): string {
  const e: CodeExample = typeof s === 'string' ? { language: rule.language, path: DEFAULT_EXAMPLE_PATH[rule.language], code: s } : { language: rule.language, ...s };
  return JSON.stringify(e);
}

export function ruleExamples(rule: CodeRule): RuleExamples<string> {
  return { mustFlag: rule.examples.fail.map((s) => encode(rule, s)), mustNotFlag: rule.examples.pass.map((s) => encode(rule, s)) };
}

/** fail when the rule finds something in the example; else pass (a parse problem is kept as the reason's text). */
export async function evaluateCodeExample(ruleId: string, example: CodeExample): Promise<EvaluatedOutcome> {
  const i = codeAnalyzers.findIndex((a) => a.language === example.language);
  const scanner = codeScanners[i];
  const result = await scanFiles([{ path: example.path, content: example.code }], { scanners: [scanner], options: { [scanner.name]: { rules: [ruleId] } } });
  if (result.findings.some((f) => f.ruleId === ruleId && !f.suppressed)) return { outcome: 'fail' };
  const problems = result.warnings.map((w) => `${w.path ?? ''} ${w.message}`).join('; ');
  return { outcome: 'pass', ...(problems ? { reason: { code: 'parse-error', text: problems.slice(0, 2000) } } : {}) };
}

export const codeUnits: readonly RuleUnit<string>[] = codeAnalyzers.flatMap((a) => a.rules.map((rule) => ({ meta: codeRuleMeta(rule), examples: ruleExamples(rule) })));

export const codeRuleFamily: RuleFamily<string> = {
  name: 'code',
  title: 'Code',
  category: 'code',
  units: codeUnits,
  evaluate: (unit, input) => evaluateCodeExample(unit.meta.id, JSON.parse(input) as CodeExample),
};
