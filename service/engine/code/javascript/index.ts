// The JavaScript/TypeScript analyser: ESLint 9 in-process with @microsoft/eslint-plugin-sdl,
// eslint-plugin-security, eslint-plugin-no-unsanitized and Vigil's taint rules, on texts only
// (no repository config, no inline config, no disk). Files go to a small pool of worker threads
// when one can be started (compiled JS), else they are linted in this thread.
import type { AnalyzeContext, CodeHit, LanguageAnalyzer, SourceText } from '../types';
import { eslintNamesFor, lintFiles } from './lint';
import { eslintRules } from './rules';
import { jsTaintRules } from './taint';

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

async function analyze(texts: Iterable<SourceText>, ctx: AnalyzeContext): Promise<CodeHit[]> {
  const names = eslintNamesFor(ctx.only);
  if (!names.length) return [];
  const hits: CodeHit[] = [];
  for (const source of texts) {
    ctx.signal?.throwIfAborted();
    const out = await lintFiles([source], names);
    hits.push(...out.hits);
    for (const w of out.warnings) ctx.warn(w.code, w.message, w.path);
  }
  return hits;
}

export const javascriptAnalyzer: LanguageAnalyzer = {
  language: 'javascript',
  scannerName: 'code-javascript',
  version: '1',
  rules: [...eslintRules, ...jsTaintRules.map((t) => t.rule)],
  wants: (path) => SOURCE.test(path) && !/\.d\.[cm]?ts$/i.test(path),
  analyze,
};
