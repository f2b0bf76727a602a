// Lints a snippet with the taint rules only, the way the analyser does (espree for JavaScript,
// typescript-eslint's parser for TypeScript, no repository config), for the taint tests.
import { Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import { TAINT_PLUGIN, taintPlugin } from '.';

const linter = new Linter({ configType: 'flat' });

export function lintTaint(code: string, path = 'app.js', rules?: readonly string[]): Linter.LintMessage[] {
  const names = rules ?? Object.keys(taintPlugin.rules ?? {});
  const ts = /\.[cm]?tsx?$/i.test(path);
  const config: Linter.Config[] = [
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      plugins: { [TAINT_PLUGIN]: taintPlugin },
      languageOptions: ts
        ? { parser: tsParser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: /x$/i.test(path) } } }
        : { ecmaVersion: 'latest', sourceType: /\.cjs$/i.test(path) ? 'commonjs' : 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
      rules: Object.fromEntries(names.map((n) => [`${TAINT_PLUGIN}/${n}`, 'error'])),
    },
  ];
  return linter.verify(code, config, { filename: path, allowInlineConfig: false });
}
