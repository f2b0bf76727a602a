// Which ESLint rule runs which Vigil rule: upstream rules by their ESLint name, taint rules as
// `vigil-taint/<name>`. Free of ESLint itself, so the thread that only hands files to workers
// does not load it.
import type { CodeRule } from '../types';
import { eslintRules } from './rules';
import { jsTaintRules } from './taint';

export const TAINT_PREFIX = 'vigil-taint/';

/** Vigil rule by the ESLint rule name it runs. */
export const ruleByEslintName: ReadonlyMap<string, CodeRule> = new Map([
  ...eslintRules.map((r) => [r.upstream!.id, r] as const),
  ...jsTaintRules.map((t) => [TAINT_PREFIX + t.name, t.rule] as const),
]);

/** The ESLint rule names that run the given Vigil rules (all when `only` is undefined), sorted. */
export function eslintNamesFor(only?: ReadonlySet<string> | readonly string[]): string[] {
  const wanted = only ? new Set(only) : undefined;
  return [...ruleByEslintName].filter(([, rule]) => !wanted || wanted.has(rule.id)).map(([name]) => name).sort();
}
