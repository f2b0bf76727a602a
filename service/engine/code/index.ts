// Code scanning (SAST): Python (Bandit's tests and taint rules over tree-sitter), JavaScript and
// TypeScript (ESLint with the SDL, security and no-unsanitized plugins, and taint rules), C#.
export { codeAnalyzers, codeRules, codeScanners } from './analyzers';
export { codeRuleFamily } from './family';
export { codeRuleMeta } from './finding';
export type { CodeHit, CodeLanguage, CodeOptions, CodeRule, LanguageAnalyzer } from './types';
