// The shape every upstream ESLint rule takes as a Vigil rule: the ESLint rule name it runs, and the
// upstream documentation page as its help link.
import type { CodeRule } from '../../types';

export type EslintRuleSpec = Omit<CodeRule, 'language' | 'upstream' | 'helpUri' | 'taint'>;

const DOCS: [prefix: string, url: (name: string) => string][] = [
  ['@microsoft/sdl/', (n) => `https://github.com/microsoft/eslint-plugin-sdl/blob/main/docs/rules/${n}.md`],
  ['security/', (n) => `https://github.com/eslint-community/eslint-plugin-security/blob/main/docs/rules/${n}.md`],
  ['no-unsanitized/', (n) => `https://github.com/mozilla/eslint-plugin-no-unsanitized/blob/main/docs/rules/${n}.md`],
  ['', (n) => `https://eslint.org/docs/latest/rules/${n}`],
];

/** A Vigil rule that runs the ESLint rule `eslintName` (as ESLint reports it: `security/detect-child-process`, `no-eval`). */
export function eslintRule(eslintName: string, spec: EslintRuleSpec): CodeRule {
  const [prefix, url] = DOCS.find(([p]) => eslintName.startsWith(p))!;
  return { ...spec, language: 'javascript', upstream: { type: 'eslint', id: eslintName }, helpUri: url(eslintName.slice(prefix.length)) };
}
