// Vigil's taint rules for Node web code, as ESLint rules (plugin 'vigil-taint', rule ids
// `vigil-taint/<name>`). Written on ESLint rather than on the tree-sitter taint core: ESLint already
// parses every JS/TS file once (espree, or typescript-eslint's parser for TypeScript), and its scope
// manager resolves each identifier to its variable (shadowing, closures, imports), which is what an
// intra-procedural taint walk needs. Each report's flow is kept for takeFlows (see flows.ts for the keys).
import type { ESLint, Rule } from 'eslint';
import type { CodeRule } from '../../types';
import { eslintRuleOf, type TaintRuleDef } from './rule';
import { codeInjection, templateInjection } from './rules/code';
import { commandInjection } from './rules/command';
import { cookieFlags } from './rules/cookies';
import { weakHash } from './rules/crypto';
import { insecureDeserialization } from './rules/deserialize';
import { jwtDecodeWithoutVerify, jwtVerifyAlgorithms } from './rules/jwt';
import { nosqlInjection } from './rules/nosql';
import { pathTraversal } from './rules/path';
import { prototypePollution } from './rules/proto';
import { reactDangerousHtml } from './rules/react';
import { openRedirect } from './rules/redirect';
import { regexInjection } from './rules/regex';
import { sqlInjection } from './rules/sql';
import { ssrf } from './rules/ssrf';
import { reflectedXss } from './rules/xss';
import { xxe } from './rules/xxe';

export { takeFlows } from './flows';

export interface JsTaintRule {
  rule: CodeRule;
  /** The ESLint rule name under the plugin 'vigil-taint'. */
  name: string;
  module: Rule.RuleModule;
}

export const TAINT_PLUGIN = 'vigil-taint';

const defs: readonly TaintRuleDef[] = [
  commandInjection,
  codeInjection,
  templateInjection,
  sqlInjection,
  nosqlInjection,
  pathTraversal,
  openRedirect,
  reflectedXss,
  ssrf,
  regexInjection,
  prototypePollution,
  jwtVerifyAlgorithms,
  jwtDecodeWithoutVerify,
  reactDangerousHtml,
  weakHash,
  insecureDeserialization,
  xxe,
  cookieFlags,
];

export const jsTaintRules: readonly JsTaintRule[] = defs.map((d) => ({ rule: d.rule, name: d.name, module: eslintRuleOf(d, () => defs) }));

/** The rules as an ESLint plugin object, for `plugins: { 'vigil-taint': taintPlugin }`. */
export const taintPlugin: ESLint.Plugin = { meta: { name: TAINT_PLUGIN }, rules: Object.fromEntries(jsTaintRules.map((r) => [r.name, r.module])) };
