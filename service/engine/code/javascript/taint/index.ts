// Vigil's taint rules for Node web code, as ESLint rules (plugin 'vigil-taint'). Being built.
import type { Rule } from 'eslint';
import type { CodeRule, FlowStep } from '../../types';

export interface JsTaintRule {
  rule: CodeRule;
  /** The ESLint rule name under the plugin 'vigil-taint'. */
  name: string;
  module: Rule.RuleModule;
}

export const jsTaintRules: readonly JsTaintRule[] = [];

/** The flows the taint rules recorded while linting this file, by `${name}:${line}:${column}` of the report; cleared. */
export function takeFlows(_filePath: string): Map<string, FlowStep[]> {
  return new Map();
}
