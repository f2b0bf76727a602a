// The one ESLint configuration Vigil uses, built in code for a set of rules: parsers by extension,
// the three upstream plugins and Vigil's taint plugin, and nothing read from disk. The SDL plugin's
// own configs are not used: they register its bundled old eslint-plugin-security under the name
// `security` (which collides with eslint-plugin-security 4) and pull in react, n and
// typescript-eslint rules; only its rules object is registered here.
import * as path from 'node:path';
import sdlPlugin from '@microsoft/eslint-plugin-sdl';
import * as tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter, type Rule } from 'eslint';
import securityPlugin from 'eslint-plugin-security';
import noUnsanitizedPlugin from 'eslint-plugin-no-unsanitized';
import { filteredContext, REPORT_FILTERS, RULE_OPTIONS } from './rules/filters';
import { jsTaintRules } from './taint';

/** ESLint's working folder: a path that does not exist, so nothing can be read from it. */
export const VIRTUAL_ROOT = path.resolve('/', 'vigil-eslint-virtual');

export const JS_EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs'];
export const TS_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts'];

/** The globals scope-aware rules (no-eval, no-implied-eval, no-new-func) look for. */
const GLOBALS: Linter.Globals = Object.fromEntries(
  ['window', 'self', 'global', 'globalThis', 'document', 'setTimeout', 'setInterval', 'setImmediate', 'execScript', 'require', 'module', 'exports', 'process', 'Buffer'].map((g) => [g, 'readonly'] as const),
);

/**
 * A rule whose listeners cannot throw: some upstream rules crash on shapes they did not expect
 * (SDL's no-insecure-random on `require(name)`), which would lose every finding of the file.
 * A stack overflow is let through: the runner reports it as the depth bound.
 */
function guarded(rule: Rule.RuleModule, eslintName: string): Rule.RuleModule {
  const filter = REPORT_FILTERS[eslintName];
  return {
    ...rule,
    create(context) {
      let listeners: Rule.RuleListener;
      try {
        listeners = rule.create(filter ? filteredContext(context, filter) : context);
      } catch (e) {
        if (e instanceof RangeError) throw e;
        return {};
      }
      const safe: Record<string, (...args: unknown[]) => void> = {};
      for (const [selector, listener] of Object.entries(listeners)) {
        if (typeof listener !== 'function') continue;
        safe[selector] = function (this: unknown, ...args: unknown[]) {
          try {
            (listener as (...a: unknown[]) => void).apply(this, args);
          } catch (e) {
            if (e instanceof RangeError) throw e;
          }
        };
      }
      return safe as Rule.RuleListener;
    },
  };
}

function guardedPlugin(name: string, prefix: string, rules: Record<string, Rule.RuleModule>): ESLint.Plugin {
  return { meta: { name }, rules: Object.fromEntries(Object.entries(rules).map(([id, r]) => [id, guarded(r, `${prefix}/${id}`)])) };
}

let plugins: Record<string, ESLint.Plugin> | undefined;

function allPlugins(): Record<string, ESLint.Plugin> {
  plugins ??= {
    '@microsoft/sdl': guardedPlugin('@microsoft/eslint-plugin-sdl', '@microsoft/sdl', sdlPlugin.rules as Record<string, Rule.RuleModule>),
    security: guardedPlugin('eslint-plugin-security', 'security', securityPlugin.rules as Record<string, Rule.RuleModule>),
    'no-unsanitized': guardedPlugin('eslint-plugin-no-unsanitized', 'no-unsanitized', noUnsanitizedPlugin.rules as Record<string, Rule.RuleModule>),
    'vigil-taint': guardedPlugin('vigil-taint', 'vigil-taint', Object.fromEntries(jsTaintRules.map((t) => [t.name, t.module]))),
  };
  return plugins;
}

/** The flat config that turns on exactly these ESLint rules (names as ESLint reports them). */
export function flatConfig(ruleNames: readonly string[]): Linter.Config[] {
  const glob = (exts: string[]) => exts.map((e) => `**/*.${e}`);
  return [
    { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
    {
      files: glob(JS_EXTENSIONS),
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: GLOBALS, parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    // No project or projectService: no type information, so no tsconfig is ever read.
    { files: glob(TS_EXTENSIONS), languageOptions: { parser: tsParser as Linter.Parser, sourceType: 'module', globals: GLOBALS } },
    { plugins: allPlugins(), rules: Object.fromEntries(ruleNames.map((n): [string, Linter.RuleEntry] => [n, RULE_OPTIONS[n] ? ['error', ...RULE_OPTIONS[n]] : 'error'])) },
  ];
}

/** An ESLint that lints only the texts it is given: no config file, no inline config, no disk. */
export function makeEslint(ruleNames: readonly string[]): ESLint {
  return new ESLint({
    cwd: VIRTUAL_ROOT,
    overrideConfigFile: true,
    allowInlineConfig: false,
    cache: false,
    // ESLint skips node_modules by default; the scanner already decides what is vendored.
    ignorePatterns: ['!**/node_modules/'],
    overrideConfig: flatConfig(ruleNames),
  });
}
